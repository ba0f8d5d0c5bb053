/* test_store_plans.c: the plans part of the SQLite store against real database files: plans
 * with mentors, steps and evaluations, every edit and its history line, sign-off, finish,
 * reflections, group assignment, listing by mentee and mentor, and the batch progress query
 * (50 mentees x 5 steps in ONE SQL statement, voided statements ignored, the same answers as
 * the rule in progress.c). */
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
#include "tracking/sqlite_conn.h"
#include "tracking/statements.h"
#include "tracking/store.h"
#include "tracking/store_plans.h"

#define URL "https://learn.example.com"
#define ADL "http://adlnet.gov/expapi/verbs/"

#include "tests/unit/store_fixture.h"

static const struct plan_actor MENTOR = {7, "Marco Mentor"};
static const struct plan_actor MENTEE = {11, "Anna Mentee"};


static void ok(int rc, char *err)
{
    if (rc != STORE_OK) fail_msg("store: status %d: %s", rc, err ? err : "");
    free(err);
}

/* A plan for mentee (one mentor) with two module steps and one practical step. */
static int64_t make_plan(struct store *s, int64_t mentee, int64_t mentor, const char *goal)
{
    struct plan p = {0};
    p.mentee_id = mentee;
    p.goal = xstrdup(goal);
    snprintf(p.start, sizeof p.start, "2026-01-05");
    snprintf(p.target, sizeof p.target, "2026-03-30");
    p.eval_interval_days = 28;
    p.intake_click = 1;
    p.intake_clear = -1;
    p.intake_notes = xstrdup("Good first talk.");
    p.mentors = xmalloc(sizeof *p.mentors);
    p.mentors[0] = mentor;
    p.nmentors = 1;
    plan_add_step(&p, PLAN_STEP_MODULE, "safe-lifting", 1, "Lifting boxes", "2026-01-20");
    plan_add_step(&p, PLAN_STEP_PRACTICAL, NULL, 0, "Do the changeover while your mentor watches",
                  "2026-02-10");
    plan_add_step(&p, PLAN_STEP_MODULE, "giving-feedback", 2, "Giving feedback", "");
    plan_schedule_evaluations(&p);
    char *err = NULL;
    ok(store_plan_create(s, &p, &MENTOR, &err), err);
    assert_true(p.id > 0);
    assert_true(p.steps[2].id > 0);
    int64_t id = p.id;
    plan_clear(&p);
    return id;
}

/* The plan's history texts joined by " | " (caller frees). */
static char *history_text(struct store *s, int64_t id)
{
    struct plan_history_entry *h;
    size_t n;
    char *err = NULL;
    ok(store_plan_history(s, id, &h, &n, &err), err);
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        /* New lines are worded when shown; here in English, the words of the code. */
        char *text = i18n_msg_text(&h[i].msg, i18n_english());
        buf_printf(&b, "%s%s", i ? " | " : "", text);
        free(text);
        assert_string_equal(h[i].text, "");
        assert_true(h[i].user_id > 0);
        assert_true(strlen(h[i].at) == 24);
    }
    plan_history_free(h, n);
    return buf_detach(&b, NULL);
}

static void get(struct store *s, int64_t id, struct plan *p)
{
    char *err = NULL;
    ok(store_plan_get(s, id, p, &err), err);
}

static void test_create_and_get(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_plan(f->store, 11, 7, "Run the packing line on my own");
    struct plan p;
    get(f->store, id, &p);
    assert_string_equal(p.goal, "Run the packing line on my own");
    assert_int_equal(p.mentee_id, 11);
    assert_int_equal(p.nmentors, 1);
    assert_int_equal(p.mentors[0], 7);
    assert_int_equal(p.intake_click, 1);
    assert_int_equal(p.intake_clear, -1);
    assert_string_equal(p.intake_notes, "Good first talk.");
    assert_int_equal(p.nsteps, 3);
    assert_int_equal(p.steps[0].kind, PLAN_STEP_MODULE);
    assert_string_equal(p.steps[0].module_id, "safe-lifting");
    assert_string_equal(p.steps[0].due, "2026-01-20");
    assert_int_equal(p.steps[1].kind, PLAN_STEP_PRACTICAL);
    assert_null(p.steps[1].module_id);
    assert_int_equal(p.steps[2].position, 3);
    assert_int_equal(p.steps[2].level, 2);
    /* every 28 days from 2026-01-05 before the target, then the target itself */
    assert_int_equal(p.nevals, 3);
    assert_string_equal(p.evals[0].scheduled, "2026-02-02");
    assert_string_equal(p.evals[1].scheduled, "2026-03-02");
    assert_string_equal(p.evals[2].scheduled, "2026-03-30");
    assert_false(p.finished);
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_string_equal(h, "Plan created with goal \"Run the packing line on my own\"; steps: 3, "
                           "evaluation moments: 3");
    free(h);
    char *err = NULL;
    assert_int_equal(store_plan_get(f->store, id + 100, &p, &err), STORE_NOT_FOUND);
}

