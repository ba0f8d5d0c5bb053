/* test_scorm_manifest.c: reading imsmanifest.xml: the version of every SCORM edition, the
 * default organization's items, launch addresses with parameters and xml:base, the per-item
 * settings and (2004) the sequencing rules; unsupported features reported in words; and
 * hostile manifests (external entities, an entity bomb, a DOCTYPE, addresses outside the
 * package, missing launch files) refused with a clear error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "tests/unit/content_expect.h"
#include "tests/unit/scorm_expect.h"

static const char *str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static double num(const json_t *o, const char *key)
{
    assert_non_null(json_object_get(o, key));
    return json_number_value(json_object_get(o, key));
}

static json_t *item(const json_t *m, size_t i)
{
    json_t *it = json_array_get(json_object_get(m, "items"), i);
    assert_non_null(it);
    return it;
}

static void test_scorm12_single(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    json_t *m = parse_fixture("scorm12-single", &d);
    assert_non_null(m);
    assert_int_equal(d.len, 1);             /* the time limit, read but not enforced */
    assert_non_null(find_diag(&d, DIAG_WARNING, 20, 0, "item \"ITEM-1\" has a time limit; Stepwise "
                              "does not enforce time limits"));
    assert_string_equal(str(m, "scorm"), "1.2");
    assert_string_equal(str(m, "identifier"), "com.example.Forklift-Checks");
    assert_string_equal(str(m, "title"), "Forklift checks");
    assert_string_equal(str(m, "description"), "The daily checks before you drive a forklift.");
    assert_string_equal(str(m, "language"), "en");
    assert_string_equal(str(m, "organization"), "ORG-1");
    assert_int_equal(json_array_size(json_object_get(m, "items")), 1);
    json_t *it = item(m, 0);
    assert_string_equal(str(it, "title"), "Daily checks");
    assert_string_equal(str(it, "scorm_type"), "sco");
    assert_string_equal(str(it, "href"), "index.html");
    assert_string_equal(str(it, "parameters"), "?lesson=1&mode=normal");
    assert_string_equal(str(it, "launch"), "index.html?lesson=1&mode=normal");
    assert_true(num(it, "mastery_score") == 80);
    assert_string_equal(str(it, "max_time_allowed"), "00:30:00");
    assert_string_equal(str(it, "time_limit_action"), "exit,message");
    assert_string_equal(str(it, "data_from_lms"), "start=1");
    assert_int_equal(json_array_size(json_object_get(m, "unsupported")), 1);
    json_decref(m);
    diag_list_free(&d);
}

static void test_scorm12_multi(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    json_t *m = parse_fixture("scorm12-multi", &d);
    assert_non_null(m);
    assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
    assert_int_equal(json_array_size(json_object_get(m, "items")), 5);
    assert_string_equal(str(item(m, 1), "identifier"), "PARTS");
    assert_null(json_object_get(item(m, 1), "launch"));     /* an aggregation launches nothing */
    assert_int_equal(json_integer_value(json_object_get(item(m, 2), "depth")), 2);
    /* Parameters join the href's own query with '&'; a fragment is appended as it is. */
    assert_string_equal(str(item(m, 2), "launch"), "sco/one.html?from=manifest&part=1");
    assert_string_equal(str(item(m, 3), "launch"), "sco/two.html#start");
    assert_string_equal(str(item(m, 4), "scorm_type"), "asset");
    assert_true(json_is_false(json_object_get(item(m, 4), "visible")));
    assert_string_equal(str(item(m, 2), "prerequisites"), "INTRO");
    /* Said in words, and kept in the manifest for the author pages. */
    assert_non_null(find_diag(&d, DIAG_WARNING, 21, 0, "has prerequisites; Stepwise does not enforce"));
    assert_non_null(find_diag(&d, DIAG_WARNING, 11, 0, "has 2 organizations; Stepwise offers only "
                              "the default one, \"Working with the press\""));
    assert_int_equal(json_array_size(json_object_get(m, "unsupported")), 2);
    json_decref(m);
    diag_list_free(&d);
}

static void test_scorm2004_editions(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    json_t *m = parse_fixture("scorm2004-2nd", &d);
    assert_non_null(m);
    assert_string_equal(str(m, "scorm"), "2004 2nd Edition");
    assert_string_equal(str(item(m, 0), "launch"), "index.html");
    json_decref(m);

    m = parse_fixture("scorm2004-3rd", &d);
    assert_non_null(m);
    assert_int_equal(d.len, 0);
    assert_string_equal(str(m, "scorm"), "2004 3rd Edition");
    assert_string_equal(str(m, "description"), "Machines veilig uitzetten.");
    assert_string_equal(str(m, "language"), "nl");
    json_t *it = item(m, 0);
    assert_string_equal(str(it, "launch"), "index.html?lang=nl");
    json_t *ct = json_object_get(it, "completion_threshold");
    assert_true(num(ct, "min_progress_measure") == 0.75);   /* 3rd Edition: the text */
    assert_true(num(it, "min_normalized_measure") == 0.6);
    assert_string_equal(str(it, "data_from_lms"), "machine=press-3");
    json_decref(m);
    diag_list_free(&d);
}

