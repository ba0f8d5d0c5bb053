/* scorm_export_page.c: the one page (index.html) of an exported module. It has the markup of the
 * lesson page (title, summary, level links, the rendered body with its question fields, the
 * check form) so style.css styles it the same. Every level is a <template>, so the ids of its
 * questions are in the document once; player/static/sco.js shows the chosen one, scores its
 * check against the answers in the JSON block at the end and reports to the LMS. Its texts
 * are in the language set with i18n_use, and the JSON hands sco.js the ones it writes. */
#include "content/scorm_export.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/question_html.h"
#include "content/quiz.h"
#include "player/i18n.h"
#include "server/buf.h"

static const char *const level_names[] = {N_("Basic"), N_("Intermediate"), N_("Advanced")};

static const char *level_name(int level)
{
    return _(level_names[level - MODULE_MIN_LEVEL]);
}

/* ' lang="en"' on the interface texts when they are not in the module's language (Stepwise has
 * no catalogue for it), so screen readers speak them with the right voice. */
static void ui_lang(struct buf *b, const struct module *m)
{
    const char *ui = i18n_tag(i18n_current());
    size_t n = strlen(ui);
    if (strncmp(m->language, ui, n) || (m->language[n] && m->language[n] != '-'))
        buf_printf(b, " lang=\"%s\"", ui);
}

static int count_levels(const struct module *m)
{
    int n = 0;
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) n += module_has_level(m, l);
    return n;
}

static void put_head(struct buf *b, const struct module *m, enum scorm_export_version v)
{
    buf_puts(b, "<!doctype html>\n<html lang=\"");
    buf_put_html(b, m->language);
    buf_printf(b, "\" data-scorm=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"color-scheme\" content=\"light dark\">\n<title>",
               v == SCORM_EXPORT_2004 ? "2004" : "1.2");
    buf_put_html(b, m->title);
    buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
                "<script src=\"sco.js\" defer></script>\n</head>\n<body>\n<main id=\"main\">\n<h1>");
    buf_put_html(b, m->title);
    buf_puts(b, "</h1>\n<p class=\"lead\">");
    buf_put_html(b, m->summary);
    buf_puts(b, "</p>\n<p id=\"sco-status\" class=\"notice\" role=\"status\"");
    ui_lang(b, m);
    buf_puts(b, " hidden></p>\n<noscript><p class=\"alert\"");
    ui_lang(b, m);
    buf_printf(b, ">%s</p></noscript>\n",
               _("This lesson needs JavaScript: turn it on to read the lesson and to save your "
                 "result."));
}

/* Links to the levels (sco.js marks the one shown), when there is a choice. */
static void put_level_links(struct buf *b, const struct module *m)
{
    if (count_levels(m) < 2) return;
    buf_printf(b, "<nav class=\"levels\" aria-label=\"%s\"", _("Level"));
    ui_lang(b, m);
    buf_printf(b, "><span class=\"levels-label\" aria-hidden=\"true\">%s</span><ul>", _("Level:"));
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
        if (!module_has_level(m, l)) continue;
        buf_printf(b, "<li><a href=\"#level-%d\" data-level=\"%d\"%s>%s</a></li>", l, l,
                   l == module_lowest_level(m) ? " aria-current=\"page\"" : "", level_name(l));
    }
    buf_puts(b, "</ul></nav>\n");
}

static void put_check_form(struct buf *b, const struct module *m, const struct quiz *q)
{
    if (!q->n) return;
    buf_puts(b, "<form id=\"" QUESTION_FORM_ID "\" class=\"check-form\"");
    ui_lang(b, m);
    buf_puts(b, ">\n<p>");
    buf_printf(b, _("Done with the questions? Then check your answers. To pass, get at least "
                    "%1$zu of the %2$zu questions right."), quiz_needed(m->mastery, q->n), q->n);
    buf_printf(b, "</p>\n<button type=\"submit\" class=\"big\">%s</button>\n</form>\n",
               _("Check my answers"));
}

