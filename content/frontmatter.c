/* frontmatter.c: finds the "---" header of a module file, parses it with libyaml's document
 * loader and checks every key; libyaml's 0-based marks are mapped to lines of the .md file. */
#include "content/frontmatter.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "server/buf.h"

#define MAX_TITLE 200
#define MAX_SUMMARY 1000
#define MAX_MINUTES 600

static const char *const known_keys[] = {
    "id", "title", "summary", "language", "skills", "minutes", "levels", "version", "mastery",
};
#define NKEYS (sizeof known_keys / sizeof known_keys[0])

struct fm {
    struct module *m;
    const char *file;
    struct diag_list *diags;
    int first_line;         /* file line of the first YAML line */
    int errors;
    int seen[NKEYS];
};

static void fm_error(struct fm *f, const yaml_mark_t *mark, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fm_error(struct fm *f, const yaml_mark_t *mark, const char *fmt, ...)
{
    int line = mark ? f->first_line + (int)mark->line : 1;
    int column = mark ? (int)mark->column + 1 : 1;
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(f->diags, DIAG_ERROR, f->file, line, column, fmt, ap);
    va_end(ap);
    f->errors++;
}

int frontmatter_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64) return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* A language tag such as en, nl or pt-BR: 2-3 letters, then subtags of 1-8 letters or digits. */
int frontmatter_valid_language(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (n < 2 || n > 3) return 0;
    for (s += n; *s == '-'; s += n) {
        s++;
        n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
        if (n < 1 || n > 8) return 0;
    }
    return *s == '\0';
}

/* Edit distance, to suggest the key a typo meant. Keys are short, so the table stays tiny. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 32 || lb > 32) return 99;
    size_t row[33];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const char *scalar(const yaml_node_t *n)
{
    return (const char *)n->data.scalar.value;
}

/* Returns the scalar's text, or NULL after reporting that key needs a single value. */
static const char *want_scalar(struct fm *f, const char *key, const yaml_node_t *v)
{
    if (v->type == YAML_SCALAR_NODE) return scalar(v);
    fm_error(f, &v->start_mark, "%s must be a single value, not a list or a mapping", key);
    return NULL;
}

