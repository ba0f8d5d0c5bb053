/* credentials.c: API client key/secret pairs, xAPI scopes and HTTP Basic verification.
 *
 * Secrets are 32 random bytes from libsodium, so they cannot be guessed or brute-forced; the
 * store keeps a SHA-256 of the secret. A slow password hash (argon2id) protects low-entropy
 * human passwords and would cost tens of milliseconds and megabytes of memory on every API
 * request; for a 256-bit random secret a fast hash gives the same protection if the database
 * leaks, and verification stays well under a microsecond. */
#include "tracking/credentials.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <sodium.h>

#include "server/buf.h"
#include "tracking/statements.h"

#define KEY_BYTES 12
#define SECRET_BYTES 32
#define DEFAULT_HOMEPAGE "http://stepwise.invalid/"

static const char *const scope_names[] = {
    "statements/write", "statements/read", "statements/read/mine", "state",
    "define", "profile", "all/read", "all",
};
#define NSCOPES (sizeof scope_names / sizeof *scope_names)

int credentials_parse_scopes(const char *text, unsigned *out, char *err, size_t errlen)
{
    *out = 0;
    const char *p = text ? text : "";
    while (*p) {
        size_t n = strcspn(p, " ,");
        size_t i = 0;
        while (n && i < NSCOPES && !(strlen(scope_names[i]) == n && !strncmp(p, scope_names[i], n)))
            i++;
        if (n && i == NSCOPES) {
            snprintf(err, errlen, "unknown scope \"%.*s\"", (int)n, p);
            return -1;
        }
        if (n) *out |= 1u << i;
        p += n;
        p += strspn(p, " ,");
    }
    if (*out) return 0;
    snprintf(err, errlen, "no scope given");
    return -1;
}

char *credentials_format_scopes(unsigned scopes)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < NSCOPES; i++) {
        if (!(scopes & (1u << i))) continue;
        if (b.len) buf_putc(&b, ' ');
        buf_puts(&b, scope_names[i]);
    }
    return buf_detach(&b, NULL);
}

int credentials_allows(unsigned scopes, unsigned need, int is_read)
{
    if (scopes & CREDENTIALS_ALL) return 1;
    if (is_read && (scopes & CREDENTIALS_ALL_READ)) return 1;
    if (need == CREDENTIALS_STATEMENTS_READ_MINE && (scopes & CREDENTIALS_STATEMENTS_READ))
        return 1;
    return (scopes & need) != 0;
}

static void secret_hash(const char *secret, char hex[2 * crypto_hash_sha256_BYTES + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)secret, strlen(secret));
    sodium_bin2hex(hex, 2 * crypto_hash_sha256_BYTES + 1, h, sizeof h);
}

int credentials_create(struct store *s, const char *name, const char *scopes,
                       const char *homepage, char **key, char **secret, char **err)
{
    unsigned char kb[KEY_BYTES], sb[SECRET_BYTES];
    char khex[2 * KEY_BYTES + 1];
    char sb64[sodium_base64_ENCODED_LEN(SECRET_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    char hash[2 * crypto_hash_sha256_BYTES + 1];
    randombytes_buf(kb, sizeof kb);
    sodium_bin2hex(khex, sizeof khex, kb, sizeof kb);
    /* A secret starting with '-' (1 in 64) is read as an option by command-line tools that
     * take it as an argument of its own: draw again (this costs less than 0.03 bits). */
    do {
        randombytes_buf(sb, sizeof sb);
        sodium_bin2base64(sb64, sizeof sb64, sb, sizeof sb, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    } while (sb64[0] == '-');
    sodium_memzero(sb, sizeof sb);
    secret_hash(sb64, hash);

    json_t *authority = json_pack("{s:s, s:s, s:{s:s, s:s}}", "objectType", "Agent", "name", name,
                                  "account", "homePage", homepage ? homepage : DEFAULT_HOMEPAGE,
                                  "name", khex);
    struct store_credential c = {
        .key = khex, .secret_hash = hash, .name = (char *)name, .scopes = (char *)scopes,
        .authority = json_dumps(authority, JSON_COMPACT),
    };
    statements_now(c.created);
    int status = store_credential_add(s, &c, err);
    if (status == STORE_OK) {
        *key = xstrdup(khex);
        *secret = xstrdup(sb64);
    }
    free(c.authority);
    json_decref(authority);
    sodium_memzero(sb64, sizeof sb64);
    return status;
}

/* Splits "Basic <base64>" into user and password. Returns a malloc'd "user\0password" buffer
 * with *password pointing into it, or NULL when the header is not Basic or not decodable. */
static char *basic_decode(const char *header, const char **password)
{
    if (!header || strncasecmp(header, "Basic ", 6)) return NULL;
    const char *b64 = header + 6;
    b64 += strspn(b64, " ");
    size_t len = strlen(b64), outlen;
    char *out = xmalloc(len + 1);
    if (sodium_base642bin((unsigned char *)out, len, b64, len, NULL, &outlen, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 &&
        sodium_base642bin((unsigned char *)out, len, b64, len, NULL, &outlen, NULL,
                          sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0) {
        free(out);
        return NULL;
    }
    out[outlen] = '\0';
    char *colon = memchr(out, ':', outlen);
    if (!colon || strlen(out) != outlen) {  /* no separator, or a NUL inside */
        free(out);
        return NULL;
    }
    *colon = '\0';
    *password = colon + 1;
    return out;
}

int credentials_verify(struct store *s, const char *authorization, struct store_credential *out,
                       char **err)
{
    memset(out, 0, sizeof *out);
    const char *secret = NULL;
    char *user = basic_decode(authorization, &secret);
    if (!user) return STORE_NOT_FOUND;
    int status = store_credential_find(s, user, out, err);
    if (status == STORE_OK) {
        char hash[2 * crypto_hash_sha256_BYTES + 1];
        secret_hash(secret, hash);
        if (out->revoked || strlen(out->secret_hash) != sizeof hash - 1 ||
            sodium_memcmp(hash, out->secret_hash, sizeof hash - 1) != 0) {
            store_credential_clear(out);
            status = STORE_NOT_FOUND;
        }
    }
    sodium_memzero(user, strlen(user) + 1 + strlen(secret));
    free(user);
    return status;
}
