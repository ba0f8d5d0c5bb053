/* watch.h: live reload. A thread watches the content folder with inotify (module files, module
 * folders and the files inside them) and, a moment after a change, loads the folder again and
 * swaps the new catalog in under the server's lock, so no restart is needed. */
#ifndef STEPWISE_WATCH_H
#define STEPWISE_WATCH_H

#include <pthread.h>

#include "content/catalog.h"

struct watch;

/* Starts watching dir, whose modules are *catalog (read and replaced only while holding lock).
 * After a change the old catalog is freed once the new one is in place; a module that broke is
 * reported on stderr and left out, the others stay served. Returns NULL with *err set (caller
 * frees) when inotify or the thread cannot be started. Stop with watch_stop. */
struct watch *watch_start(const char *dir, pthread_mutex_t *lock, struct catalog **catalog, char **err);

/* 1 when an event waits that the watch's thread has not taken yet (a poll of its queue): looked
 * at before taking the lock watch_changed_since is called under, so that the lock is not held
 * over a system call. */
int watch_queued(struct watch *w);
/* Whether anything in the content folder may have changed since *seen (0 at first, then what
 * this call left there): 0 when nothing did; else 1, *seen is brought up to date and the caller
 * looks at the files. queued is what watch_queued said just before: with it this holds for a
 * change made a moment ago too (its event was still queued, or was taken and counted since), so
 * a request right after a save sees it; without a watch (w NULL) it is always 1. */
int watch_changed_since(struct watch *w, unsigned long *seen, int queued);

/* Stops the thread, waits for it (a reload in progress finishes) and frees w; NULL is fine. */
void watch_stop(struct watch *w);

#endif
