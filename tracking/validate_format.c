/* validate_format.c: the string formats xAPI values must follow, checked without a JSON tree:
 * UUIDs, IRIs, ISO 8601 timestamps and durations, RFC 5646 language tags and the version
 * header. Locale-free character classes, no I/O. */
#include "tracking/validate_format.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* ---- character classes (locale-free, unlike <ctype.h>) ---- */

static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool is_alnum(char ch) { return is_alpha(ch) || is_digit(ch); }
static bool is_hex(char ch)
{
    return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

int xapi_is_hex(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_hex(s[i])) return 0;
    return 1;
}

int xapi_is_uuid(const char *s)
{
    if (!s || strlen(s) != 36) return 0;
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !is_hex(s[i])) return 0;
    }
    return 1;
}

/* RFC 3987 absolute IRI: a scheme, ':', then no whitespace, controls or the characters RFC 3987
 * excludes; percent signs must start a %XX escape. Non-ASCII (UTF-8) is allowed. */
int xapi_is_iri(const char *s)
{
    if (!s || !is_alpha(*s)) return 0;
    const char *p = s + 1;
    while (is_alnum(*p) || *p == '+' || *p == '-' || *p == '.') p++;
    if (*p++ != ':' || !*p) return 0;
    for (; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch <= 0x20 || ch == 0x7f || strchr("<>\"{}|\\^`", ch)) return 0;
        if (ch == '%' && !(is_hex(p[1]) && is_hex(p[2]))) return 0;
    }
    return 1;
}

/* Reads exactly n digits into *out. */
static bool read_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!is_digit((*p)[i])) return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

/* Time zone: Z, or +hh[:mm] / -hh[:mm], into *minutes east of UTC. A negative zero offset (-00,
 * -0000, -00:00) means "unknown local offset" in RFC 3339 and is invalid in ISO 8601 (xAPI-Spec
 * issue 1073). */
static bool read_zone(const char *p, int *minutes)
{
    int hh, mm = 0;
    *minutes = 0;
    if ((*p == 'Z' || *p == 'z') && !p[1]) return true;
    if (*p != '+' && *p != '-') return false;
    char sign = *p++;
    if (!read_digits(&p, 2, &hh)) return false;
    if (*p == ':') p++;
    if (*p && !read_digits(&p, 2, &mm)) return false;
    if (*p || hh > 23 || mm > 59) return false;
    *minutes = (sign == '-' ? -1 : 1) * (hh * 60 + mm);
    return !(sign == '-' && hh == 0 && mm == 0);
}

/* Seconds and their fraction (to milliseconds, further digits dropped) after the minutes. */
static bool read_seconds(const char **p, bool ext, struct xapi_timestamp *t)
{
    if (!(ext ? **p == ':' : is_digit(**p))) return true;
    if (ext) (*p)++;
    if (!read_digits(p, 2, &t->second)) return false;
    if (**p != '.' && **p != ',') return true;
    if (!is_digit(*++*p)) return false;
    for (int digits = 0; is_digit(**p); (*p)++, digits++)
        if (digits < 3) t->millis += (**p - '0') * (digits == 0 ? 100 : digits == 1 ? 10 : 1);
    return true;
}

/* ISO 8601 extended (2015-11-18T12:17:00.123+00:00; 't' or ' ' as in RFC 3339 also) or basic
 * (20151118T121700Z) date-time. Seconds and fraction may be left out; the zone may not. */
int xapi_parse_timestamp(const char *s, struct xapi_timestamp *t)
{
    *t = (struct xapi_timestamp){0};
    if (!s) return -1;
    const char *p = s;
    if (!read_digits(&p, 4, &t->year)) return -1;
    bool ext = *p == '-';
    if (ext) p++;
    if (!read_digits(&p, 2, &t->month) || (ext && *p++ != '-') || !read_digits(&p, 2, &t->day))
        return -1;
    if (!(*p == 'T' || *p == 't' || (ext && *p == ' '))) return -1;
    p++;
    if (!read_digits(&p, 2, &t->hour) || (ext && *p++ != ':') || !read_digits(&p, 2, &t->minute))
        return -1;
    if (!read_seconds(&p, ext, t)) return -1;
    if (t->month < 1 || t->month > 12 || t->day < 1 || t->day > days_in_month(t->year, t->month))
        return -1;
    if (t->hour > 23 || t->minute > 59 || t->second > 60) return -1;
    return read_zone(p, &t->offset_minutes) ? 0 : -1;
}

int xapi_is_timestamp(const char *s)
{
    struct xapi_timestamp t;
    return xapi_parse_timestamp(s, &t) == 0;
}

/* ISO 8601:2004 4.4.3.2 durations: P[nY][nM][nD][T[nH][nM][nS]] or PnW alone; only the last
 * component may carry a fraction. */
