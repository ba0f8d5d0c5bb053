/* diag.c: a growable list of findings (errors and warnings) about modules, and their printing as
 * "file:line:column: severity: message" lines that editors and CI jump to. */
#include "content/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

void diag_list_init(struct diag_list *l)
{
    l->items = NULL;
    l->len = 0;
    l->cap = 0;
}

void diag_clear(struct diag *d)
{
    free(d->file);
    free(d->message);
    i18n_msg_free(&d->msg);
}

void diag_list_free(struct diag_list *l)
{
    for (size_t i = 0; i < l->len; i++) diag_clear(&l->items[i]);
    free(l->items);
    diag_list_init(l);
}

static struct diag *diag_push(struct diag_list *l)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    return &l->items[l->len++];
}

static struct diag *diag_push_at(struct diag_list *l, enum diag_severity sev, const char *file,
                                 int line, int column)
{
    struct diag *d = diag_push(l);
    d->severity = sev;
    d->file = xstrdup(file ? file : "");
    d->line = line;
    d->column = column;
    return d;
}

void diag_vadd(struct diag_list *l, enum diag_severity sev, const char *file, int line, int column,
               const char *fmt, va_list ap)
{
    struct diag *d = diag_push_at(l, sev, file, line, column);
    i18n_msg_init(&d->msg, fmt, ap);
    d->message = i18n_msg_text(&d->msg, i18n_english());
}

void diag_add(struct diag_list *l, enum diag_severity sev, const char *file, int line, int column,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(l, sev, file, line, column, fmt, ap);
    va_end(ap);
}

void diag_add_text(struct diag_list *l, enum diag_severity sev, const char *file, int line,
                   int column, const char *text)
{
    struct diag *d = diag_push_at(l, sev, file, line, column);
    const char *arg = text ? text : "";
    i18n_msg_set(&d->msg, "%s", &arg, 1);
    d->message = i18n_msg_text(&d->msg, i18n_english());
}

void diag_copy(struct diag_list *l, const struct diag *src)
{
    struct diag *d = diag_push_at(l, src->severity, src->file, src->line, src->column);
    i18n_msg_copy(&d->msg, &src->msg);
    d->message = xstrdup(src->message);
}

char *diag_text(const struct diag *d, const struct i18n_lang *l)
{
    return i18n_msg_text(&d->msg, l);
}

void diag_put_html(struct buf *b, const struct diag *d)
{
    char *text = diag_text(d, i18n_current());
    buf_put_html(b, text);
    free(text);
}

size_t diag_count(const struct diag_list *l, enum diag_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i].severity == sev) n++;
    return n;
}

void diag_list_move(struct diag_list *dst, struct diag_list *src)
{
    for (size_t i = 0; i < src->len; i++) *diag_push(dst) = src->items[i];
    free(src->items);
    diag_list_init(src);
}

static int diag_before(const struct diag *a, const struct diag *b)
{
    int c = strcmp(a->file, b->file);
    if (c) return c < 0;
    if (a->line != b->line) return a->line < b->line;
    return a->column < b->column;
}

/* Insertion sort: stable, and the lists are short. */
void diag_sort(struct diag_list *l)
{
    for (size_t i = 1; i < l->len; i++) {
        struct diag d = l->items[i];
        size_t j = i;
        for (; j > 0 && diag_before(&d, &l->items[j - 1]); j--) l->items[j] = l->items[j - 1];
        l->items[j] = d;
    }
}

void diag_print(const struct diag_list *l, FILE *out)
{
    for (size_t i = 0; i < l->len; i++) {
        const struct diag *d = &l->items[i];
        fputs(d->file, out);
        if (d->line > 0) fprintf(out, ":%d", d->line);
        if (d->line > 0 && d->column > 0) fprintf(out, ":%d", d->column);
        fprintf(out, ": %s: %s\n", d->severity == DIAG_ERROR ? "error" : "warning", d->message);
    }
}
