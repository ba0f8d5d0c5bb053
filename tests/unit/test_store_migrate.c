/* test_store_migrate.c: opening a database of every earlier schema the project has shipped (the
 * SQL files of tests/data/schemas/, each made from that release's own migration SQL) migrates
 * it to the current schema with nothing lost, and check-db then finds it sound; a backup
 * migrates nothing; a failed migration leaves the database as it was; a newer one is refused. */
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
#include "tracking/progress.h"
#include "tracking/store.h"
#include "tracking/store_accounts.h"
#include "tracking/store_scorm.h"
#include "tracking/store_plans.h"

#include "tests/unit/store_fixture.h"

#define FIXTURE_URL "http://127.0.0.1:8080"
#define STATE_ACTIVITY FIXTURE_URL "/modules/safe-lifting"
#define STATE_AGENT "mbox:mailto:anna@example.com"
#define ATTACHMENT_SHA2 "553d7bee11430250915ea63d0649210f840980f513de732fa85e61f80a1c9813"

/* Replaces the fixture's fresh database with one made from the SQL file. */
static void load_schema(struct fixture *f, const char *name)
{
    store_close(f->store);
    f->store = NULL;
    unlink(f->path);
    char *path = xasprintf("tests/data/schemas/%s.sql", name);
    size_t len;
    char *sql = read_file_max(path, 1 << 20, &len);
    if (!sql) fail_msg("cannot read %s", path);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) fail_msg("%s: %s", path, msg);
    sqlite3_close(db);
    free(sql);
    free(path);
}

static int64_t version(struct fixture *f, const char *schema)
{
    char *sql = xasprintf("SELECT max(version) FROM schema_version WHERE name = '%s'", schema);
    int64_t v = count_rows(f->path, sql);
    free(sql);
    return v;
}

/* The first statement's id, read before the migration. */
static char *first_statement_id(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT id FROM statements ORDER BY seq", -1, &st,
                                        NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *id = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return id;
}

static void expect_sound(const char *path)
{
    char **problems = NULL, *err = NULL;
    size_t n = 99;
    assert_int_equal(store_check(path, &problems, &n, &err), STORE_OK);
    for (size_t i = 0; i < n; i++) fprintf(stderr, "problem: %s\n", problems[i]);
    assert_int_equal(n, 0);
    store_strings_free(problems, n);
}

/* Opens the loaded database (which migrates it) and checks that what the old release stored
 * reads back through the store. */
static void migrate_and_read(struct fixture *f, int64_t statements)
{
    char *id = first_statement_id(f->path);
    char *err = NULL;
    f->store = store_open(f->path, &err);
    if (!f->store) fail_msg("store_open: %s", err);
    assert_int_equal(version(f, "lrs"), 5);
    assert_int_equal(version(f, "accounts"), 4);
    assert_int_equal(version(f, "plans"), 4);
    assert_int_equal(version(f, "scorm"), 2);
    expect_sound(f->path);

    char *json = NULL;
    assert_int_equal(store_statement_get(f->store, id, 0, &json, &err), STORE_OK);
    assert_non_null(strstr(json, id));
    free(json);
    struct store_stats stats;
    assert_int_equal(store_stats(f->store, &stats, &err), STORE_OK);
    assert_int_equal(stats.statements, statements);
    struct store_doc_key k = {STORE_DOC_STATE, STATE_ACTIVITY, STATE_AGENT, NULL, "bookmark"};
    struct store_doc d;
    assert_int_equal(store_doc_get(f->store, &k, &d, &err), STORE_OK);
    assert_string_equal(d.content, "{\"page\":3}");
    store_doc_clear(&d);
    struct store_credential *list;
    size_t n;
    assert_int_equal(store_credential_list(f->store, &list, &n, &err), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].name, "tablet");
    store_credentials_free(list, n);
    free(id);

    /* Opening again changes nothing. */
    store_close(f->store);
    f->store = store_open(f->path, &err);
    assert_non_null(f->store);
    /* one row per step applied: lrs 1-5, accounts 1-4, plans 1-4, scorm 1-2 */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM schema_version"), 15);
}

