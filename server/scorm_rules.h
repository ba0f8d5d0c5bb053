/* scorm_rules.h: a SCORM 2004 package's course state by its manifest's own rollup (IMS Simple
 * Sequencing RB.1.1-RB.1.3), evaluated on the server from the SCOs' data as the server validated
 * and stored it, never from the browser's activity tree: measure rollup with
 * objectiveMeasureWeight, satisfiedByMeasure with minNormalizedMeasure, the rollup rules
 * (childActivitySet, conditions, "not", conditionCombination, actions), rollupObjectiveSatisfied
 * and rollupProgressCompletion, deliveryControls tracked, and the default rules where an
 * activity has none of a kind. */
#ifndef STEPWISE_SCORM_RULES_H
#define STEPWISE_SCORM_RULES_H

#include <jansson.h>

/* What rollup gives the course (the organization's activity): 1, 0, or -1 unknown. */
struct scorm_course_state {
    int completed;              /* 1 completed, 0 incomplete, -1 unknown */
    int satisfied;              /* 1 passed, 0 failed, -1 unknown */
    int measured;               /* 1 when measure holds the rolled-up normalized measure */
    double measure;
};

/* 1 when the 2004 manifest declares sequencing (the organization's or an item's), so that its
 * rollup decides the course state; 0 otherwise (the fixed rules of scorm_launch.h apply). */
int scorm_rules_apply(const json_t *manifest);

/* Rolls the course up: data maps each SCO's identifier to its cmi data (a missing one has none
 * yet). */
struct scorm_course_state scorm_rules_rollup(const json_t *manifest, const json_t *data);

#endif
