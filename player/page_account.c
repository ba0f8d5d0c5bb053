/* page_account.c: the account pages: sign-in, the person's own account (the interface
 * language), the admin's users list and add form, one user's settings, and the printable login
 * card. Plain forms with big fields and buttons (gloves,
 * phones), one column, labels above fields, B1 wording; errors as alerts next to the form. */
#include "player/page_account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/i18n.h"
#include "player/page_layout.h"
#include "player/qr_svg.h"
#include "server/auth.h"
#include "server/buf.h"

static void put_csrf(struct buf *b, const char *csrf)
{
    buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    buf_put_html(b, csrf ? csrf : "");
    buf_puts(b, "\">\n");
}

static void put_messages(struct buf *b, const char *notice, const char *error)
{
    if (error) {
        buf_puts(b, "<div class=\"alert\" role=\"alert\"><p>");
        buf_put_html(b, error);
        buf_puts(b, "</p></div>\n");
    }
    if (notice) {
        buf_puts(b, "<div class=\"notice\" role=\"status\"><p>");
        buf_put_html(b, notice);
        buf_puts(b, "</p></div>\n");
    }
}

/* A labelled text field; hint (may be NULL) is read with the field (aria-describedby). */
static void put_field(struct buf *b, const char *id, const char *label, const char *type,
                      const char *value, const char *attrs, const char *hint)
{
    buf_printf(b, "<div class=\"input\"><label for=\"%s\">", id);
    buf_put_html(b, label);
    buf_puts(b, "</label>");
    if (hint) {
        buf_printf(b, "<p class=\"hint\" id=\"%s-hint\">", id);
        buf_put_html(b, hint);
        buf_puts(b, "</p>");
    }
    buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\"", id, id, type);
    if (hint) buf_printf(b, " aria-describedby=\"%s-hint\"", id);
    if (value) {
        buf_puts(b, " value=\"");
        buf_put_html(b, value);
        buf_puts(b, "\"");
    }
    buf_printf(b, "%s%s></div>\n", attrs && *attrs ? " " : "", attrs ? attrs : "");
}

static void put_check(struct buf *b, const char *name, const char *label, const char *hint,
                      int checked)
{
    buf_printf(b, "<div class=\"check\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%s>"
                  "<label for=\"%s\">", name, name, checked ? " checked" : "", name);
    buf_put_html(b, label);
    buf_puts(b, " <span class=\"hint\">");
    buf_put_html(b, hint);
    buf_puts(b, "</span></label></div>\n");
}

/* The interface language: "" (the browser's) or a built-in language, each named in itself. */
static void put_language(struct buf *b, const char *current)
{
    const char *now = current ? current : "";
    buf_printf(b, "<fieldset><legend>%s</legend>\n<p class=\"hint\">%s</p>\n", _("Language"),
               _("Stepwise shows its buttons and texts in this language. A lesson stays in the "
                 "language it is written in."));
    buf_printf(b, "<div class=\"check\"><input type=\"radio\" id=\"language-any\" name=\"language\" "
                  "value=\"\"%s><label for=\"language-any\">%s</label></div>\n",
               *now ? "" : " checked", _("The language of the browser"));
    for (size_t i = 0; i < i18n_count(); i++) {
        const char *tag = i18n_tag(i18n_at(i));
        buf_printf(b, "<div class=\"check\"><input type=\"radio\" id=\"language-%s\" "
                      "name=\"language\" value=\"%s\"%s><label for=\"language-%s\" lang=\"%s\">",
                   tag, tag, strcmp(now, tag) ? "" : " checked", tag, tag);
        buf_put_html(b, i18n_name(i18n_at(i)));
        buf_puts(b, "</label></div>\n");
    }
    buf_puts(b, "</fieldset>\n");
}

static void put_roles(struct buf *b, unsigned roles)
{
    buf_printf(b, "<fieldset><legend>%s</legend>\n", _("Roles"));
    for (size_t i = 0; i < AUTH_NROLES; i++) {
        char name[32], hint[256];
        snprintf(name, sizeof name, "role_%s", auth_roles[i].key);
        snprintf(hint, sizeof hint, "(%s)", _(auth_roles[i].hint));
        put_check(b, name, C_("role", auth_roles[i].label), hint, roles & auth_roles[i].bit);
    }
    buf_printf(b, "<p class=\"hint\">%s</p></fieldset>\n",
               _("Whom a mentor mentors is set on the pairings page."));
}

