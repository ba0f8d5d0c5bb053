/* quiz.h: the knowledge check of a module level: its questions (the ```question blocks that
 * show at that level), the check of every question of a module for `stepwise check`, and the
 * scoring of a learner's answers against the module's mastery. */
#ifndef STEPWISE_QUIZ_H
#define STEPWISE_QUIZ_H

#include <stddef.h>

#include "content/diag.h"
#include "content/module.h"
#include "content/question.h"

/* The most questions one level may hold (bounds the answer form). */
#define QUIZ_MAX_QUESTIONS 50

struct quiz {
    struct question **items;    /* n questions in page order; owned */
    size_t n;
};

/* Checks every question block of the body md (line first_line of file), whatever its level:
 * each question on its own, and that no two share an id. Returns 0, or -1 after adding
 * DIAG_ERRORs. */
int quiz_check(const char *md, const char *file, int first_line, struct diag_list *diags);

/* The questions m shows at level (none for a level it does not offer); free with quiz_free.
 * The module loaded, so its questions are known to be valid. */
void quiz_load(const struct module *m, int level, struct quiz *out);
void quiz_free(struct quiz *q);
/* The question with this id, or NULL. */
const struct question *quiz_find(const struct quiz *q, const char *id);

/* A learner's answer to one question. */
struct quiz_answer {
    unsigned chosen;            /* choice and true/false: bit i set for each option i chosen */
    const char *text;           /* fill-in: what was typed (borrowed), or NULL */
};

/* 1 when a is given at all (an option chosen, or text that is not only spaces). */
int quiz_answered(const struct question *q, const struct quiz_answer *a);
/* 1 when a is right: exactly the correct options, or text equal to an accepted answer when
 * case, leading, trailing and repeated spaces are ignored. Linear in the answer's size. */
int quiz_is_right(const struct question *q, const struct quiz_answer *a);

struct quiz_score {
    size_t right, total;
    double scaled;              /* right / total, 0..1 */
    int passed;                 /* at least quiz_needed(mastery, total) right */
};

/* The fewest right answers out of total that reach mastery. */
size_t quiz_needed(double mastery, size_t total);
/* Scores answers (one per question of q, in order) against mastery (0..1). */
void quiz_score(const struct quiz *q, const struct quiz_answer *answers, double mastery,
                struct quiz_score *out);

#endif
