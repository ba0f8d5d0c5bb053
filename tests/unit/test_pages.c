/* test_pages.c: the learner pages (player/pages.h) built from modules made in memory: document
 * structure (one h1, lang, skip link), escaping, the catalogue filters, the level control, size. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "player/assets.h"
#include "player/pages.h"
#include "server/buf.h"

#define LEVELS(a, b, c) ((a ? 1u << 1 : 0) | (b ? 1u << 2 : 0) | (c ? 1u << 3 : 0))

static char *lifting_skills[] = {"safety", "lifting"};
static char *feedback_skills[] = {"feedback"};
static char *ppe_skills[] = {"safety"};

/* Sorted by title, as catalog_load leaves them. */
static struct module feedback = {
    .id = "giving-feedback", .title = "Giving <script>alert(1)</script> feedback",
    .summary = "Say what you saw & what you need.", .language = "en", .skills = feedback_skills,
    .nskills = 1, .minutes = 25, .levels = LEVELS(0, 0, 1),
};
static struct module lifting = {
    .id = "safe-lifting", .title = "Lifting boxes the safe way", .summary = "Lift without back pain.",
    .language = "nl", .skills = lifting_skills, .nskills = 2, .minutes = 10, .levels = LEVELS(1, 1, 0),
};
static struct module ppe = {
    .id = "odd id/1", .title = "Wearing gloves", .summary = "Which gloves, when.", .language = "en",
    .skills = ppe_skills, .nskills = 1, .minutes = 5, .levels = LEVELS(1, 0, 0),
};
static struct module *all_modules[] = {&feedback, &lifting, &ppe};
static struct catalog catalog = {.dir = "modules", .modules = all_modules, .len = 3};

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* The structure every page needs: doctype, lang, viewport, one h1, skip link first, landmarks. */
static void assert_page_frame(const char *html, size_t len, const char *lang)
{
    char want_lang[64];
    snprintf(want_lang, sizeof want_lang, "<html lang=\"%s\">", lang);
    assert_int_equal(strlen(html), len);
    assert_true(strncmp(html, "<!doctype html>", 15) == 0);
    assert_non_null(strstr(html, want_lang));
    assert_non_null(strstr(html, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
    assert_int_equal(count(html, "<h1"), 1);
    assert_int_equal(count(html, "<main id=\"main\">"), 1);
    assert_int_equal(count(html, "<header"), 1);
    assert_int_equal(count(html, "<footer"), 1);
    const char *skip = strstr(html, "<a class=\"skip\" href=\"#main\"");
    assert_non_null(skip);
    assert_true(skip == strstr(html, "<a "));           /* the first focusable element */
    const char *button = strstr(html, "<button"), *select = strstr(html, "<select");
    assert_true(!button || button > skip);
    assert_true(!select || select > skip);
    assert_non_null(strstr(html, "<a class=\"brand\" href=\"/\">Stepwise</a>"));
    assert_null(strstr(html, "http://"));                /* nothing external */
    assert_null(strstr(html, "https://"));
}

static char *catalogue(int level, const char *skill, int max_minutes, size_t *len)
{
    struct catalogue_filter f = {level, skill, max_minutes};
    return page_catalogue(&catalog, &f, NULL, NULL, 0, len);
}

static void test_catalogue_frame_and_escaping(void **state)
{
    (void)state;
    size_t len;
    char *html = catalogue(0, NULL, 0, &len);
    assert_page_frame(html, len, "en");
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "Giving &lt;script&gt;alert(1)&lt;/script&gt; feedback"));
    assert_non_null(strstr(html, "Say what you saw &amp; what you need."));
    assert_non_null(strstr(html, "href=\"/modules/odd%20id%2F1\""));
    assert_non_null(strstr(html, "href=\"/modules/safe-lifting\" hreflang=\"nl\""));
    assert_non_null(strstr(html, "3 modules</h2>"));
    assert_int_equal(count(html, "<li class=\"card\">"), 3);
    /* the levels offered, in words */
    assert_non_null(strstr(html, "<dd>Basic, Intermediate</dd>"));
    assert_non_null(strstr(html, "25 minutes"));
    /* a plain GET form with a submit button: works without JavaScript */
    assert_non_null(strstr(html, "<form class=\"filters\" method=\"get\" action=\"/\""));
    assert_non_null(strstr(html, "<button type=\"submit\">"));
    assert_non_null(strstr(html, "<label for=\"f-level\">"));
    assert_non_null(strstr(html, "<label for=\"f-skill\">"));
    assert_non_null(strstr(html, "<label for=\"f-minutes\">"));
    assert_null(strstr(html, "Clear filters"));
    free(html);
}

