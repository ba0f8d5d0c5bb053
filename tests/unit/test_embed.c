/* test_embed.c: ```video and ```audio blocks: the players' HTML (captions track, transcript,
 * download link), and each mistake: missing captions or transcript (an error and a visible
 * warning), wrong file types, unknown keys, paths that leave the module folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "content/embed.h"
#include "tests/unit/content_expect.h"

#define VALID MODULES_DATA "/valid/safe-lifting"
#define ERRORS MODULES_DATA "/media-errors"

/* Renders one embed of module folder dir (NULL: a single-file module) with its fence on line 20. */
static char *embed(const char *dir, const char *kind, const char *body, struct diag_list *d)
{
    struct module *m = fake_module(dir, "", 0x2);
    struct buf out;
    buf_init(&out);
    diag_list_init(d);
    embed_render(&out, m, kind, body, 20, NULL, d);
    module_free(m);
    return buf_detach(&out, NULL);
}

static void test_embed_kind(void **state)
{
    (void)state;
    assert_string_equal(embed_kind("video"), "video");
    assert_string_equal(embed_kind("audio extra"), "audio");
    assert_null(embed_kind("videos"));
    assert_null(embed_kind("c"));
}

static void test_video_player(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = embed(VALID, "video", "src: lift.mp4  # the clip\ncaptions: lift.en.vtt\n"
                                       "poster: lift.jpg\ntitle: Lifting a box\n", &d);
    assert_int_equal(d.len, 0);
    assert_non_null(strstr(html, "<figure class=\"video\">\n<figcaption>Lifting a box</figcaption>"));
    assert_non_null(strstr(html, "<video controls preload=\"metadata\" playsinline "
                                 "poster=\"/modules/fake/media/lift.jpg\">"));
    assert_non_null(strstr(html, "<source src=\"/modules/fake/media/lift.mp4\" type=\"video/mp4\">"));
    assert_non_null(strstr(html, "<track kind=\"captions\" src=\"/modules/fake/media/lift.en.vtt\" "
                                 "srclang=\"en\" label=\"English\" default>"));
    assert_non_null(strstr(html, "<a href=\"/modules/fake/media/lift.mp4\" download>Download the "
                                 "video: Lifting a box</a>\n</video>"));
    assert_null(strstr(html, "warning"));
    free(html);
    diag_list_free(&d);
}

static void test_audio_player_with_transcript(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = embed(VALID, "audio", "src: talk.mp3\ntranscript: talk.md\ntitle: 'A talk # 2'\n",
                       &d);
    assert_int_equal(d.len, 0);
    assert_non_null(strstr(html, "<figcaption>A talk # 2</figcaption>"));
    assert_non_null(strstr(html, "<audio controls preload=\"none\">\n<source src=\"/modules/fake/"
                                 "media/talk.mp3\" type=\"audio/mpeg\">"));
    assert_non_null(strstr(html, "<details class=\"transcript\"><summary>Transcript</summary>\n"
                                 "<h3>A talk about lifting</h3>"));
    assert_non_null(strstr(html, "<strong>Mentor:</strong> Always test the weight first."));
    free(html);
    diag_list_free(&d);
}

static void test_missing_captions_error_and_warning(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = embed(ERRORS, "video", "src: clip.mp4\ntitle: Clip\n", &d);
    const struct diag *e = find_diag(&d, DIAG_ERROR, 20, 1, "video \"clip.mp4\" has no captions: "
                                     "add \"captions: clip.en.vtt\" (a WebVTT file)");
    assert_non_null(e);
    assert_string_equal(e->file, "mem.md");
    assert_null(strstr(html, "<track"));
    assert_non_null(strstr(html, "<p class=\"warning\" role=\"note\">This video has no captions"));
    assert_non_null(strstr(html, "<video"));
    free(html);
    diag_list_free(&d);

    html = embed(ERRORS, "video", "src: clip.mp4\ncaptions: gone.vtt\ntitle: Clip\n", &d);
    assert_non_null(find_diag(&d, DIAG_ERROR, 22, 1, "captions \"gone.vtt\" is not in the module "
                                                     "folder"));
    assert_non_null(strstr(html, "class=\"warning\""));
    free(html);
    diag_list_free(&d);
}

static void test_missing_transcript_error_and_warning(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = embed(ERRORS, "audio", "src: talk.mp3\ntitle: Talk\n", &d);
    assert_non_null(find_diag(&d, DIAG_ERROR, 20, 1, "audio \"talk.mp3\" has no transcript"));
    assert_null(strstr(html, "<details"));
    assert_non_null(strstr(html, "<p class=\"warning\" role=\"note\">This podcast has no transcript"));
    free(html);
    diag_list_free(&d);
}

