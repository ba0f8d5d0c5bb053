/* form_data.c: multipart/form-data on top of the multipart parser of the LRS: each part's
 * Content-Disposition gives its field name and, for a file, its filename. */
#include "server/form_data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/buf.h"

/* The value of parameter key ("name", "filename") in a Content-Disposition value, unquoted
 * (caller frees), or NULL. */
static char *disposition_param(const char *d, const char *key)
{
    size_t klen = strlen(key);
    for (const char *p = strchr(d, ';'); p; p = strchr(p, ';')) {
        p++;
        while (*p == ' ' || *p == '\t') p++;
        if (strncasecmp(p, key, klen) || p[klen] != '=') continue;
        p += klen + 1;
        if (*p != '"') return xstrndup(p, strcspn(p, "; \t"));
        struct buf b;
        buf_init(&b);
        buf_puts(&b, "");
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) p++;
            buf_putc(&b, *p);
        }
        return buf_detach(&b, NULL);
    }
    return NULL;
}

int form_data_parse(const char *body, size_t len, const char *content_type, const char *file_field,
                    size_t max_fields, struct form_data *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char *boundary = content_type && !strncasecmp(content_type, "multipart/form-data", 19)
                         ? lrs_multipart_boundary(content_type) : NULL;
    if (!boundary) {
        snprintf(err, errlen, "the form must be sent as multipart/form-data with a boundary");
        return -1;
    }
    /* The fields and one file: a body of many tiny parts is refused before they are all kept. */
    int rc = lrs_multipart_parse(body, len, boundary, max_fields + 1, &out->parts, err, errlen);
    free(boundary);
    if (rc == LRS_MULTIPART_TOO_MANY)
        snprintf(err, errlen, "the form has more than %zu fields and files", max_fields + 1);
    if (rc < 0) return -1;
    out->fields.names = xcalloc(out->parts.n + 1, sizeof *out->fields.names);
    out->fields.values = xcalloc(out->parts.n + 1, sizeof *out->fields.values);
    for (size_t i = 0; i < out->parts.n; i++) {
        const struct lrs_part *p = &out->parts.parts[i];
        char *name = p->disposition ? disposition_param(p->disposition, "name") : NULL;
        char *file_name = p->disposition ? disposition_param(p->disposition, "filename") : NULL;
        if (!name) {
            free(file_name);
            continue;
        }
        if (file_name && !strcmp(name, file_field) && !out->file_name) {
            out->file = p->body;
            out->file_len = p->len;
            out->file_name = file_name;
            free(name);
        } else if (!file_name && out->fields.n < max_fields && !memchr(p->body, '\0', p->len)) {
            out->fields.names[out->fields.n] = name;
            out->fields.values[out->fields.n++] = xstrndup(p->body, p->len);
        } else {
            snprintf(err, errlen, "the form has a field \"%s\" it should not have", name);
            free(name);
            free(file_name);
            return -1;
        }
    }
    return 0;
}

void form_data_free(struct form_data *f)
{
    form_free(&f->fields);
    free(f->file_name);
    lrs_multipart_free(&f->parts);
    memset(f, 0, sizeof *f);
}
