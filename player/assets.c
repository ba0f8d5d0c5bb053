/* assets.c: the files of player/static/ and the runtime files of scorm-again (the npm package
 * the build installs into node_modules/, never copied into the repository), compiled into the
 * binary (player/incbin.h) so that the server needs no files beside it. The files of
 * player/static/ are built from their copies in build/gen/static/, without their comments
 * (scripts/asset-strip.sh); scorm-again's come minified. The Makefile rebuilds this when they
 * change. */
#include "player/assets.h"

#include <pthread.h>
#include <string.h>

#include "player/incbin.h"
#include "server/http_file.h"

#define JS "text/javascript; charset=utf-8"
#define CSS "text/css; charset=utf-8"
#define STATIC "build/gen/static/"
#define SCORM_AGAIN "node_modules/scorm-again/dist/"

INCBIN(asset_style_css, STATIC "style.css");
INCBIN(asset_player_js, STATIC "player.js");
INCBIN(asset_sw_js, STATIC "sw.js");
INCBIN(asset_staff_css, STATIC "staff.css");
INCBIN(asset_plans_css, STATIC "plans.css");
INCBIN(asset_lesson_js, STATIC "lesson.js");
INCBIN(asset_media_js, STATIC "media.js");
INCBIN(asset_resume_js, STATIC "resume.js");
INCBIN(asset_scorm_css, STATIC "scorm.css");
INCBIN(asset_scorm_player_js, STATIC "scorm-player.js");
INCBIN(asset_scorm_frame_js, STATIC "scorm-frame.js");
INCBIN(asset_scorm12_js, SCORM_AGAIN "scorm12.min.js");
INCBIN(asset_scorm2004_js, SCORM_AGAIN "scorm2004.min.js");
INCBIN(asset_cross_frame_lms_js, SCORM_AGAIN "cross-frame-lms.min.js");
INCBIN(asset_cross_frame_api_js, SCORM_AGAIN "cross-frame-api.min.js");
INCBIN(asset_sco_js, STATIC "sco.js");
INCBIN(asset_catalogue_css, STATIC "catalogue.css");

static struct asset assets[17];
static pthread_once_t assets_once = PTHREAD_ONCE_INIT;

#define ASSET(i, name, type, sym) \
    assets[i] = (struct asset){name, type, sym, (size_t)(sym##_end - sym), ""}

/* Symbol differences are not constant expressions in C, so the table is filled once at run time. */
static void assets_init(void)
{
    ASSET(0, "style.css", CSS, asset_style_css);
    ASSET(1, "player.js", JS, asset_player_js);
    /* Served as /sw.js (scope /) by server/mod_app.c, with the offline limits in front. */
    ASSET(2, "sw.js", JS, asset_sw_js);
    ASSET(3, "staff.css", CSS, asset_staff_css);
    ASSET(4, "plans.css", CSS, asset_plans_css);
    ASSET(5, "lesson.js", JS, asset_lesson_js);
    ASSET(6, "media.js", JS, asset_media_js);
    ASSET(7, "resume.js", JS, asset_resume_js);
    ASSET(8, "scorm.css", CSS, asset_scorm_css);
    ASSET(9, "scorm-player.js", JS, asset_scorm_player_js);
    ASSET(10, "scorm-frame.js", JS, asset_scorm_frame_js);
    ASSET(11, "scorm-again/scorm12.min.js", JS, asset_scorm12_js);
    ASSET(12, "scorm-again/scorm2004.min.js", JS, asset_scorm2004_js);
    ASSET(13, "scorm-again/cross-frame-lms.min.js", JS, asset_cross_frame_lms_js);
    ASSET(14, "scorm-again/cross-frame-api.min.js", JS, asset_cross_frame_api_js);
    /* The runtime of exported SCORM packages (content/scorm_export.c). */
    ASSET(15, "sco.js", JS, asset_sco_js);
    ASSET(16, "catalogue.css", CSS, asset_catalogue_css);
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        http_etag_for(assets[i].data, assets[i].len, assets[i].etag);
}

const struct asset *asset_find(const char *name)
{
    pthread_once(&assets_once, assets_init);
    for (size_t i = 0; i < sizeof assets / sizeof assets[0]; i++)
        if (!strcmp(name, assets[i].name)) return &assets[i];
    return NULL;
}
