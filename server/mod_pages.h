/* mod_pages.h: the learner pages: the catalogue, module pages and module media. */
#ifndef STEPWISE_MOD_PAGES_H
#define STEPWISE_MOD_PAGES_H

#include "server/http.h"

void mod_pages_catalogue(struct request *r);   /* GET / */
void mod_pages_module(struct request *r);      /* GET /modules/<id>[?level=N], /modules/<id>/media/<file> */

#endif
