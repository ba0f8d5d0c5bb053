/* test_page_cache.c: rendered pages are kept per module, level, interface language and
 * modification time, within a byte budget that evicts the least recently used page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/buf.h"
#include "server/config.h"
#include "server/http.h"
#include "server/page_cache.h"

static void put(struct page_cache *c, const char *id, int level, time_t mtime, const char *html)
{
    struct cached_page p;
    page_cache_put(c, id, level, "en", mtime, xstrdup(html), strlen(html), &p);
    assert_int_equal(p.len, strlen(html));
}

static void test_hit_and_miss_by_key(void **state)
{
    (void)state;
    struct page_cache *c = page_cache_new(1 << 20);
    struct cached_page p;
    assert_false(page_cache_get(c, "a", 1, "en", 100, &p));
    put(c, "a", 1, 100, "<p>a1</p>");
    put(c, "a", 2, 100, "<p>a2</p>");
    assert_true(page_cache_get(c, "a", 1, "en", 100, &p));
    assert_memory_equal(p.html, "<p>a1</p>", p.len);
    assert_true(page_cache_get(c, "a", 2, "en", 100, &p));
    assert_memory_equal(p.html, "<p>a2</p>", p.len);
    assert_false(page_cache_get(c, "b", 1, "en", 100, &p));
    page_cache_free(c);
}

static void test_new_mtime_is_a_miss(void **state)
{
    (void)state;
    struct page_cache *c = page_cache_new(1 << 20);
    struct cached_page p;
    put(c, "a", 1, 100, "old");
    assert_false(page_cache_get(c, "a", 1, "en", 101, &p));
    assert_false(page_cache_get(c, "a", 1, "en", 100, &p)); /* the stale page was dropped */
    put(c, "a", 1, 101, "new");
    assert_true(page_cache_get(c, "a", 1, "en", 101, &p));
    assert_memory_equal(p.html, "new", 3);
    page_cache_free(c);
}

static void test_budget_evicts_least_recently_used(void **state)
{
    (void)state;
    struct page_cache *c = page_cache_new(10);
    struct cached_page p;
    put(c, "a", 1, 1, "aaaa");
    put(c, "b", 1, 1, "bbbb");
    assert_true(page_cache_get(c, "a", 1, "en", 1, &p)); /* a is now more recent than b */
    put(c, "c", 1, 1, "cccc");                     /* 12 bytes > 10: b goes */
    assert_false(page_cache_get(c, "b", 1, "en", 1, &p));
    assert_true(page_cache_get(c, "a", 1, "en", 1, &p));
    assert_true(page_cache_get(c, "c", 1, "en", 1, &p));
    page_cache_free(c);
}

/* A page rendered for one interface language is never the hit of another. */
static void test_language_is_part_of_the_key(void **state)
{
    (void)state;
    struct page_cache *c = page_cache_new(1 << 20);
    struct cached_page p;
    page_cache_put(c, "a", 1, "en", 1, xstrdup("Start the lesson"), 16, &p);
    assert_false(page_cache_get(c, "a", 1, "nl", 1, &p));
    page_cache_put(c, "a", 1, "nl", 1, xstrdup("Les starten"), 11, &p);
    assert_true(page_cache_get(c, "a", 1, "nl", 1, &p));
    assert_memory_equal(p.html, "Les starten", p.len);
    assert_true(page_cache_get(c, "a", 1, "en", 1, &p));
    assert_memory_equal(p.html, "Start the lesson", p.len);
    page_cache_free(c);
}

static void test_etag_follows_content(void **state)
{
    (void)state;
    struct page_cache *c = page_cache_new(1 << 20);
    struct cached_page p1, p2;
    page_cache_put(c, "a", 1, "en", 1, xstrdup("one"), 3, &p1);
    page_cache_put(c, "b", 1, "en", 1, xstrdup("two"), 3, &p2);
    assert_string_not_equal(p1.etag, p2.etag);
    assert_int_equal(p1.etag[0], '"');
    page_cache_free(c);
}

