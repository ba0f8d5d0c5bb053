/* mod_account.c: sign-in (password or login card), log out, and the admin's user pages.
 *
 * CSRF: forms of a signed-in user carry the session's token (auth_check_csrf). The sign-in form
 * has no session yet; it uses a double-submit token: GET /login sets a random value in the
 * stepwise_login cookie (HttpOnly, SameSite=Strict, Path=/login) and in a hidden field, and
 * POST /login needs both to match. Another site can neither read nor set that cookie, so it
 * cannot sign a victim in to an account of its choosing, and this works behind any proxy
 * (an Origin check would need to know the public origin exactly).
 *
 * Login cards: a scan only asks. GET /card/TOKEN checks the card, moves the token into a
 * short-lived HttpOnly cookie (Path=/card, SameSite=Lax) and redirects to /card, which asks
 * "Sign in as NAME?"; the tap POSTs to /card, which must come from our own page (Sec-Fetch-Site,
 * Origin) and signs in. So a link or image on another site cannot sign a browser in (login
 * CSRF) or end its session, and the address of the tab and its history entry is /card, which
 * signs nobody in again once the tap is done or two minutes have passed. The card itself stays
 * reusable (it is a physical card): whoever opens its address still sees whose card it is and
 * must tap. The token never reaches a log (http.c writes "/card/..." instead), the scan's
 * reply carries Referrer-Policy: no-referrer, every reply no-store, and bad tokens count
 * against the address's sign-in limit. */
#include "server/mod_account.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "player/i18n.h"
#include "player/page_account.h"
#include "server/auth.h"
#include "server/form.h"
#include "server/form_request.h"
#include "server/metrics.h"
#include "server/resume.h"
#include "server/server.h"

#define HTML "text/html; charset=utf-8"
#define LOGIN_COOKIE "stepwise_login"
/* A scanned card's token, between the scan and the tap on "Sign in as ...": for this long. */
#define CARD_COOKIE "stepwise_card"
#define CARD_COOKIE_SECONDS 120
#define MAX_FIELDS 32
/* A break room shares one address (one tablet, one NAT), so an address may fail more often
 * than one login name before it has to wait. */
#define ADDRESS_FACTOR 4

/* Account pages are never cached (shared tablets); http.c forbids framing on every reply. */
static void reply_html(struct request *r, int status, char *html, size_t len)
{
    reply(r, status, HTML, html, len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}

static void server_error(struct request *r, const char *what, char *err)
{
    fprintf(stderr, "stepwise: account: %s: %s\n", what, err ? err : "database failure");
    free(err);
    reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                     _("The server could not do this. Please try again in a moment."));
}

/* Parses the urlencoded body; answers 400 and returns -1 (f freed) when it cannot be used. */
static int read_form(struct request *r, struct form *f)
{
    if (form_request_read(r, MAX_FIELDS, f) == 0) return 0;
    form_free(f);
    return -1;
}

/* next, when it is a path on this site ("/x", not "//host" or "/\host"), else NULL. */
static const char *local_path(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\') return NULL;
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return NULL;
    return next;
}

/* --- sign in ------------------------------------------------------------------------- */

/* The sign-in form's token: the one in the cookie when it looks like ours, else a new one. */
static void login_token(struct request *r, char out[64])
{
    const char *c = request_cookie(r, LOGIN_COOKIE);
    size_t n = c ? strlen(c) : 0;
    int ok = n == 43;
    for (size_t i = 0; ok && i < n; i++) ok = isalnum((unsigned char)c[i]) || c[i] == '-' || c[i] == '_';
    if (ok) memcpy(out, c, n + 1);
    else auth_random_token(out);
}

static void show_login(struct request *r, int status, const char *error, const char *login,
                       const char *next)
{
    char token[64];
    login_token(r, token);
    const char *notice = NULL;
    if (request_query(r, "signed_out")) notice = _("You are signed out. The next person can sign in now.");
    else if (request_query(r, "unsaved"))
        notice = _("You were signed out, so what you sent last was not saved. Sign in and do it "
                 "again.");
    else if (request_query(r, "expired"))
        notice = _("You were signed out because this screen was not used for a while. "
                 "Please sign in again.");
    struct page_login p = {token, login, local_path(next), error, notice};
    size_t len;
    char *html = page_login(&p, auth_viewer(r), &len);
    reply_html(r, status, html, len);
    char *cookie = auth_cookie(r, LOGIN_COOKIE, token, "/login", "Strict", -1);
    reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    free(cookie);
}

