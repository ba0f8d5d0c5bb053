/* readability.c: walks the cmark tree of a module's text, splits each paragraph, list item and
 * heading into sentences and words (abbreviations, numbers and web addresses do not end a
 * sentence), counts syllables with per-language vowel-group rules, and scores the result. */
#include "content/readability.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/levels.h"
#include "content/quiz.h"
#include "server/buf.h"

#define MAX_WORD 128

/* ---- characters ---- */

/* Decodes the UTF-8 character at s (the loader checked the encoding); sets *n to its bytes. */
static unsigned decode(const char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 || !u[1]) return *n = 1, u[0];
    if ((u[0] >> 5) == 6) return *n = 2, ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
    if ((u[0] >> 4) == 14 && u[2]) return *n = 3, ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
    if (u[2] && u[3]) return *n = 4, ((u[0] & 0x07u) << 18) | ((u[1] & 0x3fu) << 12) | ((u[2] & 0x3fu) << 6) | (u[3] & 0x3fu);
    return *n = 1, u[0];
}

static int is_punct(unsigned c)
{
    static const unsigned marks[] = {0xa1, 0xab, 0xbb, 0xbf, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a,
                                     0x201c, 0x201d, 0x201e, 0x2022, 0x2026, 0};
    if (c < 0x80) return c > ' ' && !(c >= '0' && c <= '9') && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    for (const unsigned *m = marks; *m; m++)
        if (*m == c) return 1;
    return 0;
}

/* Folds a letter to lowercase a-z, setting *trema for a diaeresis (which starts a syllable);
 * other letters become '#', a consonant; returns 0 for what is no letter. */
static char fold(unsigned c, int *trema)
{
    static const char latin1[] = "aaaaaaaceeeeiiii#nooooo#ouuuuy#";  /* U+00C0..U+00DE */
    *trema = 0;
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? (char)(c | 0x20) : 0;
    if (is_punct(c)) return 0;
    unsigned lower = (c >= 0xc0 && c <= 0xde && c != 0xd7) ? c + 0x20 : c;
    if (lower < 0xe0 || lower > 0xfe || lower == 0xf7) return '#';
    *trema = lower == 0xe4 || lower == 0xeb || lower == 0xef || lower == 0xf6 || lower == 0xfc;
    return latin1[lower - 0xe0];
}

/* ---- syllables ---- */

struct word {
    char c[MAX_WORD];
    unsigned char trema[MAX_WORD];
    int n;
};

static int ends_with(const struct word *w, const char *suffix)
{
    int k = (int)strlen(suffix);
    return w->n >= k && memcmp(w->c + w->n - k, suffix, (size_t)k) == 0;
}

static int en_vowel(const struct word *w, int i)
{
    if (i < 0 || i >= w->n) return 0;
    char c = w->c[i];
    if (strchr("aeio", c)) return 1;
    if (c == 'u') return !(i > 0 && w->c[i - 1] == 'q');          /* the u of "qu" is a consonant */
    if (c == 'y') return i > 0 && !(i + 1 < w->n && strchr("aeiou", w->c[i + 1]));
    return 0;
}

/* Words the rules below get wrong, with their dictionary count. */
static int en_exception(const struct word *w)
{
    static const struct { const char *word; int syllables; } list[] = {
        {"area", 3}, {"areas", 3}, {"idea", 3}, {"ideas", 3}, {"create", 2}, {"created", 3},
        {"creates", 2}, {"science", 2}, {"business", 2}, {"colleague", 2}, {"colleagues", 2},
        {"maybe", 2}, {"recipe", 3}, {"poem", 2}, {"poet", 2}, {"changeover", 3},
        {"changeovers", 3}, {NULL, 0}};
    for (int i = 0; list[i].word; i++)
        if ((int)strlen(list[i].word) == w->n && !memcmp(list[i].word, w->c, (size_t)w->n))
            return list[i].syllables;
    return 0;
}

/* A consonant + "le", as in "table" and "handled", keeps its syllable. */
static int en_syllabic_le(const struct word *w, int l)
{
    return w->c[l] == 'l' && l > 0 && !en_vowel(w, l - 1) && w->c[l - 1] != 'l';
}

/* The silent e of "safety", "sometimes", "statement": a lone e between consonants before an
 * ending that makes a compound or suffix. */
