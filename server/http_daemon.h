/* http_daemon.h: starting and stopping the HTTP engine (server.c's view of http.c). */
#ifndef STEPWISE_HTTP_DAEMON_H
#define STEPWISE_HTTP_DAEMON_H

#include <microhttpd.h>

struct server;

/* Listens on cfg.listen_host:cfg.port with cfg.threads worker threads. NULL and *err on failure. */
struct MHD_Daemon *http_start(struct server *srv, char **err);
/* Stops accepting, finishes the requests in progress and frees the engine. */
void http_stop(struct MHD_Daemon *d);

#endif
