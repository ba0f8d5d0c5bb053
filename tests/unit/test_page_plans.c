/* test_page_plans.c: the plan pages (My plan, the mentor's dashboard, a plan, the close
 * confirmation, the editor, a new plan, an evaluation, the certificate, the agenda page, the
 * group assignment, the admin home and the pairings) in both interface languages: every page is
 * rendered in English and in Dutch; each English text listed for it is on the English page and
 * gone from the Dutch one, whose own texts and dates ("3 december 2026") are there instead. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "player/page_admin.h"
#include "player/page_plans.h"
#include "server/auth.h"
#include "tests/unit/i18n_expect.h"

static const struct plan_page_ctx ctx = {NULL, "tok", 5, "2026-11-20"};

static struct plan_step steps[] = {
    {.id = 11, .position = 1, .kind = PLAN_STEP_MODULE, .module_id = "m1", .level = 1,
     .title = "", .due = "2026-11-10"},
    {.id = 12, .position = 2, .kind = PLAN_STEP_PRACTICAL, .title = "Omstellen met je mentor",
     .due = "2026-12-03"},
    {.id = 13, .position = 3, .kind = PLAN_STEP_MODULE, .module_id = "m2", .level = 1,
     .title = "", .due = ""},
};
static struct plan_evaluation evals[] = {
    {.id = 21, .scheduled = "2026-11-01", .held = "2026-11-02", .mentor_notes = "Goed",
     .mentee_notes = "", .outcome = "on-track"},
    {.id = 22, .scheduled = "2026-12-03", .held = "", .mentor_notes = "", .mentee_notes = "",
     .outcome = ""},
};
static struct plan_reflection reflections[] = {{.user_id = 5, .text = "Het ging goed"}};
static struct plan active_plan = {.id = 3, .mentee_id = 5, .goal = "Zelf de lijn omstellen",
                                  .start = "2026-11-02", .target = "2026-12-20",
                                  .eval_interval_days = 28, .intake_click = 1, .intake_clear = -1,
                                  .intake_notes = "", .steps = steps, .nsteps = 3, .evals = evals,
                                  .nevals = 2};
static struct plan finished_plan = {.id = 4, .mentee_id = 5, .goal = "Veilig werken",
                                    .start = "2026-09-01", .target = "2026-11-01", .finished = 1,
                                    .finished_at = "2026-10-30 12:00:00", .eval_interval_days = 28,
                                    .intake_click = -1, .intake_clear = -1, .intake_notes = "",
                                    .steps = steps, .nsteps = 1, .evals = evals, .nevals = 1,
                                    .reflections = reflections, .nreflections = 1};
static struct plan_view_step vsteps[] = {
    {&steps[0], "Veilig starten", PROGRESS_NOT_STARTED, 0, 1, {0}, NULL},
    {&steps[1], "Omstellen met je mentor", PROGRESS_NOT_STARTED, 0, 0, {0}, NULL},
    {&steps[2], "Cleaning up", PROGRESS_NOT_STARTED, 0, 0, {0}, "en"},   /* a lesson in English */
};
static struct plan_view_step vdone[] = {{&steps[0], "Veilig starten", PROGRESS_COMPLETED, 1, 0, {0}, NULL}};
static struct plan_view views[2];
static const struct plan_mentor_line mentors[] = {{"Marco", "2026-10-01", ""},
                                                  {"Sara", "2026-10-05", "Ploeg B"}};
static const struct plan_choice people[] = {{5, "piet", "Piet", 0, NULL}};
static const struct plan_choice modules[] = {{0, "m1", "Veilig starten", 1u << 1, NULL}};
static const struct plan_history_entry history[] = {
    {.user_id = 1, .user_name = "Marco", .at = "2026-11-02 10:00:00", .text = "Plan created"}};

static int setup(void **state)
{
    (void)state;
    views[0] = (struct plan_view){.plan = &active_plan, .mentee_name = "Piet",
                                  .mentor_names = "Marco, Sara", .steps = vsteps, .nsteps = 3,
                                  .ndone = 0, .noverdue = 1, .percent = 0, .next = &vsteps[0],
                                  .next_lesson = &vsteps[0], .next_eval = &evals[1],
                                  .nwaiting = 1, .eval_days = 13, .last_activity = "2026-11-19"};
    views[1] = (struct plan_view){.plan = &finished_plan, .mentee_name = "Piet",
                                  .mentor_names = "Marco", .steps = vdone, .nsteps = 1,
                                  .ndone = 1, .percent = 100, .last_activity = ""};
    return 0;
}

