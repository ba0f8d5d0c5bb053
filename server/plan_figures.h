/* plan_figures.h: the figures the mentor's plan page shows per lesson step (the latest score,
 * the time spent, whether the video or podcast was played to its completion threshold), read
 * from the mentee's statements in the LRS store: no second store keeps them. */
#ifndef STEPWISE_PLAN_FIGURES_H
#define STEPWISE_PLAN_FIGURES_H

#include "server/plan_view.h"
#include "server/server.h"

/* Fills steps[].figures of every module step of every plan in v from the newest
 * PLAN_FIGURES_STATEMENTS statements of its mentee about the module (with related activities:
 * its questions and media). Returns a STORE_* status (STORE_ERROR with *err). */
int plan_figures_fill(struct server *srv, struct plan_views *v, char **err);

#define PLAN_FIGURES_STATEMENTS 500

/* The figures of one step from a module's statements (JSON, any order) about module_iri. */
void plan_figures_from(struct plan_step_figures *f, const char *module_iri, char **json, size_t n);

#endif
