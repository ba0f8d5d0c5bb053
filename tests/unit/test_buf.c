/* test_buf.c: the growable buffer, its HTML and URL escaping, and reading a bounded file. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "server/buf.h"

static void test_append_and_printf(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "abc");
    buf_putc(&b, '-');
    buf_printf(&b, "%d/%s", 42, "x");
    for (int i = 0; i < 1000; i++) buf_putc(&b, 'z');
    assert_int_equal(b.len, 3 + 1 + 4 + 1000);
    assert_memory_equal(b.data, "abc-42/x", 8);
    assert_int_equal(b.data[b.len], '\0');
    size_t len;
    char *s = buf_detach(&b, &len);
    assert_int_equal(len, 1008);
    assert_null(b.data);
    free(s);
}

static void test_detach_empty_gives_empty_string(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    size_t len = 99;
    char *s = buf_detach(&b, &len);
    assert_string_equal(s, "");
    assert_int_equal(len, 0);
    free(s);
}

static void test_html_escaping(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    buf_put_html(&b, "<script>alert(\"x\" & 'y')</script>");
    assert_string_equal(b.data, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
    buf_reset(&b);
    buf_put_html(&b, "plain text");
    assert_string_equal(b.data, "plain text");
    buf_free(&b);
    char *s = html_escape("Anna <b>&</b>");
    assert_string_equal(s, "Anna &lt;b&gt;&amp;&lt;/b&gt;");
    free(s);
    s = html_escape("");
    assert_string_equal(s, "");
    free(s);
}

/* What json_loads reads back is the string put in. */
static void test_json_string(void **state)
{
    (void)state;
    const char *s = "account:http://x|anna \"de\\ \n\x01 caf\xc3\xa9";
    struct buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    buf_put_json_string(&b, s);
    buf_putc(&b, ',');
    buf_put_json_string(&b, NULL);
    buf_putc(&b, ']');
    assert_string_equal(b.data, "[\"account:http://x|anna \\\"de\\\\ \\u000a\\u0001"
                                " caf\xc3\xa9\",null]");
    json_t *j = json_loads(b.data, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_array_get(j, 0)), s);
    assert_true(json_is_null(json_array_get(j, 1)));
    json_decref(j);
    buf_free(&b);
}

static void test_url_segment_encoding(void **state)
{
    (void)state;
    struct buf b;
    buf_init(&b);
    buf_put_url_segment(&b, "a b/c?d&e=f~g.h_i-j\xc3\xa9");
    assert_string_equal(b.data, "a%20b%2Fc%3Fd%26e%3Df~g.h_i-j%C3%A9");
    buf_free(&b);
}

static void test_xasprintf(void **state)
{
    (void)state;
    char *s = xasprintf("%s:%d", "file.md", 12);
    assert_string_equal(s, "file.md:12");
    free(s);
}

static void test_read_file_max(void **state)
{
    (void)state;
    char path[] = "/tmp/stepwise-buf-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "twelve bytes", 12), 12);
    close(fd);
    size_t len = 0;
    char *text = read_file_max(path, 12, &len);
    assert_non_null(text);
    assert_int_equal(len, 12);
    assert_string_equal(text, "twelve bytes");
    free(text);
    len = 0;
    assert_null(read_file_max(path, 11, &len));
    assert_int_equal(errno, EFBIG);
    assert_int_equal(len, 12);      /* the size, for the message */
    unlink(path);
    assert_null(read_file_max(path, 12, &len));
    assert_int_equal(errno, ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf),
        cmocka_unit_test(test_detach_empty_gives_empty_string),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_url_segment_encoding),
        cmocka_unit_test(test_xasprintf),
        cmocka_unit_test(test_read_file_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
