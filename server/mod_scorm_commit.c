/* mod_scorm_commit.c: POST /scorm/ID/commit, where the player (player/static/scorm.js) sends
 * what a SCO changed in its runtime data since the last commit:
 *   {"attempt": N, "sco": "ITEM", "commit": "UUID", "started": "ab-initio"|"resume"|null,
 *    "final": false, "values": {"cmi.core.lesson_location": "p3", ...},
 *    "sequencing": "{...}"}      (SCORM 2004 only, optional: the attempt's sequencing state)
 * Only the signed-in learner commits, to their own attempt, with the session's CSRF token in
 * X-CSRF-Token. Every element is checked again (tracking/scorm_cmi.h); the SCO's data, the
 * attempt and the xAPI statements the commit makes are stored in one transaction; a commit id
 * the attempt already has changes nothing, so a resent commit never doubles anything. */
#include "server/mod_scorm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/auth.h"
#include "server/buf.h"
#include "server/scorm_launch.h"
#include "server/scorm_rules.h"
#include "server/server.h"
#include "tracking/progress.h"
#include "tracking/scorm_statements.h"
#include "tracking/statements.h"
#include "tracking/store_scorm.h"
#include "tracking/validate_format.h"

#define JSON_TYPE "application/json; charset=utf-8"
/* A conflicting commit of the same SCO (another tab) makes the merge start again. */
#define COMMIT_TRIES 5

static void reply_json_error(struct request *r, int status, const char *message)
{
    json_t *o = json_pack("{s:s}", "error", message);
    char *body = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    reply_private(r, status, JSON_TYPE, body, strlen(body));
}

struct commit_request {
    int attempt;
    const char *sco, *commit_id, *started;
    int final;
    const char *sequencing; /* scorm-again's serialized sequencing state, or NULL */
    json_t *values;         /* borrowed from root */
    json_t *root;
};

/* Reads the body; NULL when it is fine, else the message for a 400. */
static const char *parse(struct request *r, struct commit_request *c)
{
    json_error_t jerr;
    c->root = json_loadb(r->body.data ? r->body.data : "", r->body.len, JSON_REJECT_DUPLICATES,
                         &jerr);
    if (!json_is_object(c->root)) return "The commit is not a JSON object.";
    json_t *attempt = json_object_get(c->root, "attempt");
    c->attempt = json_is_integer(attempt) ? (int)json_integer_value(attempt) : 0;
    c->sco = json_string_value(json_object_get(c->root, "sco"));
    c->commit_id = json_string_value(json_object_get(c->root, "commit"));
    json_t *started = json_object_get(c->root, "started");
    c->started = json_string_value(started);
    c->final = json_is_true(json_object_get(c->root, "final"));
    c->values = json_object_get(c->root, "values");
    json_t *seq = json_object_get(c->root, "sequencing");
    c->sequencing = json_string_value(seq);
    if (c->attempt < 1 || json_integer_value(attempt) > 1000000)
        return "\"attempt\" must be the attempt's number (1, 2, ...).";
    if (!c->sco || !*c->sco) return "\"sco\" must name the SCO (its item identifier).";
    if (!c->commit_id || !xapi_is_uuid(c->commit_id)) return "\"commit\" must be a UUID.";
    if (started && !json_is_null(started) &&
        (!c->started || (strcmp(c->started, "ab-initio") && strcmp(c->started, "resume") &&
                         strcmp(c->started, ""))))
        return "\"started\" must be ab-initio, resume, an empty string or null.";
    if (!json_is_object(c->values)) return "\"values\" must be an object of element: text.";
    if (seq && !c->sequencing) return "\"sequencing\" must be the sequencing state as JSON text.";
    if (c->sequencing) {
        json_t *state = json_loads(c->sequencing, 0, NULL);
        int object = json_is_object(state);
        json_decref(state);
        if (!object) return "\"sequencing\" must be the sequencing state as JSON text.";
    }
    return NULL;
}

