/* lrs_common.c: the part of every xAPI request that does not depend on the resource: CORS, the
 * 1.0.3 alternate request syntax, the version header, the methods each resource answers,
 * authentication, scopes, parameter checks and replies. */
#include "tracking/lrs_common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/auth.h"
#include "server/form.h"
#include "server/server.h"
#include "server/store_reply.h"
#include "tracking/json_bound.h"
#include "tracking/statements.h"

#define LRS_REALM "Basic realm=\"Stepwise xAPI\""
#define LRS_LATEST "2.0.0"
#define FORM_MAX_FIELDS 64

/* The methods each resource answers, checked before the credentials so that a method no
 * resource has is 405 even for an anonymous request (conformance Communication 3.2). */
static const struct {
    const char *resource;
    const char *methods;
} resource_methods[] = {
    {"statements", "GET, PUT, POST"},
    {"activities/state", "GET, PUT, POST, DELETE"},
    {"activities/profile", "GET, PUT, POST, DELETE"},
    {"agents/profile", "GET, PUT, POST, DELETE"},
    {"activities", "GET"},
    {"agents", "GET"},
    {"about", "GET"},
};

/* Form fields of the alternate syntax that stand for request headers (Communication 1.3). */
static const char *const form_headers[] = {
    "Authorization", "X-Experience-API-Version", "Content-Type", "Content-Length",
    "If-Match", "If-None-Match",
};

static void params_add(struct lrs_param **list, size_t *n, const char *name, const char *value)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[*n].name = xstrdup(name);
    (*list)[*n].value = xstrdup(value ? value : "");
    (*n)++;
}

static void params_free(struct lrs_param *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].name);
        free(list[i].value);
    }
    free(list);
}

static const char *params_find(const struct lrs_param *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(list[i].name, name)) return list[i].value;
    return NULL;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    struct lrs_ctx *c = cls;
    params_add(&c->params, &c->nparams, key, value);
    return MHD_YES;
}

static int is_form_header(const char *name)
{
    for (size_t i = 0; i < sizeof form_headers / sizeof *form_headers; i++)
        if (!strcasecmp(name, form_headers[i])) return 1;
    return 0;
}

/* Splits the alternate-syntax form body into headers, content and parameters. */
static int parse_form(struct lrs_ctx *c, char *err, size_t errlen)
{
    struct form f;
    int rc = form_parse(c->r->body.data ? c->r->body.data : "", c->r->body.len, FORM_MAX_FIELDS,
                        &f);
    if (rc == FORM_NOT_UTF8) {
        snprintf(err, errlen, "%.80s: not UTF-8 text", *f.not_utf8 ? f.not_utf8 : "a field name");
        form_free(&f);
        return -1;
    }
    if (rc < 0) {
        snprintf(err, errlen, "body: not a well-formed form (bad %%-escape, NUL byte, or more "
                              "than %d fields)", FORM_MAX_FIELDS);
        return -1;
    }
    for (size_t i = 0; i < f.n; i++) {
        const char *name = f.names[i], *value = f.values[i];
        if (!strcmp(name, "content") && !c->body_owned) c->body_owned = xstrdup(value);
        else if (is_form_header(name)) params_add(&c->headers, &c->nheaders, name, value);
        else params_add(&c->params, &c->nparams, name, value);
    }
    form_free(&f);
    return 0;
}

