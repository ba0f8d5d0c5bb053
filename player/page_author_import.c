/* page_author_import.c: the import page (see page_author_import.h). One column without
 * JavaScript: the outcome on top (a status or an alert), the findings as a list, then the form;
 * the hints are tied to their fields with aria-describedby. */
#include "player/page_author_import.h"

#include <stdlib.h>

#include "player/i18n.h"
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
        struct buf link;
        buf_init(&link);
        buf_puts(&link, "<a href=\"/modules/");
        buf_put_url_segment(&link, p->imported_id);
        buf_puts(&link, "\">");
        buf_put_html(&link, p->imported_id);
        buf_puts(&link, "</a>");
        buf_puts(b, "<div class=\"notice\" role=\"status\"><p>");
        /* TRANSLATORS: %1$d the version number, %2$s the module's id (a link to it). */
        buf_printf(b, _("Imported: version %1$d of %2$s. It is in the catalogue now."),
                   p->imported_version, link.data);
        buf_puts(b, "</p></div>\n");
        buf_free(&link);
    } else if (p->error) {
        char *why = html_escape(p->error);
        /* TRANSLATORS: %1$s why the package could not be imported. */
        buf_puts(b, "<div class=\"alert\" role=\"alert\"><p>");
        buf_printf(b, _("Nothing was imported: %1$s"), why);
        buf_puts(b, "</p></div>\n");
        free(why);
    }
    if (!p->findings || !p->findings->len) return;
    buf_printf(b, "<h2>%s</h2>\n<ul class=\"findings\">\n", _("What the import found"));
    for (size_t i = 0; i < p->findings->len; i++) {
        const struct diag *d = &p->findings->items[i];
        int error = d->severity == DIAG_ERROR;
        buf_printf(b, "<li class=\"%s\"><strong>%s</strong>", error ? "error" : "warn",
                   error ? C_("finding", "Error") : _("Not supported"));
        /* TRANSLATORS: where a finding of the import is: %1$d a line of imsmanifest.xml. */
        if (d->line) buf_puts(b, " "), buf_printf(b, _("(line %1$d of the manifest)"), d->line);
        buf_puts(b, ": ");
        diag_put_html(b, d);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
}

char *page_author_import(const struct page_author_import *p, const struct page_viewer *v,
                         size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Import a SCORM package"), NULL, v);
    buf_printf(&b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", _("Import a SCORM package"),
               _("A SCORM 1.2 or 2004 package becomes a module in the catalogue. Importing the "
                 "same package again adds a new version: learners who started the old one finish "
                 "it there."));
    put_outcome(&b, p);
    buf_puts(&b, "<form class=\"stack\" method=\"post\" action=\"/author/import\" "
                 "enctype=\"multipart/form-data\">\n<input type=\"hidden\" name=\"csrf\" value=\"");
    buf_put_html(&b, p->csrf ? p->csrf : "");
    buf_printf(&b, "\">\n<div class=\"input\"><label for=\"import-package\">%s</label><input "
                   "id=\"import-package\" name=\"package\" type=\"file\" "
                   "accept=\".zip,application/zip\" required></div>\n", _("The package (.zip)"));
    put_field(&b, "summary", _("Summary"), _("One or two sentences for the catalogue. Needed when "
              "the package does not describe itself."), "text", p->summary);
    put_field(&b, "minutes", _("Minutes"), _("How long the lesson takes, 1 to 600. Needed for a "
              "new package."), "number", p->minutes);
    put_field(&b, "title", _("Title"), _("Leave empty to use the package's own title."), "text",
              p->title);
    put_field(&b, "language", _("Language"), _("Such as en or nl. Leave empty to use the "
              "package's."), "text", p->language);
    put_field(&b, "skills", _("Skills"), _("Skill tags for the catalogue filter, separated by "
              "commas, such as safety,forklift."), "text", p->skills);
    put_field(&b, "id", _("Id"), _("Leave empty to make one from the package. Give the same id to "
              "import a new version."), "text", p->id);
    buf_printf(&b, "<div class=\"actions\"><button type=\"submit\">%s</button></div>\n</form>\n"
                   "<p><a href=\"/author\">%s</a></p>\n", C_("button", "Import"),
               _("Back to all modules"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}
