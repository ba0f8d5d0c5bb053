/* lrs_documents.c: the xAPI document resources (activities/state, activities/profile,
 * agents/profile: Communication 2.3, 2.6, 2.7 in 1.0.3; 2.2-2.6 in 2.0.0) with their
 * concurrency rules, and the read-only Activities (canonical definitions kept by the store) and
 * Agents (built from statements) resources. */
#include "tracking/lrs_documents.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "server/buf.h"
#include "server/server.h"
#include "tracking/credentials.h"
#include "tracking/sha1.h"
#include "tracking/statements.h"
#include "tracking/store.h"

/* What tells the three document resources apart. */
struct doc_resource {
    enum store_doc_kind kind;
    unsigned scope;             /* enum credentials_scope bit */
    const char *id_param;       /* "stateId" or "profileId" */
    const char *params;         /* the parameters of every method but GET */
    const char *get_params;     /* the parameters of GET (adds "since") */
    int has_activity, has_agent, has_registration;
};

static const struct doc_resource state_resource = {
    STORE_DOC_STATE, CREDENTIALS_STATE, "stateId",
    "activityId agent registration stateId", "activityId agent registration stateId since",
    1, 1, 1,
};
static const struct doc_resource activity_profile_resource = {
    STORE_DOC_ACTIVITY_PROFILE, CREDENTIALS_PROFILE, "profileId",
    "activityId profileId", "activityId profileId since", 1, 0, 0,
};
static const struct doc_resource agent_profile_resource = {
    STORE_DOC_AGENT_PROFILE, CREDENTIALS_PROFILE, "profileId",
    "agent profileId", "agent profileId since", 0, 1, 0,
};

/* One parsed document request; doc_request_clear frees what it owns. */
struct doc_request {
    const struct doc_resource *res;
    struct store_doc_key key;   /* points into the context's parameters and the fields below */
    char *agent_key;
    char *registration;         /* lowercased copy */
    char since[32];             /* normalized, or "" */
};

static void doc_request_clear(struct doc_request *d)
{
    free(d->agent_key);
    free(d->registration);
}

/* --- small helpers ----------------------------------------------------------------------- */

static int is_write(const struct lrs_ctx *c)
{
    return strcmp(c->method, "GET") != 0;
}

/* "2026-11-25T19:20:55.123Z" -> "Wed, 25 Nov 2026 19:20:55 GMT" (Last-Modified). */
static void http_date(const char *iso, char out[40])
{
    struct tm tm = {0};
    out[0] = '\0';
    if (!strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm)) return;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Adds ETag (quoted, as RFC 2616 wants) and Last-Modified of d to the reply made. */
static void add_validators(struct lrs_ctx *c, const struct store_doc *d)
{
    char etag[44], date[40];
    snprintf(etag, sizeof etag, "\"%s\"", d->etag);
    reply_header(c->r, "ETag", etag);
    http_date(d->updated, date);
    if (date[0]) reply_header(c->r, "Last-Modified", date);
}

/* Copies one entity tag of a list into out without W/ and quotes; returns the rest of the
 * list, or NULL at its end. */
static const char *etag_next(const char *p, char out[64])
{
    p += strspn(p, " \t,");
    if (!*p) return NULL;
    if (!strncmp(p, "W/", 2)) p += 2;
    size_t n;
    if (*p == '"') {
        const char *end = strchr(p + 1, '"');
        n = end ? (size_t)(end - p - 1) : strlen(p + 1);
        snprintf(out, 64, "%.*s", (int)n, p + 1);
        return end ? end + 1 : p + 1 + n;
    }
    n = strcspn(p, " \t,");
    snprintf(out, 64, "%.*s", (int)n, p);
    return p + n;
}

/* 1 when the If-Match/If-None-Match list holds "*" or etag. */
static int etag_listed(const char *list, const char *etag)
{
    char tag[64];
    for (const char *p = list; (p = etag_next(p, tag)) != NULL;)
        if (!strcmp(tag, "*") || !strcasecmp(tag, etag)) return 1;
    return 0;
}

