/* media.c: keeps media references inside the module folder. The path is checked as written (no
 * web addresses, absolute paths or ".."), then resolved with realpath() so a symbolic link
 * cannot lead out of the folder either. */
#include "content/media.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "player/i18n.h"

const char *const media_image_exts[] = {".jpg", ".jpeg", ".png", ".gif", ".webp", NULL};

/* 1 when rel starts with a URL scheme ("https:", "data:") or "//". */
static int is_web_address(const char *rel)
{
    if (rel[0] == '/' && rel[1] == '/') return 1;
    size_t n = strcspn(rel, ":/");
    return rel[n] == ':';
}

/* 1 when a part of rel between slashes is empty or starts with '.' (".." and hidden files, which
 * the server does not serve). */
static int has_bad_part(const char *rel)
{
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 0 || p[0] == '.') return 1;
        p += n;
        if (*p == '/') p++;
    }
    return rel[strlen(rel) - 1] == '/';
}

static char *check_written(const char *rel)
{
    if (!*rel) return xstrdup(N_("is empty: write the name of a file in the module folder"));
    if (is_web_address(rel))
        return xstrdup(N_("is a web address: put the file in the module folder and write its name"));
    if (rel[0] == '/')
        return xstrdup(N_("is an absolute path: write the name relative to the module folder, "
                       "e.g. lift.mp4"));
    if (has_bad_part(rel))
        return xstrdup(N_("points outside the module folder or names a hidden file (a part is empty "
                       "or starts with \".\"): put the file in the module folder and write its "
                       "plain name"));
    return NULL;
}

char *media_resolve(const char *media_dir, const char *rel, char **err)
{
    char *path = NULL, *dir_real = NULL, *file_real = NULL;
    *err = check_written(rel);
    if (*err) goto done;
    path = xasprintf("%s/%s", media_dir, rel);
    dir_real = realpath(media_dir, NULL);
    file_real = realpath(path, NULL);
    struct stat st;
    if (!dir_real || !file_real || stat(file_real, &st) != 0) {
        *err = xstrdup(N_("is not in the module folder: add the file or correct the name "
                       "(names are case-sensitive)"));
    } else if (strncmp(file_real, dir_real, strlen(dir_real)) != 0 ||
               file_real[strlen(dir_real)] != '/') {
        *err = xstrdup(N_("is a link that leads outside the module folder: copy the file into the "
                       "module folder instead"));
    } else if (!S_ISREG(st.st_mode)) {
        *err = xstrdup(N_("is not a file: write the name of a file in the module folder"));
    }
done:
    free(dir_real);
    free(file_real);
    if (*err) {
        free(path);
        return NULL;
    }
    return path;
}

void media_list_free(struct media_list *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->names[i]);
    free(l->names);
    l->names = NULL;
    l->n = 0;
}

static void media_list_add(struct media_list *l, const char *rel)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->names[i], rel)) return;
    l->names = xrealloc(l->names, (l->n + 1) * sizeof *l->names);
    l->names[l->n++] = xstrdup(rel);
}

void media_put_url(struct buf *b, const char *id, const char *rel, struct media_list *packaged)
{
    if (packaged) {
        media_list_add(packaged, rel);
        buf_puts(b, "media/");
    } else {
        buf_puts(b, "/modules/");
        buf_put_url_segment(b, id);
        buf_puts(b, "/media/");
    }
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        char *part = xstrndup(p, n);
        buf_put_url_segment(b, part);
        free(part);
        p += n;
        if (*p == '/') buf_putc(b, *p++);
    }
}

int media_has_ext(const char *name, const char *const *exts)
{
    size_t n = strlen(name);
    for (; *exts; exts++) {
        size_t e = strlen(*exts);
        if (n > e && strcasecmp(name + n - e, *exts) == 0) return 1;
    }
    return 0;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *media_url_decode(const char *s)
{
    char *out = xmalloc(strlen(s) + 1), *o = out;
    for (; *s; s++) {
        int hi = s[0] == '%' ? hex(s[1]) : -1;
        int lo = hi >= 0 ? hex(s[2]) : -1;
        if (lo >= 0 && (hi || lo)) {
            *o++ = (char)(hi * 16 + lo);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}
