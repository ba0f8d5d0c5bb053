/* scorm_origin.h: SCORM packages' files from an origin of their own (--scorm-origin, README
 * "Playing SCORM packages"). Requests for that origin (their Host is its host and port) get the
 * package files and the two scripts of the runtime bridge, nothing else: no page, no commit,
 * whatever cookie the browser sends along. The files then run with an origin of their own
 * (sandbox allow-same-origin: their own storage) framed only by the site; the site's player
 * page may frame that origin. Without the option the files come from the site's own address
 * in an opaque sandbox. No CORS anywhere: the two sides only talk by postMessage. */
#ifndef STEPWISE_SCORM_ORIGIN_H
#define STEPWISE_SCORM_ORIGIN_H

#include "server/http.h"

/* 1 when --scorm-origin is set and the request is for it. */
int scorm_origin_request(struct request *r);
/* 1 when the separate origin serves path. */
int scorm_origin_serves(const char *path);
/* The site's own origin (scheme://host[:port] of --public-url), which frames the files. Owned. */
char *scorm_site_origin(const char *public_url);

#endif
