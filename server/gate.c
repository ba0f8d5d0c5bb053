/* gate.c: the front door. One thread accepts connections and peeks (MSG_PEEK) at what each
 * sends, without taking it, until the request head is whole; then libmicrohttpd, which reads the
 * same bytes, is given the socket. A head that does not arrive in --header-timeout, is too large
 * or is not strict HTTP/1.x (gate_head.c) gets our own short reply instead, and the rest of what
 * the client sends is read and dropped for a moment, so that it sees that reply, not a reset. */
#include "server/gate.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "server/buf.h"
#include "server/gate_head.h"

#define LINGER_MS 2000          /* how long a refused client's remaining bytes are read */
#define BUCKETS 256             /* of the table of client addresses */
#define EVENTS 64

struct conn {
    int fd;
    struct sockaddr_storage addr;
    socklen_t addrlen;
    uint64_t deadline;          /* ms on CLOCK_MONOTONIC: head due, or end of lingering */
    int counted;                /* holds a slot of its address */
    int lingering;              /* answered; what is left is read and dropped until deadline */
    int dead;                   /* closed; freed after the current batch of events */
    struct conn *prev, *next;
};

/* Connections in the order they entered, which is the order of their deadlines. */
struct list {
    struct conn *head, *tail;
    size_t n;
};

struct address {
    struct address *next;
    unsigned char key[17];      /* the family (4 or 6), then the address bytes */
    unsigned open;              /* connections waiting here or with the engine */
};

struct gate {
    int listen_fd, ep, wake;
    pthread_t thread;
    int running;                /* thread started and not yet joined */
    gate_deliver_fn deliver;
    void *arg;
    unsigned max_waiting, per_address;
    unsigned char proxy[17];    /* --trusted-proxy's address key (all 0: none): many clients
                                 * come through it, so its connections are not limited */
    uint64_t head_ms;
    size_t head_max;            /* --max-head */
    char *head;                 /* head_max bytes: where the gate's thread peeks at a head */
    struct list waiting, lingering;
    struct conn *dead;          /* closed in this batch of events (linked through next) */
    pthread_mutex_t lock;       /* guards addresses: the engine's threads call gate_closed */
    struct address *addresses[BUCKETS];
};

/* Markers for the epoll entries that are not connections. */
static char listen_mark, wake_mark;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- connections per address ---- */

static void address_key(const struct sockaddr *sa, unsigned char key[17])
{
    memset(key, 0, 17);
    if (sa->sa_family == AF_INET6) {
        key[0] = 6;
        memcpy(key + 1, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
    } else if (sa->sa_family == AF_INET) {
        key[0] = 4;
        memcpy(key + 1, &((const struct sockaddr_in *)sa)->sin_addr, 4);
    }
}

/* The table slot that holds key's entry, or the NULL at the end of its bucket. */
static struct address **address_slot(struct gate *g, const unsigned char key[17])
{
    uint32_t h = 2166136261u;   /* FNV-1a */
    for (int i = 0; i < 17; i++) h = (h ^ key[i]) * 16777619u;
    struct address **p = &g->addresses[h % BUCKETS];
    while (*p && memcmp((*p)->key, key, 17)) p = &(*p)->next;
    return p;
}

/* Takes a slot for a connection from sa; -1 when the address has all its slots. */
static int address_take(struct gate *g, const struct sockaddr *sa)
{
    unsigned char key[17];
    address_key(sa, key);
    int rc = 0;
    pthread_mutex_lock(&g->lock);
    struct address **p = address_slot(g, key);
    if (!*p) {
        *p = xcalloc(1, sizeof **p);
        memcpy((*p)->key, key, 17);
    }
    if ((*p)->open >= g->per_address && memcmp(key, g->proxy, 17)) rc = -1;
    else (*p)->open++;
    pthread_mutex_unlock(&g->lock);
    return rc;
}

static void address_release(struct gate *g, const struct sockaddr *sa)
{
    unsigned char key[17];
    address_key(sa, key);
    pthread_mutex_lock(&g->lock);
    struct address **p = address_slot(g, key);
    if (*p && (*p)->open && --(*p)->open == 0) {
        struct address *gone = *p;
        *p = gone->next;
        free(gone);
    }
    pthread_mutex_unlock(&g->lock);
}

void gate_closed(struct gate *g, const struct sockaddr *addr)
{
    if (addr) address_release(g, addr);
}

/* ---- lists ---- */

static void list_push(struct list *l, struct conn *c)
{
    c->prev = l->tail;
    c->next = NULL;
    if (l->tail) l->tail->next = c;
    else l->head = c;
    l->tail = c;
    l->n++;
}

static void list_remove(struct list *l, struct conn *c)
{
    if (c->prev) c->prev->next = c->next;
    else l->head = c->next;
    if (c->next) c->next->prev = c->prev;
    else l->tail = c->prev;
    c->prev = c->next = NULL;
    l->n--;
}

static void release_slot(struct gate *g, struct conn *c)
{
    if (!c->counted) return;
    c->counted = 0;
    address_release(g, (const struct sockaddr *)&c->addr);
}

static void conn_close(struct gate *g, struct conn *c)
{
    list_remove(c->lingering ? &g->lingering : &g->waiting, c);
    release_slot(g, c);
    close(c->fd);       /* also takes it out of the epoll set */
    c->dead = 1;
    c->next = g->dead;
    g->dead = c;
}

/* ---- replies of the gate ---- */

static const char *reason(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    }
    return "Error";
}

