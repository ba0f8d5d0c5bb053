/* mod_pairings.h: /admin/pairings, where an admin or coordinator pairs mentors (users with the
 * mentor permission) with mentees, one by one or in a named group, and sees every pairing. */
#ifndef STEPWISE_MOD_PAIRINGS_H
#define STEPWISE_MOD_PAIRINGS_H

#include "server/http.h"

void mod_pairings(struct request *r);      /* GET, POST /admin/pairings */

#endif
