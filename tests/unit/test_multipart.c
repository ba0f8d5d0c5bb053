/* test_multipart.c: multipart/mixed for xAPI attachments: the boundary parameter, parsing
 * well-formed and malformed bodies (binary content included), and writing a body that parses
 * back to the same parts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tracking/lrs_multipart.h"

static void test_boundary_parameter(void **state)
{
    (void)state;
    char *b = lrs_multipart_boundary("multipart/mixed; boundary=abc123");
    assert_string_equal(b, "abc123");
    free(b);
    b = lrs_multipart_boundary("multipart/mixed;charset=utf-8; BOUNDARY=\"a b:c\"");
    assert_string_equal(b, "a b:c");
    free(b);
    b = lrs_multipart_boundary("multipart/mixed; boundary=xyz; charset=utf-8");
    assert_string_equal(b, "xyz");
    free(b);
    assert_null(lrs_multipart_boundary("multipart/mixed"));
    assert_null(lrs_multipart_boundary(NULL));
    assert_null(lrs_multipart_boundary("multipart/mixed; boundary="));
    assert_null(lrs_multipart_boundary("multipart/mixed; boundary=\"unclosed"));
    assert_null(lrs_multipart_boundary("multipart/mixed; boundary=bad\"quote"));
    char longer[100] = "multipart/mixed; boundary=";
    memset(longer + strlen(longer), 'x', 71);
    assert_null(lrs_multipart_boundary(longer));
}

static const char BODY[] =
    "preamble to ignore\r\n"
    "--XYZ\r\n"
    "Content-Type: application/json\r\n"
    "\r\n"
    "{\"id\":1}\r\n"
    "--XYZ\r\n"
    "content-type: text/plain\r\n"
    "X-Experience-API-Hash:  abc123 \r\n"
    "Content-Transfer-Encoding: binary\r\n"
    "\r\n"
    "hello\r\n--XY not a delimiter\r\n"
    "--XYZ--\r\n"
    "epilogue";

static void test_parse_parts_and_headers(void **state)
{
    (void)state;
    struct lrs_multipart m;
    char err[128];
    assert_int_equal(lrs_multipart_parse(BODY, sizeof BODY - 1, "XYZ", SIZE_MAX, &m, err,
                                         sizeof err), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.parts[0].content_type, "application/json");
    assert_null(m.parts[0].hash);
    assert_int_equal(m.parts[0].len, 8);
    assert_memory_equal(m.parts[0].body, "{\"id\":1}", 8);
    assert_string_equal(m.parts[1].content_type, "text/plain");
    assert_string_equal(m.parts[1].hash, "abc123");
    assert_string_equal(m.parts[1].transfer_encoding, "binary");
    const char *want = "hello\r\n--XY not a delimiter";
    assert_int_equal(m.parts[1].len, strlen(want));
    assert_memory_equal(m.parts[1].body, want, strlen(want));
    lrs_multipart_free(&m);
}

static void test_binary_content_with_nul_bytes(void **state)
{
    (void)state;
    const char head[] = "--b\r\nContent-Type: application/octet-stream\r\n\r\n";
    const unsigned char data[] = {0, 1, '\r', '\n', '-', '-', 'b', 'x', 0, 255};
    const char tail[] = "\r\n--b--";
    char body[128];
    size_t len = 0;
    memcpy(body, head, sizeof head - 1);
    len += sizeof head - 1;
    memcpy(body + len, data, sizeof data);
    len += sizeof data;
    memcpy(body + len, tail, sizeof tail - 1);
    len += sizeof tail - 1;
    struct lrs_multipart m;
    char err[128];
    assert_int_equal(lrs_multipart_parse(body, len, "b", SIZE_MAX, &m, err, sizeof err), 0);
    assert_int_equal(m.n, 1);
    assert_int_equal(m.parts[0].len, sizeof data);
    assert_memory_equal(m.parts[0].body, data, sizeof data);
    lrs_multipart_free(&m);
}

/* An attachment part: its headers and its len bytes of content. */
static void expect_binary_part(const struct lrs_part *p, const char *type, const char *hash,
                               const void *body, size_t len)
{
    assert_string_equal(p->content_type, type);
    assert_string_equal(p->transfer_encoding, "binary");
    assert_string_equal(p->hash, hash);
    assert_int_equal(p->len, len);
    assert_memory_equal(p->body, body, len);
}

/* Parses text (a C string) and expects failure with a message containing want. */
static void expect_error(const char *text, const char *boundary, const char *want)
{
    struct lrs_multipart m;
    char err[128] = "";
    assert_int_equal(lrs_multipart_parse(text, strlen(text), boundary, SIZE_MAX, &m, err,
                                         sizeof err), -1);
    assert_non_null(strstr(err, want));
    lrs_multipart_free(&m);
}

static void test_malformed_bodies(void **state)
{
    (void)state;
    expect_error("", "b", "no multipart boundary");
    expect_error("just text", "b", "no multipart boundary");
    expect_error("--b\r\nContent-Type: text/plain\r\n\r\nunclosed", "b", "no closing delimiter");
    expect_error("--b\r\nContent-Type: text/plain\r\nno blank line\r\n--b--", "b", "no empty line");
    expect_error("--b--\r\n", "b", "no parts");
    expect_error("--b", "b", "not ended");
}