static void put_level(struct buf *b, const struct module *m, int level, const char *body,
                      const struct quiz *q)
{
    char *name = xasprintf("<strong>%s</strong>", level_name(level));
    buf_printf(b, "<template id=\"sco-level-%d\">\n<p class=\"shown\"", level);
    ui_lang(b, m);
    buf_puts(b, ">");
    buf_printf(b, count_levels(m) > 1 ? _("You are reading the %s level.")
                                      : _("This module has one level: %s."), name);
    buf_puts(b, "</p>\n<div class=\"body\">\n");
    buf_puts(b, body);
    buf_puts(b, "</div>\n");
    put_check_form(b, m, q);
    buf_puts(b, "</template>\n");
    free(name);
}

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static const char *question_kind(const struct question *q)
{
    switch (q->type) {
    case QUESTION_SINGLE: return "single";
    case QUESTION_MULTIPLE: return "multiple";
    case QUESTION_TRUE_FALSE: return "true-false";
    case QUESTION_FILL_IN: break;
    }
    return "fill-in";
}

/* A question with its answers, as sco.js scores it (content/quiz.c: quiz_is_right). */
static json_t *question_json(const struct question *q)
{
    json_t *options = json_array(), *answers = json_array();
    for (size_t i = 0; i < q->noptions; i++)
        json_array_append_new(options, json_pack("{s:s, s:o, s:b}", "text", q->options[i].text,
                                                 "feedback", string_or_null(q->options[i].feedback),
                                                 "correct", q->options[i].correct));
    for (size_t i = 0; i < q->nanswers; i++) json_array_append_new(answers, json_string(q->answers[i]));
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "id", q->id, "type",
                     question_kind(q), "prompt", q->prompt, "options", options, "answers", answers,
                     "right", string_or_null(q->feedback_right), "wrong",
                     string_or_null(q->feedback_wrong), "hint", string_or_null(q->hint));
}

/* The texts sco.js writes, in the page's language. */
static json_t *texts_json(void)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
        "question", _("Question %d"),
        "yourAnswer", _("Your answer:"),
        "noAnswer", _("You did not answer this question."),
        "right", _("Right."),
        "wrong", _("Not right yet."),
        "hint", _("Hint:"),
        "passed", _("You passed the check."),
        "failed", _("Not passed yet."),
        "got", _("You got %1$d of the %2$d questions right."),
        "need", _("To pass, you need %d. Read the feedback below, then try again."),
        "result", _("Your answers"),
        "retry", _("Try again"),
        "saved", _("Your result is saved in your learning system."),
        "notSaved", _("Your result could not be saved: your learning system did not accept it. "
                      "Ask the person who runs it for help."),
        "noLms", _("No learning system found: you can read the lesson and check your answers, "
                   "but your result is not saved."));
}

char *scorm_export_page(const struct module *m, enum scorm_export_version v,
                        char *const bodies[MODULE_MAX_LEVEL + 1], size_t *len)
{
    struct buf b;
    buf_init(&b);
    put_head(&b, m, v);
    put_level_links(&b, m);
    buf_printf(&b, "<div id=\"sco-level\" data-lowest=\"%d\"></div>\n"
                   "<section id=\"sco-result\" aria-labelledby=\"sco-result-h\" hidden></section>\n",
               module_lowest_level(m));
    json_t *levels = json_object();
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
        if (!bodies[l]) continue;
        struct quiz q;
        quiz_load(m, l, &q);
        put_level(&b, m, l, bodies[l], &q);
        json_t *items = json_array();
        for (size_t i = 0; i < q.n; i++) json_array_append_new(items, question_json(q.items[i]));
        char key[12];
        snprintf(key, sizeof key, "%d", l);
        json_object_set_new(levels, key, json_pack("{s:I, s:o}", "needed",
                                                   (json_int_t)quiz_needed(m->mastery, q.n),
                                                   "questions", items));
        quiz_free(&q);
    }
    json_t *data = json_pack("{s:o, s:o}", "levels", levels, "texts", texts_json());
    /* Escaped slashes: no "</script>" can end the block early. */
    char *json = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS | JSON_ESCAPE_SLASH);
    buf_puts(&b, "<script type=\"application/json\" id=\"sco-data\">");
    buf_puts(&b, json);
    buf_puts(&b, "</script>\n</main>\n</body>\n</html>\n");
    free(json);
    json_decref(data);
    return buf_detach(&b, len);
}