static char *render_home(void)
{
    size_t len;
    return page_plans_home(&ctx, &views[0], 1, &views[1], 1, mentors, 2, 2, NULL, &len);
}

/* The next step is a task with the mentor: no lesson to start. */
static char *render_home_task(void)
{
    struct plan_view v = views[0];
    v.next = &vsteps[1];
    v.next_lesson = NULL;
    v.next_eval = NULL;
    size_t len;
    return page_plans_home(&ctx, &v, 1, NULL, 0, NULL, 0, 0, "Goed gedaan!", &len);
}

static char *render_home_empty(void)
{
    size_t len;
    return page_plans_home(&ctx, NULL, 0, NULL, 0, NULL, 0, 0, NULL, &len);
}

static char *render_mentor(void)
{
    size_t len;
    return page_plans_mentor(&ctx, views, 2, NULL, &len);
}

static char *render_plan_mentor(void)
{
    size_t len;
    return page_plans_plan(&ctx, &views[0], 1, history, 1, NULL, "", &len);
}

static char *render_plan_finished(void)
{
    size_t len;
    return page_plans_plan(&ctx, &views[1], 1, NULL, 0, NULL, "2026-11-29", &len);
}

static char *render_confirm(void)
{
    size_t len;
    return page_plans_finish_confirm(&ctx, &views[0], 14, &len);
}

static char *render_edit(void)
{
    size_t len;
    return page_plans_edit(&ctx, &views[0], modules, 1, NULL, NULL, "goal", &len);
}

static char *render_new(void)
{
    size_t len;
    return page_plans_new(&ctx, people, 1, people, 1, NULL, &len);
}

static char *render_new_nobody(void)
{
    size_t len;
    return page_plans_new(&ctx, people, 0, people, 0, NULL, &len);
}

static char *render_evaluation_mentor(void)
{
    size_t len;
    return page_plans_evaluation(&ctx, &views[0], &evals[1], 1, &len);
}

static char *render_evaluation_mentee(void)
{
    size_t len;
    return page_plans_evaluation(&ctx, &views[0], &evals[1], 0, &len);
}

static char *render_certificate(void)
{
    size_t len;
    return page_plans_certificate(&ctx, &views[1], "Bakkerij Jansen", &len);
}

static char *render_calendar(void)
{
    size_t len;
    return page_plans_calendar(&ctx, "https://example.org/calendar/abc.ics", &len);
}

static char *render_group_first(void)
{
    size_t len;
    int has[] = {0, 0};
    return page_plans_group(&ctx, views, 2, modules, 1, NULL, has, NULL, &len);
}

static char *render_group(void)
{
    static const struct plan_view_step none[1];
    static struct plan other_plan = {.id = 8, .goal = "Inpakken", .steps = NULL};
    struct plan_view three[3] = {views[0], views[0], {.plan = &other_plan, .mentee_name = "Ali",
                                                      .mentor_names = "", .steps = (void *)none}};
    three[1].mentee_name = "Fatima";
    int has[] = {0, 0, 1};
    size_t len;
    return page_plans_group(&ctx, three, 3, modules, 1, &modules[0], has, NULL, &len);
}

static void test_home(void **state)
{
    (void)state;
    check_page(render_home,
               TEXTS("<h1>My plan</h1>", "My goal:", "Your next step", "Start lesson",
                     "Late:", "it was due 10 November 2026.", "0 of 3 steps done", "Next talk with your mentor:",
                     "3 December 2026", "What you did", "Nothing yet.", "See my whole plan",
                     "Your mentor is <strong>Marco</strong>, since 1 October 2026.",
                     "Your mentor in the group Ploeg B is", "You are a mentor",
                     "You mentor 2 plans.", "My mentees", "Put the evaluations in my agenda",
                     "Plans you finished"),
               TEXTS("<h1>Mijn plan</h1>", "Mijn doel:", "Les starten", "Te laat:",
                     "het moest klaar zijn op 10 november 2026.", "0 van 3 stappen klaar",
                     "Volgend gesprek met je mentor: <strong>3 december 2026</strong>",
                     "Je mentor is <strong>Marco</strong>, sinds 1 oktober 2026.",
                     "Je mentor in de groep Ploeg B is <strong>Sara</strong>, sinds 5 oktober 2026.",
                     "Je bent mentor van 2 plannen."));
}

