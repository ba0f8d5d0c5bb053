/* test_store.c: the SQLite store against real database files in a temporary directory:
 * migrations, statement insert/get/conflicts/voiding, every query filter and paging, documents
 * with ETags and preconditions, erasure, and concurrent use from several threads. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pthread.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "server/buf.h"
#include "tracking/sha1.h"
#include "tracking/statements.h"
#include "tracking/sqlite_conn.h"
#include "tracking/store.h"

#define VERB "http://adlnet.gov/expapi/verbs/completed"
#define ACT "http://stepwise.example/modules/safe-lifting"
#define ANN "mailto:ann@example.com"
#define BOB "mailto:bob@example.com"

#include "tests/unit/store_fixture.h"


/* Prepares a statement from JSON text (authority: Ann's tablet client). */
static void prep_stmt(const char *text, struct store_statement *out)
{
    json_error_t e;
    json_t *in = json_loads(text, 0, &e);
    if (!in) fail_msg("bad test JSON: %s", e.text);
    json_t *auth = json_pack("{s:s,s:{s:s,s:s}}", "objectType", "Agent", "account", "homePage",
                             "http://stepwise.invalid/", "name", "tablet");
    char err[200];
    assert_int_equal(statements_prepare(in, XAPI_1_0_3, auth, out, err, sizeof err), 0);
    json_decref(auth);
    json_decref(in);
}

/* Inserts one statement; returns the store status. */
static int put(struct store *s, const char *text)
{
    struct store_statement st;
    prep_stmt(text, &st);
    char *err = NULL;
    size_t failed = 99;
    int rc = store_statements_insert(s, &st, 1, &failed, &err);
    if (rc == STORE_ERROR) fprintf(stderr, "insert: %s\n", err);
    free(err);
    statements_clear(&st);
    return rc;
}

static char *stmt_text(const char *id, const char *mbox, const char *verb, const char *act)
{
    return xasprintf("{\"id\":\"%s\",\"actor\":{\"mbox\":\"%s\"},\"verb\":{\"id\":\"%s\"},"
                     "\"object\":{\"id\":\"%s\"},\"context\":{\"contextActivities\":"
                     "{\"parent\":[{\"id\":\"%s/course\"}]}}}", id, mbox, verb, act, act);
}

static void put_simple(struct store *s, const char *id, const char *mbox, const char *verb,
                       const char *act)
{
    char *t = stmt_text(id, mbox, verb, act);
    assert_int_equal(put(s, t), STORE_OK);
    free(t);
}

static char *id_n(int n)
{
    return xasprintf("00000000-0000-4000-8000-%012d", n);
}

static int exists(struct store *s, const char *id, int voided)
{
    char *json = NULL, *err = NULL;
    int rc = store_statement_get(s, id, voided, &json, &err);
    assert_true(rc == STORE_OK || rc == STORE_NOT_FOUND);
    free(json);
    return rc == STORE_OK;
}

/* Runs q and returns the ids found, in order, joined by spaces (caller frees). */
static char *query_ids(struct store *s, const struct store_query *q, int64_t *next)
{
    struct store_result r;
    char *err = NULL;
    int rc = store_statements_query(s, q, &r, &err);
    if (rc != STORE_OK) fail_msg("query: %s", err ? err : "?");
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < r.n; i++) {
        json_t *j = json_loads(r.json[i], 0, NULL);
        const char *id = json_string_value(json_object_get(j, "id"));
        buf_printf(&b, "%s%s", b.len ? " " : "", id + 33);  /* the last 3 digits suffice */
        json_decref(j);
    }
    assert_int_equal(strlen(r.consistent_through), 24);
    if (next) *next = r.next_cursor;
    store_result_clear(&r);
    return buf_detach(&b, NULL);
}

static void expect_ids(struct store *s, const struct store_query *q, const char *want)
{
    char *got = query_ids(s, q, NULL);
    assert_string_equal(got, want);
    free(got);
}

/* --- tests --------------------------------------------------------------------------- */

/* Writes are flushed to disk at every commit unless the server is told otherwise (--sync);
 * the setting is read back from the writing connection itself. */
