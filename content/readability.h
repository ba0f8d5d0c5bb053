/* readability.h: plain-language (B1) metrics of a module's text at one level: sentences, words,
 * syllables and long words for English and Dutch, LIX, Flesch Reading Ease (English) or
 * Flesch-Douma (Dutch), and a verdict. The thresholds and their sources are in README.md,
 * "Checking modules". */
#ifndef STEPWISE_READABILITY_H
#define STEPWISE_READABILITY_H

#include <stddef.h>

#include "content/module.h"

/* A sentence over this many words is listed for rewriting. */
#define READABILITY_LONG_SENTENCE 20
/* A sentence over this many words makes the text harder than B1. */
#define READABILITY_MAX_SENTENCE 25
/* Highest average sentence length (words) for B1. */
#define READABILITY_MAX_AVERAGE 15.0
/* Highest LIX for B1: below 40 is "easy" on Björnsson's scale. */
#define READABILITY_MAX_LIX 40.0
/* Lowest Flesch Reading Ease / Flesch-Douma for B1: 60 is where "plain English" and Douma's
 * "normaal" begin. */
#define READABILITY_MIN_FLESCH 60.0
/* A long word has more than this many letters (the LIX definition). */
#define READABILITY_LONG_WORD 6

enum readability_lang { READABILITY_EN, READABILITY_NL, READABILITY_OTHER };

struct readability_sentence {
    int line, column;       /* where it starts in the module file (1-based) */
    int words, syllables, long_words;
    char *text;             /* owned */
};

struct readability {
    enum readability_lang lang;
    int words, syllables, long_words;
    struct readability_sentence *items;    /* every sentence in text order; owned */
    size_t len;
    size_t cap;             /* items allocated */
};

struct readability_scores {
    double average_sentence;    /* words per sentence */
    double average_syllables;   /* syllables per word */
    double long_word_percent;   /* share of words over READABILITY_LONG_WORD letters, 0..100 */
    double lix;
    double flesch;              /* Flesch Reading Ease (en) or Flesch-Douma (nl) */
    int has_flesch;             /* 0 for languages without a Flesch formula here */
    int long_sentences;         /* sentences over READABILITY_LONG_SENTENCE words */
    int b1_ok;                  /* 1: "B1 ok", 0: "harder than B1" */
};

/* READABILITY_EN for "en", "en-GB", ...; READABILITY_NL for "nl", "nl-BE", ...; else OTHER. */
enum readability_lang readability_lang(const char *tag);

/* Syllables of one word (UTF-8, len bytes), at least 1; parts joined by '-', '/' or '.' are
 * counted apart. A heuristic: vowel groups with the rules of each language. */
int readability_syllables(const char *word, size_t len, enum readability_lang lang);

void readability_init(struct readability *r, enum readability_lang lang);
void readability_free(struct readability *r);

/* Adds the sentences of Markdown md whose first line is line first_line of the module file:
 * paragraphs, list items and headings, each ending a sentence of its own; code blocks (and so
 * embeds), raw HTML and images are left out. */
void readability_markdown(struct readability *r, const char *md, int first_line);

/* The text shown at level: readability_markdown of the level-selected body, then the texts of
 * the level's questions (prompt, options, feedback, hint) on the line of each question. */
void readability_module(struct readability *r, const struct module *m, int level);

void readability_score(const struct readability *r, struct readability_scores *s);

/* Fills idx with the indexes of the up to n hardest sentences, hardest first (most words, then
 * most syllables a word); returns how many. */
size_t readability_worst(const struct readability *r, size_t *idx, size_t n);

#endif
