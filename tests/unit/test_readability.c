/* test_readability.c: syllables on English and Dutch word lists (dictionary counts), sentence
 * splitting around abbreviations, numbers, decimals, web addresses, lists and headings, and the
 * metrics against values worked out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/readability.h"
#include "tests/unit/content_expect.h"

struct count {
    const char *word;
    int syllables;
};

static void expect_syllables(const struct count *list, enum readability_lang lang)
{
    int wrong = 0;
    for (const struct count *c = list; c->word; c++) {
        int got = readability_syllables(c->word, strlen(c->word), lang);
        if (got != c->syllables) {
            fprintf(stderr, "%s: %d syllables, expected %d\n", c->word, got, c->syllables);
            wrong++;
        }
    }
    assert_int_equal(wrong, 0);
}

/* Counts as a dictionary splits the words (Merriam-Webster); each rule of en_count is met. */
static void test_english_syllables(void **state)
{
    (void)state;
    static const struct count list[] = {
        {"the", 1}, {"cat", 1}, {"make", 1}, {"makes", 1}, {"table", 2}, {"tables", 2},
        {"handled", 2}, {"called", 1}, {"checked", 1}, {"lifted", 2}, {"boxes", 2},
        {"places", 2}, {"changes", 2}, {"goes", 1}, {"shoes", 1}, {"uses", 2}, {"wishes", 2},
        {"clothes", 1}, {"agreed", 2}, {"played", 1}, {"tried", 1}, {"carried", 2},
        {"going", 2}, {"being", 2}, {"saying", 2}, {"video", 3}, {"radio", 3}, {"audio", 3},
        {"people", 2}, {"usual", 3}, {"language", 2}, {"equal", 2}, {"quick", 1},
        {"quality", 3}, {"question", 2}, {"medium", 3}, {"media", 3}, {"special", 2},
        {"material", 4}, {"period", 3}, {"union", 2}, {"action", 2}, {"serious", 3},
        {"cautious", 2}, {"easier", 3}, {"easiest", 3}, {"quiet", 2}, {"experience", 4},
        {"client", 2}, {"patient", 2}, {"every", 2}, {"everyone", 3}, {"everything", 3},
        {"sometimes", 2}, {"something", 2}, {"safety", 2}, {"careful", 2}, {"statement", 2},
        {"management", 3}, {"element", 3}, {"fire", 1}, {"here", 1}, {"free", 1}, {"agree", 2},
        {"eye", 1}, {"you", 1}, {"yellow", 2}, {"beyond", 2}, {"player", 2}, {"style", 1},
        {"whole", 1}, {"little", 2}, {"machine", 2}, {"mentee", 2}, {"feedback", 2},
        {"colleague", 2}, {"emergency", 4}, {"extinguisher", 4}, {"equipment", 3},
        {"evaluation", 5}, {"continue", 3}, {"value", 2}, {"guide", 1}, {"area", 3},
        {"idea", 3}, {"changeover", 3}, {"centre", 2}, {"studied", 2}, {"themselves", 2},
        {"dangerous", 3}, {"comfortable", 4}, {"technology", 4},
        /* marks, hyphens and apostrophes */
        {"don't", 1}, {"arm's", 1}, {"Wi-Fi", 2}, {"lock-out", 2}, {"naïve", 2}, {"SAFETY", 2},
        {"e.g", 2}, {"mp4", 1}, {NULL, 0}};
    expect_syllables(list, READABILITY_EN);
}

/* Counts as the Dutch word is split into syllables (Woordenlijst): each vowel sound is one,
 * a diaeresis starts a new one. */
static void test_dutch_syllables(void **state)
{
    (void)state;
    static const struct count list[] = {
        {"bijvoorbeeld", 3}, {"lettergreep", 3}, {"veiligheid", 3}, {"ideeën", 3}, {"nieuw", 1},
        {"mooie", 2}, {"koeien", 2}, {"bioscoop", 3}, {"situatie", 4}, {"eeuw", 1}, {"zee", 1},
        {"knieën", 2}, {"geïnteresseerd", 5}, {"uitleggen", 3}, {"medewerker", 4},
        {"werkplaats", 2}, {"handschoenen", 3}, {"vergadering", 4}, {"ruïne", 3}, {"aaien", 2},
        {"leeuw", 1}, {"politie", 3}, {"e-mail", 2}, {"gebruiken", 3}, {"koud", 1}, {"blauw", 1},
        {"zoiets", 2}, {"familie", 3}, {"één", 1}, {"cafés", 2}, {"theater", 3},
        {"veiligheidsbril", 4}, {"ongelukken", 4}, {"zo'n", 1}, {"auto's", 2}, {"baby", 2},
        {"leerling", 2}, {"begeleider", 4}, {"onderhoud", 3}, {"collega", 3}, {"oefenen", 3},
        {"uur", 1}, {"reageren", 4}, {"geüpdatet", 4}, {"yoghurt", 2}, {NULL, 0}};
    expect_syllables(list, READABILITY_NL);
}

