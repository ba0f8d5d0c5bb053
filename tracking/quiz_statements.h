/* quiz_statements.h: the xAPI statements one attempt at a module level's knowledge check
 * produces, in ADL's vocabulary (README.md, "Statements of a knowledge check"): "answered" per
 * question with its cmi.interaction definition, then "passed" and "completed", or "failed".
 * Pure functions of the attempt: the no-JavaScript form (server/mod_check.c) stores them, and a
 * script player that sends answers to the server can be given the same statements. */
#ifndef STEPWISE_QUIZ_STATEMENTS_H
#define STEPWISE_QUIZ_STATEMENTS_H

#include <jansson.h>
#include <stdint.h>

#include "content/module.h"
#include "content/quiz.h"

#define QUIZ_VERB_ANSWERED "http://adlnet.gov/expapi/verbs/answered"
#define QUIZ_ACTIVITY_INTERACTION "http://adlnet.gov/expapi/activities/cmi.interaction"
#define QUIZ_ACTIVITY_LESSON "http://adlnet.gov/expapi/activities/lesson"
/* context.extensions key of the level, after the public URL. */
#define QUIZ_EXTENSION_LEVEL "/xapi/extensions/level"

struct quiz_attempt {
    const char *public_url;         /* no trailing '/' */
    const char *login;              /* the learner: their agent is progress_agent(login) */
    const struct module *m;
    int level;
    int64_t plan_id;                /* the plan whose step this is, or 0 */
    const char *registration;       /* a UUID shared by every statement of the attempt */
    const struct quiz *quiz;
    const json_t *questions;        /* quiz_statements_questions of quiz: shared, never changed */
    const struct quiz_answer *answers;  /* one per question of quiz, in order */
    const struct quiz_score *score;
};

/* A question's activity IRI: "<module IRI>/questions/<question id>". Caller frees. */
char *quiz_question_iri(const char *public_url, const char *module_id, const char *question_id);
/* A plan's activity IRI: "<public_url>/plans/<id>". Caller frees. */
char *quiz_plan_iri(const char *public_url, int64_t plan_id);

/* The question Activities of q (id and cmi.interaction definition), one per question in order,
 * as a JSON array (new reference): all of an answered statement that depends on the module
 * alone, made once per module level and shared by reference by every attempt's statements. */
json_t *quiz_statements_questions(const char *public_url, const struct module *m,
                                  const struct quiz *q);
/* The attempt's statements in order, as a JSON array (new reference). Returns NULL only when
 * a text is not UTF-8 (a fill-in answer must be checked first). */
json_t *quiz_statements_build(const struct quiz_attempt *a);

#endif
