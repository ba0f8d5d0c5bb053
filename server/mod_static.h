/* mod_static.h: the player's compiled-in static files and the health check. */
#ifndef STEPWISE_MOD_STATIC_H
#define STEPWISE_MOD_STATIC_H

#include "server/http.h"

void mod_static_asset(struct request *r);  /* GET /static/<name> */
void mod_static_health(struct request *r); /* GET /healthz */

#endif
