/* test_check.c: `stepwise check`: the exit status (and --strict), "file:line:column: error:
 * message" lines in file order with repeats dropped, the plain-language report per module and
 * level, the summary line, and the shape of --json. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "content/check.h"
#include "tests/unit/content_expect.h"

/* Runs check_run on the given paths; returns the output (caller frees) and the status in *rc. */
static char *run_check_flags(int n, char **paths, unsigned flags, int *rc)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    assert_non_null(f);
    *rc = check_run(n, paths, flags, f);
    fclose(f);
    return out;
}

static char *run_check(int n, char **paths, int *rc)
{
    return run_check_flags(n, paths, 0, rc);
}

/* 1 when text ends with the line want. */
static int ends_with_line(const char *text, const char *want)
{
    size_t n = strlen(text), k = strlen(want);
    return n >= k && !strcmp(text + n - k, want) && (n == k || text[n - k - 1] == '\n');
}

static void test_valid_folder_passes(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/valid"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(out,
        "Plain language (B1):\n"
        "  " MODULES_DATA "/valid/giving-feedback.md (giving-feedback, language en)\n"
        "    level 1: B1 ok: 5 sentences, 23 words, 4.6 words a sentence, 13% long words, LIX 17.6, "
        "Flesch Reading Ease 102.9\n"
        "    level 2: B1 ok: 5 sentences, 28 words, 5.6 words a sentence, 11% long words, LIX 16.3, "
        "Flesch Reading Ease 104.5\n"
        "    level 3: B1 ok: 6 sentences, 37 words, 6.2 words a sentence, 11% long words, LIX 17.0, "
        "Flesch Reading Ease 102.3\n"
        "  " MODULES_DATA "/valid/safe-lifting/index.md (safe-lifting, language en)\n"
        "    level 1: B1 ok: 2 sentences, 11 words, 5.5 words a sentence, 0% long words, LIX 5.5, "
        "Flesch Reading Ease 109.0\n"
        "    level 2: B1 ok: 2 sentences, 10 words, 5.0 words a sentence, 0% long words, LIX 5.0, "
        "Flesch Reading Ease 100.2\n"
        "2 modules checked: 0 errors, 0 warnings; 5 of 5 levels B1 ok\n");
    free(out);
}

static void test_one_module_file_and_folder(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/valid/giving-feedback.md", MODULES_DATA "/valid/safe-lifting",
                     MODULES_DATA "/valid/safe-lifting/"};
    int rc;
    char *out = run_check(3, paths, &rc);
    assert_int_equal(rc, 0);
    /* A module named twice is checked (and reported) once. */
    assert_non_null(strstr(out, "(safe-lifting, language en)"));
    assert_null(strstr(strstr(out, "(safe-lifting, language en)") + 1, "(safe-lifting"));
    assert_true(ends_with_line(out, "3 modules checked: 0 errors, 0 warnings; 5 of 5 levels B1 ok\n"));
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
    assert_true(ends_with_line(out, "1 module checked: 13 errors, 0 warnings; 1 of 1 level B1 ok\n"));
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
        "Plain language (B1):\n"
        "  " MODULES_DATA "/check/repeat.md (repeat, language en)\n"
        "    level 1: B1 ok: 1 sentence, 3 words, 3.0 words a sentence, 0% long words, LIX 3.0, "
        "Flesch Reading Ease 119.2\n"
        "    level 2: B1 ok: 1 sentence, 3 words, 3.0 words a sentence, 0% long words, LIX 3.0, "
        "Flesch Reading Ease 119.2\n"
        "    level 3: B1 ok: 2 sentences, 4 words, 2.0 words a sentence, 0% long words, LIX 2.0, "
        "Flesch Reading Ease 120.2\n"
        "1 module checked: 2 errors, 0 warnings; 3 of 3 levels B1 ok\n");
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
    assert_true(ends_with_line(out, "6 modules checked: 3 errors, 1 warning; 4 of 4 levels B1 ok\n"));
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
                             "0 modules checked: 1 error, 0 warnings; 0 of 0 levels B1 ok\n");
    free(out);
}

/* hard.md: a sentence of 29 words makes level 1 harder than B1; a skipped heading level and
 * "click here" are style warnings. Warnings alone pass, unless --strict. */
static void test_harder_than_b1_and_strict(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/check/hard.md"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, MODULES_DATA "/check/hard.md:14:1: warning: heading level 4 follows "
                                "level 2: use ### here"));
    assert_non_null(strstr(out, MODULES_DATA "/check/hard.md:16:1: warning: level 1 is harder than "
                                "B1: a sentence of 29 words (at most 25); rewrite first"));
    assert_non_null(strstr(out, MODULES_DATA "/check/hard.md:17:15: warning: link text \"click here\""));
    assert_non_null(strstr(out, "    level 1: harder than B1: 6 sentences, 47 words, 7.8 words a "
                                "sentence, 2% long words, LIX 10.0, Flesch Reading Ease 99.9\n"
                                "      sentences over 20 words:\n"
                                "        line 16: 29 words: When you lift a box in the warehouse"));
    assert_non_null(strstr(out, "      rewrite first:\n        line 16: 29 words: When you lift"));
    assert_true(ends_with_line(out, "1 module checked: 0 errors, 3 warnings; 0 of 1 level B1 ok\n"));
    free(out);

    out = run_check_flags(1, paths, CHECK_STRICT, &rc);
    assert_int_equal(rc, 1);
    free(out);
    char *good[] = {MODULES_DATA "/valid"};
    out = run_check_flags(1, good, CHECK_STRICT, &rc);
    assert_int_equal(rc, 0);
    free(out);
}

/* The Dutch module is measured with Dutch syllables and Flesch-Douma (values as worked out in
 * test_readability.c, plus the heading "Welkom": 1 word, 2 syllables). */
