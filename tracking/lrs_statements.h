/* lrs_statements.h: the xAPI Statement resource (/xapi/statements): PUT, POST, GET and HEAD,
 * with attachments (multipart/mixed) and signed statements. */
#ifndef STEPWISE_LRS_STATEMENTS_H
#define STEPWISE_LRS_STATEMENTS_H

#include "tracking/lrs_common.h"

void lrs_statements(struct lrs_ctx *c);

#endif
