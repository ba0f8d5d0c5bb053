/* assets.h: the player's static files (player/static/), compiled into the binary and served
 * under /static/. */
#ifndef STEPWISE_ASSETS_H
#define STEPWISE_ASSETS_H

#include <stddef.h>

struct asset {
    const char *name;           /* file name, e.g. "style.css" */
    const char *content_type;
    const unsigned char *data;
    size_t len;
    char etag[24];              /* of data, made once (hashing it on every request took most
                                 * of the time of serving it) */
};

/* The asset with this name, or NULL. */
const struct asset *asset_find(const char *name);

#endif
