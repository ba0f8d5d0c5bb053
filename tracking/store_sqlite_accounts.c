/* store_sqlite_accounts.c: users, sign-in sessions, login cards and failed sign-in attempts in
 * SQLite (the "accounts" schema). Tokens are kept only as SHA-256 hashes; the callers in
 * server/auth.c make the tokens and check expiry. Connections and transactions as in
 * store_sqlite.c: one writer under write_lock, reads from the reader pool. */
#include "tracking/store_sqlite_accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/buf.h"

static const char *const accounts_steps[] = {
    /* 1: users with global roles; sessions and login cards keyed by token hash; failed sign-in
     * attempts for rate limiting. At most one active card per user (partial unique index). */
    "CREATE TABLE users ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL,"
    "  language TEXT NOT NULL DEFAULT 'en',"
    "  roles INTEGER NOT NULL DEFAULT 0,"
    "  password_hash TEXT,"
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  created INTEGER NOT NULL);"
    "CREATE TABLE sessions ("
    "  token_hash TEXT PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  csrf TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  last_seen INTEGER NOT NULL);"
    "CREATE INDEX sessions_user ON sessions(user_id);"
    "CREATE TABLE login_cards ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  issued INTEGER NOT NULL,"
    "  revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE UNIQUE INDEX login_cards_active ON login_cards(user_id) WHERE revoked = 0;"
    "CREATE TABLE signin_failures ("
    "  key TEXT NOT NULL,"
    "  at INTEGER NOT NULL);"
    "CREATE INDEX signin_failures_key ON signin_failures(key, at);",
    /* 2: a session remembers the login card it was started with (NULL: a password), so that
     * revoking or reissuing the card ends it. */
    "ALTER TABLE sessions ADD COLUMN card_id INTEGER;",
    /* 3: the key under which the player keeps a learner's unsent statements on a device
     * (server/mod_player.c); erasing the user erases it, and with it what a device still holds. */
    "CREATE TABLE player_keys ("
    "  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,"
    "  key TEXT NOT NULL);",
    /* 4: language '' means "not chosen": the interface follows the browser (Accept-Language).
     * Until now no page read the column and every user had its default 'en', which nobody had
     * chosen, so those become ''. */
    "UPDATE users SET language = '' WHERE language = 'en';",
};

const struct sq_schema accounts_schema = {"accounts", accounts_steps,
                                          sizeof accounts_steps / sizeof *accounts_steps};

#define USER_COLUMNS "id, login, display_name, language, roles, password_hash, active, created"

static struct sqlite_store *sq(struct store *base)
{
    return (struct sqlite_store *)base;
}

/* Steps st on c: 0 for a row or done (*row says which), -1 with *err on failure. */
static int step_row(struct conn *c, sqlite3_stmt *st, int *row, char **err)
{
    int rc = sqlite3_step(st);
    *row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return 0;
    *err = sq_db_error(c->db, "database");
    return -1;
}

/* Runs a statement that returns no rows on the writer: STORE_OK, or STORE_NOT_FOUND when
 * need_change and no row changed. */
static int write_done(struct sqlite_store *s, sqlite3_stmt *st, int need_change, char **err)
{
    if (sq_step_done(s->writer, st, err) < 0) return STORE_ERROR;
    return need_change && !sqlite3_changes(s->writer->db) ? STORE_NOT_FOUND : STORE_OK;
}

/* --- users --------------------------------------------------------------------------- */

static void user_row(sqlite3_stmt *st, struct store_user *out)
{
    out->id = sqlite3_column_int64(st, 0);
    out->login = sq_column_dup(st, 1);
    out->display_name = sq_column_dup(st, 2);
    out->language = sq_column_dup(st, 3);
    out->roles = (unsigned)sqlite3_column_int64(st, 4);
    out->password_hash = sq_column_dup(st, 5);
    out->active = sqlite3_column_int(st, 6);
    out->created = sqlite3_column_int64(st, 7);
}

