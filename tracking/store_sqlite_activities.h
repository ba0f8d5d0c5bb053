/* store_sqlite_activities.h: canonical Activity definitions in the SQLite store (store_sqlite.c
 * calls sq_activities_define inside its write transaction). Only tracking/store_sqlite*.c
 * include this. */
#ifndef STEPWISE_STORE_SQLITE_ACTIVITIES_H
#define STEPWISE_STORE_SQLITE_ACTIVITIES_H

#include "tracking/sqlite_conn.h"

/* When st->define_activities, merges the definitions st carries into the activities table, in
 * the open write transaction (st->stmt already stamped "stored"). 0, or -1 with *err. */
int sq_activities_define(struct conn *c, const struct store_statement *st, char **err);
/* store_ops.activity_get. */
int sqlite_activity_get(struct store *base, const char *id, char **definition, char **err);

#endif
