/* page_account.c: the account pages: sign-in, the admin's users list and add form, one user's
 * settings, and the printable login card. Plain forms with big fields and buttons (gloves,
 * phones), one column, labels above fields, B1 wording; errors as alerts next to the form. */
#include "player/page_account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
    buf_printf(b, "<div class=\"input\"><label for=\"%s\">%s</label>", id, label);
    if (hint) buf_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", id, hint);
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
                  "<label for=\"%s\">%s <span class=\"hint\">%s</span></label></div>\n",
               name, name, checked ? " checked" : "", name, label, hint);
}

static void put_roles(struct buf *b, unsigned roles)
{
    buf_puts(b, "<fieldset><legend>Roles</legend>\n");
    for (size_t i = 0; i < AUTH_NROLES; i++) {
        char name[32], hint[96];
        snprintf(name, sizeof name, "role_%s", auth_roles[i].key);
        snprintf(hint, sizeof hint, "(%s)", auth_roles[i].hint);
        put_check(b, name, auth_roles[i].label, hint, roles & auth_roles[i].bit);
    }
    buf_puts(b, "<p class=\"hint\">Whom a mentor mentors is set on the pairings page.</p>"
                "</fieldset>\n");
}

static void roles_text(struct buf *b, unsigned roles)
{
    if (!roles) buf_puts(b, "no extra role");
    const char *sep = "";
    for (size_t i = 0; i < AUTH_NROLES; i++)
        if (roles & auth_roles[i].bit) {
            buf_printf(b, "%s%s", sep, auth_roles[i].label);
            sep = ", ";
        }
}

static void put_date(struct buf *b, int64_t t)
{
    char day[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    buf_printf(b, "<time datetime=\"%s\">%s</time>", day, day);
}

/* --- sign in ------------------------------------------------------------------------- */

char *page_login(const struct page_login *p, const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "en", "Sign in", "Sign in to Stepwise with your login card or password.", v);
    buf_puts(&b, "<h1>Sign in</h1>\n");
    put_messages(&b, p->notice, p->error);
    buf_puts(&b, "<p class=\"lead\">Scan your login card with the camera of this phone or tablet. "
                 "Or type your login name and password.</p>\n"
                 "<form class=\"stack\" method=\"post\" action=\"/login\">\n");
    put_csrf(&b, p->csrf);
    if (p->next) {
        buf_puts(&b, "<input type=\"hidden\" name=\"next\" value=\"");
        buf_put_html(&b, p->next);
        buf_puts(&b, "\">\n");
    }
    put_field(&b, "login", "Login name", "text", p->login,
              "autocomplete=\"username\" autocapitalize=\"none\" autocorrect=\"off\" "
              "spellcheck=\"false\" required", NULL);
    put_field(&b, "password", "Password", "password", NULL,
              "autocomplete=\"current-password\" required", NULL);
    buf_puts(&b, "<div class=\"actions\"><button type=\"submit\">Sign in</button></div>\n</form>\n"
                 "<p>Forgot your password or lost your card? Ask your mentor or an admin.</p>\n");
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}

char *page_card_confirm(const char *display_name, const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "en", "Sign in with your card", "Confirm to sign in with your login card.", v);
    buf_puts(&b, "<h1>Sign in as ");
    buf_put_html(&b, display_name);
    buf_puts(&b, "?</h1>\n<p class=\"lead\">You scanned the login card of ");
    buf_put_html(&b, display_name);
    buf_puts(&b, ". Tap the button to sign in.</p>\n"
                 "<form class=\"stack\" method=\"post\" action=\"/card\">\n"
                 "<div class=\"actions\"><button type=\"submit\">Sign in as ");
    buf_put_html(&b, display_name);
    buf_puts(&b, "</button></div>\n</form>\n"
                 "<p>Not your card? <a href=\"/login\">Sign in with your own password</a>.</p>\n");
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}

/* --- admin: users -------------------------------------------------------------------- */

