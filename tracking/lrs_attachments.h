/* lrs_attachments.h: the attachment parts of a statement request (multipart/mixed) matched to
 * the attachments each statement declares, ready for the store (struct store_attachment). */
#ifndef STEPWISE_LRS_ATTACHMENTS_H
#define STEPWISE_LRS_ATTACHMENTS_H

#include <stddef.h>
#include <jansson.h>

#include "tracking/lrs_multipart.h"
#include "tracking/store.h"

/* The parts after the first by X-Experience-API-Hash in lower case, each the index of the
 * first part with that hash, so that matching attachments to parts is one lookup each, not a
 * scan of every part. Caller decrefs. */
json_t *lrs_attachments_index(const struct lrs_multipart *mp);
/* The part whose hash is sha2 (any case) in index, or NULL. */
const struct lrs_part *lrs_attachments_part(const struct lrs_multipart *mp, const json_t *index,
                                            const char *sha2);

/* Sets batch[i].attachments for every statement of list (batch[i] prepared from list[i]): each
 * attachment it declares, with the content of its part when mp has one (index: of mp). Returns
 * the one array they all point into (caller frees it after storing); the entries borrow from
 * list and mp. */
struct store_attachment *lrs_attachments_assign(const json_t *list, const struct lrs_multipart *mp,
                                                const json_t *index, struct store_statement *batch,
                                                size_t n);

#endif
