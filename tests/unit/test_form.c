/* test_form.c: URL-encoded form decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "server/form.h"

static void test_pairs_in_order(void **state)
{
    (void)state;
    const char *body = "name=Sam+de+Vries&goal=Lead+a+changeover%21&empty=&flag&step=1&step=2";
    struct form f;
    assert_int_equal(form_parse(body, strlen(body), 100, &f), 0);
    assert_int_equal(f.n, 6);
    assert_string_equal(form_get(&f, "name"), "Sam de Vries");
    assert_string_equal(form_get(&f, "goal"), "Lead a changeover!");
    assert_string_equal(form_get(&f, "empty"), "");
    assert_string_equal(form_get(&f, "flag"), "");
    assert_null(form_get(&f, "missing"));
    const char *steps[4];
    assert_int_equal(form_get_all(&f, "step", steps, 4), 2);
    assert_string_equal(steps[0], "1");
    assert_string_equal(steps[1], "2");
    form_free(&f);
}

static void test_utf8_and_empty_segments(void **state)
{
    (void)state;
    const char *body = "&&caf%C3%A9=cr%c3%a8me&&";
    struct form f;
    assert_int_equal(form_parse(body, strlen(body), 100, &f), 0);
    assert_int_equal(f.n, 1);
    assert_string_equal(form_get(&f, "caf\xc3\xa9"), "cr\xc3\xa8me");
    form_free(&f);
}

static void test_malformed_is_refused(void **state)
{
    (void)state;
    const char *bad[] = {"a=%zz", "a=%4", "a=%", "a=%00", "%=1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct form f;
        assert_int_equal(form_parse(bad[i], strlen(bad[i]), 100, &f), -1);
        assert_int_equal(f.n, 0);
    }
    const char nul[] = "a=b\0c";
    struct form f;
    assert_int_equal(form_parse(nul, sizeof nul - 1, 100, &f), -1);
}

static void test_field_limit(void **state)
{
    (void)state;
    const char *body = "a=1&b=2&c=3";
    struct form f;
    assert_int_equal(form_parse(body, strlen(body), 2, &f), -1);
    assert_int_equal(form_parse(body, strlen(body), 3, &f), 0);
    form_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_in_order),
        cmocka_unit_test(test_utf8_and_empty_segments),
        cmocka_unit_test(test_malformed_is_refused),
        cmocka_unit_test(test_field_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
