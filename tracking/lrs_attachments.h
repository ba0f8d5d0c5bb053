/* lrs_attachments.h: storage of xAPI attachment content, addressed by its SHA-2 hash. */
#ifndef STEPWISE_LRS_ATTACHMENTS_H
#define STEPWISE_LRS_ATTACHMENTS_H

#include <stddef.h>

#include "tracking/store.h"

/* Keeps len bytes of data (content_type) under sha2 (hex; compared in lowercase). verified
 * says the bytes were checked to have that hash: verified bytes replace what is stored, others
 * are only kept when nothing is stored under the hash yet (so bytes that lie about their hash
 * never replace good ones). Returns a store status (STORE_OK also when unverified bytes were
 * not kept); *err on STORE_ERROR (caller frees). */
int lrs_attachments_put(struct store *s, const char *sha2, int verified, const char *content_type,
                        const void *data, size_t len, char **err);
/* Fills out (store_doc_clear) with the content stored under sha2, or STORE_NOT_FOUND. */
int lrs_attachments_get(struct store *s, const char *sha2, struct store_doc *out, char **err);

#endif
