/* test_quiz_cache.c: the parsed questions kept per module level (server/quiz_cache.c): parsed
 * once while the module's time stays, apart for each level and module, parsed again from the
 * new text when the module's time changes (a save, or the content watch renewing it); their
 * Activities made with them and renewed with them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/buf.h"
#include "server/quiz_cache.h"
#include "tracking/quiz_statements.h"
#include "tests/unit/content_expect.h"

#define QUESTION(id, prompt) \
    "```question\nid: " id "\ntype: true-false\nprompt: " prompt "\nanswer: true\n```\n\n"

static const char *const ONE_AT_1 =
    "::: level 1\n\n" QUESTION("lift", "You lift with your legs.") ":::\n\n"
    "::: level 2\n\n" QUESTION("turn", "You turn with your feet.")
    QUESTION("close", "You hold the load close.") ":::\n";
static const char *const TWO_AT_1 =
    "::: level 1\n\n" QUESTION("lift", "You lift with your knees bent.")
    QUESTION("look", "You look at the load first.") ":::\n";

static void test_parsed_once_per_level_and_time(void **state)
{
    (void)state;
    struct quiz_cache *c = quiz_cache_new("https://learn.example.com");
    struct module *m = fake_module(NULL, ONE_AT_1, 1u << 1 | 1u << 2);
    m->mtime = 1000;
    const struct quiz *q1 = quiz_cache_get(c, m, 1);
    assert_int_equal(q1->n, 1);
    assert_string_equal(q1->items[0]->prompt, "You lift with your legs.");
    assert_ptr_equal(quiz_cache_get(c, m, 1), q1);     /* not parsed again */
    const struct quiz *q2 = quiz_cache_get(c, m, 2);
    assert_int_equal(q2->n, 2);
    assert_string_equal(q2->items[1]->id, "close");
    assert_int_equal(quiz_cache_get(c, m, 3)->n, 0);  /* a level it does not offer */

    /* another module of the same level has its own questions */
    struct module *other = fake_module(NULL, TWO_AT_1, 1u << 1);
    free(other->id);
    other->id = xstrdup("other");
    other->mtime = 1000;
    assert_int_equal(quiz_cache_get(c, other, 1)->n, 2);
    assert_int_equal(quiz_cache_get(c, m, 1)->n, 1);

    /* the module saved: the same id with a new time and text */
    struct module *saved = fake_module(NULL, TWO_AT_1, 1u << 1);
    saved->mtime = 1001;
    const struct quiz *q3 = quiz_cache_get(c, saved, 1);
    assert_int_equal(q3->n, 2);
    assert_string_equal(q3->items[0]->prompt, "You lift with your knees bent.");
    assert_int_equal(quiz_cache_get(c, saved, 2)->n, 0);
    module_free(saved);
    module_free(other);
    module_free(m);
    quiz_cache_free(c);
}

/* The id of the index-th question Activity of m at level. */
static const char *activity_id(struct quiz_cache *c, const struct module *m, int level,
                               size_t index)
{
    return json_string_value(json_object_get(json_array_get(quiz_cache_questions(c, m, level),
                                                            index), "id"));
}

static void test_question_activities_follow_the_questions(void **state)
{
    (void)state;
    struct quiz_cache *c = quiz_cache_new("https://learn.example.com");
    struct module *m = fake_module(NULL, ONE_AT_1, 1u << 1 | 1u << 2);
    m->mtime = 1000;
    const json_t *at1 = quiz_cache_questions(c, m, 1);
    assert_int_equal(json_array_size(at1), 1);
    char *want = quiz_question_iri("https://learn.example.com", m->id, "lift");
    assert_string_equal(activity_id(c, m, 1, 0), want);
    free(want);
    assert_ptr_equal(quiz_cache_questions(c, m, 1), at1);     /* not made again */
    assert_int_equal(json_array_size(quiz_cache_questions(c, m, 2)), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
        json_array_get(at1, 0), "definition"), "name"), "en")), "You lift with your legs.");

    /* a statement still holds the old Activity when the module is saved */
    json_t *held = json_incref(json_array_get(at1, 0));
    struct module *saved = fake_module(NULL, TWO_AT_1, 1u << 1);
    saved->mtime = 1001;
    const json_t *renewed = quiz_cache_questions(c, saved, 1);
    assert_int_equal(json_array_size(renewed), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
        json_array_get(renewed, 0), "definition"), "name"), "en")), "You lift with your knees bent.");
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(
        held, "definition"), "name"), "en")), "You lift with your legs.");
    json_decref(held);
    module_free(saved);
    module_free(m);
    quiz_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parsed_once_per_level_and_time),
        cmocka_unit_test(test_question_activities_follow_the_questions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
