/* mod_check.h: POST /modules/<id>/check?level=N, the knowledge check without JavaScript: the
 * signed-in learner's answers (a CSRF-checked form) are scored on the server, their xAPI
 * statements stored through the LRS's validator, and the feedback page is the answer. */
#ifndef STEPWISE_MOD_CHECK_H
#define STEPWISE_MOD_CHECK_H

#include <stdint.h>

#include "server/http.h"

/* id: the module id from the path. */
void mod_check_answers(struct request *r, const char *id);

/* The plan a step of which this module is (the newest unfinished plan of the learner user_id
 * with it, store_plan_open_with_module), or 0; also 0 after a database failure, which is
 * logged. */
int64_t mod_check_plan_of(struct request *r, int64_t user_id, const char *module_id);

#endif
