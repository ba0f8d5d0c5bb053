/* http_conn.h: the engine's open connections and when each last finished a request, so that a
 * kept-alive connection that does not send its next request in time is closed. */
#ifndef STEPWISE_HTTP_CONN_H
#define STEPWISE_HTTP_CONN_H

struct http_conns;
struct http_conn;

/* Starts the watch: a connection that has no request in progress for more than timeout_seconds
 * is shut down. */
struct http_conns *http_conns_start(unsigned timeout_seconds);
/* Stops the watch and frees it; the engine has closed every connection by then. */
void http_conns_stop(struct http_conns *w);
/* A connection (socket fd) the engine opened; it counts as idle from now. */
struct http_conn *http_conn_open(struct http_conns *w, int fd);
/* The engine closed it (before it closes fd, so that fd is never shut down once reused). */
void http_conn_close(struct http_conns *w, struct http_conn *c);
/* A request on c began (its whole head arrived: busy 1) or ended (0, idle from now). */
void http_conn_busy(struct http_conn *c, int busy);

#endif
