/* server.c: `stepwise serve`: loads the content folder, opens the database, runs the HTTP engine
 * until SIGINT or SIGTERM, then shuts down cleanly, finishing the requests in progress. */
#include "server/server.h"

#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "content/watch.h"
#include "server/buf.h"
#include "server/http_daemon.h"
#include "server/page_cache.h"
#include "server/quiz_cache.h"

/* Applies --sync and says in the log what the database really does now. */
static int store_durability(struct server *srv, char **err)
{
    enum store_sync sync;
    if ((!srv->cfg.sync_full && store_set_sync(srv->store, STORE_SYNC_NORMAL, err) != STORE_OK) ||
        (srv->cfg.db_max_bytes && store_set_max_bytes(srv->store, srv->cfg.db_max_bytes, err) != STORE_OK) ||
        store_get_sync(srv->store, &sync, err) != STORE_OK)
        return -1;
    fprintf(stderr, "stepwise: database %s: %s\n", srv->cfg.db_path, sync == STORE_SYNC_FULL
            ? "every commit is flushed to disk before the reply (--sync full)"
            : "commits are flushed to disk at checkpoints; a power cut may lose the last ones "
              "(--sync normal)");
    return 0;
}

/* The database, opened on a thread of its own while the content folder is loaded: opening
 * waits for the disk (the migrations' and the write probe's flushes), loading for the CPU. */
struct opening {
    const char *path;
    struct store_options options;
    struct store *store;
    char *err;
};

static void *open_store(void *arg)
{
    struct opening *o = arg;
    o->store = store_open_with(o->path, &o->options, &o->err);
    return NULL;
}

static int server_open(struct server *srv, char **err)
{
    struct opening db = {.path = srv->cfg.db_path,
                         .options = {srv->cfg.db_cache_bytes, srv->cfg.db_reader_cache_bytes}};
    pthread_t opener;
    int threaded = pthread_create(&opener, NULL, open_store, &db) == 0;
    if (!threaded) open_store(&db);
    srv->catalog = catalog_load(srv->cfg.content_dir, err);
    if (srv->catalog) {
        diag_print(&srv->catalog->diags, stderr);
        size_t broken = diag_count(&srv->catalog->diags, DIAG_ERROR);
        fprintf(stderr, "stepwise: %zu modules loaded from %s%s\n", srv->catalog->len,
                srv->cfg.content_dir, broken ? " (modules with errors were skipped: see above)" : "");
        char *why = NULL;
        srv->watch = watch_start(srv->cfg.content_dir, &srv->lock, &srv->catalog, &why);
        if (!srv->watch) fprintf(stderr, "stepwise: live reload is off: %s\n", why);
        free(why);
    }
    if (threaded) pthread_join(opener, NULL);
    srv->store = db.store;
    if (!srv->catalog) {
        free(db.err);
        return -1;
    }
    if (!srv->store) {
        *err = db.err;
        return -1;
    }
    if (store_durability(srv, err) < 0) return -1;
    srv->cache = page_cache_new(srv->cfg.cache_bytes);
    srv->quizzes = quiz_cache_new(srv->cfg.public_url);
    srv->started_at = (int64_t)time(NULL);
    return 0;
}

static void server_close(struct server *srv)
{
    watch_stop(srv->watch);     /* first: its thread swaps the catalog */
    page_cache_free(srv->cache);
    quiz_cache_free(srv->quizzes);
    if (srv->store) store_close(srv->store);
    if (srv->catalog) catalog_free(srv->catalog);
}

int server_run(struct config *cfg)
{
    struct server srv;
    memset(&srv, 0, sizeof srv);
    srv.cfg = *cfg;
    pthread_mutex_init(&srv.lock, NULL);
    /* Request bodies (up to --max-body) get pages of their own, returned to the system when
     * freed: with glibc's sliding threshold, a freed body raises it and the next ones stay in
     * the heap after their request. The heap is trimmed after large requests (http.c), not
     * whenever its top is free: shrinking and growing it on every batch took a third of the
     * time of a 10 000-statement batch. */
    mallopt(M_MMAP_THRESHOLD, 256 << 10);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    /* No fastbins: a JSON request is thousands of small blocks, and glibc merged the freed ones
     * (malloc_consolidate) at the next larger request, a tenth of a batch POST's time; without
     * them a statement batch takes a fifth less CPU (tcache still serves the small ones). */
    mallopt(M_MXFAST, 0);
    /* Two malloc arenas per core, not glibc's eight per core: each of the --write-threads that
     * parses a statement batch got an arena of its own, which kept its freed blocks (up to the
     * trim threshold above), so a server that had taken batches on many threads held 142 MB
     * where its caches (SQLite's 35 MB) and the heap in use needed 63. One per core held 63 MB,
     * but the threads parsing batches and the one writing them then waited for each other's
     * arena lock (futex calls were a tenth of the CPU profile): two per core hold 76 MB and
     * take 100 statements per POST about a tenth faster (ingest bench, same run). */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    mallopt(M_ARENA_MAX, cores > 0 ? 2 * (int)cores : 2);

    /* Block the stop signals before any thread starts, so only sigwait() below sees them. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    int status = 1;
    char *err = NULL;
    struct http_engine *d = NULL;
    if (server_open(&srv, &err) < 0) goto done;
    d = http_start(&srv, &err);
    if (!d) goto done;
    fprintf(stderr, "stepwise: listening on http://%s%s%s:%u/\n", strchr(cfg->listen_host, ':') ? "[" : "",
            cfg->listen_host, strchr(cfg->listen_host, ':') ? "]" : "", cfg->port);
    int sig;
    sigwait(&stop, &sig);
    fprintf(stderr, "stepwise: %s received, shutting down\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    http_stop(d);
    status = 0;
done:
    if (err) fprintf(stderr, "stepwise: %s\n", err);
    free(err);
    server_close(&srv);
    pthread_mutex_destroy(&srv.lock);
    return status;
}

/* Reloads a module whose files are newer than what was loaded, so a request right after a save
 * sees it before the live-reload thread (content/watch.c) swaps in the new catalog. Only newer:
 * that thread may set a module's time past its files' to renew cached pages. A module that broke
 * keeps being served as it was until then; the findings go to the log. Caller holds srv->lock. */
struct module *server_module_fresh(struct server *srv, const char *id)
{
    return server_module_fresh_queued(srv, id, watch_queued(srv->watch));
}

struct module *server_module_fresh_queued(struct server *srv, const char *id, int queued)
{
    for (size_t i = 0; i < srv->catalog->len; i++) {
        struct module *m = srv->catalog->modules[i];
        if (strcmp(m->id, id)) continue;
        /* The files are looked at only when the watch saw something change since the last look
         * (a stat of every media file on each request took half of a cached page's time). */
        if (!watch_changed_since(srv->watch, &m->files_seen, queued)) return m;
        time_t now = module_current_mtime(m);
        if (now <= m->mtime) return m;      /* also when gone (0): the thread removes it */
        struct diag_list diags;
        diag_list_init(&diags);
        char *path = xstrdup(m->media_dir ? m->media_dir : m->source_path);
        struct module *reloaded = module_load(path, &diags);
        free(path);
        diag_print(&diags, stderr);
        diag_list_free(&diags);
        if (!reloaded || strcmp(reloaded->id, m->id)) {
            module_free(reloaded);
            m->mtime = now;     /* report once, not on every request */
            return m;
        }
        module_free(m);
        srv->catalog->modules[i] = reloaded;
        return reloaded;
    }
    return NULL;
}