static void roles_text(struct buf *b, unsigned roles)
{
    if (!roles) buf_puts(b, _("no extra role"));
    const char *sep = "";
    for (size_t i = 0; i < AUTH_NROLES; i++)
        if (roles & auth_roles[i].bit) {
            buf_printf(b, "%s%s", sep, C_("role", auth_roles[i].label));
            sep = ", ";
        }
}

static void put_date(struct buf *b, int64_t t)
{
    char day[32];
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);      /* the day i18n_put_date writes */
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    buf_printf(b, "<time datetime=\"%s\">", day);
    i18n_put_date(b, i18n_current(), t, 0);
    buf_puts(b, "</time>");
}

/* A sentence with a name in it: the translation of format with %s escaped in place. */
static void put_with_name(struct buf *b, const char *format, const char *name)
{
    const char *at = strstr(format, "%s");
    if (!at) {
        buf_put_html(b, format);
        return;
    }
    struct buf before;
    buf_init(&before);
    buf_append(&before, format, (size_t)(at - format));
    buf_put_html(b, before.data ? before.data : "");
    buf_put_html(b, name);
    buf_put_html(b, at + 2);
    buf_free(&before);
}

/* --- sign in ------------------------------------------------------------------------- */

char *page_login(const struct page_login *p, const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Sign in"), _("Sign in to Stepwise with your login card or password."), v);
    buf_printf(&b, "<h1>%s</h1>\n", _("Sign in"));
    put_messages(&b, p->notice, p->error);
    buf_printf(&b, "<p class=\"lead\">%s</p>\n<form class=\"stack\" method=\"post\" action=\"/login\">\n",
               _("Scan your login card with the camera of this phone or tablet. Or type your login "
                 "name and password."));
    put_csrf(&b, p->csrf);
    if (p->next) {
        buf_puts(&b, "<input type=\"hidden\" name=\"next\" value=\"");
        buf_put_html(&b, p->next);
        buf_puts(&b, "\">\n");
    }
    put_field(&b, "login", _("Login name"), "text", p->login,
              "autocomplete=\"username\" autocapitalize=\"none\" autocorrect=\"off\" "
              "spellcheck=\"false\" required", NULL);
    put_field(&b, "password", _("Password"), "password", NULL,
              "autocomplete=\"current-password\" required", NULL);
    buf_printf(&b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n<p>%s</p>\n",
               _("Sign in"), _("Forgot your password or lost your card? Ask your mentor or an admin."));
    page_layout_end(&b);
    return buf_detach(&b, len);
}