/* When either key is over its limit: the time it may try again (latest of the two), else 0;
 * -1 on a database failure (answered). login_key counts one login name from one address only,
 * so wrong passwords from elsewhere never keep the owner of a login out. */
static int64_t blocked_until(struct request *r, const char *login_key, const char *addr_key,
                             int64_t now)
{
    struct store *s = r->srv->store;
    unsigned max = r->srv->cfg.login_attempts, delay = r->srv->cfg.login_delay_seconds;
    char *err = NULL;
    int64_t a = login_key ? auth_attempts_blocked(s, login_key, max, delay, now, &err) : 0;
    int64_t b = a < 0 ? -1
                      : auth_attempts_blocked(s, addr_key, max * ADDRESS_FACTOR, delay, now, &err);
    if (a < 0 || b < 0) {
        server_error(r, "sign-in attempts", err);
        return -1;
    }
    return a > b ? a : b;
}

static void too_many(struct request *r, int64_t until, int64_t now, const char *login,
                     const char *next, int card)
{
    int64_t wait = until - now < 1 ? 1 : until - now, minutes = (wait + 59) / 60;
    char *msg = wait < 60 ? xasprintf(n_("Too many wrong tries. Wait %lld second and try again.",
                                         "Too many wrong tries. Wait %lld seconds and try again.",
                                         (unsigned long)wait), (long long)wait)
                          : xasprintf(n_("Too many wrong tries. Wait %lld minute and try again.",
                                         "Too many wrong tries. Wait %lld minutes and try again.",
                                         (unsigned long)minutes), (long long)minutes);
    if (card) reply_error_page(r, MHD_HTTP_TOO_MANY_REQUESTS, _("Please wait"), msg);
    else show_login(r, MHD_HTTP_TOO_MANY_REQUESTS, msg, login, next);
    char secs[24];
    snprintf(secs, sizeof secs, "%lld", (long long)wait);
    reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, secs);
    free(msg);
}

static void record_failure(struct request *r, const char *key, int64_t now)
{
    char *err = NULL;
    if (key && store_attempt_add(r->srv->store, key, now, &err) != STORE_OK) {
        fprintf(stderr, "stepwise: account: sign-in attempts: %s\n", err ? err : "database failure");
        free(err);
    }
}

/* Signs user_id in (with card_id, or 0 for a password): a new session, then 303 to next, or
 * where their roles land them (auth_landing). Returns 0, or -1 (answered). */
static int sign_in(struct request *r, int64_t user_id, int64_t card_id, unsigned roles,
                   const char *next)
{
    char *err = NULL;
    char *cookie = auth_session_start(r, user_id, card_id, &err);
    if (!cookie) {
        server_error(r, "session", err);
        return -1;
    }
    /* A form kept while the old session had timed out comes first (resume.h). */
    reply_redirect(r, request_cookie(r, RESUME_COOKIE) ? "/resume"
                      : local_path(next) ? next : auth_landing(roles));
    reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    free(cookie);
    cookie = auth_cookie(r, LOGIN_COOKIE, "", "/login", "Strict", 0);
    reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    free(cookie);
    return 0;
}

/* The typed login name: trimmed, lower-cased and cut to a sane length (no login is longer
 * than 64 characters, and the name is a key of the rate limit) (caller frees). */
static char *clean_login(const char *typed)
{
    const char *s = typed ? typed : "";
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    if (n > 100) n = 100;
    char *login = xstrndup(s, n);
    auth_login_normalize(login);
    return login;
}

