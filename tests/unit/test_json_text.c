/* test_json_text.c: tracking/json_text.c writes what json_dumps writes (JSON_COMPACT, with and
 * without JSON_SORT_KEYS), byte for byte, for statements and for every kind of value and escape,
 * and gives NULL where json_dumps does (a string that is not UTF-8, a value inside itself). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tracking/json_text.h"

/* Both writers agree on v, sorted and not; v is released. */
static void assert_same_text(json_t *v)
{
    for (int sorted = 0; sorted < 2; sorted++) {
        char *expected = json_dumps(v, JSON_COMPACT | (sorted ? JSON_SORT_KEYS : 0));
        char *got = json_text(v, sorted);
        assert_non_null(expected);
        assert_non_null(got);
        assert_string_equal(got, expected);
        free(expected);
        free(got);
    }
    json_decref(v);
}

static json_t *parse(const char *text)
{
    json_error_t e;
    json_t *v = json_loads(text, JSON_ALLOW_NUL, &e);
    assert_non_null(v);
    return v;
}

static void test_a_stored_statement(void **state)
{
    (void)state;
    assert_same_text(parse(
        "{\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"http://127.0.0.1:34201\","
        "\"name\":\"quiz.bench\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/answered\","
        "\"display\":{\"en-US\":\"answered\"}},\"object\":{\"objectType\":\"Activity\",\"id\":"
        "\"http://127.0.0.1:34201/modules/safe-lifting/questions/turn\",\"definition\":{\"name\":"
        "{\"nl\":\"Hoe draai je met de doos? \\u00e9\\u00eb \\ud83d\\ude00\"},\"type\":"
        "\"http://adlnet.gov/expapi/activities/cmi.interaction\",\"interactionType\":\"choice\","
        "\"correctResponsesPattern\":[\"1[,]3\"],\"choices\":[{\"id\":\"1\",\"description\":"
        "{\"en\":\"With your feet\"}}]}},\"result\":{\"score\":{\"scaled\":0.66666666666666663,"
        "\"raw\":2,\"min\":0,\"max\":3},\"success\":false,\"completion\":true,\"response\":\"\"},"
        "\"context\":{\"registration\":\"01a23730-1e7b-7af2-9917-7e6379f010aa\",\"extensions\":"
        "{\"http://127.0.0.1:34201/xapi/extensions/level\":1,\"x\":null,\"y\":[],\"z\":{}}},"
        "\"id\":\"01a23730-1e7c-768e-9b66-d65f3b31e28c\",\"version\":\"1.0.0\"}"));
}

static void test_every_escape(void **state)
{
    (void)state;
    char s[0x81];
    for (int i = 0; i < 0x80; i++) s[i] = (char)(i + 1 == 0x80 ? 0x7f : i);
    json_t *o = json_object();
    json_object_set_new(o, "controls", json_stringn(s, 0x80));   /* from NUL up to DEL */
    json_object_set_new(o, "quotes \" and \\ /", json_string("\"\\/\b\f\n\r\t"));
    json_object_set_new(o, "utf8", json_string("\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
    assert_same_text(o);
}

static void test_numbers_and_literals(void **state)
{
    (void)state;
    assert_same_text(parse("[0,-1,9223372036854775807,-9223372036854775808,1.0,-0.0,0.1,1e300,"
                           "1e-7,123456789.125,2.5e+20,true,false,null,[],{},[[{}]]]"));
    json_t *a = json_array();
    json_array_append_new(a, json_real(1.0 / 3));
    json_array_append_new(a, json_real(100.0));
    json_array_append_new(a, json_real(1e21));
    assert_same_text(a);
}

static void test_sorted_keys(void **state)
{
    (void)state;
    json_t *o = parse("{\"b\":1,\"a\":{\"z\":1,\"y\":[{\"d\":1,\"c\":2}]},\"ab\":2,\"A\":3,"
                      "\"\":4,\"\\u00e9\":5,\"a b\":6}");
    json_object_setn_new(o, "a\0b", 3, json_true());    /* a key with a NUL inside it */
    assert_same_text(o);
}

static void test_null_where_json_dumps_gives_null(void **state)
{
    (void)state;
    json_t *bad = json_array();
    json_array_append_new(bad, json_stringn_nocheck("\xff\xfe", 2));
    assert_null(json_dumps(bad, JSON_COMPACT));
    assert_null(json_text(bad, 0));
    json_decref(bad);

    /* A key that is not UTF-8 (only _nocheck can make one): json_dumps writes text that is
     * not JSON there ({":true}), json_text nothing. */
    json_t *bad_key = json_object();
    json_object_set_new_nocheck(bad_key, "\xc3(", json_true());
    assert_null(json_text(bad_key, 0));
    assert_null(json_text(bad_key, 1));
    json_decref(bad_key);

    json_t *loop = json_object(), *inner = json_array();
    json_object_set(loop, "inner", inner);
    json_array_append(inner, loop);
    assert_null(json_dumps(loop, JSON_COMPACT));
    assert_null(json_text(loop, 0));
    json_array_clear(inner);        /* breaks the loop so that both are freed */
    json_decref(inner);
    json_decref(loop);

    json_t *scalar = json_integer(1);
    assert_null(json_text(scalar, 0));  /* as json_dumps without JSON_ENCODE_ANY */
    json_decref(scalar);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_stored_statement),
        cmocka_unit_test(test_every_escape),
        cmocka_unit_test(test_numbers_and_literals),
        cmocka_unit_test(test_sorted_keys),
        cmocka_unit_test(test_null_where_json_dumps_gives_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