static void test_catalogue_skill_choices(void **state)
{
    (void)state;
    size_t len;
    char *html = catalogue(0, NULL, 0, &len);
    /* every skill once, sorted, after "Any skill" */
    const char *any = strstr(html, "<option value=\"\" selected>Any skill</option>");
    const char *fb = strstr(html, "<option value=\"feedback\">feedback</option>");
    /* a skill is a word of its module, in the module's language (here Dutch) */
    const char *li = strstr(html, "<option lang=\"nl\" value=\"lifting\">lifting</option>");
    const char *sa = strstr(html, "<option lang=\"nl\" value=\"safety\">safety</option>");
    assert_true(any && fb && li && sa);
    assert_true(any < fb && fb < li && li < sa);
    assert_int_equal(count(html, "value=\"safety\""), 1);
    free(html);
}

static void assert_shows(const char *html, const char *count_text, int fb, int li, int ppe_)
{
    assert_non_null(strstr(html, count_text));
    assert_int_equal(count(html, "href=\"/modules/giving-feedback\""), fb);
    assert_int_equal(count(html, "href=\"/modules/safe-lifting\""), li);
    assert_int_equal(count(html, "href=\"/modules/odd%20id%2F1\""), ppe_);
}

static void test_catalogue_filters(void **state)
{
    (void)state;
    size_t len;
    char *html = catalogue(3, NULL, 0, &len);
    assert_shows(html, ">1 module</h2>", 1, 0, 0);
    assert_non_null(strstr(html, "<option value=\"3\" selected>Advanced</option>"));
    assert_non_null(strstr(html, ">Clear filters</a>"));
    free(html);

    html = catalogue(0, "safety", 0, &len);
    assert_shows(html, ">2 modules</h2>", 0, 1, 1);
    assert_non_null(strstr(html, "<option lang=\"nl\" value=\"safety\" selected>safety</option>"));
    free(html);

    html = catalogue(0, NULL, 10, &len);
    assert_shows(html, ">2 modules</h2>", 0, 1, 1);
    assert_non_null(strstr(html, "<option value=\"10\" selected>10 minutes or less</option>"));
    free(html);

    html = catalogue(1, "lifting", 10, &len);
    assert_shows(html, ">1 module</h2>", 0, 1, 0);
    free(html);

    /* an empty skill (the "Any skill" option submitted) means any skill */
    html = catalogue(0, "", 0, &len);
    assert_shows(html, ">3 modules</h2>", 1, 1, 1);
    free(html);
}

static void test_catalogue_empty_and_odd_values(void **state)
{
    (void)state;
    size_t len;
    char *html = catalogue(2, "feedback", 0, &len);
    assert_shows(html, ">0 modules</h2>", 0, 0, 0);
    assert_non_null(strstr(html, "No modules match these filters."));
    assert_null(strstr(html, "<ul class=\"cards\">"));
    free(html);

    /* values from an old or typed URL stay visible in the form, escaped */
    html = catalogue(0, "<b>", 7, &len);
    assert_shows(html, ">0 modules</h2>", 0, 0, 0);
    assert_non_null(strstr(html, "<option value=\"&lt;b&gt;\" selected>&lt;b&gt;</option>"));
    const char *seven = strstr(html, "<option value=\"7\" selected>7 minutes or less</option>");
    assert_non_null(seven);
    assert_true(strstr(html, "<option value=\"5\"") < seven && seven < strstr(html, "<option value=\"10\""));
    free(html);

    /* an unknown level is "any level" */
    html = catalogue(9, NULL, 0, &len);
    assert_shows(html, ">3 modules</h2>", 1, 1, 1);
    assert_non_null(strstr(html, "<option value=\"\" selected>Any level</option>"));
    free(html);
}

