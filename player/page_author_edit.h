/* page_author_edit.h: the page of the browser editor for one module's Markdown file
 * (/author/edit/ID): the whole file in a labelled text area, Preview and Save buttons, the check
 * findings of the text as typed, the rendered preview of one level, and on a save conflict the
 * file as it is on disk now. */
#ifndef STEPWISE_PAGE_AUTHOR_EDIT_H
#define STEPWISE_PAGE_AUTHOR_EDIT_H

#include <stddef.h>

#include "content/diag.h"
#include "player/pages.h"

/* What the page shows. Strings are borrowed; those marked "may be NULL" are left out when NULL. */
struct page_author_edit {
    const char *id;             /* the module's id (from the catalogue) */
    const char *title;          /* the module's title, for the heading */
    const char *file;           /* the file's name within the content folder */
    const char *lang;           /* the module's language, for the preview */
    const char *text;           /* what the text area holds: the file, or the author's text */
    const char *base;           /* the version the author started from (SHA-256 hex), or "" */
    const char *csrf;
    const char *notice;         /* may be NULL: what was just done ("Saved.") */
    const char *error;          /* may be NULL: why the text was not saved, tied to the text area */
    const char *current;        /* may be NULL: on a conflict, the file as it is on disk now */
    const struct diag_list *findings;   /* may be NULL: the check findings of the text as typed */
    const char *source_path;    /* findings in this file are shown by line only */
    const char *preview_html;   /* may be NULL: the rendered body at level */
    const char *plain;          /* may be NULL: the plain-language (B1) verdict of that level */
    int level;                  /* the level previewed (or chosen for the next preview) */
    unsigned levels;            /* levels offered (bit 1u << n), for the level choice */
};

/* Returns the complete HTML document (caller frees) and its length in *len. */
char *page_author_edit(const struct page_author_edit *p, const struct page_viewer *v, size_t *len);

#endif