/* The 1.0.3 alternate request syntax: POST ?method=M with a form body (Communication 1.3). */
static int begin_alternate(struct lrs_ctx *c, char *err, size_t errlen)
{
    const char *m = lrs_param(c, "method");
    if (strcmp(c->r->method, "POST")) {
        snprintf(err, errlen, "method: the alternate request syntax must be sent as POST");
        return -1;
    }
    if (c->nparams != 1) {
        snprintf(err, errlen, "method: with the alternate request syntax every parameter goes "
                              "in the form body, not the query string");
        return -1;
    }
    static const char *const methods[] = {"GET", "PUT", "POST", "DELETE"};
    const char *method = !strcmp(m, "HEAD") ? "GET" : NULL;
    for (size_t i = 0; i < sizeof methods / sizeof *methods && !method; i++)
        if (!strcmp(m, methods[i])) method = methods[i];
    if (!method) {
        snprintf(err, errlen, "method: unsupported method \"%.20s\"", m);
        return -1;
    }
    const char *ct = request_header(c->r, "Content-Type");
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) ||
        (ct[33] && ct[33] != ';' && ct[33] != ' ')) {
        snprintf(err, errlen, "Content-Type: the alternate request syntax needs an "
                              "application/x-www-form-urlencoded body");
        return -1;
    }
    c->alternate = 1;
    c->method = method;   /* static: m dies with the query parameters */
    params_free(c->params, c->nparams);
    c->params = NULL;
    c->nparams = 0;
    if (parse_form(c, err, errlen) < 0) return -1;
    c->body = c->body_owned ? c->body_owned : "";
    c->body_len = strlen(c->body);
    return 0;
}

/* HTTP Basic against the store's API clients. 1: authenticated; 0: no or wrong credentials;
 * -1: database failure (logged). */
static int auth_basic(struct lrs_ctx *c)
{
    const char *authorization = lrs_header(c, "Authorization");
    if (!authorization) return 0;
    struct store_credential cred;
    char *err = NULL;
    int st = credentials_verify(c->r->srv->store, authorization, &cred, &err);
    if (st == STORE_ERROR) {
        fprintf(stderr, "stepwise: xapi: credentials: %s\n", err ? err : "database failure");
        free(err);
        return -1;
    }
    if (st != STORE_OK) return 0;
    char perr[128];
    int ok = credentials_parse_scopes(cred.scopes, &c->scopes, perr, sizeof perr) == 0;
    c->authority = ok ? json_loads(cred.authority ? cred.authority : "", 0, NULL) : NULL;
    c->authority_key = statements_agent_key(c->authority);
    if (c->authority_key) c->client_key = xstrdup(cred.key);
    store_credential_clear(&cred);
    if (!c->authority_key) {
        fprintf(stderr, "stepwise: xapi: client has unusable scopes or authority\n");
        return -1;
    }
    return 1;
}

/* The player's session: a signed-in user may write statements and state about themselves and
 * read their own statements; the authority is their own agent. "define" for this server's own
 * modules only (the player sends them as Activities; any other Activity, say an outside tool's,
 * is never redefined by a learner's browser). Writes
 * also need the session's CSRF token in X-CSRF-Token (lrs_require_scope), as a cookie alone is
 * what a form on another site would send. 1: signed in; 0: not. */
static int auth_session(struct lrs_ctx *c)
{
    struct user u;
    if (!auth_user(c->r, &u)) return 0;
    c->scopes = CREDENTIALS_STATEMENTS_WRITE | CREDENTIALS_STATEMENTS_READ_MINE |
                CREDENTIALS_STATE | CREDENTIALS_DEFINE;
    c->authority = auth_agent_for_login(c->r->srv->cfg.public_url, u.login);
    c->authority_key = statements_agent_key(c->authority);
    c->agent_only = xstrdup(c->authority_key);
    c->define_prefix = xasprintf("%s/modules/", c->r->srv->cfg.public_url);
    c->client_key = xasprintf("session:%s", u.login);
    c->csrf_ok = auth_check_header_csrf(c->r);
    user_clear(&u);
    return 1;
}

/* Fills the authentication part of c: HTTP Basic when the request sends credentials, else the
 * player's session. Same results as auth_basic. */
static int authenticate(struct lrs_ctx *c)
{
    int rc = lrs_header(c, "Authorization") ? auth_basic(c) : auth_session(c);
    c->authenticated = rc == 1;
    return rc;
}

/* The version header (from the form for the alternate syntax). */
static int begin_version(struct lrs_ctx *c, char *err, size_t errlen)
{
    const char *v = lrs_header(c, "X-Experience-API-Version");
    if (!v) {
        snprintf(err, errlen, "X-Experience-API-Version: header missing");
        return -1;
    }
    if (xapi_parse_version(v, &c->version) < 0) {
        snprintf(err, errlen, "X-Experience-API-Version: unsupported version \"%.40s\"", v);
        return -1;
    }
    c->version_text = c->version == XAPI_1_0_3 ? "1.0.3" : "2.0.0";
    return 0;
}

