/* test_quiz.c: the question syntax (content/question.c, content/quiz.c): every type parsed from
 * the fixture module, the questions of each level, every mistake `stepwise check` reports with
 * its file:line:column (one fixture file a mistake, tests/data/modules/quiz-errors), the
 * mastery key, scoring (fill-in ignoring case and spaces, multiple choice exactly), and the
 * rendered form field that holds no answers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/check.h"
#include "content/question_html.h"
#include "content/quiz.h"
#include "content/readability.h"
#include "content/render.h"
#include "tests/unit/content_expect.h"

#define FIXTURE MODULES_DATA "/quiz/lifting-check.md"
#define ERRORS MODULES_DATA "/quiz-errors/"

static struct module *load(const char *path, struct diag_list *d)
{
    diag_list_init(d);
    return module_load(path, d);
}

static void test_every_type_parses(void **state)
{
    (void)state;
    struct diag_list d;
    struct module *m = load(FIXTURE, &d);
    assert_non_null(m);
    assert_int_equal(d.len, 0);
    assert_true(m->mastery > 0.749 && m->mastery < 0.751);
    struct quiz q;
    quiz_load(m, 1, &q);
    assert_int_equal(q.n, 4);
    const struct question *bend = q.items[0], *tf = q.items[1], *multi = q.items[2], *fill = q.items[3];
    assert_string_equal(bend->id, "bend");
    assert_int_equal(bend->type, QUESTION_SINGLE);
    assert_int_equal(bend->noptions, 2);
    assert_true(bend->options[0].correct);
    assert_false(bend->options[1].correct);
    assert_string_equal(bend->options[1].feedback, "No. A round back gets hurt.");
    assert_string_equal(bend->hint, "Think of how you sit down on a low chair.");
    assert_int_equal(bend->line, 17);
    assert_int_equal(bend->id_line, 18);
    assert_int_equal(tf->type, QUESTION_TRUE_FALSE);
    assert_string_equal(tf->options[0].text, "True");
    assert_false(tf->options[0].correct);
    assert_true(tf->options[1].correct);
    assert_string_equal(tf->feedback_wrong, "No. A box of 30 kg is too heavy for one person.");
    assert_int_equal(multi->type, QUESTION_MULTIPLE);
    assert_string_equal(question_interaction_type(multi), "choice");
    assert_int_equal(fill->type, QUESTION_FILL_IN);
    assert_int_equal(fill->nanswers, 2);
    assert_string_equal(fill->answers[1], "2");
    assert_string_equal(question_interaction_type(fill), "fill-in");
    quiz_free(&q);
    /* level 2 has its own check */
    quiz_load(m, 2, &q);
    assert_int_equal(q.n, 1);
    assert_string_equal(q.items[0]->id, "close");
    quiz_free(&q);
    quiz_load(m, 3, &q);
    assert_int_equal(q.n, 0);
    quiz_free(&q);
    module_free(m);
    diag_list_free(&d);
}

