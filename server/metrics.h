/* metrics.h: counters of the running server (requests by route and status, their latency,
 * open connections, failed sign-ins) and GET /metrics, which shows them with the database's
 * and the page cache's figures in the Prometheus text format to holders of --metrics-token. */
#ifndef STEPWISE_METRICS_H
#define STEPWISE_METRICS_H

#include <microhttpd.h>

#include "server/http.h"

struct route;

/* A request answered: its route (NULL: none matched), status and time taken. Lock-free. */
void metrics_request(const struct route *route, int status, double seconds);
/* libmicrohttpd's MHD_OPTION_NOTIFY_CONNECTION callback: counts open connections. */
void metrics_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                        enum MHD_ConnectionNotificationCode code);
/* A sign-in (password or login card) that failed. */
void metrics_signin_failure(void);

/* GET /metrics: 404 unless --metrics-token is set; 401 without "Authorization: Bearer TOKEN". */
void metrics_handle(struct request *r);

#endif