static const struct {
    const char *kind, *body;
    int line;
    const char *words;
} mistakes[] = {
    {"video", "src: clip.avi\ncaptions: clip.nl.vtt\ntitle: T\n", 21,
     "video \"clip.avi\" has the wrong type: use an .mp4 or .webm file"},
    {"video", "src: clip.mp4\ncaptions: clip.srt\ntitle: T\n", 22,
     "captions \"clip.srt\" has the wrong type"},
    {"audio", "src: clip.mp4\ntranscript: t.md\ntitle: T\n", 21, "audio \"clip.mp4\" has the wrong type"},
    {"video", "src: ../secret.mp4\ncaptions: clip.nl.vtt\ntitle: T\n", 21,
     "video \"../secret.mp4\" points outside the module folder"},
    {"video", "src: /etc/clip.mp4\ncaptions: clip.nl.vtt\ntitle: T\n", 21, "is an absolute path"},
    {"video", "src: https://example.com/a.mp4\ncaptions: clip.nl.vtt\ntitle: T\n", 21,
     "is a web address"},
    {"video", "src: clip.mp4\ncaptions: clip.nl.vtt\ntitle: T\ncolour: red\n", 24,
     "unknown key \"colour\" in video: the keys are src, captions, poster and title"},
    {"audio", "src: talk.mp3\ncaptions: clip.nl.vtt\ntitle: T\n", 22, "unknown key \"captions\" in audio"},
    {"video", "src: clip.mp4\ncaptions: clip.nl.vtt\n", 20, "video has no title"},
    {"video", "captions: clip.nl.vtt\ntitle: T\n", 20, "video has no file: add \"src: lift.mp4\""},
    {"video", "src: clip.mp4\nsrc: clip.mp4\ncaptions: clip.nl.vtt\ntitle: T\n", 22, "appears twice"},
    {"video", "src clip.mp4\ncaptions: clip.nl.vtt\ntitle: T\n", 21, "is not a \"key: value\" line"},
};

static void test_embed_mistakes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mistakes / sizeof mistakes[0]; i++) {
        struct diag_list d;
        char *html = embed(ERRORS, mistakes[i].kind, mistakes[i].body, &d);
        assert_non_null(find_diag(&d, DIAG_ERROR, mistakes[i].line, 1, mistakes[i].words));
        assert_null(strstr(html, "secret"));
        assert_null(strstr(html, "example.com"));
        free(html);
        diag_list_free(&d);
    }
}

static void test_single_file_module_has_no_media(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = embed(NULL, "video", "src: lift.mp4\ncaptions: lift.en.vtt\ntitle: T\n", &d);
    assert_non_null(find_diag(&d, DIAG_ERROR, 21, 1, "video \"lift.mp4\" needs a folder module"));
    assert_null(strstr(html, "<video"));
    assert_non_null(strstr(html, "class=\"warning\""));
    free(html);
    diag_list_free(&d);
}

/* A link inside the module folder that points outside it is refused like "..". */
static void test_symlink_out_of_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/stepwise-embed-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *target = realpath(MODULES_DATA "/secret.mp4", NULL);
    char *link = xasprintf("%s/clip.mp4", dir);
    assert_int_equal(symlink(target, link), 0);
    struct diag_list d;
    char *html = embed(dir, "video", "src: clip.mp4\ntitle: T\n", &d);
    assert_non_null(find_diag(&d, DIAG_ERROR, 21, 1, "is a link that leads outside the module folder"));
    assert_null(strstr(html, "<video"));
    free(html);
    diag_list_free(&d);
    unlink(link);
    rmdir(dir);
    free(link);
    free(target);
}

static void test_title_is_escaped(void **state)
{
    (void)state;
    struct diag_list d;
    char *html = embed(VALID, "video", "src: lift.mp4\ncaptions: lift.en.vtt\n"
                                       "title: <script>alert(\"x\")</script> & 'co'\n", &d);
    assert_int_equal(d.len, 0);
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "<figcaption>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                                 "&amp; &#39;co&#39;</figcaption>"));
    free(html);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_embed_kind),
        cmocka_unit_test(test_video_player),
        cmocka_unit_test(test_audio_player_with_transcript),
        cmocka_unit_test(test_missing_captions_error_and_warning),
        cmocka_unit_test(test_missing_transcript_error_and_warning),
        cmocka_unit_test(test_embed_mistakes),
        cmocka_unit_test(test_single_file_module_has_no_media),
        cmocka_unit_test(test_symlink_out_of_folder),
        cmocka_unit_test(test_title_is_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
