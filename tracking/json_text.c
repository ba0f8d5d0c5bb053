/* json_text.c: writes a jansson tree as compact JSON text in one pass into one buffer, with the
 * escapes and number forms of jansson 2.14's dump.c, so that the text is json_dumps's: a stored
 * statement and a content hash do not depend on which of the two wrote them. */
#include "tracking/json_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "server/utf8.h"

/* A string as jansson writes it: ", \ and control characters escaped (\b \f \n \r \t, else
 * \u00XX in capitals), every other byte as it is, as long as each character is UTF-8. */
static int put_string(struct buf *b, const char *s, size_t len)
{
    buf_putc(b, '"');
    const char *run = s, *end = s + len;
    while (s < end) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {        /* a character of several bytes, kept as it is when well-formed */
            size_t n = utf8_char_len(s, (size_t)(end - s));
            if (!n) return -1;
            s += n;
            continue;
        }
        if (c != '"' && c != '\\' && c >= 0x20) {
            s++;
            continue;
        }
        buf_append(b, run, (size_t)(s - run));
        run = ++s;
        const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b"
                        : c == '\f' ? "\\f" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                        : c == '\t' ? "\\t" : NULL;
        if (esc) buf_puts(b, esc);
        else buf_printf(b, "\\u%04X", c);
    }
    buf_append(b, run, (size_t)(s - run));
    buf_putc(b, '"');
    return 0;
}

struct key {
    const char *key;
    size_t len;
    json_t *value;
};

/* jansson's order of sorted keys: bytes, then length. */
static int key_cmp(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    int d = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);
    return d ? d : (x->len > y->len) - (x->len < y->len);
}

static int put_value(struct buf *b, const json_t *v, int sorted, int depth);

static int put_object(struct buf *b, const json_t *o, int sorted, int depth)
{
    size_t n = json_object_size(o), i = 0;
    struct key few[16], *keys = n <= 16 ? few : xmalloc(n * sizeof *keys);
    for (void *it = json_object_iter((json_t *)o); it; it = json_object_iter_next((json_t *)o, it))
        keys[i++] = (struct key){json_object_iter_key(it), json_object_iter_key_len(it),
                                 json_object_iter_value(it)};
    if (sorted) qsort(keys, n, sizeof *keys, key_cmp);
    int rc = 0;
    buf_putc(b, '{');
    for (i = 0; i < n && rc == 0; i++) {
        if (i) buf_putc(b, ',');
        rc = put_string(b, keys[i].key, keys[i].len);
        buf_putc(b, ':');
        if (rc == 0) rc = put_value(b, keys[i].value, sorted, depth + 1);
    }
    buf_putc(b, '}');
    if (keys != few) free(keys);
    return rc;
}

static int put_value(struct buf *b, const json_t *v, int sorted, int depth)
{
    if (depth > JSON_TEXT_MAX_DEPTH) return -1;
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return put_object(b, v, sorted, depth);
    case JSON_ARRAY:
        buf_putc(b, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i) buf_putc(b, ',');
            if (put_value(b, json_array_get(v, i), sorted, depth + 1) < 0) return -1;
        }
        buf_putc(b, ']');
        return 0;
    case JSON_STRING:
        return put_string(b, json_string_value(v), json_string_length(v));
    case JSON_INTEGER: {
        char digits[24];
        int n = snprintf(digits, sizeof digits, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        buf_append(b, digits, (size_t)n);
        return 0;
    }
    case JSON_REAL: {   /* rare in a statement (a scaled score): jansson's own digits */
        char *text = json_dumps(v, JSON_ENCODE_ANY);
        if (!text) return -1;
        buf_puts(b, text);
        free(text);
        return 0;
    }
    case JSON_TRUE:
        buf_puts(b, "true");
        return 0;
    case JSON_FALSE:
        buf_puts(b, "false");
        return 0;
    case JSON_NULL:
        buf_puts(b, "null");
        return 0;
    }
    return -1;
}

char *json_text(const json_t *v, int sorted)
{
    if (!json_is_object(v) && !json_is_array(v)) return NULL;
    struct buf b;
    buf_init(&b);
    buf_reserve(&b, 1024);      /* a statement's length: written without growing */
    if (put_value(&b, v, sorted, 0) < 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_detach(&b, NULL);
}