static void put_user_item(struct buf *b, const struct store_user *u)
{
    buf_printf(b, "<li class=\"card\"><h3><a href=\"/admin/users/%lld\">", (long long)u->id);
    buf_put_html(b, u->display_name);
    buf_puts(b, "</a></h3>\n<dl class=\"facts\"><div><dt>Login name</dt><dd>");
    buf_put_html(b, u->login);
    buf_puts(b, "</dd></div><div><dt>Roles</dt><dd>");
    roles_text(b, u->roles);
    buf_puts(b, "</dd></div>");
    if (!u->active) buf_puts(b, "<div><dt>Status</dt><dd>Blocked: cannot sign in</dd></div>");
    buf_puts(b, "</dl></li>\n");
}

static void put_add_form(struct buf *b, const struct page_user_form *f, const char *csrf)
{
    buf_puts(b, "<h2 id=\"add\">Add a user</h2>\n");
    put_messages(b, NULL, f ? f->error : NULL);
    buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/admin/users\">\n");
    put_csrf(b, csrf);
    put_field(b, "display_name", "Name", "text", f ? f->display_name : NULL,
              "autocomplete=\"off\" required", "The name other people see, for example Anna de Vries.");
    put_field(b, "login", "Login name", "text", f ? f->login : NULL,
              "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\" required",
              "Small letters, digits and . _ - only, for example anna.devries.");
    put_field(b, "language", "Language", "text", f && f->language ? f->language : "en",
              "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"",
              "A language code, for example en or nl.");
    put_roles(b, f ? f->roles : 0);
    put_field(b, "password", "Password", "text", NULL, "autocomplete=\"new-password\"",
              "Leave it empty and Stepwise makes one for you.");
    buf_puts(b, "<div class=\"actions\"><button type=\"submit\">Add user</button></div>\n</form>\n");
}

char *page_admin_users(const struct store_user *users, size_t n, const struct page_user_form *form,
                       const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "en", "Users", NULL, v);
    buf_puts(&b, "<h1>Users</h1>\n<p class=\"lead\">Everyone who can sign in. Choose a name to "
                 "change roles, the password or the login card.</p>\n"
                 "<p><a class=\"button secondary\" href=\"#add\">Add a user</a></p>\n");
    buf_printf(&b, "<h2>%zu user%s</h2>\n<ul class=\"cards\">\n", n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) put_user_item(&b, &users[i]);
    buf_puts(&b, "</ul>\n");
    put_add_form(&b, form, v ? v->csrf : NULL);
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}

