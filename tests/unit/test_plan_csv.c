/* test_plan_csv.c: CSV fields for the HR export: plain, quoted when they hold a comma, quote or
 * line break (quotes doubled), and spreadsheet formulas defused, also after leading blanks; the
 * column names and status in the person's language, the dates ISO 8601 in every language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "player/i18n.h"
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

static char *export_in(const struct i18n_lang *lang)
{
    static struct plan plan = {.id = 3, .mentee_id = 5, .goal = "Omstellen", .start = "2026-11-02",
                               .target = "2026-12-20", .finished = 1,
                               .finished_at = "2026-12-03 14:30:00"};
    static struct plan_view view = {.plan = &plan, .mentee_name = "Piet", .mentor_names = "Marco",
                                    .nsteps = 2, .ndone = 2, .percent = 100};
    static struct store_user piet = {.id = 5, .login = "piet", .display_name = "Piet"};
    struct plan_views v = {.plans = &plan, .n = 1, .views = &view, .users = &piet, .nusers = 1};
    i18n_use(lang);
    size_t len;
    char *csv = plan_csv(&v, &len);
    i18n_use(i18n_english());
    return csv;
}

static void test_export_languages(void **state)
{
    (void)state;
    char *en = export_in(i18n_english()), *nl = export_in(i18n_find("nl"));
    assert_string_equal(en, "plan_id,mentee_login,mentee_name,mentors,goal,status,start,target,"
                            "steps_total,steps_done,progress_percent,steps_late,next_evaluation,"
                            "finished_at,follows_plan\r\n3,piet,Piet,Marco,Omstellen,finished,"
                            "2026-11-02,2026-12-20,2,2,100,0,,2026-12-03 14:30:00,\r\n");
    assert_string_equal(nl, "plan_id,mentee_login,mentee_naam,mentoren,doel,status,begin,"
                            "doeldatum,stappen_totaal,stappen_klaar,voortgang_procent,"
                            "stappen_te_laat,volgende_evaluatie,afgesloten_op,volgt_op_plan\r\n"
                            "3,piet,Piet,Marco,Omstellen,afgesloten,2026-11-02,2026-12-20,2,2,100,0,,"
                            "2026-12-03 14:30:00,\r\n");
    free(en);
    free(nl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_formulas_after_blanks),
        cmocka_unit_test(test_export_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
