/* scorm_cmi.c: the element table of the SCORM 1.2 and 2004 runtime data models with each
 * element's type, and the checks of those types (scorm_cmi.h). An element pattern's "n" stands
 * for an index (0, 1, ...) of a collection. */
#include "tracking/scorm_cmi.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/utf8.h"
#include "tracking/validate_format.h"

enum cmi_type {
    T_READ_ONLY,    /* the LMS sets it; a SCO may only read it */
    T_STRING,       /* characters, at most max */
    T_ID12,         /* CMIIdentifier: no spaces, at most 255 */
    T_ID2004,       /* long identifier: no spaces, at most 4000 */
    T_VOCAB,        /* one of words ("a|b|c") */
    T_DECIMAL,      /* a number from min to max ("" allowed in 1.2 scores) */
    T_INTEGER,      /* a whole number from min to max */
    T_TIMESPAN12,   /* HHHH:MM:SS.SS */
    T_TIME12,       /* HH:MM:SS.SS */
    T_DURATION,     /* ISO 8601 duration */
    T_TIMESTAMP,    /* ISO 8601 date and time, SCORM 2004's form */
    T_LANGUAGE,     /* a language tag, or "" */
    T_RESULT12,     /* correct, wrong, unanticipated, neutral, or a number */
    T_RESULT2004,   /* correct, incorrect, unanticipated, neutral, or a number */
    T_NAV,          /* adl.nav.request */
};

struct cmi_element {
    const char *pattern;
    enum cmi_type type;
    const char *words;      /* T_VOCAB */
    double min, max;        /* T_DECIMAL, T_INTEGER; max is the length for T_STRING */
};

#define BIG 1e300
#define INTERACTION_TYPES12 "true-false|choice|fill-in|matching|performance|sequencing|likert|numeric"
#define INTERACTION_TYPES2004 "true-false|choice|fill-in|long-fill-in|likert|matching|performance" \
                              "|sequencing|numeric|other"

