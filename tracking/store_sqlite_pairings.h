/* store_sqlite_pairings.h: the pairings of mentors and mentees and each person's calendar feed
 * in the SQLite store (the plan_pairings and plan_calendars tables of the plans schema), for
 * sqlite_plan_ops. Only tracking/store_sqlite*.c include this. */
#ifndef STEPWISE_STORE_SQLITE_PAIRINGS_H
#define STEPWISE_STORE_SQLITE_PAIRINGS_H

#include "tracking/store_plans.h"

int sq_pairing_add(struct store *base, const struct plan_pairing *pp, int64_t *id, char **err);
int sq_pairing_list(struct store *base, enum plan_filter f, int64_t user_id,
                    struct plan_pairing **out, size_t *n, char **err);
int sq_pairing_end(struct store *base, int64_t id, char **err);
int sq_calendar_set(struct store *base, int64_t user_id, const char *token_hash, char **err);
int sq_calendar_find(struct store *base, const char *token_hash, int64_t *user_id, char **err);

#endif