/* The context of a request before anything of it is read: the newest version, no body. */
static void ctx_init(struct lrs_ctx *c, struct request *r, const char *resource)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->resource = resource;
    c->method = request_is_head(r) ? "GET" : r->method;
    c->version = XAPI_2_0_0;
    c->version_text = LRS_LATEST;
    c->body = "";
}

int lrs_begin(struct lrs_ctx *c, struct request *r, const char *resource)
{
    ctx_init(c, r, resource);
    if (r->body.data) c->body = r->body.data;
    c->body_len = r->body.len;
    if (!strcmp(r->method, "OPTIONS")) {
        lrs_reply_empty(c, MHD_HTTP_NO_CONTENT);
        return -1;
    }
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_query, c);
    if (r->body_too_large) {
        char ignored[256];
        begin_version(c, ignored, sizeof ignored);  /* answer in the version asked for, if any */
        lrs_reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request body is larger than this LRS "
                        "accepts (%zu bytes; the server's --max-body); send fewer statements or "
                        "smaller attachments at once", r->srv->cfg.max_body_bytes);
        return -1;
    }
    char err[256];
    int about = !strcmp(resource, "about");
    if (lrs_param(c, "method") && begin_alternate(c, err, sizeof err) < 0) goto bad;
    if (!about && begin_version(c, err, sizeof err) < 0) goto bad;
    if (c->alternate && c->version != XAPI_1_0_3) {
        snprintf(err, sizeof err, "method: the alternate request syntax is not part of xAPI 2.0.0");
        goto bad;
    }
    if (about) {
        /* Needs no version header, but answers in the version asked for when there is one. */
        begin_version(c, err, sizeof err);
    }
    for (size_t i = 0; i < sizeof resource_methods / sizeof *resource_methods; i++)
        if (!strcmp(resource, resource_methods[i].resource) &&
            lrs_allow(c, resource_methods[i].methods) < 0)
            return -1;
    if (about) return 0;
    int rc = authenticate(c);
    if (rc < 0) {
        lrs_reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "the server could not check the "
                        "credentials; try again later");
        return -1;
    }
    if (rc == 0) {
        lrs_reply_error(c, MHD_HTTP_UNAUTHORIZED, "Authorization: missing or wrong credentials "
                        "(use HTTP Basic with the API client's key and secret)");
        reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, LRS_REALM);
        return -1;
    }
    return 0;
bad:
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s", err);
    return -1;
}

int lrs_begin_head(struct lrs_ctx *c, struct request *r, const char *resource)
{
    ctx_init(c, r, resource);
    /* The alternate syntax carries the method and the credentials in the body; a preflight
     * is answered by lrs_begin. */
    if (request_query(r, "method") || !strcmp(r->method, "OPTIONS")) return 0;
    char ignored[256];
    begin_version(c, ignored, sizeof ignored);  /* answer in the version asked for, if any */
    const char *methods = NULL;
    for (size_t i = 0; i < sizeof resource_methods / sizeof *resource_methods; i++)
        if (!strcmp(resource, resource_methods[i].resource)) methods = resource_methods[i].methods;
    if (!methods) {
        lrs_reply_error(c, MHD_HTTP_NOT_FOUND, "no xAPI resource at %s", r->path);
        return -1;
    }
    if (lrs_allow(c, methods) < 0) return -1;
    if (!strcmp(resource, "about") || request_header(r, "Authorization") ||
        request_cookie(r, AUTH_COOKIE))
        return 0;
    lrs_reply_error(c, MHD_HTTP_UNAUTHORIZED, "Authorization: missing credentials (use HTTP "
                    "Basic with the API client's key and secret)");
    reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, LRS_REALM);
    return -1;
}

