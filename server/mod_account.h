/* mod_account.h: the account routes: sign-in with password (/login) or login card (/card/TOKEN),
 * log out (/logout), and the admin's user pages (/admin/users...). */
#ifndef STEPWISE_MOD_ACCOUNT_H
#define STEPWISE_MOD_ACCOUNT_H

#include "server/http.h"

/* GET shows the sign-in form, POST signs in (rate-limited; 429 when there were too many
 * failures for the login name from this address, or from the address over all names). */
void mod_account_login(struct request *r);
/* POST (CSRF-checked): ends the session and goes to /login. */
void mod_account_logout(struct request *r);
/* GET /card/TOKEN (a scanned login card) redirects to GET /card, which asks "Sign in as
 * NAME?"; POST /card (from that page only) signs in and goes to /. */
void mod_account_card(struct request *r);
/* /admin/users, /admin/users/ID, /admin/users/ID/card, /admin/users/ID/card/revoke (admins only). */
void mod_account_admin(struct request *r);

#endif