static void expect_attachment(struct fixture *f)
{
    char *err = NULL;
    struct store_doc d;
    assert_int_equal(store_attachment_get(f->store, ATTACHMENT_SHA2, &d, &err), STORE_OK);
    assert_string_equal(d.content, "hello, mentor");
    assert_string_equal(d.content_type, "text/plain");
    store_doc_clear(&d);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM documents"
                                         " WHERE agent_key = 'stepwise-attachment'"), 0);
}

/* d3348cb kept one version in a one-column schema_version table; 72cf8d5 changed the table
 * without converting it, so such a database did not open ("no such column: name"). */
static void test_first_release(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "1-first-release");
    migrate_and_read(f, 5);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM "
                                         "pragma_table_info('schema_version')"), 2);
}

static void test_lrs_1(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "2-lrs-1");
    migrate_and_read(f, 6);
    expect_attachment(f);
}

static void test_lrs_1_accounts_1_plans_1(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "3-lrs-1-accounts-1-plans-1");
    migrate_and_read(f, 6);
    expect_attachment(f);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM users"), 5);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM plans"), 3);
}

/* The release before the SCORM player, the statements_actor_activity index (lrs 3, which a plan
 * step's progress uses) and the language setting: the scorm schema's tables and the index are
 * added, and (accounts 4) the 'en' every user had by default, chosen by nobody, becomes '' (the
 * interface follows the browser); a language somebody set stays. */
static void test_lrs_2_accounts_2_plans_3(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "4-lrs-2-accounts-2-plans-3");
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM sqlite_master"
                                         " WHERE name = 'statements_actor_activity'"), 0);
    migrate_and_read(f, 6);
    expect_attachment(f);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM sqlite_master"
                                         " WHERE name = 'statements_actor_activity'"), 1);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM plans"), 3);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM users"), 6);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                         " ('scorm_attempts', 'scorm_sco_data', 'scorm_commits')"), 3);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM users WHERE language = ''"), 5);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM users WHERE login = 'sanne'"
                                         " AND language = 'nl'"), 1);
    char *err = NULL;
    struct store_user u;
    assert_int_equal(store_user_find_login(f->store, "demo.anna", &u, &err), STORE_OK);
    assert_string_equal(u.language, "");
    store_user_clear(&u);
}

/* The release before plans 4: its history lines, English text, stay as they were and are read
 * back with their text and no msgid, beside a new line that has a msgid (worded when shown, here
 * in Dutch) and no text. */
static void test_lrs_3_accounts_4_plans_3_scorm_1(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "5-lrs-3-accounts-4-plans-3-scorm-1");
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM pragma_table_info('plan_history')"
                                         " WHERE name = 'msgid'"), 0);
    migrate_and_read(f, 6);
    expect_attachment(f);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM plan_history WHERE msgid IS NULL"
                                         " AND text <> ''"), 13);
    char *err = NULL;
    struct plan_actor by = {2, "Marco (demo mentor)"};
    assert_int_equal(store_plan_finish(f->store, 1, &by, &err), STORE_OK);
    struct plan_history_entry *h;
    size_t n;
    assert_int_equal(store_plan_history(f->store, 1, &h, &n, &err), STORE_OK);
    assert_true(n >= 4);
    assert_null(h[0].msg.msgid);
    assert_string_equal(h[0].text, "Plan created with goal \"Run the packing line on my own\", 4 "
                                   "steps and 5 evaluation moments");
    assert_string_equal(h[n - 1].text, "");
    assert_string_equal(h[n - 1].msg.msgid, "Plan finished: the goal is reached");
    char *nl = i18n_msg_text(&h[n - 1].msg, i18n_find("nl"));
    assert_string_equal(nl, "Plan afgesloten: het doel is bereikt");
    free(nl);
    plan_history_free(h, n);
}

/* The release before the 2004 sequencing state was kept (scorm 2): the attempt in progress and
 * its SCOs' data read back as they were, it has no sequencing state yet, and the next commit
 * that brings one keeps it for the attempt (and a later one replaces it). */
