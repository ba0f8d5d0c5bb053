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
/* Writes what is queued, stops the thread and frees log; NULL is fine. */
void access_log_stop(struct access_log *log);

#endif
