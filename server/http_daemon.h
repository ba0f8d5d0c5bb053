/* http_daemon.h: starting and stopping the HTTP engine (server.c's view of http.c). */
#ifndef STEPWISE_HTTP_DAEMON_H
#define STEPWISE_HTTP_DAEMON_H

struct server;
struct http_engine;

/* Listens on cfg.listen_host:cfg.port (server/gate.c) with cfg.threads worker threads. NULL and
 * *err on failure. */
struct http_engine *http_start(struct server *srv, char **err);
/* Stops accepting, finishes the requests in progress and frees the engine. */
void http_stop(struct http_engine *e);

#endif
