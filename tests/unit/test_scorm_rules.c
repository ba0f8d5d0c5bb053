/* test_scorm_rules.c: a 2004 course's state by its manifest's own rollup (server/scorm_rules.h),
 * on manifests parsed by the real parser: measure rollup with weights and satisfiedByMeasure,
 * rule child sets and conditions, SCOs left out of rollup or not tracked, clusters, the
 * sequencing collection, and the default rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/diag.h"
#include "content/scorm_manifest.h"
#include "server/scorm_rules.h"

static int any_file(void *ctx, const char *path)
{
    (void)ctx;
    (void)path;
    return 1;
}

/* A 2004 manifest with the organization's items (body) and its sequencing (seq), and after
 * the organizations, extra (a sequencing collection). */
static json_t *manifest(const char *body, const char *seq, const char *extra)
{
    char xml[8192];
    snprintf(xml, sizeof xml,
             "<manifest identifier=\"m\" xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\""
             " xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\""
             " xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\">"
             "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>"
             "<organizations default=\"O\"><organization identifier=\"O\"><title>t</title>%s%s"
             "</organization></organizations>"
             "<resources><resource identifier=\"R\" type=\"webcontent\" adlcp:scormType=\"sco\" href=\"a.html\"/>"
             "<resource identifier=\"W\" type=\"webcontent\" adlcp:scormType=\"asset\" href=\"b.html\"/></resources>%s"
             "</manifest>", body, seq ? seq : "", extra ? extra : "");
    struct diag_list d;
    diag_list_init(&d);
    json_t *m = scorm_manifest_parse(xml, strlen(xml), "imsmanifest.xml", any_file, NULL, &d);
    diag_list_free(&d);
    if (!m) fail_msg("the test manifest does not parse");
    return m;
}

/* The course state with data given as JSON text ({SCO: {cmi...}}). */
static struct scorm_course_state roll(const json_t *m, const char *data)
{
    json_error_t e;
    json_t *d = json_loads(data, 0, &e);
    if (!d) fail_msg("bad test JSON: %s", e.text);
    struct scorm_course_state st = scorm_rules_rollup(m, d);
    json_decref(d);
    return st;
}

#define SCO(id, seq) "<item identifier=\"" id "\" identifierref=\"R\"><title>" id "</title>" seq "</item>"
#define RULE(set, cond, action) "<imsss:rollupRule childActivitySet=\"" set "\"><imsss:rollupConditions>" \
    cond "</imsss:rollupConditions><imsss:rollupAction action=\"" action "\"/></imsss:rollupRule>"
#define COND(c) "<imsss:rollupCondition condition=\"" c "\"/>"
#define SEQ(x) "<imsss:sequencing>" x "</imsss:sequencing>"

static void test_measure_weights(void **state)
{
    (void)state;
    json_t *m = manifest(SCO("A", SEQ("<imsss:rollupRules objectiveMeasureWeight=\"3\"/>")) SCO("B", ""),
                         SEQ("<imsss:objectives><imsss:primaryObjective satisfiedByMeasure=\"true\">"
                             "<imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>"
                             "</imsss:primaryObjective></imsss:objectives>"), NULL);
    struct scorm_course_state st = roll(m, "{\"A\":{\"cmi.score.scaled\":\"0.5\"},\"B\":{\"cmi.score.scaled\":\"1\"}}");
    assert_true(st.measured);
    assert_float_equal(st.measure, 0.625, 1e-9);
    assert_int_equal(st.satisfied, 1);
    st = roll(m, "{\"A\":{\"cmi.score.scaled\":\"0.4\"},\"B\":{\"cmi.score.scaled\":\"1\",\"cmi.success_status\":\"passed\"}}");
    assert_float_equal(st.measure, 0.55, 1e-9);
    assert_int_equal(st.satisfied, 0);
    st = roll(m, "{\"A\":{\"cmi.score.scaled\":\"0.9\"}}");       /* B unmeasured counts as 0 */
    assert_float_equal(st.measure, 0.675, 1e-9);
    assert_int_equal(st.satisfied, 1);
    st = roll(m, "{}");
    assert_false(st.measured);
    assert_int_equal(st.satisfied, -1);
    json_decref(m);
}

/* A SCO whose own primary objective is satisfied by measure: with no score its success is
 * unknown, whatever cmi.success_status it reported (SCORM 2004 RTE, cmi.scaled_passing_score). */
static void test_sco_by_measure_without_score(void **state)
{
    (void)state;
    json_t *m = manifest(SCO("A", SEQ("<imsss:objectives><imsss:primaryObjective satisfiedByMeasure=\"true\">"
                                      "<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>"
                                      "</imsss:primaryObjective></imsss:objectives>")),
                         NULL, NULL);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.success_status\":\"passed\"}}").satisfied, -1);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.success_status\":\"passed\",\"cmi.score.scaled\":\"0.5\"}}").satisfied, 0);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.success_status\":\"failed\",\"cmi.score.scaled\":\"0.9\"}}").satisfied, 1);
    json_decref(m);
}