static void test_update_writes_history(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_plan(f->store, 11, 7, "Old goal");
    struct plan p;
    get(f->store, id, &p);
    free(p.goal);
    p.goal = xstrdup("New goal");
    snprintf(p.target, sizeof p.target, "2026-04-30");
    p.intake_clear = 1;
    char *err = NULL;
    ok(store_plan_update(f->store, &p, &MENTOR, &err), err);
    ok(store_plan_update(f->store, &p, &MENTOR, &err), err);  /* nothing changed: no lines */
    plan_clear(&p);
    get(f->store, id, &p);
    assert_string_equal(p.goal, "New goal");
    assert_string_equal(p.target, "2026-04-30");
    assert_int_equal(p.intake_clear, 1);
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_non_null(strstr(h, "| Goal changed from \"Old goal\" to \"New goal\" | Target date "
                              "changed from 2026-03-30 to 2026-04-30 | Intake: \"is the learning "
                              "question clear?\" changed to yes"));
    assert_null(strstr(h, "Intake: \"is the learning question clear?\" changed to yes |"));
    free(h);
    p = (struct plan){.id = id + 100, .goal = "x", .intake_notes = ""};
    assert_int_equal(store_plan_update(f->store, &p, &MENTOR, &err), STORE_NOT_FOUND);
}

static void test_step_edits(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_plan(f->store, 11, 7, "Goal");
    struct plan p;
    get(f->store, id, &p);
    int64_t first = p.steps[0].id, practical = p.steps[1].id, last = p.steps[2].id;
    char *err = NULL;
    /* change level and due date */
    struct plan_step st = {.id = first, .level = 2};
    snprintf(st.due, sizeof st.due, "2026-01-27");
    ok(store_plan_step_update(f->store, id, &st, &MENTOR, &err), err);
    /* move the last step up, then remove the practical one */
    ok(store_plan_step_move(f->store, id, last, -1, &MENTOR, &err), err);
    ok(store_plan_step_move(f->store, id, first, -1, &MENTOR, &err), err);  /* already first */
    ok(store_plan_step_remove(f->store, id, practical, &MENTEE, &err), err);
    plan_clear(&p);
    get(f->store, id, &p);
    assert_int_equal(p.nsteps, 2);
    assert_int_equal(p.steps[0].id, first);
    assert_int_equal(p.steps[0].level, 2);
    assert_string_equal(p.steps[0].due, "2026-01-27");
    assert_int_equal(p.steps[1].id, last);
    assert_int_equal(p.steps[1].position, 2);
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_non_null(strstr(h, "Step 1, lesson \"Lifting boxes\": level changed from basic to "
                              "intermediate | Step 1, lesson \"Lifting boxes\": due date changed "
                              "from 2026-01-20 to 2026-01-27"));
    assert_non_null(strstr(h, "Step lesson \"Giving feedback\" moved from place 3 to place 2"));
    assert_non_null(strstr(h, "Step 3 removed: task \"Do the changeover while your mentor "
                              "watches\""));
    assert_null(strstr(h, "moved from place 1"));
    free(h);
    /* a step of another plan is not found through this one */
    int64_t other = make_plan(f->store, 12, 7, "Other");
    assert_int_equal(store_plan_step_remove(f->store, other, first, &MENTOR, &err),
                     STORE_NOT_FOUND);
}

