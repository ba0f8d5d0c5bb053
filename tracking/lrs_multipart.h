/* lrs_multipart.h: multipart/mixed bodies (RFC 2046) as xAPI uses them for attachments: parsing
 * a request into its parts, and writing a response part by part. Forms that upload a file
 * (multipart/form-data) are split by the same parser (server/form_data.h). */
#ifndef STEPWISE_LRS_MULTIPART_H
#define STEPWISE_LRS_MULTIPART_H

#include <stddef.h>

#include "server/buf.h"

struct lrs_part {
    char *content_type;         /* owned; NULL when the part has no Content-Type */
    char *hash;                 /* X-Experience-API-Hash, owned; NULL when absent */
    char *transfer_encoding;    /* Content-Transfer-Encoding, owned; NULL when absent */
    char *disposition;          /* Content-Disposition (forms: server/form_data.h), owned; NULL
                                 * when absent */
    const char *body;           /* points into the parsed body (not NUL-terminated) */
    size_t len;
};

struct lrs_multipart {
    struct lrs_part *parts;     /* owned */
    size_t n;
};

/* The boundary parameter of a multipart Content-Type value (quotes removed), or NULL when
 * there is none or it is not a valid RFC 2046 boundary. Caller frees. */
char *lrs_multipart_boundary(const char *content_type);

/* Splits body (len bytes, which must outlive out) at boundary into at most max_parts parts.
 * Returns 0; -1 with a message in err when the body is not well-formed (no parts, no closing
 * delimiter, a part without the blank line after its headers); LRS_MULTIPART_TOO_MANY when it
 * has more than max_parts parts (it stops there). Free out with lrs_multipart_free, also on
 * error. */
#define LRS_MULTIPART_TOO_MANY (-2)
int lrs_multipart_parse(const char *body, size_t len, const char *boundary, size_t max_parts,
                        struct lrs_multipart *out, char *err, size_t errlen);
void lrs_multipart_free(struct lrs_multipart *m);

/* Writing: one lrs_multipart_add per part (hash may be NULL), then lrs_multipart_end. */
void lrs_multipart_add(struct buf *b, const char *boundary, const char *content_type,
                       const char *hash, const void *data, size_t len);
void lrs_multipart_end(struct buf *b, const char *boundary);

#endif
