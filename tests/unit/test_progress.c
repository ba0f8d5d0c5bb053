/* test_progress.c: the rule that derives a plan step's state from xAPI statements (verbs and
 * result flags, their precedence), and the agent and activity IRI Stepwise uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tracking/progress.h"

#define ADL "http://adlnet.gov/expapi/verbs/"

static enum progress_state of(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    if (!j) fail_msg("bad test JSON: %s", e.text);
    enum progress_state s = progress_of_statement(j);
    json_decref(j);
    return s;
}

static void test_verbs(void **state)
{
    (void)state;
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "passed\"}}"), PROGRESS_PASSED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "completed\"}}"), PROGRESS_COMPLETED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "failed\"}}"), PROGRESS_FAILED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "attempted\"}}"), PROGRESS_IN_PROGRESS);
    assert_int_equal(of("{\"verb\":{\"id\":\"http://example.com/verbs/watched\"}}"),
                     PROGRESS_IN_PROGRESS);
}

/* result.success and result.completion count whatever the verb (SCORM packages and outside
 * tools often send "answered" or "experienced" with a result). */
static void test_result_flags(void **state)
{
    (void)state;
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "answered\"},\"result\":{\"success\":true}}"),
                     PROGRESS_PASSED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "experienced\"},"
                        "\"result\":{\"completion\":true}}"), PROGRESS_COMPLETED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "answered\"},\"result\":{\"success\":false}}"),
                     PROGRESS_FAILED);
    /* completion false alone says nothing more than "started" */
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "progressed\"},"
                        "\"result\":{\"completion\":false}}"), PROGRESS_IN_PROGRESS);
    /* a string "true" is not a boolean */
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "answered\"},\"result\":{\"success\":\"true\"}}"),
                     PROGRESS_IN_PROGRESS);
}

/* Within one statement the higher state wins: passed over completed over failed. */
static void test_precedence_in_statement(void **state)
{
    (void)state;
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "completed\"},\"result\":{\"success\":true}}"),
                     PROGRESS_PASSED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "failed\"},\"result\":{\"completion\":true}}"),
                     PROGRESS_COMPLETED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "passed\"},\"result\":{\"success\":false}}"),
                     PROGRESS_PASSED);
    assert_int_equal(of("{\"verb\":{\"id\":\"" ADL "completed\"},\"result\":{\"success\":false}}"),
                     PROGRESS_COMPLETED);
}

/* Across statements: any passed makes it passed, even after a failure; and so on down. */
static void test_combine(void **state)
{
    (void)state;
    enum progress_state s = PROGRESS_NOT_STARTED;
    s = progress_combine(s, PROGRESS_IN_PROGRESS);
    assert_int_equal(s, PROGRESS_IN_PROGRESS);
    s = progress_combine(s, PROGRESS_FAILED);
    assert_int_equal(s, PROGRESS_FAILED);
    s = progress_combine(s, PROGRESS_PASSED);
    assert_int_equal(s, PROGRESS_PASSED);
    s = progress_combine(s, PROGRESS_FAILED);       /* a later failure does not undo a pass */
    assert_int_equal(s, PROGRESS_PASSED);
    assert_int_equal(progress_combine(PROGRESS_COMPLETED, PROGRESS_FAILED), PROGRESS_COMPLETED);
    assert_true(progress_is_done(PROGRESS_PASSED));
    assert_true(progress_is_done(PROGRESS_COMPLETED));
    assert_false(progress_is_done(PROGRESS_FAILED));
    assert_false(progress_is_done(PROGRESS_IN_PROGRESS));
    assert_false(progress_is_done(PROGRESS_NOT_STARTED));
}

static void test_words(void **state)
{
    (void)state;
    assert_string_equal(progress_label(PROGRESS_NOT_STARTED), "Not started");
    assert_string_equal(progress_label(PROGRESS_COMPLETED), "Done");
    assert_string_equal(progress_token(PROGRESS_FAILED), "failed");
    assert_string_equal(progress_token(PROGRESS_PASSED), "passed");
}

static void test_agent_and_iri(void **state)
{
    (void)state;
    json_t *a = progress_agent("https://learn.example.com", "anna");
    char *text = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(text, "{\"account\":{\"homePage\":\"https://learn.example.com\","
                              "\"name\":\"anna\"},\"objectType\":\"Agent\"}");
    free(text);
    json_decref(a);
    char *key = progress_agent_key("https://learn.example.com", "anna");
    assert_string_equal(key, "account:https://learn.example.com|anna");
    free(key);
    char *iri = progress_activity_iri("https://learn.example.com", "safe-lifting");
    assert_string_equal(iri, "https://learn.example.com/modules/safe-lifting");
    free(iri);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verbs),
        cmocka_unit_test(test_result_flags),
        cmocka_unit_test(test_precedence_in_statement),
        cmocka_unit_test(test_combine),
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_agent_and_iri),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
