/* store_sqlite_admin.c: the operator's side of the SQLite store: a consistent copy of the live
 * database through SQLite's online backup API, restoring one, checking a database file in words
 * (integrity, foreign keys, schema versions and the tables the migrations make), the health
 * probe behind /healthz and the figures behind /metrics. */
#include "tracking/store_sqlite_admin.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/buf.h"

#define HEALTH_TIMEOUT_MS 1000     /* how long /healthz waits for the write lock */

int sqlite_file_identity(const char *path, dev_t *dev, ino_t *ino)
{
    struct stat sb;
    if (stat(path, &sb) < 0) return -1;
    *dev = sb.st_dev;
    *ino = sb.st_ino;
    return 0;
}

/* --- backup -------------------------------------------------------------------------- */

/* Flushes the folder holding path, so that a rename into it survives a power cut. */
static void sync_folder(const char *path)
{
    char *copy = xstrdup(path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(copy);
}

/* Copies src into the new file tmp in one backup step, which reads inside one transaction of
 * src: the copy is the database as of that instant, whatever is written meanwhile. The copy is
 * made a plain one-file database (no WAL) and checked. It holds password hashes and learners'
 * records, so only its owner may read it (SQLite keeps the mode of a file it finds). */
static int copy_database(sqlite3 *src, const char *tmp, char **err)
{
    sqlite3 *out = NULL;
    int status = STORE_ERROR;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *err = xasprintf("%s: %s", tmp, strerror(errno));
        return STORE_ERROR;
    }
    close(fd);
    if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        *err = sq_db_error(out, tmp);
        goto done;
    }
    sqlite3_backup *b = sqlite3_backup_init(out, "main", src, "main");
    if (!b) {
        *err = sq_db_error(out, "backup");
        goto done;
    }
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        *err = xasprintf("backup: %s", sqlite3_errstr(rc));
        goto done;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(out, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK) {
        *err = sq_db_error(out, "backup");
        goto done;
    }
    rc = sqlite3_step(st);
    int ok = rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    if (!ok) {
        *err = xstrdup("backup: the copy does not pass SQLite's quick_check; nothing was replaced");
        goto done;
    }
    status = STORE_OK;
done:
    if (sqlite3_close(out) != SQLITE_OK && status == STORE_OK) {
        *err = xasprintf("backup: %s could not be closed", tmp);
        status = STORE_ERROR;
    }
    return status;
}

/* Opens the existing database at path with flags (never creating one where a path has a typo). */
static int open_existing(const char *path, int flags, sqlite3 **db, char **err)
{
    if (access(path, R_OK) < 0) {
        *err = errno == ENOENT ? xasprintf("there is no database at %s", path)
                               : xasprintf("%s: %s", path, strerror(errno));
        return -1;
    }
    if (sqlite3_open_v2(path, db, flags, NULL) == SQLITE_OK) return 0;
    *err = sq_db_error(*db, path);
    sqlite3_close(*db);
    *db = NULL;
    return -1;
}

int sqlite_backup(const char *path, const char *dest, char **err)
{
    struct stat db, out;
    if (stat(path, &db) == 0 && stat(dest, &out) == 0 && db.st_dev == out.st_dev &&
        db.st_ino == out.st_ino) {
        *err = xasprintf("%s is the database itself: name another file for the backup", dest);
        return STORE_ERROR;
    }
    sqlite3 *src = NULL;
    if (open_existing(path, SQLITE_OPEN_READWRITE, &src, err) < 0) return STORE_ERROR;
    sqlite3_busy_timeout(src, BUSY_TIMEOUT_MS);
    char *tmp = xasprintf("%s.part-%ld", dest, (long)getpid());
    unlink(tmp);
    int status = copy_database(src, tmp, err);
    sqlite3_close(src);
    if (status == STORE_OK && rename(tmp, dest) < 0) {
        *err = xasprintf("%s: %s", dest, strerror(errno));
        status = STORE_ERROR;
    }
    if (status == STORE_OK) sync_folder(dest);
    else unlink(tmp);
    free(tmp);
    return status;
}

/* --- health and figures -------------------------------------------------------------- */

