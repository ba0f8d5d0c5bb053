/* page_layout.c: the frame every learner page shares (head, skip link, site header, footer) and
 * the pieces that more than one page shows. The markup is small and semantic so pages stay fast
 * on bad Wi-Fi and work with screen readers, keyboards and without JavaScript. The page is in
 * the request's interface language (<html lang>); text of a module in another language carries
 * its own lang attribute (i18n_put_text_lang). */
#include "player/page_layout.h"

#include <string.h>

#include "player/i18n.h"
#include "server/auth.h"

/* The slot is an HTML comment, so a shared page that is sent unfilled still renders. */
#define VIEWER_SLOT "<!--stepwise:viewer-->"

const struct page_viewer page_layout_viewer_slot = {NULL, NULL, 0};

/* The signed-in header is one row at 360 px: the brand and a menu button with the person's
 * name (who is signed in stays visible on a shared tablet). The menu (<details>, no script
 * needed) lists a link per role and the log-out button. */
/* A link per other interface language, named in that language (?lang= keeps the choice in a
 * cookie: no script, no account needed). */
static void put_language_links(struct buf *b)
{
    const struct i18n_lang *now = i18n_current();
    for (size_t i = 0; i < i18n_count(); i++) {
        const struct i18n_lang *l = i18n_at(i);
        if (l == now) continue;
        buf_printf(b, "<a class=\"lang\" href=\"?lang=%s\" hreflang=\"%s\" lang=\"%s\">", i18n_tag(l),
                   i18n_tag(l), i18n_tag(l));
        buf_put_html(b, i18n_name(l));
        buf_puts(b, "</a>");
    }
}

static void put_menu_link(struct buf *b, const char *href, const char *text)
{
    buf_printf(b, "<li><a href=\"%s\">", href);
    buf_put_html(b, text);
    buf_puts(b, "</a></li>");
}

void page_layout_viewer(struct buf *b, const struct page_viewer *v)
{
    if (!v || !v->display_name) {
        buf_puts(b, "<span class=\"site-links\"><a class=\"signin\" href=\"/login\">");
        buf_put_html(b, _("Sign in"));
        buf_puts(b, "</a>");
        put_language_links(b);
        buf_puts(b, "</span>");
        return;
    }
    buf_puts(b, "<details class=\"menu\"><summary><span class=\"visually-hidden\">");
    /* TRANSLATORS: read out before the signed-in person's name, on the menu button. */
    buf_put_html(b, _("Menu, signed in as"));
    buf_puts(b, " </span><span class=\"who\">");
    buf_put_html(b, v->display_name);
    buf_puts(b, "</span></summary><div class=\"menu-panel\"><nav aria-label=\"");
    buf_put_html(b, _("Your pages"));
    buf_puts(b, "\"><ul>");
    put_menu_link(b, "/plan", _("My plan"));
    if (v->roles & ROLE_MENTOR) put_menu_link(b, "/mentor", _("My mentees"));
    if (v->roles & ROLE_AUTHOR) put_menu_link(b, "/author", C_("menu", "Author"));
    if (v->roles & (ROLE_ADMIN | ROLE_COORDINATOR)) put_menu_link(b, "/admin", C_("menu", "Admin"));
    put_menu_link(b, "/", _("All lessons"));
    put_menu_link(b, "/account", _("My account and language"));
    buf_puts(b, "</ul></nav><form class=\"viewer\" method=\"post\" action=\"/logout\">"
                "<input type=\"hidden\" name=\"csrf\" value=\"");
    buf_put_html(b, v->csrf ? v->csrf : "");
    buf_puts(b, "\"><button type=\"submit\" class=\"secondary\">");
    buf_put_html(b, _("Log out / switch user"));
    buf_puts(b, "</button></form></div></details>");
}

