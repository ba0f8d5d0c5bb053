/* lrs_documents.h: the xAPI document resources (State, Activity Profile, Agent Profile) and the
 * Activities and Agents resources, dispatched from lrs.c with a context lrs_begin() filled. */
#ifndef STEPWISE_LRS_DOCUMENTS_H
#define STEPWISE_LRS_DOCUMENTS_H

#include "tracking/lrs_common.h"

void lrs_documents_state(struct lrs_ctx *c);
void lrs_documents_activity_profile(struct lrs_ctx *c);
void lrs_documents_agent_profile(struct lrs_ctx *c);
void lrs_documents_activities(struct lrs_ctx *c);
void lrs_documents_agents(struct lrs_ctx *c);

#endif