static const struct cmi_element elements12[] = {
    {"cmi.core.student_id", T_READ_ONLY, NULL, 0, 0},
    {"cmi.core.student_name", T_READ_ONLY, NULL, 0, 0},
    {"cmi.core.credit", T_READ_ONLY, NULL, 0, 0},
    {"cmi.core.entry", T_READ_ONLY, NULL, 0, 0},
    {"cmi.core.total_time", T_READ_ONLY, NULL, 0, 0},
    {"cmi.core.lesson_mode", T_READ_ONLY, NULL, 0, 0},
    {"cmi.launch_data", T_READ_ONLY, NULL, 0, 0},
    {"cmi.student_data.mastery_score", T_READ_ONLY, NULL, 0, 0},
    {"cmi.student_data.max_time_allowed", T_READ_ONLY, NULL, 0, 0},
    {"cmi.student_data.time_limit_action", T_READ_ONLY, NULL, 0, 0},
    {"cmi.comments_from_lms", T_READ_ONLY, NULL, 0, 0},
    {"cmi.core.lesson_location", T_STRING, NULL, 0, 255},
    {"cmi.core.lesson_status", T_VOCAB, "passed|completed|failed|incomplete|browsed|not attempted",
     0, 0},
    {"cmi.core.score.raw", T_DECIMAL, NULL, 0, 100},
    {"cmi.core.score.min", T_DECIMAL, NULL, 0, 100},
    {"cmi.core.score.max", T_DECIMAL, NULL, 0, 100},
    {"cmi.core.exit", T_VOCAB, "time-out|suspend|logout|", 0, 0},
    {"cmi.core.session_time", T_TIMESPAN12, NULL, 0, 0},
    {"cmi.suspend_data", T_STRING, NULL, 0, 4096},
    {"cmi.comments", T_STRING, NULL, 0, 4096},
    {"cmi.objectives.n.id", T_ID12, NULL, 0, 0},
    {"cmi.objectives.n.score.raw", T_DECIMAL, NULL, 0, 100},
    {"cmi.objectives.n.score.min", T_DECIMAL, NULL, 0, 100},
    {"cmi.objectives.n.score.max", T_DECIMAL, NULL, 0, 100},
    {"cmi.objectives.n.status", T_VOCAB,
     "passed|completed|failed|incomplete|browsed|not attempted", 0, 0},
    {"cmi.student_preference.audio", T_INTEGER, NULL, -1, 100},
    {"cmi.student_preference.language", T_STRING, NULL, 0, 255},
    {"cmi.student_preference.speed", T_INTEGER, NULL, -100, 100},
    {"cmi.student_preference.text", T_INTEGER, NULL, -1, 1},
    {"cmi.interactions.n.id", T_ID12, NULL, 0, 0},
    {"cmi.interactions.n.objectives.n.id", T_ID12, NULL, 0, 0},
    {"cmi.interactions.n.time", T_TIME12, NULL, 0, 0},
    {"cmi.interactions.n.type", T_VOCAB, INTERACTION_TYPES12, 0, 0},
    {"cmi.interactions.n.correct_responses.n.pattern", T_STRING, NULL, 0, 255},
    {"cmi.interactions.n.weighting", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.interactions.n.student_response", T_STRING, NULL, 0, 255},
    {"cmi.interactions.n.result", T_RESULT12, NULL, 0, 0},
    {"cmi.interactions.n.latency", T_TIMESPAN12, NULL, 0, 0},
};

static const struct cmi_element elements2004[] = {
    {"cmi.learner_id", T_READ_ONLY, NULL, 0, 0},
    {"cmi.learner_name", T_READ_ONLY, NULL, 0, 0},
    {"cmi.credit", T_READ_ONLY, NULL, 0, 0},
    {"cmi.entry", T_READ_ONLY, NULL, 0, 0},
    {"cmi.total_time", T_READ_ONLY, NULL, 0, 0},
    {"cmi.mode", T_READ_ONLY, NULL, 0, 0},
    {"cmi.launch_data", T_READ_ONLY, NULL, 0, 0},
    {"cmi.completion_threshold", T_READ_ONLY, NULL, 0, 0},
    {"cmi.scaled_passing_score", T_READ_ONLY, NULL, 0, 0},
    {"cmi.max_time_allowed", T_READ_ONLY, NULL, 0, 0},
    {"cmi.time_limit_action", T_READ_ONLY, NULL, 0, 0},
    {"cmi.comments_from_lms.n.comment", T_READ_ONLY, NULL, 0, 0},
    {"cmi.comments_from_lms.n.location", T_READ_ONLY, NULL, 0, 0},
    {"cmi.comments_from_lms.n.timestamp", T_READ_ONLY, NULL, 0, 0},
    {"cmi.location", T_STRING, NULL, 0, 1000},
    {"cmi.completion_status", T_VOCAB, "completed|incomplete|not attempted|unknown", 0, 0},
    {"cmi.success_status", T_VOCAB, "passed|failed|unknown", 0, 0},
    {"cmi.progress_measure", T_DECIMAL, NULL, 0, 1},
    {"cmi.score.scaled", T_DECIMAL, NULL, -1, 1},
    {"cmi.score.raw", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.score.min", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.score.max", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.exit", T_VOCAB, "time-out|suspend|logout|normal|", 0, 0},
    {"cmi.session_time", T_DURATION, NULL, 0, 0},
    {"cmi.suspend_data", T_STRING, NULL, 0, 64000},
    {"cmi.comments_from_learner.n.comment", T_STRING, NULL, 0, 4000},
    {"cmi.comments_from_learner.n.location", T_STRING, NULL, 0, 250},
    {"cmi.comments_from_learner.n.timestamp", T_TIMESTAMP, NULL, 0, 0},
    {"cmi.learner_preference.audio_level", T_DECIMAL, NULL, 0, BIG},
    {"cmi.learner_preference.language", T_LANGUAGE, NULL, 0, 0},
    {"cmi.learner_preference.delivery_speed", T_DECIMAL, NULL, 0, BIG},
    {"cmi.learner_preference.audio_captioning", T_VOCAB, "-1|0|1", 0, 0},
    {"cmi.objectives.n.id", T_ID2004, NULL, 0, 0},
    {"cmi.objectives.n.score.scaled", T_DECIMAL, NULL, -1, 1},
    {"cmi.objectives.n.score.raw", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.objectives.n.score.min", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.objectives.n.score.max", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.objectives.n.success_status", T_VOCAB, "passed|failed|unknown", 0, 0},
    {"cmi.objectives.n.completion_status", T_VOCAB, "completed|incomplete|not attempted|unknown",
     0, 0},
    {"cmi.objectives.n.progress_measure", T_DECIMAL, NULL, 0, 1},
    {"cmi.objectives.n.description", T_STRING, NULL, 0, 250},
    {"cmi.interactions.n.id", T_ID2004, NULL, 0, 0},
    {"cmi.interactions.n.type", T_VOCAB, INTERACTION_TYPES2004, 0, 0},
    {"cmi.interactions.n.objectives.n.id", T_ID2004, NULL, 0, 0},
    {"cmi.interactions.n.timestamp", T_TIMESTAMP, NULL, 0, 0},
    {"cmi.interactions.n.correct_responses.n.pattern", T_STRING, NULL, 0, 4000},
    {"cmi.interactions.n.weighting", T_DECIMAL, NULL, -BIG, BIG},
    {"cmi.interactions.n.learner_response", T_STRING, NULL, 0, 4000},
    {"cmi.interactions.n.result", T_RESULT2004, NULL, 0, 0},
    {"cmi.interactions.n.latency", T_DURATION, NULL, 0, 0},
    {"cmi.interactions.n.description", T_STRING, NULL, 0, 250},
    {"adl.nav.request", T_NAV, NULL, 0, 0},
};

/* An index segment: digits without a leading zero (but "0"), below 100000. */
static size_t index_len(const char *s)
{
    size_t n = 0;
    while (isdigit((unsigned char)s[n])) n++;
    if (n == 0 || n > 5 || (n > 1 && s[0] == '0')) return 0;
    return n;
}

static int matches(const char *pattern, const char *element)
{
    const char *p = pattern, *e = element;
    while (*p) {
        if (*p == 'n' && (p == pattern || p[-1] == '.') && (p[1] == '.' || !p[1])) {
            size_t n = index_len(e);
            if (!n) return 0;
            p++;
            e += n;
        } else if (*p++ != *e++) {
            return 0;
        }
    }
    return *e == '\0';
}

static const struct cmi_element *find(enum scorm_cmi_version v, const char *element)
{
    const struct cmi_element *t = v == SCORM_CMI_12 ? elements12 : elements2004;
    size_t n = v == SCORM_CMI_12 ? sizeof elements12 / sizeof *elements12
                                 : sizeof elements2004 / sizeof *elements2004;
    for (size_t i = 0; i < n; i++)
        if (matches(t[i].pattern, element)) return &t[i];
    return NULL;
}

enum scorm_cmi_version scorm_cmi_version_of(const char *scorm)
{
    return scorm && !strncmp(scorm, "2004", 4) ? SCORM_CMI_2004 : SCORM_CMI_12;
}

static size_t char_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static int in_words(const char *words, const char *value)
{
    size_t n = strlen(value);
    for (const char *w = words;; w++) {
        const char *end = strchr(w, '|');
        size_t len = end ? (size_t)(end - w) : strlen(w);
        if (len == n && !strncmp(w, value, n)) return 1;
        if (!end) return 0;
        w = end;
    }
}

/* A decimal number as SCORM writes it: optional sign, digits, optional fraction; no exponent. */
static int parse_decimal(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p)) p++, digits++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) p++, digits++;
    }
    if (!digits || *p) return 0;
    *out = strtod(s, NULL);
    return 1;
}

