/* mod_admin.h: the admin home (/admin: users, pairings, the plan export and the xAPI clients)
 * and /admin/pairings, where an admin or coordinator pairs mentors (users with the mentor
 * permission) with mentees, one by one or in a named group, and sees every pairing. */
#ifndef STEPWISE_MOD_ADMIN_H
#define STEPWISE_MOD_ADMIN_H

#include "server/http.h"

void mod_admin_home(struct request *r);    /* GET /admin (admins and coordinators) */
void mod_pairings(struct request *r);      /* GET, POST /admin/pairings */

#endif
