/* mod_check.c: scores a level's answers in one pass over the form fields, bounded before the
 * form is read by the largest body that level's own form can send, against the level's
 * questions as parsed once (server/quiz_cache.c), and stores the attempt's statements (one
 * registration) in one batch before the feedback page is sent. */
#include "server/mod_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/page_check.h"
#include "server/auth.h"
#include "server/form_request.h"
#include "server/quiz_cache.h"
#include "server/server.h"
#include "tracking/progress.h"
#include "tracking/quiz_statements.h"
#include "tracking/statements.h"
#include "tracking/store_plans.h"

#define HTML "text/html; charset=utf-8"
#define FORM_OVERHEAD 512       /* the csrf field and what a browser may add */

struct answering {
    struct request *r;
    struct user u;
    const struct quiz *quiz;    /* the cached questions: used only under the server lock */
    const json_t *questions;    /* and their Activities (quiz_cache_questions) */
    struct quiz_answer *answers;
    struct form form;
    int status;                 /* an error to answer, or 0 */
    const char *title, *message;
    char *html;                 /* the feedback page */
    size_t len;
    json_t *statements;
};

static void fail(struct answering *a, int status, const char *title, const char *message)
{
    a->status = status;
    a->title = title;
    a->message = message;
}

/* The largest body the level's form sends: every option of every question ticked, every
 * fill-in at its longest with every byte percent-encoded. */
static size_t max_body(const struct quiz *q, size_t *max_fields)
{
    size_t bytes = FORM_OVERHEAD;
    *max_fields = 4;
    for (size_t i = 0; i < q->n; i++) {
        const struct question *x = q->items[i];
        size_t name = strlen("&q-=") + strlen(x->id);
        size_t values = x->type == QUESTION_FILL_IN ? 1 : x->noptions;
        bytes += x->type == QUESTION_FILL_IN ? name + 3 * QUESTION_MAX_RESPONSE_BYTES
                                             : values * (name + 2);
        *max_fields += values;
    }
    return bytes;
}

int64_t mod_check_plan_of(struct request *r, int64_t user_id, const char *module_id)
{
    char *err = NULL;
    int64_t id = 0;
    if (store_plan_open_with_module(r->srv->store, user_id, module_id, &id, &err) != STORE_OK) {
        fprintf(stderr, "stepwise: check: %s\n", err ? err : "database failure");
        free(err);
        return 0;
    }
    return id;
}

static int question_index(const struct quiz *q, const char *id)
{
    for (size_t i = 0; i < q->n; i++)
        if (!strcmp(q->items[i]->id, id)) return (int)i;
    return -1;
}

/* Reads one "q-<id>" field into its answer; -1 when it cannot come from the level's form. */
static int read_field(struct answering *a, const char *name, const char *value)
{
    int i = question_index(a->quiz, name + 2);
    if (i < 0) return -1;
    const struct question *q = a->quiz->items[i];
    struct quiz_answer *ans = &a->answers[i];
    if (q->type == QUESTION_FILL_IN) {
        size_t n = strlen(value);
        json_t *utf8 = n <= QUESTION_MAX_RESPONSE_BYTES ? json_stringn(value, n) : NULL;
        json_decref(utf8);
        if (!utf8 || ans->text) return -1;
        ans->text = value;
        return 0;
    }
    char *end;
    long k = strtol(value, &end, 10);
    if (*end || end == value || k < 1 || (size_t)k > q->noptions) return -1;
    unsigned bit = 1u << (k - 1);
    if (q->type != QUESTION_MULTIPLE && ans->chosen && ans->chosen != bit) return -1;
    ans->chosen |= bit;
    return 0;
}

static void read_answers(struct answering *a)
{
    a->answers = xcalloc(a->quiz->n, sizeof *a->answers);
    for (size_t i = 0; i < a->form.n; i++) {
        if (strncmp(a->form.names[i], "q-", 2)) continue;     /* csrf, a button's name */
        if (read_field(a, a->form.names[i], a->form.values[i]) < 0) {
            fail(a, MHD_HTTP_BAD_REQUEST, _("These answers do not fit"),
                 _("These answers do not fit the questions of this lesson. The lesson may have "
                 "changed. Open the lesson again and answer the questions."));
            return;
        }
    }
}

