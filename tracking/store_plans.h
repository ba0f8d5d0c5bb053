/* store_plans.h: the plans part of the store: mentoring plans with their mentors, ordered
 * steps, evaluation moments, history and reflections, and the batch progress query that
 * derives many steps' states from the LRS statements at once. Same conventions as store.h:
 * callers use the store_plan_* wrappers, every operation returns an enum store_status and only
 * STORE_ERROR fills *err (caller frees). Dates are "YYYY-MM-DD" strings ("" when unset). */
#ifndef STEPWISE_STORE_PLANS_H
#define STEPWISE_STORE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "player/i18n_msg.h"
#include "tracking/progress.h"
#include "tracking/store.h"

enum plan_step_kind { PLAN_STEP_MODULE, PLAN_STEP_PRACTICAL };

struct plan_step {
    int64_t id;
    int position;               /* 1, 2, ... in the plan's order */
    enum plan_step_kind kind;
    char *module_id;            /* module steps; owned */
    int level;                  /* module steps: 1..3 */
    char *title;                /* practical steps: what to do with the mentor; owned */
    char due[11];               /* "" when no due date */
    int64_t signed_off_by;      /* practical steps: the mentor's user id, 0 while open */
    char signed_off_at[32];
};

struct plan_evaluation {
    int64_t id;
    char scheduled[11];
    char held[11];              /* "" until it was held */
    char *mentor_notes;         /* owned, never NULL once read */
    char *mentee_notes;
    char outcome[16];           /* "", "on-track" or "adjust" */
};

struct plan_reflection {
    int64_t user_id;
    char *text;                 /* owned */
    char at[32];
};

/* A pairing: a mentor (a user with the mentor permission) may make plans for this mentee.
 * Made by an admin or coordinator; group_name ("" for one-on-one) names the group the mentee
 * is guided in with others. */
struct plan_pairing {
    int64_t id;
    int64_t mentor_id;
    int64_t mentee_id;
    char *group_name;           /* owned, "" when none */
    char since[11];             /* "YYYY-MM-DD" */
    int64_t made_by;
};

struct plan_history_entry {
    int64_t user_id;
    char *user_name;            /* the name at the time of the change; owned */
    char at[32];
    char *text;                 /* what changed, in English words: a line written before
                                 * plans schema 4, when msg.msgid is NULL; owned */
    struct i18n_msg msg;        /* what changed, worded when shown (i18n_msg_text); owned */
};

/* A plan with everything in it. Free with plan_clear. */
struct plan {
    int64_t id;
    int64_t mentee_id;
    char *goal;                 /* the "dot on the horizon"; owned */
    char start[11];
    char target[11];
    int finished;               /* 0 active, 1 closed by a mentor */
    char finished_at[32];
    int64_t follows;            /* the plan this one follows up, or 0 */
    int eval_interval_days;     /* days between evaluation moments */
    int intake_click;           /* intake: is there a "click"? 1 yes, 0 no, -1 not recorded */
    int intake_clear;           /* intake: is the learning question clear? same values */
    char *intake_notes;         /* owned, may be "" */
    char created[32];
    int64_t *mentors;           /* user ids; owned */
    size_t nmentors;
    struct plan_step *steps;    /* in order; owned */
    size_t nsteps;
    struct plan_evaluation *evals;  /* by scheduled date; owned */
    size_t nevals;
    struct plan_reflection *reflections;    /* owned */
    size_t nreflections;
};

/* Who makes a change, for the history. */
struct plan_actor {
    int64_t user_id;
    const char *name;
};

/* Which plans store_plan_list returns. */
enum plan_filter { PLAN_LIST_MENTEE, PLAN_LIST_MENTOR, PLAN_LIST_ALL };

/* One (agent, activity) pair of the batch progress query; strings borrowed. */
struct progress_pair {
    const char *agent_key;      /* statements_agent_key of the mentee's agent */
    const char *activity;       /* the module's activity IRI */
};