static void test_language_tags(void **state)
{
    (void)state;
    assert_int_equal(readability_lang("en"), READABILITY_EN);
    assert_int_equal(readability_lang("en-GB"), READABILITY_EN);
    assert_int_equal(readability_lang("nl-BE"), READABILITY_NL);
    assert_int_equal(readability_lang("NL"), READABILITY_NL);
    assert_int_equal(readability_lang("de"), READABILITY_OTHER);
    assert_int_equal(readability_lang("eng"), READABILITY_OTHER);
    assert_int_equal(readability_lang(NULL), READABILITY_OTHER);
}

/* Splits md (its first line being line 10 of the file) and checks the sentences found. */
static void expect_sentences(enum readability_lang lang, const char *md, const char *const *want)
{
    struct readability r;
    readability_init(&r, lang);
    readability_markdown(&r, md, 10);
    size_t n = 0;
    while (want[n]) n++;
    for (size_t i = 0; i < r.len; i++) fprintf(stderr, "  [%zu] %s\n", i, r.items[i].text);
    assert_int_equal(r.len, n);
    for (size_t i = 0; i < n; i++) assert_string_equal(r.items[i].text, want[i]);
    readability_free(&r);
}

static void test_english_sentences(void **state)
{
    (void)state;
    static const char md[] =
        "## Lifting, step by step\n"
        "\n"
        "Ask Dr. Smith or Mrs. Jones, e.g. at 7.30 in the morning. The box weighs 12.5 kg, i.e.\n"
        "more than 1,000 grams! Is that heavy? Tools, gloves, etc. Then go.\n"
        "\n"
        "1. Bend your knees\n"
        "2. Lift. Keep your back straight\n"
        "\n"
        "- Read https://example.com/lifting.html. Then mail safety@example.com for help.\n"
        "- He said \"Stop.\" Then he left...\n"
        "\n"
        "```video\n"
        "src: lift.mp4\n"
        "title: Lifting. Not counted.\n"
        "```\n"
        "\n"
        "![A worker lifts a box. Not counted either.](lift.jpg) Look at the picture.\n"
        "\n"
        "Setext heading\n"
        "--------------\n"
        "> A quote. It counts too.\n";
    static const char *const want[] = {
        "Lifting, step by step",
        "Ask Dr. Smith or Mrs. Jones, e.g. at 7.30 in the morning.",
        "The box weighs 12.5 kg, i.e. more than 1,000 grams!",
        "Is that heavy?",
        "Tools, gloves, etc.",
        "Then go.",
        "Bend your knees",
        "Lift.",
        "Keep your back straight",
        "Read https://example.com/lifting.html.",
        "Then mail safety@example.com for help.",
        "He said \"Stop.\"",
        "Then he left...",
        "Look at the picture.",
        "Setext heading",
        "A quote.",
        "It counts too.",
        NULL};
    expect_sentences(READABILITY_EN, md, want);
}

static void test_dutch_sentences(void **state)
{
    (void)state;
    static const char md[] =
        "# Veilig werken\n"
        "Draag bijv. je bril. Dat is 1,5 keer veiliger, d.w.z. minder ongelukken.\n"
        "Vraag het o.a. aan dhr. Jansen, enz. Daarna ga je aan de slag.\n"
        "Het kost 3,50 euro. Op 1 jan. begint het nieuwe rooster.\n"
        "\n"
        "* Eerste punt\n"
        "* Tweede punt\n";
    static const char *const want[] = {
        "Veilig werken",
        "Draag bijv. je bril.",
        "Dat is 1,5 keer veiliger, d.w.z. minder ongelukken.",
        "Vraag het o.a. aan dhr. Jansen, enz.",
        "Daarna ga je aan de slag.",
        "Het kost 3,50 euro.",
        "Op 1 jan. begint het nieuwe rooster.",
        "Eerste punt",
        "Tweede punt",
        NULL};
    expect_sentences(READABILITY_NL, md, want);
}

