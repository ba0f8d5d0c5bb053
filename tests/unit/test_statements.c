/* test_statements.c: statement preparation: LRS-assigned properties, index keys, related
 * agents/activities, timestamps, and the canonical comparison of the immutability rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>

#include "tracking/activities.h"
#include "tracking/statements.h"

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    if (!j) fail_msg("bad test JSON: %s", e.text);
    return j;
}

static void prepare(const char *text, enum xapi_version v, const json_t *authority,
                    struct store_statement *out)
{
    json_t *in = parse(text);
    char err[200];
    assert_int_equal(statements_prepare(in, v, authority, out, err, sizeof err), 0);
    json_decref(in);
}

static int has_related(const struct store_statement *st, enum store_related_kind kind,
                       const char *key)
{
    for (size_t i = 0; i < st->nrelated; i++)
        if (st->related[i].kind == kind && !strcmp(st->related[i].key, key)) return 1;
    return 0;
}

static void hash_of(const char *text, char out[65])
{
    json_t *j = parse(text);
    statements_content_hash(j, out);
    json_decref(j);
}

/* Two UUIDs made one after another: different, lowercase, of this version, RFC 4122 variant. */
static void expect_uuids(const char *a, const char *b, char version)
{
    assert_int_equal(strlen(a), 36);
    assert_string_not_equal(a, b);
    assert_int_equal(a[8], '-');
    assert_int_equal(a[13], '-');
    assert_int_equal(a[18], '-');
    assert_int_equal(a[23], '-');
    assert_int_equal(a[14], version);
    assert_non_null(strchr("89ab", a[19]));
    for (const char *p = a; *p; p++) assert_non_null(strchr("0123456789abcdef-", *p));
}

static void test_uuid4(void **state)
{
    (void)state;
    char a[37], b[37];
    statements_uuid4(a);
    statements_uuid4(b);
    expect_uuids(a, b, '4');
}

/* Time-ordered: the first 48 bits are now in milliseconds, so ids made one after another sort
 * in the order they were made (by their time; within a millisecond the random part decides). */
static void test_uuid7(void **state)
{
    (void)state;
    char a[37], b[37];
    int64_t before = statements_now_ms();
    statements_uuid7(a);
    statements_uuid7(b);
    int64_t after = statements_now_ms();
    expect_uuids(a, b, '7');
    char hex[13];
    snprintf(hex, sizeof hex, "%.8s%.4s", a, a + 9);
    int64_t ms = strtoll(hex, NULL, 16);
    assert_true(ms >= before && ms <= after);
    assert_true(strncmp(a, b, 13) <= 0);
}

/* The text made before the write is json_dumps's, and stamping it in place gives the text
 * json_dumps gives after the stamp: the top-level "stored" and assigned "timestamp" only, not a
 * nested member of that name or a string that holds the words. */
static void expect_stamped(const char *text, int timestamp_assigned)
{
    struct store_statement st;
    prepare(text, XAPI_1_0_3, NULL, &st);
    assert_int_equal(st.timestamp_assigned, timestamp_assigned);
    statements_dump(&st);
    char *want = json_dumps(st.stmt, JSON_COMPACT);
    assert_string_equal(st.json, want);
    free(want);
    statements_stamp(&st, "2031-02-03T04:05:06.789Z");
    want = json_dumps(st.stmt, JSON_COMPACT);
    assert_string_equal(st.json, want);
    assert_string_equal(json_string_value(json_object_get(st.stmt, "stored")),
                        "2031-02-03T04:05:06.789Z");
    assert_int_equal(!strcmp(json_string_value(json_object_get(st.stmt, "timestamp")),
                             "2031-02-03T04:05:06.789Z"), timestamp_assigned);
    free(want);
    statements_clear(&st);
}

static void test_dump_and_stamp_in_place(void **state)
{
    (void)state;
    const char *nested = "{\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
        "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
        "\"object\":{\"id\":\"http://example.com/q/1\",\"definition\":{\"extensions\":"
        "{\"stored\":\"2000-01-01T00:00:00.000Z\",\"timestamp\":\"2000-01-01T00:00:00.000Z\"}}},"
        "\"result\":{\"response\":\"\\\"stored\\\":\\\"x\\\" and {[\"}}";
    expect_stamped(nested, 1);
    expect_stamped("{\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
                   "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
                   "\"object\":{\"id\":\"http://example.com/q/1\"},"
                   "\"timestamp\":\"2026-01-05T10:00:00.000Z\",\"stored\":\"1999-01-01T00:00:00Z\"}", 0);
    /* A string that ends in a backslash, and one in a key: the quote after it still ends it. */
    expect_stamped("{\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
                   "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\"},"
                   "\"object\":{\"id\":\"http://example.com/q/1\"},\"result\":{\"response\":"
                   "\"a \\\\\",\"extensions\":{\"http://example.com/\\\\\":\"\\\\\\\"stored\"}}}", 1);
}

