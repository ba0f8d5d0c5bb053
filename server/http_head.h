/* http_head.h: what the engine decides from a request's head alone, before it reads a byte of
 * the body (http.c calls it on the first call of each request). */
#ifndef STEPWISE_HTTP_HEAD_H
#define STEPWISE_HTTP_HEAD_H

#include <stddef.h>

#include "server/http.h"
#include "server/route.h"

/* Checks the head of r (HTTP version string version) for route (NULL: no route has the path).
 * Returns 0 when the request may go on: *body_len is then the body's size (0: none), reserved
 * in the server's budget for bodies in memory (http_head_release). Returns -1 when the request
 * was answered now: unclear framing (400: two Content-Length headers, Content-Length with
 * Transfer-Encoding, an HTTP/1.1 request without Host; 411: a body without Content-Length) or
 * a body that cannot be taken: no route (404), a method the route lacks (405), over the route's
 * limit (413, in the route's own format when it has own_errors), or over the budget (503). */
int http_head_check(struct request *r, const struct route *route, const char *version,
                    size_t *body_len);
/* Gives back the budget a body of len bytes held. */
void http_head_release(struct request *r, size_t len);

#endif
