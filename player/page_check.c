/* page_check.c: the check form under a lesson, the feedback page and the author's answer key.
 * The interface text is in the interface language; the questions carry the module's language.
 * Passed and not passed are said in words. */
#include "player/page_check.h"

#include <stdlib.h>
#include <string.h>

#include "content/question_html.h"
#include "player/i18n.h"
#include "player/page_layout.h"

/* An HTML comment, so a page sent unfilled still renders (and then posts without a token,
 * which the server refuses with a page that says to reload). */
#define CHECK_SLOT "<!--stepwise:check-csrf-->"

static size_t needed(const struct module *m, size_t total)
{
    return quiz_needed(m->mastery, total);
}

static void put_module_url(struct buf *b, const struct module *m)
{
    buf_puts(b, "/modules/");
    buf_put_url_segment(b, m->id);
}

void page_check_form(struct buf *b, const struct module *m, int level, const struct quiz *q)
{
    if (!q->n) return;
    buf_puts(b, "<form id=\"" QUESTION_FORM_ID "\" class=\"check-form\" method=\"post\" action=\"");
    put_module_url(b, m);
    buf_printf(b, "/check?level=%d\">\n" CHECK_SLOT "\n<p>", level);
    /* TRANSLATORS: %1$zu questions needed to pass, of %2$zu questions in all. */
    buf_printf(b, n_("Done with the question? Then check your answer. To pass, get at least "
                     "%1$zu of the %2$zu question right.",
                     "Done with the questions? Then check your answers. To pass, get at least "
                     "%1$zu of the %2$zu questions right.", q->n), needed(m, q->n), q->n);
    buf_printf(b, "</p>\n<button type=\"submit\" class=\"big\">%s</button>\n</form>\n",
               _("Check my answers"));
}

char *page_check_fill(char *html, size_t *len, const char *csrf)
{
    const char *slot = memmem(html, *len, CHECK_SLOT, strlen(CHECK_SLOT));
    if (!slot) return html;
    struct buf b;
    buf_init(&b);
    buf_append(&b, html, (size_t)(slot - html));
    if (csrf) {
        buf_puts(&b, "<input type=\"hidden\" name=\"csrf\" value=\"");
        buf_put_html(&b, csrf);
        buf_puts(&b, "\">");
    } else {
        buf_printf(&b, "<p class=\"notice\">%s <a href=\"/login\">%s</a></p>",
                   _("Sign in first, so that your answers and your score are kept."), _("Sign in"));
    }
    size_t rest = (size_t)(slot - html) + strlen(CHECK_SLOT);
    buf_append(&b, html + rest, *len - rest);
    free(html);
    return buf_detach(&b, len);
}

void page_check_answer_key(struct buf *b, const struct module *m, int level)
{
    struct quiz q;
    quiz_load(m, level, &q);
    if (q.n) {
        buf_printf(b, "<section class=\"author-check\" aria-labelledby=\"check-key-h\">\n"
                      "<h2 id=\"check-key-h\">%s</h2>\n<p>",
                   _("The check at this level, with the right answers"));
        /* TRANSLATORS: %1$zu questions in all, %2$zu needed to pass. */
        buf_printf(b, n_("Learners see this %1$zu question without the answers. To pass, they "
                         "get at least %2$zu right.",
                         "Learners see these %1$zu questions without the answers. To pass, "
                         "they get at least %2$zu right.", q.n), q.n, needed(m, q.n));
        buf_puts(b, "</p>\n<div>\n");
        for (size_t i = 0; i < q.n; i++)
            question_html_author(b, q.items[i], (int)i + 1, m->language);
        buf_puts(b, "</div>\n</section>\n");
    }
    quiz_free(&q);
}

static void put_score(struct buf *b, const struct page_check_result *p)
{
    const struct quiz_score *s = p->score;
    buf_printf(b, "<div class=\"check-score %s\" role=\"status\">\n",
               s->passed ? "passed" : "failed");
    buf_printf(b, "<p class=\"verdict\"><span aria-hidden=\"true\">%s</span> %s</p>\n<p>",
               s->passed ? "\u2713" : "\u2715", s->passed ? _("You passed the check.") : _("Not passed yet."));
    /* TRANSLATORS: %1$zu right answers of %2$zu questions. */
    buf_printf(b, n_("You got %1$zu of the %2$zu question right.",
                     "You got %1$zu of the %2$zu questions right.", s->total), s->right, s->total);
    if (!s->passed) {
        buf_puts(b, " ");
        /* TRANSLATORS: %zu right answers needed to pass. */
        buf_printf(b, _("To pass, you need %zu. Read the feedback below, then try again."),
                   needed(p->m, s->total));
    }
    buf_puts(b, "</p>\n");
    buf_puts(b, "</div>\n");
}

static void put_actions(struct buf *b, const struct page_check_result *p)
{
    buf_puts(b, "<p class=\"actions\"><a class=\"button\" href=\"");
    put_module_url(b, p->m);
    buf_printf(b, "?level=%d#" QUESTION_FORM_ID "\">%s</a>", p->level, _("Try again"));
    if (p->in_plan)
        buf_printf(b, " <a class=\"button secondary\" href=\"/plan\">%s</a>", _("Back to my plan"));
    buf_printf(b, " <a class=\"button secondary\" href=\"/\">%s</a></p>\n", _("Back to all modules"));
}

char *page_check_result(const struct page_check_result *p, const struct page_viewer *v,
                        size_t *len)
{
    const struct module *m = p->m;
    struct buf b, title;
    buf_init(&b);
    buf_init(&title);
    /* TRANSLATORS: the page title: %1$s the lesson, %2$s its level. */
    buf_printf(&title, _("Your answers: %1$s (%2$s)"), m->title, page_layout_level_name(p->level));
    page_layout_begin(&b, title.data, NULL, v);
    buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1", _("Your answers"));
    i18n_put_text_lang(&b, m->language);
    buf_puts(&b, ">");
    buf_put_html(&b, m->title);
    buf_puts(&b, "</h1>\n<div>\n");
    put_score(&b, p);
    buf_puts(&b, "</div>\n");
    for (size_t i = 0; i < p->quiz->n; i++)
        question_html_feedback(&b, p->quiz->items[i], (int)i + 1, &p->answers[i], m->language);
    buf_puts(&b, "<div>\n");
    put_actions(&b, p);
    buf_puts(&b, "</div>\n");
    page_layout_end(&b);
    buf_free(&title);
    return buf_detach(&b, len);
}