/* Each fixture holds one mistake; the module does not load and the error is at its place. */
static void test_every_mistake_is_reported(void **state)
{
    (void)state;
    static const struct { const char *file; int line, column; const char *words; } cases[] = {
        {"no-correct", 19, 3, "no option is correct: mark the right one with \"correct: true\""},
        {"not-an-option", 18, 9, "answer \"maybe\" is not an option"},
        {"duplicate-id", 23, 1, "question id \"bend\" is already used by the question on line 15"},
        {"empty-option", 21, 11, "option 2 is empty"},
        {"empty-answer", 18, 16, "answer 2 is empty"},
        {"no-fill-in-answer", 18, 10, "no correct answer: list at least one accepted answer"},
        {"two-correct-single", 19, 3, "a single-choice question has one correct option, this one has 2"},
        {"unknown-key", 19, 1, "unknown key \"hnit\" in a question"},
        {"bad-type", 16, 7, "type \"essay\" is not a question type"},
        {"not-yaml", 17, 1, "this question is not valid YAML"},
        {"misplaced-key", 20, 3, "a fill-in question has no \"options\""},
        {"missing-prompt", 15, 1, "this question has no prompt"},
        {"bad-id", 15, 5, "question id \"Bend Knees\" is not valid"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = xasprintf(ERRORS "%s.md", cases[i].file);
        struct diag_list d;
        struct module *m = load(path, &d);
        assert_null(m);
        const struct diag *found = find_diag(&d, DIAG_ERROR, cases[i].line, cases[i].column, cases[i].words);
        assert_non_null(found);
        assert_string_equal(found->file, path);
        assert_int_equal(diag_count(&d, DIAG_ERROR), 1);
        diag_list_free(&d);
        free(path);
    }
}

/* `stepwise check` on the folder prints each as "file:line:column: error: message" and fails. */
static void test_check_prints_them(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    char *paths[] = {ERRORS};
    assert_int_equal(check_run(1, paths, 0, f), 1);
    fclose(f);
    assert_non_null(strstr(out, ERRORS "no-correct.md:19:3: error: no option is correct: mark the "
                                "right one with \"correct: true\"\n"));
    assert_non_null(strstr(out, ERRORS "duplicate-id.md:23:1: error: question id \"bend\" is "
                                "already used by the question on line 15: give each question its "
                                "own id\n"));
    assert_non_null(strstr(out, "13 modules checked: 13 errors"));
    free(out);
}

static void test_more_mistakes(void **state)
{
    (void)state;
    static const struct { const char *yaml, *words; } cases[] = {
        {"id: a\ntype: single\nprompt: P\noptions: [x]\n", "at least two options"},
        {"id: a\ntype: single\nprompt: P\n", "needs a list of options"},
        {"id: a\ntype: true-false\nprompt: P\n", "no correct answer: add \"answer: true\""},
        {"id: a\ntype: fill-in\nprompt: P\n", "no correct answer: add the accepted answers"},
        {"type: true-false\nprompt: P\nanswer: true\n", "this question has no id"},
        {"id: a\nprompt: P\n", "this question has no type"},
        {"id: a\ntype: single\nprompt: P\noptions:\n  - text: x\n    correct: maybe\n  - y\n",
         "correct must be true or false"},
        {"id: a\ntype: single\nprompt: P\noptions:\n  - text: x\n    correct: true\n    note: n\n  - y\n",
         "unknown key \"note\" in option 1"},
        {"id: a\ntype: single\nprompt: P\nfeedback: {right: r}\noptions:\n  - text: x\n    correct: true\n  - y\n",
         "a single-choice question has no \"feedback\""},
        {"id: a\ntype: true-false\nprompt: P\nanswer: true\nfeedback: {good: g}\n",
         "unknown key \"good\" in feedback"},
        {"id: a\nid: b\ntype: true-false\nprompt: P\nanswer: true\n", "key \"id\" appears twice"},
        {"", "this question is empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct diag_list d;
        diag_list_init(&d);
        struct question *q = question_parse(cases[i].yaml, "mem.md", 10, 0, &d);
        assert_null(q);
        int found = 0;
        for (size_t k = 0; k < d.len; k++) found |= strstr(d.items[k].message, cases[i].words) != NULL;
        if (!found) diag_print(&d, stderr);
        assert_true(found);
        diag_list_free(&d);
    }
}

static void test_mastery_key(void **state)
{
    (void)state;
    static const char *const bad[] = {"0", "1.5", "80%", "high", "[1]"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *text = xasprintf("---\nid: a\ntitle: T\nsummary: S.\nlanguage: en\nminutes: 5\n"
                               "levels: [1]\nmastery: %s\n---\nText.\n", bad[i]);
        struct diag_list d;
        diag_list_init(&d);
        assert_null(module_parse("mem.md", NULL, text, strlen(text), &d));
        assert_non_null(find_diag(&d, DIAG_ERROR, 8, 10, "mastery must be a number above 0 and at most 1"));
        diag_list_free(&d);
        free(text);
    }
    const char *none = "---\nid: a\ntitle: T\nsummary: S.\nlanguage: en\nminutes: 5\nlevels: [1]\n---\nText.\n";
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_parse("mem.md", NULL, none, strlen(none), &d);
    assert_non_null(m);
    assert_true(m->mastery == MODULE_DEFAULT_MASTERY);
    module_free(m);
    diag_list_free(&d);
}

static void test_scoring(void **state)
{
    (void)state;
    struct diag_list d;
    struct module *m = load(FIXTURE, &d);
    struct quiz q;
    quiz_load(m, 1, &q);
    const struct question *bend = q.items[0], *multi = q.items[2], *fill = q.items[3];
    assert_true(quiz_is_right(bend, &(struct quiz_answer){.chosen = 1u}));
    assert_false(quiz_is_right(bend, &(struct quiz_answer){.chosen = 2u}));
    assert_false(quiz_is_right(bend, &(struct quiz_answer){0}));
    assert_false(quiz_answered(bend, &(struct quiz_answer){0}));
    /* multiple choice: exactly the right options, no more, no fewer */
    assert_true(quiz_is_right(multi, &(struct quiz_answer){.chosen = 3u}));
    assert_false(quiz_is_right(multi, &(struct quiz_answer){.chosen = 1u}));
    assert_false(quiz_is_right(multi, &(struct quiz_answer){.chosen = 7u}));
    /* fill-in: case, spaces at the ends and runs of spaces do not matter */
    static const char *const right[] = {"two", "TWO", "  Two ", "2", "\t2\n"};
    static const char *const wrong[] = {"tw o", "three", "", "   ", "twoo", "2 2"};
    for (size_t i = 0; i < sizeof right / sizeof right[0]; i++)
        assert_true(quiz_is_right(fill, &(struct quiz_answer){.text = right[i]}));
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++)
        assert_false(quiz_is_right(fill, &(struct quiz_answer){.text = wrong[i]}));
    assert_false(quiz_answered(fill, &(struct quiz_answer){.text = "  "}));
    /* 3 of 4 passes 0.75, 2 of 4 does not; 4 of 5 meets 0.8 */
    struct quiz_answer answers[4] = {{.chosen = 1u}, {.chosen = 2u}, {.chosen = 3u}, {.text = "x"}};
    struct quiz_score s;
    quiz_score(&q, answers, m->mastery, &s);
    assert_int_equal(s.right, 3);
    assert_int_equal(s.total, 4);
    assert_true(s.passed);
    assert_true(s.scaled > 0.749 && s.scaled < 0.751);
    answers[0].chosen = 2u;
    quiz_score(&q, answers, m->mastery, &s);
    assert_false(s.passed);
    assert_int_equal(quiz_needed(0.8, 5), 4);
    assert_int_equal(quiz_needed(1.0, 3), 3);
    assert_int_equal(quiz_needed(0.5, 3), 2);
    quiz_free(&q);
    module_free(m);
    diag_list_free(&d);
}

/* A long fill-in answer is compared in one pass: a 100 kB answer against every accepted one
 * takes no measurable time (a regression guard, not a benchmark). */
static void test_fill_in_is_linear(void **state)
{
    (void)state;
    struct diag_list d;
    struct module *m = load(FIXTURE, &d);
    struct quiz q;
    quiz_load(m, 1, &q);
    char *big = xmalloc(100001);
    memset(big, ' ', 100000);
    big[100000] = '\0';
    big[99999] = 'x';
    assert_false(quiz_is_right(q.items[3], &(struct quiz_answer){.text = big}));
    free(big);
    quiz_free(&q);
    module_free(m);
    diag_list_free(&d);
}

static void test_rendered_field_holds_no_answers(void **state)
{
    (void)state;
    struct diag_list d;
    struct module *m = load(FIXTURE, &d);
    char *html = render_module(m, 1, &d);
    assert_int_equal(d.len, 0);
    assert_non_null(strstr(html, "<fieldset class=\"question\" id=\"q-bend\">\n<legend><span "
                                 "class=\"number\">Question 1</span> What do you bend"));
    assert_non_null(strstr(html, "<span class=\"number\">Question 4</span> How many people"));
    assert_non_null(strstr(html, "<p class=\"how\">Choose every answer that is right.</p>"));
    assert_null(strstr(html, "Your legs do the work"));
    assert_null(strstr(html, "correct"));
    assert_null(strstr(html, "Two people"));
    assert_null(strstr(html, "```"));
    /* the author's key marks them in words */
    struct buf b;
    buf_init(&b);
    struct quiz q;
    quiz_load(m, 1, &q);
    question_html_author(&b, q.items[0], 1, NULL);
    assert_non_null(strstr(b.data, "<span class=\"verdict right\"><span aria-hidden=\"true\">"
                                   "\u2713</span> Right answer:</span> Your knees"));
    assert_non_null(strstr(b.data, "Wrong answer:</span> Your back"));
    buf_reset(&b);
    question_html_author(&b, q.items[3], 4, NULL);
    assert_non_null(strstr(b.data, "Accepted answer:</span> two"));
    buf_free(&b);
    quiz_free(&q);
    free(html);
    module_free(m);
    diag_list_free(&d);
}

/* The learner reads the questions, so their words count for the plain-language measure, on
 * the line of the question's fence. */
static void test_questions_are_measured(void **state)
{
    (void)state;
    const char *text = "---\nid: a\ntitle: T\nsummary: S.\nlanguage: en\nminutes: 5\nlevels: [1]\n---\n"
        "Bend your knees.\n\n```question\nid: q\ntype: true-false\nprompt: When you have to lift "
        "a very heavy box that stands far away from you on the floor of the warehouse you always "
        "ask a colleague or your mentor for help first.\nanswer: true\n```\n";
    struct diag_list d;
    diag_list_init(&d);
    struct module *m = module_parse("mem.md", NULL, text, strlen(text), &d);
    assert_non_null(m);
    struct readability r;
    readability_init(&r, READABILITY_EN);
    readability_module(&r, m, 1);
    assert_int_equal(r.len, 2);
    assert_int_equal(r.items[1].line, 11);
    assert_int_equal(r.items[1].words, 32);
    struct readability_scores s;
    readability_score(&r, &s);
    assert_false(s.b1_ok);
    readability_free(&r);
    module_free(m);
    diag_list_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_type_parses),
        cmocka_unit_test(test_every_mistake_is_reported),
        cmocka_unit_test(test_check_prints_them),
        cmocka_unit_test(test_more_mistakes),
        cmocka_unit_test(test_mastery_key),
        cmocka_unit_test(test_scoring),
        cmocka_unit_test(test_fill_in_is_linear),
        cmocka_unit_test(test_rendered_field_holds_no_answers),
        cmocka_unit_test(test_questions_are_measured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
