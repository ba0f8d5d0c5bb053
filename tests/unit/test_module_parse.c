/* test_module_parse.c: module_parse, which checks a module's text from memory (what an author
 * typed in the browser editor) with the same code path as module_load: the same module from the
 * same bytes, errors with the real line and column of the typed text, and the paths as given. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/content_expect.h"

#define FEEDBACK MODULES_DATA "/valid/giving-feedback.md"
#define LIFTING MODULES_DATA "/valid/safe-lifting"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct buf b;
    buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_append(&b, chunk, n);
    fclose(f);
    return buf_detach(&b, len);
}

static void test_parse_matches_load(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    size_t len;
    char *text = read_all(FEEDBACK, &len);
    struct module *loaded = module_load(FEEDBACK, &d);
    struct module *parsed = module_parse(FEEDBACK, NULL, text, len, &d);
    assert_non_null(loaded);
    assert_non_null(parsed);
    assert_int_equal(d.len, 0);
    assert_string_equal(parsed->id, loaded->id);
    assert_string_equal(parsed->title, loaded->title);
    assert_string_equal(parsed->markdown, loaded->markdown);
    assert_int_equal(parsed->body_line, loaded->body_line);
    assert_int_equal(parsed->levels, loaded->levels);
    assert_int_equal(parsed->mtime, loaded->mtime);
    assert_string_equal(parsed->source_path, FEEDBACK);
    assert_null(parsed->media_dir);
    module_free(loaded);
    module_free(parsed);
    free(text);
    diag_list_free(&d);
}

static void test_parse_keeps_the_module_folder(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    const char text[] = "---\nid: typed\ntitle: Typed in the editor\nsummary: From memory.\n"
                        "language: en\nminutes: 4\nlevels: [2]\n---\n## Hello\n\nSome words.\n";
    struct module *m = module_parse(LIFTING "/index.md", LIFTING, text, sizeof text - 1, &d);
    assert_non_null(m);
    assert_string_equal(m->id, "typed");
    assert_string_equal(m->media_dir, LIFTING);
    assert_string_equal(m->source_path, LIFTING "/index.md");
    assert_int_equal(m->levels, 1u << 2);
    assert_int_equal(m->body_line, 9);
    assert_string_equal(m->markdown, "## Hello\n\nSome words.\n");
    assert_true(m->mtime > 0);      /* the folder on disk */
    module_free(m);
    diag_list_free(&d);
}

static void test_parse_reports_lines_of_the_text(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    const char bad_key[] = "---\nid: typed\ntitle: T\nsummary: S.\nlanguage: en\nminutes: 4\n"
                           "levels: [1]\ncolour: blue\n---\nText.\n";
    assert_null(module_parse("mem.md", NULL, bad_key, sizeof bad_key - 1, &d));
    const struct diag *e = find_diag(&d, DIAG_ERROR, 8, 1, "colour");
    assert_non_null(e);
    assert_string_equal(e->file, "mem.md");
    diag_list_free(&d);

    diag_list_init(&d);
    const char fence[] = "---\nid: typed\ntitle: T\nsummary: S.\nlanguage: en\nminutes: 4\n"
                         "levels: [1]\n---\nText.\n\n::: level 3\nToo high.\n:::\n";
    assert_null(module_parse("mem.md", NULL, fence, sizeof fence - 1, &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 11, 0, "level 3"));
    diag_list_free(&d);

    diag_list_init(&d);
    const char no_header[] = "## Just text\n";
    assert_null(module_parse("mem.md", NULL, no_header, sizeof no_header - 1, &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "front-matter header"));
    diag_list_free(&d);
}

static void test_parse_refuses_what_is_not_utf8(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    const char latin1[] = "---\nid: x\ntitle: Caf\xe9\n---\n";
    assert_null(module_parse("mem.md", NULL, latin1, sizeof latin1 - 1, &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 3, 11, "not UTF-8"));
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_matches_load),
        cmocka_unit_test(test_parse_keeps_the_module_folder),
        cmocka_unit_test(test_parse_reports_lines_of_the_text),
        cmocka_unit_test(test_parse_refuses_what_is_not_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
