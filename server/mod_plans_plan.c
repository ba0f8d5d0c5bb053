/* mod_plans_plan.c: one plan's routes under /plans/ (see mod_plans_plan.h): a new plan, the
 * plan page, the editor, evaluations, sign-off, finish, certificate, reflections and follow-up.
 * The table of rules says who may do what; the store writes every change to the history. */
#include "server/mod_plans_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/i18n.h"
#include "player/page_plans.h"
#include "server/plan_figures.h"
#include "server/plan_request.h"
#include "server/plan_view.h"
#include "server/server.h"
#include "tracking/store_accounts.h"
#include "tracking/store_plans.h"

/* The goal, dates, interval and intake from the form into p (strings owned by p). NULL, or
 * what to fix. */
static const char *goal_from_form(const struct plan_ctx *c, struct plan *p)
{
    const char *goal = plan_field(c, "goal"), *start = plan_field(c, "start");
    const char *target = plan_field(c, "target");
    if (!*goal || strlen(goal) > PLAN_MAX_GOAL) return _("Write a goal (at most 300 characters).");
    if (!plan_is_date(start) || !plan_is_date(target))
        return _("Give a start date and a goal date.");
    if (strcmp(target, start) < 0) return _("The goal date must be after the start date.");
    if (strlen(plan_field(c, "notes")) > PLAN_MAX_TEXT) return _("The notes are too long.");
    free(p->goal);
    free(p->intake_notes);
    p->goal = xstrdup(goal);
    p->intake_notes = xstrdup(plan_field(c, "notes"));
    snprintf(p->start, sizeof p->start, "%s", start);
    snprintf(p->target, sizeof p->target, "%s", target);
    p->eval_interval_days = plan_field_int(c, "interval", 7, 182, 28);
    p->intake_click = plan_field_int(c, "click", -1, 1, -1);
    p->intake_clear = plan_field_int(c, "clear", -1, 1, -1);
    return NULL;
}

/* The people the viewer may choose on "New plan": their mentees (active users paired with
 * them) and other mentors for a second mentor. Strings borrowed from users. */
static size_t new_plan_people(const struct plan_ctx *c, const struct store_user *users,
                              size_t nusers, const struct plan_pairing *pairs, size_t npairs,
                              struct plan_choice *mentees, struct plan_choice *mentors,
                              size_t *nmentors)
{
    size_t n = 0;
    *nmentors = 0;
    for (size_t i = 0; i < nusers; i++) {
        const struct store_user *u = &users[i];
        if (!u->active || u->id == c->u.id) continue;
        struct plan_choice ch = {u->id, u->login, u->display_name, 0, NULL};
        if (u->roles & ROLE_MENTOR) mentors[(*nmentors)++] = ch;
        for (size_t j = 0; j < npairs; j++)
            if (pairs[j].mentee_id == u->id) {
                mentees[n++] = ch;
                break;
            }
    }
    return n;
}

static int choice_has(const struct plan_choice *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return 1;
    return 0;
}