static int en_inner_silent_e(const struct word *w)
{
    static const char *const after[] = {"ful", "fully", "ly", "ty", "less", "ness", "ment", "ments",
                                        "where", "thing", "one", "body", "times", "time", "way",
                                        "work", "teen", NULL};
    for (int i = 2; i + 2 < w->n; i++) {
        if (w->c[i] != 'e' || en_vowel(w, i - 1) || !en_vowel(w, i - 2) || w->c[i - 2] == 'e')
            continue;
        for (int k = 0; after[k]; k++)
            if (!strcmp(w->c + i + 1, after[k])) return 1;
    }
    return 0;
}

static int en_pair_splits(const struct word *w)
{
    int extra = 0;
    for (int i = 1; i < w->n; i++) {
        if (!en_vowel(w, i - 1) || !en_vowel(w, i) || w->trema[i]) continue;
        char a = w->c[i - 1], b = w->c[i], next = i + 1 < w->n ? w->c[i + 1] : 0;
        char before = i >= 2 ? w->c[i - 2] : 0;
        if (a == 'i' && b == 'a' && !(before && strchr("ctsgx", before))) extra++;    /* media */
        else if (a == 'i' && b == 'o' && next != 'n' && next != 'u') extra++;         /* radio */
        else if (a == 'e' && b == 'o' && next != 'p' && next != 'u') extra++;         /* video */
        else if (a == 'u' && b == 'a' && before != 'g') extra++;                      /* usual */
        else if (a == 'i' && b == 'u') extra++;                                       /* medium */
        else if (a == 'u' && b == 'e' && (next == 'n' || next == 'l') && before != 'g') extra++;
        else if (a == 'i' && b == 'e' && next == 't') extra++;                        /* quiet */
        else if (a == 'i' && b == 'e' && next == 'n' && !(before && strchr("ct", before))) extra++;
    }
    return extra;
}

static int en_count(const struct word *w)
{
    int special = en_exception(w);
    if (special) return special;
    int n = w->n, count = 0;
    for (int i = 0; i < n; i++)
        if (en_vowel(w, i) && (i == 0 || !en_vowel(w, i - 1) || w->trema[i])) count++;
    if (n >= 2 && w->c[n - 1] == 'e' && !en_vowel(w, n - 2) &&
        !en_syllabic_le(w, n - 2) && !(w->c[n - 2] == 'r' && n >= 3 && !en_vowel(w, n - 3)))
        count--;                                                                 /* make */
    if (n >= 3 && (ends_with(w, "es") || ends_with(w, "ed")) && !en_vowel(w, n - 3) &&
        !en_syllabic_le(w, n - 3)) {
        char c = w->c[n - 3], b = n >= 4 ? w->c[n - 4] : 0;
        int keeps = w->c[n - 1] == 'd' ? (c == 't' || c == 'd')
                                       : (strchr("sxzcg", c) || (c == 'h' && (b == 'c' || b == 's')));
        if (!keeps) count--;                                                     /* makes, checked */
    }
    if (ends_with(w, "ing") && n >= 4 && en_vowel(w, n - 4)) count++;           /* going */
    if ((ends_with(w, "ier") || ends_with(w, "iest")) && n > 4 && !en_vowel(w, n - (ends_with(w, "ier") ? 4 : 5)))
        count++;                                                                 /* easier */
    for (const char *p = w->c; (p = strstr(p, "ious")); p++)
        if (p > w->c && !strchr("ctxg", p[-1])) count++;                         /* serious */
    if (!strncmp(w->c, "every", 5) && en_vowel(w, 4)) count--;                  /* every */
    count += en_pair_splits(w) - en_inner_silent_e(w);
    return count;
}

static int nl_vowel(const struct word *w, int i)
{
    if (i < 0 || i >= w->n) return 0;
    char c = w->c[i];
    if (strchr("aeio", c)) return 1;
    if (c == 'u') return !(i > 0 && w->c[i - 1] == 'q');
    if (c == 'y') return !(i + 1 < w->n && strchr("aeiou", w->c[i + 1]) && i == 0);
    return 0;
}

/* Dutch: each vowel sound (aa, ee, ie, oe, ui, ij, eeu, ooi, ...) is one syllable; a vowel with a
 * diaeresis starts a new one (ideeën), other vowel pairs are two (bioscoop, theater). */
