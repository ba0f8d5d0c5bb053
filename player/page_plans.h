/* page_plans.h: the pages of mentoring plans: the mentee's "My plan", the mentor's dashboard,
 * a plan, the plan editor, new plan, evaluation form, group assignment and the certificate.
 * The pages get plain view data (filled by server/plan_view.c) and return a complete HTML
 * document (caller frees) with its length in *len. Phone first, plain (B1) words, every form
 * carries the session's CSRF token. */
#ifndef STEPWISE_PAGE_PLANS_H
#define STEPWISE_PAGE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "player/pages.h"
#include "server/buf.h"
#include "tracking/progress.h"
#include "tracking/store_plans.h"

/* A step as the pages show it. Strings borrowed. */
/* What the mentor's plan page shows of a lesson step beside its state, read from the mentee's
 * statements about the module (server/plan_figures.c). */
struct plan_step_figures {
    int has_score;              /* a passed or failed statement with a score */
    int score_percent;          /* the newest one's result.score.scaled, in percent */
    long seconds;               /* time spent: each visit's first to last statement, added up */
    int has_media;              /* the module has a video or podcast */
    int media_watched;          /* one of them was completed (played to the threshold) */
};

struct plan_view_step {
    const struct plan_step *step;
    const char *title;          /* the module's title now, or the step's stored title */
    enum progress_state state;  /* module: from statements; practical: completed once signed */
    int done;                   /* counts for the progress bar */
    int overdue;                /* due date passed and not done */
    struct plan_step_figures figures;   /* module steps, on the mentor's page only */
    const char *lang;           /* the language the module's title is in; NULL for a task */
};

/* A plan as the pages show it. Strings and pointers borrowed. */
struct plan_view {
    const struct plan *plan;
    const char *mentee_name;
    const char *agent_key;      /* the mentee's xAPI agent key, NULL when the user is removed */
    const char *mentor_names;   /* "Marco, Sara" */
    struct plan_view_step *steps;
    size_t nsteps;
    int ndone;
    int noverdue;
    int percent;                /* ndone * 100 / nsteps, 0 without steps */
    const struct plan_view_step *next;      /* the first step not done, or NULL */
    const struct plan_view_step *next_lesson;   /* the first lesson (module step) not done */
    const struct plan_evaluation *next_eval;    /* the first one not held yet, or NULL */
    int nwaiting;               /* tasks waiting for the mentor's sign-off: open tasks that every
                                 * step before them is done for */
    int eval_days;              /* days until next_eval (negative: overdue); 0 without one */
    char last_activity[11];     /* the day of the mentee's newest statement, "" when none */
};

/* Who looks, and what every page needs. */
struct plan_page_ctx {
    const struct page_viewer *viewer;
    const char *csrf;           /* the session's CSRF token, for every form */
    int64_t user_id;
    const char *today;          /* "YYYY-MM-DD" */
};

/* A choice in a select: a person or a module. */
struct plan_choice {
    int64_t id;                 /* a user id (0 for modules) */
    const char *key;            /* a module id, or a login */
    const char *label;
    unsigned levels;            /* modules: bit (1u << n) for each level offered */
    const char *lang;           /* modules: the language of the title; NULL for people */
};

/* Who mentors the viewer, and since when (from the pairings). Strings borrowed. */
struct plan_mentor_line {
    const char *name;
    const char *since;          /* "YYYY-MM-DD" */
    const char *group;          /* "" when one-on-one */
};

/* "My plan": every active plan with its next step as a big button, the progress bar, the next
 * evaluation and recent achievements; who mentors the viewer and since when; then links to
 * finished plans, and to the mentor's dashboard when the viewer mentors plans too
 * (nmentored). notice: a sentence to show at the top (after finishing a lesson), or NULL. */
char *page_plans_home(const struct plan_page_ctx *c, const struct plan_view *active,
                      size_t nactive, const struct plan_view *finished, size_t nfinished,
                      const struct plan_mentor_line *mentors, size_t nmentors, size_t nmentored,
                      const char *notice, size_t *len);
