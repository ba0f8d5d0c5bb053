/* mod_calendar.c: the calendar feed and its page (see mod_calendar.h). The feed's token is a
 * random 256-bit secret like a login card's: only its SHA-256 is stored, the address is shown
 * once when it is made, and it reads nothing but evaluation dates, goals and names. */
#include "server/mod_calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "player/i18n.h"
#include "player/page_plans.h"
#include "server/auth.h"
#include "server/ical.h"
#include "server/plan_request.h"
#include "server/plan_view.h"
#include "tracking/store_plans.h"

void mod_calendar_page(struct request *r)
{
    struct plan_ctx c;
    char *url = NULL, *err = NULL;
    if (!plan_ctx_begin(r, &c, "GET, HEAD, POST")) goto done;
    if (!strcmp(r->method, "POST")) {
        char token[64], hash[65];
        auth_random_token(token);
        auth_token_hash(token, hash);
        if (store_calendar_set(r->srv->store, c.u.id, hash, &err) != STORE_OK) {
            sodium_memzero(token, sizeof token);
            plan_server_error(r, err);
            goto done;
        }
        url = xasprintf("%s/calendar/%s.ics", r->srv->cfg.public_url, token);
        sodium_memzero(token, sizeof token);
    }
    size_t len;
    char *html = page_plans_calendar(&c.page, url, &len);
    plan_reply_html(r, MHD_HTTP_OK, html, len);
    reply_header(r, "Referrer-Policy", "no-referrer");
done:
    if (url) sodium_memzero(url, strlen(url));
    free(url);
    plan_ctx_free(&c);
}

/* The events of the evaluations of v's active plans for user_id; each event's uid, summary and
 * description are allocated (events_free). */
static void add_events(const struct server *srv, const struct plan_views *v, int64_t user_id,
                       struct ical_event **ev, size_t *n)
{
    const char *host = strstr(srv->cfg.public_url, "://");
    host = host ? host + 3 : srv->cfg.public_url;
    for (size_t i = 0; i < v->n; i++) {
        const struct plan *p = &v->plans[i];
        if (p->finished) continue;
        for (size_t j = 0; j < p->nevals; j++) {
            const struct plan_evaluation *e = &p->evals[j];
            *ev = xrealloc(*ev, (*n + 1) * sizeof **ev);
            char *uid = xasprintf("evaluation-%lld@%s", (long long)e->id, host);
            char *summary = p->mentee_id == user_id
                /* TRANSLATORS: an event in the mentee's agenda: %1$s the plan's goal. */
                ? xasprintf(_("Evaluation with your mentor: %1$s"), p->goal)
                /* TRANSLATORS: an event in the mentor's agenda: %1$s the mentee's name, %2$s the
                 * plan's goal. */
                : xasprintf(_("Evaluation with %1$s: %2$s"), v->views[i].mentee_name, p->goal);
            char *desc = xasprintf("%s/plans/%lld/evaluations/%lld", srv->cfg.public_url,
                                   (long long)p->id, (long long)e->id);
            (*ev)[(*n)++] = (struct ical_event){uid, e->held[0] ? e->held : e->scheduled,
                                                summary, desc};
        }
    }
}

/* An agenda app fetches the feed without signing in: its events are in the language set on the
 * account of the calendar's owner (when it is one of the built-in ones). The caller sets the
 * request's language back afterwards: the thread answers other requests next. */
static void use_account_language(struct server *srv, int64_t user_id)
{
    struct store_user u = {0};
    char *err = NULL;
    if (store_user_get(srv->store, user_id, &u, &err) == STORE_OK && u.language &&
        i18n_find(u.language))
        i18n_use(i18n_find(u.language));
    free(err);
    store_user_clear(&u);
}

static void events_free(struct ical_event *ev, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)ev[i].uid), free((char *)ev[i].summary), free((char *)ev[i].description);
    free(ev);
}

void mod_calendar_feed(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    const char *token = r->path + strlen("/calendar/");
    size_t n = strlen(token);
    char hash[65], *err = NULL;
    int64_t user = 0;
    struct plan_views mine = {0}, mentored = {0};
    struct ical_event *ev = NULL;
    size_t nev = 0;
    int st = STORE_NOT_FOUND;
    const struct i18n_lang *request_lang = i18n_current();
    if (n > 4 && !strcmp(token + n - 4, ".ics")) {
        char *t = xstrndup(token, n - 4);
        auth_token_hash(t, hash);
        free(t);
        st = store_calendar_find(r->srv->store, hash, &user, &err);
    }
    if (st == STORE_NOT_FOUND) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("No such calendar"),
                         _("This calendar address does not work any more. Make a new one on the "
                         "agenda page of Stepwise."));
        goto done;
    }
    if (st != STORE_OK ||
        plan_views_load(r->srv, PLAN_LIST_MENTEE, user, &mine, &err) != STORE_OK ||
        plan_views_load(r->srv, PLAN_LIST_MENTOR, user, &mentored, &err) != STORE_OK) {
        plan_server_error(r, err);
        goto done;
    }
    use_account_language(r->srv, user);
    add_events(r->srv, &mine, user, &ev, &nev);
    add_events(r->srv, &mentored, user, &ev, &nev);
    char stamp[17];
    time_t now = time(NULL);
    struct tm tm;
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", gmtime_r(&now, &tm));
    size_t len;
    char *ics = ical_calendar(_("Stepwise evaluations"), ev, nev, stamp, &len);
    reply_private(r, MHD_HTTP_OK, "text/calendar; charset=utf-8", ics, len);
    reply_header(r, "Referrer-Policy", "no-referrer");
done:
    i18n_use(request_lang);
    events_free(ev, nev);
    plan_views_free(&mine);
    plan_views_free(&mentored);
}
