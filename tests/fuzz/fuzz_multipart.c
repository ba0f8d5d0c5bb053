/* fuzz_multipart.c: libFuzzer harness for multipart/mixed request bodies (tracking/lrs_multipart.h).
 * Input: the first line is a Content-Type value whose boundary parameter is used (the fixed
 * boundary "XYZ" when it has none); the rest is the body. A body that parses is written back with
 * lrs_multipart_add/end and must parse again into the same part bodies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tracking/lrs_multipart.h"

static void roundtrip(const struct lrs_multipart *m, const char *boundary)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < m->n; i++)
        lrs_multipart_add(&b, boundary, m->parts[i].content_type ? m->parts[i].content_type : "x/y",
                          m->parts[i].hash, m->parts[i].body, m->parts[i].len);
    lrs_multipart_end(&b, boundary);
    struct lrs_multipart again;
    char err[256];
    if (lrs_multipart_parse(b.data, b.len, boundary, SIZE_MAX, &again, err, sizeof err) < 0) abort();
    if (again.n != m->n) abort();
    for (size_t i = 0; i < m->n; i++)
        if (again.parts[i].len != m->parts[i].len ||
            memcmp(again.parts[i].body, m->parts[i].body, m->parts[i].len))
            abort();
    lrs_multipart_free(&again);
    buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *nl = memchr(data, '\n', size);
    size_t head = nl ? (size_t)(nl - (const char *)data) : 0;
    char *type = xstrndup((const char *)data, head);
    char *boundary = lrs_multipart_boundary(type);
    if (!boundary) boundary = xstrdup("XYZ");
    /* An exact-size copy, so that ASan sees any read past the end of the body. */
    size_t len = nl ? size - head - 1 : size;
    char *body = malloc(len ? len : 1);
    memcpy(body, nl ? nl + 1 : (const char *)data, len);
    struct lrs_multipart m;
    char err[256];
    /* A small part limit, so that stopping at it is exercised too. */
    int rc = lrs_multipart_parse(body, len, boundary, 8, &m, err, sizeof err);
    if ((rc == 0 && m.n == 0) || m.n > 8) abort();
    if (rc == 0) roundtrip(&m, boundary);
    lrs_multipart_free(&m);
    free(body);
    free(boundary);
    free(type);
    return 0;
}
