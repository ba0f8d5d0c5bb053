/* sqlite_conn.c: connections of the SQLite store: opening, the prepared-statement cache,
 * named-parameter binding, the reader pool, write transactions, migrations and the background
 * checkpointer. */
#include "tracking/sqlite_conn.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

char *sq_db_error(sqlite3 *db, const char *what)
{
    int code = db ? sqlite3_errcode(db) & 0xff : SQLITE_NOMEM;
    store_failure_note(code == SQLITE_BUSY || code == SQLITE_LOCKED ? STORE_FAILURE_BUSY
                       : code == SQLITE_FULL                        ? STORE_FAILURE_FULL
                       : code == SQLITE_READONLY                    ? STORE_FAILURE_READONLY
                                                                    : STORE_FAILURE_OTHER);
    return xasprintf("%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

int sq_exec(struct conn *c, const char *sql, char **err)
{
    if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) == SQLITE_OK) return 0;
    *err = sq_db_error(c->db, "database");
    return -1;
}

void sq_conn_close(struct conn *c)
{
    if (!c) return;
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        sqlite3_finalize(c->cache[i].st);
        free(c->cache[i].sql);
    }
    sqlite3_close(c->db);
    free(c);
}

struct conn *sq_conn_open(const char *path, char **err)
{
    return sq_conn_open_flags(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, err);
}

struct conn *sq_conn_open_flags(const char *path, int flags, char **err)
{
    struct conn *c = xcalloc(1, sizeof *c);
    if (sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        *err = sq_db_error(c->db, path);
        goto fail;
    }
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    if (sq_exec(c, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", err) < 0) goto fail;
    return c;
fail:
    sq_conn_close(c);
    return NULL;
}

/* The connection's cached statement for sql, reset and unbound; NULL with *err on failure.
 * Callers must sqlite3_reset() it when done so that no read transaction stays open, and must
 * not hold it across another sq_prep() on the same connection (which may evict it). */
sqlite3_stmt *sq_prep(struct conn *c, const char *sql, char **err)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        if (c->cache[i].sql && !strcmp(c->cache[i].sql, sql)) {
            sqlite3_reset(c->cache[i].st);
            sqlite3_clear_bindings(c->cache[i].st);
            return c->cache[i].st;
        }
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        *err = sq_db_error(c->db, "database");
        return NULL;
    }
    struct cached *slot = &c->cache[c->evict++ % CACHE_SLOTS];
    sqlite3_finalize(slot->st);
    free(slot->sql);
    slot->sql = xstrdup(sql);
    slot->st = st;
    return st;
}

/* Binds a named parameter if the statement has it; NULL binds SQL NULL. */
void sq_bind(sqlite3_stmt *st, const char *name, const char *value)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i) sqlite3_bind_text(st, i, value, -1, SQLITE_STATIC);
}

void sq_bind_int(sqlite3_stmt *st, const char *name, int64_t value)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i) sqlite3_bind_int64(st, i, value);
}

char *sq_column_dup(sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    return v ? xstrdup(v) : NULL;
}

/* Runs a statement that returns no rows. */
int sq_step_done(struct conn *c, sqlite3_stmt *st, char **err)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = sq_db_error(c->db, "database");
    return -1;
}

struct conn *sq_reader_get(struct sqlite_store *s, char **err)
{
    pthread_mutex_lock(&s->pool_lock);
    struct conn *c = s->nidle ? s->idle[--s->nidle] : NULL;
    pthread_mutex_unlock(&s->pool_lock);
    if (c || !(c = sq_conn_open(s->path, err))) return c;
    if (sq_exec(c, s->reader_cache_sql, err) == 0) return c;
    sq_conn_close(c);
    return NULL;
}

void sq_reader_put(struct sqlite_store *s, struct conn *c)
{
    pthread_mutex_lock(&s->pool_lock);
    if (s->nidle < STORE_IDLE_READERS) s->idle[s->nidle++] = c, c = NULL;
    pthread_mutex_unlock(&s->pool_lock);
    sq_conn_close(c);
}

/* Write transactions: BEGIN IMMEDIATE takes SQLite's write lock up front, so a transaction
 * never fails half-way with SQLITE_BUSY. */
int sq_write_begin(struct sqlite_store *s, char **err)
{
    pthread_mutex_lock(&s->write_lock);
    s->write_full = 0;
    if (sq_exec(s->writer, "BEGIN IMMEDIATE", err) == 0) return 0;
    pthread_mutex_unlock(&s->write_lock);
    return -1;
}

