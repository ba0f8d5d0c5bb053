/* http_times.c: the client of the scale benchmark's timed requests (tests/bench/scale.mjs). It
 * sends GET requests one after another over ONE kept-alive loopback connection and prints, for
 * each, the milliseconds from the first byte sent to the last byte of the answer read, and the
 * status: "MS STATUS" a line. A client this small adds only the kernel's loopback to what the
 * server takes (node's fetch added its own parsing and garbage collection to the p99).
 *
 * Usage: http_times PORT < REQUESTS
 * Each line of REQUESTS is a path, then the request's extra header lines, tab-separated
 * ("/mentor\tcookie: a=b"). Answers must carry Content-Length (the server's do). Exits 1 with a
 * message when the connection fails or an answer cannot be read. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LINE_MAX_BYTES 16384
#define ANSWER_MAX_BYTES (64 << 20)

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int fail(const char *what)
{
    fprintf(stderr, "http_times: %s\n", what);
    return 1;
}

/* Reads one answer from fd into buf (grown as needed); its status, or -1. */
static int read_answer(int fd, char **buf, size_t *cap)
{
    size_t have = 0, head = 0, want = 0;
    for (;;) {
        if (have == *cap) {
            if (*cap >= ANSWER_MAX_BYTES) return -1;
            char *grown = realloc(*buf, *cap * 2);
            if (!grown) return -1;
            *buf = grown;
            *cap *= 2;
        }
        ssize_t got = recv(fd, *buf + have, *cap - have, 0);
        if (got <= 0) return -1;
        have += (size_t)got;
        if (!head) {
            char *end = memmem(*buf, have, "\r\n\r\n", 4);
            if (!end) continue;
            head = (size_t)(end - *buf) + 4;
            const char *cl = NULL;
            for (char *p = *buf; p && p < end && !cl;) {
                if (!strncasecmp(p, "content-length:", 15)) cl = p + 15;
                p = memchr(p, '\n', (size_t)(end + 2 - p));
                if (p) p++;
            }
            if (!cl) return -1;
            want = head + strtoul(cl, NULL, 10);
        }
        if (have >= want) return have == want ? atoi(*buf + 9) : -1;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) return fail("usage: http_times PORT < REQUESTS");
    int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&at, sizeof at) < 0)
        return fail("cannot connect to 127.0.0.1");
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    size_t cap = 65536;
    char *line = malloc(LINE_MAX_BYTES), *req = malloc(LINE_MAX_BYTES + 256), *buf = malloc(cap);
    if (!line || !req || !buf) return fail("out of memory");
    while (fgets(line, LINE_MAX_BYTES, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (tab) *tab++ = '\0';
        int len = snprintf(req, LINE_MAX_BYTES + 256, "GET %s HTTP/1.1\r\nhost: 127.0.0.1\r\n",
                           line);
        for (char *h = tab; h && *h;) {
            char *next = strchr(h, '\t');
            if (next) *next++ = '\0';
            len += snprintf(req + len, (size_t)(LINE_MAX_BYTES + 256 - len), "%s\r\n", h);
            h = next;
        }
        len += snprintf(req + len, (size_t)(LINE_MAX_BYTES + 256 - len), "\r\n");
        if (len >= LINE_MAX_BYTES + 256) return fail("request line too long");
        double start = now_ms();
        if (send(fd, req, (size_t)len, 0) != len) return fail("send failed");
        int status = read_answer(fd, &buf, &cap);
        if (status < 0) return fail("no complete answer with Content-Length");
        printf("%.3f %d\n", now_ms() - start, status);
    }
    close(fd);
    free(line);
    free(req);
    free(buf);
    return 0;
}
