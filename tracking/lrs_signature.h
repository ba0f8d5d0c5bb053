/* lrs_signature.h: signed statements (xAPI Data 2.6): checks the JWS sent as a statement's
 * signature attachment. */
#ifndef STEPWISE_LRS_SIGNATURE_H
#define STEPWISE_LRS_SIGNATURE_H

#include <stddef.h>
#include <jansson.h>

#include "tracking/validate.h"

/* Checks that jws (len bytes, JWS compact serialization) signs stmt, the statement as the
 * client sent it: the algorithm is RS256, RS384 or RS512, the payload is the same statement
 * (xAPI comparison rules: LRS-assigned properties and attachments ignored), and, when the JWS
 * header carries an x5c certificate chain, the signature verifies with the first certificate's
 * key. The header and payload may hold max_values JSON values each (json_bound.h). Returns 0,
 * or -1 with a message naming what is wrong in err. */
int lrs_signature_check(const json_t *stmt, enum xapi_version v, const char *jws, size_t len,
                        size_t max_values, char *err, size_t errlen);

#endif
