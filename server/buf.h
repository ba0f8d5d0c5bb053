/* buf.h: a growable byte buffer for building strings and pages, and reading a small file whole.
 * Allocation failure aborts the program (as in Redis' zmalloc): there is no sane recovery. */
#ifndef STEPWISE_BUF_H
#define STEPWISE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
    char *data;     /* always NUL-terminated once anything was added; owned by the buf */
    size_t len;
    size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Makes room for extra more bytes in one allocation of just that size (a body whose length is
 * known), so that appending them never copies. */
void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with the five HTML special characters escaped; safe in text and quoted attributes. */
void buf_put_html(struct buf *b, const char *s);
/* s escaped as buf_put_html does, as a new string (caller frees): for a name or title that a
 * translated sentence puts in its place ("Plan of %1$s"). */
char *html_escape(const char *s);
/* Appends s as a JSON string literal (quotes, backslashes and control characters escaped;
 * other bytes as they are), or null for NULL: a list of keys built without a JSON library. */
void buf_put_json_string(struct buf *b, const char *s);
/* Appends s percent-encoded for one URL path segment (RFC 3986 unreserved characters kept). */
void buf_put_url_segment(struct buf *b, const char *s);
/* Hands the data to the caller (free() it) and leaves the buf empty. Never NULL. */
char *buf_detach(struct buf *b, size_t *len);

/* Allocation helpers that abort on failure. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* The whole file at path, NUL-terminated (caller frees), its length in *len; NULL with errno set
 * when it cannot be read, or EFBIG when it holds more than max bytes (*len is then its size). */
char *read_file_max(const char *path, size_t max, size_t *len);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
