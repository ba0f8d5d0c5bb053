/* http.c: the HTTP engine. Runs libmicrohttpd, collects request bodies up to the configured limit,
 * dispatches to the route table, queues the handler's reply and writes the access log. */
#include "server/http.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "player/pages.h"
#include "server/auth.h"
#include "server/http_daemon.h"
#include "server/metrics.h"
#include "server/proxy.h"
#include "server/route.h"
#include "server/server.h"
#include "server/store_reply.h"

/* The Content-Security-Policy of every reply (see set_response). */
#define HTTP_CSP "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " \
                 "media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " \
                 "frame-ancestors 'none'"

/* How much of a too-large body is read and dropped before the connection is closed instead. */
#define DRAIN_LIMIT (64u << 20)

struct request_state {
    struct request req;
    struct timespec started;
    size_t dropped;     /* body bytes read and dropped past the limit */
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
    char *msg = xasprintf("This address does not accept %s requests; it accepts %s.", r->method, methods);
    reply_error_page(r, MHD_HTTP_METHOD_NOT_ALLOWED, "Not allowed", msg);
    reply_header(r, MHD_HTTP_HEADER_ALLOW, methods);
    free(msg);
    return 0;
}

static void set_response(struct request *r, int status, const char *content_type,
                         struct MHD_Response *resp)
{
    if (r->response) MHD_destroy_response(r->response);
    r->status = status;
    r->response = resp;
    if (content_type) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    /* Every reply, so that no page is ever left out: no framing (clickjacking of the finish
     * and sign-off buttons), and scripts, styles and media only from this site's own files
     * (no inline script, style or handler anywhere in the pages). */
    MHD_add_response_header(resp, "Content-Security-Policy", HTTP_CSP);
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    if (r->srv->cfg.public_url && !strncmp(r->srv->cfg.public_url, "https://", 8))
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}

void reply(struct request *r, int status, const char *content_type, char *body, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    set_response(r, status, content_type, resp);
    r->reply_bytes = len;
}

void reply_static(struct request *r, int status, const char *content_type, const void *body, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_PERSISTENT);
    set_response(r, status, content_type, resp);
    r->reply_bytes = len;
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

void reply_header(struct request *r, const char *name, const char *value)
{
    if (r->response) MHD_add_response_header(r->response, name, value);
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

static void access_log(struct request_state *st)
{
    char addr[INET6_ADDRSTRLEN];
    request_client_address(&st->req, addr, sizeof addr);
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);

    struct buf line;
    buf_init(&line);
    buf_printf(&line, "time=%s remote=%s method=%s path=\"", when, addr, st->req.method);
    /* A login card's address is a password: keep it out of the log. */
    const char *path = strncmp(st->req.path, "/card/", 6) ? st->req.path : "/card/...";
    for (const char *p = path; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f) buf_printf(&line, "\\x%02x", c);
        else buf_putc(&line, (char)c);
    }
    buf_printf(&line, "\" status=%d bytes=%llu ms=%.2f\n", st->req.status,
               (unsigned long long)st->req.reply_bytes, elapsed_ms(&st->started));
    fputs(line.data, stderr);
    buf_free(&line);
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)toe;
    (void)conn;
    struct request_state *st = *con_cls;
    if (!st) return;
    metrics_request(route_find(st->req.path), st->req.status, elapsed_ms(&st->started) / 1e3);
    access_log(st);
    auth_request_done(&st->req);
    if (st->req.response) MHD_destroy_response(st->req.response);
    buf_free(&st->req.body);
    free(st);
    *con_cls = NULL;
}

static void dispatch(struct request *r)
{
    const struct route *route = route_find(r->path);
    if (r->body_too_large && !(route && route->own_errors)) {
        char *msg = xasprintf("The request body is larger than this server accepts (%zu bytes). "
                              "Send less data at once.", r->srv->cfg.max_body_bytes);
        reply_error_page(r, MHD_HTTP_CONTENT_TOO_LARGE, "Too much data", msg);
        free(msg);
        return;
    }
    if (!route) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, "Page not found",
                         "There is no page at this address. Go back to the list of lessons.");
        return;
    }
    store_failure_clear();
    route->handler(r);
    if (!route->own_errors) store_reply_page(r);
    if (!r->response)
        reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Something went wrong",
                         "The server could not answer. Please try again in a moment.");
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    (void)version;
    struct server *srv = cls;
    struct request_state *st = *con_cls;
    if (!st) {
        /* First call: only remember the request. Queueing a reply now would make
         * libmicrohttpd close the connection after every response. */
        st = xcalloc(1, sizeof *st);
        clock_gettime(CLOCK_MONOTONIC, &st->started);
        st->req.srv = srv;
        st->req.conn = conn;
        st->req.method = method;
        st->req.path = url;
        buf_init(&st->req.body);
        *con_cls = st;
        return MHD_YES;
    }
    if (*upload_data_size) {
        struct request *r = &st->req;
        if (!r->body_too_large && r->body.len + *upload_data_size <= srv->cfg.max_body_bytes) {
            buf_append(&r->body, upload_data, *upload_data_size);
        } else {
            /* Too large: keep reading and dropping the body, so that the client, which is still
             * sending, gets the 413 rather than a reset connection. Far past the limit, stop
             * reading and close the connection. */
            r->body_too_large = 1;
            st->dropped += *upload_data_size;
            if (st->dropped > DRAIN_LIMIT) {
                r->status = MHD_HTTP_CONTENT_TOO_LARGE;
                return MHD_NO;
            }
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    dispatch(&st->req);
    return MHD_queue_response(conn, (unsigned)st->req.status, st->req.response);
}

static int resolve_listen_address(const struct config *cfg, struct sockaddr_storage *ss, char **err)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
    struct addrinfo *res = NULL;
    char port[8];
    snprintf(port, sizeof port, "%u", cfg->port);
    int rc = getaddrinfo(cfg->listen_host, port, &hints, &res);
    if (rc != 0) {
        *err = xasprintf("cannot listen on %s:%u: %s", cfg->listen_host, cfg->port, gai_strerror(rc));
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    return 0;
}

struct MHD_Daemon *http_start(struct server *srv, char **err)
{
    struct sockaddr_storage ss;
    if (resolve_listen_address(&srv->cfg, &ss, err) < 0) return NULL;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    if (ss.ss_family == AF_INET6) flags |= MHD_USE_IPv6;
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)srv->cfg.port, NULL, NULL, handle, srv,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)srv->cfg.threads,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)srv->cfg.max_connections,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)srv->cfg.timeout_seconds,
        MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL,
        MHD_OPTION_NOTIFY_CONNECTION, metrics_connection, NULL,
        MHD_OPTION_END);
    if (!d) *err = xasprintf("cannot listen on %s:%u (is the address in use?)", srv->cfg.listen_host,
                             srv->cfg.port);
    return d;
}

void http_stop(struct MHD_Daemon *d)
{
    MHD_stop_daemon(d);
}
