/* access_log.c: one thread writes the access log. A request's thread only appends its line to a
 * queue in memory; the writer takes the whole queue with each write and then rests for
 * REST_NS, during which nobody wakes it, so under load one write carries many lines (a write
 * per request took a fifth of a cached page's time). When the server is idle the writer sleeps
 * until a line comes and writes it at once. A queue over QUEUE_MAX (the log's file or pipe
 * cannot keep up) makes requests wait for room: no line is dropped. */
#include "server/access_log.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/buf.h"

#define QUEUE_MAX (1u << 20)
#define REST_NS 1000000L        /* 1 ms: a line waits at most this long behind a write */

struct access_log {
    int fd;
    pthread_mutex_t lock;       /* guards queue and stopping */
    pthread_cond_t queued;      /* lines are waiting, or stopping */
    pthread_cond_t room;        /* the queue was taken */
    struct buf queue;
    int waiting;                /* the writer sleeps until a line is queued */
    int stopping;
    pthread_t thread;
};

static void write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return;     /* nowhere to write to: the lines are lost, as with fputs */
        p += k, n -= (size_t)k;
    }
}

static void *writer(void *arg)
{
    struct access_log *log = arg;
    struct buf out;
    buf_init(&out);
    pthread_mutex_lock(&log->lock);
    for (;;) {
        while (!log->queue.len && !log->stopping) {
            log->waiting = 1;
            pthread_cond_wait(&log->queued, &log->lock);
            log->waiting = 0;
        }
        if (!log->queue.len) break;     /* stopping, and everything is written */
        struct buf taken = log->queue;  /* swapped, so that requests append while this writes */
        log->queue = out;
        out = taken;
        pthread_cond_broadcast(&log->room);
        pthread_mutex_unlock(&log->lock);
        write_all(log->fd, out.data, out.len);
        out.len = 0;
        nanosleep(&(struct timespec){0, REST_NS}, NULL);
        pthread_mutex_lock(&log->lock);
    }
    pthread_mutex_unlock(&log->lock);
    buf_free(&out);
    return NULL;
}

struct access_log *access_log_start(int fd)
{
    struct access_log *log = xcalloc(1, sizeof *log);
    log->fd = fd;
    pthread_mutex_init(&log->lock, NULL);
    pthread_cond_init(&log->queued, NULL);
    pthread_cond_init(&log->room, NULL);
    buf_init(&log->queue);
    if (pthread_create(&log->thread, NULL, writer, log) == 0) return log;
    pthread_cond_destroy(&log->room);
    pthread_cond_destroy(&log->queued);
    pthread_mutex_destroy(&log->lock);
    free(log);
    return NULL;
}

void access_log_line(struct access_log *log, const char *line, size_t len)
{
    if (!log) {
        write_all(STDERR_FILENO, line, len);
        return;
    }
    pthread_mutex_lock(&log->lock);
    while (log->queue.len >= QUEUE_MAX) pthread_cond_wait(&log->room, &log->lock);
    buf_append(&log->queue, line, len);
    if (log->waiting) pthread_cond_signal(&log->queued);
    pthread_mutex_unlock(&log->lock);
}

/* Appends n in decimal, at least width digits. */
static void put_number(struct buf *b, unsigned long long n, int width)
{
    char digits[24];
    size_t i = sizeof digits;
    do digits[--i] = (char)('0' + n % 10);
    while ((n /= 10) || (int)(sizeof digits - i) < width);
    buf_append(b, digits + i, sizeof digits - i);
}

/* The current second as text, made again only when it changed (strftime took more time than
 * the rest of a line). Per thread, so no lock. */
static const char *now_text(void)
{
    static _Thread_local time_t made = -1;
    static _Thread_local char text[24];
    time_t now = time(NULL);
    if (now != made) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
        made = now;
    }
    return text;
}

static int needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7f;
}

/* The path between quotes: runs of plain characters appended whole. */
static void put_path(struct buf *b, const char *path)
{
    static const char hex[] = "0123456789abcdef";
    for (const char *p = path; *p;) {
        const char *run = p;
        while (*p && !needs_escape((unsigned char)*p)) p++;
        buf_append(b, run, (size_t)(p - run));
        if (!*p) break;
        unsigned char c = (unsigned char)*p++;
        char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
        buf_append(b, esc, sizeof esc);
    }
}

void access_log_request(struct access_log *log, const struct access_log_request *req)
{
    struct buf line;
    buf_init(&line);
    buf_reserve(&line, 200);    /* most lines fit: one allocation */
    buf_puts(&line, "time=");
    buf_puts(&line, now_text());
    buf_puts(&line, " remote=");
    buf_puts(&line, req->remote);
    buf_puts(&line, " method=");
    buf_puts(&line, req->method);
    buf_puts(&line, " path=\"");
    put_path(&line, req->path);
    buf_puts(&line, "\" status=");
    put_number(&line, req->status < 0 ? 0 : (unsigned long long)req->status, 1);
    buf_puts(&line, " bytes=");
    put_number(&line, req->bytes, 1);
    unsigned long long hundredths = (unsigned long long)(req->ms * 100 + 0.5);
    buf_puts(&line, " ms=");
    put_number(&line, hundredths / 100, 1);
    buf_putc(&line, '.');
    put_number(&line, hundredths % 100, 2);
    buf_putc(&line, '\n');
    access_log_line(log, line.data, line.len);
    buf_free(&line);
}

void access_log_stop(struct access_log *log)
{
    if (!log) return;
    pthread_mutex_lock(&log->lock);
    log->stopping = 1;
    pthread_cond_signal(&log->queued);
    pthread_mutex_unlock(&log->lock);
    pthread_join(log->thread, NULL);
    buf_free(&log->queue);
    pthread_cond_destroy(&log->room);
    pthread_cond_destroy(&log->queued);
    pthread_mutex_destroy(&log->lock);
    free(log);
}
