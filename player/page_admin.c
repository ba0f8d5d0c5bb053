/* page_admin.c: the admin home and the pairings page (see page_admin.h): big links to what an
 * admin does; a table of who mentors whom, then one short form to pair a mentor with a mentee.
 * Plain words for busy coordinators. */
#include "player/page_admin.h"

#include <stdio.h>
#include <stdlib.h>

#include "player/i18n.h"
#include "player/page_layout.h"
#include "server/auth.h"

static const char *name_of(const struct store_user *users, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (users[i].id == id) return users[i].display_name;
    return _("(removed user)");
}

/* The active users (with role, when not 0), but not the one with id skip. */
static void put_options(struct buf *b, const struct store_user *users, size_t n, unsigned role,
                        int64_t skip)
{
    for (size_t i = 0; i < n; i++) {
        if (!users[i].active || (role && !(users[i].roles & role)) || users[i].id == skip) continue;
        buf_printf(b, "<option value=\"%lld\">", (long long)users[i].id);
        buf_put_html(b, users[i].display_name);
        buf_puts(b, "</option>");
    }
}

static void put_table(struct buf *b, const struct plan_page_ctx *c, const struct store_user *users,
                      size_t nusers, const struct plan_pairing *pairs, size_t n)
{
    if (!n) {
        buf_printf(b, "<p class=\"empty\">%s</p>\n", _("Nobody is paired yet."));
        return;
    }
    buf_printf(b, "<table class=\"pairings\"><caption class=\"visually-hidden\">%s</caption>"
                  "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
                  "%s</th><th scope=\"col\">%s</th><th scope=\"col\"><span class=\"visually-hidden\">"
                  "%s</span></th></tr></thead><tbody>\n", _("Every pairing"),
               C_("table header", "Mentor"), C_("table header", "Mentee"),
               C_("table header", "Group"), C_("table header", "Since"),
               C_("table header", "End"));
    for (size_t i = 0; i < n; i++) {
        const struct plan_pairing *pp = &pairs[i];
        buf_puts(b, "<tr><td>");
        buf_put_html(b, name_of(users, nusers, pp->mentor_id));
        buf_puts(b, "</td><td>");
        buf_put_html(b, name_of(users, nusers, pp->mentee_id));
        buf_puts(b, "</td><td>");
        buf_put_html(b, *pp->group_name ? pp->group_name : "-");
        buf_puts(b, "</td><td>");
        page_plans_put_date(b, pp->since);
        buf_puts(b, "</td><td>");
        page_layout_form(b, "/admin/pairings", c->csrf, "inline");
        buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"end\"><input type=\"hidden\""
                      " name=\"id\" value=\"%lld\"><button type=\"submit\" class=\"secondary\">"
                      "%s<span class=\"visually-hidden\"> %s</span></button></form></td></tr>\n",
                   (long long)pp->id, C_("button", "End"),
                   /* TRANSLATORS: after the button "End", for screen readers only. */
                   _("this pairing"));
    }
    buf_puts(b, "</tbody></table>\n");
}

char *page_admin_home(const struct plan_page_ctx *c, unsigned roles,
                      const struct store_credential *clients, size_t nclients, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, C_("page title", "Admin"), NULL, c->viewer);
    buf_printf(&b, "<h1>%s</h1>\n<ul class=\"plain admin-links\">", C_("page title", "Admin"));
    if (roles & ROLE_ADMIN)
        buf_printf(&b, "<li><a class=\"button\" href=\"/admin/users\">%s</a></li>",
                   _("Users and login cards"));
    buf_printf(&b, "<li><a class=\"button\" href=\"/admin/pairings\">%s</a></li><li><a "
                   "class=\"button secondary\" href=\"/admin/plans.csv\">%s</a></li></ul>\n",
               _("Who mentors whom"), _("Plan progress for HR (CSV file)"));
    if (roles & ROLE_ADMIN) {
        buf_printf(&b, "<h2>%s</h2>\n<p>", _("xAPI clients"));
        /* TRANSLATORS: %1$s the command "stepwise xapi-client". */
        buf_printf(&b, _("Outside tools that send learning records. Add or block one on the "
                         "server with the command %1$s."), "stepwise xapi-client");
        buf_puts(&b, "</p>\n");
        if (!nclients) buf_printf(&b, "<p class=\"empty\">%s</p>\n", _("There are no xAPI clients."));
        else buf_puts(&b, "<ul class=\"plain xapi-clients\">");
        for (size_t i = 0; i < nclients; i++) {
            buf_puts(&b, "<li><strong>");
            buf_put_html(&b, clients[i].name ? clients[i].name : "");
            buf_puts(&b, "</strong> <span class=\"muted\">(");
            buf_put_html(&b, clients[i].scopes ? clients[i].scopes : "");
            /* TRANSLATORS: after an xAPI client's scopes, in brackets: it may send nothing. */
            if (clients[i].revoked) buf_printf(&b, ", %s", _("blocked"));
            buf_puts(&b, ")</span></li>");
        }
        if (nclients) buf_puts(&b, "</ul>\n");
    }
    page_layout_end(&b);
    return buf_detach(&b, len);
}

char *page_pairings(const struct plan_page_ctx *c, const struct store_user *users, size_t nusers,
                    const struct plan_pairing *pairs, size_t npairs, int64_t own_mentor,
                    const char *notice, const char *error, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, own_mentor ? _("Your mentees") : _("Pairings"), NULL, c->viewer);
    buf_printf(&b, "<h1>%s</h1>\n", own_mentor ? _("Who you mentor") : _("Who mentors whom"));
    page_layout_notice(&b, notice, 0);
    page_layout_notice(&b, error, 1);
    buf_printf(&b, "<p>%s</p>\n", own_mentor
                   ? _("You can make plans for the colleagues paired with you. Pair yourself "
                       "with a new mentee here. A coordinator sees every pairing.")
                   : _("A mentor can make plans only for the mentees paired with them. Give the "
                       "mentor permission on the users page first."));
    put_table(&b, c, users, nusers, pairs, npairs);
    buf_printf(&b, "<h2>%s</h2>\n", own_mentor ? _("Pair yourself with a mentee")
                                               : _("Pair a mentor with a mentee"));
    page_layout_form(&b, "/admin/pairings", c->csrf, "plan-form");
    buf_puts(&b, "<input type=\"hidden\" name=\"action\" value=\"add\">");
    if (!own_mentor) {
        buf_printf(&b, "<label for=\"mentor\">%s</label><select id=\"mentor\" name=\"mentor\" "
                       "required><option value=\"\">%s</option>", _("Mentor"), _("Choose the mentor"));
        put_options(&b, users, nusers, ROLE_MENTOR, 0);
        buf_puts(&b, "</select>");
    }
    buf_printf(&b, "<label for=\"mentee\">%s</label><select id=\"mentee\" "
                   "name=\"mentee\" required><option value=\"\">%s</option>", _("Mentee"),
               _("Choose the mentee"));
    put_options(&b, users, nusers, 0, own_mentor);
    buf_printf(&b, "</select><label for=\"group\">%s</label><input id=\"group\" name=\"group\" "
                   "maxlength=\"80\"><button type=\"submit\">%s</button></form>\n",
               _("Group (if the mentee learns in a group)"), _("Pair them"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}
