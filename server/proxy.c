/* proxy.c: the client's address behind a reverse proxy. X-Forwarded-For is believed only from
 * the peer named by --trusted-proxy (never by default, since any client can send the header),
 * and only its last entry, which that proxy appended. X-Forwarded-Proto and -Host are not
 * needed: links, Secure cookies and HSTS follow --public-url. */
#include "server/proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

int proxy_address_valid(const char *text)
{
    unsigned char bin[sizeof(struct in6_addr)];
    return inet_pton(AF_INET, text, bin) == 1 || inet_pton(AF_INET6, text, bin) == 1;
}

/* The peer is the address trusted (IPv4 also when it reaches an IPv6 socket, as ::ffff:a.b.c.d). */
static int is_trusted(const struct sockaddr *peer, const char *trusted)
{
    struct in_addr v4;
    struct in6_addr v6;
    if (peer->sa_family == AF_INET) {
        const struct in_addr *a = &((const struct sockaddr_in *)peer)->sin_addr;
        return inet_pton(AF_INET, trusted, &v4) == 1 && !memcmp(a, &v4, sizeof v4);
    }
    if (peer->sa_family != AF_INET6) return 0;
    const struct in6_addr *a = &((const struct sockaddr_in6 *)peer)->sin6_addr;
    if (inet_pton(AF_INET6, trusted, &v6) == 1) return !memcmp(a, &v6, sizeof v6);
    return IN6_IS_ADDR_V4MAPPED(a) && inet_pton(AF_INET, trusted, &v4) == 1 &&
           !memcmp(a->s6_addr + 12, &v4, sizeof v4);
}

static void peer_text(const struct sockaddr *peer, char *out, size_t size)
{
    snprintf(out, size, "-");
    if (peer->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)peer)->sin_addr, out, (socklen_t)size);
    else if (peer->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)peer)->sin6_addr, out, (socklen_t)size);
}

void proxy_client_address(const struct sockaddr *peer, const char *trusted,
                          const char *forwarded_for, char *out, size_t size)
{
    peer_text(peer, out, size);
    if (!trusted || !forwarded_for || !is_trusted(peer, trusted)) return;
    const char *last = strrchr(forwarded_for, ',');
    last = last ? last + 1 : forwarded_for;
    last += strspn(last, " \t");
    char addr[INET6_ADDRSTRLEN];
    size_t n = strcspn(last, " \t");
    if (n == 0 || n >= sizeof addr || last[n + strspn(last + n, " \t")]) return;
    memcpy(addr, last, n);
    addr[n] = '\0';
    if (proxy_address_valid(addr)) snprintf(out, size, "%s", addr);
}
