/* http.c: the HTTP engine. Runs libmicrohttpd, decides what it can from the request head
 * (http_head.c), collects the body it accepted, dispatches to the route table, queues the
 * handler's reply and writes the access log. */
#include "server/http.h"

#include <arpa/inet.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "player/i18n.h"
#include "player/pages.h"
#include "server/access_log.h"
#include "server/auth.h"
#include "server/gate.h"
#include "server/http_conn.h"
#include "server/http_daemon.h"
#include "server/http_head.h"
#include "server/http_pool.h"
#include "server/http_lang.h"
#include "server/metrics.h"
#include "server/proxy.h"
#include "server/route.h"
#include "server/scorm_origin.h"
#include "server/server.h"
#include "server/store_reply.h"

/* The Content-Security-Policy of every reply (see set_response). */
#define HTTP_CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " \
                 "media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " \
                 "frame-ancestors 'none'"

/* libmicrohttpd's memory of a connection (its default is 32 KiB), cleared for each request (a
 * memset that was 8 % of a cached page's time): twice --max-head, so that a head of the largest
 * size taken and the reply's headers fit; a larger head is answered 431 (by the gate,
 * http_head.c, or, far over the limit, by libmicrohttpd itself). */
#define CONNECTION_MEMORY(cfg) ((size_t)2 * (cfg)->max_head_bytes)
/* Bodies from this size on are followed by malloc_trim. */
#define TRIM_AFTER (1u << 20)
/* A refused body up to this size is read and dropped before the answer; a larger one, or one
 * the client waits to be asked for (Expect: 100-continue), is answered at once. */
#define DRAIN_LIMIT (16u << 20)