/* Answers c with status and why, closes its sending side and lingers: what the client still
 * sends is read and dropped for LINGER_MS, so that the reply is not lost to a reset. */
static void refuse(struct gate *g, struct conn *c, int status, const char *why)
{
    char *reply = xasprintf("HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            "Content-Length: %zu\r\nConnection: close\r\nCache-Control: no-store\r\n"
                            "X-Content-Type-Options: nosniff\r\n%s\r\n%s\n",
                            status, reason(status), strlen(why) + 1,
                            status == 503 ? "Retry-After: 5\r\n" : "", why);
    /* A fresh socket's send buffer takes a reply this short at once; if not, it is lost. */
    if (send(c->fd, reply, strlen(reply), MSG_NOSIGNAL | MSG_DONTWAIT) < 0) { /* closing anyway */ }
    free(reply);
    shutdown(c->fd, SHUT_WR);
    if (!c->lingering) list_remove(&g->waiting, c);
    release_slot(g, c);
    c->lingering = 1;
    c->deadline = now_ms() + LINGER_MS;
    list_push(&g->lingering, c);
    if (g->lingering.n > g->max_waiting) conn_close(g, g->lingering.head);
}

static void refuse_late(struct gate *g, struct conn *c)
{
    char why[96];
    snprintf(why, sizeof why, "The request head did not arrive within %llu seconds.",
             (unsigned long long)(g->head_ms / 1000));
    refuse(g, c, 408, why);
}

/* ---- events ---- */

static void drain(struct gate *g, struct conn *c)
{
    char sink[4096];
    for (;;) {
        ssize_t n = recv(c->fd, sink, sizeof sink, 0);
        if (n > 0) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        if (n < 0 && errno == EINTR) continue;
        conn_close(g, c);
        return;
    }
}

static void hand_over(struct gate *g, struct conn *c)
{
    epoll_ctl(g->ep, EPOLL_CTL_DEL, c->fd, NULL);
    int rc = g->deliver(g->arg, c->fd, (const struct sockaddr *)&c->addr, c->addrlen);
    if (rc == 1) {
        struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.ptr = c};
        epoll_ctl(g->ep, EPOLL_CTL_ADD, c->fd, &ev);
        refuse(g, c, 503, "The server has no room for another connection now. Try again in a "
                          "moment.");
        return;
    }
    /* Taken (the engine's close notice gives the slot back) or already closed by the engine. */
    if (rc < 0) release_slot(g, c);
    list_remove(&g->waiting, c);
    c->dead = 1;
    c->next = g->dead;
    g->dead = c;
}