static void test_timestamp_normalize(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(statements_timestamp_normalize("2024-01-02T03:04:05Z", out), 0);
    assert_string_equal(out, "2024-01-02T03:04:05.000Z");
    assert_int_equal(statements_timestamp_normalize("2024-01-02T03:04:05.123456+02:00", out), 0);
    assert_string_equal(out, "2024-01-02T01:04:05.123Z");
    assert_int_equal(statements_timestamp_normalize("2024-01-01T23:30:00.5-0130", out), 0);
    assert_string_equal(out, "2024-01-02T01:00:00.500Z");
    assert_int_equal(statements_timestamp_normalize("2024-12-31T23:59:59.9+00", out), 0);
    assert_string_equal(out, "2024-12-31T23:59:59.900Z");
    assert_int_equal(statements_timestamp_normalize("2024-01-02T03:04:05", out), -1);
    assert_int_equal(statements_timestamp_normalize("2024-01-02 03:04:05Z", out), -1);
    assert_int_equal(statements_timestamp_normalize("2024-13-02T03:04:05Z", out), -1);
    assert_int_equal(statements_timestamp_normalize("2024-01-02T03:04:05.Z", out), -1);
    assert_int_equal(statements_timestamp_normalize("2024-01-02T03:04:05Zjunk", out), -1);
    assert_int_equal(statements_timestamp_normalize(NULL, out), -1);
    /* Years below 1000 keep four digits; an offset that leaves 0000..9999 is refused. */
    assert_int_equal(statements_timestamp_normalize("00111118T121700Z", out), 0);
    assert_string_equal(out, "0011-11-18T12:17:00.000Z");
    assert_int_equal(statements_timestamp_normalize("0000-01-01T00:30:00+01:00", out), -1);
    assert_int_equal(statements_timestamp_normalize("9999-12-31T23:30:00-01:00", out), -1);
    assert_int_equal(statements_timestamp_normalize("9999-12-31T23:30:00+01:00", out), 0);
    assert_string_equal(out, "9999-12-31T22:30:00.000Z");
    statements_now(out);
    assert_int_equal(strlen(out), 24);
    assert_int_equal(out[23], 'Z');
}

