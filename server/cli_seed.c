/* cli_seed.c: `stepwise seed-demo`: a demo mentoring program in the database. Anna's plan is
 * active (one lesson done through real xAPI statements in the LRS, one started, one task with
 * the mentor late, an evaluation held and the next one coming); Bram's first plan is finished
 * (certificate and reflections) and his follow-up plan has just started; Sanne, who chose
 * Dutch, has a new plan with the Dutch sample lessons. Running it again adds nothing: users are
 * found by login, plans only made for a mentor who has none. */
#include "server/cli_seed.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/auth.h"
#include "server/buf.h"
#include "server/config.h"
#include "tracking/progress.h"
#include "tracking/store.h"
#include "tracking/store_accounts.h"
#include "tracking/store_plans.h"

static const char usage[] =
    "Usage: stepwise seed-demo [--db FILE] [--public-url URL]\n"
    "\n"
    "Adds a DEMO mentoring program to the database: an admin, a mentor, two mentees and an\n"
    "author with known passwords, and plans in different states. Running it again changes\n"
    "nothing.\n"
    "Never use it on a database with real people: everyone can read the demo passwords.\n"
    "\n"
    "  --db FILE         SQLite database file      STEPWISE_DB (data/stepwise.db)\n"
    "  --public-url URL  the address people use    STEPWISE_PUBLIC_URL (http://HOST:PORT);\n"
    "                    the demo's xAPI statements are about this address, so use the\n"
    "                    same one as `stepwise serve`\n"
    "  -h, --help        show this help\n";

struct demo_user {
    const char *login;
    const char *name;
    const char *password;
    unsigned roles;
    const char *what;
};

static const struct demo_user demo_users[] = {
    {"demo.admin", "Demo Admin", "demo-admin-2026", ROLE_ADMIN, "admin (users, plan export)"},
    {"demo.mentor", "Marco (demo mentor)", "demo-mentor-2026", ROLE_MENTOR,
     "mentor of Anna, Bram and Sanne"},
    {"demo.anna", "Anna (demo mentee)", "demo-anna-2026", 0, "mentee, plan in progress"},
    {"demo.bram", "Bram (demo mentee)", "demo-bram-2026", 0, "mentee, one plan finished"},
    {"demo.author", "Dana (demo author)", "demo-author-2026", ROLE_AUTHOR, "author (module preview)"},
    {"demo.sanne", "Sanne (demo mentee)", "demo-sanne-2026", 0, "mentee, plan and pages in Dutch"},
};
enum { ADMIN, MENTOR, ANNA, BRAM, AUTHOR, SANNE, NUSERS };

/* The day `days` from today (UTC) as "YYYY-MM-DD". */
static void day(int days, char out[11])
{
    time_t t = time(NULL) + (time_t)days * 86400;
    struct tm tm;
    strftime(out, 11, "%Y-%m-%d", gmtime_r(&t, &tm));
}

/* Finds or creates each demo user (a demo user seeded before the mentor permission existed
 * gets it now); fills ids. */
static int ensure_users(struct store *s, int64_t ids[NUSERS], char **err)
{
    for (size_t i = 0; i < NUSERS; i++) {
        const struct demo_user *d = &demo_users[i];
        struct store_user u;
        int status = store_user_find_login(s, d->login, &u, err);
        if (status == STORE_OK) {
            ids[i] = u.id;
            free(u.password_hash);
            u.password_hash = NULL;     /* kept as it is */
            u.roles |= d->roles;
            status = store_user_update(s, &u, err);
            store_user_clear(&u);
            if (status != STORE_OK) return -1;
            continue;
        }
        /* Sanne has chosen Dutch: her pages show the Dutch path from the start. */
        if (status != STORE_NOT_FOUND ||
            auth_user_create(s, d->login, d->name, i == SANNE ? "nl" : NULL, d->roles,
                             d->password, &ids[i], err) != STORE_OK)
            return -1;
    }
    return 0;
}

/* A plan of mentee with the mentor, from start to target (days from today). */
static void plan_init(struct plan *p, int64_t mentee, int64_t mentor, const char *goal,
                      const char *intake, int start, int target, int interval)
{
    memset(p, 0, sizeof *p);
    p->mentee_id = mentee;
    p->goal = xstrdup(goal);
    day(start, p->start);
    day(target, p->target);
    p->eval_interval_days = interval;
    p->intake_click = 1;
    p->intake_clear = 1;
    p->intake_notes = xstrdup(intake);
    p->mentors = xmalloc(sizeof *p->mentors);
    p->mentors[0] = mentor;
    p->nmentors = 1;
}

