/* catalog.c: loads every module of a content folder (on several threads when there are many),
 * reports the findings in name order (so they come out the same each run), skips broken modules
 * and second users of an id, then sorts by title for the catalogue. */
#include "content/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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
static int is_candidate(struct diag_list *diags, const char *path, const char *name)
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
        diag_add(diags, DIAG_WARNING, path, 0, 0, "this folder has no index.md, so it is not "
                 "a module: add index.md, or start its name with \"_\" to keep it out");
    return ok;
}

/* One entry of the content folder, loaded by whichever thread takes it. */
struct slot {
    char *path;
    int candidate;
    struct module *m;
    struct diag_list diags;     /* its findings, merged in name order afterwards */
    long taken_by;              /* the slot of the module that uses its id already, or -1 */
};

struct loader {
    struct slot *slots;
    size_t n;
    atomic_size_t next;
};

static void *load_slots(void *arg)
{
    struct loader *l = arg;
    size_t i;
    while ((i = atomic_fetch_add(&l->next, 1)) < l->n) {
        struct slot *s = &l->slots[i];
        s->candidate = is_candidate(&s->diags, s->path, strrchr(s->path, '/') + 1);
        if (s->candidate) s->m = module_load(s->path, &s->diags);
    }
    return NULL;
}

/* Parsing modules is CPU work (YAML, Markdown, questions): a large folder is read by up to
 * LOAD_THREADS threads (one per core, ENTRIES_PER_THREAD entries each at least), each taking
 * the next entry, so start-up and reloads take a fraction of the time. */
#define LOAD_THREADS 4
#define ENTRIES_PER_THREAD 32

static void load_all(struct loader *l)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t extra = l->n / ENTRIES_PER_THREAD;
    if (cpus < 1) cpus = 1;
    if (extra > (size_t)cpus - 1) extra = (size_t)cpus - 1;
    if (extra > LOAD_THREADS - 1) extra = LOAD_THREADS - 1;
    pthread_t threads[LOAD_THREADS - 1];
    size_t started = 0;
    while (started < extra && pthread_create(&threads[started], NULL, load_slots, l) == 0) started++;
    load_slots(l);
    for (size_t i = 0; i < started; i++) pthread_join(threads[i], NULL);
}

static int by_id_then_slot(const void *a, const void *b, void *arg)
{
    const struct slot *slots = arg;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(slots[x].m->id, slots[y].m->id);
    return c ? c : (x > y) - (x < y);
}

/* The first module in name order keeps its id; each later one is marked with that first one
 * (sorted by id: a look through every module loaded before it took a tenth of start-up). */
static void mark_taken_ids(struct loader *l)
{
    size_t *order = xcalloc(l->n ? l->n : 1, sizeof *order), k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->slots[i].m) order[k++] = i;
    qsort_r(order, k, sizeof *order, by_id_then_slot, l->slots);
    for (size_t i = 1; i < k; i++) {
        struct slot *s = &l->slots[order[i]], *before = &l->slots[order[i - 1]];
        if (!strcmp(s->m->id, before->m->id))
            s->taken_by = before->taken_by >= 0 ? before->taken_by : (long)order[i - 1];
    }
    free(order);
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
    struct loader l = {.slots = xcalloc(n ? n : 1, sizeof *l.slots), .n = n};
    for (size_t i = 0; i < n; i++) {
        l.slots[i].path = xasprintf("%s/%s", c->dir, names[i]);
        diag_list_init(&l.slots[i].diags);
        l.slots[i].taken_by = -1;
        free(names[i]);
    }
    free(names);
    load_all(&l);
    mark_taken_ids(&l);
    c->modules = xcalloc(n ? n : 1, sizeof *c->modules);
    for (size_t i = 0; i < n; i++) {
        struct slot *s = &l.slots[i];
        c->nfound += (size_t)s->candidate;
        diag_list_move(&c->diags, &s->diags);
        if (s->m && s->taken_by >= 0) {
            diag_add(&c->diags, DIAG_ERROR, s->m->source_path, s->m->id_line, 1, "id \"%s\" is "
                     "already used by %s: give this module another id", s->m->id,
                     l.slots[s->taken_by].m->source_path);
            module_free(s->m);
        } else if (s->m) {
            c->modules[c->len++] = s->m;
        }
        free(s->path);
    }
    free(l.slots);
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