static void test_home_task_and_empty(void **state)
{
    (void)state;
    check_page(render_home_task,
               TEXTS("With your mentor:", "Your mentor signs it off when it is done.",
                     "Do it by 3 December 2026.", "Put the evaluations in my agenda"),
               TEXTS("Met je mentor:", "Je mentor tekent het af als het klaar is.",
                     "Doe het uiterlijk op 3 december 2026.", "Goed gedaan!"));
    check_page(render_home_empty, TEXTS("You have no plan right now."),
               TEXTS("Je hebt nu geen plan."));
}

static void test_mentor_dashboard(void **state)
{
    (void)state;
    check_page(render_mentor,
               TEXTS("<h1>My mentees</h1>", "New plan", "Give a lesson to a group",
                     "Pair yourself with a mentee", "Evaluations in my agenda", "Active plans (1)",
                     "Finished plans (1)", "most urgent first", "Needs you", "Last activity",
                     "1 sign-off waits for you.", "1 step is late.", "1 step late",
                     "A task waits for your sign-off", "Evaluation in 13 days (3 December 2026)",
                     "Last active on 19 November 2026", "Finished on 30 October 2026", "0 of 3"),
               TEXTS("<h1>Mijn mentees</h1>", "Lopende plannen (1)", "Afgesloten plannen (1)",
                     "1 taak wacht op je handtekening.", "1 stap te laat",
                     "Evaluatie over 13 dagen (3 december 2026)",
                     "Voor het laatst bezig op 19 november 2026", "Afgesloten op 30 oktober 2026",
                     "aria-label=\"Wat op jou wacht\""));
}

static void test_plan_for_its_mentor(void **state)
{
    (void)state;
    check_page(render_plan_mentor,
               TEXTS("Plan of Piet", "Goal:", "<dt>Start</dt>", "Goal date",
                     "Change plan", "<h2>Steps</h2>", "Lesson:", "was due 10 November 2026",
                     "Not started", "Not done yet", "Sign off as done", "<h2>Evaluations</h2>", "Held",
                     "On track", "Planned", "<h2>Finish</h2>", "Is the goal reached?",
                     "3 of 3 steps are not done yet. Close the plan anyway?",
                     "Goal reached: close the plan", "Plan history (every change)",
                     "2 November 2026"),
               TEXTS("Plan van Piet", "<span lang=\"en\">Cleaning up</span>", "<dt>Begin</dt>",
                     "Nog niet begonnen", "Nog niet klaar", "Aftekenen als klaar", "Gehouden",
                     "Het gaat goed", "Gepland", "<h2>Afsluiten</h2>",
                     "data-confirm=\"3 van 3 stappen zijn nog niet klaar.",
                     "Geschiedenis van het plan", "2 november 2026"));
}

static void test_finished_plan(void **state)
{
    (void)state;
    check_page(render_plan_finished,
               TEXTS("The goal is reached. Well done!", "Certificate", "Reflections",
                     "From the mentee:", "Your reflection: what went well", "Save my reflection",
                     "A new goal", "New goal", "Start a follow-up plan",
                     "Closed too early? You can open the plan again until 29 November 2026.",
                     "Open the plan again", "1 of 1 step done"),
               TEXTS("Het doel is bereikt. Goed gedaan!", "Van de mentee:", "Mijn terugblik opslaan",
                     "Je kunt het plan weer openen tot 29 november 2026.", "Plan weer openen",
                     "1 van 1 stap klaar"));
}