/* The visitors' reply of a page counts in the budget and goes with its page: a page rendered
 * again (its files changed) starts without one, so nobody is sent the old one. */
static void test_visitor_reply_goes_with_its_page(void **state)
{
    (void)state;
    struct config cfg = {0};
    struct page_cache *c = page_cache_new(1 << 20);
    struct cached_page p;
    page_cache_put(c, "a", 1, "en", 1, xstrdup("<p>slot</p>"), 11, &p);
    assert_null(p.visitor);
    struct shared_reply *s = shared_reply_new(&cfg, "text/html", xstrdup("<p>visitor</p>"), 14,
                                              "no-cache", p.etag);
    assert_non_null(s);
    page_cache_set_visitor(c, p.entry, s, 14);
    struct page_cache_stats st;
    page_cache_stats(c, &st);
    assert_int_equal(st.bytes, 11 + 14);
    assert_true(page_cache_get(c, "a", 1, "en", 1, &p));
    assert_ptr_equal(p.visitor, s);
    assert_false(page_cache_get(c, "a", 1, "en", 2, &p));  /* changed: the page and its reply go */
    page_cache_stats(c, &st);
    assert_int_equal(st.bytes, 0);
    page_cache_put(c, "a", 1, "en", 2, xstrdup("<p>new</p>"), 10, &p);
    assert_null(p.visitor);
    page_cache_free(c);
}

/* A visitors' reply makes room by evicting other pages, least recently used first, never its own. */
static void test_visitor_reply_evicts_other_pages(void **state)
{
    (void)state;
    struct config cfg = {0};
    struct page_cache *c = page_cache_new(30);
    struct cached_page p;
    put(c, "a", 1, 1, "aaaaaaaaaa");
    put(c, "b", 1, 1, "bbbbbbbbbb");
    put(c, "c", 1, 1, "cccccccccc");
    assert_true(page_cache_get(c, "a", 1, "en", 1, &p));   /* the least recently used is b */
    struct shared_reply *s = shared_reply_new(&cfg, "text/html", xstrdup("aaaaaaaaaa!"), 11,
                                              "no-cache", p.etag);
    page_cache_set_visitor(c, p.entry, s, 11);     /* 41 > 30: b goes, then c */
    struct page_cache_stats st;
    page_cache_stats(c, &st);
    assert_int_equal(st.pages, 1);
    assert_int_equal(st.bytes, 10 + 11);
    assert_true(page_cache_get(c, "a", 1, "en", 1, &p));
    assert_ptr_equal(p.visitor, s);
    assert_false(page_cache_get(c, "b", 1, "en", 1, &p));
    assert_false(page_cache_get(c, "c", 1, "en", 1, &p));
    /* The page last in the table moves into the place of the one evicted. */
    put(c, "d", 1, 1, "d");
    assert_true(page_cache_get(c, "d", 1, "en", 1, &p));
    s = shared_reply_new(&cfg, "text/html", xstrdup("dddddddddd"), 10, "no-cache", p.etag);
    page_cache_set_visitor(c, p.entry, s, 10);     /* 32 > 30: a goes */
    assert_false(page_cache_get(c, "a", 1, "en", 1, &p));
    assert_true(page_cache_get(c, "d", 1, "en", 1, &p));
    assert_ptr_equal(p.visitor, s);
    assert_memory_equal(p.html, "d", 1);
    page_cache_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_and_miss_by_key),
        cmocka_unit_test(test_new_mtime_is_a_miss),
        cmocka_unit_test(test_budget_evicts_least_recently_used),
        cmocka_unit_test(test_language_is_part_of_the_key),
        cmocka_unit_test(test_etag_follows_content),
        cmocka_unit_test(test_visitor_reply_goes_with_its_page),
        cmocka_unit_test(test_visitor_reply_evicts_other_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
