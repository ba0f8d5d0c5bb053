/* lrs_attachments.c: matches the attachment parts of a statement request to the attachments
 * each statement declares, so that the store keeps the payloads in the same transaction as
 * the statements (all or none) and links each statement to the hashes it names. */
#include "tracking/lrs_attachments.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "server/buf.h"

/* sha2 in lower case, for the index's keys (hashes compare in any case). Caller frees. */
static char *hash_key(const char *sha2)
{
    char *key = xstrdup(sha2);
    for (char *p = key; *p; p++) *p = (char)tolower((unsigned char)*p);
    return key;
}

json_t *lrs_attachments_index(const struct lrs_multipart *mp)
{
    json_t *index = json_object();
    for (size_t i = 1; i < mp->n; i++) {
        if (!mp->parts[i].hash) continue;
        char *key = hash_key(mp->parts[i].hash);
        if (!json_object_get(index, key)) json_object_set_new(index, key, json_integer((json_int_t)i));
        free(key);
    }
    return index;
}

const struct lrs_part *lrs_attachments_part(const struct lrs_multipart *mp, const json_t *index,
                                            const char *sha2)
{
    char *key = hash_key(sha2);
    json_t *i = json_object_get(index, key);
    free(key);
    return i ? &mp->parts[json_integer_value(i)] : NULL;
}

/* 1 when the part's bytes have the hash they claim (SHA-256 and SHA-512, which libsodium
 * computes). A mismatch is not refused: xAPI only asks that the hash match a sha2, and
 * clients are known to re-encode binary parts; such bytes are just never trusted over others. */
static int digest_matches(const struct lrs_part *p)
{
    size_t n = strlen(p->hash);
    unsigned char d[crypto_hash_sha512_BYTES];
    char hex[2 * crypto_hash_sha512_BYTES + 1];
    if (n == 2 * crypto_hash_sha256_BYTES)
        crypto_hash_sha256(d, (const unsigned char *)p->body, p->len);
    else if (n == 2 * crypto_hash_sha512_BYTES)
        crypto_hash_sha512(d, (const unsigned char *)p->body, p->len);
    else
        return 0;
    sodium_bin2hex(hex, sizeof hex, d, n / 2);
    return !strcasecmp(hex, p->hash);
}

/* The attachment with hash sha2, its content taken from its part when there is one. */
static struct store_attachment attachment(const struct lrs_multipart *mp, const json_t *index,
                                          const int *verified, const char *sha2)
{
    struct store_attachment a = {.sha2 = sha2};
    const struct lrs_part *p = lrs_attachments_part(mp, index, sha2);
    if (!p) return a;
    a.data = p->body;
    a.len = p->len;
    a.content_type = p->content_type ? p->content_type : "application/octet-stream";
    a.verified = verified[p - mp->parts];
    return a;
}

struct store_attachment *lrs_attachments_assign(const json_t *list, const struct lrs_multipart *mp,
                                                const json_t *index, struct store_statement *batch,
                                                size_t n)
{
    size_t total = 0, j;
    for (size_t i = 0; i < n; i++)
        total += json_array_size(json_object_get(json_array_get(list, i), "attachments"));
    struct store_attachment *all = xcalloc(total ? total : 1, sizeof *all), *next = all;
    int *verified = xcalloc(mp->n ? mp->n : 1, sizeof *verified);  /* each part hashed once */
    for (size_t i = 1; i < mp->n; i++)
        verified[i] = mp->parts[i].hash && digest_matches(&mp->parts[i]);
    for (size_t i = 0; i < n; i++) {
        const json_t *a;
        batch[i].attachments = next;
        json_array_foreach(json_object_get(json_array_get(list, i), "attachments"), j, a) {
            const char *sha2 = json_string_value(json_object_get(a, "sha2"));
            if (sha2) *next++ = attachment(mp, index, verified, sha2);
        }
        batch[i].nattachments = (size_t)(next - batch[i].attachments);
    }
    free(verified);
    return all;
}