static int sqlite_user_add(struct store *base, const struct store_user *u, int64_t *id,
                           char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "INSERT INTO users (login, display_name, language, roles,"
                               " password_hash, active, created) VALUES (:login, :name, :lang,"
                               " :roles, :hash, :active, :created) ON CONFLICT (login) DO NOTHING",
                               err);
    if (st) {
        sq_bind(st, ":login", u->login);
        sq_bind(st, ":name", u->display_name);
        sq_bind(st, ":lang", u->language ? u->language : "");
        sq_bind_int(st, ":roles", u->roles);
        sq_bind(st, ":hash", u->password_hash);
        sq_bind_int(st, ":active", u->active);
        sq_bind_int(st, ":created", (int64_t)time(NULL));
        status = write_done(s, st, 1, err);
        if (status == STORE_NOT_FOUND) status = STORE_CONFLICT;   /* the login is taken */
        if (status == STORE_OK && id) *id = sqlite3_last_insert_rowid(s->writer->db);
    }
    return sq_write_end(s, status, err);
}

/* One user by :id or :login (the other bound NULL). */
static int user_find(struct store *base, int64_t id, const char *login, struct store_user *out,
                     char **err)
{
    struct sqlite_store *s = sq(base);
    memset(out, 0, sizeof *out);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, row;
    sqlite3_stmt *st = sq_prep(c, "SELECT " USER_COLUMNS " FROM users"
                               " WHERE id = :id OR login = :login", err);
    if (st) {
        if (login) sq_bind(st, ":login", login);
        else sq_bind_int(st, ":id", id);
        if (step_row(c, st, &row, err) == 0) {
            if (row) user_row(st, out);
            status = row ? STORE_OK : STORE_NOT_FOUND;
        }
        sqlite3_reset(st);
    }
    sq_reader_put(s, c);
    return status;
}

static int sqlite_user_get(struct store *base, int64_t id, struct store_user *out, char **err)
{
    return user_find(base, id, NULL, out, err);
}

static int sqlite_user_find_login(struct store *base, const char *login, struct store_user *out,
                                  char **err)
{
    return user_find(base, 0, login, out, err);
}

/* Runs st (prepared, bound) to its end into *out: every row a user, password_hash NULL. */
static int read_users(struct conn *c, sqlite3_stmt *st, struct store_user **out, size_t *n,
                      char **err)
{
    int rc;
    size_t room = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == room) *out = xrealloc(*out, (room = room ? room * 2 : 16) * sizeof **out);
        memset(&(*out)[*n], 0, sizeof **out);
        user_row(st, &(*out)[(*n)++]);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return STORE_OK;
    *err = sq_db_error(c->db, "database");
    store_users_free(*out, *n), *out = NULL, *n = 0;
    return STORE_ERROR;
}

static int sqlite_user_list(struct store *base, struct store_user **out, size_t *n, char **err)
{
    struct sqlite_store *s = sq(base);
    *out = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT id, login, display_name, language, roles, NULL, active,"
                               " created FROM users ORDER BY display_name COLLATE NOCASE, id", err);
    int status = st ? read_users(c, st, out, n, err) : STORE_ERROR;
    sq_reader_put(s, c);
    return status;
}

/* The ids come in as ONE bound JSON array read by json_each: a constant SQL text. */
static int sqlite_users_by_id(struct store *base, const int64_t *ids, size_t nids,
                              struct store_user **out, size_t *n, char **err)
{
    struct sqlite_store *s = sq(base);
    *out = NULL;
    *n = 0;
    if (nids == 0) return STORE_OK;
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < nids; i++) buf_printf(&b, "%c%lld", i ? ',' : '[', (long long)ids[i]);
    buf_putc(&b, ']');
    struct conn *c = sq_reader_get(s, err);
    int status = STORE_ERROR;
    sqlite3_stmt *st = c ? sq_prep(c, "SELECT id, login, display_name, language, roles, NULL,"
                                      " active, created FROM users WHERE id IN"
                                      " (SELECT value FROM json_each(:ids)) ORDER BY id", err)
                         : NULL;
    if (st) {
        sq_bind(st, ":ids", b.data);
        status = read_users(c, st, out, n, err);
    }
    if (c) sq_reader_put(s, c);
    buf_free(&b);
    return status;
}

/* Inside the caller's transaction: ends the sessions that end_sessions (a DELETE with :id)
 * picks, then revokes the user's active card. STORE_OK, or STORE_NOT_FOUND when need_card and
 * there was no active card. */
