/* test_render.c: a module body as HTML: safe by default (raw HTML is reported and never output,
 * text and alt text are escaped), images checked and moved under /modules/<id>/media/, "#"
 * headings turned into "##", embeds replaced by players. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/render.h"
#include "tests/unit/content_expect.h"

#define VALID MODULES_DATA "/valid/safe-lifting"

/* Renders md (body starting on line 10) at level 1 of a module over folder dir. */
static char *render(const char *dir, const char *md, struct diag_list *d)
{
    struct module *m = fake_module(dir, md, 0x2);
    diag_list_init(d);
    char *html = render_module(m, 1, d);
    module_free(m);
    return html;
}

static void test_raw_html_never_output(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = render(VALID, "Intro\n\n<script>alert(1)</script>\n\nA <b onclick=\"x()\">bold</b> "
                               "word and <img src=x onerror=y>.\n\n<div>\nblock\n</div>\n", &d);
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b"));
    assert_null(strstr(html, "onerror"));
    assert_null(strstr(html, "<div"));
    assert_null(strstr(html, "raw HTML omitted"));
    assert_non_null(strstr(html, "<p>A bold word and .</p>"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 12, 1, "raw HTML \"<script>alert(1)</script>\" is "
                                                     "not allowed"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 14, 3, "raw HTML \"<b onclick=\"x()\">\""));
    assert_non_null(find_diag(&d, DIAG_ERROR, 16, 1, "raw HTML \"<div>\""));
    assert_int_equal(d.len, 5);
    free(html);
    diag_list_free(&d);
}

static void test_text_is_escaped(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = render(VALID, "Tom &amp; \"Jerry\" say 5 \\< 6 > 4 & 'so'\n\n"
                               "![A <b>box</b> & \"crate\" 'x'](lift.jpg)\n", &d);
    assert_non_null(strstr(html, "<p>Tom &amp; &quot;Jerry&quot; say 5 &lt; 6 &gt; 4 &amp; "));
    assert_non_null(strstr(html, "alt=\"A box &amp; &quot;crate&quot; &#39;x&#39;\""));
    assert_non_null(find_diag(&d, DIAG_ERROR, 12, 5, "raw HTML \"<b>\""));
    free(html);
    diag_list_free(&d);
}

static void test_images(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = render(VALID, "![Boxes](photos/box%20stack.jpg)\n\n![](lift.jpg)\n\n"
                               "![Web](http://example.com/x.jpg)\n\n![Away](../secret.mp4)\n\n"
                               "![Gone](gone.jpg)\n\n![Logo](logo.svg)\n\n![Hidden](.secret.jpg)\n",
                 &d);
    assert_non_null(strstr(html, "<img src=\"/modules/fake/media/photos/box%20stack.jpg\" "
                                 "alt=\"Boxes\" loading=\"lazy\">"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 12, 1, "image \"lift.jpg\" has no alt text: "
                                                     "describe what it shows"));
    assert_non_null(strstr(html, "alt=\"\" loading=\"lazy\"><span class=\"warning\" role=\"note\">"
                                 "This picture has no description yet.</span>"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 14, 1, "image \"http://example.com/x.jpg\" is a web "
                                                     "address"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 16, 1, "image \"../secret.mp4\" points outside"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 18, 1, "image \"gone.jpg\" is not in the module "
                                                     "folder"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 20, 1, "image \"logo.svg\" has the wrong type: use "
                                                     "a .jpg, .png, .gif or .webp picture"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 22, 1, "image \".secret.jpg\" points outside the "
                                                     "module folder or names a hidden file"));
    assert_null(strstr(html, "example.com"));
    assert_null(strstr(html, "secret"));
    assert_null(strstr(html, "logo.svg"));
    assert_non_null(strstr(html, "Picture missing: Gone"));
    assert_int_equal(d.len, 6);
    free(html);
    diag_list_free(&d);
}

static void test_single_file_module_images(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = render(NULL, "Text\n\n![A box](lift.jpg)\n", &d);
    assert_non_null(find_diag(&d, DIAG_ERROR, 12, 1, "image \"lift.jpg\" needs a folder module"));
    assert_null(strstr(html, "<img"));
    free(html);
    diag_list_free(&d);
}

