/* watch.c: the live-reload thread. inotify watches the content folder and every folder below it
 * (a few levels deep); events only note which top-level entry changed, and once no event came
 * for DEBOUNCE_MS the whole folder is loaded again outside the lock (a module folder is a handful
 * of small files) and swapped in. A stop byte on a pipe ends the thread. */
#include "content/watch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "server/buf.h"

#define DEBOUNCE_MS 150         /* an editor's save is several events: wait for the last */
#define MAX_WAIT_MS 2000        /* reload even if a file keeps changing */
#define MAX_DEPTH 4             /* content folder, module folder, and media folders below */
#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_FROM | \
                    IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct dir_watch {
    int wd;
    char *rel;              /* folder below the content folder, "" for itself; owned */
};

struct watch {
    char *dir;
    pthread_mutex_t *lock;
    struct catalog **catalog;
    int fd;                 /* inotify */
    int stop[2];            /* pipe: a byte on it ends the thread */
    pthread_t thread;
    struct dir_watch *dirs;
    size_t ndirs, dirs_cap;
    char **changed;         /* top-level names changed since the last reload; owned */
    size_t nchanged, changed_cap;
    int all;                /* events were lost: treat every module as changed */
    atomic_ulong changes;   /* raised before each read of events (watch_changed_since) */
};

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ignored_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] == '.' || name[0] == '#' || (n && name[n - 1] == '~');    /* editors' files */
}

static int depth_of(const char *rel)
{
    int depth = *rel ? 1 : 0;
    for (const char *p = rel; *p; p++) depth += *p == '/';
    return depth;
}

static void add_dir(struct watch *w, const char *rel)
{
    char *path = *rel ? xasprintf("%s/%s", w->dir, rel) : xstrdup(w->dir);
    int wd = inotify_add_watch(w->fd, path, WATCH_MASK);
    if (wd >= 0) {
        size_t i = 0;
        while (i < w->ndirs && w->dirs[i].wd != wd) i++;
        if (i == w->ndirs) {
            if (w->ndirs == w->dirs_cap) w->dirs = xrealloc(w->dirs, (w->dirs_cap = w->dirs_cap ? w->dirs_cap * 2 : 16) * sizeof *w->dirs);
            w->ndirs++;
        } else {
            free(w->dirs[i].rel);
        }
        w->dirs[i] = (struct dir_watch){wd, xstrdup(rel)};
    }
    DIR *d = wd >= 0 && depth_of(rel) < MAX_DEPTH ? opendir(path) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        struct stat st;
        char *child = *rel ? xasprintf("%s/%s", rel, e->d_name) : xstrdup(e->d_name);
        char *child_path = xasprintf("%s/%s", path, e->d_name);
        if (!ignored_name(e->d_name) && !(!*rel && e->d_name[0] == '_') &&
            lstat(child_path, &st) == 0 && S_ISDIR(st.st_mode))
            add_dir(w, child);
        free(child_path);
        free(child);
    }
    if (d) closedir(d);
    free(path);
}

static void note_changed(struct watch *w, const char *rel, const char *name)
{
    char *top = *rel ? xstrndup(rel, strcspn(rel, "/")) : xstrdup(name);
    for (size_t i = 0; i < w->nchanged; i++)
        if (!strcmp(w->changed[i], top)) {
            free(top);
            return;
        }
    if (w->nchanged == w->changed_cap) w->changed = xrealloc(w->changed, (w->changed_cap = w->changed_cap ? w->changed_cap * 2 : 8) * sizeof *w->changed);
    w->changed[w->nchanged++] = top;
}

static int was_changed(const struct watch *w, const char *top, size_t len)
{
    for (size_t i = 0; i < w->nchanged; i++)
        if (strlen(w->changed[i]) == len && !strncmp(w->changed[i], top, len)) return 1;
    return w->all;
}