static int card_stop(struct sqlite_store *s, const char *end_sessions, int64_t user_id,
                     int64_t now, int need_card, char **err)
{
    sqlite3_stmt *st = sq_prep(s->writer, end_sessions, err);
    if (!st) return STORE_ERROR;
    sq_bind_int(st, ":id", user_id);
    if (write_done(s, st, 0, err) != STORE_OK) return STORE_ERROR;
    st = sq_prep(s->writer, "UPDATE login_cards SET revoked = :now WHERE user_id = :id"
                            " AND revoked = 0", err);
    if (!st) return STORE_ERROR;
    sq_bind_int(st, ":id", user_id);
    sq_bind_int(st, ":now", now);
    return write_done(s, st, need_card, err);
}

/* The sessions the user's active card started (revoking or reissuing a card ends them). */
#define CARD_SESSIONS "DELETE FROM sessions WHERE card_id IN (SELECT id FROM login_cards" \
                      " WHERE user_id = :id AND revoked = 0)"

/* A deactivated user keeps no way in: all their sessions end and their card stops working. */
static int shut_out(struct sqlite_store *s, int64_t user_id, char **err)
{
    return card_stop(s, "DELETE FROM sessions WHERE user_id = :id", user_id, (int64_t)time(NULL), 0,
                     err);
}

static int sqlite_user_update(struct store *base, const struct store_user *u, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "UPDATE users SET display_name = :name, language = :lang,"
                               " roles = :roles, active = :active,"
                               " password_hash = coalesce(:hash, password_hash) WHERE id = :id",
                               err);
    if (st) {
        sq_bind(st, ":name", u->display_name);
        sq_bind(st, ":lang", u->language ? u->language : "");
        sq_bind_int(st, ":roles", u->roles);
        sq_bind_int(st, ":active", u->active);
        sq_bind(st, ":hash", u->password_hash);
        sq_bind_int(st, ":id", u->id);
        status = write_done(s, st, 1, err);
    }
    if (status == STORE_OK && !u->active) status = shut_out(s, u->id, err);
    return sq_write_end(s, status, err);
}

/* --- sessions ------------------------------------------------------------------------ */

static int sqlite_session_create(struct store *base, const struct store_session *ss, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "INSERT INTO sessions (token_hash, user_id, csrf, created,"
                               " last_seen, card_id) VALUES (:hash, :user, :csrf, :created, :seen,"
                               " nullif(:card, 0))", err);
    if (st) {
        sq_bind(st, ":hash", ss->token_hash);
        sq_bind_int(st, ":user", ss->user_id);
        sq_bind_int(st, ":card", ss->card_id);
        sq_bind(st, ":csrf", ss->csrf);
        sq_bind_int(st, ":created", ss->created);
        sq_bind_int(st, ":seen", ss->last_seen);
        status = write_done(s, st, 0, err);
    }
    return sq_write_end(s, status, err);
}

static int sqlite_session_find(struct store *base, const char *token_hash,
                               struct store_session *out, char **err)
{
    struct sqlite_store *s = sq(base);
    memset(out, 0, sizeof *out);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, row;
    sqlite3_stmt *st = sq_prep(c, "SELECT token_hash, user_id, csrf, created, last_seen,"
                               " coalesce(card_id, 0) FROM sessions WHERE token_hash = :hash", err);
    if (st) {
        sq_bind(st, ":hash", token_hash);
        if (step_row(c, st, &row, err) == 0) {
            if (row) {
                snprintf(out->token_hash, sizeof out->token_hash, "%s",
                         (const char *)sqlite3_column_text(st, 0));
                out->user_id = sqlite3_column_int64(st, 1);
                snprintf(out->csrf, sizeof out->csrf, "%s", (const char *)sqlite3_column_text(st, 2));
                out->created = sqlite3_column_int64(st, 3);
                out->last_seen = sqlite3_column_int64(st, 4);
                out->card_id = sqlite3_column_int64(st, 5);
            }
            status = row ? STORE_OK : STORE_NOT_FOUND;
        }
        sqlite3_reset(st);
    }
    sq_reader_put(s, c);
    return status;
}