static void login_post(struct request *r)
{
    struct form f;
    if (read_form(r, &f) < 0) return;
    const char *next = form_get(&f, "next"), *sent = form_get(&f, "csrf");
    const char *cookie = request_cookie(r, LOGIN_COOKIE);
    char *login = clean_login(form_get(&f, "login"));
    char addr[64], *login_key, *addr_key;
    request_client_address(r, addr, sizeof addr);
    login_key = xasprintf("pair:%s %s", login, addr);
    addr_key = xasprintf("addr:%s", addr);
    struct store_user u = {0};
    char *err = NULL;
    int64_t now = (int64_t)time(NULL), until;
    if (!cookie || !sent || strlen(cookie) != strlen(sent) ||
        sodium_memcmp(cookie, sent, strlen(cookie)) != 0 || !*cookie) {
        show_login(r, MHD_HTTP_FORBIDDEN, _("This form was too old. Please try again."), login, next);
        goto done;
    }
    if ((until = blocked_until(r, login_key, addr_key, now)) != 0) {
        if (until > 0) too_many(r, until, now, login, next, 0);
        goto done;
    }
    int st = store_user_find_login(r->srv->store, login, &u, &err);
    if (st == STORE_ERROR) {
        server_error(r, "sign-in", err);
        goto done;
    }
    /* An unknown or blocked login is checked against a dummy hash: the same answer after the
     * same time, so the form does not tell which login names exist. */
    const char *hash = st == STORE_OK && u.active ? u.password_hash : NULL;
    if (!auth_password_check(hash, form_get(&f, "password"))) {
        record_failure(r, login_key, now);
        record_failure(r, addr_key, now);
        metrics_signin_failure();
        show_login(r, MHD_HTTP_UNAUTHORIZED, _("The login name or the password is not right. "
                   "Check both and try again."), login, next);
        goto done;
    }
    if (store_attempt_clear(r->srv->store, login_key, &err) != STORE_OK) {
        server_error(r, "sign-in attempts", err);
        goto done;
    }
    sign_in(r, u.id, 0, u.roles, next);
done:
    store_user_clear(&u);
    free(login);
    free(login_key);
    free(addr_key);
    form_free(&f);
}

void mod_account_login(struct request *r)
{
    if (!request_allow(r, "GET, HEAD, POST")) return;
    if (!strcmp(r->method, "POST")) login_post(r);
    else show_login(r, MHD_HTTP_OK, NULL, NULL, request_query(r, "next"));
}

void mod_account_logout(struct request *r)
{
    if (!request_allow(r, "POST")) return;
    struct form f;
    if (read_form(r, &f) < 0) return;
    if (!auth_csrf_token(r)) {
        /* Nobody to sign out (the session already ended): just clear the cookie. */
        char *cookie = auth_session_end(r);
        reply_redirect(r, "/login?signed_out=1");
        reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
        free(cookie);
    } else if (auth_check_csrf(r, form_get(&f, "csrf"))) {
        char *cookie = auth_session_end(r);
        reply_redirect(r, "/login?signed_out=1");
        reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
        free(cookie);
    }
    form_free(&f);
}

/* The active card with token and its active user: STORE_OK (u filled: store_user_clear it),
 * STORE_NOT_FOUND after recording a failure for addr_key (a guessed token), or STORE_ERROR
 * (answered). */
static int card_user(struct request *r, const char *token, const char *addr_key, int64_t now,
                     struct store_card *card, struct store_user *u)
{
    char hash[65], *err = NULL;
    memset(u, 0, sizeof *u);
    auth_token_hash(token, hash);
    int st = store_card_find(r->srv->store, hash, card, &err);
    if (st == STORE_OK) st = store_user_get(r->srv->store, card->user_id, u, &err);
    if (st == STORE_ERROR) {
        server_error(r, "login card", err);
        return st;
    }
    if (st == STORE_OK && u->active) return STORE_OK;
    store_user_clear(u);
    record_failure(r, addr_key, now);
    metrics_signin_failure();
    return STORE_NOT_FOUND;
}

static void card_not_working(struct request *r)
{
    reply_error_page(r, MHD_HTTP_FORBIDDEN, _("This card does not work"),
                     _("This login card does not work any more: it may be old or blocked. "
                     "Sign in with your password, or ask your mentor or an admin for a new card."));
}

/* The card cookie: Path=/card, HttpOnly, Lax (sent when the scan opens /card/TOKEN and is
 * redirected to /card, never with another site's POST); max_age 0 clears it. */
static void set_card_cookie(struct request *r, const char *token, int max_age)
{
    char *cookie = auth_cookie(r, CARD_COOKIE, token, "/card", "Lax", max_age);
    reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    free(cookie);
}

/* 1 when a POST comes from a page of this site: Sec-Fetch-Site (when the browser sends it)
 * says same-origin, and Origin (when sent) names the host the request went to. */