/* The mentor's dashboard: every plan they mentor at a glance. */
char *page_plans_mentor(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                        const char *notice, size_t *len);
/* What was just done, with a button that takes it back: a POST to action with do (when not
 * NULL) and step. Strings borrowed. */
struct plan_undo {
    const char *text;           /* "The step is removed." */
    const char *action;         /* "/plans/7/edit" */
    const char *what;           /* the "do" field, or NULL */
    int64_t step;
    const char *button;         /* "Undo: put the step back" */
};

/* One plan for its mentee or a mentor (is_mentor: show the mentor's buttons). undo: what was
 * just done and can be taken back, or NULL; reopen_until: for a finished plan, the last day a
 * mentor may open it again ("YYYY-MM-DD"), or "" when that is no longer possible. */
char *page_plans_plan(const struct plan_page_ctx *c, const struct plan_view *v, int is_mentor,
                      const struct plan_history_entry *history, size_t nhistory,
                      const struct plan_undo *undo, const char *reopen_until, size_t *len);
/* "Close the plan?" when not every step is done: what is not done, and a button that closes it
 * anyway (confirm=yes) next to one back to the plan. reopen_days: how long it can be opened
 * again (0: never). */
char *page_plans_finish_confirm(const struct plan_page_ctx *c, const struct plan_view *v,
                                unsigned reopen_days, size_t *len);
/* The plan editor (mentors): one form for the goal, every step and the additions. error:
 * what to fix in the last form sent, or NULL; undo: as for page_plans_plan; saved: the part
 * just saved ("goal", "steps", "step-<id>", "add", "evaluation"), which shows "Saved.", or
 * NULL. */
char *page_plans_edit(const struct plan_page_ctx *c, const struct plan_view *v,
                      const struct plan_choice *modules, size_t nmodules, const char *error,
                      const struct plan_undo *undo, const char *saved, size_t *len);
/* A new plan: the viewer's mentees to choose from (none chosen yet), and other mentors as a
 * second mentor. */
char *page_plans_new(const struct plan_page_ctx *c, const struct plan_choice *people,
                     size_t npeople, const struct plan_choice *mentors, size_t nmentors,
                     const char *error, size_t *len);
/* The evaluation form: the mentor writes everything, the mentee their own notes. */
char *page_plans_evaluation(const struct plan_page_ctx *c, const struct plan_view *v,
                            const struct plan_evaluation *e, int is_mentor, size_t *len);
/* The certificate of a finished plan: the organisation (when not ""), the mentee, the goal,
 * the period, the steps done, the mentor, the date of issue (the day it was closed) and a
 * signature line; prints on one page (and to PDF) without the site frame, from a Print button
 * (player.js) or the browser menu. */
char *page_plans_certificate(const struct plan_page_ctx *c, const struct plan_view *v,
                             const char *organisation, size_t *len);
/* Give one lesson to several mentees, in two screens: first the lesson (chosen NULL: a GET
 * form), then their active plans as check boxes with "All my mentees"; has[i] 1 marks
 * views[i] as having the lesson already (no box to tick). */
char *page_plans_group(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                       const struct plan_choice *modules, size_t nmodules,
                       const struct plan_choice *chosen, const int *has, const char *error,
                       size_t *len);
/* The agenda page: how to get the evaluations into one's own agenda, a button that makes a
 * private calendar address, and that address (url) once it was just made, else NULL. */
char *page_plans_calendar(const struct plan_page_ctx *c, const char *url, size_t *len);
/* "1 December 2026" for "2026-12-01"; the input itself when it is not such a date. */
void page_plans_put_date(struct buf *b, const char *day);
/* A lesson step's figures as a short list (player/page_plan_figures.c); nothing when none. */
void page_plans_put_figures(struct buf *b, const struct plan_step_figures *f);

#endif
