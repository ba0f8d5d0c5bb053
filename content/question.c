/* question.c: reads a ```question block with libyaml's document loader and checks it key by key;
 * libyaml's 0-based marks are mapped to lines and columns of the module file, so every error
 * points at the place to fix. */
#include "content/question.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "content/frontmatter.h"
#include "server/buf.h"

struct qp {
    struct question *q;
    yaml_document_t *doc;
    const char *file;
    int first_line;         /* file line of the block's first YAML line */
    int indent;
    struct diag_list *diags;
    int errors;
};

static void qp_error(struct qp *p, const yaml_mark_t *mark, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void qp_error(struct qp *p, const yaml_mark_t *mark, const char *fmt, ...)
{
    int line = mark ? p->first_line + (int)mark->line : p->first_line - 1;
    int column = mark ? (int)mark->column + 1 + p->indent : 1 + p->indent;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(p->diags, DIAG_ERROR, p->file, line, column, fmt, ap);
    va_end(ap);
    p->errors++;
}

/* "option 3" as a phrase worded when shown (player/i18n_msg.h), into out. */
static void numbered(char *out, size_t size, const char *msgid, size_t n)
{
    char *phrase = i18n_msg_phrase(msgid, n);
    snprintf(out, size, "%s", phrase);
    free(phrase);
}

int question_is_block(const char *info)
{
    size_t n = strcspn(info, " \t");
    return n == 8 && memcmp(info, "question", 8) == 0;
}

const char *question_interaction_type(const struct question *q)
{
    return q->type == QUESTION_TRUE_FALSE ? "true-false" : q->type == QUESTION_FILL_IN ? "fill-in"
                                                                                       : "choice";
}

void question_free(struct question *q)
{
    if (!q) return;
    free(q->id);
    free(q->prompt);
    free(q->hint);
    for (size_t i = 0; i < q->noptions; i++) {
        free(q->options[i].text);
        free(q->options[i].feedback);
    }
    for (size_t i = 0; i < q->nanswers; i++) free(q->answers[i]);
    free(q->feedback_right);
    free(q->feedback_wrong);
    free(q);
}

static yaml_node_t *node(struct qp *p, int index)
{
    return yaml_document_get_node(p->doc, index);
}

static const char *scalar(const yaml_node_t *n)
{
    return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* A copy of a text value, or NULL after an error. */
static char *text_value(struct qp *p, const char *what, const yaml_node_t *v)
{
    const char *s = scalar(v);
    if (!s) {
        qp_error(p, &v->start_mark, "%s must be text, not a list or a mapping", what);
        return NULL;
    }
    if (!*s) {
        qp_error(p, &v->start_mark, "%s is empty: write it after the colon", what);
        return NULL;
    }
    if (strlen(s) > QUESTION_MAX_TEXT) {
        qp_error(p, &v->start_mark, "%s is %zu characters long: keep it under %d", what,
                 strlen(s), QUESTION_MAX_TEXT);
        return NULL;
    }
    return xstrdup(s);
}

/* 1 (true, yes), 0 (false, no) or -1 for anything else. */
static int bool_value(const yaml_node_t *v)
{
    const char *s = scalar(v);
    if (!s || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return -1;
    if (!strcasecmp(s, "true") || !strcasecmp(s, "yes")) return 1;
    if (!strcasecmp(s, "false") || !strcasecmp(s, "no")) return 0;
    return -1;
}

/* The value of key in mapping m, or NULL. */
static yaml_node_t *get(struct qp *p, const yaml_node_t *m, const char *key)
{
    const yaml_node_pair_t *end = m->data.mapping.pairs.top;
    for (const yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < end; pr++) {
        const char *k = scalar(node(p, pr->key));
        if (k && !strcmp(k, key)) return node(p, pr->value);
    }
    return NULL;
}

/* Reports keys of mapping m that are not in allowed (NULL-ended; hint lists them in words)
 * and keys given twice. */
static void check_keys(struct qp *p, const yaml_node_t *m, const char *const *allowed,
                       const char *where, const char *hint)
{
    const yaml_node_pair_t *end = m->data.mapping.pairs.top;
    for (const yaml_node_pair_t *pr = m->data.mapping.pairs.start; pr < end; pr++) {
        yaml_node_t *kn = node(p, pr->key);
        const char *k = scalar(kn);
        size_t i = 0;
        while (k && allowed[i] && strcmp(k, allowed[i])) i++;
        if (!k || !allowed[i]) {
            qp_error(p, &kn->start_mark, "unknown key \"%s\" in %s: the keys are %s", k ? k : "?",
                     where, hint);
            continue;
        }
        for (const yaml_node_pair_t *e = m->data.mapping.pairs.start; e < pr; e++) {
            const char *before = scalar(node(p, e->key));
            if (before && !strcmp(before, k)) {
                qp_error(p, &kn->start_mark, "key \"%s\" appears twice in %s: keep one", k, where);
                break;
            }
        }
    }
}

static void set_id(struct qp *p, const yaml_node_t *v, const yaml_mark_t *top)
{
    if (!v) {
        qp_error(p, top, "this question has no id: add a line such as \"id: lift-knees\"");
        return;
    }
    const char *s = scalar(v);
    if (!s || !frontmatter_valid_id(s)) {
        qp_error(p, &v->start_mark, "question id \"%s\" is not valid: use 1 to 64 characters out "
                 "of a-z, 0-9 and '-', e.g. id: lift-knees", s ? s : "(a list)");
        return;
    }
    p->q->id = xstrdup(s);
    p->q->id_line = p->first_line + (int)v->start_mark.line;
}

static int set_type(struct qp *p, const yaml_node_t *v, const yaml_mark_t *top)
{
    static const char *const names[] = {"single", "multiple", "true-false", "fill-in"};
    if (!v) {
        qp_error(p, top, "this question has no type: add \"type: single\" (or multiple, "
                 "true-false, fill-in)");
        return -1;
    }
    const char *s = scalar(v);
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, names[i])) {
            p->q->type = (enum question_type)i;
            return 0;
        }
    qp_error(p, &v->start_mark, "type \"%s\" is not a question type: use single, multiple, "
             "true-false or fill-in", s ? s : "(a list)");
    return -1;
}

static void add_option(struct qp *p, const yaml_node_t *item, size_t n)
{
    static const char *const keys[] = {"text", "correct", "feedback", NULL};
    struct question_option *o = &p->q->options[p->q->noptions];
    char what[32];
    numbered(what, sizeof what, N_("option %zu"), n);
    if (item->type == YAML_SCALAR_NODE) {      /* "- Your back": a wrong option, no feedback */
        if (!(o->text = text_value(p, what, item))) return;
        p->q->noptions++;
        return;
    }
    if (item->type != YAML_MAPPING_NODE) {
        qp_error(p, &item->start_mark, "%s must be its text, or lines text:, correct: and "
                 "feedback:", what);
        return;
    }
    check_keys(p, item, keys, what, W_("text, correct and feedback"));
    yaml_node_t *text = get(p, item, "text"), *correct = get(p, item, "correct"),
                *feedback = get(p, item, "feedback");
    if (!text) {
        qp_error(p, &item->start_mark, "%s is empty: give it a \"text:\"", what);
        return;
    }
    if (!(o->text = text_value(p, what, text))) return;
    if (correct && (o->correct = bool_value(correct)) < 0) {
        qp_error(p, &correct->start_mark, "correct must be true or false, not \"%s\"",
                 scalar(correct) ? scalar(correct) : "a list");
        o->correct = 0;
    }
    if (feedback) o->feedback = text_value(p, "feedback", feedback);
    p->q->noptions++;
}

static void set_options(struct qp *p, const yaml_node_t *v, const yaml_mark_t *top)
{
    struct question *q = p->q;
    if (!v || v->type != YAML_SEQUENCE_NODE) {
        qp_error(p, v ? &v->start_mark : top, "a %s-choice question needs a list of options: "
                 "add \"options:\" with lines \"- text: ...\"", q->type == QUESTION_SINGLE
                 ? "single" : "multiple");
        return;
    }
    size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (n > QUESTION_MAX_OPTIONS) {
        qp_error(p, &v->start_mark, "this question has %zu options: give it at most %d", n,
                 QUESTION_MAX_OPTIONS);
        return;
    }
    for (size_t i = 0; i < n; i++) add_option(p, node(p, v->data.sequence.items.start[i]), i + 1);
    if (p->errors) return;
    size_t correct = 0;
    for (size_t i = 0; i < q->noptions; i++) correct += q->options[i].correct;
    if (q->noptions < 2)
        qp_error(p, &v->start_mark, "a choice question needs at least two options");
    else if (!correct)
        qp_error(p, &v->start_mark, "no option is correct: mark the right one with "
                 "\"correct: true\"");
    else if (q->type == QUESTION_SINGLE && correct > 1)
        qp_error(p, &v->start_mark, "a single-choice question has one correct option, this one "
                 "has %zu: keep one, or use \"type: multiple\"", correct);
}

/* feedback: {right: ..., wrong: ...} for true/false and fill-in questions. */
static void set_feedback(struct qp *p, const yaml_node_t *v)
{
    static const char *const keys[] = {"right", "wrong", NULL};
    if (v->type != YAML_MAPPING_NODE) {
        qp_error(p, &v->start_mark, "feedback must be two lines: \"right: ...\" and "
                 "\"wrong: ...\"");
        return;
    }
    check_keys(p, v, keys, "feedback", W_("right and wrong"));
    yaml_node_t *right = get(p, v, "right"), *wrong = get(p, v, "wrong");
    if (right) p->q->feedback_right = text_value(p, "feedback right", right);
    if (wrong) p->q->feedback_wrong = text_value(p, "feedback wrong", wrong);
}

static void set_true_false(struct qp *p, const yaml_node_t *answer, const yaml_mark_t *top)
{
    struct question *q = p->q;
    if (!answer) {
        qp_error(p, top, "no correct answer: add \"answer: true\" or \"answer: false\"");
        return;
    }
    int a = bool_value(answer);
    if (a < 0) {
        qp_error(p, &answer->start_mark, "answer \"%s\" is not an option: write \"answer: "
                 "true\" or \"answer: false\"", scalar(answer) ? scalar(answer) : "(a list)");
        return;
    }
    q->options[0] = (struct question_option){.text = xstrdup("True"), .correct = a};
    q->options[1] = (struct question_option){.text = xstrdup("False"), .correct = !a};
    q->noptions = 2;
}

static void set_answers(struct qp *p, const yaml_node_t *v, const yaml_mark_t *top)
{
    struct question *q = p->q;
    if (!v) {
        qp_error(p, top, "no correct answer: add the accepted answers, e.g. \"answers: [two, 2]\"");
        return;
    }
    const yaml_node_item_t *it = v->data.sequence.items.start;
    size_t n = v->type == YAML_SEQUENCE_NODE ? (size_t)(v->data.sequence.items.top - it) : 1;
    if (n == 0) {
        qp_error(p, &v->start_mark, "no correct answer: list at least one accepted answer");
        return;
    }
    if (n > QUESTION_MAX_ANSWERS) {
        qp_error(p, &v->start_mark, "this question has %zu answers: give at most %d", n,
                 QUESTION_MAX_ANSWERS);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *a = v->type == YAML_SEQUENCE_NODE ? node(p, it[i]) : (yaml_node_t *)v;
        char what[32];
        numbered(what, sizeof what, N_("answer %zu"), i + 1);
        char *s = text_value(p, what, a);
        if (s && strlen(s) > QUESTION_MAX_RESPONSE) {
            qp_error(p, &a->start_mark, "%s is longer than %d bytes: keep it short",
                     what, QUESTION_MAX_RESPONSE);
            free(s);
            s = NULL;
        }
        if (s) q->answers[q->nanswers++] = s;
    }
}

/* Keys that belong to another type of question are an error, so a mix-up does not go unseen. */
static void check_misplaced(struct qp *p, const yaml_node_t *root)
{
    static const char *const names[] = {"single-choice", "multiple-choice", "true-false",
                                        "fill-in"};
    enum question_type t = p->q->type;
    const char *wrong = NULL;
    int choice = t == QUESTION_SINGLE || t == QUESTION_MULTIPLE;
    if (!choice && get(p, root, "options")) wrong = "options";
    else if (t != QUESTION_TRUE_FALSE && get(p, root, "answer")) wrong = "answer";
    else if (t != QUESTION_FILL_IN && get(p, root, "answers")) wrong = "answers";
    else if (choice && get(p, root, "feedback")) wrong = "feedback";
    if (!wrong) return;
    yaml_node_t *v = get(p, root, wrong);
    qp_error(p, &v->start_mark, "a %s question has no \"%s\": %s", names[t], wrong,
             t == QUESTION_TRUE_FALSE ? W_("give \"answer: true\" or \"answer: false\" and "
                                           "feedback right: and wrong:")
             : t == QUESTION_FILL_IN ? W_("give \"answers:\" and feedback right: and wrong:")
                                     : W_("give \"options:\", each with its own feedback"));
}

static void check_root(struct qp *p, const yaml_node_t *root)
{
    static const char *const keys[] = {"id", "type", "prompt", "hint", "options", "answer",
                                       "answers", "feedback", NULL};
    yaml_mark_t top = root->start_mark;
    check_keys(p, root, keys, W_("a question"),
               W_("id, type, prompt, hint, options, answer, answers and feedback"));
    set_id(p, get(p, root, "id"), &top);
    yaml_node_t *prompt = get(p, root, "prompt"), *hint = get(p, root, "hint");
    if (!prompt) qp_error(p, &top, "this question has no prompt: add \"prompt: ...\" with the "
                          "question to ask");
    else p->q->prompt = text_value(p, "prompt", prompt);
    if (hint) p->q->hint = text_value(p, "hint", hint);
    if (set_type(p, get(p, root, "type"), &top) < 0) return;
    check_misplaced(p, root);
    yaml_node_t *feedback = get(p, root, "feedback");
    switch (p->q->type) {
    case QUESTION_SINGLE:
    case QUESTION_MULTIPLE: set_options(p, get(p, root, "options"), &top); return;
    case QUESTION_TRUE_FALSE: set_true_false(p, get(p, root, "answer"), &top); break;
    case QUESTION_FILL_IN: set_answers(p, get(p, root, "answers"), &top); break;
    }
    if (feedback) set_feedback(p, feedback);
}

struct question *question_parse(const char *body, const char *file, int fence_line, int indent,
                                struct diag_list *diags)
{
    struct question *q = xcalloc(1, sizeof *q);
    yaml_parser_t parser;
    yaml_document_t doc;
    struct qp p = {.q = q, .doc = &doc, .file = file, .first_line = fence_line + 1,
                   .indent = indent, .diags = diags};
    q->line = fence_line;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)body, strlen(body));
    if (!yaml_parser_load(&parser, &doc)) {
        qp_error(&p, &parser.problem_mark, "this question is not valid YAML: %s; a text that "
                 "holds \": \" or starts with a quote goes in quotes, e.g. prompt: 'Lift: how?'",
                 parser.problem);
        yaml_parser_delete(&parser);
        question_free(q);
        return NULL;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || root->type != YAML_MAPPING_NODE)
        qp_error(&p, NULL, "this question is empty: write \"key: value\" lines such as id:, "
                 "type:, prompt: and options:");
    else
        check_root(&p, root);
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
    if (p.errors) {
        question_free(q);
        return NULL;
    }
    return q;
}