int sqlite_health(struct store *base, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct stat sb;
    if (s->has_file && stat(s->path, &sb) < 0) {
        *err = xstrdup("the database file is missing (deleted or moved while Stepwise runs): "
                       "stop Stepwise and restore the latest backup");
        return STORE_ERROR;
    }
    if (s->has_file && (sb.st_dev != s->file_dev || sb.st_ino != s->file_ino)) {
        *err = xstrdup("the database file was replaced while Stepwise runs: restart Stepwise so "
                       "that it uses the new file");
        return STORE_ERROR;
    }
    /* The write lock, held for no time at all, and a read: what every request needs. */
    pthread_mutex_lock(&s->write_lock);
    sqlite3 *db = s->writer->db;
    sqlite3_busy_timeout(db, HEALTH_TIMEOUT_MS);
    int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_exec(db, "SELECT count(*) FROM schema_version", NULL, NULL, NULL);
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (rc == SQLITE_BUSY)
        *err = xstrdup("the database is locked by another program (an open sqlite3 shell, a copy "
                       "tool): writes wait for it and then fail");
    else if (rc != SQLITE_OK)
        *err = sq_db_error(db, "the database does not answer");
    sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
    pthread_mutex_unlock(&s->write_lock);
    return rc == SQLITE_OK ? STORE_OK : STORE_ERROR;
}

int sqlite_stats(struct store *base, struct store_stats *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT count(*) FROM statements", err);
    int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
    if (rc == SQLITE_ROW) out->statements = sqlite3_column_int64(st, 0);
    else if (st) *err = sq_db_error(c->db, "database");
    if (st) sqlite3_reset(st);
    sq_reader_put(s, c);
    out->wal_pages = atomic_load(&s->wal_pages);
    out->memory_bytes = sqlite3_memory_used();
    return rc == SQLITE_ROW ? STORE_OK : STORE_ERROR;
}

/* --- check --------------------------------------------------------------------------- */

struct problems {
    char **list;
    size_t n;
};

static void problem(struct problems *p, char *sentence)
{
    p->list = xrealloc(p->list, (p->n + 1) * sizeof *p->list);
    p->list[p->n++] = sentence;
}

/* SQLite's own check of every page and index. Returns 0 when the file could be read as a
 * database at all (whatever it found), -1 when it is not one. */
static int check_integrity(sqlite3 *db, const char *path, struct problems *p)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(20)", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const char *line = (const char *)sqlite3_column_text(st, 0);
            if (!strncmp(line, "*** in database main ***\n", 25)) line += 25;
            if (strcmp(line, "ok")) problem(p, xasprintf("the file is damaged: %s", line));
        }
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE) return 0;
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || (rc != SQLITE_OK && p->n == 0)) {
        problem(p, xasprintf("%s is not a SQLite database, or its first pages are damaged (%s)",
                             path, sqlite3_errmsg(db)));
        return -1;
    }
    problem(p, xasprintf("the file is damaged: %s", sqlite3_errmsg(db)));
    return 0;
}

static void check_foreign_keys(sqlite3 *db, struct problems *p)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) return;
    while (sqlite3_step(st) == SQLITE_ROW)
        problem(p, xasprintf("row %lld of table %s refers to a row of %s that does not exist",
                             (long long)sqlite3_column_int64(st, 1),
                             (const char *)sqlite3_column_text(st, 0),
                             (const char *)sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
}

/* 1 when the query sql (one :a and one :b parameter) counts more than zero in file, 0 when
 * not, -1 with *err. */
static int file_has(struct conn *file, const char *sql, const char *a, const char *b, char **err)
{
    sqlite3_stmt *st = sq_prep(file, sql, err);
    if (!st) return -1;
    sq_bind(st, ":a", a);
    sq_bind(st, ":b", b);
    int rc = sqlite3_step(st);
    int found = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) > 0 : -1;
    if (found < 0) *err = sq_db_error(file->db, "check");
    sqlite3_reset(st);
    return found;
}

/* Every table, column, index and trigger the migrations make (the reference, in memory,
 * migrated to the file's versions) must be in the file. */
static int compare_schema(struct conn *ref, struct conn *file, struct problems *p, char **err)
{
    sqlite3_stmt *objects = NULL, *columns = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(ref->db, "SELECT type, name FROM sqlite_master WHERE type IN "
                                    "('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%'"
                                    " AND "
                                    "name <> 'schema_version' ORDER BY rowid", -1, &objects,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(ref->db, "SELECT name FROM pragma_table_info(?)", -1, &columns,
                           NULL) != SQLITE_OK) {
        *err = sq_db_error(ref->db, "check");
        goto done;
    }
    while (sqlite3_step(objects) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(objects, 0);
        const char *name = (const char *)sqlite3_column_text(objects, 1);
        int has = file_has(file, "SELECT count(*) FROM sqlite_master WHERE type = :a AND name = :b",
                           type, name, err);
        if (has < 0) goto done;
        if (!has) problem(p, xasprintf("the %s %s is missing", type, name));
        if (!has || strcmp(type, "table")) continue;
        sqlite3_reset(columns);
        sqlite3_bind_text(columns, 1, name, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(columns) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(columns, 0);
            has = file_has(file, "SELECT count(*) FROM pragma_table_info(:a) WHERE name = :b",
                           name, col, err);
            if (has < 0) goto done;
            if (!has) problem(p, xasprintf("the table %s has no column %s", name, col));
        }
    }
    rc = 0;
done:
    sqlite3_finalize(objects);
    sqlite3_finalize(columns);
    return rc;
}

