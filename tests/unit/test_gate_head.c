/* test_gate_head.c: the byte-level check of a request head (server/gate_head.c): whole and
 * strict heads pass, each ambiguous form is refused with its status, a head arriving in pieces
 * is incomplete until its empty line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "server/gate_head.h"

static int check(const char *text, size_t max, size_t *end, const char **why)
{
    return gate_head_check(text, strlen(text), max, end, why);
}

static void test_whole_heads_pass(void **state)
{
    (void)state;
    const char *get = "GET /modules/safe-lifting?level=2 HTTP/1.1\r\nHost: a\r\nX-Empty:\r\n\r\n";
    size_t end = 0;
    const char *why = NULL;
    assert_int_equal(check(get, 16384, &end, &why), GATE_HEAD_OK);
    assert_int_equal(end, strlen(get));
    /* The body after the head is not looked at; empty lines before the request line are skipped. */
    const char *post = "\r\nPOST /login HTTP/1.0\r\nContent-Length: 3\r\n\r\na\nb";
    assert_int_equal(check(post, 16384, &end, &why), GATE_HEAD_OK);
    assert_int_equal(end, strlen(post) - 3);
    assert_int_equal(check("OPTIONS * HTTP/1.1\r\nHost: a\r\nA: tab\there\r\n\r\n", 100, &end, &why),
                     GATE_HEAD_OK);
}

static void test_incomplete_until_the_empty_line(void **state)
{
    (void)state;
    const char *head = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    size_t end;
    const char *why;
    for (size_t n = 0; n < strlen(head); n++)
        assert_int_equal(gate_head_check(head, n, 16384, &end, &why), GATE_HEAD_INCOMPLETE);
    assert_int_equal(gate_head_check(head, strlen(head), 16384, &end, &why), GATE_HEAD_OK);
}

static void test_ambiguous_forms_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *head;
        int status;
        const char *why;
    } cases[] = {
        {"GET / HTTP/1.1\nHost: a\n\n", 400, "end in CR LF"},
        {"GET / HTTP/1.1\r\nHost: a\n", 400, "end in CR LF"},
        {"GET / HTTP/1.1\r\nHost: a\rB: c\r\n\r\n", 400, "end in CR LF"},
        {"GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n", 400, "folded header"},
        {"GET / HTTP/1.1\r\nA: b\r\n\tc\r\n\r\n", 400, "folded header"},
        {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, "no space before the colon"},
        {"GET / HTTP/1.1\r\nno colon\r\n\r\n", 400, "a name, a colon"},
        {"GET / HTTP/1.1\r\n: empty name\r\n\r\n", 400, "a name, a colon"},
        {"GET / HTTP/1.1\r\nA: b\x01\r\n\r\n", 400, "control character"},
        {"GET  / HTTP/1.1\r\n\r\n", 400, "request line"},
        {"GET / HTTP/1.1 \r\n\r\n", 400, "request line"},
        {"GET /a b HTTP/1.1\r\n\r\n", 400, "request line"},
        {"G(T / HTTP/1.1\r\n\r\n", 400, "request line"},
        {"GET /\r\n\r\n", 400, "request line"},
        {"GET / HTTP/2.0\r\n\r\n", 505, "HTTP/1.0 and HTTP/1.1"},
        {"GET / HTTP/1.1\r\n\r\n" "\0", 0, NULL},  /* whole: what follows is the body */
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t end;
        const char *why = NULL;
        int status = check(cases[i].head, 16384, &end, &why);
        if (!cases[i].why) {
            assert_int_equal(status, GATE_HEAD_OK);
            continue;
        }
        assert_int_equal(status, cases[i].status);
        assert_non_null(strstr(why, cases[i].why));
    }
    /* A NUL byte in a header value is a control character too. */
    static const char nul[] = "GET / HTTP/1.1\r\nA: b\0c\r\n\r\n";
    size_t end;
    const char *why;
    assert_int_equal(gate_head_check(nul, sizeof nul - 1, 16384, &end, &why), 400);
}

static void test_too_large(void **state)
{
    (void)state;
    size_t end;
    const char *why;
    /* No end within max bytes, whether the bytes so far end a line or not. */
    assert_int_equal(check("GET / HTTP/1.1\r\nA: bbbbbbbbbb", 24, &end, &why), 431);
    assert_non_null(strstr(why, "too large"));
    assert_int_equal(check("GET / HTTP/1.1\r\nA: bbbbbb\r\n", 24, &end, &why), 431);
    assert_int_equal(check("GET / HTTP/1.1\r\nA: b\r\n\r\n", 24, &end, &why), GATE_HEAD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_heads_pass),
        cmocka_unit_test(test_incomplete_until_the_empty_line),
        cmocka_unit_test(test_ambiguous_forms_are_refused),
        cmocka_unit_test(test_too_large),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