static void test_close_confirmation(void **state)
{
    (void)state;
    check_page(render_confirm,
               TEXTS("Close the plan?", "Close the plan of Piet?",
                     "Not every step is done: 3 of 3 steps are not done yet.",
                     "When you close the plan", "You can open the plan again within 14 days.",
                     "Yes, close the plan", "No, back to the plan"),
               TEXTS("Plan afsluiten?", "Het plan van Piet afsluiten?",
                     "Niet alle stappen zijn klaar: 3 van 3 stappen zijn nog niet klaar.",
                     "Je kunt het plan binnen 14 dagen weer openen.", "Ja, plan afsluiten"));
}

static void test_editor(void **state)
{
    (void)state;
    check_page(render_edit,
               TEXTS("Change the plan of Piet", "Back to the plan", "Save all changes",
                     "Every change is kept", "Goal and dates", "Saved.",
                     "Goal (the dot on the horizon)", "Start date", "Days between evaluations",
                     "Intake talk", "Is there a click between you?",
                     "Is the learning question clear?", "Not talked about yet", ">Yes<", ">No<",
                     "Notes", "Move up", "Move down", "Remove", "step 2</span>", "Due date",
                     ">Task<", "Add a lesson", "Choose a lesson", "Add lesson",
                     "Add a task to do with the mentor", "Add task", "Add an evaluation",
                     "Plan evaluation"),
               TEXTS("Het plan van Piet veranderen", "Druk daarna op \"Alles opslaan\".",
                     "Opgeslagen.", "Is er een klik tussen jullie?", "Omhoog zetten",
                     "Omlaag zetten", "Weghalen<span class=\"visually-hidden\"> (stap 3)</span>",
                     "Evaluatie plannen"));
}

static void test_new_plan(void **state)
{
    (void)state;
    check_page(render_new,
               TEXTS("<h1>New plan</h1>", "You are the mentor of this plan.", "Choose your mentee",
                     "Second mentor (if any)", ">None<", "Make the plan"),
               TEXTS("<h1>Nieuw plan</h1>", "Kies je mentee", ">Geen<", "Plan maken"));
    check_page(render_new_nobody, TEXTS("Nobody is paired with you as a mentee yet."),
               TEXTS("Je hebt nog geen mentees."));
}

static void test_evaluation(void **state)
{
    (void)state;
    check_page(render_evaluation_mentor,
               TEXTS("Evaluation of 3 December 2026", "1 step late", "Date of the talk",
                     "How is it going?", "On track: keep the plan",
                     "Adjust the plan (steps, pace or dates)", "Notes from the mentor",
                     "Notes from the mentee", "Save evaluation", "Back to the plan"),
               TEXTS("Evaluatie van 3 december 2026", "Hoe gaat het?", "Evaluatie opslaan"));
    check_page(render_evaluation_mentee,
               TEXTS("Not held yet", "Outcome", "Not decided yet", "Nothing written yet."),
               TEXTS("Nog niet gehouden", "Uitkomst", "Nog niet besloten",
                     "Nog niets geschreven."));
}

static void test_certificate(void **state)
{
    (void)state;
    check_page(render_certificate,
               TEXTS("<p class=\"cert-kicker\">Certificate</p>", "reached the goal",
                     "in a mentoring program from 1 September 2026 to 30 October 2026.",
                     "Steps done", "Signature of the mentor",
                     "Date of issue: 30 October 2026", "Print the certificate",
                     "you can also use Print in your browser menu"),
               TEXTS("<p class=\"cert-kicker\">Certificaat</p>", "heeft het doel bereikt",
                     "in een mentorprogramma van 1 september 2026 tot 30 oktober 2026.",
                     "Gegeven op: 30 oktober 2026", "Handtekening van de mentor"));
}

static void test_calendar_page(void **state)
{
    (void)state;
    check_page(render_calendar,
               TEXTS("<h1>Evaluations in your agenda</h1>", "Your agenda app",
                     "This is your private address.", "Keep the address to yourself.",
                     "Make my agenda address"),
               TEXTS("<h1>Evaluaties in je agenda</h1>", "Maak mijn agenda-adres"));
}

