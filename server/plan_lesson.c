/* plan_lesson.c: the plan box of a lesson page and the catalogue's marks (plan_lesson.h), read
 * from the mentee's plans and the statements about them (store_plan_progress), never from a
 * second store. */
#include "server/plan_lesson.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "server/auth.h"
#include "server/buf.h"
#include "server/server.h"
#include "tracking/progress.h"
#include "tracking/store_plans.h"

static void log_failure(char *err)
{
    fprintf(stderr, "stepwise: plans: %s\n", err ? err : "database failure");
    free(err);
}

/* The state of module_id for login, or -1 when the database fails. */
static int state_of(struct request *r, const char *login, const char *module_id)
{
    char *key = progress_agent_key(r->srv->cfg.public_url, login);
    char *iri = progress_activity_iri(r->srv->cfg.public_url, module_id);
    struct progress_pair pair = {key, iri};
    enum progress_state state = PROGRESS_NOT_STARTED;
    char *err = NULL;
    int status = store_plan_progress(r->srv->store, &pair, 1, &state, &err);
    free(key);
    free(iri);
    if (status == STORE_OK) return (int)state;
    log_failure(err);
    return -1;
}

static void put_done_form(struct buf *b, struct request *r, const struct plan_step *st)
{
    buf_printf(b, "<form method=\"post\" action=\"/plan/steps/%lld/done\"><input type=\"hidden\" "
                  "name=\"csrf\" value=\"", (long long)st->id);
    buf_put_html(b, auth_csrf_token(r) ? auth_csrf_token(r) : "");
    buf_printf(b, "\"><button type=\"submit\" class=\"big\">%s</button></form>",
               _("I finished this lesson"));
}

static void put_done_note(struct buf *b)
{
    buf_printf(b, "<p class=\"notice\">%s <a href=\"/plan\">%s</a></p>",
               _("You finished this lesson."), _("Back to my plan"));
}

void plan_lesson_boxes(struct request *r, const char *module_id, const char *title, char **top,
                       char **end)
{
    *top = *end = NULL;
    struct user u;
    if (!auth_user(r, &u)) return;
    struct plan *plans = NULL;
    size_t n = 0;
    char *err = NULL;
    if (store_plan_list(r->srv->store, PLAN_LIST_MENTEE, u.id, &plans, &n, &err) != STORE_OK) {
        log_failure(err);
        goto done;
    }
    const struct plan *plan = NULL;
    const struct plan_step *st = NULL;
    for (size_t i = 0; i < n && !st; i++)
        for (size_t j = 0; j < plans[i].nsteps && !plans[i].finished && !st; j++)
            if (plans[i].steps[j].kind == PLAN_STEP_MODULE &&
                !strcmp(plans[i].steps[j].module_id, module_id)) {
                plan = &plans[i];
                st = &plans[i].steps[j];
            }
    if (!st) goto done;
    int state = state_of(r, u.login, module_id);
    if (state < 0) goto done;
    if (state == PROGRESS_NOT_STARTED && !strcmp(r->method, "GET")) {
        if (progress_record(r->srv->store, r->srv->cfg.public_url, u.login,
                            PROGRESS_VERB_ATTEMPTED, module_id, title, &err) == 0)
            state = PROGRESS_IN_PROGRESS;
        else log_failure(err);
    }
    int finished = progress_is_done((enum progress_state)state);
    struct buf b;
    buf_init(&b);
    buf_printf(&b, "<section class=\"plan-step\" aria-labelledby=\"plan-step-h\"><h2 "
                   "id=\"plan-step-h\">%s</h2><p>", _("Your plan"));
    buf_printf(&b, _("This lesson is step %d of %zu in your plan."), st->position, plan->nsteps);
    buf_printf(&b, " <span class=\"state %s\">%s</span></p>", progress_token(state),
               progress_label(state));
    if (finished) put_done_note(&b);
    else put_done_form(&b, r, st);
    buf_puts(&b, "</section>\n");
    *top = buf_detach(&b, NULL);
    buf_init(&b);
    buf_printf(&b, "<section class=\"plan-step\" aria-labelledby=\"plan-end-h\"><h2 "
                   "id=\"plan-end-h\">%s</h2>", _("End of the lesson"));
    if (finished) put_done_note(&b);
    else put_done_form(&b, r, st);
    buf_puts(&b, "</section>\n");
    *end = buf_detach(&b, NULL);
done:
    plans_free(plans, n);
    user_clear(&u);
}

struct catalogue_mark *plan_lesson_marks(struct request *r, const char *const *ids, size_t n,
                                         size_t *nmarks)
{
    *nmarks = 0;
    struct user u;
    if (!n || !auth_user(r, &u)) return NULL;
    struct plan *plans = NULL;
    size_t nplans = 0;
    char *err = NULL;
    struct catalogue_mark *marks = NULL;
    struct progress_pair *pairs = xcalloc(n, sizeof *pairs);
    enum progress_state *states = xcalloc(n, sizeof *states);
    char *key = progress_agent_key(r->srv->cfg.public_url, u.login);
    for (size_t i = 0; i < n; i++)
        pairs[i] = (struct progress_pair){key, progress_activity_iri(r->srv->cfg.public_url, ids[i])};
    if (store_plan_list(r->srv->store, PLAN_LIST_MENTEE, u.id, &plans, &nplans, &err) != STORE_OK ||
        store_plan_progress(r->srv->store, pairs, n, states, &err) != STORE_OK) {
        log_failure(err);
        goto done;
    }
    marks = xcalloc(n, sizeof *marks);
    for (size_t i = 0; i < n; i++) {
        int in_plan = 0;
        for (size_t p = 0; p < nplans && !in_plan; p++)
            for (size_t j = 0; j < plans[p].nsteps && !plans[p].finished && !in_plan; j++)
                in_plan = plans[p].steps[j].kind == PLAN_STEP_MODULE &&
                          !strcmp(plans[p].steps[j].module_id, ids[i]);
        if (in_plan || states[i] != PROGRESS_NOT_STARTED)
            marks[(*nmarks)++] = (struct catalogue_mark){ids[i], in_plan, (int)states[i]};
    }
    if (!*nmarks) {
        free(marks);
        marks = NULL;
    }
done:
    for (size_t i = 0; i < n; i++) free((char *)pairs[i].activity);
    free(pairs);
    free(states);
    free(key);
    plans_free(plans, nplans);
    user_clear(&u);
    return marks;
}
