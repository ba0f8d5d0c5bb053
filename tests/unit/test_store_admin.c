/* test_store_admin.c: the operator's side of the SQLite store on real files: backup, restore,
 * the check of damaged and incomplete databases, the health probe with a locked and a missing
 * file, and the monitoring figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "server/buf.h"
#include "tracking/store.h"

#include "tests/unit/store_fixture.h"

/* The key of state document "doc-<i>" (id: its buffer). */
static struct store_doc_key doc_key(int i, char id[32])
{
    snprintf(id, 32, "doc-%d", i);
    struct store_doc_key k = {STORE_DOC_STATE, "http://example.com/a",
                              "mbox:mailto:ann@example.com", NULL, id};
    return k;
}

/* Stores state document "doc-<i>" holding i. */
static void put_doc(struct store *s, int i)
{
    char id[32], body[32];
    struct store_doc_key k = doc_key(i, id);
    snprintf(body, sizeof body, "{\"n\":%d}", i);
    char *err = NULL;
    int rc = store_doc_put(s, &k, body, strlen(body), "application/json", NULL, 0, &err);
    if (rc != STORE_OK) fail_msg("doc_put: %s", err);
}

static int has_doc(struct store *s, int i)
{
    char id[32];
    struct store_doc_key k = doc_key(i, id);
    struct store_doc d;
    char *err = NULL;
    int rc = store_doc_get(s, &k, &d, &err);
    if (rc == STORE_OK) store_doc_clear(&d);
    free(err);
    return rc == STORE_OK;
}

/* The problems store_check finds, joined by newlines ("" when sound). */
static char *check(const char *path)
{
    char **problems = NULL, *err = NULL;
    size_t n = 0;
    if (store_check(path, &problems, &n, &err) != STORE_OK) fail_msg("check: %s", err);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) buf_printf(&b, "%s\n", problems[i]);
    store_strings_free(problems, n);
    return buf_detach(&b, NULL);
}

static char *sibling(struct fixture *f, const char *name)
{
    return xasprintf("%s/%s", f->dir, name);
}

static void remove_db(const char *path)
{
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        char *p = xasprintf("%s%s", path, suffix[i]);
        unlink(p);
        free(p);
    }
}

static void test_backup_is_a_sound_copy(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 20; i++) put_doc(f->store, i);
    char *copy = sibling(f, "copy.db"), *err = NULL;
    assert_int_equal(store_backup(f->path, copy, &err), STORE_OK);
    put_doc(f->store, 20);
    struct stat sb;
    assert_int_equal(stat(copy, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);   /* password hashes and learners' records */
    char *problems = check(copy);
    assert_string_equal(problems, "");
    free(problems);
    struct store *c = store_open(copy, &err);
    assert_non_null(c);
    for (int i = 0; i < 20; i++) assert_true(has_doc(c, i));
    assert_false(has_doc(c, 20));
    store_close(c);
    /* A second backup replaces the first. */
    assert_int_equal(store_backup(f->path, copy, &err), STORE_OK);
    c = store_open(copy, &err);
    assert_true(has_doc(c, 20));
    store_close(c);
    remove_db(copy);
    free(copy);
}

static void test_backup_refuses_the_database_itself(void **state)
{
    struct fixture *f = *state;
    put_doc(f->store, 1);
    char *err = NULL;
    assert_int_equal(store_backup(f->path, f->path, &err), STORE_ERROR);
    assert_non_null(strstr(err, "is the database itself"));
    free(err);
    err = NULL;
    assert_true(has_doc(f->store, 1));
    char *nowhere = sibling(f, "no-such-folder/copy.db");
    assert_int_equal(store_backup(f->path, nowhere, &err), STORE_ERROR);
    assert_non_null(strstr(err, "no-such-folder"));
    free(err);
    free(nowhere);
}

/* Overwrites the start of the root page of table with bytes SQLite cannot read as a b-tree. */
static void damage_table(const char *path, const char *table)
{
    char *sql = xasprintf("SELECT rootpage FROM sqlite_master WHERE name = '%s'", table);
    int64_t page = count_rows(path, sql);
    free(sql);
    FILE *fp = fopen(path, "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, (long)((page - 1) * 4096), SEEK_SET), 0);
    static const unsigned char junk[] = {0x0d, 0x00, 0x00, 0x00, 0x09, 0xff, 0xff};
    assert_int_equal(fwrite(junk, 1, sizeof junk, fp), sizeof junk);
    fclose(fp);
}

static void test_check_says_what_is_damaged(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 50; i++) put_doc(f->store, i);
    store_close(f->store);
    f->store = NULL;
    char *problems = check(f->path);
    assert_string_equal(problems, "");
    free(problems);
    damage_table(f->path, "documents");
    problems = check(f->path);
    assert_non_null(strstr(problems, "the file is damaged: "));
    free(problems);

    char *junk = sibling(f, "junk.db");
    FILE *fp = fopen(junk, "w");
    fputs("these are notes, not a database\n", fp);
    fclose(fp);
    problems = check(junk);
    assert_non_null(strstr(problems, "is not a SQLite database"));
    free(problems);
    unlink(junk);
    free(junk);
}

