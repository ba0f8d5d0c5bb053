/* media.h: the files a module refers to (videos, captions, posters, images, transcripts), which
 * must be regular files inside the module folder, and the URLs they are served under. */
#ifndef STEPWISE_MEDIA_H
#define STEPWISE_MEDIA_H

#include "server/buf.h"

/* Checks that rel names a regular file inside media_dir: not empty, not a web address, not an
 * absolute path, no empty part or part starting with "." (such as ".." or a hidden file), and no symbolic link that leads outside the folder.
 * Returns the file's path (caller frees), or NULL with *err set (caller frees) to the end of a
 * sentence that begins with the name, e.g. "is not in the module folder: ...". */
char *media_resolve(const char *media_dir, const char *rel, char **err);

/* The media files a copy of a module that travels on its own (an exported SCORM package,
 * content/scorm_export.c) links to: each name once, in the order first linked. */
struct media_list {
    char **names;
    size_t n;
};
void media_list_free(struct media_list *l);

/* Appends the address of media file rel of module id, each part of rel percent-encoded: on the
 * server "/modules/<id>/media/<rel>"; in a package (packaged given) "media/<rel>", relative to
 * the package's page, and rel is added to packaged. */
void media_put_url(struct buf *b, const char *id, const char *rel, struct media_list *packaged);

/* The picture types the server serves (SVG is not: it can carry script). */
extern const char *const media_image_exts[];

/* 1 when name ends with one of exts (a NULL-terminated list such as ".mp4"), ignoring case. */
int media_has_ext(const char *name, const char *const *exts);

/* Returns a copy of a URL path with %XX sequences decoded (caller frees), as Markdown link
 * destinations such as "my%20photo.jpg" name files with those bytes. */
char *media_url_decode(const char *s);

#endif