static void test_sync_full_by_default(void **state)
{
    struct fixture *f = *state;
    enum store_sync sync = STORE_SYNC_NORMAL;
    char *err = NULL;
    assert_int_equal(store_get_sync(f->store, &sync, &err), STORE_OK);
    assert_int_equal(sync, STORE_SYNC_FULL);
    assert_int_equal(store_set_sync(f->store, STORE_SYNC_NORMAL, &err), STORE_OK);
    assert_int_equal(store_get_sync(f->store, &sync, &err), STORE_OK);
    assert_int_equal(sync, STORE_SYNC_NORMAL);
    char *id = id_n(1);
    put_simple(f->store, id, ANN, VERB, ACT);   /* writes still work */
    assert_true(exists(f->store, id, 0));
    assert_int_equal(store_set_sync(f->store, STORE_SYNC_FULL, &err), STORE_OK);
    assert_int_equal(store_get_sync(f->store, &sync, &err), STORE_OK);
    assert_int_equal(sync, STORE_SYNC_FULL);
    free(id);
}

static int cache_size_of(struct conn *c)
{
    char *err = NULL;
    sqlite3_stmt *st = sq_prep(c, "PRAGMA cache_size", &err);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int kib = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return kib;
}

/* The page caches of store_options reach the connections, read back from the writer and from
 * a reader, new and pooled (SQLite keeps a negative cache_size as KiB). */
static void check_cache_sizes(struct store *store, int writer_kib, int reader_kib)
{
    struct sqlite_store *s = (struct sqlite_store *)store;
    char *err = NULL;
    pthread_mutex_lock(&s->write_lock);
    assert_int_equal(cache_size_of(s->writer), -writer_kib);
    pthread_mutex_unlock(&s->write_lock);
    for (int round = 0; round < 2; round++) {   /* a new reader, then the same one from the pool */
        struct conn *c = sq_reader_get(s, &err);
        assert_non_null(c);
        assert_int_equal(cache_size_of(c), -reader_kib);
        sq_reader_put(s, c);
    }
}

static void test_cache_sizes_default(void **state)
{
    struct fixture *f = *state;
    check_cache_sizes(f->store, (int)(STORE_CACHE_BYTES_DEFAULT >> 10),
                      (int)(STORE_READER_CACHE_BYTES_DEFAULT >> 10));
}

static void test_cache_sizes_configured(void **state)
{
    struct fixture *f = *state;
    store_close(f->store);
    char *err = NULL;
    const struct store_options o = {.cache_bytes = 3u << 20, .reader_cache_bytes = 768u << 10};
    f->store = store_open_with(f->path, &o, &err);
    assert_non_null(f->store);
    check_cache_sizes(f->store, 3 << 10, 768);
}

/* The write-ahead log is copied into the database by a background thread (sqlite_conn.c), so it
 * stays small however many commits come; without that thread it would grow with every commit
 * (SQLite's own automatic checkpoint is replaced by it). */
static void test_log_is_checkpointed(void **state)
{
    struct fixture *f = *state;
    char *err = NULL, *wal = xasprintf("%s-wal", f->path);
    assert_int_equal(store_set_sync(f->store, STORE_SYNC_NORMAL, &err), STORE_OK);
    struct stat st;
    off_t largest = 0;
    for (int i = 1; i <= 1500; i++) {     /* about 10 pages per commit: 15000 pages in all */
        char *id = id_n(1000 + i);
        put_simple(f->store, id, ANN, VERB, ACT);
        free(id);
        if (stat(wal, &st) == 0 && st.st_size > largest) largest = st.st_size;
    }
    assert_true(largest > 0);
    /* The writer's own checkpoint may find the thread's still running and try again at the next
     * commit: allow some slack, far below the 15000 pages a log without checkpoints reaches. */
    assert_true(largest <= 2 * CHECKPOINT_LIMIT_PAGES * (4096 + 24));    /* + frame headers */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), 1500);
    free(wal);
}

