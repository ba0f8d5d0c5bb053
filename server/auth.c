/* auth.c: who is signed in. A session is a random 32-byte token in the stepwise_session cookie
 * (HttpOnly, SameSite=Lax, Secure under https); the store keeps only its SHA-256 with the user,
 * the session's CSRF token and two times for the idle and absolute time-outs. Also passwords
 * (argon2id), login cards, sign-in rate limiting and the xAPI agent of a user. */
#include "server/auth.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "player/i18n.h"
#include "player/page_resume.h"
#include "player/pages.h"
#include "server/buf.h"
#include "server/resume.h"
#include "server/server.h"
#include "tracking/store_accounts.h"

#define TOKEN_BYTES 32

/* What one request knows about its session, looked up on first use (http.h: request.auth). */
struct auth_state {
    int signed_in;
    int expired;                /* a session cookie came, but its session is gone or timed out */
    int64_t expired_user;       /* whose timed-out session it was, 0 when unknown */
    struct user user;
    char token_hash[65];
    char csrf[64];
    struct page_viewer viewer;
};

/* Labels and hints are marked for the catalogue; pages look them up with C_("role", ...) and _(). */
const struct auth_role auth_roles[AUTH_NROLES] = {
    {ROLE_ADMIN, "admin", NC_("role", "Admin"), N_("adds users, login cards and pairings")},
    {ROLE_COORDINATOR, "coordinator", NC_("role", "Coordinator"),
     N_("pairs mentors with mentees, exports plan progress")},
    {ROLE_MENTOR, "mentor", NC_("role", "Mentor"), N_("may make plans for the mentees paired with them")},
    {ROLE_AUTHOR, "author", NC_("role", "Author"), N_("writes lessons")},
};

void user_clear(struct user *u)
{
    if (!u) return;
    free(u->login);
    free(u->display_name);
    free(u->language);
    memset(u, 0, sizeof *u);
}

static void user_copy(struct user *dst, const struct user *src)
{
    dst->id = src->id;
    dst->login = xstrdup(src->login);
    dst->display_name = xstrdup(src->display_name);
    dst->language = xstrdup(src->language);
    dst->roles = src->roles;
}

