/* mime.c: the file kinds Stepwise serves from a module folder, and their Content-Type. Anything
 * else (Markdown sources, scripts, SVG that could carry script) is not served. */
#include "server/mime.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *ext;
    const char *type;
} mime_types[] = {
    {"mp4", "video/mp4"},         {"webm", "video/webm"},  {"vtt", "text/vtt; charset=utf-8"},
    {"mp3", "audio/mpeg"},        {"ogg", "audio/ogg"},    {"m4a", "audio/mp4"},
    {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},  {"png", "image/png"},
    {"gif", "image/gif"},         {"webp", "image/webp"},  {"pdf", "application/pdf"},
    {"css", "text/css; charset=utf-8"}, {"js", "text/javascript; charset=utf-8"},
};

const char *mime_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return NULL;
    for (size_t i = 0; i < sizeof mime_types / sizeof mime_types[0]; i++)
        if (!strcasecmp(dot + 1, mime_types[i].ext)) return mime_types[i].type;
    return NULL;
}
