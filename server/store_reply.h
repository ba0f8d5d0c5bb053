/* store_reply.h: answers to a database failure that a person or client can act on, shared by
 * the pages and the LRS: 503 with Retry-After when another process holds the database locked
 * past the busy time-out, 507 when the disk (or --db-max-bytes) is full. Implemented in
 * server/store_reply.c. */
#ifndef STEPWISE_STORE_REPLY_H
#define STEPWISE_STORE_REPLY_H

#include "server/http.h"
#include "tracking/store.h"

/* How long a client should wait after a 503 for a locked database (Retry-After). */
#define STORE_REPLY_RETRY_SECONDS 5

/* The status for a failure: 503 (busy), 507 (full), else 500. */
int store_reply_status(enum store_failure f);
/* What to tell the person or client for a 503 or 507 (NULL for a 500). */
const char *store_reply_message(enum store_failure f);
/* Adds Retry-After to the reply made when f is a locked database. */
void store_reply_retry_after(struct request *r, enum store_failure f);
/* Writes the operator's line to the log: which database, what happened, what to do. */
void store_reply_log(const char *db_path, enum store_failure f);

/* After a handler answered 500: when the request's last store failure was a locked or full
 * database, replaces the answer with the 503 (Retry-After) or 507 page. */
void store_reply_page(struct request *r);

#endif
