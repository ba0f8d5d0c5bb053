/* mod_pages.c: serves the catalogue, module pages (rendered once per module, level and file
 * modification time, then cached) and the media files inside a module folder. */
#include "server/mod_pages.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/render.h"
#include "content/watch.h"
#include "player/i18n.h"
#include "player/page_check.h"
#include "player/pages.h"
#include "server/auth.h"
#include "server/http_file.h"
#include "server/mime.h"
#include "server/mod_check.h"
#include "server/mod_player.h"
#include "server/page_cache.h"
#include "server/plan_lesson.h"
#include "server/server.h"

#define HTML "text/html; charset=utf-8"

/* Parses a small positive integer query value; 0 when absent, -1 when malformed. */
static int query_int(struct request *r, const char *name, int max)
{
    const char *v = request_query(r, name);
    if (!v || !*v) return 0;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 1 || n > max) return -1;
    return (int)n;
}

void mod_pages_catalogue(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    struct catalogue_filter f = {
        .level = query_int(r, "level", MODULE_MAX_LEVEL),
        .skill = request_query(r, "skill"),
        .max_minutes = query_int(r, "minutes", 24 * 60),
    };
    if (f.level < 0 || f.max_minutes < 0) {
        reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Unknown filter"),
                         _("Choose a level from 1 to 3 and a time in whole minutes."));
        return;
    }
    if (f.skill && !*f.skill) f.skill = NULL;
    /* The learner's marks read the database: with the module ids copied, outside the lock. */
    pthread_mutex_lock(&r->srv->lock);
    size_t n = r->srv->catalog->len;
    char **ids = xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++) ids[i] = xstrdup(r->srv->catalog->modules[i]->id);
    pthread_mutex_unlock(&r->srv->lock);
    size_t nmarks, len;
    struct catalogue_mark *marks = plan_lesson_marks(r, (const char *const *)ids, n, &nmarks);
    pthread_mutex_lock(&r->srv->lock);
    const struct page_viewer *v = auth_viewer(r);
    char *html = page_catalogue(r->srv->catalog, &f, v, marks, nmarks, &len);
    pthread_mutex_unlock(&r->srv->lock);
    free(marks);
    for (size_t i = 0; i < n; i++) free(ids[i]);
    free(ids);
    reply(r, MHD_HTTP_OK, HTML, html, len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, v ? "private, no-cache" : "no-cache");
}

static void not_found_module(struct request *r)
{
    reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Lesson not found"),
                     _("There is no lesson at this address. It may have been renamed or removed. "
                     "Go back to the list of lessons to find it."));
}

/* The cached page's ETag, extended with a hash of the viewer's name and CSRF token when someone
 * is signed in. */
static void viewer_etag(const char *page_etag, const struct page_viewer *v, char *out, size_t size)
{
    size_t n = strlen(page_etag);
    if (!v || n < 2) {
        snprintf(out, size, "%s", page_etag);
        return;
    }
    unsigned long h = 5381;
    for (const char *p = v->display_name; p && *p; p++) h = h * 33 + (unsigned char)*p;
    for (const char *p = v->csrf; p && *p; p++) h = h * 33 + (unsigned char)*p;
    snprintf(out, size, "%.*s-%08lx\"", (int)(n - 1), page_etag, h & 0xffffffffUL);
}

/* Fills the page's slot with html (NULL: empties it). */
static char *fill_slot(char *page, size_t *len, const char *slot, const char *html)
{
    char *at = memmem(page, *len, slot, strlen(slot));
    if (!at) return page;
    struct buf b;
    buf_init(&b);
    buf_append(&b, page, (size_t)(at - page));
    if (html) buf_puts(&b, html);
    size_t rest = (size_t)(at - page) + strlen(slot);
    buf_append(&b, page + rest, *len - rest);
    free(page);
    return buf_detach(&b, len);
}

/* The lesson's title, or NULL when there is no such lesson (caller frees). */
static char *module_title(struct server *srv, const char *id)
{
    pthread_mutex_lock(&srv->lock);
    const struct module *m = catalog_find(srv->catalog, id);
    char *title = m ? xstrdup(m->title) : NULL;
    pthread_mutex_unlock(&srv->lock);
    return title;
}

/* For a visitor who is not signed in (no name, no CSRF token, no player, no plan box) the
 * cached page has one reply, made on the first such request and then sent as it is. 0 when it
 * cannot be made. Caller holds the server lock. */
static int reply_visitor_page(struct request *r, const char *id, struct cached_page *page)
{
    if (http_not_modified(r, page->etag, 0)) return 1;
    if (!page->visitor) {
        size_t len;
        char *html = page_with_viewer(page->html, page->len, NULL, &len);
        html = page_check_fill(html, &len, NULL);
        html = mod_player_fill(r, id, html, &len);
        html = fill_slot(html, &len, PAGE_PLAN_TOP_SLOT, NULL);
        html = fill_slot(html, &len, PAGE_PLAN_END_SLOT, NULL);
        page->visitor = shared_reply_new(&r->srv->cfg, HTML, html, len, "no-cache", page->etag);
        if (!page->visitor) return 0;
        page_cache_set_visitor(r->srv->cache, page->entry, page->visitor, len);
    }
    reply_shared(r, page->visitor);
    return 1;
}

