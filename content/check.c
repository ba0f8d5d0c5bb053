/* check.c: `stepwise check`: loads the modules named on the command line, checks each one
 * (content/check_module.c: every level rendered, its style checked and its plain language
 * measured), catches ids used twice, then prints the findings in file order, the plain-language
 * report and a summary, as text or as JSON. */
#include "content/check.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content/catalog.h"
#include "content/check_module.h"
#include "server/buf.h"

struct run {
    struct diag_list diags;
    struct module_report *reports;  /* one per module checked, in the order checked */
    size_t len, cap;
    size_t modules;                 /* modules found, counting the broken ones */
};

/* Checks m; its findings join the run's, its report is kept for the plain-language part. */
static void check_module(struct run *run, const struct module *m, const struct catalog *c)
{
    if (run->len == run->cap) run->reports = xrealloc(run->reports, (run->cap = run->cap ? run->cap * 2 : 8) * sizeof *run->reports);
    struct module_report *rep = &run->reports[run->len++];
    check_module_report(m, c, rep);
    check_module_take_diags(rep, &run->diags);
}

/* The id of each module checked so far is taken: a second module with it is an error, and a
 * module named twice on the command line is checked once. */
static int already_checked(struct run *run, const struct module *m)
{
    for (size_t i = 0; i < run->len; i++) {
        if (strcmp(run->reports[i].id, m->id)) continue;
        if (strcmp(run->reports[i].file, m->source_path))
            diag_add(&run->diags, DIAG_ERROR, m->source_path, m->id_line, 1, "id \"%s\" is already "
                     "used by %s: give this module another id", m->id, run->reports[i].file);
        return 1;
    }
    return 0;
}

static void check_one(struct run *run, const char *path)
{
    run->modules++;
    struct module *m = module_load(path, &run->diags);
    if (m && !already_checked(run, m)) check_module(run, m, NULL);
    module_free(m);
}

static int by_path(const void *a, const void *b)
{
    return strcmp((*(struct module *const *)a)->source_path, (*(struct module *const *)b)->source_path);
}

static void check_folder(struct run *run, const char *path)
{
    char *err = NULL;
    struct catalog *c = catalog_load(path, &err);
    if (!c) {
        diag_add_text(&run->diags, DIAG_ERROR, path, 0, 0, err);
        free(err);
        return;
    }
    diag_list_move(&run->diags, &c->diags);
    struct module **order = xmalloc((c->len + 1) * sizeof *order);
    if (c->len) memcpy(order, c->modules, c->len * sizeof *order);    /* NULL when none loaded */
    qsort(order, c->len, sizeof *order, by_path);
    for (size_t i = 0; i < c->len; i++)
        if (!already_checked(run, order[i])) check_module(run, order[i], c);
    free(order);
    run->modules += c->nfound;
    catalog_free(c);
}

static void check_path(struct run *run, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_add(&run->diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        check_one(run, path);
        return;
    }
    char *index = xasprintf("%s/index.md", path);
    int is_module = stat(index, &st) == 0;
    free(index);
    if (is_module) check_one(run, path);
    else check_folder(run, path);
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static void print_sentence(FILE *out, const struct readability_sentence *s)
{
    fprintf(out, "        line %d: %d words: %s\n", s->line, s->words, s->text);
}

static void print_level(FILE *out, const struct level_report *l)
{
    const struct readability_scores *s = &l->scores;
    fprintf(out, "    level %d: %s: %zu sentence%s, %d word%s, %.1f words a sentence, %.0f%% long "
            "words, LIX %.1f", l->level, s->b1_ok ? "B1 ok" : "harder than B1", l->text.len,
            plural(l->text.len), l->text.words, plural((size_t)l->text.words), s->average_sentence,
            s->long_word_percent, s->lix);
    if (s->has_flesch) fprintf(out, ", %s %.1f", check_formula_name(l->text.lang), s->flesch);
    fputc('\n', out);
    if (s->long_sentences) fprintf(out, "      sentences over %d words:\n", READABILITY_LONG_SENTENCE);
    for (size_t i = 0; i < l->text.len; i++)
        if (l->text.items[i].words > READABILITY_LONG_SENTENCE) print_sentence(out, &l->text.items[i]);
    size_t worst[CHECK_WORST_SHOWN], n = check_rewrite_first(l, worst);
    if (n) fputs("      rewrite first:\n", out);
    for (size_t i = 0; i < n; i++) print_sentence(out, &l->text.items[worst[i]]);
}

static void print_text(const struct run *run, FILE *out, int ok, int levels)
{
    diag_print(&run->diags, out);
    if (run->len) fputs("Plain language (B1):\n", out);
    for (size_t i = 0; i < run->len; i++) {
        const struct module_report *m = &run->reports[i];
        fprintf(out, "  %s (%s, language %s)\n", m->file, m->id, m->language);
        for (int k = 0; k < m->nlevels; k++) print_level(out, &m->levels[k]);
    }
    size_t errors = diag_count(&run->diags, DIAG_ERROR), warnings = diag_count(&run->diags, DIAG_WARNING);
    fprintf(out, "%zu module%s checked: %zu error%s, %zu warning%s; %d of %d level%s B1 ok\n",
            run->modules, plural(run->modules), errors, plural(errors), warnings, plural(warnings),
            ok, levels, plural((size_t)levels));
}

/* Two decimals are plenty, and keep the JSON free of 6.2999999999999998. */
static json_t *json_number(double x)
{
    return json_real((double)(long long)(x * 100.0 + (x < 0 ? -0.5 : 0.5)) / 100.0);
}

static json_t *json_sentence(const struct readability_sentence *s)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:s}", "line", s->line, "column", s->column, "words",
                     s->words, "syllables", s->syllables, "text", s->text);
}

