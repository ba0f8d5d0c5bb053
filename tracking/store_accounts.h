/* store_accounts.h: the accounts part of the store: users (global roles, password hash),
 * sign-in sessions, personal login cards and failed sign-in attempts. Tokens are never stored:
 * only their SHA-256 (hex). Filled by the SQLite backend (tracking/store_sqlite_accounts.c);
 * callers use the store_* wrappers below. Every operation returns an enum store_status (store.h);
 * only STORE_ERROR fills *err (caller frees). All times are unix seconds. */
#ifndef STEPWISE_STORE_ACCOUNTS_H
#define STEPWISE_STORE_ACCOUNTS_H

#include <stddef.h>
#include <stdint.h>

#include "tracking/store.h"

#define STORE_TOKEN_HASH_LEN 64    /* SHA-256 hex of a session or card token */
#define STORE_PLAYER_KEY_LEN 43    /* 32 random bytes, base64url without padding */

/* A user. Strings owned by the struct (store_user_clear). roles: enum user_role bits
 * (server/auth.h: ROLE_ADMIN, ROLE_AUTHOR). Mentor and mentee are roles within a plan. */
struct store_user {
    int64_t id;
    char *login;            /* unique; compared exactly (auth.c lower-cases logins) */
    char *display_name;
    char *language;         /* the interface language the person chose ("en", "nl"), or "" (NULL
                             * when adding or updating): not chosen, the browser's is used */
    unsigned roles;
    char *password_hash;    /* crypto_pwhash_str (argon2id) string, or NULL: no password
                             * (card only). NULL in store_user_list results. */
    int active;             /* 0: deactivated, cannot sign in */
    int64_t created;
};

/* A sign-in session. token_hash is the key; the cookie holds the token itself. */
struct store_session {
    char token_hash[STORE_TOKEN_HASH_LEN + 1];
    int64_t user_id;
    char csrf[64];          /* the session's CSRF token (random, base64url) */
    int64_t created;
    int64_t last_seen;      /* for the idle time-out */
    int64_t card_id;        /* the login card it was started with, 0 for a password */
};

/* A personal login card. At most one active card per user. */
struct store_card {
    int64_t id;
    int64_t user_id;
    char token_hash[STORE_TOKEN_HASH_LEN + 1];
    int64_t issued;
    int64_t revoked;        /* 0 while active, else when it was revoked */
};

struct store_account_ops {
    int (*user_add)(struct store *s, const struct store_user *u, int64_t *id, char **err);
    int (*user_get)(struct store *s, int64_t id, struct store_user *out, char **err);
    int (*user_find_login)(struct store *s, const char *login, struct store_user *out,
                           char **err);
    int (*user_list)(struct store *s, struct store_user **out, size_t *n, char **err);
    int (*users_by_id)(struct store *s, const int64_t *ids, size_t nids, struct store_user **out,
                       size_t *n, char **err);
    int (*user_update)(struct store *s, const struct store_user *u, char **err);
    int (*session_create)(struct store *s, const struct store_session *ss, char **err);
    int (*session_find)(struct store *s, const char *token_hash, struct store_session *out,
                        char **err);
    int (*session_touch)(struct store *s, const char *token_hash, int64_t now, char **err);
    int (*session_delete)(struct store *s, const char *token_hash, char **err);
    int (*session_delete_user)(struct store *s, int64_t user_id, const char *keep_hash,
                               char **err);
    int (*session_purge)(struct store *s, int64_t idle_before, int64_t created_before,
                         char **err);
    int (*card_issue)(struct store *s, int64_t user_id, const char *token_hash, int64_t now,
                      char **err);
    int (*card_find)(struct store *s, const char *token_hash, struct store_card *out,
                     char **err);
    int (*card_get_user)(struct store *s, int64_t user_id, struct store_card *out, char **err);
    int (*card_revoke)(struct store *s, int64_t user_id, int64_t now, char **err);
    int (*attempt_add)(struct store *s, const char *key, int64_t now, char **err);
    int (*attempt_count)(struct store *s, const char *key, int64_t since, int64_t *count,
                         int64_t *latest, char **err);
    int (*attempt_clear)(struct store *s, const char *key, char **err);
    int (*player_key)(struct store *s, int64_t user_id, const char *fresh, char *out, char **err);
};

/* --- users --------------------------------------------------------------------------- */

/* Adds u (id and created are ignored; created is set to now). *id: the new user's id (id may
 * be NULL). STORE_CONFLICT when the login is taken. */
static inline int store_user_add(struct store *s, const struct store_user *u, int64_t *id,
                                 char **err)
{ return s->accounts->user_add(s, u, id, err); }

/* Fills out (store_user_clear it), inactive users included, or STORE_NOT_FOUND. */
static inline int store_user_get(struct store *s, int64_t id, struct store_user *out,
                                 char **err)
{ return s->accounts->user_get(s, id, out, err); }
static inline int store_user_find_login(struct store *s, const char *login,
                                        struct store_user *out, char **err)
{ return s->accounts->user_find_login(s, login, out, err); }

/* Every user ordered by display name, inactive ones included, password_hash NULL. *out: array
 * of n users, free with store_users_free. */