static void test_dutch_report(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/check/dutch.md"};
    int rc;
    char *out = run_check(1, paths, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(out, "(dutch, language nl)\n    level 1: B1 ok: 4 sentences, 15 words, "
                                "3.8 words a sentence, 20% long words, LIX 23.8, Flesch-Douma 64.7\n"));
    free(out);
}

static void test_same_id_in_two_paths(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/catalog/a.md", MODULES_DATA "/catalog/dup.md"};
    int rc;
    char *out = run_check(2, paths, &rc);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, MODULES_DATA "/catalog/dup.md:3:1: error: id \"alpha\" is already "
                                "used by " MODULES_DATA "/catalog/a.md"));
    free(out);
}

static json_t *get(json_t *obj, const char *key, json_type type)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_typeof(v) != type) fail_msg("\"%s\" missing or of the wrong type", key);
    return v;
}

static void test_json_shape(void **state)
{
    (void)state;
    char *paths[] = {MODULES_DATA "/check/hard.md", MODULES_DATA "/check/dutch.md"};
    int rc;
    char *out = run_check_flags(2, paths, CHECK_JSON, &rc);
    assert_int_equal(rc, 0);
    json_error_t err;
    json_t *root = json_loads(out, 0, &err);
    if (!root) fail_msg("not JSON: %s\n%s", err.text, out);
    assert_int_equal(json_integer_value(get(root, "modules", JSON_INTEGER)), 2);
    assert_int_equal(json_integer_value(get(root, "errors", JSON_INTEGER)), 0);
    assert_int_equal(json_integer_value(get(root, "warnings", JSON_INTEGER)), 3);
    json_t *diags = get(root, "diagnostics", JSON_ARRAY);
    assert_int_equal(json_array_size(diags), 3);
    json_t *d = json_array_get(diags, 2);
    assert_string_equal(json_string_value(get(d, "file", JSON_STRING)), MODULES_DATA "/check/hard.md");
    assert_int_equal(json_integer_value(get(d, "line", JSON_INTEGER)), 17);
    assert_int_equal(json_integer_value(get(d, "column", JSON_INTEGER)), 15);
    assert_string_equal(json_string_value(get(d, "severity", JSON_STRING)), "warning");
    assert_non_null(strstr(json_string_value(get(d, "message", JSON_STRING)), "click here"));

    json_t *modules = get(root, "readability", JSON_ARRAY);
    assert_int_equal(json_array_size(modules), 2);
    json_t *hard = json_array_get(modules, 0), *dutch = json_array_get(modules, 1);
    assert_string_equal(json_string_value(get(hard, "id", JSON_STRING)), "hard");
    assert_string_equal(json_string_value(get(dutch, "language", JSON_STRING)), "nl");
    json_t *level = json_array_get(get(hard, "levels", JSON_ARRAY), 0);
    assert_int_equal(json_integer_value(get(level, "level", JSON_INTEGER)), 1);
    assert_string_equal(json_string_value(get(level, "verdict", JSON_STRING)), "harder than B1");
    assert_int_equal(json_integer_value(get(level, "sentences", JSON_INTEGER)), 6);
    assert_int_equal(json_integer_value(get(level, "words", JSON_INTEGER)), 47);
    assert_int_equal(json_integer_value(get(level, "syllables", JSON_INTEGER)), 55);
    assert_int_equal(json_integer_value(get(level, "long_words", JSON_INTEGER)), 1);
    assert_true(json_real_value(get(level, "average_sentence_length", JSON_REAL)) == 7.83);
    assert_true(json_real_value(get(level, "average_syllables_per_word", JSON_REAL)) == 1.17);
    assert_true(json_real_value(get(level, "long_word_percent", JSON_REAL)) == 2.13);
    assert_true(json_real_value(get(level, "lix", JSON_REAL)) == 9.96);
    assert_string_equal(json_string_value(get(level, "flesch_formula", JSON_STRING)), "Flesch Reading Ease");
    assert_true(json_real_value(get(level, "flesch", JSON_REAL)) == 99.88);
    json_t *longs = get(level, "long_sentences", JSON_ARRAY), *worst = get(level, "rewrite_first", JSON_ARRAY);
    assert_int_equal(json_array_size(longs), 1);
    assert_int_equal(json_array_size(worst), 1);
    json_t *s = json_array_get(worst, 0);
    assert_int_equal(json_integer_value(get(s, "line", JSON_INTEGER)), 16);
    assert_int_equal(json_integer_value(get(s, "column", JSON_INTEGER)), 1);
    assert_int_equal(json_integer_value(get(s, "words", JSON_INTEGER)), 29);
    assert_int_equal(json_integer_value(get(s, "syllables", JSON_INTEGER)), 34);
    assert_non_null(strstr(json_string_value(get(s, "text", JSON_STRING)), "the weight of the load."));
    json_t *nl = json_array_get(get(dutch, "levels", JSON_ARRAY), 0);
    assert_string_equal(json_string_value(get(nl, "verdict", JSON_STRING)), "B1 ok");
    assert_string_equal(json_string_value(get(nl, "flesch_formula", JSON_STRING)), "Flesch-Douma");
    assert_int_equal(json_array_size(get(nl, "rewrite_first", JSON_ARRAY)), 0);
    json_decref(root);
    free(out);

    out = run_check_flags(2, paths, CHECK_JSON | CHECK_STRICT, &rc);
    assert_int_equal(rc, 1);
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
        cmocka_unit_test(test_harder_than_b1_and_strict),
        cmocka_unit_test(test_dutch_report),
        cmocka_unit_test(test_same_id_in_two_paths),
        cmocka_unit_test(test_json_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
