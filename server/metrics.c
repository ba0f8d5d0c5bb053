/* metrics.c: the server's counters and GET /metrics. Counting sits on every request's path, so
 * each counter is a relaxed atomic in a fixed table (no lock, no allocation); the page is only
 * built when it is asked for. /metrics is off unless --metrics-token is set, and then answers
 * only a request that carries the token (compared as SHA-256 digests in constant time). */
#include "server/metrics.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "player/i18n.h"
#include "server/buf.h"
#include "server/page_cache.h"
#include "server/route.h"
#include "server/server.h"
#include "server/version.h"

#define ROUTE_SLOTS 48              /* routes, and one more for "none matched" */
#define STATUS_MIN 100
#define STATUS_SLOTS 500            /* statuses 100 to 599 */

/* Upper bounds of the latency histogram, in seconds. */
static const double bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
                                5, 10};
#define NBOUNDS (sizeof bounds / sizeof bounds[0])

static atomic_ullong requests[ROUTE_SLOTS][STATUS_SLOTS];
static atomic_ullong latency[NBOUNDS + 1];     /* per bucket, not yet cumulative; last: +Inf */
static atomic_ullong latency_us;               /* the sum, in microseconds */
static atomic_llong connections;
static atomic_ullong signin_failures;

static size_t route_slot(const struct route *route)
{
    size_t n = route_count();
    if (n >= ROUTE_SLOTS) abort();  /* grow ROUTE_SLOTS with the route table */
    return route ? route_index(route) : n;
}

void metrics_request(const struct route *route, int status, double seconds)
{
    if (status >= STATUS_MIN && status < STATUS_MIN + STATUS_SLOTS)
        atomic_fetch_add_explicit(&requests[route_slot(route)][status - STATUS_MIN], 1,
                                  memory_order_relaxed);
    size_t b = 0;
    while (b < NBOUNDS && seconds > bounds[b]) b++;
    atomic_fetch_add_explicit(&latency[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&latency_us, (unsigned long long)(seconds * 1e6),
                              memory_order_relaxed);
}

void metrics_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode code)
{
    (void)cls;
    (void)conn;
    (void)socket_context;
    atomic_fetch_add_explicit(&connections, code == MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1,
                              memory_order_relaxed);
}

void metrics_signin_failure(void)
{
    atomic_fetch_add_explicit(&signin_failures, 1, memory_order_relaxed);
}

/* --- the page ------------------------------------------------------------------------ */

static void help(struct buf *b, const char *name, const char *type, const char *text)
{
    buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n", name, text, name, type);
}