static void test_scorm_1_attempt(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "6-lrs-3-accounts-4-plans-3-scorm-1-attempt");
    migrate_and_read(f, 6);
    char *err = NULL, *seq = NULL;
    struct scorm_attempt a;
    assert_int_equal(store_scorm_attempt_latest(f->store, 3, "shift-routine", &a, &err), STORE_OK);
    assert_int_equal(a.number, 1);
    assert_int_equal(a.completed, 0);
    assert_string_equal(a.registration, "6a1f3c2e-4b5d-4e6f-8a7b-9c0d1e2f3a4b");
    struct scorm_sco_data *list;
    size_t n;
    assert_int_equal(store_scorm_sco_list(f->store, a.id, &list, &n, &err), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[1].sco, "DURING");
    assert_string_equal(json_string_value(json_object_get(list[1].values, "cmi.location")), "step-2");
    assert_int_equal(store_scorm_sequencing_get(f->store, a.id, &seq, &err), STORE_NOT_FOUND);

    for (int round = 0; round < 2; round++) {
        const char *text = round ? "{\"currentActivityId\":\"AFTER\"}" : "{\"currentActivityId\":\"DURING\"}";
        json_t *values = json_pack("{s:s}", "cmi.location", round ? "step-3" : "step-2b");
        struct scorm_commit c = {3, "shift-routine", &a, 0, "DURING",
                                 round ? "3e9b0f4d-5a6c-4d8e-8f0a-2b3c4d5e6f70" : "2d8a9e3c-4f5b-4c7d-8e9f-1a2b3c4d5e6f",
                                 values, list[1].rev + round, 0, NULL, 0, text};
        int duplicate = 1;
        assert_int_equal(store_scorm_commit(f->store, &c, &duplicate, &err), STORE_OK);
        assert_int_equal(duplicate, 0);
        json_decref(values);
        assert_int_equal(store_scorm_sequencing_get(f->store, a.id, &seq, &err), STORE_OK);
        assert_string_equal(seq, text);
        free(seq);
    }
    scorm_sco_data_free(list, n);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM scorm_sequencing"), 1);
}

/* The state of login's step on module as store_plan_progress gives it. */
static enum progress_state step_state(struct fixture *f, const char *login, const char *module)
{
    char *key = progress_agent_key(FIXTURE_URL, login);
    char *iri = progress_activity_iri(FIXTURE_URL, module), *err = NULL;
    struct progress_pair pair = {key, iri};
    enum progress_state state;
    if (store_plan_progress(f->store, &pair, 1, &state, &err) != STORE_OK) fail_msg("%s", err);
    free(key);
    free(iri);
    return state;
}

/* What the statements of the two progress fixtures (6-...-progress, and 7-...-progress made
 * from it) give once migrated: each step's state, the summary's rows and counts, and the
 * triggers keeping it from there. */
static void expect_fixture_progress(struct fixture *f)
{
    migrate_and_read(f, 15);
    assert_int_equal(step_state(f, "sanne", "safe-lifting"), PROGRESS_IN_PROGRESS);
    assert_int_equal(step_state(f, "sanne", "machine-changeover"), PROGRESS_NOT_STARTED);
    assert_int_equal(step_state(f, "demo.bram", "machine-changeover"), PROGRESS_COMPLETED);
    assert_int_equal(step_state(f, "demo.bram", "first-day-safety"), PROGRESS_PASSED);
    assert_int_equal(step_state(f, "demo.bram", "safe-lifting"), PROGRESS_COMPLETED);
    assert_int_equal(step_state(f, "demo.anna", "machine-changeover"), PROGRESS_PASSED);
    assert_int_equal(step_state(f, "demo.anna", "safe-lifting"), PROGRESS_COMPLETED);
    assert_int_equal(step_state(f, "demo.anna", "first-day-safety"), PROGRESS_FAILED);
    assert_int_equal(step_state(f, "demo.anna", "ladders"), PROGRESS_NOT_STARTED);
    /* one row per learner and activity with a statement that counts: anna 3, bram 3, sanne 1,
     * and 11 statements counted (the two voided ones and the voiding ones not), each row's
     * agent and activity numbered */
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM progress_summary"), 7);
    assert_int_equal(count_rows(f->path, "SELECT sum(in_progress + failed + completed + passed)"
                                         " FROM progress_summary"), 11);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM summary_agents"), 3);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM progress_summary s"
                                         " LEFT JOIN summary_agents a ON a.id = s.agent"
                                         " LEFT JOIN summary_activities t ON t.id = s.activity"
                                         " WHERE a.id IS NULL OR t.id IS NULL"), 0);
    /* and the triggers keep it from here: anna's first-day-safety passed */
    char *err = NULL;
    if (progress_record(f->store, FIXTURE_URL, "demo.anna", PROGRESS_VERB_PASSED,
                        "first-day-safety", "First day", &err) < 0)
        fail_msg("%s", err);
    assert_int_equal(step_state(f, "demo.anna", "first-day-safety"), PROGRESS_PASSED);
    assert_int_equal(count_rows(f->path, "SELECT sum(in_progress + failed + completed + passed)"
                                         " FROM progress_summary"), 12);
}

