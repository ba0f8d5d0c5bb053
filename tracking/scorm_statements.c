/* scorm_statements.c: the xAPI statements of a SCORM commit (scorm_statements.h). Every
 * statement names the SCO (type lesson) with the course and the attempt in its grouping, the
 * SCORM profile as category and the attempt's UUID as registration. */
#include "tracking/scorm_statements.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/progress.h"

#define VERB(w) "http://adlnet.gov/expapi/verbs/" w
#define PROFILE "https://w3id.org/xapi/scorm"

static void put_iri_segment(struct buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || strchr("-._~", c)) buf_putc(b, (char)c);
        else buf_printf(b, "%%%02X", c);
    }
}

char *scorm_sco_iri(const char *public_url, const char *package, const char *sco)
{
    struct buf b;
    buf_init(&b);
    char *course = progress_activity_iri(public_url, package);
    buf_printf(&b, "%s/sco/", course);
    put_iri_segment(&b, sco);
    free(course);
    return buf_detach(&b, NULL);
}

static json_t *activity(const char *id, const char *name, const char *type)
{
    return json_pack("{s:s,s:s,s:{s:{s:s},s:s}}", "objectType", "Activity", "id", id,
                     "definition", "name", "en-US", name, "type", type);
}

static json_t *statement(const struct scorm_statement_ctx *ctx, const char *verb,
                         json_t *object)
{
    char *course_iri = progress_activity_iri(ctx->public_url, ctx->package);
    char *sco_iri = scorm_sco_iri(ctx->public_url, ctx->package, ctx->sco);
    char *attempt_iri = xasprintf("%s?attemptId=%s", sco_iri, ctx->registration);
    char *attempt_name = xasprintf("Attempt of %s", ctx->sco_title);
    const char *word = strrchr(verb, '/') + 1;
    json_t *s = json_pack("{s:o,s:{s:s,s:{s:s}},s:o,s:{s:s,s:s,s:{s:[o,o],s:[{s:s}]}}}",
        "actor", progress_agent(ctx->public_url, ctx->login),
        "verb", "id", verb, "display", "en-US", word,
        "object", object,
        "context", "registration", ctx->registration, "platform", "Stepwise",
        "contextActivities",
        "grouping", activity(course_iri, ctx->package_title, "http://adlnet.gov/expapi/activities/course"),
        activity(attempt_iri, attempt_name, "http://adlnet.gov/expapi/activities/attempt"),
        "category", "id", PROFILE);
    free(course_iri);
    free(sco_iri);
    free(attempt_iri);
    free(attempt_name);
    return s;
}

static json_t *sco_statement(const struct scorm_statement_ctx *ctx, const char *verb)
{
    char *iri = scorm_sco_iri(ctx->public_url, ctx->package, ctx->sco);
    json_t *s = statement(ctx, verb, activity(iri, ctx->sco_title,
                                              "http://adlnet.gov/expapi/activities/lesson"));
    free(iri);
    return s;
}

static const char *value(const json_t *data, const char *element)
{
    return element ? json_string_value(json_object_get(data, element)) : NULL;
}

static int number(const json_t *data, const char *element, double *out)
{
    const char *v = value(data, element);
    char *end;
    if (!v || !*v) return 0;
    *out = strtod(v, &end);
    return *end == '\0';
}

struct score_parts {
    double raw, min, max, scaled;
    int has_raw, has_min, has_max, has_scaled, valid;
};

static struct score_parts score_parts(enum scorm_cmi_version v, const json_t *data)
{
    const struct scorm_cmi_names *n = scorm_cmi_names(v);
    struct score_parts p = {0};
    p.has_raw = number(data, n->score_raw, &p.raw);
    p.has_min = number(data, n->score_min, &p.min);
    p.has_max = number(data, n->score_max, &p.max);
    p.has_scaled = number(data, n->score_scaled, &p.scaled);
    if (!p.has_scaled && p.has_raw) {
        double lo = p.has_min ? p.min : 0, hi = p.has_max ? p.max : 100;
        p.has_scaled = hi > lo;
        if (p.has_scaled) p.scaled = (p.raw - lo) / (hi - lo);
    }
    p.valid = (p.has_raw || p.has_scaled) &&
              !((p.has_min && p.has_max && p.min > p.max) || (p.has_raw && p.has_min && p.raw < p.min) ||
                (p.has_raw && p.has_max && p.raw > p.max) ||
                (p.has_scaled && (p.scaled < -1 || p.scaled > 1)));
    return p;
}