/* Handles one event; returns 1 when it may change what is served. */
static int handle_event(struct watch *w, const struct inotify_event *ev)
{
    if (ev->mask & IN_Q_OVERFLOW) return w->all = 1;
    size_t i = 0;
    while (i < w->ndirs && w->dirs[i].wd != ev->wd) i++;
    if (i == w->ndirs) return 0;
    const char *rel = w->dirs[i].rel;
    if (ev->mask & IN_IGNORED) {                        /* the folder is gone */
        free(w->dirs[i].rel);
        w->dirs[i] = w->dirs[--w->ndirs];
        return 0;
    }
    if (!*rel && (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF))) {
        fprintf(stderr, "stepwise: the content folder %s was removed or moved: the modules "
                "loaded stay served\n", w->dir);
        return 0;
    }
    if (!ev->len || ignored_name(ev->name) || (!*rel && ev->name[0] == '_')) return 0;
    note_changed(w, rel, ev->name);
    if ((ev->mask & (IN_CREATE | IN_MOVED_TO)) && (ev->mask & IN_ISDIR) && depth_of(rel) < MAX_DEPTH) {
        char *child = *rel ? xasprintf("%s/%s", rel, ev->name) : xstrdup(ev->name);
        add_dir(w, child);      /* may move w->dirs: rel is not used after this */
        free(child);
    }
    return 1;
}

