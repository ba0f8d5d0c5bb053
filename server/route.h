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

#endif