void lrs_end(struct lrs_ctx *c)
{
    params_free(c->params, c->nparams);
    params_free(c->headers, c->nheaders);
    free(c->body_owned);
    json_decref(c->authority);
    free(c->authority_key);
    free(c->client_key);
    free(c->agent_only);
    free(c->define_prefix);
    memset(c, 0, sizeof *c);
}

void lrs_consistent_through(struct lrs_ctx *c, char out[32])
{
    struct store_query q = {.authority = "", .limit = 1};
    struct store_result res;
    char *err = NULL;
    if (store_statements_query(c->r->srv->store, &q, &res, &err) == STORE_OK)
        memcpy(out, res.consistent_through, 32);
    else
        statements_now(out);
    store_result_clear(&res);
    free(err);
}

void lrs_finish(struct lrs_ctx *c)
{
    struct request *r = c->r;
    /* Every reply to a statements GET carries it, errors included (conformance XAPI-00153). */
    if (!strcmp(c->resource, "statements") && !strcmp(c->method, "GET") && r->response &&
        !MHD_get_response_header(r->response, "X-Experience-API-Consistent-Through")) {
        char ct[32];
        lrs_consistent_through(c, ct);
        reply_header(r, "X-Experience-API-Consistent-Through", ct);
    }
    reply_header(r, "X-Experience-API-Version", c->version_text);
    reply_header(r, "Access-Control-Allow-Origin", "*");
    reply_header(r, "Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE, OPTIONS");
    reply_header(r, "Access-Control-Allow-Headers", "Authorization, Content-Type, If-Match, "
                 "If-None-Match, X-Experience-API-Version, Accept-Language");
    reply_header(r, "Access-Control-Expose-Headers", "ETag, Last-Modified, "
                 "X-Experience-API-Consistent-Through, X-Experience-API-Version");
    reply_header(r, "Cache-Control", "no-store");
}

const char *lrs_param(const struct lrs_ctx *c, const char *name)
{
    for (size_t i = 0; i < c->nparams; i++)
        if (!strcmp(c->params[i].name, name)) return c->params[i].value;
    return NULL;
}

const char *lrs_header(const struct lrs_ctx *c, const char *name)
{
    if (!c->alternate) return request_header(c->r, name);
    /* The form's fields stand for the headers (Communication 1.3), so one sent both ways is
     * the form's (the conformance suite sends a bad version that way and wants 400). The real
     * Content-Type is the form's own; the content's type is a field, JSON unless told. */
    const char *field = params_find(c->headers, c->nheaders, name);
    if (field) return field;
    if (!strcasecmp(name, "Content-Type")) return "application/json";
    return request_header(c->r, name);
}

int lrs_content_type_is(const struct lrs_ctx *c, const char *type)
{
    const char *ct = lrs_header(c, "Content-Type");
    if (!ct) return 0;
    ct += strspn(ct, " \t");
    size_t n = strlen(type);
    return !strncasecmp(ct, type, n) && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* 1 when word occurs in the space/comma-separated list. */
static int list_has(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; *p;) {
        p += strspn(p, " ,");
        size_t len = strcspn(p, " ,");
        if (len == n && !strncmp(p, word, n)) return 1;
        p += len;
    }
    return 0;
}

int lrs_allow(struct lrs_ctx *c, const char *methods)
{
    if (list_has(methods, c->method)) return 0;
    char *allow = list_has(methods, "GET") ? xasprintf("HEAD, %s", methods) : xstrdup(methods);
    lrs_reply_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "%s is not allowed here; allowed: %s",
                    c->method, allow);
    reply_header(c->r, MHD_HTTP_HEADER_ALLOW, allow);
    free(allow);
    return -1;
}

int lrs_require_scope(struct lrs_ctx *c, unsigned need)
{
    int is_read = !strcmp(c->method, "GET");
    if (c->agent_only && !is_read && !c->csrf_ok) {
        lrs_reply_error(c, MHD_HTTP_FORBIDDEN, "X-CSRF-Token: missing or wrong (send the token "
                        "of the signed-in session with every write)");
        return -1;
    }
    if (c->authenticated && credentials_allows(c->scopes, need, is_read)) return 0;
    char *name = credentials_format_scopes(need);
    lrs_reply_error(c, MHD_HTTP_FORBIDDEN, "this API client lacks the scope \"%s\"", name);
    free(name);
    return -1;
}

