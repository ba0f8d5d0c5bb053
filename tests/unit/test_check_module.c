/* test_check_module.c: the checks of one module (content/check_module.h) as `stepwise check` and
 * the author preview share them: a report per level offered with its own findings, links checked
 * against the catalog only when there is one, shared text counted once, the size limit, the
 * reasons a level is harder than B1; and the marking of long sentences in a rendered body
 * (page_author_mark_long). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/check_module.h"
#include "content/render.h"
#include "player/i18n.h"
#include "player/page_author.h"
#include "tests/unit/content_expect.h"

static struct module *load(const char *path)
{
    struct diag_list diags;
    diag_list_init(&diags);
    struct module *m = module_load(path, &diags);
    assert_non_null(m);
    diag_list_free(&diags);
    return m;
}

static void test_every_level_reported(void **state)
{
    (void)state;
    struct module *m = load(MODULES_DATA "/valid/giving-feedback.md");
    struct module_report r;
    check_module_report(m, NULL, &r);
    assert_string_equal(r.id, "giving-feedback");
    assert_string_equal(r.file, MODULES_DATA "/valid/giving-feedback.md");
    assert_string_equal(r.language, "en");
    assert_int_equal(r.nlevels, 3);
    for (int k = 0; k < 3; k++) {
        assert_int_equal(r.levels[k].level, k + 1);
        assert_true(r.levels[k].scores.b1_ok);
        assert_int_equal(r.levels[k].diags.len, 0);
        size_t idx[CHECK_WORST_SHOWN];
        assert_int_equal(check_rewrite_first(&r.levels[k], idx), 0);
        char *why = check_harder_because(&r.levels[k], i18n_english());
        assert_string_equal(why, "");
        free(why);
    }
    assert_int_equal(r.levels[0].text.len, 5);    /* as `stepwise check` reports it */
    assert_int_equal(r.levels[0].text.words, 23);
    assert_int_equal(check_module_count(&r, DIAG_ERROR), 0);
    assert_int_equal(check_module_count(&r, DIAG_WARNING), 0);
    check_module_report_free(&r);
    module_free(m);
}

static void test_hard_level_and_catalog_links(void **state)
{
    (void)state;
    struct module *m = load(MODULES_DATA "/check/hard.md");
    struct module_report r;
    check_module_report(m, NULL, &r);
    assert_int_equal(r.nlevels, 1);
    const struct level_report *l = &r.levels[0];
    assert_false(l->scores.b1_ok);
    assert_non_null(find_diag(&l->diags, DIAG_WARNING, 16, 1, "level 1 is harder than B1: a sentence "
                              "of 29 words (at most 25); rewrite first"));
    assert_non_null(find_diag(&l->diags, DIAG_WARNING, 14, 1, "heading level 4 follows level 2"));
    assert_non_null(find_diag(&l->diags, DIAG_WARNING, 17, 0, "\"click here\""));
    assert_int_equal(diag_count(&l->diags, DIAG_ERROR), 0);    /* no catalog: links unchecked */
    char *why = check_harder_because(l, i18n_english());
    assert_string_equal(why, "a sentence of 29 words (at most 25)");
    free(why);
    size_t idx[CHECK_WORST_SHOWN];
    assert_int_equal(check_rewrite_first(l, idx), 1);          /* only the one over 20 words */
    assert_int_equal(l->text.items[idx[0]].line, 16);
    assert_int_equal(l->text.items[idx[0]].words, 29);
    check_module_report_free(&r);

    char *err = NULL;
    struct catalog *c = catalog_load(MODULES_DATA "/catalog", &err);
    assert_non_null(c);
    check_module_report(m, c, &r);
    assert_non_null(find_diag(&r.levels[0].diags, DIAG_ERROR, 18, 0, "no-such-lesson"));
    assert_int_equal(check_module_count(&r, DIAG_ERROR), 1);
    assert_int_equal(check_module_count(&r, DIAG_WARNING), 3);
    check_module_report_free(&r);
    catalog_free(c);
    module_free(m);
}

static void test_shared_text_counted_once(void **state)
{
    (void)state;
    struct module *m = load(MODULES_DATA "/check/repeat.md");
    struct module_report r;
    check_module_report(m, NULL, &r);
    assert_int_equal(r.nlevels, 3);
    for (int k = 0; k < 3; k++) {
        /* each level has the two raw HTML errors of the shared text */
        assert_int_equal(diag_count(&r.levels[k].diags, DIAG_ERROR), 2);
        assert_non_null(find_diag(&r.levels[k].diags, DIAG_ERROR, 9, 6, "raw HTML \"<em>\""));
    }
    assert_int_equal(check_module_count(&r, DIAG_ERROR), 2);
    struct diag_list all;
    diag_list_init(&all);
    check_module_take_diags(&r, &all);
    assert_int_equal(all.len, 6);
    assert_int_equal(r.levels[0].diags.len, 0);
    diag_sort(&all);
    check_drop_repeats(&all);
    assert_int_equal(all.len, 2);
    diag_list_free(&all);
    check_module_report_free(&r);
    module_free(m);
}