static inline int store_user_list(struct store *s, struct store_user **out, size_t *n,
                                  char **err)
{ return s->accounts->user_list(s, out, n, err); }
/* The users whose ids are among ids (nids of them, repeats allowed; an id of nobody is left
 * out), ordered by id, inactive ones included, password_hash NULL: the people a page names,
 * without reading every user. *out: array of n users, free with store_users_free. */
static inline int store_users_by_id(struct store *s, const int64_t *ids, size_t nids,
                                    struct store_user **out, size_t *n, char **err)
{ return s->accounts->users_by_id(s, ids, nids, out, n, err); }

/* Updates user u->id: display_name, language, roles, active, and password_hash when it is not
 * NULL (NULL keeps the password). login and created are not changed. Deactivating (active 0)
 * also ends the user's sessions and revokes their login card, in the same transaction.
 * STORE_NOT_FOUND when there is no such user. */
static inline int store_user_update(struct store *s, const struct store_user *u, char **err)
{ return s->accounts->user_update(s, u, err); }

/* --- sessions ------------------------------------------------------------------------ */

static inline int store_session_create(struct store *s, const struct store_session *ss,
                                       char **err)
{ return s->accounts->session_create(s, ss, err); }
/* Fills out or STORE_NOT_FOUND. Does not check expiry: the caller (server/auth.c) does. */
static inline int store_session_find(struct store *s, const char *token_hash,
                                     struct store_session *out, char **err)
{ return s->accounts->session_find(s, token_hash, out, err); }
/* Sets last_seen = now. STORE_NOT_FOUND when the session is gone. */
static inline int store_session_touch(struct store *s, const char *token_hash, int64_t now,
                                      char **err)
{ return s->accounts->session_touch(s, token_hash, now, err); }
/* STORE_OK also when the session did not exist. */
static inline int store_session_delete(struct store *s, const char *token_hash, char **err)
{ return s->accounts->session_delete(s, token_hash, err); }
/* Ends every session of user_id but the one with keep_hash (NULL: every one). */
static inline int store_session_delete_user(struct store *s, int64_t user_id,
                                            const char *keep_hash, char **err)
{ return s->accounts->session_delete_user(s, user_id, keep_hash, err); }
/* Deletes sessions last seen before idle_before or created before created_before. */
static inline int store_session_purge(struct store *s, int64_t idle_before,
                                      int64_t created_before, char **err)
{ return s->accounts->session_purge(s, idle_before, created_before, err); }

/* --- login cards --------------------------------------------------------------------- */

/* Issues a new card for user_id: revokes the user's active card (if any), ends the sessions
 * that card started, and stores the new one, in one transaction. STORE_NOT_FOUND when there is
 * no such user. */
static inline int store_card_issue(struct store *s, int64_t user_id, const char *token_hash,
                                   int64_t now, char **err)
{ return s->accounts->card_issue(s, user_id, token_hash, now, err); }
/* The ACTIVE card with this token hash, or STORE_NOT_FOUND (also when revoked). */
static inline int store_card_find(struct store *s, const char *token_hash,
                                  struct store_card *out, char **err)
{ return s->accounts->card_find(s, token_hash, out, err); }
/* The user's active card, or STORE_NOT_FOUND when they have none. */
static inline int store_card_get_user(struct store *s, int64_t user_id, struct store_card *out,
                                      char **err)
{ return s->accounts->card_get_user(s, user_id, out, err); }
/* Revokes the user's active card and ends the sessions it started; STORE_NOT_FOUND when they
 * have none. */
static inline int store_card_revoke(struct store *s, int64_t user_id, int64_t now, char **err)
{ return s->accounts->card_revoke(s, user_id, now, err); }

/* --- failed sign-in attempts (rate limiting) ----------------------------------------- */

/* Records a failed attempt under key (e.g. "login:anna" or "addr:127.0.0.1"). Records older
 * than a day are dropped on the way. */
static inline int store_attempt_add(struct store *s, const char *key, int64_t now, char **err)
{ return s->accounts->attempt_add(s, key, now, err); }
/* *count: failures under key at or after since; *latest: the time of the latest of them (0
 * when none). Either pointer may be NULL. */
static inline int store_attempt_count(struct store *s, const char *key, int64_t since,
                                      int64_t *count, int64_t *latest, char **err)
{ return s->accounts->attempt_count(s, key, since, count, latest, err); }
/* Forgets key's failures (after a successful sign-in). */
static inline int store_attempt_clear(struct store *s, const char *key, char **err)
{ return s->accounts->attempt_clear(s, key, err); }

/* Freeing helpers (backend-independent, in tracking/store_accounts.c). */
void store_user_clear(struct store_user *u);
void store_users_free(struct store_user *list, size_t n);

/* --- the player's key ---------------------------------------------------------------- */

/* The key (STORE_PLAYER_KEY_LEN characters) under which the player keeps user_id's unsent
 * statements on a device, into out (STORE_PLAYER_KEY_LEN + 1 bytes): the stored one, or fresh
 * (a new random key) stored now when the user has none. STORE_NOT_FOUND when there is no such
 * user. */
static inline int store_player_key(struct store *s, int64_t user_id, const char *fresh,
                                   char *out, char **err)
{ return s->accounts->player_key(s, user_id, fresh, out, err); }

#endif
