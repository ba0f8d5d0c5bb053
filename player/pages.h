/* pages.h: the learner-facing HTML pages (phone-first, WCAG 2.2 AA, usable without JavaScript).
 * Each function returns a complete HTML document (caller frees) and its length in *len. */
#ifndef STEPWISE_PAGES_H
#define STEPWISE_PAGES_H

#include <stddef.h>
#include <jansson.h>

#include "content/catalog.h"
#include "content/module.h"

/* Who is looking at a page: the page header then shows their name and a "Log out / switch user"
 * form (a POST to /logout carrying csrf). Pass NULL when nobody is signed in. Strings borrowed
 * (auth_viewer in server/auth.h gives the request's viewer). */
struct page_viewer {
    const char *display_name;
    const char *csrf;
    unsigned roles;     /* enum user_role bits (server/auth.h): the header's menu links to the
                         * pages of each role */
};

struct catalogue_filter {
    int level;          /* 1..3, or 0 for any */
    const char *skill;  /* a skill tag, or NULL for any */
    int max_minutes;    /* 0 for any */
};

/* What the catalogue marks on the signed-in learner's card of a module. */
struct catalogue_mark {
    const char *module_id;
    int in_plan;        /* a step of one of their active plans */
    int state;          /* enum progress_state (tracking/progress.h) */
};

/* marks: nmarks of them, for the signed-in learner (NULL, 0 for a visitor). Every card also
 * says whether its module has a video or a podcast. */
char *page_catalogue(const struct catalog *c, const struct catalogue_filter *f,
                     const struct page_viewer *v, const struct catalogue_mark *marks,
                     size_t nmarks, size_t *len);
/* body_html is the rendered module body at this level (see content/render.h). The page is shared
 * by every viewer (it is cached), so its header holds an empty viewer slot: fill it for one
 * request with page_with_viewer; its player slot (PAGE_PLAYER_SLOT, after the level control) is
 * filled per request by mod_player_fill. The body carries data-module and data-level. */
#define PAGE_PLAYER_SLOT "<!--stepwise:player-->"
/* Where a mentee's plan box goes (server/plan_lesson.h): under the title and summary (on the
 * first screen of a phone), and at the end of the lesson above "Back to all modules". */
#define PAGE_PLAN_TOP_SLOT "<!--stepwise:plan-->"
#define PAGE_PLAN_END_SLOT "<!--stepwise:plan-end-->"
char *page_module(const struct module *m, int level, const char *body_html, size_t *len);
/* A friendly error page (404, 405, 413, ...): a heading, the message, a way back home. */
char *page_error(int status, const char *title, const char *message, const struct page_viewer *v,
                 size_t *len);
/* A copy of html (len bytes) with its viewer slot filled for v (removed when v is NULL).
 * Returns a new document (caller frees) and its length in *out_len. */
char *page_with_viewer(const char *html, size_t len, const struct page_viewer *v, size_t *out_len);

/* The SCORM player of a package (server/mod_scorm.c): title, the table of contents of its SCOs
 * (when more than one), the sandboxed frame and the data scorm-player.js reads (json: JSON text,
 * put in a data block). scos: the JSON array of SCOs ({id, title, state, visible}). */
struct page_scorm {
    const char *id, *title;
    int scorm12;                /* 1: SCORM 1.2 (scorm-again's Scorm12API), 0: 2004 */
    int attempt;
    int resumed;                /* the attempt has data already */
    const json_t *scos;
    const char *json;
    int own_origin;             /* the SCO comes from its own origin (--scorm-origin) */
};
char *page_scorm_play(const struct page_scorm *ps, const struct page_viewer *v, size_t *len);

#endif