static int two_digits(const char *s, int max)
{
    return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
           (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/* "HH:MM:SS" with an optional ".S" or ".SS"; hours_min..hours_max digits of hours. */
static int64_t parse_clock(const char *s, size_t hours_min, size_t hours_max)
{
    size_t h = 0;
    int64_t hours = 0;
    while (isdigit((unsigned char)s[h])) hours = hours * 10 + (s[h] - '0'), h++;
    if (h < hours_min || h > hours_max || s[h] != ':' || !two_digits(s + h + 1, 59) ||
        s[h + 3] != ':' || !two_digits(s + h + 4, 59))
        return -1;
    int64_t cs = (hours * 3600 + ((s[h + 1] - '0') * 10 + (s[h + 2] - '0')) * 60 +
                  (s[h + 4] - '0') * 10 + (s[h + 5] - '0')) * 100;
    const char *frac = s + h + 6;
    if (!*frac) return cs;
    if (*frac != '.' || !isdigit((unsigned char)frac[1])) return -1;
    cs += (frac[1] - '0') * 10;
    if (!frac[2]) return cs;
    if (!isdigit((unsigned char)frac[2]) || frac[3]) return -1;
    return cs + (frac[2] - '0');
}

/* An ISO 8601 duration in centiseconds (a year 365 days, a month 30), or -1. */
static int64_t parse_duration(const char *s)
{
    if (!xapi_is_duration(s)) return -1;
    static const struct { char unit; int in_time; int64_t cs; } units[] = {
        {'Y', 0, 365LL * 86400 * 100}, {'M', 0, 30LL * 86400 * 100}, {'W', 0, 7LL * 86400 * 100},
        {'D', 0, 86400LL * 100}, {'H', 1, 360000}, {'M', 1, 6000}, {'S', 1, 100},
    };
    int64_t total = 0;
    int in_time = 0;
    for (const char *p = s + 1; *p;) {
        if (*p == 'T') {
            in_time = 1;
            p++;
            continue;
        }
        char *end;
        double n = strtod(p, &end);
        if (end == p || n > 1e9) return -1;
        size_t i;
        for (i = 0; i < sizeof units / sizeof *units; i++)
            if (units[i].unit == *end && units[i].in_time == in_time) break;
        if (i == sizeof units / sizeof *units) return -1;
        total += (int64_t)(n * (double)units[i].cs + 0.5);
        p = end + 1;
    }
    return total;
}

/* SCORM 2004's time (second) type: YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]. */
static int is_scorm_timestamp(const char *s)
{
    static const char *const shapes[] = {"dddd", "dddd-dd", "dddd-dd-dd", "dddd-dd-ddTdd",
                                         "dddd-dd-ddTdd:dd", "dddd-dd-ddTdd:dd:dd"};
    size_t n = 0;
    while (s[n] && (isdigit((unsigned char)s[n]) || s[n] == '-' || s[n] == 'T' || s[n] == ':'))
        n++;
    while (n > 0 && (s[n - 1] == '-' || s[n - 1] == ':')) n--;   /* a zone's sign or colon */
    int shape = -1;
    size_t used = 0;
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        size_t len = strlen(shapes[i]);
        if (len > n) continue;
        int ok = 1;
        for (size_t k = 0; k < len && ok; k++)
            ok = shapes[i][k] == 'd' ? isdigit((unsigned char)s[k]) != 0 : shapes[i][k] == s[k];
        if (ok) shape = (int)i, used = len;
    }
    if (shape < 0) return 0;
    const char *rest = s + used;
    if (shape == 5 && *rest == '.') {
        if (!isdigit((unsigned char)rest[1])) return 0;
        rest += 2;
        if (isdigit((unsigned char)*rest)) rest++;
    }
    if (!*rest) return 1;
    if (shape < 3) return 0;
    if (!strcmp(rest, "Z")) return 1;
    if ((*rest == '+' || *rest == '-') && two_digits(rest + 1, 23))
        return !rest[3] || (rest[3] == ':' && two_digits(rest + 4, 59) && !rest[6]);
    return 0;
}

static int is_identifier(const char *s, size_t max)
{
    if (!*s || strlen(s) > max) return 0;
    for (; *s; s++)
        if (isspace((unsigned char)*s) || (unsigned char)*s < 0x20) return 0;
    return 1;
}

static int is_nav_request(const char *s)
{
    if (in_words("continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_", s))
        return 1;
    if (strncmp(s, "{target=", 8)) return 0;
    const char *end = strchr(s, '}');
    if (!end || end == s + 8) return 0;
    return !strcmp(end + 1, "choice") || !strcmp(end + 1, "jump");
}

int scorm_cmi_check(enum scorm_cmi_version v, const char *element, const char *value, char *msg,
                    size_t size)
{
    const struct cmi_element *e = find(v, element);
    double d;
    if (!e) {
        snprintf(msg, size, "%s is not an element of the SCORM %s data model", element,
                 v == SCORM_CMI_12 ? "1.2" : "2004");
        return -1;
    }
    if (!utf8_valid(value, strlen(value))) {
        snprintf(msg, size, "%s: the value is not valid UTF-8 text", element);
        return -1;
    }
    switch (e->type) {
    case T_READ_ONLY:
        snprintf(msg, size, "%s is read-only: the LMS sets it, a SCO cannot", element);
        return -1;
    case T_STRING:
        if (char_count(value) <= (size_t)e->max) return 0;
        snprintf(msg, size, "%s takes at most %.0f characters (this value has %zu)", element,
                 e->max, char_count(value));
        return -1;
    case T_ID12:
    case T_ID2004:
        if (is_identifier(value, e->type == T_ID12 ? 255 : 4000)) return 0;
        snprintf(msg, size, "%s takes an identifier: no spaces, 1 to %d characters", element,
                 e->type == T_ID12 ? 255 : 4000);
        return -1;
    case T_VOCAB:
        if (in_words(e->words, value)) return 0;
        snprintf(msg, size, "%s takes one of these words: %s", element, e->words);
        return -1;
    case T_DECIMAL:
        if (v == SCORM_CMI_12 && !*value && strstr(element, "score")) return 0;
        if (parse_decimal(value, &d) && d >= e->min && d <= e->max) return 0;
        if (e->min <= -BIG && e->max >= BIG)
            snprintf(msg, size, "%s takes a number", element);
        else if (e->max >= BIG)
            snprintf(msg, size, "%s takes a number of at least %g", element, e->min);
        else
            snprintf(msg, size, "%s takes a number from %g to %g", element, e->min, e->max);
        return -1;
    case T_INTEGER: {
        char *end;
        long n = strtol(value, &end, 10);
        if (*value && !*end && n >= e->min && n <= e->max) return 0;
        snprintf(msg, size, "%s takes a whole number from %g to %g", element, e->min, e->max);
        return -1;
    }
    case T_TIMESPAN12:
        if (parse_clock(value, 2, 4) >= 0) return 0;
        snprintf(msg, size, "%s takes a time span as HHHH:MM:SS.SS, such as 0000:05:30", element);
        return -1;
    case T_TIME12: {
        int64_t cs = parse_clock(value, 2, 2);
        if (cs >= 0 && cs < 24 * 360000) return 0;
        snprintf(msg, size, "%s takes a time of day as HH:MM:SS, such as 14:05:30", element);
        return -1;
    }
    case T_DURATION:
        if (parse_duration(value) >= 0) return 0;
        snprintf(msg, size, "%s takes an ISO 8601 duration, such as PT5M30S", element);
        return -1;
    case T_TIMESTAMP:
        if (is_scorm_timestamp(value)) return 0;
        snprintf(msg, size, "%s takes a date and time such as 2026-12-01T14:05:30Z", element);
        return -1;
    case T_LANGUAGE:
        if (!*value || xapi_is_language_tag(value)) return 0;
        snprintf(msg, size, "%s takes a language tag such as en or nl-BE", element);
        return -1;
    case T_RESULT12:
    case T_RESULT2004:
        if (in_words(e->type == T_RESULT12 ? "correct|wrong|unanticipated|neutral"
                                           : "correct|incorrect|unanticipated|neutral", value) ||
            parse_decimal(value, &d))
            return 0;
        snprintf(msg, size, "%s takes %s or a number", element,
                 e->type == T_RESULT12 ? "correct, wrong, unanticipated, neutral"
                                       : "correct, incorrect, unanticipated, neutral");
        return -1;
    case T_NAV:
        if (is_nav_request(value)) return 0;
        snprintf(msg, size, "%s takes continue, previous, exit, exitAll, abandon, abandonAll, "
                 "suspendAll, _none_ or {target=ID}choice", element);
        return -1;
    }
    return -1;
}

int64_t scorm_cmi_time_parse(enum scorm_cmi_version v, const char *text)
{
    return v == SCORM_CMI_12 ? parse_clock(text, 2, 4) : parse_duration(text);
}

void scorm_cmi_time_format(enum scorm_cmi_version v, int64_t cs, char *out, size_t size)
{
    int64_t s = cs / 100;
    if (v == SCORM_CMI_12)
        snprintf(out, size, "%04lld:%02lld:%02lld.%02lld", (long long)(s / 3600),
                 (long long)(s / 60 % 60), (long long)(s % 60), (long long)(cs % 100));
    else
        snprintf(out, size, "PT%lldH%lldM%lld.%02lldS", (long long)(s / 3600),
                 (long long)(s / 60 % 60), (long long)(s % 60), (long long)(cs % 100));
}

static const struct scorm_cmi_names names12 = {
    "cmi.core.lesson_status", NULL, "cmi.core.exit", "cmi.core.entry", "cmi.core.lesson_location",
    "cmi.core.session_time", "cmi.core.total_time", "cmi.core.score.raw", "cmi.core.score.min",
    "cmi.core.score.max", NULL, "student_response", "cmi.core.student_id",
    "cmi.core.student_name", "cmi.core.credit", "cmi.core.lesson_mode", "cmi.launch_data",
    "cmi.student_data.mastery_score",
};
static const struct scorm_cmi_names names2004 = {
    "cmi.completion_status", "cmi.success_status", "cmi.exit", "cmi.entry", "cmi.location",
    "cmi.session_time", "cmi.total_time", "cmi.score.raw", "cmi.score.min", "cmi.score.max",
    "cmi.score.scaled", "learner_response", "cmi.learner_id", "cmi.learner_name", "cmi.credit",
    "cmi.mode", "cmi.launch_data", "cmi.scaled_passing_score",
};

const struct scorm_cmi_names *scorm_cmi_names(enum scorm_cmi_version v)
{
    return v == SCORM_CMI_12 ? &names12 : &names2004;
}
