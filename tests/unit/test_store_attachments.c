/* test_store_attachments.c: what the store keeps beside statements, against real SQLite files:
 * attachment payloads (stored once per hash with the statements, all or none; read back; erased
 * with the last statement that names them; moved over from the old reserved documents by the
 * migration) and canonical Activity definitions (only from trusted authorities, merged). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "server/buf.h"
#include "tracking/activities.h"
#include "tracking/statements.h"
#include "tracking/store.h"

#include "tests/unit/store_fixture.h"

#define VERB "http://adlnet.gov/expapi/verbs/attended"
#define ACT "http://stepwise.example/meetings/1"
#define ANN "mailto:ann@example.com"
#define BOB "mailto:bob@example.com"
/* Two hashes (the store trusts the caller's "verified"; these need not be real digests). */
#define HA "aaaa000000000000000000000000000000000000000000000000000000000001"
#define HB "bbbb000000000000000000000000000000000000000000000000000000000002"

/* One statement to store: its id suffix, actor, object JSON and the attachments it declares. */
struct spec {
    int n;                      /* id 00000000-0000-4000-8000-000000000<n> */
    const char *mbox;
    const char *object;         /* JSON; NULL: {"id": ACT} */
    const struct store_attachment *atts;
    size_t natts;
    int define;
};

static char *statement_text(const struct spec *sp)
{
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "{\"id\":\"00000000-0000-4000-8000-%012d\",\"actor\":{\"mbox\":\"%s\"},"
               "\"verb\":{\"id\":\"" VERB "\"},\"object\":%s,\"attachments\":[", sp->n, sp->mbox,
               sp->object ? sp->object : "{\"id\":\"" ACT "\"}");
    for (size_t i = 0; i < sp->natts; i++)
        buf_printf(&b, "%s{\"usageType\":\"http://example.com/photo\",\"display\":{\"en\":\"p\"},"
                   "\"contentType\":\"text/plain\",\"length\":%zu,\"sha2\":\"%s\"}", i ? "," : "",
                   sp->atts[i].len, sp->atts[i].sha2);
    buf_puts(&b, "]}");
    return buf_detach(&b, NULL);
}

/* Stores the n statements as one batch; returns the store status. */
static int insert(struct store *s, const struct spec *specs, size_t n)
{
    struct store_statement *batch = xcalloc(n, sizeof *batch);
    for (size_t i = 0; i < n; i++) {
        char *text = statement_text(&specs[i]), err[200];
        json_t *in = json_loads(text, 0, NULL);
        assert_non_null(in);
        assert_int_equal(statements_prepare(in, XAPI_1_0_3, NULL, &batch[i], err, sizeof err), 0);
        batch[i].attachments = specs[i].atts;
        batch[i].nattachments = specs[i].natts;
        batch[i].define_activities = specs[i].define;
        json_decref(in);
        free(text);
    }
    char *err = NULL;
    size_t failed;
    int rc = store_statements_insert(s, batch, n, &failed, &err);
    if (rc == STORE_ERROR) fprintf(stderr, "insert: %s\n", err);
    free(err);
    statements_free_batch(batch, n);
    return rc;
}

/* The payload under sha2 as a string, or NULL when none is stored (caller frees). */
static char *payload(struct store *s, const char *sha2)
{
    struct store_doc d;
    char *err = NULL;
    int rc = store_attachment_get(s, sha2, &d, &err);
    assert_true(rc == STORE_OK || rc == STORE_NOT_FOUND);
    char *out = rc == STORE_OK ? xstrdup(d.content) : NULL;
    store_doc_clear(&d);
    return out;
}

static void expect_payload(struct store *s, const char *sha2, const char *want)
{
    char *got = payload(s, sha2);
    if (!want) assert_null(got);
    else assert_string_equal(got, want);
    free(got);
}

/* An Activity object for ACT with the given definition (JSON). */
#define DEF(json) "{\"objectType\":\"Activity\",\"id\":\"" ACT "\",\"definition\":" json "}"

static const struct store_attachment att_a = {HA, "photo A", 7, "text/plain", 1};
static const struct store_attachment att_b = {HB, "photo B", 7, "text/plain", 1};

/* --- attachments ----------------------------------------------------------------------- */

