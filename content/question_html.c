/* question_html.c: writes a question as an accessible form field, as the author's answer key
 * and as feedback. Right and wrong are always said in words with a mark beside them, never by
 * colour alone; the field's values are option numbers, so the page never shows which is right.
 * The question is in its module's language, the words around it in the interface language:
 * each carries a lang attribute where it differs from the text around it. */
#include "content/question_html.h"

#include <stdio.h>
#include <string.h>

#include "player/i18n.h"

#define MARK_RIGHT "\u2713"
#define MARK_WRONG "\u2715"

static void put_id(struct buf *out, const char *prefix, const struct question *q,
                   const char *suffix)
{
    buf_puts(out, prefix);
    buf_put_html(out, q->id);
    buf_puts(out, suffix);
}

/* Opens an element of the question (in the module's language lang, on a page that may be in
 * another): '<TAG lang="nl"' when lang is not the interface language. */
static void open_in(struct buf *out, const char *tag, const char *lang)
{
    buf_printf(out, "<%s", tag);
    i18n_put_text_lang(out, lang);
}

/* Interface text inside the question, in a <span> with its class and, when the question is in
 * another language, lang="INTERFACE" (bare text when it needs neither). */
static void put_ui(struct buf *out, const char *cls, const char *text, const char *lang)
{
    struct buf attrs;
    buf_init(&attrs);
    if (cls) buf_printf(&attrs, " class=\"%s\"", cls);
    i18n_put_ui_lang(&attrs, lang);
    if (attrs.len) buf_printf(out, "<span%s>", attrs.data);
    buf_put_html(out, text);
    if (attrs.len) buf_puts(out, "</span>");
    buf_free(&attrs);
}

static void put_number(struct buf *out, int number, const char *lang)
{
    char text[64];
    /* TRANSLATORS: %d numbers the questions of a check from 1. */
    snprintf(text, sizeof text, _("Question %d"), number);
    put_ui(out, "number", text, lang);
}

static void put_legend(struct buf *out, const struct question *q, int number, const char *lang)
{
    buf_puts(out, "<legend>");
    put_number(out, number, lang);
    buf_puts(out, " ");
    buf_put_html(out, q->prompt);
    buf_puts(out, "</legend>\n");
    if (q->type == QUESTION_MULTIPLE) {
        buf_puts(out, "<p class=\"how\"");
        i18n_put_ui_lang(out, lang);
        buf_puts(out, ">");
        buf_put_html(out, _("Choose every answer that is right."));
        buf_puts(out, "</p>\n");
    }
}