/* Returns 1 when an event may change what is served. */
static int read_events(struct watch *w)
{
    char data[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int relevant = 0;
    ssize_t n;
    while ((n = read(w->fd, data, sizeof data)) > 0)
        for (char *p = data; p < data + n; p += sizeof(struct inotify_event) + ((struct inotify_event *)p)->len)
            relevant |= handle_event(w, (struct inotify_event *)p);
    return relevant;
}

/* The top-level entry of the content folder that path (a module or diagnostic file) is in. */
static const char *entry_of(const struct watch *w, const char *path, size_t *len)
{
    size_t dlen = strlen(w->dir);
    if (!strncmp(path, w->dir, dlen) && path[dlen] == '/') path += dlen + 1;
    *len = strcspn(path, "/");
    return path;
}

/* Pages are cached by module id, level and modification time (in seconds): a module whose files
 * changed gets a time after the one it had, even within the same second, so its pages are
 * rendered again; a module that did not change keeps its time and its cached pages. */
static void carry_over(const struct watch *w, const struct catalog *old, struct catalog *fresh)
{
    for (size_t i = 0; i < fresh->len; i++) {
        struct module *m = fresh->modules[i];
        const struct module *before = catalog_find(old, m->id);
        if (!before) continue;
        size_t len, old_len;
        const char *top = entry_of(w, m->source_path, &len), *old_top = entry_of(w, before->source_path, &old_len);
        if (!was_changed(w, top, len) && !was_changed(w, old_top, old_len)) m->mtime = before->mtime;
        else if (m->mtime <= before->mtime) m->mtime = before->mtime + 1;
    }
}

static int same_diag(const struct diag *a, const struct diag *b)
{
    return a->severity == b->severity && a->line == b->line && a->column == b->column &&
           !strcmp(a->file, b->file) && !strcmp(a->message, b->message);
}

/* Prints the findings about what changed, and any that are new elsewhere (an id now taken
 * twice), but not the old ones again. */
static void print_findings(const struct watch *w, const struct catalog *old, const struct catalog *fresh)
{
    struct diag_list shown;
    diag_list_init(&shown);
    for (size_t i = 0; i < fresh->diags.len; i++) {
        const struct diag *d = &fresh->diags.items[i];
        size_t len;
        const char *top = entry_of(w, d->file, &len);
        int known = 0;
        for (size_t k = 0; k < old->diags.len && !known; k++) known = same_diag(d, &old->diags.items[k]);
        if (!known || was_changed(w, top, len))
            diag_copy(&shown, d);
    }
    diag_print(&shown, stderr);
    diag_list_free(&shown);
}

static void reload(struct watch *w)
{
    struct buf names;
    buf_init(&names);
    for (size_t i = 0; i < w->nchanged; i++) buf_printf(&names, "%s%s", i ? ", " : "", w->changed[i]);
    fprintf(stderr, "stepwise: content changed (%s): loading %s again\n",
            w->all || !names.data ? "many files" : names.data, w->dir);
    buf_free(&names);
    char *err = NULL;
    struct catalog *fresh = catalog_load(w->dir, &err);
    if (!fresh) {
        fprintf(stderr, "stepwise: %s: the modules loaded before stay served\n", err);
        free(err);
        return;
    }
    pthread_mutex_lock(w->lock);
    struct catalog *old = *w->catalog;
    carry_over(w, old, fresh);
    *w->catalog = fresh;
    pthread_mutex_unlock(w->lock);
    print_findings(w, old, fresh);
    fprintf(stderr, "stepwise: %zu modules loaded from %s%s\n", fresh->len, w->dir,
            diag_count(&fresh->diags, DIAG_ERROR) ? " (modules with errors were skipped: see above)" : "");
    catalog_free(old);
}

static void forget_changes(struct watch *w)
{
    for (size_t i = 0; i < w->nchanged; i++) free(w->changed[i]);
    w->nchanged = 0;
    w->all = 0;
}

static void *watch_thread(void *arg)
{
    struct watch *w = arg;
    long long first = 0, deadline = 0;
    for (;;) {
        struct pollfd fds[2] = {{.fd = w->fd, .events = POLLIN}, {.fd = w->stop[0], .events = POLLIN}};
        long long wait = deadline ? deadline - now_ms() : -1;
        if (poll(fds, 2, deadline ? (wait > 0 ? (int)wait : 0) : -1) < 0 && errno != EINTR) break;
        if (fds[1].revents) break;
        /* Raised before the events are taken off the queue: at any moment a change is either
         * still queued or counted (watch_changed_since). */
        if (fds[0].revents & POLLIN) atomic_fetch_add(&w->changes, 1);
        if ((fds[0].revents & POLLIN) && read_events(w)) {
            long long now = now_ms();
            if (!deadline) first = now;
            deadline = now + DEBOUNCE_MS < first + MAX_WAIT_MS ? now + DEBOUNCE_MS : first + MAX_WAIT_MS;
        }
        if (deadline && now_ms() >= deadline) {
            reload(w);
            forget_changes(w);
            deadline = 0;
        }
    }
    return NULL;
}

static void watch_free(struct watch *w)
{
    if (w->fd >= 0) close(w->fd);
    if (w->stop[0] >= 0) close(w->stop[0]);
    if (w->stop[1] >= 0) close(w->stop[1]);
    for (size_t i = 0; i < w->ndirs; i++) free(w->dirs[i].rel);
    free(w->dirs);
    forget_changes(w);
    free(w->changed);
    free(w->dir);
    free(w);
}

struct watch *watch_start(const char *dir, pthread_mutex_t *lock, struct catalog **catalog, char **err)
{
    struct watch *w = xcalloc(1, sizeof *w);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/') n--;
    w->dir = xstrndup(dir, n);      /* as catalog_load writes the paths of modules */
    w->lock = lock;
    w->catalog = catalog;
    w->stop[0] = w->stop[1] = -1;
    atomic_init(&w->changes, 1);    /* a module's first look (seen 0) is at its files */
    w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->fd < 0 || pipe2(w->stop, O_CLOEXEC) != 0) {
        *err = xasprintf("cannot watch %s for changes: %s", w->dir, strerror(errno));
        goto fail;
    }
    add_dir(w, "");
    if (!w->ndirs) {
        *err = xasprintf("cannot watch %s for changes: %s", w->dir, strerror(errno));
        goto fail;
    }
    int rc = pthread_create(&w->thread, NULL, watch_thread, w);
    if (rc != 0) {
        *err = xasprintf("cannot start the thread that watches %s: %s", w->dir, strerror(rc));
        goto fail;
    }
    return w;
fail:
    watch_free(w);
    return NULL;
}

void watch_stop(struct watch *w)
{
    if (!w) return;
    ssize_t n;
    do n = write(w->stop[1], "x", 1);
    while (n < 0 && errno == EINTR);
    pthread_join(w->thread, NULL);
    watch_free(w);
}

int watch_queued(struct watch *w)
{
    struct pollfd queue = {.fd = w ? w->fd : -1, .events = POLLIN};
    return w && poll(&queue, 1, 0) != 0;
}

int watch_changed_since(struct watch *w, unsigned long *seen, int queued)
{
    if (!w) return 1;
    /* Loaded after the queue was looked at: an event not queued then was counted before. */
    unsigned long now = atomic_load(&w->changes);
    if (now == *seen && !queued) return 0;
    *seen = now;
    return 1;
}
