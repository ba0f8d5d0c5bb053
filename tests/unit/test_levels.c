/* test_levels.c: "::: level N" fences: what each level shows, that hidden lines stay as empty
 * lines (so cmark's line numbers are the file's), and every fence mistake with its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/levels.h"
#include "content/render.h"
#include "tests/unit/content_expect.h"

static const char body[] =
    "Intro\n"               /* 1 */
    "::: level 1\n"         /* 2 */
    "Basic\n"               /* 3 */
    ":::\n"                 /* 4 */
    "::: level 2 3\n"       /* 5 */
    "Deeper\n"              /* 6 */
    ":::\n"                 /* 7 */
    "Outro\n";              /* 8 */

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static void test_select_each_level(void **state)
{
    (void)state;
    char *l1 = levels_select(body, 1), *l2 = levels_select(body, 2), *l3 = levels_select(body, 3);
    assert_string_equal(l1, "Intro\n\nBasic\n\n\n\n\nOutro\n");
    assert_string_equal(l2, "Intro\n\n\n\n\nDeeper\n\nOutro\n");
    assert_string_equal(l3, l2);
    assert_int_equal(count_lines(l1), 8);
    free(l1);
    free(l2);
    free(l3);
}

static void test_fences_inside_code_are_text(void **state)
{
    (void)state;
    const char md[] = "```\n::: level 2\n```\n::: level 2\nhidden\n:::\n";
    char *l1 = levels_select(md, 1);
    assert_string_equal(l1, "```\n::: level 2\n```\n\n\n\n");
    free(l1);
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(levels_check("~~~~\n:::\n~~~~\n", 2, "x.md", 1, &d), 0);
    assert_int_equal(d.len, 0);
    diag_list_free(&d);
}

static void test_valid_fences_pass(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    assert_int_equal(levels_check(body, 0xE, "x.md", 10, &d), 0);
    assert_int_equal(d.len, 0);
    diag_list_free(&d);
}

static const struct {
    const char *md;
    unsigned offered;
    int line, column;       /* counted from first line 10 */
    const char *words;
} mistakes[] = {
    {"a\n::: level 1\nb\n", 0x2, 11, 1, "not closed: add a line \":::\""},
    {"::: level 1\n::: level 2\n:::\n", 0x6, 11, 1, "do not nest: close the fence of line 10"},
    {"text\n:::\n", 0x2, 11, 1, "\":::\" closes no level fence"},
    {"::: level 4\n:::\n", 0x2, 10, 11, "level \"4\" does not exist"},
    {"::: level one\n:::\n", 0x2, 10, 11, "level \"one\" does not exist"},
    {"::: level\n:::\n", 0x2, 10, 1, "names no level"},
    {"::: level 1 3\n:::\n", 0x2, 10, 13, "level 3 is used here but the front matter does not"},
    {"::: note\n:::\n", 0x2, 10, 5, "unknown fence \"::: note\""},
};

static void test_fence_mistakes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mistakes / sizeof mistakes[0]; i++) {
        struct diag_list d;
        diag_list_init(&d);
        assert_int_equal(levels_check(mistakes[i].md, mistakes[i].offered, "x.md", 10, &d), -1);
        assert_non_null(find_diag(&d, DIAG_ERROR, mistakes[i].line, mistakes[i].column,
                                  mistakes[i].words));
        assert_int_equal(d.len, 1);     /* one mistake, one message: no follow-up errors */
        diag_list_free(&d);
    }
}

static void test_broken_fixture_files(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    assert_null(module_load(MODULES_DATA "/broken/unclosed-fence.md", &d));
    assert_null(module_load(MODULES_DATA "/broken/nested-fence.md", &d));
    assert_null(module_load(MODULES_DATA "/broken/level-not-listed.md", &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 11, 1, "level fence is not closed"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 11, 1, "do not nest: close the fence of line 9"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 14, 1, "closes no level fence"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 11, 13, "level 3 is used here"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 15, 11, "level \"5\" does not exist"));
    diag_list_free(&d);
}

/* A finding inside a level-2 fence is reported at its real file line when rendering level 2. */
static void test_render_keeps_file_lines(void **state)
{
    (void)state;
    struct module *m = fake_module(NULL, body, 0xE);
    free(m->markdown);
    m->markdown = xstrdup("Intro\n\n::: level 1\nBasic\n:::\n\n::: level 2\n<i>raw</i>\n:::\n");
    struct diag_list d;
    diag_list_init(&d);
    char *html = render_module(m, 1, &d);
    assert_int_equal(d.len, 0);
    assert_non_null(strstr(html, "<p>Basic</p>"));
    free(html);
    html = render_module(m, 2, &d);
    assert_null(strstr(html, "Basic"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 17, 1, "raw HTML \"<i>\""));
    free(html);
    assert_null(render_module(m, 0, &d));
    module_free(m);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_select_each_level),
        cmocka_unit_test(test_fences_inside_code_are_text),
        cmocka_unit_test(test_valid_fences_pass),
        cmocka_unit_test(test_fence_mistakes),
        cmocka_unit_test(test_broken_fixture_files),
        cmocka_unit_test(test_render_keeps_file_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
