/* test_store_group.c: group commit of statements (tracking/sqlite_group.c). While another
 * process holds the database's write lock, concurrent inserts pile up; once it lets go they must
 * all go into one transaction with one commit, each with its own outcome: a conflict or a failing
 * batch undoes only its own write, and a batch stays all or nothing. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "server/buf.h"
#include "tracking/sqlite_conn.h"
#include "tracking/statements.h"
#include "tracking/store.h"

#include "tests/unit/store_fixture.h"

#define WRITERS 8

static char *stmt_text(int n, const char *verb)
{
    return xasprintf("{\"id\":\"6fbd6d3c-1c3b-4c9e-9a8b-%012d\",\"actor\":{\"mbox\":\"mailto:w%d@example.com\"},"
                     "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/%s\"},"
                     "\"object\":{\"id\":\"http://stepwise.example/modules/m%d\"}}", n, n, verb, n);
}

static void prep(const char *text, struct store_statement *out)
{
    json_error_t e;
    json_t *in = json_loads(text, 0, &e);
    if (!in) fail_msg("bad test JSON: %s", e.text);
    char err[200];
    assert_int_equal(statements_prepare(in, XAPI_1_0_3, NULL, out, err, sizeof err), 0);
    json_decref(in);
}

/* One concurrent POST: statements numbered from..from+n-1 (verb "completed", or "failed" for the
 * numbers in the conflicting set, whose ids are stored already with another verb). */
struct writer {
    struct store *s;
    int from, n;
    const char *last_verb;      /* the verb of the batch's last statement */
    int status;
    size_t failed;
};

static void *writer_run(void *arg)
{
    struct writer *w = arg;
    struct store_statement st[2];
    for (int i = 0; i < w->n; i++) {
        char *t = stmt_text(w->from + i, i == w->n - 1 ? w->last_verb : "completed");
        prep(t, &st[i]);
        free(t);
    }
    char *err = NULL;
    w->failed = 99;
    w->status = store_statements_insert(w->s, st, (size_t)w->n, &w->failed, &err);
    if (err) fprintf(stderr, "insert: %s\n", err);
    free(err);
    for (int i = 0; i < w->n; i++) statements_clear(&st[i]);
    return NULL;
}

/* Holds the write lock from another connection, starts the writers, waits until every one of
 * them waits for the group, lets go, and returns how many commits the group took. */
static uint64_t run_blocked(struct fixture *f, struct writer *w, int nw)
{
    struct sqlite_store *s = (struct sqlite_store *)f->store;
    sqlite3 *other;
    assert_int_equal(sqlite3_open(f->path, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    uint64_t before;
    sq_group_figures(s, &before, NULL);
    pthread_t th[WRITERS];
    for (int i = 0; i < nw; i++) pthread_create(&th[i], NULL, writer_run, &w[i]);
    size_t waiting = 0;
    for (int tries = 0; waiting < (size_t)nw && tries < 4000; tries++) {
        struct timespec pause = {0, 1000000};
        nanosleep(&pause, NULL);
        sq_group_figures(s, NULL, &waiting);
    }
    assert_int_equal(waiting, nw);
    assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(other);
    for (int i = 0; i < nw; i++) pthread_join(th[i], NULL);
    uint64_t after;
    sq_group_figures(s, &after, &waiting);
    assert_int_equal(waiting, 0);
    return after - before;
}

static void test_waiting_writes_share_one_commit(void **state)
{
    struct fixture *f = *state;
    struct writer w[WRITERS];
    for (int i = 0; i < WRITERS; i++) w[i] = (struct writer){f->store, i + 1, 1, "completed", -1, 0};
    assert_int_equal(run_blocked(f, w, WRITERS), 1);
    for (int i = 0; i < WRITERS; i++) assert_int_equal(w[i].status, STORE_OK);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), WRITERS);
    /* stored still follows the commit order */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements a JOIN statements b"
                                         " ON b.seq > a.seq WHERE b.stored < a.stored"), 0);
}

static void test_a_failing_write_spoils_nothing_else(void **state)
{
    struct fixture *f = *state;
    /* Statements 100 and 201 exist already with the verb "completed". */
    struct writer pre[2] = {{f->store, 100, 1, "completed", -1, 0}, {f->store, 201, 1, "completed", -1, 0}};
    writer_run(&pre[0]);
    writer_run(&pre[1]);
    assert_int_equal(pre[0].status, STORE_OK);
    assert_int_equal(pre[1].status, STORE_OK);
    struct writer w[WRITERS];
    for (int i = 0; i < WRITERS; i++) w[i] = (struct writer){f->store, i + 1, 1, "completed", -1, 0};
    w[2] = (struct writer){f->store, 100, 1, "failed", -1, 0};    /* same id, other content: 409 */
    w[5] = (struct writer){f->store, 200, 2, "failed", -1, 0};    /* 200 is new, 201 conflicts */
    w[6] = (struct writer){f->store, 100, 1, "completed", -1, 0}; /* the same again: no error */
    assert_int_equal(run_blocked(f, w, WRITERS), 1);
    for (int i = 0; i < WRITERS; i++)
        assert_int_equal(w[i].status, i == 2 || i == 5 ? STORE_CONFLICT : STORE_OK);
    assert_int_equal(w[2].failed, 0);
    assert_int_equal(w[5].failed, 1);
    /* 2 before, 5 new ones; the batch of w[5] is undone whole: 200 is not stored */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), 2 + 5);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements WHERE id LIKE '%000000000200'"), 0);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements WHERE verb_id LIKE '%failed'"), 0);
}

static void test_writes_in_a_row_each_commit(void **state)
{
    struct fixture *f = *state;
    uint64_t before, after;
    sq_group_figures((struct sqlite_store *)f->store, &before, NULL);
    for (int i = 0; i < 3; i++) {
        struct writer w = {f->store, 300 + i, 1, "completed", -1, 0};
        writer_run(&w);
        assert_int_equal(w.status, STORE_OK);
    }
    sq_group_figures((struct sqlite_store *)f->store, &after, NULL);
    assert_int_equal(after - before, 3);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_waiting_writes_share_one_commit),
        T(test_a_failing_write_spoils_nothing_else),
        T(test_writes_in_a_row_each_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
