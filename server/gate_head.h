/* gate_head.h: the byte-level check of a request head as it arrives, before libmicrohttpd
 * (which accepts bare LF line ends, folded header lines and more) parses it. */
#ifndef STEPWISE_GATE_HEAD_H
#define STEPWISE_GATE_HEAD_H

#include <stddef.h>

#define GATE_HEAD_INCOMPLETE 0
#define GATE_HEAD_OK 1

/* Looks at the first len bytes a client sent on a new connection. Returns GATE_HEAD_INCOMPLETE
 * while more is needed, GATE_HEAD_OK when they start with a whole, well-formed head (*end: its
 * length, empty line included), or the HTTP status to refuse it with, *why saying why in a
 * sentence for the client: 400 (a line not ended by CRLF, a folded header line, a malformed
 * request line or header), 431 (no end of the head within max bytes), 505 (not HTTP/1.x). */
int gate_head_check(const char *data, size_t len, size_t max, size_t *end, const char **why);

#endif