static void test_group_assignment(void **state)
{
    (void)state;
    check_page(render_group_first,
               TEXTS("<h1>Give a lesson to a group</h1>", "Choose a lesson",
                     "Next: choose the mentees"),
               TEXTS("<h1>Een les aan een groep geven</h1>", "Verder: kies de mentees"));
    check_page(render_group,
               TEXTS("Lesson:", "Choose another lesson",
                     "All my mentees who do not have it yet", "already in the plan",
                     "Add to their plans"),
               TEXTS("Een andere les kiezen", "staat al in het plan", "Aan hun plannen toevoegen"));
}

static struct store_user users[] = {
    {.id = 1, .login = "marco", .display_name = "Marco", .roles = ROLE_MENTOR, .active = 1},
    {.id = 5, .login = "piet", .display_name = "Piet", .active = 1},
};
static const struct plan_pairing pairings[] = {
    {.id = 31, .mentor_id = 1, .mentee_id = 5, .group_name = "Ploeg B", .since = "2026-10-05"},
    {.id = 32, .mentor_id = 9, .mentee_id = 5, .group_name = "", .since = "2026-10-06"},
};

static char *render_admin_home(void)
{
    static struct store_credential clients[] = {{.name = "Rapport", .scopes = "statements/read",
                                                 .revoked = 1}};
    size_t len;
    return page_admin_home(&ctx, ROLE_ADMIN, clients, 1, &len);
}

static char *render_admin_home_no_clients(void)
{
    size_t len;
    return page_admin_home(&ctx, ROLE_ADMIN, NULL, 0, &len);
}

static char *render_pairings(void)
{
    size_t len;
    return page_pairings(&ctx, users, 2, pairings, 2, 0, NULL, NULL, &len);
}

static char *render_own_pairings(void)
{
    size_t len;
    return page_pairings(&ctx, users, 2, NULL, 0, 1, NULL, NULL, &len);
}

static void test_admin_pages(void **state)
{
    (void)state;
    check_page(render_admin_home,
               TEXTS("<h1>Admin</h1>", "Users and login cards", "Who mentors whom",
                     "Plan progress for HR (CSV file)", "xAPI clients", "Outside tools",
                     ", blocked)"),
               TEXTS("<h1>Beheer</h1>", "Gebruikers en inlogkaarten", ", geblokkeerd)",
                     "met de opdracht stepwise xapi-client."));
    check_page(render_admin_home_no_clients, TEXTS("There are no xAPI clients."),
               TEXTS("Er zijn geen xAPI-programma's."));
    check_page(render_pairings,
               TEXTS("<h1>Who mentors whom</h1>", "A mentor can make plans only", "Every pairing",
                     ">Group<", ">Since<", "5 October 2026", "(removed user)", "this pairing",
                     "Pair a mentor with a mentee", "Choose the mentor", "Choose the mentee",
                     "Group (if the mentee learns in a group)", "Pair them"),
               TEXTS("<h1>Wie is mentor van wie</h1>", ">Groep<", ">Sinds<", "5 oktober 2026",
                     "(gebruiker bestaat niet meer)", "Stop<span class=\"visually-hidden\"> "
                     "deze koppeling", "Koppelen"));
    check_page(render_own_pairings,
               TEXTS("<title>Your mentees", "<h1>Who you mentor</h1>", "Nobody is paired yet.",
                     "Pair yourself with a mentee"),
               TEXTS("<title>Je mentees", "<h1>Van wie je mentor bent</h1>",
                     "Nog niemand is gekoppeld.", "Jezelf aan een mentee koppelen"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_home, setup),
        cmocka_unit_test_setup(test_home_task_and_empty, setup),
        cmocka_unit_test_setup(test_mentor_dashboard, setup),
        cmocka_unit_test_setup(test_plan_for_its_mentor, setup),
        cmocka_unit_test_setup(test_finished_plan, setup),
        cmocka_unit_test_setup(test_close_confirmation, setup),
        cmocka_unit_test_setup(test_editor, setup),
        cmocka_unit_test_setup(test_new_plan, setup),
        cmocka_unit_test_setup(test_evaluation, setup),
        cmocka_unit_test_setup(test_certificate, setup),
        cmocka_unit_test_setup(test_calendar_page, setup),
        cmocka_unit_test_setup(test_group_assignment, setup),
        cmocka_unit_test(test_admin_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