/* A write of one statement with :hash, :id and :now bound. */
static int write_one(struct store *base, const char *sql, const char *hash, int64_t id,
                     int64_t now, int need_change, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, sql, err);
    if (st) {
        sq_bind(st, ":hash", hash);
        sq_bind_int(st, ":id", id);
        sq_bind_int(st, ":now", now);
        status = write_done(s, st, need_change, err);
    }
    return sq_write_end(s, status, err);
}

static int sqlite_session_touch(struct store *base, const char *token_hash, int64_t now,
                                char **err)
{
    return write_one(base, "UPDATE sessions SET last_seen = :now WHERE token_hash = :hash",
                     token_hash, 0, now, 1, err);
}

static int sqlite_session_delete(struct store *base, const char *token_hash, char **err)
{
    return write_one(base, "DELETE FROM sessions WHERE token_hash = :hash", token_hash, 0, 0, 0,
                     err);
}

static int sqlite_session_delete_user(struct store *base, int64_t user_id, const char *keep_hash,
                                      char **err)
{
    return write_one(base, "DELETE FROM sessions WHERE user_id = :id AND token_hash IS NOT :hash",
                     keep_hash, user_id, 0, 0, err);
}

static int sqlite_session_purge(struct store *base, int64_t idle_before, int64_t created_before,
                                char **err)
{
    /* write_one's :now is the idle cut-off and :id the creation cut-off here. */
    return write_one(base, "DELETE FROM sessions WHERE last_seen < :now OR created < :id", NULL,
                     created_before, idle_before, 0, err);
}

/* --- login cards --------------------------------------------------------------------- */

static int sqlite_card_issue(struct store *base, int64_t user_id, const char *token_hash,
                             int64_t now, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st;
    if (card_stop(s, CARD_SESSIONS, user_id, now, 0, err) != STORE_OK) goto done;
    st = sq_prep(s->writer, "INSERT INTO login_cards (user_id, token_hash, issued)"
                            " SELECT id, :hash, :now FROM users WHERE id = :id", err);
    if (!st) goto done;
    sq_bind_int(st, ":id", user_id);
    sq_bind(st, ":hash", token_hash);
    sq_bind_int(st, ":now", now);
    status = write_done(s, st, 1, err);
done:
    return sq_write_end(s, status, err);
}

/* The active card with :hash or of :id (the other bound NULL). */
static int card_find(struct store *base, const char *token_hash, int64_t user_id,
                     struct store_card *out, char **err)
{
    struct sqlite_store *s = sq(base);
    memset(out, 0, sizeof *out);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, row;
    sqlite3_stmt *st = sq_prep(c, "SELECT id, user_id, token_hash, issued, revoked FROM login_cards"
                               " WHERE revoked = 0 AND (token_hash = :hash OR user_id = :id)", err);
    if (st) {
        if (token_hash) sq_bind(st, ":hash", token_hash);
        else sq_bind_int(st, ":id", user_id);
        if (step_row(c, st, &row, err) == 0) {
            if (row) {
                out->id = sqlite3_column_int64(st, 0);
                out->user_id = sqlite3_column_int64(st, 1);
                snprintf(out->token_hash, sizeof out->token_hash, "%s",
                         (const char *)sqlite3_column_text(st, 2));
                out->issued = sqlite3_column_int64(st, 3);
                out->revoked = sqlite3_column_int64(st, 4);
            }
            status = row ? STORE_OK : STORE_NOT_FOUND;
        }
        sqlite3_reset(st);
    }
    sq_reader_put(s, c);
    return status;
}

static int sqlite_card_find(struct store *base, const char *token_hash, struct store_card *out,
                            char **err)
{
    return card_find(base, token_hash, 0, out, err);
}

static int sqlite_card_get_user(struct store *base, int64_t user_id, struct store_card *out,
                                char **err)
{
    return card_find(base, NULL, user_id, out, err);
}

static int sqlite_card_revoke(struct store *base, int64_t user_id, int64_t now, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    return sq_write_end(s, card_stop(s, CARD_SESSIONS, user_id, now, 1, err), err);
}

/* --- failed sign-in attempts --------------------------------------------------------- */

