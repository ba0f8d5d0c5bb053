/* http_pool.h: threads for the requests that may wait (see http_pool.c). */
#ifndef STEPWISE_HTTP_POOL_H
#define STEPWISE_HTTP_POOL_H

struct http_pool;
typedef void (*http_pool_job)(void *arg);

/* Starts n threads; NULL when none could be started. */
struct http_pool *http_pool_start(unsigned n);
/* Queues job(arg) for the next free thread; -1 once the pool is stopping (the caller runs it). */
int http_pool_submit(struct http_pool *p, http_pool_job job, void *arg);
/* Runs every queued job to its end, then stops the threads and frees the pool. */
void http_pool_stop(struct http_pool *p);

#endif
