/* check_module.h: the checks of one module, as `stepwise check` and the author preview
 * (server/mod_author.c) share them: every level it offers is rendered (captions, transcripts and
 * images are only checked while rendering), its style checked and its plain language measured,
 * giving the findings and a plain-language (B1) report per level. */
#ifndef STEPWISE_CHECK_MODULE_H
#define STEPWISE_CHECK_MODULE_H

#include <stddef.h>

#include "content/catalog.h"
#include "content/diag.h"
#include "content/module.h"
#include "content/readability.h"

struct i18n_lang;

/* A lesson page must stay under 30 KB with the player's HTML and CSS around the body. */
#define CHECK_MAX_BODY_BYTES (20 * 1024)
/* How many sentences "rewrite first" lists. */
#define CHECK_WORST_SHOWN 3

/* One level of a module. */
struct level_report {
    int level;
    struct readability text;            /* every sentence the learner reads at this level */
    struct readability_scores scores;
    struct diag_list diags;             /* findings at this level: sorted, repeats dropped */
    char *html;                         /* the level's body as rendered (what a preview shows) */
};

struct module_report {
    char *file, *id, *language;         /* owned copies of the module's */
    struct level_report levels[MODULE_MAX_LEVEL];   /* the levels offered, lowest first */
    int nlevels;
};

/* Checks every level m offers. Links to "/modules/<id>" are checked against c (the modules of
 * the content folder), or not at all when c is NULL. What loading found (the catalog's or
 * module_load's findings) is not repeated here. out is filled from scratch: free it with
 * check_module_report_free. */
void check_module_report(const struct module *m, const struct catalog *c, struct module_report *out);
void check_module_report_free(struct module_report *r);

/* The report of level, or NULL when the module does not offer it. */
struct level_report *check_module_level(struct module_report *r, int level);

/* Counts sev among the findings of every level, repeats across levels counted once (a problem
 * in text shared by two levels is one problem). */
size_t check_module_count(const struct module_report *r, enum diag_severity sev);

/* Moves the findings of every level of r to the end of dst, lowest level first. */
void check_module_take_diags(struct module_report *r, struct diag_list *dst);

/* Keeps the first of findings with the same place, severity and message; l must be sorted. */
void check_drop_repeats(struct diag_list *l);

/* "Flesch Reading Ease" (English), "Flesch-Douma" (Dutch), or NULL for other languages. */
const char *check_formula_name(enum readability_lang lang);

/* Why a level is harder than B1 in lang, e.g. "a sentence of 29 words (at most 25), LIX 42.0
 * (at most 40)"; "" when it is B1 ok. Caller frees. */
char *check_harder_because(const struct level_report *l, const struct i18n_lang *lang);

/* The hardest sentences of a level that is harder than B1, hardest first, as indexes into
 * l->text.items (idx holds CHECK_WORST_SHOWN); returns how many (0 when the level is B1 ok). */
size_t check_rewrite_first(const struct level_report *l, size_t *idx);

#endif
