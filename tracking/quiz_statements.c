/* quiz_statements.c: builds the statements of a knowledge-check attempt with jansson. The
 * responses follow the cmi.interaction formats: choice ids joined by "[,]", "true"/"false",
 * and fill-in patterns marked {case_matters=false}, since answers are compared ignoring case. */
#include "tracking/quiz_statements.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/progress.h"

char *quiz_question_iri(const char *public_url, const char *module_id, const char *question_id)
{
    return xasprintf("%s/modules/%s/questions/%s", public_url, module_id, question_id);
}

char *quiz_plan_iri(const char *public_url, int64_t plan_id)
{
    return xasprintf("%s/plans/%lld", public_url, (long long)plan_id);
}

static json_t *lang_map(const struct module *m, const char *text)
{
    return json_pack("{s:s}", m->language, text);
}

static json_t *verb(const char *id)
{
    const char *slash = strrchr(id, '/');
    return json_pack("{s:s,s:{s:s}}", "id", id, "display", "en-US", slash ? slash + 1 : id);
}

/* A choice id: the option's number; true/false use the words xAPI expects. */
static void put_choice_id(struct buf *b, const struct question *q, size_t i)
{
    if (q->type == QUESTION_TRUE_FALSE) buf_puts(b, i == 0 ? "true" : "false");   /* True, False */
    else buf_printf(b, "%zu", i + 1);
}

/* The options in mask as a response: "1[,]3", or "true". */
static char *choice_response(const struct question *q, unsigned mask)
{
    struct buf b;
    buf_init(&b);
    const char *sep = "";
    for (size_t i = 0; i < q->noptions; i++) {
        if (!(mask & (1u << i))) continue;
        buf_puts(&b, sep);
        put_choice_id(&b, q, i);
        sep = "[,]";
    }
    char *s = buf_detach(&b, NULL);
    return s ? s : xstrdup("");
}

static json_t *correct_patterns(const struct question *q)
{
    json_t *patterns = json_array();
    if (q->type == QUESTION_FILL_IN) {
        for (size_t i = 0; i < q->nanswers; i++) {
            char *p = xasprintf("{case_matters=false}%s", q->answers[i]);
            json_array_append_new(patterns, json_string(p));
            free(p);
        }
        return patterns;
    }
    unsigned mask = 0;
    for (size_t i = 0; i < q->noptions; i++) mask |= (unsigned)q->options[i].correct << i;
    char *p = choice_response(q, mask);
    json_array_append_new(patterns, json_string(p));
    free(p);
    return patterns;
}

static json_t *interaction(const char *public_url, const struct module *m,
                           const struct question *q)
{
    json_t *def = json_pack("{s:o,s:s,s:s,s:o}", "name", lang_map(m, q->prompt),
                            "type", QUIZ_ACTIVITY_INTERACTION,
                            "interactionType", question_interaction_type(q),
                            "correctResponsesPattern", correct_patterns(q));
    if (q->type == QUESTION_SINGLE || q->type == QUESTION_MULTIPLE) {
        json_t *choices = json_array();
        for (size_t i = 0; i < q->noptions; i++) {
            char id[24];
            snprintf(id, sizeof id, "%zu", i + 1);
            json_array_append_new(choices, json_pack("{s:s,s:o}", "id", id, "description",
                                                     lang_map(m, q->options[i].text)));
        }
        json_object_set_new(def, "choices", choices);
    }
    char *iri = quiz_question_iri(public_url, m->id, q->id);
    json_t *object = json_pack("{s:s,s:s,s:o}", "objectType", "Activity", "id", iri,
                               "definition", def);
    free(iri);
    return object;
}

json_t *quiz_statements_questions(const char *public_url, const struct module *m,
                                  const struct quiz *q)
{
    json_t *all = json_array();
    for (size_t i = 0; i < q->n; i++)
        json_array_append_new(all, interaction(public_url, m, q->items[i]));
    return all;
}

static json_t *module_activity(const struct quiz_attempt *a)
{
    char *iri = progress_activity_iri(a->public_url, a->m->id);
    json_t *object = json_pack("{s:s,s:s,s:{s:o,s:s}}", "objectType", "Activity", "id", iri,
                               "definition", "name", lang_map(a->m, a->m->title),
                               "type", QUIZ_ACTIVITY_LESSON);
    free(iri);
    return object;
}