/* The current etag of the document into etag; 1 found, 0 absent, -1 after answering 500. */
static int current_etag(struct lrs_ctx *c, const struct store_doc_key *k, char etag[41])
{
    struct store_doc d;
    char *err = NULL;
    int status = store_doc_get(c->r->srv->store, k, &d, &err);
    if (status == STORE_OK) memcpy(etag, d.etag, 41);
    store_doc_clear(&d);
    if (status == STORE_OK || status == STORE_NOT_FOUND) return status == STORE_OK;
    lrs_reply_store(c, status, err);
    return -1;
}

/* Turns If-Match / If-None-Match into the store's precondition, which compares one etag inside
 * the write transaction. A list or "*" is first resolved against the current document (then
 * the transaction still catches a change in between). *none_given: neither header was sent.
 * Returns 0, or -1 after answering (412 or 500). */
static int precondition(struct lrs_ctx *c, const struct store_doc_key *k,
                        struct store_doc_precondition *pre, char etag[41], int *none_given)
{
    const char *im = lrs_header(c, "If-Match"), *inm = lrs_header(c, "If-None-Match");
    memset(pre, 0, sizeof *pre);
    *none_given = !im && !inm;
    char first[64] = "";
    int found = -2;
    if (inm && etag_next(inm, first) && !strcmp(first, "*") && !strchr(inm, ',')) {
        pre->if_none_match = 1;
    } else if (inm) {
        if ((found = current_etag(c, k, etag)) < 0) return -1;
        if (found && etag_listed(inm, etag)) {
            lrs_reply_error(c, 412, "If-None-Match: the document exists with that ETag");
            return -1;
        }
    }
    if (!im) return 0;
    if (etag_next(im, first) && strcmp(first, "*") && !strchr(im, ',')) {
        /* An etag longer than ours can never match: keep it unmatchable rather than cut. */
        size_t n = strlen(first);
        memcpy(etag, n > 40 ? "-" : first, n > 40 ? 2 : n + 1);
        for (char *p = etag; *p; p++) *p = (char)tolower((unsigned char)*p);
    } else {
        if (found == -2 && (found = current_etag(c, k, etag)) < 0) return -1;
        if (!found || !etag_listed(im, etag)) {
            lrs_reply_error(c, 412, "If-Match: %s", found ? "the document has changed; GET it "
                            "for its current ETag" : "the document does not exist");
            return -1;
        }
    }
    pre->if_match = etag;
    return 0;
}

/* 412 for a precondition the store found false inside its transaction. */
static void reply_precondition_failed(struct lrs_ctx *c, const struct store_doc_precondition *pre)
{
    if (pre->if_none_match)
        lrs_reply_error(c, 412, "If-None-Match: the document already exists");
    else
        lrs_reply_error(c, 412, "If-Match: the document has changed or does not exist; GET it "
                        "for its current ETag");
}

/* --- parameters -------------------------------------------------------------------------- */

/* Checks and reads the parameters of a document request into d. Returns 0, or -1 after
 * answering. */
static int doc_params(struct lrs_ctx *c, const struct doc_resource *res, struct doc_request *d)
{
    memset(d, 0, sizeof *d);
    d->res = res;
    d->key.kind = res->kind;
    if (lrs_params_allowed(c, is_write(c) ? res->params : res->get_params) < 0) return -1;
    if (res->has_activity && lrs_param_iri(c, "activityId", 1, &d->key.activity_id) < 0)
        return -1;
    if (res->has_agent && lrs_param_agent(c, "agent", 1, NULL, &d->agent_key) < 0) return -1;
    d->key.agent = d->agent_key;
    const char *reg = res->has_registration ? lrs_param(c, "registration") : NULL;
    if (reg && !xapi_is_uuid(reg)) {
        lrs_reply_error(c, 400, "registration: \"%s\" is not a UUID", reg);
        return -1;
    }
    if (reg) {
        d->registration = xstrdup(reg);
        for (char *p = d->registration; *p; p++) *p = (char)tolower((unsigned char)*p);
    }
    d->key.registration = d->registration;
    d->key.doc_id = lrs_param(c, res->id_param);
    if (!is_write(c) && lrs_param_timestamp(c, "since", d->since) < 0) return -1;
    return 0;
}