static void test_payload_stored_once_and_read_back(void **state)
{
    struct fixture *f = *state;
    const struct store_attachment upper = {"AAAA000000000000000000000000000000000000000000000000"
                                           "000000000001", "photo A", 7, "text/plain", 1};
    struct spec two[] = {{1, ANN, NULL, &att_a, 1, 0}, {2, BOB, NULL, &upper, 1, 0}};
    assert_int_equal(insert(f->store, two, 2), STORE_OK);
    expect_payload(f->store, HA, "photo A");
    expect_payload(f->store, "AAAA000000000000000000000000000000000000000000000000000000000001",
                   "photo A");
    expect_payload(f->store, HB, NULL);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM attachments"), 1);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statement_attachments"
                                         " WHERE sha2 = '" HA "'"), 2);
    struct store_doc d;
    char *err = NULL;
    assert_int_equal(store_attachment_get(f->store, HA, &d, &err), STORE_OK);
    assert_string_equal(d.content_type, "text/plain");
    assert_int_equal(d.len, 7);
    store_doc_clear(&d);
}

static void test_unverified_bytes_never_replace(void **state)
{
    struct fixture *f = *state;
    const struct store_attachment liar = {HA, "forged!", 7, "text/plain", 0};
    const struct store_attachment fixed = {HA, "photo A", 7, "text/plain", 1};
    struct spec first[] = {{1, ANN, NULL, &liar, 1, 0}};
    assert_int_equal(insert(f->store, first, 1), STORE_OK);
    expect_payload(f->store, HA, "forged!");     /* nothing better was stored yet */
    struct spec second[] = {{2, ANN, NULL, &fixed, 1, 0}};
    assert_int_equal(insert(f->store, second, 1), STORE_OK);
    expect_payload(f->store, HA, "photo A");     /* verified bytes replace unverified ones */
    struct spec third[] = {{3, ANN, NULL, &liar, 1, 0}};
    assert_int_equal(insert(f->store, third, 1), STORE_OK);
    expect_payload(f->store, HA, "photo A");
}

static void test_payloads_all_or_none(void **state)
{
    struct fixture *f = *state;
    struct spec one[] = {{1, ANN, NULL, NULL, 0, 0}};
    assert_int_equal(insert(f->store, one, 1), STORE_OK);
    /* The second statement reuses id 1 with other content: the whole batch fails. */
    struct spec batch[] = {{2, ANN, DEF("{\"name\":{\"en\":\"m\"}}"), &att_a, 1, 1},
                           {1, BOB, NULL, &att_b, 1, 1}};
    assert_int_equal(insert(f->store, batch, 2), STORE_CONFLICT);
    expect_payload(f->store, HA, NULL);
    expect_payload(f->store, HB, NULL);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM statement_attachments"), 0);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM activities"), 0);
}

static void test_erase_learner_keeps_shared_payloads(void **state)
{
    struct fixture *f = *state;
    const struct store_attachment both[] = {att_a, att_b};
    struct spec specs[] = {{1, ANN, NULL, both, 2, 0}, {2, BOB, NULL, &att_b, 1, 0}};
    assert_int_equal(insert(f->store, specs, 2), STORE_OK);
    struct store_erasure e;
    char *err = NULL;
    assert_int_equal(store_erase_learner(f->store, "mbox:" ANN, &e, &err), STORE_OK);
    assert_int_equal(e.statements, 1);
    assert_int_equal(e.attachments, 1);
    expect_payload(f->store, HA, NULL);          /* only Ann's statement named it */
    expect_payload(f->store, HB, "photo B");     /* Bob's statement still does */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM erasure_log"
                                         " WHERE kind = 'learner' AND attachments = 1"), 1);
    assert_int_equal(store_erase_learner(f->store, "mbox:" BOB, &e, &err), STORE_OK);
    assert_int_equal(e.attachments, 1);
    expect_payload(f->store, HB, NULL);
}

static void test_erase_before_keeps_payloads_of_newer_statements(void **state)
{
    struct fixture *f = *state;
    const struct store_attachment both[] = {att_a, att_b};
    struct spec old[] = {{1, ANN, NULL, both, 2, 0}};
    assert_int_equal(insert(f->store, old, 1), STORE_OK);
    usleep(3000);
    char cut[32];
    statements_now(cut);
    usleep(3000);
    /* A newer statement names B without sending it again (as with a fileUrl). */
    const struct store_attachment named = {HB, NULL, 0, NULL, 0};
    struct spec recent[] = {{2, BOB, NULL, &named, 1, 0}};
    assert_int_equal(insert(f->store, recent, 1), STORE_OK);
    struct store_erasure e;
    char *err = NULL;
    assert_int_equal(store_erase_before(f->store, cut, &e, &err), STORE_OK);
    assert_int_equal(e.statements, 1);
    assert_int_equal(e.attachments, 1);
    expect_payload(f->store, HA, NULL);
    expect_payload(f->store, HB, "photo B");
}

/* Turns the fresh database back into one of schema version 1, whose attachments were
 * agent-profile documents under the reserved agent "stepwise-attachment". */