static void test_migrations_idempotent(void **state)
{
    struct fixture *f = *state;
    char *id = id_n(1);
    put_simple(f->store, id, ANN, VERB, ACT);
    store_close(f->store);
    char *err = NULL;
    f->store = store_open(f->path, &err);  /* reopen: nothing to migrate, data kept */
    assert_non_null(f->store);
    store_close(f->store);
    f->store = store_open(f->path, &err);
    assert_non_null(f->store);
    assert_true(exists(f->store, id, 0));
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM schema_version WHERE name = 'lrs'"), 5);
    assert_int_equal(count_rows(f->path, "SELECT max(version) FROM schema_version WHERE name = 'lrs'"), 5);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM pragma_journal_mode"
                                         " WHERE journal_mode = 'wal'"), 1);
    free(id);
}

static void test_newer_schema_refused(void **state)
{
    struct fixture *f = *state;
    store_close(f->store);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_version VALUES ('lrs', 99)", 0, 0, 0), SQLITE_OK);
    sqlite3_close(db);
    char *err = NULL;
    f->store = store_open(f->path, &err);
    assert_null(f->store);
    assert_non_null(strstr(err, "newer"));
    free(err);
    f->store = store_open(":memory:", &err);  /* teardown closes something */
    assert_non_null(f->store);
}

static void test_insert_and_get(void **state)
{
    struct fixture *f = *state;
    struct store_statement st;
    prep_stmt("{\"actor\":{\"mbox\":\"" ANN "\"},\"verb\":{\"id\":\"" VERB "\"},"
              "\"object\":{\"id\":\"" ACT "\"}}", &st);
    char *err = NULL, *json = NULL;
    assert_int_equal(store_statements_insert(f->store, &st, 1, NULL, &err), STORE_OK);
    assert_int_equal(store_statement_get(f->store, st.id, 0, &json, &err), STORE_OK);
    json_t *got = json_loads(json, 0, NULL);
    assert_true(json_equal(got, st.stmt));  /* stored and timestamp as stamped by the store */
    const char *stored = json_string_value(json_object_get(got, "stored"));
    assert_string_equal(json_string_value(json_object_get(got, "timestamp")), stored);
    /* Once committed, a statement is covered by consistent_through. */
    usleep(2000);
    struct store_query q = {0};
    struct store_result r;
    assert_int_equal(store_statements_query(f->store, &q, &r, &err), STORE_OK);
    assert_int_equal(r.n, 1);
    assert_true(strcmp(r.consistent_through, stored) >= 0);
    store_result_clear(&r);
    json_decref(got);
    free(json);
    /* Upper-case ids find the same statement; voidedStatementId does not. */
    char upper[37];
    for (size_t i = 0; i < 37; i++)
        upper[i] = (char)(st.id[i] >= 'a' && st.id[i] <= 'f' ? st.id[i] - 32 : st.id[i]);
    assert_true(exists(f->store, upper, 0));
    assert_false(exists(f->store, st.id, 1));
    assert_false(exists(f->store, "00000000-0000-4000-8000-00000000ffff", 0));
    statements_clear(&st);
}

static void test_same_id_same_content_is_noop(void **state)
{
    struct fixture *f = *state;
    char *id = id_n(7);
    put_simple(f->store, id, ANN, VERB, ACT);
    char *first = NULL, *again = NULL, *err = NULL;
    assert_int_equal(store_statement_get(f->store, id, 0, &first, &err), STORE_OK);
    /* Same statement with a verb display and another zone's timestamp-free form: same. */
    char *t = xasprintf("{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"mbox\":\"" ANN "\"},"
                        "\"verb\":{\"id\":\"" VERB "\",\"display\":{\"en\":\"completed\"}},"
                        "\"object\":{\"id\":\"" ACT "\"},\"context\":{\"contextActivities\":"
                        "{\"parent\":{\"id\":\"" ACT "/course\"}}}}", id);
    assert_int_equal(put(f->store, t), STORE_OK);
    assert_int_equal(store_statement_get(f->store, id, 0, &again, &err), STORE_OK);
    assert_string_equal(first, again);  /* the first version stays, stored unchanged */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), 1);
    free(t);
    free(first);
    free(again);
    free(id);
}

static void test_same_id_different_content_conflicts(void **state)
{
    struct fixture *f = *state;
    char *id = id_n(8);
    put_simple(f->store, id, ANN, VERB, ACT);
    char *t = stmt_text(id, BOB, VERB, ACT);
    assert_int_equal(put(f->store, t), STORE_CONFLICT);
    free(t);
    free(id);
}