static int same_site_post(struct request *r)
{
    const char *site = request_header(r, "Sec-Fetch-Site");
    if (site && strcmp(site, "same-origin")) return 0;
    const char *origin = request_header(r, "Origin"), *host = request_header(r, "Host");
    if (!origin) return 1;
    const char *o = strstr(origin, "://");
    return o && host && !strcmp(o + 3, host);
}

/* GET /card/TOKEN (the scan), GET /card (the confirmation page) and POST /card (the tap). */
void mod_account_card(struct request *r)
{
    int scan = !strncmp(r->path, "/card/", 6), post = !strcmp(r->method, "POST");
    if (!request_allow(r, scan ? "GET" : "GET, POST")) return;
    const char *token = scan ? r->path + 6 : request_cookie(r, CARD_COOKIE);
    char addr[64], *addr_key;
    request_client_address(r, addr, sizeof addr);
    addr_key = xasprintf("addr:%s", addr);
    int64_t now = (int64_t)time(NULL), until = blocked_until(r, NULL, addr_key, now);
    struct store_card card;
    struct store_user u = {0};
    size_t len;
    if (until != 0) {
        if (until > 0) too_many(r, until, now, NULL, NULL, 1);
        goto done;
    }
    if (post && !same_site_post(r)) {
        reply_error_page(r, MHD_HTTP_FORBIDDEN, _("Scan your card again"),
                         _("This sign-in did not come from a Stepwise page, so nobody was signed in. "
                         "Scan your login card again."));
        goto done;
    }
    if (!token || !*token) {
        reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Scan your card again"),
                         _("This page signs you in only just after you scan your login card. "
                         "Scan your card again, or sign in with your password."));
        goto done;
    }
    int st = card_user(r, token, addr_key, now, &card, &u);
    if (st == STORE_ERROR) goto done;
    if (st != STORE_OK) {
        card_not_working(r);
        if (!scan) set_card_cookie(r, "", 0);
    } else if (scan) {
        /* Off the address bar and the history's current entry at once: the token moves into
         * a short-lived cookie and the page that asks for the tap is /card. */
        reply_redirect(r, "/card");
        set_card_cookie(r, token, CARD_COOKIE_SECONDS);
    } else if (!post) {
        char *html = page_card_confirm(u.display_name, auth_viewer(r), &len);
        reply_html(r, MHD_HTTP_OK, html, len);
    } else if (sign_in(r, u.id, card.id, u.roles, NULL) == 0) {
        set_card_cookie(r, "", 0);
    }
done:
    /* The scan's address holds the token: never a Referer. /card holds none, and its form
     * needs a real Origin (no-referrer would make the browser send "Origin: null"). */
    reply_header(r, "Referrer-Policy", scan ? "no-referrer" : "same-origin");
    store_user_clear(&u);
    free(addr_key);
}

/* --- admin: users -------------------------------------------------------------------- */

static unsigned form_roles(const struct form *f)
{
    unsigned roles = 0;
    for (size_t i = 0; i < AUTH_NROLES; i++) {
        char name[32];
        snprintf(name, sizeof name, "role_%s", auth_roles[i].key);
        if (form_get(f, name)) roles |= auth_roles[i].bit;
    }
    return roles;
}

static void show_users(struct request *r, int status, const struct page_user_form *pf)
{
    struct store_user *users;
    size_t n, len;
    char *err = NULL;
    if (store_user_list(r->srv->store, &users, &n, &err) != STORE_OK) {
        server_error(r, "users", err);
        return;
    }
    char *html = page_admin_users(users, n, pf, auth_viewer(r), &len);
    store_users_free(users, n);
    reply_html(r, status, html, len);
}

static void show_user(struct request *r, int status, const struct store_user *u, const char *notice,
                      const char *password, const char *error)
{
    struct store_card card;
    char *err = NULL;
    int st = store_card_get_user(r->srv->store, u->id, &card, &err);
    if (st == STORE_ERROR) {
        server_error(r, "login card", err);
        return;
    }
    size_t len;
    char *html = page_admin_user(u, st == STORE_OK ? &card : NULL, notice, password, error,
                                 auth_viewer(r), &len);
    reply_html(r, status, html, len);
}

