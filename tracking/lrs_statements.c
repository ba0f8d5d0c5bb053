/* lrs_statements.c: the Statement resource (xAPI Communication 2.1). PUT stores one statement
 * under ?statementId, POST stores one or a batch atomically, GET returns one statement or a
 * page of a query with a "more" link. Attachments travel as multipart/mixed parts matched by
 * their SHA-2 hash; a signature attachment's JWS is checked against its statement. */
#include "tracking/lrs_statements.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "server/server.h"
#include "tracking/lrs_attachments.h"
#include "tracking/lrs_format.h"
#include "tracking/lrs_multipart.h"
#include "tracking/lrs_signature.h"
#include "tracking/statements.h"

#define SIGNATURE_USAGE "http://adlnet.gov/expapi/attachments/signature"
#define QUERY_PARAMS "agent verb activity registration related_activities related_agents since " \
                     "until limit format attachments ascending more"

/* The statements of a PUT or POST and, for multipart/mixed, the attachment parts. */
struct incoming {
    json_t *list;               /* array of the statements as sent; owned */
    int batch;                  /* the body was an array */
    struct lrs_multipart mp;    /* parts[0] holds the statements */
    json_t *parts;              /* the attachment parts by hash (lrs_attachments_index); owned */
};

/* ---- small parameter helpers ---- */

/* "true"/"false" parameter into *out (def when absent); 400 otherwise. */
static int param_bool(struct lrs_ctx *c, const char *name, int def, int *out)
{
    const char *v = lrs_param(c, name);
    *out = def;
    if (!v) return 0;
    if (!strcmp(v, "true")) *out = 1;
    else if (!strcmp(v, "false")) *out = 0;
    else {
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s: must be true or false", name);
        return -1;
    }
    return 0;
}

/* A non-negative decimal integer parameter (0 when absent); 400 otherwise. */
static int param_uint(struct lrs_ctx *c, const char *name, int64_t *out)
{
    const char *v = lrs_param(c, name);
    *out = 0;
    if (!v) return 0;
    if (*v && strspn(v, "0123456789") == strlen(v) && strlen(v) < 16) {
        *out = strtoll(v, NULL, 10);
        return 0;
    }
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s: must be a non-negative integer", name);
    return -1;
}

static int param_uuid(struct lrs_ctx *c, const char *name, const char **out)
{
    *out = lrs_param(c, name);
    if (!*out || xapi_is_uuid(*out)) return 0;
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s: must be a UUID", name);
    return -1;
}

static char *lowercase(const char *s)
{
    char *p = xstrdup(s);
    for (char *q = p; *q; q++) *q = (char)tolower((unsigned char)*q);
    return p;
}

/* "2024-05-01T10:00:00.000Z" as an HTTP date for Last-Modified. */
static void http_date(const char *stored, char out[40])
{
    struct tm tm = {0};
    out[0] = '\0';
    if (!stored || !strptime(stored, "%Y-%m-%dT%H:%M:%S", &tm)) return;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* ---- reading PUT and POST bodies ---- */

static int read_incoming(struct lrs_ctx *c, struct incoming *in)
{
    const char *body = c->body;
    size_t len = c->body_len;
    if (lrs_content_type_is(c, "multipart/mixed")) {
        char err[256];
        unsigned max = c->r->srv->cfg.max_attachments;
        char *boundary = lrs_multipart_boundary(lrs_header(c, "Content-Type"));
        int rc = boundary ? lrs_multipart_parse(body, len, boundary, (size_t)max + 1, &in->mp, err,
                                                sizeof err)
                          : -1;
        if (!boundary) snprintf(err, sizeof err, "Content-Type: multipart/mixed needs a boundary");
        free(boundary);
        if (rc == LRS_MULTIPART_TOO_MANY) {
            lrs_reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "body: more than %u attachments in one "
                            "request, the most this LRS takes (--max-attachments); send fewer at "
                            "once", max);
            return -1;
        }
        if (rc < 0) {
            lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s", err);
            return -1;
        }
        const char *first = in->mp.parts[0].content_type;
        if (!first || strncasecmp(first, "application/json", 16)) {
            lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "body: the first multipart part must be "
                            "application/json with the statements");
            return -1;
        }
        body = in->mp.parts[0].body;
        len = in->mp.parts[0].len;
        in->parts = lrs_attachments_index(&in->mp);
    } else if (!lrs_content_type_is(c, "application/json")) {
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "Content-Type: must be application/json or "
                        "multipart/mixed");
        return -1;
    }
    json_t *j;
    if (lrs_json_load(c, body, len, JSON_REJECT_DUPLICATES, &j) < 0) return -1;
    unsigned max = c->r->srv->cfg.max_batch;
    if (json_array_size(j) > max) {
        lrs_reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "statements: %zu in one request, more than "
                        "the %u this LRS takes at once (--max-batch); send them in smaller batches",
                        json_array_size(j), max);
        json_decref(j);
        return -1;
    }
    in->batch = json_is_array(j);
    if (in->batch) {
        in->list = j;
    } else {
        in->list = json_array();
        json_array_append_new(in->list, j);
    }
    return 0;
}

