/* assets.c: the files of player/static/, compiled into the binary (player/incbin.h)
 * so that the server needs no files beside it: the copies in build/gen/static/ without their
 * comments (scripts/asset-strip.sh). The Makefile rebuilds this when they change. */
#include "player/assets.h"

#include <pthread.h>
#include <string.h>

#include "player/incbin.h"

INCBIN(asset_style_css, "build/gen/static/style.css");
INCBIN(asset_player_js, "build/gen/static/player.js");
INCBIN(asset_sco_js, "build/gen/static/sco.js");
INCBIN(asset_media_js, "build/gen/static/media.js");
INCBIN(asset_resume_js, "build/gen/static/resume.js");
INCBIN(asset_author_css, "build/gen/static/author.css");
INCBIN(asset_plans_css, "build/gen/static/plans.css");

static struct asset assets[7];
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
    assets[3] = (struct asset){"media.js", "text/javascript; charset=utf-8", asset_media_js,
                               (size_t)(asset_media_js_end - asset_media_js)};
    assets[4] = (struct asset){"resume.js", "text/javascript; charset=utf-8", asset_resume_js,
                               (size_t)(asset_resume_js_end - asset_resume_js)};
    assets[5] = (struct asset){"author.css", "text/css; charset=utf-8", asset_author_css,
                               (size_t)(asset_author_css_end - asset_author_css)};
    assets[6] = (struct asset){"plans.css", "text/css; charset=utf-8", asset_plans_css,
                               (size_t)(asset_plans_css_end - asset_plans_css)};
}

const struct asset *asset_find(const char *name)
{
    pthread_once(&assets_once, assets_init);
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        if (!strcmp(name, assets[i].name)) return &assets[i];
    return NULL;
}
