/* mod_own_account.h: /account, the signed-in person's own page: their name and login, and the
 * interface language they choose (the browser's, or one of the built-in languages). */
#ifndef STEPWISE_MOD_OWN_ACCOUNT_H
#define STEPWISE_MOD_OWN_ACCOUNT_H

#include "server/http.h"

/* GET shows the page; POST (CSRF) saves the language and leads back to it. */
void mod_own_account(struct request *r);

#endif
