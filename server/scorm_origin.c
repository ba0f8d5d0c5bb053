/* scorm_origin.c: which requests are for the SCORM files' own origin (scorm_origin.h). */
#include "server/scorm_origin.h"

#include <string.h>
#include <strings.h>

#include "server/buf.h"
#include "server/server.h"

/* host[:port] of an http:// or https:// address. */
static const char *authority(const char *url)
{
    const char *p = strstr(url, "://");
    return p ? p + 3 : url;
}

int scorm_origin_request(struct request *r)
{
    const char *origin = r->srv->cfg.scorm_origin, *host = request_header(r, "Host");
    return origin && host && !strcasecmp(host, authority(origin));
}

int scorm_origin_serves(const char *path)
{
    return !strncmp(path, "/scorm-files/", 13) || !strcmp(path, "/static/scorm-frame.js") ||
           !strcmp(path, "/static/scorm-again/cross-frame-api.min.js");
}

char *scorm_site_origin(const char *public_url)
{
    const char *host = authority(public_url), *slash = strchr(host, '/');
    return slash ? xstrndup(public_url, (size_t)(slash - public_url)) : xstrdup(public_url);
}
