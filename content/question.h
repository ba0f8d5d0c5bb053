/* question.h: one knowledge-check question, written as a ```question block of YAML inside a
 * module body (see README.md, "Knowledge checks"): single or multiple choice, true/false and
 * short fill-in, with feedback per option or per answer and an optional hint. */
#ifndef STEPWISE_QUESTION_H
#define STEPWISE_QUESTION_H

#include <stddef.h>

#include "content/diag.h"

#define QUESTION_MAX_OPTIONS 10
#define QUESTION_MAX_ANSWERS 10
#define QUESTION_MAX_TEXT 500        /* characters of a prompt, option, answer, feedback or hint */
#define QUESTION_MAX_RESPONSE 200    /* characters of a fill-in answer (the input's maxlength) */
#define QUESTION_MAX_RESPONSE_BYTES (4 * QUESTION_MAX_RESPONSE)   /* the same in UTF-8 bytes */

enum question_type { QUESTION_SINGLE, QUESTION_MULTIPLE, QUESTION_TRUE_FALSE, QUESTION_FILL_IN };

struct question_option {
    char *text;
    char *feedback;         /* NULL when none */
    int correct;
};

struct question {
    char *id;               /* [a-z0-9-], unique within the module */
    enum question_type type;
    char *prompt;
    char *hint;             /* NULL when none */
    /* Choice questions: the options. True/false: two options, "True" and "False". */
    struct question_option options[QUESTION_MAX_OPTIONS];
    size_t noptions;
    /* Fill-in: the accepted answers (compared ignoring case and extra spaces). */
    char *answers[QUESTION_MAX_ANSWERS];
    size_t nanswers;
    /* True/false and fill-in: feedback for a right and for a wrong answer (NULL when none). */
    char *feedback_right, *feedback_wrong;
    int line;               /* the line of the opening fence */
    int id_line;            /* the line of its id */
};

/* 1 when a fenced code block's info string makes it a question. */
int question_is_block(const char *info);

/* Parses the block text body, whose opening fence is on line fence_line of file and indented
 * by indent columns. Returns the question (caller frees with question_free), or NULL after
 * adding DIAG_ERRORs with the file's line and column. */
struct question *question_parse(const char *body, const char *file, int fence_line, int indent,
                                struct diag_list *diags);
void question_free(struct question *q);

/* "choice", "true-false" or "fill-in": the xAPI interactionType. */
const char *question_interaction_type(const struct question *q);

#endif