static void test_signoff(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_plan(f->store, 11, 7, "Goal");
    struct plan p;
    get(f->store, id, &p);
    char *err = NULL;
    assert_int_equal(store_plan_step_signoff(f->store, id, p.steps[0].id, &MENTOR, &err),
                     STORE_NOT_FOUND);  /* a module step is never signed off by hand */
    ok(store_plan_step_signoff(f->store, id, p.steps[1].id, &MENTOR, &err), err);
    assert_int_equal(store_plan_step_signoff(f->store, id, p.steps[1].id, &MENTOR, &err),
                     STORE_CONFLICT);
    int64_t sid = p.steps[1].id;
    plan_clear(&p);
    get(f->store, id, &p);
    assert_int_equal(p.steps[1].id, sid);
    assert_int_equal(p.steps[1].signed_off_by, 7);
    assert_int_equal(strlen(p.steps[1].signed_off_at), 24);
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_non_null(strstr(h, "Step 2, task \"Do the changeover while your mentor watches\": "
                              "signed off as done"));
    free(h);
}

static void test_evaluations(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_plan(f->store, 11, 7, "Goal");
    struct plan p;
    get(f->store, id, &p);
    struct plan_evaluation e = {.id = p.evals[0].id, .mentor_notes = "Good pace.",
                                .mentee_notes = "I want more practice."};
    snprintf(e.held, sizeof e.held, "2026-02-03");
    snprintf(e.outcome, sizeof e.outcome, "adjust");
    char *err = NULL;
    ok(store_plan_evaluation_save(f->store, id, &e, &MENTOR, &err), err);
    struct plan_evaluation extra = {0};
    snprintf(extra.scheduled, sizeof extra.scheduled, "2026-02-17");
    ok(store_plan_evaluation_save(f->store, id, &extra, &MENTOR, &err), err);
    plan_clear(&p);
    get(f->store, id, &p);
    assert_int_equal(p.nevals, 4);
    assert_string_equal(p.evals[0].held, "2026-02-03");
    assert_string_equal(p.evals[0].outcome, "adjust");
    assert_string_equal(p.evals[0].mentor_notes, "Good pace.");
    assert_string_equal(p.evals[0].mentee_notes, "I want more practice.");
    assert_string_equal(p.evals[1].scheduled, "2026-02-17");
    assert_string_equal(p.evals[1].held, "");
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_non_null(strstr(h, "Evaluation of 2026-02-02 held on 2026-02-03: adjust the plan | "
                              "Evaluation of 2026-02-02: the mentor's notes changed to \"Good "
                              "pace.\" | Evaluation of 2026-02-02: the mentee's notes changed to "
                              "\"I want more practice.\" | Evaluation planned for 2026-02-17"));
    free(h);
    e.id = 9999;
    assert_int_equal(store_plan_evaluation_save(f->store, id, &e, &MENTOR, &err),
                     STORE_NOT_FOUND);
}

static void test_finish_reflect_follow_up(void **state)
{
    struct fixture *f = *state;
    int64_t id = make_plan(f->store, 11, 7, "Goal");
    char *err = NULL;
    ok(store_plan_finish(f->store, id, &MENTOR, &err), err);
    assert_int_equal(store_plan_finish(f->store, id, &MENTOR, &err), STORE_CONFLICT);
    ok(store_plan_reflection_save(f->store, id, "Ask questions early.", &MENTEE, &err), err);
    ok(store_plan_reflection_save(f->store, id, "Ask questions early and often.", &MENTEE, &err),
       err);
    ok(store_plan_reflection_save(f->store, id, "Plan the observation.", &MENTOR, &err), err);
    struct plan next = {.mentee_id = 11, .follows = id, .goal = xstrdup("Lead the line"),
                        .intake_click = -1, .intake_clear = -1, .intake_notes = xstrdup("")};
    snprintf(next.start, sizeof next.start, "2026-04-01");
    snprintf(next.target, sizeof next.target, "2026-06-01");
    next.mentors = xmalloc(sizeof *next.mentors);
    next.mentors[0] = 7;
    next.nmentors = 1;
    ok(store_plan_create(f->store, &next, &MENTOR, &err), err);
    int64_t next_id = next.id;
    plan_clear(&next);
    struct plan p;
    get(f->store, id, &p);
    assert_true(p.finished);
    assert_int_equal(strlen(p.finished_at), 24);
    assert_int_equal(p.nreflections, 2);
    int mentee_seen = 0;
    for (size_t i = 0; i < p.nreflections; i++)
        if (p.reflections[i].user_id == 11) {
            assert_string_equal(p.reflections[i].text, "Ask questions early and often.");
            mentee_seen = 1;
        }
    assert_true(mentee_seen);
    plan_clear(&p);
    get(f->store, next_id, &p);
    assert_int_equal(p.follows, id);
    assert_false(p.finished);
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_non_null(strstr(h, "Plan finished: the goal is reached | Anna Mentee wrote a "
                              "reflection"));
    free(h);
}