static void make_old_database(struct fixture *f)
{
    store_close(f->store);
    f->store = NULL;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE statement_attachments; DROP TABLE attachments;"
                                      "DROP TABLE activities;"
                                      "DROP INDEX statements_actor_activity;"
                                      "DROP TABLE progress_summary;"
                                      "DROP TABLE summary_agents; DROP TABLE summary_activities;"
                                      "DROP TRIGGER progress_summary_insert;"
                                      "DROP TRIGGER progress_summary_void;"
                                      "DROP TRIGGER progress_summary_unvoid;"
                                      "DROP TRIGGER progress_summary_delete;"
                                      "ALTER TABLE erasure_log DROP COLUMN attachments;"
                                      "DELETE FROM schema_version"
                                      " WHERE name = 'lrs' AND version > 1",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void test_migration_moves_reserved_documents(void **state)
{
    struct fixture *f = *state;
    /* The statements as version 1 stored them: attachments only in their JSON. */
    const struct store_attachment named[] = {{HA, NULL, 0, NULL, 0}, {HB, NULL, 0, NULL, 0}};
    struct spec specs[] = {{1, ANN, NULL, named, 2, 0}, {2, BOB, NULL, &named[1], 1, 0}};
    assert_int_equal(insert(f->store, specs, 2), STORE_OK);
    char *err = NULL;
    /* Writing the reserved documents as version 1 did, and a learner's own profile. */
    struct store_doc_key ka = {STORE_DOC_AGENT_PROFILE, NULL, "stepwise-attachment", NULL, HA};
    struct store_doc_key kb = {STORE_DOC_AGENT_PROFILE, NULL, "stepwise-attachment", NULL, HB};
    struct store_doc_key own = {STORE_DOC_AGENT_PROFILE, NULL, "mbox:" ANN, NULL, "prefs"};
    assert_int_equal(store_doc_put(f->store, &ka, "photo A", 7, "image/png", NULL, 0, &err),
                     STORE_OK);
    assert_int_equal(store_doc_put(f->store, &kb, "photo B", 7, "text/plain", NULL, 0, &err),
                     STORE_OK);
    assert_int_equal(store_doc_put(f->store, &own, "{}", 2, "application/json", NULL, 0, &err),
                     STORE_OK);
    make_old_database(f);
    f->store = store_open(f->path, &err);     /* migrates to the current version */
    assert_non_null(f->store);

    assert_int_equal(count_rows(f->path, "SELECT max(version) FROM schema_version"
                                         " WHERE name = 'lrs'"), 5);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM documents"
                                         " WHERE agent_key = 'stepwise-attachment'"), 0);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM documents"), 1);
    expect_payload(f->store, HA, "photo A");
    expect_payload(f->store, HB, "photo B");
    struct store_doc d;
    assert_int_equal(store_attachment_get(f->store, HA, &d, &err), STORE_OK);
    assert_string_equal(d.content_type, "image/png");
    store_doc_clear(&d);
    /* The links were rebuilt from the statements, so erasure knows who uses what. */
    struct store_erasure e;
    assert_int_equal(store_erase_learner(f->store, "mbox:" ANN, &e, &err), STORE_OK);
    assert_int_equal(e.documents, 1);
    assert_int_equal(e.attachments, 1);
    expect_payload(f->store, HA, NULL);
    expect_payload(f->store, HB, "photo B");
}

/* --- Activity definitions -------------------------------------------------------------- */

/* The stored definition of id, or NULL (caller decrefs). */
static json_t *definition(struct store *s, const char *id)
{
    char *text = NULL, *err = NULL;
    int rc = store_activity_get(s, id, &text, &err);
    assert_true(rc == STORE_OK || rc == STORE_NOT_FOUND);
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    free(text);
    return j;
}

static void expect_definition(struct store *s, const char *id, const char *want)
{
    json_t *got = definition(s, id), *w = json_loads(want, 0, NULL);
    assert_non_null(w);
    if (!json_equal(got, w)) {
        char *g = got ? json_dumps(got, JSON_COMPACT) : NULL;
        fail_msg("definition of %s: got %s, want %s", id, g ? g : "none", want);
    }
    json_decref(got);
    json_decref(w);
}