/* The schema versions of the file against this build's, then its tables against what the
 * migrations make at those versions. */
static int check_schema(struct conn *file, const char *path, struct problems *p, char **err)
{
    int64_t versions[8];
    char *why = NULL;
    if (sq_nschemas > sizeof versions / sizeof *versions) abort();
    if (sq_schema_versions(file, sq_schemas, sq_nschemas, versions, &why) < 0) {
        problem(p, xasprintf("the schema versions cannot be read: %s", why));
        free(why);
        return 0;
    }
    int any = 0;
    for (size_t i = 0; i < sq_nschemas; i++) any |= versions[i] > 0;
    if (!any) {
        problem(p, xasprintf("%s holds no Stepwise data (no schema versions): is it the right "
                             "file?", path));
        return 0;
    }
    struct conn *ref = sq_conn_open(":memory:", err);
    if (!ref) return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < sq_nschemas; i++) {
        const struct sq_schema *s = sq_schemas[i];
        if (versions[i] > (int64_t)s->n) {
            problem(p, xasprintf("the %s data is at version %lld, newer than this Stepwise knows "
                                 "(%zu): use the Stepwise that wrote it, or a newer one",
                                 s->name, (long long)versions[i], s->n));
            continue;
        }
        struct sq_schema upto = {s->name, s->steps, (size_t)versions[i]};
        rc = sq_migrate(ref, &upto, err);
    }
    if (rc == 0) rc = compare_schema(ref, file, p, err);
    sq_conn_close(ref);
    return rc;
}

int sqlite_check(const char *path, char ***problems, size_t *n, char **err)
{
    /* A bare connection first: setting up a struct conn already reads the file's header. */
    struct conn *file = xcalloc(1, sizeof *file);
    if (open_existing(path, SQLITE_OPEN_READONLY, &file->db, err) < 0) {
        free(file);
        return STORE_ERROR;
    }
    struct problems p = {NULL, 0};
    int rc = 0;
    if (check_integrity(file->db, path, &p) == 0) {
        check_foreign_keys(file->db, &p);
        rc = check_schema(file, path, &p, err);
    }
    sq_conn_close(file);
    if (rc < 0) {
        store_strings_free(p.list, p.n);
        return STORE_ERROR;
    }
    *problems = p.list;
    *n = p.n;
    return STORE_OK;
}

/* --- restore ------------------------------------------------------------------------- */

/* The backup must pass the same check as check-db, so that a damaged or too new copy never
 * replaces the database. */
static int backup_sound(const char *backup, char **err)
{
    char **problems = NULL;
    size_t n = 0;
    if (sqlite_check(backup, &problems, &n, err) != STORE_OK) return -1;
    if (n) *err = xasprintf("the backup %s cannot be restored: %s%s", backup, problems[0],
                            n > 1 ? " (and more: see stepwise check-db --db BACKUP)" : "");
    store_strings_free(problems, n);
    return n ? -1 : 0;
}

int sqlite_restore(const char *path, const char *backup, char **err)
{
    if (backup_sound(backup, err) < 0) return STORE_ERROR;
    sqlite3 *db = NULL, *src = NULL;
    int status = STORE_ERROR;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        *err = sq_db_error(db, path);
        goto done;
    }
    /* An exclusive lock, kept until the end: no other connection may have the file open. */
    int rc = sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT", NULL,
                          NULL, NULL);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        *err = xasprintf("the database %s is in use: stop stepwise serve (and every other program "
                         "using it) first", path);
        goto done;
    }
    if (rc != SQLITE_OK) {
        *err = xasprintf("%s cannot be opened as a database (%s): move it away (keep it for "
                         "later) and run the restore again", path, sqlite3_errmsg(db));
        goto done;
    }
    if (sqlite3_open_v2(backup, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        *err = sq_db_error(src, backup);
        goto done;
    }
    sqlite3_backup *b = sqlite3_backup_init(db, "main", src, "main");
    if (!b) {
        *err = sq_db_error(db, "restore");
        goto done;
    }
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        *err = xasprintf("restore: %s; the database was left as it was", sqlite3_errstr(rc));
        goto done;
    }
    status = STORE_OK;
done:
    sqlite3_close(src);
    sqlite3_close(db);
    return status;
}
