/* check.c: `stepwise check`: loads the modules named on the command line and renders every level
 * they offer (captions, transcripts and images are only checked while rendering), then prints the
 * findings in file order and a one-line summary. */
#include "content/check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content/catalog.h"
#include "content/render.h"
#include "server/buf.h"

/* A lesson page must stay under 30 KB with the player's HTML and CSS around the body. */
#define MAX_BODY_BYTES (20 * 1024)

static void check_levels(const struct module *m, struct diag_list *diags)
{
    for (int level = MODULE_MIN_LEVEL; level <= MODULE_MAX_LEVEL; level++) {
        char *html = render_module(m, level, diags);
        if (html && strlen(html) > MAX_BODY_BYTES)
            diag_add(diags, DIAG_WARNING, m->source_path, 0, 0, "level %d renders to %zu KB of "
                     "HTML: keep it under %d KB so the page loads quickly on the shop-floor "
                     "Wi-Fi, or split the module", level, strlen(html) / 1024, MAX_BODY_BYTES / 1024);
        free(html);
    }
}

static size_t check_module(const char *path, struct diag_list *diags)
{
    struct module *m = module_load(path, diags);
    if (m) check_levels(m, diags);
    module_free(m);
    return 1;
}

static size_t check_folder(const char *path, struct diag_list *diags)
{
    char *err = NULL;
    struct catalog *c = catalog_load(path, &err);
    if (!c) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "%s", err);
        free(err);
        return 0;
    }
    diag_list_move(diags, &c->diags);
    for (size_t i = 0; i < c->len; i++) check_levels(c->modules[i], diags);
    size_t n = c->nfound;
    catalog_free(c);
    return n;
}

/* Returns how many modules path holds, adding what is wrong with them to diags. */
static size_t check_path(const char *path, struct diag_list *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) return check_module(path, diags);
    char *index = xasprintf("%s/index.md", path);
    int is_module = stat(index, &st) == 0;
    free(index);
    return is_module ? check_module(path, diags) : check_folder(path, diags);
}

static int same_place(const struct diag *a, const struct diag *b)
{
    return a->line == b->line && a->column == b->column && strcmp(a->file, b->file) == 0;
}

/* Rendering every level finds the problems of shared text once per level: keep one. The list is
 * sorted, so a repeat sits among the findings kept for the same place. */
static void drop_repeats(struct diag_list *l)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->len; i++) {
        struct diag *d = &l->items[i];
        int repeat = 0;
        for (size_t k = kept; k-- > 0 && same_place(&l->items[k], d) && !repeat;)
            repeat = l->items[k].severity == d->severity &&
                     strcmp(l->items[k].message, d->message) == 0;
        if (repeat) {
            free(d->file);
            free(d->message);
        } else {
            l->items[kept++] = *d;
        }
    }
    l->len = kept;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

int check_run(int npaths, char **paths, FILE *out)
{
    struct diag_list diags;
    diag_list_init(&diags);
    size_t modules = 0;
    for (int i = 0; i < npaths; i++) modules += check_path(paths[i], &diags);
    diag_sort(&diags);
    drop_repeats(&diags);
    diag_print(&diags, out);
    size_t errors = diag_count(&diags, DIAG_ERROR), warnings = diag_count(&diags, DIAG_WARNING);
    fprintf(out, "%zu module%s checked: %zu error%s, %zu warning%s\n", modules, plural(modules),
            errors, plural(errors), warnings, plural(warnings));
    diag_list_free(&diags);
    return errors ? 1 : 0;
}