/* --- the document methods ---------------------------------------------------------------- */

static void doc_get(struct lrs_ctx *c, struct doc_request *d)
{
    struct store *s = c->r->srv->store;
    char *err = NULL;
    if (!d->key.doc_id) {
        char **ids;
        size_t n;
        int status = store_doc_list(s, &d->key, d->since[0] ? d->since : NULL, &ids, &n, &err);
        if (status != STORE_OK) {
            lrs_reply_store(c, status, err);
            return;
        }
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) json_array_append_new(arr, json_string(ids[i]));
        store_strings_free(ids, n);
        /* Every GET carries an ETag (Communication 3.1), the id list too. */
        char *body = json_dumps(arr, JSON_COMPACT), etag[44], hex[41];
        json_decref(arr);
        sha1_hex(body, strlen(body), hex);
        snprintf(etag, sizeof etag, "\"%s\"", hex);
        lrs_reply(c, 200, "application/json", body, strlen(body));
        reply_header(c->r, "ETag", etag);
        return;
    }
    struct store_doc doc;
    int status = store_doc_get(s, &d->key, &doc, &err);
    if (status == STORE_NOT_FOUND) {
        lrs_reply_error(c, 404, "no document with %s \"%s\"", d->res->id_param, d->key.doc_id);
    } else if (status != STORE_OK) {
        lrs_reply_store(c, status, err);
    } else {
        lrs_reply(c, 200, doc.content_type, doc.content, doc.len);
        doc.content = NULL;     /* the reply owns it now */
        add_validators(c, &doc);
    }
    store_doc_clear(&doc);
}

/* 204 with the validators of the document just written. */
static void reply_written(struct lrs_ctx *c, const struct store_doc_key *k)
{
    struct store_doc doc;
    char *err = NULL;
    int status = store_doc_get(c->r->srv->store, k, &doc, &err);
    lrs_reply_empty(c, 204);
    if (status == STORE_OK) add_validators(c, &doc);
    free(err);
    store_doc_clear(&doc);
}

/* xAPI 1.0.3 Communication 3.1: a client MUST send If-Match or If-None-Match with a profile PUT,
 * and the conformance suite wants 400 when it creates a document without one (over an existing
 * document the store's guard answers 409). 2.0.0 dropped the client rule. Returns 0 to go on,
 * or -1 after answering. */
static int check_profile_put(struct lrs_ctx *c, const struct doc_request *d)
{
    if (d->res->kind == STORE_DOC_STATE || c->version != XAPI_1_0_3) return 0;
    char etag[41];
    int found = current_etag(c, &d->key, etag);
    if (found) return found < 0 ? -1 : 0;
    lrs_reply_error(c, 400, "If-None-Match: a PUT that creates a profile document must send "
                    "If-None-Match: * (xAPI 1.0.3 Communication 3.1); to replace one, send "
                    "If-Match with its ETag");
    return -1;
}

