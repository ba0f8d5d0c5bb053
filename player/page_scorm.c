/* page_scorm.c: the page a SCORM package plays in (pages.h, page_scorm_play): the table of
 * contents of a multi-SCO package with each SCO's state, Previous and Next for flow navigation,
 * the sandboxed frame of the SCO, and a link that starts a new attempt. scorm-player.js fills
 * the frame and keeps the states up to date; without JavaScript the page says it needs it. */
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/page_layout.h"
#include "player/pages.h"
#include "server/buf.h"

static const char *state_label(const char *state)
{
    if (!strcmp(state, "passed")) return _("Passed");
    if (!strcmp(state, "completed")) return _("Done");
    if (!strcmp(state, "failed")) return _("Not passed yet");
    if (!strcmp(state, "in-progress")) return _("Started");
    return _("Not started");
}

static size_t visible_scos(const json_t *scos)
{
    size_t n = 0, i;
    json_t *s;
    json_array_foreach(scos, i, s) n += json_is_true(json_object_get(s, "visible"));
    return n;
}

static void put_toc(struct buf *b, const json_t *scos)
{
    buf_printf(b, "<nav class=\"scorm-toc\" aria-labelledby=\"scorm-toc-title\">\n"
                  "<h2 id=\"scorm-toc-title\">%s</h2>\n<ol>\n", _("Contents"));
    size_t i;
    json_t *s;
    json_array_foreach(scos, i, s) {
        if (!json_is_true(json_object_get(s, "visible"))) continue;
        const char *state = json_string_value(json_object_get(s, "state"));
        buf_puts(b, "<li><button type=\"button\" data-sco=\"");
        buf_put_html(b, json_string_value(json_object_get(s, "id")));
        buf_puts(b, "\">");
        buf_put_html(b, json_string_value(json_object_get(s, "title")));
        buf_printf(b, "</button> <span class=\"state %s\" data-state-of=\"", state);
        buf_put_html(b, json_string_value(json_object_get(s, "id")));
        buf_printf(b, "\">%s</span></li>\n", state_label(state));
    }
    buf_puts(b, "</ol>\n</nav>\n");
}

/* The JSON text in a data block: "</" cannot end the block early. */
static void put_json_block(struct buf *b, const char *json)
{
    buf_puts(b, "<script type=\"application/json\" id=\"scorm-data\">");
    for (const char *p = json; *p; p++) {
        if (p[0] == '<' && p[1] == '/') buf_puts(b, "<\\/"), p++;
        else buf_putc(b, *p);
    }
    buf_puts(b, "</script>\n");
}

char *page_scorm_play(const struct page_scorm *ps, const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, ps->title, NULL, v);
    buf_puts(&b, PAGE_SCORM_CSS "<h1>");
    buf_put_html(&b, ps->title);
    buf_puts(&b, "</h1>\n<p class=\"lead\">");
    if (ps->resumed) buf_printf(&b, _("Attempt %d: you go on where you stopped."), ps->attempt);
    else buf_printf(&b, _("Attempt %d."), ps->attempt);
    buf_puts(&b, "</p>\n<noscript><p class=\"notice error\">");
    buf_puts(&b, _("This lesson needs JavaScript. Turn it on in your browser to play it."));
    buf_puts(&b, "</p></noscript>\n");
    int multi = visible_scos(ps->scos) > 1;
    if (multi) put_toc(&b, ps->scos);
    buf_puts(&b, "<div class=\"scorm-player\">\n");
    if (multi)
        buf_printf(&b, "<p class=\"scorm-nav\"><button type=\"button\" class=\"secondary\" "
                       "id=\"scorm-previous\">%s</button> <button type=\"button\" "
                       "id=\"scorm-next\">%s</button></p>\n",
                   _("Previous"), _("Next"));
    buf_printf(&b, "<iframe id=\"scorm-frame\" title=\"%s\" sandbox=\"allow-scripts allow-forms "
                   "allow-popups allow-modals allow-downloads\"></iframe>\n",
               _("Lesson content"));
    buf_puts(&b, "<p id=\"scorm-status\" class=\"saved\" role=\"status\"></p>\n</div>\n");
    buf_puts(&b, "<p class=\"back\"><a class=\"button secondary\" href=\"/play/");
    buf_put_url_segment(&b, ps->id);
    buf_printf(&b, "?attempt=new\">%s</a> <a class=\"button secondary\" href=\"/modules/", 
               _("Start a new attempt"));
    buf_put_url_segment(&b, ps->id);
    buf_printf(&b, "\">%s</a></p>\n", _("Back to the lesson"));
    put_json_block(&b, ps->json);
    buf_printf(&b, "<script src=\"/static/scorm-again/%s\"></script>\n",
               ps->scorm12 ? "scorm12.min.js" : "scorm2004.min.js");
    buf_puts(&b, "<script src=\"/static/scorm-again/cross-frame-lms.min.js\"></script>\n"
                 "<script src=\"/static/scorm-player.js\"></script>\n");
    page_layout_end(&b);
    return buf_detach(&b, len);
}