void page_layout_begin(struct buf *b, const char *title, const char *description,
                       const struct page_viewer *v)
{
    buf_printf(b, "<!doctype html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<meta name=\"color-scheme\" content=\"light dark\">\n<title>", i18n_tag(i18n_current()));
    buf_put_html(b, title);
    buf_puts(b, " – Stepwise</title>\n");
    if (description) {
        buf_puts(b, "<meta name=\"description\" content=\"");
        buf_put_html(b, description);
        buf_puts(b, "\">\n");
    }
    buf_puts(b, "<link rel=\"stylesheet\" href=\"/static/style.css\">\n"
                "<link rel=\"manifest\" href=\"/manifest.webmanifest\">\n"
                "<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">\n"
                "<link rel=\"apple-touch-icon\" href=\"/icons/192.png\">\n"
                "<meta name=\"theme-color\" content=\"#00324d\">\n");
    /* The editors, the author preview, the import page, the mentor's dashboard and figures are
     * styled by staff.css, which a learner's phone never loads. */
    if (v && v != &page_layout_viewer_slot &&
        (v->roles & (ROLE_MENTOR | ROLE_AUTHOR | ROLE_ADMIN | ROLE_COORDINATOR)))
        buf_puts(b, "<link rel=\"stylesheet\" href=\"/static/staff.css\">\n");
    buf_puts(b, "<script src=\"/static/player.js\" defer></script>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
    buf_put_html(b, _("Skip to main content"));
    buf_puts(b, "</a>\n<header class=\"site\"><a class=\"brand\" href=\"/\">Stepwise</a>");
    if (v == &page_layout_viewer_slot) buf_puts(b, VIEWER_SLOT);
    else page_layout_viewer(b, v);
    buf_puts(b, "</header>\n<main id=\"main\">\n");
}

void page_layout_end(struct buf *b)
{
    buf_puts(b, "</main>\n<footer class=\"site\"><p>");
    buf_put_html(b, _("Stepwise: short lessons to learn on the job, with your mentor."));
    buf_puts(b, "</p></footer>\n</body>\n</html>\n");
}

char *page_with_viewer(const char *html, size_t len, const struct page_viewer *v, size_t *out_len)
{
    struct buf b;
    buf_init(&b);
    const char *slot = memmem(html, len, VIEWER_SLOT, strlen(VIEWER_SLOT));
    if (!slot) {
        buf_append(&b, html, len);
        return buf_detach(&b, out_len);
    }
    buf_append(&b, html, (size_t)(slot - html));
    page_layout_viewer(&b, v);
    size_t rest = (size_t)(slot - html) + strlen(VIEWER_SLOT);
    buf_append(&b, html + rest, len - rest);
    return buf_detach(&b, out_len);
}

const char *page_layout_level_name(int level)
{
    static const char *const names[] = {NC_("level", "Basic"), NC_("level", "Intermediate"),
                                        NC_("level", "Advanced")};
    if (level < MODULE_MIN_LEVEL || level > MODULE_MAX_LEVEL) return NULL;
    return C_("level", names[level - MODULE_MIN_LEVEL]);
}

static void put_levels(struct buf *b, const struct module *m)
{
    const char *sep = "";
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
        if (!module_has_level(m, l)) continue;
        buf_printf(b, "%s%s", sep, page_layout_level_name(l));
        sep = ", ";
    }
}

void page_layout_facts(struct buf *b, const struct module *m)
{
    buf_printf(b, "<dl class=\"facts\"><div><dt>%s</dt><dd>", _("Time"));
    buf_printf(b, n_("%d minute", "%d minutes", (unsigned long)m->minutes), m->minutes);
    buf_printf(b, "</dd></div><div><dt>%s</dt><dd>", _("Levels"));
    put_levels(b, m);
    buf_puts(b, "</dd></div>");
    if (m->nskills > 0) {
        buf_printf(b, "<div><dt>%s</dt><dd><ul class=\"tags\"", _("Skills"));
        i18n_put_text_lang(b, m->language);
        buf_puts(b, ">");
        for (size_t i = 0; i < m->nskills; i++) {
            buf_puts(b, "<li>");
            buf_put_html(b, m->skills[i]);
            buf_puts(b, "</li>");
        }
        buf_puts(b, "</ul></dd></div>");
    }
    buf_puts(b, "</dl>\n");
}

void page_layout_form(struct buf *b, const char *action, const char *csrf, const char *cls)
{
    buf_puts(b, "<form method=\"post\" action=\"");
    buf_put_html(b, action);
    buf_puts(b, "\"");
    if (cls) buf_printf(b, " class=\"%s\"", cls);
    buf_puts(b, "><input type=\"hidden\" name=\"csrf\" value=\"");
    buf_put_html(b, csrf ? csrf : "");
    buf_puts(b, "\">");
}

void page_layout_notice(struct buf *b, const char *notice, int error)
{
    if (!notice) return;
    buf_printf(b, "<p class=\"%s\" role=\"%s\">", error ? "alert" : "notice",
               error ? "alert" : "status");
    buf_put_html(b, notice);
    buf_puts(b, "</p>\n");
}