void auth_random_token(char out[64])
{
    unsigned char raw[TOKEN_BYTES];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, 64, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

void auth_token_hash(const char *token, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

static void log_store_error(const char *what, char *err)
{
    fprintf(stderr, "stepwise: auth: %s: %s\n", what, err ? err : "database failure");
    free(err);
}

/* --- the request's session ----------------------------------------------------------- */

/* Refreshing last_seen costs a write, so it is done at most once a minute (and at every
 * request when the idle time-out is short). The idle time-out is thus exact to that much. */
static int64_t touch_interval(unsigned idle)
{
    return idle / 4 < 60 ? idle / 4 : 60;
}

static void lookup(struct request *r, struct auth_state *a)
{
    const char *token = request_cookie(r, AUTH_COOKIE);
    if (!token || !*token) return;
    struct store *s = r->srv->store;
    const struct config *cfg = &r->srv->cfg;
    char *err = NULL;
    struct store_session ss;
    struct store_user u = {0};
    auth_token_hash(token, a->token_hash);
    /* A database failure signs nobody in for this request, but ends no session either. */
    int st = store_session_find(s, a->token_hash, &ss, &err);
    if (st == STORE_ERROR) {
        log_store_error("session", err);
        return;
    }
    a->expired = 1;
    if (st == STORE_NOT_FOUND) return;
    int64_t now = (int64_t)time(NULL);
    int fresh = now - ss.last_seen <= (int64_t)cfg->session_idle_seconds &&
                now - ss.created <= (int64_t)cfg->session_max_seconds;
    if (fresh) {
        st = store_user_get(s, ss.user_id, &u, &err);
        if (st == STORE_ERROR) {
            log_store_error("session user", err);
            a->expired = 0;
            return;
        }
        fresh = st == STORE_OK && u.active;
    }
    if (!fresh) {
        a->expired_user = ss.user_id;
        if (store_session_delete(s, a->token_hash, &err) != STORE_OK) log_store_error("session", err);
        store_user_clear(&u);
        return;
    }
    if (now - ss.last_seen >= touch_interval(cfg->session_idle_seconds) &&
        store_session_touch(s, a->token_hash, now, &err) == STORE_ERROR)
        log_store_error("session touch", err);
    a->signed_in = 1;
    a->expired = 0;
    a->user = (struct user){u.id, u.login, u.display_name, u.language, u.roles};
    u.login = u.display_name = u.language = NULL;   /* moved into a->user */
    store_user_clear(&u);
    snprintf(a->csrf, sizeof a->csrf, "%s", ss.csrf);
    a->viewer = (struct page_viewer){a->user.display_name, a->csrf, a->user.roles};
}

static struct auth_state *state(struct request *r)
{
    if (!r->auth) {
        r->auth = xcalloc(1, sizeof *r->auth);
        if (r->srv && r->srv->store) lookup(r, r->auth);
    }
    return r->auth;
}

void auth_request_done(struct request *r)
{
    if (!r->auth) return;
    user_clear(&r->auth->user);
    sodium_memzero(r->auth, sizeof *r->auth);
    free(r->auth);
    r->auth = NULL;
}

int auth_user(struct request *r, struct user *out)
{
    struct auth_state *a = state(r);
    if (!a->signed_in) return 0;
    user_copy(out, &a->user);
    return 1;
}

int auth_session_expired(struct request *r)
{
    return state(r)->expired;
}

const char *auth_csrf_token(struct request *r)
{
    struct auth_state *a = state(r);
    return a->signed_in ? a->csrf : NULL;
}

const struct page_viewer *auth_viewer(struct request *r)
{
    struct auth_state *a = state(r);
    return a->signed_in ? &a->viewer : NULL;
}

const char *auth_language(struct request *r)
{
    struct auth_state *a = state(r);
    return a->signed_in && a->user.language && *a->user.language ? a->user.language : NULL;
}

/* The path of the page a form was sent from (its Referer, when that is this site), or "/". */
static void referring_page(struct request *r, struct buf *out)
{
    const char *ref = request_header(r, "Referer"), *host = request_header(r, "Host");
    const char *p = ref ? strstr(ref, "://") : NULL;
    size_t n = host ? strlen(host) : 0;
    if (p && n && !strncmp(p + 3, host, n) && p[3 + n] == '/') buf_put_url_segment(out, p + 3 + n);
    else buf_puts(out, "%2F");
}

/* 303 to /login?next=<path>[&expired=1]. A form sent with a session that timed out is kept
 * (resume.h) and done from /resume after signing in; one that cannot be kept leads back to
 * the page it came from, with a message that it was not saved. Never to the form's address
 * itself: it may not answer a GET. */
static void redirect_to_login(struct request *r)
{
    struct auth_state *a = state(r);
    struct buf loc;
    buf_init(&loc);
    buf_puts(&loc, "/login?next=");
    char *kept = NULL;
    if (strcmp(r->method, "POST")) {
        buf_put_url_segment(&loc, r->path);
    } else if (a->expired &&
               (kept = resume_encode(r->path, r->body.data, r->body.len, a->expired_user))) {
        buf_puts(&loc, "%2Fresume");
    } else {
        referring_page(r, &loc);
        buf_puts(&loc, "&unsaved=1");
    }
    if (a->expired) buf_puts(&loc, "&expired=1");
    reply_redirect(r, loc.data);
    if (kept) {
        char *cookie = auth_cookie(r, RESUME_COOKIE, kept, "/", "Lax",
                                   (int)r->srv->cfg.session_idle_seconds);
        reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
        free(cookie);
    }
    free(kept);
    buf_free(&loc);
}

const char *auth_landing(unsigned roles)
{
    if (roles & (ROLE_ADMIN | ROLE_COORDINATOR)) return "/admin";
    if (roles & ROLE_MENTOR) return "/mentor";
    if (roles & ROLE_AUTHOR) return "/author";
    return "/plan";
}

int auth_require(struct request *r, struct user *out)
{
    if (auth_user(r, out)) return 1;
    redirect_to_login(r);
    return 0;
}

static int refuse_role(struct request *r, struct user *out)
{
    user_clear(out);
    reply_error_page(r, MHD_HTTP_FORBIDDEN, _("Not allowed"),
                     _("Your account cannot open this page. If you need it, ask an admin."));
    return 0;
}

int auth_require_role(struct request *r, unsigned roles, struct user *out)
{
    if (!auth_require(r, out)) return 0;
    return (out->roles & roles) == roles ? 1 : refuse_role(r, out);
}

int auth_require_any_role(struct request *r, unsigned any, struct user *out)
{
    if (!auth_require(r, out)) return 0;
    return out->roles & any ? 1 : refuse_role(r, out);
}

/* Constant-time comparison of two tokens (lengths are not secret). */
static int tokens_equal(const char *a, const char *b)
{
    size_t n = strlen(a);
    return n > 0 && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

/* A form older than the session (its token is another's): shown again filled in, to be sent
 * with a tap, since a signed-in POST comes from this site (the cookie is SameSite). */
static int resend_page(struct request *r)
{
    struct resume kept = {0};
    char *value = resume_encode(r->path, r->body.data, r->body.len, 0);
    if (!value || resume_decode(value, &kept) < 0) {
        free(value);
        return 0;
    }
    size_t len;
    char *html = page_resume(auth_viewer(r), auth_csrf_token(r), kept.path, &kept.form, 0, 0, &len);
    reply(r, MHD_HTTP_FORBIDDEN, "text/html; charset=utf-8", html, len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    resume_free(&kept);
    free(value);
    return 1;
}

int auth_check_csrf(struct request *r, const char *form_value)
{
    const char *mine = auth_csrf_token(r);
    if (mine && form_value && tokens_equal(mine, form_value)) return 1;
    if (mine && form_value && *form_value && resend_page(r)) return 0;
    reply_error_page(r, MHD_HTTP_FORBIDDEN, _("Form too old"),
                     _("This form is too old or did not come from Stepwise, so nothing was saved. "
                       "Go back, reload the page and try again."));
    return 0;
}

int auth_check_header_csrf(struct request *r)
{
    const char *mine = auth_csrf_token(r), *sent = request_header(r, "X-CSRF-Token");
    return mine && sent && tokens_equal(mine, sent);
}

/* --- starting and ending sessions ---------------------------------------------------- */

static int secure_cookies(const struct request *r)
{
    const char *url = r->srv->cfg.public_url;
    return url && !strncmp(url, "https://", 8);
}

char *auth_cookie(const struct request *r, const char *name, const char *value, const char *path,
                  const char *same_site, int max_age)
{
    char age[32] = "";
    if (max_age >= 0) snprintf(age, sizeof age, "; Max-Age=%d", max_age);
    return xasprintf("%s=%s; Path=%s; HttpOnly; SameSite=%s%s%s", name, value, path, same_site,
                     age, secure_cookies(r) ? "; Secure" : "");
}

char *auth_session_start(struct request *r, int64_t user_id, int64_t card_id, char **err)
{
    struct store *s = r->srv->store;
    const struct config *cfg = &r->srv->cfg;
    struct auth_state *a = state(r);
    /* Switching user on a shared tablet: the old session ends, never carries over. */
    if (a->token_hash[0]) {
        char *e = NULL;
        if (store_session_delete(s, a->token_hash, &e) != STORE_OK) log_store_error("session", e);
    }
    char token[64];
    struct store_session ss = {.user_id = user_id, .card_id = card_id};
    auth_random_token(token);
    auth_random_token(ss.csrf);
    auth_token_hash(token, ss.token_hash);
    ss.created = ss.last_seen = (int64_t)time(NULL);
    char *e = NULL;
    if (store_session_purge(s, ss.created - cfg->session_idle_seconds,
                            ss.created - cfg->session_max_seconds, &e) != STORE_OK)
        log_store_error("session purge", e);
    if (store_session_create(s, &ss, err) != STORE_OK) return NULL;
    char *cookie = auth_cookie(r, AUTH_COOKIE, token, "/", "Lax", -1);
    sodium_memzero(token, sizeof token);
    return cookie;
}

char *auth_session_end(struct request *r)
{
    struct auth_state *a = state(r);
    if (a->token_hash[0]) {
        char *err = NULL;
        if (store_session_delete(r->srv->store, a->token_hash, &err) != STORE_OK)
            log_store_error("session", err);
    }
    return auth_cookie(r, AUTH_COOKIE, "", "/", "Lax", 0);
}

int auth_sessions_end_others(struct request *r, int64_t user_id, char **err)
{
    struct auth_state *a = state(r);
    return store_session_delete_user(r->srv->store, user_id, a->token_hash[0] ? a->token_hash : NULL,
                                     err);
}

/* --- sign-in rate limiting ----------------------------------------------------------- */

int64_t auth_attempts_blocked(struct store *s, const char *key, unsigned max, unsigned delay,
                              int64_t now, char **err)
{
    int64_t count = 0, latest = 0;
    if (store_attempt_count(s, key, now - AUTH_ATTEMPT_MEMORY, &count, &latest, err) != STORE_OK)
        return -1;
    if (count < (int64_t)max) return 0;
    int64_t wait = delay;
    for (int64_t i = max; i < count && wait < AUTH_DELAY_MAX; i++) wait *= 2;
    if (wait > AUTH_DELAY_MAX) wait = AUTH_DELAY_MAX;
    return latest + wait > now ? latest + wait : 0;
}

/* --- passwords ----------------------------------------------------------------------- */

char *auth_password_hash(const char *password)
{
    char *out = xmalloc(crypto_pwhash_STRBYTES);
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0)
        return out;
    free(out);
    return NULL;
}

/* A hash of nothing anybody knows, checked against when the login does not exist, so that the
 * answer takes as long as for a real user. */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
    char pw[64];
    auth_random_token(pw);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy_hash[0] = '\0';
}

int auth_password_check(const char *hash, const char *password)
{
    if (!password) password = "";
    if (!hash) {
        pthread_once(&dummy_once, dummy_init);
        /* Only the work counts: matching a password nobody knows signs nobody in. */
        volatile int ignored = dummy_hash[0] ? crypto_pwhash_str_verify(dummy_hash, password,
                                                                        strlen(password)) : 0;
        (void)ignored;
        return 0;
    }
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

char *auth_password_generate(void)
{
    /* Letters that cannot be mistaken for each other or for digits on a small screen. */
    static const char consonants[] = "bdfghjkmnprstvwz";
    static const char vowels[] = "aeiou";
    struct buf b;
    buf_init(&b);
    for (int group = 0; group < 4; group++) {
        if (group) buf_putc(&b, '-');
        for (int i = 0; i < 2; i++) {
            buf_putc(&b, consonants[randombytes_uniform(sizeof consonants - 1)]);
            buf_putc(&b, vowels[randombytes_uniform(sizeof vowels - 1)]);
        }
    }
    return buf_detach(&b, NULL);
}

/* --- users and cards ----------------------------------------------------------------- */

const char *auth_login_problem(const char *login)
{
    size_t n = login ? strlen(login) : 0;
    if (n == 0) return _("Enter a login name.");
    if (n > 64) return _("A login name can have at most 64 characters.");
    if (!isalnum((unsigned char)login[0]) || isupper((unsigned char)login[0]))
        return _("A login name starts with a small letter or a digit.");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)login[i];
        if (!(islower(c) || isdigit(c) || c == '.' || c == '_' || c == '-'))
            return _("A login name can only have small letters (a-z), digits and . _ -");
    }
    return NULL;
}

void auth_login_normalize(char *login)
{
    for (char *p = login; *p; p++) *p = (char)tolower((unsigned char)*p);
}

const char *auth_language_choice(const char *value)
{
    if (!value || !*value) return "";
    const struct i18n_lang *l = i18n_find(value);
    return l ? i18n_tag(l) : NULL;
}

int auth_user_create(struct store *s, const char *login, const char *display_name,
                     const char *language, unsigned roles, const char *password, int64_t *id,
                     char **err)
{
    char *name = xstrdup(login ? login : "");
    auth_login_normalize(name);
    struct store_user u = {.login = name, .display_name = (char *)display_name,
                           .language = (char *)(language ? language : ""),
                           .roles = roles, .active = 1};
    int status = STORE_ERROR;
    const char *problem = auth_login_problem(name);
    if (problem) {
        *err = xstrdup(problem);
        goto done;
    }
    if (!display_name || !*display_name) {
        *err = xstrdup("Enter the name to show for this person.");
        goto done;
    }
    if (password && !(u.password_hash = auth_password_hash(password))) {
        *err = xstrdup("the password could not be hashed (out of memory)");
        goto done;
    }
    status = store_user_add(s, &u, id, err);
done:
    free(u.password_hash);
    free(name);
    return status;
}

int auth_card_issue(struct store *s, int64_t user_id, char **token, char **err)
{
    char t[64], hash[65];
    auth_random_token(t);
    auth_token_hash(t, hash);
    int status = store_card_issue(s, user_id, hash, (int64_t)time(NULL), err);
    *token = status == STORE_OK ? xstrdup(t) : NULL;
    sodium_memzero(t, sizeof t);
    return status;
}

char *auth_card_url(const char *public_url, const char *token)
{
    return xasprintf("%s/card/%s", public_url, token);
}

json_t *auth_agent_for_login(const char *public_url, const char *login)
{
    return json_pack("{s:s, s:{s:s, s:s}}", "objectType", "Agent", "account", "homePage",
                     public_url, "name", login);
}
