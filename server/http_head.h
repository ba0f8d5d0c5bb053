/* http_head.h: what the engine decides from a request's head alone, before it reads a byte of
 * the body (http.c calls it on the first call of each request). */
#ifndef STEPWISE_HTTP_HEAD_H
#define STEPWISE_HTTP_HEAD_H

#include <stddef.h>

#include "server/http.h"
#include "server/route.h"

/* What http_head_check decided. */
enum http_head_verdict {
    HEAD_GO,        /* the request goes on; its body, if any, is reserved in the budget */
    HEAD_REFUSED,   /* answered; the body may still be read and dropped, so that the client,
                     * which may be sending it, sees the answer rather than a reset */
    HEAD_BROKEN,    /* answered; where the body ends is unclear: send now and close */
};

/* Checks the head of r (HTTP version string version) for route (NULL: no route has the path);
 * *body_len is Content-Length (0: no body). HEAD_BROKEN for unclear framing (400: two
 * Content-Length headers, Content-Length with Transfer-Encoding, an HTTP/1.1 request without
 * Host; 411: a body without Content-Length; 431: a head over --max-head, which only a later
 * request of a kept-alive connection can bring, the gate checks the first). HEAD_REFUSED for a body that cannot be taken: no
 * route (404), a method the route lacks (405), what the route's head hook refuses (the LRS:
 * 404, 405, 401), over the route's limit (413, in the route's own format when it has
 * own_errors), or over the budget for bodies in memory (503). HEAD_GO otherwise, with
 * *body_len bytes reserved in that budget (http_head_release). */
enum http_head_verdict http_head_check(struct request *r, const struct route *route,
                                       const char *version, size_t *body_len);
/* Gives back the budget a body of len bytes held. */
void http_head_release(struct request *r, size_t len);

#endif