/* Checks every element the commit sets; 0, or -1 with the message in msg. */
static int check_values(enum scorm_cmi_version v, const json_t *values, char *msg, size_t size)
{
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)values, key, val) {
        if (!json_is_string(val)) {
            snprintf(msg, size, "%s: the value must be a string, as SCORM's SetValue takes", key);
            return -1;
        }
        if (scorm_cmi_check(v, key, json_string_value(val), msg, size) < 0) return -1;
    }
    return 0;
}

/* The SCO's stored data and rev, and the package's state rolled up from the other SCOs. */
struct attempt_view {
    json_t *before;         /* owned */
    int64_t rev;
    struct scorm_rollup others;
    json_t *others_data;    /* owned: the other SCOs' data by identifier */
};

static int view_attempt(struct request *r, const struct scorm_package *p, int64_t attempt_id,
                        const char *sco, struct attempt_view *out, char **err)
{
    struct scorm_sco_data *list = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    out->others_data = json_object();
    if (attempt_id && store_scorm_sco_list(r->srv->store, attempt_id, &list, &n, err) != STORE_OK)
        return -1;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(p->manifest, "items"), i, item) {
        const char *id = json_string_value(json_object_get(item, "identifier"));
        const char *type = json_string_value(json_object_get(item, "scorm_type"));
        if (!id || !json_object_get(item, "launch") || !type || strcmp(type, "sco")) continue;
        const json_t *values = NULL;
        for (size_t k = 0; k < n; k++)
            if (!strcmp(list[k].sco, id)) values = list[k].values;
        if (!strcmp(id, sco)) continue;
        scorm_rollup_add(&out->others, p->cmi, values);
        if (values) json_object_set(out->others_data, id, (json_t *)values);
    }
    for (size_t k = 0; k < n; k++)
        if (!strcmp(list[k].sco, sco)) {
            out->before = json_incref(list[k].values);
            out->rev = list[k].rev;
        }
    if (!out->before) out->before = json_object();
    scorm_sco_data_free(list, n);
    return 0;
}

/* The package's state with this SCO's data (others: the rest of the attempt). */
static struct scorm_rollup rollup_with(const struct attempt_view *view, enum scorm_cmi_version v,
                                       const json_t *values)
{
    struct scorm_rollup all = view->others;
    scorm_rollup_add(&all, v, json_object_size(values) ? values : NULL);
    return all;
}

/* The package's state with this SCO's data: done (completed or passed) and success (1, 0, -1),
 * (done may be NULL) by the manifest's 2004 rollup when it has sequencing, else by the fixed rules. */
static struct scorm_rollup course_state(const struct scorm_package *p, const struct attempt_view *view,
                                        const char *sco, const json_t *values, int *done, int *success)
{
    struct scorm_rollup all = rollup_with(view, p->cmi, values);
    if (done) *done = scorm_rollup_done(&all);
    *success = scorm_rollup_success(&all);
    if (p->cmi != SCORM_CMI_2004 || !scorm_rules_apply(p->manifest)) return all;
    json_t *data = json_copy(view->others_data);
    if (json_object_size(values)) json_object_set(data, sco, (json_t *)values);
    struct scorm_course_state st = scorm_rules_rollup(p->manifest, data);
    json_decref(data);
    if (done) *done = st.completed == 1 || st.satisfied == 1;
    *success = st.satisfied;
    if (st.measured) {
        all.scored = 1;
        all.scaled_sum = st.measure;
    }
    return all;
}

/* The package's result.score: its one SCO's score, else the mean of its SCOs' scaled scores. */
static json_t *course_score(const struct scorm_rollup *all, enum scorm_cmi_version v,
                            const json_t *after)
{
    if (all->scos == 1) return scorm_result_score(v, after);
    if (!all->scored) return NULL;
    return json_pack("{s:f}", "scaled", all->scaled_sum / all->scored);
}

/* The SCO's data after the commit: before with the commit's values, and at the end of a
 * session its session time added to cmi.total_time. */
