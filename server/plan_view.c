/* plan_view.c: turns plans from the store into what the plan pages show. The state of every
 * module step of every plan comes from ONE store_plan_progress call, so a mentor dashboard with
 * 50 mentees costs the same handful of queries as one with a single mentee. */
#include "server/plan_view.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/i18n.h"
#include "server/buf.h"
#include "tracking/progress.h"

void plan_today(char out[11])
{
    time_t now = time(NULL);
    struct tm tm;
    strftime(out, 11, "%Y-%m-%d", gmtime_r(&now, &tm));
}

int plan_is_date(const char *s)
{
    struct tm tm = {0};
    if (!s || strlen(s) != 10) return 0;
    const char *end = strptime(s, "%Y-%m-%d", &tm);
    return end && !*end;
}

int plan_is_mentor(const struct plan *p, int64_t user_id)
{
    for (size_t i = 0; i < p->nmentors; i++)
        if (p->mentors[i] == user_id) return 1;
    return 0;
}

static int by_id(const void *a, const void *b)
{
    int64_t x = ((const struct store_user *)a)->id, y = ((const struct store_user *)b)->id;
    return (x > y) - (x < y);
}

const struct store_user *plan_user_find(const struct store_user *users, size_t n, int64_t id)
{
    struct store_user key = {.id = id};
    return n ? bsearch(&key, users, n, sizeof *users, by_id) : NULL;
}

/* v->users are sorted by id (store_users_by_id): a name is a binary search, not a walk through
 * every user for each mentee and mentor of each plan. */
const struct store_user *plan_views_user(const struct plan_views *v, int64_t id)
{
    return plan_user_find(v->users, v->nusers, id);
}

/* The people the plans name, their mentees and mentors, and no one else: reading every user
 * (1 001 in the scale bench) for a dashboard of 200 mentees took a tenth of its time. */
static int load_users(struct server *srv, struct plan_views *v, char **err)
{
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) n += 1 + v->plans[i].nmentors;
    int64_t *ids = xcalloc(n ? n : 1, sizeof *ids), *at = ids;
    for (size_t i = 0; i < v->n; i++) {
        *at++ = v->plans[i].mentee_id;
        for (size_t j = 0; j < v->plans[i].nmentors; j++) *at++ = v->plans[i].mentors[j];
    }
    int status = store_users_by_id(srv->store, ids, n, &v->users, &v->nusers, err);
    free(ids);
    return status;
}

/* Keeps s (owned) for the life of v and returns it. */
static const char *keep(struct plan_views *v, char *s)
{
    v->strings = xrealloc(v->strings, (v->nstrings + 1) * sizeof *v->strings);
    v->strings[v->nstrings++] = s;
    return s;
}

static const char *name_of(struct plan_views *v, int64_t id)
{
    const struct store_user *u = plan_views_user(v, id);
    return u ? u->display_name : _("(removed user)");
}

static const char *mentor_names(struct plan_views *v, const struct plan *p)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < p->nmentors; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", name_of(v, p->mentors[i]));
    return keep(v, buf_detach(&b, NULL));
}

/* Module titles come from the catalog now (a renamed lesson shows its new title); the title
 * stored with the step is the fallback for a module that was removed. */
static void fill_titles(struct server *srv, struct plan_views *v)
{
    pthread_mutex_lock(&srv->lock);
    for (size_t i = 0; i < v->n; i++)
        for (size_t j = 0; j < v->views[i].nsteps; j++) {
            struct plan_view_step *s = &v->views[i].steps[j];
            const struct module *m = s->step->kind == PLAN_STEP_MODULE && srv->catalog
                                     ? catalog_find(srv->catalog, s->step->module_id) : NULL;
            s->title = m ? keep(v, xstrdup(m->title))
                         : *s->step->title ? s->step->title
                         : s->step->module_id ? s->step->module_id : "";
            s->lang = m ? keep(v, xstrdup(m->language)) : NULL;
        }
    pthread_mutex_unlock(&srv->lock);
}

/* One query for every module step of every plan. */
static int fill_states(struct server *srv, struct plan_views *v, char **err)
{
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) n += v->plans[i].nsteps;
    struct progress_pair *pairs = xcalloc(n ? n : 1, sizeof *pairs);
    struct plan_view_step **targets = xcalloc(n ? n : 1, sizeof *targets);
    enum progress_state *states = xcalloc(n ? n : 1, sizeof *states);
    const char *url = srv->cfg.public_url;
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const char *key = v->views[i].agent_key;
        for (size_t j = 0; j < v->views[i].nsteps; j++) {
            struct plan_view_step *s = &v->views[i].steps[j];
            if (s->step->kind != PLAN_STEP_MODULE || !key) continue;
            pairs[k].agent_key = key;
            pairs[k].activity = keep(v, progress_activity_iri(url, s->step->module_id));
            targets[k++] = s;
        }
    }
    int status = store_plan_progress(srv->store, pairs, k, states, err);
    for (size_t i = 0; status == STORE_OK && i < k; i++) targets[i]->state = states[i];
    free(pairs);
    free(targets);
    free(states);
    return status;
}