static void test_definitions_only_from_trusted_authorities(void **state)
{
    struct fixture *f = *state;
    struct spec untrusted[] = {{1, ANN, DEF("{\"name\":{\"en\":\"spam\"}}"), NULL, 0, 0}};
    assert_int_equal(insert(f->store, untrusted, 1), STORE_OK);
    json_t *none = definition(f->store, ACT);
    assert_null(none);
    struct spec trusted[] = {{2, ANN, DEF("{\"name\":{\"en-US\":\"meeting\"},"
                                          "\"type\":\"http://example.com/meeting\"}"), NULL, 0, 1}};
    assert_int_equal(insert(f->store, trusted, 1), STORE_OK);
    struct spec again[] = {{3, ANN, DEF("{\"name\":{\"en-US\":\"spam\"}}"), NULL, 0, 0}};
    assert_int_equal(insert(f->store, again, 1), STORE_OK);
    expect_definition(f->store, ACT, "{\"name\":{\"en-US\":\"meeting\"},"
                                     "\"type\":\"http://example.com/meeting\"}");
    /* The same definition again changes nothing, so nothing is written: "updated" stays. */
    usleep(3000);   /* a later "stored" for statement 4 */
    struct spec same[] = {{4, ANN, DEF("{\"name\":{\"en-US\":\"meeting\"}}"), NULL, 0, 1}};
    assert_int_equal(insert(f->store, same, 1), STORE_OK);
    /* The whole of it again, as a module's question comes with every answer: the same. */
    struct spec whole[] = {{5, ANN, DEF("{\"name\":{\"en-US\":\"meeting\"},"
                                        "\"type\":\"http://example.com/meeting\"}"), NULL, 0, 1}};
    assert_int_equal(insert(f->store, whole, 1), STORE_OK);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM activities a, statements s"
                                " WHERE s.id = '00000000-0000-4000-8000-000000000002'"
                                " AND a.updated = s.stored"), 1);
    expect_definition(f->store, ACT, "{\"name\":{\"en-US\":\"meeting\"},"
                                     "\"type\":\"http://example.com/meeting\"}");
}

static void test_definitions_merge_language_maps(void **state)
{
    struct fixture *f = *state;
    struct spec specs[] = {
        {1, ANN, DEF("{\"name\":{\"en-US\":\"meeting\"},\"description\":{\"en-US\":\"a talk\"},"
                     "\"extensions\":{\"http://example.com/room\":\"A1\"}}"), NULL, 0, 1},
        {2, ANN, DEF("{\"name\":{\"fr-FR\":\"réunion\"},\"moreInfo\":\"http://example.com/m\"}"),
         NULL, 0, 1},
    };
    assert_int_equal(insert(f->store, specs, 2), STORE_OK);
    struct spec later[] = {{3, ANN, DEF("{\"name\":{\"en-US\":\"big meeting\"},"
                                        "\"moreInfo\":\"http://example.com/n\"}"), NULL, 0, 1}};
    assert_int_equal(insert(f->store, later, 1), STORE_OK);
    expect_definition(f->store, ACT, "{\"name\":{\"en-US\":\"big meeting\",\"fr-FR\":\"réunion\"},"
                                     "\"description\":{\"en-US\":\"a talk\"},"
                                     "\"extensions\":{\"http://example.com/room\":\"A1\"},"
                                     "\"moreInfo\":\"http://example.com/n\"}");
}

static void test_definitions_from_context_and_substatements(void **state)
{
    struct fixture *f = *state;
    const char *sub = "{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"" BOB "\"},"
        "\"verb\":{\"id\":\"" VERB "\"},\"object\":{\"id\":\"http://example.com/inner\","
        "\"definition\":{\"name\":{\"en\":\"inner\"}}},\"context\":{\"contextActivities\":"
        "{\"grouping\":[{\"id\":\"http://example.com/course\",\"definition\":"
        "{\"name\":{\"en\":\"course\"}}}]}}}";
    struct spec specs[] = {{1, ANN, sub, NULL, 0, 1}};
    assert_int_equal(insert(f->store, specs, 1), STORE_OK);
    expect_definition(f->store, "http://example.com/inner", "{\"name\":{\"en\":\"inner\"}}");
    expect_definition(f->store, "http://example.com/course", "{\"name\":{\"en\":\"course\"}}");
    /* An Agent object is no Activity. */
    json_t *agent = json_pack("{s:{s:s,s:s,s:{}}}", "object", "objectType", "Agent", "id", ACT,
                              "definition");
    json_t *defs = activities_definitions(agent);
    assert_int_equal(json_object_size(defs), 0);
    json_decref(defs);
    json_decref(agent);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_payload_stored_once_and_read_back),
        T(test_unverified_bytes_never_replace),
        T(test_payloads_all_or_none),
        T(test_erase_learner_keeps_shared_payloads),
        T(test_erase_before_keeps_payloads_of_newer_statements),
        T(test_migration_moves_reserved_documents),
        T(test_definitions_only_from_trusted_authorities),
        T(test_definitions_merge_language_maps),
        T(test_definitions_from_context_and_substatements),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
