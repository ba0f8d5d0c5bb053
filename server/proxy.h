/* proxy.h: believing a reverse proxy (nginx, Caddy) about the client's address, and only the
 * one proxy named with --trusted-proxy. */
#ifndef STEPWISE_PROXY_H
#define STEPWISE_PROXY_H

#include <stddef.h>
#include <sys/socket.h>

/* 1 when text is an IPv4 or IPv6 address (what --trusted-proxy takes). */
int proxy_address_valid(const char *text);

/* Writes the client's address as text to out: the peer's; or, when the peer is the trusted
 * proxy (an address, or NULL for none), the last address of the X-Forwarded-For value
 * forwarded_for: the one that proxy added. Addresses before it came from the client and are
 * never believed; a last entry that is not an address leaves the peer's. */
void proxy_client_address(const struct sockaddr *peer, const char *trusted,
                          const char *forwarded_for, char *out, size_t size);

#endif
