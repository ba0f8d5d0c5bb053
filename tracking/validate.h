/* validate.h: checks xAPI statements, SubStatements and Agents/Groups against the rules of
 * xAPI 1.0.3 and 2.0.0 (IEEE 9274.1.1), plus the format checks (UUID, IRI, timestamp,
 * duration, language tag, version header) the LRS needs on its own. Pure functions, no I/O. */
#ifndef STEPWISE_VALIDATE_H
#define STEPWISE_VALIDATE_H

#include <stddef.h>
#include <jansson.h>

enum xapi_version { XAPI_1_0_3, XAPI_2_0_0 };

/* Validates one statement (or, with is_substatement, a SubStatement object) against the rules of
 * version v. Returns 0 when valid; otherwise -1 and writes a message that names the offending
 * field by its JSON path, e.g. "actor.mbox: must be a mailto: IRI", into err (errlen bytes,
 * always NUL-terminated; err may be NULL when errlen is 0). Does not modify the statement.
 * The LRS-set properties "stored" and "authority" are accepted (the LRS overwrites them). */
int xapi_validate_statement(const json_t *stmt, enum xapi_version v, char *err, size_t errlen);
int xapi_validate_substatement(const json_t *sub, enum xapi_version v, char *err, size_t errlen);

/* Validates an Agent or Group (e.g. the ?agent= query parameter); path prefixes the message
 * ("agent" gives "agent.mbox: ..."). Returns 0 when valid, else -1 with a message in err. */
int xapi_validate_agent(const json_t *agent, enum xapi_version v, const char *path, char *err,
                        size_t errlen);

/* Format checks: each returns 1 when s (may be NULL: then 0) has the form, else 0. */
int xapi_is_uuid(const char *s);          /* RFC 4122 8-4-4-4-12 hex, any case, any variant */
int xapi_is_iri(const char *s);           /* absolute IRI: scheme ":" then no spaces/controls */
int xapi_is_timestamp(const char *s);     /* ISO 8601 date-time with timezone (Z or +hh:mm),
                                           * "-00:00" rejected */
int xapi_is_duration(const char *s);      /* ISO 8601 duration, e.g. "PT1H0M0.5S", "P3W" */
int xapi_is_language_tag(const char *s);  /* RFC 5646 language tag, e.g. "en-US", "zh-Hant-TW" */

/* Parses an X-Experience-API-Version header value ("1.0", "1.0.3", "2.0.0", ...): 1.0.x maps to
 * XAPI_1_0_3, 2.0.x to XAPI_2_0_0. Returns 0 and sets *out, or -1 for anything else. */
int xapi_parse_version(const char *header, enum xapi_version *out);

#endif
