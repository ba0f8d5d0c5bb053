/* page_cache.c: a small LRU of rendered pages. A plain array searched linearly: a content folder
 * holds tens to hundreds of modules, so this stays cheap and simple. */
#include "server/page_cache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "server/http.h"
#include "server/http_file.h"

struct page_entry {
    char *id;
    int level;
    char lang[16];      /* the interface language it was rendered in */
    time_t mtime;
    char *html;
    size_t len;
    char etag[24];
    struct shared_reply *visitor;   /* the reply for visitors not signed in, or NULL */
    size_t visitor_len;
    unsigned long long used;    /* tick of the last use, for eviction */
};

struct page_cache {
    struct page_entry *items;
    size_t len, cap;
    size_t bytes, max_bytes;
    unsigned long long tick;
    unsigned long long hits, misses;
};

struct page_cache *page_cache_new(size_t max_bytes)
{
    struct page_cache *c = xcalloc(1, sizeof *c);
    c->max_bytes = max_bytes;
    return c;
}

static void entry_free(struct page_entry *e)
{
    free(e->id);
    free(e->html);
    shared_reply_release(e->visitor);
}

void page_cache_free(struct page_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->len; i++) entry_free(&c->items[i]);
    free(c->items);
    free(c);
}

static void entry_remove(struct page_cache *c, size_t i)
{
    c->bytes -= c->items[i].len + c->items[i].visitor_len;
    entry_free(&c->items[i]);
    c->items[i] = c->items[--c->len];
}

static void fill(struct page_entry *e, struct cached_page *out)
{
    out->html = e->html;
    out->len = e->len;
    out->etag = e->etag;
    out->visitor = e->visitor;
    out->entry = e;
}

int page_cache_get(struct page_cache *c, const char *id, int level, const char *lang, time_t mtime,
                   struct cached_page *out)
{
    for (size_t i = 0; i < c->len; i++) {
        struct page_entry *e = &c->items[i];
        if (e->level != level || strcmp(e->id, id) || strcmp(e->lang, lang)) continue;
        if (e->mtime != mtime) {
            entry_remove(c, i);
            break;
        }
        e->used = ++c->tick;
        fill(e, out);
        c->hits++;
        return 1;
    }
    c->misses++;
    return 0;
}

void page_cache_stats(const struct page_cache *c, struct page_cache_stats *out)
{
    out->hits = c->hits;
    out->misses = c->misses;
    out->bytes = c->bytes;
    out->pages = c->len;
}

#define KEEP_NONE SIZE_MAX

/* Removes the least recently used pages, never the one at keep (KEEP_NONE: any may go), until
 * incoming more bytes fit or none but keep is left. Returns where keep is then (the last entry
 * moves into the place of one removed). */
static size_t evict_until_fits(struct page_cache *c, size_t incoming, size_t keep)
{
    while (c->len > (keep != KEEP_NONE) && c->bytes + incoming > c->max_bytes) {
        size_t oldest = keep == 0 ? 1 : 0;
        for (size_t i = 0; i < c->len; i++)
            if (i != keep && c->items[i].used < c->items[oldest].used) oldest = i;
        entry_remove(c, oldest);
        if (keep == c->len) keep = oldest;
    }
    return keep;
}

void page_cache_put(struct page_cache *c, const char *id, int level, const char *lang, time_t mtime,
                    char *html, size_t len, struct cached_page *out)
{
    evict_until_fits(c, len, KEEP_NONE);
    if (c->len == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->items = xrealloc(c->items, c->cap * sizeof *c->items);
    }
    struct page_entry *e = &c->items[c->len++];
    e->id = xstrdup(id);
    e->level = level;
    snprintf(e->lang, sizeof e->lang, "%s", lang);
    e->mtime = mtime;
    e->html = html;
    e->len = len;
    e->visitor = NULL;
    e->visitor_len = 0;
    e->used = ++c->tick;
    http_etag_for(html, len, e->etag);
    c->bytes += len;
    fill(e, out);
}

void page_cache_set_visitor(struct page_cache *c, struct page_entry *e, struct shared_reply *s,
                            size_t len)
{
    size_t at = (size_t)(e - c->items);
    shared_reply_release(e->visitor);
    c->bytes -= e->visitor_len;
    e->visitor = NULL;
    e->visitor_len = 0;
    /* Other pages make room, never this one: its reply is about to be sent. */
    e = &c->items[evict_until_fits(c, len, at)];
    e->visitor = s;
    e->visitor_len = len;
    c->bytes += len;
}
