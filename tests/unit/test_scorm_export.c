/* test_scorm_export.c: every sample module exported as SCORM 1.2 and 2004 passes our own
 * importer with no warning (version, mastery, minutes, launch file), holds every media file its
 * page links to and no address of the server, carries each level's check with its answers, and
 * comes out byte for byte the same twice; a Dutch module's package speaks Dutch; a link to the
 * server becomes text; a package module is refused. */
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
#include <cmocka.h>

#include "content/catalog.h"
#include "content/media.h"
#include "content/package.h"
#include "content/package_import.h"
#include "content/quiz.h"
#include "content/render.h"
#include "content/scorm_export.h"
#include "server/buf.h"
#include "tests/unit/scorm_expect.h"

static const char *const version_name[] = {"1.2", "2004 4th Edition"};

struct fx {
    char dir[64];
    struct package_limits limits;
};

static int setup(void **state)
{
    struct fx *f = xcalloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/stepwise-export-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    package_limits_default(&f->limits);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    remove_tree(f->dir);
    free(f);
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    char *text = read_file_max(path, 64u << 20, len);
    assert_non_null(text);
    return text;
}

/* Exports m as v into the test folder; the zip's path (caller frees). */
static char *export(struct fx *f, const struct module *m, enum scorm_export_version v,
                    const char *tag)
{
    char *zip = xasprintf("%s/%s-%s%s.zip", f->dir, m->id, scorm_export_version_slug(v), tag);
    char *err = NULL;
    int rc = scorm_export(m, v, zip, &err);
    if (rc) fprintf(stderr, "export of %s: %s\n", m->id, err);
    assert_int_equal(rc, 0);
    return zip;
}

/* Each value of attr="media/..." in html is a file of the unpacked package. */
static void assert_media_inside(const char *html, const char *files, const char *attr)
{
    char *needle = xasprintf(" %s=\"", attr);
    for (const char *p = strstr(html, needle); p; p = strstr(p + 1, needle)) {
        const char *v = p + strlen(needle);
        char *url = xstrndup(v, strcspn(v, "\""));
        assert_true(strncmp(url, "/", 1) != 0);           /* no address of the server */
        if (!strncmp(url, "media/", 6)) {
            char *rel = media_url_decode(url);
            assert_true(fixture_has_file((void *)files, rel));
            free(rel);
        }
        free(url);
    }
    free(needle);
}

/* The JSON block of the page: one entry per level offered, each with every question of that
 * level and the right answers, and the count to pass. */
static void assert_answer_key(const struct module *m, const char *html)
{
    const char *start = strstr(html, "<script type=\"application/json\" id=\"sco-data\">");
    assert_non_null(start);
    start = strchr(start, '>') + 1;
    json_error_t je;
    json_t *data = json_loadb(start, (size_t)(strstr(start, "</script>") - start), 0, &je);
    assert_non_null(data);
    json_t *levels = json_object_get(data, "levels");
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
        char key[2] = {(char)('0' + l), '\0'};
        json_t *level = json_object_get(levels, key);
        assert_int_equal(level != NULL, module_has_level(m, l));
        if (!level) continue;
        struct quiz q;
        quiz_load(m, l, &q);
        json_t *items = json_object_get(level, "questions");
        assert_int_equal(json_array_size(items), q.n);
        assert_int_equal(json_integer_value(json_object_get(level, "needed")),
                         quiz_needed(m->mastery, q.n));
        for (size_t i = 0; i < q.n; i++) {
            json_t *item = json_array_get(items, i);
            assert_string_equal(json_string_value(json_object_get(item, "id")), q.items[i]->id);
            json_t *options = json_object_get(item, "options");
            assert_int_equal(json_array_size(options), q.items[i]->noptions);
            for (size_t k = 0; k < q.items[i]->noptions; k++)
                assert_int_equal(json_is_true(json_object_get(json_array_get(options, k), "correct")),
                                 q.items[i]->options[k].correct);
            assert_int_equal(json_array_size(json_object_get(item, "answers")), q.items[i]->nanswers);
        }
        quiz_free(&q);
    }
    json_decref(data);
}

/* Imports zip into a content folder of its own: no error, no warning, and what the importer
 * read is the module's. Returns the package's index.html (caller frees). */