/* Days from day a to day b ("YYYY-MM-DD"), 0 when either is not a date. */
static int days_between(const char *a, const char *b)
{
    struct tm ta = {0}, tb = {0};
    const char *ea = strptime(a, "%Y-%m-%d", &ta), *eb = strptime(b, "%Y-%m-%d", &tb);
    if (!ea || *ea || !eb || *eb) return 0;
    return (int)((timegm(&tb) - timegm(&ta)) / 86400);
}

/* The day of each mentee's newest statement, with one query for all the plans. */
static int fill_last_activity(struct server *srv, struct plan_views *v, char **err)
{
    const char **keys = xcalloc(v->n ? v->n : 1, sizeof *keys);
    char (*stored)[32] = xcalloc(v->n ? v->n : 1, sizeof *stored);
    for (size_t i = 0; i < v->n; i++)
        keys[i] = v->views[i].agent_key ? v->views[i].agent_key : "";
    int status = store_plan_last_activity(srv->store, keys, v->n, stored, err);
    for (size_t i = 0; status == STORE_OK && i < v->n; i++)
        snprintf(v->views[i].last_activity, sizeof v->views[i].last_activity, "%.10s", stored[i]);
    free(keys);
    free(stored);
    return status;
}

static void summarize(struct plan_views *v, struct plan_view *pv)
{
    const struct plan *p = pv->plan;
    int all_before_done = 1;
    for (size_t j = 0; j < pv->nsteps; j++) {
        struct plan_view_step *s = &pv->steps[j];
        if (s->step->kind == PLAN_STEP_PRACTICAL)
            s->state = s->step->signed_off_by ? PROGRESS_COMPLETED : PROGRESS_NOT_STARTED;
        s->done = progress_is_done(s->state);
        pv->nwaiting += !p->finished && s->step->kind == PLAN_STEP_PRACTICAL && !s->done &&
                        all_before_done;
        all_before_done &= s->done;
        s->overdue = !p->finished && !s->done && *s->step->due &&
                     strcmp(s->step->due, v->today) < 0;
        pv->ndone += s->done;
        pv->noverdue += s->overdue;
        if (!s->done && !pv->next) pv->next = s;
        if (!s->done && !pv->next_lesson && s->step->kind == PLAN_STEP_MODULE)
            pv->next_lesson = s;
    }
    pv->percent = pv->nsteps ? pv->ndone * 100 / (int)pv->nsteps : 0;
    for (size_t j = 0; j < p->nevals && !p->finished && !pv->next_eval; j++)
        if (!*p->evals[j].held) pv->next_eval = &p->evals[j];
    if (pv->next_eval) pv->eval_days = days_between(v->today, pv->next_eval->scheduled);
}

/* Builds the views of v->plans (already loaded). */
static int build(struct server *srv, struct plan_views *v, char **err)
{
    plan_today(v->today);
    if (load_users(srv, v, err) != STORE_OK) return STORE_ERROR;
    v->views = xcalloc(v->n ? v->n : 1, sizeof *v->views);
    for (size_t i = 0; i < v->n; i++) {
        struct plan_view *pv = &v->views[i];
        const struct plan *p = &v->plans[i];
        pv->plan = p;
        const struct store_user *mentee = plan_views_user(v, p->mentee_id);
        pv->mentee_name = mentee ? mentee->display_name : _("(removed user)");
        pv->agent_key = mentee ? keep(v, progress_agent_key(srv->cfg.public_url, mentee->login))
                               : NULL;
        pv->mentor_names = mentor_names(v, p);
        pv->nsteps = p->nsteps;
        pv->steps = xcalloc(p->nsteps ? p->nsteps : 1, sizeof *pv->steps);
        for (size_t j = 0; j < p->nsteps; j++) pv->steps[j].step = &p->steps[j];
    }
    fill_titles(srv, v);
    if (fill_states(srv, v, err) != STORE_OK || fill_last_activity(srv, v, err) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < v->n; i++) summarize(v, &v->views[i]);
    return STORE_OK;
}

int plan_views_load(struct server *srv, enum plan_filter f, int64_t user_id,
                    struct plan_views *out, char **err)
{
    memset(out, 0, sizeof *out);
    int status = store_plan_list(srv->store, f, user_id, &out->plans, &out->n, err);
    if (status == STORE_OK) status = build(srv, out, err);
    return status;
}

int plan_views_load_one(struct server *srv, int64_t plan_id, struct plan_views *out, char **err)
{
    memset(out, 0, sizeof *out);
    struct plan p;
    int status = store_plan_get(srv->store, plan_id, &p, err);
    if (status != STORE_OK) return status;
    out->plans = xmalloc(sizeof *out->plans);
    out->plans[0] = p;
    out->n = 1;
    return build(srv, out, err);
}

void plan_views_free(struct plan_views *v)
{
    for (size_t i = 0; v->views && i < v->n; i++) free(v->views[i].steps);
    free(v->views);
    plans_free(v->plans, v->n);
    store_users_free(v->users, v->nusers);
    store_strings_free(v->strings, v->nstrings);
    memset(v, 0, sizeof *v);
}
