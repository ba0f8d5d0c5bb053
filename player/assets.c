/* assets.c: the files of player/static/, compiled into the binary (player/incbin.h)
 * so that the server needs no files beside it. The Makefile rebuilds this when they change. */
#include "player/assets.h"

#include <pthread.h>
#include <string.h>

#include "player/incbin.h"

INCBIN(asset_style_css, "player/static/style.css");
INCBIN(asset_player_js, "player/static/player.js");
INCBIN(asset_sco_js, "player/static/sco.js");

static struct asset assets[3];
static pthread_once_t assets_once = PTHREAD_ONCE_INIT;

/* Symbol differences are not constant expressions in C, so the table is filled once at run time. */
static void assets_init(void)
{
    assets[0] = (struct asset){"style.css", "text/css; charset=utf-8", asset_style_css,
                               (size_t)(asset_style_css_end - asset_style_css)};
    assets[1] = (struct asset){"player.js", "text/javascript; charset=utf-8", asset_player_js,
                               (size_t)(asset_player_js_end - asset_player_js)};
    /* The runtime of exported SCORM packages (content/scorm_export.c). */
    assets[2] = (struct asset){"sco.js", "text/javascript; charset=utf-8", asset_sco_js,
                               (size_t)(asset_sco_js_end - asset_sco_js)};
}

const struct asset *asset_find(const char *name)
{
    pthread_once(&assets_once, assets_init);
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        if (!strcmp(name, assets[i].name)) return &assets[i];
    return NULL;
}
