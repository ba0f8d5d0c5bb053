/* mod_static.c: serves player/static/ files compiled into the binary, with ETags, and /healthz
 * for load balancers and tests. */
#include "server/mod_static.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/assets.h"
#include "player/i18n.h"
#include "server/http_file.h"
#include "server/server.h"
#include "server/version.h"
#include "tracking/store.h"

void mod_static_asset(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    const struct asset *a = asset_find(r->path + strlen("/static/"));
    if (!a) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("File not found"), _("There is no such file."));
        return;
    }
    if (http_not_modified(r, a->etag, 0)) return;
    reply_asset(r, a->content_type, a->data, a->len, "public, max-age=3600", a->etag);
}

/* A database that answered is believed for this long before it is asked again: a load balancer
 * asks every few seconds, while a stream of requests (make bench uses /healthz as its
 * baseline) would otherwise queue on the write lock. A failure is never remembered. */
#define HEALTH_FRESH_MS 1000

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* STORE_OK when the database answers; one server runs per process, so the time of the last
 * good answer can live here. */
static int database_health(struct store *store, char **err)
{
    static atomic_llong good_until;
    int64_t now = now_ms();
    if (now < atomic_load_explicit(&good_until, memory_order_relaxed)) return STORE_OK;
    int rc = store_health(store, err);
    if (rc == STORE_OK)
        atomic_store_explicit(&good_until, now + HEALTH_FRESH_MS, memory_order_relaxed);
    return rc;
}

/* 200 "ok" only when the database answers too: a load balancer then sends no one to a server
 * that would fail every sign-in and statement. The reason goes to the log as well. */
void mod_static_health(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    if (store_full(r->srv->store)) {
        /* Reads still work, but nothing new can be saved: the operator must hear of it. */
        char *body = xasprintf("error: database full: %s: free space on its disk (or raise "
                               "--db-max-bytes); reads work, writes get 507\nversion %s\n",
                               r->srv->cfg.db_path, STEPWISE_VERSION);
        reply(r, MHD_HTTP_INSUFFICIENT_STORAGE, "text/plain; charset=utf-8", body, strlen(body));
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
        return;
    }
    pthread_mutex_lock(&r->srv->lock);
    size_t modules = r->srv->catalog->len;
    pthread_mutex_unlock(&r->srv->lock);
    char *err = NULL, *body;
    int ok = database_health(r->srv->store, &err) == STORE_OK;
    if (ok) {
        body = xasprintf("ok %zu modules\nversion %s\n", modules, STEPWISE_VERSION);
    } else {
        fprintf(stderr, "stepwise: healthz: %s\n", err);
        body = xasprintf("error: %s\nversion %s\n", err, STEPWISE_VERSION);
    }
    free(err);
    reply(r, ok ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", body,
          strlen(body));
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}
