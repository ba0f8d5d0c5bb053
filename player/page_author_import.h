/* page_author_import.h: the page that imports a SCORM package (/author/import): a form with the
 * .zip file and the catalogue words the manifest may lack, and after an import its outcome
 * (the new module and version, or why nothing was imported) with the warnings in words. */
#ifndef STEPWISE_PAGE_AUTHOR_IMPORT_H
#define STEPWISE_PAGE_AUTHOR_IMPORT_H

#include <stddef.h>

#include "content/diag.h"
#include "player/pages.h"

/* Borrowed; fields marked "may be NULL" are left out when NULL. */
struct page_author_import {
    const char *csrf;
    const char *id, *title, *summary, *minutes, *language, *skills;    /* may be NULL: the
                                                                     * form's values */
    const char *imported_id;        /* may be NULL: the module just imported */
    int imported_version;
    const char *error;              /* may be NULL: why the form could not be used */
    const struct diag_list *findings;   /* may be NULL: the import's errors and warnings */
};

/* Returns the complete HTML document (caller frees) and its length in *len. */
char *page_author_import(const struct page_author_import *p, const struct page_viewer *v,
                         size_t *len);

#endif
