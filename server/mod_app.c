/* mod_app.c: the web app manifest (so a break-room tablet can pin Stepwise to its home screen),
 * the icons drawn by player/app_icon.c once per process, /favicon.ico, and /sw.js: the service
 * worker of player/static/sw.js with this server's offline limits in front of it. */
#include "server/mod_app.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "player/app_icon.h"
#include "player/assets.h"
#include "player/i18n.h"
#include "server/http_file.h"
#include "server/server.h"

#define ONE_DAY "public, max-age=86400"

struct image {
    unsigned char *data;
    size_t len;
    char etag[24];
};

/* The icon sizes the manifest names; the favicon is the 32 px one in an .ico. */
static struct image icon192, icon512, favicon;
static pthread_once_t images_once = PTHREAD_ONCE_INIT;

static void draw(struct image *im, unsigned char *data, size_t len)
{
    im->data = data;
    im->len = data ? len : 0;
    if (data) http_etag_for(data, len, im->etag);
}

static void images_init(void)
{
    size_t len = 0;
    unsigned char *p = app_icon_png(192, &len);
    draw(&icon192, p, len);
    p = app_icon_png(512, &len);
    draw(&icon512, p, len);
    p = app_icon_ico(32, &len);
    draw(&favicon, p, len);
}

/* The image with its validators, kept a day by browsers (the drawing changes only with a
 * release, and then its ETag does). */
static void reply_image(struct request *r, const struct image *im, const char *type)
{
    if (!request_allow(r, "GET, HEAD")) return;
    if (http_not_modified(r, im->etag, 0)) return;
    reply_static(r, MHD_HTTP_OK, type, im->data, im->len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, ONE_DAY);
    http_add_validators(r, im->etag, 0);
}

void mod_app_icon(struct request *r)
{
    pthread_once(&images_once, images_init);
    const char *name = r->path + strlen("/icons/");
    const struct image *im = !strcmp(name, "192.png") ? &icon192
                           : !strcmp(name, "512.png") ? &icon512 : NULL;
    if (!im || !im->data) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("File not found"),
                         _("There is no such icon. The icons are /icons/192.png and /icons/512.png."));
        return;
    }
    reply_image(r, im, "image/png");
}

void mod_app_favicon(struct request *r)
{
    pthread_once(&images_once, images_init);
    reply_image(r, &favicon, "image/x-icon");
}

static json_t *icon_entry(const char *src, const char *sizes, const char *purpose)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "src", src, "sizes", sizes, "type", "image/png",
                     "purpose", purpose);
}

void mod_app_manifest(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    json_t *icons = json_pack("[o, o, o]", icon_entry("/icons/192.png", "192x192", "any"),
                              icon_entry("/icons/512.png", "512x512", "any"),
                              icon_entry("/icons/512.png", "512x512", "maskable"));
    json_t *m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
                          "name", "Stepwise", "short_name", "Stepwise",
                          "description", _("Short lessons to learn on the job, with your mentor."),
                          "lang", i18n_tag(i18n_current()), "start_url", "/", "scope", "/",
                          "display", "standalone", "background_color", "#ffffff",
                          "theme_color", "#00324d", "icons", icons);
    char *body = json_dumps(m, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(m);
    char etag[24];
    http_etag_for(body, strlen(body), etag);
    if (http_not_modified(r, etag, 0)) {
        free(body);
        return;
    }
    reply(r, MHD_HTTP_OK, "application/manifest+json", body, strlen(body));
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, no-cache");
    http_add_validators(r, etag, 0);
}

/* With --offline-lessons 0: a worker that a device installed earlier replaces itself with this
 * one, which deletes what it stored and unregisters. */
static const char worker_off[] =
    "// sw.js: offline copies are turned off on this server (--offline-lessons 0): remove them.\n"
    "'use strict';\n"
    "self.addEventListener('install', function () { self.skipWaiting(); });\n"
    "self.addEventListener('activate', function (e) {\n"
    "  e.waitUntil(caches.keys().then(function (keys) {\n"
    "    return Promise.all(keys.map(function (k) { return caches.delete(k); }));\n"
    "  }).then(function () { return self.registration.unregister(); }));\n"
    "});\n";

void mod_app_worker(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    const struct config *cfg = &r->srv->cfg;
    const struct asset *a = asset_find("sw.js");
    char *body = cfg->offline_lessons
                     ? xasprintf("var LESSONS = %u, BYTES = %llu;\n%.*s", cfg->offline_lessons,
                                 cfg->offline_bytes, (int)a->len, (const char *)a->data)
                     : xstrdup(worker_off);
    char etag[24];
    http_etag_for(body, strlen(body), etag);
    if (http_not_modified(r, etag, 0)) {
        free(body);
        return;
    }
    /* Browsers check the worker at least daily; no-cache makes them ask on every check, so a
     * new release or limit reaches each device on its next visit. */
    reply(r, MHD_HTTP_OK, "text/javascript; charset=utf-8", body, strlen(body));
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    http_add_validators(r, etag, 0);
}
