/* test_quiz_statements.c: the statements of a knowledge-check attempt
 * (tracking/quiz_statements.c): each passes the LRS's own validator (1.0.3 and 2.0.0), the
 * verbs and their order for a pass and for a failure, the cmi.interaction definitions and
 * responses, and the context (registration, level, plan and module). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "tests/unit/content_expect.h"
#include "tracking/quiz_statements.h"
#include "tracking/validate.h"

#define URL "https://learn.example.com"
#define REG "0b7f2a9c-3d4e-4f50-8a61-7b8c9d0e1f2a"

struct fixture {
    struct diag_list d;
    struct module *m;
    struct quiz q;
    struct quiz_answer answers[4];
    struct quiz_score score;
};

static json_t *build(struct fixture *f, int64_t plan_id)
{
    quiz_score(&f->q, f->answers, f->m->mastery, &f->score);
    json_t *questions = quiz_statements_questions(URL, f->m, &f->q);
    struct quiz_attempt a = {.public_url = URL, .login = "anna", .m = f->m, .level = 1,
                             .plan_id = plan_id, .registration = REG, .quiz = &f->q,
                             .questions = questions, .answers = f->answers, .score = &f->score};
    json_t *all = quiz_statements_build(&a);
    /* Each answered statement's object is the question's Activity itself, shared. */
    for (size_t i = 0; all && i < f->q.n; i++)
        assert_ptr_equal(json_object_get(json_array_get(all, i), "object"),
                         json_array_get(questions, i));
    json_decref(questions);     /* the statements keep their references */
    return all;
}

static void setup(struct fixture *f)
{
    diag_list_init(&f->d);
    f->m = module_load(MODULES_DATA "/quiz/lifting-check.md", &f->d);
    assert_non_null(f->m);
    quiz_load(f->m, 1, &f->q);
    assert_int_equal(f->q.n, 4);
    f->answers[0] = (struct quiz_answer){.chosen = 1u};
    f->answers[1] = (struct quiz_answer){.chosen = 2u};
    f->answers[2] = (struct quiz_answer){.chosen = 3u};
    f->answers[3] = (struct quiz_answer){.text = "Two"};
}

static void teardown(struct fixture *f)
{
    quiz_free(&f->q);
    module_free(f->m);
    diag_list_free(&f->d);
}

static const char *verb_of(json_t *st)
{
    return json_string_value(json_object_get(json_object_get(st, "verb"), "id"));
}

static void assert_valid(json_t *all)
{
    char err[256];
    for (size_t i = 0; i < json_array_size(all); i++) {
        json_t *st = json_array_get(all, i);
        if (xapi_validate_statement(st, XAPI_1_0_3, err, sizeof err) != 0) fail_msg("1.0.3: %s", err);
        if (xapi_validate_statement(st, XAPI_2_0_0, err, sizeof err) != 0) fail_msg("2.0.0: %s", err);
    }
}

static void test_a_pass(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f);
    json_t *all = build(&f, 7);
    assert_non_null(all);
    assert_valid(all);
    assert_int_equal(json_array_size(all), 6);
    for (size_t i = 0; i < 4; i++) assert_string_equal(verb_of(json_array_get(all, i)), QUIZ_VERB_ANSWERED);
    assert_string_equal(verb_of(json_array_get(all, 4)), "http://adlnet.gov/expapi/verbs/passed");
    assert_string_equal(verb_of(json_array_get(all, 5)), "http://adlnet.gov/expapi/verbs/completed");
    json_t *tf = json_array_get(all, 1), *multi = json_array_get(all, 2), *fill = json_array_get(all, 3);
    char *s = json_dumps(json_object_get(tf, "result"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"response\":\"false\",\"success\":true}");
    free(s);
    s = json_dumps(json_object_get(json_object_get(multi, "object"), "definition"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"choices\":[{\"description\":{\"en\":\"The weight of the box\"},\"id\":\"1\"},"
                           "{\"description\":{\"en\":\"The way to walk\"},\"id\":\"2\"},"
                           "{\"description\":{\"en\":\"The colour of the box\"},\"id\":\"3\"}],"
                           "\"correctResponsesPattern\":[\"1[,]2\"],\"interactionType\":\"choice\","
                           "\"name\":{\"en\":\"What do you check before you lift?\"},"
                           "\"type\":\"http://adlnet.gov/expapi/activities/cmi.interaction\"}");
    free(s);
    s = json_dumps(json_object_get(fill, "context"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"contextActivities\":{\"grouping\":[{\"id\":\"" URL "/plans/7\"}],"
                           "\"parent\":[{\"id\":\"" URL "/modules/lifting-check\"}]},"
                           "\"extensions\":{\"" URL "/xapi/extensions/level\":1},\"language\":\"en\","
                           "\"platform\":\"Stepwise\",\"registration\":\"" REG "\"}");
    free(s);
    s = json_dumps(json_object_get(json_array_get(all, 4), "result"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"score\":{\"max\":4,\"min\":0,\"raw\":4,\"scaled\":1.0},\"success\":true}");
    free(s);
    json_decref(all);
    teardown(&f);
}

static void test_a_failure_does_not_complete(void **state)
{
    (void)state;
    struct fixture f;
    setup(&f);
    f.answers[0].chosen = 0;          /* not answered */
    f.answers[3].text = "three";
    json_t *all = build(&f, 0);
    assert_valid(all);
    assert_int_equal(json_array_size(all), 5);
    json_t *failed = json_array_get(all, 4);
    assert_string_equal(verb_of(failed), "http://adlnet.gov/expapi/verbs/failed");
    char *s = json_dumps(json_object_get(failed, "result"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"score\":{\"max\":4,\"min\":0,\"raw\":2,\"scaled\":0.5},\"success\":false}");
    free(s);
    s = json_dumps(json_object_get(json_array_get(all, 0), "result"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"response\":\"\",\"success\":false}");
    free(s);
    /* without a plan only the module is named, as parent of the questions */
    assert_null(json_object_get(json_object_get(failed, "context"), "contextActivities"));
    assert_null(json_object_get(json_object_get(json_object_get(json_array_get(all, 0), "context"),
                                                "contextActivities"), "grouping"));
    json_decref(all);
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_pass),
        cmocka_unit_test(test_a_failure_does_not_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
