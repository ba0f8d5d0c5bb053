/* test_progress_summary.c: the store's progress summary (store_plan_progress, lrs migration 4)
 * gives for every learner and activity exactly the state the rule of progress.c gives over the
 * statements the LRS returns for them, after a mix of verbs and result flags, several
 * registrations, timestamps out of order, batches, voiding (also a voiding statement that comes
 * before its target) and erasure (of a learner, and of everything before a date, which undoes
 * the voiding by an erased voiding statement). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "server/buf.h"
#include "tracking/progress.h"
#include "tracking/statements.h"
#include "tracking/store.h"
#include "tracking/store_plans.h"
#include "tracking/validate.h"

#include "tests/unit/store_fixture.h"

#define URL "http://stepwise.test"
#define ADL "http://adlnet.gov/expapi/verbs/"
#define LEARNERS 4
#define ACTIVITIES 3
#define STATEMENTS 160          /* the first half before the cut-off, the rest after */

static void ok(int status, char *err)
{
    if (status != STORE_OK) fail_msg("store: %s", err ? err : "(no message)");
}

/* A small fixed-seed generator: the same statements every run. */
static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

static char *statement_id(int i)
{
    return xasprintf("5a000000-0000-4000-8000-%012d", i);
}

static char *login_of(int learner)
{
    return xasprintf("learner%d", learner);
}

static char *activity_of(int activity)
{
    return xasprintf(URL "/modules/m%d", activity);
}

/* Statement i: a random learner, activity, verb, result flags, registration and timestamp. */
static json_t *random_statement(int i, unsigned *seed)
{
    static const char *const verbs[] = {ADL "attempted", ADL "experienced", ADL "completed",
                                        ADL "passed", ADL "failed", ADL "answered"};
    static const char *const results[] = {NULL, "{\"success\":true}", "{\"success\":false}",
                                          "{\"completion\":true}",
                                          "{\"completion\":true,\"success\":false}",
                                          "{\"score\":{\"scaled\":0.5},\"duration\":\"PT5M\"}"};
    static const char *const registrations[] = {NULL, "11111111-1111-4111-8111-111111111111",
                                                "22222222-2222-4222-8222-222222222222"};
    char *id = statement_id(i), *login = login_of((int)(next_random(seed) % LEARNERS));
    char *object = activity_of((int)(next_random(seed) % ACTIVITIES));
    char when[32];
    snprintf(when, sizeof when, "2026-%02u-%02uT%02u:00:00Z", 1 + next_random(seed) % 12,
             1 + next_random(seed) % 28, next_random(seed) % 24);
    json_t *st = json_pack("{s:s,s:{s:s,s:{s:s,s:s}},s:{s:s},s:{s:s},s:s}", "id", id, "actor",
                           "objectType", "Agent", "account", "homePage", URL, "name", login,
                           "verb", "id", verbs[next_random(seed) % 6], "object", "id", object,
                           "timestamp", when);
    const char *result = results[next_random(seed) % 6];
    if (result) json_object_set_new(st, "result", json_loads(result, 0, NULL));
    const char *reg = registrations[next_random(seed) % 3];
    if (reg) json_object_set_new(st, "context", json_pack("{s:s}", "registration", reg));
    free(id);
    free(login);
    free(object);
    return st;
}

/* A statement by learner0 voiding statement target. */
static json_t *voiding(int i, int target)
{
    char *id = statement_id(i), *ref = statement_id(target);
    json_t *st = json_pack("{s:s,s:{s:s,s:{s:s,s:s}},s:{s:s},s:{s:s,s:s}}", "id", id, "actor",
                           "objectType", "Agent", "account", "homePage", URL, "name", "learner0",
                           "verb", "id", STATEMENTS_VERB_VOIDED, "object", "objectType",
                           "StatementRef", "id", ref);
    free(id);
    free(ref);
    return st;
}

/* Stores the n statements (taken over) as one batch. */
static void store_batch(struct store *s, json_t **stmts, size_t n)
{
    struct store_statement *batch = xcalloc(n, sizeof *batch);
    char msg[256], *err = NULL;
    for (size_t k = 0; k < n; k++) {
        if (xapi_validate_statement(stmts[k], XAPI_1_0_3, msg, sizeof msg) < 0 ||
            statements_prepare(stmts[k], XAPI_1_0_3, NULL, &batch[k], msg, sizeof msg) < 0)
            fail_msg("statement %zu: %s", k, msg);
        json_decref(stmts[k]);
    }
    size_t failed;
    ok(store_statements_insert(s, batch, n, &failed, &err), err);
    statements_free_batch(batch, n);
}

/* The rule of progress.c over the statements the LRS returns for the learner and the activity
 * (voided ones never are; only those about the activity itself count). */
static enum progress_state by_the_rule(struct store *s, const char *agent, const char *activity)
{
    struct store_query q = {.agent = agent, .activity = activity, .limit = STORE_MAX_LIMIT};
    struct store_result r;
    char *err = NULL;
    ok(store_statements_query(s, &q, &r, &err), err);
    assert_int_equal(r.next_cursor, 0);
    enum progress_state state = PROGRESS_NOT_STARTED;
    for (size_t i = 0; i < r.n; i++) {
        json_t *j = json_loads(r.json[i], 0, NULL);
        const char *object = json_string_value(json_object_get(json_object_get(j, "object"), "id"));
        if (object && !strcmp(object, activity))
            state = progress_combine(state, progress_of_statement(j));
        json_decref(j);
    }
    store_result_clear(&r);
    return state;
}

