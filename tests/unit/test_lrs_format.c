/* test_lrs_format.c: the statement formats of GET /xapi/statements: ids (identifiers only) and
 * canonical (the LRS's Activity definitions, one language per map chosen by Accept-Language with
 * q-values and subtags). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tracking/lrs_format.h"

static json_t *load(const char *text)
{
    json_error_t e;
    json_t *j = json_loads(text, 0, &e);
    assert_non_null(j);
    return j;
}

/* Applies f to text and compares the result with want (both JSON). */
static void expect_format(const char *text, enum lrs_format f, const char *lang, const char *want)
{
    json_t *s = load(text), *w = load(want);
    lrs_format_apply(s, f, lang, NULL, NULL);
    if (!json_equal(s, w)) {
        char *got = json_dumps(s, JSON_COMPACT | JSON_SORT_KEYS);
        fail_msg("got %s", got);
    }
    json_decref(s);
    json_decref(w);
}

static void test_parse(void **state)
{
    (void)state;
    enum lrs_format f;
    assert_int_equal(lrs_format_parse(NULL, &f), 0);
    assert_int_equal(f, LRS_FORMAT_EXACT);
    assert_int_equal(lrs_format_parse("ids", &f), 0);
    assert_int_equal(f, LRS_FORMAT_IDS);
    assert_int_equal(lrs_format_parse("canonical", &f), 0);
    assert_int_equal(f, LRS_FORMAT_CANONICAL);
    assert_int_equal(lrs_format_parse("IDS", &f), -1);
    assert_int_equal(lrs_format_parse("", &f), -1);
}

static const char STATEMENT[] =
    "{\"actor\":{\"objectType\":\"Group\",\"name\":\"Team\",\"member\":["
    "{\"name\":\"Ann\",\"mbox\":\"mailto:ann@example.com\"},"
    "{\"name\":\"Bob\",\"account\":{\"homePage\":\"http://x.com\",\"name\":\"bob\"}}]},"
    "\"verb\":{\"id\":\"http://x.com/v\",\"display\":{\"en-US\":\"did\",\"de\":\"tat\"}},"
    "\"object\":{\"objectType\":\"SubStatement\","
    "\"actor\":{\"name\":\"Cy\",\"openid\":\"http://cy.example.com\"},"
    "\"verb\":{\"id\":\"http://x.com/w\",\"display\":{\"fr\":\"fit\",\"en-GB\":\"made\"}},"
    "\"object\":{\"objectType\":\"Activity\",\"id\":\"http://x.com/a\",\"definition\":{\"name\":{\"en\":\"A\",\"de-AT\":\"Ä\"},"
    "\"choices\":[{\"id\":\"c1\",\"description\":{\"en-US\":\"one\",\"de-DE\":\"eins\"}}]}}},"
    "\"context\":{\"instructor\":{\"name\":\"Dee\",\"mbox_sha1sum\":\"abc\"},"
    "\"contextActivities\":{\"parent\":[{\"objectType\":\"Activity\",\"id\":\"http://x.com/p\","
    "\"definition\":{\"name\":{\"en-US\":\"P\",\"de\":\"Pe\"}}}]}},"
    "\"authority\":{\"objectType\":\"Agent\",\"name\":\"client\","
    "\"account\":{\"homePage\":\"http://s.com\",\"name\":\"k\"}}}";

static void test_ids_keeps_identifiers_only(void **state)
{
    (void)state;
    expect_format(STATEMENT, LRS_FORMAT_IDS, NULL,
        "{\"actor\":{\"objectType\":\"Group\",\"member\":["
        "{\"mbox\":\"mailto:ann@example.com\"},"
        "{\"account\":{\"homePage\":\"http://x.com\",\"name\":\"bob\"}}]},"
        "\"verb\":{\"id\":\"http://x.com/v\"},"
        "\"object\":{\"objectType\":\"SubStatement\",\"actor\":{\"openid\":\"http://cy.example.com\"},"
        "\"verb\":{\"id\":\"http://x.com/w\"},\"object\":{\"id\":\"http://x.com/a\"}},"
        "\"context\":{\"instructor\":{\"mbox_sha1sum\":\"abc\"},"
        "\"contextActivities\":{\"parent\":[{\"id\":\"http://x.com/p\"}]}},"
        "\"authority\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"http://s.com\","
        "\"name\":\"k\"}}}");
}

