/* gate_head.c: is this the start of one unambiguous HTTP/1.x request head? Every line ends in
 * CRLF, no header line is folded onto the one before, the request line is METHOD SP TARGET SP
 * HTTP/1.x and each header is a token, a colon and a value without control characters: the
 * forms that a proxy in front of Stepwise and libmicrohttpd could read differently are refused. */
#include "server/gate_head.h"

#include <string.h>

/* RFC 9110 tchar. */
static int is_tchar(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int is_ctl(unsigned char c)
{
    return c < 0x20 || c == 0x7f;
}

/* METHOD SP TARGET SP HTTP/1.x; returns 0 or a status with *why. */
static int check_request_line(const char *p, size_t n, const char **why)
{
    size_t m = 0;
    while (m < n && is_tchar((unsigned char)p[m])) m++;
    if (m == 0 || m == n || p[m] != ' ') goto bad;
    size_t t = m + 1, t_end = t;
    while (t_end < n && p[t_end] != ' ' && !is_ctl((unsigned char)p[t_end])) t_end++;
    if (t_end == t || t_end == n || p[t_end] != ' ') goto bad;
    const char *v = p + t_end + 1;
    size_t vn = n - t_end - 1;
    if (vn == 8 && (!memcmp(v, "HTTP/1.1", 8) || !memcmp(v, "HTTP/1.0", 8))) return 0;
    if (vn == 8 && !memcmp(v, "HTTP/", 5) && v[6] == '.') {
        *why = "This server speaks HTTP/1.0 and HTTP/1.1 only.";
        return 505;
    }
bad:
    *why = "The request line must be METHOD, a space, the path, a space and HTTP/1.1.";
    return 400;
}

/* NAME ":" VALUE; returns 0 or 400 with *why. */
static int check_header_line(const char *p, size_t n, const char **why)
{
    if (p[0] == ' ' || p[0] == '\t') {
        *why = "A header line starts with a space or tab (a folded header): send each header "
               "on one line.";
        return 400;
    }
    size_t k = 0;
    while (k < n && is_tchar((unsigned char)p[k])) k++;
    if (k == 0 || k == n || p[k] != ':') {
        *why = "A header line is not a name, a colon and a value (no space before the colon).";
        return 400;
    }
    for (size_t i = k + 1; i < n; i++) {
        if (is_ctl((unsigned char)p[i]) && p[i] != '\t') {
            *why = "A header value holds a control character.";
            return 400;
        }
    }
    return 0;
}

int gate_head_check(const char *data, size_t len, size_t max, size_t *end, const char **why)
{
    size_t pos = 0;
    /* A server should ignore empty lines before the request line (RFC 9112, 2.2). */
    while (pos + 1 < len && data[pos] == '\r' && data[pos + 1] == '\n') pos += 2;
    for (int first = 1;; first = 0) {
        const char *line = data + pos;
        size_t left = len - pos, n = 0;
        while (n < left && data[pos + n] != '\r' && data[pos + n] != '\n') n++;
        if (n == left || (data[pos + n] == '\r' && n + 1 == left)) {
            if (len < max) return GATE_HEAD_INCOMPLETE;
            *why = "The request head is too large.";
            return 431;
        }
        if (data[pos + n] == '\n' || data[pos + n + 1] != '\n') {
            *why = "Each line of the request head must end in CR LF.";
            return 400;
        }
        if (pos + n + 2 > max) {
            *why = "The request head is too large.";
            return 431;
        }
        if (n == 0 && !first) {
            *end = pos + 2;
            return GATE_HEAD_OK;
        }
        int status = first ? check_request_line(line, n, why) : check_header_line(line, n, why);
        if (status) return status;
        pos += n + 2;
    }
}