int lrs_check_own_agent(struct lrs_ctx *c, const char *key, const char *what)
{
    if (!c->agent_only || (key && !strcmp(key, c->agent_only))) return 0;
    lrs_reply_error(c, MHD_HTTP_FORBIDDEN, "%s: a signed-in user may only use their own agent", what);
    return -1;
}

/* 1 when iri is "<public_url>/modules/<id>" or lies under it ("/questions/q1", "/media/x.mp4")
 * for a module id the catalog holds. */
static int is_own_module_iri(struct server *srv, const char *iri)
{
    char *base = xasprintf("%s/modules/", srv->cfg.public_url);
    size_t n = strlen(base);
    int own = 0;
    if (!strncmp(iri, base, n) && iri[n] && iri[n] != '/') {
        char *id = xstrndup(iri + n, strcspn(iri + n, "/?#"));
        pthread_mutex_lock(&srv->lock);
        own = catalog_find(srv->catalog, id) != NULL;
        pthread_mutex_unlock(&srv->lock);
        own = own && (iri[n + strlen(id)] == '\0' || iri[n + strlen(id)] == '/');
        free(id);
    }
    free(base);
    return own;
}

int lrs_check_own_object(struct lrs_ctx *c, const struct store_statement *s, const char *where)
{
    if (!c->agent_only || s->object_ref) return 0;
    if (!s->object_activity) {
        lrs_reply_error(c, MHD_HTTP_FORBIDDEN, "%sobject: a signed-in user may only make "
                        "statements about this server's modules (an Activity)", where);
        return -1;
    }
    if (is_own_module_iri(c->r->srv, s->object_activity)) return 0;
    lrs_reply_error(c, MHD_HTTP_FORBIDDEN, "%sobject: %.200s is not one of this server's modules "
                    "(a signed-in user may only make statements about %s/modules/...)", where,
                    s->object_activity, c->r->srv->cfg.public_url);
    return -1;
}

int lrs_params_allowed(struct lrs_ctx *c, const char *names)
{
    for (size_t i = 0; i < c->nparams; i++) {
        if (list_has(names, c->params[i].name)) continue;
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%.80s: unknown parameter for this request",
                        c->params[i].name);
        return -1;
    }
    return 0;
}

int lrs_param_required(struct lrs_ctx *c, const char *name, const char **out)
{
    *out = lrs_param(c, name);
    if (*out) return 0;
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s: parameter missing", name);
    return -1;
}

int lrs_param_iri(struct lrs_ctx *c, const char *name, int required, const char **out)
{
    *out = lrs_param(c, name);
    if (!*out && required) return lrs_param_required(c, name, out);
    if (!*out || xapi_is_iri(*out)) return 0;
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s: must be an absolute IRI", name);
    return -1;
}

int lrs_param_agent(struct lrs_ctx *c, const char *name, int required, json_t **agent, char **key)
{
    if (agent) *agent = NULL;
    if (key) *key = NULL;
    const char *text = lrs_param(c, name);
    if (!text && required) return lrs_param_required(c, name, &text);
    if (!text) return 0;
    json_error_t jerr;
    json_t *a = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    char err[256];
    char *k = NULL;
    if (!a) {
        snprintf(err, sizeof err, "%s: not valid JSON (%s)", name, jerr.text);
        goto bad;
    }
    if (xapi_validate_agent(a, c->version, name, err, sizeof err) < 0) goto bad;
    k = statements_agent_key(a);
    if (!k) {
        snprintf(err, sizeof err, "%s: must identify an Agent or Group (mbox, mbox_sha1sum, "
                                  "openid or account)", name);
        goto bad;
    }
    if (lrs_check_own_agent(c, k, name) < 0) {
        json_decref(a);
        free(k);
        return -1;
    }
    if (agent) *agent = a;
    else json_decref(a);
    if (key) *key = k;
    else free(k);
    return 0;
bad:
    json_decref(a);
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s", err);
    return -1;
}

