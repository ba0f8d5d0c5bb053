/* pages.h: the learner-facing HTML pages (phone-first, WCAG 2.2 AA, usable without JavaScript).
 * Each function returns a complete HTML document (caller frees) and its length in *len. */
#ifndef STEPWISE_PAGES_H
#define STEPWISE_PAGES_H

#include <stddef.h>

#include "content/catalog.h"
#include "content/module.h"

struct catalogue_filter {
    int level;          /* 1..3, or 0 for any */
    const char *skill;  /* a skill tag, or NULL for any */
    int max_minutes;    /* 0 for any */
};

char *page_catalogue(const struct catalog *c, const struct catalogue_filter *f, size_t *len);
/* body_html is the rendered module body at this level (see content/render.h). */
char *page_module(const struct module *m, int level, const char *body_html, size_t *len);
/* A friendly error page (404, 405, 413, ...): a heading, the message, a way back home. */
char *page_error(int status, const char *title, const char *message, size_t *len);

#endif
