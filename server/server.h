/* server.h: the running server's shared state, handed to every request. */
#ifndef STEPWISE_SERVER_H
#define STEPWISE_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "content/catalog.h"
#include "server/config.h"
#include "tracking/store.h"

struct page_cache;
struct quiz_cache;
struct watch;

struct server {
    struct config cfg;
    pthread_mutex_t lock;           /* guards catalog, cache and quizzes */
    struct catalog *catalog;
    struct page_cache *cache;
    struct quiz_cache *quizzes;     /* the parsed questions of each module level */
    struct store *store;
    int64_t started_at;             /* unix seconds */
    struct watch *watch;            /* live reload of the content folder; NULL when off */
    atomic_size_t body_memory;      /* bytes of request bodies held now (server/http_head.c) */
};

/* Runs the server until SIGINT/SIGTERM. Returns the process exit status. */
int server_run(struct config *cfg);

/* The catalog's module id, reloaded first when its files are newer than what was loaded (so
 * a request right after a save sees the new text before live reload swaps the catalog), or
 * NULL when there is none. Caller holds srv->lock. */
struct module *server_module_fresh(struct server *srv, const char *id);
/* The same with watch_queued(srv->watch) asked before the caller took srv->lock (a page that
 * many read at once: the lock is not held over the look at the watch's queue). */
struct module *server_module_fresh_queued(struct server *srv, const char *id, int queued);

#endif
