/* lrs_about.h: the xAPI About resource (/xapi/about): the versions this LRS speaks. */
#ifndef STEPWISE_LRS_ABOUT_H
#define STEPWISE_LRS_ABOUT_H

#include "tracking/lrs_common.h"

/* GET/HEAD: {"version": [...], "extensions": {...}}; needs no authentication. */
void lrs_about(struct lrs_ctx *c);

#endif
