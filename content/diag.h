/* diag.h: diagnostics (errors and warnings) found in modules, reported as file:line:column. A
 * finding keeps its message apart from its language (player/i18n_msg.h): `stepwise check` prints
 * it in English, a page shows it in the reader's language (diag_text). */
#ifndef STEPWISE_DIAG_H
#define STEPWISE_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "player/i18n_msg.h"
#include "server/buf.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
    enum diag_severity severity;
    char *file;         /* path as given to the loader; owned */
    int line;           /* 1-based; 0 when the finding is about the whole file */
    int column;         /* 1-based; 0 when unknown */
    char *message;      /* owned; in English: a sentence a person can act on, no trailing period */
    struct i18n_msg msg;    /* the same, to be worded in another language */
};

struct diag_list {
    struct diag *items;
    size_t len;
    size_t cap;
};

void diag_list_init(struct diag_list *l);
void diag_list_free(struct diag_list *l);
/* Frees what one finding owns (for a list that drops some of its items). */
void diag_clear(struct diag *d);
void diag_add(struct diag_list *l, enum diag_severity sev, const char *file, int line, int column,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* The same with the arguments in ap. fmt is a msgid: mark it for the catalogue where it is written
 * (the Makefile's xgettext keywords name diag_add and the helpers that pass their format on). */
void diag_vadd(struct diag_list *l, enum diag_severity sev, const char *file, int line, int column,
               const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Adds a message made elsewhere: a phrase of i18n_msg_phrase(), worded in each reader's language,
 * or English text the catalogue does not know (a system's or a library's words, such as
 * strerror's), shown as it is in every language. */
void diag_add_text(struct diag_list *l, enum diag_severity sev, const char *file, int line,
                   int column, const char *text);
/* Appends a copy of d to l. */
void diag_copy(struct diag_list *l, const struct diag *d);
/* d's message in the language l. Caller frees. */
char *diag_text(const struct diag *d, const struct i18n_lang *l);
/* Appends d's message in the language of the request (i18n_current), escaped for HTML. */
void diag_put_html(struct buf *b, const struct diag *d);
size_t diag_count(const struct diag_list *l, enum diag_severity sev);
/* Moves every item of src to the end of dst; src is left empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
/* Sorts by file, line and column, keeping the order of equal positions. */
void diag_sort(struct diag_list *l);
/* Prints "file:line:column: error: message" lines (line/column left out when 0). */
void diag_print(const struct diag_list *l, FILE *out);

#endif
