/* package.c: reads a stored SCORM package as a catalogue module: package.json gives the id, the
 * words the catalogue shows and the current version; that version's manifest.json gives the
 * SCORM version and the items, listed in the body so the module page says what the package
 * holds. */
#include "content/package.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content/frontmatter.h"
#include "player/i18n_msg.h"
#include "server/buf.h"

int package_at(const char *path)
{
    size_t n = strlen(path), k = strlen(PACKAGE_FILE);
    struct stat st;
    if (n > k && !strcmp(path + n - k, PACKAGE_FILE) && path[n - k - 1] == '/')
        return stat(path, &st) == 0 && S_ISREG(st.st_mode);
    char *file = xasprintf("%s/%s", path, PACKAGE_FILE);
    int found = stat(path, &st) == 0 && S_ISDIR(st.st_mode) && stat(file, &st) == 0;
    free(file);
    return found;
}

json_t *package_read_json(const char *path, char **err)
{
    size_t len;
    char *text = read_file_max(path, PACKAGE_MAX_JSON, &len);
    if (!text) {
        *err = i18n_msg_phrase(N_("cannot read %s: %s"), path, strerror(errno));
        return NULL;
    }
    json_error_t jerr;
    json_t *o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    free(text);
    if (!json_is_object(o)) {
        *err = i18n_msg_phrase(N_("%s is damaged (%s): import the package again"), path,
                               o ? W_("not an object") : jerr.text);
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Appends s to a Markdown paragraph as plain text (every ASCII punctuation mark escaped). */
static void put_plain(struct buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r') buf_putc(b, ' ');
        else {
            if (strchr("\\`*_{}[]()<>#+-.!|~&\"'=:;,?@$%^/", *s)) buf_putc(b, '\\');
            buf_putc(b, *s);
        }
    }
}

static char *package_body(const struct module *m, const json_t *manifest)
{
    struct buf b;
    buf_init(&b);
    put_plain(&b, m->summary);
    buf_puts(&b, "\n\n## In this lesson\n\n");
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(manifest, "items"), i, item) {
        if (!json_object_get(item, "launch") || json_is_false(json_object_get(item, "visible")))
            continue;
        buf_puts(&b, "- ");
        put_plain(&b, json_string_value(json_object_get(item, "title")));
        buf_putc(&b, '\n');
    }
    buf_printf(&b, "\nThis lesson is a SCORM %s package.\n",
               json_string_value(json_object_get(manifest, "scorm")));
    return buf_detach(&b, NULL);
}

static char *take_string(const json_t *o, const char *key, int (*valid)(const char *))
{
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s && (!valid || valid(s)) ? xstrdup(s) : NULL;
}

/* Fills m from package.json; returns the name of the first field that is missing or bad. */
static const char *fill(struct module *m, const json_t *pkg)
{
    if (!(m->id = take_string(pkg, "id", frontmatter_valid_id))) return "id";
    if (!(m->title = take_string(pkg, "title", NULL))) return "title";
    if (!(m->summary = take_string(pkg, "summary", NULL))) return "summary";
    m->language = take_string(pkg, "language", frontmatter_valid_language);
    if (!m->language) return "language";
    json_int_t minutes = json_integer_value(json_object_get(pkg, "minutes"));
    if (minutes < 1 || minutes > 600) return "minutes";
    m->minutes = (int)minutes;
    json_int_t version = json_integer_value(json_object_get(pkg, "version"));
    if (version < 1 || version > 1000000) return "version";
    m->package_version = (int)version;
    m->version = xasprintf("%d", m->package_version);
    json_t *skills = json_object_get(pkg, "skills");
    size_t i;
    json_t *skill;
    m->skills = xcalloc(json_array_size(skills) + 1, sizeof *m->skills);
    json_array_foreach(skills, i, skill) {
        const char *s = json_string_value(skill);
        if (!s || !frontmatter_valid_id(s)) return "skills";
        m->skills[m->nskills++] = xstrdup(s);
    }
    return NULL;
}

struct module *package_load(const char *path, struct diag_list *diags)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/') n--;
    char *dir = xstrndup(path, n), *err = NULL, *manifest_path = NULL;
    size_t k = strlen(PACKAGE_FILE);
    if (n > k && !strcmp(dir + n - k, PACKAGE_FILE)) dir[n - k - 1] = '\0';
    struct module *m = xcalloc(1, sizeof *m);
    m->kind = MODULE_PACKAGE;
    m->source_path = xasprintf("%s/%s", dir, PACKAGE_FILE);
    m->levels = 1u << MODULE_MIN_LEVEL;
    m->body_line = m->id_line = 1;
    json_t *pkg = package_read_json(m->source_path, &err), *manifest = NULL;
    const char *bad = pkg ? fill(m, pkg) : NULL;
    if (bad) {
        diag_add(diags, DIAG_ERROR, m->source_path, 0, 0, "\"%s\" is missing or not valid: "
                 "import the package again with stepwise import (README.md, \"SCORM packages\")",
                 bad);
        goto fail;
    }
    if (!pkg) goto fail;
    manifest_path = xasprintf("%s/%d/%s", dir, m->package_version, PACKAGE_MANIFEST);
    if (!(manifest = package_read_json(manifest_path, &err))) goto fail;
    m->markdown = package_body(m, manifest);
    m->mtime = module_current_mtime(m);
    goto done;
fail:
    if (err) diag_add_text(diags, DIAG_ERROR, m->source_path, 0, 0, err);
    module_free(m);
    m = NULL;
done:
    json_decref(pkg);
    json_decref(manifest);
    free(manifest_path);
    free(err);
    free(dir);
    return m;
}
