/* mod_plans.c: the mentee's and the mentor's plan routes (see mod_plans.h): My plan and its
 * start / done buttons, the lesson page's plan box, the mentor's dashboard, group assignment and
 * the HR export. Edits go through the store (which writes the plan's history) and answer with a
 * redirect (POST/redirect/GET), so a reload never sends a form twice. */
#include "server/mod_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/page_plans.h"
#include "server/auth.h"
#include "server/plan_csv.h"
#include "server/plan_request.h"
#include "server/plan_view.h"
#include "server/server.h"
#include "tracking/progress.h"
#include "tracking/store_plans.h"

/* --- the mentee's home and steps ------------------------------------------------------ */

/* A step of one of the user's active plans (as mentee), with its plan; NULL when none. */
static const struct plan_view_step *own_step(const struct plan_views *v, int64_t step_id,
                                             const struct plan_view **plan)
{
    for (size_t i = 0; i < v->n; i++) {
        if (v->plans[i].finished) continue;
        for (size_t j = 0; j < v->views[i].nsteps; j++)
            if (v->views[i].steps[j].step->id == step_id) {
                *plan = &v->views[i];
                return &v->views[i].steps[j];
            }
    }
    return NULL;
}

/* The mentors of the user's pairings, by id. */
static int pairing_mentors(struct store *s, const struct plan_pairing *pairs, size_t n,
                           struct store_user **out, size_t *nout, char **err)
{
    int64_t *ids = xcalloc(n ? n : 1, sizeof *ids);
    for (size_t i = 0; i < n; i++) ids[i] = pairs[i].mentor_id;
    int status = store_users_by_id(s, ids, n, out, nout, err);
    free(ids);
    return status;
}

/* Who mentors the user (their pairings), with their names (mentors: pairing_mentors). */
static struct plan_mentor_line *my_mentors(const struct store_user *mentors, size_t nmentors,
                                           const struct plan_pairing *pairs, size_t n)
{
    struct plan_mentor_line *lines = xcalloc(n ? n : 1, sizeof *lines);
    for (size_t i = 0; i < n; i++) {
        const struct store_user *u = plan_user_find(mentors, nmentors, pairs[i].mentor_id);
        lines[i] = (struct plan_mentor_line){u ? u->display_name : "(removed user)",
                                             pairs[i].since, pairs[i].group_name};
    }
    return lines;
}

void mod_plans_home(struct request *r)
{
    struct plan_ctx c;
    struct plan_views v = {0};
    struct plan *mentored = NULL;
    struct plan_pairing *pairs = NULL;
    struct plan_mentor_line *lines = NULL;
    struct store_user *mentors = NULL;
    size_t nmentored = 0, npairs = 0, nmentors = 0;
    char *err = NULL, *notice = NULL;
    if (!plan_ctx_begin(r, &c, "GET, HEAD")) goto done;
    if (plan_views_load(r->srv, PLAN_LIST_MENTEE, c.u.id, &v, &err) != STORE_OK ||
        store_pairing_list(r->srv->store, PLAN_LIST_MENTEE, c.u.id, &pairs, &npairs, &err)
            != STORE_OK ||
        pairing_mentors(r->srv->store, pairs, npairs, &mentors, &nmentors, &err) != STORE_OK ||
        ((c.u.roles & ROLE_MENTOR) &&
         store_plan_list(r->srv->store, PLAN_LIST_MENTOR, c.u.id, &mentored, &nmentored, &err)
             != STORE_OK)) {
        plan_server_error(r, err);
        goto done;
    }
    lines = my_mentors(mentors, nmentors, pairs, npairs);
    /* The store lists active plans first. */
    size_t nactive = 0;
    while (nactive < v.n && !v.plans[nactive].finished) nactive++;
    const char *done = request_query(r, "done");
    if (done) {
        const struct plan_view *pv;
        const char *p = done;
        const struct plan_view_step *s = own_step(&v, plan_parse_id(&p), &pv);
        /* TRANSLATORS: %1$s the title of the lesson the mentee just finished. */
        if (s) notice = xasprintf(_("Well done! You finished \"%1$s\"."), s->title);
    }
    size_t len;
    char *html = page_plans_home(&c.page, v.views, nactive, v.views + nactive, v.n - nactive,
                                 lines, npairs, nmentored, notice, &len);
    plan_reply_html(r, MHD_HTTP_OK, html, len);
done:
    free(notice);
    free(lines);
    store_users_free(mentors, nmentors);
    plans_free(mentored, nmentored);
    plan_pairings_free(pairs, npairs);
    plan_views_free(&v);
    plan_ctx_free(&c);
}

