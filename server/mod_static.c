/* mod_static.c: serves player/static/ files compiled into the binary, with ETags, and /healthz
 * for load balancers and tests. */
#include "server/mod_static.h"

#include <string.h>

#include "player/assets.h"
#include "server/http_file.h"
#include "server/server.h"
#include "tracking/store.h"

void mod_static_asset(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    const struct asset *a = asset_find(r->path + strlen("/static/"));
    if (!a) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, "File not found", "There is no such file.");
        return;
    }
    char etag[24];
    http_etag_for(a->data, a->len, etag);
    if (http_not_modified(r, etag, 0)) return;
    reply_static(r, MHD_HTTP_OK, a->content_type, a->data, a->len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=3600");
    http_add_validators(r, etag, 0);
}

void mod_static_health(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    if (store_full(r->srv->store)) {
        /* Reads still work, but nothing new can be saved: the operator must hear of it. */
        char *body = xasprintf("database full: %s: free space on its disk (or raise "
                               "--db-max-bytes); reads work, writes get 507\n", r->srv->cfg.db_path);
        reply(r, MHD_HTTP_INSUFFICIENT_STORAGE, "text/plain; charset=utf-8", body, strlen(body));
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
        return;
    }
    pthread_mutex_lock(&r->srv->lock);
    char *body = xasprintf("ok %zu modules\n", r->srv->catalog->len);
    pthread_mutex_unlock(&r->srv->lock);
    reply(r, MHD_HTTP_OK, "text/plain; charset=utf-8", body, strlen(body));
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
}
