/* content_expect.h: helpers for the content tests: find a diagnostic by place and words, and
 * build a module in memory over a fixture folder. Included by tests/unit/test_*.c only. */
#ifndef STEPWISE_CONTENT_EXPECT_H
#define STEPWISE_CONTENT_EXPECT_H

#include <stdio.h>
#include <string.h>

#include "content/diag.h"
#include "content/module.h"
#include "server/buf.h"

#define MODULES_DATA "tests/data/modules"

/* The first diagnostic of sev at line:column (column 0: any) whose message holds words, or
 * NULL. Prints the list when nothing matches, so a failing test shows what was found. */
static inline const struct diag *find_diag(const struct diag_list *l, enum diag_severity sev,
                                           int line, int column, const char *words)
{
    for (size_t i = 0; i < l->len; i++) {
        const struct diag *d = &l->items[i];
        if (d->severity == sev && d->line == line && (!column || d->column == column) &&
            strstr(d->message, words))
            return d;
    }
    fprintf(stderr, "no diagnostic at %d:%d with \"%s\"; found:\n", line, column, words);
    diag_print(l, stderr);
    return NULL;
}

/* A module over a fixture folder (or none), its body md starting on line 10 of "mem.md". */
static inline struct module *fake_module(const char *media_dir, const char *md, unsigned levels)
{
    struct module *m = xcalloc(1, sizeof *m);
    m->id = xstrdup("fake");
    m->title = xstrdup("Fake");
    m->language = xstrdup("en");
    m->source_path = xstrdup("mem.md");
    m->media_dir = media_dir ? xstrdup(media_dir) : NULL;
    m->markdown = xstrdup(md);
    m->body_line = 10;
    m->levels = levels;
    return m;
}

#endif