static void test_left_out_and_untracked(void **state)
{
    (void)state;
    json_t *m = manifest(SCO("A", SEQ("<imsss:rollupRules rollupObjectiveSatisfied=\"false\"/>"))
                         SCO("B", SEQ("<imsss:deliveryControls tracked=\"false\"/>")) SCO("C", ""),
                         SEQ("<imsss:rollupRules>" RULE("any", COND("satisfied"), "satisfied") "</imsss:rollupRules>"), NULL);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.success_status\":\"passed\"},\"B\":{\"cmi.success_status\":\"passed\"}}").satisfied, -1);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.success_status\":\"failed\"}}").satisfied, -1);
    assert_int_equal(roll(m, "{\"C\":{\"cmi.success_status\":\"failed\"}}").satisfied, 0);    /* default notSatisfied */
    assert_int_equal(roll(m, "{\"C\":{\"cmi.success_status\":\"passed\"}}").satisfied, 1);
    /* A still counts for completion (only rollupObjectiveSatisfied is false); B never does. */
    assert_int_equal(roll(m, "{\"C\":{\"cmi.completion_status\":\"completed\"}}").completed, -1);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.completion_status\":\"completed\"},\"C\":{\"cmi.completion_status\":\"completed\"}}").completed, 1);
    assert_int_equal(roll(m, "{\"A\":{\"cmi.completion_status\":\"incomplete\"}}").completed, 0);
    json_decref(m);
}

static void test_child_sets_and_conditions(void **state)
{
    (void)state;
    const char *items = SCO("A", "") SCO("B", "") SCO("C", "") SCO("D", "");
    json_t *m = manifest(items, SEQ("<imsss:rollupRules>"
        RULE("atLeastPercent\" minimumPercent=\"0.5", COND("satisfied"), "satisfied")
        "<imsss:rollupRule childActivitySet=\"none\"><imsss:rollupConditions conditionCombination=\"all\">"
        COND("attempted") "<imsss:rollupCondition operator=\"not\" condition=\"activityProgressKnown\"/>"
        "</imsss:rollupConditions><imsss:rollupAction action=\"completed\"/></imsss:rollupRule>"
        RULE("atLeastCount\" minimumCount=\"3", "<imsss:rollupCondition operator=\"not\" condition=\"completed\"/>", "incomplete")
        "</imsss:rollupRules>"), NULL);
    const char *half = "{\"A\":{\"cmi.success_status\":\"passed\",\"cmi.completion_status\":\"completed\"},"
                       "\"B\":{\"cmi.success_status\":\"passed\",\"cmi.completion_status\":\"incomplete\"}}";
    struct scorm_course_state st = roll(m, half);
    assert_int_equal(st.satisfied, 1);      /* 2 of 4 */
    assert_int_equal(st.completed, 1);      /* none attempted without progress known */
    st = roll(m, "{\"A\":{\"cmi.success_status\":\"passed\"}}");
    assert_int_equal(st.satisfied, -1);     /* 1 of 4, none failed */
    assert_int_equal(st.completed, -1);     /* A attempted with no progress: "none" fails; 1 not completed */
    st = roll(m, "{\"A\":{\"cmi.completion_status\":\"incomplete\"},\"B\":{\"cmi.completion_status\":\"incomplete\"},"
                 "\"C\":{\"cmi.completion_status\":\"incomplete\"},\"D\":{\"cmi.location\":\"x\"}}");
    assert_int_equal(st.completed, 0);      /* three not completed; D attempted, unknown */
    json_decref(m);
}

static void test_clusters_collection_defaults(void **state)
{
    (void)state;
    json_t *m = manifest("<item identifier=\"P\"><title>P</title>" SCO("A", "") SCO("B", "")
                         "<imsss:sequencing IDRef=\"ANY\"/>" "</item>"
                         SCO("C", "") "<item identifier=\"X\" identifierref=\"W\"><title>X</title></item>",
                         NULL,
                         "<imsss:sequencingCollection><imsss:sequencing ID=\"ANY\"><imsss:rollupRules>"
                         RULE("any", COND("satisfied"), "satisfied") RULE("any", COND("completed"), "completed")
                         "</imsss:rollupRules></imsss:sequencing></imsss:sequencingCollection>");
    assert_true(scorm_rules_apply(m));
    /* P is satisfied and completed by A alone (its collection rules); the course by default
     * needs P and C both; the asset X counts for nothing. */
    const char *a = "{\"A\":{\"cmi.success_status\":\"passed\",\"cmi.completion_status\":\"completed\"},"
                    "\"C\":{\"cmi.success_status\":\"passed\",\"cmi.completion_status\":\"completed\"}}";
    struct scorm_course_state st = roll(m, a);
    assert_int_equal(st.satisfied, 1);
    assert_int_equal(st.completed, 1);
    st = roll(m, "{\"C\":{\"cmi.success_status\":\"passed\",\"cmi.completion_status\":\"completed\"}}");
    assert_int_equal(st.satisfied, -1);
    assert_int_equal(st.completed, -1);
    assert_int_equal(roll(m, "{\"B\":{\"cmi.success_status\":\"failed\"}}").satisfied, 0);
    json_decref(m);

    m = manifest(SCO("A", "") SCO("B", ""), NULL, NULL);
    assert_false(scorm_rules_apply(m));
    json_decref(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_measure_weights),
        cmocka_unit_test(test_sco_by_measure_without_score),
        cmocka_unit_test(test_left_out_and_untracked),
        cmocka_unit_test(test_child_sets_and_conditions),
        cmocka_unit_test(test_clusters_collection_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
