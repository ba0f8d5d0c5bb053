/* question_html.h: the HTML of a question in its three states: the learner's form field (no
 * correct answers in it), the author's preview (correct answers marked) and the learner's
 * feedback after answering. Every sentence a person reads is in question_html.c. */
#ifndef STEPWISE_QUESTION_HTML_H
#define STEPWISE_QUESTION_HTML_H

#include "content/question.h"
#include "content/quiz.h"
#include "server/buf.h"

/* The id of the form that every question field belongs to (HTML's form="..." attribute), so
 * the questions can sit anywhere in the lesson and one button sends them all. */
#define QUESTION_FORM_ID "check"

/* lang: the module's language (NULL: the interface's); the question's text carries it and the
 * interface words around it (labels, "Right.") the interface language, where they differ. */

/* A <fieldset> with a <legend>, real radio buttons, checkboxes or a text input with labels,
 * and the hint; number counts the questions of the level from 1. */
void question_html_field(struct buf *out, const struct question *q, int number, const char *lang);
/* The same question for the author: each option with "Right answer" or "Wrong answer" in
 * words, its feedback, and the accepted answers of a fill-in. */
void question_html_author(struct buf *out, const struct question *q, int number, const char *lang);
/* The feedback on answer a: the learner's answer, "Right" or "Not right yet" in words and a
 * mark, the feedback for what they chose, and the hint when it was not right. */
void question_html_feedback(struct buf *out, const struct question *q, int number,
                            const struct quiz_answer *a, const char *lang);

#endif
