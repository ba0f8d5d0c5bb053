/* page_cache.h: rendered module pages kept in memory, keyed by module id, level, interface
 * language and the modification time of the module's files, within a byte budget (least
 * recently used goes). A page rendered in one language is never served in another. */
#ifndef STEPWISE_PAGE_CACHE_H
#define STEPWISE_PAGE_CACHE_H

#include <stddef.h>
#include <time.h>

struct page_cache;
struct page_entry;
struct shared_reply;

struct cached_page {
    const char *html;   /* owned by the cache: copy it before the cache lock is released */
    size_t len;
    const char *etag;
    /* The page's reply for visitors who are not signed in, or NULL while none was made (take
     * a reference before the cache lock is released: reply_shared does). */
    struct shared_reply *visitor;
    struct page_entry *entry;   /* for page_cache_set_visitor, while the lock is held */
};

struct page_cache *page_cache_new(size_t max_bytes);
void page_cache_free(struct page_cache *c);
/* Returns 1 and fills *out on a hit, 0 on a miss. Not thread-safe: the caller locks. */
int page_cache_get(struct page_cache *c, const char *id, int level, const char *lang, time_t mtime,
                   struct cached_page *out);
/* Hits and misses of page_cache_get so far, the bytes and pages held. Caller locks. */
struct page_cache_stats {
    unsigned long long hits, misses;
    size_t bytes, pages;
};
void page_cache_stats(const struct page_cache *c, struct page_cache_stats *out);
/* Stores html (taken over: freed by the cache) and fills *out with the stored entry. */
void page_cache_put(struct page_cache *c, const char *id, int level, const char *lang, time_t mtime,
                    char *html, size_t len, struct cached_page *out);
/* Keeps s (taken over: released when the page goes) as the visitors' reply of the page just
 * got or put; its body's len bytes count in the budget, for which other pages may go (what
 * page_cache_get or _put filled in is then stale but for html and s). Caller locks. */
void page_cache_set_visitor(struct page_cache *c, struct page_entry *e, struct shared_reply *s,
                            size_t len);

#endif