static json_t *merge(enum scorm_cmi_version v, const json_t *before, const struct commit_request *c)
{
    json_t *after = json_deep_copy(before);
    json_object_update(after, c->values);
    const struct scorm_cmi_names *n = scorm_cmi_names(v);
    const char *session = json_string_value(json_object_get(c->values, n->session_time));
    if (c->final && session) {
        const char *total = json_string_value(json_object_get(before, n->total_time));
        int64_t sum = scorm_cmi_time_parse(v, session);
        int64_t old = total ? scorm_cmi_time_parse(v, total) : 0;
        char text[64];
        scorm_cmi_time_format(v, sum + (old > 0 ? old : 0), text, sizeof text);
        json_object_set_new(after, n->total_time, json_string(text));
    }
    return after;
}

static void reply_ok(struct request *r, int attempt, int duplicate, int completed)
{
    json_t *o = json_pack("{s:i,s:b,s:b}", "attempt", attempt, "duplicate", duplicate,
                          "completed", completed);
    char *body = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    reply_private(r, MHD_HTTP_OK, JSON_TYPE, body, strlen(body));
}

/* One try of the commit: 0 done (replied), 1 conflict (try again), -1 failed (replied). */
static int try_commit(struct request *r, const struct user *u, const char *package_id,
                      const struct commit_request *c)
{
    struct scorm_attempt latest = {0}, attempt = {0};
    char *err = NULL, msg[512];
    int found = store_scorm_attempt_latest(r->srv->store, u->id, package_id, &latest, &err);
    if (found == STORE_ERROR) {
        reply_json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "The database could not be read: "
                         "the player keeps the data and sends it again.");
        free(err);
        return -1;
    }
    int have = found == STORE_OK, create = !have || c->attempt == latest.number + 1;
    if (!create && c->attempt != latest.number) {
        snprintf(msg, sizeof msg, "Attempt %d is not your latest attempt (%d): open the lesson "
                 "again to go on with the latest one.", c->attempt, have ? latest.number : 0);
        reply_json_error(r, MHD_HTTP_CONFLICT, msg);
        return -1;
    }
    struct scorm_package p;
    if (scorm_package_load(r, package_id, create ? 0 : latest.version, &p) < 0) {
        reply_json_error(r, MHD_HTTP_NOT_FOUND, "There is no such SCORM package here.");
        return -1;
    }
    int rc = -1;
    const json_t *item = scorm_package_sco(&p, c->sco);
    struct attempt_view view = {0};
    json_t *after = NULL, *stmts = NULL, *score_json = NULL;
    struct store_statement *batch = NULL;
    size_t nbatch = 0;
    if (!item) {
        snprintf(msg, sizeof msg, "The package has no SCO \"%.200s\".", c->sco);
        reply_json_error(r, MHD_HTTP_BAD_REQUEST, msg);
        goto done;
    }
    if (c->sequencing && p.cmi != SCORM_CMI_2004) {
        reply_json_error(r, MHD_HTTP_BAD_REQUEST, "\"sequencing\" is for SCORM 2004 packages; "
                         "this one is SCORM 1.2.");
        goto done;
    }
    if (check_values(p.cmi, c->values, msg, sizeof msg) < 0) {
        reply_json_error(r, MHD_HTTP_BAD_REQUEST, msg);
        goto done;
    }
    if (create) {
        attempt.number = have ? latest.number + 1 : 1;
        attempt.version = p.version;
        statements_uuid4(attempt.registration);
    } else {
        attempt = latest;
    }
    if (view_attempt(r, &p, create ? 0 : attempt.id, c->sco, &view, &err) < 0) {
        reply_json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "The database could not be read: "
                         "the player keeps the data and sends it again.");
        goto done;
    }
    after = merge(p.cmi, view.before, c);
    char *dumped = json_dumps(after, JSON_COMPACT);
    size_t size = strlen(dumped);
    free(dumped);
    if (size > r->srv->cfg.max_scorm_bytes) {
        snprintf(msg, sizeof msg, "This SCO's data would be %zu bytes, over the limit of %zu "
                 "(--max-scorm-bytes).", size, r->srv->cfg.max_scorm_bytes);
        reply_json_error(r, MHD_HTTP_CONTENT_TOO_LARGE, msg);
        goto done;
    }
    int success_was, done_now, success;
    course_state(&p, &view, c->sco, view.before, NULL, &success_was);
    struct scorm_rollup now = course_state(&p, &view, c->sco, after, &done_now, &success);
    score_json = course_score(&now, p.cmi, after);
    const char *sco_title = json_string_value(json_object_get(item, "title"));
    struct scorm_statement_ctx ctx = {r->srv->cfg.public_url, u->login, p.id, p.title, c->sco,
                                      sco_title ? sco_title : c->sco, attempt.registration, p.cmi};
    struct scorm_events ev = {c->started && *c->started ? c->started : c->started ? "ab-initio" : NULL,
                              c->final, view.before, after, c->values,
                              done_now && !attempt.completed,
                              success != success_was ? success : -1, score_json};
    stmts = scorm_statements_build(&ctx, &ev);
    batch = progress_prepare(r->srv->cfg.public_url, stmts, &nbatch, &err);
    if (!batch) {
        reply_json_error(r, MHD_HTTP_BAD_REQUEST, err);
        goto done;
    }
    struct scorm_commit sc = {u->id, p.id, &attempt, create, c->sco, c->commit_id, after,
                              view.rev, done_now, batch, nbatch, c->sequencing};
    int duplicate = 0, status = store_scorm_commit(r->srv->store, &sc, &duplicate, &err);
    if (status == STORE_CONFLICT) {
        rc = 1;
        goto done;
    }
    if (status != STORE_OK) {
        reply_json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "The data could not be stored: the "
                         "player keeps it and sends it again.");
        goto done;
    }
    reply_ok(r, attempt.number, duplicate, done_now || attempt.completed);
    rc = 0;