static void serve_module_page(struct request *r, const char *id)
{
    struct server *srv = r->srv;
    int level = query_int(r, "level", INT_MAX);
    /* The plan box reads (and may write) the database: before taking the lock. Only a
     * signed-in learner has one. */
    char *plan_top = NULL, *plan_end = NULL;
    if (auth_viewer(r)) {
        char *title = module_title(srv, id);
        if (title) plan_lesson_boxes(r, id, title, &plan_top, &plan_end);
        free(title);
    }
    int queued = watch_queued(srv->watch);
    pthread_mutex_lock(&srv->lock);
    struct module *m = server_module_fresh_queued(srv, id, queued);
    if (!m) {
        pthread_mutex_unlock(&srv->lock);
        free(plan_top);
        free(plan_end);
        not_found_module(r);
        return;
    }
    if (level == 0) level = module_lowest_level(m);
    if (level < 0 || !module_has_level(m, level)) {
        char *msg = xasprintf(_("The lesson \"%s\" has no such level. Open the lesson to see the "
                              "levels it offers."), m->title);
        pthread_mutex_unlock(&srv->lock);
        free(plan_top);
        free(plan_end);
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Level not found"), msg);
        free(msg);
        return;
    }
    struct cached_page page;
    const char *lang = i18n_tag(i18n_current());
    if (!page_cache_get(srv->cache, m->id, level, lang, m->mtime, &page)) {
        struct diag_list diags;
        diag_list_init(&diags);
        char *body = render_module(m, level, &diags);
        diag_list_free(&diags);
        size_t len;
        char *html = page_module(m, level, body ? body : "", &len);
        free(body);
        page_cache_put(srv->cache, m->id, level, lang, m->mtime, html, len, &page);
    }
    /* The cached page is shared by every viewer; the signed-in user's name goes into its
     * header here, so the ETag varies with the viewer too. */
    const struct page_viewer *v = auth_viewer(r);
    if (!v && reply_visitor_page(r, id, &page)) {
        pthread_mutex_unlock(&srv->lock);
        return;
    }
    char etag[48];
    viewer_etag(page.etag, v, etag, sizeof etag);
    /* The plan box changes with the mentee's progress: such a page is never answered 304. */
    if (!plan_top && http_not_modified(r, etag, 0)) {
        pthread_mutex_unlock(&srv->lock);
        return;
    }
    size_t len;
    char *copy = page_with_viewer(page.html, page.len, v, &len);
    pthread_mutex_unlock(&srv->lock);
    copy = page_check_fill(copy, &len, auth_csrf_token(r));
    copy = mod_player_fill(r, id, copy, &len);
    copy = fill_slot(copy, &len, PAGE_PLAN_TOP_SLOT, plan_top);
    copy = fill_slot(copy, &len, PAGE_PLAN_END_SLOT, plan_end);
    reply(r, MHD_HTTP_OK, HTML, copy, len);
    reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, v ? "private, no-cache" : "no-cache");
    if (!plan_top) http_add_validators(r, etag, 0);
    free(plan_top);
    free(plan_end);
}

/* A media path is served only when every segment is a plain name: no "..", no hidden files, no
 * absolute path; the file must then resolve (symlinks followed) inside the module folder. */
static int media_path_ok(const char *rel)
{
    if (!*rel || strchr(rel, '\\')) return 0;
    for (const char *seg = rel; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL)
        if (*seg == '.' || *seg == '/' || *seg == '\0') return 0;
    return 1;
}

static void serve_media(struct request *r, const char *id, const char *rel)
{
    struct server *srv = r->srv;
    const char *type = mime_for_path(rel);
    char *dir = NULL, *path = NULL;
    char real_dir[PATH_MAX], real_file[PATH_MAX];
    pthread_mutex_lock(&srv->lock);
    const struct module *m = catalog_find(srv->catalog, id);
    if (m && m->media_dir) dir = xstrdup(m->media_dir);
    pthread_mutex_unlock(&srv->lock);
    int ok = dir && type && media_path_ok(rel);
    if (ok) {
        path = xasprintf("%s/%s", dir, rel);
        size_t n = realpath(dir, real_dir) ? strlen(real_dir) : 0;
        ok = n && realpath(path, real_file) && !strncmp(real_file, real_dir, n) && real_file[n] == '/';
    }
    if (ok) http_reply_file(r, real_file, type);
    else reply_error_page(r, MHD_HTTP_NOT_FOUND, _("File not found"), _("This file is not part of the lesson."));
    free(dir);
    free(path);
}

void mod_pages_module(struct request *r)
{
    const char *rest = r->path + strlen("/modules/");
    const char *slash = strchr(rest, '/');
    if (slash && !strcmp(slash, "/check")) {
        char *id = xstrndup(rest, (size_t)(slash - rest));
        mod_check_answers(r, id);
        free(id);
        return;
    }
    if (!request_allow(r, "GET, HEAD")) return;
    if (!slash) {
        serve_module_page(r, rest);
        return;
    }
    char *id = xstrndup(rest, (size_t)(slash - rest));
    if (!strncmp(slash, "/media/", 7)) serve_media(r, id, slash + 7);
    else not_found_module(r);
    free(id);
}
