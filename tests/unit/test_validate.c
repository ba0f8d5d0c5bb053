/* test_validate.c: the xAPI statement validator against the fixture files and its format helpers.
 *
 * Fixtures (run from the repository root): tests/data/statements/{valid,invalid}/<rule>.json,
 * each one JSON object:
 *   "rule"      what the case shows, with the spec section or conformance id (not read);
 *   "version"   "1.0.3" or "2.0.0": check under that version only; absent: under both;
 *   "statement" the Statement to validate;
 *   "error"     (invalid/ only) a substring the message must contain, path first:
 *               "actor.mbox: must be a mailto: IRI".
 * Every valid fixture must pass, every invalid one must fail with its message, and validation
 * must never change the statement. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/validate.h"

static const char FIXTURES[] = "tests/data/statements/";

/* Checks one fixture under one version; returns a description of what went wrong (caller
 * frees) or NULL. */
static char *check_fixture(const char *name, const json_t *stmt, enum xapi_version v,
                           const char *want_error)
{
    char err[512] = "unset";
    json_t *before = json_deep_copy(stmt);
    int rc = xapi_validate_statement(stmt, v, err, sizeof err);
    const char *vn = v == XAPI_1_0_3 ? "1.0.3" : "2.0.0";
    char *problem = NULL;
    if (!json_equal(before, stmt))
        problem = xasprintf("%s (%s): the validator changed the statement", name, vn);
    else if (!want_error && rc != 0)
        problem = xasprintf("%s (%s): rejected: %s", name, vn, err);
    else if (want_error && rc == 0)
        problem = xasprintf("%s (%s): accepted, expected \"%s\"", name, vn, want_error);
    else if (want_error && !strstr(err, want_error))
        problem = xasprintf("%s (%s): message \"%s\" lacks \"%s\"", name, vn, err, want_error);
    else if (rc == 0 && err[0])
        problem = xasprintf("%s (%s): accepted but err not cleared: \"%s\"", name, vn, err);
    json_decref(before);
    return problem;
}

/* Runs one fixture file; appends any problems to report. */
static void run_fixture(const char *dir, const char *name, bool valid, struct buf *report)
{
    char *path = xasprintf("%s%s/%s", FIXTURES, dir, name);
    json_error_t jerr;
    json_t *fx = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!fx) {
        buf_printf(report, "%s: bad JSON: %s (line %d)\n", path, jerr.text, jerr.line);
        free(path);
        return;
    }
    const json_t *stmt = json_object_get(fx, "statement");
    const char *version = json_string_value(json_object_get(fx, "version"));
    const char *error = json_string_value(json_object_get(fx, "error"));
    enum xapi_version only;
    if (!stmt || (valid ? error != NULL : error == NULL) ||
        (version && xapi_parse_version(version, &only) != 0)) {
        buf_printf(report, "%s: malformed fixture (statement, version or error)\n", path);
    } else {
        for (int v = XAPI_1_0_3; v <= XAPI_2_0_0; v++) {
            if (version && (enum xapi_version)v != only) continue;
            char *problem = check_fixture(name, stmt, (enum xapi_version)v, error);
            if (problem) buf_printf(report, "%s\n", problem);
            free(problem);
        }
    }
    json_decref(fx);
    free(path);
}

static int is_json_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

/* Runs every fixture in one folder; returns how many there were. */
static int run_folder(const char *dir, bool valid)
{
    struct dirent **list;
    char *path = xasprintf("%s%s", FIXTURES, dir);
    int n = scandir(path, &list, is_json_file, alphasort);
    struct buf report;
    buf_init(&report);
    if (n < 0) fail_msg("cannot read %s (run the tests from the repository root)", path);
    for (int i = 0; i < n; i++) {
        run_fixture(dir, list[i]->d_name, valid, &report);
        free(list[i]);
    }
    free(list);
    free(path);
    if (report.len) {
        print_error("%s", report.data);
        buf_free(&report);
        fail_msg("%s fixtures failed (see above)", dir);
    }
    buf_free(&report);
    return n;
}