static void test_batch_is_atomic(void **state)
{
    struct fixture *f = *state;
    char *id3 = id_n(3);
    put_simple(f->store, id3, ANN, VERB, ACT);
    struct store_statement batch[3];
    for (int i = 0; i < 3; i++) {
        char *id = id_n(i + 1);
        char *t = stmt_text(id, BOB, VERB, ACT);  /* the third clashes with id3 (Ann) */
        prep_stmt(t, &batch[i]);
        free(t);
        free(id);
    }
    char *err = NULL;
    size_t failed = 99;
    assert_int_equal(store_statements_insert(f->store, batch, 3, &failed, &err), STORE_CONFLICT);
    assert_int_equal(failed, 2);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), 1);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM related"), 1);  /* id3's only */
    /* Without the clash the same batch goes in whole, related rows included. */
    statements_clear(&batch[2]);
    char *id9 = id_n(9), *t = stmt_text(id9, BOB, VERB, ACT);
    prep_stmt(t, &batch[2]);
    assert_int_equal(store_statements_insert(f->store, batch, 3, &failed, &err), STORE_OK);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), 4);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM related"), 4);
    for (int i = 0; i < 3; i++) statements_clear(&batch[i]);
    free(t);
    free(id9);
    free(id3);
}

static char *voiding_text(const char *id, const char *target)
{
    return xasprintf("{\"id\":\"%s\",\"actor\":{\"mbox\":\"mailto:admin@example.com\"},"
                     "\"verb\":{\"id\":\"" STATEMENTS_VERB_VOIDED "\"},"
                     "\"object\":{\"objectType\":\"StatementRef\",\"id\":\"%s\"}}", id, target);
}

static void test_voiding(void **state)
{
    struct fixture *f = *state;
    char *a = id_n(101), *v = id_n(102), *vv = id_n(103), *b = id_n(104), *vb = id_n(105);
    put_simple(f->store, a, ANN, VERB, ACT);
    char *t = voiding_text(v, a);
    assert_int_equal(put(f->store, t), STORE_OK);
    free(t);
    assert_false(exists(f->store, a, 0));
    assert_true(exists(f->store, a, 1));
    assert_true(exists(f->store, v, 0));
    /* A voiding statement cannot be voided. */
    t = voiding_text(vv, v);
    assert_int_equal(put(f->store, t), STORE_VOIDING_VOIDING);
    free(t);
    assert_true(exists(f->store, v, 0));
    assert_false(exists(f->store, vv, 0));
    /* A voiding statement that arrives before its target voids it when it comes. */
    t = voiding_text(vb, b);
    assert_int_equal(put(f->store, t), STORE_OK);
    free(t);
    put_simple(f->store, b, ANN, VERB, ACT);
    assert_false(exists(f->store, b, 0));
    assert_true(exists(f->store, b, 1));
    /* Queries leave voided statements out but return the voiding ones. Ann's filter also
     * returns the voiding statements, because they target statements about Ann. */
    char *c = id_n(106);
    put_simple(f->store, c, BOB, VERB, ACT);
    struct store_query q = {0};
    expect_ids(f->store, &q, "106 105 102");
    q.agent = "mbox:" ANN;
    expect_ids(f->store, &q, "105 102");
    free(a), free(v), free(vv), free(b), free(vb), free(c);
}

