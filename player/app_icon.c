/* app_icon.c: draws the Stepwise icon (README, "Home screen and offline"): a dark blue square
 * (the site's header band, so a maskable crop loses nothing but colour) with three white steps
 * rising to the right and a light blue triangle on the top step, as in the site's brand mark.
 * Encoded as an RGB PNG with zlib; no image library, no file beside the binary. */
#include "player/app_icon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "server/buf.h"

#define MAX_SIZE 1024

static const unsigned char band[3] = {0x00, 0x32, 0x4d}, white[3] = {0xff, 0xff, 0xff},
                           sky[3] = {0x9f, 0xd3, 0xff};

/* The colour at (x, y) in units of the icon's size (0..1, y downwards). The drawing keeps to the
 * middle 60 %, the safe zone of a maskable icon. */
static const unsigned char *colour_at(double x, double y)
{
    /* Three steps: step i spans x in [0.2 + 0.2 i, 0.4 + 0.2 i] and rises to y = 0.8 - 0.15 (i + 1). */
    if (x >= 0.2 && x < 0.8 && y < 0.8) {
        int i = (int)((x - 0.2) / 0.2);
        if (y >= 0.8 - 0.15 * (i + 1)) return white;
    }
    /* The triangle on the top step, pointing right like the brand's "play" mark. */
    double tx = x - 0.63, ty = y - 0.1;
    if (tx >= 0 && tx < 0.15 && ty >= 0 && ty < 0.2 && (ty < 0.1 ? ty : 0.2 - ty) >= tx * 0.66)
        return sky;
    return band;
}

static void put_be32(struct buf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    buf_append(b, (const char *)c, 4);
}

static void put_chunk(struct buf *b, const char *type, const unsigned char *data, size_t len)
{
    put_be32(b, (uint32_t)len);
    size_t start = b->len;
    buf_append(b, type, 4);
    if (len) buf_append(b, (const char *)data, len);
    uLong crc = crc32(0L, (const Bytef *)b->data + start, (uInt)(len + 4));
    put_be32(b, (uint32_t)crc);
}

unsigned char *app_icon_png(unsigned size, size_t *len)
{
    if (size == 0 || size > MAX_SIZE) return NULL;
    size_t row = 1 + 3 * (size_t)size, raw_len = row * size;
    unsigned char *raw = xcalloc(raw_len, 1);
    for (unsigned y = 0; y < size; y++) {
        unsigned char *p = raw + y * row + 1;   /* filter byte 0: none */
        for (unsigned x = 0; x < size; x++, p += 3)
            memcpy(p, colour_at((x + 0.5) / size, (y + 0.5) / size), 3);
    }
    uLongf zlen = compressBound((uLong)raw_len);
    unsigned char *z = xcalloc(zlen, 1);
    int ok = compress2(z, &zlen, raw, (uLong)raw_len, 9) == Z_OK;
    free(raw);
    if (!ok) {
        free(z);
        return NULL;
    }
    struct buf b;
    buf_init(&b);
    buf_append(&b, "\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = {0};
    for (int i = 0; i < 2; i++) {
        ihdr[4 * i + 2] = (unsigned char)(size >> 8);
        ihdr[4 * i + 3] = (unsigned char)size;
    }
    ihdr[8] = 8;    /* bits per channel */
    ihdr[9] = 2;    /* RGB */
    put_chunk(&b, "IHDR", ihdr, sizeof ihdr);
    put_chunk(&b, "IDAT", z, zlen);
    put_chunk(&b, "IEND", NULL, 0);
    free(z);
    return (unsigned char *)buf_detach(&b, len);
}

unsigned char *app_icon_ico(unsigned size, size_t *len)
{
    if (size > 256) return NULL;
    size_t png_len;
    unsigned char *png = app_icon_png(size, &png_len);
    if (!png) return NULL;
    /* ICONDIR (reserved, type 1 = icon, one image), then its ICONDIRENTRY, then the PNG. */
    unsigned char head[22] = {0, 0, 1, 0, 1, 0};
    head[6] = (unsigned char)(size & 0xff);     /* 0 means 256 */
    head[7] = (unsigned char)(size & 0xff);
    head[10] = 1;                               /* colour planes */
    head[12] = 24;                              /* bits per pixel */
    for (int i = 0; i < 4; i++) {
        head[14 + i] = (unsigned char)(png_len >> (8 * i));
        head[18 + i] = (unsigned char)(22u >> (8 * i));
    }
    struct buf b;
    buf_init(&b);
    buf_append(&b, (const char *)head, sizeof head);
    buf_append(&b, (const char *)png, png_len);
    free(png);
    return (unsigned char *)buf_detach(&b, len);
}