struct request_state {
    struct request req;
    struct timespec started;
    const struct route *route;
    size_t body_len;    /* Content-Length */
    size_t reserved;    /* of it, held in the budget for bodies (http_head.c) */
    int refused;        /* answered from the head; the body is read and dropped */
    int dispatched;     /* its handler ran (or runs in the pool): the next call queues the reply */
    struct http_conn *conn;     /* its connection (http_conn.c), busy while this request runs */
    const struct i18n_lang *lang;   /* the interface language it is answered in (http_lang.c) */
    char *lang_cookie;          /* Set-Cookie that keeps a language picked with ?lang=, or NULL */
};

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1e3 + (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

const char *request_header(struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *request_query(struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *request_cookie(struct request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

int request_is_head(const struct request *r)
{
    return strcmp(r->method, "HEAD") == 0;
}

int request_allow(struct request *r, const char *methods)
{
    size_t n = strlen(r->method);
    for (const char *p = methods; (p = strstr(p, r->method)) != NULL; p += n) {
        int starts = p == methods || p[-1] == ' ' || p[-1] == ',';
        int ends = p[n] == '\0' || p[n] == ',';
        if (starts && ends) return 1;
    }
    char *msg = xasprintf(_("This address does not accept %s requests; it accepts %s."), r->method, methods);
    reply_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, _("Not allowed"), msg);
    reply_header(r, MHD_HTTP_HEADER_ALLOW, methods);
    free(msg);
    return 0;
}

/* What a reply that holds words varies with (see has_words). */
#define VARY_WORDS "Accept-Language, Cookie"

/* The headers of every reply. */
static void add_common_headers(const struct config *cfg, struct MHD_Response *resp,
                               const char *content_type)
{
    if (content_type) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    /* Every reply, so that no page is ever left out: no framing (clickjacking of the finish
     * and sign-off buttons), and scripts, styles and media only from this site's own files
     * (no inline script, style or handler anywhere in the pages). */
    MHD_add_response_header(resp, "Content-Security-Policy", HTTP_CSP);
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if (cfg->public_url && !strncmp(cfg->public_url, "https://", 8))
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

static void drop_response(struct request *r)
{
    if (r->shared) shared_reply_release(r->shared);
    else if (r->response && !r->response_shared) MHD_destroy_response(r->response);
    r->response = NULL;
    r->response_shared = 0;
    r->shared = NULL;
}

static void set_response(struct request *r, int status, const char *content_type,
                         struct MHD_Response *resp)
{
    drop_response(r);
    r->status = status;
    r->response = resp;
    add_common_headers(&r->srv->cfg, resp, content_type);
}

void reply(struct request *r, int status, const char *content_type, char *body, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    set_response(r, status, content_type, resp);
    r->reply_bytes = len;
}

void reply_private(struct request *r, int status, const char *content_type, char *body, size_t len)
{
    reply(r, status, content_type, body, len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-store");
}

void reply_static(struct request *r, int status, const char *content_type, const void *body, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
    set_response(r, status, content_type, resp);
    r->reply_bytes = len;
}

/* reply_asset's replies, found by their body's address; each built once and kept for the life
 * of the program. */
#define ASSET_REPLIES 32
static struct {
    const void *body;
    struct MHD_Response *resp;
} asset_replies[ASSET_REPLIES];
static atomic_size_t asset_replies_n;
static pthread_mutex_t asset_replies_lock = PTHREAD_MUTEX_INITIALIZER;

static struct MHD_Response *find_asset_reply(const void *body)
{
    size_t n = atomic_load(&asset_replies_n);
    for (size_t i = 0; i < n; i++)
        if (asset_replies[i].body == body) return asset_replies[i].resp;
    return NULL;
}

/* The reply with its headers, made once: sending it costs no allocation nor header work. mode:
 * whether libmicrohttpd frees body with the reply (MHD_RESPMEM_MUST_FREE) or it lives on. */
static struct MHD_Response *build_shared_reply(const struct config *cfg, const char *content_type,
                                               const void *body, size_t len,
                                               enum MHD_ResponseMemoryMode mode,
                                               const char *cache_control, const char *etag)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, mode);
    if (!resp) return NULL;
    add_common_headers(cfg, resp, content_type);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    return resp;
}

/* 200 with resp, a reply built once for many requests (len: its body's size). */
static void send_shared(struct request *r, struct MHD_Response *resp, size_t len)
{
    drop_response(r);
    r->status = MHD_HTTP_OK;
    r->response = resp;
    r->response_shared = 1;
    r->reply_bytes = len;
}

void reply_asset(struct request *r, const char *content_type, const void *body, size_t len,
                 const char *cache_control, const char *etag)
{
    struct MHD_Response *resp = find_asset_reply(body);
    if (!resp) {
        pthread_mutex_lock(&asset_replies_lock);
        resp = find_asset_reply(body);
        size_t n = atomic_load(&asset_replies_n);
        if (!resp && n < ASSET_REPLIES &&
            (resp = build_shared_reply(&r->srv->cfg, content_type, body, len,
                                       MHD_RESPMEM_PERSISTENT, cache_control, etag))) {
            asset_replies[n].body = body;
            asset_replies[n].resp = resp;
            atomic_store(&asset_replies_n, n + 1);
        }
        pthread_mutex_unlock(&asset_replies_lock);
    }
    if (!resp) {    /* the table is full: a reply of its own */
        reply_static(r, MHD_HTTP_OK, content_type, body, len);
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
        reply_header(r, MHD_HTTP_HEADER_ETAG, etag);
        return;
    }
    send_shared(r, resp, len);
}

struct shared_reply {
    struct MHD_Response *resp;
    atomic_uint refs;
    const char *content_type;
    const char *body;           /* owned by resp */
    size_t len;
    char *cache_control, *etag;
};

struct shared_reply *shared_reply_new(const struct config *cfg, const char *content_type, char *body,
                                      size_t len, const char *cache_control, const char *etag)
{
    struct MHD_Response *resp = build_shared_reply(cfg, content_type, body, len,
                                                   MHD_RESPMEM_MUST_FREE, cache_control, etag);
    if (!resp) {
        free(body);
        return NULL;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, VARY_WORDS);
    struct shared_reply *s = xcalloc(1, sizeof *s);
    s->resp = resp;
    atomic_init(&s->refs, 1);
    s->content_type = content_type;
    s->body = body;
    s->len = len;
    s->cache_control = xstrdup(cache_control);
    s->etag = xstrdup(etag);
    return s;
}

void shared_reply_release(struct shared_reply *s)
{
    if (!s || atomic_fetch_sub(&s->refs, 1) != 1) return;
    /* libmicrohttpd keeps its own count for the connections still sending it. */
    MHD_destroy_response(s->resp);
    free(s->cache_control);
    free(s->etag);
    free(s);
}

void reply_shared(struct request *r, struct shared_reply *s)
{
    const struct request_state *st = (const struct request_state *)r;   /* req comes first */
    if (st->lang_cookie) {
        char *copy = xmalloc(s->len ? s->len : 1);
        memcpy(copy, s->body, s->len);
        reply(r, MHD_HTTP_OK, s->content_type, copy, s->len);
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, s->cache_control);
        reply_header(r, MHD_HTTP_HEADER_ETAG, s->etag);
        return;
    }
    atomic_fetch_add(&s->refs, 1);
    send_shared(r, s->resp, s->len);
    r->shared = s;
}

void reply_fd(struct request *r, int status, const char *content_type, int fd, off_t offset, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_fd_at_offset64(len, fd, (uint64_t)offset);
    set_response(r, status, content_type, resp);
    r->reply_bytes = len;
}

void reply_error_page(struct request *r, int status, const char *title, const char *message)
{
    size_t len;
    char *html = page_error(status, title, message, auth_viewer(r), &len);
    reply(r, status, "text/html; charset=utf-8", html, len);
    reply_header(r, "Cache-Control", "no-store");
}

void reply_text(struct request *r, int status, const char *message)
{
    char *body = xasprintf("%s\n", message);
    reply(r, status, "text/plain; charset=utf-8", body, strlen(body));
}

void reply_redirect(struct request *r, const char *location)
{
    char *body = xasprintf("See %s\n", location);
    reply(r, MHD_HTTP_SEE_OTHER, "text/plain; charset=utf-8", body, strlen(body));
    reply_header(r, MHD_HTTP_HEADER_LOCATION, location);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}

void reply_content_policy(struct request *r, const char *csp)
{
    if (!r->response) return;
    MHD_del_response_header(r->response, "Content-Security-Policy", HTTP_CSP);
    MHD_del_response_header(r->response, "X-Frame-Options", "DENY");
    MHD_add_response_header(r->response, "Content-Security-Policy", csp);
}

void reply_allow_frames(struct request *r, const char *origin)
{
    char *csp = xasprintf("%s; frame-src 'self' %s", HTTP_CSP, origin);
    reply_content_policy(r, csp);
    free(csp);
}

void reply_header(struct request *r, const char *name, const char *value)
{
    if (r->response && !r->response_shared) MHD_add_response_header(r->response, name, value);
}

/* Keeps the last X-Forwarded-For line: a proxy that adds a line of its own adds it last. */
static enum MHD_Result last_forwarded_for(void *cls, enum MHD_ValueKind kind, const char *key,
                                          const char *value)
{
    (void)kind;
    if (!strcasecmp(key, "X-Forwarded-For")) *(const char **)cls = value;
    return MHD_YES;
}

void request_client_address(struct request *r, char *out, size_t size)
{
    snprintf(out, size, "-");
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr) return;
    const char *forwarded = NULL;
    if (r->srv->cfg.trusted_proxy)
        MHD_get_connection_values(r->conn, MHD_HEADER_KIND, last_forwarded_for, &forwarded);
    proxy_client_address(ci->client_addr, r->srv->cfg.trusted_proxy, forwarded, out, size);
}

static void log_request(struct access_log *log, struct request_state *st)
{
    char addr[INET6_ADDRSTRLEN];
    request_client_address(&st->req, addr, sizeof addr);
    /* Login card and calendar feed addresses hold their secret: never in a log. */
    const char *path = !strncmp(st->req.path, "/card/", 6) ? "/card/..."
                       : !strncmp(st->req.path, "/calendar/", 10) ? "/calendar/..." : st->req.path;
    struct access_log_request line = {
        .remote = addr,
        .method = st->req.method,
        .path = path,
        .status = st->req.status,
        .bytes = st->req.reply_bytes,
        .ms = elapsed_ms(&st->started),
    };
    access_log_request(log, &line);
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    struct access_log *log = cls;
    (void)toe;
    (void)conn;
    struct request_state *st = *con_cls;
    if (!st) return;
    metrics_request(st->route, st->req.status, elapsed_ms(&st->started) / 1e3);
    log_request(log, st);
    http_conn_busy(st->conn, 0);
    http_head_release(&st->req, st->reserved);
    /* A large body leaves many freed pieces (its parsed JSON): give their pages back now. */
    if (st->reserved >= TRIM_AFTER) malloc_trim(0);
    auth_request_done(&st->req);
    drop_response(&st->req);
    buf_free(&st->req.body);
    free(st->lang_cookie);
    free(st);
    *con_cls = NULL;
}

static void dispatch(struct request *r, const struct route *route)
{
    if (scorm_origin_request(r) && !scorm_origin_serves(r->path)) {
        /* Plain words, no page: a page names the signed-in person and holds their CSRF token. */
        reply_text(r, MHD_HTTP_NOT_FOUND, _("This address serves only the files of lessons."));
        return;
    }
    if (!route) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Page not found"),
                         _("There is no page at this address. Go back to the list of lessons."));
        return;
    }
    store_failure_clear();
    route->handler(r);
    if (!route->own_errors) store_reply_page(r);
    if (!r->response)
        reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                         _("The server could not answer. Please try again in a moment."));
}

