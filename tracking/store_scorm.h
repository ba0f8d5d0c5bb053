/* store_scorm.h: the SCORM runtime data part of the store: each learner's attempts on a package
 * (pinned to the package version they started on) and, per attempt and SCO, the runtime data
 * model as a flat JSON object of element -> string ("cmi.location": "p3"), and per attempt its
 * SCORM 2004 sequencing state. A commit writes the SCO's data, the attempt's state (with the
 * sequencing state when it brings one) and the commit's xAPI statements in one transaction, and
 * remembers its id so that a retry changes nothing. Same conventions as store.h. */
#ifndef STEPWISE_STORE_SCORM_H
#define STEPWISE_STORE_SCORM_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "tracking/store.h"

struct scorm_attempt {
    int64_t id;
    int number;                 /* 1, 2, ... per learner and package */
    int version;                /* the package version the attempt plays */
    int completed;              /* the course was completed (every SCO done) */
    char registration[37];      /* UUID: the attempt's xAPI registration */
};

/* One SCO's stored data in an attempt. */
struct scorm_sco_data {
    char *sco;                  /* the item identifier; owned */
    json_t *values;             /* {element: string}; one reference owned */
    int64_t rev;                /* 1 after the first commit, +1 per commit */
};

/* A commit of one SCO's data, built by the runtime route (server/mod_scorm.c). */
struct scorm_commit {
    int64_t user_id;
    const char *package;        /* module id */
    const struct scorm_attempt *attempt;    /* create 1: the new attempt's number, version and
                                             * registration; else the stored one */
    int create;                 /* 1: the attempt does not exist yet (the commit starts it) */
    const char *sco;
    const char *commit_id;      /* the client's id for this commit (a UUID) */
    const json_t *values;       /* the SCO's whole data after the commit */
    int64_t expected_rev;       /* the rev the values were merged onto (0: no data yet) */
    int completed;              /* the attempt is completed after this commit */
    struct store_statement *statements;     /* the commit's xAPI statements */
    size_t nstatements;
    const char *sequencing;     /* the attempt's SCORM 2004 sequencing state now (JSON text), or
                                 * NULL: unchanged */
};

struct store_scorm_ops {
    int (*attempt_latest)(struct store *s, int64_t user_id, const char *package,
                          struct scorm_attempt *out, char **err);
    int (*sco_list)(struct store *s, int64_t attempt_id, struct scorm_sco_data **out, size_t *n,
                    char **err);
    int (*commit)(struct store *s, const struct scorm_commit *c, int *duplicate, char **err);
    int (*sequencing_get)(struct store *s, int64_t attempt_id, char **out, char **err);
};

/* The learner's latest attempt on package: STORE_OK, or STORE_NOT_FOUND when none. */
static inline int store_scorm_attempt_latest(struct store *s, int64_t user_id,
                                             const char *package, struct scorm_attempt *out,
                                             char **err)
{ return s->scorm->attempt_latest(s, user_id, package, out, err); }

/* Every SCO's data of the attempt (free with scorm_sco_data_free). */
static inline int store_scorm_sco_list(struct store *s, int64_t attempt_id,
                                       struct scorm_sco_data **out, size_t *n, char **err)
{ return s->scorm->sco_list(s, attempt_id, out, n, err); }

/* Stores a commit atomically. A commit id the attempt already has changes nothing (*duplicate
 * = 1, STORE_OK). STORE_CONFLICT when the SCO's rev is no longer expected_rev or the attempt
 * to create exists: another commit came first, merge again. */
static inline int store_scorm_commit(struct store *s, const struct scorm_commit *c,
                                     int *duplicate, char **err)
{ return s->scorm->commit(s, c, duplicate, err); }

/* The attempt's SCORM 2004 sequencing state as the last commit that had one left it (*out
 * owned): STORE_OK, or STORE_NOT_FOUND when it has none. */
static inline int store_scorm_sequencing_get(struct store *s, int64_t attempt_id, char **out,
                                             char **err)
{ return s->scorm->sequencing_get(s, attempt_id, out, err); }

void scorm_sco_data_free(struct scorm_sco_data *list, size_t n);

#endif