char *page_card_confirm(const char *display_name, const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Sign in with your card"), _("Confirm to sign in with your login card."), v);
    buf_puts(&b, "<h1>");
    /* TRANSLATORS: %s is the name of the person whose login card was scanned. */
    put_with_name(&b, _("Sign in as %s?"), display_name);
    buf_puts(&b, "</h1>\n<p class=\"lead\">");
    /* TRANSLATORS: %s is the name of the person whose login card was scanned. */
    put_with_name(&b, _("You scanned the login card of %s. Tap the button to sign in."), display_name);
    buf_puts(&b, "</p>\n<form class=\"stack\" method=\"post\" action=\"/card\">\n"
                 "<div class=\"actions\"><button type=\"submit\">");
    /* TRANSLATORS: a button; %s is the name on the scanned login card. */
    put_with_name(&b, _("Sign in as %s"), display_name);
    buf_printf(&b, "</button></div>\n</form>\n<p>%s <a href=\"/login\">%s</a></p>\n",
               _("Not your card?"), _("Sign in with your own password"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}

/* --- admin: users -------------------------------------------------------------------- */

static void put_user_item(struct buf *b, const struct store_user *u)
{
    buf_printf(b, "<li class=\"card\"><h3><a href=\"/admin/users/%lld\">", (long long)u->id);
    buf_put_html(b, u->display_name);
    buf_printf(b, "</a></h3>\n<dl class=\"facts\"><div><dt>%s</dt><dd>", _("Login name"));
    buf_put_html(b, u->login);
    buf_printf(b, "</dd></div><div><dt>%s</dt><dd>", _("Roles"));
    roles_text(b, u->roles);
    buf_puts(b, "</dd></div>");
    if (!u->active)
        buf_printf(b, "<div><dt>%s</dt><dd>%s</dd></div>", _("Status"), _("Blocked: cannot sign in"));
    buf_puts(b, "</dl></li>\n");
}

static void put_add_form(struct buf *b, const struct page_user_form *f, const char *csrf)
{
    buf_printf(b, "<h2 id=\"add\">%s</h2>\n", _("Add a user"));
    put_messages(b, NULL, f ? f->error : NULL);
    buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/admin/users\">\n");
    put_csrf(b, csrf);
    put_field(b, "display_name", _("Name"), "text", f ? f->display_name : NULL,
              "autocomplete=\"off\" required", _("The name other people see, for example Anna de Vries."));
    put_field(b, "login", _("Login name"), "text", f ? f->login : NULL,
              "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" required",
              _("Small letters, digits and . _ - only, for example anna.devries."));
    put_language(b, f ? f->language : NULL);
    put_roles(b, f ? f->roles : 0);
    put_field(b, "password", _("Password"), "text", NULL, "autocomplete=\"new-password\"",
              _("Leave it empty and Stepwise makes one for you."));
    buf_printf(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
               _("Add user"));
}

char *page_admin_users(const struct store_user *users, size_t n, const struct page_user_form *form,
                       const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Users"), NULL, v);
    buf_printf(&b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n"
                   "<p><a class=\"button secondary\" href=\"#add\">%s</a></p>\n<h2>", _("Users"),
               _("Everyone who can sign in. Choose a name to change roles, the password or the "
                 "login card."), _("Add a user"));
    buf_printf(&b, n_("%zu user", "%zu users", n), n);
    buf_puts(&b, "</h2>\n<ul class=\"cards\">\n");
    for (size_t i = 0; i < n; i++) put_user_item(&b, &users[i]);
    buf_puts(&b, "</ul>\n");
    put_add_form(&b, form, v ? v->csrf : NULL);
    page_layout_end(&b);
    return buf_detach(&b, len);
}

static void put_card_section(struct buf *b, const struct store_user *u,
                             const struct store_card *card, const char *csrf)
{
    buf_printf(b, "<h2>%s</h2>\n", _("Login card"));
    if (card) {
        buf_printf(b, "<p>%s ", _("This person has a login card, made on"));
        put_date(b, card->issued);
        buf_printf(b, ". %s</p>\n", _("A new card makes the old card stop working."));
    } else {
        buf_printf(b, "<p>%s</p>\n", _("No login card. With a card, this person signs in by scanning "
                                        "it with the camera: no password to type."));
    }
    buf_printf(b, "<div class=\"actions\"><form method=\"post\" action=\"/admin/users/%lld/card\">",
               (long long)u->id);
    put_csrf(b, csrf);
    buf_printf(b, "<button type=\"submit\">%s</button></form>\n",
               card ? _("Make a new card") : _("Make a login card"));
    if (card) {
        buf_printf(b, "<form method=\"post\" action=\"/admin/users/%lld/card/revoke\">",
                   (long long)u->id);
        put_csrf(b, csrf);
        buf_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
                   _("Block the card"));
    }
    buf_puts(b, "</div>\n");
}

