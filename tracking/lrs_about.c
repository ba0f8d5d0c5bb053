/* lrs_about.c: the xAPI About resource (Communication 2.8): which xAPI versions the LRS accepts,
 * readable without credentials so a client can choose its version before it signs in. */
#include "tracking/lrs_about.h"

void lrs_about(struct lrs_ctx *c)
{
    json_t *about = json_pack("{s:[s,s], s:{}}", "version", "1.0.3", "2.0.0", "extensions");
    lrs_reply_json(c, MHD_HTTP_OK, about);
    json_decref(about);
}