static void add_step(struct plan *p, enum plan_step_kind kind, const char *module,
                     const char *title, int level, int due)
{
    char d[11];
    day(due, d);
    plan_add_step(p, kind, module, level, title, d);
}

static const struct plan_actor *actor(const int64_t ids[NUSERS], int who,
                                      struct plan_actor *out)
{
    *out = (struct plan_actor){ids[who], demo_users[who].name};
    return out;
}

/* Anna: active, some steps done through real statements, one late, one evaluation held. */
static int seed_anna(struct store *s, const char *url, const int64_t ids[NUSERS], char **err)
{
    struct plan p;
    struct plan_actor m;
    plan_init(&p, ids[ANNA], ids[MENTOR], "Run the packing line on my own",
              "Good first talk. Anna wants to work on the line on her own.", -30, 60, 21);
    add_step(&p, PLAN_STEP_MODULE, "safe-lifting", "Lifting boxes the safe way", 1, -20);
    add_step(&p, PLAN_STEP_PRACTICAL, NULL, "Do the changeover while your mentor watches", 0,
             -3);
    add_step(&p, PLAN_STEP_MODULE, "machine-changeover", "A machine changeover, step by step",
             2, 10);
    add_step(&p, PLAN_STEP_MODULE, "first-day-safety", "Safe on your first day", 2, 30);
    plan_schedule_evaluations(&p);
    int rc = -1;
    if (store_plan_create(s, &p, actor(ids, MENTOR, &m), err) != STORE_OK) goto done;
    struct plan_evaluation e = p.evals[0];
    day(-8, e.held);
    snprintf(e.outcome, sizeof e.outcome, "on-track");
    e.mentor_notes = "Anna lifts safely now. Next: the changeover with me.";
    e.mentee_notes = "The video helped. I want to practise the changeover.";
    if (store_plan_evaluation_save(s, p.id, &e, &m, err) != STORE_OK ||
        progress_record(s, url, "demo.anna", PROGRESS_VERB_ATTEMPTED, "safe-lifting",
               "Lifting boxes the safe way", err) < 0 ||
        progress_record(s, url, "demo.anna", PROGRESS_VERB_COMPLETED, "safe-lifting",
               "Lifting boxes the safe way", err) < 0 ||
        progress_record(s, url, "demo.anna", PROGRESS_VERB_ATTEMPTED, "machine-changeover",
               "A machine changeover, step by step", err) < 0)
        goto done;
    rc = 0;
done:
    plan_clear(&p);
    return rc;
}

/* Bram: a finished plan with certificate and reflections, and its follow-up. */
static int seed_bram(struct store *s, const char *url, const int64_t ids[NUSERS], char **err)
{
    struct plan p, next;
    struct plan_actor m, b;
    plan_init(&p, ids[BRAM], ids[MENTOR], "Know the safety rules of the warehouse",
              "Bram is new. He wants to know the rules before he drives the forklift.", -120, -20,
              28);
    plan_init(&next, ids[BRAM], ids[MENTOR], "Lead the morning safety talk",
              "Bram wants to pass on what he learned.", -2, 88, 28);
    add_step(&p, PLAN_STEP_MODULE, "first-day-safety", "Safe on your first day", 1, -90);
    add_step(&p, PLAN_STEP_MODULE, "safe-lifting", "Lifting boxes the safe way", 2, -60);
    add_step(&p, PLAN_STEP_PRACTICAL, NULL, "Walk the safety round with your mentor", 0, -30);
    add_step(&next, PLAN_STEP_MODULE, "giving-feedback", "Giving feedback to your mentee", 1, 20);
    plan_schedule_evaluations(&p);
    int rc = -1;
    actor(ids, MENTOR, &m);
    actor(ids, BRAM, &b);
    if (store_plan_create(s, &p, &m, err) != STORE_OK ||
        progress_record(s, url, "demo.bram", PROGRESS_VERB_PASSED, "first-day-safety",
               "Safe on your first day", err) < 0 ||
        progress_record(s, url, "demo.bram", PROGRESS_VERB_COMPLETED, "safe-lifting",
               "Lifting boxes the safe way", err) < 0 ||
        store_plan_step_signoff(s, p.id, p.steps[2].id, &m, err) != STORE_OK)
        goto done;
    for (size_t i = 0; i < p.nevals; i++) {
        struct plan_evaluation e = p.evals[i];
        snprintf(e.held, sizeof e.held, "%s", e.scheduled);
        snprintf(e.outcome, sizeof e.outcome, "on-track");
        if (store_plan_evaluation_save(s, p.id, &e, &m, err) != STORE_OK) goto done;
    }
    next.follows = p.id;
    plan_schedule_evaluations(&next);
    if (store_plan_finish(s, p.id, &m, err) != STORE_OK ||
        store_plan_reflection_save(s, p.id, "Ask questions early. Walking the round together "
                                   "helped me most.", &b, err) != STORE_OK ||
        store_plan_reflection_save(s, p.id, "Plan the safety round in the first week next "
                                   "time.", &m, err) != STORE_OK ||
        store_plan_create(s, &next, &m, err) != STORE_OK)
        goto done;
    rc = 0;
done:
    plan_clear(&p);
    plan_clear(&next);
    return rc;
}

