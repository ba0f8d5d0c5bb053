/* http_conn.c: a kept-alive connection must send its next whole request head within --timeout
 * of its last reply. libmicrohttpd restarts its idle time-out at every byte, so a client that
 * sends one header line now and then would keep a connection, and one of --max-connections,
 * for ever; the gate (gate.c) only sees a connection's first head. A thread looks once a second
 * and shuts down the connections that are late; libmicrohttpd then closes them. */
#include "server/http_conn.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "server/buf.h"

struct http_conn {
    int fd;
    atomic_int busy;                    /* a request is in progress */
    _Atomic uint64_t idle_since;        /* ms on CLOCK_MONOTONIC */
    struct http_conn *prev, *next;
};

struct http_conns {
    pthread_mutex_t lock;               /* guards the list and stopping */
    pthread_cond_t wake;
    int stopping;
    pthread_t thread;
    uint64_t limit_ms;
    struct http_conn *head;
};

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void shut_late(struct http_conns *w)
{
    uint64_t now = now_ms();
    for (struct http_conn *c = w->head; c; c = c->next) {
        if (atomic_load(&c->busy) || now - atomic_load(&c->idle_since) <= w->limit_ms) continue;
        shutdown(c->fd, SHUT_RDWR);
        atomic_store(&c->idle_since, now);     /* once is enough while the engine closes it */
    }
}

static void *watch(void *arg)
{
    struct http_conns *w = arg;
    pthread_mutex_lock(&w->lock);
    while (!w->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
        shut_late(w);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct http_conns *http_conns_start(unsigned timeout_seconds)
{
    struct http_conns *w = xcalloc(1, sizeof *w);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    w->limit_ms = (uint64_t)timeout_seconds * 1000;
    if (pthread_create(&w->thread, NULL, watch, w) != 0) {
        pthread_cond_destroy(&w->wake);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    return w;
}

void http_conns_stop(struct http_conns *w)
{
    pthread_mutex_lock(&w->lock);
    w->stopping = 1;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    while (w->head) http_conn_close(w, w->head);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

struct http_conn *http_conn_open(struct http_conns *w, int fd)
{
    struct http_conn *c = xcalloc(1, sizeof *c);
    c->fd = fd;
    atomic_store(&c->idle_since, now_ms());
    pthread_mutex_lock(&w->lock);
    c->next = w->head;
    if (w->head) w->head->prev = c;
    w->head = c;
    pthread_mutex_unlock(&w->lock);
    return c;
}

void http_conn_close(struct http_conns *w, struct http_conn *c)
{
    pthread_mutex_lock(&w->lock);
    if (c->prev) c->prev->next = c->next;
    else w->head = c->next;
    if (c->next) c->next->prev = c->prev;
    pthread_mutex_unlock(&w->lock);
    free(c);
}

void http_conn_busy(struct http_conn *c, int busy)
{
    if (!c) return;
    if (!busy) atomic_store(&c->idle_since, now_ms());
    atomic_store(&c->busy, busy);
}
