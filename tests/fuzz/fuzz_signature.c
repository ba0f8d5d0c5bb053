/* fuzz_signature.c: libFuzzer harness for the JWS of a signed statement's signature part
 * (tracking/lrs_signature.h). The input is the JWS; the statement it is checked against is its
 * own payload when that decodes to JSON (so the x5c certificate and RSA check are reached), else
 * an empty object. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "tracking/lrs_signature.h"

/* The JSON of the JWS's middle (payload) segment, or an empty object. */
static json_t *payload_of(const char *jws, size_t len)
{
    const char *dot1 = memchr(jws, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', (size_t)(jws + len - dot1 - 1)) : NULL;
    json_t *j = NULL;
    if (dot2) {
        unsigned char *raw = malloc(len + 1);
        size_t n;
        if (sodium_base642bin(raw, len + 1, dot1 + 1, (size_t)(dot2 - dot1 - 1), NULL, &n, NULL,
                              sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0)
            j = json_loadb((const char *)raw, n, 0, NULL);
        free(raw);
    }
    return j ? j : json_object();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready && sodium_init() < 0) abort();
    ready = 1;
    char *jws = malloc(size ? size : 1);    /* exact size: ASan sees reads past the end */
    memcpy(jws, data, size);
    json_t *stmt = payload_of(jws, size);
    char err[512];
    lrs_signature_check(stmt, XAPI_1_0_3, jws, size, 10000, err, sizeof err);
    lrs_signature_check(stmt, XAPI_2_0_0, jws, size, 10000, err, sizeof err);
    json_decref(stmt);
    free(jws);
    return 0;
}
