/* scorm_statements.h: turns a SCORM commit into xAPI statements following ADL's SCORM profile
 * (https://w3id.org/xapi/scorm): initialized or resumed when a SCO starts, answered per
 * interaction (with an interaction activity definition from cmi.interactions), completed,
 * passed or failed with the score, suspended or terminated at its end; completed and passed or
 * failed on the package itself when the attempt is done, on the module IRI that plan progress
 * reads (tracking/progress.c). */
#ifndef STEPWISE_SCORM_STATEMENTS_H
#define STEPWISE_SCORM_STATEMENTS_H

#include <jansson.h>

#include "tracking/scorm_cmi.h"

struct scorm_statement_ctx {
    const char *public_url;
    const char *login;          /* the learner */
    const char *package;        /* module id */
    const char *package_title;
    const char *sco;            /* item identifier */
    const char *sco_title;
    const char *registration;   /* the attempt's UUID */
    enum scorm_cmi_version version;
};

/* What happened in a commit, as the runtime route saw it. */
struct scorm_events {
    const char *started;        /* "ab-initio" / "resume" when the SCO initialized in this
                                 * commit, else NULL */
    int final;                  /* the SCO terminated (LMSFinish / Terminate) */
    const json_t *before;       /* the SCO's data before the commit */
    const json_t *after;        /* and after */
    const json_t *changed;      /* the elements the commit set */
    int course_completed;       /* the attempt became complete with this commit */
    int course_success;         /* then: 1 passed, 0 failed, -1 no success status */
};

/* The commit's statements, in order (a new JSON array). */
json_t *scorm_statements_build(const struct scorm_statement_ctx *ctx,
                               const struct scorm_events *ev);

/* The IRI of a SCO of a package: PUBLIC/modules/ID/sco/ITEM (owned). */
char *scorm_sco_iri(const char *public_url, const char *package, const char *sco);

#endif
