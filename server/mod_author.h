/* mod_author.h: the author preview routes: every module at every level with the findings of
 * `stepwise check`, and one level of a module with its plain-language report and findings
 * inline. Only for users with the author role (others get 403, nobody signed in goes to /login);
 * the pages are never cached by others (Cache-Control: private, no-store). */
#ifndef STEPWISE_MOD_AUTHOR_H
#define STEPWISE_MOD_AUTHOR_H

#include "server/http.h"

void mod_author_list(struct request *r);       /* GET /author */
void mod_author_module(struct request *r);     /* GET /author/modules/<id>[?level=N] */

#endif