static void test_canonical_follows_accept_language(void **state)
{
    (void)state;
    json_t *s = load(STATEMENT);
    lrs_format_apply(s, LRS_FORMAT_CANONICAL, "en-GB;q=0.5, de;q=0.9, *;q=0.1", NULL, NULL);
    /* "de" is preferred: exact key first, then a key with the same primary subtag. */
    json_t *verb = json_object_get(json_object_get(s, "verb"), "display");
    assert_int_equal(json_object_size(verb), 1);
    assert_string_equal(json_string_value(json_object_get(verb, "de")), "tat");
    json_t *sub = json_object_get(s, "object");
    json_t *name = json_object_get(json_object_get(json_object_get(sub, "object"), "definition"),
                                   "name");
    assert_int_equal(json_object_size(name), 1);
    assert_non_null(json_object_get(name, "de-AT"));
    /* No German display: en-GB is next. */
    json_t *display = json_object_get(json_object_get(sub, "verb"), "display");
    assert_int_equal(json_object_size(display), 1);
    assert_non_null(json_object_get(display, "en-GB"));
    json_t *choice = json_array_get(json_object_get(json_object_get(json_object_get(sub, "object"),
                                                                    "definition"), "choices"), 0);
    assert_non_null(json_object_get(json_object_get(choice, "description"), "de-DE"));
    json_t *parent = json_array_get(json_object_get(json_object_get(json_object_get(s, "context"),
                                                                    "contextActivities"), "parent"), 0);
    assert_non_null(json_object_get(json_object_get(json_object_get(parent, "definition"), "name"),
                                    "de"));
    json_decref(s);
}

static void test_canonical_without_match_keeps_one_entry(void **state)
{
    (void)state;
    json_t *s = load("{\"verb\":{\"id\":\"http://x.com/v\",\"display\":{\"en-US\":\"did\",\"de\":\"tat\"}},"
                     "\"object\":{\"id\":\"http://x.com/a\"}}");
    lrs_format_apply(s, LRS_FORMAT_CANONICAL, "ja, zh;q=0", NULL, NULL);
    json_t *display = json_object_get(json_object_get(s, "verb"), "display");
    assert_int_equal(json_object_size(display), 1);
    json_decref(s);
    /* Exact format leaves everything as stored. */
    expect_format(STATEMENT, LRS_FORMAT_EXACT, "de", STATEMENT);
}

/* The canonical definitions of this test: one for http://x.com/known, none for the rest. */
static json_t *known_definition(void *arg, const char *id)
{
    (*(int *)arg)++;
    if (strcmp(id, "http://x.com/known")) return NULL;
    return load("{\"name\":{\"en-US\":\"Known course\",\"nl\":\"Bekende cursus\"},"
                "\"type\":\"http://adlnet.gov/expapi/activities/course\"}");
}

static void test_canonical_uses_the_lrs_definitions(void **state)
{
    (void)state;
    json_t *s = load("{\"verb\":{\"id\":\"http://x.com/v\"},"
                     "\"object\":{\"id\":\"http://x.com/known\",\"definition\":{\"name\":{\"en-US\":\"what "
                     "the client said\"}}},\"context\":{\"contextActivities\":{\"parent\":[{\"id\":"
                     "\"http://x.com/other\",\"definition\":{\"name\":{\"en-US\":\"Other\",\"nl\":\"Ander\"}}}]}}}");
    int lookups = 0;
    lrs_format_apply(s, LRS_FORMAT_CANONICAL, "nl", known_definition, &lookups);
    assert_int_equal(lookups, 2);
    json_t *want = load("{\"verb\":{\"id\":\"http://x.com/v\"},"
                        "\"object\":{\"id\":\"http://x.com/known\",\"definition\":{\"name\":{\"nl\":"
                        "\"Bekende cursus\"},\"type\":\"http://adlnet.gov/expapi/activities/course\"}},"
                        "\"context\":{\"contextActivities\":{\"parent\":[{\"id\":\"http://x.com/other\","
                        "\"definition\":{\"name\":{\"nl\":\"Ander\"}}}]}}}");
    assert_true(json_equal(s, want));
    json_decref(s);
    json_decref(want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_ids_keeps_identifiers_only),
        cmocka_unit_test(test_canonical_follows_accept_language),
        cmocka_unit_test(test_canonical_without_match_keeps_one_entry),
        cmocka_unit_test(test_canonical_uses_the_lrs_definitions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