static void test_sentence_positions_and_counts(void **state)
{
    (void)state;
    struct readability r;
    readability_init(&r, READABILITY_EN);
    readability_markdown(&r, "Intro here.\n\n- One two. Three **four** five.\n", 10);
    assert_int_equal(r.len, 3);
    assert_int_equal(r.items[0].line, 10);
    assert_int_equal(r.items[0].column, 1);
    assert_int_equal(r.items[1].line, 12);
    assert_int_equal(r.items[1].column, 3);
    assert_int_equal(r.items[2].line, 12);
    assert_int_equal(r.items[2].column, 12);
    assert_int_equal(r.items[2].words, 3);      /* "**four**" is one word, not split by markup */
    /* Numbers and web addresses: 7.30 and 1,5 are one word of one syllable; an address is none. */
    readability_markdown(&r, "At 7.30 or 1,5 see www.example.com now.\n", 20);
    assert_int_equal(r.len, 4);
    assert_int_equal(r.items[3].words, 6);
    assert_int_equal(r.items[3].syllables, 6);
    readability_free(&r);
}

static void assert_near(double got, double want)
{
    if (got < want - 0.0005 || got > want + 0.0005) fail_msg("got %.6f, expected %.6f", got, want);
}

/* By hand (syllables as a dictionary splits them; long = more than 6 letters):
 *   "Safety first"                       2 words: Saf-ty 2, first 1               = 3 syllables
 *   "Wear your safety glasses."          4 words: 1 + 1 + 2 + glass-es 2          = 6, long: glasses
 *   "Dr. Smith checks them every morning at 7.30 each day!"
 *                                        10 words: Dr 1, Smith 1, checks 1, them 1, ev-ery 2,
 *                                        morn-ing 2, at 1, 7.30 1, each 1, day 1  = 12, long: morning
 *   3 sentences, 16 words, 21 syllables, 2 long words.
 *   ASL = 16 / 3 = 5.333333; ASW = 21 / 16 = 1.3125; long words = 2 / 16 = 12.5 %
 *   LIX = 5.333333 + 12.5 = 17.833333
 *   Flesch Reading Ease = 206.835 - 1.015 * 5.333333 - 84.6 * 1.3125
 *                       = 206.835 - 5.413333 - 111.0375 = 90.384167 */
static void test_english_metrics_by_hand(void **state)
{
    (void)state;
    struct readability r;
    struct readability_scores s;
    readability_init(&r, READABILITY_EN);
    readability_markdown(&r, "## Safety first\n\nWear your safety glasses. Dr. Smith checks them "
                             "every morning at 7.30 each day!\n", 1);
    readability_score(&r, &s);
    assert_int_equal(r.len, 3);
    assert_int_equal(r.words, 16);
    assert_int_equal(r.syllables, 21);
    assert_int_equal(r.long_words, 2);
    assert_near(s.average_sentence, 5.333333);
    assert_near(s.average_syllables, 1.3125);
    assert_near(s.long_word_percent, 12.5);
    assert_near(s.lix, 17.833333);
    assert_true(s.has_flesch);
    assert_near(s.flesch, 90.384167);
    assert_int_equal(s.long_sentences, 0);
    assert_true(s.b1_ok);
    readability_free(&r);
}

/* By hand:
 *   "Draag bijv. je veiligheidsbril."    4 words: draag 1, bijv 1, je 1, vei-lig-heids-bril 4
 *                                        = 7 syllables, long: veiligheidsbril
 *   "Dat is 1,5 keer veiliger, d.w.z. minder ongelukken."
 *                                        8 words: dat 1, is 1, 1,5 1, keer 1, vei-li-ger 3,
 *                                        d.w.z 3 (one a letter), min-der 2, on-ge-luk-ken 4
 *                                        = 16, long: veiliger, ongelukken
 *   "Kijk goed" (a list item)            2 words: 1 + 1 = 2
 *   3 sentences, 14 words, 25 syllables, 3 long words.
 *   ASL = 14 / 3 = 4.666667; ASW = 25 / 14 = 1.785714; long words = 3 / 14 = 21.428571 %
 *   LIX = 4.666667 + 21.428571 = 26.095238
 *   Flesch-Douma = 206.835 - 0.93 * 4.666667 - 77 * 1.785714
 *                = 206.835 - 4.34 - 137.5 = 64.995 */
