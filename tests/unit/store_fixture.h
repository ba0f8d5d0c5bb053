/* store_fixture.h: the cmocka setup/teardown shared by the store tests: a fresh SQLite store in
 * a temporary folder for each test, removed afterwards with its WAL files; and a look at the
 * file from outside the store. */
#ifndef STEPWISE_STORE_FIXTURE_H
#define STEPWISE_STORE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "server/buf.h"
#include "tracking/store.h"

struct fixture {
    char dir[64];
    char *path;
    struct store *store;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/stepwise-test-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    f->path = xasprintf("%s/test.db", f->dir);
    char *err = NULL;
    f->store = store_open(f->path, &err);
    if (!f->store) {
        fprintf(stderr, "store_open: %s\n", err);
        free(err);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_close(f->store);
    static const char *const suffix[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char *p = xasprintf("%s%s", f->path, suffix[i]);
        unlink(p);
        free(p);
    }
    rmdir(f->dir);
    free(f->path);
    free(f);
    return 0;
}

/* The one integer the query sql returns, read through a connection of its own. */
static inline int64_t count_rows(const char *path, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

#endif