/* Sanne: a new plan in Dutch, with the Dutch sample lessons (modules/veilig-tillen and
 * modules/feedback-geven). */
static int seed_sanne(struct store *s, const int64_t ids[NUSERS], char **err)
{
    struct plan p;
    struct plan_actor m;
    plan_init(&p, ids[SANNE], ids[MENTOR], "Zelf veilig werken in het magazijn",
              "Sanne leest liever Nederlands. Ze wil eerst veilig leren tillen.", -3, 60, 21);
    add_step(&p, PLAN_STEP_MODULE, "veilig-tillen", "Veilig tillen", 1, 7);
    add_step(&p, PLAN_STEP_PRACTICAL, NULL, "Til tien dozen terwijl je mentor kijkt", 0, 14);
    add_step(&p, PLAN_STEP_MODULE, "veilig-tillen", "Veilig tillen: waarom het werkt", 2, 28);
    add_step(&p, PLAN_STEP_MODULE, "feedback-geven", "Feedback geven aan een collega", 1, 45);
    plan_schedule_evaluations(&p);
    int rc = store_plan_create(s, &p, actor(ids, MENTOR, &m), err) == STORE_OK ? 0 : -1;
    plan_clear(&p);
    return rc;
}

/* The demo mentor mentors Anna, Bram and Sanne (again: a pairing that exists is left as it is). */
static int ensure_pairings(struct store *s, const int64_t ids[NUSERS], char **err)
{
    static const int mentees[] = {ANNA, BRAM, SANNE};
    for (size_t i = 0; i < sizeof mentees / sizeof *mentees; i++) {
        int who = mentees[i];
        struct plan_pairing pp = {.mentor_id = ids[MENTOR], .mentee_id = ids[who],
                                  .group_name = "", .made_by = ids[ADMIN]};
        if (store_pairing_add(s, &pp, NULL, err) == STORE_ERROR) return -1;
    }
    return 0;
}

static int seed(struct store *s, const char *url, char **err)
{
    int64_t ids[NUSERS];
    if (ensure_users(s, ids, err) < 0 || ensure_pairings(s, ids, err) < 0) return -1;
    struct plan *plans;
    size_t n;
    if (store_plan_list(s, PLAN_LIST_MENTOR, ids[MENTOR], &plans, &n, err) != STORE_OK) return -1;
    plans_free(plans, n);
    if (n) return 0;    /* seeded before */
    return seed_anna(s, url, ids, err) < 0 || seed_bram(s, url, ids, err) < 0 ||
           seed_sanne(s, ids, err) < 0 ? -1 : 0;
}

static void print_demo(const char *url)
{
    printf("DEMO DATA: for trying Stepwise only. Everyone can read these passwords.\n\n"
           "Sign in at %s/login with:\n", url);
    for (size_t i = 0; i < NUSERS; i++)
        printf("  %-12s password %-17s %s\n", demo_users[i].login, demo_users[i].password,
               demo_users[i].what);
    printf("\nThe mentor's dashboard is %s/mentor, a mentee's plan is %s/plan, the author\n"
           "preview is %s/author.\n", url, url, url);
}

int cli_seed_demo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},   {"public-url", required_argument, NULL, 'u'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0},
    };
    struct config cfg;
    config_defaults(&cfg);
    char *err = NULL;
    int status = 2, c;
    struct store *s = NULL;
    if (config_from_env(&cfg, &err) < 0) goto done;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            status = 0;
            goto done;
        }
        if (c == '?' || c == ':') {
            err = xstrdup("see stepwise seed-demo --help");
            goto done;
        }
        if (config_set_option(&cfg, c == 'd' ? "db" : "public-url", optarg, &err) < 0) goto done;
    }
    if (optind < argc) {
        err = xasprintf("unexpected argument \"%s\" (see stepwise seed-demo --help)", argv[optind]);
        goto done;
    }
    config_public_url(&cfg);
    status = 1;
    s = store_open(cfg.db_path, &err);
    if (!s || seed(s, cfg.public_url, &err) < 0) goto done;
    print_demo(cfg.public_url);
    status = 0;
done:
    if (err) fprintf(stderr, "stepwise seed-demo: %s\n", err);
    free(err);
    store_close(s);
    config_free(&cfg);
    return status;
}