static int nl_count(const struct word *w)
{
    static const char *const units[] = {"aai", "eeu", "ieu", "oei", "ooi", "aa", "ee", "ie", "oe",
                                        "oo", "uu", "eu", "ui", "ei", "ij", "ou", "au", "ai", "ey",
                                        "ay", "oy", NULL};
    int count = 0;
    for (int i = 0; i < w->n;) {
        if (!nl_vowel(w, i)) {
            i++;
            continue;
        }
        int len = 1;
        for (int k = 0; units[k] && len == 1; k++) {
            int ul = (int)strlen(units[k]);
            if (i + ul > w->n || memcmp(w->c + i, units[k], (size_t)ul)) continue;
            int clean = 1;
            for (int j = 1; j < ul; j++) clean &= !w->trema[i + j];
            if (clean) len = ul;
        }
        count++;
        i += len;
    }
    return count;
}

static int part_syllables(const struct word *w, enum readability_lang lang)
{
    if (!w->n) return 0;
    int n = lang == READABILITY_NL ? nl_count(w) : en_count(w);
    return n < 1 ? 1 : n;
}

int readability_syllables(const char *word, size_t len, enum readability_lang lang)
{
    struct word w = {.n = 0};
    int total = 0;
    for (size_t i = 0, n; i < len; i += n) {
        unsigned c = decode(word + i, &n);
        int trema;
        char f = fold(c, &trema);
        if (c == '-' || c == '/' || c == '.') {
            w.c[w.n] = '\0';
            total += part_syllables(&w, lang);
            w.n = 0;
        } else if (f && w.n < MAX_WORD - 1) {
            w.trema[w.n] = (unsigned char)trema;
            w.c[w.n++] = f;
        }
    }
    w.c[w.n] = '\0';
    total += part_syllables(&w, lang);
    return total < 1 ? 1 : total;
}

enum readability_lang readability_lang(const char *tag)
{
    if (!tag) return READABILITY_OTHER;
    if (!strncasecmp(tag, "en", 2) && (!tag[2] || tag[2] == '-')) return READABILITY_EN;
    if (!strncasecmp(tag, "nl", 2) && (!tag[2] || tag[2] == '-')) return READABILITY_NL;
    return READABILITY_OTHER;
}

/* ---- tokens and sentences ---- */

struct token {
    const char *s;
    size_t len;
    size_t core, core_end;      /* the token without leading and trailing punctuation */
};

static void token_core(struct token *t)
{
    t->core = t->core_end = t->len;
    for (size_t i = 0, n; i < t->len; i += n)
        if (!is_punct(decode(t->s + i, &n))) {
            if (t->core == t->len) t->core = i;
            t->core_end = i + n;
        }
    if (t->core == t->len) t->core = t->core_end = 0;
}

static int is_address(const struct token *t)
{
    const char *c = t->s + t->core;
    size_t n = t->core_end - t->core;
    return memmem(c, n, "://", 3) || memchr(c, '@', n) || (n > 4 && !strncasecmp(c, "www.", 4));
}

/* Letters of the core (digits and marks do not count); 0 for a number such as 3.5 or 1,5. */
static int letters(const struct token *t)
{
    int count = 0, trema;
    for (size_t i = t->core, n; i < t->core_end; i += n)
        if (fold(decode(t->s + i, &n), &trema)) count++;
    return count;
}

/* 1 when the core is an abbreviation whose period does not end a sentence: one from the lists,
 * a single letter (an initial), or short letter groups joined by dots (e.g, d.w.z, o.a). */
static int is_abbreviation(const struct token *t, int *final)
{
    static const char *const list[] = {"mr", "mrs", "ms", "dr", "vs", "nr", "approx", "fig", "jr",
                                       "sr", "prof", "dept", "inc", "ltd", "cf", "ca", "bijv", "bv",
                                       "dhr", "mevr", "blz", "evt", "incl", "excl", "zgn", "resp",
                                       "vgl", "pag", "etc", "enz", "usw", NULL};
    static const char *const ends[] = {"etc", "enz", "usw", "a.m", "p.m", NULL};
    const char *c = t->s + t->core;
    size_t n = t->core_end - t->core;
    *final = 0;
    for (int i = 0; ends[i]; i++)
        if (strlen(ends[i]) == n && !strncasecmp(c, ends[i], n)) *final = 1;
    for (int i = 0; list[i]; i++)
        if (strlen(list[i]) == n && !strncasecmp(c, list[i], n)) return 1;
    size_t run = 0, dots = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)c[i];
        if (ch == '.') {
            if (!run) return 0;
            dots++, run = 0;
        } else if (((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && ++run <= 2) {
            continue;
        } else {
            return 0;
        }
    }
    return (n == 1 && run == 1) || (dots && run);
}

