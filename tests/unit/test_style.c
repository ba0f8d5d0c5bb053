/* test_style.c: style findings with file:line:column: headings out of order, very long sections,
 * vague link text (warnings), and relative or /modules/<id> links that lead nowhere (errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/style.h"
#include "tests/unit/content_expect.h"

/* Runs style_check on md (body starting on line 10 of mem.md) at level 1. */
static void check_md(const char *media_dir, const char *md, const struct catalog *c,
                     struct diag_list *diags)
{
    struct module *m = fake_module(media_dir, md, 1u << 1 | 1u << 2);
    diag_list_init(diags);
    style_check(m, 1, c, diags);
    module_free(m);
}

static void test_headings_in_order_pass(void **state)
{
    (void)state;
    struct diag_list d;
    check_md(NULL, "## One\n\n### One a\n\n#### One a i\n\n## Two\n\nText.\n", NULL, &d);
    assert_int_equal(d.len, 0);
    diag_list_free(&d);
}

static void test_headings_out_of_order(void **state)
{
    (void)state;
    struct diag_list d;
    check_md(NULL, "### Too deep at the start\n\n## Fine\n\n#### Skips a level\n", NULL, &d);
    assert_int_equal(d.len, 2);
    assert_non_null(find_diag(&d, DIAG_WARNING, 10, 1, "heading level 3 follows level 1: use ## here"));
    assert_non_null(find_diag(&d, DIAG_WARNING, 14, 1, "heading level 4 follows level 2: use ### here"));
    assert_string_equal(d.items[0].file, "mem.md");
    diag_list_free(&d);
}

/* Level fences: what level 1 does not show does not count at level 1. */
static void test_headings_per_level(void **state)
{
    (void)state;
    struct diag_list d;
    check_md(NULL, "## Start\n\n::: level 2\n### Only at level 2\n:::\n\n### Level 1 too\n", NULL, &d);
    assert_int_equal(d.len, 0);
    diag_list_free(&d);
}

static char *words(int n)
{
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < n; i++) buf_puts(&b, i % 12 == 11 ? "word.\n" : "word ");
    return buf_detach(&b, NULL);
}

static void test_long_section(void **state)
{
    (void)state;
    char *just = words(STYLE_MAX_SECTION_WORDS), *over = words(STYLE_MAX_SECTION_WORDS + 1);
    char *md = xasprintf("## Short\n\n%s\n## Long one\n\n%s\n- and a list\n", just, over);
    struct diag_list d;
    check_md(NULL, md, NULL, &d);
    /* The second section starts on line 10 + 2 + 21 (20 full lines of words and one part line);
     * its 251 words plus "and a list" make 254, the heading's own words do not count. */
    assert_int_equal(d.len, 1);
    const struct diag *f = find_diag(&d, DIAG_WARNING, 10 + 2 + 21, 1, "this section has 254 words");
    assert_non_null(f);
    assert_non_null(strstr(f->message, "under 250 words"));
    diag_list_free(&d);
    free(md);
    free(just);
    free(over);
}

static void test_vague_link_text(void **state)
{
    (void)state;
    struct diag_list d;
    check_md(NULL, "## Links\n\nFor the form, [click here](https://example.com/form).\n"
                   "See [the lifting guide](https://example.com/guide) or [Read more...](https://example.com).\n"
                   "Dutch: [Klik hier](https://example.nl) and [hier](https://example.nl).\n", NULL, &d);
    assert_int_equal(d.len, 4);
    assert_non_null(find_diag(&d, DIAG_WARNING, 12, 15, "link text \"click here\" does not say where"));
    assert_non_null(find_diag(&d, DIAG_WARNING, 13, 55, "link text \"read more\""));
    assert_non_null(find_diag(&d, DIAG_WARNING, 14, 8, "link text \"klik hier\""));
    assert_non_null(find_diag(&d, DIAG_WARNING, 14, 44, "link text \"hier\""));
    diag_list_free(&d);
}

static void test_relative_links_in_folder_module(void **state)
{
    (void)state;
    struct diag_list d;
    check_md(MODULES_DATA "/valid/safe-lifting",
             "## Files\n\nRead [the talk](talk.md), [part two](talk.md#two), "
             "[the photo](photos/box%20stack.jpg) and [a page](#top).\n"
             "Not there: [the plan](plan.md) and [the other module](../giving-feedback.md).\n"
             "Web: [a guide](https://example.com/x.md), [mail](mailto:a@example.com).\n", NULL, &d);
    assert_int_equal(d.len, 2);
    assert_non_null(find_diag(&d, DIAG_ERROR, 13, 12, "link \"plan.md\" is not in the module folder"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 13, 36, "link \"../giving-feedback.md\" points outside"));
    diag_list_free(&d);
}

static void test_relative_links_of_file_module(void **state)
{
    (void)state;
    struct module *m = fake_module(NULL, "[talk](safe-lifting/talk.md) [gone](gone.md)\n", 1u << 1);
    free(m->source_path);
    m->source_path = xstrdup(MODULES_DATA "/valid/giving-feedback.md");
    struct diag_list d;
    diag_list_init(&d);
    style_check(m, 1, NULL, &d);
    assert_int_equal(d.len, 1);
    assert_non_null(find_diag(&d, DIAG_ERROR, 10, 30, "link \"gone.md\""));
    assert_string_equal(d.items[0].file, MODULES_DATA "/valid/giving-feedback.md");
    diag_list_free(&d);
    module_free(m);
}

static void test_links_to_modules(void **state)
{
    (void)state;
    char *err = NULL;
    struct catalog *c = catalog_load(MODULES_DATA "/valid", &err);
    assert_non_null(c);
    const char *md = "See [lifting](/modules/safe-lifting?level=2), [feedback](/modules/giving-feedback) "
                     "and [the old one](/modules/old-lesson#start), [home](/).\n";
    struct diag_list d;
    check_md(NULL, md, c, &d);
    assert_int_equal(d.len, 1);
    assert_non_null(find_diag(&d, DIAG_ERROR, 10, 88, "link to \"/modules/old-lesson#start\": "
                                                      "there is no module with id \"old-lesson\" in "
                                                      MODULES_DATA "/valid"));
    diag_list_free(&d);
    /* Without the catalogue (one module checked alone) the ids cannot be known. */
    check_md(NULL, md, NULL, &d);
    assert_int_equal(d.len, 0);
    diag_list_free(&d);
    catalog_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headings_in_order_pass),
        cmocka_unit_test(test_headings_out_of_order),
        cmocka_unit_test(test_headings_per_level),
        cmocka_unit_test(test_long_section),
        cmocka_unit_test(test_vague_link_text),
        cmocka_unit_test(test_relative_links_in_folder_module),
        cmocka_unit_test(test_relative_links_of_file_module),
        cmocka_unit_test(test_links_to_modules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
