/* page_admin.h: the admin home (links to users, pairings and the plan export; the xAPI
 * clients) and the pairings page for admins and coordinators: every pairing of a mentor with a
 * mentee (with its group and since when), a form to add one and a button to end one; for a
 * mentor, the same page with their own pairings. */
#ifndef STEPWISE_PAGE_ADMIN_H
#define STEPWISE_PAGE_ADMIN_H

#include <stddef.h>

#include "player/page_plans.h"
#include "tracking/store_accounts.h"
#include "tracking/store.h"
#include "tracking/store_plans.h"

/* roles: the viewer's (coordinators see pairings and the export; admins also users and the
 * xAPI clients, given in clients). Returns the document (caller frees). */
char *page_admin_home(const struct plan_page_ctx *c, unsigned roles,
                      const struct store_credential *clients, size_t nclients, size_t *len);

/* pairs: every pairing, or (own_mentor: the viewer's id, a mentor who is not a coordinator)
 * only the viewer's own, with a form that pairs the viewer. notice: what the last change did,
 * or NULL; error: what to fix in the form sent, or NULL. Returns the document (caller frees). */
char *page_pairings(const struct plan_page_ctx *c, const struct store_user *users, size_t nusers,
                    const struct plan_pairing *pairs, size_t npairs, int64_t own_mentor,
                    const char *notice, const char *error, size_t *len);

#endif
