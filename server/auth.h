/* auth.h: who is signed in. Sessions live in an HttpOnly, SameSite cookie holding a random token
 * (stored hashed); every state-changing form carries a CSRF token bound to the session.
 * Also passwords (argon2id), login cards and the xAPI agent of a user. Implemented in
 * server/auth.c. */
#ifndef STEPWISE_AUTH_H
#define STEPWISE_AUTH_H

#include <stdint.h>
#include <jansson.h>

#include "server/http.h"
#include "tracking/store.h"

/* Global roles and permissions. Mentor is a permission an admin or coordinator gives (any
 * colleague can have it: reverse mentoring); whom a mentor mentors is set by pairings
 * (store_pairing_*). Mentee is nobody's role: it is a part within a plan. */
enum user_role { ROLE_ADMIN = 1u << 0, ROLE_AUTHOR = 1u << 1, ROLE_MENTOR = 1u << 2,
                 ROLE_COORDINATOR = 1u << 3 };

/* Every role with its name in forms and the CLI ("admin"), its label and what it allows. */
struct auth_role {
    unsigned bit;
    const char *key;
    const char *label;
    const char *hint;
};
#define AUTH_NROLES 4
extern const struct auth_role auth_roles[AUTH_NROLES];

/* The session cookie's name. */
#define AUTH_COOKIE "stepwise_session"

struct user {
    int64_t id;
    char *login;            /* unique login name */
    char *display_name;
    char *language;         /* the interface language the person chose ("nl"), "" when none */
    unsigned roles;         /* enum user_role bits */
};

void user_clear(struct user *u);

/* The signed-in user of this request: returns 1 and fills *out (user_clear it), or 0 when
 * nobody is signed in (no cookie, unknown or expired session, deactivated user). Refreshes the
 * idle time-out. The session is looked up once per request and remembered. */
int auth_user(struct request *r, struct user *out);
/* Like auth_user, but when nobody is signed in it answers (a redirect to /login?next=<path>
 * for pages) and returns 0; the handler then returns at once. */
int auth_require(struct request *r, struct user *out);
/* Like auth_require, and answers 403 (friendly page) unless the user has every role in roles. */
int auth_require_role(struct request *r, unsigned roles, struct user *out);
/* Where a person lands after signing in: admins and coordinators on the admin home, mentors
 * on their dashboard, authors on the author page, everyone else (mentees) on My plan. */
const char *auth_landing(unsigned roles);
/* Like auth_require_role, but one of the roles in any is enough. */
int auth_require_any_role(struct request *r, unsigned any, struct user *out);

/* The CSRF token of the request's session (to put in a hidden "csrf" form field), or NULL
 * when nobody is signed in. Valid while the request lives. */
const char *auth_csrf_token(struct request *r);
/* For POST handlers: returns 1 when the form's "csrf" value matches the session's token;
 * otherwise answers 403 with a page that says to reload the form, and returns 0. */
int auth_check_csrf(struct request *r, const char *form_value);

/* For requests that send their CSRF token in an X-CSRF-Token header (scripts): 1 when it
 * matches the session's token, else 0. Answers nothing. */
int auth_check_header_csrf(struct request *r);

/* What the page frame shows of the signed-in user (name, log-out form), or NULL when nobody
 * is signed in. Points into the request: valid while the request lives. */
struct page_viewer;
const struct page_viewer *auth_viewer(struct request *r);
/* The interface language the signed-in user chose ("nl"), or NULL when nobody is signed in or
 * they chose none. Valid while the request lives. */
const char *auth_language(struct request *r);

/* Frees what the request remembered about its session (http.c calls it when the request ends). */
void auth_request_done(struct request *r);

/* --- sessions (server/mod_account.c) ------------------------------------------------ */

/* Starts a session for user_id (a fresh random token; the CSRF token with it), signed in with
 * login card card_id (0: a password), so that revoking the card ends it. Returns the
 * Set-Cookie header value to add to the reply (caller frees), or NULL with *err. */
char *auth_session_start(struct request *r, int64_t user_id, int64_t card_id, char **err);
/* Ends every session of user_id except the request's own (after a password change: a finder of
 * a lost phone is signed out, the person changing it is not). A store status. */
