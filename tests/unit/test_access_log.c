/* test_access_log.c: a request's access log line, written by the log's own thread: its fields
 * in order, the path's quote, backslash and control characters escaped, the time of the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "server/access_log.h"

/* What the log wrote of the requests, read back through a pipe. */
static void logged(const struct access_log_request *reqs, size_t n, char *out, size_t size)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct access_log *log = access_log_start(fds[1]);
    assert_non_null(log);
    for (size_t i = 0; i < n; i++) access_log_request(log, &reqs[i]);
    access_log_stop(log);
    close(fds[1]);
    size_t len = 0;
    ssize_t k;
    while (len + 1 < size && (k = read(fds[0], out + len, size - 1 - len)) > 0) len += (size_t)k;
    out[len] = '\0';
    close(fds[0]);
}

static void test_line_fields_and_escapes(void **state)
{
    (void)state;
    const struct access_log_request reqs[] = {
        {"127.0.0.1", "GET", "/modules/a", 200, 6195, 0.956},
        {"::1", "POST", "/a\"b\\c\x01" "d\x7f\xc3\xa9", 404, 0, 12.0},
        {"-", "HEAD", "", 304, 18446744073709551615ULL, 1234.004},
    };
    time_t before = time(NULL);
    char out[1024];
    logged(reqs, 3, out, sizeof out);
    time_t after = time(NULL);
    char stamp[2][24];
    for (int i = 0; i < 2; i++) {
        struct tm tm;
        time_t t = i ? after : before;
        gmtime_r(&t, &tm);
        strftime(stamp[i], sizeof stamp[i], "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    const char *rest[] = {
        " remote=127.0.0.1 method=GET path=\"/modules/a\" status=200 bytes=6195 ms=0.96\n",
        " remote=::1 method=POST path=\"/a\\x22b\\x5cc\\x01d\\x7f\xc3\xa9\" status=404 bytes=0 ms=12.00\n",
        " remote=- method=HEAD path=\"\" status=304 bytes=18446744073709551615 ms=1234.00\n",
    };
    const char *p = out;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(strncmp(p, "time=", 5), 0);
        p += 5;
        int same_second = !strncmp(p, stamp[0], 20) || !strncmp(p, stamp[1], 20);
        assert_true(same_second);
        p += 20;
        assert_int_equal(strncmp(p, rest[i], strlen(rest[i])), 0);
        p += strlen(rest[i]);
    }
    assert_int_equal(*p, '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_fields_and_escapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
