/* buf.c: growable byte buffer, HTML/URL escaping, allocation helpers that abort on failure, and
 * reading a bounded file whole. */
#include "server/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void oom(void)
{
    fputs("stepwise: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0) oom();
    char *p = xmalloc((size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, again);
    va_end(again);
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = xvasprintf(fmt, ap);
    va_end(ap);
    return p;
}

void buf_init(struct buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void buf_free(struct buf *b)
{
    free(b->data);
    buf_init(b);
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

static void buf_grow(struct buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void buf_reserve(struct buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    b->data = xrealloc(b->data, need);
    b->cap = need;
}

void buf_append(struct buf *b, const void *data, size_t len)
{
    buf_grow(b, len);
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
    buf_append(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) oom();
    buf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void buf_put_html(struct buf *b, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: continue;
        }
        buf_append(b, run, (size_t)(s - run));
        buf_puts(b, rep);
        run = s + 1;
    }
    buf_append(b, run, (size_t)(s - run));
}

void buf_put_json_string(struct buf *b, const char *s)
{
    if (!s) {
        buf_puts(b, "null");
        return;
    }
    buf_putc(b, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c != '"' && c != '\\' && c >= 0x20) continue;
        buf_append(b, run, (size_t)(s - run));
        if (c == '"' || c == '\\') buf_putc(b, '\\'), buf_putc(b, (char)c);
        else buf_printf(b, "\\u%04x", c);
        run = s + 1;
    }
    buf_append(b, run, (size_t)(s - run));
    buf_putc(b, '"');
}

char *html_escape(const char *s)
{
    struct buf b;
    buf_init(&b);
    buf_put_html(&b, s);
    return buf_detach(&b, NULL);
}

void buf_put_url_segment(struct buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            buf_putc(b, (char)c);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            buf_append(b, enc, 3);
        }
    }
}

char *buf_detach(struct buf *b, size_t *len)
{
    if (!b->data) buf_grow(b, 0), b->data[0] = '\0';
    char *p = b->data;
    if (len) *len = b->len;
    buf_init(b);
    return p;
}

char *read_file_max(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    char *text = NULL;
    if (f && fstat(fileno(f), &st) == 0) {
        if ((size_t)st.st_size > max) {
            *len = (size_t)st.st_size;
            errno = EFBIG;
        } else {
            text = xmalloc((size_t)st.st_size + 1);
            *len = fread(text, 1, (size_t)st.st_size, f);
            text[*len] = '\0';
        }
    }
    int saved = errno;
    if (f) fclose(f);
    errno = saved;
    return text;
}
