/* auth.h: who is signed in. Sessions live in an HttpOnly, SameSite cookie holding a random token
 * (stored hashed); every state-changing form carries a CSRF token bound to the session.
 * Implemented in server/auth.c. */
#ifndef STEPWISE_AUTH_H
#define STEPWISE_AUTH_H

#include <stdint.h>

#include "server/http.h"

/* Global roles. Mentor and mentee are roles within a plan, not global ones. */
enum user_role { ROLE_ADMIN = 1u << 0, ROLE_AUTHOR = 1u << 1 };

struct user {
    int64_t id;
    char *login;            /* unique login name */
    char *display_name;
    char *language;         /* BCP 47 tag for the interface, e.g. "en" */
    unsigned roles;         /* enum user_role bits */
};

void user_clear(struct user *u);

/* The signed-in user of this request: returns 1 and fills *out (user_clear it), or 0 when
 * nobody is signed in (no cookie, unknown or expired session). Refreshes the idle time-out. */
int auth_user(struct request *r, struct user *out);
/* Like auth_user, but when nobody is signed in it answers (a redirect to /login?next=<path>
 * for pages) and returns 0; the handler then returns at once. */
int auth_require(struct request *r, struct user *out);
/* Like auth_require, and answers 403 (friendly page) unless the user has every role in roles. */
int auth_require_role(struct request *r, unsigned roles, struct user *out);

/* The CSRF token of the request's session (to put in a hidden "csrf" form field), or NULL
 * when nobody is signed in. Valid while the request lives. */
const char *auth_csrf_token(struct request *r);
/* For POST handlers: returns 1 when the form's "csrf" value matches the session's token;
 * otherwise answers 403 with a page that says to reload the form, and returns 0. */
int auth_check_csrf(struct request *r, const char *form_value);

#endif
