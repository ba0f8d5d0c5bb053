/* package_import.c: the import of one SCORM zip: unpack it safely into a hidden folder of the
 * content folder, read its manifest, settle the id and the catalogue words, write
 * manifest.json and package.json, flush, and rename into place. Any error removes the hidden
 * folder, so a failed import stores nothing. */
#include "content/package_import.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "content/catalog.h"
#include "content/frontmatter.h"
#include "content/package.h"
#include "content/scorm_manifest.h"
#include "server/buf.h"

#define MANIFEST_NAME "imsmanifest.xml"
#define MAX_TITLE 200
#define MAX_SUMMARY 600

struct import {
    const char *content_dir;
    const char *zip_path;
    const struct package_options *o;
    struct diag_list *diags;
    char *tmp;              /* the hidden folder the version is built in */
    char *files;            /* tmp/files: the unpacked package */
    json_t *manifest;
    json_t *old;            /* package.json of the version before, or NULL */
    char *id;
    char *target;           /* content_dir/id */
};

static void import_fail(struct import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void import_fail(struct import *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(im->diags, DIAG_ERROR, im->zip_path, 0, 0, fmt, ap);
    va_end(ap);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int has_file(void *ctx, const char *path)
{
    struct stat st;
    char *full = xasprintf("%s/%s", (const char *)ctx, path);
    int ok = lstat(full, &st) == 0 && S_ISREG(st.st_mode);
    free(full);
    return ok;
}

static int read_manifest(struct import *im, const struct package_limits *l)
{
    char *path = xasprintf("%s/%s", im->files, MANIFEST_NAME);
    size_t len;
    char *xml = read_file_max(path, l->max_manifest_bytes, &len);
    free(path);
    if (!xml && errno == EFBIG)
        import_fail(im, "imsmanifest.xml is %zu bytes; the limit is %zu (--max-manifest-bytes)", len,
             l->max_manifest_bytes);
    else if (!xml)
        import_fail(im, "the package has no imsmanifest.xml at its top level: this is not a SCORM "
             "package, or it was zipped one folder too high");
    if (!xml) return -1;
    im->manifest = scorm_manifest_parse(xml, len, MANIFEST_NAME, has_file, im->files, im->diags);
    free(xml);
    return im->manifest ? 0 : -1;
}

/* s made an id: a-z and 0-9 kept (capitals lowered), every other run of characters one '-'. */
static char *id_from(const char *s)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (; *s && b.len < 64; s++) {
        char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) buf_putc(&b, c);
        else if (b.len && b.data[b.len - 1] != '-') buf_putc(&b, '-');
    }
    while (b.len && b.data[b.len - 1] == '-') b.data[--b.len] = '\0';
    return buf_detach(&b, NULL);
}

static int settle_id(struct import *im)
{
    if (im->o->id) {
        im->id = xstrdup(im->o->id);
    } else {
        im->id = id_from(json_string_value(json_object_get(im->manifest, "identifier")));
        if (!*im->id) {
            char *copy = xstrdup(im->o->file_name ? im->o->file_name : im->zip_path);
            char *base = basename(copy);
            char *dot = strrchr(base, '.');
            if (dot) *dot = '\0';
            free(im->id);
            im->id = id_from(base);
            free(copy);
        }
    }
    if (!frontmatter_valid_id(im->id)) {
        import_fail(im, "id \"%s\" is not valid: give one with --id (1 to 64 characters out of a-z, 0-9 "
             "and '-')", im->id);
        return -1;
    }
    im->target = xasprintf("%s/%s", im->content_dir, im->id);
    char *err = NULL, *pkg = xasprintf("%s/%s", im->target, PACKAGE_FILE);
    struct catalog *c = catalog_load(im->content_dir, &err);
    const struct module *m = c ? catalog_find(c, im->id) : NULL;
    struct stat st;
    int rc = -1;
    if (!c)
        diag_add_text(im->diags, DIAG_ERROR, im->zip_path, 0, 0, err);
    else if (m && (m->kind != MODULE_PACKAGE || strcmp(m->source_path, pkg)))
        import_fail(im, "id \"%s\" is taken by the module %s: give the package another id with --id",
             im->id, m->source_path);
    else if (package_at(im->target) && !(im->old = package_read_json(pkg, &err)))
        import_fail(im, "%s; remove or repair %s to import again", err, im->target);
    else if (!im->old && lstat(im->target, &st) == 0)
        import_fail(im, "%s is already there and is not a package: give the package another id with --id",
             im->target);
    else
        rc = 0;
    free(err);
    free(pkg);
    catalog_free(c);
    return rc;
}