/* New bytes arrived on a waiting connection: look at all of them again. */
static void inspect(struct gate *g, struct conn *c)
{
    ssize_t n = recv(c->fd, g->head, g->head_max, MSG_PEEK);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return;
    if (n <= 0) {
        conn_close(g, c);
        return;
    }
    size_t end;
    const char *why = NULL;
    int status = gate_head_check(g->head, (size_t)n, g->head_max, &end, &why);
    if (status == GATE_HEAD_OK) {
        hand_over(g, c);
    } else if (status == 431) {
        char big[128];
        snprintf(big, sizeof big, "The request head is too large. This server takes at most %zu "
                 "bytes of request line and headers (--max-head).", g->head_max);
        refuse(g, c, status, big);
    } else if (status != GATE_HEAD_INCOMPLETE) {
        refuse(g, c, status, why);
    }
}

/* The oldest connection of sa's address still waiting for its head, or NULL. */
static struct conn *oldest_waiting_of(struct gate *g, const struct sockaddr *sa)
{
    unsigned char key[17], other[17];
    address_key(sa, key);
    for (struct conn *c = g->waiting.head; c; c = c->next) {
        address_key((const struct sockaddr *)&c->addr, other);
        if (!memcmp(key, other, 17)) return c;
    }
    return NULL;
}

/* A new connection: it takes a slot of its address (making room by dropping that address's
 * oldest waiting connection: its own slow clients must not lock a client out) and a place
 * among the waiting connections (dropping the oldest of all when they are full). */
static void admit(struct gate *g, struct conn *c)
{
    const struct sockaddr *sa = (const struct sockaddr *)&c->addr;
    int taken = address_take(g, sa) == 0;
    if (!taken) {
        struct conn *old = oldest_waiting_of(g, sa);
        if (old) refuse_late(g, old);
        taken = old && address_take(g, sa) == 0;
    }
    struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.ptr = c};
    epoll_ctl(g->ep, EPOLL_CTL_ADD, c->fd, &ev);
    c->deadline = now_ms() + g->head_ms;
    list_push(&g->waiting, c);
    if (!taken) {
        refuse(g, c, 503, "Too many connections from your address are open. Close some, or "
                          "try again in a moment.");
        return;
    }
    c->counted = 1;
    if (g->waiting.n > g->max_waiting) refuse_late(g, g->waiting.head);
}

