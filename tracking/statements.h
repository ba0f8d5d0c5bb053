/* statements.h: turns a validated xAPI statement into what the store keeps: LRS-assigned
 * properties (id, stored, timestamp, authority, version), the index keys for queries, the
 * related agents/activities, and the canonical-form comparison of the immutability rule. */
#ifndef STEPWISE_STATEMENTS_H
#define STEPWISE_STATEMENTS_H

#include <stdint.h>
#include <jansson.h>

#include "tracking/store.h"
#include "tracking/validate.h"

#define STATEMENTS_VERB_VOIDED "http://adlnet.gov/expapi/verbs/voided"

/* Prepares in (already accepted by xapi_validate_statement; not modified) for storage in *out,
 * which the caller then owns (statements_clear). authority (may be NULL: left as sent) replaces
 * any "authority" the client sent. Returns 0, or -1 with a message in err. */
int statements_prepare(const json_t *in, enum xapi_version v, const json_t *authority,
                       struct store_statement *out, char *err, size_t errlen);
void statements_clear(struct store_statement *st);
/* Makes st->json, the text the store keeps, and notes where the values the LRS stamps at the
 * write begin (statements_stamp then sets them in place); with define_activities, also
 * st->definitions. So this is done before the write, by the request's thread, not by the one
 * writer that all requests wait for. */
void statements_dump(struct store_statement *st);
/* Sets "stored" (and an assigned "timestamp") to stored, in st->stmt and in st->json. */
void statements_stamp(struct store_statement *st, const char *stored);
void statements_free_batch(struct store_statement *batch, size_t n);

/* The normalized key of an Agent or identified Group: "mbox:mailto:a@example.com" (domain
 * lowercased), "mbox_sha1sum:<hex>", "openid:<uri>", "account:<homePage>|<name>". NULL for an
 * anonymous Group or a non-agent. Caller frees. */
char *statements_agent_key(const json_t *agent);

/* SHA-256 hex of the statement's canonical form: without the properties the LRS may assign
 * (id, stored, authority, version), attachments, Verb display and Activity definitions; with
 * timestamps as UTC instants, durations to 0.01 s, Group members in a fixed order, mbox domains
 * lowercased, default objectTypes dropped. Two statements with the same hash are "the same" for
 * xAPI. */
void statements_content_hash(const json_t *stmt, char out[65]);
/* Whether st and the statement stored with its id (the text statements_dump made) are the
 * same for xAPI: the same statements_content_hash, leaving out a timestamp the LRS assigned
 * (st's when timestamp_assigned; the stored one's when it is the stored time, which an assigned
 * timestamp always is). Computed only when an id is sent again, rather than hashing every
 * statement as it comes in: a fifth of the server's work per statement. Returns 1 or 0, or -1
 * when stored is not a JSON object. */
int statements_same_content(const char *stored, const struct store_statement *st);

/* ISO 8601 date-time (any offset) to "YYYY-MM-DDTHH:MM:SS.mmmZ" (UTC, ms, truncated).
 * Returns 0, or -1 when in is not such a timestamp or is in UTC before 0000 or after 9999. */
int statements_timestamp_normalize(const char *in, char out[32]);
/* The current time, normalized as above; as milliseconds since 1970; formatting such a value. */
void statements_now(char out[32]);
int64_t statements_now_ms(void);
void statements_format_ms(int64_t ms, char out[32]);
/* A random (version 4) UUID in lowercase. Needs sodium_init() (store_open calls it). */
void statements_uuid4(char out[37]);
/* A time-ordered (version 7, RFC 9562) UUID in lowercase: the Unix time in milliseconds in its
 * first 48 bits, 74 random bits after. The ids the LRS assigns are of this kind, so that the
 * statements of a commit sit side by side in the id index (a random id dirtied a page of its
 * own, written to the log at every commit). Needs sodium_init(). */
void statements_uuid7(char out[37]);

#endif
