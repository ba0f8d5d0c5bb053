/* test_check.c: `stepwise check`: the exit status, "file:line:column: error: message" lines in
 * file order with repeats dropped, and the summary line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/check.h"
#include "tests/unit/content_expect.h"

/* Runs check_run on the given paths; returns the output (caller frees) and the status in *rc. */
static char *run_check(int n, char **paths, int *rc)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    *rc = check_run(n, paths, f);
    fclose(f);
    return out;
}

static void test_valid_folder_passes(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/valid"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "2 modules checked: 0 errors, 0 warnings\n");
    free(out);
}

static void test_one_module_file_and_folder(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/valid/giving-feedback.md", MODULES_DATA "/valid/safe-lifting"};
    int rc;
    char *out = run_check(2, paths, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(out, "2 modules checked: 0 errors, 0 warnings\n");
    free(out);
}

static void test_render_findings_are_errors(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/media-errors"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, MODULES_DATA "/media-errors/index.md:11:1: error: video "
                                "\"clip.mp4\" has no captions: add \"captions: clip.nl.vtt\" "
                                "(a WebVTT file)\n"));
    assert_non_null(strstr(out, MODULES_DATA "/media-errors/index.md:34:1: error: image \"clip.jpg\" "
                                "has no alt text"));
    assert_non_null(strstr(out, MODULES_DATA "/media-errors/index.md:40:1: error: raw HTML"));
    /* In file order: the heading on line 9 comes first. */
    assert_true(strstr(out, "index.md:9:1:") < strstr(out, "index.md:11:1:"));
    assert_non_null(strstr(out, "\n1 module checked: 13 errors, 0 warnings\n"));
    free(out);
}

static void test_shared_text_reported_once(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/check/repeat.md"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 1);
    assert_string_equal(out,
        MODULES_DATA "/check/repeat.md:9:6: error: raw HTML \"<em>\" is not allowed and was left "
        "out: write it in Markdown instead\n"
        MODULES_DATA "/check/repeat.md:9:13: error: raw HTML \"</em>\" is not allowed and was left "
        "out: write it in Markdown instead\n"
        "1 module checked: 2 errors, 0 warnings\n");
    free(out);
}

static void test_catalog_folder_counts_skipped(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/catalog", MODULES_DATA "/broken/unclosed-fence.md"};
    int rc;
    char *out = run_check(2, paths, &rc);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, MODULES_DATA "/catalog/dup.md:3:1: error: id \"alpha\" is already "
                                "used by " MODULES_DATA "/catalog/a.md"));
    assert_non_null(strstr(out, MODULES_DATA "/catalog/notes: warning: this folder has no index.md"));
    assert_non_null(strstr(out, MODULES_DATA "/broken/unclosed-fence.md:11:1: error: this level "
                                "fence is not closed"));
    assert_non_null(strstr(out, "\n6 modules checked: 3 errors, 1 warning\n"));
    free(out);
}

static void test_missing_path(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/nope"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 1);
    assert_string_equal(out, MODULES_DATA "/nope: error: cannot read: No such file or directory\n"
                             "0 modules checked: 1 error, 0 warnings\n");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_folder_passes),
        cmocka_unit_test(test_one_module_file_and_folder),
        cmocka_unit_test(test_render_findings_are_errors),
        cmocka_unit_test(test_shared_text_reported_once),
        cmocka_unit_test(test_catalog_folder_counts_skipped),
        cmocka_unit_test(test_missing_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