/* PUT (merge 0) or POST (merge 1). */
static void doc_write(struct lrs_ctx *c, struct doc_request *d, int merge)
{
    if (!d->key.doc_id) {
        lrs_reply_error(c, 400, "%s: the parameter is required", d->res->id_param);
        return;
    }
    const char *type = lrs_header(c, "Content-Type");
    if (lrs_content_type_is(c, "application/json")) {
        json_t *body;       /* a JSON document must be JSON: the type has to match the content */
        if (lrs_body_json(c, &body) < 0) return;
        json_decref(body);
    }
    struct store_doc_precondition pre;
    char etag[41];
    int none_given;
    if (precondition(c, &d->key, &pre, etag, &none_given) < 0) return;
    /* A PUT must not blindly overwrite: profiles always (1.0.3 and 2.0.0), state in 2.0.0
     * (1.0.3 lets state be written without concurrency headers). */
    int guard = !merge && none_given &&
                (d->res->kind != STORE_DOC_STATE || c->version == XAPI_2_0_0);
    if (guard && check_profile_put(c, d) < 0) return;
    if (guard) pre.if_none_match = 1;
    char *err = NULL;
    int status = store_doc_put(c->r->srv->store, &d->key, c->body, c->body_len, type, &pre,
                               merge, &err);
    if (status == STORE_OK) {
        reply_written(c, &d->key);
    } else if (status == STORE_PRECONDITION && guard) {
        lrs_reply_error(c, 409, "the document already exists: GET it to check its current "
                        "state, then PUT again with If-Match set to its ETag");
    } else if (status == STORE_PRECONDITION) {
        reply_precondition_failed(c, &pre);
    } else if (status == STORE_NOT_MERGEABLE) {
        lrs_reply_error(c, 400, "POST merges JSON documents: the stored document and the one "
                        "sent must both be JSON objects with Content-Type application/json");
    } else {
        lrs_reply_store(c, status, err);
    }
}

static void doc_delete(struct lrs_ctx *c, struct doc_request *d)
{
    if (!d->key.doc_id && d->res->kind != STORE_DOC_STATE) {
        lrs_reply_error(c, 400, "%s: the parameter is required", d->res->id_param);
        return;
    }
    struct store_doc_precondition pre = {0};
    char etag[41];
    int none_given;
    /* Deleting every state document takes no precondition: there is no one ETag. */
    if (d->key.doc_id && precondition(c, &d->key, &pre, etag, &none_given) < 0) return;
    char *err = NULL;
    int status = store_doc_delete(c->r->srv->store, &d->key, &pre, &err);
    if ((status == STORE_NOT_FOUND && pre.if_match) || status == STORE_PRECONDITION)
        reply_precondition_failed(c, &pre);
    else if (status == STORE_OK || status == STORE_NOT_FOUND)
        lrs_reply_empty(c, 204);    /* deleting what is gone is done, not an error */
    else
        lrs_reply_store(c, status, err);
}

static void documents(struct lrs_ctx *c, const struct doc_resource *res)
{
    if (lrs_require_scope(c, res->scope) < 0) return;
    struct doc_request d;
    if (doc_params(c, res, &d) == 0) {
        if (!strcmp(c->method, "GET")) doc_get(c, &d);
        else if (!strcmp(c->method, "PUT")) doc_write(c, &d, 0);
        else if (!strcmp(c->method, "POST")) doc_write(c, &d, 1);
        else doc_delete(c, &d);
    }
    doc_request_clear(&d);
}

void lrs_documents_state(struct lrs_ctx *c)
{
    documents(c, &state_resource);
}

void lrs_documents_activity_profile(struct lrs_ctx *c)
{
    documents(c, &activity_profile_resource);
}

void lrs_documents_agent_profile(struct lrs_ctx *c)
{
    documents(c, &agent_profile_resource);
}

/* --- Activities and Agents --------------------------------------------------------------- */

/* Reading what statements say about activities and agents: a client that may read statements
 * sees it anyway; otherwise "all/read" (or "all") is needed. */
static int require_read(struct lrs_ctx *c)
{
    if (c->authenticated && credentials_allows(c->scopes, CREDENTIALS_STATEMENTS_READ, 1))
        return 0;
    return lrs_require_scope(c, CREDENTIALS_ALL_READ);
}