static void put_card_section(struct buf *b, const struct store_user *u,
                             const struct store_card *card, const char *csrf)
{
    buf_puts(b, "<h2>Login card</h2>\n");
    if (card) {
        buf_puts(b, "<p>This person has a login card, made on ");
        put_date(b, card->issued);
        buf_puts(b, ". A new card makes the old card stop working.</p>\n");
    } else {
        buf_puts(b, "<p>No login card. With a card, this person signs in by scanning it with the "
                    "camera: no password to type.</p>\n");
    }
    buf_printf(b, "<div class=\"actions\"><form method=\"post\" action=\"/admin/users/%lld/card\">",
               (long long)u->id);
    put_csrf(b, csrf);
    buf_printf(b, "<button type=\"submit\">%s</button></form>\n",
               card ? "Make a new card" : "Make a login card");
    if (card) {
        buf_printf(b, "<form method=\"post\" action=\"/admin/users/%lld/card/revoke\">",
                   (long long)u->id);
        put_csrf(b, csrf);
        buf_puts(b, "<button type=\"submit\" class=\"secondary\">Block the card</button></form>\n");
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
    page_layout_begin(&b, "en", u->display_name, NULL, v);
    buf_puts(&b, "<h1>");
    buf_put_html(&b, u->display_name);
    buf_puts(&b, "</h1>\n");
    put_messages(&b, notice, error);
    if (password) {
        buf_puts(&b, "<div class=\"notice\"><p>The password for <strong>");
        buf_put_html(&b, u->login);
        buf_puts(&b, "</strong> is <strong class=\"password\">");
        buf_put_html(&b, password);
        buf_puts(&b, "</strong></p><p>Give it to this person now: Stepwise shows it only once.</p></div>\n");
    }
    buf_printf(&b, "<h2>Details</h2>\n<form class=\"stack\" method=\"post\" action=\"/admin/users/%lld\">\n"
                   "<input type=\"hidden\" name=\"action\" value=\"save\">\n", (long long)u->id);
    put_csrf(&b, csrf);
    buf_puts(&b, "<p>Login name: <strong>");
    buf_put_html(&b, u->login);
    buf_puts(&b, "</strong></p>\n");
    put_field(&b, "display_name", "Name", "text", u->display_name, "autocomplete=\"off\" required", NULL);
    put_field(&b, "language", "Language", "text", u->language,
              "autocomplete=\"off\" autocapitalize=\"none\" spellcheck=\"false\"",
              "A language code, for example en or nl.");
    put_roles(&b, u->roles);
    put_check(&b, "active", "Can sign in", "(clear this to block the account)", u->active);
    buf_puts(&b, "<div class=\"actions\"><button type=\"submit\">Save</button></div>\n</form>\n");

    buf_printf(&b, "<h2>Password</h2>\n<form class=\"stack\" method=\"post\" action=\"/admin/users/%lld\">\n"
                   "<input type=\"hidden\" name=\"action\" value=\"password\">\n", (long long)u->id);
    put_csrf(&b, csrf);
    put_field(&b, "new_password", "New password", "text", NULL, "autocomplete=\"new-password\"",
              "Leave it empty and Stepwise makes one for you.");
    buf_puts(&b, "<div class=\"actions\"><button type=\"submit\">Set new password</button></div>\n</form>\n");
    put_card_section(&b, u, card, csrf);
    buf_puts(&b, "<p class=\"back\"><a class=\"button secondary\" href=\"/admin/users\">Back to all users</a></p>\n");
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}

/* --- the printable login card -------------------------------------------------------- */

static void put_card(struct buf *b, const struct store_user *u, const char *url)
{
    char *svg = qr_svg(url, "QR code to sign in");
    buf_puts(b, "<section class=\"login-card\" aria-labelledby=\"card-name\">\n"
                "<p class=\"card-brand\">Stepwise login card</p>\n<h2 id=\"card-name\">");
    buf_put_html(b, u->display_name);
    buf_puts(b, "</h2>\n");
    buf_puts(b, svg ? svg : "");
    buf_puts(b, "\n<ol><li>Open the camera of the phone or tablet.</li>"
                "<li>Point it at the code.</li><li>Tap the link that shows up.</li></ol>\n"
                "<p class=\"hint\">This card is your key: keep it safe. Lost it? Tell your mentor "
                "or an admin.</p>\n</section>\n");
    free(svg);
}

char *page_login_card(const struct store_user *u, const struct store_card *card, const char *url,
                      const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "en", "Login card", NULL, v);
    buf_puts(&b, "<h1 class=\"no-print\">Login card for ");
    buf_put_html(&b, u->display_name);
    buf_puts(&b, "</h1>\n");
    if (url) {
        buf_puts(&b, "<p class=\"lead no-print\">Print this page and cut out the card. The code is "
                     "shown only now: Stepwise does not keep it.</p>\n");
        put_card(&b, u, url);
        buf_puts(&b, "<details class=\"no-print\"><summary>Show the address in the code</summary>"
                     "<p>Anyone with this address can sign in as this person. Only send it to "
                     "them.</p><p><code class=\"card-url\">");
        buf_put_html(&b, url);
        buf_puts(&b, "</code></p></details>\n");
    } else {
        if (card) {
            buf_puts(&b, "<p>This person has a login card, made on ");
            put_date(&b, card->issued);
            buf_puts(&b, ". Stepwise keeps no copy of the code, so it cannot print this card again. "
                         "Make a new card to print one: the old card then stops working.</p>\n");
        } else {
            buf_puts(&b, "<p>This person has no login card yet.</p>\n");
        }
        buf_printf(&b, "<form method=\"post\" action=\"/admin/users/%lld/card\">", (long long)u->id);
        put_csrf(&b, v ? v->csrf : NULL);
        buf_printf(&b, "<button type=\"submit\">%s</button></form>\n",
                   card ? "Make a new card" : "Make a login card");
    }
    buf_printf(&b, "<p class=\"back no-print\"><a class=\"button secondary\" href=\"/admin/users/%lld\">"
                   "Back to ", (long long)u->id);
    buf_put_html(&b, u->display_name);
    buf_puts(&b, "</a></p>\n");
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}