/* Parses text (boundary "b"), which must be well-formed, into m. */
static void parse_ok(const char *text, struct lrs_multipart *m)
{
    char err[128];
    assert_int_equal(lrs_multipart_parse(text, strlen(text), "b", SIZE_MAX, m, err, sizeof err), 0);
}

/* Some clients (and the ADL conformance suite's fixtures) end lines with a bare LF. */
static void test_lf_only_lines_are_accepted(void **state)
{
    (void)state;
    const char *text = "--b\nContent-Type: text/plain\n\nabc\n--b\n"
                       "X-Experience-API-Hash: h\n\nline\r\n\n--b--\n";
    struct lrs_multipart m;
    parse_ok(text, &m);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.parts[0].content_type, "text/plain");
    assert_int_equal(m.parts[0].len, 3);
    assert_memory_equal(m.parts[0].body, "abc", 3);
    assert_string_equal(m.parts[1].hash, "h");
    assert_int_equal(m.parts[1].len, 6);
    assert_memory_equal(m.parts[1].body, "line\r\n", 6);
    lrs_multipart_free(&m);
}

/* The conformance suite's signed statements: a CRLF before the first delimiter, "Name:value"
 * headers, and nothing after the closing delimiter. */
static void test_preamble_and_unterminated_close(void **state)
{
    (void)state;
    const char *text = "\r\n--b\r\nContent-Type:application/json\r\n\r\n{}\r\n--b\r\n"
                       "Content-Type:application/octet-stream\r\nContent-Transfer-Encoding:binary"
                       "\r\nX-Experience-API-Hash:h\r\n\r\na.b.c\r\n--b--";
    struct lrs_multipart m;
    parse_ok(text, &m);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.parts[0].content_type, "application/json");
    assert_memory_equal(m.parts[0].body, "{}", m.parts[0].len);
    expect_binary_part(&m.parts[1], "application/octet-stream", "h", "a.b.c", 5);
    lrs_multipart_free(&m);
}

static void test_empty_part_body(void **state)
{
    (void)state;
    const char *text = "--b\r\nContent-Type: text/plain\r\n\r\n\r\n--b--\r\n";
    struct lrs_multipart m;
    parse_ok(text, &m);
    assert_int_equal(m.n, 1);
    assert_int_equal(m.parts[0].len, 0);
    lrs_multipart_free(&m);
}

static void test_written_body_parses_back(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    lrs_multipart_add(&b, "bnd", "application/json", NULL, "{}", 2);
    lrs_multipart_add(&b, "bnd", "image/png", "ff00", "\0\r\n--bnd", 8);
    lrs_multipart_end(&b, "bnd");
    struct lrs_multipart m;
    char err[128];
    assert_int_equal(lrs_multipart_parse(b.data, b.len, "bnd", SIZE_MAX, &m, err, sizeof err), -1);
    lrs_multipart_free(&m);
    /* The second part's content contains the delimiter itself, which multipart forbids: a
     * writer must pick a boundary absent from the content. With a fresh boundary it works. */
    buf_reset(&b);
    lrs_multipart_add(&b, "other", "application/json", NULL, "{}", 2);
    lrs_multipart_add(&b, "other", "image/png", "ff00", "\0\r\n--bnd", 8);
    lrs_multipart_end(&b, "other");
    assert_int_equal(lrs_multipart_parse(b.data, b.len, "other", SIZE_MAX, &m, err, sizeof err), 0);
    assert_int_equal(m.n, 2);
    assert_null(m.parts[0].hash);
    expect_binary_part(&m.parts[1], "image/png", "ff00", "\0\r\n--bnd", 8);
    lrs_multipart_free(&m);
    buf_free(&b);
}

/* Parsing stops at the part limit, so a body of many tiny parts costs no more than the limit. */
static void test_part_limit(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    for (int i = 0; i < 4; i++) lrs_multipart_add(&b, "lim", "text/plain", "aa", "x", 1);
    lrs_multipart_end(&b, "lim");
    struct lrs_multipart m;
    char err[128];
    assert_int_equal(lrs_multipart_parse(b.data, b.len, "lim", 4, &m, err, sizeof err), 0);
    assert_int_equal(m.n, 4);
    lrs_multipart_free(&m);
    assert_int_equal(lrs_multipart_parse(b.data, b.len, "lim", 3, &m, err, sizeof err),
                     LRS_MULTIPART_TOO_MANY);
    assert_int_equal(m.n, 3);
    assert_string_equal(err, "body: more than 3 multipart parts");
    lrs_multipart_free(&m);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boundary_parameter),
        cmocka_unit_test(test_parse_parts_and_headers),
        cmocka_unit_test(test_binary_content_with_nul_bytes),
        cmocka_unit_test(test_malformed_bodies),
        cmocka_unit_test(test_lf_only_lines_are_accepted),
        cmocka_unit_test(test_preamble_and_unterminated_close),
        cmocka_unit_test(test_empty_part_body),
        cmocka_unit_test(test_written_body_parses_back),
        cmocka_unit_test(test_part_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
