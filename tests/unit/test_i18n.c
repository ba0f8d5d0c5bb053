/* test_i18n.c: the interface languages: the built-in Dutch catalogue, lookups with context and
 * plural forms, gettext plural rules, hostile catalogue files, Accept-Language, dates, and the
 * per-thread choice of language. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "player/i18n.h"
#include "player/i18n_plural.h"

/* A .mo file of the given messages (sorted by the caller), little-endian or swapped. */
struct msg {
    const char *id;         /* "ctx\4id", or "singular\0plural" with id_len */
    size_t id_len;
    const char *str;
    size_t str_len;
};

static void put32(unsigned char *p, uint32_t v, int swapped)
{
    if (swapped) v = __builtin_bswap32(v);
    memcpy(p, &v, 4);
}

static unsigned char *mo_build(const struct msg *m, uint32_t n, int swapped, size_t *len)
{
    size_t size = 28 + 16 * (size_t)n;
    for (uint32_t i = 0; i < n; i++) size += m[i].id_len + m[i].str_len + 2;
    unsigned char *mo = calloc(1, size);
    put32(mo, 0x950412de, swapped);
    put32(mo + 8, n, swapped);
    put32(mo + 12, 28, swapped);
    put32(mo + 16, 28 + 8 * n, swapped);
    size_t off = 28 + 16 * (size_t)n;
    for (uint32_t i = 0; i < n; i++) {
        put32(mo + 28 + 8 * i, (uint32_t)m[i].id_len, swapped);
        put32(mo + 32 + 8 * i, (uint32_t)off, swapped);
        memcpy(mo + off, m[i].id, m[i].id_len);
        off += m[i].id_len + 1;
        put32(mo + 28 + 8 * n + 8 * i, (uint32_t)m[i].str_len, swapped);
        put32(mo + 32 + 8 * n + 8 * i, (uint32_t)off, swapped);
        memcpy(mo + off, m[i].str, m[i].str_len);
        off += m[i].str_len + 1;
    }
    *len = size;
    return mo;
}

#define S(s) s, sizeof(s) - 1

static void test_builtin_dutch(void **state)
{
    (void)state;
    assert_true(i18n_count() >= 2);
    assert_string_equal(i18n_tag(i18n_at(0)), "en");
    assert_ptr_equal(i18n_at(0), i18n_english());
    const struct i18n_lang *nl = i18n_find("nl");
    assert_non_null(nl);
    assert_string_equal(i18n_tag(nl), "nl");
    assert_string_equal(i18n_name(nl), "Nederlands");
    assert_string_equal(i18n_name(i18n_english()), "English");
    assert_string_equal(i18n_text(nl, "month", "December"), "december");
    /* the context matters: without it, "December" is another message */
    assert_string_equal(i18n_text(nl, NULL, "December"), "December");
    assert_string_equal(i18n_text(nl, NULL, "No such text anywhere"), "No such text anywhere");
    assert_string_equal(i18n_text(i18n_english(), "month", "December"), "December");
    assert_null(i18n_at(i18n_count()));
}

static void test_find(void **state)
{
    (void)state;
    const struct i18n_lang *nl = i18n_find("nl");
    assert_ptr_equal(i18n_find("NL"), nl);
    assert_ptr_equal(i18n_find("nl-BE"), nl);
    assert_ptr_equal(i18n_find("nl_NL"), nl);
    assert_ptr_equal(i18n_find("en-GB"), i18n_english());
    assert_null(i18n_find("de"));
    assert_null(i18n_find("n"));
    assert_null(i18n_find("nld"));
    assert_null(i18n_find(""));
    assert_null(i18n_find(NULL));
}

static void test_negotiate(void **state)
{
    (void)state;
    const struct i18n_lang *nl = i18n_find("nl"), *en = i18n_english();
    assert_ptr_equal(i18n_negotiate("nl"), nl);
    assert_ptr_equal(i18n_negotiate("de-DE, de;q=0.9, nl;q=0.8, en;q=0.5"), nl);
    assert_ptr_equal(i18n_negotiate("en-US,en;q=0.9,nl;q=0.8"), en);
    assert_ptr_equal(i18n_negotiate("en;q=0.5, nl-BE;q=0.7"), nl);
    assert_ptr_equal(i18n_negotiate("nl;q=1.0,en;q=1"), nl);      /* a tie: the first wins */
    assert_ptr_equal(i18n_negotiate("  nl ;  q=0.3 ,fr"), nl);
    assert_null(i18n_negotiate("nl;q=0"));
    assert_null(i18n_negotiate("nl;q=0.000"));
    assert_null(i18n_negotiate("*"));
    assert_null(i18n_negotiate("fr, de"));
    assert_null(i18n_negotiate("nl;q=abc"));
    assert_null(i18n_negotiate("nl;q=2"));
    assert_null(i18n_negotiate("nl;level=1"));
    assert_null(i18n_negotiate(""));
    assert_null(i18n_negotiate(",,,"));
    assert_null(i18n_negotiate(NULL));
    /* A long header is read once, item by item. */
    size_t n = 200000;
    char *big = malloc(n * 4 + 8);
    for (size_t i = 0; i < n; i++) memcpy(big + 4 * i, "fr, ", 4);
    strcpy(big + 4 * n, "nl");
    assert_ptr_equal(i18n_negotiate(big), nl);
    free(big);
}

