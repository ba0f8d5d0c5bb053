/* progress.h: a plan step's state, derived from xAPI statements: the agent and activity IRI
 * that Stepwise uses for a mentee and a module, and the precedence rule (README, "Plans and
 * progress"). The store runs the same rule in SQL for many steps at once (store_plans.h). */
#ifndef STEPWISE_PROGRESS_H
#define STEPWISE_PROGRESS_H

#include <jansson.h>

#include "tracking/store.h"

/* Ordered by precedence: a higher state wins over every lower one. */
enum progress_state {
    PROGRESS_NOT_STARTED = 0,
    PROGRESS_IN_PROGRESS,       /* any statement about the activity */
    PROGRESS_FAILED,            /* verb failed, or result.success false */
    PROGRESS_COMPLETED,         /* verb completed, or result.completion true */
    PROGRESS_PASSED             /* verb passed, or result.success true */
};

#define PROGRESS_VERB_ATTEMPTED "http://adlnet.gov/expapi/verbs/attempted"
#define PROGRESS_VERB_COMPLETED "http://adlnet.gov/expapi/verbs/completed"
#define PROGRESS_VERB_PASSED "http://adlnet.gov/expapi/verbs/passed"
#define PROGRESS_VERB_FAILED "http://adlnet.gov/expapi/verbs/failed"

/* The mentee's agent: {"objectType":"Agent","account":{"homePage":public_url,"name":login}}.
 * New reference, caller decrefs. */
json_t *progress_agent(const char *public_url, const char *login);
/* That agent's key (statements_agent_key): "account:<public_url>|<login>". Caller frees. */
char *progress_agent_key(const char *public_url, const char *login);
/* A module's activity IRI: "<public_url>/modules/<module id>". Caller frees. */
char *progress_activity_iri(const char *public_url, const char *module_id);

/* The state one statement shows on its own (a voided statement must not be passed in). */
enum progress_state progress_of_statement(const json_t *stmt);
/* The state of a step from all its statements: the highest state any of them shows. */
enum progress_state progress_combine(enum progress_state a, enum progress_state b);
/* 1 for completed and passed: the step is done and counts for the progress bar. */
int progress_is_done(enum progress_state s);
/* Plain (B1) words for the state in the request's language, e.g. "Done", "Not started"; and a
 * CSS/CSV token. */
const char *progress_label(enum progress_state s);
const char *progress_token(enum progress_state s);

/* Stores a statement "<login's agent> <verb> <module's activity>" through the LRS store
 * (validated and prepared as if POSTed), with the module title as the activity's name and the
 * Stepwise server as authority. verb: one of the PROGRESS_VERB_* IRIs. Returns 0, or -1 with
 * a message in *err (caller frees). */
int progress_record(struct store *s, const char *public_url, const char *login,
                    const char *verb, const char *module_id, const char *module_title,
                    char **err);

/* Stores stmts (a JSON array of statements built by the server) as one batch, all or none,
 * each validated and prepared as if POSTed to /xapi/statements, with the Stepwise server as
 * authority; their Activity definitions become the canonical ones. Returns 0, or -1 with a
 * message in *err (caller frees). */
int progress_store(struct store *s, const char *public_url, const json_t *stmts, char **err);

#endif
