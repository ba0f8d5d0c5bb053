/* store_sqlite_attachments.h: attachment payloads in the SQLite store (store_sqlite.c calls
 * these inside its write transactions). Only tracking/store_sqlite*.c include this. */
#ifndef STEPWISE_STORE_SQLITE_ATTACHMENTS_H
#define STEPWISE_STORE_SQLITE_ATTACHMENTS_H

#include <stdint.h>

#include "tracking/sqlite_conn.h"

/* Links the statement stored as seq to every hash it declares and keeps the payloads it came
 * with (struct store_attachment), in the open write transaction. 0, or -1 with *err. */
int sq_attachments_insert(struct conn *c, int64_t seq, const struct store_statement *st,
                          char **err);
/* Deletes the payloads no statement links to any more; adds their number to *count. */
int sq_attachments_prune(struct conn *c, int64_t *count, char **err);
/* store_ops.attachment_get. */
int sqlite_attachment_get(struct store *base, const char *sha2, struct store_doc *out,
                          char **err);

#endif