/* Parses a plain decimal integer; returns 0 when the scalar is anything else. */
static int want_int(const yaml_node_t *v, long *out)
{
    if (v->type != YAML_SCALAR_NODE || v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return 0;
    const char *s = scalar(v);
    char *end;
    errno = 0;
    *out = strtol(s, &end, 10);
    return *s && *end == '\0' && errno == 0;
}

static void set_text(struct fm *f, const char *key, const yaml_node_t *v, char **dst, size_t max)
{
    const char *s = want_scalar(f, key, v);
    if (!s) return;
    if (*s == '\0') {
        fm_error(f, &v->start_mark, "%s is empty: write it after \"%s: \"", key, key);
        return;
    }
    if (strlen(s) > max) {
        fm_error(f, &v->start_mark, "%s is %zu characters long: keep it under %zu", key,
                 strlen(s), max);
        return;
    }
    free(*dst);
    *dst = xstrdup(s);
}

static void set_id(struct fm *f, const yaml_node_t *v)
{
    const char *s = want_scalar(f, "id", v);
    if (!s) return;
    if (!frontmatter_valid_id(s)) {
        fm_error(f, &v->start_mark,
                 "id \"%s\" is not valid: use 1 to 64 characters out of a-z, 0-9 and '-', "
                 "e.g. id: safe-lifting", s);
        return;
    }
    f->m->id = xstrdup(s);
    f->m->id_line = f->first_line + (int)v->start_mark.line;
}

static void set_language(struct fm *f, const yaml_node_t *v)
{
    const char *s = want_scalar(f, "language", v);
    if (!s) return;
    if (!frontmatter_valid_language(s)) {
        fm_error(f, &v->start_mark,
                 "language \"%s\" is not a language tag: write e.g. language: en", s);
        return;
    }
    f->m->language = xstrdup(s);
}

static void set_minutes(struct fm *f, const yaml_node_t *v)
{
    long n;
    if (!want_int(v, &n) || n < 1 || n > MAX_MINUTES) {
        fm_error(f, &v->start_mark, "minutes must be a whole number from 1 to %d, e.g. minutes: 10",
                 MAX_MINUTES);
        return;
    }
    f->m->minutes = (int)n;
}

static void set_skills(struct fm *f, const yaml_document_t *doc, const yaml_node_t *v)
{
    if (v->type != YAML_SEQUENCE_NODE) {
        fm_error(f, &v->start_mark, "skills must be a list, e.g. skills: [safety, lifting]");
        return;
    }
    const yaml_node_item_t *it = v->data.sequence.items.start;
    size_t n = (size_t)(v->data.sequence.items.top - it);
    struct module *m = f->m;
    m->skills = xcalloc(n, sizeof *m->skills);
    for (size_t i = 0; i < n; i++) {
        yaml_node_t *item = yaml_document_get_node((yaml_document_t *)doc, it[i]);
        if (item->type != YAML_SCALAR_NODE || !frontmatter_valid_id(scalar(item))) {
            fm_error(f, &item->start_mark,
                     "skill tag %s%s%s is not valid: use a-z, 0-9 and '-', e.g. safety",
                     item->type == YAML_SCALAR_NODE ? "\"" : "",
                     item->type == YAML_SCALAR_NODE ? scalar(item) : W_("(a list)"),
                     item->type == YAML_SCALAR_NODE ? "\"" : "");
            continue;
        }
        m->skills[m->nskills++] = xstrdup(scalar(item));
    }
}

static void set_levels(struct fm *f, const yaml_document_t *doc, const yaml_node_t *v)
{
    if (v->type != YAML_SEQUENCE_NODE || v->data.sequence.items.top == v->data.sequence.items.start) {
        fm_error(f, &v->start_mark,
                 "levels must be a list of the levels offered (1 basic, 2 intermediate, "
                 "3 advanced), e.g. levels: [1, 2]");
        return;
    }
    for (const yaml_node_item_t *it = v->data.sequence.items.start;
         it < v->data.sequence.items.top; it++) {
        yaml_node_t *item = yaml_document_get_node((yaml_document_t *)doc, *it);
        long n;
        if (!want_int(item, &n) || n < MODULE_MIN_LEVEL || n > MODULE_MAX_LEVEL) {
            fm_error(f, &item->start_mark,
                     "level %s does not exist: use 1 (basic), 2 (intermediate) or 3 (advanced)",
                     item->type == YAML_SCALAR_NODE ? scalar(item) : "(a list)");
        } else if (f->m->levels & (1u << n)) {
            fm_error(f, &item->start_mark, "level %ld is listed twice: list it once", n);
        } else {
            f->m->levels |= 1u << n;
        }
    }
}

static void set_mastery(struct fm *f, const yaml_node_t *v)
{
    const char *s = v->type == YAML_SCALAR_NODE ? scalar(v) : "";
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (!*s || *end || errno || !(x > 0.0 && x <= 1.0)) {
        fm_error(f, &v->start_mark, "mastery must be a number above 0 and at most 1, the part of "
                 "the questions to get right to pass, e.g. mastery: 0.8");
        return;
    }
    f->m->mastery = x;
}

static void set_key(struct fm *f, const yaml_document_t *doc, size_t k, const yaml_node_t *v)
{
    struct module *m = f->m;
    switch (k) {
    case 0: set_id(f, v); break;
    case 1: set_text(f, "title", v, &m->title, MAX_TITLE); break;
    case 2: set_text(f, "summary", v, &m->summary, MAX_SUMMARY); break;
    case 3: set_language(f, v); break;
    case 4: set_skills(f, doc, v); break;
    case 5: set_minutes(f, v); break;
    case 6: set_levels(f, doc, v); break;
    case 7: set_text(f, "version", v, &m->version, MAX_TITLE); break;
    case 8: set_mastery(f, v); break;
    }
}

static void unknown_key(struct fm *f, const yaml_node_t *key)
{
    const char *best = NULL;
    size_t best_d = 3;
    for (size_t i = 0; i < NKEYS; i++) {
        size_t d = distance(scalar(key), known_keys[i]);
        if (d < best_d) best_d = d, best = known_keys[i];
    }
    if (best)
        fm_error(f, &key->start_mark, "unknown key \"%s\": did you mean \"%s\"?", scalar(key), best);
    else
        fm_error(f, &key->start_mark,
                 "unknown key \"%s\": the keys are id, title, summary, language, skills, minutes, "
                 "levels, version and mastery", scalar(key));
}

static void check_mapping(struct fm *f, yaml_document_t *doc, const yaml_node_t *root)
{
    for (const yaml_node_pair_t *p = root->data.mapping.pairs.start;
         p < root->data.mapping.pairs.top; p++) {
        yaml_node_t *key = yaml_document_get_node(doc, p->key);
        yaml_node_t *value = yaml_document_get_node(doc, p->value);
        if (key->type != YAML_SCALAR_NODE) {
            fm_error(f, &key->start_mark, "a key must be a plain word such as title");
            continue;
        }
        size_t k = 0;
        while (k < NKEYS && strcmp(scalar(key), known_keys[k]) != 0) k++;
        if (k == NKEYS) {
            unknown_key(f, key);
        } else if (f->seen[k]++) {
            fm_error(f, &key->start_mark, "key \"%s\" appears twice: keep one", known_keys[k]);
        } else {
            set_key(f, doc, k, value);
        }
    }
}

static void check_required(struct fm *f)
{
    static const struct { size_t key; const char *example; } required[] = {
        {0, "id: safe-lifting"}, {1, "title: Lifting boxes the safe way"},
        {2, "summary: How to lift a box without hurting your back."}, {3, "language: en"},
        {5, "minutes: 10"}, {6, "levels: [1, 2]"},
    };
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (!f->seen[required[i].key])
            fm_error(f, NULL, "the front matter has no \"%s\": add a line such as \"%s\"",
                     known_keys[required[i].key], required[i].example);
}

static void check_yaml(struct fm *f, const char *yaml, size_t len)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
    if (!yaml_parser_load(&parser, &doc)) {
        yaml_mark_t mark = parser.problem_mark;
        if (parser.context)
            fm_error(f, &mark, "the front matter is not valid YAML: %s %s that starts on line %d",
                     parser.problem, parser.context, f->first_line + (int)parser.context_mark.line);
        else
            fm_error(f, &mark, "the front matter is not valid YAML: %s", parser.problem);
        yaml_parser_delete(&parser);
        return;
    }
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (!root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0)) {
        fm_error(f, NULL, "the front matter is empty: add id, title, summary, language, minutes "
                          "and levels (see README.md)");
    } else if (root->type != YAML_MAPPING_NODE) {
        fm_error(f, &root->start_mark, "the front matter must be \"key: value\" lines");
    } else {
        check_mapping(f, &doc, root);
        check_required(f);
    }
    yaml_document_delete(&doc);
    yaml_parser_delete(&parser);
}