static json_t *json_level(const struct level_report *l)
{
    const struct readability_scores *s = &l->scores;
    json_t *longs = json_array(), *worst = json_array();
    for (size_t i = 0; i < l->text.len; i++)
        if (l->text.items[i].words > READABILITY_LONG_SENTENCE)
            json_array_append_new(longs, json_sentence(&l->text.items[i]));
    size_t idx[CHECK_WORST_SHOWN], n = check_rewrite_first(l, idx);
    for (size_t i = 0; i < n; i++) json_array_append_new(worst, json_sentence(&l->text.items[idx[i]]));
    const char *formula = check_formula_name(l->text.lang);
    return json_pack("{s:i, s:s, s:I, s:i, s:i, s:i, s:o, s:o, s:o, s:o, s:s?, s:o, s:o, s:o}",
                     "level", l->level, "verdict", s->b1_ok ? "B1 ok" : "harder than B1",
                     "sentences", (json_int_t)l->text.len, "words", l->text.words,
                     "syllables", l->text.syllables, "long_words", l->text.long_words,
                     "average_sentence_length", json_number(s->average_sentence),
                     "average_syllables_per_word", json_number(s->average_syllables),
                     "long_word_percent", json_number(s->long_word_percent),
                     "lix", json_number(s->lix), "flesch_formula", formula,
                     "flesch", formula ? json_number(s->flesch) : json_null(),
                     "long_sentences", longs, "rewrite_first", worst);
}

static void print_json(const struct run *run, FILE *out)
{
    json_t *diags = json_array(), *modules = json_array();
    for (size_t i = 0; i < run->diags.len; i++) {
        const struct diag *d = &run->diags.items[i];
        json_array_append_new(diags, json_pack("{s:s, s:i, s:i, s:s, s:s}", "file", d->file,
                              "line", d->line, "column", d->column, "severity",
                              d->severity == DIAG_ERROR ? "error" : "warning", "message", d->message));
    }
    for (size_t i = 0; i < run->len; i++) {
        const struct module_report *m = &run->reports[i];
        json_t *levels = json_array();
        for (int k = 0; k < m->nlevels; k++) json_array_append_new(levels, json_level(&m->levels[k]));
        json_array_append_new(modules, json_pack("{s:s, s:s, s:s, s:o}", "file", m->file, "id",
                              m->id, "language", m->language, "levels", levels));
    }
    json_t *root = json_pack("{s:I, s:I, s:I, s:o, s:o}", "modules", (json_int_t)run->modules,
                             "errors", (json_int_t)diag_count(&run->diags, DIAG_ERROR),
                             "warnings", (json_int_t)diag_count(&run->diags, DIAG_WARNING),
                             "diagnostics", diags, "readability", modules);
    json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', out);
    json_decref(root);
}

static void run_free(struct run *run)
{
    for (size_t i = 0; i < run->len; i++) check_module_report_free(&run->reports[i]);
    free(run->reports);
    diag_list_free(&run->diags);
}

int check_run(int npaths, char **paths, unsigned flags, FILE *out)
{
    struct run run = {.len = 0};
    diag_list_init(&run.diags);
    for (int i = 0; i < npaths; i++) check_path(&run, paths[i]);
    diag_sort(&run.diags);
    check_drop_repeats(&run.diags);
    int ok = 0, levels = 0;
    for (size_t i = 0; i < run.len; i++)
        for (int k = 0; k < run.reports[i].nlevels; k++, levels++) ok += run.reports[i].levels[k].scores.b1_ok;
    if (flags & CHECK_JSON) print_json(&run, out);
    else print_text(&run, out, ok, levels);
    size_t errors = diag_count(&run.diags, DIAG_ERROR), warnings = diag_count(&run.diags, DIAG_WARNING);
    run_free(&run);
    return errors || ((flags & CHECK_STRICT) && warnings) ? 1 : 0;
}
