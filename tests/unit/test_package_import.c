/* test_package_import.c: `stepwise import` below the command line: fixture folders zipped at run
 * time become package modules in a content folder (versions kept on re-import, shown by the
 * catalogue), and hostile zips (a "../" name, an absolute name, a symbolic link, a name twice,
 * a zip bomb, too many bytes or files, a cut-short file, a manifest with entities or pointing
 * outside) are refused with their error and leave the content folder as it was. */
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>
#include <cmocka.h>

#include "content/catalog.h"
#include "content/package.h"
#include "content/package_import.h"
#include "tests/unit/content_expect.h"
#include "tests/unit/scorm_expect.h"

struct fx {
    char dir[64];           /* the test's own folder: content/ and the zips */
    char *content;
    struct package_limits limits;
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/stepwise-import-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    f->content = xasprintf("%s/content", f->dir);
    assert_int_equal(mkdir(f->content, 0755), 0);
    package_limits_default(&f->limits);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    remove_tree(f->dir);
    free(f->content);
    free(f);
    return 0;
}

/* Adds every file under dir/rel to the zip, named by its path below dir. */
static void add_tree(zip_t *za, const char *dir, const char *rel)
{
    char *path = *rel ? xasprintf("%s/%s", dir, rel) : xstrdup(dir);
    DIR *d = opendir(path);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *child = *rel ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        char *full = xasprintf("%s/%s", dir, child);
        struct stat st;
        assert_int_equal(stat(full, &st), 0);
        if (S_ISDIR(st.st_mode)) add_tree(za, dir, child);
        else assert_true(zip_file_add(za, child, zip_source_file(za, full, 0, -1), 0) >= 0);
        free(full);
        free(child);
    }
    closedir(d);
    free(path);
}

static void add_bytes(zip_t *za, const char *name, const void *data, size_t len)
{
    void *copy = xmalloc(len ? len : 1);
    memcpy(copy, data, len);
    zip_source_t *src = zip_source_buffer(za, copy, len, 1);
    assert_true(zip_file_add(za, name, src, 0) >= 0);
}

/* Zips the fixture package NAME (NULL: none) into the test folder as out.zip, then lets extra
 * add entries. Returns the zip's path (caller frees). */
static char *make_zip(struct fx *f, const char *name, void (*extra)(zip_t *))
{
    char *zip_path = xasprintf("%s/out.zip", f->dir);
    int err;
    zip_t *za = zip_open(zip_path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    if (name) {
        char *dir = xasprintf("%s/%s", SCORM_DATA, name);
        add_tree(za, dir, "");
        free(dir);
    }
    if (extra) extra(za);
    assert_int_equal(zip_close(za), 0);
    return zip_path;
}

/* The names in the content folder, hidden ones too, as one sorted line. */
static char *listing(const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    assert_true(n >= 0);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (int i = 0; i < n; i++) {
        buf_printf(&b, "%s ", names[i]->d_name);
        free(names[i]);
    }
    free(names);
    return buf_detach(&b, NULL);
}

static const struct package_options with_words = {.summary = "How to stay safe on a shift.", .minutes = 15};

/* Whether an error of d holds words (at any line). */
static int has_error(const struct diag_list *d, const char *words)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].severity == DIAG_ERROR && strstr(d->items[i].message, words)) return 1;
    fprintf(stderr, "no error with \"%s\"; found:\n", words);
    diag_print(d, stderr);
    return 0;
}

/* Imports zip_path; on refusal checks the error's words and that nothing was stored. */
static int import(struct fx *f, const char *zip_path, const struct package_options *o,
                  const char *error_words, struct package_result *res)
{
    struct diag_list d;
    diag_list_init(&d);
    char *before = listing(f->content);
    int rc = package_import(f->content, zip_path, o, &f->limits, &d, res);
    char *after = listing(f->content);
    if (error_words) {
        assert_int_equal(rc, -1);
        assert_true(has_error(&d, error_words));
        assert_string_equal(before, after);
    } else {
        if (rc != 0) diag_print(&d, stderr);
        assert_int_equal(rc, 0);
    }
    free(before);
    free(after);
    diag_list_free(&d);
    return rc;
}