static void test_valid_fixtures(void **state)
{
    (void)state;
    assert_true(run_folder("valid", true) >= 15);
}

static void test_invalid_fixtures(void **state)
{
    (void)state;
    assert_true(run_folder("invalid", false) >= 40);
}

/* ---- every node of every fixture replaced by each JSON type, or removed ---- */

struct mutation_run {
    json_t *root;
    json_t *values[6];
    int runs;
    struct buf report;
};

/* The verdict on a mutated statement can be either; what must hold is a clean 0/-1 with a
 * message that starts with a path. */
static void validate_mutant(struct mutation_run *m)
{
    char err[256];
    for (int v = XAPI_1_0_3; v <= XAPI_2_0_0; v++) {
        int rc = xapi_validate_statement(m->root, (enum xapi_version)v, err, sizeof err);
        m->runs++;
        if (rc == 0 && err[0] == '\0') continue;
        if (rc == -1 && strstr(err, ": ") && err[0] != ':') continue;
        char *text = json_dumps(m->root, JSON_COMPACT);
        buf_printf(&m->report, "rc %d, err \"%s\" for %s\n", rc, err, text);
        free(text);
    }
}

static void mutate_node(struct mutation_run *m, json_t *node);

static void mutate_object(struct mutation_run *m, json_t *obj)
{
    size_t n = json_object_size(obj), i = 0;
    char **keys = xcalloc(n, sizeof *keys);
    for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it))
        keys[i++] = xstrdup(json_object_iter_key(it));
    for (i = 0; i < n; i++) {
        json_t *old = json_incref(json_object_get(obj, keys[i]));
        for (size_t r = 0; r < sizeof m->values / sizeof *m->values; r++) {
            json_object_set(obj, keys[i], m->values[r]);
            validate_mutant(m);
        }
        json_object_del(obj, keys[i]);
        validate_mutant(m);
        json_object_set(obj, keys[i], old);
        mutate_node(m, old);
        json_decref(old);
        free(keys[i]);
    }
    free(keys);
}

static void mutate_array(struct mutation_run *m, json_t *arr)
{
    for (size_t i = 0; i < json_array_size(arr); i++) {
        json_t *old = json_incref(json_array_get(arr, i));
        for (size_t r = 0; r < sizeof m->values / sizeof *m->values; r++) {
            json_array_set(arr, i, m->values[r]);
            validate_mutant(m);
        }
        json_array_set(arr, i, old);
        mutate_node(m, old);
        json_decref(old);
    }
}

static void mutate_node(struct mutation_run *m, json_t *node)
{
    if (json_is_object(node)) mutate_object(m, node);
    else if (json_is_array(node)) mutate_array(m, node);
}

static void mutate_folder(struct mutation_run *m, const char *dir)
{
    struct dirent **list;
    char *path = xasprintf("%s%s", FIXTURES, dir);
    int n = scandir(path, &list, is_json_file, alphasort);
    assert_true(n > 0);
    for (int i = 0; i < n; i++) {
        char *file = xasprintf("%s/%s", path, list[i]->d_name);
        json_t *fx = json_load_file(file, 0, NULL);
        assert_non_null(fx);
        m->root = json_object_get(fx, "statement");
        mutate_node(m, m->root);
        json_decref(fx);
        free(file);
        free(list[i]);
    }
    free(list);
    free(path);
}

static void test_mutated_fixtures(void **state)
{
    (void)state;
    struct mutation_run m = {.values = {json_null(), json_true(), json_integer(7),
                                        json_string("x"), json_array(), json_object()}};
    buf_init(&m.report);
    mutate_folder(&m, "valid");
    mutate_folder(&m, "invalid");
    for (size_t r = 0; r < sizeof m.values / sizeof *m.values; r++) json_decref(m.values[r]);
    if (m.report.len) print_error("%s", m.report.data);
    size_t bad = m.report.len;
    buf_free(&m.report);
    assert_int_equal(bad, 0);
    assert_true(m.runs > 10000);
}

/* ---- helpers ---- */