/* 1 when the reply holds words, which follow the session and language cookies and
 * Accept-Language: every page, the web app manifest, and a 304 that stands for one (it has no
 * type of its own). */
static int has_words(const struct request *r)
{
    const char *type = MHD_get_response_header(r->response, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (type) return !strncmp(type, "text/html", 9) || !strcmp(type, "application/manifest+json");
    return r->status == MHD_HTTP_NOT_MODIFIED && strncmp(r->path, "/static/", 8) &&
           !strstr(r->path, "/media/");
}

/* Queues the reply with what the language choice adds: the cookie of a language picked with a
 * link, and Vary on what holds words (a shared cache must not give one person's language to
 * another). */
static enum MHD_Result queue_reply(struct request_state *st)
{
    struct request *r = &st->req;
    if (st->lang_cookie) reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, st->lang_cookie);
    if (has_words(r)) reply_header(r, MHD_HTTP_HEADER_VARY, VARY_WORDS);
    return MHD_queue_response(r->conn, (unsigned)r->status, r->response);
}

/* The client waits for "100 Continue" before it sends the body. */
static int expects_continue(struct request *r)
{
    const char *expect = request_header(r, MHD_HTTP_HEADER_EXPECT);
    return expect && strcasestr(expect, "100-continue");
}

struct http_engine {
    struct server *srv;
    struct gate *gate;
    struct http_conns *conns;       /* closes kept-alive connections whose next head is late */
    struct http_pool *pool;         /* runs the requests that may wait (http_pool.c) */
    struct access_log *log;         /* writes the access log (access_log.c) */
    struct MHD_Daemon **daemons;    /* one per worker thread, each with its own polling thread */
    unsigned n;
    unsigned per_daemon;            /* connection limit of each daemon */
    unsigned next;                  /* the daemon tried first for the next connection */
};