/* The catalogue word key: the author's option, else the version before's, else the manifest's. */
static const char *pick(struct import *im, const char *option, const char *key, const char *from)
{
    if (option) return option;
    const char *old = json_string_value(json_object_get(im->old, key));
    return old ? old : json_string_value(json_object_get(im->manifest, from));
}

static int text_ok(struct import *im, const char *s, const char *what, size_t max)
{
    if (s && *s && strlen(s) <= max) return 1;
    if (s && *s)
        import_fail(im, "the %s is over %zu characters: give a shorter one with --%s", what, max, what);
    else import_fail(im, "the manifest has no %s for the catalogue: give one with --%s", what, what);
    return 0;
}

/* The skill tags of the option (a-z, 0-9 and '-', separated by ','), or NULL after an error. */
static json_t *parse_skills(struct import *im, const char *list)
{
    json_t *skills = json_array();
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        char *tag = xstrndup(p, n);
        if (frontmatter_valid_id(tag)) json_array_append_new(skills, json_string(tag));
        else if (*tag || p[n]) {
            import_fail(im, "skill \"%s\" is not valid: use 1 to 64 characters out of a-z, 0-9 and '-', "
                 "tags separated by ','", tag);
            free(tag);
            json_decref(skills);
            return NULL;
        }
        free(tag);
        p += n + (p[n] == ',');
    }
    return skills;
}

/* The manifest's LOM keywords that are skill tags (a-z, 0-9 and '-'), for a new package:
 * an exported Stepwise module keeps its skills; other keywords are free text and left out. */
static json_t *keyword_skills(const json_t *manifest)
{
    json_t *skills = json_array(), *k;
    size_t i;
    json_array_foreach(json_object_get(manifest, "keywords"), i, k)
        if (frontmatter_valid_id(json_string_value(k))) json_array_append(skills, k);
    return skills;
}

/* package.json for the new version n: the catalogue words, the skills, and every version. */
static json_t *package_json(struct import *im, int n)
{
    const char *title = pick(im, im->o->title, "title", "title");
    const char *summary = pick(im, im->o->summary, "summary", "description");
    const char *language = pick(im, im->o->language, "language", "language");
    json_int_t minutes = im->o->minutes ? im->o->minutes
                                        : json_integer_value(json_object_get(im->old, "minutes"));
    if (!minutes) minutes = json_integer_value(json_object_get(im->manifest, "minutes"));
    if (!text_ok(im, title, "title", MAX_TITLE) || !text_ok(im, summary, "summary", MAX_SUMMARY))
        return NULL;
    if (!minutes) {
        import_fail(im, "the manifest does not say how long the lesson takes (no typical learning time "
             "in its metadata): give the minutes with --minutes");
        return NULL;
    }
    if (!language || !frontmatter_valid_language(language)) {
        diag_add(im->diags, DIAG_WARNING, im->zip_path, 0, 0, "the manifest gives no language; "
                 "taken as \"en\" (set it with --language)");
        language = "en";
    }
    char when[32];
    time_t now = time(NULL);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    char *copy = xstrdup(im->o->file_name ? im->o->file_name : im->zip_path);
    json_t *versions = json_deep_copy(json_object_get(im->old, "versions"));
    if (!json_is_array(versions)) versions = json_array();
    json_array_append_new(versions, json_pack("{s:i, s:s, s:s, s:O}", "version", n, "imported",
                                              when, "file", basename(copy), "scorm",
                                              json_object_get(im->manifest, "scorm")));
    free(copy);
    json_t *skills = im->o->skills ? parse_skills(im, im->o->skills)
                     : im->old ? json_incref(json_object_get(im->old, "skills"))
                               : keyword_skills(im->manifest);
    if (im->o->skills && !skills) {
        json_decref(versions);
        return NULL;
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:I, s:o, s:i, s:o}", "id", im->id, "title", title,
                     "summary", summary, "language", language, "minutes", minutes, "skills",
                     skills ? skills : json_array(), "version", n, "versions", versions);
}

/* The next version number: one past every version recorded or left on disk. */
static int next_version(struct import *im)
{
    int n = (int)json_integer_value(json_object_get(im->old, "version"));
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(im->old, "versions"), i, v) {
        int k = (int)json_integer_value(json_object_get(v, "version"));
        if (k > n) n = k;
    }
    struct stat st;
    for (;;) {
        char *dir = xasprintf("%s/%d", im->target, ++n);
        int taken = lstat(dir, &st) == 0;
        free(dir);
        if (!taken) return n;
    }
}

static int write_json(struct import *im, const char *path, const json_t *o)
{
    if (json_dump_file(o, path, JSON_INDENT(1) | JSON_ENSURE_ASCII) == 0) return 0;
    import_fail(im, "cannot write %s: %s", path, strerror(errno));
    return -1;
}

