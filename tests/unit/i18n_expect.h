/* i18n_expect.h: a page in both interface languages, for the page tests: rendered in English and
 * in Dutch, each English text listed is on the English page and gone from the Dutch one, whose
 * own texts are there instead. Included by tests/unit/test_*.c only (after cmocka.h). */
#ifndef STEPWISE_I18N_EXPECT_H
#define STEPWISE_I18N_EXPECT_H

#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"

/* A list of texts for check_page: TEXTS("a", "b"). */
#define TEXTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Renders the page (render returns a document the caller frees) in English and in Dutch: every
 * text of en is on the English page and none on the Dutch one; every text of nl is on the Dutch
 * page; each page says its language in <html lang>. */
static inline void check_page(char *(*render)(void), const char *const *en, const char *const *nl)
{
    const struct i18n_lang *dutch = i18n_find("nl");
    assert_non_null(dutch);
    i18n_use(i18n_english());
    char *english = render();
    i18n_use(dutch);
    char *translated = render();
    i18n_use(i18n_english());
    int english_lang = strstr(english, "<html lang=\"en\">") != NULL;
    int dutch_lang = strstr(translated, "<html lang=\"nl\">") != NULL;
    const char *missing = NULL, *left = NULL, *absent = NULL;
    for (; *en && !missing && !left; en++) {
        if (!strstr(english, *en)) missing = *en;
        else if (strstr(translated, *en)) left = *en;
    }
    for (; *nl && !absent; nl++)
        if (!strstr(translated, *nl)) absent = *nl;
    if (absent) fprintf(stderr, "%s\n", translated);
    free(english);
    free(translated);
    assert_true(english_lang);
    assert_true(dutch_lang);
    if (missing) fail_msg("not on the English page: \"%s\"", missing);
    if (left) fail_msg("left in English on the Dutch page: \"%s\"", left);
    if (absent) fail_msg("not on the Dutch page: \"%s\"", absent);
}

#endif
