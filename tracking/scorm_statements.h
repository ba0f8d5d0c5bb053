/* scorm_statements.h: turns a SCORM commit into xAPI statements following ADL's SCORM profile
 * (https://w3id.org/xapi/scorm): initialized or resumed when a SCO starts, answered per
 * interaction (with an interaction activity definition from cmi.interactions), completed,
 * passed or failed with the score, suspended or terminated at its end; completed, passed or
 * failed on the package itself when its rolled-up state becomes so, on the module IRI that
 * plan progress reads (tracking/progress.c). */
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
    int course_completed;       /* the package became complete with this commit */
    int course_success;         /* the package became passed (1) or failed (0) with it; -1 no
                                 * change */
    const json_t *course_score; /* then its result.score, or NULL */
};

/* The commit's statements, in order (a new JSON array). */
json_t *scorm_statements_build(const struct scorm_statement_ctx *ctx,
                               const struct scorm_events *ev);

/* xAPI's result.score of a SCO's score elements: a new object, or NULL when it set none (or
 * one xAPI refuses, such as raw outside min..max). */
json_t *scorm_result_score(enum scorm_cmi_version v, const json_t *data);
/* The SCO's scaled score (its own, else from raw, min and max): 1 with *out, or 0 when none. */
int scorm_score_scaled(enum scorm_cmi_version v, const json_t *data, double *out);

/* The IRI of a SCO of a package: PUBLIC/modules/ID/sco/ITEM (owned). */
char *scorm_sco_iri(const char *public_url, const char *package, const char *sco);

#endif