static void test_uuid(void **state)
{
    (void)state;
    assert_true(xapi_is_uuid("fd41c918-b88b-4b20-a0a5-a4c32391aaa0"));
    assert_true(xapi_is_uuid("FD41C918-B88B-4B20-A0A5-A4C32391AAA0"));
    assert_true(xapi_is_uuid("12345678-1234-5678-1234-567812345678")); /* any variant */
    assert_false(xapi_is_uuid("AA97B177-9383-4934-8543-0F91A7A028368"));
    assert_false(xapi_is_uuid("MA97B177-9383-4934-8543-0F91A7A02836"));
    assert_false(xapi_is_uuid("fd41c918b88b4b20a0a5a4c32391aaa0"));
    assert_false(xapi_is_uuid("{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}"));
    assert_false(xapi_is_uuid("fd41c918-b88b-4b20-a0a5_a4c32391aaa0"));
    assert_false(xapi_is_uuid(""));
    assert_false(xapi_is_uuid(NULL));
}

static void test_iri(void **state)
{
    (void)state;
    assert_true(xapi_is_iri("http://adlnet.gov/expapi/verbs/completed"));
    assert_true(xapi_is_iri("http://example.com/xapi/verbs#defenestrated"));
    assert_true(xapi_is_iri("urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0"));
    assert_true(xapi_is_iri("mailto:ana@example.com"));
    assert_true(xapi_is_iri("http://example.com/\xd9\x81\xd8\xb9\xd9\x84")); /* Arabic path */
    assert_true(xapi_is_iri("http://example.com/a%20b"));
    assert_false(xapi_is_iri("abc"));
    assert_false(xapi_is_iri("ab=c://should.fail.com")); /* conformance XAPI-00047 */
    assert_false(xapi_is_iri(""));
    assert_false(xapi_is_iri("/relative/path"));
    assert_false(xapi_is_iri("1http://example.com"));
    assert_false(xapi_is_iri("http:"));
    assert_false(xapi_is_iri("http://example.com/a b"));
    assert_false(xapi_is_iri("http://example.com/<tag>"));
    assert_false(xapi_is_iri("http://example.com/%zz"));
    assert_false(xapi_is_iri("http://example.com/\ttab"));
    assert_false(xapi_is_iri(NULL));
}

/* The parts of a timestamp as written: fraction to milliseconds, zone in minutes east of UTC. */
static void test_parse_timestamp(void **state)
{
    (void)state;
    struct xapi_timestamp t;
    assert_int_equal(xapi_parse_timestamp("20151118T121700.98765-0330", &t), 0);
    assert_int_equal(t.year, 2015);
    assert_int_equal(t.month, 11);
    assert_int_equal(t.day, 18);
    assert_int_equal(t.hour, 12);
    assert_int_equal(t.minute, 17);
    assert_int_equal(t.second, 0);
    assert_int_equal(t.millis, 987);
    assert_int_equal(t.offset_minutes, -210);
    assert_int_equal(xapi_parse_timestamp("2015-11-18T12:17,5+05Z", &t), -1);
    assert_int_equal(xapi_parse_timestamp("2015-11-18T12:17+05", &t), 0);
    assert_int_equal(t.second, 0);
    assert_int_equal(t.millis, 0);
    assert_int_equal(t.offset_minutes, 300);
    assert_int_equal(xapi_parse_timestamp("2015-11-18T12:17:00.1z", &t), 0);
    assert_int_equal(t.millis, 100);
    assert_int_equal(t.offset_minutes, 0);
    assert_int_equal(xapi_parse_timestamp(NULL, &t), -1);
}