static char *assert_imports(struct fx *f, const struct module *m, enum scorm_export_version v,
                           const char *zip)
{
    char *content = xasprintf("%s.content", zip);
    assert_int_equal(mkdir(content, 0755), 0);
    struct package_options o = {0};
    struct package_result res;
    struct diag_list d;
    diag_list_init(&d);
    int rc = package_import(content, zip, &o, &f->limits, &d, &res);
    if (rc || d.len) diag_print(&d, stderr);
    assert_int_equal(rc, 0);
    assert_int_equal(d.len, 0);
    assert_string_equal(res.scorm, version_name[v]);
    /* The manifest's identifier is an XML ID, which starts with a letter (m- when the id has none). */
    char *id = m->id[0] >= '0' && m->id[0] <= '9' ? xasprintf("m-%s", m->id) : xstrdup(m->id);
    assert_string_equal(res.id, id);
    assert_int_equal(res.launchable, 1);

    char *dir = xasprintf("%s/%s", content, id), *err = NULL;
    free(id);
    char *pkg_path = xasprintf("%s/" PACKAGE_FILE, dir);
    char *manifest_path = xasprintf("%s/1/" PACKAGE_MANIFEST, dir);
    json_t *pkg = package_read_json(pkg_path, &err), *manifest = package_read_json(manifest_path, &err);
    assert_non_null(pkg);
    assert_non_null(manifest);
    assert_string_equal(json_string_value(json_object_get(pkg, "title")), m->title);
    assert_string_equal(json_string_value(json_object_get(pkg, "summary")), m->summary);
    assert_string_equal(json_string_value(json_object_get(pkg, "language")), m->language);
    assert_int_equal(json_integer_value(json_object_get(pkg, "minutes")), m->minutes);
    json_t *item = json_array_get(json_object_get(manifest, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(item, "launch")), "index.html");
    assert_string_equal(json_string_value(json_object_get(item, "scorm_type")), "sco");
    if (v == SCORM_EXPORT_12)
        assert_float_equal(json_real_value(json_object_get(item, "mastery_score")),
                           m->mastery * 100, 1e-9);
    else
        assert_float_equal(json_real_value(json_object_get(item, "min_normalized_measure")),
                           m->mastery, 1e-9);
    assert_int_equal(json_array_size(json_object_get(manifest, "unsupported")), 0);

    char *files = xasprintf("%s/1/" PACKAGE_FILES, dir), *index = xasprintf("%s/index.html", files);
    size_t len;
    char *html = slurp(index, &len);
    assert_non_null(strstr(html, v == SCORM_EXPORT_2004 ? "data-scorm=\"2004\"" : "data-scorm=\"1.2\""));
    const char *attrs[] = {"src", "href", "poster", "action"};
    for (size_t i = 0; i < 4; i++) assert_media_inside(html, files, attrs[i]);
    assert_true(fixture_has_file(files, "sco.js"));
    assert_true(fixture_has_file(files, "style.css"));
    assert_answer_key(m, html);

    free(index);
    free(files);
    json_decref(pkg);
    json_decref(manifest);
    free(err);
    free(pkg_path);
    free(manifest_path);
    free(dir);
    package_result_free(&res);
    diag_list_free(&d);
    free(content);
    return html;
}

static void test_sample_modules_round_trip(void **state)
{
    struct fx *f = *state;
    char *err = NULL;
    struct catalog *c = catalog_load("modules", &err);
    assert_non_null(c);
    size_t exported = 0;
    for (size_t i = 0; i < c->len; i++) {
        const struct module *m = c->modules[i];
        if (m->kind != MODULE_MARKDOWN) continue;
        for (int v = SCORM_EXPORT_12; v <= SCORM_EXPORT_2004; v++) {
            char *zip = export(f, m, (enum scorm_export_version)v, "");
            free(assert_imports(f, m, (enum scorm_export_version)v, zip));
            free(zip);
            exported++;
        }
    }
    assert_true(exported >= 10);        /* five sample modules, two versions each */
    catalog_free(c);
}

/* The same module gives the same bytes: entries in one order, with a fixed time. */
static void test_same_bytes(void **state)
{
    struct fx *f = *state;
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_load("modules/safe-lifting", &d);
    assert_non_null(m);
    for (int v = SCORM_EXPORT_12; v <= SCORM_EXPORT_2004; v++) {
        char *a = export(f, m, (enum scorm_export_version)v, "-a");
        sleep(v == SCORM_EXPORT_12);    /* a second later: the time must not show */
        char *b = export(f, m, (enum scorm_export_version)v, "-b");
        size_t la, lb;
        char *da = slurp(a, &la), *db = slurp(b, &lb);
        assert_int_equal(la, lb);
        assert_memory_equal(da, db, la);
        free(da);
        free(db);
        free(a);
        free(b);
    }
    module_free(m);
    diag_list_free(&d);
}

