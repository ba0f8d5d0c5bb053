/* page_admin.c: the admin home and the pairings page (see page_admin.h): big links to what an
 * admin does; a table of who mentors whom, then one short form to pair a mentor with a mentee.
 * Plain words for busy coordinators. */
#include "player/page_admin.h"

#include <stdio.h>
#include <stdlib.h>

#include "player/page_layout.h"
#include "server/auth.h"

static const char *name_of(const struct store_user *users, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (users[i].id == id) return users[i].display_name;
    return "(removed user)";
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
        buf_puts(b, "<p class=\"empty\">Nobody is paired yet.</p>\n");
        return;
    }
    buf_puts(b, "<table class=\"pairings\"><caption class=\"visually-hidden\">Every pairing"
                "</caption><thead><tr><th scope=\"col\">Mentor</th><th scope=\"col\">Mentee"
                "</th><th scope=\"col\">Group</th><th scope=\"col\">Since</th><th scope=\"col\">"
                "<span class=\"visually-hidden\">End</span></th></tr></thead><tbody>\n");
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
                      "End<span class=\"visually-hidden\"> this pairing</span></button></form>"
                      "</td></tr>\n", (long long)pp->id);
    }
    buf_puts(b, "</tbody></table>\n");
}

char *page_admin_home(const struct plan_page_ctx *c, unsigned roles,
                      const struct store_credential *clients, size_t nclients, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "Admin", NULL, c->viewer);
    buf_puts(&b, "<h1>Admin</h1>\n<ul class=\"plain admin-links\">");
    if (roles & ROLE_ADMIN)
        buf_puts(&b, "<li><a class=\"button\" href=\"/admin/users\">Users and login cards</a>"
                     "</li>");
    buf_puts(&b, "<li><a class=\"button\" href=\"/admin/pairings\">Who mentors whom</a></li>"
                 "<li><a class=\"button secondary\" href=\"/admin/plans.csv\">Plan progress for "
                 "HR (CSV file)</a></li></ul>\n");
    if (roles & ROLE_ADMIN) {
        buf_puts(&b, "<h2>xAPI clients</h2>\n<p>Outside tools that send learning records. Add "
                     "or block one on the server with the command stepwise xapi-client.</p>\n");
        if (!nclients) buf_puts(&b, "<p class=\"empty\">There are no xAPI clients.</p>\n");
        else buf_puts(&b, "<ul class=\"plain xapi-clients\">");
        for (size_t i = 0; i < nclients; i++) {
            buf_puts(&b, "<li><strong>");
            buf_put_html(&b, clients[i].name ? clients[i].name : "");
            buf_puts(&b, "</strong> <span class=\"muted\">(");
            buf_put_html(&b, clients[i].scopes ? clients[i].scopes : "");
            buf_puts(&b, clients[i].revoked ? ", blocked)</span></li>" : ")</span></li>");
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
    page_layout_begin(&b, own_mentor ? "Your mentees" : "Pairings", NULL, c->viewer);
    buf_puts(&b, own_mentor ? "<h1>Who you mentor</h1>\n" : "<h1>Who mentors whom</h1>\n");
    page_layout_notice(&b, notice, 0);
    page_layout_notice(&b, error, 1);
    buf_puts(&b, own_mentor
                     ? "<p>You can make plans for the colleagues paired with you. Pair yourself "
                       "with a new mentee here. A coordinator sees every pairing.</p>\n"
                     : "<p>A mentor can make plans only for the mentees paired with them. Give the "
                       "mentor permission on the users page first.</p>\n");
    put_table(&b, c, users, nusers, pairs, npairs);
    buf_puts(&b, own_mentor ? "<h2>Pair yourself with a mentee</h2>\n"
                            : "<h2>Pair a mentor with a mentee</h2>\n");
    page_layout_form(&b, "/admin/pairings", c->csrf, "plan-form");
    buf_puts(&b, "<input type=\"hidden\" name=\"action\" value=\"add\">");
    if (!own_mentor) {
        buf_puts(&b, "<label for=\"mentor\">Mentor</label><select id=\"mentor\" name=\"mentor\" "
                     "required><option value=\"\">Choose the mentor</option>");
        put_options(&b, users, nusers, ROLE_MENTOR, 0);
        buf_puts(&b, "</select>");
    }
    buf_puts(&b, "<label for=\"mentee\">Mentee</label><select id=\"mentee\" "
                 "name=\"mentee\" required><option value=\"\">Choose the mentee</option>");
    put_options(&b, users, nusers, 0, own_mentor);
    buf_puts(&b, "</select><label for=\"group\">Group (if the mentee learns in a group)</label>"
                 "<input id=\"group\" name=\"group\" maxlength=\"80\"><button type=\"submit\">"
                 "Pair them</button></form>\n");
    page_layout_end(&b);
    return buf_detach(&b, len);
}
