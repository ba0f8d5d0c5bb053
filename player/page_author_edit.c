/* page_author_edit.c: the browser editor's page (see page_author_edit.h). One column that works on
 * a tablet and without JavaScript: the file in a big monospace text area, then the buttons, the
 * check findings (errors and warnings with their line) and the preview of one level. Messages
 * about the text are tied to the text area with aria-describedby. */
#include "player/page_author_edit.h"

#include <string.h>

#include "content/module.h"
#include "player/page_layout.h"
#include "server/buf.h"

static void put_hidden(struct buf *b, const char *name, const char *value)
{
    buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    buf_put_html(b, value ? value : "");
    buf_puts(b, "\">\n");
}

/* A text area holding text exactly: the parser drops one newline right after <textarea>, so one
 * is always written there, and a file that starts with an empty line keeps it. */
static void put_textarea(struct buf *b, const char *id, const char *attrs, const char *text)
{
    buf_printf(b, "<textarea id=\"%s\" %s>\n", id, attrs);
    buf_put_html(b, text ? text : "");
    buf_puts(b, "</textarea>\n");
}

static void put_messages(struct buf *b, const struct page_author_edit *p)
{
    if (p->notice) {
        buf_puts(b, "<div class=\"notice\" role=\"status\"><p>");
        buf_put_html(b, p->notice);
        buf_puts(b, "</p></div>\n");
    }
    if (p->error) {
        buf_puts(b, "<div class=\"alert\" role=\"alert\"><p id=\"edit-error\">");
        buf_put_html(b, p->error);
        buf_puts(b, "</p></div>\n");
    }
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* One sentence on the findings, read with the text area; empty when nothing was checked. */
static void put_findings_summary(struct buf *b, const struct diag_list *d)
{
    size_t errors = diag_count(d, DIAG_ERROR), warnings = diag_count(d, DIAG_WARNING);
    buf_puts(b, "<p id=\"edit-findings\">");
    if (!errors && !warnings) buf_puts(b, "The check found no problems in this text.");
    else buf_printf(b, "The check found %zu error%s and %zu warning%s, listed below with their "
                       "line.%s", errors, plural(errors), warnings, plural(warnings),
                    errors ? " Fix the errors: a text with errors is not saved." : "");
    buf_puts(b, "</p>\n");
}

static void put_finding(struct buf *b, const struct diag *d, const char *source_path)
{
    buf_printf(b, "<li class=\"%s\"><strong>%s</strong>", d->severity == DIAG_ERROR ? "error" : "warn",
               d->severity == DIAG_ERROR ? "Error" : "Warning");
    if (source_path && strcmp(d->file, source_path)) {
        const char *slash = strrchr(d->file, '/');
        buf_puts(b, " in ");
        buf_put_html(b, slash ? slash + 1 : d->file);
    }
    if (d->line > 0) buf_printf(b, ", line %d", d->line);
    if (d->line > 0 && d->column > 0) buf_printf(b, ", column %d", d->column);
    buf_puts(b, ": ");
    buf_put_html(b, d->message);
    buf_puts(b, "</li>\n");
}

static void put_findings(struct buf *b, const struct page_author_edit *p)
{
    if (!p->findings || !p->findings->len) return;
    buf_puts(b, "<h2>Check findings</h2>\n<ul class=\"findings\">\n");
    for (size_t i = 0; i < p->findings->len; i++) put_finding(b, &p->findings->items[i], p->source_path);
    buf_puts(b, "</ul>\n");
}

static int count_levels(unsigned levels)
{
    int n = 0;
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) n += (levels >> l) & 1u;
    return n;
}

static void put_level_choice(struct buf *b, const struct page_author_edit *p)
{
    if (count_levels(p->levels) < 2) return;
    buf_puts(b, "<div class=\"input\"><label for=\"edit-level\">Level to preview</label>"
                "<select id=\"edit-level\" name=\"level\">");
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++)
        if ((p->levels >> l) & 1u)
            buf_printf(b, "<option value=\"%d\"%s>%s</option>", l, l == p->level ? " selected" : "",
                       page_layout_level_name(l));
    buf_puts(b, "</select></div>\n");
}