static int starts_lowercase(const struct token *t)
{
    if (!t || t->core == t->core_end) return 0;
    unsigned char c = (unsigned char)t->s[t->core];
    return c >= 'a' && c <= 'z';
}

/* Whether the punctuation after token t's core ends the sentence, next being the token after. */
static int ends_sentence(const struct token *t, const struct token *next)
{
    const char *tail = t->s + t->core_end;
    size_t n = t->len - t->core_end;
    if (memchr(tail, '!', n) || memchr(tail, '?', n)) return 1;
    if (!memchr(tail, '.', n) && !memmem(tail, n, "\xe2\x80\xa6", 3)) return 0;
    if (!next) return 1;
    if (starts_lowercase(next)) return 0;
    int final;
    if (t->core_end > t->core && !is_address(t) && is_abbreviation(t, &final)) return final;
    return 1;
}

/* ---- blocks ---- */

struct seg {
    size_t off;         /* where a text node starts in the block's text */
    int line, column;
};

struct block {
    struct buf text;
    struct seg *segs;
    size_t nsegs, cap;
    int first_line;
};

static void block_add(struct block *b, cmark_node *n, const char *text)
{
    if (cmark_node_get_start_line(n) > 0) {
        if (b->nsegs == b->cap) b->segs = xrealloc(b->segs, (b->cap = b->cap ? b->cap * 2 : 8) * sizeof *b->segs);
        b->segs[b->nsegs++] = (struct seg){b->text.len, cmark_node_get_start_line(n) + b->first_line - 1,
                                           cmark_node_get_start_column(n)};
    }
    buf_puts(&b->text, text);
}

/* The text of a paragraph or heading: images and raw HTML are left out, breaks are spaces. */
static void block_collect(struct block *b, cmark_node *node)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_node *skip = NULL;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        if (skip) {
            if (n == skip && ev == CMARK_EVENT_EXIT) skip = NULL;
            continue;
        }
        if (type == CMARK_NODE_IMAGE && ev == CMARK_EVENT_ENTER) skip = n;
        else if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) block_add(b, n, cmark_node_get_literal(n));
        else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) buf_putc(&b->text, ' ');
    }
    cmark_iter_free(it);
}

static void block_position(const struct block *b, size_t off, int *line, int *column)
{
    *line = b->first_line, *column = 1;
    for (size_t i = 0; i < b->nsegs && b->segs[i].off <= off; i++) {
        *line = b->segs[i].line;
        *column = b->segs[i].column + (int)(off - b->segs[i].off);
    }
}

static void add_sentence(struct readability *r, const struct block *b, size_t from, size_t to,
                         const struct readability_sentence *counts)
{
    if (!counts->words) return;
    if (r->len == r->cap) r->items = xrealloc(r->items, (r->cap = r->cap ? r->cap * 2 : 32) * sizeof *r->items);
    struct readability_sentence *s = &r->items[r->len++];
    *s = *counts;
    block_position(b, from, &s->line, &s->column);
    s->text = xmalloc(to - from + 1);
    size_t n = 0;
    for (size_t i = from; i < to; i++)      /* an image left out leaves two spaces: keep one */
        if (b->text.data[i] != ' ' || (n && s->text[n - 1] != ' ')) s->text[n++] = b->text.data[i];
    s->text[n] = '\0';
    r->words += s->words;
    r->syllables += s->syllables;
    r->long_words += s->long_words;
}