/* Every learner and activity: the summary against the rule; returns how many have started. */
static int expect_rule(struct store *s)
{
    char *agents[LEARNERS], *activities[ACTIVITIES];
    struct progress_pair pairs[LEARNERS * ACTIVITIES];
    for (int a = 0; a < ACTIVITIES; a++) activities[a] = activity_of(a);
    for (int l = 0; l < LEARNERS; l++) {
        char *login = login_of(l);
        agents[l] = progress_agent_key(URL, login);
        free(login);
        for (int a = 0; a < ACTIVITIES; a++)
            pairs[l * ACTIVITIES + a] = (struct progress_pair){agents[l], activities[a]};
    }
    enum progress_state states[LEARNERS * ACTIVITIES];
    char *err = NULL;
    ok(store_plan_progress(s, pairs, LEARNERS * ACTIVITIES, states, &err), err);
    int started = 0;
    for (int k = 0; k < LEARNERS * ACTIVITIES; k++) {
        enum progress_state want = by_the_rule(s, pairs[k].agent_key, pairs[k].activity);
        if (states[k] != want)
            fail_msg("%s about %s: summary %d, rule %d", pairs[k].agent_key, pairs[k].activity,
                     states[k], want);
        started += want != PROGRESS_NOT_STARTED;
    }
    for (int l = 0; l < LEARNERS; l++) free(agents[l]);
    for (int a = 0; a < ACTIVITIES; a++) free(activities[a]);
    return started;
}

/* Every statement that counts is counted once, and no row is left with nothing counted. */
static void expect_counted(struct fixture *f)
{
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM progress_summary WHERE"
                                         " in_progress + failed + completed + passed <= 0"), 0);
    assert_int_equal(count_rows(f->path, "SELECT sum(in_progress + failed + completed + passed)"
                                         " FROM progress_summary"),
                     count_rows(f->path, "SELECT count(*) FROM statements WHERE voided = 0"
                                         " AND object_activity IS NOT NULL"));
}

/* Statements from..to-1 in batches of 1 to 4; every seventh stored one voided afterwards, and
 * every eleventh of the next half voided before it arrives. */
static void store_half(struct store *s, int from, int to, unsigned *seed, int *voids)
{
    for (int i = from; i < to;) {
        json_t *batch[4];
        size_t n = 1 + next_random(seed) % 4;
        size_t k = 0;
        for (; k < n && i < to; k++, i++) batch[k] = random_statement(i, seed);
        store_batch(s, batch, k);
    }
    for (int i = from; i < to; i += 7) {
        json_t *v = voiding(1000 + (*voids)++, i);
        store_batch(s, &v, 1);
    }
    for (int i = to + 3; from == 0 && i < STATEMENTS; i += 11) {
        json_t *v = voiding(1000 + (*voids)++, i);
        store_batch(s, &v, 1);
    }
}

static void test_summary_follows_the_rule(void **state)
{
    struct fixture *f = *state;
    unsigned seed = 20261202;
    int voids = 0;
    store_half(f->store, 0, STATEMENTS / 2, &seed, &voids);
    assert_true(expect_rule(f->store) > LEARNERS * ACTIVITIES / 2);
    usleep(3000);   /* stored has millisecond precision: a cut-off between the halves */
    char cut[32];
    statements_now(cut);
    usleep(3000);
    store_half(f->store, STATEMENTS / 2, STATEMENTS, &seed, &voids);
    expect_rule(f->store);
    expect_counted(f);

    /* erasing learner1 leaves no count of theirs */
    char *err = NULL, *learner1 = progress_agent_key(URL, "learner1");
    struct store_erasure e;
    ok(store_erase_learner(f->store, learner1, &e, &err), err);
    assert_true(e.statements > 0);
    char *sql = xasprintf("SELECT count(*) FROM progress_summary s JOIN summary_agents a"
                          " ON a.id = s.agent WHERE a.key = '%s'", learner1);
    assert_int_equal(count_rows(f->path, sql), 0);
    free(sql);
    /* nor their agent key (personal data), while the other learners' stay */
    sql = xasprintf("SELECT count(*) FROM summary_agents WHERE key = '%s'", learner1);
    assert_int_equal(count_rows(f->path, sql), 0);
    free(sql);
    assert_int_equal(count_rows(f->path, "SELECT count(*) FROM summary_agents"),
                     count_rows(f->path, "SELECT count(DISTINCT agent) FROM progress_summary"));
    free(learner1);
    expect_rule(f->store);

    /* erasing the first half takes its voiding statements, so what they voided counts again */
    char *early = statement_id(STATEMENTS / 2 + 3);  /* voided by the first half */
    sql = xasprintf("SELECT voided FROM statements WHERE id = '%s'", early);
    assert_int_equal(count_rows(f->path, sql), 1);
    ok(store_erase_before(f->store, cut, &e, &err), err);
    assert_int_equal(count_rows(f->path, sql), 0);
    free(sql);
    free(early);
    assert_true(expect_rule(f->store) > 0);
    expect_counted(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_summary_follows_the_rule, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