/* A new plan: only a mentor, and only for a mentee paired with them. */
static void plans_new(struct plan_ctx *c)
{
    struct request *r = c->r;
    struct store_user *users = NULL;
    size_t nusers = 0, npairs = 0, nmentors = 0;
    struct plan_pairing *pairs = NULL;
    struct plan_choice *people = NULL, *mentors = NULL;
    struct plan p = {0};
    char *err = NULL;
    const char *problem = NULL;
    if (!plan_require_mentor(c)) goto done;
    if (store_user_list(r->srv->store, &users, &nusers, &err) != STORE_OK ||
        store_pairing_list(r->srv->store, PLAN_LIST_MENTOR, c->u.id, &pairs, &npairs, &err)
            != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    people = xcalloc(nusers + 1, sizeof *people);
    mentors = xcalloc(nusers + 1, sizeof *mentors);
    size_t n = new_plan_people(c, users, nusers, pairs, npairs, people, mentors, &nmentors);
    if (!strcmp(r->method, "POST")) {
        int64_t mentee = plan_field_id(c, "mentee"), second = plan_field_id(c, "mentor2");
        p.mentee_id = mentee;
        problem = !choice_has(people, n, mentee) ? _("Choose the mentee from the list.")
                  : second && (!choice_has(mentors, nmentors, second) || second == mentee)
                  ? _("The second mentor must be another mentor.")
                  : goal_from_form(c, &p);
        if (!problem) {
            p.mentors = xcalloc(2, sizeof *p.mentors);
            p.mentors[p.nmentors++] = c->u.id;
            if (second) p.mentors[p.nmentors++] = second;
            plan_schedule_evaluations(&p);
            if (store_plan_create(r->srv->store, &p, &c->actor, &err) != STORE_OK) {
                plan_server_error(r, err);
                goto done;
            }
            plan_redirect_to(r, p.id, "/edit");
            goto done;
        }
    }
    size_t len;
    char *html = page_plans_new(&c->page, people, n, mentors, nmentors, problem, &len);
    plan_reply_html(r, problem ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_OK, html, len);
done:
    plan_clear(&p);
    free(people);
    free(mentors);
    plan_pairings_free(pairs, npairs);
    store_users_free(users, nusers);
}

/* One plan's request, after its plan was loaded and the user's part in it found. */
struct plan_req {
    struct plan_ctx *c;
    struct plan_views v;
    const struct plan_view *pv;
    const struct plan *p;
    int is_mentor;
    int is_mentee;
    const char *tail;       /* the path after /plans/<id> */
};

/* The last day (UTC) a mentor may open the finished plan p again, into until; "" when that
 * is past or never allowed (reopen_days 0). */
static void reopen_until(const struct server *srv, const struct plan *p, const char *today,
                         char until[11])
{
    struct tm tm = {0};
    const char *end = strptime(p->finished_at, "%Y-%m-%d", &tm);
    until[0] = '\0';
    if (!p->finished || !srv->cfg.reopen_days || !end) return;
    time_t last = timegm(&tm) + (time_t)srv->cfg.reopen_days * 86400;
    strftime(until, 11, "%Y-%m-%d", gmtime_r(&last, &tm));
    if (strcmp(until, today) < 0) until[0] = '\0';
}

static const struct plan_view_step *view_step(const struct plan_view *v, int64_t id)
{
    for (size_t i = 0; i < v->nsteps; i++)
        if (v->steps[i].step->id == id) return &v->steps[i];
    return NULL;
}

static void show_plan(struct plan_req *q)
{
    struct plan_history_entry *h = NULL;
    size_t nh = 0, len;
    char *err = NULL, *text = NULL, *action = NULL, until[11];
    if ((q->is_mentor && plan_figures_fill(q->c->r->srv, &q->v, &err) != STORE_OK) ||
        store_plan_history(q->c->r->srv->store, q->p->id, &h, &nh, &err) != STORE_OK) {
        plan_server_error(q->c->r, err);
        return;
    }
    /* Just signed off (?signed=<step>): say so, with a button that takes it back. */
    const char *signed_q = request_query(q->c->r, "signed");
    const struct plan_view_step *s = NULL;
    if (signed_q && q->is_mentor && !q->p->finished) {
        const char *p = signed_q;
        s = view_step(q->pv, plan_parse_id(&p));
        if (s && !s->step->signed_off_by) s = NULL;
    }
    struct plan_undo undo = {0};
    if (s) {
        /* TRANSLATORS: %1$s the title of the task the mentor just signed off. */
        text = xasprintf(_("You signed off \"%1$s\" as done."), s->title);
        action = xasprintf("/plans/%lld/steps/%lld/unsign", (long long)q->p->id,
                           (long long)s->step->id);
        undo = (struct plan_undo){text, action, NULL, s->step->id, _("Undo the sign-off")};
    }
    reopen_until(q->c->r->srv, q->p, q->c->today, until);
    char *html = page_plans_plan(&q->c->page, q->pv, q->is_mentor, h, nh, s ? &undo : NULL,
                                 until, &len);
    plan_reply_html(q->c->r, MHD_HTTP_OK, html, len);
    plan_history_free(h, nh);
    free(text);
    free(action);
}

static const struct plan_step *plan_step(const struct plan *p, int64_t id)
{
    for (size_t i = 0; i < p->nsteps; i++)
        if (p->steps[i].id == id) return &p->steps[i];
    return NULL;
}

/* The editor's fields of step old (level-<id>, title-<id>, due-<id>) into *st (strings
 * borrowed). Returns 0 when the form has none of them or they change nothing, 1 when they
 * change the step, -1 with *problem when one is wrong. */
static int step_from_form(const struct plan_ctx *c, const struct plan_step *old,
                          struct plan_step *st, const char **problem)
{
    char level[40], title[40], due[40];
    snprintf(level, sizeof level, "level-%lld", (long long)old->id);
    snprintf(title, sizeof title, "title-%lld", (long long)old->id);
    snprintf(due, sizeof due, "due-%lld", (long long)old->id);
    *st = (struct plan_step){.id = old->id, .kind = old->kind, .level = old->level,
                             .title = old->title};
    const char *d = form_get(&c->form, due), *t = form_get(&c->form, title);
    snprintf(st->due, sizeof st->due, "%s", d ? d : old->due);
    if (*st->due && !plan_is_date(st->due)) {
        *problem = "Write the due date as a date, or leave it empty.";
        return -1;
    }
    if (old->kind == PLAN_STEP_MODULE && form_get(&c->form, level)) {
        st->level = plan_field_int(c, level, 1, 3, 0);
        if (!st->level) *problem = _("Choose a level.");
    } else if (old->kind == PLAN_STEP_PRACTICAL && t) {
        st->title = (char *)t;
        if (!*t || strlen(t) > PLAN_MAX_GOAL) *problem = _("Write the task (at most 300 characters).");
    }
    if (*problem) return -1;
    return st->level != old->level || strcmp(st->title, old->title) || strcmp(st->due, old->due);
}

/* What one press in the editor does besides saving the fields: do=save, step-up:<id>,
 * step-down:<id>, step-remove:<id>, step-restore (with step), add-module, add-task,
 * add-evaluation. */
struct edit_act {
    char what[16];
    int64_t step;                   /* the step a step action is about */
    struct plan_step add;           /* add-module, add-task: the new step (strings borrowed) */
    struct plan_evaluation eval;    /* add-evaluation */
};

/* Reads and checks the action; NULL, or what to fix. */
static const char *act_from_form(const struct plan_req *q, const struct plan_choice *mods,
                                 size_t nmods, struct edit_act *a)
{
    const struct plan_ctx *c = q->c;
    const char *v = plan_field(c, "do"), *colon = strchr(v, ':');
    memset(a, 0, sizeof *a);
    size_t n = colon ? (size_t)(colon - v) : strlen(v);
    if (n >= sizeof a->what) return _("Unknown change. Reload the page and try again.");
    memcpy(a->what, v, n);
    const char *idp = colon ? colon + 1 : plan_field(c, "step");
    a->step = plan_parse_id(&idp);
    if (!strncmp(a->what, "step-", 5)) {
        if (strcmp(a->what, "step-restore") && !plan_step(q->p, a->step))
            return _("That step is no longer in the plan. Reload the page.");
        if (!strcmp(a->what, "step-up") || !strcmp(a->what, "step-down") ||
            !strcmp(a->what, "step-remove") || !strcmp(a->what, "step-restore"))
            return NULL;
    }
    if (!strcmp(a->what, "save")) return NULL;
    if (!strcmp(a->what, "add-module")) return plan_module_step_from_form(c, mods, nmods, &a->add);
    if (!strcmp(a->what, "add-task")) {
        const char *due = *plan_field(c, "task_due") ? plan_field(c, "task_due")
                                                      : plan_field(c, "due");
        a->add = (struct plan_step){.kind = PLAN_STEP_PRACTICAL,
                                    .title = (char *)plan_field(c, "title")};
        if (!*a->add.title || strlen(a->add.title) > PLAN_MAX_GOAL)
            return _("Write the task (at most 300 characters).");
        if (*due && !plan_is_date(due)) return _("Write the due date as a date, or leave it empty.");
        snprintf(a->add.due, sizeof a->add.due, "%s", due);
        return NULL;
    }
    if (!strcmp(a->what, "add-evaluation")) {
        if (!plan_is_date(plan_field(c, "day"))) return _("Give the date of the evaluation.");
        snprintf(a->eval.scheduled, sizeof a->eval.scheduled, "%s", plan_field(c, "day"));
        return NULL;
    }
    return _("Unknown change. Reload the page and try again.");
}

/* Runs the action; a STORE_* status. */
static int act_run(struct plan_req *q, const struct edit_act *a, char **err)
{
    struct store *s = q->c->r->srv->store;
    const struct plan_actor *by = &q->c->actor;
    int64_t id = q->p->id;
    if (!strcmp(a->what, "step-up")) return store_plan_step_move(s, id, a->step, -1, by, err);
    if (!strcmp(a->what, "step-down")) return store_plan_step_move(s, id, a->step, 1, by, err);
    if (!strcmp(a->what, "step-remove")) return store_plan_step_remove(s, id, a->step, by, err);
    if (!strcmp(a->what, "step-restore")) return store_plan_step_restore(s, id, a->step, by, err);
    if (!strncmp(a->what, "add-", 4) && strcmp(a->what, "add-evaluation"))
        return store_plan_step_add(s, &id, 1, &a->add, by, err);
    if (!strcmp(a->what, "add-evaluation")) return store_plan_evaluation_save(s, id, &a->eval, by, err);
    return STORE_OK;
}

/* Where the editor opens again after a+saving (and says "Saved."): the place edited. */
static char *edit_anchor(const struct edit_act *a, int64_t first_changed)
{
    if (!strcmp(a->what, "step-remove")) return xstrdup("steps");
    if (!strncmp(a->what, "step-", 5)) return xasprintf("step-%lld", (long long)a->step);
    if (!strcmp(a->what, "add-evaluation")) return xstrdup("evaluation");
    if (!strncmp(a->what, "add-", 4)) return xstrdup("add");
    return first_changed ? xasprintf("step-%lld", (long long)first_changed) : xstrdup("goal");
}

/* One press in the editor: checks every field and the action first, then saves the goal, every
 * changed step and runs the action, so no edit is dropped whichever button was pressed. NULL
 * when done (a STORE_* status in *status, the place to return to in *anchor), or what to fix
 * (nothing saved). */
static const char *edit_save(struct plan_req *q, const struct plan_choice *mods, size_t nmods,
                             int *status, char **anchor, char **err)
{
    struct plan_ctx *c = q->c;
    struct store *s = c->r->srv->store;
    struct plan goal = {.id = q->p->id};
    struct plan_step *steps = xcalloc(q->p->nsteps + 1, sizeof *steps);
    int *changed = xcalloc(q->p->nsteps + 1, sizeof *changed);
    struct edit_act a;
    const char *problem = form_get(&c->form, "goal") ? goal_from_form(c, &goal) : NULL;
    int64_t first = 0;
    for (size_t i = 0; i < q->p->nsteps && !problem; i++) {
        changed[i] = step_from_form(c, &q->p->steps[i], &steps[i], &problem);
        if (changed[i] > 0 && !first) first = steps[i].id;
    }
    if (!problem) problem = act_from_form(q, mods, nmods, &a);
    if (problem) goto done;
    *status = goal.goal ? store_plan_update(s, &goal, &c->actor, err) : STORE_OK;
    for (size_t i = 0; i < q->p->nsteps && *status == STORE_OK; i++)
        if (changed[i] > 0) *status = store_plan_step_update(s, q->p->id, &steps[i], &c->actor, err);
    if (*status == STORE_OK) *status = act_run(q, &a, err);
    *anchor = edit_anchor(&a, first);
done:
    plan_clear(&goal);
    free(steps);
    free(changed);
    return problem;
}

static void edit_plan(struct plan_req *q)
{
    struct request *r = q->c->r;
    size_t nmods;
    struct plan_choice *mods = plan_modules_load(r->srv, &nmods);
    const char *problem = NULL;
    char *err = NULL, *anchor = NULL;
    if (!strcmp(r->method, "POST")) {
        int status = STORE_OK;
        problem = edit_save(q, mods, nmods, &status, &anchor, &err);
        if (!problem && status == STORE_NOT_FOUND)
            problem = _("That step is no longer in the plan. Reload the page.");
        else if (!problem && status != STORE_OK) {
            plan_server_error(r, err);
            goto done;
        } else if (!problem) {
            /* Back to the place edited, saying "Saved."; a removal offers to undo it. */
            const char *what = plan_field(q->c, "do");
            int64_t removed = 0;
            if (!strncmp(what, "step-remove", 11)) {
                const char *p = strchr(what, ':') ? strchr(what, ':') + 1 : plan_field(q->c, "step");
                removed = plan_parse_id(&p);
            }
            char *suffix = removed ? xasprintf("/edit?saved=%s&removed=%lld#%s", anchor,
                                               (long long)removed, anchor)
                                   : xasprintf("/edit?saved=%s#%s", anchor, anchor);
            plan_redirect_to(r, q->p->id, suffix);
            free(suffix);
            goto done;
        }
    }
    const char *removed = request_query(r, "removed");
    char *action = xasprintf("/plans/%lld/edit", (long long)q->p->id);
    struct plan_undo undo = {_("The step is removed from the plan."), action, "step-restore", 0,
                             _("Undo: put the step back")};
    if (removed) {
        const char *p = removed;
        undo.step = plan_parse_id(&p);
    }
    size_t len;
    char *html = page_plans_edit(&q->c->page, q->pv, mods, nmods, problem,
                                 undo.step && !problem ? &undo : NULL,
                                 problem ? NULL : request_query(r, "saved"), &len);
    free(action);
    plan_reply_html(r, problem ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_OK, html, len);
done:
    free(anchor);
    plan_modules_free(mods, nmods);
}

static void evaluation(struct plan_req *q, int64_t eid)
{
    struct plan_ctx *c = q->c;
    struct request *r = c->r;
    const struct plan_evaluation *old = NULL;
    for (size_t i = 0; i < q->p->nevals; i++)
        if (q->p->evals[i].id == eid) old = &q->p->evals[i];
    if (!old) {
        plan_not_found(r, _("There is no such evaluation in this plan."));
        return;
    }
    if (strcmp(r->method, "POST")) {
        size_t len;
        char *html = page_plans_evaluation(&c->page, q->pv, old, q->is_mentor, &len);
        plan_reply_html(r, MHD_HTTP_OK, html, len);
        return;
    }
    if (q->p->finished) {
        reply_error_page(r, MHD_HTTP_CONFLICT, _("This plan is finished"),
                         _("The notes of a finished plan stay as they were. Write what you learned "
                         "in your reflection, or start a follow-up plan."));
        return;
    }
    /* Each person writes only their own notes; the rest stays as it was. */
    struct plan_evaluation e = *old;
    if (q->is_mentee) e.mentee_notes = (char *)plan_field(c, "mentee_notes");
    if (q->is_mentor) {
        const char *held = plan_field(c, "held"), *outcome = plan_field(c, "outcome");
        if (!plan_is_date(held)) {
            plan_bad_input(r, _("Give the date of the talk."));
            return;
        }
        if (*outcome && strcmp(outcome, "on-track") && strcmp(outcome, "adjust")) {
            plan_bad_input(r, _("Choose \"on track\" or \"adjust the plan\"."));
            return;
        }
        snprintf(e.held, sizeof e.held, "%s", held);
        snprintf(e.outcome, sizeof e.outcome, "%s", outcome);
        e.mentor_notes = (char *)plan_field(c, "mentor_notes");
    }
    if (strlen(e.mentee_notes) > PLAN_MAX_TEXT || strlen(e.mentor_notes) > PLAN_MAX_TEXT) {
        plan_bad_input(r, _("The notes are too long."));
        return;
    }
    char *err = NULL;
    if (store_plan_evaluation_save(r->srv->store, q->p->id, &e, &c->actor, &err) != STORE_OK) {
        plan_server_error(r, err);
        return;
    }
    /* "Adjust" leads straight to the editor: adjusting should be one tap away. */
    plan_redirect_to(r, q->p->id, q->is_mentor && !strcmp(e.outcome, "adjust") ? "/edit" : "");
}

static void follow_up(struct plan_req *q)
{
    struct plan_ctx *c = q->c;
    struct plan p = {.mentee_id = q->p->mentee_id, .follows = q->p->id,
                     .eval_interval_days = q->p->eval_interval_days,
                     .intake_click = q->p->intake_click, .intake_clear = q->p->intake_clear};
    const char *goal = plan_field(c, "goal"), *target = plan_field(c, "target");
    char *err = NULL;
    if (!*goal || strlen(goal) > PLAN_MAX_GOAL || !plan_is_date(target) ||
        strcmp(target, c->today) < 0) {
        plan_bad_input(c->r, _("Write the new goal and a goal date from today on."));
        return;
    }
    p.goal = xstrdup(goal);
    p.intake_notes = xstrdup("");
    snprintf(p.start, sizeof p.start, "%s", c->today);
    snprintf(p.target, sizeof p.target, "%s", target);
    p.mentors = xcalloc(q->p->nmentors + 1, sizeof *p.mentors);
    memcpy(p.mentors, q->p->mentors, q->p->nmentors * sizeof *p.mentors);
    p.nmentors = q->p->nmentors;
    plan_schedule_evaluations(&p);
    if (store_plan_create(c->r->srv->store, &p, &c->actor, &err) != STORE_OK)
        plan_server_error(c->r, err);
    else
        plan_redirect_to(c->r, p.id, "/edit");
    plan_clear(&p);
}

/* Opens a finished plan again, within --reopen-days of closing it. */
static int reopen(struct plan_req *q, char **err)
{
    char until[11];
    reopen_until(q->c->r->srv, q->p, q->c->today, until);
    if (!*until) {
        reply_error_page(q->c->r, MHD_HTTP_CONFLICT, _("This plan stays closed"),
                         _("This plan was closed too long ago to open it again. Start a follow-up "
                         "plan instead."));
        return -1;
    }
    return store_plan_reopen(q->c->r->srv->store, q->p->id, &q->c->actor, err);
}

/* Finish, reopen, sign-off (and its undo) and reflection: small POSTs that go back to the
 * plan. Closing a plan with steps not done asks first (page_plans_finish_confirm). */
static void plan_post(struct plan_req *q, const char *what)
{
    struct plan_ctx *c = q->c;
    struct store *s = c->r->srv->store;
    char *err = NULL, *suffix = NULL;
    int status;
    if (!strcmp(what, "finish")) {
        if (q->pv->ndone < (int)q->pv->nsteps && strcmp(plan_field(c, "confirm"), "yes")) {
            size_t len;
            char *html = page_plans_finish_confirm(&c->page, q->pv, c->r->srv->cfg.reopen_days,
                                                   &len);
            plan_reply_html(c->r, MHD_HTTP_OK, html, len);
            return;
        }
        status = store_plan_finish(s, q->p->id, &c->actor, &err);
    } else if (!strcmp(what, "reopen")) {
        if ((status = reopen(q, &err)) < 0) return;
    } else if (!strcmp(what, "reflection")) {
        const char *text = plan_field(c, "text");
        if (!*text || strlen(text) > PLAN_MAX_TEXT) {
            plan_bad_input(c->r, _("Write your reflection (at most 4000 characters)."));
            return;
        }
        status = store_plan_reflection_save(s, q->p->id, text, &c->actor, &err);
    } else {
        const char *p = what + strlen("steps/");
        int64_t sid = plan_parse_id(&p);
        if (!strcmp(p, "/unsign")) {
            status = store_plan_step_signoff_undo(s, q->p->id, sid, &c->actor, &err);
        } else {
            status = store_plan_step_signoff(s, q->p->id, sid, &c->actor, &err);
            suffix = xasprintf("?signed=%lld", (long long)sid);
        }
    }
    if (status == STORE_NOT_FOUND) plan_not_found(c->r, _("There is no such step in this plan."));
    else if (status == STORE_ERROR) plan_server_error(c->r, err);
    else plan_redirect_to(c->r, q->p->id, suffix ? suffix : "");   /* or it already was */
    free(suffix);
}

/* Who may do what: (tail, method) -> 'a' anyone of the plan, 'm' mentors only; plus whether
 * the plan must be active ('A') or finished ('F') or either ('-'). */
struct plan_rule {
    const char *tail;       /* "" or "/edit", ...; "*" ends a prefix */
    const char *methods;
    char who;
    char when;
};

static const struct plan_rule rules[] = {
    {"", "GET, HEAD", 'a', '-'},
    {"/edit", "GET, HEAD, POST", 'm', 'A'},
    {"/evaluations/*", "GET, HEAD, POST", 'a', '-'},
    {"/steps/*", "POST", 'm', 'A'},
    {"/finish", "POST", 'm', 'A'},
    {"/certificate", "GET, HEAD", 'a', 'F'},
    {"/reflection", "POST", 'a', 'F'},
    {"/follow-up", "POST", 'm', 'F'},
    {"/reopen", "POST", 'm', 'F'},
};

static const struct plan_rule *find_rule(const char *tail)
{
    for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
        size_t n = strlen(rules[i].tail);
        if (n && rules[i].tail[n - 1] == '*' ? !strncmp(tail, rules[i].tail, n - 1)
                                             : !strcmp(tail, rules[i].tail))
            return &rules[i];
    }
    return NULL;
}

