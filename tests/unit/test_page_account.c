/* test_page_account.c: the account pages and the QR code: escaping, CSRF fields in every form,
 * the sign-in page's "next" field, the card page with and without its code, and QR sizes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "player/page_account.h"
#include "player/qr_svg.h"
#include "server/auth.h"

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle)) n++;
    return n;
}

static struct store_user anna = {.id = 7, .login = "anna", .display_name = "Anna <b>de</b> Vries",
                                 .language = "nl", .roles = ROLE_ADMIN, .active = 1};
static const struct page_viewer admin = {"Ada", "tok123", 0};

static void test_login_page(void **state)
{
    (void)state;
    size_t len;
    struct page_login p = {"pre\"csrf", "an\"na", "/admin/users", "Wrong <x>", NULL};
    char *html = page_login(&p, NULL, &len);
    assert_int_equal(strlen(html), len);
    assert_non_null(strstr(html, "<h1>Sign in</h1>"));
    assert_non_null(strstr(html, "name=\"csrf\" value=\"pre&quot;csrf\""));
    assert_non_null(strstr(html, "<input type=\"hidden\" name=\"next\" value=\"/admin/users\">"));
    assert_non_null(strstr(html, "value=\"an&quot;na\""));
    assert_non_null(strstr(html, "<div class=\"alert\" role=\"alert\"><p>Wrong &lt;x&gt;</p></div>"));
    assert_non_null(strstr(html, "autocomplete=\"current-password\""));
    assert_null(strstr(html, "role=\"status\""));
    free(html);
    struct page_login q = {"t", NULL, NULL, NULL, "You are signed out."};
    html = page_login(&q, NULL, &len);
    assert_null(strstr(html, "name=\"next\""));
    assert_null(strstr(html, "role=\"alert\""));
    assert_non_null(strstr(html, "role=\"status\"><p>You are signed out.</p>"));
    free(html);
}

static void test_admin_pages_carry_csrf(void **state)
{
    (void)state;
    size_t len;
    struct page_user_form f = {"x", "<i>X</i>", "en", ROLE_AUTHOR, "Fix it"};
    char *html = page_admin_users(&anna, 1, &f, &admin, &len);
    assert_int_equal(count(html, "<form"), count(html, "name=\"csrf\" value=\"tok123\""));
    assert_non_null(strstr(html, "<a href=\"/admin/users/7\">Anna &lt;b&gt;de&lt;/b&gt; Vries</a>"));
    assert_non_null(strstr(html, "value=\"&lt;i&gt;X&lt;/i&gt;\""));
    assert_non_null(strstr(html, "id=\"role_author\" name=\"role_author\" value=\"1\" checked"));
    assert_non_null(strstr(html, "role=\"alert\"><p>Fix it</p>"));
    free(html);

    struct store_card card = {.id = 1, .user_id = 7, .issued = 1764000000};
    html = page_admin_user(&anna, &card, "Saved.", "baka-dufo-gimo-hute", NULL, &admin, &len);
    assert_int_equal(count(html, "<form"), count(html, "name=\"csrf\" value=\"tok123\""));
    assert_true(count(html, "<form") >= 5);   /* log out, details, password, new card, block */
    assert_non_null(strstr(html, "<strong class=\"password\">baka-dufo-gimo-hute</strong>"));
    assert_non_null(strstr(html, "made on <time datetime=\"2025-11-24\">24 November 2025</time>"));
    assert_non_null(strstr(html, "action=\"/admin/users/7/card/revoke\""));
    assert_non_null(strstr(html, "id=\"active\" name=\"active\" value=\"1\" checked"));
    free(html);
    html = page_admin_user(&anna, NULL, NULL, NULL, NULL, &admin, &len);
    assert_null(strstr(html, "/card/revoke"));
    assert_non_null(strstr(html, ">Make a login card</button>"));
    free(html);
}

static void test_card_page(void **state)
{
    (void)state;
    size_t len;
    char *html = page_login_card(&anna, NULL, "https://learn.example/card/abc", &admin, &len);
    assert_non_null(strstr(html, "<h2 id=\"card-name\">Anna &lt;b&gt;de&lt;/b&gt; Vries</h2>"));
    assert_non_null(strstr(html, "<svg class=\"qr\""));
    assert_non_null(strstr(html, "<code class=\"card-url\">https://learn.example/card/abc</code>"));
    free(html);
    struct store_card card = {.issued = 1764000000};
    html = page_login_card(&anna, &card, NULL, &admin, &len);
    assert_null(strstr(html, "<svg"));
    assert_non_null(strstr(html, "cannot print this card again"));
    assert_non_null(strstr(html, "action=\"/admin/users/7/card\""));
    assert_non_null(strstr(html, "name=\"csrf\" value=\"tok123\""));
    free(html);
}

/* A version 1 code is 21 modules wide, plus the quiet zone of 4 on each side; the card's URL
 * (about 70 characters) needs a larger version; too much text for any QR code gives NULL. */
static void test_qr_svg(void **state)
{
    (void)state;
    char *svg = qr_svg("hi", "A <label>");
    assert_non_null(strstr(svg, "viewBox=\"0 0 29 29\""));
    assert_non_null(strstr(svg, "aria-label=\"A &lt;label&gt;\""));
    assert_non_null(strstr(svg, "M4 4h1v1h-1z"));        /* the finder pattern's corner is dark */
    assert_null(strstr(svg, "M0 0h1"));                  /* the quiet zone is light */
    free(svg);
    svg = qr_svg("https://learn.example/card/9GJ3u-uwNY0-Va6K138aN4kb5cOkGKeOUc2RdgF8bmk", "x");
    int size = 0;
    assert_int_equal(sscanf(strstr(svg, "viewBox"), "viewBox=\"0 0 %d", &size), 1);
    assert_true(size > 29 && (size - 8 - 17) % 4 == 0);
    free(svg);
    char *huge = malloc(5000);
    memset(huge, 'x', 4999);
    huge[4999] = '\0';
    assert_null(qr_svg(huge, "x"));
    free(huge);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_login_page),
        cmocka_unit_test(test_admin_pages_carry_csrf),
        cmocka_unit_test(test_card_page),
        cmocka_unit_test(test_qr_svg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
