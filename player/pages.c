/* pages.c: the friendly error page (404, 405, 413, ...). The catalogue and module pages live in
 * page_catalogue.c and page_module.c; the frame they share in page_layout.c. */
#include "player/pages.h"

#include "player/page_layout.h"
#include "server/buf.h"

char *page_error(int status, const char *title, const char *message, const struct page_viewer *v,
                 size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, "en", title, NULL, v);
    buf_puts(&b, "<div class=\"error\">\n<h1>");
    buf_put_html(&b, title);
    buf_printf(&b, "</h1>\n<p class=\"status\">Error %d</p>\n<p>", status);
    buf_put_html(&b, message);
    buf_puts(&b, "</p>\n<p><a class=\"button\" href=\"/\">Go to all modules</a></p>\n</div>\n");
    page_layout_end(&b, "en");
    return buf_detach(&b, len);
}
