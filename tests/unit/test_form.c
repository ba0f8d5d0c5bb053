/* test_form.c: URL-encoded form decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/buf.h"
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

/* The pages are UTF-8: a field that is not (Latin-1, an overlong form, a surrogate, a cut
 * sequence) is refused with its name, never stored and echoed. */
static void test_not_utf8_names_the_field(void **state)
{
    (void)state;
    const char *bad[] = {"goal=caf%E9", "goal=%C0%AF", "goal=%ED%A0%80", "goal=ok%E2%82",
                         "goal=%F4%90%80%80", "goal=%FF"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *body = xasprintf("csrf=abc&%s&start=2026-01-01", bad[i]);
        struct form f;
        assert_int_equal(form_parse(body, strlen(body), 100, &f), FORM_NOT_UTF8);
        assert_int_equal(f.n, 0);
        assert_string_equal(f.not_utf8, "goal");
        form_free(&f);
        free(body);
    }
    const char *bad_name = "g%E9=1";
    struct form f;
    assert_int_equal(form_parse(bad_name, strlen(bad_name), 100, &f), FORM_NOT_UTF8);
    assert_string_equal(f.not_utf8, "");
    form_free(&f);
    const char *good = "goal=%F0%9F%91%8D+%E2%82%AC+%C3%A9+%EF%BF%BD";
    assert_int_equal(form_parse(good, strlen(good), 100, &f), FORM_OK);
    assert_string_equal(form_get(&f, "goal"), "\xf0\x9f\x91\x8d \xe2\x82\xac \xc3\xa9 \xef\xbf\xbd");
    form_free(&f);
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
        cmocka_unit_test(test_not_utf8_names_the_field),
        cmocka_unit_test(test_field_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
