/* question_html.c: writes a question as an accessible form field, as the author's answer key
 * and as feedback. Right and wrong are always said in words with a mark beside them, never by
 * colour alone; the field's values are option numbers, so the page never shows which is right. */
#include "content/question_html.h"

#include <string.h>

#define MARK_RIGHT "\u2713"
#define MARK_WRONG "\u2715"

static void put_id(struct buf *out, const char *prefix, const struct question *q,
                   const char *suffix)
{
    buf_puts(out, prefix);
    buf_put_html(out, q->id);
    buf_puts(out, suffix);
}

static void put_legend(struct buf *out, const struct question *q, int number)
{
    buf_printf(out, "<legend><span class=\"number\">Question %d</span> ", number);
    buf_put_html(out, q->prompt);
    buf_puts(out, "</legend>\n");
    if (q->type == QUESTION_MULTIPLE)
        buf_puts(out, "<p class=\"how\">Choose every answer that is right.</p>\n");
}

static void put_hint(struct buf *out, const struct question *q)
{
    if (!q->hint) return;
    buf_puts(out, "<details class=\"hint\"><summary>Show a hint</summary><p>");
    buf_put_html(out, q->hint);
    buf_puts(out, "</p></details>\n");
}

static void put_option_input(struct buf *out, const struct question *q, size_t i)
{
    const char *type = q->type == QUESTION_MULTIPLE ? "checkbox" : "radio";
    buf_puts(out, "<li>");
    put_id(out, "<input id=\"q-", q, "");
    buf_printf(out, "-%zu\" type=\"%s\" form=\"" QUESTION_FORM_ID "\"", i + 1, type);
    put_id(out, " name=\"q-", q, "\"");
    buf_printf(out, " value=\"%zu\">", i + 1);
    put_id(out, "<label for=\"q-", q, "");
    buf_printf(out, "-%zu\">", i + 1);
    buf_put_html(out, q->options[i].text);
    buf_puts(out, "</label></li>\n");
}

void question_html_field(struct buf *out, const struct question *q, int number)
{
    put_id(out, "<fieldset class=\"question\" id=\"q-", q, "\">\n");
    put_legend(out, q, number);
    if (q->type == QUESTION_FILL_IN) {
        put_id(out, "<p class=\"fill-in\"><label for=\"q-", q, "-text\">Your answer</label>");
        put_id(out, "<input id=\"q-", q, "-text\" type=\"text\" form=\"" QUESTION_FORM_ID "\"");
        put_id(out, " name=\"q-", q, "\"");
        buf_printf(out, " maxlength=\"%d\" autocomplete=\"off\" spellcheck=\"false\"></p>\n",
                   QUESTION_MAX_RESPONSE);
    } else {
        buf_puts(out, "<ul class=\"options\">\n");
        for (size_t i = 0; i < q->noptions; i++) put_option_input(out, q, i);
        buf_puts(out, "</ul>\n");
    }
    put_hint(out, q);
    buf_puts(out, "</fieldset>\n");
}

static void put_verdict(struct buf *out, int right, const char *right_text, const char *wrong_text)
{
    buf_printf(out, "<span class=\"verdict %s\"><span aria-hidden=\"true\">%s</span> %s</span>",
               right ? "right" : "wrong", right ? MARK_RIGHT : MARK_WRONG,
               right ? right_text : wrong_text);
}

static void put_feedback_text(struct buf *out, const char *text)
{
    if (!text) return;
    buf_puts(out, "<p class=\"feedback\">");
    buf_put_html(out, text);
    buf_puts(out, "</p>\n");
}

void question_html_author(struct buf *out, const struct question *q, int number)
{
    put_id(out, "<fieldset class=\"question author-key\" id=\"key-", q, "\">\n");
    put_legend(out, q, number);
    buf_puts(out, "<ul class=\"options\">\n");
    if (q->type == QUESTION_FILL_IN) {
        for (size_t i = 0; i < q->nanswers; i++) {
            buf_puts(out, "<li>");
            put_verdict(out, 1, "Accepted answer:", "");
            buf_puts(out, " ");
            buf_put_html(out, q->answers[i]);
            buf_puts(out, "</li>\n");
        }
    }
    for (size_t i = 0; i < q->noptions; i++) {
        buf_puts(out, "<li>");
        put_verdict(out, q->options[i].correct, "Right answer:", "Wrong answer:");
        buf_puts(out, " ");
        buf_put_html(out, q->options[i].text);
        put_feedback_text(out, q->options[i].feedback);
        buf_puts(out, "</li>\n");
    }
    buf_puts(out, "</ul>\n");
    if (q->feedback_right) {
        buf_puts(out, "<p class=\"feedback\">Feedback on a right answer: ");
        buf_put_html(out, q->feedback_right);
        buf_puts(out, "</p>\n");
    }
    if (q->feedback_wrong) {
        buf_puts(out, "<p class=\"feedback\">Feedback on a wrong answer: ");
        buf_put_html(out, q->feedback_wrong);
        buf_puts(out, "</p>\n");
    }
    if (q->hint) {
        buf_puts(out, "<p class=\"hint\">Hint: ");
        buf_put_html(out, q->hint);
        buf_puts(out, "</p>\n");
    }
    buf_puts(out, "</fieldset>\n");
}

/* "Your answer: ..." with every option chosen, or the text typed. */
static void put_answer(struct buf *out, const struct question *q, const struct quiz_answer *a)
{
    if (!quiz_answered(q, a)) {
        buf_puts(out, "<p class=\"your-answer\">You did not answer this question.</p>\n");
        return;
    }
    buf_puts(out, "<p class=\"your-answer\">Your answer: ");
    if (q->type == QUESTION_FILL_IN) {
        buf_put_html(out, a->text);
    } else {
        const char *sep = "";
        for (size_t i = 0; i < q->noptions; i++) {
            if (!(a->chosen & (1u << i))) continue;
            buf_puts(out, sep);
            buf_put_html(out, q->options[i].text);
            sep = "; ";
        }
    }
    buf_puts(out, "</p>\n");
}

void question_html_feedback(struct buf *out, const struct question *q, int number,
                            const struct quiz_answer *a)
{
    int right = quiz_is_right(q, a);
    buf_printf(out, "<section class=\"question-result %s\"", right ? "right" : "wrong");
    put_id(out, " id=\"q-", q, "\"");
    put_id(out, " aria-labelledby=\"q-", q, "-h\">\n");
    put_id(out, "<h2 id=\"q-", q, "-h\">");
    buf_printf(out, "<span class=\"number\">Question %d</span> ", number);
    buf_put_html(out, q->prompt);
    buf_puts(out, "</h2>\n");
    put_answer(out, q, a);
    buf_puts(out, "<p>");
    put_verdict(out, right, "Right.", "Not right yet.");
    buf_puts(out, "</p>\n");
    if (q->type == QUESTION_SINGLE || q->type == QUESTION_MULTIPLE) {
        for (size_t i = 0; i < q->noptions; i++)
            if (a->chosen & (1u << i)) put_feedback_text(out, q->options[i].feedback);
    } else if (quiz_answered(q, a)) {
        put_feedback_text(out, right ? q->feedback_right : q->feedback_wrong);
    }
    if (!right && q->hint) {
        buf_puts(out, "<p class=\"hint\">Hint: ");
        buf_put_html(out, q->hint);
        buf_puts(out, "</p>\n");
    }
    buf_puts(out, "</section>\n");
}
