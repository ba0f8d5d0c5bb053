/* check_module.c: checks one module level by level (see check_module.h): renders each level,
 * checks its size and style, measures its plain language and warns when it is harder than B1.
 * Each level keeps its own findings, so the author preview can show a level's findings with it. */
#include "content/check_module.h"

#include <stdlib.h>
#include <string.h>

#include "content/render.h"
#include "content/style.h"
#include "player/i18n.h"
#include "server/buf.h"

const char *check_formula_name(enum readability_lang lang)
{
    return lang == READABILITY_EN ? "Flesch Reading Ease" : lang == READABILITY_NL ? "Flesch-Douma" : NULL;
}

/* Why l is harder than B1, as up to four phrases worded when shown (player/i18n_msg.h) into
 * why[]; returns how many. Caller frees each. */
static size_t harder_reasons(const struct level_report *l, char *why[4])
{
    const struct readability *r = &l->text;
    const struct readability_scores *s = &l->scores;
    size_t n = 0, worst;
    if (readability_worst(r, &worst, 1) && r->items[worst].words > READABILITY_MAX_SENTENCE)
        /* TRANSLATORS: why a level is harder than B1: %1$d the words of its longest sentence,
         * %2$d the most a sentence may have. */
        why[n++] = i18n_msg_phrase(N_("a sentence of %1$d words (at most %2$d)"),
                                   r->items[worst].words, READABILITY_MAX_SENTENCE);
    if (s->average_sentence > READABILITY_MAX_AVERAGE)
        /* TRANSLATORS: why a level is harder than B1: %1$.1f words a sentence on average, %2$.0f
         * the most allowed. */
        why[n++] = i18n_msg_phrase(N_("%1$.1f words a sentence on average (at most %2$.0f)"),
                                   s->average_sentence, READABILITY_MAX_AVERAGE);
    if (s->lix > READABILITY_MAX_LIX)
        /* TRANSLATORS: why a level is harder than B1: %1$.1f its LIX, %2$.0f the highest allowed. */
        why[n++] = i18n_msg_phrase(N_("LIX %1$.1f (at most %2$.0f)"), s->lix, READABILITY_MAX_LIX);
    if (s->has_flesch && s->flesch < READABILITY_MIN_FLESCH)
        /* TRANSLATORS: why a level is harder than B1: %1$s a Flesch formula's name, %2$.1f its
         * score, %3$.0f the lowest allowed. */
        why[n++] = i18n_msg_phrase(N_("%1$s %2$.1f (at least %3$.0f)"),
                                   check_formula_name(r->lang), s->flesch, READABILITY_MIN_FLESCH);
    return n;
}

char *check_harder_because(const struct level_report *l, const struct i18n_lang *lang)
{
    char *why[4];
    size_t n = harder_reasons(l, why);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        if (i) buf_puts(&b, ", ");
        i18n_msg_put_arg(&b, why[i], lang);
        free(why[i]);
    }
    return buf_detach(&b, NULL);
}

size_t check_rewrite_first(const struct level_report *l, size_t *idx)
{
    if (l->scores.b1_ok) return 0;
    size_t n = readability_worst(&l->text, idx, CHECK_WORST_SHOWN);
    /* When some are over READABILITY_LONG_SENTENCE words only those: shortening them helps most. */
    if (n && l->text.items[idx[0]].words > READABILITY_LONG_SENTENCE)
        while (l->text.items[idx[n - 1]].words <= READABILITY_LONG_SENTENCE) n--;
    return n;
}

