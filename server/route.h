/* route.h: the table that maps a method and path to a handler, with what the engine decides from
 * the request head alone: the methods a path has and how large a body it takes. */
#ifndef STEPWISE_ROUTE_H
#define STEPWISE_ROUTE_H

#include "server/config.h"
#include "server/http.h"

typedef void (*route_handler)(struct request *r);

/* The body a route takes; its limit comes from the configuration (route_body_limit). */
enum route_body {
    BODY_NONE,      /* no body: any Content-Length above 0 is 413 */
    BODY_FORM,      /* a form of a page: --max-form-bytes */
    BODY_EDITOR,    /* the module editor's form: a module text (--max-module-bytes), escaped */
    BODY_XAPI,      /* xAPI statements, attachments and documents: --max-body */
    BODY_UPLOAD,    /* a SCORM package uploaded on /author/import: --max-body */
    BODY_SCORM,     /* a SCORM runtime commit (JSON): --max-scorm-bytes */
};

struct route {
    const char *pattern;    /* exact path, or a prefix ending in '*' such as "/static/" + '*' */
    const char *methods;    /* every method some path of the route answers, e.g. "GET, HEAD";
                             * any other is 405 from the head. The handler still checks the
                             * method of each path it serves. */
    enum route_body body;
    route_handler handler;
    int (*head)(struct request *r);     /* NULL, or called before a body is read: answers what
                                         * needs none (1) or lets the body come (0) */
    int own_errors;         /* 1: the handler also answers a body over the route's limit
                             * (request.body_too_large, refused from the head), in its own
                             * format; 0: the engine does */
};

/* Finds the route for path, or NULL (the engine then answers a friendly 404). */
const struct route *route_find(const char *path);
/* The largest body the route takes under cfg, in bytes. */
size_t route_body_limit(const struct route *route, const struct config *cfg);
/* The routes by number (for /metrics): route_get(i) for i below route_count(); route_index is
 * the number of a route route_find returned. */
size_t route_count(void);
const struct route *route_get(size_t i);
size_t route_index(const struct route *r);

#endif