static void test_dutch_metrics_by_hand(void **state)
{
    (void)state;
    struct readability r;
    struct readability_scores s;
    readability_init(&r, READABILITY_NL);
    readability_markdown(&r, "Draag bijv. je veiligheidsbril. Dat is 1,5 keer veiliger, d.w.z. "
                             "minder ongelukken.\n\n- Kijk goed\n", 1);
    readability_score(&r, &s);
    assert_int_equal(r.len, 3);
    assert_int_equal(r.words, 14);
    assert_int_equal(r.syllables, 25);
    assert_int_equal(r.long_words, 3);
    assert_near(s.average_sentence, 4.666667);
    assert_near(s.average_syllables, 1.785714);
    assert_near(s.long_word_percent, 21.428571);
    assert_near(s.lix, 26.095238);
    assert_near(s.flesch, 64.995);
    assert_true(s.b1_ok);
    readability_free(&r);
}

/* One sentence of 26 words (over the limit of 25) makes a text harder than B1 however easy the
 * rest is; the worst sentences come hardest first. */
static void test_verdict_and_worst(void **state)
{
    (void)state;
    struct readability r;
    struct readability_scores s;
    readability_init(&r, READABILITY_EN);
    readability_markdown(&r,
        "Lift with your legs. Keep your body upright.\n\n"
        "When you lift a box you keep it close to your body and you bend your knees and you do "
        "not twist your back at all.\n\n"
        "Ask for help when the box is too heavy for one person to lift safely.\n", 1);
    readability_score(&r, &s);
    assert_int_equal(r.len, 4);
    assert_int_equal(r.items[2].words, 26);
    assert_int_equal(s.long_sentences, 1);
    assert_false(s.b1_ok);
    size_t worst[3];
    assert_int_equal(readability_worst(&r, worst, 3), 3);
    assert_int_equal(worst[0], 2);
    assert_int_equal(worst[1], 3);
    /* Same length (4 words): the one with more syllables a word is harder. */
    assert_int_equal(worst[2], 1);
    readability_free(&r);

    /* Average sentence length over 15 words fails even without very long sentences. */
    readability_init(&r, READABILITY_OTHER);
    readability_markdown(&r, "Een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien "
                             "veertien vijftien zestien.\n", 1);
    readability_score(&r, &s);
    assert_false(s.has_flesch);
    assert_near(s.average_sentence, 16.0);
    assert_false(s.b1_ok);
    readability_free(&r);
}

static void test_empty_text_is_ok(void **state)
{
    (void)state;
    struct readability r;
    struct readability_scores s;
    readability_init(&r, READABILITY_EN);
    readability_markdown(&r, "```video\nsrc: a.mp4\n```\n\n![Only a picture](a.jpg)\n", 1);
    readability_score(&r, &s);
    assert_int_equal(r.len, 0);
    assert_int_equal(r.words, 0);
    assert_true(s.b1_ok);
    readability_free(&r);
}

static void test_module_level_text(void **state)
{
    (void)state;
    struct module *m = fake_module(NULL, "## Start\n\n::: level 1\nBasic words here.\n:::\n\n"
                                         "::: level 2\nDeeper words here. And more.\n:::\n", 6);
    struct readability r;
    readability_init(&r, READABILITY_EN);
    readability_module(&r, m, 1);
    assert_int_equal(r.len, 2);
    assert_string_equal(r.items[1].text, "Basic words here.");
    assert_int_equal(r.items[1].line, 13);      /* the body starts on line 10 of mem.md */
    readability_free(&r);
    readability_module(&r, m, 2);
    assert_int_equal(r.len, 3);
    assert_string_equal(r.items[2].text, "And more.");
    readability_free(&r);
    module_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_syllables),
        cmocka_unit_test(test_dutch_syllables),
        cmocka_unit_test(test_language_tags),
        cmocka_unit_test(test_english_sentences),
        cmocka_unit_test(test_dutch_sentences),
        cmocka_unit_test(test_sentence_positions_and_counts),
        cmocka_unit_test(test_english_metrics_by_hand),
        cmocka_unit_test(test_dutch_metrics_by_hand),
        cmocka_unit_test(test_verdict_and_worst),
        cmocka_unit_test(test_empty_text_is_ok),
        cmocka_unit_test(test_module_level_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