static void put_form(struct buf *b, const struct page_author_edit *p)
{
    buf_puts(b, "<form class=\"stack editor\" method=\"post\" action=\"/author/edit/");
    buf_put_url_segment(b, p->id);
    buf_puts(b, "\">\n");
    put_hidden(b, "csrf", p->csrf);
    put_hidden(b, "base", p->base);
    buf_puts(b, "<div class=\"input\"><label for=\"edit-source\">The module file: front matter "
                "and Markdown</label><p class=\"hint\" id=\"edit-hint\">The lines between the two "
                "<code>---</code> lines are the front matter; keep the <code>id</code> as it is. "
                "Preview shows the text without saving it.</p>\n");
    struct buf attrs;
    buf_init(&attrs);
    buf_printf(&attrs, "name=\"source\" rows=\"24\" spellcheck=\"false\" autocapitalize=\"off\" "
                       "autocomplete=\"off\" aria-describedby=\"edit-hint%s%s\"%s",
               p->error ? " edit-error" : "", p->findings ? " edit-findings" : "",
               p->error ? " aria-invalid=\"true\"" : "");
    put_textarea(b, "edit-source", attrs.data, p->text);
    buf_free(&attrs);
    buf_puts(b, "</div>\n");
    if (p->findings) put_findings_summary(b, p->findings);
    put_level_choice(b, p);
    buf_puts(b, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"preview\" "
                "class=\"secondary\">Preview</button><button type=\"submit\" name=\"action\" "
                "value=\"save\">Save</button></div>\n</form>\n");
}

/* After a conflict: the file as it is now, to copy from, and the way to start again from it. */
static void put_current(struct buf *b, const struct page_author_edit *p)
{
    if (!p->current) return;
    buf_puts(b, "<h2>The file on disk now</h2>\n<div class=\"input editor\"><label for=\"edit-current\">"
                "The file as it is now (read only)</label>");
    put_textarea(b, "edit-current", "rows=\"12\" readonly spellcheck=\"false\"", p->current);
    buf_puts(b, "</div>\n<p>To start again from this version, copy your changes first, then "
                "<a href=\"/author/edit/");
    buf_put_url_segment(b, p->id);
    buf_puts(b, "\">open the current file in the editor</a>.</p>\n");
}

static void put_preview(struct buf *b, const struct page_author_edit *p)
{
    if (!p->preview_html) return;
    const char *name = page_layout_level_name(p->level);
    buf_printf(b, "<h2>Preview: %s level</h2>\n<p class=\"hint\">Not saved yet: learners see the "
                  "lesson as it is saved.</p>\n", name ? name : "");
    if (p->plain) {
        buf_puts(b, "<p class=\"plain-verdict\"><strong>Plain language:</strong> ");
        buf_put_html(b, p->plain);
        buf_puts(b, "</p>\n");
    }
    buf_puts(b, "<div class=\"body preview\" lang=\"");
    buf_put_html(b, p->lang ? p->lang : "en");
    buf_puts(b, "\">\n");
    buf_puts(b, p->preview_html);
    buf_puts(b, "\n</div>\n");
}

char *page_author_edit(const struct page_author_edit *p, const struct page_viewer *v, size_t *len)
{
    struct buf b, title;
    buf_init(&b);
    buf_init(&title);
    buf_printf(&title, "Edit: %s", p->title);
    page_layout_begin(&b, "en", title.data, NULL, v);
    buf_puts(&b, PAGE_AUTHOR_CSS);
    buf_puts(&b, "<h1>Edit: ");
    buf_put_html(&b, p->title);
    buf_puts(&b, "</h1>\n<p class=\"lead\">File <code>");
    buf_put_html(&b, p->file);
    buf_puts(&b, "</code>. Open <a href=\"/modules/");
    buf_put_url_segment(&b, p->id);
    buf_puts(&b, "\">the lesson as learners see it</a> or <a href=\"/author/modules/");
    buf_put_url_segment(&b, p->id);
    buf_puts(&b, "\">the author preview</a>.</p>\n");
    put_messages(&b, p);
    put_form(&b, p);
    put_current(&b, p);
    put_findings(&b, p);
    put_preview(&b, p);
    page_layout_end(&b, "en");
    buf_free(&title);
    return buf_detach(&b, len);
}
