/* mod_own_account.c: /account (see mod_own_account.h). The language is a setting of the person,
 * not of the device: on a shared tablet each signed-in person gets their own, and it takes
 * effect from the next page (the reply is a redirect, answered in the new language). */
#include "server/mod_own_account.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/page_account.h"
#include "server/auth.h"
#include "server/form.h"
#include "server/form_request.h"
#include "server/server.h"
#include "tracking/store_accounts.h"

#define MAX_FIELDS 8

/* A database failure: logged; the 500 page becomes 503 or 507 when it was a locked or full
 * database (store_reply.c). */
static void server_error(struct request *r, char *err)
{
    fprintf(stderr, "stepwise: account: %s\n", err ? err : "database failure");
    free(err);
    reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                     _("The server could not do this. Please try again in a moment."));
}

static void show(struct request *r, int status, const struct store_user *u, const char *error)
{
    const char *notice = request_query(r, "saved") ? _("Your language is saved.") : NULL;
    size_t len;
    char *html = page_own_account(u, notice, error, auth_viewer(r), &len);
    reply_private(r, status, "text/html; charset=utf-8", html, len);
}

static void save(struct request *r, struct store_user *u)
{
    struct form f;
    if (form_request_read(r, MAX_FIELDS, &f) != 0) {
        form_free(&f);
        return;
    }
    if (!auth_check_csrf(r, form_get(&f, "csrf"))) {
        form_free(&f);
        return;
    }
    const char *lang = auth_language_choice(form_get(&f, "language"));
    char *err = NULL;
    if (!lang) {
        show(r, MHD_HTTP_BAD_REQUEST, u, _("Choose a language from the list."));
    } else {
        struct store_user changed = {.id = u->id, .display_name = u->display_name,
                                     .language = (char *)lang, .roles = u->roles,
                                     .active = u->active};
        if (store_user_update(r->srv->store, &changed, &err) == STORE_OK)
            reply_redirect(r, "/account?saved=1");
        else
            server_error(r, err);
    }
    form_free(&f);
}

void mod_own_account(struct request *r)
{
    struct user me;
    if (!request_allow(r, "GET, HEAD, POST") || !auth_require(r, &me)) return;
    struct store_user u;
    char *err = NULL;
    if (store_user_get(r->srv->store, me.id, &u, &err) != STORE_OK) {
        server_error(r, err);
        user_clear(&me);
        return;
    }
    if (!strcmp(r->method, "POST")) save(r, &u);
    else show(r, MHD_HTTP_OK, &u, NULL);
    store_user_clear(&u);
    user_clear(&me);
}