/* The newest statements matching q (at most STORE_MAX_LIMIT), parsed; NULL after answering. */
static json_t *recent_statements(struct lrs_ctx *c, struct store_query *q)
{
    struct store_result res = {0};
    char *err = NULL;
    q->limit = STORE_MAX_LIMIT;
    int status = store_statements_query(c->r->srv->store, q, &res, &err);
    if (status != STORE_OK) {
        lrs_reply_store(c, status, err);
        return NULL;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < res.n; i++) {
        json_t *st = json_loads(res.json[i], 0, NULL);
        if (st) json_array_append_new(arr, st);
    }
    store_result_clear(&res);
    return arr;
}

/* The Activity with its canonical definition: the one merged from the statements of authorities
 * trusted to define it (store_statements_insert). An Activity without one, seen or not, is
 * still an Activity object (xAPI 2.0 4.1.6.4: the LRS shall still return one). */
void lrs_documents_activities(struct lrs_ctx *c)
{
    const char *id;
    if (require_read(c) < 0 || lrs_params_allowed(c, "activityId") < 0 ||
        lrs_param_iri(c, "activityId", 1, &id) < 0)
        return;
    char *def = NULL, *err = NULL;
    int status = store_activity_get(c->r->srv->store, id, &def, &err);
    if (status != STORE_OK && status != STORE_NOT_FOUND) {
        lrs_reply_store(c, status, err);
        return;
    }
    json_t *activity = json_pack("{s:s, s:s}", "objectType", "Activity", "id", id);
    json_t *d = def ? json_loads(def, 0, NULL) : NULL;
    if (json_object_size(d)) json_object_set(activity, "definition", d);
    lrs_reply_json(c, 200, activity);
    json_decref(activity);
    json_decref(d);
    free(def);
}

/* Appends a's name to names when a is the agent with key and the name is new. */
static void collect_name(const json_t *a, const char *key, json_t *names)
{
    const char *name = json_string_value(json_object_get(a, "name"));
    if (!name) return;
    char *k = statements_agent_key(a);
    int same = k && !strcmp(k, key);
    free(k);
    for (size_t i = 0; same && i < json_array_size(names); i++)
        if (!strcmp(json_string_value(json_array_get(names, i)), name)) same = 0;
    if (same) json_array_append_new(names, json_string(name));
}

/* The Person object: every property an array (Communication 2.4). An Agent has exactly one
 * IFI, so the IFI arrays hold the requested one; names come from the agent parameter and the
 * newest statements about the agent. */
static json_t *person(const json_t *agent, const char *key, const json_t *stmts)
{
    json_t *p = json_pack("{s:s}", "objectType", "Person");
    json_t *names = json_array();
    collect_name(agent, key, names);
    for (size_t i = 0; i < json_array_size(stmts); i++) {
        const json_t *st = json_array_get(stmts, i);
        collect_name(json_object_get(st, "actor"), key, names);
        collect_name(json_object_get(st, "object"), key, names);
    }
    json_object_set_new(p, "name", names);
    static const char *const ifis[] = {"mbox", "mbox_sha1sum", "openid", "account"};
    for (size_t i = 0; i < sizeof ifis / sizeof *ifis; i++) {
        json_t *v = json_object_get(agent, ifis[i]);
        if (v) json_object_set_new(p, ifis[i], json_pack("[O]", v));
    }
    return p;
}

void lrs_documents_agents(struct lrs_ctx *c)
{
    json_t *agent = NULL;
    char *key = NULL;
    if (require_read(c) < 0 || lrs_params_allowed(c, "agent") < 0 ||
        lrs_param_agent(c, "agent", 1, &agent, &key) < 0)
        goto done;
    const char *type = json_string_value(json_object_get(agent, "objectType"));
    if (type && strcmp(type, "Agent")) {
        lrs_reply_error(c, 400, "agent: must be an Agent (the Agents resource describes people)");
        goto done;
    }
    struct store_query q = {.agent = key};
    json_t *stmts = recent_statements(c, &q);
    if (!stmts) goto done;
    json_t *p = person(agent, key, stmts);
    lrs_reply_json(c, 200, p);
    json_decref(p);
    json_decref(stmts);
done:
    json_decref(agent);
    free(key);
}