static void expect_refused(struct fx *f, const char *fixture, void (*extra)(zip_t *), const char *words)
{
    char *zip_path = make_zip(f, fixture, extra);
    struct package_result res;
    import(f, zip_path, &with_words, words, &res);
    free(zip_path);
}

static char *read_text(const char *path)
{
    size_t len;
    char *text = read_file_max(path, 1 << 20, &len);
    assert_non_null(text);
    return text;
}

static void test_import_makes_a_module(void **state)
{
    struct fx *f = *state;
    char *zip_path = make_zip(f, "scorm2004-4th", NULL);
    struct package_result res;
    import(f, zip_path, &with_words, NULL, &res);
    assert_string_equal(res.id, "shift-safety-4th");
    assert_int_equal(res.version, 1);
    assert_string_equal(res.scorm, "2004 4th Edition");
    assert_int_equal(res.launchable, 3);
    package_result_free(&res);

    char *path = xasprintf("%s/shift-safety-4th/1/files/content/sco1.html", f->content);
    char *launch = read_text(path);
    assert_non_null(strstr(launch, "Before the shift"));
    free(launch);
    free(path);
    path = xasprintf("%s/shift-safety-4th/1/%s", f->content, PACKAGE_MANIFEST);
    char *err = NULL;
    json_t *manifest = package_read_json(path, &err);
    assert_non_null(manifest);
    assert_string_equal(json_string_value(json_object_get(manifest, "scorm")), "2004 4th Edition");
    json_decref(manifest);
    free(path);

    struct catalog *c = catalog_load(f->content, &err);
    assert_non_null(c);
    assert_int_equal(c->len, 1);
    const struct module *m = catalog_find(c, "shift-safety-4th");
    assert_non_null(m);
    assert_int_equal(m->kind, MODULE_PACKAGE);
    assert_int_equal(m->package_version, 1);
    assert_string_equal(m->title, "Safety on every shift");
    assert_string_equal(m->summary, "How to stay safe on a shift.");
    assert_int_equal(m->minutes, 15);
    assert_string_equal(m->language, "en");
    assert_null(m->media_dir);      /* package files are not lesson media */
    assert_non_null(strstr(m->markdown, "- Before the shift\n- During the shift\n- Quiz\n"));
    catalog_free(c);
    free(zip_path);
}

static void test_reimport_adds_a_version(void **state)
{
    struct fx *f = *state;
    char *zip_path = make_zip(f, "scorm12-single", NULL);
    struct package_options o = {.id = "forklift", .title = "Forklift checks", .minutes = 20,
                                .skills = "safety,forklift"};
    struct package_result res;
    struct package_options bad = {.id = "forklift", .minutes = 20, .skills = "safety,Fork Lift"};
    import(f, zip_path, &bad, "skill \"Fork Lift\" is not valid", &res);
    import(f, zip_path, &o, NULL, &res);
    assert_int_equal(res.version, 1);
    package_result_free(&res);
    /* Again, with no words: those of version 1 stay, the summary came from the manifest. */
    struct package_options again = {.id = "forklift"};
    import(f, zip_path, &again, NULL, &res);
    assert_int_equal(res.version, 2);
    package_result_free(&res);

    char *v1 = xasprintf("%s/forklift/1/files/index.html", f->content);
    char *v2 = xasprintf("%s/forklift/2/files/index.html", f->content);
    struct stat st;
    assert_int_equal(stat(v1, &st), 0);     /* attempts begun on version 1 finish there */
    assert_int_equal(stat(v2, &st), 0);
    char *err = NULL;
    struct catalog *c = catalog_load(f->content, &err);
    const struct module *m = catalog_find(c, "forklift");
    assert_non_null(m);
    assert_int_equal(m->package_version, 2);
    assert_int_equal(m->minutes, 20);
    assert_string_equal(m->summary, "The daily checks before you drive a forklift.");
    assert_int_equal(m->nskills, 2);
    assert_string_equal(m->skills[1], "forklift");
    catalog_free(c);
    char *pkg_path = xasprintf("%s/forklift/%s", f->content, PACKAGE_FILE);
    json_t *pkg = package_read_json(pkg_path, &err);
    assert_int_equal(json_array_size(json_object_get(pkg, "versions")), 2);
    json_decref(pkg);
    free(pkg_path);
    free(v1);
    free(v2);
    free(zip_path);
}

