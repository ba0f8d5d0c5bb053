/* test_json_bound.c: counting the values of a JSON text before it is parsed
 * (tracking/json_bound.c): the count matches what jansson builds, and it stops early. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tracking/json_bound.h"

/* The number of values in text: the smallest max that json_bound_within accepts. */
static size_t count(const char *text)
{
    size_t n = 0;
    while (!json_bound_within(text, strlen(text), n)) n++;
    return n;
}

static void test_counts_values(void **state)
{
    (void)state;
    assert_int_equal(count(""), 0);
    assert_int_equal(count("0"), 1);
    assert_int_equal(count("[]"), 1);
    assert_int_equal(count("[0,0,0]"), 4);
    /* The object, two keys, 1, the array and its three literals. */
    assert_int_equal(count("{\"a\": 1, \"b\": [true, false, null]}"), 8);
    assert_int_equal(count("-12.5e+3"), 1);
    /* Strings are one value, whatever they hold. */
    assert_int_equal(count("[\"a,b [c] {d} 1 2 3\", \"\\\" [0] \\\\\"]"), 3);
    assert_int_equal(count("  [ 1 ,\n 2 ]  "), 3);
}

static void test_text_that_is_not_json_is_still_bounded(void **state)
{
    (void)state;
    /* Every token start counts, so the count is never below what a parser would build. */
    assert_int_equal(count("[0 0 0"), 4);
    assert_int_equal(count("\"unterminated [0,0"), 1);
    assert_int_equal(count("xyz"), 1);
}

static void test_stops_at_the_limit(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *zeros = malloc(2 * n + 1);
    zeros[0] = '[';
    for (size_t i = 0; i < n; i++) memcpy(zeros + 1 + 2 * i, "0,", 2);
    zeros[2 * n] = ']';
    assert_true(json_bound_within(zeros, 2 * n + 1, n + 1));
    assert_false(json_bound_within(zeros, 2 * n + 1, n));
    assert_false(json_bound_within(zeros, 2 * n + 1, 10));
    free(zeros);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_values),
        cmocka_unit_test(test_text_that_is_not_json_is_still_bounded),
        cmocka_unit_test(test_stops_at_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