static void test_lists_and_group_assign(void **state)
{
    struct fixture *f = *state;
    int64_t a = make_plan(f->store, 11, 7, "A");
    int64_t b = make_plan(f->store, 12, 7, "B");
    int64_t c = make_plan(f->store, 13, 8, "C");   /* another mentor */
    char *err = NULL;
    ok(store_plan_finish(f->store, a, &MENTOR, &err), err);
    struct plan *list;
    size_t n;
    ok(store_plan_list(f->store, PLAN_LIST_MENTOR, 7, &list, &n, &err), err);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, b);        /* active first */
    assert_int_equal(list[1].id, a);
    assert_int_equal(list[0].nsteps, 3);
    assert_int_equal(list[0].nevals, 3);
    assert_int_equal(list[0].mentors[0], 7);
    plans_free(list, n);
    ok(store_plan_list(f->store, PLAN_LIST_MENTEE, 13, &list, &n, &err), err);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].id, c);
    plans_free(list, n);
    ok(store_plan_list(f->store, PLAN_LIST_MENTEE, 99, &list, &n, &err), err);
    assert_int_equal(n, 0);
    plans_free(list, n);
    /* group assignment: one step to two plans in one go */
    int64_t ids[2] = {b, c};
    struct plan_step st = {.kind = PLAN_STEP_MODULE, .module_id = "safe-lifting", .level = 3,
                           .title = "Lifting boxes"};
    snprintf(st.due, sizeof st.due, "2026-05-01");
    ok(store_plan_step_add(f->store, ids, 2, &st, &MENTOR, &err), err);
    ok(store_plan_list(f->store, PLAN_LIST_ALL, 0, &list, &n, &err), err);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++) {
        if (list[i].id == a) {
            assert_int_equal(list[i].nsteps, 3);
            continue;
        }
        assert_int_equal(list[i].nsteps, 4);
        assert_int_equal(list[i].steps[3].level, 3);
        assert_int_equal(list[i].steps[3].position, 4);
        assert_string_equal(list[i].steps[3].due, "2026-05-01");
    }
    plans_free(list, n);
    char *h = history_text(f->store, c);
    assert_non_null(strstr(h, "Step added: lesson \"Lifting boxes\" (advanced level), due "
                              "2026-05-01 (group assignment)"));
    free(h);
    /* all or nothing: an unknown plan id adds the step nowhere */
    int64_t bad[2] = {b, 999};
    assert_int_equal(store_plan_step_add(f->store, bad, 2, &st, &MENTOR, &err), STORE_NOT_FOUND);
    struct plan p;
    get(f->store, b, &p);
    assert_int_equal(p.nsteps, 4);
    plan_clear(&p);
}

/* --- progress ------------------------------------------------------------------------- */

static void put_statement(struct store *s, const char *id, const char *login, const char *verb,
                          const char *module, const char *result)
{
    char *iri = progress_activity_iri(URL, module);
    char *text = xasprintf("{\"id\":\"%s\",\"actor\":{\"objectType\":\"Agent\",\"account\":"
                           "{\"homePage\":\"" URL "\",\"name\":\"%s\"}},\"verb\":{\"id\":\"%s\"},"
                           "\"object\":{\"id\":\"%s\"}%s%s}", id, login, verb, iri,
                           result ? ",\"result\":" : "", result ? result : "");
    json_t *in = json_loads(text, 0, NULL);
    assert_non_null(in);
    struct store_statement st;
    char msg[200];
    assert_int_equal(statements_prepare(in, XAPI_1_0_3, NULL, &st, msg, sizeof msg), 0);
    char *err = NULL;
    size_t failed;
    ok(store_statements_insert(s, &st, 1, &failed, &err), err);
    statements_clear(&st);
    json_decref(in);
    free(text);
    free(iri);
}

static char *uuid_n(int n)
{
    return xasprintf("00000000-0000-4000-8000-%012d", n);
}

