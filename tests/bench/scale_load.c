/* scale_load.c: the data of the scale benchmark (tests/bench/scale.sh), written through the store
 * API: LEARNERS learners (logins learner0...), a mentor (scale.mentor) paired with the first
 * MENTEES of them, each with a plan of five module steps, and ROWS statements: learner i % 1000
 * about module (i / 1000) % 200, five rounds of attempted / experienced / completed / passed /
 * failed, a registration per learner and module, a course as parent activity, timestamps spread
 * over the last year. Statements are prepared as the LRS prepares a POSTed one.
 *
 * Usage: scale_load DB_FILE PUBLIC_URL [ROWS]
 * The mentor's and learner0's password is "scale-password". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "server/auth.h"
#include "server/buf.h"
#include "tracking/statements.h"
#include "tracking/store.h"
#include "tracking/store_accounts.h"
#include "tracking/store_plans.h"
#include "tracking/validate.h"

#define LEARNERS 1000
#define MODULES 200
#define MENTEES 200
#define BATCH 2000
#define PASSWORD "scale-password"

static const char *const verbs[] = {
    "http://adlnet.gov/expapi/verbs/attempted", "http://adlnet.gov/expapi/verbs/experienced",
    "http://adlnet.gov/expapi/verbs/completed", "http://adlnet.gov/expapi/verbs/passed",
    "http://adlnet.gov/expapi/verbs/failed",
};

/* Statement i, as the LRS would get it. */
static json_t *make_statement(const char *url, size_t i, time_t now)
{
    size_t learner = i % LEARNERS, module = (i / LEARNERS) % MODULES;
    size_t round = i / (LEARNERS * MODULES);
    char login[32], object[256], reg[37], when[32];
    snprintf(login, sizeof login, "learner%zu", learner);
    snprintf(object, sizeof object, "%s/modules/module-%zu", url, module);
    snprintf(reg, sizeof reg, "%08zx-0000-4000-8000-%012zx", learner, module);
    time_t t = now - (time_t)((i * 7919) % (365 * 86400));
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    char course[256], name[64];
    snprintf(course, sizeof course, "%s/courses/course-%zu", url, module % 10);
    snprintf(name, sizeof name, "Module %zu", module);
    return json_pack("{s:{s:s,s:{s:s,s:s}}, s:{s:s}, s:{s:s,s:{s:{s:s}}}, s:{s:s,s:{s:[{s:s}]}},"
                     " s:s}",
                     "actor", "objectType", "Agent", "account", "homePage", url, "name", login,
                     "verb", "id", verbs[round % 5],
                     "object", "id", object, "definition", "name", "en", name,
                     "context", "registration", reg, "contextActivities", "parent", "id", course,
                     "timestamp", when);
}

static int load_statements(struct store *s, const char *url, size_t rows, char **err)
{
    json_t *authority = json_pack("{s:s, s:s, s:{s:s, s:s}}", "objectType", "Agent", "name",
                                  "scale bench", "account", "homePage", url, "name", "scale");
    struct store_statement *batch = xcalloc(BATCH, sizeof *batch);
    time_t now = time(NULL);
    int rc = 0;
    for (size_t done = 0; done < rows && rc == 0;) {
        size_t n = rows - done < BATCH ? rows - done : BATCH;
        char why[256];
        for (size_t k = 0; k < n && rc == 0; k++) {
            json_t *st = make_statement(url, done + k, now);
            if (xapi_validate_statement(st, XAPI_1_0_3, why, sizeof why) < 0 ||
                statements_prepare(st, XAPI_1_0_3, authority, &batch[k], why, sizeof why) < 0) {
                *err = xasprintf("statement %zu: %s", done + k, why);
                rc = -1;
            }
            json_decref(st);
        }
        if (rc == 0 && store_statements_insert(s, batch, n, NULL, err) != STORE_OK) rc = -1;
        for (size_t k = 0; k < n; k++) statements_clear(&batch[k]);
        done += n;
        if (done % 100000 == 0) fprintf(stderr, "scale_load: %zu statements\n", done);
    }
    free(batch);
    json_decref(authority);
    return rc;
}

/* The learners, the mentor, the pairings and a plan of five module steps for each mentee. */
static int load_people(struct store *s, char **err)
{
    int64_t mentor, learner;
    if (auth_user_create(s, "scale.mentor", "Scale Mentor", "en", ROLE_MENTOR, PASSWORD, &mentor,
                         err) != STORE_OK)
        return -1;
    for (size_t i = 0; i < LEARNERS; i++) {
        char login[32], name[48];
        snprintf(login, sizeof login, "learner%zu", i);
        snprintf(name, sizeof name, "Learner %zu", i);
        if (auth_user_create(s, login, name, "en", 0, i == 0 ? PASSWORD : NULL, &learner, err) !=
            STORE_OK)
            return -1;
        if (i >= MENTEES) continue;
        struct plan_pairing pp = {.mentor_id = mentor, .mentee_id = learner, .group_name = "",
                                  .made_by = mentor};
        if (store_pairing_add(s, &pp, NULL, err) == STORE_ERROR) return -1;
        struct plan p;
        memset(&p, 0, sizeof p);
        p.mentee_id = learner;
        p.goal = xstrdup("Work on the line on my own");
        snprintf(p.start, sizeof p.start, "2026-01-05");
        snprintf(p.target, sizeof p.target, "2027-06-30");
        p.eval_interval_days = 60;
        p.intake_click = p.intake_clear = 1;
        p.intake_notes = xstrdup("");
        p.mentors = xmalloc(sizeof *p.mentors);
        p.mentors[0] = mentor;
        p.nmentors = 1;
        for (size_t k = 0; k < 5; k++) {
            char module[32];
            snprintf(module, sizeof module, "module-%zu", (i + k * 37) % MODULES);
            plan_add_step(&p, PLAN_STEP_MODULE, module, 1, NULL, "2026-12-31");
        }
        plan_schedule_evaluations(&p);
        struct plan_actor by = {mentor, "Scale Mentor"};
        int status = store_plan_create(s, &p, &by, err);
        plan_clear(&p);
        if (status != STORE_OK) return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: scale_load DB_FILE PUBLIC_URL [ROWS]\n");
        return 2;
    }
    size_t rows = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000000;
    char *err = NULL;
    struct store *s = store_open(argv[1], &err);
    /* The load is redone from nothing when it breaks off: no flush per batch needed. */
    int ok = s && store_set_sync(s, STORE_SYNC_NORMAL, &err) == STORE_OK &&
             load_people(s, &err) == 0 && load_statements(s, argv[2], rows, &err) == 0;
    if (!ok) fprintf(stderr, "scale_load: %s: %s\n", argv[1], err ? err : "failed");
    free(err);
    store_close(s);
    return ok ? 0 : 1;
}
