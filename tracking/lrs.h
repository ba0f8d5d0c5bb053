/* lrs.h: the xAPI Learning Record Store's HTTP entry point: every path under /xapi/. */
#ifndef STEPWISE_LRS_H
#define STEPWISE_LRS_H

#include "server/http.h"

/* Answers any request under /xapi/ (route table entry "/xapi/" + '*'). */
void lrs_handle(struct request *r);
/* Before a body is read: answers what needs none (route.head), in xAPI's format; 1 when it
 * answered (lrs_begin_head). */
int lrs_head(struct request *r);

#endif
