/* http_head.c: the decisions taken from the request head, before any body byte is read: the
 * framing must be unambiguous (one Content-Length, no Transfer-Encoding, Host on HTTP/1.1), and a
 * body must fit its route (path, method, the route's limit) and the memory that all bodies in
 * flight may take together, so that no client makes the server buffer what it will refuse. */
#include "server/http_head.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "player/i18n.h"
#include "server/server.h"

struct framing {
    int content_lengths;
    int transfer_encodings;
    int hosts;
    size_t head_bytes;      /* of the header lines, as sent ("Name: value" and CR LF) */
};

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    struct framing *f = cls;
    f->head_bytes += strlen(key) + (value ? strlen(value) : 0) + 4;
    if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) f->content_lengths++;
    else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING)) f->transfer_encodings++;
    else if (!strcasecmp(key, MHD_HTTP_HEADER_HOST)) f->hosts++;
    return MHD_YES;
}

/* Content-Length as a number; -1 when it is not only digits (the engine took what it could). */
static long long content_length(struct request *r)
{
    const char *v = request_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (!v) return 0;
    size_t n = strspn(v, "0123456789");
    if (n == 0 || n > 15 || v[n]) return -1;
    return strtoll(v, NULL, 10);
}

static void refuse(struct request *r, int status, const char *title, const char *message)
{
    reply_error_page(r, status, title, message);
    /* The rest of what the client sent cannot be trusted to start a new request. */
    reply_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
}

static enum MHD_Result count_argument(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) + 1 : 0) + 1;
    return MHD_YES;
}

/* The size of the request head as sent, near enough (the query's escapes count once): the gate
 * checks only a connection's first head, so a later one on a kept-alive connection is held to
 * the same limit here. */
static size_t head_size(struct request *r, const char *version, const struct framing *f)
{
    size_t n = strlen(r->method) + 1 + strlen(r->path) + 1 + strlen(version) + 2 + f->head_bytes + 2;
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, count_argument, &n);
    return n;
}

/* 0 when the head says clearly where the body ends and is not too large; else answers 400,
 * 411 or 431 and returns -1. */
static int check_framing(struct request *r, const char *version, long long *len)
{
    struct framing f = {0};
    MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_framing, &f);
    if (head_size(r, version, &f) > r->srv->cfg.max_head_bytes) {
        char *msg = xasprintf(_("The request head is too large. This server takes at most %zu "
                                "bytes of request line and headers (--max-head)."),
                              r->srv->cfg.max_head_bytes);
        refuse(r, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE, _("Request too large"), msg);
        free(msg);
        return -1;
    }
    const char *why = NULL;
    *len = content_length(r);
    if (f.content_lengths > 1) why = _("The request has more than one Content-Length header.");
    else if (f.content_lengths && f.transfer_encodings)
        why = _("The request has both Content-Length and Transfer-Encoding headers.");
    else if (*len < 0) why = _("The Content-Length header is not a number of bytes.");
    else if (f.hosts > 1) why = _("The request has more than one Host header.");
    else if (!f.hosts && !strcmp(version, MHD_HTTP_VERSION_1_1))
        why = _("An HTTP/1.1 request needs a Host header.");
    if (why) {
        refuse(r, MHD_HTTP_BAD_REQUEST, _("Bad request"), why);
        return -1;
    }
    if (f.transfer_encodings) {
        refuse(r, MHD_HTTP_LENGTH_REQUIRED, _("Length required"),
               _("Send the request body with a Content-Length header; this server does not take "
               "chunked or otherwise encoded request bodies."));
        return -1;
    }
    return 0;
}

/* Reserves len bytes of the budget for bodies in memory; 0, or -1 when it is spent. */
static int reserve(struct server *srv, size_t len)
{
    size_t held = atomic_fetch_add(&srv->body_memory, len) + len;
    if (held <= srv->cfg.max_body_memory) return 0;
    atomic_fetch_sub(&srv->body_memory, len);
    return -1;
}

enum http_head_verdict http_head_check(struct request *r, const struct route *route,
                                       const char *version, size_t *body_len)
{
    long long len;
    *body_len = 0;
    if (check_framing(r, version, &len) < 0) return HEAD_BROKEN;
    *body_len = (size_t)len;
    if (len == 0) return HEAD_GO;   /* nothing to read: the route answers as usual */
    if (!route) {
        refuse(r, MHD_HTTP_NOT_FOUND, _("Page not found"),
               _("There is no page at this address. Go back to the list of lessons."));
        return HEAD_REFUSED;
    }
    if (!request_allow(r, route->methods) || (route->head && route->head(r))) {
        reply_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
        return HEAD_REFUSED;
    }
    r->body_limit = route_body_limit(route, &r->srv->cfg);
    if ((unsigned long long)len > r->body_limit) {
        r->body_too_large = 1;
        if (route->own_errors) {
            route->handler(r);
        } else {
            char *msg = xasprintf(_("The request body is larger than this server accepts (%zu bytes). "
                                  "Send less data at once."), r->body_limit);
            reply_error_page(r, MHD_HTTP_CONTENT_TOO_LARGE, _("Too much data"), msg);
            free(msg);
        }
        reply_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
        return HEAD_REFUSED;
    }
    if (reserve(r->srv, (size_t)len) < 0) {
        refuse(r, MHD_HTTP_SERVICE_UNAVAILABLE, _("Busy"),
               _("The server is receiving too much data from others right now. Try again in a "
               "moment."));
        reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "5");
        return HEAD_REFUSED;
    }
    return HEAD_GO;
}

void http_head_release(struct request *r, size_t len)
{
    if (len) atomic_fetch_sub(&r->srv->body_memory, len);
}