/* The release before the progress summary (lrs 4): the summary is built from the statements
 * already stored and gives what the progress rule gave over them, voided ones left out. */
static void test_lrs_3_accounts_4_plans_3_scorm_1_progress(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "6-lrs-3-accounts-4-plans-3-scorm-1-progress");
    expect_fixture_progress(f);
}

/* The release whose summary was keyed by text (lrs 4): lrs 5 numbers the agents and activities
 * and moves every count as it was. */
static void test_lrs_4_accounts_4_plans_4_scorm_2_progress(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "7-lrs-4-accounts-4-plans-4-scorm-2-progress");
    expect_fixture_progress(f);
}

/* A backup (taken before an upgrade) copies the database as it is: nothing is migrated. */
static void test_backup_migrates_nothing(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "2-lrs-1");
    char *copy = xasprintf("%s/copy.db", f->dir), *err = NULL;
    assert_int_equal(store_backup(f->path, copy, &err), STORE_OK);
    const char *sql = "SELECT max(version) FROM schema_version WHERE name = 'lrs'";
    assert_int_equal(count_rows(f->path, sql), 1);
    assert_int_equal(count_rows(copy, sql), 1);
    assert_int_equal(count_rows(copy, "SELECT count(*) FROM documents"), 2);
    unlink(copy);
    free(copy);
}

/* A step that fails rolls its whole transaction back: the old data and version stay. */
static void test_failed_migration_changes_nothing(void **state)
{
    struct fixture *f = *state;
    load_schema(f, "2-lrs-1");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    /* lrs step 2 creates this table: the step fails half-way. */
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE activities (x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char *err = NULL;
    assert_null(store_open(f->path, &err));
    assert_non_null(strstr(err, "activities"));
    free(err);
    assert_int_equal(version(f, "lrs"), 1);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM sqlite_master"
                                         " WHERE name = 'attachments'"), 0);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM documents"
                                         " WHERE agent_key = 'stepwise-attachment'"), 1);
}

/* A database from a newer Stepwise is refused without a change, by open and by check-db. */
static void test_newer_database_refused(void **state)
{
    struct fixture *f = *state;
    store_close(f->store);
    f->store = NULL;
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "INSERT INTO schema_version VALUES ('plans', 7)", 0, 0, 0),
                     SQLITE_OK);
    sqlite3_close(db);
    char *err = NULL;
    assert_null(store_open(f->path, &err));
    assert_non_null(strstr(err, "newer than this Stepwise"));
    free(err);
    err = NULL;
    char **problems = NULL;
    size_t n = 0;
    if (store_check(f->path, &problems, &n, &err) != STORE_OK) fail_msg("check: %s", err);
    assert_int_equal(n, 1);
    assert_non_null(strstr(problems[0], "the plans data is at version 7, newer than this "
                                        "Stepwise"));
    store_strings_free(problems, n);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_first_release),
        T(test_lrs_1),
        T(test_lrs_1_accounts_1_plans_1),
        T(test_lrs_2_accounts_2_plans_3),
        T(test_lrs_3_accounts_4_plans_3_scorm_1),
        T(test_scorm_1_attempt),
        T(test_lrs_3_accounts_4_plans_3_scorm_1_progress),
        T(test_lrs_4_accounts_4_plans_4_scorm_2_progress),
        T(test_backup_migrates_nothing),
        T(test_failed_migration_changes_nothing),
        T(test_newer_database_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