static void put_requests(struct buf *b)
{
    help(b, "stepwise_http_requests_total", "counter",
         "Requests answered, by route pattern (none: no route matched) and status.");
    size_t n = route_count();
    for (size_t r = 0; r <= n; r++) {
        for (size_t s = 0; s < STATUS_SLOTS; s++) {
            unsigned long long v = atomic_load_explicit(&requests[r][s], memory_order_relaxed);
            if (v) buf_printf(b, "stepwise_http_requests_total{route=\"%s\",status=\"%zu\"} %llu\n",
                              r < n ? route_get(r)->pattern : "none", s + STATUS_MIN, v);
        }
    }
    help(b, "stepwise_http_request_duration_seconds", "histogram",
         "Time from a request's arrival until its reply was sent.");
    unsigned long long sum = 0;
    for (size_t i = 0; i <= NBOUNDS; i++) {
        sum += atomic_load_explicit(&latency[i], memory_order_relaxed);
        if (i < NBOUNDS)
            buf_printf(b, "stepwise_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                       bounds[i], sum);
        else
            buf_printf(b, "stepwise_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", sum);
    }
    buf_printf(b, "stepwise_http_request_duration_seconds_sum %.6f\n",
               (double)atomic_load_explicit(&latency_us, memory_order_relaxed) / 1e6);
    buf_printf(b, "stepwise_http_request_duration_seconds_count %llu\n", sum);
    help(b, "stepwise_http_connections_open", "gauge", "Connections open now.");
    buf_printf(b, "stepwise_http_connections_open %lld\n",
               (long long)atomic_load_explicit(&connections, memory_order_relaxed));
    help(b, "stepwise_signin_failures_total", "counter",
         "Sign-ins refused: a wrong password, an unknown or revoked login card.");
    buf_printf(b, "stepwise_signin_failures_total %llu\n",
               atomic_load_explicit(&signin_failures, memory_order_relaxed));
}

static void put_cache(struct buf *b, struct server *srv)
{
    struct page_cache_stats pc;
    pthread_mutex_lock(&srv->lock);
    page_cache_stats(srv->cache, &pc);
    pthread_mutex_unlock(&srv->lock);
    help(b, "stepwise_page_cache_hits_total", "counter",
         "Pages served from the rendered-page cache.");
    buf_printf(b, "stepwise_page_cache_hits_total %llu\n", pc.hits);
    help(b, "stepwise_page_cache_misses_total", "counter", "Pages that had to be rendered.");
    buf_printf(b, "stepwise_page_cache_misses_total %llu\n", pc.misses);
    help(b, "stepwise_page_cache_bytes", "gauge",
         "Bytes of rendered pages held (at most --cache-bytes).");
    buf_printf(b, "stepwise_page_cache_bytes %zu\n", pc.bytes);
    help(b, "stepwise_page_cache_pages", "gauge", "Rendered pages held.");
    buf_printf(b, "stepwise_page_cache_pages %zu\n", pc.pages);
}

static int put_store(struct buf *b, struct server *srv, char **err)
{
    struct store_stats st;
    if (store_stats(srv->store, &st, err) != STORE_OK) return -1;
    help(b, "stepwise_statements_stored", "gauge", "xAPI statements in the database.");
    buf_printf(b, "stepwise_statements_stored %lld\n", (long long)st.statements);
    help(b, "stepwise_wal_pages_pending", "gauge",
         "Pages in the write-ahead log not yet copied into the database (as of the last commit "
         "or checkpoint).");
    buf_printf(b, "stepwise_wal_pages_pending %lld\n", (long long)st.wal_pages);
    return 0;
}

/* The token from "Authorization: Bearer TOKEN" matches --metrics-token. */
static int authorized(struct request *r)
{
    const char *h = request_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7)) return 0;
    unsigned char want[crypto_hash_sha256_BYTES], got[crypto_hash_sha256_BYTES];
    const char *token = r->srv->cfg.metrics_token;
    crypto_hash_sha256(want, (const unsigned char *)token, strlen(token));
    crypto_hash_sha256(got, (const unsigned char *)h + 7, strlen(h + 7));
    return sodium_memcmp(want, got, sizeof want) == 0;
}

void metrics_handle(struct request *r)
{
    if (!r->srv->cfg.metrics_token) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Page not found"),
                         _("There is no page at this address. Go back to the list of lessons."));
        return;
    }
    if (!request_allow(r, "GET, HEAD")) return;
    if (!authorized(r)) {
        reply_text(r, MHD_HTTP_UNAUTHORIZED, "/metrics needs \"Authorization: Bearer TOKEN\" with "
                                             "the server's --metrics-token.");
        reply_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer realm=\"stepwise metrics\"");
        return;
    }
    struct buf b;
    buf_init(&b);
    help(&b, "stepwise_build_info", "gauge", "The version of Stepwise running (always 1).");
    buf_printf(&b, "stepwise_build_info{version=\"%s\"} 1\n", STEPWISE_VERSION);
    put_requests(&b);
    put_cache(&b, r->srv);
    char *err = NULL;
    if (put_store(&b, r->srv, &err) < 0) {
        fprintf(stderr, "stepwise: metrics: %s\n", err);
        free(err);
        buf_free(&b);
        reply_text(r, MHD_HTTP_SERVICE_UNAVAILABLE, "The database does not answer: see the log.");
        return;
    }
    size_t len;
    char *text = buf_detach(&b, &len);
    reply(r, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", text, len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}