char *page_admin_user(const struct store_user *u, const struct store_card *card,
                      const char *notice, const char *password, const char *error,
                      const struct page_viewer *v, size_t *len)
{
    const char *csrf = v ? v->csrf : NULL;
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, u->display_name, NULL, v);
    buf_puts(&b, "<h1>");
    buf_put_html(&b, u->display_name);
    buf_puts(&b, "</h1>\n");
    put_messages(&b, notice, error);
    if (password) {
        buf_printf(&b, "<div class=\"notice\"><p>%s <strong>", _("The password for this login name:"));
        buf_put_html(&b, u->login);
        buf_puts(&b, "</strong>: <strong class=\"password\">");
        buf_put_html(&b, password);
        buf_printf(&b, "</strong></p><p>%s</p></div>\n",
                   _("Give it to this person now: Stepwise shows it only once."));
    }
    buf_printf(&b, "<h2>%s</h2>\n<form class=\"stack\" method=\"post\" action=\"/admin/users/%lld\">\n"
                   "<input type=\"hidden\" name=\"action\" value=\"save\">\n", _("Details"),
               (long long)u->id);
    put_csrf(&b, csrf);
    buf_printf(&b, "<p>%s <strong>", _("Login name:"));
    buf_put_html(&b, u->login);
    buf_puts(&b, "</strong></p>\n");
    put_field(&b, "display_name", _("Name"), "text", u->display_name, "autocomplete=\"off\" required", NULL);
    put_language(&b, u->language);
    put_roles(&b, u->roles);
    put_check(&b, "active", _("Can sign in"), _("(clear this to block the account)"), u->active);
    buf_printf(&b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
               _("Save"));

    buf_printf(&b, "<h2>%s</h2>\n<form class=\"stack\" method=\"post\" action=\"/admin/users/%lld\">\n"
                   "<input type=\"hidden\" name=\"action\" value=\"password\">\n", _("Password"),
               (long long)u->id);
    put_csrf(&b, csrf);
    put_field(&b, "new_password", _("New password"), "text", NULL, "autocomplete=\"new-password\"",
              _("Leave it empty and Stepwise makes one for you."));
    buf_printf(&b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
               _("Set new password"));
    put_card_section(&b, u, card, csrf);
    buf_printf(&b, "<p class=\"back\"><a class=\"button secondary\" href=\"/admin/users\">%s</a></p>\n",
               _("Back to all users"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}

/* --- the printable login card -------------------------------------------------------- */

static void put_card(struct buf *b, const struct store_user *u, const char *url)
{
    char *svg = qr_svg(url, _("QR code to sign in"));
    buf_printf(b, "<section class=\"login-card\" aria-labelledby=\"card-name\">\n"
                  "<p class=\"card-brand\">%s</p>\n<h2 id=\"card-name\">", _("Stepwise login card"));
    buf_put_html(b, u->display_name);
    buf_puts(b, "</h2>\n");
    buf_puts(b, svg ? svg : "");
    buf_printf(b, "\n<ol><li>%s</li><li>%s</li><li>%s</li></ol>\n<p class=\"hint\">%s</p>\n</section>\n",
               _("Open the camera of the phone or tablet."), _("Point it at the code."),
               _("Tap the link that shows up."),
               _("This card is your key: keep it safe. Lost it? Tell your mentor or an admin."));
    free(svg);
}

char *page_login_card(const struct store_user *u, const struct store_card *card, const char *url,
                      const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Login card"), NULL, v);
    buf_puts(&b, "<h1 class=\"no-print\">");
    /* TRANSLATORS: %s is the name of the person the card is for. */
    put_with_name(&b, _("Login card for %s"), u->display_name);
    buf_puts(&b, "</h1>\n");
    if (url) {
        buf_printf(&b, "<p class=\"lead no-print\">%s</p>\n",
                   _("Print this page and cut out the card. The code is shown only now: Stepwise "
                     "does not keep it."));
        put_card(&b, u, url);
        buf_printf(&b, "<details class=\"no-print\"><summary>%s</summary><p>%s</p><p><code "
                       "class=\"card-url\">", _("Show the address in the code"),
                   _("Anyone with this address can sign in as this person. Only send it to them."));
        buf_put_html(&b, url);
        buf_puts(&b, "</code></p></details>\n");
    } else {
        if (card) {
            buf_printf(&b, "<p>%s ", _("This person has a login card, made on"));
            put_date(&b, card->issued);
            buf_printf(&b, ". %s</p>\n", _("Stepwise keeps no copy of the code, so it cannot print "
                                            "this card again. Make a new card to print one: the old "
                                            "card then stops working."));
        } else {
            buf_printf(&b, "<p>%s</p>\n", _("This person has no login card yet."));
        }
        buf_printf(&b, "<form method=\"post\" action=\"/admin/users/%lld/card\">", (long long)u->id);
        put_csrf(&b, v ? v->csrf : NULL);
        buf_printf(&b, "<button type=\"submit\">%s</button></form>\n",
                   card ? _("Make a new card") : _("Make a login card"));
    }
    buf_printf(&b, "<p class=\"back no-print\"><a class=\"button secondary\" href=\"/admin/users/%lld\">",
               (long long)u->id);
    /* TRANSLATORS: a link back to one person's page; %s is their name. */
    put_with_name(&b, _("Back to %s"), u->display_name);
    buf_puts(&b, "</a></p>\n");
    page_layout_end(&b);
    return buf_detach(&b, len);
}

/* --- the person's own account -------------------------------------------------------- */

char *page_own_account(const struct store_user *u, const char *notice, const char *error,
                       const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("My account"), NULL, v);
    buf_printf(&b, "<h1>%s</h1>\n", _("My account"));
    put_messages(&b, notice, error);
    buf_printf(&b, "<dl class=\"facts\"><div><dt>%s</dt><dd>", _("Name"));
    buf_put_html(&b, u->display_name);
    buf_printf(&b, "</dd></div><div><dt>%s</dt><dd>", _("Login name"));
    buf_put_html(&b, u->login);
    buf_puts(&b, "</dd></div></dl>\n<form class=\"stack\" method=\"post\" action=\"/account\">\n");
    put_csrf(&b, v ? v->csrf : NULL);
    put_language(&b, u->language);
    buf_printf(&b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n",
               _("Save my language"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}