static void users_create(struct request *r, const struct form *f)
{
    char *login = clean_login(form_get(f, "login")), *generated = NULL, *err = NULL;
    const char *name = form_get(f, "display_name"), *lang = auth_language_choice(form_get(f, "language"));
    const char *password = form_get(f, "password");
    struct page_user_form pf = {login, name, lang, form_roles(f), NULL};
    pf.error = auth_login_problem(login);
    if (!pf.error && (!name || !*name)) pf.error = _("Enter the name to show for this person.");
    if (!pf.error && !lang) pf.error = _("Choose a language from the list.");
    if (!pf.error && password && *password && strlen(password) < 8)
        pf.error = _("A password needs at least 8 characters. Or leave it empty.");
    if (pf.error) {
        show_users(r, MHD_HTTP_BAD_REQUEST, &pf);
        goto done;
    }
    if (!password || !*password) password = generated = auth_password_generate();
    int64_t id;
    int st = auth_user_create(r->srv->store, login, name, lang, pf.roles, password, &id, &err);
    if (st == STORE_CONFLICT) {
        pf.error = _("This login name is taken. Choose another one.");
        show_users(r, MHD_HTTP_CONFLICT, &pf);
        goto done;
    }
    struct store_user u;
    if (st == STORE_OK) st = store_user_get(r->srv->store, id, &u, &err);
    if (st != STORE_OK) {
        server_error(r, "add user", err);
        goto done;
    }
    show_user(r, MHD_HTTP_CREATED, &u, _("The user is added."), generated, NULL);
    store_user_clear(&u);
done:
    free(generated);
    free(login);
}

static void users_index(struct request *r)
{
    if (!request_allow(r, "GET, HEAD, POST")) return;
    if (strcmp(r->method, "POST")) {
        show_users(r, MHD_HTTP_OK, NULL);
        return;
    }
    struct form f;
    if (read_form(r, &f) < 0) return;
    if (auth_check_csrf(r, form_get(&f, "csrf"))) users_create(r, &f);
    form_free(&f);
}

/* action=save: name, language, roles, active. */
static void user_save(struct request *r, const struct user *me, struct store_user *u,
                      const struct form *f)
{
    const char *name = form_get(f, "display_name"), *lang = auth_language_choice(form_get(f, "language"));
    unsigned roles = form_roles(f);
    int active = form_get(f, "active") != NULL;
    const char *problem = NULL;
    if (!name || !*name) problem = _("Enter the name to show for this person.");
    else if (!lang) problem = _("Choose a language from the list.");
    else if (u->id == me->id && (!(roles & ROLE_ADMIN) || !active))
        problem = _("You cannot take away your own admin role or block yourself. Ask another admin.");
    if (problem) {
        show_user(r, MHD_HTTP_BAD_REQUEST, u, NULL, NULL, problem);
        return;
    }
    struct store_user changed = {.id = u->id, .display_name = (char *)name,
                                 .language = (char *)lang, .roles = roles, .active = active};
    char *err = NULL;
    int st = store_user_update(r->srv->store, &changed, &err);
    if (st != STORE_OK) {
        server_error(r, "save user", err);
        return;
    }
    char *loc = xasprintf("/admin/users/%lld?done=saved", (long long)u->id);
    reply_redirect(r, loc);
    free(loc);
}

/* action=password: the typed one, or a new one made and shown once. Every other session of the
 * user ends (also when admins change their own: only the session doing it stays), so a
 * password reset after a lost phone locks the finder out. */
static void user_password(struct request *r, struct store_user *u, const struct form *f)
{
    const char *typed = form_get(f, "new_password");
    if (typed && *typed && strlen(typed) < 8) {
        show_user(r, MHD_HTTP_BAD_REQUEST, u, NULL, NULL,
                  _("A password needs at least 8 characters. Or leave it empty."));
        return;
    }
    char *password = typed && *typed ? xstrdup(typed) : auth_password_generate();
    char *err = NULL;
    free(u->password_hash);
    u->password_hash = auth_password_hash(password);
    int st = u->password_hash ? store_user_update(r->srv->store, u, &err) : STORE_ERROR;
    if (st == STORE_OK) st = auth_sessions_end_others(r, u->id, &err);
    if (st != STORE_OK) server_error(r, "password", err);
    else show_user(r, MHD_HTTP_OK, u, _("The password is changed."), password, NULL);
    sodium_memzero(password, strlen(password));
    free(password);
}

