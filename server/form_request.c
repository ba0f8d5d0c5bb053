/* form_request.c: reads a request's urlencoded form and answers 400 when it cannot be used. */
#include "server/form_request.h"

#include <stdlib.h>

#include "player/i18n.h"
#include "server/buf.h"

int form_request_read(struct request *r, size_t max_fields, struct form *f)
{
    int rc = form_parse(r->body.data ? r->body.data : "", r->body.len, max_fields, f);
    if (rc == FORM_OK) return 0;
    if (rc == FORM_NOT_UTF8) {
        /* The field name comes from the client: it is escaped by the page, and valid UTF-8. */
        char *msg = *f->not_utf8
            ? xasprintf(_("The field \"%s\" holds characters that are not UTF-8 text, so nothing "
                        "was saved. Type that text again (or paste it as plain text) and send "
                        "the form again."), f->not_utf8)
            : xstrdup("A field name in this form is not UTF-8 text, so nothing was saved. "
                      "Reload the page and send the form again.");
        reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Text not readable"), msg);
        free(msg);
    } else {
        reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Form not readable"),
                         _("The form could not be read. Go back, reload the page and try again."));
    }
    return -1;
}