static void test_query_filters(void **state)
{
    struct fixture *f = *state;
    put_simple(f->store, "00000000-0000-4000-8000-000000000201", ANN, VERB, ACT);
    put_simple(f->store, "00000000-0000-4000-8000-000000000202", BOB, VERB, ACT);
    put_simple(f->store, "00000000-0000-4000-8000-000000000203", ANN, "http://e.com/attempted", ACT);
    put_simple(f->store, "00000000-0000-4000-8000-000000000204", ANN, VERB, "http://e.com/other");
    /* 205: Bob as instructor, the module as parent, in a registration. */
    assert_int_equal(put(f->store, "{\"id\":\"00000000-0000-4000-8000-000000000205\","
        "\"actor\":{\"mbox\":\"mailto:carl@example.com\"},\"verb\":{\"id\":\"" VERB "\"},"
        "\"object\":{\"id\":\"http://e.com/step-1\"},\"context\":{\"registration\":"
        "\"AAAAAAAA-0000-4000-8000-000000000001\",\"instructor\":{\"mbox\":\"" BOB "\"},"
        "\"contextActivities\":{\"parent\":[{\"id\":\"" ACT "\"}]}}}"), STORE_OK);
    /* 206: Ann as the object (an Agent). */
    assert_int_equal(put(f->store, "{\"id\":\"00000000-0000-4000-8000-000000000206\","
        "\"actor\":{\"mbox\":\"" BOB "\"},\"verb\":{\"id\":\"http://e.com/mentored\"},"
        "\"object\":{\"objectType\":\"Agent\",\"mbox\":\"" ANN "\"}}"), STORE_OK);
    /* 207: refers to 202 (Bob completed ACT) with a StatementRef. */
    assert_int_equal(put(f->store, "{\"id\":\"00000000-0000-4000-8000-000000000207\","
        "\"actor\":{\"mbox\":\"mailto:carl@example.com\"},\"verb\":{\"id\":\"http://e.com/liked\"},"
        "\"object\":{\"objectType\":\"StatementRef\",\"id\":\"00000000-0000-4000-8000-000000000202\"}}"),
        STORE_OK);

    struct store_query q = {0};
    expect_ids(f->store, &q, "207 206 205 204 203 202 201");
    q.agent = "mbox:" ANN;
    expect_ids(f->store, &q, "206 204 203 201");
    q.related_agents = 1;
    expect_ids(f->store, &q, "206 204 203 201");
    q.agent = "mbox:" BOB;
    expect_ids(f->store, &q, "207 206 205 202");
    q.related_agents = 0;
    expect_ids(f->store, &q, "207 206 202");  /* 207 targets 202, whose actor is Bob */
    q = (struct store_query){.verb = VERB};
    expect_ids(f->store, &q, "207 205 204 202 201");  /* 207 through 202 again */
    q = (struct store_query){.activity = ACT};
    expect_ids(f->store, &q, "207 203 202 201");
    q.related_activities = 1;
    expect_ids(f->store, &q, "207 205 203 202 201");
    q = (struct store_query){.registration = "AAAAAAAA-0000-4000-8000-000000000001"};
    expect_ids(f->store, &q, "205");
    q = (struct store_query){.agent = "mbox:" ANN, .verb = VERB, .activity = ACT};
    expect_ids(f->store, &q, "201");
    q = (struct store_query){.authority = "account:http://stepwise.invalid/|tablet"};
    expect_ids(f->store, &q, "207 206 205 204 203 202 201");
    q.authority = "account:http://stepwise.invalid/|other";
    expect_ids(f->store, &q, "");
    q = (struct store_query){.verb = "http://e.com/nothing"};
    expect_ids(f->store, &q, "");
}

static void test_query_since_until(void **state)
{
    struct fixture *f = *state;
    put_simple(f->store, "00000000-0000-4000-8000-000000000301", ANN, VERB, ACT);
    char *json = NULL, *err = NULL;
    assert_int_equal(store_statement_get(f->store, "00000000-0000-4000-8000-000000000301", 0,
                                         &json, &err), STORE_OK);
    json_t *j = json_loads(json, 0, NULL);
    char first[32];
    snprintf(first, sizeof first, "%s", json_string_value(json_object_get(j, "stored")));
    json_decref(j);
    free(json);
    usleep(3000);  /* the next statement gets a later millisecond */
    put_simple(f->store, "00000000-0000-4000-8000-000000000302", ANN, VERB, ACT);
    struct store_query q = {.since = first};
    expect_ids(f->store, &q, "302");  /* since is exclusive */
    q = (struct store_query){.until = first};
    expect_ids(f->store, &q, "301");  /* until is inclusive */
    q = (struct store_query){.since = "2000-01-01T00:00:00.000Z", .until = "2000-01-02T00:00:00.000Z"};
    expect_ids(f->store, &q, "");
}