static void incoming_free(struct incoming *in)
{
    json_decref(in->list);
    json_decref(in->parts);
    lrs_multipart_free(&in->mp);
}

/* ---- attachments and signatures ---- */

/* The parts that some attachment of some statement declares, as an index of their numbers. */
static int *declared_parts(const struct incoming *in)
{
    int *declared = xcalloc(in->mp.n ? in->mp.n : 1, sizeof *declared);
    size_t i, j;
    json_t *s, *a;
    json_array_foreach(in->list, i, s) {
        json_array_foreach(json_object_get(s, "attachments"), j, a) {
            const char *h = json_string_value(json_object_get(a, "sha2"));
            const struct lrs_part *p = h ? lrs_attachments_part(&in->mp, in->parts, h) : NULL;
            if (p) declared[p - in->mp.parts] = 1;
        }
    }
    return declared;
}

/* Every part after the first is a declared attachment with its hash and binary encoding (a part
 * whose hash an earlier part has too counts as that one). */
static int check_parts(struct lrs_ctx *c, const struct incoming *in)
{
    int *declared = declared_parts(in), status = 0;
    for (size_t i = 1; i < in->mp.n; i++) {
        const struct lrs_part *p = &in->mp.parts[i];
        const char *why = NULL;
        if (!p->hash) why = "has no X-Experience-API-Hash header";
        else if (!p->transfer_encoding || strcasecmp(p->transfer_encoding, "binary"))
            why = "needs Content-Transfer-Encoding: binary";
        else if (!declared[lrs_attachments_part(&in->mp, in->parts, p->hash) - in->mp.parts])
            why = "matches no attachment's sha2";
        if (!why) continue;
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "body: multipart part %zu %s", i + 1, why);
        status = -1;
        break;
    }
    free(declared);
    return status;
}

/* A signature part (Data 2.6) is application/octet-stream and holds a JWS that signs s; where
 * prefixes the attachment's path in the 400 message. */
static int check_signature(struct lrs_ctx *c, const json_t *s, const struct lrs_part *p,
                           const char *where, size_t j)
{
    char err[300];
    const char *type = p->content_type;
    if (type && (strncasecmp(type, "application/octet-stream", 24) ||
                 (type[24] && type[24] != ';' && type[24] != ' '))) {
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%sattachments[%zu]: the multipart part of a "
                        "signature must be application/octet-stream, not %s", where, j, type);
        return -1;
    }
    if (lrs_signature_check(s, c->version, p->body, p->len, lrs_json_max_values(c), err,
                            sizeof err) == 0)
        return 0;
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%sattachments[%zu].%s", where, j, err);
    return -1;
}

