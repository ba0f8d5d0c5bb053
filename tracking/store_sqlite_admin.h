/* store_sqlite_admin.h: what an operator runs on the SQLite store: online backup, restore, the
 * check of a database file, the health probe and the figures for monitoring (store.h). Only
 * tracking/store_sqlite.c and store.c include this. */
#ifndef STEPWISE_STORE_SQLITE_ADMIN_H
#define STEPWISE_STORE_SQLITE_ADMIN_H

#include "tracking/sqlite_conn.h"

int sqlite_health(struct store *base, char **err);
int sqlite_stats(struct store *base, struct store_stats *out, char **err);
/* store_backup, store_check and store_restore for a database file path. */
int sqlite_backup(const char *path, const char *dest, char **err);
int sqlite_check(const char *path, char ***problems, size_t *n, char **err);
int sqlite_restore(const char *path, const char *backup, char **err);
/* The device and inode of the file at path, or -1 when there is none. */
int sqlite_file_identity(const char *path, dev_t *dev, ino_t *ino);

#endif
