/* access_log.h: the access log's writer (see access_log.c). */
#ifndef STEPWISE_ACCESS_LOG_H
#define STEPWISE_ACCESS_LOG_H

#include <stddef.h>

struct access_log;

/* Starts the thread that writes queued lines to fd; NULL when it cannot be started (lines are
 * then written at once by access_log_line). */
struct access_log *access_log_start(int fd);
/* Queues len bytes of whole lines (NULL log: written to stderr now). */
void access_log_line(struct access_log *log, const char *line, size_t len);
/* One request's line, queued: "time=2026-12-02T14:00:00Z remote=ADDR method=M path="P"
 * status=N bytes=N ms=N.NN", the path's control characters, quote and backslash as \xHH. */
struct access_log_request {
    const char *remote, *method, *path;
    int status;
    unsigned long long bytes;
    double ms;
};
void access_log_request(struct access_log *log, const struct access_log_request *req);
/* Writes what is queued, stops the thread and frees log; NULL is fine. */
void access_log_stop(struct access_log *log);

#endif
