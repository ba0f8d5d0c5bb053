/* page_author_import.c: the import page (see page_author_import.h). One column without
 * JavaScript: the outcome on top (a status or an alert), the findings as a list, then the form;
 * the hints are tied to their fields with aria-describedby. */
#include "player/page_author_import.h"

#include "player/page_layout.h"
#include "server/buf.h"

static void put_field(struct buf *b, const char *name, const char *label, const char *hint,
                      const char *type, const char *value)
{
    buf_printf(b, "<div class=\"input\"><label for=\"import-%s\">%s</label>", name, label);
    if (hint) buf_printf(b, "<p class=\"hint\" id=\"import-%s-hint\">%s</p>", name, hint);
    buf_printf(b, "<input id=\"import-%s\" name=\"%s\" type=\"%s\"", name, name, type);
    if (hint) buf_printf(b, " aria-describedby=\"import-%s-hint\"", name);
    buf_puts(b, " value=\"");
    buf_put_html(b, value ? value : "");
    buf_puts(b, "\"></div>\n");
}

static void put_outcome(struct buf *b, const struct page_author_import *p)
{
    if (p->imported_id) {
        buf_puts(b, "<div class=\"notice\" role=\"status\"><p>Imported: version ");
        buf_printf(b, "%d of <a href=\"/modules/", p->imported_version);
        buf_put_url_segment(b, p->imported_id);
        buf_puts(b, "\">");
        buf_put_html(b, p->imported_id);
        buf_puts(b, "</a>. It is in the catalogue now.</p></div>\n");
    } else if (p->error) {
        buf_puts(b, "<div class=\"alert\" role=\"alert\"><p>Nothing was imported: ");
        buf_put_html(b, p->error);
        buf_puts(b, "</p></div>\n");
    }
    if (!p->findings || !p->findings->len) return;
    buf_puts(b, "<h2>What the import found</h2>\n<ul class=\"findings\">\n");
    for (size_t i = 0; i < p->findings->len; i++) {
        const struct diag *d = &p->findings->items[i];
        int error = d->severity == DIAG_ERROR;
        buf_printf(b, "<li class=\"%s\"><strong>%s</strong>", error ? "error" : "warn",
                   error ? "Error" : "Not supported");
        if (d->line) buf_printf(b, " (line %d of the manifest)", d->line);
        buf_puts(b, ": ");
        buf_put_html(b, d->message);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
}

char *page_author_import(const struct page_author_import *p, const struct page_viewer *v,
                         size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "en", "Import a SCORM package", NULL, v);
    buf_puts(&b, PAGE_AUTHOR_CSS);
    buf_puts(&b, "<h1>Import a SCORM package</h1>\n<p class=\"lead\">A SCORM 1.2 or 2004 package "
                 "becomes a module in the catalogue. Importing the same package again adds a new "
                 "version: learners who started the old one finish it there.</p>\n");
    put_outcome(&b, p);
    buf_puts(&b, "<form class=\"stack\" method=\"post\" action=\"/author/import\" "
                 "enctype=\"multipart/form-data\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
    buf_put_html(&b, p->csrf ? p->csrf : "");
    buf_puts(&b, "\">\n<div class=\"input\"><label for=\"import-package\">The package (.zip)"
                 "</label><input id=\"import-package\" name=\"package\" type=\"file\" "
                 "accept=\".zip,application/zip\" required></div>\n");
    put_field(&b, "summary", "Summary", "One or two sentences for the catalogue. Needed when the "
              "package does not describe itself.", "text", p->summary);
    put_field(&b, "minutes", "Minutes", "How long the lesson takes, 1 to 600. Needed for a new "
              "package.", "number", p->minutes);
    put_field(&b, "title", "Title", "Leave empty to use the package's own title.", "text",
              p->title);
    put_field(&b, "language", "Language", "Such as en or nl. Leave empty to use the package's.",
              "text", p->language);
    put_field(&b, "skills", "Skills", "Skill tags for the catalogue filter, separated by commas, "
              "such as safety,forklift.", "text", p->skills);
    put_field(&b, "id", "Id", "Leave empty to make one from the package. Give the same id to "
              "import a new version.", "text", p->id);
    buf_puts(&b, "<div class=\"actions\"><button type=\"submit\">Import</button></div>\n</form>\n"
                 "<p><a href=\"/author\">Back to all modules</a></p>\n");
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}