/* Each attachment without fileUrl has its part; each signature part signs its statement. */
static int check_attachments(struct lrs_ctx *c, const struct incoming *in)
{
    size_t i, j;
    json_t *s, *a;
    char where[48] = "";
    if (check_parts(c, in) < 0) return -1;
    json_array_foreach(in->list, i, s) {
        if (in->batch) snprintf(where, sizeof where, "statements[%zu].", i);
        json_array_foreach(json_object_get(s, "attachments"), j, a) {
            const char *h = json_string_value(json_object_get(a, "sha2"));
            const char *usage = json_string_value(json_object_get(a, "usageType"));
            const struct lrs_part *p = h ? lrs_attachments_part(&in->mp, in->parts, h) : NULL;
            if (!p && !json_object_get(a, "fileUrl")) {
                lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%sattachments[%zu]: no fileUrl and no "
                                "multipart part with its sha2", where, j);
                return -1;
            }
            if (p && usage && !strcmp(usage, SIGNATURE_USAGE) &&
                check_signature(c, s, p, where, j) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- writing ---- */

/* For a session: a voiding statement may only void a stored statement whose actor is the
 * session's own learner (403 otherwise). 0 to go on, -1 when answered. */
static int check_own_target(struct lrs_ctx *c, const char *target, const char *where)
{
    if (!c->agent_only) return 0;
    char *json = NULL, *err = NULL, *key = NULL;
    int st = STORE_NOT_FOUND;
    for (int voided = 0; voided < 2 && st == STORE_NOT_FOUND; voided++)
        st = store_statement_get(c->r->srv->store, target, voided, &json, &err);
    if (st == STORE_ERROR) {
        lrs_reply_store(c, st, err);
        return -1;
    }
    json_t *stmt = st == STORE_OK ? json_loads(json, 0, NULL) : NULL;
    if (stmt) key = statements_agent_key(json_object_get(stmt, "actor"));
    int own = key && !strcmp(key, c->agent_only);
    json_decref(stmt);
    free(key);
    free(json);
    if (own) return 0;
    lrs_reply_error(c, MHD_HTTP_FORBIDDEN, "%sobject.id: a signed-in user may only void their own "
                    "statements", where);
    return -1;
}

/* Validates and prepares every statement; a batch that names an id twice is refused (the ids
 * seen are kept as the keys of a JSON object, a hash set). */
static int prepare_batch(struct lrs_ctx *c, const struct incoming *in,
                         struct store_statement **out, size_t *n)
{
    size_t count = json_array_size(in->list);
    struct store_statement *batch = xcalloc(count ? count : 1, sizeof *batch);
    json_t *ids = json_object();
    char err[300], where[48] = "";
    for (size_t i = 0; i < count; i++) {
        const json_t *s = json_array_get(in->list, i);
        if (in->batch) snprintf(where, sizeof where, "statements[%zu].", i);
        if (!json_is_object(s)) {
            lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%sbody: must be a Statement object", where);
            goto fail;
        }
        if (xapi_validate_statement(s, c->version, err, sizeof err) < 0 ||
            statements_prepare(s, c->version, c->authority, &batch[i], err, sizeof err) < 0) {
            lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s%s", where, err);
            goto fail;
        }
        /* Only an authority trusted to define Activities updates their canonical definitions
         * (the player's session has "define": its modules are this server's own content). */
        batch[i].define_activities = credentials_allows(c->scopes, CREDENTIALS_DEFINE, 0);
        batch[i].define_prefix = c->define_prefix;
        snprintf(err, sizeof err, "%sactor", where);
        if (lrs_check_own_agent(c, batch[i].actor_key, err) < 0) goto fail;
        if (lrs_check_own_object(c, &batch[i], where) < 0) goto fail;
        if (batch[i].is_voiding && check_own_target(c, batch[i].object_ref, where) < 0) goto fail;
        if (json_object_get(ids, batch[i].id)) {
            lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%sid: %s appears twice in the batch",
                            where, batch[i].id);
            goto fail;
        }
        json_object_set_new(ids, batch[i].id, json_true());
    }
    json_decref(ids);
    *out = batch;
    *n = count;
    return 0;
fail:
    json_decref(ids);
    statements_free_batch(batch, count);
    return -1;
}

/* 1 when every statement of the batch is stored already (voided or not). A statement sent
 * without an id is new, and the first one not found ends the search, so a batch of new
 * statements costs at most one lookup. */
static int all_stored(struct lrs_ctx *c, const struct incoming *in,
                      const struct store_statement *batch, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!json_object_get(json_array_get(in->list, i), "id")) return 0;
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        for (int voided = 0; voided < 2 && !found; voided++) {
            char *json = NULL, *err = NULL;
            found = store_statement_get(c->r->srv->store, batch[i].id, voided, &json,
                                        &err) == STORE_OK;
            free(json);
            free(err);
        }
        if (!found) return 0;
    }
    return n > 0;
}

/* Reads, checks and stores the request's statements. On 0, *batch and *n are the stored
 * statements (statements_free_batch) and, when known is not NULL, *known tells whether all of
 * them were stored before (a client resending a batch); -1 when the request was answered with
 * an error. */
