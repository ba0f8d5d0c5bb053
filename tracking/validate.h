/* validate.h: checks xAPI statements, SubStatements and Agents/Groups against the rules of
 * xAPI 1.0.3 and 2.0.0 (IEEE 9274.1.1); the format checks (UUID, IRI, timestamp, duration,
 * language tag, version header) are in validate_format.h, included here. Pure functions. */
#ifndef STEPWISE_VALIDATE_H
#define STEPWISE_VALIDATE_H

#include <stddef.h>
#include <jansson.h>

#include "tracking/validate_format.h"

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

#endif
