/* gate.h: the front door: Stepwise's own listening socket. It accepts every connection and holds
 * it until the whole request head has arrived and passed gate_head_check, then hands the socket
 * to the HTTP engine (http.c). Clients that are slow to send their head wait here, not in the
 * engine's connection slots. */
#ifndef STEPWISE_GATE_H
#define STEPWISE_GATE_H

#include <sys/socket.h>

#include "server/config.h"

struct gate;

/* Takes over fd (a connection whose head arrived whole) from the gate. Returns 0 when the
 * engine took it, 1 when the engine has no room (the gate answers 503), -1 when the engine
 * failed and closed fd. Runs on the gate's thread. */
typedef int (*gate_deliver_fn)(void *arg, int fd, const struct sockaddr *addr, socklen_t len);

/* Listens on cfg's address and starts the gate's thread. Uses cfg's max_connections (connections
 * waiting for their head, the oldest dropped first), max_head_bytes (the largest first head of a
 * connection, 431 above it; the engine, http_head.c, checks each later one on a kept-alive
 * connection), header_timeout_seconds (a head must arrive
 * whole in this time, else 408) and max_per_address (open connections of one address, waiting
 * or with the engine; not for trusted_proxy, through which many clients come). NULL and *err
 * on failure. */
struct gate *gate_start(const struct config *cfg, gate_deliver_fn deliver, void *arg, char **err);
/* The engine closed a connection it was given, from addr: it no longer counts for its address.
 * Safe from any thread. */
void gate_closed(struct gate *g, const struct sockaddr *addr);
/* Stops accepting and closes the connections still waiting; gate_closed still works. */
void gate_stop(struct gate *g);
/* Frees g, once the engine has closed every connection it was given. */
void gate_free(struct gate *g);

#endif
