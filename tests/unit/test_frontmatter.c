/* test_frontmatter.c: the YAML header of a module: a valid header fills the module, and every
 * mistake is reported at its real line and column of the .md file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/frontmatter.h"
#include "content/module.h"
#include "tests/unit/content_expect.h"

static const char valid[] =
    "---\n"
    "id: safe-lifting                 # required\n"
    "title: Lifting boxes the safe way\n"
    "summary: How to lift a box without hurting your back.\n"
    "language: en\n"
    "skills: [safety, lifting]\n"
    "minutes: 10\n"
    "levels: [1, 3]\n"
    "version: \"1.0\"\n"
    "---\n"
    "## Body\n";

/* Parses text; returns the module (freed by the caller) and the result in *rc. */
static struct module *parse(const char *text, struct diag_list *d, int *rc)
{
    struct module *m = xcalloc(1, sizeof *m);
    diag_list_init(d);
    *rc = frontmatter_parse(m, text, strlen(text), "x.md", d);
    return m;
}

static void test_valid_header_fills_module(void **state)
{
    (void)state;
    struct diag_list d;
    int rc;
    struct module *m = parse(valid, &d, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(d.len, 0);
    assert_string_equal(m->id, "safe-lifting");
    assert_int_equal(m->id_line, 2);
    assert_string_equal(m->title, "Lifting boxes the safe way");
    assert_string_equal(m->summary, "How to lift a box without hurting your back.");
    assert_string_equal(m->language, "en");
    assert_int_equal(m->nskills, 2);
    assert_string_equal(m->skills[1], "lifting");
    assert_int_equal(m->minutes, 10);
    assert_int_equal(m->levels, (1u << 1) | (1u << 3));
    assert_string_equal(m->version, "1.0");
    assert_string_equal(m->markdown, "## Body\n");
    assert_int_equal(m->body_line, 11);
    module_free(m);
    diag_list_free(&d);
}

static void test_crlf_and_byte_order_mark(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF---\r\nid: a\r\ntitle: T\r\nsummary: S\r\nlanguage: nl\r\n"
                        "minutes: 1\r\nlevels: [2]\r\n---\r\nBody\r\n";
    struct diag_list d;
    int rc;
    struct module *m = parse(text, &d, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(m->markdown, "Body\r\n");
    assert_int_equal(m->body_line, 9);
    assert_true(module_has_level(m, 2));
    assert_int_equal(module_lowest_level(m), 2);
    module_free(m);
    diag_list_free(&d);
}

struct inline_case {
    const char *replace, *with;     /* one change to the valid header */
    int line, column;
    const char *words;
};

static const struct inline_case inline_cases[] = {
    {"title: Lifting boxes the safe way\n", "titel: Lifting\n", 3, 1, "did you mean \"title\""},
    {"title: Lifting boxes the safe way\n", "", 1, 1, "has no \"title\""},
    {"minutes: 10", "minutes: ten", 7, 10, "whole number from 1 to 600"},
    {"minutes: 10", "minutes: 601", 7, 10, "whole number from 1 to 600"},
    {"minutes: 10", "minutes: \"10\"", 7, 10, "whole number"},
    {"levels: [1, 3]", "levels: [0]", 8, 10, "level 0 does not exist"},
    {"levels: [1, 3]", "levels: [1, 1]", 8, 13, "listed twice"},
    {"levels: [1, 3]", "levels: []", 8, 9, "levels must be a list"},
    {"levels: [1, 3]", "levels: 2", 8, 9, "levels must be a list"},
    {"id: safe-lifting ", "id: Safe lifting", 2, 5, "id \"Safe lifting\" is not valid"},
    {"skills: [safety, lifting]", "skills: [safety, Lifting!]", 6, 18, "skill tag \"Lifting!\""},
    {"language: en", "language: [en]", 5, 11, "single value"},
    {"summary: How", "summary: [How", 5, 9, "not valid YAML"},
    {"title: Lifting boxes the safe way", "title: ''", 3, 8, "title is empty"},
    {"version: \"1.0\"\n", "version: 1\nid: again\n", 10, 1, "\"id\" appears twice"},
};

static char *replace_once(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    return xasprintf("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

static void test_header_mistakes_have_lines(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof inline_cases / sizeof inline_cases[0]; i++) {
        const struct inline_case *c = &inline_cases[i];
        char *text = replace_once(valid, c->replace, c->with);
        struct diag_list d;
        int rc;
        struct module *m = parse(text, &d, &rc);
        assert_int_equal(rc, -1);
        assert_non_null(find_diag(&d, DIAG_ERROR, c->line, c->column, c->words));
        module_free(m);
        diag_list_free(&d);
        free(text);
    }
}

/* The broken fixture files, loaded as modules: the line is the real line of the file. */
static const struct { const char *file; int line, column; const char *words; } files[] = {
    {"no-header.md", 1, 1, "must start with a front-matter header"},
    {"unclosed-header.md", 1, 1, "front matter is not closed"},
    {"bad-yaml.md", 5, 9, "not valid YAML: did not find expected ',' or ']'"},
    {"bad-yaml.md", 5, 9, "starts on line 4"},
    {"missing-title.md", 1, 1, "has no \"title\": add a line such as \"title: "},
    {"unknown-key.md", 8, 1, "unknown key \"auther\""},
    {"bad-values.md", 2, 5, "id \"Bad_Id\" is not valid"},
    {"bad-values.md", 5, 11, "language \"english\" is not a language tag"},
    {"bad-values.md", 6, 9, "skills must be a list"},
    {"bad-values.md", 7, 10, "minutes must be a whole number"},
    {"bad-values.md", 8, 13, "level 4 does not exist"},
    {"empty-levels.md", 7, 9, "levels must be a list"},
    {"empty-levels.md", 8, 1, "key \"title\" appears twice"},
};

static void test_broken_files(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char *path = xasprintf(MODULES_DATA "/broken/%s", files[i].file);
        struct diag_list d;
        diag_list_init(&d);
        assert_null(module_load(path, &d));
        const struct diag *found =
            find_diag(&d, DIAG_ERROR, files[i].line, files[i].column, files[i].words);
        assert_non_null(found);
        assert_string_equal(found->file, path);
        diag_list_free(&d);
        free(path);
    }
}

static void test_every_mistake_reported_at_once(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    assert_null(module_load(MODULES_DATA "/broken/bad-values.md", &d));
    assert_int_equal(diag_count(&d, DIAG_ERROR), 5);
    diag_list_free(&d);
}

/* Every cut-off version of a header parses without crashing (ASan watches) and either succeeds
 * or says why not. */
static void test_every_prefix_is_handled(void **state)
{
    (void)state;
    for (size_t n = 0; n <= sizeof valid - 1; n++) {
        char *text = xstrndup(valid, n);
        struct diag_list d;
        int rc;
        struct module *m = parse(text, &d, &rc);
        assert_true(rc == 0 ? d.len == 0 : diag_count(&d, DIAG_ERROR) > 0);
        module_free(m);
        diag_list_free(&d);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_header_fills_module),
        cmocka_unit_test(test_crlf_and_byte_order_mark),
        cmocka_unit_test(test_header_mistakes_have_lines),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_every_mistake_reported_at_once),
        cmocka_unit_test(test_every_prefix_is_handled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