static void test_scorm2004_4th_sequencing(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    json_t *m = parse_fixture("scorm2004-4th", &d);
    assert_non_null(m);
    assert_int_equal(diag_count(&d, DIAG_ERROR), 0);
    assert_string_equal(str(m, "scorm"), "2004 4th Edition");
    assert_int_equal(json_array_size(json_object_get(m, "items")), 3);
    json_t *before = item(m, 0);
    assert_string_equal(str(before, "href"), "content/sco1.html");     /* xml:base of resources */
    assert_string_equal(str(before, "launch"), "content/sco1.html?step=before");
    json_t *ct = json_object_get(before, "completion_threshold");
    assert_true(json_is_true(json_object_get(ct, "completed_by_measure")));
    assert_true(num(ct, "min_progress_measure") == 0.8);
    assert_true(num(ct, "progress_weight") == 0.5);
    assert_string_equal(str(before, "time_limit_action"), "continue,message");
    assert_string_equal(str(before, "attempt_duration_limit"), "PT30M");
    assert_true(num(before, "attempt_limit") == 3);
    assert_string_equal(str(json_object_get(before, "sequencing"), "IDRef"), "COMMON");

    json_t *during = item(m, 1);
    assert_true(num(during, "min_normalized_measure") == 0.7);
    assert_string_equal(str(during, "data_from_lms"), "line=4");
    json_t *rule = json_array_get(json_object_get(json_array_get(json_object_get(
        json_object_get(during, "sequencing"), "sequencingRules"), 0), "preConditionRule"), 0);
    json_t *cond = json_array_get(json_object_get(json_array_get(json_object_get(rule,
        "ruleConditions"), 0), "ruleCondition"), 0);
    assert_string_equal(str(cond, "condition"), "satisfied");
    assert_string_equal(str(cond, "operator"), "not");
    assert_string_equal(str(json_array_get(json_object_get(rule, "ruleAction"), 0), "action"), "disabled");

    json_t *org = json_object_get(m, "organization_sequencing");
    assert_string_equal(str(json_array_get(json_object_get(org, "controlMode"), 0), "choice"), "true");
    json_t *common = json_object_get(json_object_get(m, "sequencing_collection"), "COMMON");
    assert_string_equal(str(json_array_get(json_object_get(common, "deliveryControls"), 0), "tracked"), "true");
    assert_non_null(find_diag(&d, DIAG_WARNING, 53, 0, "\"QUIZ\" asks for randomization; Stepwise "
                              "keeps the items in the order of the manifest"));
    assert_non_null(find_diag(&d, DIAG_WARNING, 18, 0, "item \"BEFORE\" has a time limit; Stepwise "
                              "does not enforce time limits"));
    assert_non_null(find_diag(&d, DIAG_WARNING, 26, 0, "item \"BEFORE\" asks to hide the player's "
                              "\"continue\" control; Stepwise keeps its buttons"));
    json_decref(m);
    diag_list_free(&d);
}

/* A hostile manifest is refused with its error, and only that. */
static void expect_refused(const char *name, int line, const char *words)
{
    struct diag_list d;
    diag_list_init(&d);
    json_t *m = parse_fixture(name, &d);
    assert_null(m);
    assert_non_null(find_diag(&d, DIAG_ERROR, line, 0, words));
    diag_list_free(&d);
}

static void test_doctype_and_entities_refused(void **state)
{
    (void)state;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    expect_refused("hostile-bomb", 2, "the manifest has a DOCTYPE, which could declare entities");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* Refused before any expansion: a regression guard far above the few microseconds it takes. */
    assert_true(t1.tv_sec - t0.tv_sec < 2);
    expect_refused("hostile-xxe", 2, "remove the <!DOCTYPE ...> part");
    expect_refused("hostile-doctype-only", 2, "the manifest has a DOCTYPE");
}

static void test_addresses_outside_refused(void **state)
{
    (void)state;
    expect_refused("hostile-outside", 11, "resource \"R\" points outside the package "
                   "(\"sub/../../secret.html\")");
    expect_refused("hostile-missing-launch", 13, "item \"I\" launches \"lesson.html\", which is not in "
                   "the package");
    expect_refused("hostile-missing-launch", 14, "resource \"WEB\" points outside the package "
                   "(\"https://evil.example/x.html\")");
}

static void parse_text(const char *xml, struct diag_list *d, json_t **out)
{
    *out = scorm_manifest_parse(xml, strlen(xml), "imsmanifest.xml", fixture_has_file,
                                SCORM_DATA "/scorm12-single", d);
}

