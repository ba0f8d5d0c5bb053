/* mod_admin.c: the admin home and the pairings page (see mod_admin.h). A POST to the pairings
 * adds one (action=add: mentor, mentee, group) or ends one (action=end: id) and goes back to
 * the page with a sentence that says what happened (POST/redirect/GET). Coordinators and admins
 * pair anyone who has the mentor permission; a mentor, within that permission, pairs only
 * themselves with a mentee and ends only their own pairings. */
#include "server/mod_admin.h"

#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/page_admin.h"
#include "server/plan_request.h"
#include "tracking/store_accounts.h"
#include "tracking/store_plans.h"

#define MAX_GROUP 80        /* characters of a group name */

static const struct store_user *find_user(const struct store_user *users, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (users[i].id == id && users[i].active) return &users[i];
    return NULL;
}

/* Whether pairing id is one of pairs (a mentor's own). */
static int has_pairing(const struct plan_pairing *pairs, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (pairs[i].id == id) return 1;
    return 0;
}

/* Adds or ends a pairing from the form. own: the viewer is a mentor who may change only the
 * pairings in pairs (their own). NULL when done (*done says which), or what to fix. */
static const char *change(struct plan_ctx *c, const struct store_user *users, size_t n, int own,
                          const struct plan_pairing *pairs, size_t npairs, const char **done,
                          char **err, int *failed)
{
    struct store *s = c->r->srv->store;
    const char *action = plan_field(c, "action");
    if (!strcmp(action, "end")) {
        int64_t id = plan_field_id(c, "id");
        if (own && !has_pairing(pairs, npairs, id)) return _("You can end only your own pairings.");
        int st = store_pairing_end(s, id, err);
        *failed = st == STORE_ERROR;
        *done = "ended";
        return st == STORE_NOT_FOUND ? _("That pairing was ended already.") : NULL;
    }
    if (strcmp(action, "add")) return _("The form could not be read. Reload the page and try again.");
    const struct store_user *mentor = find_user(users, n, own ? c->u.id : plan_field_id(c, "mentor"));
    const struct store_user *mentee = find_user(users, n, plan_field_id(c, "mentee"));
    const char *group = plan_field(c, "group");
    if (!mentor || !(mentor->roles & ROLE_MENTOR)) return _("Choose the mentor from the list.");
    if (!mentee) return _("Choose the mentee from the list.");
    if (mentor->id == mentee->id) return _("A mentor cannot be their own mentee.");
    if (strlen(group) > MAX_GROUP) return _("The group name is too long (at most 80 characters).");
    struct plan_pairing pp = {.mentor_id = mentor->id, .mentee_id = mentee->id,
                              .group_name = (char *)group, .made_by = c->u.id};
    int st = store_pairing_add(s, &pp, NULL, err);
    *failed = st == STORE_ERROR;
    *done = "added";
    return st == STORE_CONFLICT ? _("These two are paired already.") : NULL;
}

/* Admins and coordinators only; answers 403 otherwise. */
static int admin_or_coordinator(struct plan_ctx *c)
{
    if (c->u.roles & (ROLE_ADMIN | ROLE_COORDINATOR)) return 1;
    reply_error_page(c->r, MHD_HTTP_FORBIDDEN, _("Not allowed"),
                     _("Only a coordinator or an admin can open this page."));
    return 0;
}

/* Who may open the pairings: 1 for every pairing (admins, coordinators), 2 for a mentor's own;
 * 0 after answering 403. */
static int pairings_access(struct plan_ctx *c)
{
    if (c->u.roles & (ROLE_ADMIN | ROLE_COORDINATOR)) return 1;
    if (c->u.roles & ROLE_MENTOR) return 2;
    reply_error_page(c->r, MHD_HTTP_FORBIDDEN, _("Not allowed"),
                     _("Only a coordinator, an admin or a mentor can open this page."));
    return 0;
}

void mod_admin_home(struct request *r)
{
    struct plan_ctx c;
    struct store_credential *clients = NULL;
    size_t n = 0;
    char *err = NULL;
    if (!plan_ctx_begin(r, &c, "GET, HEAD") || !admin_or_coordinator(&c)) goto done;
    if ((c.u.roles & ROLE_ADMIN) &&
        store_credential_list(r->srv->store, &clients, &n, &err) != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    size_t len;
    char *html = page_admin_home(&c.page, c.u.roles, clients, n, &len);
    plan_reply_html(r, MHD_HTTP_OK, html, len);
done:
    store_credentials_free(clients, n);
    plan_ctx_free(&c);
}

void mod_pairings(struct request *r)
{
    struct plan_ctx c;
    struct store_user *users = NULL;
    struct plan_pairing *pairs = NULL;
    size_t nusers = 0, npairs = 0;
    char *err = NULL;
    int access = 0;
    if (!plan_ctx_begin(r, &c, "GET, HEAD, POST") || !(access = pairings_access(&c))) goto done;
    int own = access == 2;
    enum plan_filter which = own ? PLAN_LIST_MENTOR : PLAN_LIST_ALL;
    if (store_user_list(r->srv->store, &users, &nusers, &err) != STORE_OK ||
        store_pairing_list(r->srv->store, which, c.u.id, &pairs, &npairs, &err) != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    const char *problem = NULL;
    if (!strcmp(r->method, "POST")) {
        const char *what = NULL;
        int failed = 0;
        problem = change(&c, users, nusers, own, pairs, npairs, &what, &err, &failed);
        if (failed) {
            plan_server_error(r, err);
            goto done;
        }
        if (!problem) {
            char *loc = xasprintf("/admin/pairings?done=%s", what);
            reply_redirect(r, loc);
            free(loc);
            goto done;
        }
    }
    const char *done = request_query(r, "done");
    const char *notice = !done ? NULL : !strcmp(done, "added") ? _("The pairing is made.")
                         : !strcmp(done, "ended") ? _("The pairing is ended. Its plans stay.")
                         : NULL;
    size_t len;
    char *html = page_pairings(&c.page, users, nusers, pairs, npairs, own ? c.u.id : 0, notice,
                               problem, &len);
    plan_reply_html(r, problem ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_OK, html, len);
done:
    plan_pairings_free(pairs, npairs);
    store_users_free(users, nusers);
    plan_ctx_free(&c);
}
