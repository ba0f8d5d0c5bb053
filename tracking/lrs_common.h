/* lrs_common.h: what every xAPI resource under /xapi/ shares: the request context (version,
 * effective method, parameters, headers and body, also for the 1.0.3 alternate request syntax),
 * CORS, authentication and scopes, parameter checks, and replies that always carry
 * X-Experience-API-Version and the CORS headers. Errors are JSON {"error": "<message>"} whose
 * message names the offending parameter or field. */
#ifndef STEPWISE_LRS_COMMON_H
#define STEPWISE_LRS_COMMON_H

#include <stddef.h>
#include <jansson.h>

#include "server/http.h"
#include "tracking/credentials.h"
#include "tracking/validate.h"

struct lrs_param {
    char *name;                 /* owned */
    char *value;                /* owned; "" for a parameter given without a value */
};

/* One xAPI request. lrs_begin() fills it; lrs_end() frees what it owns. Resource handlers read
 * it and answer through the lrs_reply_* functions (or any reply_* of http.h: lrs_handle adds
 * the version and CORS headers to whatever reply was made). */
struct lrs_ctx {
    struct request *r;
    const char *resource;       /* path after "/xapi/", e.g. "statements", "activities/state" */
    const char *method;         /* effective method: "GET" (also for HEAD: the engine drops the
                                 * body), "PUT", "POST", "DELETE"; for the alternate syntax the
                                 * ?method= value */
    int alternate;              /* 1 when the 1.0.3 alternate request syntax was used */
    enum xapi_version version;
    const char *version_text;   /* "1.0.3" or "2.0.0": the version every reply carries */
    struct lrs_param *params;   /* effective parameters: the query string, or for the alternate
                                 * syntax the form fields that are not headers or content */
    size_t nparams;
    struct lrs_param *headers;  /* header fields sent in an alternate-syntax form (else none) */
    size_t nheaders;
    const char *body;           /* effective body (NUL-terminated; the form's "content" for the
                                 * alternate syntax); never NULL */
    size_t body_len;
    char *body_owned;           /* decoded alternate-syntax content, or NULL */
    /* Authentication (lrs_begin): HTTP Basic when an Authorization header is sent, else the
     * player's session cookie (server/auth.h). Empty for "about" and OPTIONS. */
    int authenticated;
    unsigned scopes;            /* enum credentials_scope bits */
    json_t *authority;          /* the authority Agent (or Group) stamped on statements; owned */
    char *authority_key;        /* statements_agent_key(authority); owned */
    char *client_key;           /* the API client's key; owned */
    char *agent_only;           /* session: the key of the user's own agent, the only agent it
                                 * may write statements and state about; NULL for API clients;
                                 * owned */
    int csrf_ok;                /* session: X-CSRF-Token matched (writes need it) */
    char *define_prefix;        /* session: "<public_url>/modules/", the only Activities its
                                 * statements define; NULL for API clients; owned */
};

/* Fills c for r. Answers the request itself and returns -1 when it is done: OPTIONS preflight
 * (204), malformed alternate syntax or use of it in 2.0.0 (400), missing or unsupported
 * X-Experience-API-Version (400; not required for "about"), a method the resource does not
 * have (405 with Allow, before the credentials are looked at), missing or wrong credentials (401
 * with WWW-Authenticate). Resource handlers need not check the method. Returns 0 when the resource should handle the request. Always call
 * lrs_end(c) afterwards. */
int lrs_begin(struct lrs_ctx *c, struct request *r, const char *resource);
/* What lrs_begin can tell from the head alone, before the body is read: an unknown resource
 * (404), a method the resource lacks (405), no credentials at all (401: neither Authorization
 * nor a session cookie; whether they are right is known later). Fills c as lrs_begin does and
 * returns -1 when it answered, 0 when the body must be read. Always call lrs_end(c) after. */
int lrs_begin_head(struct lrs_ctx *c, struct request *r, const char *resource);
void lrs_end(struct lrs_ctx *c);
/* Adds X-Experience-API-Version and the CORS headers to the reply made (lrs_handle does this),
 * and X-Experience-API-Consistent-Through to a statements GET reply that lacks it. */