static void test_manifest_namespaces(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_load("modules/safe-lifting", &d);
    assert_non_null(m);
    char *files[] = {"index.html", "media/a b.png"};
    size_t len;
    char *xml = scorm_export_manifest(m, SCORM_EXPORT_12, files, 2, &len);
    assert_non_null(strstr(xml, "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\""));
    assert_non_null(strstr(xml, "xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 "
                                "imscp_rootv1p1p2.xsd"));
    assert_non_null(strstr(xml, "<adlcp:masteryscore>80</adlcp:masteryscore>"));
    assert_non_null(strstr(xml, "adlcp:scormtype=\"sco\""));
    free(xml);
    xml = scorm_export_manifest(m, SCORM_EXPORT_2004, files, 2, &len);
    assert_non_null(strstr(xml, "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\""));
    assert_non_null(strstr(xml, "http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"));
    assert_non_null(strstr(xml, "<schemaversion>2004 4th Edition</schemaversion>"));
    assert_non_null(strstr(xml, "satisfiedByMeasure=\"true\""));
    assert_non_null(strstr(xml, "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>"));
    assert_non_null(strstr(xml, "<lom:duration>PT10M</lom:duration>"));
    assert_non_null(strstr(xml, "adlcp:scormType=\"sco\""));
    free(xml);
    module_free(m);
    diag_list_free(&d);
}

/* A module written by the test into its folder. */
static struct module *write_module(struct fx *f, const char *name, const char *text)
{
    char *dir = xasprintf("%s/%s", f->dir, name), *path = xasprintf("%s/index.md", dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs(text, out);
    fclose(out);
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_load(dir, &d);
    if (!m) diag_print(&d, stderr);
    assert_non_null(m);
    diag_list_free(&d);
    free(path);
    free(dir);
    return m;
}

static const char dutch[] =
    "---\nid: 7-stappen\ntitle: Zeven stappen\nsummary: Een korte les.\nlanguage: nl\n"
    "minutes: 5\nlevels: [1]\n---\n\n## Welkom\n\nLees ook [de andere les](/modules/safe-lifting)"
    " en [de site](https://example.org/).\n\n```question\nid: kijk\ntype: true-false\n"
    "prompt: Je kijkt eerst.\nanswer: true\n```\n";

/* The package's texts follow the module's language; a link to the server keeps only its text. */
static void test_dutch_module(void **state)
{
    struct fx *f = *state;
    struct module *m = write_module(f, "dutch", dutch);
    /* An id that starts with a digit is no XML ID: the manifest's identifiers get a letter. */
    char *zip = export(f, m, SCORM_EXPORT_2004, "");
    char *html = assert_imports(f, m, SCORM_EXPORT_2004, zip);
    assert_non_null(strstr(html, "<html lang=\"nl\""));
    assert_non_null(strstr(html, "Controleer mijn antwoorden"));
    assert_null(strstr(html, "Check my answers"));
    assert_non_null(strstr(html, "de andere les"));
    assert_null(strstr(html, "/modules/safe-lifting"));
    assert_non_null(strstr(html, "href=\"https://example.org/\""));
    free(html);
    free(zip);
    module_free(m);
}

static void test_refused(void **state)
{
    struct fx *f = *state;
    enum scorm_export_version v;
    assert_int_equal(scorm_export_version_parse("1.2", &v), 0);
    assert_int_equal(v, SCORM_EXPORT_12);
    assert_int_equal(scorm_export_version_parse("2004", &v), 0);
    assert_int_equal(v, SCORM_EXPORT_2004);
    assert_int_equal(scorm_export_version_parse("1.3", &v), -1);
    assert_int_equal(scorm_export_version_parse(NULL, &v), -1);

    struct module *m = write_module(f, "plain", "---\nid: plain\ntitle: Plain\nsummary: S.\n"
                                                 "language: en\nminutes: 1\nlevels: [1]\n---\n\nHi.\n");
    m->kind = MODULE_PACKAGE;
    char *err = NULL, *zip = xasprintf("%s/package.zip", f->dir);
    assert_int_equal(scorm_export(m, SCORM_EXPORT_12, zip, &err), -1);
    assert_non_null(strstr(err, "only Markdown modules are exported"));
    free(err);
    m->kind = MODULE_MARKDOWN;
    char *bad = xasprintf("%s/no-such-folder/x.zip", f->dir);
    err = NULL;
    assert_int_equal(scorm_export(m, SCORM_EXPORT_12, bad, &err), -1);
    assert_non_null(strstr(err, "cannot write"));
    free(err);
    free(bad);
    free(zip);
    module_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sample_modules_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_manifest_namespaces, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dutch_module, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
