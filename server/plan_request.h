/* plan_request.h: what the plan routes (mod_plans.c, mod_plans_plan.c) share about a request:
 * the signed-in user, the CSRF-checked form and its fields, the replies they give (pages,
 * redirects, friendly errors) and the modules a step can use. */
#ifndef STEPWISE_PLAN_REQUEST_H
#define STEPWISE_PLAN_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "player/page_plans.h"
#include "server/auth.h"
#include "server/form.h"
#include "server/http.h"
#include "server/server.h"
#include "tracking/store_plans.h"

#define PLAN_MAX_FIELDS 256     /* form fields read at most */
#define PLAN_MAX_GOAL 300       /* characters of a goal or task */
#define PLAN_MAX_TEXT 4000      /* characters of notes and reflections */

/* One request's user, page context and form (owned; plan_ctx_free). */
struct plan_ctx {
    struct request *r;
    struct user u;
    struct plan_page_ctx page;
    struct plan_actor actor;
    struct form form;
    char today[11];
};

/* Method, sign-in and, for POST, the form and its CSRF token. Returns 1 to go on; 0 when an
 * answer was given (405, redirect to sign in, 400, 403). Call plan_ctx_free either way. */
int plan_ctx_begin(struct request *r, struct plan_ctx *c, const char *methods);
void plan_ctx_free(struct plan_ctx *c);
/* 1 when the user has the mentor permission; otherwise answers 403 (a page that says how to
 * get it) and returns 0. */
int plan_require_mentor(struct plan_ctx *c);
/* The form's value of name, or "" (never NULL). */
const char *plan_field(const struct plan_ctx *c, const char *name);
/* A positive id of digits only from the start of *p (advanced past it); 0 when none. */
int64_t plan_parse_id(const char **p);
/* The form field as an id (0 when it is not one), or as an integer in [min, max] (else
 * fallback). */
int64_t plan_field_id(const struct plan_ctx *c, const char *name);
int plan_field_int(const struct plan_ctx *c, const char *name, int min, int max, int fallback);

/* Replies. html is taken over. Plan pages are personal: never cached by others. */
void plan_reply_html(struct request *r, int status, char *html, size_t len);
/* 303 to /plans/<id><suffix>. */
void plan_redirect_to(struct request *r, int64_t id, const char *suffix);
/* Logs err (freed) and answers 500 with a friendly page. */
void plan_server_error(struct request *r, char *err);
void plan_forbidden(struct request *r);
void plan_not_found(struct request *r, const char *what);
void plan_bad_input(struct request *r, const char *message);

/* The catalog's modules as choices (strings owned; free with plan_modules_free). */
struct plan_choice *plan_modules_load(struct server *srv, size_t *n);
void plan_modules_free(struct plan_choice *list, size_t n);
/* Fills a module step from the form fields module, level and due (strings borrowed from mods).
 * Returns NULL, or what to fix in plain words. */
const char *plan_module_step_from_form(const struct plan_ctx *c, const struct plan_choice *mods,
                                       size_t nmods, struct plan_step *st);

#endif
