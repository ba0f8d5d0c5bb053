/* utf8.c: strict UTF-8 checks, after the table of well-formed byte sequences in the Unicode
 * standard (chapter 3, table 3-7). */
#include "server/utf8.h"

size_t utf8_char_len(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0) return 0;
    if (u[0] < 0x80) return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;     /* the range of the second byte */
    if (u[0] >= 0xC2 && u[0] <= 0xDF) n = 2;
    else if (u[0] >= 0xE0 && u[0] <= 0xEF) n = 3;
    else if (u[0] >= 0xF0 && u[0] <= 0xF4) n = 4;
    else return 0;
    if (u[0] == 0xE0) lo = 0xA0;            /* overlong */
    if (u[0] == 0xED) hi = 0x9F;            /* surrogates */
    if (u[0] == 0xF0) lo = 0x90;            /* overlong */
    if (u[0] == 0xF4) hi = 0x8F;            /* above U+10FFFF */
    if (len < n || u[1] < lo || u[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if ((u[i] & 0xC0) != 0x80) return 0;
    return n;
}

int utf8_valid(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n = utf8_char_len(s + i, len - i);
        if (!n) return 0;
        i += n;
    }
    return 1;
}