static void measure_level(struct level_report *l, const struct module *m)
{
    readability_init(&l->text, readability_lang(m->language));
    readability_module(&l->text, m, l->level);
    readability_score(&l->text, &l->scores);
    if (l->scores.b1_ok) return;
    size_t worst;
    int line = readability_worst(&l->text, &worst, 1) ? l->text.items[worst].line : 0;
    int column = line ? l->text.items[worst].column : 0;
    char *why[4] = {"", "", "", ""};
    size_t n = harder_reasons(l, why);
    if (n <= 1)
        diag_add(&l->diags, DIAG_WARNING, m->source_path, line, column, "level %d is harder than "
                 "B1: %s; rewrite first the sentences the report lists", l->level, why[0]);
    else if (n == 2)
        diag_add(&l->diags, DIAG_WARNING, m->source_path, line, column, "level %d is harder than "
                 "B1: %s, %s; rewrite first the sentences the report lists", l->level, why[0],
                 why[1]);
    else if (n == 3)
        diag_add(&l->diags, DIAG_WARNING, m->source_path, line, column, "level %d is harder than "
                 "B1: %s, %s, %s; rewrite first the sentences the report lists", l->level, why[0],
                 why[1], why[2]);
    else
        diag_add(&l->diags, DIAG_WARNING, m->source_path, line, column, "level %d is harder than "
                 "B1: %s, %s, %s, %s; rewrite first the sentences the report lists", l->level,
                 why[0], why[1], why[2], why[3]);
    for (size_t i = 0; i < n; i++) free(why[i]);
}

static void check_level(struct level_report *l, const struct module *m, const struct catalog *c)
{
    diag_list_init(&l->diags);
    l->html = render_module(m, l->level, &l->diags);
    if (l->html && strlen(l->html) > CHECK_MAX_BODY_BYTES)
        diag_add(&l->diags, DIAG_WARNING, m->source_path, 0, 0, "level %d renders to %zu KB "
                 "of HTML: keep it under %d KB so the page loads quickly on the shop-floor "
                 "Wi-Fi, or split the module", l->level, strlen(l->html) / 1024, CHECK_MAX_BODY_BYTES / 1024);
    style_check(m, l->level, c, &l->diags);
    measure_level(l, m);
    diag_sort(&l->diags);
    check_drop_repeats(&l->diags);
}

static void copy_diag(struct diag_list *dst, const struct diag *d)
{
    diag_copy(dst, d);
}

void check_module_report(const struct module *m, const struct catalog *c, struct module_report *out)
{
    *out = (struct module_report){.file = xstrdup(m->source_path), .id = xstrdup(m->id),
                                  .language = xstrdup(m->language)};
    for (int level = MODULE_MIN_LEVEL; level <= MODULE_MAX_LEVEL; level++) {
        if (!module_has_level(m, level)) continue;
        struct level_report *l = &out->levels[out->nlevels++];
        l->level = level;
        check_level(l, m, c);
    }
}

void check_module_report_free(struct module_report *r)
{
    for (int k = 0; k < r->nlevels; k++) {
        readability_free(&r->levels[k].text);
        diag_list_free(&r->levels[k].diags);
        free(r->levels[k].html);
    }
    free(r->file);
    free(r->id);
    free(r->language);
}

struct level_report *check_module_level(struct module_report *r, int level)
{
    for (int k = 0; k < r->nlevels; k++)
        if (r->levels[k].level == level) return &r->levels[k];
    return NULL;
}

size_t check_module_count(const struct module_report *r, enum diag_severity sev)
{
    struct diag_list all;
    diag_list_init(&all);
    for (int k = 0; k < r->nlevels; k++)
        for (size_t i = 0; i < r->levels[k].diags.len; i++) copy_diag(&all, &r->levels[k].diags.items[i]);
    diag_sort(&all);
    check_drop_repeats(&all);
    size_t n = diag_count(&all, sev);
    diag_list_free(&all);
    return n;
}

void check_module_take_diags(struct module_report *r, struct diag_list *dst)
{
    for (int k = 0; k < r->nlevels; k++) diag_list_move(dst, &r->levels[k].diags);
}

static int same_place(const struct diag *a, const struct diag *b)
{
    return a->line == b->line && a->column == b->column && strcmp(a->file, b->file) == 0;
}

/* Rendering every level finds the problems of shared text once per level: keep one. The list is
 * sorted, so a repeat sits among the findings kept for the same place. */
void check_drop_repeats(struct diag_list *l)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->len; i++) {
        struct diag *d = &l->items[i];
        int repeat = 0;
        for (size_t k = kept; k-- > 0 && same_place(&l->items[k], d) && !repeat;)
            repeat = l->items[k].severity == d->severity &&
                     strcmp(l->items[k].message, d->message) == 0;
        if (repeat) {
            diag_clear(d);
        } else {
            l->items[kept++] = *d;
        }
    }
    l->len = kept;
}
