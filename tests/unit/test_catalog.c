/* test_catalog.c: loading modules and content folders: broken modules are reported and skipped
 * while the others load, a second use of an id is an error, '.' and '_' names are ignored, the
 * list is sorted by title; plus module limits (size, encoding) and modification times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "content/catalog.h"
#include "tests/unit/content_expect.h"

static void test_catalog_skips_broken_and_duplicates(void **state)
{
    (void)state;
    char *err = NULL;
    struct catalog *c = catalog_load(MODULES_DATA "/catalog/", &err);
    assert_non_null(c);
    assert_null(err);
    assert_string_equal(c->dir, MODULES_DATA "/catalog");
    assert_int_equal(c->len, 3);
    assert_int_equal(c->nfound, 5);
    assert_string_equal(c->modules[0]->title, "Alpha comes first");
    assert_string_equal(c->modules[1]->title, "Middle lesson");
    assert_string_equal(c->modules[2]->title, "Zeta comes last");
    /* The first file in name order keeps the id; the second is the error. */
    assert_string_equal(catalog_find(c, "alpha")->source_path, MODULES_DATA "/catalog/a.md");
    assert_string_equal(catalog_find(c, "lesson")->media_dir, MODULES_DATA "/catalog/lesson");
    assert_null(catalog_find(c, "missing"));

    const struct diag *e = find_diag(&c->diags, DIAG_ERROR, 3, 1, "id \"alpha\" is already used "
                                     "by " MODULES_DATA "/catalog/a.md: give this module another id");
    assert_non_null(e);
    assert_string_equal(e->file, MODULES_DATA "/catalog/dup.md");
    e = find_diag(&c->diags, DIAG_ERROR, 1, 1, "has no \"id\"");
    assert_non_null(e);
    assert_string_equal(e->file, MODULES_DATA "/catalog/broken.md");
    e = find_diag(&c->diags, DIAG_WARNING, 0, 0, "has no index.md");
    assert_non_null(e);
    assert_string_equal(e->file, MODULES_DATA "/catalog/notes");
    assert_int_equal(c->diags.len, 3);      /* _ignored.md and readme.txt are not looked at */
    catalog_free(c);
}

/* A folder large enough to be loaded on several threads reports the same as one thread would:
 * every finding once, in name order, and the first module in name order keeps a shared id. */
static void test_catalog_many_modules_in_name_order(void **state)
{
    (void)state;
    char dir[] = "/tmp/stepwise-catalog-XXXXXX";
    assert_non_null(mkdtemp(dir));
    enum { N = 200 };
    for (int i = 0; i < N; i++) {
        char *path = xasprintf("%s/m%03d.md", dir, i);
        /* every tenth is broken (no id); every 50th from 20 on takes the id of m000 */
        char *id = i % 10 == 5 ? xstrdup("") : xasprintf("id: m%d\n", i % 50 == 20 ? 0 : i);
        char *text = xasprintf("---\n%stitle: Module %03d\nsummary: A lesson.\nlanguage: en\n"
                               "minutes: 5\nlevels: [1]\n---\n\nText.\n", id, i);
        free(id);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        free(text);
        free(path);
    }
    char *err = NULL;
    struct catalog *c = catalog_load(dir, &err);
    assert_non_null(c);
    assert_int_equal(c->nfound, N);
    /* 20 broken (5, 15, ...), 4 second users of m0 (20, 70, 120, 170) */
    assert_int_equal(c->len, N - 20 - 4);
    assert_int_equal(c->diags.len, 20 + 4);
    char *first = xasprintf("%s/m000.md", dir);
    assert_string_equal(catalog_find(c, "m0")->source_path, first);
    int k = 0;
    for (int i = 0; i < N; i++) {
        if (i % 10 != 5 && i % 50 != 20) continue;
        char *file = xasprintf("%s/m%03d.md", dir, i);
        const struct diag *d = &c->diags.items[k++];
        assert_string_equal(d->file, file);
        assert_int_equal(d->severity, DIAG_ERROR);
        if (i % 50 == 20) {
            char *msg = xasprintf("id \"m0\" is already used by %s: give this module another id", first);
            assert_string_equal(d->message, msg);
            free(msg);
        }
        free(file);
    }
    for (size_t i = 1; i < c->len; i++)
        assert_true(strcmp(c->modules[i - 1]->title, c->modules[i]->title) < 0);
    free(first);
    catalog_free(c);
    for (int i = 0; i < N; i++) {
        char *path = xasprintf("%s/m%03d.md", dir, i);
        unlink(path);
        free(path);
    }
    rmdir(dir);
}