static void test_paging(void **state)
{
    struct fixture *f = *state;
    for (int i = 1; i <= 5; i++) {
        char *id = id_n(400 + i);
        put_simple(f->store, id, ANN, VERB, ACT);
        free(id);
    }
    struct store_query q = {.limit = 2};
    int64_t next = 0;
    char *page = query_ids(f->store, &q, &next);
    assert_string_equal(page, "405 404");
    assert_true(next > 0);
    free(page);
    q.cursor = next;
    page = query_ids(f->store, &q, &next);
    assert_string_equal(page, "403 402");
    free(page);
    q.cursor = next;
    page = query_ids(f->store, &q, &next);
    assert_string_equal(page, "401");
    assert_int_equal(next, 0);
    free(page);
    q = (struct store_query){.limit = 3, .ascending = 1};
    page = query_ids(f->store, &q, &next);
    assert_string_equal(page, "401 402 403");
    free(page);
    q.cursor = next;
    page = query_ids(f->store, &q, &next);
    assert_string_equal(page, "404 405");
    assert_int_equal(next, 0);
    free(page);
    q = (struct store_query){.limit = 5};  /* exactly all: no next page */
    page = query_ids(f->store, &q, &next);
    assert_int_equal(next, 0);
    free(page);
}

static void test_documents(void **state)
{
    struct fixture *f = *state;
    struct store *s = f->store;
    char *err = NULL;
    struct store_doc_key k = {STORE_DOC_STATE, ACT, "mbox:" ANN, NULL, "bookmark"};
    struct store_doc d;
    assert_int_equal(store_doc_get(s, &k, &d, &err), STORE_NOT_FOUND);
    assert_int_equal(store_doc_put(s, &k, "abc", 3, "text/plain", NULL, 0, &err), STORE_OK);
    assert_int_equal(store_doc_get(s, &k, &d, &err), STORE_OK);
    assert_string_equal(d.content, "abc");
    assert_string_equal(d.content_type, "text/plain");
    assert_string_equal(d.etag, "a9993e364706816aba3e25717850c26c9cd0d89d");  /* SHA-1("abc") */
    assert_int_equal(strlen(d.updated), 24);
    char before[32];
    snprintf(before, sizeof before, "%s", d.updated);
    store_doc_clear(&d);
    usleep(3000);  /* later writes get a later millisecond than "before" */

    /* Preconditions: a stale If-Match or If-None-Match: * on an existing document fail. */
    struct store_doc_precondition stale = {.if_match = "0000000000000000000000000000000000000000"};
    struct store_doc_precondition none = {.if_none_match = 1};
    struct store_doc_precondition fresh = {.if_match = "a9993e364706816aba3e25717850c26c9cd0d89d"};
    assert_int_equal(store_doc_put(s, &k, "x", 1, "text/plain", &stale, 0, &err), STORE_PRECONDITION);
    assert_int_equal(store_doc_put(s, &k, "x", 1, "text/plain", &none, 0, &err), STORE_PRECONDITION);
    assert_int_equal(store_doc_put(s, &k, "{\"a\":1,\"b\":2}", 13, "application/json", &fresh, 0,
                                   &err), STORE_OK);
    /* Merge (POST): top-level keys of the new object win. */
    assert_int_equal(store_doc_put(s, &k, "{\"b\":3,\"c\":4}", 13, "application/json", NULL, 1,
                                   &err), STORE_OK);
    assert_int_equal(store_doc_get(s, &k, &d, &err), STORE_OK);
    json_t *j = json_loads(d.content, 0, NULL), *want = json_loads("{\"a\":1,\"b\":3,\"c\":4}", 0, NULL);
    assert_true(json_equal(j, want));
    char etag[41];
    sha1_hex(d.content, d.len, etag);
    assert_string_equal(d.etag, etag);
    json_decref(j);
    json_decref(want);
    store_doc_clear(&d);
    assert_int_equal(store_doc_put(s, &k, "plain", 5, "text/plain", NULL, 1, &err), STORE_NOT_MERGEABLE);
    assert_int_equal(store_doc_put(s, &k, "[1]", 3, "application/json", NULL, 1, &err), STORE_NOT_MERGEABLE);

    /* Listing with since, other registrations and kinds kept apart. */
    struct store_doc_key k2 = {STORE_DOC_STATE, ACT, "mbox:" ANN, NULL, "progress"};
    struct store_doc_key kreg = {STORE_DOC_STATE, ACT, "mbox:" ANN,
                                 "aaaaaaaa-0000-4000-8000-000000000001", "progress"};
    struct store_doc_key kprof = {STORE_DOC_AGENT_PROFILE, NULL, "mbox:" ANN, NULL, "prefs"};
    usleep(3000);
    assert_int_equal(store_doc_put(s, &k2, "1", 1, "text/plain", NULL, 0, &err), STORE_OK);
    assert_int_equal(store_doc_put(s, &kreg, "2", 1, "text/plain", NULL, 0, &err), STORE_OK);
    assert_int_equal(store_doc_put(s, &kprof, "3", 1, "text/plain", NULL, 0, &err), STORE_OK);
    char **ids;
    size_t n;
    assert_int_equal(store_doc_list(s, &k, NULL, &ids, &n, &err), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(ids[0], "bookmark");
    assert_string_equal(ids[1], "progress");
    store_strings_free(ids, n);
    assert_int_equal(store_doc_list(s, &k, before, &ids, &n, &err), STORE_OK);
    assert_int_equal(n, 2);  /* bookmark was rewritten after "before" too */
    store_strings_free(ids, n);
    assert_int_equal(store_doc_list(s, &k, "2999-01-01T00:00:00.000Z", &ids, &n, &err), STORE_OK);
    assert_int_equal(n, 0);
    store_strings_free(ids, n);

    /* Delete one, then every state document of the activity+agent, any registration. */
    assert_int_equal(store_doc_delete(s, &k, &stale, &err), STORE_PRECONDITION);
    assert_int_equal(store_doc_delete(s, &k, NULL, &err), STORE_OK);
    assert_int_equal(store_doc_delete(s, &k, NULL, &err), STORE_NOT_FOUND);
    struct store_doc_key all = {STORE_DOC_STATE, ACT, "mbox:" ANN, NULL, NULL};
    assert_int_equal(store_doc_delete(s, &all, NULL, &err), STORE_OK);
    assert_int_equal(store_doc_get(s, &kreg, &d, &err), STORE_NOT_FOUND);
    kreg.registration = "AAAAAAAA-0000-4000-8000-000000000001";  /* any case, same document */
    assert_int_equal(store_doc_put(s, &kreg, "2", 1, "text/plain", NULL, 0, &err), STORE_OK);
    kreg.registration = "aaaaaaaa-0000-4000-8000-000000000001";
    assert_int_equal(store_doc_get(s, &kreg, &d, &err), STORE_OK);
    store_doc_clear(&d);
    assert_int_equal(store_doc_get(s, &kprof, &d, &err), STORE_OK);  /* profile untouched */
    store_doc_clear(&d);
}

static void test_erase_learner(void **state)
{
    struct fixture *f = *state;
    struct store *s = f->store;
    put_simple(s, "00000000-0000-4000-8000-000000000501", ANN, VERB, ACT);
    put_simple(s, "00000000-0000-4000-8000-000000000502", BOB, VERB, ACT);
    assert_int_equal(put(s, "{\"id\":\"00000000-0000-4000-8000-000000000503\","
        "\"actor\":{\"mbox\":\"" BOB "\"},\"verb\":{\"id\":\"" VERB "\"},\"object\":{\"id\":\"" ACT "\"},"
        "\"context\":{\"instructor\":{\"mbox\":\"" ANN "\"}}}"), STORE_OK);
    /* Ann voids Bob's 502: erasing Ann removes the voiding statement, so 502 comes back. */
    char *t = voiding_text("00000000-0000-4000-8000-000000000504",
                           "00000000-0000-4000-8000-000000000502");
    char *tann = xasprintf("%.*s" ANN "%s", (int)(strstr(t, "mailto:admin") - t), t,
                           strstr(t, "\"},\"verb\""));
    assert_int_equal(put(s, tann), STORE_OK);
    free(t);
    free(tann);
    assert_false(exists(s, "00000000-0000-4000-8000-000000000502", 0));
    char *err = NULL;
    struct store_doc_key k = {STORE_DOC_STATE, ACT, "mbox:" ANN, NULL, "bookmark"};
    struct store_doc_key kb = {STORE_DOC_STATE, ACT, "mbox:" BOB, NULL, "bookmark"};
    assert_int_equal(store_doc_put(s, &k, "a", 1, "text/plain", NULL, 0, &err), STORE_OK);
    assert_int_equal(store_doc_put(s, &kb, "b", 1, "text/plain", NULL, 0, &err), STORE_OK);

    struct store_erasure e;
    assert_int_equal(store_erase_learner(s, "mbox:" ANN, &e, &err), STORE_OK);
    assert_int_equal(e.statements, 3);
    assert_int_equal(e.documents, 1);
    assert_true(e.log_id > 0);
    struct store_query q = {0};
    expect_ids(s, &q, "502");
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM related WHERE key LIKE '%ann%'"), 0);
    struct store_doc d;
    assert_int_equal(store_doc_get(s, &k, &d, &err), STORE_NOT_FOUND);
    assert_int_equal(store_doc_get(s, &kb, &d, &err), STORE_OK);
    store_doc_clear(&d);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM erasure_log WHERE kind = 'learner'"
                                         " AND statements = 3 AND documents = 1"
                                         " AND length(subject) = 64"
                                         " AND subject NOT LIKE '%ann%'"), 1);
}

