/* store_sqlite_scorm.h: SCORM attempts and runtime data in the SQLite store (the "scorm"
 * schema: scorm_attempts, scorm_sco_data, scorm_commits), for store_scorm.h. Only
 * tracking/store_sqlite*.c include this. */
#ifndef STEPWISE_STORE_SQLITE_SCORM_H
#define STEPWISE_STORE_SQLITE_SCORM_H

#include "tracking/sqlite_conn.h"
#include "tracking/store_scorm.h"

extern const struct sq_schema scorm_schema;
extern const struct store_scorm_ops sqlite_scorm_ops;

/* Stores a batch of statements inside the writer's open transaction (store_sqlite.c): a
 * STORE_* status, *failed the index of the one that failed. */
int sq_statements_insert_open(struct sqlite_store *s, struct store_statement *batch, size_t n,
                              size_t *failed, char **err);

#endif
