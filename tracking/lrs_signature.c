/* lrs_signature.c: JWS checks for signed statements. The structure and the payload are always
 * checked; the RSA signature itself only when the JWS names its certificate (x5c), since xAPI
 * leaves key distribution to the community and an LRS without the key cannot verify. RSA is
 * OpenSSL's libcrypto (libsodium has no RSA). */
#include "tracking/lrs_signature.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>
#include <openssl/x509.h>
#include <sodium.h>

#include "server/buf.h"
#include "tracking/json_bound.h"
#include "tracking/statements.h"

/* Decodes len bytes of base64 (variant: sodium_base64_VARIANT_*) into a malloc'd buffer. */
static unsigned char *b64_decode(const char *s, size_t len, int variant, size_t *out_len)
{
    unsigned char *out = xmalloc(len + 1);
    if (sodium_base642bin(out, len + 1, s, len, NULL, out_len, NULL, variant) != 0) {
        free(out);
        return NULL;
    }
    out[*out_len] = '\0';
    return out;
}

static json_t *segment_json(const char *s, size_t len, size_t max_values)
{
    size_t n;
    unsigned char *raw = b64_decode(s, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING, &n);
    if (!raw) return NULL;
    json_t *j = json_bound_within((const char *)raw, n, max_values)
                ? json_loadb((const char *)raw, n, JSON_REJECT_DUPLICATES, NULL) : NULL;
    free(raw);
    return json_is_object(j) ? j : (json_decref(j), NULL);
}

static const EVP_MD *alg_digest(const char *alg)
{
    if (!alg) return NULL;
    if (!strcmp(alg, "RS256")) return EVP_sha256();
    if (!strcmp(alg, "RS384")) return EVP_sha384();
    if (!strcmp(alg, "RS512")) return EVP_sha512();
    return NULL;
}

/* The signature over "header.payload" with the first x5c certificate's key. */
static int verify_x5c(const json_t *x5c, const EVP_MD *md, const char *signed_part,
                      size_t signed_len, const char *sig_b64, size_t sig_len)
{
    const char *cert_b64 = json_string_value(json_array_get(x5c, 0));
    size_t der_len = 0, sig_n = 0;
    unsigned char *der = cert_b64 ? b64_decode(cert_b64, strlen(cert_b64),
                                               sodium_base64_VARIANT_ORIGINAL, &der_len) : NULL;
    unsigned char *sig = b64_decode(sig_b64, sig_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING,
                                    &sig_n);
    const unsigned char *p = der;
    X509 *cert = der ? d2i_X509(NULL, &p, (long)der_len) : NULL;
    EVP_PKEY *key = cert ? X509_get0_pubkey(cert) : NULL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int ok = key && sig && ctx && EVP_PKEY_base_id(key) == EVP_PKEY_RSA &&
             EVP_DigestVerifyInit(ctx, NULL, md, NULL, key) == 1 &&
             EVP_DigestVerify(ctx, sig, sig_n, (const unsigned char *)signed_part,
                              signed_len) == 1;
    EVP_MD_CTX_free(ctx);
    X509_free(cert);
    free(der);
    free(sig);
    return ok ? 0 : -1;
}

/* The payload must be the statement sent: same canonical content, and the same id when both
 * name one (the id is LRS-assigned otherwise, so the comparison ignores it). A timestamp the
 * payload lacks is one an LRS assigned (Data 2.6: such differences are ignored). */
static int same_statement(const json_t *payload, const json_t *stmt)
{
    char a[65], b[65];
    json_t *sent = json_deep_copy(stmt);
    if (!json_object_get(payload, "timestamp")) json_object_del(sent, "timestamp");
    statements_content_hash(payload, a);
    statements_content_hash(sent, b);
    json_decref(sent);
    const char *pid = json_string_value(json_object_get(payload, "id"));
    const char *sid = json_string_value(json_object_get(stmt, "id"));
    return !strcmp(a, b) && (!pid || !sid || !strcasecmp(pid, sid));
}

int lrs_signature_check(const json_t *stmt, enum xapi_version v, const char *jws, size_t len,
                        size_t max_values, char *err, size_t errlen)
{
    while (len && (jws[len - 1] == '\r' || jws[len - 1] == '\n' || jws[len - 1] == ' ')) len--;
    const char *dot1 = memchr(jws, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', (size_t)(jws + len - dot1 - 1)) : NULL;
    if (!dot2 || memchr(dot2 + 1, '.', (size_t)(jws + len - dot2 - 1))) {
        snprintf(err, errlen, "signature: not a JWS compact serialization (three base64url parts)");
        return -1;
    }
    int status = -1;
    json_t *header = segment_json(jws, (size_t)(dot1 - jws), max_values);
    json_t *payload = segment_json(dot1 + 1, (size_t)(dot2 - dot1 - 1), max_values);
    const EVP_MD *md = alg_digest(json_string_value(json_object_get(header, "alg")));
    char verr[256];
    if (!header || !payload) {
        snprintf(err, errlen, "signature: the JWS header and payload must be base64url JSON "
                              "objects (of at most %zu values each)", max_values);
    } else if (!md) {
        snprintf(err, errlen, "signature: the JWS \"alg\" must be RS256, RS384 or RS512");
    } else if (xapi_validate_statement(payload, v, verr, sizeof verr) < 0) {
        snprintf(err, errlen, "signature: the JWS payload is not a valid statement (%s)", verr);
    } else if (!same_statement(payload, stmt)) {
        snprintf(err, errlen, "signature: the JWS payload differs from the statement sent");
    } else if (json_object_get(header, "x5c") &&
               verify_x5c(json_object_get(header, "x5c"), md, jws, (size_t)(dot2 - jws),
                          dot2 + 1, (size_t)(jws + len - dot2 - 1)) < 0) {
        snprintf(err, errlen, "signature: the JWS does not verify with its x5c certificate");
    } else {
        status = 0;
    }
    json_decref(header);
    json_decref(payload);
    return status;
}
