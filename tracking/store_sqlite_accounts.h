/* store_sqlite_accounts.h: the accounts part of the SQLite store (users, sessions, login cards,
 * failed sign-ins): its schema and its operations. Only tracking/store_sqlite.c includes this. */
#ifndef STEPWISE_STORE_SQLITE_ACCOUNTS_H
#define STEPWISE_STORE_SQLITE_ACCOUNTS_H

#include "tracking/sqlite_conn.h"
#include "tracking/store_accounts.h"

/* The "accounts" schema; migrate it after the "lrs" schema and before any schema whose tables
 * refer to users(id). */
extern const struct sq_schema accounts_schema;
extern const struct store_account_ops sqlite_account_ops;

#endif
