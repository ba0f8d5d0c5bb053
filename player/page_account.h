/* page_account.h: the account pages: sign-in, the person's own account, the admin's list of users with the form to add
 * one, one user's settings, and the printable login card. Each function returns a complete HTML
 * document (caller frees) and its length in *len. Every form carries the given CSRF token. */
#ifndef STEPWISE_PAGE_ACCOUNT_H
#define STEPWISE_PAGE_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "player/pages.h"
#include "tracking/store_accounts.h"

/* The sign-in page. Strings may be NULL. */
struct page_login {
    const char *csrf;           /* the pre-session token of the sign-in form */
    const char *login;          /* the login name to fill in again */
    const char *next;           /* a local path to go to after signing in */
    const char *error;          /* what went wrong (shown as an alert) */
    const char *notice;         /* information: signed out, signed out after a time */
};
char *page_login(const struct page_login *p, const struct page_viewer *v, size_t *len);
/* After a login card scan: "Sign in as NAME?" and a button that POSTs to /card. A scan alone
 * signs nobody in (login CSRF from other sites, card addresses left in a tablet's history). */
char *page_card_confirm(const char *display_name, const struct page_viewer *v, size_t *len);

/* /account: the signed-in person's own name and login, and the form that sets their interface
 * language (a POST to /account). notice, error: may be NULL. */
char *page_own_account(const struct store_user *u, const char *notice, const char *error,
                       const struct page_viewer *v, size_t *len);

/* The form to add a user, with what was typed when it has to be fixed. Strings may be NULL. */
struct page_user_form {
    const char *login;
    const char *display_name;
    const char *language;
    unsigned roles;
    const char *error;
};

/* /admin/users: every user (store_user_list order) and the form to add one. */
char *page_admin_users(const struct store_user *users, size_t n, const struct page_user_form *form,
                       const struct page_viewer *v, size_t *len);

/* /admin/users/ID: one user's name, language, roles and active flag, a new password, and the
 * login card (card NULL: none). notice: what was just done (may hold a new password to pass
 * on), error: what has to be fixed; both may be NULL. */
char *page_admin_user(const struct store_user *u, const struct store_card *card,
                      const char *notice, const char *password, const char *error,
                      const struct page_viewer *v, size_t *len);

/* The printable login card of u: name, the QR code of url (qr_svg) and short instructions.
 * url NULL: the card's code is not known any more (only its hash is kept): the page says when
 * the card was made (card may be NULL: no card) and offers a new one. */
char *page_login_card(const struct store_user *u, const struct store_card *card, const char *url,
                      const struct page_viewer *v, size_t *len);

#endif
