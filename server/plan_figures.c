/* plan_figures.c: a lesson step's figures for the mentor, from the mentee's statements: the
 * score of the newest passed or failed statement about the module, the time spent (each visit,
 * one registration, from its first to its last statement; added up), and whether a video or
 * podcast of the module (an Activity under <module>/media/) was completed, which the player
 * sends only when the played segments reach the completion threshold (media.js). */
#include "server/plan_figures.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tracking/progress.h"

/* One visit: a registration and the span of its statements' timestamps. */
struct visit {
    const char *registration;
    time_t first, last;
};

static time_t parse_time(const char *iso)
{
    struct tm tm = {0};
    const char *end = iso ? strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
    return end ? timegm(&tm) : 0;
}

static void note_visit(struct visit *visits, size_t *n, const char *registration, time_t at)
{
    size_t i = 0;
    while (i < *n && strcmp(visits[i].registration, registration)) i++;
    if (i == *n) visits[(*n)++] = (struct visit){registration, at, at};
    if (at < visits[i].first) visits[i].first = at;
    if (at > visits[i].last) visits[i].last = at;
}

static int is_verb(const json_t *stmt, const char *verb)
{
    const char *id = json_string_value(json_object_get(json_object_get(stmt, "verb"), "id"));
    return id && !strcmp(id, verb);
}

void plan_figures_from(struct plan_step_figures *f, const char *module_iri, char **json, size_t n)
{
    struct visit *visits = xcalloc(n ? n : 1, sizeof *visits);
    json_t **stmts = xcalloc(n ? n : 1, sizeof *stmts);
    size_t nvisits = 0, media_len = strlen(module_iri);
    char newest[32] = "";
    for (size_t i = 0; i < n; i++) {
        json_t *s = stmts[i] = json_loads(json[i], 0, NULL);
        const char *object = json_string_value(json_object_get(json_object_get(s, "object"), "id"));
        const char *at = json_string_value(json_object_get(s, "timestamp"));
        const json_t *ctx = json_object_get(s, "context");
        const char *reg = json_string_value(json_object_get(ctx, "registration"));
        if (!object || !at) continue;
        if (reg) note_visit(visits, &nvisits, reg, parse_time(at));
        if (!strncmp(object, module_iri, media_len) && !strncmp(object + media_len, "/media/", 7) &&
            is_verb(s, PROGRESS_VERB_COMPLETED))
            f->media_watched = 1;
        const json_t *scaled = json_object_get(json_object_get(json_object_get(s, "result"),
                                                               "score"), "scaled");
        if (strcmp(object, module_iri) || !json_is_number(scaled) || strcmp(at, newest) <= 0 ||
            !(is_verb(s, PROGRESS_VERB_PASSED) || is_verb(s, PROGRESS_VERB_FAILED)))
            continue;
        snprintf(newest, sizeof newest, "%s", at);
        f->has_score = 1;
        f->score_percent = (int)(json_number_value(scaled) * 100 + 0.5);
    }
    for (size_t i = 0; i < nvisits; i++) f->seconds += (long)(visits[i].last - visits[i].first);
    for (size_t i = 0; i < n; i++) json_decref(stmts[i]);
    free(stmts);
    free(visits);
}

/* 1 when the module's text has a video or podcast. */
static int module_has_media(struct server *srv, const char *module_id)
{
    pthread_mutex_lock(&srv->lock);
    const struct module *m = srv->catalog ? catalog_find(srv->catalog, module_id) : NULL;
    int has = m && m->markdown && (strstr(m->markdown, "```video") || strstr(m->markdown, "```audio"));
    pthread_mutex_unlock(&srv->lock);
    return has;
}

int plan_figures_fill(struct server *srv, struct plan_views *v, char **err)
{
    const char *url = srv->cfg.public_url;
    for (size_t i = 0; i < v->n; i++) {
        const struct store_user *mentee = plan_views_user(v, v->plans[i].mentee_id);
        if (!mentee) continue;
        char *key = progress_agent_key(url, mentee->login);
        for (size_t j = 0; j < v->views[i].nsteps; j++) {
            struct plan_view_step *s = &v->views[i].steps[j];
            if (s->step->kind != PLAN_STEP_MODULE) continue;
            char *iri = progress_activity_iri(url, s->step->module_id);
            struct store_query q = {.agent = key, .activity = iri, .related_activities = 1,
                                    .limit = PLAN_FIGURES_STATEMENTS};
            struct store_result res = {0};
            int status = store_statements_query(srv->store, &q, &res, err);
            if (status == STORE_OK) plan_figures_from(&s->figures, iri, res.json, res.n);
            s->figures.has_media = module_has_media(srv, s->step->module_id);
            store_result_clear(&res);
            free(iri);
            if (status != STORE_OK) {
                free(key);
                return status;
            }
        }
        free(key);
    }
    return STORE_OK;
}
