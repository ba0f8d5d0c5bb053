/* form_data.h: multipart/form-data bodies (RFC 7578), the forms that upload a file: the text
 * fields by name, and the one file part. */
#ifndef STEPWISE_FORM_DATA_H
#define STEPWISE_FORM_DATA_H

#include <stddef.h>

#include "server/form.h"
#include "tracking/lrs_multipart.h"

struct form_data {
    struct form fields;         /* the parts without a filename, as text (form_get works) */
    const char *file;           /* the bytes of the part named file_field (points into the body) */
    size_t file_len;
    char *file_name;            /* its filename, owned; NULL when no file was sent */
    struct lrs_multipart parts;
};

/* Splits body (len bytes, which must outlive out) sent with content_type; file_field names the
 * file part. Returns 0, or -1 with a message in err when the body is not multipart/form-data,
 * is malformed, or has more than max_fields fields. Free with form_data_free, also on error. */
int form_data_parse(const char *body, size_t len, const char *content_type, const char *file_field,
                    size_t max_fields, struct form_data *out, char *err, size_t errlen);
void form_data_free(struct form_data *f);

#endif
