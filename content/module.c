/* module.c: loads one module (a .md file, or a folder with index.md and media): reads the file
 * within sane limits, then parses it (module_parse, also used for text typed in the browser
 * editor): the UTF-8, front-matter, level-fence and question checks. */
#include "content/module.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content/frontmatter.h"
#include "content/levels.h"
#include "content/package.h"
#include "content/quiz.h"
#include "server/buf.h"
#include "server/utf8.h"

#define MAX_MEDIA_DEPTH 4

void module_free(struct module *m)
{
    if (!m) return;
    free(m->id);
    free(m->title);
    free(m->summary);
    free(m->language);
    free(m->version);
    for (size_t i = 0; i < m->nskills; i++) free(m->skills[i]);
    free(m->skills);
    free(m->source_path);
    free(m->media_dir);
    free(m->markdown);
    free(m);
}

int module_has_level(const struct module *m, int level)
{
    return level >= MODULE_MIN_LEVEL && level <= MODULE_MAX_LEVEL && (m->levels & (1u << level));
}

int module_lowest_level(const struct module *m)
{
    for (int level = MODULE_MIN_LEVEL; level <= MODULE_MAX_LEVEL; level++)
        if (module_has_level(m, level)) return level;
    return 0;
}

/* Newest mtime under dir, whose files (transcripts, captions) go into the rendered page. */
static time_t newest_in(const char *dir, int depth)
{
    struct stat st;
    time_t newest = stat(dir, &st) == 0 ? st.st_mtime : 0;
    DIR *d = depth < MAX_MEDIA_DEPTH ? opendir(dir) : NULL;
    if (!d) return newest;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char *path = xasprintf("%s/%s", dir, e->d_name);
        time_t t = 0;
        if (lstat(path, &st) == 0) t = S_ISDIR(st.st_mode) ? newest_in(path, depth + 1) : st.st_mtime;
        if (t > newest) newest = t;
        free(path);
    }
    closedir(d);
    return newest;
}

time_t module_current_mtime(const struct module *m)
{
    struct stat st;
    if (stat(m->source_path, &st) != 0) return 0;
    time_t newest = st.st_mtime;
    if (m->media_dir) {
        time_t media = newest_in(m->media_dir, 0);
        if (media > newest) newest = media;
    }
    return newest;
}

/* Reports the first byte sequence that is not UTF-8, with its line and column. */
static int check_utf8(const char *file, const char *s, size_t len, struct diag_list *diags)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < len; col++) {
        unsigned char c = (unsigned char)s[i];
        size_t n = utf8_char_len(s + i, len - i);
        if (!n || c == 0) {
            diag_add(diags, DIAG_ERROR, file, line, col, c ? "this text is not UTF-8: save the "
                     "file as UTF-8" : "the file holds a NUL byte: save it as UTF-8 text");
            return -1;
        }
        if (c == '\n') line++, col = 0;
        i += n;
    }
    return 0;
}

static char *read_module_file(const char *file, size_t *len, struct diag_list *diags)
{
    char *text = read_file_max(file, MODULE_MAX_BYTES, len);
    if (!text && errno == EFBIG)
        diag_add(diags, DIAG_ERROR, file, 0, 0, "the file is %lld bytes: a module must stay under "
                 "1 MiB, so split it into smaller modules", (long long)*len);
    else if (!text)
        diag_add(diags, DIAG_ERROR, file, 0, 0, "cannot read the file: %s", strerror(errno));
    return text;
}

/* Sets *source and *media_dir (NULL for a one-file module) from path; returns -1 when path is
 * no module. The caller frees both either way. */
static int locate(const char *path, char **source, char **media_dir, struct diag_list *diags)
{
    struct stat st;
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') n--;
    if (stat(path, &st) != 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        *media_dir = xstrndup(path, n);
        *source = xasprintf("%s/index.md", *media_dir);
        if (stat(*source, &st) == 0) return 0;
        diag_add(diags, DIAG_ERROR, path, 0, 0, "this folder has no index.md: put the module's "
                 "text in index.md");
        return -1;
    }
    *source = xstrndup(path, n);
    if (n > 3 && strcmp(path + n - 3, ".md") == 0) return 0;
    diag_add(diags, DIAG_ERROR, path, 0, 0, "not a module: give a .md file or a folder holding "
             "index.md");
    return -1;
}

struct module *module_parse(const char *source_path, const char *media_dir, const char *text,
                            size_t len, struct diag_list *diags)
{
    struct module *m = xcalloc(1, sizeof *m);
    size_t errors = diag_count(diags, DIAG_ERROR);
    m->source_path = xstrdup(source_path);
    m->media_dir = media_dir ? xstrdup(media_dir) : NULL;
    m->mastery = MODULE_DEFAULT_MASTERY;
    if (check_utf8(source_path, text, len, diags) != 0) goto fail;
    int fm = frontmatter_parse(m, text, len, m->source_path, diags);
    /* Check the fences even when the header is broken, so one run shows every problem. */
    if (m->markdown) {
        levels_check(m->markdown, m->levels ? m->levels : ~0u, m->source_path, m->body_line, diags);
        quiz_check(m->markdown, m->source_path, m->body_line, diags);
    }
    if (fm != 0 || diag_count(diags, DIAG_ERROR) > errors) goto fail;
    m->mtime = module_current_mtime(m);
    return m;
fail:
    module_free(m);
    return NULL;
}

struct module *module_load(const char *path, struct diag_list *diags)
{
    char *source = NULL, *media_dir = NULL, *text = NULL;
    size_t len = 0;
    struct module *m = NULL;
    if (package_at(path)) return package_load(path, diags);
    if (locate(path, &source, &media_dir, diags) == 0 && (text = read_module_file(source, &len, diags)))
        m = module_parse(source, media_dir, text, len, diags);
    free(text);
    free(source);
    free(media_dir);
    return m;
}