static void test_bad_documents(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    json_t *m;
    parse_text("<manifest><metadata>", &d, &m);
    assert_null(m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "the manifest is not well-formed XML: "));
    parse_text("<package/>", &d, &m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "the top element is <package>, not <manifest>"));
    parse_text("<manifest><metadata><schemaversion>1.3</schemaversion></metadata></manifest>", &d, &m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "metadata/schemaversion \"1.3\" is not a SCORM "
                              "version Stepwise reads"));
    parse_text("<manifest><metadata><schemaversion>1.2</schemaversion></metadata></manifest>", &d, &m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "the manifest has no organization"));
    parse_text("<manifest><metadata><schemaversion>1.2</schemaversion></metadata><organizations>"
               "<organization identifier='O'><title>T</title><item identifier='I' identifierref='NONE'/>"
               "</organization></organizations><resources/></manifest>", &d, &m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "item \"I\" names resource \"NONE\", which the "
                              "manifest does not have"));
    parse_text("<manifest><metadata><schemaversion>1.2</schemaversion></metadata><organizations>"
               "<organization identifier='O'><title>T</title><item identifier='I' identifierref='R'>"
               "<masteryscore>high</masteryscore></item></organization></organizations><resources>"
               "<resource identifier='R' href='/etc/passwd'/></resources></manifest>", &d, &m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "points outside the package (\"/etc/passwd\")"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "adlcp:masteryscore \"high\" is not a number from 0 to 100"));
    /* Escapes are decoded before ".." is folded: this file exists, but beside the package. */
    parse_text("<manifest><metadata><schemaversion>1.2</schemaversion></metadata><organizations>"
               "<organization identifier='O'><title>T</title><item identifier='I' identifierref='R'/>"
               "</organization></organizations><resources><resource identifier='R' "
               "href='%2e%2e/scorm12-multi/intro.html'/></resources></manifest>", &d, &m);
    assert_null(m);
    assert_non_null(find_diag(&d, DIAG_ERROR, 1, 0, "points outside the package "
                              "(\"%2e%2e/scorm12-multi/intro.html\")"));
    diag_list_free(&d);
}

/* A manifest of one SCO whose LOM metadata gives this typical learning time. */
static json_t *with_learning_time(const char *lom_time, struct diag_list *d)
{
    char *xml = xasprintf("<manifest><metadata><schemaversion>1.2</schemaversion><lom>"
                          "<educational>%s</educational></lom></metadata><organizations>"
                          "<organization identifier='O'><title>T</title><item identifier='I' "
                          "identifierref='R'/></organization></organizations><resources>"
                          "<resource identifier='R' href='index.html'/></resources></manifest>",
                          lom_time);
    json_t *m;
    parse_text(xml, d, &m);
    free(xml);
    assert_non_null(m);
    return m;
}

/* The minutes come from educational/typicalLearningTime (2004's LOM: duration; 1.2's IMS
 * metadata: typicallearningtime/datetime), rounded up; what is not a duration is a warning. */
static void test_learning_time(void **state)
{
    (void)state;
    static const struct { const char *lom; int minutes; } cases[] = {
        {"<typicalLearningTime><duration>PT15M</duration></typicalLearningTime>", 15},
        {"<typicalLearningTime><duration>PT1H30M</duration></typicalLearningTime>", 90},
        {"<typicalLearningTime><duration>PT90S</duration></typicalLearningTime>", 2},
        {"<typicallearningtime><datetime>PT10M</datetime></typicallearningtime>", 10},
    };
    struct diag_list d;
    diag_list_init(&d);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *m = with_learning_time(cases[i].lom, &d);
        assert_int_equal(json_integer_value(json_object_get(m, "minutes")), cases[i].minutes);
        json_decref(m);
    }
    assert_int_equal(d.len, 0);
    const char *bad[] = {"<typicalLearningTime><duration>P1D</duration></typicalLearningTime>",
                         "<typicalLearningTime><duration>PT700M</duration></typicalLearningTime>",
                         "<typicalLearningTime><duration>ten minutes</duration></typicalLearningTime>"};
    for (size_t i = 0; i < 3; i++) {
        json_t *m = with_learning_time(bad[i], &d);
        assert_null(json_object_get(m, "minutes"));
        json_decref(m);
    }
    assert_int_equal(diag_count(&d, DIAG_WARNING), 3);
    assert_non_null(find_diag(&d, DIAG_WARNING, 1, 0, "the typical learning time \"P1D\" is not a "
                              "duration of 1 to 600 minutes such as PT15M"));
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scorm12_single),
        cmocka_unit_test(test_scorm12_multi),
        cmocka_unit_test(test_scorm2004_editions),
        cmocka_unit_test(test_scorm2004_4th_sequencing),
        cmocka_unit_test(test_doctype_and_entities_refused),
        cmocka_unit_test(test_addresses_outside_refused),
        cmocka_unit_test(test_bad_documents),
        cmocka_unit_test(test_learning_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