int lrs_param_timestamp(struct lrs_ctx *c, const char *name, char out[32])
{
    out[0] = '\0';
    const char *v = lrs_param(c, name);
    if (!v) return 0;
    if (xapi_is_timestamp(v) && statements_timestamp_normalize(v, out) == 0) return 0;
    out[0] = '\0';
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "%s: must be an ISO 8601 timestamp with a time "
                    "zone", name);
    return -1;
}

size_t lrs_json_max_values(const struct lrs_ctx *c)
{
    const struct config *cfg = &c->r->srv->cfg;
    return c->agent_only ? cfg->max_json_values_session : cfg->max_json_values;
}

int lrs_json_load(struct lrs_ctx *c, const char *text, size_t len, size_t flags, json_t **out)
{
    *out = NULL;
    size_t max = lrs_json_max_values(c);
    if (!json_bound_within(text, len, max)) {
        lrs_reply_error(c, MHD_HTTP_CONTENT_TOO_LARGE, "body: more than %zu JSON values (numbers, "
                        "strings, objects, ...) in one request, the most this LRS takes from %s "
                        "(%s); send less at once", max, c->agent_only ? "the player" : "an API client",
                        c->agent_only ? "--max-json-values-session" : "--max-json-values");
        return -1;
    }
    json_error_t jerr;
    *out = json_loadb(text, len, flags, &jerr);
    if (*out) return 0;
    lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "body: not valid JSON (line %d: %s)", jerr.line,
                    jerr.text);
    return -1;
}

int lrs_body_json(struct lrs_ctx *c, json_t **out)
{
    return lrs_json_load(c, c->body, c->body_len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, out);
}

void lrs_reply(struct lrs_ctx *c, int status, const char *content_type, char *body, size_t len)
{
    reply(c->r, status, content_type, body, len);
}

void lrs_reply_json(struct lrs_ctx *c, int status, const json_t *json)
{
    char *text = json_dumps(json, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!text) text = xstrdup("null");
    lrs_reply(c, status, "application/json", text, strlen(text));
}

void lrs_reply_empty(struct lrs_ctx *c, int status)
{
    reply(c->r, status, NULL, xstrdup(""), 0);
}

void lrs_reply_error(struct lrs_ctx *c, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0) msg = NULL;
    va_end(ap);
    json_t *body = json_pack("{s:s}", "error", msg ? msg : "error");
    if (!body) body = json_pack("{s:s}", "error", "the request is not valid");
    lrs_reply_json(c, status, body);
    json_decref(body);
    free(msg);
}

void lrs_reply_store(struct lrs_ctx *c, int store_status, char *err)
{
    switch (store_status) {
    case STORE_NOT_FOUND:
        lrs_reply_error(c, MHD_HTTP_NOT_FOUND, "not found");
        break;
    case STORE_CONFLICT:
        lrs_reply_error(c, MHD_HTTP_CONFLICT, "id: a different statement with this id exists");
        break;
    case STORE_PRECONDITION:
        lrs_reply_error(c, MHD_HTTP_PRECONDITION_FAILED, "If-Match/If-None-Match: the document "
                        "changed or exists");
        break;
    case STORE_NOT_MERGEABLE:
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "body: both the stored document and the new "
                        "one must be JSON objects to merge");
        break;
    case STORE_VOIDING_VOIDING:
        lrs_reply_error(c, MHD_HTTP_BAD_REQUEST, "object.id: a voiding statement cannot be "
                        "voided");
        break;
    default: {
        enum store_failure f = store_last_failure();
        fprintf(stderr, "stepwise: xapi: store: %s\n", err ? err : "failure");
        store_reply_log(c->r->srv->cfg.db_path, f);
        if (store_reply_message(f)) lrs_reply_error(c, store_reply_status(f), "%s", store_reply_message(f));
        else lrs_reply_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "the server could not store or "
                             "read the data; try again later");
        store_reply_retry_after(c->r, f);
    }
    }
    free(err);
}