static void test_plural_rules(void **state)
{
    (void)state;
    unsigned np = 0;
    struct plural_rule *two = plural_rule_parse("nplurals=2; plural=(n != 1);", &np);
    assert_non_null(two);
    assert_int_equal(np, 2);
    assert_int_equal(plural_rule_eval(two, 0), 1);
    assert_int_equal(plural_rule_eval(two, 1), 0);
    assert_int_equal(plural_rule_eval(two, 2), 1);
    plural_rule_free(two);
    /* Polish: 1, 2-4 (not 12-14), the rest */
    struct plural_rule *pl = plural_rule_parse(
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", &np);
    assert_non_null(pl);
    assert_int_equal(np, 3);
    const unsigned long counts[] = {1, 2, 4, 5, 12, 14, 22, 25, 101, 104};
    const unsigned forms[] = {0, 1, 1, 2, 2, 2, 1, 2, 2, 1};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        assert_int_equal(plural_rule_eval(pl, counts[i]), forms[i]);
    plural_rule_free(pl);
    /* one form only (Japanese), and a rule that names a form past nplurals is clamped */
    struct plural_rule *one = plural_rule_parse("nplurals=1; plural=0;", NULL);
    assert_int_equal(plural_rule_eval(one, 5), 0);
    plural_rule_free(one);
    struct plural_rule *wild = plural_rule_parse("nplurals=2; plural=n*7;", NULL);
    assert_int_equal(plural_rule_eval(wild, 3), 1);
    plural_rule_free(wild);
    struct plural_rule *div = plural_rule_parse("nplurals=2; plural=!(n/0) + n%0;", NULL);
    assert_non_null(div);
    assert_int_equal(plural_rule_eval(div, 3), 1);
    plural_rule_free(div);
    const char *bad[] = {"nplurals=2; plural=n ? 1;", "nplurals=2; plural=(n;", "nplurals=2; plural=n +;",
                         "nplurals=2; plural=x;", "nplurals=2;", "plural=n;", "nplurals=0; plural=0;",
                         "nplurals=2; plural=n = 1;", "nplurals=2; plural=n & 1;", "nplurals=2; plural=n 1;"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_null(plural_rule_parse(bad[i], NULL));
    /* deep nesting is refused, not recursed into without end */
    char deep[4096] = "nplurals=2; plural=";
    for (int i = 0; i < 1000; i++) strcat(deep, "(");
    strcat(deep, "n");
    for (int i = 0; i < 1000; i++) strcat(deep, ")");
    assert_null(plural_rule_parse(deep, NULL));
    char nots[4096] = "nplurals=2; plural=";
    for (int i = 0; i < 1000; i++) strcat(nots, "!");
    strcat(nots, "n");
    assert_null(plural_rule_parse(nots, NULL));
}

static const struct msg polish[] = {
    {S(""), S("Language: pl\nPlural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
              "(n%100<10 || n%100>=20) ? 1 : 2);\n")},
    {S("%d lesson\0%d lessons"), S("%d lekcja\0%d lekcje\0%d lekcji")},
    {S("Sign in"), S("Zaloguj")},
    {S("Untranslated"), S("")},
    {S("language name\004English"), S("Polski")},
};

static void test_load_catalogue_both_byte_orders(void **state)
{
    (void)state;
    for (int swapped = 0; swapped <= 1; swapped++) {
        size_t len;
        unsigned char *mo = mo_build(polish, 5, swapped, &len);
        char *err = NULL;
        struct i18n_lang *l = i18n_lang_load("pl", mo, len, &err);
        assert_non_null(l);
        assert_null(err);
        assert_string_equal(i18n_tag(l), "pl");
        assert_string_equal(i18n_name(l), "Polski");
        assert_string_equal(i18n_text(l, NULL, "Sign in"), "Zaloguj");
        assert_string_equal(i18n_text(l, NULL, "Untranslated"), "Untranslated");
        assert_string_equal(i18n_ntext(l, "%d lesson", "%d lessons", 1), "%d lekcja");
        assert_string_equal(i18n_ntext(l, "%d lesson", "%d lessons", 3), "%d lekcje");
        assert_string_equal(i18n_ntext(l, "%d lesson", "%d lessons", 5), "%d lekcji");
        assert_string_equal(i18n_ntext(l, "%d day", "%d days", 5), "%d days");
        assert_string_equal(i18n_ntext(l, "%d day", "%d days", 1), "%d day");
        i18n_lang_free(l);
        free(mo);
    }
    assert_string_equal(i18n_ntext(i18n_english(), "%d day", "%d days", 0), "%d days");
    assert_string_equal(i18n_ntext(i18n_english(), "%d day", "%d days", 1), "%d day");
}

static void expect_refused(const unsigned char *mo, size_t len, const char *why)
{
    char *err = NULL;
    assert_null(i18n_lang_load("xx", mo, len, &err));
    assert_non_null(err);
    assert_non_null(strstr(err, why));
    free(err);
}

static void test_hostile_catalogues(void **state)
{
    (void)state;
    size_t len;
    unsigned char *mo = mo_build(polish, 5, 0, &len);
    expect_refused(mo, 10, "not a compiled gettext catalogue");
    unsigned char *copy = malloc(len);
    memcpy(copy, mo, len);
    copy[0] ^= 1;
    expect_refused(copy, len, "not a compiled gettext catalogue");
    memcpy(copy, mo, len);
    put32(copy + 8, 0x10000000, 0);          /* more messages than the file holds */
    expect_refused(copy, len, "outside the file");
    memcpy(copy, mo, len);
    put32(copy + 32, (uint32_t)len + 100, 0); /* a message past the end */
    expect_refused(copy, len, "outside the file");
    memcpy(copy, mo, len);
    put32(copy + 28, (uint32_t)len, 0);      /* a length past the end */
    expect_refused(copy, len, "outside the file");
    memcpy(copy, mo, len);
    copy[len - 1] = 'x';                     /* the last string loses its NUL */
    expect_refused(copy, len, "outside the file");
    memcpy(copy, mo, len);
    put32(copy + 4, 0x20000, 0);             /* a major revision we do not know */
    expect_refused(copy, len, "revision 2 is not supported");
    free(copy);
    free(mo);
    const struct msg unsorted[] = {{S("b"), S("B")}, {S("a"), S("A")}};
    mo = mo_build(unsorted, 2, 0, &len);
    expect_refused(mo, len, "not sorted");
    free(mo);
    const struct msg bad_rule[] = {{S(""), S("Plural-Forms: nplurals=2; plural=n +;\n")}};
    mo = mo_build(bad_rule, 1, 0, &len);
    expect_refused(mo, len, "Plural-Forms");
    free(mo);
    /* a catalogue that does not name its language is named by its tag */
    const struct msg plain[] = {{S("Sign in"), S("Log in")}};
    mo = mo_build(plain, 1, 0, &len);
    char *err = NULL;
    struct i18n_lang *l = i18n_lang_load("xx", mo, len, &err);
    assert_string_equal(i18n_name(l), "xx");
    assert_string_equal(i18n_ntext(l, "Sign in", "Sign ins", 2), "Sign ins");
    i18n_lang_free(l);
    free(mo);
}

static void test_dates(void **state)
{
    (void)state;
    setenv("TZ", "UTC", 1);
    tzset();
    struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 11, .tm_mday = 3, .tm_hour = 14, .tm_min = 5};
    int64_t when = (int64_t)timegm(&tm);
    struct buf b;
    buf_init(&b);
    i18n_put_date(&b, i18n_find("nl"), when, 1);
    assert_string_equal(b.data, "3 december 2026, 14:05");
    buf_reset(&b);
    i18n_put_date(&b, i18n_english(), when, 1);
    assert_string_equal(b.data, "3 December 2026, 14:05");
    buf_reset(&b);
    i18n_put_date(&b, i18n_find("nl"), when - 14 * 3600 - 5 * 60 - 1, 0);
    assert_string_equal(b.data, "2 december 2026");
    buf_free(&b);
}

static void *other_thread(void *arg)
{
    (void)arg;
    return (void *)i18n_current();
}

static void test_language_is_per_thread(void **state)
{
    (void)state;
    assert_ptr_equal(i18n_current(), i18n_english());
    i18n_use(i18n_find("nl"));
    assert_string_equal(C_("month", "May"), "mei");
    assert_string_equal(_("Not in the catalogue"), "Not in the catalogue");
    pthread_t t;
    void *seen;
    pthread_create(&t, NULL, other_thread, NULL);
    pthread_join(t, &seen);
    assert_ptr_equal(seen, i18n_english());
    i18n_use(NULL);
    assert_ptr_equal(i18n_current(), i18n_english());
    assert_string_equal(C_("month", "May"), "May");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_dutch),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_negotiate),
        cmocka_unit_test(test_plural_rules),
        cmocka_unit_test(test_load_catalogue_both_byte_orders),
        cmocka_unit_test(test_hostile_catalogues),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_language_is_per_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
