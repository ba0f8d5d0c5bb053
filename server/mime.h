/* mime.h: Content-Type by file name, for the kinds of file a module may hold. */
#ifndef STEPWISE_MIME_H
#define STEPWISE_MIME_H

/* The Content-Type for a file name, or NULL when Stepwise does not serve that kind of file. */
const char *mime_for_path(const char *path);

#endif
