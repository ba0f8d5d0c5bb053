/* test_plan_csv.c: CSV fields for the HR export: plain, quoted when they hold a comma, quote or
 * line break (quotes doubled), and spreadsheet formulas defused, also after leading blanks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "server/plan_csv.h"

static char *field(const char *s)
{
    struct buf b;
    buf_init(&b);
    plan_csv_field(&b, s);
    buf_putc(&b, '|');      /* so that an empty field is still a string */
    return buf_detach(&b, NULL);
}

static void check(const char *in, const char *want)
{
    char *got = field(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_fields(void **state)
{
    (void)state;
    check("Anna de Vries", "Anna de Vries|");
    check("", "|");
    check(NULL, "|");
    check("Lift, carry", "\"Lift, carry\"|");
    check("the \"big\" one", "\"the \"\"big\"\" one\"|");
    check("two\nlines", "\"two\nlines\"|");
    check("cr\rhere", "\"cr\rhere\"|");
    check("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"|");
    check("+1", "\"'+1\"|");
    check("-2", "\"'-2\"|");
    check("@SUM(A1)", "\"'@SUM(A1)\"|");
    check("a=b", "a=b|");
    check("\tx", "\"'\tx\"|");
}

/* A spreadsheet trims leading spaces, no-break spaces and line breaks before it looks for a
 * formula, so those do not hide one. */
static void test_formulas_after_blanks(void **state)
{
    (void)state;
    check("\r=1+1", "\"'\r=1+1\"|");
    check("\n=1+1", "\"'\n=1+1\"|");
    check(" =1+1", "\"' =1+1\"|");
    check("   +SUM(A1:A9)", "\"'   +SUM(A1:A9)\"|");
    check("\xc2\xa0=1+1", "\"'\xc2\xa0=1+1\"|");
    check(" \xc2\xa0 @cmd", "\"' \xc2\xa0 @cmd\"|");
    check(" plain", " plain|");
    check("\xc2\xa0text", "\xc2\xa0text|");
    check("caf\xc3\xa9 =1", "caf\xc3\xa9 =1|");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_formulas_after_blanks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