static void test_module_page(void **state)
{
    (void)state;
    size_t len;
    const char *body = "<h2>Before you lift</h2>\n<p>Look at the box.</p>\n";
    char *html = page_module(&lifting, 2, body, &len);
    /* The page is in the interface language (English here); the Dutch module's own text says
     * it is Dutch. */
    assert_page_frame(html, len, "en");
    assert_non_null(strstr(html, "<h1 lang=\"nl\">Lifting boxes the safe way</h1>"));
    assert_non_null(strstr(html, "<p class=\"lead\" lang=\"nl\">Lift without back pain.</p>"));
    assert_non_null(strstr(html, "<title>Lifting boxes the safe way (Intermediate) – Stepwise</title>"));
    assert_non_null(strstr(html, "<div class=\"body\" lang=\"nl\" data-module=\"safe-lifting\""));
    assert_non_null(strstr(html, body));
    assert_non_null(strstr(html, "<header class=\"site\">"));
    /* level links: only the offered levels, the current one marked */
    assert_non_null(strstr(html, "<nav class=\"levels\" aria-label=\"Level\""));
    assert_non_null(strstr(html, "<a href=\"?level=1\">Basic</a>"));
    assert_non_null(strstr(html, "<a href=\"?level=2\" aria-current=\"page\">Intermediate</a>"));
    assert_null(strstr(html, "?level=3"));
    assert_int_equal(count(html, "aria-current"), 1);
    assert_non_null(strstr(html, "You are reading the <strong>Intermediate</strong> level."));
    assert_non_null(strstr(html, "href=\"/\">Back to all modules</a>"));
    free(html);

    html = page_module(&lifting, 1, body, &len);
    assert_non_null(strstr(html, "<a href=\"?level=1\" aria-current=\"page\">Basic</a>"));
    assert_non_null(strstr(html, "<a href=\"?level=2\">Intermediate</a>"));
    free(html);
}

static void test_module_page_escapes_and_one_level(void **state)
{
    (void)state;
    size_t len;
    char *html = page_module(&feedback, 3, "<p>x</p>", &len);
    assert_page_frame(html, len, "en");
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "<h1>Giving &lt;script&gt;alert(1)&lt;/script&gt; feedback</h1>"));
    assert_null(strstr(html, "<h1 lang="));  /* no extra lang for English on an English page */
    assert_null(strstr(html, "class=\"body\" lang="));
    assert_null(strstr(html, "<nav class=\"levels\""));  /* nothing to switch to */
    assert_non_null(strstr(html, "This module has one level: <strong>Advanced</strong>."));
    free(html);
}

static void test_lesson_page_size(void **state)
{
    (void)state;
    struct buf body;
    buf_init(&body);
    for (int i = 0; i < 12; i++)
        buf_printf(&body, "<h2>Step %d</h2>\n<p>Keep the load close to your body: the further away "
                          "it is, the harder your back works. Bend your knees.</p>\n", i + 1);
    buf_puts(&body, "<figure class=\"video\"><video controls preload=\"metadata\" "
                    "src=\"/modules/safe-lifting/media/lift.mp4\"><track kind=\"captions\" "
                    "src=\"/modules/safe-lifting/media/lift.en.vtt\" srclang=\"en\" label=\"English\" "
                    "default></video><figcaption>Lifting a box</figcaption></figure>\n");
    size_t len;
    char *html = page_module(&lifting, 1, body.data, &len);
    const struct asset *css = asset_find("style.css");
    assert_non_null(css);
    assert_true(css->len > 1000);
    assert_true(len + css->len < 30 * 1024);
    free(html);
    buf_free(&body);
}