int auth_sessions_end_others(struct request *r, int64_t user_id, char **err);
/* Ends the request's session (if any). Returns the Set-Cookie value that clears the cookie
 * (caller frees). */
char *auth_session_end(struct request *r);
/* 1 when the request carried a session cookie that is no longer valid (expired or ended). */
int auth_session_expired(struct request *r);
/* A Set-Cookie value: HttpOnly, the SameSite given ("Lax", "Strict"), Secure when the public URL
 * is https; Max-Age only when max_age >= 0 (else a cookie that ends with the browser). Caller
 * frees. */
char *auth_cookie(const struct request *r, const char *name, const char *value, const char *path,
                  const char *same_site, int max_age);

/* Sign-in rate limiting with growing delays: failed attempts are recorded per key
 * ("pair:NAME ADDRESS" for one login name from one address, "addr:ADDRESS" over all names) with
 * store_attempt_add and remembered for AUTH_ATTEMPT_MEMORY seconds. A key with n >= max
 * failures waits delay * 2^(n - max) seconds (at most AUTH_DELAY_MAX) after its latest one.
 * Returns 0 when key may try now, the unix time from which it may try again, or -1 with *err. */
#define AUTH_ATTEMPT_MEMORY 86400
#define AUTH_DELAY_MAX 3600
int64_t auth_attempts_blocked(struct store *s, const char *key, unsigned max, unsigned delay,
                              int64_t now, char **err);

/* --- passwords, users, cards (admin pages, CLI, demo seeding) ------------------------- */

/* argon2id (crypto_pwhash_str, interactive limits). Returns the hash string (caller frees), or
 * NULL when out of memory. */
char *auth_password_hash(const char *password);
/* 1 when password matches hash (a crypto_pwhash_str string); 0 otherwise (also for hash NULL,
 * which takes as long as a real check so that unknown logins are not revealed by timing). */
int auth_password_check(const char *hash, const char *password);
/* A random password of 4 groups of 4 small letters joined by '-' ("bako-time-..."; about 50
 * bits), easy to read aloud and type on a phone (caller frees). */
char *auth_password_generate(void);
/* NULL when login is a usable login name (1-64 of a-z 0-9 . _ -, starting with a letter or
 * digit), else a message saying what to change. */
const char *auth_login_problem(const char *login);
/* Lower-cases login in place (phones capitalise the first letter of a field). */
void auth_login_normalize(char *login);

/* Creates a user (login is normalized first). password may be NULL (card-only user); language
 * NULL or "" means not chosen (the interface follows the browser). Returns
 * STORE_OK (*id set; id may be NULL), STORE_CONFLICT when the login is taken, or STORE_ERROR
 * with *err (also for an unusable login or an empty display name). */
int auth_user_create(struct store *s, const char *login, const char *display_name,
                     const char *language, unsigned roles, const char *password, int64_t *id,
                     char **err);

/* The stored form of an interface language chosen in a form or option: "" for none (value NULL
 * or ""), the built-in language's own tag ("nl" for "nl-BE"), or NULL when value names no
 * built-in language. */
const char *auth_language_choice(const char *value);

/* Issues (or reissues: the old card stops working) a login card for user_id. On STORE_OK,
 * *token (caller frees) is the card's secret: put it in auth_card_url. Only its hash is kept,
 * so the card can be printed only now. */
int auth_card_issue(struct store *s, int64_t user_id, char **token, char **err);
/* "<public_url>/card/<token>", what the card's QR code holds (caller frees). */
char *auth_card_url(const char *public_url, const char *token);

/* A random token: 32 bytes from libsodium as unpadded base64url (43 characters). */
void auth_random_token(char out[64]);
/* SHA-256 hex of a token, as stored. */
void auth_token_hash(const char *token, char out[65]);

/* The xAPI agent of a user: {"objectType":"Agent","account":{"homePage":public_url,
 * "name":login}}. Caller decrefs. */
json_t *auth_agent_for_login(const char *public_url, const char *login);

#endif