static void test_catalog_ignores_dot_and_underscore(void **state)
{
    (void)state;
    char *err = NULL;
    struct catalog *c = catalog_load(MODULES_DATA "/valid", &err);
    assert_non_null(c);
    assert_int_equal(c->len, 2);
    assert_int_equal(c->nfound, 2);
    assert_int_equal(c->diags.len, 0);
    assert_string_equal(c->modules[0]->id, "giving-feedback");
    assert_string_equal(c->modules[1]->id, "safe-lifting");
    catalog_free(c);
}

static void test_catalog_unreadable_dir(void **state)
{
    (void)state;
    char *err = NULL;
    assert_null(catalog_load(MODULES_DATA "/no-such-folder", &err));
    assert_non_null(strstr(err, "cannot read the content folder " MODULES_DATA "/no-such-folder"));
    free(err);
}

static void test_module_load_folder_and_mtime(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_load(MODULES_DATA "/valid/safe-lifting/", &d);
    assert_non_null(m);
    assert_string_equal(m->source_path, MODULES_DATA "/valid/safe-lifting/index.md");
    assert_string_equal(m->media_dir, MODULES_DATA "/valid/safe-lifting");
    struct stat st;
    assert_int_equal(stat(m->source_path, &st), 0);
    assert_true(m->mtime >= st.st_mtime);
    assert_int_equal(module_current_mtime(m), m->mtime);
    free(m->source_path);
    m->source_path = xstrdup(MODULES_DATA "/valid/safe-lifting/gone.md");
    assert_int_equal(module_current_mtime(m), 0);
    module_free(m);
    assert_int_equal(d.len, 0);
    diag_list_free(&d);
}

static void test_module_not_a_module(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    assert_null(module_load(MODULES_DATA "/catalog/notes", &d));
    assert_null(module_load(MODULES_DATA "/catalog/readme.txt", &d));
    assert_null(module_load(MODULES_DATA "/nothing-here.md", &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 0, 0, "this folder has no index.md"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 0, 0, "not a module: give a .md file"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 0, 0, "cannot read: No such file"));
    diag_list_free(&d);
}

/* Writes text to a new temporary .md file; returns its path (caller unlinks and frees). */
static char *temp_module(const char *text, size_t len)
{
    char *path = xstrdup("/tmp/stepwise-module-XXXXXX.md");
    int fd = mkstemps(path, 3);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

static void test_module_limits(void **state)
{
    (void)state;
    size_t big = 1024 * 1024 + 1;
    char *text = xmalloc(big);
    memset(text, 'a', big);
    char *path = temp_module(text, big);
    struct diag_list d;
    diag_list_init(&d);
    assert_null(module_load(path, &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 0, 0, "a module must stay under 1 MiB"));
    unlink(path);
    free(path);
    free(text);

    static const char latin1[] = "---\nid: x\ntitle: Caf\xE9\n---\n";
    path = temp_module(latin1, sizeof latin1 - 1);
    assert_null(module_load(path, &d));
    assert_non_null(find_diag(&d, DIAG_ERROR, 3, 11, "not UTF-8"));
    unlink(path);
    free(path);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalog_skips_broken_and_duplicates),
        cmocka_unit_test(test_catalog_many_modules_in_name_order),
        cmocka_unit_test(test_catalog_ignores_dot_and_underscore),
        cmocka_unit_test(test_catalog_unreadable_dir),
        cmocka_unit_test(test_module_load_folder_and_mtime),
        cmocka_unit_test(test_module_not_a_module),
        cmocka_unit_test(test_module_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
