/* page_resume.c: the kept form, shown again (see page_resume.h). One sentence, one button; the
 * kept fields are hidden, so nothing has to be typed again. */
#include "player/page_resume.h"

#include "player/i18n.h"
#include "player/page_layout.h"

char *page_resume(const struct page_viewer *v, const char *csrf, const char *path,
                  const struct form *fields, int expired, int autosend, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Not saved yet"), NULL, v);
    buf_printf(&b, "<h1>%s</h1>\n<p>", _("Your last change is not saved yet"));
    buf_put_html(&b, expired ? _("You were signed out before it was saved. Press the button to "
                                 "save it now.")
                             : _("This form is too old or did not come from Stepwise, so nothing "
                                 "was saved. Check it, then press the button to send it again."));
    buf_puts(&b, "</p>\n");
    page_layout_form(&b, path, csrf, "plan-form");
    for (size_t i = 0; i < fields->n; i++) {
        buf_puts(&b, "<input type=\"hidden\" name=\"");
        buf_put_html(&b, fields->names[i]);
        buf_puts(&b, "\" value=\"");
        buf_put_html(&b, fields->values[i]);
        buf_puts(&b, "\">");
    }
    buf_printf(&b, "<button type=\"submit\"%s>%s</button></form>\n"
                   "<p><a class=\"button secondary\" href=\"/\">%s</a></p>\n",
               autosend ? " data-resume" : "", _("Save it now"), _("Leave it"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}
