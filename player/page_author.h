/* page_author.h: the author preview pages: /author, every module with each level's verdict and
 * counts of findings (and the files that do not load, with their errors), and
 * /author/modules/ID, one level of a module as learners see it with the plain-language report on
 * top and the findings inline: long sentences marked in the text, the renderer's warnings about
 * missing captions, transcripts and alt text where they occur. Documents are complete (caller
 * frees), their length in *len. */
#ifndef STEPWISE_PAGE_AUTHOR_H
#define STEPWISE_PAGE_AUTHOR_H

#include <stddef.h>

#include "content/check_module.h"
#include "player/pages.h"

/* One module of the list. Borrowed. */
struct page_author_module {
    const struct module *m;
    const struct module_report *report;
};

/* The list. not_loaded: the content folder's findings about files that are not served as
 * modules (their errors, folders without index.md), sorted by file; may be empty. dir: the
 * content folder, left off the front of file names. */
char *page_author_list(const struct page_author_module *mods, size_t n,
                       const struct diag_list *not_loaded, const char *dir,
                       const struct page_viewer *v, size_t *len);

/* One level of a module. body_html: the rendered body at level->level (content/render.h). */
struct page_author_preview {
    const struct module *m;
    const struct module_report *report;
    const struct level_report *level;
    const char *body_html;
    const char *dir;            /* the content folder, left off the front of file names */
};
char *page_author_preview(const struct page_author_preview *p, const struct page_viewer *v,
                          size_t *len);

/* Copies html (a rendered body) with each sentence of text over READABILITY_LONG_SENTENCE words
 * marked where it is found: a visible label "Long sentence: N words" with id "sentence-I" (I:
 * the index in text->items), then the sentence in <mark> elements (one per run of text, so the
 * markup stays nested right). found (text->len entries) is set to 1 for each sentence marked.
 * Sentences are looked for in order, in the text of html with tags left out, entities decoded
 * and white space collapsed, as readability.c builds them; one not found (e.g. next to a missing
 * picture's warning) is left unmarked. Caller frees. */
char *page_author_mark_long(const char *html, const struct readability *text, int *found);

#endif