static int sqlite_attempt_add(struct store *base, const char *key, int64_t now, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "DELETE FROM signin_failures WHERE at < :old", err);
    if (!st) goto done;
    sq_bind_int(st, ":old", now - 86400);
    if (write_done(s, st, 0, err) != STORE_OK) goto done;
    st = sq_prep(s->writer, "INSERT INTO signin_failures (key, at) VALUES (:key, :now)", err);
    if (!st) goto done;
    sq_bind(st, ":key", key);
    sq_bind_int(st, ":now", now);
    status = write_done(s, st, 0, err);
done:
    return sq_write_end(s, status, err);
}

static int sqlite_attempt_count(struct store *base, const char *key, int64_t since,
                                int64_t *count, int64_t *latest, char **err)
{
    struct sqlite_store *s = sq(base);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, row;
    sqlite3_stmt *st = sq_prep(c, "SELECT count(*), coalesce(max(at), 0) FROM signin_failures"
                               " WHERE key = :key AND at >= :since", err);
    if (st) {
        sq_bind(st, ":key", key);
        sq_bind_int(st, ":since", since);
        if (step_row(c, st, &row, err) == 0) {
            if (count) *count = sqlite3_column_int64(st, 0);
            if (latest) *latest = sqlite3_column_int64(st, 1);
            status = STORE_OK;
        }
        sqlite3_reset(st);
    }
    sq_reader_put(s, c);
    return status;
}

static int sqlite_attempt_clear(struct store *base, const char *key, char **err)
{
    struct sqlite_store *s = sq(base);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "DELETE FROM signin_failures WHERE key = :key", err);
    if (st) {
        sq_bind(st, ":key", key);
        status = write_done(s, st, 0, err);
    }
    return sq_write_end(s, status, err);
}

/* The user's player key into out, or STORE_NOT_FOUND. */
static int player_key_read(struct conn *c, int64_t user_id, char *out, char **err)
{
    int status = STORE_ERROR, row;
    sqlite3_stmt *st = sq_prep(c, "SELECT key FROM player_keys WHERE user_id = :id", err);
    if (!st) return STORE_ERROR;
    sq_bind_int(st, ":id", user_id);
    if (step_row(c, st, &row, err) == 0) {
        if (row) snprintf(out, STORE_PLAYER_KEY_LEN + 1, "%s", (const char *)sqlite3_column_text(st, 0));
        status = row ? STORE_OK : STORE_NOT_FOUND;
    }
    sqlite3_reset(st);
    return status;
}

static int sqlite_player_key(struct store *base, int64_t user_id, const char *fresh, char *out,
                             char **err)
{
    struct sqlite_store *s = sq(base);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = player_key_read(c, user_id, out, err);
    sq_reader_put(s, c);
    if (status != STORE_NOT_FOUND) return status;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "INSERT OR IGNORE INTO player_keys (user_id, key)"
                               " SELECT id, :key FROM users WHERE id = :id", err);
    status = STORE_ERROR;
    if (st) {
        sq_bind_int(st, ":id", user_id);
        sq_bind(st, ":key", fresh);
        status = write_done(s, st, 0, err);
    }
    if (status == STORE_OK) status = player_key_read(s->writer, user_id, out, err);
    return sq_write_end(s, status, err);
}

const struct store_account_ops sqlite_account_ops = {
    .user_add = sqlite_user_add,
    .user_get = sqlite_user_get,
    .user_find_login = sqlite_user_find_login,
    .user_list = sqlite_user_list,
    .users_by_id = sqlite_users_by_id,
    .user_update = sqlite_user_update,
    .session_create = sqlite_session_create,
    .session_find = sqlite_session_find,
    .session_touch = sqlite_session_touch,
    .session_delete = sqlite_session_delete,
    .session_delete_user = sqlite_session_delete_user,
    .session_purge = sqlite_session_purge,
    .card_issue = sqlite_card_issue,
    .card_find = sqlite_card_find,
    .card_get_user = sqlite_card_get_user,
    .card_revoke = sqlite_card_revoke,
    .attempt_add = sqlite_attempt_add,
    .attempt_count = sqlite_attempt_count,
    .attempt_clear = sqlite_attempt_clear,
    .player_key = sqlite_player_key,
};