static int store_incoming(struct lrs_ctx *c, struct incoming *in, struct store_statement **batch,
                          size_t *n, int *known)
{
    /* The statements are checked first, so that their parts are matched to valid attachments. */
    if (prepare_batch(c, in, batch, n) < 0) return -1;
    if (check_attachments(c, in) < 0) goto fail;
    if (known) *known = all_stored(c, in, *batch, *n);
    char *err = NULL;
    size_t failed = 0;
    struct store_attachment *atts = lrs_attachments_assign(in->list, &in->mp, in->parts, *batch, *n);
    int st = store_statements_insert(c->r->srv->store, *batch, *n, &failed, &err);
    free(atts);
    if (st == STORE_OK) return 0;
    if (st == STORE_CONFLICT)
        lrs_reply_error(c, MHD_HTTP_CONFLICT, "%sid: statement %s already exists with different "
                        "content", in->batch ? "statements: " : "", (*batch)[failed].id);
    else
        lrs_reply_store(c, st, err);
fail:
    statements_free_batch(*batch, *n);
    *batch = NULL;
    *n = 0;
    return -1;
}

static void statements_put(struct lrs_ctx *c)
{
    const char *id;
    if (lrs_require_scope(c, CREDENTIALS_STATEMENTS_WRITE) < 0 ||
        lrs_params_allowed(c, "statementId") < 0 || lrs_param_required(c, "statementId", &id) < 0 ||
        param_uuid(c, "statementId", &id) < 0)
        return;
    struct incoming in = {0};
    struct store_statement *batch = NULL;
    size_t n = 0;
    if (read_incoming(c, &in) < 0) goto done;
    json_t *s = json_array_get(in.list, 0);
    if (in.batch || !json_is_object(s)) {
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "body: PUT takes one Statement object");
        goto done;
    }
    const char *sent = json_string_value(json_object_get(s, "id"));
    if (sent && strcasecmp(sent, id)) {
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "id: differs from the statementId parameter");
        goto done;
    }
    if (!json_object_get(s, "id")) json_object_set_new(s, "id", json_string(id));
    if (store_incoming(c, &in, &batch, &n, NULL) == 0) lrs_reply_empty(c, MHD_HTTP_NO_CONTENT);
done:
    statements_free_batch(batch, n);
    incoming_free(&in);
}

static void statements_post(struct lrs_ctx *c)
{
    if (lrs_require_scope(c, CREDENTIALS_STATEMENTS_WRITE) < 0 || lrs_params_allowed(c, "") < 0)
        return;
    struct incoming in = {0};
    struct store_statement *batch = NULL;
    size_t n = 0;
    int known = 0;
    if (read_incoming(c, &in) < 0 || store_incoming(c, &in, &batch, &n, &known) < 0) goto done;
    if (known) {
        /* Nothing new: the same statements were sent before (a retry after a lost reply). */
        lrs_reply_empty(c, MHD_HTTP_NO_CONTENT);
        goto done;
    }
    json_t *ids = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(ids, json_string(batch[i].id));
    lrs_reply_json(c, MHD_HTTP_OK, ids);
    json_decref(ids);
done:
    statements_free_batch(batch, n);
    incoming_free(&in);
}

/* ---- reading ---- */

struct output {
    struct lrs_ctx *c;
    enum lrs_format format;
    int attachments;            /* multipart/mixed with the attachments' content */
    json_t *hashes;             /* attachments=true: the sha2s seen, as object keys (a set) */
    json_t *definitions;        /* format=canonical: Activity id -> the store's definition, or
                                 * null when it has none; each Activity is looked up once */
};

static void output_clear(struct output *o)
{
    json_decref(o->hashes);
    json_decref(o->definitions);
}

/* The canonical definition the store holds for an Activity (format=canonical), or NULL. */
static json_t *canonical_definition(void *arg, const char *activity_id)
{
    struct output *o = arg;
    json_t *known = json_object_get(o->definitions, activity_id);
    if (known) return json_is_object(known) ? json_deep_copy(known) : NULL;
    char *text = NULL, *err = NULL;
    int status = store_activity_get(o->c->r->srv->store, activity_id, &text, &err);
    free(err);      /* a failed lookup keeps the statement's own definition */
    json_t *def = status == STORE_OK && text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    if (!json_is_object(def)) {
        json_decref(def);
        def = json_null();
    }
    json_object_set(o->definitions, activity_id, def);
    json_t *copy = json_is_object(def) ? json_deep_copy(def) : NULL;
    json_decref(def);
    return copy;
}

