/* i18n_plural.c: gettext's plural rules. A catalogue says in its header which of its plural forms
 * a count takes, as a small C expression in n; this parses it into a tree once and evaluates it
 * per lookup, so a language with three or more forms (Polish, Russian) needs no code. */
#include "player/i18n_plural.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

enum op { OP_N, OP_NUM, OP_NOT, OP_MUL, OP_DIV, OP_MOD, OP_ADD, OP_SUB, OP_LT, OP_LE, OP_GT, OP_GE,
          OP_EQ, OP_NE, OP_AND, OP_OR, OP_COND };

struct node {
    enum op op;
    unsigned long num;
    struct node *a, *b, *c;
};

struct plural_rule {
    struct node *root;
    unsigned nplurals;
};

struct parser {
    const char *p;
    int depth;
    int failed;
};

#define MAX_DEPTH 64

static struct node *node_new(enum op op, struct node *a, struct node *b)
{
    struct node *n = xcalloc(1, sizeof *n);
    n->op = op;
    n->a = a;
    n->b = b;
    return n;
}

static void node_free(struct node *n)
{
    if (!n) return;
    node_free(n->a);
    node_free(n->b);
    node_free(n->c);
    free(n);
}

static void skip_space(struct parser *ps)
{
    while (isspace((unsigned char)*ps->p)) ps->p++;
}

/* Consumes tok when it comes next (and is not the start of a longer operator). */
static int accept(struct parser *ps, const char *tok)
{
    skip_space(ps);
    size_t n = strlen(tok);
    if (strncmp(ps->p, tok, n) != 0) return 0;
    if (n == 1 && strchr("<>=!", tok[0]) && ps->p[1] == '=') return 0;
    if (n == 1 && strchr("&|", tok[0])) return 0;
    ps->p += n;
    return 1;
}

static struct node *parse_cond(struct parser *ps);

static struct node *parse_primary(struct parser *ps)
{
    skip_space(ps);
    if (*ps->p == 'n') {
        ps->p++;
        return node_new(OP_N, NULL, NULL);
    }
    if (isdigit((unsigned char)*ps->p)) {
        struct node *n = node_new(OP_NUM, NULL, NULL);
        n->num = strtoul(ps->p, (char **)&ps->p, 10);
        return n;
    }
    if (accept(ps, "(")) {
        struct node *n = parse_cond(ps);
        if (!accept(ps, ")")) ps->failed = 1;
        return n;
    }
    ps->failed = 1;
    return NULL;
}

static struct node *parse_unary(struct parser *ps)
{
    if (++ps->depth > MAX_DEPTH) {
        ps->failed = 1;
        return NULL;
    }
    struct node *n = accept(ps, "!") ? node_new(OP_NOT, parse_unary(ps), NULL) : parse_primary(ps);
    ps->depth--;
    return n;
}

/* One level of left-associative binary operators: toks[i] builds ops[i]. */
static struct node *parse_binary(struct parser *ps, int level);

static const struct {
    const char *toks[4];
    enum op ops[4];
} levels[] = {
    {{"||"}, {OP_OR}},
    {{"&&"}, {OP_AND}},
    {{"==", "!="}, {OP_EQ, OP_NE}},
    {{"<=", ">=", "<", ">"}, {OP_LE, OP_GE, OP_LT, OP_GT}},
    {{"+", "-"}, {OP_ADD, OP_SUB}},
    {{"*", "/", "%"}, {OP_MUL, OP_DIV, OP_MOD}},
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static struct node *parse_operand(struct parser *ps, int level)
{
    return level + 1 < NLEVELS ? parse_binary(ps, level + 1) : parse_unary(ps);
}

static struct node *parse_binary(struct parser *ps, int level)
{
    struct node *left = parse_operand(ps, level);
    for (;;) {
        int found = -1;
        for (int i = 0; i < 4 && levels[level].toks[i]; i++)
            if (accept(ps, levels[level].toks[i])) {
                found = i;
                break;
            }
        if (found < 0 || ps->failed) return left;
        left = node_new(levels[level].ops[found], left, parse_operand(ps, level));
    }
}

static struct node *parse_cond(struct parser *ps)
{
    if (++ps->depth > MAX_DEPTH) {
        ps->failed = 1;
        return NULL;
    }
    struct node *n = parse_binary(ps, 0);
    if (!ps->failed && accept(ps, "?")) {
        struct node *c = node_new(OP_COND, n, parse_cond(ps));
        if (!accept(ps, ":")) ps->failed = 1;
        c->c = parse_cond(ps);
        n = c;
    }
    ps->depth--;
    return n;
}

static unsigned long eval(const struct node *e, unsigned long n)
{
    unsigned long a = e->a ? eval(e->a, n) : 0;
    switch (e->op) {
    case OP_N: return n;
    case OP_NUM: return e->num;
    case OP_NOT: return !a;
    case OP_COND: return a ? eval(e->b, n) : eval(e->c, n);
    case OP_AND: return a && eval(e->b, n);
    case OP_OR: return a || eval(e->b, n);
    default: break;
    }
    unsigned long b = eval(e->b, n);
    switch (e->op) {
    case OP_MUL: return a * b;
    case OP_DIV: return b ? a / b : 0;
    case OP_MOD: return b ? a % b : 0;
    case OP_ADD: return a + b;
    case OP_SUB: return a - b;
    case OP_LT: return a < b;
    case OP_LE: return a <= b;
    case OP_GT: return a > b;
    case OP_GE: return a >= b;
    case OP_EQ: return a == b;
    case OP_NE: return a != b;
    default: return 0;
    }
}

struct plural_rule *plural_rule_parse(const char *plural_forms, unsigned *nplurals)
{
    const char *np = strstr(plural_forms, "nplurals=");
    const char *expr = strstr(plural_forms, "plural=");
    if (!np || !expr) return NULL;
    unsigned long count = strtoul(np + strlen("nplurals="), NULL, 10);
    if (count < 1 || count > 16) return NULL;
    struct parser ps = {expr + strlen("plural="), 0, 0};
    struct node *root = parse_cond(&ps);
    skip_space(&ps);
    if (*ps.p == ';') ps.p++;
    skip_space(&ps);
    if (ps.failed || !root || *ps.p) {
        node_free(root);
        return NULL;
    }
    struct plural_rule *r = xmalloc(sizeof *r);
    r->root = root;
    r->nplurals = (unsigned)count;
    if (nplurals) *nplurals = r->nplurals;
    return r;
}

unsigned plural_rule_eval(const struct plural_rule *rule, unsigned long n)
{
    unsigned long i = eval(rule->root, n);
    return i < rule->nplurals ? (unsigned)i : rule->nplurals - 1;
}

void plural_rule_free(struct plural_rule *rule)
{
    if (!rule) return;
    node_free(rule->root);
    free(rule);
}