/* Length of the line at s (without its end), and the offset of the next line in *next. */
static size_t line_len(const char *s, const char *end, const char **next)
{
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    *next = nl ? nl + 1 : end;
    size_t n = (size_t)((nl ? nl : end) - s);
    if (n && s[n - 1] == '\r') n--;
    return n;
}

/* 1 when the line is "---" (trailing spaces allowed). */
static int is_marker(const char *s, size_t n)
{
    while (n > 3 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    return n == 3 && memcmp(s, "---", 3) == 0;
}

int frontmatter_parse(struct module *m, const char *text, size_t len, const char *file,
                      struct diag_list *diags)
{
    struct fm f = {.m = m, .file = file, .diags = diags, .first_line = 2};
    const char *end = text + len, *next;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3;   /* UTF-8 byte order mark */
    if (!is_marker(text, line_len(text, end, &next))) {
        fm_error(&f, NULL, "the file must start with a front-matter header: a line \"---\", "
                           "lines such as \"id: safe-lifting\", then a line \"---\"");
        return -1;
    }
    const char *yaml = next;
    int line = 2;
    for (const char *s = yaml; s < end; s = next, line++) {
        if (!is_marker(s, line_len(s, end, &next))) continue;
        check_yaml(&f, yaml, (size_t)(s - yaml));
        m->markdown = xstrndup(next, (size_t)(end - next));
        m->body_line = line + 1;
        return f.errors ? -1 : 0;
    }
    fm_error(&f, NULL, "the front matter is not closed: add a line \"---\" after its last key");
    return -1;
}
