/* mod_plans.h: the mentee's and the mentor's plan routes: "My plan" with its start and done
 * buttons (the lesson page's plan box is in plan_lesson.h), the mentor's dashboard, group assignment and the admins' CSV export (one plan's own
 * routes are in mod_plans_plan.h). Every route needs a signed-in user and touches only what is
 * theirs (mentee: own plans; mentor: plans they mentor); every POST checks the CSRF token. */
#ifndef STEPWISE_MOD_PLANS_H
#define STEPWISE_MOD_PLANS_H

#include "server/http.h"

void mod_plans_home(struct request *r);     /* GET /plan */
void mod_plans_step(struct request *r);     /* POST /plan/steps/<id>/start, /plan/steps/<id>/done */
void mod_plans_mentor(struct request *r);   /* GET /mentor */
void mod_plans_group(struct request *r);    /* GET, POST /groups/assign */
void mod_plans_csv(struct request *r);      /* GET /admin/plans.csv (admins) */

#endif