int scorm_score_scaled(enum scorm_cmi_version v, const json_t *data, double *out)
{
    struct score_parts p = score_parts(v, data);
    if (!p.valid || !p.has_scaled) return 0;
    *out = p.scaled;
    return 1;
}

json_t *scorm_result_score(enum scorm_cmi_version v, const json_t *data)
{
    struct score_parts p = score_parts(v, data);
    if (!p.valid) return NULL;
    json_t *o = json_object();
    if (p.has_scaled) json_object_set_new(o, "scaled", json_real(p.scaled));
    if (p.has_raw) json_object_set_new(o, "raw", json_real(p.raw));
    if (p.has_min) json_object_set_new(o, "min", json_real(p.min));
    if (p.has_max) json_object_set_new(o, "max", json_real(p.max));
    return o;
}

static int changed(const struct scorm_events *ev, const char *element)
{
    return element && json_object_get(ev->changed, element) &&
           !json_equal(json_object_get(ev->before, element), json_object_get(ev->after, element));
}

/* The ISO 8601 duration of a SCORM time value, or NULL. */
static char *duration(const struct scorm_statement_ctx *ctx, const char *text)
{
    int64_t cs = text ? scorm_cmi_time_parse(ctx->version, text) : -1;
    if (cs < 0) return NULL;
    char out[64];
    scorm_cmi_time_format(SCORM_CMI_2004, cs, out, sizeof out);
    return xstrdup(out);
}

static json_t *interaction_statement(const struct scorm_statement_ctx *ctx, const json_t *data,
                                     int index)
{
    const struct scorm_cmi_names *n = scorm_cmi_names(ctx->version);
    char key[128];
#define FIELD(f) (snprintf(key, sizeof key, "cmi.interactions.%d." f, index), value(data, key))
    const char *id = FIELD("id");
    if (!id) return NULL;
    const char *type = FIELD("type");
    const char *description = FIELD("description");
    char *sco_iri = scorm_sco_iri(ctx->public_url, ctx->package, ctx->sco);
    struct buf iri;
    buf_init(&iri);
    buf_printf(&iri, "%s/interaction/", sco_iri);
    put_iri_segment(&iri, id);
    json_t *def = json_pack("{s:{s:s},s:s}", "name", "en-US", description ? description : id,
                            "type", "http://adlnet.gov/expapi/activities/cmi.interaction");
    if (description) json_object_set_new(def, "description", json_pack("{s:s}", "en-US", description));
    if (type) json_object_set_new(def, "interactionType", json_string(type));
    json_t *patterns = json_array();
    for (int k = 0; k < 100; k++) {
        snprintf(key, sizeof key, "cmi.interactions.%d.correct_responses.%d.pattern", index, k);
        const char *p = value(data, key);
        if (!p) break;
        json_array_append_new(patterns, json_string(p));
    }
    if (json_array_size(patterns)) json_object_set(def, "correctResponsesPattern", patterns);
    json_decref(patterns);
    json_t *object = json_pack("{s:s,s:s,s:o}", "objectType", "Activity", "id", iri.data,
                               "definition", def);
    json_t *s = statement(ctx, VERB("answered"), object);
    json_t *result = json_object();
    snprintf(key, sizeof key, "cmi.interactions.%d.%s", index, n->response);
    const char *response = value(data, key);
    if (response) json_object_set_new(result, "response", json_string(response));
    const char *outcome = FIELD("result");
    if (outcome && !strcmp(outcome, "correct")) json_object_set_new(result, "success", json_true());
    if (outcome && (!strcmp(outcome, "wrong") || !strcmp(outcome, "incorrect")))
        json_object_set_new(result, "success", json_false());
    char *latency = duration(ctx, FIELD("latency"));
    if (latency) json_object_set_new(result, "duration", json_string(latency));
    free(latency);
    if (json_object_size(result)) json_object_set_new(s, "result", result);
    else json_decref(result);
#undef FIELD
    free(sco_iri);
    buf_free(&iri);
    return s;
}