static int count_stmt(unsigned type, void *ctx, void *p, void *x)
{
    (void)type, (void)p, (void)x;
    (*(int *)ctx)++;
    return 0;
}

/* 50 mentees x 5 modules = 250 steps; mentee i has statements that make module j show state
 * (i + j) % 5. The whole dashboard's progress comes back from ONE SQL statement: counted with
 * a trace on the reader connection the query runs on (the pool holds exactly that one). */
static void test_progress_batch_one_query(void **state)
{
    struct fixture *f = *state;
    static const char *const modules[5] = {"m0", "m1", "m2", "m3", "m4"};
    int seq = 0;
    for (int i = 0; i < 50; i++) {
        char login[24];
        snprintf(login, sizeof login, "mentee%02d", i);
        for (int j = 0; j < 5; j++) {
            int want = (i + j) % 5;
            static const char *const verbs[5] = {NULL, ADL "attempted", ADL "failed",
                                                 ADL "completed", ADL "passed"};
            if (want == 0) continue;
            if (want > 1) {     /* an attempt first, as a real learner would */
                char *id = uuid_n(++seq);
                put_statement(f->store, id, login, ADL "attempted", modules[j], NULL);
                free(id);
            }
            char *id = uuid_n(++seq);
            put_statement(f->store, id, login, verbs[want], modules[j], NULL);
            free(id);
        }
    }
    struct progress_pair pairs[250];
    char *keys[50], *iris[5];
    for (int j = 0; j < 5; j++) iris[j] = progress_activity_iri(URL, modules[j]);
    for (int i = 0; i < 50; i++) {
        char login[24];
        snprintf(login, sizeof login, "mentee%02d", i);
        keys[i] = progress_agent_key(URL, login);
        for (int j = 0; j < 5; j++) pairs[i * 5 + j] = (struct progress_pair){keys[i], iris[j]};
    }
    /* leave exactly one idle reader, traced */
    struct sqlite_store *ss = (struct sqlite_store *)f->store;
    char *err = NULL;
    struct conn *c = sq_reader_get(ss, &err);
    assert_non_null(c);
    int statements_run = 0;
    sqlite3_trace_v2(c->db, SQLITE_TRACE_STMT, count_stmt, &statements_run);
    sq_reader_put(ss, c);
    assert_int_equal(ss->nidle, 1);

    enum progress_state states[250];
    ok(store_plan_progress(f->store, pairs, 250, states, &err), err);
    assert_int_equal(statements_run, 1);
    for (int i = 0; i < 50; i++)
        for (int j = 0; j < 5; j++) assert_int_equal(states[i * 5 + j], (i + j) % 5);
    for (int i = 0; i < 50; i++) free(keys[i]);
    for (int j = 0; j < 5; j++) free(iris[j]);
}

/* Voided statements do not count; result flags count whatever the verb; another learner's
 * statements and another activity's do not leak in. */
