/* http.h: the request/response face that every route handler sees. The HTTP engine
 * (libmicrohttpd) stays behind it: handlers read the request and call one reply_* function. */
#ifndef STEPWISE_HTTP_H
#define STEPWISE_HTTP_H

#include <stddef.h>
#include <sys/types.h>
#include <microhttpd.h>

#include "server/buf.h"

struct server;
struct auth_state;
struct config;

struct request {
    struct server *srv;
    struct MHD_Connection *conn;
    const char *method;         /* "GET", "POST", ... */
    const char *path;           /* URL path without the query, percent-decoded by the engine */
    struct buf body;            /* the whole request body (at most body_limit bytes) */
    size_t body_limit;          /* the route's body limit (route_body_limit) */
    int body_too_large;         /* set when Content-Length is over body_limit: the body is not
                                 * read; the engine answers 413, or the handler when its route
                                 * has own_errors (server/http_head.c) */
    /* filled by the handler through reply_* */
    int status;
    struct MHD_Response *response;
    int response_shared;        /* response is reply_asset's or reply_shared's: never changed */
    struct shared_reply *shared;        /* reply_shared's, released when the request is done */
    unsigned long long reply_bytes;     /* size of the reply body, for the access log */
    struct auth_state *auth;    /* the request's session, looked up once (server/auth.c owns it) */
};

/* Request accessors; the returned strings live as long as the request. NULL when absent. */
const char *request_header(struct request *r, const char *name);
const char *request_query(struct request *r, const char *name);
const char *request_cookie(struct request *r, const char *name);
int request_is_head(const struct request *r);
/* The client's IP address as text ("127.0.0.1", "::1"), or "-" when unknown. */
void request_client_address(struct request *r, char *out, size_t size);
/* Returns 1 when the request's method is one of methods ("GET, HEAD"); otherwise answers 405
 * with an Allow header and returns 0. */
int request_allow(struct request *r, const char *methods);

/* Replies. Each takes ownership of body (free()d later). For HEAD requests the body is dropped
 * and Content-Length still tells its size. Call exactly one reply_* per request. */
void reply(struct request *r, int status, const char *content_type, char *body, size_t len);
/* reply() for what only this person may see (their plans, an author's findings, an answer
 * page): no cache, shared or their own, keeps it. */
void reply_private(struct request *r, int status, const char *content_type, char *body, size_t len);
/* Body that lives for the life of the program (compiled-in assets): not copied, not freed. */
void reply_static(struct request *r, int status, const char *content_type, const void *body, size_t len);
/* 200 with a body that lives for the life of the program (a compiled-in asset) and never
 * changes, with its Cache-Control and ETag: the reply is built once, headers and all, and sent
 * to every request for it (libmicrohttpd counts its users). Nothing may be added to it. */
void reply_asset(struct request *r, const char *content_type, const void *body, size_t len,
                 const char *cache_control, const char *etag);
/* A page's reply built once, headers and all (the common ones, Cache-Control, ETag, and Vary
 * as on every page), for many requests: the cached lesson page of visitors who are not signed
 * in. Counted: the maker holds one reference, each request that sends it another. */
struct shared_reply;
struct shared_reply *shared_reply_new(const struct config *cfg, const char *content_type, char *body,
                                      size_t len, const char *cache_control, const char *etag);
void shared_reply_release(struct shared_reply *s);
/* 200 with s. Nothing may be added to it; a request that sets a cookie (a language picked with
 * ?lang=) gets a copy of its own. */
void reply_shared(struct request *r, struct shared_reply *s);
/* A reply whose body is read from an open file (offset, len); the fd is closed by the engine. */
void reply_fd(struct request *r, int status, const char *content_type, int fd, off_t offset, size_t len);
/* A friendly HTML error page with a message a person can act on. */
void reply_error_page(struct request *r, int status, const char *title, const char *message);
/* A plain-text error for API clients. */
void reply_text(struct request *r, int status, const char *message);
/* 303 See Other to location (a path or URL), never cached: where a form's POST leads. */
void reply_redirect(struct request *r, const char *location);
/* Replaces the reply's Content-Security-Policy (and drops X-Frame-Options, which csp's
 * frame-ancestors then governs): for a SCORM package's own files, which run sandboxed. */
void reply_content_policy(struct request *r, const char *csp);
/* The site's policy with frames from origin allowed too (the SCORM player, --scorm-origin). */
void reply_allow_frames(struct request *r, const char *origin);
/* Adds a header to the reply already made. */
void reply_header(struct request *r, const char *name, const char *value);

#endif