/* The interactions the commit set something of, in index order. */
static void add_interactions(json_t *out, const struct scorm_statement_ctx *ctx,
                             const struct scorm_events *ev)
{
    unsigned char seen[1000] = {0};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)ev->changed, key, v) {
        int index;
        if (sscanf(key, "cmi.interactions.%d.", &index) == 1 && index >= 0 && index < 1000)
            seen[index] = 1;
    }
    for (int i = 0; i < 1000; i++) {
        if (!seen[i]) continue;
        json_t *s = interaction_statement(ctx, ev->after, i);
        if (s) json_array_append_new(out, s);
    }
}

/* The statement's result: score (when set), completion, success, duration. */
static void add_result(json_t *s, json_t *score_obj, int completion, int success,
                       const char *dur)
{
    json_t *r = json_object();
    if (score_obj) json_object_set_new(r, "score", score_obj);
    if (completion >= 0) json_object_set_new(r, "completion", json_boolean(completion));
    if (success >= 0) json_object_set_new(r, "success", json_boolean(success));
    if (dur) json_object_set_new(r, "duration", json_string(dur));
    if (json_object_size(r)) json_object_set_new(s, "result", r);
    else json_decref(r);
}

json_t *scorm_statements_build(const struct scorm_statement_ctx *ctx,
                               const struct scorm_events *ev)
{
    const struct scorm_cmi_names *n = scorm_cmi_names(ctx->version);
    json_t *out = json_array();
    if (ev->started)
        json_array_append_new(out, sco_statement(ctx, strcmp(ev->started, "resume")
                                                          ? VERB("initialized") : VERB("resumed")));
    add_interactions(out, ctx, ev);
    const char *completion = value(ev->after, n->completion);
    const char *success = n->success ? value(ev->after, n->success) : completion;
    int success_changed = changed(ev, n->success ? n->success : n->completion);
    if (changed(ev, n->completion) && completion &&
        (!strcmp(completion, "completed") || !strcmp(completion, "passed"))) {
        json_t *s = sco_statement(ctx, VERB("completed"));
        add_result(s, NULL, 1, -1, NULL);
        json_array_append_new(out, s);
    }
    if (success_changed && success && (!strcmp(success, "passed") || !strcmp(success, "failed"))) {
        int passed = !strcmp(success, "passed");
        json_t *s = sco_statement(ctx, passed ? VERB("passed") : VERB("failed"));
        add_result(s, scorm_result_score(ctx->version, ev->after), -1, passed, NULL);
        json_array_append_new(out, s);
    }
    if (ev->final) {
        const char *exit = value(ev->after, n->exit);
        char *dur = duration(ctx, value(ev->changed, n->session_time));
        json_t *s = sco_statement(ctx, exit && !strcmp(exit, "suspend") ? VERB("suspended")
                                                                        : VERB("terminated"));
        add_result(s, NULL, -1, -1, dur);
        json_array_append_new(out, s);
        free(dur);
    }
    char *iri = progress_activity_iri(ctx->public_url, ctx->package);
    if (ev->course_completed) {
        json_t *s = statement(ctx, VERB("completed"),
                              activity(iri, ctx->package_title,
                                       "http://adlnet.gov/expapi/activities/course"));
        add_result(s, NULL, 1, -1, NULL);
        json_array_append_new(out, s);
    }
    if (ev->course_success >= 0) {
        json_t *s = statement(ctx, ev->course_success ? VERB("passed") : VERB("failed"),
                              activity(iri, ctx->package_title,
                                       "http://adlnet.gov/expapi/activities/course"));
        add_result(s, ev->course_score ? json_deep_copy(ev->course_score) : NULL, -1,
                   ev->course_success, NULL);
        json_array_append_new(out, s);
    }
    free(iri);
    return out;
}