/* context: the registration, the level, and the plan (grouping) and the module (parent, for a
 * question) as context activities. */
static json_t *context(const struct quiz_attempt *a, int of_question)
{
    json_t *activities = json_object();
    if (of_question) {
        char *iri = progress_activity_iri(a->public_url, a->m->id);
        json_object_set_new(activities, "parent", json_pack("[{s:s}]", "id", iri));
        free(iri);
    }
    if (a->plan_id) {
        char *iri = quiz_plan_iri(a->public_url, a->plan_id);
        json_object_set_new(activities, "grouping", json_pack("[{s:s}]", "id", iri));
        free(iri);
    }
    char *level = xasprintf("%s" QUIZ_EXTENSION_LEVEL, a->public_url);
    json_t *ctx = json_pack("{s:s,s:s,s:s,s:{s:i}}", "registration", a->registration,
                            "platform", "Stepwise", "language", a->m->language,
                            "extensions", level, a->level);
    free(level);
    if (json_object_size(activities)) json_object_set_new(ctx, "contextActivities", activities);
    else json_decref(activities);
    return ctx;
}

/* The parts every statement of the attempt has in common, made once and shared by reference
 * (nothing changes a statement's parts once built: preparing copies what it changes). */
struct common {
    json_t *actor;
    json_t *answered;           /* the verb of the questions */
    json_t *of_question;        /* the context of a question, and of the module */
    json_t *of_module;
    json_t *module;             /* the module's Activity */
};

static json_t *statement(json_t *actor, json_t *verb, json_t *object, json_t *result,
                         json_t *context)
{
    return json_pack("{s:O,s:O,s:O,s:o,s:O}", "actor", actor, "verb", verb, "object", object,
                     "result", result, "context", context);
}

static json_t *answered(const struct quiz_attempt *a, const struct common *c, size_t i)
{
    const struct question *q = a->quiz->items[i];
    const struct quiz_answer *ans = &a->answers[i];
    json_t *response;
    if (q->type == QUESTION_FILL_IN) {
        response = json_string(quiz_answered(q, ans) ? ans->text : "");
    } else {
        char *r = choice_response(q, ans->chosen);
        response = json_string(r);
        free(r);
    }
    if (!response) return NULL;
    json_t *result = json_pack("{s:o,s:b}", "response", response, "success", quiz_is_right(q, ans));
    return statement(c->actor, c->answered, json_array_get(a->questions, i), result,
                     c->of_question);
}

static json_t *answers_and_outcome(const struct quiz_attempt *a, const struct common *c)
{
    json_t *all = json_array();
    for (size_t i = 0; i < a->quiz->n; i++) {
        json_t *st = answered(a, c, i);
        if (!st) {
            json_decref(all);
            return NULL;
        }
        json_array_append_new(all, st);
    }
    const struct quiz_score *s = a->score;
    json_t *result = json_pack("{s:{s:f,s:I,s:i,s:I},s:b}", "score", "scaled", s->scaled,
                               "raw", (json_int_t)s->right, "min", 0, "max", (json_int_t)s->total,
                               "success", s->passed);
    json_t *outcome = verb(s->passed ? PROGRESS_VERB_PASSED : PROGRESS_VERB_FAILED);
    json_array_append_new(all, statement(c->actor, outcome, c->module, result, c->of_module));
    json_decref(outcome);
    /* Only a passed check completes the module: a "completed" after a failure would mark the
     * plan step done (README, "Where progress comes from") although the check is not passed. */
    if (s->passed) {
        json_t *completed = verb(PROGRESS_VERB_COMPLETED);
        json_array_append_new(all, statement(c->actor, completed, c->module,
                                             json_pack("{s:b}", "completion", 1), c->of_module));
        json_decref(completed);
    }
    return all;
}

json_t *quiz_statements_build(const struct quiz_attempt *a)
{
    struct common c = {.actor = progress_agent(a->public_url, a->login),
                       .answered = verb(QUIZ_VERB_ANSWERED), .of_question = context(a, 1),
                       .of_module = context(a, 0), .module = module_activity(a)};
    json_t *all = answers_and_outcome(a, &c);
    json_decref(c.actor);
    json_decref(c.answered);
    json_decref(c.of_question);
    json_decref(c.of_module);
    json_decref(c.module);
    return all;
}