static void user_page(struct request *r, const struct user *me, struct store_user *u)
{
    if (!request_allow(r, "GET, HEAD, POST")) return;
    if (strcmp(r->method, "POST")) {
        const char *done = request_query(r, "done");
        const char *notice = !done ? NULL
                             : !strcmp(done, "saved") ? _("Saved.")
                             : !strcmp(done, "blocked") ? _("The card is blocked: it does not work any more.")
                             : NULL;
        show_user(r, MHD_HTTP_OK, u, notice, NULL, NULL);
        return;
    }
    struct form f;
    if (read_form(r, &f) < 0) return;
    const char *action = form_get(&f, "action");
    if (!auth_check_csrf(r, form_get(&f, "csrf"))) {
        /* answered */
    } else if (action && !strcmp(action, "save")) {
        user_save(r, me, u, &f);
    } else if (action && !strcmp(action, "password")) {
        user_password(r, u, &f);
    } else {
        reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Form not understood"),
                         _("The form could not be read. Go back, reload the page and try again."));
    }
    form_free(&f);
}

static void card_page(struct request *r, struct store_user *u)
{
    if (!request_allow(r, "GET, HEAD, POST")) return;
    char *err = NULL, *token = NULL, *url = NULL;
    struct store_card card;
    struct form f = {0};
    int st;
    if (!strcmp(r->method, "POST")) {
        if (read_form(r, &f) < 0) return;
        if (!auth_check_csrf(r, form_get(&f, "csrf"))) goto done;
        st = auth_card_issue(r->srv->store, u->id, &token, &err);
        if (st == STORE_ERROR) {
            server_error(r, "login card", err);
            goto done;
        }
        if (st == STORE_OK) url = auth_card_url(r->srv->cfg.public_url, token);
    }
    if ((st = store_card_get_user(r->srv->store, u->id, &card, &err)) == STORE_ERROR) {
        server_error(r, "login card", err);
        goto done;
    }
    size_t len;
    char *html = page_login_card(u, st == STORE_OK ? &card : NULL, url, auth_viewer(r), &len);
    reply_html(r, MHD_HTTP_OK, html, len);
    reply_header(r, "Referrer-Policy", "no-referrer");
done:
    if (token) sodium_memzero(token, strlen(token));
    free(token);
    free(url);
    form_free(&f);
}

static void card_revoke(struct request *r, struct store_user *u)
{
    if (!request_allow(r, "POST")) return;
    struct form f;
    if (read_form(r, &f) < 0) return;
    if (auth_check_csrf(r, form_get(&f, "csrf"))) {
        char *err = NULL;
        int st = store_card_revoke(r->srv->store, u->id, (int64_t)time(NULL), &err);
        if (st == STORE_ERROR) {
            server_error(r, "login card", err);
        } else {
            char *loc = xasprintf("/admin/users/%lld?done=blocked", (long long)u->id);
            reply_redirect(r, loc);
            free(loc);
        }
    }
    form_free(&f);
}

/* /admin/users/ID[/card[/revoke]] */
static void user_routes(struct request *r, const struct user *me, const char *rest)
{
    char *end;
    long long id = strtoll(rest, &end, 10);
    struct store_user u;
    char *err = NULL;
    int st = isdigit((unsigned char)rest[0]) && id > 0 ? store_user_get(r->srv->store, id, &u, &err)
                                                        : STORE_NOT_FOUND;
    if (st == STORE_ERROR) {
        server_error(r, "user", err);
        return;
    }
    int known = !strcmp(end, "") || !strcmp(end, "/card") || !strcmp(end, "/card/revoke");
    if (st != STORE_OK || !known) {
        if (st == STORE_OK) store_user_clear(&u);
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("User not found"),
                         _("There is no user at this address. Go back to the list of users."));
        return;
    }
    if (!strcmp(end, "")) user_page(r, me, &u);
    else if (!strcmp(end, "/card")) card_page(r, &u);
    else card_revoke(r, &u);
    store_user_clear(&u);
}

void mod_account_admin(struct request *r)
{
    struct user me;
    if (!auth_require_role(r, ROLE_ADMIN, &me)) return;
    const char *rest = r->path + strlen("/admin/users");
    if (!*rest) users_index(r);
    else if (rest[0] == '/' && rest[1]) user_routes(r, &me, rest + 1);
    else reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Page not found"),
                          _("There is no page at this address. Go back to the list of users."));
    user_clear(&me);
}
