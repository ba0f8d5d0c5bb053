/* plan_view.h: plans read from the store and made ready for the plan pages: names of the
 * people, module titles, each step's state from the LRS statements (one batch query for all the
 * plans), the progress, late steps and the next evaluation. */
#ifndef STEPWISE_PLAN_VIEW_H
#define STEPWISE_PLAN_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "player/page_plans.h"
#include "server/server.h"
#include "tracking/store_accounts.h"
#include "tracking/store_plans.h"

/* Everything the views point into; owned. Free with plan_views_free. */
struct plan_views {
    struct plan *plans;
    size_t n;
    struct plan_view *views;        /* n, views[i] shows plans[i] */
    struct store_user *users;       /* the plans' mentees and mentors, by id, for names and
                                     * logins */
    size_t nusers;
    char **strings;                 /* names and titles the views borrow */
    size_t nstrings;
    char today[11];
};

/* Loads the plans that store_plan_list(f, user_id) returns, with one progress query for all of
 * them. Returns a STORE_* status (STORE_ERROR with *err). */
int plan_views_load(struct server *srv, enum plan_filter f, int64_t user_id,
                    struct plan_views *out, char **err);
/* Loads one plan; STORE_NOT_FOUND when there is none. */
int plan_views_load_one(struct server *srv, int64_t plan_id, struct plan_views *out, char **err);
void plan_views_free(struct plan_views *v);

/* The user with this id among users (n, sorted by id), or NULL. */
const struct store_user *plan_user_find(const struct store_user *users, size_t n, int64_t id);
/* The user with this id among v->users, or NULL. */
const struct store_user *plan_views_user(const struct plan_views *v, int64_t id);
/* 1 when user_id is one of p's mentors. */
int plan_is_mentor(const struct plan *p, int64_t user_id);
/* Today's date (UTC) as "YYYY-MM-DD". */
void plan_today(char out[11]);
/* 1 when s is a real date "YYYY-MM-DD". */
int plan_is_date(const char *s);

#endif