/* POST /plan/steps/<id>/start: "attempted", then on to the lesson at the step's level.
 * POST /plan/steps/<id>/done: "completed", then back to My plan. Only the mentee's own steps:
 * anyone else's step is "not found". */
void mod_plans_step(struct request *r)
{
    struct plan_ctx c;
    struct plan_views v = {0};
    char *err = NULL;
    if (!plan_ctx_begin(r, &c, "POST")) goto done;
    const char *p = r->path + strlen("/plan/steps/");
    int64_t id = plan_parse_id(&p);
    int start = !strcmp(p, "/start");
    if (!id || (!start && strcmp(p, "/done"))) {
        plan_not_found(r, _("There is no such step."));
        goto done;
    }
    if (plan_views_load(r->srv, PLAN_LIST_MENTEE, c.u.id, &v, &err) != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    const struct plan_view *pv;
    const struct plan_view_step *s = own_step(&v, id, &pv);
    if (!s || s->step->kind != PLAN_STEP_MODULE) {
        plan_not_found(r, _("This step is not a lesson in your plan."));
        goto done;
    }
    if (progress_record(r->srv->store, r->srv->cfg.public_url, c.u.login,
                        start ? PROGRESS_VERB_ATTEMPTED : PROGRESS_VERB_COMPLETED,
                        s->step->module_id, s->title, &err) < 0) {
        plan_server_error(r, err);
        goto done;
    }
    struct buf loc;
    buf_init(&loc);
    if (start) {
        buf_puts(&loc, "/modules/");
        buf_put_url_segment(&loc, s->step->module_id);
        buf_printf(&loc, "?level=%d", s->step->level);
    } else {
        buf_printf(&loc, "/plan?done=%lld", (long long)id);
    }
    reply_redirect(r, loc.data);
    buf_free(&loc);
done:
    plan_views_free(&v);
    plan_ctx_free(&c);
}

/* --- the mentor's dashboard and group assignment ------------------------------------- */

void mod_plans_mentor(struct request *r)
{
    struct plan_ctx c;
    struct plan_views v = {0};
    char *err = NULL, *notice = NULL;
    if (!plan_ctx_begin(r, &c, "GET, HEAD") || !plan_require_mentor(&c)) goto done;
    if (plan_views_load(r->srv, PLAN_LIST_MENTOR, c.u.id, &v, &err) != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    const char *assigned = request_query(r, "assigned"), *skipped = request_query(r, "skipped");
    if (assigned) {
        const char *p = assigned, *q = skipped ? skipped : "0";
        long long n = plan_parse_id(&p), k = plan_parse_id(&q);
        struct buf text;
        buf_init(&text);
        /* TRANSLATORS: %1$lld the number of plans the lesson was added to. */
        buf_printf(&text, n_("The lesson was added to %1$lld plan.",
                             "The lesson was added to %1$lld plans.", (unsigned long)n), n);
        /* TRANSLATORS: %1$lld the number of plans that had the lesson already. */
        if (k) buf_puts(&text, " "), buf_printf(&text, n_("%1$lld already had it, so it was not "
                                                          "added again.", "%1$lld already had "
                                                          "it, so it was not added again.",
                                                          (unsigned long)k), k);
        notice = buf_detach(&text, NULL);
    }
    size_t len;
    char *html = page_plans_mentor(&c.page, v.views, v.n, notice, &len);
    plan_reply_html(r, MHD_HTTP_OK, html, len);
done:
    free(notice);
    plan_views_free(&v);
    plan_ctx_free(&c);
}

/* 1 when the plan has the module as a step already. */
static int has_module(const struct plan *p, const char *module_id)
{
    for (size_t i = 0; i < p->nsteps; i++)
        if (p->steps[i].kind == PLAN_STEP_MODULE && !strcmp(p->steps[i].module_id, module_id))
            return 1;
    return 0;
}

/* The plans to give the lesson: every "plan" value, or with "all" every active plan in v (the
 * user's mentored plans), leaving out those that have it (counted in *skipped). Fills ids
 * (room for v->n). Returns how many, or -1 when a value is not a different active plan of v. */
static long group_ids(const struct plan_ctx *c, const struct plan_views *v, const char *module,
                      int64_t *ids, long *skipped)
{
    const char *values[PLAN_MAX_FIELDS];
    size_t max = v->n < PLAN_MAX_FIELDS ? v->n : PLAN_MAX_FIELDS;
    size_t n = form_get_all(&c->form, "plan", values, max);
    int all = *plan_field(c, "all") != '\0';
    long count = 0;
    *skipped = 0;
    if (n > max) return -1;     /* more plans than they mentor: some are not theirs */
    for (size_t j = 0; all && j < v->n; j++)
        if (!v->plans[j].finished) ids[count++] = v->plans[j].id;
    for (size_t i = 0; !all && i < n; i++) {
        const char *p = values[i];
        int64_t id = plan_parse_id(&p);
        int ok = 0;
        for (size_t j = 0; j < v->n && id && !*p; j++)
            ok |= v->plans[j].id == id && !v->plans[j].finished;
        for (long j = 0; j < count; j++) ok &= ids[j] != id;
        if (!ok) return -1;
        ids[count++] = id;
    }
    long kept = 0;
    for (long i = 0; i < count; i++) {
        const struct plan *p = NULL;
        for (size_t j = 0; j < v->n && !p; j++)
            if (v->plans[j].id == ids[i]) p = &v->plans[j];
        if (has_module(p, module)) ++*skipped;
        else ids[kept++] = ids[i];
    }
    return kept;
}

static const struct plan_choice *find_choice(const struct plan_choice *list, size_t n,
                                             const char *key)
{
    for (size_t i = 0; key && i < n; i++)
        if (!strcmp(list[i].key, key)) return &list[i];
    return NULL;
}

/* GET /groups/assign: the lesson; ?module=<id>: the mentees, marking who has it. POST: adds
 * it to the chosen plans that do not have it yet, never twice to one plan. */
void mod_plans_group(struct request *r)
{
    struct plan_ctx c;
    struct plan_views v = {0};
    size_t nmods = 0;
    struct plan_choice *mods = NULL;
    int64_t *ids = NULL;
    int *has = NULL;
    char *err = NULL;
    if (!plan_ctx_begin(r, &c, "GET, HEAD, POST") || !plan_require_mentor(&c)) goto done;
    if (plan_views_load(r->srv, PLAN_LIST_MENTOR, c.u.id, &v, &err) != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    mods = plan_modules_load(r->srv, &nmods);
    int post = !strcmp(r->method, "POST");
    const struct plan_choice *chosen = find_choice(mods, nmods, post ? plan_field(&c, "module")
                                                                     : request_query(r, "module"));
    const char *problem = NULL;
    if (post) {
        struct plan_step st;
        long skipped = 0;
        ids = xcalloc(v.n + 1, sizeof *ids);
        long n = chosen ? group_ids(&c, &v, chosen->key, ids, &skipped) : 0;
        if (n < 0) {
            plan_forbidden(r);
            goto done;
        }
        problem = plan_module_step_from_form(&c, mods, nmods, &st);
        if (!problem && n == 0 && !skipped) problem = _("Choose at least one mentee.");
        if (!problem) {
            if (n && store_plan_step_add(r->srv->store, ids, (size_t)n, &st, &c.actor, &err)
                != STORE_OK) {
                plan_server_error(r, err);
                goto done;
            }
            char *loc = xasprintf("/mentor?assigned=%ld&skipped=%ld", n, skipped);
            reply_redirect(r, loc);
            free(loc);
            goto done;
        }
    }
    has = xcalloc(v.n + 1, sizeof *has);
    for (size_t i = 0; chosen && i < v.n; i++) has[i] = has_module(&v.plans[i], chosen->key);
    size_t len;
    char *html = page_plans_group(&c.page, v.views, v.n, mods, nmods, chosen, has, problem, &len);
    plan_reply_html(r, problem ? MHD_HTTP_BAD_REQUEST : MHD_HTTP_OK, html, len);
done:
    free(has);
    free(ids);
    plan_modules_free(mods, nmods);
    plan_views_free(&v);
    plan_ctx_free(&c);
}

void mod_plans_csv(struct request *r)
{
    struct user u;
    struct plan_views v = {0};
    char *err = NULL;
    if (!request_allow(r, "GET, HEAD") ||
        !auth_require_any_role(r, ROLE_ADMIN | ROLE_COORDINATOR, &u))
        return;
    if (plan_views_load(r->srv, PLAN_LIST_ALL, 0, &v, &err) != STORE_OK) {
        plan_server_error(r, err);
    } else {
        size_t len;
        char *csv = plan_csv(&v, &len);
        char name[64];
        snprintf(name, sizeof name, "attachment; filename=\"stepwise-plans-%s.csv\"", v.today);
        reply_private(r, MHD_HTTP_OK, "text/csv; charset=utf-8", csv, len);
        reply_header(r, "Content-Disposition", name);
    }
    plan_views_free(&v);
    user_clear(&u);
}
