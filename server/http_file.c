/* http_file.c: conditional requests (ETag/If-None-Match, Last-Modified/If-Modified-Since) and file
 * replies with single byte ranges, as media players (iOS Safari above all) need for seeking. */
#include "server/http_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "player/i18n.h"

void http_etag_for(const void *body, size_t len, char out[24])
{
    /* FNV-1a 64: not a security measure, just a cheap content fingerprint. */
    const unsigned char *p = body;
    unsigned long long h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 1099511628211ull;
    snprintf(out, 24, "\"%016llx\"", h);
}

static void http_date(time_t t, char out[40])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 40, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static int etag_listed(const char *list, const char *etag)
{
    size_t n = strlen(etag);
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == ',') p++;
        if (*p == '*') return 1;
        if (!strncmp(p, "W/", 2)) p += 2;
        if (!strncmp(p, etag, n) && (p[n] == '\0' || p[n] == ',' || p[n] == ' ')) return 1;
        while (*p && *p != ',') p++;
    }
    return 0;
}

void http_add_validators(struct request *r, const char *etag, time_t mtime)
{
    reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
    if (mtime) {
        char date[40];
        http_date(mtime, date);
        reply_header(r, MHD_HTTP_HEADER_LAST_MODIFIED, date);
    }
}

int http_not_modified(struct request *r, const char *etag, time_t mtime)
{
    const char *inm = request_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
    int fresh = 0;
    if (inm) {
        fresh = etag_listed(inm, etag);
    } else if (mtime) {
        const char *ims = request_header(r, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
        struct tm tm = {0};
        if (ims && strptime(ims, "%a, %d %b %Y %H:%M:%S GMT", &tm)) fresh = mtime <= timegm(&tm);
    }
    if (!fresh) return 0;
    reply_static(r, MHD_HTTP_NOT_MODIFIED, NULL, "", 0);
    http_add_validators(r, etag, mtime);
    return 1;
}

/* Parses a single "bytes=first-last" range against size. Returns 1 with [*first, *last] when it
 * is one satisfiable range, 0 when the header should be ignored (absent, several ranges, not
 * bytes), -1 when it is unsatisfiable (416). */
static int parse_range(const char *h, off_t size, off_t *first, off_t *last)
{
    if (!h || strncmp(h, "bytes=", 6) || strchr(h, ',')) return 0;
    const char *p = h + 6;
    char *end;
    if (*p == '-') {
        errno = 0;
        long long n = strtoll(p + 1, &end, 10);
        if (errno || *end || end == p + 1 || n < 0) return 0;
        if (n == 0 || size == 0) return -1;
        *first = n >= size ? 0 : size - n;
        *last = size - 1;
        return 1;
    }
    errno = 0;
    long long a = strtoll(p, &end, 10);
    if (errno || end == p || *end != '-' || a < 0) return 0;
    p = end + 1;
    long long b = size - 1;
    if (*p) {
        b = strtoll(p, &end, 10);
        if (errno || *end || b < a) return 0;
        if (b >= size) b = size - 1;
    }
    if (a >= size) return -1;
    *first = a;
    *last = b;
    return 1;
}

void http_reply_file(struct request *r, const char *path, const char *content_type)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0) close(fd);
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("File not found"), _("This file is not part of the lesson."));
        return;
    }
    char etag[48];
    snprintf(etag, sizeof etag, "\"%llx-%llx\"", (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull + (unsigned long long)st.st_mtim.tv_nsec);
    if (http_not_modified(r, etag, st.st_mtime)) {
        close(fd);
        return;
    }
    off_t first = 0, last = st.st_size - 1;
    const char *if_range = request_header(r, "If-Range");
    int ranged = (!if_range || !strcmp(if_range, etag))
                     ? parse_range(request_header(r, MHD_HTTP_HEADER_RANGE), st.st_size, &first, &last)
                     : 0;
    if (ranged < 0) {
        close(fd);
        char *msg = xasprintf("bytes */%lld", (long long)st.st_size);
        reply_static(r, MHD_HTTP_RANGE_NOT_SATISFIABLE, NULL, "", 0);
        reply_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, msg);
        free(msg);
        return;
    }
    size_t len = st.st_size ? (size_t)(last - first + 1) : 0;
    reply_fd(r, ranged ? MHD_HTTP_PARTIAL_CONTENT : MHD_HTTP_OK, content_type, fd, first, len);
    reply_header(r, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=300");
    http_add_validators(r, etag, st.st_mtime);
    if (ranged) {
        char cr[96];
        snprintf(cr, sizeof cr, "bytes %lld-%lld/%lld", (long long)first, (long long)last,
                 (long long)st.st_size);
        reply_header(r, MHD_HTTP_HEADER_CONTENT_RANGE, cr);
    }
}
