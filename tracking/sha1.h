/* sha1.h: SHA-1 (FIPS 180-4), needed only because xAPI document ETags are SHA-1 hex digests
 * and none of the project's libraries (libsodium has SHA-2 only) exposes SHA-1. */
#ifndef STEPWISE_SHA1_H
#define STEPWISE_SHA1_H

#include <stddef.h>

/* Writes the 40-character lowercase hex digest of data plus a NUL into hex. */
void sha1_hex(const void *data, size_t len, char hex[41]);

#endif
