/* form.c: decoding of URL-encoded form bodies (HTML forms post these). */
#include "server/form.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "server/utf8.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes [p, end) into a new string; NULL when malformed. */
static char *decode(const char *p, const char *end)
{
    struct buf b;
    buf_init(&b);
    for (; p < end; p++) {
        char c = *p;
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (end - p < 3 || hex_value(p[1]) < 0 || hex_value(p[2]) < 0) goto bad;
            c = (char)(hex_value(p[1]) * 16 + hex_value(p[2]));
            if (c == '\0') goto bad;
            p += 2;
        } else if (c == '\0') {
            goto bad;
        }
        buf_putc(&b, c);
    }
    return buf_detach(&b, NULL);
bad:
    buf_free(&b);
    return NULL;
}

int form_parse(const char *data, size_t len, size_t max_fields, struct form *out)
{
    memset(out, 0, sizeof *out);
    const char *p = data, *end = data + len;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *stop = amp ? amp : end;
        if (stop > p) {
            if (out->n == max_fields) goto bad;
            const char *eq = memchr(p, '=', (size_t)(stop - p));
            char *name = decode(p, eq ? eq : stop);
            char *value = eq ? decode(eq + 1, stop) : xstrdup("");
            if (!name || !value) {
                free(name);
                free(value);
                goto bad;
            }
            if (!utf8_valid(name, strlen(name)) || !utf8_valid(value, strlen(value))) {
                char *which = xstrdup(utf8_valid(name, strlen(name)) ? name : "");
                free(name);
                free(value);
                form_free(out);
                out->not_utf8 = which;
                return FORM_NOT_UTF8;
            }
            out->names = xrealloc(out->names, (out->n + 1) * sizeof *out->names);
            out->values = xrealloc(out->values, (out->n + 1) * sizeof *out->values);
            out->names[out->n] = name;
            out->values[out->n] = value;
            out->n++;
        }
        p = stop + 1;
    }
    return FORM_OK;
bad:
    form_free(out);
    return FORM_MALFORMED;
}

void form_free(struct form *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->names[i]);
        free(f->values[i]);
    }
    free(f->names);
    free(f->values);
    free(f->not_utf8);
    memset(f, 0, sizeof *f);
}

const char *form_get(const struct form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->names[i], name)) return f->values[i];
    return NULL;
}

size_t form_get_all(const struct form *f, const char *name, const char **values, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (strcmp(f->names[i], name)) continue;
        if (count < max) values[count] = f->values[i];
        count++;
    }
    return count;
}