/* 1 when the request head or the body is over what the form can send. */
static int too_large(struct request *r, size_t max)
{
    const char *cl = request_header(r, "Content-Length");
    char *end;
    unsigned long long n = cl ? strtoull(cl, &end, 10) : 0;
    return (cl && (*end || n > max)) || r->body.len > max;
}

/* Scores the answers and builds the statements and the feedback page; the caller holds the
 * server lock, which guards m. */
static void score(struct answering *a, const struct module *m, int level, int64_t plan_id)
{
    size_t max_fields, max = max_body(a->quiz, &max_fields);
    if (too_large(a->r, max)) {
        fail(a, MHD_HTTP_CONTENT_TOO_LARGE, _("Too much data"),
             _("This is more than the answers to these questions can be. Open the lesson again "
             "and answer the questions."));
        return;
    }
    /* A malformed form or a field that is not UTF-8 is answered there (400, naming it). */
    if (form_request_read(a->r, max_fields, &a->form) < 0) return;
    if (!auth_check_csrf(a->r, form_get(&a->form, "csrf"))) return;
    read_answers(a);
    if (a->status) return;
    struct quiz_score s;
    quiz_score(a->quiz, a->answers, m->mastery, &s);
    char registration[37];
    statements_uuid7(registration);     /* time-ordered: one attempt's index entries side by side */
    struct quiz_attempt at = {.public_url = a->r->srv->cfg.public_url, .login = a->u.login, .m = m,
                              .level = level, .plan_id = plan_id, .registration = registration,
                              .quiz = a->quiz, .questions = a->questions, .answers = a->answers,
                              .score = &s};
    a->statements = quiz_statements_build(&at);
    struct page_check_result p = {.m = m, .level = level, .quiz = a->quiz,
                                  .answers = a->answers, .score = &s, .in_plan = plan_id != 0};
    a->html = page_check_result(&p, auth_viewer(a->r), &a->len);
}

static void find_and_score(struct answering *a, const char *id, int level, int64_t plan_id)
{
    struct server *srv = a->r->srv;
    pthread_mutex_lock(&srv->lock);
    const struct module *m = server_module_fresh(srv, id);
    if (m && module_has_level(m, level)) {
        a->quiz = quiz_cache_get(srv->quizzes, m, level);
        a->questions = quiz_cache_questions(srv->quizzes, m, level);
    }
    if (!a->quiz || !a->quiz->n)
        fail(a, MHD_HTTP_NOT_FOUND, _("No questions here"),
             _("This lesson has no questions at this level. Go back to the lesson."));
    else
        score(a, m, level, plan_id);
    pthread_mutex_unlock(&srv->lock);
}

static int query_level(struct request *r)
{
    const char *v = request_query(r, "level");
    return v && v[0] >= '0' + MODULE_MIN_LEVEL && v[0] <= '0' + MODULE_MAX_LEVEL && !v[1]
           ? v[0] - '0' : 0;
}

void mod_check_answers(struct request *r, const char *id)
{
    struct answering a = {.r = r};
    char *err = NULL;
    if (!request_allow(r, "POST")) return;
    if (!auth_user(r, &a.u)) {
        struct buf loc;
        buf_init(&loc);
        buf_puts(&loc, "/login?next=/modules/");
        buf_put_url_segment(&loc, id);
        reply_redirect(r, loc.data);
        buf_free(&loc);
        return;
    }
    int level = query_level(r);
    int64_t plan_id = level ? mod_check_plan_of(r, a.u.id, id) : 0;   /* the database: before the lock */
    if (level) find_and_score(&a, id, level, plan_id);
    else fail(&a, MHD_HTTP_NOT_FOUND, _("No questions here"), _("This address names no level of the "
              "lesson. Go back to the lesson."));
    if (r->response) goto done;                         /* the CSRF check answered */
    if (a.status) {
        reply_error_page(r, a.status, a.title, a.message);
        goto done;
    }
    if (!a.statements ||
        progress_store(r->srv->store, r->srv->cfg.public_url, a.statements, &err) < 0) {
        fprintf(stderr, "stepwise: check: %s\n", err ? err : "the statements could not be built");
        reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                         _("Your answers could not be saved. Please try again in a moment."));
        goto done;
    }
    reply_private(r, MHD_HTTP_OK, HTML, a.html, a.len);
    a.html = NULL;
done:
    free(err);
    free(a.html);
    json_decref(a.statements);
    form_free(&a.form);
    free(a.answers);
    user_clear(&a.u);
}