static void test_agent_keys(void **state)
{
    (void)state;
    static const struct { const char *agent, *key; } cases[] = {
        {"{\"mbox\":\"mailto:Ann.Lee@Example.COM\"}", "mbox:mailto:Ann.Lee@example.com"},
        {"{\"mbox_sha1sum\":\"ABCDEF0123\"}", "mbox_sha1sum:abcdef0123"},
        {"{\"openid\":\"http://id.example.com/ann\"}", "openid:http://id.example.com/ann"},
        {"{\"objectType\":\"Group\",\"account\":{\"homePage\":\"http://lms.example.com\","
         "\"name\":\"team-7\"}}", "account:http://lms.example.com|team-7"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_t *a = parse(cases[i].agent);
        char *key = statements_agent_key(a);
        assert_non_null(key);
        assert_string_equal(key, cases[i].key);
        free(key);
        json_decref(a);
    }
    json_t *anon = parse("{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:a@b.c\"}]}");
    assert_null(statements_agent_key(anon));
    json_decref(anon);
}

static void test_prepare_assigns_lrs_properties(void **state)
{
    (void)state;
    json_t *auth = parse("{\"objectType\":\"Agent\",\"name\":\"tablet\","
                         "\"account\":{\"homePage\":\"http://stepwise.invalid/\",\"name\":\"k1\"}}");
    struct store_statement st;
    prepare("{\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
            "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
            "\"object\":{\"id\":\"http://example.com/act/lifting\"},"
            "\"authority\":{\"mbox\":\"mailto:forged@example.com\"}}", XAPI_1_0_3, auth, &st);
    const json_t *s = st.stmt;
    assert_string_equal(json_string_value(json_object_get(s, "id")), st.id);
    assert_int_equal(strlen(st.id), 36);
    assert_int_equal(st.id[14], '7');       /* time-ordered: side by side in the id index */
    assert_string_equal(json_string_value(json_object_get(s, "version")), "1.0.0");
    const char *stored = json_string_value(json_object_get(s, "stored"));
    assert_non_null(stored);
    assert_int_equal(strlen(stored), 24);
    assert_string_equal(json_string_value(json_object_get(s, "timestamp")), stored);
    assert_int_equal(st.timestamp_assigned, 1);
    assert_true(json_equal(json_object_get(s, "authority"), auth));
    assert_string_equal(st.authority_key, "account:http://stepwise.invalid/|k1");
    assert_string_equal(st.actor_key, "mbox:mailto:ann@example.com");
    assert_string_equal(st.verb_id, "http://adlnet.gov/expapi/verbs/completed");
    assert_string_equal(st.object_activity, "http://example.com/act/lifting");
    assert_null(st.object_agent);
    assert_null(st.object_ref);
    assert_null(st.registration);
    assert_int_equal(st.is_voiding, 0);
    statements_clear(&st);

    prepare("{\"id\":\"AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE\",\"timestamp\":\"2024-05-01T10:00:00Z\","
            "\"version\":\"1.0.3\",\"actor\":{\"mbox\":\"mailto:ann@example.com\"},"
            "\"verb\":{\"id\":\"http://example.com/v\"},\"object\":{\"id\":\"http://example.com/a\"}}",
            XAPI_2_0_0, NULL, &st);
    assert_string_equal(st.id, "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    assert_string_equal(json_string_value(json_object_get(st.stmt, "version")), "1.0.3");
    assert_string_equal(json_string_value(json_object_get(st.stmt, "timestamp")),
                        "2024-05-01T10:00:00Z");
    assert_int_equal(st.timestamp_assigned, 0);
    assert_null(json_object_get(st.stmt, "authority"));
    statements_clear(&st);

    prepare("{\"actor\":{\"mbox\":\"mailto:ann@example.com\"},\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"id\":\"http://e.com/a\"}}", XAPI_2_0_0, NULL, &st);
    assert_string_equal(json_string_value(json_object_get(st.stmt, "version")), "2.0.0");
    statements_clear(&st);
    json_decref(auth);
}

static void test_prepare_related_rows(void **state)
{
    (void)state;
    struct store_statement st;
    prepare("{\"actor\":{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:m1@e.com\"},"
            "{\"account\":{\"homePage\":\"http://e.com\",\"name\":\"m2\"}}]},"
            "\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:sub@e.com\"},"
            "  \"verb\":{\"id\":\"http://e.com/sv\"},\"object\":{\"id\":\"http://e.com/sub-act\"},"
            "  \"context\":{\"contextActivities\":{\"parent\":{\"id\":\"http://e.com/sub-parent\"}}}},"
            "\"context\":{\"registration\":\"0A1B2C3D-0000-4000-8000-000000000000\","
            "  \"instructor\":{\"mbox\":\"mailto:mentor@e.com\"},"
            "  \"team\":{\"objectType\":\"Group\",\"openid\":\"http://e.com/team\"},"
            "  \"contextActivities\":{\"parent\":{\"id\":\"http://e.com/course\"},"
            "    \"grouping\":[{\"id\":\"http://e.com/program\"}],"
            "    \"category\":[{\"id\":\"http://e.com/profile\"}],"
            "    \"other\":[{\"id\":\"http://e.com/other\"}]}}}", XAPI_1_0_3, NULL, &st);
    assert_null(st.actor_key);  /* anonymous group */
    assert_null(st.object_activity);
    assert_string_equal(st.registration, "0a1b2c3d-0000-4000-8000-000000000000");
    static const char *const agents[] = {"mbox:mailto:m1@e.com", "account:http://e.com|m2",
        "mbox:mailto:sub@e.com", "mbox:mailto:mentor@e.com", "openid:http://e.com/team"};
    for (size_t i = 0; i < 5; i++) assert_true(has_related(&st, STORE_REL_AGENT, agents[i]));
    static const char *const acts[] = {"http://e.com/sub-act", "http://e.com/sub-parent",
        "http://e.com/course", "http://e.com/program", "http://e.com/profile", "http://e.com/other"};
    for (size_t i = 0; i < 6; i++) assert_true(has_related(&st, STORE_REL_ACTIVITY, acts[i]));
    assert_int_equal(st.nrelated, 11);
    /* A single context Activity is returned as an array of one (xAPI 1.0.3), also inside
     * the SubStatement. */
    json_t *parent = json_object_get(json_object_get(json_object_get(st.stmt, "context"),
                                                     "contextActivities"), "parent");
    assert_true(json_is_array(parent));
    assert_int_equal(json_array_size(parent), 1);
    parent = json_object_get(json_object_get(json_object_get(json_object_get(st.stmt, "object"),
                             "context"), "contextActivities"), "parent");
    assert_true(json_is_array(parent));
    statements_clear(&st);

    /* xAPI 2.0 context agents and groups. */
    prepare("{\"actor\":{\"mbox\":\"mailto:a@e.com\"},\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"id\":\"http://e.com/a\"},\"context\":{\"contextAgents\":[{\"objectType\":"
            "\"contextAgent\",\"agent\":{\"mbox\":\"mailto:peer@e.com\"}}],\"contextGroups\":[{"
            "\"objectType\":\"contextGroup\",\"group\":{\"objectType\":\"Group\",\"member\":["
            "{\"mbox\":\"mailto:g1@e.com\"}]}}]}}", XAPI_2_0_0, NULL, &st);
    assert_true(has_related(&st, STORE_REL_AGENT, "mbox:mailto:peer@e.com"));
    assert_true(has_related(&st, STORE_REL_AGENT, "mbox:mailto:g1@e.com"));
    /* The actor and the object Activity are in the statement's own columns, not repeated. */
    assert_false(has_related(&st, STORE_REL_AGENT, "mbox:mailto:a@e.com"));
    assert_false(has_related(&st, STORE_REL_ACTIVITY, "http://e.com/a"));
    assert_int_equal(st.nrelated, 2);
    statements_clear(&st);
}

static void test_prepare_object_kinds(void **state)
{
    (void)state;
    struct store_statement st;
    prepare("{\"actor\":{\"mbox\":\"mailto:admin@e.com\"},\"verb\":{\"id\":\""
            STATEMENTS_VERB_VOIDED "\"},\"object\":{\"objectType\":\"StatementRef\","
            "\"id\":\"AAAAAAAA-0000-4000-8000-000000000001\"}}", XAPI_1_0_3, NULL, &st);
    assert_int_equal(st.is_voiding, 1);
    assert_string_equal(st.object_ref, "aaaaaaaa-0000-4000-8000-000000000001");
    statements_clear(&st);

    prepare("{\"actor\":{\"mbox\":\"mailto:mentor@e.com\"},\"verb\":{\"id\":\"http://e.com/coached\"},"
            "\"object\":{\"objectType\":\"Agent\",\"mbox\":\"mailto:Mentee@E.com\"}}",
            XAPI_1_0_3, NULL, &st);
    assert_string_equal(st.object_agent, "mbox:mailto:Mentee@e.com");
    assert_null(st.object_activity);
    assert_int_equal(st.is_voiding, 0);
    assert_false(has_related(&st, STORE_REL_AGENT, "mbox:mailto:Mentee@e.com"));  /* a column */
    assert_int_equal(st.nrelated, 0);
    statements_clear(&st);

    json_t *bad = parse("{\"actor\":{}}");
    char err[100];
    assert_int_equal(statements_prepare(bad, XAPI_1_0_3, NULL, &st, err, sizeof err), -1);
    assert_non_null(strstr(err, "statement"));
    json_decref(bad);
}

#define BASE "\"actor\":{\"objectType\":\"Group\",\"mbox\":\"mailto:t@e.com\",\"member\":[" \
             "{\"mbox\":\"mailto:a@e.com\"},{\"mbox\":\"mailto:b@e.com\"}]}," \
             "\"object\":{\"id\":\"http://e.com/a\",\"definition\":{\"name\":{\"en\":\"A\"}}},"

static void test_content_hash_ignores_exceptions(void **state)
{
    (void)state;
    char h1[65], h2[65];
    hash_of("{" BASE "\"verb\":{\"id\":\"http://e.com/v\",\"display\":{\"en\":\"did\"}},"
            "\"timestamp\":\"2024-05-01T12:00:00+02:00\",\"result\":{\"score\":{\"scaled\":0.5}}}",
            h1);
    /* id, stored, authority, version, attachments, verb display, activity definition, member
     * order, mbox domain case, default objectType and the timestamp's zone do not count. */
    hash_of("{\"id\":\"aaaaaaaa-0000-4000-8000-000000000001\",\"stored\":\"2024-06-01T00:00:00Z\","
            "\"authority\":{\"mbox\":\"mailto:x@e.com\"},\"version\":\"1.0.3\","
            "\"actor\":{\"objectType\":\"Group\",\"mbox\":\"mailto:t@E.COM\",\"member\":["
            "{\"mbox\":\"mailto:b@e.com\"},{\"objectType\":\"Agent\",\"mbox\":\"mailto:a@e.com\"}]},"
            "\"object\":{\"objectType\":\"Activity\",\"id\":\"http://e.com/a\"},"
            "\"verb\":{\"id\":\"http://e.com/v\"},\"timestamp\":\"2024-05-01T10:00:00.000Z\","
            "\"result\":{\"score\":{\"scaled\":0.5}}}", h2);
    assert_string_equal(h1, h2);
    assert_int_equal(strlen(h1), 64);
}

/* The hash decides which statement sent again with a known id is "the same", so a change to
 * the canonical form shows here: this one (definitions on the object, in both forms of
 * contextActivities and inside a SubStatement) keeps the value it had when it was first kept. */
static void test_content_hash_is_stable(void **state)
{
    (void)state;
    char h[65];
    hash_of("{\"actor\":{\"mbox\":\"mailto:a@e.com\"},\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"id\":\"http://e.com/q\",\"definition\":{\"interactionType\":\"choice\","
            "\"choices\":[{\"id\":\"1\",\"description\":{\"en\":\"One\"}}]}},"
            "\"context\":{\"registration\":\"0190a6d2-0000-7000-8000-000000000001\","
            "\"contextActivities\":{\"parent\":{\"id\":\"http://e.com/m\",\"definition\":"
            "{\"name\":{\"en\":\"M\"}}},\"grouping\":[{\"id\":\"http://e.com/p\",\"definition\":"
            "{\"name\":{\"en\":\"P\"}}}]}},\"result\":{\"success\":true,\"duration\":\"PT1.234S\"}}",
            h);
    assert_string_equal(h, "3b1df082256d6fdeca2102b145e34fc2a55e6b24320fc963ffea1b1fe1f20bc1");
    hash_of("{\"actor\":{\"mbox\":\"mailto:a@e.com\"},\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"objectType\":\"SubStatement\",\"actor\":{\"mbox\":\"mailto:b@e.com\"},"
            "\"verb\":{\"id\":\"http://e.com/w\",\"display\":{\"en\":\"w\"}},\"object\":{\"id\":"
            "\"http://e.com/q\",\"definition\":{\"name\":{\"en\":\"Q\"}}},\"context\":"
            "{\"contextActivities\":{\"other\":{\"id\":\"http://e.com/o\",\"definition\":{}}}}}}",
            h);
    assert_string_equal(h, "03c2407a36cc77342eec86e3a7eda96f17262e37e125f57e23e424a2c03bf50d");
}

static void test_content_hash_sees_real_changes(void **state)
{
    (void)state;
    char h1[65], h2[65], h3[65], h4[65];
    hash_of("{" BASE "\"verb\":{\"id\":\"http://e.com/v\"},\"result\":{\"duration\":\"PT1H\"}}", h1);
    hash_of("{" BASE "\"verb\":{\"id\":\"http://e.com/v\"},\"result\":{\"duration\":\"PT60M\"}}", h2);
    hash_of("{" BASE "\"verb\":{\"id\":\"http://e.com/v2\"},\"result\":{\"duration\":\"PT1H\"}}", h3);
    /* The local part of an e-mail address is case-sensitive; extension values are data. */
    hash_of("{" BASE "\"verb\":{\"id\":\"http://e.com/v\"},\"result\":{\"duration\":\"PT1H\","
            "\"extensions\":{\"http://e.com/x\":{\"mbox\":\"mailto:Q@E.COM\"}}}}", h4);
    assert_string_not_equal(h1, h2);  /* durations compare as strings (xAPI 2.3.1) */
    assert_string_not_equal(h1, h3);
    assert_string_not_equal(h1, h4);
    char h5[65], h6[65];
    hash_of("{\"actor\":{\"mbox\":\"mailto:Ann@e.com\"},\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"id\":\"http://e.com/a\"}}", h5);
    hash_of("{\"actor\":{\"mbox\":\"mailto:ann@e.com\"},\"verb\":{\"id\":\"http://e.com/v\"},"
            "\"object\":{\"id\":\"http://e.com/a\"}}", h6);
    assert_string_not_equal(h5, h6);
}

/* text prepared and stored (stamped at stored, then dumped as the store keeps it); caller frees. */
static char *stored_text(const char *text, const char *stored)
{
    struct store_statement st;
    prepare(text, XAPI_1_0_3, NULL, &st);
    statements_stamp(&st, stored);
    statements_dump(&st);
    char *json = strdup(st.json);
    statements_clear(&st);
    return json;
}

/* sent, prepared as a statement sent again, compared with the stored text. */
static int same_as_stored(const char *stored, const char *sent)
{
    struct store_statement st;
    prepare(sent, XAPI_1_0_3, NULL, &st);
    int same = statements_same_content(stored, &st);
    statements_clear(&st);
    return same;
}

#define ANN "{\"id\":\"0190a6d2-0000-7000-8000-0000000000aa\",\"actor\":{\"mbox\":" \
            "\"mailto:ann@e.com\"},\"verb\":{\"id\":\"http://e.com/v\"},\"object\":{\"id\":" \
            "\"http://e.com/a\"},\"result\":{\"success\":true}"

/* A statement sent again is compared with the stored one when its id comes back: a timestamp the
 * LRS assigned (on either side) takes no part, a timestamp sent compares as an instant, and
 * anything else that differs is a conflict. */
static void test_same_content_as_stored(void **state)
{
    (void)state;
    char *assigned = stored_text(ANN "}", "2026-03-01T08:00:00.123Z");
    assert_non_null(strstr(assigned, "\"timestamp\":\"2026-03-01T08:00:00.123Z\""));
    assert_int_equal(same_as_stored(assigned, ANN "}"), 1);
    /* The first had no timestamp: one sent now (even the assigned one) is new content. */
    assert_int_equal(same_as_stored(assigned, ANN ",\"timestamp\":\"2026-03-01T08:00:00.123Z\"}"), 0);
    assert_int_equal(same_as_stored(assigned, ANN ",\"context\":{\"platform\":\"x\"}}"), 0);
    free(assigned);

    char *sent = stored_text(ANN ",\"timestamp\":\"2024-05-01T12:00:00+02:00\"}", "2026-03-01T08:00:00.123Z");
    assert_int_equal(same_as_stored(sent, ANN ",\"timestamp\":\"2024-05-01T10:00:00.000Z\"}"), 1);
    assert_int_equal(same_as_stored(sent, ANN ",\"timestamp\":\"2024-05-01T10:00:01Z\"}"), 0);
    assert_int_equal(same_as_stored(sent, ANN "}"), 0);
    free(sent);
    assert_int_equal(same_as_stored("not JSON", ANN "}"), -1);
    assert_int_equal(same_as_stored("[1]", ANN "}"), -1);
}

/* The definitions a statement carries: one Activity's is its own; two of one id merge into a
 * copy, in order, and leave the statement as it was. */
static void test_definitions_carried(void **state)
{
    (void)state;
    json_t *s = parse("{\"object\":{\"id\":\"http://example.com/a\",\"definition\":"
                      "{\"name\":{\"en\":\"A\"},\"type\":\"http://example.com/t1\"}},"
                      "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"http://example.com/a\","
                      "\"definition\":{\"name\":{\"nl\":\"Een\"},\"type\":\"http://example.com/t2\"}},"
                      "{\"id\":\"http://example.com/b\",\"definition\":{\"type\":\"http://example.com/t3\"}}]}}}");
    json_t *before = json_deep_copy(s), *defs = activities_definitions(s);
    json_t *b = json_array_get(json_object_get(json_object_get(json_object_get(s, "context"),
                                                               "contextActivities"), "parent"), 1);
    assert_ptr_equal(json_object_get(defs, "http://example.com/b"), json_object_get(b, "definition"));
    char *a = json_dumps(json_object_get(defs, "http://example.com/a"), JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(a, "{\"name\":{\"en\":\"A\",\"nl\":\"Een\"},\"type\":\"http://example.com/t2\"}");
    free(a);
    assert_true(json_equal(s, before));
    json_decref(defs);
    json_decref(before);
    json_decref(s);
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uuid4),
        cmocka_unit_test(test_uuid7),
        cmocka_unit_test(test_dump_and_stamp_in_place),
        cmocka_unit_test(test_timestamp_normalize),
        cmocka_unit_test(test_agent_keys),
        cmocka_unit_test(test_prepare_assigns_lrs_properties),
        cmocka_unit_test(test_prepare_related_rows),
        cmocka_unit_test(test_prepare_object_kinds),
        cmocka_unit_test(test_content_hash_ignores_exceptions),
        cmocka_unit_test(test_content_hash_sees_real_changes),
        cmocka_unit_test(test_content_hash_is_stable),
        cmocka_unit_test(test_same_content_as_stored),
        cmocka_unit_test(test_definitions_carried),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
