/* mod_plans_plan.h: the routes of one plan: /plans/new and /plans/<id>[/edit, /evaluations/<id>,
 * /steps/<id>/signoff, /finish, /certificate, /reflection, /follow-up]. The plan's mentee may
 * see it, its evaluations and certificate and write notes and a reflection; only its mentors
 * change it. Everyone else gets 403; every POST checks the CSRF token. */
#ifndef STEPWISE_MOD_PLANS_PLAN_H
#define STEPWISE_MOD_PLANS_PLAN_H

#include "server/http.h"

void mod_plans_plan(struct request *r);

#endif