/* A request that may write (any method but GET and HEAD) may wait for a disk flush or a
 * password hash: it runs in the pool, not on the thread that serves other connections. */
static int may_wait(const struct request *r)
{
    return strcmp(r->method, "GET") && strcmp(r->method, "HEAD");
}

/* In a pool thread: runs the suspended request's handler, then lets libmicrohttpd call handle
 * again, which queues the reply. */
static void run_suspended(void *arg)
{
    struct request_state *st = arg;
    i18n_use(st->lang);     /* the pool thread answers in the request's language */
    dispatch(&st->req, st->route);
    MHD_resume_connection(st->req.conn);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    struct http_engine *e = cls;
    struct server *srv = e->srv;
    struct request_state *st = *con_cls;
    if (!st) {
        /* First call: only remember the request. Queueing a reply now would make
         * libmicrohttpd close the connection after every response. */
        st = xcalloc(1, sizeof *st);
        clock_gettime(CLOCK_MONOTONIC, &st->started);
        st->req.srv = srv;
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        st->conn = ci ? ci->socket_context : NULL;
        http_conn_busy(st->conn, 1);
        st->req.conn = conn;
        st->req.method = method;
        st->req.path = url;
        buf_init(&st->req.body);
        *con_cls = st;
        st->route = route_find(url);
        st->lang = http_lang_choose(&st->req, &st->lang_cookie);
        i18n_use(st->lang);
        enum http_head_verdict v = http_head_check(&st->req, st->route, version, &st->body_len);
        if (v == HEAD_GO) {
            st->reserved = st->body_len;
            return MHD_YES;
        }
        st->refused = 1;
        if (v == HEAD_BROKEN || st->body_len > DRAIN_LIMIT || expects_continue(&st->req))
            /* Answered now: no "100 Continue" is sent and the body is never read;
             * libmicrohttpd closes the connection after this reply. */
            return queue_reply(st);
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* libmicrohttpd passes at most Content-Length bytes, which were reserved. */
        struct request *r = &st->req;
        if (!st->refused && !r->body.cap) buf_reserve(&r->body, st->body_len);
        if (!st->refused) buf_append(&r->body, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (!st->refused && !st->dispatched) {
        st->dispatched = 1;
        if (may_wait(&st->req)) {
            /* Suspended before it is handed over, so that the pool may resume it at once;
             * a pool that is stopping leaves the request to this thread. */
            MHD_suspend_connection(conn);
            if (http_pool_submit(e->pool, run_suspended, st) < 0) run_suspended(st);
            return MHD_YES;
        }
        /* One thread answers many connections in turn: the request's language is set again. */
        i18n_use(st->lang);
        dispatch(&st->req, st->route);
    }
    return queue_reply(st);
}

/* The gate hands over a connection whose head arrived whole: to the next daemon with room. */
static int deliver(void *arg, int fd, const struct sockaddr *addr, socklen_t len)
{
    struct http_engine *e = arg;
    for (unsigned i = 0; i < e->n; i++) {
        struct MHD_Daemon *d = e->daemons[(e->next + i) % e->n];
        const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (info && info->num_connections >= e->per_daemon) continue;
        e->next = (e->next + i + 1) % e->n;
        return MHD_add_connection(d, fd, addr, len) == MHD_YES ? 0 : -1;
    }
    return 1;
}

static void connection_notice(void *cls, struct MHD_Connection *conn, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe)
{
    struct http_engine *e = cls;
    metrics_connection(NULL, conn, socket_context, toe);
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        *socket_context = fd ? http_conn_open(e->conns, fd->connect_fd) : NULL;
        return;
    }
    if (*socket_context) http_conn_close(e->conns, *socket_context);
    *socket_context = NULL;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    gate_closed(e->gate, ci ? ci->client_addr : NULL);
}

struct http_engine *http_start(struct server *srv, char **err)
{
    struct http_engine *e = xcalloc(1, sizeof *e);
    const struct config *cfg = &srv->cfg;
    e->srv = srv;
    e->n = cfg->threads;
    e->per_daemon = (cfg->max_connections + e->n - 1) / e->n;
    e->daemons = xcalloc(e->n, sizeof *e->daemons);
    e->conns = http_conns_start(cfg->timeout_seconds);
    if (!e->conns) {
        *err = xstrdup("cannot start the connection watch");
        goto fail;
    }
    e->log = access_log_start(STDERR_FILENO);
    e->pool = http_pool_start(cfg->write_threads);
    if (!e->pool) {
        *err = xstrdup("cannot start the threads for writes");
        goto fail;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_NO_LISTEN_SOCKET |
                     MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
    for (unsigned i = 0; i < e->n; i++) {
        e->daemons[i] = MHD_start_daemon(
            flags, 0, NULL, NULL, handle, e,
            MHD_OPTION_CONNECTION_LIMIT, e->per_daemon,
            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_seconds,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONNECTION_MEMORY(cfg),
            MHD_OPTION_NOTIFY_COMPLETED, request_completed, e->log,
            MHD_OPTION_NOTIFY_CONNECTION, connection_notice, e,
            MHD_OPTION_END);
        if (!e->daemons[i]) {
            *err = xstrdup("cannot start the HTTP engine");
            goto fail;
        }
    }
    e->gate = gate_start(cfg, deliver, e, err);
    if (e->gate) return e;
fail:
    http_stop(e);
    return NULL;
}

void http_stop(struct http_engine *e)
{
    if (e->gate) gate_stop(e->gate);    /* first: no new connections for the daemons */
    /* Then every request in the pool is finished and resumed: a daemon does not stop with a
     * connection suspended. Later ones run on the daemon's thread. */
    if (e->pool) http_pool_stop(e->pool);
    for (unsigned i = 0; i < e->n; i++)
        if (e->daemons[i]) MHD_stop_daemon(e->daemons[i]);
    if (e->conns) http_conns_stop(e->conns);
    access_log_stop(e->log);            /* after the daemons: they log their last requests */
    if (e->gate) gate_free(e->gate);    /* last: the daemons report closed connections to it */
    free(e->daemons);
    free(e);
}