static void test_words_the_manifest_lacks(void **state)
{
    struct fx *f = *state;
    char *zip_path = make_zip(f, "scorm2004-4th", NULL);
    struct package_result res;
    struct package_options none = {0};
    import(f, zip_path, &none, "the manifest has no summary for the catalogue: give one with --summary", &res);
    struct package_options no_minutes = {.summary = "A summary."};
    import(f, zip_path, &no_minutes, "give the minutes with --minutes", &res);
    struct package_options bad_id = {.id = "Not An Id", .summary = "A summary.", .minutes = 5};
    import(f, zip_path, &bad_id, "id \"Not An Id\" is not valid", &res);
    free(zip_path);
}

static void test_markdown_id_is_kept(void **state)
{
    struct fx *f = *state;
    char *md = xasprintf("%s/forklift.md", f->content);
    FILE *out = fopen(md, "w");
    fputs("---\nid: forklift\ntitle: Forklift\nsummary: A lesson.\nlanguage: en\nminutes: 5\n"
          "levels: [1]\n---\nText.\n", out);
    fclose(out);
    char *zip_path = make_zip(f, "scorm12-single", NULL);
    struct package_options o = {.id = "forklift", .minutes = 20};
    struct package_result res;
    import(f, zip_path, &o, "id \"forklift\" is taken by the module", &res);
    free(zip_path);
    free(md);
}

/* Without a manifest identifier the id comes from the file's name, the uploaded one if given. */
static void test_id_from_file_name(void **state)
{
    struct fx *f = *state;
    char *zip_path = make_zip(f, "scorm2004-no-identifier", NULL);
    struct package_options o = {.summary = "Wash your hands.", .minutes = 5, .file_name = "Hand Washing (v2).zip"};
    struct package_result res;
    import(f, zip_path, &o, NULL, &res);
    assert_string_equal(res.id, "hand-washing-v2");
    package_result_free(&res);
    o.file_name = NULL;
    import(f, zip_path, &o, NULL, &res);
    assert_string_equal(res.id, "out");
    package_result_free(&res);
    free(zip_path);
}

/* A package folder named other than its id keeps the id: a second import may not take it. */
static void test_package_id_elsewhere(void **state)
{
    struct fx *f = *state;
    char *zip_path = make_zip(f, "scorm12-single", NULL);
    struct package_options o = {.id = "forklift", .minutes = 5};
    struct package_result res;
    import(f, zip_path, &o, NULL, &res);
    package_result_free(&res);
    char *from = xasprintf("%s/forklift", f->content), *to = xasprintf("%s/renamed", f->content);
    assert_int_equal(rename(from, to), 0);
    import(f, zip_path, &o, "id \"forklift\" is taken by the module", &res);
    free(from);
    free(to);
    free(zip_path);
}

static void dotdot(zip_t *za) { add_bytes(za, "../evil.html", "x", 1); }
static void absolute(zip_t *za) { add_bytes(za, "/tmp/evil.html", "x", 1); }
static void backslash(zip_t *za) { add_bytes(za, "..\\evil.html", "x", 1); }

static void symlink_entry(zip_t *za)
{
    add_bytes(za, "link.html", "/etc/passwd", 11);
    zip_int64_t i = zip_name_locate(za, "link.html", 0);
    assert_int_equal(zip_file_set_external_attributes(za, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX,
                                                      (zip_uint32_t)(S_IFLNK | 0777) << 16), 0);
}

static void zeros(zip_t *za)
{
    size_t len = 8u << 20;
    char *z = xcalloc(1, len);
    add_bytes(za, "zeros.bin", z, len);
    free(z);
}

