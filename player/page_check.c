/* page_check.c: the check form under a lesson, the feedback page and the author's answer key.
 * The interface text is English (marked with lang="en" on a page in another language); the
 * questions carry the module's language. Passed and not passed are said in words. */
#include "player/page_check.h"

#include <stdlib.h>
#include <string.h>

#include "content/question_html.h"
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
    buf_printf(b, "/check?level=%d\"", level);
    page_layout_ui_lang(b, m->language);
    buf_printf(b, ">\n" CHECK_SLOT "\n<p>Done with the questions? Then check your answers. To "
                  "pass, get at least %zu of the %zu questions right.</p>\n<button type=\"submit\" "
                  "class=\"big\">Check my answers</button>\n</form>\n", needed(m, q->n), q->n);
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
        buf_puts(&b, "<p class=\"notice\">Sign in first, so that your answers and your score "
                     "are kept. <a href=\"/login\">Sign in</a></p>");
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
                      "<h2 id=\"check-key-h\">The check at this level, with the right answers"
                      "</h2>\n<p>Learners see these %zu questions without the answers. To pass, "
                      "they get at least %zu right.</p>\n<div", q.n, needed(m, q.n));
        buf_puts(b, " lang=\"");
        buf_put_html(b, m->language);
        buf_puts(b, "\">\n");
        for (size_t i = 0; i < q.n; i++) question_html_author(b, q.items[i], (int)i + 1);
        buf_puts(b, "</div>\n</section>\n");
    }
    quiz_free(&q);
}

static void put_score(struct buf *b, const struct page_check_result *p)
{
    const struct quiz_score *s = p->score;
    buf_printf(b, "<div class=\"check-score %s\" role=\"status\">\n",
               s->passed ? "passed" : "failed");
    if (s->passed)
        buf_printf(b, "<p class=\"verdict\"><span aria-hidden=\"true\">\u2713</span> You passed "
                      "the check.</p>\n<p>You got %zu of the %zu questions right.</p>\n",
                   s->right, s->total);
    else
        buf_printf(b, "<p class=\"verdict\"><span aria-hidden=\"true\">\u2715</span> Not passed "
                      "yet.</p>\n<p>You got %zu of the %zu questions right. To pass, you need "
                      "%zu. Read the feedback below, then try again.</p>\n", s->right, s->total,
                   needed(p->m, s->total));
    buf_puts(b, "</div>\n");
}

static void put_actions(struct buf *b, const struct page_check_result *p)
{
    buf_puts(b, "<p class=\"actions\"><a class=\"button\" href=\"");
    put_module_url(b, p->m);
    buf_printf(b, "?level=%d#" QUESTION_FORM_ID "\">Try again</a>", p->level);
    if (p->in_plan)
        buf_puts(b, " <a class=\"button secondary\" href=\"/plan\">Back to my plan</a>");
    buf_puts(b, " <a class=\"button secondary\" href=\"/\">Back to all modules</a></p>\n");
}

char *page_check_result(const struct page_check_result *p, const struct page_viewer *v,
                        size_t *len)
{
    const struct module *m = p->m;
    struct buf b, title;
    buf_init(&b);
    buf_init(&title);
    buf_printf(&title, "Your answers: %s (%s)", m->title, page_layout_level_name(p->level));
    page_layout_begin(&b, m->language, title.data, NULL, v);
    buf_puts(&b, "<p class=\"kicker\"");
    page_layout_ui_lang(&b, m->language);
    buf_puts(&b, ">Your answers</p>\n<h1>");
    buf_put_html(&b, m->title);
    buf_puts(&b, "</h1>\n<div");
    page_layout_ui_lang(&b, m->language);
    buf_puts(&b, ">\n");
    put_score(&b, p);
    buf_puts(&b, "</div>\n");
    for (size_t i = 0; i < p->quiz->n; i++)
        question_html_feedback(&b, p->quiz->items[i], (int)i + 1, &p->answers[i]);
    buf_puts(&b, "<div");
    page_layout_ui_lang(&b, m->language);
    buf_puts(&b, ">\n");
    put_actions(&b, p);
    buf_puts(&b, "</div>\n");
    page_layout_end(&b, m->language);
    buf_free(&title);
    return buf_detach(&b, len);
}