struct store_plan_ops {
    int (*create)(struct store *s, struct plan *p, const struct plan_actor *by, char **err);
    int (*get)(struct store *s, int64_t id, struct plan *out, char **err);
    int (*list)(struct store *s, enum plan_filter f, int64_t user_id, struct plan **out,
                size_t *n, char **err);
    int (*open_with_module)(struct store *s, int64_t mentee_id, const char *module_id,
                            int64_t *plan_id, char **err);
    int (*update)(struct store *s, const struct plan *p, const struct plan_actor *by,
                  char **err);
    int (*step_add)(struct store *s, const int64_t *plan_ids, size_t n,
                    const struct plan_step *st, const struct plan_actor *by, char **err);
    int (*step_update)(struct store *s, int64_t plan_id, const struct plan_step *st,
                       const struct plan_actor *by, char **err);
    int (*step_remove)(struct store *s, int64_t plan_id, int64_t step_id,
                       const struct plan_actor *by, char **err);
    int (*step_move)(struct store *s, int64_t plan_id, int64_t step_id, int delta,
                     const struct plan_actor *by, char **err);
    int (*step_signoff)(struct store *s, int64_t plan_id, int64_t step_id,
                        const struct plan_actor *by, char **err);
    int (*evaluation_save)(struct store *s, int64_t plan_id, const struct plan_evaluation *e,
                           const struct plan_actor *by, char **err);
    int (*finish)(struct store *s, int64_t plan_id, const struct plan_actor *by, char **err);
    int (*reopen)(struct store *s, int64_t plan_id, const struct plan_actor *by, char **err);
    int (*step_restore)(struct store *s, int64_t plan_id, int64_t step_id,
                        const struct plan_actor *by, char **err);
    int (*step_signoff_undo)(struct store *s, int64_t plan_id, int64_t step_id,
                             const struct plan_actor *by, char **err);
    int (*pairing_add)(struct store *s, const struct plan_pairing *pp, int64_t *id, char **err);
    int (*pairing_list)(struct store *s, enum plan_filter f, int64_t user_id,
                        struct plan_pairing **out, size_t *n, char **err);
    int (*pairing_end)(struct store *s, int64_t id, char **err);
    int (*calendar_set)(struct store *s, int64_t user_id, const char *token_hash, char **err);
    int (*calendar_find)(struct store *s, const char *token_hash, int64_t *user_id, char **err);
    int (*reflection_save)(struct store *s, int64_t plan_id, const char *text,
                           const struct plan_actor *by, char **err);
    int (*history)(struct store *s, int64_t plan_id, struct plan_history_entry **out,
                   size_t *n, char **err);
    int (*progress)(struct store *s, const struct progress_pair *pairs, size_t n,
                    enum progress_state *states, char **err);
    int (*last_activity)(struct store *s, const char *const *agent_keys, size_t n,
                         char (*stored)[32], char **err);
};

/* Creates p with its mentors, steps and evaluations (ids and positions ignored) in one
 * transaction and writes "Plan created" to its history; sets p->id, p->created and the
 * steps' and evaluations' ids. */
static inline int store_plan_create(struct store *s, struct plan *p, const struct plan_actor *by,
                                    char **err)
{ return s->plans->create(s, p, by, err); }

/* Fills out (plan_clear it) with everything in the plan, or STORE_NOT_FOUND. */
static inline int store_plan_get(struct store *s, int64_t id, struct plan *out, char **err)
{ return s->plans->get(s, id, out, err); }

/* The plans whose mentee (PLAN_LIST_MENTEE) or one of whose mentors (PLAN_LIST_MENTOR) is
 * user_id, or every plan (PLAN_LIST_ALL, user_id ignored); active ones first, newest first.
 * Each plan is complete, read with a fixed number of queries whatever the number of plans.
 * *out: array of n plans, free with plans_free. */
static inline int store_plan_list(struct store *s, enum plan_filter f, int64_t user_id,
                                  struct plan **out, size_t *n, char **err)
{ return s->plans->list(s, f, user_id, out, n, err); }

