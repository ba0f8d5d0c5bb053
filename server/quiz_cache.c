/* quiz_cache.c: one entry per module id and level, replaced when the module's time changes; a
 * plain array searched linearly, as the page cache (tens to hundreds of modules, three levels
 * at most each). An entry holds the parsed questions and their Activities as JSON. */
#include "server/quiz_cache.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/quiz_statements.h"

struct quiz_entry {
    char *id;
    int level;
    time_t mtime;
    struct quiz quiz;
    json_t *questions;      /* quiz_statements_questions of quiz */
};

struct quiz_cache {
    char *public_url;
    struct quiz_entry *items;
    size_t len;
};

struct quiz_cache *quiz_cache_new(const char *public_url)
{
    struct quiz_cache *c = xcalloc(1, sizeof *c);
    c->public_url = xstrdup(public_url);
    return c;
}

void quiz_cache_free(struct quiz_cache *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->len; i++) {
        free(c->items[i].id);
        quiz_free(&c->items[i].quiz);
        json_decref(c->items[i].questions);
    }
    free(c->items);
    free(c->public_url);
    free(c);
}

/* The entry of m at level, made or renewed as m is now. */
static struct quiz_entry *entry(struct quiz_cache *c, const struct module *m, int level)
{
    struct quiz_entry *e = NULL;
    for (size_t i = 0; i < c->len && !e; i++)
        if (c->items[i].level == level && !strcmp(c->items[i].id, m->id)) e = &c->items[i];
    if (e && e->mtime == m->mtime) return e;
    if (e) {
        quiz_free(&e->quiz);
        json_decref(e->questions);  /* statements still being stored keep their references */
    } else {
        c->items = xrealloc(c->items, (c->len + 1) * sizeof *c->items);
        e = &c->items[c->len++];
        e->id = xstrdup(m->id);
        e->level = level;
    }
    e->mtime = m->mtime;
    quiz_load(m, level, &e->quiz);
    e->questions = quiz_statements_questions(c->public_url, m, &e->quiz);
    return e;
}

const struct quiz *quiz_cache_get(struct quiz_cache *c, const struct module *m, int level)
{
    return &entry(c, m, level)->quiz;
}

const json_t *quiz_cache_questions(struct quiz_cache *c, const struct module *m, int level)
{
    return entry(c, m, level)->questions;
}
