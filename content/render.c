/* render.c: Markdown to HTML with cmark in its safe default mode. The parsed tree is walked once:
 * embeds, questions (their form fields, no answers) and images become custom nodes holding HTML
 * written here (cmark prints those verbatim),
 * raw HTML is reported and removed, and a "#" heading in the body becomes "##". */
#include "content/render.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "content/embed.h"
#include "content/levels.h"
#include "content/media.h"
#include "content/question_html.h"
#include "player/i18n.h"
#include "server/buf.h"

struct walk {
    const struct module *m;
    const char *file;       /* named in diagnostics */
    int first_line;         /* line of file on which the Markdown starts */
    int transcript;         /* no embeds, headings two levels down */
    struct diag_list *diags;
    struct media_list *packaged;    /* NULL on the server; else links are made for a package */
    int questions;          /* questions not yet written; changes run backwards, so this is
                             * the number of the next one */
};

static int line_of(const struct walk *w, cmark_node *n)
{
    while (n && cmark_node_get_start_line(n) == 0) n = cmark_node_parent(n);
    return n ? cmark_node_get_start_line(n) + w->first_line - 1 : 0;
}

static int column_of(cmark_node *n)
{
    while (n && cmark_node_get_start_line(n) == 0) n = cmark_node_parent(n);
    return n ? cmark_node_get_start_column(n) : 0;
}

/* Replaces node by a custom node of the same kind (block or inline) holding html. */
static void replace_with_html(cmark_node *node, const char *html, cmark_node_type type)
{
    cmark_node *custom = cmark_node_new(type);
    cmark_node_set_on_enter(custom, html);
    cmark_node_replace(node, custom);
    cmark_node_free(node);
}

static void put_embed(struct walk *w, cmark_node *n)
{
    struct buf html;
    buf_init(&html);
    embed_render(&html, w->m, embed_kind(cmark_node_get_fence_info(n)), cmark_node_get_literal(n),
                 line_of(w, n), w->packaged, w->diags);
    replace_with_html(n, html.data, CMARK_NODE_CUSTOM_BLOCK);
    buf_free(&html);
}

/* A question becomes its form field, without its answers. Its errors were reported when the
 * module loaded (quiz_check); one that does not parse is left out. */
static void put_question(struct walk *w, cmark_node *n)
{
    struct diag_list ignored;
    diag_list_init(&ignored);
    struct question *q = question_parse(cmark_node_get_literal(n), w->file, line_of(w, n), 0,
                                        &ignored);
    diag_list_free(&ignored);
    struct buf html;
    buf_init(&html);
    if (q) question_html_field(&html, q, w->questions, w->m->language);
    w->questions--;
    replace_with_html(n, html.data ? html.data : "", CMARK_NODE_CUSTOM_BLOCK);
    buf_free(&html);
    question_free(q);
}

static int is_question(const struct walk *w, cmark_node *n)
{
    return !w->transcript && question_is_block(cmark_node_get_fence_info(n));
}

static void drop_raw_html(struct walk *w, cmark_node *n)
{
    const char *raw = cmark_node_get_literal(n);
    size_t len = strcspn(raw, "\r\n");
    diag_add(w->diags, DIAG_ERROR, w->file, line_of(w, n), column_of(n),
             "raw HTML \"%.*s%s\" is not allowed and was left out: write it in Markdown instead",
             len > 40 ? 40 : (int)len, raw, len > 40 ? "..." : "");
    cmark_node_unlink(n);
    cmark_node_free(n);
}

/* The plain text of an image's description, as HTML's alt attribute needs it. */
static void alt_text(struct buf *b, cmark_node *img)
{
    cmark_iter *it = cmark_iter_new(img);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER) continue;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) buf_puts(b, cmark_node_get_literal(n));
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) buf_putc(b, ' ');
    }
    cmark_iter_free(it);
}

static void warning_span(struct walk *w, struct buf *html, const char *text, const char *alt)
{
    buf_puts(html, "<span class=\"warning\" role=\"note\"");
    i18n_put_ui_lang(html, w->m->language);
    buf_puts(html, ">");
    buf_put_html(html, text);
    if (*alt) buf_puts(html, " ");
    buf_put_html(html, alt);
    buf_puts(html, "</span>");
}

/* Returns the image's file in the module folder (caller frees), or NULL after reporting why not. */
static char *image_file(const struct walk *w, const char *rel, int line, int col)
{
    char *err = NULL, *path = NULL;
    if (!w->m->media_dir) {
        diag_add(w->diags, DIAG_ERROR, w->file, line, col, "image \"%s\" needs a folder module: "
                 "move this file to a folder as index.md and put the image beside it", rel);
    } else if (!(path = media_resolve(w->m->media_dir, rel, &err))) {
        char *why = i18n_msg_word(err);
        diag_add(w->diags, DIAG_ERROR, w->file, line, col, "image \"%s\" %s", rel, why);
        free(why);
        free(err);
    } else if (!media_has_ext(rel, media_image_exts)) {
        diag_add(w->diags, DIAG_ERROR, w->file, line, col, "image \"%s\" has the wrong type: use %s", rel,
                 W_("a .jpg, .png, .gif or .webp picture"));
        free(path);
        path = NULL;
    }
    return path;
}

