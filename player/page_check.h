/* page_check.h: the knowledge check on learner pages: the form that sends a level's answers
 * (its CSRF field filled per request, so the lesson page stays shared and cached), the page
 * with the learner's feedback and score, and the author's answer key. */
#ifndef STEPWISE_PAGE_CHECK_H
#define STEPWISE_PAGE_CHECK_H

#include <stddef.h>

#include "content/module.h"
#include "content/quiz.h"
#include "player/pages.h"
#include "server/buf.h"

/* The form every question field of the level belongs to, with the "Check my answers" button
 * and a slot for the viewer's CSRF token; nothing when the level has no questions. */
void page_check_form(struct buf *b, const struct module *m, int level, const struct quiz *q);

/* Fills the check form's slot in a copy of a shared lesson page (html, *len bytes; taken over):
 * the CSRF field when csrf is set, else a sentence to sign in first. Returns the page (html
 * itself when it has no check form) and updates *len; caller frees. */
char *page_check_fill(char *html, size_t *len, const char *csrf);

/* Every question of the level with its right answers marked, for the author preview. */
void page_check_answer_key(struct buf *b, const struct module *m, int level);

/* The page after the learner sent their answers. */
struct page_check_result {
    const struct module *m;
    int level;
    const struct quiz *quiz;
    const struct quiz_answer *answers;  /* one per question */
    const struct quiz_score *score;
    int in_plan;                        /* the module is a step of the learner's plan */
};
char *page_check_result(const struct page_check_result *p, const struct page_viewer *v,
                        size_t *len);

#endif
