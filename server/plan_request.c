/* plan_request.c: the request helpers of the plan routes (see plan_request.h). */
#include "server/plan_request.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "server/form_request.h"
#include "server/plan_view.h"

#define HTML "text/html; charset=utf-8"

void plan_ctx_free(struct plan_ctx *c)
{
    user_clear(&c->u);
    form_free(&c->form);
}

/* Method, sign-in and (for POST) form and CSRF token. Returns 1 to go on; 0 when an answer was
 * given. */
int plan_ctx_begin(struct request *r, struct plan_ctx *c, const char *methods)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    if (!request_allow(r, methods) || !auth_require(r, &c->u)) return 0;
    plan_today(c->today);
    c->page = (struct plan_page_ctx){auth_viewer(r), auth_csrf_token(r), c->u.id, c->today};
    c->actor = (struct plan_actor){c->u.id, c->u.display_name};
    if (strcmp(r->method, "POST")) return 1;
    if (form_request_read(r, PLAN_MAX_FIELDS, &c->form) < 0) return 0;
    return auth_check_csrf(r, form_get(&c->form, "csrf"));
}

int plan_require_mentor(struct plan_ctx *c)
{
    if (c->u.roles & ROLE_MENTOR) return 1;
    reply_error_page(c->r, MHD_HTTP_FORBIDDEN, _("Only for mentors"),
                     _("Only mentors can open this page. A coordinator or an admin can make you a "
                     "mentor."));
    return 0;
}

const char *plan_field(const struct plan_ctx *c, const char *name)
{
    const char *v = form_get(&c->form, name);
    return v ? v : "";
}

void plan_reply_html(struct request *r, int status, char *html, size_t len)
{
    reply_private(r, status, HTML, html, len);
}

void plan_redirect_to(struct request *r, int64_t id, const char *suffix)
{
    char *loc = xasprintf("/plans/%lld%s", (long long)id, suffix);
    reply_redirect(r, loc);
    free(loc);
}

void plan_server_error(struct request *r, char *err)
{
    fprintf(stderr, "stepwise: plans: %s\n", err ? err : "database failure");
    free(err);
    reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                     _("The plan could not be read or saved. Try again in a minute."));
}

void plan_forbidden(struct request *r)
{
    reply_error_page(r, MHD_HTTP_FORBIDDEN, _("Not your plan"),
                     _("You can only open your own plans and the plans you mentor. "
                     "Ask your mentor if you think this is wrong."));
}

void plan_not_found(struct request *r, const char *what)
{
    reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Not found"), what);
}

void plan_bad_input(struct request *r, const char *message)
{
    reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Please check the form"), message);
}

/* A positive id from the start of *p (digits only); advances *p. 0 when there is none. */
int64_t plan_parse_id(const char **p)
{
    int64_t v = 0;
    const char *s = *p;
    while (*s >= '0' && *s <= '9' && v < (INT64_MAX - 9) / 10) v = v * 10 + (*s++ - '0');
    if (s == *p || (*s >= '0' && *s <= '9')) return 0;
    *p = s;
    return v;
}

int64_t plan_field_id(const struct plan_ctx *c, const char *name)
{
    const char *v = plan_field(c, name), *p = v;
    int64_t id = plan_parse_id(&p);
    return *p ? 0 : id;
}

/* An integer field in [min, max], or fallback when absent or out of range. */
int plan_field_int(const struct plan_ctx *c, const char *name, int min, int max, int fallback)
{
    const char *v = plan_field(c, name);
    char *end;
    long n = strtol(v, &end, 10);
    return *v && !*end && n >= min && n <= max ? (int)n : fallback;
}

/* --- modules --------------------------------------------------------------------------- */

/* The catalog's modules as choices (strings owned: free with plan_modules_free). */
struct plan_choice *plan_modules_load(struct server *srv, size_t *n)
{
    pthread_mutex_lock(&srv->lock);
    size_t count = srv->catalog ? srv->catalog->len : 0;
    struct plan_choice *list = xcalloc(count ? count : 1, sizeof *list);
    for (size_t i = 0; i < count; i++) {
        const struct module *m = srv->catalog->modules[i];
        list[i].key = xstrdup(m->id);
        list[i].label = xstrdup(m->title);
        list[i].levels = m->levels;
        list[i].lang = xstrdup(m->language);
    }
    pthread_mutex_unlock(&srv->lock);
    *n = count;
    return list;
}

void plan_modules_free(struct plan_choice *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free((char *)list[i].key), free((char *)list[i].label), free((char *)list[i].lang);
    free(list);
}

static const struct plan_choice *find_module(const struct plan_choice *list, size_t n,
                                             const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i].key, id)) return &list[i];
    return NULL;
}

/* Fills a module step from the form (module, level, due); NULL, or what to fix. */
const char *plan_module_step_from_form(const struct plan_ctx *c, const struct plan_choice *mods,
                                         size_t nmods, struct plan_step *st)
{
    const struct plan_choice *m = find_module(mods, nmods, plan_field(c, "module"));
    if (!m) return _("Choose a lesson from the list.");
    int level = plan_field_int(c, "level", 1, 3, 0);
    if (!level || !(m->levels & (1u << level)))
        return _("This lesson does not have that level. Choose another level.");
    const char *due = plan_field(c, "due");
    if (*due && !plan_is_date(due)) return _("Write the due date as a date, or leave it empty.");
    *st = (struct plan_step){.kind = PLAN_STEP_MODULE, .module_id = (char *)m->key,
                             .level = level, .title = (char *)m->label};
    snprintf(st->due, sizeof st->due, "%s", due);
    return NULL;
}
