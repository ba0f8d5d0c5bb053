/* page_module.c: one module at one level: title, summary, facts, the level control (plain links,
 * so it works without JavaScript), the rendered body and the form of its knowledge check. The
 * page is in the interface language; the module's own text carries the module's language. */
#include "player/pages.h"

#include "content/quiz.h"
#include "player/i18n.h"
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
        buf_printf(b, "<nav class=\"levels\" aria-label=\"%s\"><span class=\"levels-label\" "
                      "aria-hidden=\"true\">%s</span><ul>", C_("level", "Level"), _("Level:"));
        for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
            if (!module_has_level(m, l)) continue;
            buf_printf(b, "<li><a href=\"?level=%d\"%s>%s</a></li>", l,
                       l == level ? " aria-current=\"page\"" : "", page_layout_level_name(l));
        }
        buf_puts(b, "</ul></nav>\n");
    }
    if (!name) return;
    buf_puts(b, "<p class=\"shown\">");
    /* TRANSLATORS: %s is a level's name (Basic, Intermediate, Advanced), shown in bold. */
    buf_printf(b, choice ? _("You are reading the <strong>%s</strong> level.")
                         : _("This module has one level: <strong>%s</strong>."), name);
    buf_puts(b, "</p>\n");
}

static void put_back_link(struct buf *b)
{
    buf_printf(b, "<p class=\"back\"><a class=\"button secondary\" href=\"/\">%s</a></p>\n",
               _("Back to all modules"));
}

char *page_module(const struct module *m, int level, const char *body_html, size_t *len)
{
    struct buf b, title;
    buf_init(&b);
    buf_init(&title);
    const char *name = page_layout_level_name(level);
    buf_printf(&title, "%s%s%s%s", m->title, name ? " (" : "", name ? name : "", name ? ")" : "");

    page_layout_begin(&b, title.data, m->summary, &page_layout_viewer_slot);
    buf_puts(&b, "<h1");
    i18n_put_text_lang(&b, m->language);
    buf_puts(&b, ">");
    buf_put_html(&b, m->title);
    buf_puts(&b, "</h1>\n<p class=\"lead\"");
    i18n_put_text_lang(&b, m->language);
    buf_puts(&b, ">");
    buf_put_html(&b, m->summary);
    buf_puts(&b, "</p>\n" PAGE_PLAN_TOP_SLOT);
    page_layout_facts(&b, m);
    put_level_control(&b, m, level);
    if (m->kind == MODULE_PACKAGE) {
        buf_puts(&b, "<p class=\"scorm-start\"><a class=\"button\" href=\"/play/");
        buf_put_url_segment(&b, m->id);
        buf_printf(&b, "\">%s</a></p>\n", _("Play the lesson"));
    }
    /* A package's progress comes from its SCOs (the SCORM player), not from reading this page. */
    if (m->kind != MODULE_PACKAGE) buf_puts(&b, PAGE_PLAYER_SLOT);
    buf_puts(&b, "<div class=\"body\"");
    i18n_put_text_lang(&b, m->language);
    buf_puts(&b, " data-module=\"");
    buf_put_html(&b, m->id);
    buf_printf(&b, "\" data-level=\"%d\">\n", level);
    buf_puts(&b, body_html ? body_html : "");
    buf_puts(&b, "\n</div>\n");
    struct quiz q;
    quiz_load(m, level, &q);
    page_check_form(&b, m, level, &q);
    quiz_free(&q);
    buf_puts(&b, PAGE_PLAN_END_SLOT);
    put_back_link(&b);
    page_layout_end(&b);
    buf_free(&title);
    return buf_detach(&b, len);
}
