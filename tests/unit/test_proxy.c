/* test_proxy.c: which address is the client's behind a reverse proxy: X-Forwarded-For only from
 * the trusted peer, only its last entry, and only when that entry is an address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <cmocka.h>

#include "server/proxy.h"

static struct sockaddr_in v4(const char *addr)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    assert_int_equal(inet_pton(AF_INET, addr, &sa.sin_addr), 1);
    return sa;
}

static struct sockaddr_in6 v6(const char *addr)
{
    struct sockaddr_in6 sa = {.sin6_family = AF_INET6};
    assert_int_equal(inet_pton(AF_INET6, addr, &sa.sin6_addr), 1);
    return sa;
}

static const char *client(const void *peer, const char *trusted, const char *xff)
{
    static char out[64];
    proxy_client_address(peer, trusted, xff, out, sizeof out);
    return out;
}

static void test_never_believed_by_default(void **state)
{
    (void)state;
    struct sockaddr_in peer = v4("127.0.0.1");
    assert_string_equal(client(&peer, NULL, "203.0.113.7"), "127.0.0.1");
    assert_string_equal(client(&peer, NULL, NULL), "127.0.0.1");
}

static void test_only_from_the_trusted_peer(void **state)
{
    (void)state;
    struct sockaddr_in peer = v4("10.0.0.5");
    assert_string_equal(client(&peer, "10.0.0.1", "203.0.113.7"), "10.0.0.5");
    assert_string_equal(client(&peer, "10.0.0.5", "203.0.113.7"), "203.0.113.7");
    assert_string_equal(client(&peer, "::1", "203.0.113.7"), "10.0.0.5");
}

static void test_the_last_entry_is_the_proxys(void **state)
{
    (void)state;
    struct sockaddr_in peer = v4("127.0.0.1");
    assert_string_equal(client(&peer, "127.0.0.1", "198.51.100.1, 203.0.113.7"), "203.0.113.7");
    assert_string_equal(client(&peer, "127.0.0.1", "198.51.100.1,203.0.113.7 "), "203.0.113.7");
    assert_string_equal(client(&peer, "127.0.0.1", "203.0.113.7, 2001:db8::7"), "2001:db8::7");
    /* Not an address: the peer's stays. */
    assert_string_equal(client(&peer, "127.0.0.1", "203.0.113.7, unknown"), "127.0.0.1");
    assert_string_equal(client(&peer, "127.0.0.1", "203.0.113.7,"), "127.0.0.1");
    assert_string_equal(client(&peer, "127.0.0.1", "203.0.113.7 203.0.113.8"), "127.0.0.1");
    assert_string_equal(client(&peer, "127.0.0.1", "203.0.113.7:4711"), "127.0.0.1");
    assert_string_equal(client(&peer, "127.0.0.1", ""), "127.0.0.1");
}

static void test_ipv6_peers(void **state)
{
    (void)state;
    struct sockaddr_in6 peer = v6("::1");
    assert_string_equal(client(&peer, "::1", "203.0.113.7"), "203.0.113.7");
    assert_string_equal(client(&peer, "0:0::1", "203.0.113.7"), "203.0.113.7");
    assert_string_equal(client(&peer, "127.0.0.1", "203.0.113.7"), "::1");
    /* An IPv4 proxy reaching an IPv6 socket. */
    struct sockaddr_in6 mapped = v6("::ffff:127.0.0.1");
    assert_string_equal(client(&mapped, "127.0.0.1", "203.0.113.7"), "203.0.113.7");
}

static void test_address_valid(void **state)
{
    (void)state;
    assert_true(proxy_address_valid("127.0.0.1"));
    assert_true(proxy_address_valid("::1"));
    assert_false(proxy_address_valid("proxy.example"));
    assert_false(proxy_address_valid("10.0.0.0/8"));
    assert_false(proxy_address_valid(""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_never_believed_by_default),
        cmocka_unit_test(test_only_from_the_trusted_peer),
        cmocka_unit_test(test_the_last_entry_is_the_proxys),
        cmocka_unit_test(test_ipv6_peers),
        cmocka_unit_test(test_address_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
