/* app_icon.h: the Stepwise icon (three white steps on the site's dark blue band), drawn in C
 * at any size and encoded as PNG, and /favicon.ico as an icon file that holds one PNG. */
#ifndef STEPWISE_APP_ICON_H
#define STEPWISE_APP_ICON_H

#include <stddef.h>

/* A PNG of size x size pixels (caller frees), *len its length; NULL when size is 0 or over 1024. */
unsigned char *app_icon_png(unsigned size, size_t *len);

/* A .ico file holding the size x size PNG (Windows Vista and every browser read PNG entries);
 * caller frees; NULL as for app_icon_png or when size is over 256. */
unsigned char *app_icon_ico(unsigned size, size_t *len);

#endif