static void one_page(zip_t *za) { add_bytes(za, "index.html", "<p>Hello</p>", 12); }

static void test_hostile_zips(void **state)
{
    struct fx *f = *state;
    expect_refused(f, "scorm12-single", dotdot, "entry \"../evil.html\" goes outside the package");
    expect_refused(f, "scorm12-single", absolute, "entry \"/tmp/evil.html\" has an absolute path");
    expect_refused(f, "scorm12-single", backslash, "has a backslash in its name");
    expect_refused(f, "scorm12-single", symlink_entry, "entry \"link.html\" is a symbolic link");
    expect_refused(f, "scorm12-single", zeros, "entry \"zeros.bin\" unpacks to ");
    expect_refused(f, "scorm12-single", zeros, "this looks like a zip bomb");
    expect_refused(f, "hostile-outside", NULL, "points outside the package");
    expect_refused(f, "hostile-xxe", NULL, "the manifest has a DOCTYPE");
    expect_refused(f, "hostile-bomb", NULL, "the manifest has a DOCTYPE");
    expect_refused(f, NULL, one_page, "has no imsmanifest.xml at its top level");
    /* The ratio is a limit like the others: raised, the same zip imports. */
    f->limits.max_ratio = 2000;
    char *zip_path = make_zip(f, "scorm12-single", zeros);
    struct package_result res;
    import(f, zip_path, &with_words, NULL, &res);
    package_result_free(&res);
    free(zip_path);
}

/* libzip will not write one name twice, so write two of the same length and make them equal. */
static void test_duplicate_names(void **state)
{
    struct fx *f = *state;
    char *zip_path = make_zip(f, "scorm12-single", NULL);
    int err;
    zip_t *za = zip_open(zip_path, 0, &err);
    add_bytes(za, "dupA.html", "a", 1);
    add_bytes(za, "dupB.html", "b", 1);
    assert_int_equal(zip_close(za), 0);
    size_t len;
    char *bytes = read_file_max(zip_path, 1 << 20, &len);
    for (char *p = bytes; (p = memmem(p, len - (size_t)(p - bytes), "dupB.html", 9)); p += 9) p[3] = 'A';
    FILE *out = fopen(zip_path, "wb");
    fwrite(bytes, 1, len, out);
    fclose(out);
    free(bytes);
    struct package_result res;
    import(f, zip_path, &with_words, "holds the same name twice", &res);
    free(zip_path);
}

static void test_limits_and_damage(void **state)
{
    struct fx *f = *state;
    struct package_result res;
    f->limits.max_bytes = 1024;
    expect_refused(f, "scorm2004-4th", NULL, "the limit is --max-package-bytes");
    f->limits.max_bytes = PACKAGE_DEFAULT_MAX_BYTES;
    f->limits.max_files = 3;
    expect_refused(f, "scorm2004-4th", NULL, "the package holds 4 files; the limit is 3 (--max-package-files)");
    f->limits.max_files = PACKAGE_DEFAULT_MAX_FILES;
    f->limits.max_manifest_bytes = 1024;
    expect_refused(f, "scorm2004-4th", NULL, "imsmanifest.xml is ");
    f->limits.max_manifest_bytes = PACKAGE_DEFAULT_MAX_MANIFEST;

    char *zip_path = make_zip(f, "scorm2004-4th", NULL);
    struct stat st;
    assert_int_equal(stat(zip_path, &st), 0);
    assert_int_equal(truncate(zip_path, st.st_size / 2), 0);
    import(f, zip_path, &with_words, "is not a zip file, or it is damaged or cut short", &res);
    char *missing = xasprintf("%s/none.zip", f->dir);
    import(f, missing, &with_words, "cannot open", &res);
    free(missing);
    free(zip_path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_import_makes_a_module, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reimport_adds_a_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_the_manifest_lacks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_markdown_id_is_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_id_from_file_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_package_id_elsewhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_zips, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limits_and_damage, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