/* Builds tmp/N/{files,manifest.json} and tmp/package.json, flushes them, and moves them in. */
static int publish(struct import *im, int n, json_t *pkg)
{
    char *version = xasprintf("%s/%d", im->tmp, n);
    char *files = xasprintf("%s/%s", version, PACKAGE_FILES);
    char *manifest = xasprintf("%s/%s", version, PACKAGE_MANIFEST);
    char *pkg_tmp = xasprintf("%s/%s", im->tmp, PACKAGE_FILE);
    char *final_version = xasprintf("%s/%d", im->target, n);
    char *final_pkg = xasprintf("%s/%s", im->target, PACKAGE_FILE);
    int rc = -1;
    if (mkdir(version, 0755) != 0 || rename(im->files, files) != 0) {
        import_fail(im, "cannot make %s: %s", version, strerror(errno));
        goto done;
    }
    if (write_json(im, manifest, im->manifest) < 0 || write_json(im, pkg_tmp, pkg) < 0) goto done;
    /* What the rename publishes must be on disk first, or a power cut could leave a package.json
     * naming files that were never written. */
    int fd = open(im->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int synced = fd >= 0 && syncfs(fd) == 0;
    if (fd >= 0) close(fd);
    if (!synced) {
        import_fail(im, "cannot flush %s to disk: %s", im->tmp, strerror(errno));
        goto done;
    }
    if (!im->old) {
        if (chmod(im->tmp, 0755) != 0 || rename(im->tmp, im->target) != 0) {
            import_fail(im, "cannot move the package to %s: %s", im->target, strerror(errno));
            goto done;
        }
    } else if (rename(version, final_version) != 0 || rename(pkg_tmp, final_pkg) != 0) {
        import_fail(im, "cannot move the new version into %s: %s", im->target, strerror(errno));
        rename(final_version, version);     /* back, so the removal takes it: nothing stored */
        goto done;
    }
    rc = 0;
done:
    free(version);
    free(files);
    free(manifest);
    free(pkg_tmp);
    free(final_version);
    free(final_pkg);
    return rc;
}

static size_t count_launchable(const json_t *manifest)
{
    size_t i, n = 0;
    json_t *item;
    json_array_foreach(json_object_get(manifest, "items"), i, item)
        n += json_object_get(item, "launch") != NULL;
    return n;
}

int package_import(const char *content_dir, const char *zip_path, const struct package_options *o,
                   const struct package_limits *l, struct diag_list *diags,
                   struct package_result *res)
{
    struct import im = {content_dir, zip_path, o, diags, NULL, NULL, NULL, NULL, NULL, NULL};
    json_t *pkg = NULL;
    char *err = NULL;
    int rc = -1, n = 0;
    memset(res, 0, sizeof *res);
    int dfd = open(content_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || flock(dfd, LOCK_EX) != 0) {
        import_fail(&im, "cannot open the content folder %s: %s", content_dir, strerror(errno));
        goto done;
    }
    im.tmp = xasprintf("%s/.import-XXXXXX", content_dir);
    if (!mkdtemp(im.tmp)) {
        import_fail(&im, "cannot make a folder in %s: %s", content_dir, strerror(errno));
        free(im.tmp);
        im.tmp = NULL;
        goto done;
    }
    im.files = xasprintf("%s/%s", im.tmp, PACKAGE_FILES);
    if (mkdir(im.files, 0755) != 0) {
        import_fail(&im, "cannot make %s: %s", im.files, strerror(errno));
        goto done;
    }
    if (package_unzip(zip_path, im.files, l, &err) < 0) {
        diag_add_text(im.diags, DIAG_ERROR, im.zip_path, 0, 0, err);
        goto done;
    }
    if (read_manifest(&im, l) < 0 || settle_id(&im) < 0) goto done;
    n = im.old ? next_version(&im) : 1;
    if (!(pkg = package_json(&im, n)) || publish(&im, n, pkg) < 0) goto done;
    res->id = xstrdup(im.id);
    res->version = n;
    res->scorm = xstrdup(json_string_value(json_object_get(im.manifest, "scorm")));
    res->launchable = count_launchable(im.manifest);
    rc = 0;
done:
    if (im.tmp && (rc < 0 || im.old)) remove_tree(im.tmp);
    if (dfd >= 0) close(dfd);    /* releases the lock */
    free(err);
    free(im.tmp);
    free(im.files);
    free(im.id);
    free(im.target);
    json_decref(im.manifest);
    json_decref(im.old);
    json_decref(pkg);
    return rc;
}

void package_result_free(struct package_result *res)
{
    free(res->id);
    free(res->scorm);
    memset(res, 0, sizeof *res);
}
