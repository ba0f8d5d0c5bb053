/* mod_check.h: POST /modules/<id>/check?level=N, the knowledge check without JavaScript: the
 * signed-in learner's answers (a CSRF-checked form) are scored on the server, their xAPI
 * statements stored through the LRS's validator, and the feedback page is the answer. */
#ifndef STEPWISE_MOD_CHECK_H
#define STEPWISE_MOD_CHECK_H

#include "server/http.h"

/* id: the module id from the path. */
void mod_check_answers(struct request *r, const char *id);

#endif