static void test_timestamp(void **state)
{
    (void)state;
    assert_true(xapi_is_timestamp("2015-11-18T12:17:00+00:00"));
    assert_true(xapi_is_timestamp("2013-05-18T05:32:34.804Z"));
    assert_true(xapi_is_timestamp("2013-05-18T05:32:34.804123456Z"));
    assert_true(xapi_is_timestamp("2008-09-15 15:53:00.601+00:00")); /* RFC 3339 */
    assert_true(xapi_is_timestamp("2008-09-15t15:53:00z"));
    assert_true(xapi_is_timestamp("2015-11-18T12:17Z"));
    assert_true(xapi_is_timestamp("2015-11-18T12:17:00-05:00"));
    assert_true(xapi_is_timestamp("2015-11-18T12:17:00+0530"));
    assert_true(xapi_is_timestamp("2015-11-18T12:17:00+05"));
    assert_true(xapi_is_timestamp("20151118T121700Z")); /* basic format */
    assert_true(xapi_is_timestamp("20151118T121700.5-0300"));
    assert_true(xapi_is_timestamp("2016-02-29T00:00:00Z"));
    assert_true(xapi_is_timestamp("2016-12-31T23:59:60Z")); /* leap second */
    assert_false(xapi_is_timestamp("2008-09-15T15:53:00.601-00"));
    assert_false(xapi_is_timestamp("2008-09-15T15:53:00.601-0000"));
    assert_false(xapi_is_timestamp("2008-09-15T15:53:00.601-00:00"));
    assert_false(xapi_is_timestamp("2015-11-18T12:17:00")); /* no time zone */
    assert_false(xapi_is_timestamp("2015-02-29T00:00:00Z"));
    assert_false(xapi_is_timestamp("1900-02-29T00:00:00Z"));
    assert_false(xapi_is_timestamp("2015-13-01T00:00:00Z"));
    assert_false(xapi_is_timestamp("2015-11-18T24:00:00Z"));
    assert_false(xapi_is_timestamp("2015-11-18T12:60:00Z"));
    assert_false(xapi_is_timestamp("2015-11-18T12:17:00.Z"));
    assert_false(xapi_is_timestamp("2015-11-18T12:17:00+24:00"));
    assert_false(xapi_is_timestamp("2015-11-18"));
    assert_false(xapi_is_timestamp("2015-11-18T12:17:00Z trailing"));
    assert_false(xapi_is_timestamp("20151118 121700Z")); /* space only in extended format */
    assert_false(xapi_is_timestamp("01/011/2015"));
    assert_false(xapi_is_timestamp("201"));
    assert_false(xapi_is_timestamp(""));
    assert_false(xapi_is_timestamp(NULL));
}

static void test_duration(void **state)
{
    (void)state;
    assert_true(xapi_is_duration("PT4H35M59.14S"));
    assert_true(xapi_is_duration("PT16559.14S"));
    assert_true(xapi_is_duration("P3Y1M29DT4H35M59.14S"));
    assert_true(xapi_is_duration("P3Y"));
    assert_true(xapi_is_duration("P4W"));
    assert_true(xapi_is_duration("PT1H0M0.1S"));
    assert_true(xapi_is_duration("PT0,5S"));
    assert_true(xapi_is_duration("P1M"));
    assert_true(xapi_is_duration("PT1M"));
    assert_false(xapi_is_duration("P4W1D")); /* weeks stand alone */
    assert_false(xapi_is_duration("PA1H0M0S"));
    assert_false(xapi_is_duration("P"));
    assert_false(xapi_is_duration("PT"));
    assert_false(xapi_is_duration("P1DT"));
    assert_false(xapi_is_duration("P1H")); /* hours need T */
    assert_false(xapi_is_duration("PT1S1M")); /* order */
    assert_false(xapi_is_duration("P1Y1Y"));
    assert_false(xapi_is_duration("PT0.5H1M")); /* fraction only on the last part */
    assert_false(xapi_is_duration("PT1.S"));
    assert_false(xapi_is_duration("P0001-02-03T04:05:06")); /* alternative format */
    assert_false(xapi_is_duration("pt1s"));
    assert_false(xapi_is_duration("PT1S "));
    assert_false(xapi_is_duration(NULL));
}

