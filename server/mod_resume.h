/* mod_resume.h: GET /resume, where a form kept while its session had ended (resume.h) is shown
 * again after signing in, filled in, and sent at once (player.js) or with one tap. */
#ifndef STEPWISE_MOD_RESUME_H
#define STEPWISE_MOD_RESUME_H

#include "server/http.h"

void mod_resume(struct request *r);     /* GET /resume */

#endif
