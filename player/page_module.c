/* page_module.c: one module at one level: title, summary, facts, the level control (plain links,
 * so it works without JavaScript), the rendered body and the form of its knowledge check. */
#include "player/pages.h"

#include <string.h>

#include "content/quiz.h"
#include "player/page_check.h"
#include "player/page_layout.h"
#include "server/buf.h"

static int count_levels(const struct module *m)
{
    int n = 0;
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) n += module_has_level(m, l);
    return n;
}

/* The level switch (plain links, the current one marked) when there is a choice, and a sentence
 * that says in words which level is shown. */
static void put_level_control(struct buf *b, const struct module *m, int level)
{
    const char *name = page_layout_level_name(level);
    int choice = count_levels(m) > 1;
    if (choice) {
        buf_puts(b, "<nav class=\"levels\" aria-label=\"Level\"");
        page_layout_ui_lang(b, m->language);
        buf_puts(b, "><span class=\"levels-label\" aria-hidden=\"true\">Level:</span><ul>");
        for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
            if (!module_has_level(m, l)) continue;
            buf_printf(b, "<li><a href=\"?level=%d\"%s>%s</a></li>", l,
                       l == level ? " aria-current=\"page\"" : "", page_layout_level_name(l));
        }
        buf_puts(b, "</ul></nav>\n");
    }
    if (!name) return;
    buf_puts(b, "<p class=\"shown\"");
    page_layout_ui_lang(b, m->language);
    buf_printf(b, choice ? ">You are reading the <strong>%s</strong> level.</p>\n"
                         : ">This module has one level: <strong>%s</strong>.</p>\n", name);
}

static void put_back_link(struct buf *b, const char *lang)
{
    buf_puts(b, "<p class=\"back\"");
    page_layout_ui_lang(b, lang);
    buf_puts(b, "><a class=\"button secondary\" href=\"/\">Back to all modules</a></p>\n");
}

char *page_module(const struct module *m, int level, const char *body_html, size_t *len)
{
    struct buf b, title;
    buf_init(&b);
    buf_init(&title);
    const char *name = page_layout_level_name(level);
    buf_printf(&title, "%s%s%s%s", m->title, name ? " (" : "", name ? name : "", name ? ")" : "");

    page_layout_begin(&b, m->language, title.data, m->summary, &page_layout_viewer_slot);
    buf_puts(&b, "<h1>");
    buf_put_html(&b, m->title);
    buf_puts(&b, "</h1>\n<p class=\"lead\">");
    buf_put_html(&b, m->summary);
    buf_puts(&b, "</p>\n");
    page_layout_facts(&b, m, m->language);
    put_level_control(&b, m, level);
    buf_puts(&b, PAGE_PLAYER_SLOT "<div class=\"body\" data-module=\"");
    buf_put_html(&b, m->id);
    buf_printf(&b, "\" data-level=\"%d\">\n", level);
    buf_puts(&b, body_html ? body_html : "");
    buf_puts(&b, "\n</div>\n");
    if (body_html && (strstr(body_html, "<video") || strstr(body_html, "<audio")))
        buf_puts(&b, "<script src=\"/static/media.js\" defer></script>\n");
    struct quiz q;
    quiz_load(m, level, &q);
    page_check_form(&b, m, level, &q);
    quiz_free(&q);
    put_back_link(&b, m->language);
    page_layout_end(&b, m->language);
    buf_free(&title);
    return buf_detach(&b, len);
}
