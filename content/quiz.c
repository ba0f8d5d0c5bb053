/* quiz.c: finds the ```question blocks of a module body with cmark (so a block inside a list or
 * a quote is found like any code block), checks them, and scores answers. */
#include "content/quiz.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "content/levels.h"
#include "server/buf.h"

/* Calls fn for every question block of md, with its text, fence line (of md) and indent. */
typedef void block_fn(void *ctx, const char *body, int line, int indent);

static void each_block(const char *md, block_fn *fn, void *ctx)
{
    /* A question block is a fenced code block: without a fence there is none, and the Markdown
     * of a module without questions need not be parsed at start-up. */
    if (!strstr(md, "```") && !strstr(md, "~~~")) return;
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK) continue;
        const char *info = cmark_node_get_fence_info(n);
        if (!info || !question_is_block(info)) continue;
        fn(ctx, cmark_node_get_literal(n), cmark_node_get_start_line(n),
           cmark_node_get_start_column(n) - 1);
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
}

struct checking {
    const char *file;
    int first_line;
    struct diag_list *diags;
    struct quiz seen;
};

static void check_block(void *ctx, const char *body, int line, int indent)
{
    struct checking *c = ctx;
    line += c->first_line - 1;
    struct question *q = question_parse(body, c->file, line, indent, c->diags);
    if (!q) return;
    const struct question *other = quiz_find(&c->seen, q->id);
    if (other) {
        diag_add(c->diags, DIAG_ERROR, c->file, q->id_line, 1, "question id \"%s\" is already used "
                 "by the question on line %d: give each question its own id", q->id, other->line);
        question_free(q);
        return;
    }
    c->seen.items = xrealloc(c->seen.items, (c->seen.n + 1) * sizeof *c->seen.items);
    c->seen.items[c->seen.n++] = q;
}

int quiz_check(const char *md, const char *file, int first_line, struct diag_list *diags)
{
    struct checking c = {.file = file, .first_line = first_line, .diags = diags};
    size_t before = diag_count(diags, DIAG_ERROR);
    each_block(md, check_block, &c);
    quiz_free(&c.seen);
    return diag_count(diags, DIAG_ERROR) > before ? -1 : 0;
}

struct loading {
    const struct module *m;
    struct quiz *q;
};

static void load_block(void *ctx, const char *body, int line, int indent)
{
    struct loading *l = ctx;
    struct quiz *q = l->q;
    struct diag_list ignored;
    diag_list_init(&ignored);
    /* levels_select keeps line numbers, so the fence's line in the file is known. */
    line += l->m->body_line - 1;
    struct question *one = q->n < QUIZ_MAX_QUESTIONS
        ? question_parse(body, l->m->source_path, line, indent, &ignored) : NULL;
    diag_list_free(&ignored);
    if (!one) return;
    q->items = xrealloc(q->items, (q->n + 1) * sizeof *q->items);
    q->items[q->n++] = one;
}

void quiz_load(const struct module *m, int level, struct quiz *out)
{
    *out = (struct quiz){0};
    if (!m->markdown || !module_has_level(m, level)) return;
    char *md = levels_select(m->markdown, level);
    struct loading l = {m, out};
    each_block(md, load_block, &l);
    free(md);
}

void quiz_free(struct quiz *q)
{
    for (size_t i = 0; i < q->n; i++) question_free(q->items[i]);
    free(q->items);
    q->items = NULL;
    q->n = 0;
}

const struct question *quiz_find(const struct quiz *q, const char *id)
{
    for (size_t i = 0; i < q->n; i++)
        if (!strcmp(q->items[i]->id, id)) return q->items[i];
    return NULL;
}

static unsigned correct_mask(const struct question *q)
{
    unsigned mask = 0;
    for (size_t i = 0; i < q->noptions; i++)
        if (q->options[i].correct) mask |= 1u << i;
    return mask;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Compares a and b ignoring ASCII case, blanks at either end and runs of blanks inside. */
static int same_words(const char *a, const char *b)
{
    while (is_blank(*a)) a++;
    while (is_blank(*b)) b++;
    while (*a && *b) {
        if (is_blank(*a) && is_blank(*b)) {
            while (is_blank(*a)) a++;
            while (is_blank(*b)) b++;
            if (!*a || !*b) break;
            continue;
        }
        if (lower(*a) != lower(*b)) return 0;
        a++, b++;
    }
    while (is_blank(*a)) a++;
    while (is_blank(*b)) b++;
    return !*a && !*b;
}

int quiz_answered(const struct question *q, const struct quiz_answer *a)
{
    if (q->type != QUESTION_FILL_IN) return a->chosen != 0;
    const char *t = a->text ? a->text : "";
    while (is_blank(*t)) t++;
    return *t != '\0';
}

int quiz_is_right(const struct question *q, const struct quiz_answer *a)
{
    if (q->type != QUESTION_FILL_IN) return a->chosen && a->chosen == correct_mask(q);
    if (!quiz_answered(q, a)) return 0;
    for (size_t i = 0; i < q->nanswers; i++)
        if (same_words(a->text, q->answers[i])) return 1;
    return 0;
}

void quiz_score(const struct quiz *q, const struct quiz_answer *answers, double mastery,
                struct quiz_score *out)
{
    *out = (struct quiz_score){.total = q->n};
    for (size_t i = 0; i < q->n; i++) out->right += (size_t)quiz_is_right(q->items[i], &answers[i]);
    out->scaled = q->n ? (double)out->right / (double)q->n : 1.0;
    out->passed = out->right >= quiz_needed(mastery, q->n);
}

size_t quiz_needed(double mastery, size_t total)
{
    size_t k = 0;
    /* A tiny margin, so 4 of 5 meets a mastery of 0.8 despite binary fractions. */
    while (k < total && (double)k / (double)total + 1e-9 < mastery) k++;
    return k;
}