static void test_language_tag(void **state)
{
    (void)state;
    static const char *const good[] = {
        "de", "en-US", "ine", "zh-Hant", "sr-Latn", "zh-cmn-Hans-CN", "sr-Latn-RS",
        "sl-rozaj-biske", "de-CH-1901", "hy-Latn-IT-arevela", "de-DE", "es-419",
        "az-Arab-x-AZE-derbend", "x-whatever", "i-enochian", "en-GB-oed", "EN-us",
        "en-a-bbb-x-a-ccc", "zh-min-nan", NULL};
    static const char *const bad[] = {
        "de-419-DE", "a-DE", "ar-a-aaa-b-bbb-a-ccc", "zh-z-aaa-z-bbb-c-ccc", "something",
        "en_US", "en-", "-en", "en--US", "x", "en-x", "de-DE-1901-1901", "en-a", "1en", "",
        "supercalifragilisticexpialidociouswhatabouthhhhhhh", NULL};
    for (size_t i = 0; good[i]; i++)
        if (!xapi_is_language_tag(good[i])) fail_msg("rejected good tag %s", good[i]);
    for (size_t i = 0; bad[i]; i++)
        if (xapi_is_language_tag(bad[i])) fail_msg("accepted bad tag %s", bad[i]);
    assert_false(xapi_is_language_tag(NULL));
}

static void test_parse_version(void **state)
{
    (void)state;
    enum xapi_version v = XAPI_2_0_0;
    assert_int_equal(xapi_parse_version("1.0.3", &v), 0);
    assert_int_equal(v, XAPI_1_0_3);
    assert_int_equal(xapi_parse_version("2.0.0", &v), 0);
    assert_int_equal(v, XAPI_2_0_0);
    assert_int_equal(xapi_parse_version("1.0", &v), 0);
    assert_int_equal(v, XAPI_1_0_3);
    assert_int_equal(xapi_parse_version("1.0.10", &v), 0);
    assert_int_equal(xapi_parse_version("2.0", &v), 0);
    assert_int_equal(v, XAPI_2_0_0);
    static const char *const bad[] = {"1.1.0", "0.9.9", "1.0.", "1", "2", "1.0.3 ", " 1.0.3",
                                      "1.0.x", "1.0.3.1", "2.1.0", "", "should fail", NULL};
    for (size_t i = 0; bad[i]; i++)
        if (xapi_parse_version(bad[i], &v) == 0) fail_msg("accepted version \"%s\"", bad[i]);
    assert_int_equal(xapi_parse_version(NULL, &v), -1);
}

/* ---- entry points other than the fixtures cover ---- */

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *j = json_loads(text, 0, &jerr);
    if (!j) fail_msg("test JSON: %s", jerr.text);
    return j;
}

static void test_validate_agent(void **state)
{
    (void)state;
    char err[256];
    json_t *agent = parse("{\"mbox\":\"mailto:ana@example.com\"}");
    json_t *group = parse("{\"objectType\":\"Group\",\"account\":"
                          "{\"homePage\":\"https://stepwise.example\",\"name\":\"crew\"}}");
    json_t *bad = parse("{\"objectType\":\"Agent\",\"mbox\":\"ana@example.com\"}");
    json_t *notobj = parse("[1]");
    assert_int_equal(xapi_validate_agent(agent, XAPI_1_0_3, "agent", err, sizeof err), 0);
    assert_int_equal(xapi_validate_agent(group, XAPI_2_0_0, "agent", err, sizeof err), 0);
    assert_int_equal(xapi_validate_agent(bad, XAPI_1_0_3, "agent", err, sizeof err), -1);
    assert_string_equal(err, "agent.mbox: must be a mailto: IRI with an email address");
    assert_int_equal(xapi_validate_agent(bad, XAPI_1_0_3, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "agent.mbox:"));
    assert_int_equal(xapi_validate_agent(notobj, XAPI_1_0_3, "q", err, sizeof err), -1);
    assert_string_equal(err, "q: must be an Agent or Group object");
    json_decref(agent);
    json_decref(group);
    json_decref(bad);
    json_decref(notobj);
}