static void accept_all(struct gate *g)
{
    for (;;) {
        struct conn *c = xcalloc(1, sizeof *c);
        c->addrlen = sizeof c->addr;
        c->fd = accept4(g->listen_fd, (struct sockaddr *)&c->addr, &c->addrlen,
                        SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (c->fd >= 0) {
            admit(g, c);
            continue;
        }
        int e = errno;
        free(c);
        /* Out of descriptors: the oldest waiting connection makes room, or the next wait
         * would return at once for the same pending connection. */
        if ((e == EMFILE || e == ENFILE) && g->waiting.head) conn_close(g, g->waiting.head);
        else if (e == EMFILE || e == ENFILE) usleep(10000);
        if (e != EINTR && e != ECONNABORTED) return;
    }
}

static void expire(struct gate *g)
{
    uint64_t now = now_ms();
    while (g->waiting.head && g->waiting.head->deadline <= now) refuse_late(g, g->waiting.head);
    while (g->lingering.head && g->lingering.head->deadline <= now)
        conn_close(g, g->lingering.head);
}

/* Milliseconds to the next deadline, or -1 when nothing waits. */
static int next_timeout(struct gate *g)
{
    uint64_t next = UINT64_MAX, now = now_ms();
    if (g->waiting.head) next = g->waiting.head->deadline;
    if (g->lingering.head && g->lingering.head->deadline < next) next = g->lingering.head->deadline;
    if (next == UINT64_MAX) return -1;
    return next <= now ? 0 : (int)(next - now);
}

static void free_dead(struct gate *g)
{
    while (g->dead) {
        struct conn *c = g->dead;
        g->dead = c->next;
        free(c);
    }
}

static void *gate_run(void *arg)
{
    struct gate *g = arg;
    struct epoll_event ev[EVENTS];
    for (;;) {
        int n = epoll_wait(g->ep, ev, EVENTS, next_timeout(g));
        for (int i = 0; i < n; i++) {
            void *p = ev[i].data.ptr;
            if (p == &wake_mark) return NULL;
            if (p == &listen_mark) {
                accept_all(g);
                continue;
            }
            struct conn *c = p;
            if (c->dead) continue;
            if (c->lingering) drain(g, c);
            else inspect(g, c);
        }
        expire(g);
        free_dead(g);
    }
}

/* ---- start and stop ---- */

/* The key of the trusted proxy's address, as address_key makes it from a peer. */
static void proxy_key(const char *text, unsigned char key[17])
{
    memset(key, 0, 17);
    if (text && inet_pton(AF_INET6, text, key + 1) == 1) key[0] = 6;
    else if (text && inet_pton(AF_INET, text, key + 1) == 1) key[0] = 4;
}

static int listen_on(const struct config *cfg, char **err)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV | AI_PASSIVE};
    struct addrinfo *res = NULL;
    char port[8];
    snprintf(port, sizeof port, "%u", cfg->port);
    int rc = getaddrinfo(cfg->listen_host, port, &hints, &res);
    if (rc != 0) {
        *err = xasprintf("cannot listen on %s:%u: %s", cfg->listen_host, cfg->port, gai_strerror(rc));
        return -1;
    }
    int one = 1;
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (res->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    }
    if (fd < 0 || bind(fd, res->ai_addr, res->ai_addrlen) < 0 || listen(fd, SOMAXCONN) < 0) {
        *err = xasprintf("cannot listen on %s:%u (%s; is the address in use?)", cfg->listen_host,
                         cfg->port, strerror(errno));
        if (fd >= 0) close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

struct gate *gate_start(const struct config *cfg, gate_deliver_fn deliver, void *arg, char **err)
{
    struct gate *g = xcalloc(1, sizeof *g);
    g->deliver = deliver;
    g->arg = arg;
    g->max_waiting = cfg->max_connections;
    g->per_address = cfg->max_per_address;
    g->head_ms = (uint64_t)cfg->header_timeout_seconds * 1000;
    g->head_max = cfg->max_head_bytes;
    g->head = xmalloc(g->head_max);
    proxy_key(cfg->trusted_proxy, g->proxy);
    pthread_mutex_init(&g->lock, NULL);
    g->ep = epoll_create1(EPOLL_CLOEXEC);
    g->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    g->listen_fd = listen_on(cfg, err);
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = &listen_mark};
    struct epoll_event wev = {.events = EPOLLIN, .data.ptr = &wake_mark};
    if (g->listen_fd < 0 || g->ep < 0 || g->wake < 0 ||
        epoll_ctl(g->ep, EPOLL_CTL_ADD, g->listen_fd, &lev) < 0 ||
        epoll_ctl(g->ep, EPOLL_CTL_ADD, g->wake, &wev) < 0 ||
        pthread_create(&g->thread, NULL, gate_run, g) != 0) {
        if (!*err) *err = xasprintf("cannot start the connection gate: %s", strerror(errno));
        gate_stop(g);
        gate_free(g);
        return NULL;
    }
    g->running = 1;
    return g;
}

void gate_stop(struct gate *g)
{
    if (g->running) {
        uint64_t one = 1;
        if (write(g->wake, &one, sizeof one) < 0) { /* the thread is gone already */ }
        pthread_join(g->thread, NULL);
        g->running = 0;
    }
    while (g->waiting.head) conn_close(g, g->waiting.head);
    while (g->lingering.head) conn_close(g, g->lingering.head);
    free_dead(g);
    if (g->listen_fd >= 0) close(g->listen_fd);
    if (g->ep >= 0) close(g->ep);
    if (g->wake >= 0) close(g->wake);
    g->listen_fd = g->ep = g->wake = -1;
}

void gate_free(struct gate *g)
{
    for (size_t i = 0; i < BUCKETS; i++) {
        while (g->addresses[i]) {
            struct address *a = g->addresses[i];
            g->addresses[i] = a->next;
            free(a);
        }
    }
    pthread_mutex_destroy(&g->lock);
    free(g->head);
    free(g);
}