/* Applies the format to one stored statement; notes its attachments. Returns compact JSON. */
static char *output_statement(struct lrs_ctx *c, struct output *o, const char *stored_json)
{
    if (o->format == LRS_FORMAT_EXACT && !o->attachments) return xstrdup(stored_json);
    json_t *s = json_loads(stored_json, 0, NULL);
    if (!s) return xstrdup(stored_json);
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(s, "attachments"), i, a) {
        const char *h = json_string_value(json_object_get(a, "sha2"));
        char *key = h && o->attachments ? lowercase(h) : NULL;
        if (key) json_object_set_new(o->hashes, key, json_true());
        free(key);
    }
    lrs_format_apply(s, o->format, lrs_header(c, "Accept-Language"), canonical_definition, o);
    char *text = json_dumps(s, JSON_COMPACT);
    json_decref(s);
    return text ? text : xstrdup(stored_json);
}

/* Sends json (owned) as the whole reply, or as the first part followed by the content of
 * every attachment noted (those the LRS holds). */
static void output_reply(struct lrs_ctx *c, struct output *o, char *json)
{
    if (!o->attachments) {
        lrs_reply(c, MHD_HTTP_OK, "application/json", json, strlen(json));
        return;
    }
    char boundary[37];
    statements_uuid4(boundary);
    struct buf b;
    buf_init(&b);
    lrs_multipart_add(&b, boundary, "application/json", NULL, json, strlen(json));
    free(json);
    const char *sha2;
    json_t *seen;
    json_object_foreach(o->hashes, sha2, seen) {
        struct store_doc doc;
        char *err = NULL;
        int st = store_attachment_get(c->r->srv->store, sha2, &doc, &err);
        if (st == STORE_OK)
            lrs_multipart_add(&b, boundary, doc.content_type, sha2, doc.content, doc.len);
        else if (st == STORE_ERROR)
            fprintf(stderr, "stepwise: xapi: attachment %s: %s\n", sha2, err ? err : "failure");
        free(err);
        store_doc_clear(&doc);
    }
    lrs_multipart_end(&b, boundary);
    char *ct = xasprintf("multipart/mixed; boundary=%s", boundary);
    size_t len;
    char *body = buf_detach(&b, &len);
    lrs_reply(c, MHD_HTTP_OK, ct, body, len);
    free(ct);
}

static int output_params(struct lrs_ctx *c, struct output *o)
{
    memset(o, 0, sizeof *o);
    o->c = c;
    if (lrs_format_parse(lrs_param(c, "format"), &o->format) < 0) {
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "format: must be ids, exact or canonical");
        return -1;
    }
    if (param_bool(c, "attachments", 0, &o->attachments) < 0) return -1;
    o->hashes = json_object();
    o->definitions = json_object();
    return 0;
}

/* GET ?statementId= or ?voidedStatementId=: one statement. */
static void get_one(struct lrs_ctx *c, const char *name, int voided)
{
    const char *id;
    struct output o;
    if (lrs_params_allowed(c, "statementId voidedStatementId format attachments") < 0 ||
        param_uuid(c, name, &id) < 0 || output_params(c, &o) < 0)
        return;
    char *low = lowercase(id), *json = NULL, *err = NULL, ct[32], date[40] = "";
    lrs_consistent_through(c, ct);
    int st = store_statement_get(c->r->srv->store, low, voided, &json, &err);
    json_t *s = st == STORE_OK ? json_loads(json, 0, NULL) : NULL;
    if (st == STORE_OK && !credentials_allows(c->scopes, CREDENTIALS_STATEMENTS_READ, 1)) {
        /* statements/read/mine: another client's statement is as good as absent. */
        char *key = statements_agent_key(json_object_get(s, "authority"));
        if (!key || strcmp(key, c->authority_key)) st = STORE_NOT_FOUND;
        free(key);
    }
    if (st == STORE_OK) {
        http_date(json_string_value(json_object_get(s, "stored")), date);
        output_reply(c, &o, output_statement(c, &o, json));
        if (date[0]) reply_header(c->r, "Last-Modified", date);
    } else {
        lrs_reply_store(c, st, err);
        err = NULL;
    }
    reply_header(c->r, "X-Experience-API-Consistent-Through", ct);
    json_decref(s);
    free(json);
    free(err);
    free(low);
    output_clear(&o);
}