/* The newest plan of mentee_id that is not finished and has a step (not removed) with the
 * module module_id: its id in *plan_id, or 0 when there is none. The one plan a learner's
 * statements about the module are grouped under; one indexed query, whatever the number of
 * plans. */
static inline int store_plan_open_with_module(struct store *s, int64_t mentee_id,
                                              const char *module_id, int64_t *plan_id,
                                              char **err)
{ return s->plans->open_with_module(s, mentee_id, module_id, plan_id, err); }

/* Saves goal, dates, interval and intake of p (by p->id; mentors, steps, evaluations are left
 * alone) and writes one history line per field that changed. STORE_NOT_FOUND when absent. */
static inline int store_plan_update(struct store *s, const struct plan *p,
                                    const struct plan_actor *by, char **err)
{ return s->plans->update(s, p, by, err); }

/* Appends the step st to the end of each of n plans in one transaction (group assignment
 * when n > 1), with a history line in each. STORE_NOT_FOUND when a plan is absent. */
static inline int store_plan_step_add(struct store *s, const int64_t *plan_ids, size_t n,
                                      const struct plan_step *st, const struct plan_actor *by,
                                      char **err)
{ return s->plans->step_add(s, plan_ids, n, st, by, err); }

/* Saves level, title and due date of step st->id of the plan; history for what changed. */
static inline int store_plan_step_update(struct store *s, int64_t plan_id,
                                         const struct plan_step *st,
                                         const struct plan_actor *by, char **err)
{ return s->plans->step_update(s, plan_id, st, by, err); }

/* Takes a step out of the plan (the later steps move up). The step is kept aside, so that
 * store_plan_step_restore can put it back at its place (undo). */
static inline int store_plan_step_remove(struct store *s, int64_t plan_id, int64_t step_id,
                                         const struct plan_actor *by, char **err)
{ return s->plans->step_remove(s, plan_id, step_id, by, err); }

/* Puts a removed step back at the place it had (or last, when the plan is shorter now).
 * STORE_NOT_FOUND unless step_id is a removed step of the plan. */
static inline int store_plan_step_restore(struct store *s, int64_t plan_id, int64_t step_id,
                                          const struct plan_actor *by, char **err)
{ return s->plans->step_restore(s, plan_id, step_id, by, err); }

/* Takes back the sign-off of a practical step. STORE_NOT_FOUND unless it is a practical step
 * of the plan; STORE_CONFLICT when it is not signed off. */
static inline int store_plan_step_signoff_undo(struct store *s, int64_t plan_id,
                                               int64_t step_id, const struct plan_actor *by,
                                               char **err)
{ return s->plans->step_signoff_undo(s, plan_id, step_id, by, err); }

/* Moves a step one place earlier (delta -1) or later (+1); at an end it stays (STORE_OK). */
static inline int store_plan_step_move(struct store *s, int64_t plan_id, int64_t step_id,
                                       int delta, const struct plan_actor *by, char **err)
{ return s->plans->step_move(s, plan_id, step_id, delta, by, err); }

/* Signs a practical step off as done by by. STORE_NOT_FOUND unless it is a practical step of
 * the plan; STORE_CONFLICT when already signed off. */
static inline int store_plan_step_signoff(struct store *s, int64_t plan_id, int64_t step_id,
                                          const struct plan_actor *by, char **err)
{ return s->plans->step_signoff(s, plan_id, step_id, by, err); }

/* Saves an evaluation moment: with e->id 0 schedules a new one (e->scheduled), otherwise
 * updates its held date, notes and outcome. History says what was recorded. */
static inline int store_plan_evaluation_save(struct store *s, int64_t plan_id,
                                             const struct plan_evaluation *e,
                                             const struct plan_actor *by, char **err)
{ return s->plans->evaluation_save(s, plan_id, e, by, err); }

/* Closes the plan (goal reached). STORE_CONFLICT when it is already finished. */
static inline int store_plan_finish(struct store *s, int64_t plan_id,
                                    const struct plan_actor *by, char **err)
{ return s->plans->finish(s, plan_id, by, err); }

