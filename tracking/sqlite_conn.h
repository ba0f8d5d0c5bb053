/* sqlite_conn.h: what the SQLite store's files share: connections with a cache of prepared
 * statements, a pool of reader connections beside one writer, write transactions, and
 * per-schema migrations. Only tracking/store_sqlite*.c include this. */
#ifndef STEPWISE_SQLITE_CONN_H
#define STEPWISE_SQLITE_CONN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>
#include <sys/types.h>

#include "tracking/store.h"

#define CACHE_SLOTS 32      /* prepared statements kept per connection */
#define BUSY_TIMEOUT_MS 5000

struct cached {
    char *sql;
    sqlite3_stmt *st;
};

struct conn {
    sqlite3 *db;
    struct cached cache[CACHE_SLOTS];
    unsigned evict;         /* next slot to reuse when the cache is full */
};

struct sqlite_store {
    struct store base;
    char *path;
    pthread_mutex_t write_lock;     /* guards writer */
    struct conn *writer;
    pthread_mutex_t stamp_lock;     /* guards the two stamps below (held only briefly) */
    int64_t last_ms;                /* newest "stored" given out: keeps it non-decreasing */
    int64_t inflight_ms;            /* first "stored" of the open write transaction, or 0 */
    char reader_cache_sql[48];      /* "PRAGMA cache_size = -KiB" of store_options'
                                     * reader_cache_bytes, run on each new reader */
    pthread_mutex_t pool_lock;      /* guards idle/nidle */
    struct conn *idle[STORE_IDLE_READERS];
    size_t nidle;
    struct checkpointer *checkpointer;  /* moves the WAL into the database off the commit path */
    atomic_int full;                /* the last write failed with SQLITE_FULL (store_full) */
    int write_full;                 /* a member of the open write transaction failed with
                                     * SQLITE_FULL and was rolled back to its savepoint: the
                                     * commit of the others does not clear full (write_lock) */
    atomic_int wal_pages;           /* log pages not yet checkpointed, as of the last commit or
                                     * checkpoint (store_stats) */
    int has_file;                   /* 0 for ":memory:" */
    dev_t file_dev;                 /* the database file as opened, so that store_health sees */
    ino_t file_ino;                 /* it deleted or replaced */
    pthread_mutex_t group_lock;     /* guards the group commit queue below (sqlite_group.c) */
    pthread_cond_t group_done;      /* a group was committed, or nobody commits one any more */
    struct sq_group_member *group_head, **group_tail;   /* writes waiting for the next group */
    size_t group_waiting;
    int group_leader;               /* a call is committing a group now */
    uint64_t group_commits;         /* groups committed since open */
};

/* An ordered list of migrations: steps[i] brings the schema named name from version i to i + 1.
 * Never edit a step that has shipped; append a new one. */
struct sq_schema {
    const char *name;
    const char *const *steps;
    size_t n;
};

char *sq_db_error(sqlite3 *db, const char *what);
int sq_exec(struct conn *c, const char *sql, char **err);
struct conn *sq_conn_open(const char *path, char **err);
/* The same with SQLite's open flags (SQLITE_OPEN_READONLY, ...). */
struct conn *sq_conn_open_flags(const char *path, int flags, char **err);
void sq_conn_close(struct conn *c);
/* The connection's cached statement for sql, reset and unbound; NULL with *err on failure.
 * Callers must sqlite3_reset() it when done so that no read transaction stays open, and must
 * not hold it across another sq_prep() on the same connection (which may evict it). */
sqlite3_stmt *sq_prep(struct conn *c, const char *sql, char **err);
/* Binds a named parameter if the statement has it; NULL binds SQL NULL. */
void sq_bind(sqlite3_stmt *st, const char *name, const char *value);
void sq_bind_int(sqlite3_stmt *st, const char *name, int64_t value);
char *sq_column_dup(sqlite3_stmt *st, int col);
/* Runs a statement that returns no rows. */
int sq_step_done(struct conn *c, sqlite3_stmt *st, char **err);
/* A reader connection for one call; give it back with sq_reader_put. */
struct conn *sq_reader_get(struct sqlite_store *s, char **err);
void sq_reader_put(struct sqlite_store *s, struct conn *c);
/* BEGIN IMMEDIATE on the writer, under write_lock. */
int sq_write_begin(struct sqlite_store *s, char **err);
/* sq_write_begin for a group commit (sqlite_group.c): its savepoints' journal kept in memory. */
int sq_group_begin(struct sqlite_store *s, char **err);
/* Commits when status is STORE_OK, otherwise rolls back; releases the lock; returns status. */
int sq_write_end(struct sqlite_store *s, int status, char **err);
int sq_migrate(struct conn *c, const struct sq_schema *schema, char **err);
/* The version of each schema the database holds: *versions[i] for schemas[i] (0: none yet).
 * Reads the first release's one-column schema_version table too (its only schema was "lrs").
 * -1 with *err on failure. */
int sq_schema_versions(struct conn *c, const struct sq_schema *const *schemas, size_t n,
                       int64_t *versions, char **err);
/* Every schema of the SQLite store, in the order they migrate (store_sqlite.c). */
extern const struct sq_schema *const sq_schemas[];
extern const size_t sq_nschemas;

/* Group commit (sqlite_group.c). A write done through sq_group_write shares its transaction and
 * its flush with the writes that wait beside it: work runs on s->writer inside a savepoint of the
 * group's transaction and returns a STORE_* status; a failing status undoes that write alone.
 * Returns once the group is committed (or not): work's status, or STORE_ERROR with *err when the
 * group's commit failed. */
struct sq_group_member;
typedef int (*sq_group_work)(struct sqlite_store *s, void *arg, char **err);
void sq_group_init(struct sqlite_store *s);
void sq_group_destroy(struct sqlite_store *s);
int sq_group_write(struct sqlite_store *s, sq_group_work work, void *arg, char **err);
/* Groups committed since open, and writes waiting for the next one. */
void sq_group_figures(struct sqlite_store *s, uint64_t *commits, size_t *waiting);

/* Checkpoints in the background: once the writer's commits leave CHECKPOINT_PAGES or more pages
 * in the write-ahead log, a thread with its own connection copies them into the database
 * (a PASSIVE checkpoint, which never blocks readers or the writer). Without this SQLite runs
 * the checkpoint inside the commit that crosses the limit, and that request waits for it. Only
 * when a long stream of commits outruns the thread up to CHECKPOINT_LIMIT_PAGES does the
 * writer checkpoint itself, so the log stays bounded. */
#define CHECKPOINT_PAGES 1000
#define CHECKPOINT_LIMIT_PAGES 4000
int sq_checkpointer_start(struct sqlite_store *s, char **err);
/* Stops the thread (after the checkpoint in progress, if any). NULL-safe. */
void sq_checkpointer_stop(struct sqlite_store *s);

#endif