int xapi_is_duration(const char *s)
{
    if (!s || *s != 'P') return 0;
    const char *order = "YMWD", *p = s + 1;
    size_t next = 0;
    int parts = 0, time_parts = 0;
    bool in_time = false, weeks = false, fraction = false;
    while (*p) {
        if (*p == 'T' && !in_time) {
            in_time = true;
            order = "HMS";
            next = 0;
            p++;
            continue;
        }
        if (fraction || !is_digit(*p)) return 0;
        while (is_digit(*p)) p++;
        if (*p == '.' || *p == ',') {
            if (!is_digit(*++p)) return 0;
            while (is_digit(*p)) p++;
            fraction = true;
        }
        const char *unit = *p ? strchr(order + next, *p) : NULL;
        if (!unit) return 0;
        next = (size_t)(unit - order) + 1;
        weeks |= *p == 'W';
        parts++;
        time_parts += in_time;
        p++;
    }
    if (in_time && !time_parts) return 0;
    return parts > 0 && !(weeks && parts > 1);
}

/* ---- RFC 5646 language tags ---- */

static const char *const GRANDFATHERED[] = {
    "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
    "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL",
    "sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka",
    "zh-min", "zh-min-nan", "zh-xiang", NULL};

enum { MAX_SUBTAGS = 64 };

struct subtags {
    const char *s[MAX_SUBTAGS];
    size_t len[MAX_SUBTAGS];
    size_t n;
};

static bool split_subtags(const char *tag, struct subtags *t)
{
    t->n = 0;
    for (const char *p = tag;; p++) {
        size_t len = strcspn(p, "-");
        if (len == 0 || len > 8 || t->n == MAX_SUBTAGS) return false;
        for (size_t i = 0; i < len; i++)
            if (!is_alnum(p[i])) return false;
        t->s[t->n] = p;
        t->len[t->n++] = len;
        p += len;
        if (!*p) return true;
    }
}

static bool all_alpha(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_alpha(s[i])) return false;
    return true;
}

static bool all_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit(s[i])) return false;
    return true;
}

/* Subtag i has exactly n letters. */
static bool is_alpha_n(const struct subtags *t, size_t i, size_t n)
{
    return t->len[i] == n && all_alpha(t->s[i], n);
}

static bool is_variant(const char *s, size_t n)
{
    return n >= 5 || (n == 4 && is_digit(s[0]));
}

/* Private use: "x" followed by one or more subtags of 1 to 8 characters. */
static bool private_use_at(const struct subtags *t, size_t i)
{
    return t->len[i] == 1 && (t->s[i][0] == 'x' || t->s[i][0] == 'X') && i + 1 < t->n;
}

/* Extensions: singleton (not x), then one or more subtags of 2 to 8; no singleton twice. */
static bool extensions_from(const struct subtags *t, size_t *i)
{
    char seen[MAX_SUBTAGS];
    size_t nseen = 0;
    while (*i < t->n && t->len[*i] == 1 && !private_use_at(t, *i)) {
        char single = (char)(t->s[*i][0] | 0x20);
        if (single == 'x' || memchr(seen, single, nseen)) return false;
        seen[nseen++] = single;
        size_t start = ++*i;
        while (*i < t->n && t->len[*i] >= 2) ++*i;
        if (*i == start) return false;
    }
    return true;
}

int xapi_is_language_tag(const char *s)
{
    struct subtags t;
    if (!s || !*s) return 0;
    for (size_t g = 0; GRANDFATHERED[g]; g++)
        if (strcasecmp(s, GRANDFATHERED[g]) == 0) return 1;
    if (!split_subtags(s, &t)) return 0;
    if (private_use_at(&t, 0)) return 1;
    /* language: 2-3 letters (+ up to three 3-letter extlangs), or 4-8 letters */
    if (t.len[0] < 2 || !all_alpha(t.s[0], t.len[0])) return 0;
    size_t i = 1;
    for (int ext = 0; t.len[0] <= 3 && ext < 3 && i < t.n && is_alpha_n(&t, i, 3); ext++) i++;
    if (i < t.n && is_alpha_n(&t, i, 4)) i++; /* script */
    if (i < t.n && (is_alpha_n(&t, i, 2) || (t.len[i] == 3 && all_digit(t.s[i], 3))))
        i++; /* region */
    for (size_t first = i; i < t.n && is_variant(t.s[i], t.len[i]); i++)
        for (size_t j = first; j < i; j++)
            if (t.len[j] == t.len[i] && strncasecmp(t.s[j], t.s[i], t.len[i]) == 0) return 0;
    if (!extensions_from(&t, &i)) return 0;
    if (i < t.n && private_use_at(&t, i)) return 1;
    return i == t.n;
}

/* ---- version ---- */

int xapi_parse_version(const char *header, enum xapi_version *out)
{
    if (!header) return -1;
    const char *p = header;
    enum xapi_version v;
    if (strncmp(p, "1.0", 3) == 0) v = XAPI_1_0_3;
    else if (strncmp(p, "2.0", 3) == 0) v = XAPI_2_0_0;
    else return -1;
    p += 3;
    if (*p == '.') {
        if (!is_digit(*++p)) return -1;
        while (is_digit(*p)) p++;
    }
    if (*p) return -1;
    *out = v;
    return 0;
}
