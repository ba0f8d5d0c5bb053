/* store_sqlite_plans.h: the plans schema and operations of the SQLite store, for
 * store_sqlite.c to register (schemas[] and base.plans). Only tracking/store_sqlite*.c
 * include this. */
#ifndef STEPWISE_STORE_SQLITE_PLANS_H
#define STEPWISE_STORE_SQLITE_PLANS_H

#include "tracking/sqlite_conn.h"
#include "tracking/store_plans.h"

extern const struct sq_schema plans_schema;
extern const struct store_plan_ops sqlite_plan_ops;

#endif
