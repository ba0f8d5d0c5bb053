/* page_author_edit.c: the browser editor's page (see page_author_edit.h). One column that works on
 * a tablet and without JavaScript: the file in a big monospace text area, then the buttons, the
 * check findings (errors and warnings with their line) and the preview of one level. Messages
 * about the text are tied to the text area with aria-describedby. */
#include "player/page_author_edit.h"

#include <stdlib.h>
#include <string.h>

#include "content/module.h"
#include "player/i18n.h"
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

/* One sentence on the findings, read with the text area; empty when nothing was checked. */
static void put_findings_summary(struct buf *b, const struct diag_list *d)
{
    size_t errors = diag_count(d, DIAG_ERROR), warnings = diag_count(d, DIAG_WARNING);
    buf_puts(b, "<p id=\"edit-findings\">");
    if (!errors && !warnings) buf_puts(b, _("The check found no problems in this text."));
    else {
        struct buf e, w;
        buf_init(&e), buf_init(&w);
        /* TRANSLATORS: fills "The check found %1$s and %2$s": %1$zu the number of errors. */
        buf_printf(&e, n_("%1$zu error", "%1$zu errors", errors), errors);
        /* TRANSLATORS: fills "The check found %1$s and %2$s": %1$zu the number of warnings. */
        buf_printf(&w, n_("%1$zu warning", "%1$zu warnings", warnings), warnings);
        /* TRANSLATORS: %1$s the errors ("2 errors"), %2$s the warnings ("1 warning"). */
        buf_printf(b, _("The check found %1$s and %2$s, listed below with their line."), e.data,
                   w.data);
        buf_free(&e), buf_free(&w);
    }
    if (errors) buf_printf(b, " %s", _("Fix the errors: a text with errors is not saved."));
    buf_puts(b, "</p>\n");
}

static void put_finding(struct buf *b, const struct diag *d, const char *source_path)
{
    buf_printf(b, "<li class=\"%s\"><strong>%s</strong>", d->severity == DIAG_ERROR ? "error" : "warn",
               d->severity == DIAG_ERROR ? C_("finding", "Error") : C_("finding", "Warning"));
    if (source_path && strcmp(d->file, source_path)) {
        const char *slash = strrchr(d->file, '/');
        char *file = html_escape(slash ? slash + 1 : d->file);
        /* TRANSLATORS: after "Error" or "Warning": %1$s the file the finding is in. */
        buf_puts(b, " "), buf_printf(b, _("in %1$s"), file);
        free(file);
    }
    buf_puts(b, d->line > 0 ? ", " : "");
    /* TRANSLATORS: where a finding is in the module's file: %1$d the line, %2$d the column. */
    if (d->line > 0 && d->column > 0) buf_printf(b, _("line %1$d, column %2$d"), d->line, d->column);
    /* TRANSLATORS: where a finding is in the module's file: %1$d the line. */
    else if (d->line > 0) buf_printf(b, _("line %1$d"), d->line);
    buf_puts(b, ": ");
    diag_put_html(b, d);
    buf_puts(b, "</li>\n");
}

static void put_findings(struct buf *b, const struct page_author_edit *p)
{
    if (!p->findings || !p->findings->len) return;
    buf_printf(b, "<h2>%s</h2>\n<ul class=\"findings\">\n", _("Check findings"));
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
    buf_printf(b, "<div class=\"input\"><label for=\"edit-level\">%s</label>"
                  "<select id=\"edit-level\" name=\"level\">", _("Level to preview"));
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
    buf_printf(b, "<div class=\"input\"><label for=\"edit-source\">%s</label><p class=\"hint\" "
                  "id=\"edit-hint\">", _("The module file: front matter and Markdown"));
    /* TRANSLATORS: %1$s the line "---" and %2$s the field "id", both shown as code. */
    buf_printf(b, _("The lines between the two %1$s lines are the front matter; keep the %2$s as "
                    "it is. Preview shows the text without saving it."), "<code>---</code>",
               "<code>id</code>");
    buf_puts(b, "</p>\n");
    struct buf attrs;
    buf_init(&attrs);
    buf_printf(&attrs, "name=\"source\" rows=\"24\" spellcheck=\"false\" autocapitalize=\"off\" "
                       "autocomplete=\"off\" aria-describedby=\"edit-hint%s%s\"%s",
               p->error ? " edit-error" : "", p->findings ? " edit-findings" : "",
               p->error ? " aria-invalid=\"true\"" : "");
    i18n_put_text_lang(&attrs, p->lang);          /* the file is in the module's language */
    put_textarea(b, "edit-source", attrs.data, p->text);
    buf_free(&attrs);
    buf_puts(b, "</div>\n");
    if (p->findings) put_findings_summary(b, p->findings);
    put_level_choice(b, p);
    buf_printf(b, "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"preview\" "
                  "class=\"secondary\">%s</button><button type=\"submit\" name=\"action\" "
                  "value=\"save\">%s</button></div>\n</form>\n", C_("button", "Preview"),
               C_("button", "Save"));
}

