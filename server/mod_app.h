/* mod_app.h: what makes Stepwise an installable web app: the manifest, the icons, /favicon.ico
 * and the service worker that keeps lessons readable offline (README, "Offline and shared
 * tablets"). */
#ifndef STEPWISE_MOD_APP_H
#define STEPWISE_MOD_APP_H

#include "server/http.h"

void mod_app_manifest(struct request *r);  /* GET /manifest.webmanifest */
void mod_app_icon(struct request *r);      /* GET /icons/192.png, /icons/512.png */
void mod_app_favicon(struct request *r);   /* GET /favicon.ico */
void mod_app_worker(struct request *r);    /* GET /sw.js */

#endif