/* Checks an image and writes it as <img> with its URL under /modules/<id>/media/ (media/ in a
 * package). */
static void put_image(struct walk *w, cmark_node *img)
{
    struct buf alt, html;
    buf_init(&alt);
    buf_init(&html);
    alt_text(&alt, img);
    char *rel = media_url_decode(cmark_node_get_url(img));
    int line = line_of(w, img), col = column_of(img);
    if (!alt.len)
        diag_add(w->diags, DIAG_ERROR, w->file, line, col, "image \"%s\" has no alt text: "
                 "describe what it shows, e.g. ![A worker lifts a box with a straight back](%s)",
                 rel, rel);
    char *path = image_file(w, rel, line, col);
    if (path) {
        struct buf url;
        buf_init(&url);
        media_put_url(&url, w->m->id, rel, w->packaged);
        buf_puts(&html, "<img src=\"");
        buf_put_html(&html, url.data);
        buf_puts(&html, "\" alt=\"");
        buf_put_html(&html, alt.len ? alt.data : "");
        buf_puts(&html, "\" loading=\"lazy\">");
        buf_free(&url);
        if (!alt.len) warning_span(w, &html, _("This picture has no description yet."), "");
    } else {
        warning_span(w, &html, _("Picture missing:"), alt.len ? alt.data : rel);
    }
    replace_with_html(img, html.data, CMARK_NODE_CUSTOM_INLINE);
    free(path);
    free(rel);
    buf_free(&alt);
    buf_free(&html);
}

static void fix_heading(struct walk *w, cmark_node *h)
{
    int level = cmark_node_get_heading_level(h);
    if (w->transcript) {
        cmark_node_set_heading_level(h, level + 2 > 6 ? 6 : level + 2);
    } else if (level == 1) {
        diag_add(w->diags, DIAG_ERROR, w->file, line_of(w, h), column_of(h),
                 "a \"#\" heading in the body: start sections with \"##\" (the module title is "
                 "the page's only \"#\" heading)");
        cmark_node_set_heading_level(h, 2);
    }
}

/* In a package, a link to a path of the server ("/modules/other") would lead into the host LMS:
 * its text stays, the link goes. */
static int is_server_link(const struct walk *w, cmark_node *n)
{
    const char *url = cmark_node_get_url(n);
    return w->packaged && url && url[0] == '/' && url[1] != '/';
}

static void unlink_keeping_text(cmark_node *link)
{
    cmark_node *child;
    while ((child = cmark_node_first_child(link))) cmark_node_insert_before(link, child);
    cmark_node_unlink(link);
    cmark_node_free(link);
}

/* Nodes to change are collected first: the iterator must not see a node that was replaced. */
static int needs_change(const struct walk *w, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_CODE_BLOCK:
        return is_question(w, n) || (!w->transcript && embed_kind(cmark_node_get_fence_info(n)));
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_HEADING: return 1;
    case CMARK_NODE_LINK: return is_server_link(w, n);
    default: return 0;
    }
}

static void change(struct walk *w, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_CODE_BLOCK: is_question(w, n) ? put_question(w, n) : put_embed(w, n); break;
    case CMARK_NODE_IMAGE: put_image(w, n); break;
    case CMARK_NODE_HEADING: fix_heading(w, n); break;
    case CMARK_NODE_LINK: unlink_keeping_text(n); break;
    default: drop_raw_html(w, n); break;
    }
}

static char *render_markdown(struct walk *w, const char *md)
{
    struct diag_list found, *caller = w->diags;
    diag_list_init(&found);
    w->diags = &found;
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    cmark_node **todo = NULL;
    size_t n = 0, cap = 0;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || !needs_change(w, node)) continue;
        if (n == cap) todo = xrealloc(todo, (cap = cap ? cap * 2 : 16) * sizeof *todo);
        todo[n++] = node;
        if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK)
            w->questions += is_question(w, node);
    }
    cmark_iter_free(it);
    /* Backwards, so raw HTML inside an image goes before the image (and its children) does. */
    while (n--) change(w, todo[n]);
    free(todo);
    diag_sort(&found);
    diag_list_move(caller, &found);
    w->diags = caller;
    char *out = cmark_render_html(doc, CMARK_OPT_DEFAULT);
    char *html = xstrdup(out);
    cmark_get_default_mem_allocator()->free(out);
    cmark_node_free(doc);
    return html;
}

char *render_module_packaged(const struct module *m, int level, struct media_list *packaged,
                             struct diag_list *diags)
{
    if (!module_has_level(m, level)) return NULL;
    char *md = levels_select(m->markdown, level);
    struct walk w = {.m = m, .file = m->source_path, .first_line = m->body_line, .diags = diags,
                     .packaged = packaged};
    char *html = render_markdown(&w, md);
    free(md);
    return html;
}

char *render_module(const struct module *m, int level, struct diag_list *diags)
{
    return render_module_packaged(m, level, NULL, diags);
}

char *render_transcript(const struct module *m, const char *md, const char *file,
                        struct media_list *packaged, struct diag_list *diags)
{
    struct walk w = {.m = m, .file = file, .first_line = 1, .transcript = 1, .diags = diags,
                     .packaged = packaged};
    return render_markdown(&w, md);
}
