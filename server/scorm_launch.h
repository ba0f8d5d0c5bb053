/* scorm_launch.h: what the SCORM routes (server/mod_scorm*.c) need of a package and of a
 * learner's attempt on it: the package's folder, title and current version from the catalogue,
 * a version's parsed manifest, its SCOs, and the state of each SCO as stored. */
#ifndef STEPWISE_SCORM_LAUNCH_H
#define STEPWISE_SCORM_LAUNCH_H

#include <jansson.h>

#include "server/http.h"
#include "tracking/scorm_cmi.h"

struct scorm_package {
    char *id, *title, *dir;     /* owned */
    int current_version;        /* the newest import */
    int version;                /* the version loaded into manifest */
    json_t *manifest;           /* that version's manifest.json */
    enum scorm_cmi_version cmi;
};

/* Loads package id at version (0: the current one). Returns 0, or -1 when the catalogue has no
 * such package or the version's manifest cannot be read (an error page or JSON error is NOT
 * sent: the caller answers). */
int scorm_package_load(struct request *r, const char *id, int version, struct scorm_package *p);
void scorm_package_clear(struct scorm_package *p);

/* The manifest item with identifier sco that launches a SCO, or NULL. */
const json_t *scorm_package_sco(const struct scorm_package *p, const char *sco);

/* 1 when a SCO's data says it is done: completed or passed. */
int scorm_sco_done(enum scorm_cmi_version v, const json_t *values);
/* 1 passed, 0 failed, -1 neither, from a SCO's data. */
int scorm_sco_success(enum scorm_cmi_version v, const json_t *values);

/* The package's own state, rolled up from every SCO of an attempt (scorm_rollup_add each, NULL
 * for one with no data yet): what the package activity's statements say, so that a plan step
 * follows it with the plan's own rules. */
struct scorm_rollup {
    int scos, done, passed, failed;
    int scored;                 /* SCOs with a scaled score (given or from raw, min, max) */
    double scaled_sum;
};
void scorm_rollup_add(struct scorm_rollup *r, enum scorm_cmi_version v, const json_t *values);
/* 1 when every SCO is done (completed or passed). */
int scorm_rollup_done(const struct scorm_rollup *r);
/* 0 failed (a SCO failed), 1 passed (none failed, one passed, every SCO done), -1 neither. */
int scorm_rollup_success(const struct scorm_rollup *r);

#endif