static void test_size_limit(void **state)
{
    (void)state;
    struct buf md;
    buf_init(&md);
    while (md.len <= CHECK_MAX_BODY_BYTES) buf_puts(&md, "Keep the box close.\n\n");
    struct module *m = fake_module(NULL, md.data, 1u << 1);
    struct module_report r;
    check_module_report(m, NULL, &r);
    assert_non_null(find_diag(&r.levels[0].diags, DIAG_WARNING, 0, 0, "level 1 renders to 2"));
    assert_non_null(strstr(r.levels[0].diags.items[0].message, "keep it under 20 KB"));
    check_module_report_free(&r);
    module_free(m);
    buf_free(&md);
}

/* Renders md at level 1 and marks its long sentences; returns the marked body (caller frees). */
static char *marked(const char *md, struct readability *text, int **found)
{
    struct module *m = fake_module(NULL, md, 1u << 1);
    struct diag_list diags;
    diag_list_init(&diags);
    char *html = render_module(m, 1, &diags);
    readability_init(text, READABILITY_EN);
    readability_module(text, m, 1);
    *found = xcalloc(text->len + 1, sizeof **found);
    char *out = page_author_mark_long(html, text, *found);
    free(html);
    diag_list_free(&diags);
    module_free(m);
    return out;
}

#define LONG1 "One two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
              "fifteen sixteen seventeen eighteen nineteen twenty twenty-one."

static void test_mark_across_tags_and_entities(void **state)
{
    (void)state;
    struct readability text;
    int *found;
    char *out = marked("Short one. Tom & Jerry **lift** the box, 1 < 2, and then three four five six seven "
                       "eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
                       "nineteen twenty.\n\n- " LONG1 "\n", &text, &found);
    assert_int_equal(text.len, 3);
    assert_false(found[0]);
    assert_true(found[1]);
    assert_true(found[2]);
    assert_non_null(strstr(out, "<p>Short one. <span class=\"long-label\" id=\"sentence-1\">Long "
                                "sentence: 27 words</span> <mark class=\"long\">Tom &amp; Jerry </mark>"
                                "<strong><mark class=\"long\">lift</mark></strong><mark class=\"long\"> "
                                "the box, 1 &lt; 2, and then three"));
    assert_non_null(strstr(out, "nineteen twenty.</mark></p>"));
    assert_non_null(strstr(out, "<li><span class=\"long-label\" id=\"sentence-2\">Long sentence: 21 "
                                "words</span> <mark class=\"long\">" LONG1 "</mark></li>"));
    free(out);
    free(found);
    readability_free(&text);
}

static void test_mark_repeated_sentence_each_time(void **state)
{
    (void)state;
    struct readability text;
    int *found;
    char *out = marked(LONG1 "\n\n" LONG1 "\n", &text, &found);
    assert_int_equal(text.len, 2);
    assert_true(found[0] && found[1]);
    const char *first = strstr(out, "id=\"sentence-0\""), *second = strstr(out, "id=\"sentence-1\"");
    assert_non_null(first);
    assert_non_null(second);
    assert_true(first < second);
    assert_non_null(strstr(second, "<mark class=\"long\">" LONG1 "</mark>"));
    free(out);
    free(found);
    readability_free(&text);
}

static void test_mark_leaves_other_html_alone(void **state)
{
    (void)state;
    struct readability text;
    int *found;
    char *out = marked("Short and plain.\n\nAlso short.\n", &text, &found);
    assert_string_equal(out, "<p>Short and plain.</p>\n<p>Also short.</p>\n");
    assert_false(found[0] || found[1]);
    free(out);
    free(found);
    /* A sentence that is not in the html (e.g. cut by a warning) is left unmarked. */
    const char *html = "<p>Something else entirely.</p>\n";
    int none[2];
    text.items[0].words = 30;
    out = page_author_mark_long(html, &text, none);
    assert_string_equal(out, html);
    assert_false(none[0]);
    free(out);
    readability_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_level_reported),
        cmocka_unit_test(test_hard_level_and_catalog_links),
        cmocka_unit_test(test_shared_text_counted_once),
        cmocka_unit_test(test_size_limit),
        cmocka_unit_test(test_mark_across_tags_and_entities),
        cmocka_unit_test(test_mark_repeated_sentence_each_time),
        cmocka_unit_test(test_mark_leaves_other_html_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