static void test_progress_rules_in_sql(void **state)
{
    struct fixture *f = *state;
    put_statement(f->store, "10000000-0000-4000-8000-000000000001", "anna", ADL "passed",
                  "safe-lifting", NULL);
    /* void it */
    json_t *v = json_pack("{s:s,s:{s:s,s:{s:s,s:s}},s:{s:s},s:{s:s,s:s}}",
                          "id", "10000000-0000-4000-8000-000000000002", "actor", "objectType",
                          "Agent", "account", "homePage", URL, "name", "anna", "verb", "id",
                          STATEMENTS_VERB_VOIDED, "object", "objectType", "StatementRef", "id",
                          "10000000-0000-4000-8000-000000000001");
    struct store_statement st;
    char msg[200];
    assert_int_equal(statements_prepare(v, XAPI_1_0_3, NULL, &st, msg, sizeof msg), 0);
    char *err = NULL;
    size_t failed;
    ok(store_statements_insert(f->store, &st, 1, &failed, &err), err);
    statements_clear(&st);
    json_decref(v);
    put_statement(f->store, "10000000-0000-4000-8000-000000000003", "anna", ADL "failed",
                  "safe-lifting", NULL);
    put_statement(f->store, "10000000-0000-4000-8000-000000000004", "anna", ADL "answered",
                  "feedback", "{\"success\":true}");
    put_statement(f->store, "10000000-0000-4000-8000-000000000005", "anna", ADL "experienced",
                  "ppe", "{\"completion\":true,\"success\":false}");
    put_statement(f->store, "10000000-0000-4000-8000-000000000006", "bram", ADL "passed",
                  "ladders", NULL);

    char *anna = progress_agent_key(URL, "anna"), *bram = progress_agent_key(URL, "bram");
    static const char *const mods[4] = {"safe-lifting", "feedback", "ppe", "ladders"};
    char *iri[4];
    for (int i = 0; i < 4; i++) iri[i] = progress_activity_iri(URL, mods[i]);
    struct progress_pair pairs[5] = {{anna, iri[0]}, {anna, iri[1]}, {anna, iri[2]},
                                     {anna, iri[3]}, {bram, iri[3]}};
    enum progress_state s[5];
    ok(store_plan_progress(f->store, pairs, 5, s, &err), err);
    assert_int_equal(s[0], PROGRESS_FAILED);        /* the pass was voided */
    assert_int_equal(s[1], PROGRESS_PASSED);        /* result.success true */
    assert_int_equal(s[2], PROGRESS_COMPLETED);     /* completion true beats success false */
    assert_int_equal(s[3], PROGRESS_NOT_STARTED);   /* bram's pass is not anna's */
    assert_int_equal(s[4], PROGRESS_PASSED);
    /* the same statements through the C rule give the same answers */
    struct store_query q = {.agent = anna, .activity = iri[2]};
    struct store_result r;
    ok(store_statements_query(f->store, &q, &r, &err), err);
    enum progress_state c = PROGRESS_NOT_STARTED;
    for (size_t i = 0; i < r.n; i++) {
        json_t *j = json_loads(r.json[i], 0, NULL);
        c = progress_combine(c, progress_of_statement(j));
        json_decref(j);
    }
    store_result_clear(&r);
    assert_int_equal(c, s[2]);
    ok(store_plan_progress(f->store, pairs, 0, s, &err), err);
    free(anna);
    free(bram);
    for (int i = 0; i < 4; i++) free(iri[i]);
}

/* The statements Stepwise records itself (start / done buttons, demo seeding) go through the
 * LRS store and count like any other; a statement that is not valid xAPI is refused. */
static void test_progress_record(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    assert_int_equal(progress_record(f->store, URL, "anna", PROGRESS_VERB_ATTEMPTED, "ppe",
                                     "Wearing PPE", &err), 0);
    char *key = progress_agent_key(URL, "anna"), *iri = progress_activity_iri(URL, "ppe");
    struct progress_pair pair = {key, iri};
    enum progress_state st;
    ok(store_plan_progress(f->store, &pair, 1, &st, &err), err);
    assert_int_equal(st, PROGRESS_IN_PROGRESS);
    assert_int_equal(progress_record(f->store, URL, "anna", PROGRESS_VERB_COMPLETED, "ppe",
                                     "Wearing PPE", &err), 0);
    ok(store_plan_progress(f->store, &pair, 1, &st, &err), err);
    assert_int_equal(st, PROGRESS_COMPLETED);
    struct store_query q = {.agent = key, .verb = PROGRESS_VERB_COMPLETED};
    struct store_result r;
    ok(store_statements_query(f->store, &q, &r, &err), err);
    assert_int_equal(r.n, 1);
    json_t *j = json_loads(r.json[0], 0, NULL);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
        json_object_get(j, "object"), "definition"), "name"), "en-US")), "Wearing PPE");
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
        j, "authority"), "account"), "name")), "stepwise (server)");
    json_decref(j);
    store_result_clear(&r);
    /* not an IRI: refused with a message, nothing stored */
    assert_int_equal(progress_record(f->store, "no url", "anna", PROGRESS_VERB_COMPLETED, "ppe",
                                     "Wearing PPE", &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "statement:"));
    free(err);
    free(key);
    free(iri);
}