static int next_token(const char *text, size_t *pos, struct token *t)
{
    size_t i = *pos;
    while (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') i++;
    if (!text[i]) return 0;
    size_t start = i;
    while (text[i] && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') i++;
    *t = (struct token){.s = text + start, .len = i - start};
    token_core(t);
    *pos = i;
    return 1;
}

static void count_word(struct readability_sentence *c, const struct token *t, enum readability_lang lang)
{
    if (t->core == t->core_end || is_address(t)) return;
    int n = letters(t);
    c->words++;
    c->syllables += n ? readability_syllables(t->s + t->core, t->core_end - t->core, lang) : 1;
    if (n > READABILITY_LONG_WORD) c->long_words++;
}

static void block_sentences(struct readability *r, struct block *b)
{
    const char *text = b->text.data ? b->text.data : "";
    struct token t, next;
    size_t pos = 0, from = 0, to = 0;
    int have = next_token(text, &pos, &t), started = 0;
    struct readability_sentence counts = {0};
    while (have) {
        int more = next_token(text, &pos, &next);
        if (!started) from = (size_t)(t.s - text), started = 1;
        count_word(&counts, &t, r->lang);
        to = (size_t)(t.s - text) + t.len;
        if (!more || ends_sentence(&t, more ? &next : NULL)) {
            add_sentence(r, b, from, to, &counts);
            counts = (struct readability_sentence){0};
            started = 0;
        }
        t = next;
        have = more;
    }
}

void readability_init(struct readability *r, enum readability_lang lang)
{
    memset(r, 0, sizeof *r);
    r->lang = lang;
}

void readability_free(struct readability *r)
{
    for (size_t i = 0; i < r->len; i++) free(r->items[i].text);
    free(r->items);
    readability_init(r, r->lang);
}

void readability_markdown(struct readability *r, const char *md, int first_line)
{
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type type = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING))
            continue;
        struct block b = {.first_line = first_line};
        buf_init(&b.text);
        block_collect(&b, n);
        block_sentences(r, &b);
        buf_free(&b.text);
        free(b.segs);
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
}

/* The learner reads the level's questions too: prompts, options, feedback and hints count,
 * each placed on the line of its question's fence. */
static void measure_questions(struct readability *r, const struct module *m, int level)
{
    struct quiz q;
    quiz_load(m, level, &q);
    for (size_t i = 0; i < q.n; i++) {
        const struct question *x = q.items[i];
        const char *texts[4 + 2 * QUESTION_MAX_OPTIONS];
        size_t n = 0;
        texts[n++] = x->prompt;
        texts[n++] = x->hint;
        texts[n++] = x->feedback_right;
        texts[n++] = x->feedback_wrong;
        for (size_t k = 0; k < x->noptions && x->type != QUESTION_TRUE_FALSE; k++)
            texts[n++] = x->options[k].text;
        for (size_t k = 0; k < x->noptions; k++) texts[n++] = x->options[k].feedback;
        for (size_t k = 0; k < n; k++)
            if (texts[k]) readability_markdown(r, texts[k], x->line);
    }
    quiz_free(&q);
}

void readability_module(struct readability *r, const struct module *m, int level)
{
    char *md = levels_select(m->markdown, level);
    readability_markdown(r, md, m->body_line);
    free(md);
    measure_questions(r, m, level);
}

void readability_score(const struct readability *r, struct readability_scores *s)
{
    memset(s, 0, sizeof *s);
    s->has_flesch = r->lang != READABILITY_OTHER;
    int longest = 0;
    for (size_t i = 0; i < r->len; i++) {
        if (r->items[i].words > READABILITY_LONG_SENTENCE) s->long_sentences++;
        if (r->items[i].words > longest) longest = r->items[i].words;
    }
    s->b1_ok = 1;
    if (!r->words) return;
    s->average_sentence = (double)r->words / (double)r->len;
    s->average_syllables = (double)r->syllables / r->words;
    s->long_word_percent = 100.0 * r->long_words / r->words;
    s->lix = s->average_sentence + s->long_word_percent;
    if (r->lang == READABILITY_EN)
        s->flesch = 206.835 - 1.015 * s->average_sentence - 84.6 * s->average_syllables;
    else if (r->lang == READABILITY_NL)
        s->flesch = 206.835 - 0.93 * s->average_sentence - 77.0 * s->average_syllables;
    s->b1_ok = s->average_sentence <= READABILITY_MAX_AVERAGE && s->lix <= READABILITY_MAX_LIX &&
               (!s->has_flesch || s->flesch >= READABILITY_MIN_FLESCH) &&
               longest <= READABILITY_MAX_SENTENCE;
}

/* 1 when sentence a is harder than b: more words, then more syllables a word. */
static int harder(const struct readability_sentence *a, const struct readability_sentence *b)
{
    if (a->words != b->words) return a->words > b->words;
    return (long)a->syllables * b->words > (long)b->syllables * a->words;
}

size_t readability_worst(const struct readability *r, size_t *idx, size_t n)
{
    size_t found = 0;
    for (size_t i = 0; n && i < r->len; i++) {
        size_t k = found < n ? found++ : n;
        if (k == n && !harder(&r->items[i], &r->items[idx[n - 1]])) continue;
        if (k == n) k = n - 1;
        while (k > 0 && harder(&r->items[i], &r->items[idx[k - 1]])) idx[k] = idx[k - 1], k--;
        idx[k] = i;
    }
    return found;
}