static void test_erase_before(void **state)
{
    struct fixture *f = *state;
    struct store *s = f->store;
    put_simple(s, "00000000-0000-4000-8000-000000000601", ANN, VERB, ACT);
    char *err = NULL;
    struct store_doc_key k = {STORE_DOC_ACTIVITY_PROFILE, ACT, NULL, NULL, "meta"};
    assert_int_equal(store_doc_put(s, &k, "a", 1, "text/plain", NULL, 0, &err), STORE_OK);
    usleep(3000);
    char cut[32];
    statements_now(cut);
    usleep(3000);
    put_simple(s, "00000000-0000-4000-8000-000000000602", ANN, VERB, ACT);
    struct store_erasure e;
    assert_int_equal(store_erase_before(s, cut, &e, &err), STORE_OK);
    assert_int_equal(e.statements, 1);
    assert_int_equal(e.documents, 1);
    struct store_query q = {0};
    expect_ids(s, &q, "602");
    char *sql = xasprintf("SELECT count(*) FROM erasure_log WHERE kind = 'before' AND subject = '%s'",
                          cut);
    assert_int_equal(count_rows(f->path, sql), 1);
    free(sql);
}

struct worker {
    struct store *s;
    int n;
    int failures;
};

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 25; i++) {
        char *t = xasprintf("{\"actor\":{\"mbox\":\"mailto:w%d@example.com\"},\"verb\":{\"id\":\""
                            VERB "\"},\"object\":{\"id\":\"" ACT "\"}}", w->n);
        if (put(w->s, t) != STORE_OK) w->failures++;
        free(t);
        struct store_query q = {.limit = 5};
        struct store_result r;
        char *err = NULL;
        if (store_statements_query(w->s, &q, &r, &err) != STORE_OK) w->failures++, free(err);
        else store_result_clear(&r);
    }
    return NULL;
}

static void test_threads(void **state)
{
    struct fixture *f = *state;
    pthread_t th[4];
    struct worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (struct worker){f->store, i, 0};
        pthread_create(&th[i], NULL, worker_run, &w[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(w[i].failures, 0);
    }
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements"), 100);
    /* stored follows the commit order (seq), which makes consistent_through exact. */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statements a JOIN statements b"
                                         " ON b.seq > a.seq WHERE b.stored < a.stored"), 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_sync_full_by_default),
        T(test_cache_sizes_default),
        T(test_cache_sizes_configured),
        T(test_log_is_checkpointed),
        T(test_migrations_idempotent),
        T(test_newer_schema_refused),
        T(test_insert_and_get),
        T(test_same_id_same_content_is_noop),
        T(test_same_id_different_content_conflicts),
        T(test_batch_is_atomic),
        T(test_voiding),
        T(test_query_filters),
        T(test_query_since_until),
        T(test_paging),
        T(test_documents),
        T(test_erase_learner),
        T(test_erase_before),
        T(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
