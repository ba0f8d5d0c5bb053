/* route.h: the table that maps a method and path to a handler. */
#ifndef STEPWISE_ROUTE_H
#define STEPWISE_ROUTE_H

#include "server/http.h"

typedef void (*route_handler)(struct request *r);

struct route {
    const char *pattern;    /* exact path, or a prefix ending in '*' such as "/static/" + '*' */
    route_handler handler;  /* checks the method itself and answers 405 with Allow otherwise */
    int own_errors;         /* 1: the handler also answers requests whose body was too large
                             * (request.body_too_large), in its own format; 0: the engine does */
};

/* Finds the route for path, or NULL (the engine then answers a friendly 404). */
const struct route *route_find(const char *path);
/* The routes by number (for /metrics): route_get(i) for i below route_count(); route_index is
 * the number of a route route_find returned. */
size_t route_count(void);
const struct route *route_get(size_t i);
size_t route_index(const struct route *r);

#endif