static void put_hint(struct buf *out, const struct question *q, const char *lang)
{
    if (!q->hint) return;
    buf_puts(out, "<details class=\"hint\"><summary");
    i18n_put_ui_lang(out, lang);
    buf_puts(out, ">");
    buf_put_html(out, _("Show a hint"));
    buf_puts(out, "</summary><p>");
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

void question_html_field(struct buf *out, const struct question *q, int number, const char *lang)
{
    open_in(out, "fieldset", lang);
    put_id(out, " class=\"question\" id=\"q-", q, "\">\n");
    put_legend(out, q, number, lang);
    if (q->type == QUESTION_FILL_IN) {
        put_id(out, "<p class=\"fill-in\"><label for=\"q-", q, "-text\"");
        i18n_put_ui_lang(out, lang);
        buf_puts(out, ">");
        buf_put_html(out, _("Your answer"));
        buf_puts(out, "</label>");
        put_id(out, "<input id=\"q-", q, "-text\" type=\"text\" form=\"" QUESTION_FORM_ID "\"");
        put_id(out, " name=\"q-", q, "\"");
        buf_printf(out, " maxlength=\"%d\" autocomplete=\"off\" spellcheck=\"false\"></p>\n",
                   QUESTION_MAX_RESPONSE);
    } else {
        buf_puts(out, "<ul class=\"options\">\n");
        for (size_t i = 0; i < q->noptions; i++) put_option_input(out, q, i);
        buf_puts(out, "</ul>\n");
    }
    put_hint(out, q, lang);
    buf_puts(out, "</fieldset>\n");
}

static void put_verdict(struct buf *out, int right, const char *right_text, const char *wrong_text,
                        const char *lang)
{
    buf_printf(out, "<span class=\"verdict %s\"", right ? "right" : "wrong");
    i18n_put_ui_lang(out, lang);
    buf_printf(out, "><span aria-hidden=\"true\">%s</span> ", right ? MARK_RIGHT : MARK_WRONG);
    buf_put_html(out, right ? right_text : wrong_text);
    buf_puts(out, "</span>");
}

/* "Hint: ..." and the like: an interface label, then the module's text. */
static void put_labelled(struct buf *out, const char *cls, const char *label, const char *text,
                         const char *lang)
{
    buf_printf(out, "<p class=\"%s\">", cls);
    put_ui(out, NULL, label, lang);
    buf_puts(out, " ");
    buf_put_html(out, text);
    buf_puts(out, "</p>\n");
}

static void put_feedback_text(struct buf *out, const char *text)
{
    if (!text) return;
    buf_puts(out, "<p class=\"feedback\">");
    buf_put_html(out, text);
    buf_puts(out, "</p>\n");
}

void question_html_author(struct buf *out, const struct question *q, int number, const char *lang)
{
    open_in(out, "fieldset", lang);
    put_id(out, " class=\"question author-key\" id=\"key-", q, "\">\n");
    put_legend(out, q, number, lang);
    buf_puts(out, "<ul class=\"options\">\n");
    if (q->type == QUESTION_FILL_IN) {
        for (size_t i = 0; i < q->nanswers; i++) {
            buf_puts(out, "<li>");
            put_verdict(out, 1, _("Accepted answer:"), "", lang);
            buf_puts(out, " ");
            buf_put_html(out, q->answers[i]);
            buf_puts(out, "</li>\n");
        }
    }
    for (size_t i = 0; i < q->noptions; i++) {
        buf_puts(out, "<li>");
        put_verdict(out, q->options[i].correct, _("Right answer:"), _("Wrong answer:"), lang);
        buf_puts(out, " ");
        buf_put_html(out, q->options[i].text);
        put_feedback_text(out, q->options[i].feedback);
        buf_puts(out, "</li>\n");
    }
    buf_puts(out, "</ul>\n");
    if (q->feedback_right)
        put_labelled(out, "feedback", _("Feedback on a right answer:"), q->feedback_right, lang);
    if (q->feedback_wrong)
        put_labelled(out, "feedback", _("Feedback on a wrong answer:"), q->feedback_wrong, lang);
    if (q->hint) put_labelled(out, "hint", _("Hint:"), q->hint, lang);
    buf_puts(out, "</fieldset>\n");
}

/* "Your answer: ..." with every option chosen, or the text typed. */
static void put_answer(struct buf *out, const struct question *q, const struct quiz_answer *a,
                       const char *lang)
{
    if (!quiz_answered(q, a)) {
        buf_puts(out, "<p class=\"your-answer\">");
        put_ui(out, NULL, _("You did not answer this question."), lang);
        buf_puts(out, "</p>\n");
        return;
    }
    buf_puts(out, "<p class=\"your-answer\">");
    put_ui(out, NULL, _("Your answer:"), lang);
    buf_puts(out, " ");
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
                            const struct quiz_answer *a, const char *lang)
{
    int right = quiz_is_right(q, a);
    open_in(out, "section", lang);
    buf_printf(out, " class=\"question-result %s\"", right ? "right" : "wrong");
    put_id(out, " id=\"q-", q, "\"");
    put_id(out, " aria-labelledby=\"q-", q, "-h\">\n");
    put_id(out, "<h2 id=\"q-", q, "-h\">");
    put_number(out, number, lang);
    buf_puts(out, " ");
    buf_put_html(out, q->prompt);
    buf_puts(out, "</h2>\n");
    put_answer(out, q, a, lang);
    buf_puts(out, "<p>");
    put_verdict(out, right, _("Right."), _("Not right yet."), lang);
    buf_puts(out, "</p>\n");
    if (q->type == QUESTION_SINGLE || q->type == QUESTION_MULTIPLE) {
        for (size_t i = 0; i < q->noptions; i++)
            if (a->chosen & (1u << i)) put_feedback_text(out, q->options[i].feedback);
    } else if (quiz_answered(q, a)) {
        put_feedback_text(out, right ? q->feedback_right : q->feedback_wrong);
    }
    if (!right && q->hint) put_labelled(out, "hint", _("Hint:"), q->hint, lang);
    buf_puts(out, "</section>\n");
}
