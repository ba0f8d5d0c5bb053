/* http_pool.c: a pool of threads for the requests that may wait: writes, whose commit waits for
 * the disk flush (group commit gathers the writes waiting at once into one flush, so the more
 * wait together the fewer flushes), and sign-ins, whose password hash takes a while. http.c
 * suspends the connection and hands the request over; the engine's threads, meanwhile, go on
 * serving pages to everyone else. The pool's size (--write-threads) bounds how many such
 * requests are in progress at once. */
#include "server/http_pool.h"

#include <pthread.h>
#include <stdlib.h>

#include "server/buf.h"

struct job {
    http_pool_job run;
    void *arg;
    struct job *next;
};

struct http_pool {
    pthread_mutex_t lock;       /* guards the queue and stopping */
    pthread_cond_t wake;
    struct job *head, **tail;
    int stopping;
    unsigned n;
    pthread_t *threads;
};

static void *work(void *arg)
{
    struct http_pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->head && !p->stopping) pthread_cond_wait(&p->wake, &p->lock);
        struct job *j = p->head;
        if (!j) break;          /* stopping, and nothing is left to run */
        p->head = j->next;
        if (!p->head) p->tail = &p->head;
        pthread_mutex_unlock(&p->lock);
        j->run(j->arg);
        free(j);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct http_pool *http_pool_start(unsigned n)
{
    struct http_pool *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    p->tail = &p->head;
    p->threads = xcalloc(n, sizeof *p->threads);
    while (p->n < n && pthread_create(&p->threads[p->n], NULL, work, p) == 0) p->n++;
    if (p->n) return p;
    http_pool_stop(p);
    return NULL;
}

int http_pool_submit(struct http_pool *p, http_pool_job run, void *arg)
{
    struct job *j = xcalloc(1, sizeof *j);
    j->run = run;
    j->arg = arg;
    pthread_mutex_lock(&p->lock);
    int stopping = p->stopping;
    if (!stopping) {
        *p->tail = j;
        p->tail = &j->next;
        pthread_cond_signal(&p->wake);
    }
    pthread_mutex_unlock(&p->lock);
    if (!stopping) return 0;
    free(j);
    return -1;
}

void http_pool_stop(struct http_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->lock);
    for (unsigned i = 0; i < p->n; i++) pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
}