done:
    if (batch) statements_free_batch(batch, nbatch);
    json_decref(stmts);
    json_decref(score_json);
    json_decref(after);
    json_decref(view.before);
    json_decref(view.others_data);
    scorm_package_clear(&p);
    free(err);
    return rc;
}

void mod_scorm_commit(struct request *r)
{
    const char *rest = r->path + strlen("/scorm/");
    const char *slash = strchr(rest, '/');
    if (!slash || strcmp(slash, "/commit")) {
        reply_json_error(r, MHD_HTTP_NOT_FOUND, "Commits go to /scorm/ID/commit.");
        return;
    }
    if (r->body_too_large) {
        char msg[160];
        snprintf(msg, sizeof msg, "The commit is over the limit of %zu bytes (--max-scorm-bytes).",
                 r->body_limit);
        reply_json_error(r, MHD_HTTP_CONTENT_TOO_LARGE, msg);
        return;
    }
    struct user u;
    if (!auth_user(r, &u)) {
        reply_json_error(r, MHD_HTTP_UNAUTHORIZED, "Sign in again: the player keeps your data "
                         "and sends it once you are signed in.");
        return;
    }
    if (!auth_check_header_csrf(r)) {
        reply_json_error(r, MHD_HTTP_FORBIDDEN, "X-CSRF-Token is missing or wrong: reload the "
                         "lesson page.");
        user_clear(&u);
        return;
    }
    char *id = xstrndup(rest, (size_t)(slash - rest));
    struct commit_request c = {0};
    const char *bad = parse(r, &c);
    if (bad) reply_json_error(r, MHD_HTTP_BAD_REQUEST, bad);
    else {
        int rc = 1;
        for (int i = 0; i < COMMIT_TRIES && rc == 1; i++) rc = try_commit(r, &u, id, &c);
        /* 503, not 409: the player keeps a commit it may send again (409 is a refusal). */
        if (rc == 1) reply_json_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "Other commits of this SCO "
                                      "came at the same time: the player sends this one again.");
    }
    json_decref(c.root);
    free(id);
    user_clear(&u);
}