void lrs_finish(struct lrs_ctx *c);
/* X-Experience-API-Consistent-Through for a reply that ran no query: a query that matches
 * nothing through one index lookup (no client has an empty authority key) takes the store's
 * instant without reading rows. */
void lrs_consistent_through(struct lrs_ctx *c, char out[32]);

/* The effective parameter (NULL when absent) and header (names compare case-insensitively).
 * For the alternate syntax a header is the form's field or else the request's own, and
 * Content-Type is the form's field (default application/json). */
const char *lrs_param(const struct lrs_ctx *c, const char *name);
const char *lrs_header(const struct lrs_ctx *c, const char *name);
/* 1 when the effective Content-Type's media type is type (parameters and case ignored). */
int lrs_content_type_is(const struct lrs_ctx *c, const char *type);

/* Checks, each returning 0 when fine, or -1 after answering the error (the caller returns). */

/* methods like "GET, PUT, POST, DELETE": any other effective method gets 405 with an Allow
 * header (which lists HEAD too when GET is listed). */
int lrs_allow(struct lrs_ctx *c, const char *methods);
/* need is one enum credentials_scope bit; reads (GET) and writes are told apart by the method
 * ("all/read" grants reads only). 403 when not granted. */
int lrs_require_scope(struct lrs_ctx *c, unsigned need);
/* For a session (agent_only set): 403 naming what unless key is the user's own agent key. */
int lrs_check_own_agent(struct lrs_ctx *c, const char *key, const char *what);
/* names: space-separated parameter names this request accepts; 400 naming the first other. */
int lrs_params_allowed(struct lrs_ctx *c, const char *names);
/* *out = the parameter's value; 400 when it is absent. */
int lrs_param_required(struct lrs_ctx *c, const char *name, const char **out);
/* The parameter as an absolute IRI (e.g. activityId). *out NULL when absent and not required. */
int lrs_param_iri(struct lrs_ctx *c, const char *name, int required, const char **out);
/* The parameter as an Agent/Group in JSON, checked with xapi_validate_agent and required to be
 * identified (have an IFI). On 0, *agent (may be NULL: not wanted) and *key (may be NULL: not
 * wanted; see statements_agent_key) are the caller's to free, both NULL when the parameter is
 * absent and not required. */
int lrs_param_agent(struct lrs_ctx *c, const char *name, int required, json_t **agent, char **key);
/* The parameter as an ISO 8601 timestamp, normalized (statements_timestamp_normalize) into out;
 * out[0] = '\0' when absent. */
int lrs_param_timestamp(struct lrs_ctx *c, const char *name, char out[32]);
/* The most JSON values one body may hold: --max-json-values-session for the player's session,
 * --max-json-values for API clients. */
size_t lrs_json_max_values(const struct lrs_ctx *c);
/* text (len bytes) parsed with jansson's flags into *out (caller decrefs): 413 when it holds
 * more than lrs_json_max_values (counted before anything is built), 400 when it is not JSON. */
int lrs_json_load(struct lrs_ctx *c, const char *text, size_t len, size_t flags, json_t **out);
/* The effective body as JSON (any type), as lrs_json_load. */
int lrs_body_json(struct lrs_ctx *c, json_t **out);

/* Replies. Call one per request; add more headers afterwards with reply_header(c->r, ...). */

/* body (owned, len bytes, free()d later) with content_type. */
void lrs_reply(struct lrs_ctx *c, int status, const char *content_type, char *body, size_t len);
/* json serialized compactly as application/json; json is not stolen. */
void lrs_reply_json(struct lrs_ctx *c, int status, const json_t *json);
/* No body (e.g. 204). */
void lrs_reply_empty(struct lrs_ctx *c, int status);
/* {"error": message} as application/json. */
void lrs_reply_error(struct lrs_ctx *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Answers a store failure: STORE_NOT_FOUND 404, STORE_CONFLICT 409, STORE_PRECONDITION 412,
 * STORE_NOT_MERGEABLE and STORE_VOIDING_VOIDING 400, STORE_ERROR 500 (err logged, not shown).
 * Frees err (may be NULL). */
void lrs_reply_store(struct lrs_ctx *c, int store_status, char *err);

#endif
