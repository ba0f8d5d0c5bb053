/* http_file.h: validators (ETag, Last-Modified, 304) and file replies with byte ranges (206). */
#ifndef STEPWISE_HTTP_FILE_H
#define STEPWISE_HTTP_FILE_H

#include <stddef.h>
#include <time.h>

#include "server/http.h"

/* Writes a strong ETag ("...", quoted) for a body of len bytes into out (at least 24 bytes). */
void http_etag_for(const void *body, size_t len, char out[24]);
/* Answers 304 and returns 1 when the request's If-None-Match (or, without it, If-Modified-Since)
 * shows the client already has this version; returns 0 otherwise. mtime 0 means unknown. */
int http_not_modified(struct request *r, const char *etag, time_t mtime);
/* Adds ETag, and Last-Modified when mtime is not 0, to the reply already made. */
void http_add_validators(struct request *r, const char *etag, time_t mtime);
/* Serves the file at path (the caller has confined it) as content_type: 200, 206 for one byte
 * range, 416 for a range outside the file, 304 when not modified, 404 when it is not a file. */
void http_reply_file(struct request *r, const char *path, const char *content_type);

#endif