/* A savepoint's journal holds the page images ROLLBACK TO needs: each page a group member
 * writes is copied into it first. SQLite keeps 64 KiB of it in memory and writes the rest to a
 * temporary file, the file then serving every later member of the transaction; a
 * knowledge-check answer (five statements) writes 26 to 68 pages of 4 KiB, so the page images
 * of nearly every member went through pwrite, five to six times the writes of the log itself.
 * SQLite decides where the journal lives when the transaction begins, from temp_store: a group's
 * transaction begins with it in memory, and the setting is put back at once, so the other
 * transactions (an erasure's DELETE may journal most of the database) still spill to a file.
 * A member is one statement batch or SCORM commit, held to --max-batch and --max-body, so
 * neither is its journal. */
int sq_group_begin(struct sqlite_store *s, char **err)
{
    pthread_mutex_lock(&s->write_lock);
    s->write_full = 0;
    if (sq_exec(s->writer, "PRAGMA temp_store = MEMORY; BEGIN IMMEDIATE;"
                           " PRAGMA temp_store = DEFAULT", err) == 0)
        return 0;
    if (!sqlite3_get_autocommit(s->writer->db)) sqlite3_exec(s->writer->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(s->writer->db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
    pthread_mutex_unlock(&s->write_lock);
    return -1;
}

/* Commits when status is STORE_OK, otherwise rolls back; releases the lock. */
int sq_write_end(struct sqlite_store *s, int status, char **err)
{
    if (status == STORE_OK && sq_exec(s->writer, "COMMIT", err) < 0) status = STORE_ERROR;
    /* Full until a write goes through again (space freed, or the limit raised); a group whose
     * other members commit while one of them failed for want of space is still full. */
    if (status == STORE_OK && !s->write_full) atomic_store(&s->full, 0);
    else if (s->write_full || (sqlite3_errcode(s->writer->db) & 0xff) == SQLITE_FULL)
        atomic_store(&s->full, 1);
    if (status != STORE_OK) sqlite3_exec(s->writer->db, "ROLLBACK", NULL, NULL, NULL);
    pthread_mutex_lock(&s->stamp_lock);
    s->inflight_ms = 0;
    pthread_mutex_unlock(&s->stamp_lock);
    pthread_mutex_unlock(&s->write_lock);
    return status;
}

/* --- open, migrate, close ------------------------------------------------------------ */

/* The first release kept one version in a one-column schema_version table (the "lrs"
 * schema's); since then schemas are versioned by name: (name, version). Returns 0 when there is
 * no such table, 1 for the new table, 2 for the old one, -1 with *err on failure. */
static int version_table_kind(struct conn *c, char **err)
{
    sqlite3_stmt *st = sq_prep(c, "SELECT (SELECT count(*) FROM sqlite_master WHERE name = "
                                  "'schema_version'), (SELECT count(*) FROM "
                                  "pragma_table_info('schema_version') WHERE name = 'name')", err);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    int kind = rc != SQLITE_ROW ? -1 : !sqlite3_column_int(st, 0) ? 0 : sqlite3_column_int(st, 1) ? 1 : 2;
    sqlite3_reset(st);
    if (kind < 0) *err = sq_db_error(c->db, "database");
    return kind;
}

/* Makes the (name, version) table, converting the first release's. In the caller's transaction. */
static int version_table(struct conn *c, char **err)
{
    int kind = version_table_kind(c, err);
    if (kind < 0) return -1;
    if (kind == 2)
        return sq_exec(c, "ALTER TABLE schema_version RENAME TO schema_version_1;"
                          "CREATE TABLE schema_version (name TEXT NOT NULL, version INTEGER NOT NULL);"
                          "INSERT INTO schema_version (name, version)"
                          "  SELECT 'lrs', version FROM schema_version_1;"
                          "DROP TABLE schema_version_1;", err);
    return sq_exec(c, "CREATE TABLE IF NOT EXISTS schema_version ("
                      "  name TEXT NOT NULL, version INTEGER NOT NULL);", err);
}

/* The schema's version in the database (0: none yet), or -1 with *err. kind: version_table_kind. */
static int64_t schema_version(struct conn *c, int kind, const char *name, char **err)
{
    if (kind == 0 || (kind == 2 && strcmp(name, "lrs"))) return 0;
    sqlite3_stmt *st = sq_prep(c, kind == 2 ? "SELECT coalesce(max(version), 0) FROM schema_version"
                                            : "SELECT coalesce(max(version), 0) FROM schema_version "
                                              "WHERE name = :name", err);
    if (!st) return -1;
    sq_bind(st, ":name", name);
    int64_t version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    if (version < 0) *err = sq_db_error(c->db, "database");
    return version;
}

/* Brings one schema to its newest version inside one write transaction. The version of each
 * schema is kept per name in schema_version, so that every part of Stepwise (the LRS,
 * accounts, plans) appends its own migrations without renumbering the others. */
int sq_migrate(struct conn *c, const struct sq_schema *schema, char **err)
{
    if (sq_exec(c, "BEGIN IMMEDIATE", err) < 0) return -1;
    if (version_table(c, err) < 0) goto fail;
    int64_t version = schema_version(c, 1, schema->name, err);
    if (version < 0) goto fail;
    if (version > (int64_t)schema->n) {
        *err = xasprintf("database schema \"%s\" version %lld is newer than this Stepwise (%zu)",
                         schema->name, (long long)version, schema->n);
        goto fail;
    }
    for (size_t i = (size_t)version; i < schema->n; i++) {
        if (sq_exec(c, schema->steps[i], err) < 0) goto fail;
        sqlite3_stmt *st = sq_prep(c, "INSERT INTO schema_version (name, version) "
                                      "VALUES (:name, :v)", err);
        if (!st) goto fail;
        sq_bind(st, ":name", schema->name);
        sq_bind_int(st, ":v", (int64_t)i + 1);
        if (sq_step_done(c, st, err) < 0) goto fail;
    }
    return sq_exec(c, "COMMIT", err);
fail:
    sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

int sq_schema_versions(struct conn *c, const struct sq_schema *const *schemas, size_t n,
                       int64_t *versions, char **err)
{
    int kind = version_table_kind(c, err);
    for (size_t i = 0; kind >= 0 && i < n; i++)
        if ((versions[i] = schema_version(c, kind, schemas[i]->name, err)) < 0) return -1;
    return kind < 0 ? -1 : 0;
}

/* --- background checkpoints ---------------------------------------------------------- */

struct checkpointer {
    pthread_t thread;
    struct sqlite_store *store;
    struct conn *conn;          /* the thread's own connection */
    pthread_mutex_t lock;       /* guards due and stop */
    pthread_cond_t wake;
    int due;
    int stop;
};

/* A PASSIVE checkpoint, which copies what no reader still needs; notes what is left. */
static void checkpoint(struct sqlite_store *s, sqlite3 *db, const char *schema)
{
    int log = 0, copied = 0;
    if (sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK)
        atomic_store(&s->wal_pages, log - copied);
}

/* SQLite calls this on the writer's connection after every commit, with the log's size. Under a
 * steady stream of commits the thread never quite catches up, and the log restarts from its
 * beginning only once all of it is copied: so at CHECKPOINT_LIMIT_PAGES the writer copies the
 * rest itself, as SQLite's own automatic checkpoint would, which bounds the log. */
static int wal_committed(void *arg, sqlite3 *db, const char *schema, int pages)
{
    struct checkpointer *cp = arg;
    atomic_store(&cp->store->wal_pages, pages);
    if (pages >= CHECKPOINT_LIMIT_PAGES) {
        checkpoint(cp->store, db, schema);
        return SQLITE_OK;
    }
    if (pages < CHECKPOINT_PAGES) return SQLITE_OK;
    pthread_mutex_lock(&cp->lock);
    cp->due = 1;
    pthread_cond_signal(&cp->wake);
    pthread_mutex_unlock(&cp->lock);
    return SQLITE_OK;
}

static void *checkpoint_loop(void *arg)
{
    struct checkpointer *cp = arg;
    pthread_mutex_lock(&cp->lock);
    for (;;) {
        while (!cp->due && !cp->stop) pthread_cond_wait(&cp->wake, &cp->lock);
        if (cp->stop) break;
        cp->due = 0;
        pthread_mutex_unlock(&cp->lock);
        checkpoint(cp->store, cp->conn->db, NULL);     /* the rest goes at the next turn */
        pthread_mutex_lock(&cp->lock);
    }
    pthread_mutex_unlock(&cp->lock);
    return NULL;
}

int sq_checkpointer_start(struct sqlite_store *s, char **err)
{
    struct checkpointer *cp = xcalloc(1, sizeof *cp);
    cp->store = s;
    cp->conn = sq_conn_open(s->path, err);
    if (!cp->conn) {
        free(cp);
        return -1;
    }
    pthread_mutex_init(&cp->lock, NULL);
    pthread_cond_init(&cp->wake, NULL);
    if (pthread_create(&cp->thread, NULL, checkpoint_loop, cp) != 0) {
        *err = xstrdup("database: could not start the checkpoint thread");
        sq_conn_close(cp->conn);
        free(cp);
        return -1;
    }
    /* Replaces SQLite's own automatic checkpoint on this connection. */
    sqlite3_wal_hook(s->writer->db, wal_committed, cp);
    s->checkpointer = cp;
    return 0;
}

void sq_checkpointer_stop(struct sqlite_store *s)
{
    struct checkpointer *cp = s->checkpointer;
    if (!cp) return;
    sqlite3_wal_hook(s->writer->db, NULL, NULL);
    pthread_mutex_lock(&cp->lock);
    cp->stop = 1;
    pthread_cond_signal(&cp->wake);
    pthread_mutex_unlock(&cp->lock);
    pthread_join(cp->thread, NULL);
    pthread_cond_destroy(&cp->wake);
    pthread_mutex_destroy(&cp->lock);
    sq_conn_close(cp->conn);
    free(cp);
    s->checkpointer = NULL;
}
