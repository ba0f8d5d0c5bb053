/* pages.c: the friendly error page (404, 405, 413, ...). The catalogue and module pages live in
 * page_catalogue.c and page_module.c; the frame they share in page_layout.c. */
#include "player/pages.h"

#include "player/i18n.h"
#include "player/page_layout.h"
#include "server/buf.h"

char *page_error(int status, const char *title, const char *message, const struct page_viewer *v,
                 size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, title, NULL, v);
    buf_puts(&b, "<div class=\"error\">\n<h1>");
    buf_put_html(&b, title);
    buf_puts(&b, "</h1>\n<p class=\"status\">");
    /* TRANSLATORS: %d is the HTTP status code, such as 404. */
    buf_printf(&b, _("Error %d"), status);
    buf_puts(&b, "</p>\n<p>");
    buf_put_html(&b, message);
    buf_printf(&b, "</p>\n<p><a class=\"button\" href=\"/\">%s</a></p>\n</div>\n", _("Go to all modules"));
    page_layout_end(&b);
    return buf_detach(&b, len);
}