static void dispatch(struct plan_req *q, const struct plan_rule *rule)
{
    struct request *r = q->c->r;
    if (rule->when == 'A' && q->p->finished) {
        reply_error_page(r, MHD_HTTP_CONFLICT, _("This plan is finished"),
                         _("A finished plan cannot be changed. Start a follow-up plan instead."));
        return;
    }
    if (rule->when == 'F' && !q->p->finished) {
        plan_not_found(r, _("This plan is not finished yet: the certificate and reflections come "
                     "when the goal is reached."));
        return;
    }
    const char *t = q->tail;
    if (!*t) show_plan(q);
    else if (!strcmp(t, "/edit")) edit_plan(q);
    else if (!strncmp(t, "/evaluations/", 13)) {
        const char *p = t + 13;
        int64_t eid = plan_parse_id(&p);
        if (*p || !eid) plan_not_found(r, _("There is no such evaluation."));
        else evaluation(q, eid);
    } else if (!strcmp(t, "/certificate")) {
        size_t len;
        char *html = page_plans_certificate(&q->c->page, q->pv, r->srv->cfg.organisation, &len);
        plan_reply_html(r, MHD_HTTP_OK, html, len);
    } else if (!strcmp(t, "/follow-up")) {
        follow_up(q);
    } else if (!strncmp(t, "/steps/", 7)) {
        const char *p = t + 7;
        if (!plan_parse_id(&p) || (strcmp(p, "/signoff") && strcmp(p, "/unsign")))
            plan_not_found(r, _("There is no such step."));
        else plan_post(q, t + 1);
    } else {
        plan_post(q, t + 1);
    }
}

