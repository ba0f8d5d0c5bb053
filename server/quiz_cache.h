/* quiz_cache.h: the parsed questions of each module level, and their Activities as the answered
 * statements carry them, kept between answers instead of made from the module's Markdown on
 * every one. Keyed, like the page cache, by module id, level and
 * the modification time of the module's files, which the content watch and a reload after a
 * save renew: a changed module's questions are parsed again at the next answer. */
#ifndef STEPWISE_QUIZ_CACHE_H
#define STEPWISE_QUIZ_CACHE_H

#include "content/module.h"
#include "content/quiz.h"

#include <jansson.h>

struct quiz_cache;

/* public_url: the server's, which the question Activities' ids begin with. */
struct quiz_cache *quiz_cache_new(const char *public_url);
void quiz_cache_free(struct quiz_cache *c);
/* The questions m shows at level (quiz_load), parsed once per id, level and m->mtime; owned
 * by the cache. Not thread-safe: the caller holds the server lock while it uses them. */
const struct quiz *quiz_cache_get(struct quiz_cache *c, const struct module *m, int level);
/* quiz_statements_questions of those questions, made with them; owned by the cache, shared by
 * reference (json_incref) with the statements, which may outlive the entry. */
const json_t *quiz_cache_questions(struct quiz_cache *c, const struct module *m, int level);

#endif