static void test_check_finds_missing_tables_columns_indexes_triggers(void **state)
{
    struct fixture *f = *state;
    store_close(f->store);
    f->store = NULL;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE plan_reflections; DROP INDEX statements_verb;"
                                      "ALTER TABLE users DROP COLUMN language;"
                                      "DROP TRIGGER progress_summary_void", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    char *problems = check(f->path);
    assert_string_equal(problems, "the index statements_verb is missing\n"
                                  "the trigger progress_summary_void is missing\n"
                                  "the table users has no column language\n"
                                  "the table plan_reflections is missing\n");
    free(problems);

    char *empty = sibling(f, "empty.db");
    assert_int_equal(sqlite3_open(empty, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE notes (t)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    problems = check(empty);
    assert_non_null(strstr(problems, "holds no Stepwise data"));
    free(problems);
    unlink(empty);
    free(empty);
}

static void test_restore(void **state)
{
    struct fixture *f = *state;
    for (int i = 0; i < 10; i++) put_doc(f->store, i);
    char *backup = sibling(f, "backup.db"), *err = NULL;
    assert_int_equal(store_backup(f->path, backup, &err), STORE_OK);
    put_doc(f->store, 10);

    /* Not while the database is open. */
    assert_int_equal(store_restore(f->path, backup, &err), STORE_ERROR);
    assert_non_null(strstr(err, "is in use: stop stepwise serve"));
    free(err);
    err = NULL;
    store_close(f->store);
    f->store = NULL;

    /* Not from a damaged backup: the database stays as it was. */
    char *bad = sibling(f, "bad.db");
    f->store = store_open(f->path, &err);
    assert_int_equal(store_backup(f->path, bad, &err), STORE_OK);
    store_close(f->store);
    f->store = NULL;
    damage_table(bad, "documents");
    assert_int_equal(store_restore(f->path, bad, &err), STORE_ERROR);
    assert_non_null(strstr(err, "cannot be restored: the file is damaged"));
    free(err);
    err = NULL;
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM documents"), 11);

    assert_int_equal(store_restore(f->path, backup, &err), STORE_OK);
    f->store = store_open(f->path, &err);
    assert_non_null(f->store);
    for (int i = 0; i < 10; i++) assert_true(has_doc(f->store, i));
    assert_false(has_doc(f->store, 10));
    char *problems = check(f->path);
    assert_string_equal(problems, "");
    free(problems);

    /* Into a place where there is no database yet. */
    char *fresh = sibling(f, "fresh.db");
    assert_int_equal(store_restore(fresh, backup, &err), STORE_OK);
    assert_int_equal(count_rows(fresh, "SELECT count(*) FROM documents"), 10);
    remove_db(fresh);
    remove_db(bad);
    remove_db(backup);
    free(fresh);
    free(bad);
    free(backup);
}

static void test_health(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    assert_int_equal(store_health(f->store, &err), STORE_OK);
    /* Another program holds the write lock. */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(store_health(f->store, &err), STORE_ERROR);
    assert_non_null(strstr(err, "locked by another program"));
    free(err);
    err = NULL;
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(store_health(f->store, &err), STORE_OK);
    put_doc(f->store, 1);   /* the probe left the writer usable */
    /* The file is moved away while the store runs. */
    char *moved = sibling(f, "moved.db");
    assert_int_equal(rename(f->path, moved), 0);
    assert_int_equal(store_health(f->store, &err), STORE_ERROR);
    assert_non_null(strstr(err, "the database file is missing"));
    free(err);
    err = NULL;
    assert_int_equal(rename(moved, f->path), 0);
    assert_int_equal(store_health(f->store, &err), STORE_OK);
    free(moved);
}

static void test_stats(void **state)
{
    struct fixture *f = *state;
    struct store_stats st;
    char *err = NULL;
    assert_int_equal(store_stats(f->store, &st, &err), STORE_OK);
    assert_int_equal(st.statements, 0);
    int64_t memory = st.memory_bytes;
    assert_true(memory > 0);
    put_doc(f->store, 1);
    assert_int_equal(store_stats(f->store, &st, &err), STORE_OK);
    assert_true(st.wal_pages > 0);
    assert_true(st.memory_bytes > memory);   /* the written pages are in the writer's cache */
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_backup_is_a_sound_copy),
        T(test_backup_refuses_the_database_itself),
        T(test_check_says_what_is_damaged),
        T(test_check_finds_missing_tables_columns_indexes_triggers),
        T(test_restore),
        T(test_health),
        T(test_stats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