static void test_h1_becomes_h2(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = render(VALID, "# Big\n\n## Section\n\nSetext\n======\n", &d);
    assert_null(strstr(html, "<h1"));
    assert_non_null(strstr(html, "<h2>Big</h2>\n<h2>Section</h2>\n<h2>Setext</h2>"));
    assert_non_null(find_diag(&d, DIAG_ERROR, 10, 1, "a \"#\" heading in the body: start sections "
                                                     "with \"##\""));
    assert_non_null(find_diag(&d, DIAG_ERROR, 14, 1, "\"#\" heading"));
    assert_int_equal(d.len, 2);
    free(html);
    diag_list_free(&d);
}

static void test_links_unchanged_and_unsafe_urls_dropped(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = render(VALID, "[guide](https://example.com/a?b=1&c=2) [bad](javascript:alert(1))\n",
                        &d);
    assert_non_null(strstr(html, "<a href=\"https://example.com/a?b=1&amp;c=2\">guide</a>"));
    assert_null(strstr(html, "javascript"));
    assert_int_equal(d.len, 0);
    free(html);
    diag_list_free(&d);
}

static void test_embed_inside_level_fence(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_load(VALID, &d);
    assert_non_null(m);
    char *l1 = render_module(m, 1, &d), *l2 = render_module(m, 2, &d);
    assert_int_equal(d.len, 0);
    assert_non_null(strstr(l1, "<video"));
    assert_null(strstr(l1, "<audio"));
    assert_non_null(strstr(l2, "<audio"));
    assert_null(strstr(l2, "<video"));
    assert_null(strstr(l1, "```"));
    assert_null(render_module(m, 3, &d));
    free(l1);
    free(l2);
    module_free(m);
    diag_list_free(&d);
}

static void test_transcript_findings_name_the_transcript(void **state)
{
    (void)state;
    struct module *m = fake_module(VALID, "", 0x2);
    struct diag_list d;
    diag_list_init(&d);
    char *html = render_transcript(m, "# Talk\n\nHi <em>there</em>\n", "dir/talk.md", NULL, &d);
    assert_non_null(strstr(html, "<h3>Talk</h3>"));
    assert_null(strstr(html, "<em>"));
    const struct diag *e = find_diag(&d, DIAG_ERROR, 3, 4, "raw HTML \"<em>\"");
    assert_non_null(e);
    assert_string_equal(e->file, "dir/talk.md");
    free(html);
    module_free(m);
    diag_list_free(&d);
}

/* Every cut-off version of a body full of mistakes renders without crashing (ASan watches), and
 * never lets raw HTML through. */
static void test_every_prefix_renders(void **state)
{
    (void)state;
    static const char md[] = "# T\n\n::: level 1\n```video\nsrc: lift.mp4\ncaptions: lift.en.vtt\n"
                             "title: <b>\n```\n:::\n\n![a <i>b</i>](lift.jpg \"t\")\n\n"
                             "```audio\nsrc: talk.mp3\ntranscript: talk.md\n```\n<p>x</p>\n";
    for (size_t n = 0; n <= sizeof md - 1; n++) {
        char *cut = xstrndup(md, n);
        struct diag_list d;
        char *html = render(VALID, cut, &d);
        assert_non_null(html);
        assert_null(strstr(html, "<b>"));
        assert_null(strstr(html, "<i>"));
        assert_null(strstr(html, "<p>x"));
        free(html);
        free(cut);
        diag_list_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raw_html_never_output),
        cmocka_unit_test(test_text_is_escaped),
        cmocka_unit_test(test_images),
        cmocka_unit_test(test_single_file_module_images),
        cmocka_unit_test(test_h1_becomes_h2),
        cmocka_unit_test(test_links_unchanged_and_unsafe_urls_dropped),
        cmocka_unit_test(test_embed_inside_level_fence),
        cmocka_unit_test(test_transcript_findings_name_the_transcript),
        cmocka_unit_test(test_every_prefix_renders),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
