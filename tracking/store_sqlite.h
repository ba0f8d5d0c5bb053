/* store_sqlite.h: the embedded SQLite backend of struct store (see store.h). */
#ifndef STEPWISE_STORE_SQLITE_H
#define STEPWISE_STORE_SQLITE_H

#include "tracking/store.h"

/* Opens or creates the database file at path and applies pending migrations, with o's page
 * caches. Returns NULL with a message in *err (caller frees). Release with store_close(). */
struct store *store_sqlite_open(const char *path, const struct store_options *o, char **err);

#endif
