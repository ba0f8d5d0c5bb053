/* scorm_export.c: the package of a Markdown module, zipped with libzip: imsmanifest.xml,
 * index.html (every level; content/scorm_export_page.c), sco.js and style.css (player/static/,
 * built into the binary) and media/ with every file the levels link to (pictures, videos,
 * posters, captions, podcasts; transcripts are in the page). Entries are written in a fixed
 * order with a fixed time and mode, so the same module gives the same bytes. */
#include "content/scorm_export.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "content/media.h"
#include "content/render.h"
#include "player/assets.h"
#include "player/i18n.h"
#include "server/buf.h"

/* 2000-01-01 00:00 UTC: the time of every entry, not the time of the export. */
#define ENTRY_TIME ((time_t)946684800)

int scorm_export_version_parse(const char *s, enum scorm_export_version *out)
{
    if (!s) return -1;
    if (!strcmp(s, "1.2")) *out = SCORM_EXPORT_12;
    else if (!strcmp(s, "2004") || !strcmp(s, "2004-4")) *out = SCORM_EXPORT_2004;
    else return -1;
    return 0;
}

const char *scorm_export_version_slug(enum scorm_export_version v)
{
    return v == SCORM_EXPORT_2004 ? "scorm2004" : "scorm12";
}

struct package {
    zip_t *za;
    char *err;
};

/* Adds src as name; media that is compressed already (video, audio, pictures) is stored. */
static void add(struct package *p, const char *name, zip_source_t *src, int store)
{
    if (p->err) {
        zip_source_free(src);
        return;
    }
    zip_int64_t i = src ? zip_file_add(p->za, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0 || zip_file_set_mtime(p->za, (zip_uint64_t)i, ENTRY_TIME, 0) < 0 ||
        zip_file_set_external_attributes(p->za, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX,
                                         0100644u << 16) < 0 ||
        zip_set_file_compression(p->za, (zip_uint64_t)i, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 0) < 0) {
        p->err = xasprintf("cannot add %s to the package: %s", name, zip_strerror(p->za));
        if (i < 0) zip_source_free(src);
    }
}

/* Adds len bytes that the package then owns (free_data) or that stay valid (built in). */
static void add_bytes(struct package *p, const char *name, const void *data, size_t len,
                      int free_data)
{
    add(p, name, zip_source_buffer(p->za, data, len, free_data), 0);
}

static void add_asset(struct package *p, const char *name)
{
    const struct asset *a = asset_find(name);
    add_bytes(p, name, a->data, a->len, 0);
}

static int is_compressed(const char *name)
{
    static const char *const exts[] = {".mp4", ".webm", ".mp3", ".ogg", ".m4a", ".jpg", ".jpeg",
                                       ".png", ".gif", ".webp", NULL};
    return media_has_ext(name, exts);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The package paths after imsmanifest.xml, for its file list: the page, its script and style,
 * and each media file as the page links to it. */
static char **package_files(const struct module *m, struct media_list *media, size_t *n)
{
    char **files = xcalloc(media->n + 3, sizeof *files);
    files[0] = xstrdup("index.html");
    files[1] = xstrdup("sco.js");
    files[2] = xstrdup("style.css");
    for (size_t i = 0; i < media->n; i++) {
        struct buf url;
        buf_init(&url);
        media_put_url(&url, m->id, media->names[i], media);    /* listed already: no change */
        files[3 + i] = buf_detach(&url, NULL);
    }
    *n = media->n + 3;
    return files;
}

static void add_media(struct package *p, const struct module *m, const struct media_list *media)
{
    for (size_t i = 0; i < media->n && !p->err; i++) {
        char *why = NULL, *path = media_resolve(m->media_dir, media->names[i], &why);
        char *name = xasprintf("media/%s", media->names[i]);
        if (path)
            add(p, name, zip_source_file(p->za, path, 0, -1),
                is_compressed(media->names[i]));
        else
            p->err = xasprintf("media file \"%s\" %s", media->names[i], why);
        free(name);
        free(path);
        free(why);
    }
}

/* Renders every level in the module's language (the package's texts follow it). */
static char *render_page(const struct module *m, enum scorm_export_version v,
                         struct media_list *media, size_t *len)
{
    const struct i18n_lang *was = i18n_current(), *lang = i18n_find(m->language);
    i18n_use(lang ? lang : i18n_english());
    char *bodies[MODULE_MAX_LEVEL + 1] = {0};
    struct diag_list diags;
    diag_list_init(&diags);
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++)
        bodies[l] = render_module_packaged(m, l, media, &diags);
    diag_list_free(&diags);
    char *page = scorm_export_page(m, v, bodies, len);
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) free(bodies[l]);
    i18n_use(was);
    if (media->n) qsort(media->names, media->n, sizeof *media->names, by_name);
    return page;
}

int scorm_export(const struct module *m, enum scorm_export_version v, const char *zip_path,
                 char **err)
{
    if (m->kind != MODULE_MARKDOWN) {
        *err = xasprintf("\"%s\" is a SCORM package already: only Markdown modules are exported",
                         m->id);
        return -1;
    }
    int code = 0;
    struct package p = {zip_open(zip_path, ZIP_CREATE | ZIP_TRUNCATE, &code), NULL};
    if (!p.za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        *err = xasprintf("cannot write %s: %s", zip_path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    struct media_list media = {0};
    size_t page_len, manifest_len, nfiles;
    char *page = render_page(m, v, &media, &page_len);
    char **files = package_files(m, &media, &nfiles);
    char *manifest = scorm_export_manifest(m, v, files, nfiles, &manifest_len);
    add_bytes(&p, "imsmanifest.xml", manifest, manifest_len, 1);
    add_bytes(&p, "index.html", page, page_len, 1);
    add_asset(&p, "sco.js");
    add_asset(&p, "style.css");
    add_media(&p, m, &media);
    if (!p.err && zip_close(p.za) < 0)
        p.err = xasprintf("cannot write %s: %s", zip_path, zip_strerror(p.za));
    else if (!p.err)
        p.za = NULL;
    if (p.za) zip_discard(p.za);
    for (size_t i = 0; i < nfiles; i++) free(files[i]);
    free(files);
    media_list_free(&media);
    *err = p.err;
    return p.err ? -1 : 0;
}
