/* mod_plans.h: the mentee's and the mentor's plan routes: "My plan" with its start and done
 * buttons, the mentor's dashboard, group assignment and the admins' CSV export (one plan's own
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

/* For the module page of module_id: when the signed-in user has it as a step of an active plan,
 * an "I finished this lesson" form (or a "done" note when it is done). Returns HTML to put
 * below the lesson (caller frees), or NULL when there is nothing to show. */
char *mod_plans_module_extra(struct request *r, const char *module_id);

#endif