/* After a conflict: the file as it is now, to copy from, and the way to start again from it. */
static void put_current(struct buf *b, const struct page_author_edit *p)
{
    if (!p->current) return;
    buf_printf(b, "<h2>%s</h2>\n<div class=\"input editor\"><label for=\"edit-current\">%s</label>",
               _("The file on disk now"), _("The file as it is now (read only)"));
    struct buf attrs;
    buf_init(&attrs);
    buf_puts(&attrs, "rows=\"12\" readonly spellcheck=\"false\"");
    i18n_put_text_lang(&attrs, p->lang);
    put_textarea(b, "edit-current", attrs.data, p->current);
    buf_free(&attrs);
    struct buf link;
    buf_init(&link);
    buf_puts(&link, "<a href=\"/author/edit/");
    buf_put_url_segment(&link, p->id);
    buf_printf(&link, "\">%s</a>", _("open the current file in the editor"));
    /* TRANSLATORS: %1$s a link with the words "open the current file in the editor". */
    buf_puts(b, "</div>\n<p>"), buf_printf(b, _("To start again from this version, copy your "
                                                "changes first, then %1$s."), link.data);
    buf_puts(b, "</p>\n");
    buf_free(&link);
}

static void put_preview(struct buf *b, const struct page_author_edit *p)
{
    if (!p->preview_html) return;
    const char *name = page_layout_level_name(p->level);
    /* TRANSLATORS: a heading: %1$s the level's name ("Basic"). */
    buf_puts(b, "<h2>"), buf_printf(b, _("Preview: %1$s level"), name ? name : "");
    buf_printf(b, "</h2>\n<p class=\"hint\">%s</p>\n", _("Not saved yet: learners see the "
                                                          "lesson as it is saved."));
    if (p->plain) {
        buf_printf(b, "<p class=\"plain-verdict\"><strong>%s</strong> ", _("Plain language:"));
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
    /* TRANSLATORS: a page title and heading: %1$s the module's title. */
    const char *edit = _("Edit: %1$s");
    buf_printf(&title, edit, p->title);
    page_layout_begin(&b, title.data, NULL, v);
    struct buf name;                /* the title, in the module's language */
    buf_init(&name);
    buf_puts(&name, "");
    i18n_put_in_lang(&name, p->title, p->lang);
    struct buf file, lesson, preview;
    buf_init(&file), buf_init(&lesson), buf_init(&preview);
    buf_puts(&file, "<code>");
    buf_put_html(&file, p->file);
    buf_puts(&file, "</code>");
    buf_puts(&lesson, "<a href=\"/modules/");
    buf_put_url_segment(&lesson, p->id);
    buf_printf(&lesson, "\">%s</a>", _("the lesson as learners see it"));
    buf_puts(&preview, "<a href=\"/author/modules/");
    buf_put_url_segment(&preview, p->id);
    buf_printf(&preview, "\">%s</a>", _("the author preview"));
    buf_puts(&b, "<h1>"), buf_printf(&b, edit, name.data), buf_puts(&b, "</h1>\n<p class=\"lead\">");
    /* TRANSLATORS: %1$s the module's file name, %2$s a link "the lesson as learners see it",
     * %3$s a link "the author preview". */
    buf_printf(&b, _("File %1$s. Open %2$s or %3$s."), file.data, lesson.data, preview.data);
    buf_puts(&b, "</p>\n");
    buf_free(&name), buf_free(&file), buf_free(&lesson), buf_free(&preview);
    put_messages(&b, p);
    put_form(&b, p);
    put_current(&b, p);
    put_findings(&b, p);
    put_preview(&b, p);
    page_layout_end(&b);
    buf_free(&title);
    return buf_detach(&b, len);
}