static void test_error_page(void **state)
{
    (void)state;
    size_t len;
    char *html = page_error(404, "Page not found", "There is no module \"<x>\". Check the address.",
                            NULL, &len);
    assert_page_frame(html, len, "en");
    assert_non_null(strstr(html, "<h1>Page not found</h1>"));
    assert_non_null(strstr(html, "Error 404"));
    assert_non_null(strstr(html, "There is no module &quot;&lt;x&gt;&quot;. Check the address."));
    assert_non_null(strstr(html, "<a class=\"button\" href=\"/\">Go to all modules</a>"));
    free(html);
}

/* Signed in: the header's menu names the user and has the log-out form with the session's CSRF
 * token; signed out: a sign-in link and no form. */
static void test_viewer_in_header(void **state)
{
    (void)state;
    size_t len;
    struct page_viewer v = {"Anna <Jansen>", "tok&en", 0};
    char *html = page_error(403, "Not allowed", "No.", &v, &len);
    assert_page_frame(html, len, "en");
    const char *header = strstr(html, "<header"), *main = strstr(html, "<main");
    const char *form = strstr(html, "<form class=\"viewer\" method=\"post\" action=\"/logout\">");
    assert_true(form && form > header && form < main);
    assert_non_null(strstr(html, "signed in as </span><span class=\"who\">Anna &lt;Jansen&gt;</span>"));
    assert_non_null(strstr(html, "<input type=\"hidden\" name=\"csrf\" value=\"tok&amp;en\">"));
    assert_non_null(strstr(html, ">Log out / switch user</button>"));
    assert_null(strstr(html, "href=\"/login\""));
    free(html);

    html = page_error(404, "Gone", "No.", NULL, &len);
    assert_null(strstr(html, "action=\"/logout\""));
    assert_non_null(strstr(html, "<a class=\"signin\" href=\"/login\">Sign in</a>"));
    free(html);
}

/* A cached module page is shared: its slot is filled per request, and emptied for nobody. */
static void test_module_page_viewer_slot(void **state)
{
    (void)state;
    size_t len, n1, n2;
    char *html = page_module(&lifting, 1, "<p>x</p>", &len);
    assert_null(strstr(html, "action=\"/logout\""));
    struct page_viewer v = {"Piet", "abc", 0};
    char *mine = page_with_viewer(html, len, &v, &n1);
    char *anon = page_with_viewer(html, len, NULL, &n2);
    assert_int_equal(strlen(mine), n1);
    assert_non_null(strstr(mine, "signed in as </span><span class=\"who\">Piet</span>"));
    assert_non_null(strstr(mine, "value=\"abc\""));
    assert_null(strstr(mine, "stepwise:viewer"));
    assert_non_null(strstr(anon, "href=\"/login\">Sign in</a>"));
    assert_null(strstr(anon, "Piet"));
    assert_non_null(strstr(mine, "<p>x</p>"));
    free(html);
    free(mine);
    free(anon);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_catalogue_frame_and_escaping),
        cmocka_unit_test(test_catalogue_skill_choices),
        cmocka_unit_test(test_catalogue_filters),
        cmocka_unit_test(test_catalogue_empty_and_odd_values),
        cmocka_unit_test(test_module_page),
        cmocka_unit_test(test_module_page_escapes_and_one_level),
        cmocka_unit_test(test_lesson_page_size),
        cmocka_unit_test(test_error_page),
        cmocka_unit_test(test_viewer_in_header),
        cmocka_unit_test(test_module_page_viewer_slot),
    };
    return cmocka_run_group_tests_name("pages", tests, NULL, NULL);
}
