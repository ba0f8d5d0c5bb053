/* lrs_multipart.c: multipart/mixed for xAPI attachments. Parts are delimited by CRLF "--"
 * boundary; each part has header lines, an empty line, then its bytes, which may be binary
 * (Content-Transfer-Encoding: binary), so the parser never treats the body as a C string. */
#include "tracking/lrs_multipart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* RFC 2046 boundary: 1 to 70 characters of bcharsnospace/space, not ending in a space. */
static int boundary_valid(const char *b)
{
    size_t n = strlen(b);
    if (n == 0 || n > 70 || b[n - 1] == ' ') return 0;
    return strspn(b, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "'()+_,-./:=? ") == n;
}

char *lrs_multipart_boundary(const char *content_type)
{
    if (!content_type) return NULL;
    for (const char *p = strchr(content_type, ';'); p; p = strchr(p + 1, ';')) {
        const char *q = p + 1 + strspn(p + 1, " \t");
        if (strncasecmp(q, "boundary=", 9)) continue;
        q += 9;
        size_t n;
        if (*q == '"') {
            q++;
            const char *end = strchr(q, '"');
            if (!end) return NULL;
            n = (size_t)(end - q);
        } else {
            n = strcspn(q, "; \t");
        }
        char *b = xstrndup(q, n);
        if (boundary_valid(b)) return b;
        free(b);
        return NULL;
    }
    return NULL;
}

/* Finds the delimiter (dlen bytes) in hay (hlen bytes): it must be followed by "--", the end of
 * its line or the end of the body, so "--b" inside "--bx" of the content is not one. NULL when
 * absent. */
static const char *find(const char *hay, size_t hlen, const char *delim, size_t dlen)
{
    const char *end = hay + hlen;
    for (const char *p = hay; (p = memmem(p, (size_t)(end - p), delim, dlen)) != NULL; p++) {
        const char *after = p + dlen;
        if (after == end || memchr("\r\n \t", *after, 4) ||
            (end - after >= 2 && after[0] == '-' && after[1] == '-'))
            return p;
    }
    return NULL;
}

/* Copies the value of one header line (name: value), trimmed. */
static char *header_value(const char *line, size_t len, size_t name_len)
{
    const char *v = line + name_len + 1;
    const char *end = line + len;
    while (v < end && (*v == ' ' || *v == '\t')) v++;
    while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r')) end--;
    return xstrndup(v, (size_t)(end - v));
}

static void part_header(struct lrs_part *part, const char *line, size_t len)
{
    const char *colon = memchr(line, ':', len);
    if (!colon) return;
    size_t n = (size_t)(colon - line);
    char **slot = NULL;
    if (n == 12 && !strncasecmp(line, "Content-Type", n)) slot = &part->content_type;
    else if (n == 21 && !strncasecmp(line, "X-Experience-API-Hash", n)) slot = &part->hash;
    else if (n == 25 && !strncasecmp(line, "Content-Transfer-Encoding", n))
        slot = &part->transfer_encoding;
    else if (n == 19 && !strncasecmp(line, "Content-Disposition", n)) slot = &part->disposition;
    if (!slot) return;
    free(*slot);
    *slot = header_value(line, len, n);
}

/* Parses one part: header lines up to an empty line, then the bytes. */
static int parse_part(struct lrs_part *part, const char *p, size_t len)
{
    const char *end = p + len;
    for (;;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return -1;
        size_t line = (size_t)(nl - p);
        if (line && p[line - 1] == '\r') line--;
        if (line == 0) {
            part->body = nl + 1;
            part->len = (size_t)(end - nl - 1);
            return 0;
        }
        part_header(part, p, line);
        p = nl + 1;
    }
}

int lrs_multipart_parse(const char *body, size_t len, const char *boundary, size_t max_parts,
                        struct lrs_multipart *out, char *err, size_t errlen)
{
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    /* Lines end in CRLF, but some clients send bare LF: a delimiter is LF "--" boundary, and
     * the CR before it, when there, belongs to the delimiter rather than to the part. */
    char *delim = xasprintf("\n--%s", boundary);
    size_t dlen = strlen(delim);
    int status = -1;
    const char *end = body + len;
    /* The first delimiter may open the body without a line break before it. */
    const char *p = len >= dlen - 1 && !memcmp(body, delim + 1, dlen - 1) ? body + dlen - 1
                                                                          : NULL;
    if (!p) {
        p = find(body, len, delim, dlen);
        if (!p) {
            snprintf(err, errlen, "body: no multipart boundary \"%s\" found", boundary);
            goto done;
        }
        p += dlen;
    }
    for (;;) {
        /* p is just past a delimiter: "--" closes, otherwise the line ends and a part begins. */
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') break;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            snprintf(err, errlen, "body: multipart delimiter line not ended");
            goto done;
        }
        const char *start = nl + 1;
        const char *next = find(start, (size_t)(end - start), delim, dlen);
        if (!next) {
            snprintf(err, errlen, "body: multipart body has no closing delimiter");
            goto done;
        }
        const char *stop = next > start && next[-1] == '\r' ? next - 1 : next;
        if (out->n == max_parts) {
            snprintf(err, errlen, "body: more than %zu multipart parts", max_parts);
            status = LRS_MULTIPART_TOO_MANY;
            goto done;
        }
        if (out->n == cap) {
            cap = cap ? 2 * cap : 4;
            out->parts = xrealloc(out->parts, cap * sizeof *out->parts);
        }
        struct lrs_part *part = &out->parts[out->n++];
        memset(part, 0, sizeof *part);
        if (parse_part(part, start, (size_t)(stop - start)) < 0) {
            snprintf(err, errlen, "body: multipart part %zu has no empty line after its headers",
                     out->n);
            goto done;
        }
        p = next + dlen;
    }
    if (out->n == 0) {
        snprintf(err, errlen, "body: multipart body has no parts");
        goto done;
    }
    status = 0;
done:
    free(delim);
    return status;
}

void lrs_multipart_free(struct lrs_multipart *m)
{
    for (size_t i = 0; i < m->n; i++) {
        free(m->parts[i].content_type);
        free(m->parts[i].hash);
        free(m->parts[i].transfer_encoding);
        free(m->parts[i].disposition);
    }
    free(m->parts);
    memset(m, 0, sizeof *m);
}

void lrs_multipart_add(struct buf *b, const char *boundary, const char *content_type,
                       const char *hash, const void *data, size_t len)
{
    buf_printf(b, "--%s\r\nContent-Type: %s\r\n", boundary, content_type);
    if (hash)
        buf_printf(b, "Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: %s\r\n", hash);
    buf_puts(b, "\r\n");
    buf_append(b, data, len);
    buf_puts(b, "\r\n");
}

void lrs_multipart_end(struct buf *b, const char *boundary)
{
    buf_printf(b, "--%s--\r\n", boundary);
}