/* Opens a finished plan again (the history keeps both the finish and the reopening; whether
 * it is still allowed is the caller's rule). STORE_CONFLICT when it is active. */
static inline int store_plan_reopen(struct store *s, int64_t plan_id,
                                    const struct plan_actor *by, char **err)
{ return s->plans->reopen(s, plan_id, by, err); }

/* Adds a pairing (id and since ignored: since is today); *id its id (id may be NULL).
 * STORE_CONFLICT when this mentor and mentee are paired already. */
static inline int store_pairing_add(struct store *s, const struct plan_pairing *pp, int64_t *id,
                                    char **err)
{ return s->plans->pairing_add(s, pp, id, err); }

/* The pairings whose mentee (PLAN_LIST_MENTEE) or mentor (PLAN_LIST_MENTOR) is user_id, or
 * all (PLAN_LIST_ALL), oldest first. Free with plan_pairings_free. */
static inline int store_pairing_list(struct store *s, enum plan_filter f, int64_t user_id,
                                     struct plan_pairing **out, size_t *n, char **err)
{ return s->plans->pairing_list(s, f, user_id, out, n, err); }

/* Ends a pairing (plans made under it stay). STORE_NOT_FOUND when there is none. */
static inline int store_pairing_end(struct store *s, int64_t id, char **err)
{ return s->plans->pairing_end(s, id, err); }

/* Gives user_id a new private calendar feed (token_hash: the SHA-256 hex of its token); the old
 * one stops working. */
static inline int store_calendar_set(struct store *s, int64_t user_id, const char *token_hash,
                                     char **err)
{ return s->plans->calendar_set(s, user_id, token_hash, err); }

/* The user whose feed has this token hash, or STORE_NOT_FOUND. */
static inline int store_calendar_find(struct store *s, const char *token_hash, int64_t *user_id,
                                      char **err)
{ return s->plans->calendar_find(s, token_hash, user_id, err); }

/* Saves (or replaces) by's reflection on the plan. */
static inline int store_plan_reflection_save(struct store *s, int64_t plan_id, const char *text,
                                             const struct plan_actor *by, char **err)
{ return s->plans->reflection_save(s, plan_id, text, by, err); }

/* The plan's history, oldest first. *out: n entries, free with plan_history_free. */
static inline int store_plan_history(struct store *s, int64_t plan_id,
                                     struct plan_history_entry **out, size_t *n, char **err)
{ return s->plans->history(s, plan_id, out, n, err); }

/* Fills states[i] with the state of pairs[i] (see progress.h), for all n pairs with ONE SQL
 * statement over the store's progress summary, which every statement insert, voiding and erasure
 * keeps up to date in its own transaction: the same state progress_combine gives over
 * progress_of_statement of the pair's statements that are not voided. */
static inline int store_plan_progress(struct store *s, const struct progress_pair *pairs,
                                      size_t n, enum progress_state *states, char **err)
{ return s->plans->progress(s, pairs, n, states, err); }

/* Fills stored[i] with when the LRS stored the newest statement of agent_keys[i] (voided ones
 * count: the person was active), "" when none, for all n with ONE SQL statement. */
static inline int store_plan_last_activity(struct store *s, const char *const *agent_keys,
                                           size_t n, char (*stored)[32], char **err)
{ return s->plans->last_activity(s, agent_keys, n, stored, err); }

/* Freeing helpers (backend-independent, in store_sqlite_plans.c). */
void plan_clear(struct plan *p);
void plans_free(struct plan *list, size_t n);
void plan_history_free(struct plan_history_entry *list, size_t n);
void plan_pairings_free(struct plan_pairing *list, size_t n);
/* A copy of step fields for building a plan in memory: appends to p->steps. */
void plan_add_step(struct plan *p, enum plan_step_kind kind, const char *module_id, int level,
                   const char *title, const char *due);
void plan_add_evaluation(struct plan *p, const char *scheduled);
/* Adds the evaluation moments every p->eval_interval_days days after p->start, up to and
 * including p->target (at least one: on the target date). */
void plan_schedule_evaluations(struct plan *p);

#endif
