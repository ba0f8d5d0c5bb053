/* quiz_cache.c: one entry per module id and level, replaced when the module's time changes; a
 * plain array searched linearly, as the page cache (tens to hundreds of modules, three levels
 * at most each). */
#include "server/quiz_cache.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

struct quiz_entry {
    char *id;
    int level;
    time_t mtime;
    struct quiz quiz;
};

struct quiz_cache {
    struct quiz_entry *items;
    size_t len;
};

struct quiz_cache *quiz_cache_new(void)
{
    return xcalloc(1, sizeof(struct quiz_cache));
}

void quiz_cache_free(struct quiz_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->len; i++) {
        free(c->items[i].id);
        quiz_free(&c->items[i].quiz);
    }
    free(c->items);
    free(c);
}

const struct quiz *quiz_cache_get(struct quiz_cache *c, const struct module *m, int level)
{
    struct quiz_entry *e = NULL;
    for (size_t i = 0; i < c->len && !e; i++)
        if (c->items[i].level == level && !strcmp(c->items[i].id, m->id)) e = &c->items[i];
    if (e && e->mtime == m->mtime) return &e->quiz;
    if (e) {
        quiz_free(&e->quiz);
    } else {
        c->items = xrealloc(c->items, (c->len + 1) * sizeof *c->items);
        e = &c->items[c->len++];
        e->id = xstrdup(m->id);
        e->level = level;
    }
    e->mtime = m->mtime;
    quiz_load(m, level, &e->quiz);
    return &e->quiz;
}