static void test_validate_substatement(void **state)
{
    (void)state;
    char err[256];
    json_t *sub = parse("{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:a@b.c\"},"
                        "\"verb\":{\"id\":\"http://example.com/visited\"},"
                        "\"object\":{\"id\":\"http://example.com/website\"}}");
    assert_int_equal(xapi_validate_substatement(sub, XAPI_1_0_3, err, sizeof err), 0);
    json_object_set_new(sub, "stored", json_string("2015-11-18T12:17:00Z"));
    assert_int_equal(xapi_validate_substatement(sub, XAPI_1_0_3, err, sizeof err), -1);
    assert_string_equal(err, "stored: is not allowed in a SubStatement");
    json_object_del(sub, "stored");
    json_object_del(sub, "objectType");
    assert_int_equal(xapi_validate_substatement(sub, XAPI_2_0_0, err, sizeof err), -1);
    assert_string_equal(err, "objectType: must be \"SubStatement\"");
    json_decref(sub);
}

/* A language map needs at least one entry, wherever it is (here a verb display, a description). */
static void test_empty_language_map(void **state)
{
    (void)state;
    char err[256];
    json_t *stmt = parse("{\"actor\":{\"mbox\":\"mailto:a@b.c\"},"
                         "\"verb\":{\"id\":\"http://example.com/v\",\"display\":{}},"
                         "\"object\":{\"id\":\"http://example.com/a\"}}");
    assert_int_equal(xapi_validate_statement(stmt, XAPI_1_0_3, err, sizeof err), -1);
    assert_string_equal(err, "verb.display: must hold at least one language");
    json_object_del(json_object_get(stmt, "verb"), "display");
    json_object_set_new(json_object_get(stmt, "object"), "definition",
                        json_pack("{s:{}}", "description"));
    assert_int_equal(xapi_validate_statement(stmt, XAPI_2_0_0, err, sizeof err), -1);
    assert_string_equal(err, "object.definition.description: must hold at least one language");
    json_decref(stmt);
}

/* A short buffer gets a truncated, terminated message; none at all is allowed too. */
static void test_error_buffer(void **state)
{
    (void)state;
    char err[12];
    memset(err, 'x', sizeof err);
    json_t *stmt = parse("{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":\"x\"},"
                         "\"object\":{\"id\":\"http://example.com/a\"}}");
    assert_int_equal(xapi_validate_statement(stmt, XAPI_1_0_3, err, sizeof err), -1);
    assert_string_equal(err, "verb.id: mu");
    assert_int_equal(xapi_validate_statement(stmt, XAPI_1_0_3, NULL, 0), -1);
    json_decref(stmt);
}

/* A path longer than the 255 characters a path keeps: a quoted key is cut there, as snprintf
 * cut it. */
static void test_long_paths(void **state)
{
    (void)state;
    char err[512], key[301];
    memset(key, 'x', 300);
    key[300] = '\0';
    char *text = xasprintf("{\"actor\":{\"mbox\":\"mailto:a@b.c\"},\"verb\":{\"id\":"
                           "\"http://example.com/v\",\"display\":{\"%s\":\"x\"}},\"object\":"
                           "{\"id\":\"http://example.com/a\"}}", key);
    json_t *stmt = parse(text);
    assert_int_equal(xapi_validate_statement(stmt, XAPI_1_0_3, err, sizeof err), -1);
    char *want = xasprintf("%.255s: key must be an RFC 5646 language tag",
                           "verb.display[\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                           "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    assert_string_equal(err, want);
    free(want);
    json_decref(stmt);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_fixtures),
        cmocka_unit_test(test_invalid_fixtures),
        cmocka_unit_test(test_mutated_fixtures),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_iri),
        cmocka_unit_test(test_parse_timestamp),
        cmocka_unit_test(test_timestamp),
        cmocka_unit_test(test_duration),
        cmocka_unit_test(test_language_tag),
        cmocka_unit_test(test_parse_version),
        cmocka_unit_test(test_validate_agent),
        cmocka_unit_test(test_validate_substatement),
        cmocka_unit_test(test_empty_language_map),
        cmocka_unit_test(test_error_buffer),
        cmocka_unit_test(test_long_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