/* Pairings: one per mentor and mentee, listed by either side, ended by id. */
static void test_pairings(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    struct plan_pairing a = {.mentor_id = 7, .mentee_id = 11, .group_name = "", .made_by = 1};
    struct plan_pairing b = {.mentor_id = 7, .mentee_id = 12, .group_name = "Night shift",
                             .made_by = 1};
    int64_t id;
    ok(store_pairing_add(f->store, &a, &id, &err), err);
    ok(store_pairing_add(f->store, &b, NULL, &err), err);
    assert_int_equal(store_pairing_add(f->store, &a, NULL, &err), STORE_CONFLICT);
    struct plan_pairing *list;
    size_t n;
    ok(store_pairing_list(f->store, PLAN_LIST_MENTOR, 7, &list, &n, &err), err);
    assert_int_equal(n, 2);
    assert_string_equal(list[1].group_name, "Night shift");
    assert_int_equal(strlen(list[0].since), 10);
    plan_pairings_free(list, n);
    ok(store_pairing_list(f->store, PLAN_LIST_MENTEE, 12, &list, &n, &err), err);
    assert_int_equal(n, 1);
    assert_int_equal(list[0].mentor_id, 7);
    plan_pairings_free(list, n);
    ok(store_pairing_end(f->store, id, &err), err);
    assert_int_equal(store_pairing_end(f->store, id, &err), STORE_NOT_FOUND);
    ok(store_pairing_list(f->store, PLAN_LIST_ALL, 0, &list, &n, &err), err);
    assert_int_equal(n, 1);
    plan_pairings_free(list, n);
}

/* Undo: a removed step comes back at its place, a sign-off is taken back, a finished plan is
 * opened again; the history keeps each change and its undoing. */
static void test_undo_and_reopen(void **state)
{
    struct fixture *f = *state;
    char *err = NULL;
    int64_t id = make_plan(f->store, 11, 7, "Undo things");
    struct plan p;
    ok(store_plan_get(f->store, id, &p, &err), err);
    int64_t first = p.steps[0].id, task = p.steps[1].id, last = p.steps[2].id;
    plan_clear(&p);
    ok(store_plan_step_remove(f->store, id, task, &MENTOR, &err), err);
    assert_int_equal(store_plan_step_restore(f->store, id, first, &MENTOR, &err), STORE_NOT_FOUND);
    ok(store_plan_step_restore(f->store, id, task, &MENTOR, &err), err);
    assert_int_equal(store_plan_step_restore(f->store, id, task, &MENTOR, &err), STORE_NOT_FOUND);
    ok(store_plan_get(f->store, id, &p, &err), err);
    assert_int_equal(p.nsteps, 3);
    assert_int_equal(p.steps[1].id, task);
    assert_int_equal(p.steps[1].position, 2);
    assert_int_equal(p.steps[2].id, last);
    assert_int_equal(p.steps[2].position, 3);
    plan_clear(&p);
    ok(store_plan_step_signoff(f->store, id, task, &MENTOR, &err), err);
    ok(store_plan_step_signoff_undo(f->store, id, task, &MENTOR, &err), err);
    assert_int_equal(store_plan_step_signoff_undo(f->store, id, task, &MENTOR, &err), STORE_CONFLICT);
    assert_int_equal(store_plan_step_signoff_undo(f->store, id, first, &MENTOR, &err),
                     STORE_NOT_FOUND);
    ok(store_plan_get(f->store, id, &p, &err), err);
    assert_int_equal(p.steps[1].signed_off_by, 0);
    plan_clear(&p);
    assert_int_equal(store_plan_reopen(f->store, id, &MENTOR, &err), STORE_CONFLICT);
    ok(store_plan_finish(f->store, id, &MENTOR, &err), err);
    ok(store_plan_reopen(f->store, id, &MENTOR, &err), err);
    ok(store_plan_get(f->store, id, &p, &err), err);
    assert_int_equal(p.finished, 0);
    assert_string_equal(p.finished_at, "");
    plan_clear(&p);
    char *h = history_text(f->store, id);
    assert_non_null(strstr(h, "Step 2 removed: task"));
    assert_non_null(strstr(h, "Step 2 put back (removal undone): task"));
    assert_non_null(strstr(h, "sign-off undone"));
    assert_non_null(strstr(h, "Plan finished: the goal is reached | Plan opened again"));
    free(h);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_create_and_get),
        T(test_update_writes_history),
        T(test_step_edits),
        T(test_signoff),
        T(test_evaluations),
        T(test_finish_reflect_follow_up),
        T(test_lists_and_group_assign),
        T(test_progress_batch_one_query),
        T(test_progress_rules_in_sql),
        T(test_progress_record),
        T(test_pairings),
        T(test_undo_and_reopen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