void mod_plans_plan(struct request *r)
{
    struct plan_ctx c;
    const char *rest = r->path + strlen("/plans/");
    if (!strcmp(rest, "new")) {
        if (plan_ctx_begin(r, &c, "GET, HEAD, POST")) plans_new(&c);
        plan_ctx_free(&c);
        return;
    }
    struct plan_req q = {.c = &c};
    int64_t id = plan_parse_id(&rest);
    const struct plan_rule *rule = id ? find_rule(rest) : NULL;
    if (!rule) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Page not found"),
                         _("There is no page at this address. Go to your plan from the start page."));
        return;
    }
    char *err = NULL;
    if (!plan_ctx_begin(r, &c, rule->methods)) goto done;
    int status = plan_views_load_one(r->srv, id, &q.v, &err);
    if (status == STORE_NOT_FOUND) {
        plan_not_found(r, _("There is no such plan."));
        goto done;
    }
    if (status != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    q.pv = &q.v.views[0];
    q.p = q.pv->plan;
    q.tail = rest;
    /* Being named on the plan is not enough: the mentor permission can be taken away. */
    q.is_mentor = plan_is_mentor(q.p, c.u.id) && (c.u.roles & ROLE_MENTOR);
    q.is_mentee = q.p->mentee_id == c.u.id;
    if (!(q.is_mentor || (q.is_mentee && rule->who == 'a'))) plan_forbidden(r);
    else dispatch(&q, rule);
done:
    plan_views_free(&q.v);
    plan_ctx_free(&c);
}
