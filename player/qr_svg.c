/* qr_svg.c: a QR code as inline SVG: one <path> of unit squares on a white background, so the
 * code is a few kilobytes, sharp at any print size and needs no image file. */
#include "player/qr_svg.h"

#include <qrencode.h>

#include "server/buf.h"

#define QUIET 4     /* modules of white around the code (ISO/IEC 18004) */

char *qr_svg(const char *text, const char *label)
{
    QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!qr) return NULL;
    int size = qr->width + 2 * QUIET;
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<svg class=\"qr\" viewBox=\"0 0 %d %d\" "
                   "role=\"img\" aria-label=\"", size, size);
    buf_put_html(&b, label);
    buf_printf(&b, "\" shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" "
                   "fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1)
                buf_printf(&b, "M%d %dh1v1h-1z", x + QUIET, y + QUIET);
    buf_puts(&b, "\"/></svg>");
    QRcode_free(qr);
    return buf_detach(&b, NULL);
}
