/* diag.h: diagnostics (errors and warnings) found in modules, reported as file:line:column. */
#ifndef STEPWISE_DIAG_H
#define STEPWISE_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
    enum diag_severity severity;
    char *file;         /* path as given to the loader; owned */
    int line;           /* 1-based; 0 when the finding is about the whole file */
    int column;         /* 1-based; 0 when unknown */
    char *message;      /* owned; a sentence a person can act on, no trailing period needed */
};

struct diag_list {
    struct diag *items;
    size_t len;
    size_t cap;
};

void diag_list_init(struct diag_list *l);
void diag_list_free(struct diag_list *l);
void diag_add(struct diag_list *l, enum diag_severity sev, const char *file, int line, int column,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
size_t diag_count(const struct diag_list *l, enum diag_severity sev);
/* Moves every item of src to the end of dst; src is left empty. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
/* Sorts by file, line and column, keeping the order of equal positions. */
void diag_sort(struct diag_list *l);
/* Prints "file:line:column: error: message" lines (line/column left out when 0). */
void diag_print(const struct diag_list *l, FILE *out);

#endif