/* Reads the filter parameters into q; agent_key and registration are the caller's to free. */
static int query_params(struct lrs_ctx *c, struct store_query *q, char **agent_key, char **reg,
                        char since[32], char until[32])
{
    const char *registration;
    int64_t limit, cursor;
    if (lrs_param_agent(c, "agent", 0, NULL, agent_key) < 0 ||
        lrs_param_iri(c, "verb", 0, &q->verb) < 0 ||
        lrs_param_iri(c, "activity", 0, &q->activity) < 0 ||
        param_uuid(c, "registration", &registration) < 0 ||
        param_bool(c, "related_activities", 0, &q->related_activities) < 0 ||
        param_bool(c, "related_agents", 0, &q->related_agents) < 0 ||
        lrs_param_timestamp(c, "since", since) < 0 || lrs_param_timestamp(c, "until", until) < 0 ||
        param_uint(c, "limit", &limit) < 0 || param_bool(c, "ascending", 0, &q->ascending) < 0 ||
        param_uint(c, "more", &cursor) < 0)
        return -1;
    q->agent = *agent_key;
    *reg = registration ? lowercase(registration) : NULL;
    q->registration = *reg;
    q->since = since[0] ? since : NULL;
    q->until = until[0] ? until : NULL;
    q->limit = (size_t)limit;
    q->cursor = cursor;
    if (!credentials_allows(c->scopes, CREDENTIALS_STATEMENTS_READ, 1))
        q->authority = c->authority_key;
    return 0;
}

/* The "more" link: this query again, at the next page. */
static char *more_link(struct lrs_ctx *c, int64_t cursor)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "/xapi/statements?");
    for (size_t i = 0; i < c->nparams; i++) {
        if (!strcmp(c->params[i].name, "more")) continue;
        buf_put_url_segment(&b, c->params[i].name);
        buf_putc(&b, '=');
        buf_put_url_segment(&b, c->params[i].value);
        buf_putc(&b, '&');
    }
    buf_printf(&b, "more=%" PRId64, cursor);
    return buf_detach(&b, NULL);
}

static void get_query(struct lrs_ctx *c)
{
    struct store_query q = {0};
    struct output o = {0};
    char *agent = NULL, *reg = NULL, since[32], until[32];
    if (lrs_params_allowed(c, QUERY_PARAMS) < 0 || output_params(c, &o) < 0 ||
        query_params(c, &q, &agent, &reg, since, until) < 0)
        goto done;
    struct store_result res;
    char *err = NULL;
    int st = store_statements_query(c->r->srv->store, &q, &res, &err);
    if (st != STORE_OK) {
        lrs_reply_store(c, st, err);
        goto done;
    }
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "{\"statements\":[");
    for (size_t i = 0; i < res.n; i++) {
        char *s = output_statement(c, &o, res.json[i]);
        if (i) buf_putc(&b, ',');
        buf_puts(&b, s);
        free(s);
    }
    char *more = res.next_cursor > 0 ? more_link(c, res.next_cursor) : xstrdup("");
    json_t *more_json = json_string(more);
    char *more_text = json_dumps(more_json, JSON_ENCODE_ANY);
    buf_printf(&b, "],\"more\":%s}", more_text);
    free(more_text);
    json_decref(more_json);
    free(more);
    output_reply(c, &o, buf_detach(&b, NULL));
    reply_header(c->r, "X-Experience-API-Consistent-Through", res.consistent_through);
    store_result_clear(&res);
done:
    free(agent);
    free(reg);
    output_clear(&o);
}

static void statements_get(struct lrs_ctx *c)
{
    if (lrs_require_scope(c, CREDENTIALS_STATEMENTS_READ_MINE) < 0) return;
    const char *id = lrs_param(c, "statementId"), *voided = lrs_param(c, "voidedStatementId");
    if (id && voided)
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "statementId: cannot be combined with "
                        "voidedStatementId");
    else if (id || voided)
        get_one(c, id ? "statementId" : "voidedStatementId", voided != NULL);
    else
        get_query(c);
}

void lrs_statements(struct lrs_ctx *c)
{
    if (!strcmp(c->method, "GET")) statements_get(c);
    else if (!strcmp(c->method, "PUT")) statements_put(c);
    else statements_post(c);
}
