/* catalog.c: loads every module of a content folder in name order (so findings come out the same
 * each run), skips broken ones and second users of an id, then sorts by title for the catalogue. */
#include "content/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "content/package.h"
#include "server/buf.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_title(const void *a, const void *b)
{
    const struct module *x = *(struct module *const *)a, *y = *(struct module *const *)b;
    int c = strcasecmp(x->title, y->title);
    return c ? c : strcmp(x->id, y->id);
}

/* The names directly under dir that may be modules, sorted; NULL when dir cannot be read. */
static char **list_names(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || e->d_name[0] == '_') continue;
        if (*n == cap) names = xrealloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[(*n)++] = xstrdup(e->d_name);
    }
    closedir(d);
    if (*n) qsort(names, *n, sizeof *names, by_name);
    return names ? names : xcalloc(1, sizeof *names);
}

/* Returns 1 when path is a module candidate: a .md file, a package folder, or a folder (warned
 * about without index.md, since the author most likely forgot it). */
static int is_candidate(struct catalog *c, const char *path, const char *name)
{
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    if (S_ISREG(st.st_mode)) {
        size_t n = strlen(name);
        return n > 3 && strcmp(name + n - 3, ".md") == 0;
    }
    if (!S_ISDIR(st.st_mode)) return 0;
    if (package_at(path)) return 1;
    char *index = xasprintf("%s/index.md", path);
    int ok = stat(index, &st) == 0;
    free(index);
    if (!ok)
        diag_add(&c->diags, DIAG_WARNING, path, 0, 0, "this folder has no index.md, so it is not "
                 "a module: add index.md, or start its name with \"_\" to keep it out");
    return ok;
}

static void add_module(struct catalog *c, struct module *m)
{
    const struct module *taken = catalog_find(c, m->id);
    if (taken) {
        diag_add(&c->diags, DIAG_ERROR, m->source_path, m->id_line, 1, "id \"%s\" is already used "
                 "by %s: give this module another id", m->id, taken->source_path);
        module_free(m);
        return;
    }
    c->modules = xrealloc(c->modules, (c->len + 1) * sizeof *c->modules);
    c->modules[c->len++] = m;
}

struct catalog *catalog_load(const char *dir, char **err)
{
    size_t n;
    char **names = list_names(dir, &n);
    if (!names) {
        *err = xasprintf("cannot read the content folder %s: %s", dir, strerror(errno));
        return NULL;
    }
    struct catalog *c = xcalloc(1, sizeof *c);
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/') dlen--;
    c->dir = xstrndup(dir, dlen);
    diag_list_init(&c->diags);
    for (size_t i = 0; i < n; i++) {
        char *path = xasprintf("%s/%s", c->dir, names[i]);
        if (is_candidate(c, path, names[i])) {
            c->nfound++;
            struct module *m = module_load(path, &c->diags);
            if (m) add_module(c, m);
        }
        free(path);
        free(names[i]);
    }
    free(names);
    if (c->len) qsort(c->modules, c->len, sizeof *c->modules, by_title);
    return c;
}

void catalog_free(struct catalog *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->len; i++) module_free(c->modules[i]);
    free(c->modules);
    free(c->dir);
    diag_list_free(&c->diags);
    free(c);
}

const struct module *catalog_find(const struct catalog *c, const char *id)
{
    for (size_t i = 0; i < c->len; i++)
        if (strcmp(c->modules[i]->id, id) == 0) return c->modules[i];
    return NULL;
}
