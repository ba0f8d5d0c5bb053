/* store_sqlite_plans.c: the plans part of the SQLite store (store_plans.h): its schema, plan
 * reads and edits (each edit writes its own history line in the same transaction) and the
 * batch progress query over the LRS progress summary. */
#include "tracking/store_sqlite_plans.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "player/i18n_msg.h"
#include "server/buf.h"
#include "tracking/sqlite_conn.h"
#include "tracking/store_sqlite_pairings.h"
#include "tracking/statements.h"

static const char *const plans_steps[] = {
    /* 1: plans and what hangs off them. User ids refer to the accounts schema's users; no
     * foreign key across schemas, so each schema migrates on its own. */
    "CREATE TABLE plans ("
    "  id INTEGER PRIMARY KEY,"
    "  mentee_id INTEGER NOT NULL,"
    "  goal TEXT NOT NULL,"
    "  start TEXT NOT NULL,"
    "  target TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'finished')),"
    "  finished_at TEXT NOT NULL DEFAULT '',"
    "  follows INTEGER REFERENCES plans(id),"
    "  eval_interval_days INTEGER NOT NULL DEFAULT 28,"
    "  intake_click INTEGER NOT NULL DEFAULT -1,"
    "  intake_clear INTEGER NOT NULL DEFAULT -1,"
    "  intake_notes TEXT NOT NULL DEFAULT '',"
    "  created TEXT NOT NULL);"
    "CREATE INDEX plans_mentee ON plans(mentee_id);"
    "CREATE TABLE plan_mentors ("
    "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    "  user_id INTEGER NOT NULL,"
    "  PRIMARY KEY (plan_id, user_id)) WITHOUT ROWID;"
    "CREATE INDEX plan_mentors_user ON plan_mentors(user_id, plan_id);"
    "CREATE TABLE plan_steps ("
    "  id INTEGER PRIMARY KEY,"
    "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('module', 'practical')),"
    "  module_id TEXT,"
    "  level INTEGER NOT NULL DEFAULT 1,"
    "  title TEXT NOT NULL DEFAULT '',"     /* practical: the task; module: its title then */
    "  due TEXT NOT NULL DEFAULT '',"
    "  signed_off_by INTEGER NOT NULL DEFAULT 0,"
    "  signed_off_at TEXT NOT NULL DEFAULT '');"
    "CREATE INDEX plan_steps_plan ON plan_steps(plan_id, position);"
    "CREATE TABLE plan_evaluations ("
    "  id INTEGER PRIMARY KEY,"
    "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    "  scheduled TEXT NOT NULL,"
    "  held TEXT NOT NULL DEFAULT '',"
    "  mentor_notes TEXT NOT NULL DEFAULT '',"
    "  mentee_notes TEXT NOT NULL DEFAULT '',"
    "  outcome TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'on-track', 'adjust')));"
    "CREATE INDEX plan_evaluations_plan ON plan_evaluations(plan_id, scheduled);"
    "CREATE TABLE plan_history ("
    "  id INTEGER PRIMARY KEY,"
    "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    "  user_id INTEGER NOT NULL,"
    "  user_name TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  text TEXT NOT NULL);"
    "CREATE INDEX plan_history_plan ON plan_history(plan_id, id);"
    "CREATE TABLE plan_reflections ("
    "  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,"
    "  user_id INTEGER NOT NULL,"
    "  text TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  PRIMARY KEY (plan_id, user_id)) WITHOUT ROWID;",
    /* 2: who may mentor whom (pairings, made by an admin or coordinator), and removed steps
     * kept aside (removed = 1, at their old position) so that a removal can be undone. */
    "CREATE TABLE plan_pairings ("
    "  id INTEGER PRIMARY KEY,"
    "  mentor_id INTEGER NOT NULL,"
    "  mentee_id INTEGER NOT NULL,"
    "  group_name TEXT NOT NULL DEFAULT '',"
    "  since TEXT NOT NULL,"
    "  made_by INTEGER NOT NULL,"
    "  UNIQUE (mentor_id, mentee_id));"
    "CREATE INDEX plan_pairings_mentee ON plan_pairings(mentee_id);"
    "ALTER TABLE plan_steps ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;",
    /* 3: each person's private calendar feed (only the SHA-256 of its token is kept). */
    "CREATE TABLE plan_calendars ("
    "  user_id INTEGER PRIMARY KEY,"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  created TEXT NOT NULL);",
    /* 4: history lines in no language: the msgid of what happened and its arguments (a JSON
     * array of text), worded when shown. The lines written before keep their English text (and
     * no msgid). */
    "ALTER TABLE plan_history ADD COLUMN msgid TEXT; ALTER TABLE plan_history ADD COLUMN args TEXT;",
};

const struct sq_schema plans_schema = {"plans", plans_steps,
                                       sizeof plans_steps / sizeof *plans_steps};

/* --- freeing and building -------------------------------------------------------------- */

void plan_clear(struct plan *p)
{
    if (!p) return;
    free(p->goal);
    free(p->intake_notes);
    free(p->mentors);
    for (size_t i = 0; i < p->nsteps; i++) free(p->steps[i].module_id), free(p->steps[i].title);
    free(p->steps);
    for (size_t i = 0; i < p->nevals; i++)
        free(p->evals[i].mentor_notes), free(p->evals[i].mentee_notes);
    free(p->evals);
    for (size_t i = 0; i < p->nreflections; i++) free(p->reflections[i].text);
    free(p->reflections);
    memset(p, 0, sizeof *p);
}

void plans_free(struct plan *list, size_t n)
{
    for (size_t i = 0; i < n; i++) plan_clear(&list[i]);
    free(list);
}

void plan_history_free(struct plan_history_entry *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i].user_name), free(list[i].text), i18n_msg_free(&list[i].msg);
    free(list);
}

void plan_add_step(struct plan *p, enum plan_step_kind kind, const char *module_id, int level,
                   const char *title, const char *due)
{
    p->steps = xrealloc(p->steps, (p->nsteps + 1) * sizeof *p->steps);
    struct plan_step *st = &p->steps[p->nsteps++];
    memset(st, 0, sizeof *st);
    st->kind = kind;
    st->module_id = module_id ? xstrdup(module_id) : NULL;
    st->level = level;
    st->title = xstrdup(title ? title : "");
    st->position = (int)p->nsteps;
    snprintf(st->due, sizeof st->due, "%s", due ? due : "");
}

void plan_add_evaluation(struct plan *p, const char *scheduled)
{
    p->evals = xrealloc(p->evals, (p->nevals + 1) * sizeof *p->evals);
    struct plan_evaluation *e = &p->evals[p->nevals++];
    memset(e, 0, sizeof *e);
    snprintf(e->scheduled, sizeof e->scheduled, "%s", scheduled);
    e->mentor_notes = xstrdup("");
    e->mentee_notes = xstrdup("");
}

/* Parses "YYYY-MM-DD" as a UTC midnight; -1 when malformed. */
static time_t parse_day(const char *s)
{
    struct tm tm = {0};
    const char *end = strptime(s, "%Y-%m-%d", &tm);
    return end && !*end ? timegm(&tm) : (time_t)-1;
}

void plan_schedule_evaluations(struct plan *p)
{
    time_t start = parse_day(p->start), target = parse_day(p->target);
    if (start < 0 || target < start) return;
    int step = p->eval_interval_days > 0 ? p->eval_interval_days : 28;
    char day[11];
    struct tm tm;
    for (time_t t = start + (time_t)step * 86400; t < target; t += (time_t)step * 86400) {
        strftime(day, sizeof day, "%Y-%m-%d", gmtime_r(&t, &tm));
        plan_add_evaluation(p, day);
    }
    plan_add_evaluation(p, p->target);
}

/* --- reading ---------------------------------------------------------------------------- */

enum { BY_MENTEE = PLAN_LIST_MENTEE, BY_MENTOR = PLAN_LIST_MENTOR, BY_ALL = PLAN_LIST_ALL,
       BY_ID };

/* Which plans a read covers: one constant text so the statements stay cached. */
#define PLAN_FILTER \
    " (:f = 0 AND p.mentee_id = :u) OR (:f = 1 AND p.id IN" \
    " (SELECT plan_id FROM plan_mentors WHERE user_id = :u)) OR :f = 2 OR (:f = 3 AND p.id = :u)"

static struct plan *find_plan(struct plan *list, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].id == id) return &list[i];
    return NULL;
}

/* Copies column col into dst (size bytes, cut to fit): without snprintf, which took a
 * twentieth of a 200-mentee dashboard's time for its 6 000 dates. */
static void copy_text(char *dst, size_t size, sqlite3_stmt *st, int col)
{
    const char *v = (const char *)sqlite3_column_text(st, col);
    size_t len = v ? (size_t)sqlite3_column_bytes(st, col) : 0;
    if (len >= size) len = size - 1;
    memcpy(dst, v ? v : "", len);
    dst[len] = '\0';
}

static void plan_row(sqlite3_stmt *st, struct plan *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(st, 0);
    p->mentee_id = sqlite3_column_int64(st, 1);
    p->goal = sq_column_dup(st, 2);
    copy_text(p->start, sizeof p->start, st, 3);
    copy_text(p->target, sizeof p->target, st, 4);
    p->finished = sqlite3_column_int(st, 5);
    copy_text(p->finished_at, sizeof p->finished_at, st, 6);
    p->follows = sqlite3_column_int64(st, 7);
    p->eval_interval_days = sqlite3_column_int(st, 8);
    p->intake_click = sqlite3_column_int(st, 9);
    p->intake_clear = sqlite3_column_int(st, 10);
    p->intake_notes = sq_column_dup(st, 11);
    copy_text(p->created, sizeof p->created, st, 12);
}

static void mentor_row(sqlite3_stmt *st, struct plan *p)
{
    p->mentors = xrealloc(p->mentors, (p->nmentors + 1) * sizeof *p->mentors);
    p->mentors[p->nmentors++] = sqlite3_column_int64(st, 1);
}

static void step_row(sqlite3_stmt *st, struct plan *p)
{
    p->steps = xrealloc(p->steps, (p->nsteps + 1) * sizeof *p->steps);
    struct plan_step *s = &p->steps[p->nsteps++];
    memset(s, 0, sizeof *s);
    s->id = sqlite3_column_int64(st, 1);
    s->position = sqlite3_column_int(st, 2);
    s->kind = strcmp((const char *)sqlite3_column_text(st, 3), "module") ? PLAN_STEP_PRACTICAL
                                                                         : PLAN_STEP_MODULE;
    s->module_id = sq_column_dup(st, 4);
    s->level = sqlite3_column_int(st, 5);
    s->title = sq_column_dup(st, 6);
    copy_text(s->due, sizeof s->due, st, 7);
    s->signed_off_by = sqlite3_column_int64(st, 8);
    copy_text(s->signed_off_at, sizeof s->signed_off_at, st, 9);
}

static void eval_row(sqlite3_stmt *st, struct plan *p)
{
    p->evals = xrealloc(p->evals, (p->nevals + 1) * sizeof *p->evals);
    struct plan_evaluation *e = &p->evals[p->nevals++];
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 1);
    copy_text(e->scheduled, sizeof e->scheduled, st, 2);
    copy_text(e->held, sizeof e->held, st, 3);
    e->mentor_notes = sq_column_dup(st, 4);
    e->mentee_notes = sq_column_dup(st, 5);
    copy_text(e->outcome, sizeof e->outcome, st, 6);
}

static void reflection_row(sqlite3_stmt *st, struct plan *p)
{
    p->reflections = xrealloc(p->reflections, (p->nreflections + 1) * sizeof *p->reflections);
    struct plan_reflection *r = &p->reflections[p->nreflections++];
    r->user_id = sqlite3_column_int64(st, 1);
    r->text = sq_column_dup(st, 2);
    copy_text(r->at, sizeof r->at, st, 3);
}

/* The rows of one part of the selected plans: column 0 is the plan id, row() takes the rest.
 * The plans come in by their ids (:ids, a JSON array), so each part seeks its own rows by
 * index: the filter's ORs kept SQLite from using one, and every part scanned the rows of all
 * plans (a mentee's "My plan" read the steps and evaluation moments of every plan there is). */
struct part {
    const char *sql;
    void (*row)(sqlite3_stmt *st, struct plan *p);
};

#define PLAN_IDS "(SELECT value FROM json_each(:ids))"

static const struct part parts[] = {
    {"SELECT plan_id, user_id FROM plan_mentors WHERE plan_id IN " PLAN_IDS
     " ORDER BY plan_id, user_id", mentor_row},
    {"SELECT plan_id, id, position, kind, module_id, level, title, due, signed_off_by,"
     " signed_off_at FROM plan_steps WHERE plan_id IN " PLAN_IDS " AND removed = 0"
     " ORDER BY plan_id, position", step_row},
    {"SELECT plan_id, id, scheduled, held, mentor_notes, mentee_notes, outcome"
     " FROM plan_evaluations WHERE plan_id IN " PLAN_IDS " ORDER BY plan_id, scheduled, id",
     eval_row},
    {"SELECT plan_id, user_id, text, at FROM plan_reflections WHERE plan_id IN " PLAN_IDS
     " ORDER BY plan_id, at", reflection_row},
};

static sqlite3_stmt *prep_filtered(struct conn *c, const char *sql, int f, int64_t u, char **err)
{
    sqlite3_stmt *st = sq_prep(c, sql, err);
    if (!st) return NULL;
    sq_bind_int(st, ":f", f);
    sq_bind_int(st, ":u", u);
    return st;
}

/* Runs a prepared read to its end, handing each row to row(); 0 or -1 with *err. */
static int read_rows(struct conn *c, sqlite3_stmt *st, struct plan *list, size_t n,
                     void (*row)(sqlite3_stmt *, struct plan *), char **err)
{
    int rc;
    struct plan *p = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (!p || p->id != id) p = find_plan(list, n, id);  /* a plan's rows come together */
        if (p) row(st, p);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    *err = sq_db_error(c->db, "database");
    return -1;
}

/* Reads the selected plans with one query per part: five queries, whatever their number. */
static int read_plans(struct conn *c, int f, int64_t u, struct plan **out, size_t *n,
                      char **err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = prep_filtered(c,
        "SELECT p.id, p.mentee_id, p.goal, p.start, p.target, p.status = 'finished',"
        " p.finished_at, coalesce(p.follows, 0), p.eval_interval_days, p.intake_click,"
        " p.intake_clear, p.intake_notes, p.created FROM plans p WHERE" PLAN_FILTER
        " ORDER BY p.status = 'finished', p.id DESC", f, u, err);
    if (!st) return -1;
    int rc;
    size_t room = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == room) *out = xrealloc(*out, (room = room ? room * 2 : 16) * sizeof **out);
        plan_row(st, &(*out)[(*n)++]);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        *err = sq_db_error(c->db, "database");
        goto fail;
    }
    struct buf ids;
    buf_init(&ids);
    for (size_t i = 0; i < *n; i++) buf_printf(&ids, "%c%lld", i ? ',' : '[', (long long)(*out)[i].id);
    buf_putc(&ids, ']');
    for (size_t i = 0; i < sizeof parts / sizeof *parts && *n; i++) {
        st = sq_prep(c, parts[i].sql, err);
        if (st) sq_bind(st, ":ids", ids.data);
        if (!st || read_rows(c, st, *out, *n, parts[i].row, err) < 0) {
            buf_free(&ids);
            goto fail;
        }
    }
    buf_free(&ids);
    return 0;
fail:
    plans_free(*out, *n);
    *out = NULL;
    *n = 0;
    return -1;
}

/* One plan into *out: 1 found, 0 absent, -1 error. */
static int read_plan(struct conn *c, int64_t id, struct plan *out, char **err)
{
    struct plan *list;
    size_t n;
    memset(out, 0, sizeof *out);
    if (read_plans(c, BY_ID, id, &list, &n, err) < 0) return -1;
    if (n) *out = list[0];
    free(list);
    return n > 0;
}

static int sqlite_plan_get(struct store *base, int64_t id, struct plan *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int found = read_plan(c, id, out, err);
    sq_reader_put(s, c);
    return found < 0 ? STORE_ERROR : found ? STORE_OK : STORE_NOT_FOUND;
}

static int sqlite_plan_list(struct store *base, enum plan_filter f, int64_t user_id,
                            struct plan **out, size_t *n, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *out = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int rc = read_plans(c, (int)f, user_id, out, n, err);
    sq_reader_put(s, c);
    return rc < 0 ? STORE_ERROR : STORE_OK;
}

static int sqlite_plan_open_with_module(struct store *base, int64_t mentee_id,
                                        const char *module_id, int64_t *plan_id, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *plan_id = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT p.id FROM plans p WHERE p.mentee_id = :u"
                               " AND p.status = 'active' AND EXISTS (SELECT 1 FROM plan_steps s"
                               " WHERE s.plan_id = p.id AND s.removed = 0 AND s.kind = 'module'"
                               " AND s.module_id = :m) ORDER BY p.id DESC LIMIT 1", err);
    if (st) {
        sq_bind_int(st, ":u", mentee_id);
        sq_bind(st, ":m", module_id);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) *plan_id = sqlite3_column_int64(st, 0);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE) status = STORE_OK;
        else *err = sq_db_error(c->db, "database");
        sqlite3_reset(st);
    }
    sq_reader_put(s, c);
    return status;
}

/* The line's msgid and arguments (columns 4 and 5), when it was written with them. */
static void read_history_msg(struct plan_history_entry *h, sqlite3_stmt *st)
{
    memset(&h->msg, 0, sizeof h->msg);
    const char *msgid = (const char *)sqlite3_column_text(st, 4);
    if (!msgid) return;
    json_t *args = json_loads((const char *)sqlite3_column_text(st, 5), 0, NULL);
    size_t n = json_is_array(args) ? json_array_size(args) : 0;
    const char **texts = xcalloc(n + 1, sizeof *texts);
    for (size_t i = 0; i < n; i++) texts[i] = json_string_value(json_array_get(args, i));
    i18n_msg_set(&h->msg, msgid, texts, n);
    free(texts);
    json_decref(args);
}

static int sqlite_plan_history(struct store *base, int64_t plan_id,
                               struct plan_history_entry **out, size_t *n, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *out = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, rc = SQLITE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT user_id, user_name, at, text, msgid, args"
                               " FROM plan_history WHERE plan_id = :plan ORDER BY id", err);
    if (st) {
        sq_bind_int(st, ":plan", plan_id);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            *out = xrealloc(*out, (*n + 1) * sizeof **out);
            struct plan_history_entry *h = &(*out)[(*n)++];
            h->user_id = sqlite3_column_int64(st, 0);
            h->user_name = sq_column_dup(st, 1);
            copy_text(h->at, sizeof h->at, st, 2);
            h->text = sq_column_dup(st, 3);
            read_history_msg(h, st);
        }
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) status = STORE_OK;
        else *err = sq_db_error(c->db, "database");
    }
    if (status != STORE_OK) plan_history_free(*out, *n), *out = NULL, *n = 0;
    sq_reader_put(s, c);
    return status;
}

/* --- writing ---------------------------------------------------------------------------- */

/* Writes one history line inside the open transaction: fmt, a msgid marked for the catalogue
 * (the Makefile's xgettext keyword write_history), and its arguments, worded when shown
 * (player/i18n_msg.h). The text column stays empty: it holds the lines of before, in English. */
static int write_history(struct conn *c, int64_t plan_id, const struct plan_actor *by, char **err,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int write_history(struct conn *c, int64_t plan_id, const struct plan_actor *by, char **err,
                         const char *fmt, ...)
{
    struct i18n_msg msg;
    va_list ap;
    va_start(ap, fmt);
    i18n_msg_init(&msg, fmt, ap);
    va_end(ap);
    json_t *list = json_array();
    for (size_t i = 0; i < msg.nargs; i++) json_array_append_new(list, json_string(msg.args[i]));
    char *args = json_dumps(list, JSON_COMPACT);
    json_decref(list);
    char now[32];
    statements_now(now);
    int rc = -1;
    sqlite3_stmt *st = sq_prep(c, "INSERT INTO plan_history (plan_id, user_id, user_name, at,"
                               " text, msgid, args) VALUES (:plan, :user, :name, :at, '', :msgid,"
                               " :args)", err);
    if (st) {
        sq_bind_int(st, ":plan", plan_id);
        sq_bind_int(st, ":user", by->user_id);
        sq_bind(st, ":name", by->name ? by->name : "");
        sq_bind(st, ":at", now);
        sq_bind(st, ":msgid", fmt);
        sq_bind(st, ":args", args);
        rc = sq_step_done(c, st, err);
    }
    free(args);
    i18n_msg_free(&msg);
    return rc;
}

static const char *level_word(int level)
{
    static const char *const names[] = {W_("basic"), W_("intermediate"), W_("advanced")};
    return level >= 1 && level <= 3 ? names[level - 1] : names[0];
}

/* "lesson "Title" (basic level)" (with_level) or "lesson "Title"", or "task "Title"", for
 * history lines: a phrase worded when shown (i18n_msg_phrase). Caller frees. */
static char *step_words(const struct plan_step *st, int with_level)
{
    static const char *const with[] = {N_("lesson \"%s\" (basic level)"),
                                       N_("lesson \"%s\" (intermediate level)"),
                                       N_("lesson \"%s\" (advanced level)")};
    if (st->kind == PLAN_STEP_PRACTICAL) return i18n_msg_phrase(N_("task \"%s\""), st->title);
    const char *name = st->title && *st->title ? st->title : st->module_id;
    if (!with_level) return i18n_msg_phrase(N_("lesson \"%s\""), name);
    return i18n_msg_phrase(with[st->level >= 1 && st->level <= 3 ? st->level - 1 : 0], name);
}

static int insert_step(struct conn *c, int64_t plan_id, const struct plan_step *st,
                       int64_t *id, char **err)
{
    sqlite3_stmt *q = sq_prep(c,
        "INSERT INTO plan_steps (plan_id, position, kind, module_id, level, title, due)"
        " VALUES (:plan, (SELECT coalesce(max(position), 0) + 1 FROM plan_steps"
        "  WHERE plan_id = :plan AND removed = 0), :kind, :module, :level, :title, :due)", err);
    if (!q) return -1;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind(q, ":kind", st->kind == PLAN_STEP_MODULE ? "module" : "practical");
    sq_bind(q, ":module", st->kind == PLAN_STEP_MODULE ? st->module_id : NULL);
    sq_bind_int(q, ":level", st->level >= 1 && st->level <= 3 ? st->level : 1);
    sq_bind(q, ":title", st->title ? st->title : "");
    sq_bind(q, ":due", st->due);
    if (sq_step_done(c, q, err) < 0) return -1;
    if (id) *id = sqlite3_last_insert_rowid(c->db);
    return 0;
}

static int insert_evaluation(struct conn *c, int64_t plan_id, const char *scheduled,
                             int64_t *id, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "INSERT INTO plan_evaluations (plan_id, scheduled)"
                              " VALUES (:plan, :day)", err);
    if (!q) return -1;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind(q, ":day", scheduled);
    if (sq_step_done(c, q, err) < 0) return -1;
    if (id) *id = sqlite3_last_insert_rowid(c->db);
    return 0;
}

static int insert_plan(struct conn *c, struct plan *p, char **err)
{
    statements_now(p->created);
    sqlite3_stmt *q = sq_prep(c,
        "INSERT INTO plans (mentee_id, goal, start, target, follows, eval_interval_days,"
        " intake_click, intake_clear, intake_notes, created) VALUES (:mentee, :goal, :start,"
        " :target, nullif(:follows, 0), :interval, :click, :clear, :notes, :created)", err);
    if (!q) return -1;
    sq_bind_int(q, ":mentee", p->mentee_id);
    sq_bind(q, ":goal", p->goal ? p->goal : "");
    sq_bind(q, ":start", p->start);
    sq_bind(q, ":target", p->target);
    sq_bind_int(q, ":follows", p->follows);
    sq_bind_int(q, ":interval", p->eval_interval_days > 0 ? p->eval_interval_days : 28);
    sq_bind_int(q, ":click", p->intake_click);
    sq_bind_int(q, ":clear", p->intake_clear);
    sq_bind(q, ":notes", p->intake_notes ? p->intake_notes : "");
    sq_bind(q, ":created", p->created);
    if (sq_step_done(c, q, err) < 0) return -1;
    p->id = sqlite3_last_insert_rowid(c->db);
    for (size_t i = 0; i < p->nmentors; i++) {
        q = sq_prep(c, "INSERT OR IGNORE INTO plan_mentors (plan_id, user_id)"
                    " VALUES (:plan, :user)", err);
        if (!q) return -1;
        sq_bind_int(q, ":plan", p->id);
        sq_bind_int(q, ":user", p->mentors[i]);
        if (sq_step_done(c, q, err) < 0) return -1;
    }
    for (size_t i = 0; i < p->nsteps; i++) {
        if (insert_step(c, p->id, &p->steps[i], &p->steps[i].id, err) < 0) return -1;
        p->steps[i].position = (int)i + 1;
    }
    for (size_t i = 0; i < p->nevals; i++)
        if (insert_evaluation(c, p->id, p->evals[i].scheduled, &p->evals[i].id, err) < 0)
            return -1;
    return 0;
}

static int sqlite_plan_create(struct store *base, struct plan *p, const struct plan_actor *by,
                              char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    if (insert_plan(s->writer, p, err) == 0 &&
        write_history(s->writer, p->id, by, err, "Plan created with goal \"%s\"; steps: %zu, "
                      "evaluation moments: %zu", p->goal, p->nsteps, p->nevals) == 0)
        status = STORE_OK;
    return sq_write_end(s, status, err);
}

static const char *yes_no(int v)
{
    return v > 0 ? W_("yes") : v == 0 ? W_("no") : W_("not recorded");
}

/* History lines for each plan field that differs between old and new. */
static int plan_diff(struct conn *c, const struct plan *old, const struct plan *p,
                     const struct plan_actor *by, char **err)
{
    int rc = 0;
    if (strcmp(old->goal, p->goal))
        rc |= write_history(c, p->id, by, err, "Goal changed from \"%s\" to \"%s\"", old->goal, p->goal);
    if (!rc && strcmp(old->start, p->start))
        rc |= write_history(c, p->id, by, err, "Start date changed from %s to %s", old->start, p->start);
    if (!rc && strcmp(old->target, p->target))
        rc |= write_history(c, p->id, by, err, "Target date changed from %s to %s", old->target,
                      p->target);
    if (!rc && old->eval_interval_days != p->eval_interval_days)
        rc |= write_history(c, p->id, by, err, "Time between evaluations changed from %d to %d days",
                      old->eval_interval_days, p->eval_interval_days);
    if (!rc && old->intake_click != p->intake_click)
        rc |= write_history(c, p->id, by, err, "Intake: \"is there a click?\" changed to %s",
                      yes_no(p->intake_click));
    if (!rc && old->intake_clear != p->intake_clear)
        rc |= write_history(c, p->id, by, err, "Intake: \"is the learning question clear?\" changed "
                      "to %s", yes_no(p->intake_clear));
    if (!rc && strcmp(old->intake_notes, p->intake_notes))
        rc |= write_history(c, p->id, by, err, "Intake notes changed to \"%s\"", p->intake_notes);
    return rc ? -1 : 0;
}

static int sqlite_plan_update(struct store *base, const struct plan *p,
                              const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct conn *c = s->writer;
    struct plan old;
    int found = read_plan(c, p->id, &old, err), status = STORE_ERROR;
    if (found <= 0) {
        status = found ? STORE_ERROR : STORE_NOT_FOUND;
        goto done;
    }
    sqlite3_stmt *q = sq_prep(c, "UPDATE plans SET goal = :goal, start = :start,"
                              " target = :target, eval_interval_days = :interval,"
                              " intake_click = :click, intake_clear = :clear,"
                              " intake_notes = :notes WHERE id = :id", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", p->id);
    sq_bind(q, ":goal", p->goal ? p->goal : "");
    sq_bind(q, ":start", p->start);
    sq_bind(q, ":target", p->target);
    sq_bind_int(q, ":interval", p->eval_interval_days > 0 ? p->eval_interval_days : 28);
    sq_bind_int(q, ":click", p->intake_click);
    sq_bind_int(q, ":clear", p->intake_clear);
    sq_bind(q, ":notes", p->intake_notes ? p->intake_notes : "");
    if (sq_step_done(c, q, err) == 0) {
        struct plan now = *p;
        if (!now.goal) now.goal = "";
        if (!now.intake_notes) now.intake_notes = "";
        if (now.eval_interval_days <= 0) now.eval_interval_days = 28;
        if (plan_diff(c, &old, &now, by, err) == 0) status = STORE_OK;
    }
done:
    plan_clear(&old);
    return sq_write_end(s, status, err);
}

/* 1 when the plan exists, 0 when not, -1 on error. */
static int plan_exists(struct conn *c, int64_t id, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "SELECT 1 FROM plans WHERE id = :id", err);
    if (!q) return -1;
    sq_bind_int(q, ":id", id);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return rc == SQLITE_ROW;
    *err = sq_db_error(c->db, "database");
    return -1;
}

static int add_step_history(struct conn *c, int64_t plan_id, const struct plan_actor *by,
                            char **err, const char *words, const char *due, int group)
{
    if (group && *due)
        return write_history(c, plan_id, by, err, "Step added: %s, due %s (group assignment)",
                             words, due);
    if (group) return write_history(c, plan_id, by, err, "Step added: %s (group assignment)", words);
    if (*due) return write_history(c, plan_id, by, err, "Step added: %s, due %s", words, due);
    return write_history(c, plan_id, by, err, "Step added: %s", words);
}

static int sqlite_plan_step_add(struct store *base, const int64_t *plan_ids, size_t n,
                                const struct plan_step *st, const struct plan_actor *by,
                                char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct conn *c = s->writer;
    char *words = step_words(st, 1);
    int status = STORE_OK;
    for (size_t i = 0; i < n && status == STORE_OK; i++) {
        int found = plan_exists(c, plan_ids[i], err);
        if (found <= 0) status = found ? STORE_ERROR : STORE_NOT_FOUND;
        else if (insert_step(c, plan_ids[i], st, NULL, err) < 0 ||
                 add_step_history(c, plan_ids[i], by, err, words, st->due, n > 1) < 0)
            status = STORE_ERROR;
    }
    free(words);
    return sq_write_end(s, status, err);
}

/* Reads step step_id of plan_id, a step in the plan (removed 0) or one removed from it
 * (removed 1), into holder->steps[0] (plan_clear it): 1 found, 0 absent, -1 error. */
static int read_step(struct conn *c, int64_t plan_id, int64_t step_id, int removed,
                     struct plan *holder, char **err)
{
    memset(holder, 0, sizeof *holder);
    holder->id = plan_id;
    sqlite3_stmt *q = sq_prep(c, "SELECT plan_id, id, position, kind, module_id, level, title,"
                              " due, signed_off_by, signed_off_at FROM plan_steps"
                              " WHERE id = :id AND plan_id = :plan AND removed = :removed", err);
    if (!q) return -1;
    sq_bind_int(q, ":id", step_id);
    sq_bind_int(q, ":plan", plan_id);
    sq_bind_int(q, ":removed", removed);
    if (read_rows(c, q, holder, 1, step_row, err) < 0) return -1;
    return holder->nsteps > 0;
}

/* Begins a write and reads the step (removed: as read_step); on failure ends the write and
 * returns the status to give back (the caller returns it at once); STORE_OK when the caller
 * may go on. */
static int begin_with_step_in(struct sqlite_store *s, int64_t plan_id, int64_t step_id,
                              int removed, struct plan *holder, char **err)
{
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int found = read_step(s->writer, plan_id, step_id, removed, holder, err);
    if (found > 0) return STORE_OK;
    plan_clear(holder);
    return sq_write_end(s, found ? STORE_ERROR : STORE_NOT_FOUND, err);
}

static int begin_with_step(struct sqlite_store *s, int64_t plan_id, int64_t step_id,
                           struct plan *holder, char **err)
{
    return begin_with_step_in(s, plan_id, step_id, 0, holder, err);
}

static int sqlite_plan_step_update(struct store *base, int64_t plan_id,
                                   const struct plan_step *st, const struct plan_actor *by,
                                   char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct plan h;
    int status = begin_with_step(s, plan_id, st->id, &h, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    const struct plan_step *old = &h.steps[0];
    int level = st->level >= 1 && st->level <= 3 ? st->level : old->level;
    const char *title = st->title && *st->title ? st->title : old->title;
    sqlite3_stmt *q = sq_prep(c, "UPDATE plan_steps SET level = :level, title = :title,"
                              " due = :due WHERE id = :id", err);
    status = STORE_ERROR;
    if (!q) goto done;
    sq_bind_int(q, ":id", st->id);
    sq_bind_int(q, ":level", level);
    sq_bind(q, ":title", title);
    sq_bind(q, ":due", st->due);
    if (sq_step_done(c, q, err) < 0) goto done;
    char *words = step_words(old, 0);
    int rc = 0;
    if (old->kind == PLAN_STEP_MODULE && level != old->level)
        rc |= write_history(c, plan_id, by, err, "Step %d, %s: level changed from %s to %s",
                      old->position, words, level_word(old->level), level_word(level));
    if (!rc && old->kind == PLAN_STEP_PRACTICAL && strcmp(title, old->title))
        rc |= write_history(c, plan_id, by, err, "Step %d, %s: renamed to \"%s\"", old->position,
                      words, title);
    if (!rc && strcmp(st->due, old->due))
        rc |= write_history(c, plan_id, by, err, "Step %d, %s: due date changed from %s to %s",
                      old->position, words, *old->due ? old->due : W_("none"),
                      *st->due ? st->due : W_("none"));
    free(words);
    if (!rc) status = STORE_OK;
done:
    plan_clear(&h);
    return sq_write_end(s, status, err);
}

static int sqlite_plan_step_remove(struct store *base, int64_t plan_id, int64_t step_id,
                                   const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct plan h;
    int status = begin_with_step(s, plan_id, step_id, &h, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "UPDATE plan_steps SET removed = 1 WHERE id = :id", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", step_id);
    if (sq_step_done(c, q, err) < 0) goto done;
    q = sq_prep(c, "UPDATE plan_steps SET position = position - 1"
                " WHERE plan_id = :plan AND position > :pos AND removed = 0", err);
    if (!q) goto done;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind_int(q, ":pos", h.steps[0].position);
    if (sq_step_done(c, q, err) < 0) goto done;
    char *words = step_words(&h.steps[0], 1);
    if (write_history(c, plan_id, by, err, "Step %d removed: %s", h.steps[0].position, words) == 0)
        status = STORE_OK;
    free(words);
done:
    plan_clear(&h);
    return sq_write_end(s, status, err);
}

static int sqlite_plan_step_move(struct store *base, int64_t plan_id, int64_t step_id,
                                 int delta, const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct plan h;
    int status = begin_with_step(s, plan_id, step_id, &h, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    int from = h.steps[0].position, to = from + (delta < 0 ? -1 : 1);
    status = STORE_ERROR;
    /* Swap with the neighbour; when there is none the first UPDATE changes no row. */
    sqlite3_stmt *q = sq_prep(c, "UPDATE plan_steps SET position = :from"
                              " WHERE plan_id = :plan AND position = :to AND removed = 0", err);
    if (!q) goto done;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind_int(q, ":from", from);
    sq_bind_int(q, ":to", to);
    if (sq_step_done(c, q, err) < 0) goto done;
    if (sqlite3_changes(c->db) == 0) {
        status = STORE_OK;
        goto done;
    }
    q = sq_prep(c, "UPDATE plan_steps SET position = :to WHERE id = :id", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", step_id);
    sq_bind_int(q, ":to", to);
    if (sq_step_done(c, q, err) < 0) goto done;
    char *words = step_words(&h.steps[0], 0);
    if (write_history(c, plan_id, by, err, "Step %s moved from place %d to place %d", words, from,
                to) == 0)
        status = STORE_OK;
    free(words);
done:
    plan_clear(&h);
    return sq_write_end(s, status, err);
}

static int sqlite_plan_step_restore(struct store *base, int64_t plan_id, int64_t step_id,
                                    const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct plan h;
    int status = begin_with_step_in(s, plan_id, step_id, 1, &h, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    status = STORE_ERROR;
    /* Back at its old place, or last when the plan has fewer steps now. */
    sqlite3_stmt *q = sq_prep(c, "SELECT min(:pos, coalesce(max(position), 0) + 1)"
                              " FROM plan_steps WHERE plan_id = :plan AND removed = 0", err);
    if (!q) goto done;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind_int(q, ":pos", h.steps[0].position);
    int pos = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_reset(q);
    if (pos < 1) {
        *err = sq_db_error(c->db, "database");
        goto done;
    }
    q = sq_prep(c, "UPDATE plan_steps SET position = position + 1"
                " WHERE plan_id = :plan AND position >= :pos AND removed = 0", err);
    if (!q) goto done;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind_int(q, ":pos", pos);
    if (sq_step_done(c, q, err) < 0) goto done;
    q = sq_prep(c, "UPDATE plan_steps SET removed = 0, position = :pos WHERE id = :id", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", step_id);
    sq_bind_int(q, ":pos", pos);
    if (sq_step_done(c, q, err) < 0) goto done;
    char *words = step_words(&h.steps[0], 1);
    if (write_history(c, plan_id, by, err, "Step %d put back (removal undone): %s", pos, words) == 0)
        status = STORE_OK;
    free(words);
done:
    plan_clear(&h);
    return sq_write_end(s, status, err);
}

/* Signs a practical step off (on 1) or takes the sign-off back (on 0). */
static int signoff_set(struct store *base, int64_t plan_id, int64_t step_id, int on,
                       const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct plan h;
    int status = begin_with_step(s, plan_id, step_id, &h, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    const struct plan_step *st = &h.steps[0];
    if (st->kind != PLAN_STEP_PRACTICAL) status = STORE_NOT_FOUND;
    else if ((st->signed_off_by != 0) == on) status = STORE_CONFLICT;   /* already so */
    if (status != STORE_OK) goto done;
    status = STORE_ERROR;
    char now[32];
    statements_now(now);
    sqlite3_stmt *q = sq_prep(c, "UPDATE plan_steps SET signed_off_by = :by,"
                              " signed_off_at = :at WHERE id = :id", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", step_id);
    sq_bind_int(q, ":by", on ? by->user_id : 0);
    sq_bind(q, ":at", on ? now : "");
    if (sq_step_done(c, q, err) < 0) goto done;
    if ((on ? write_history(c, plan_id, by, err, "Step %d, task \"%s\": signed off as done",
                      st->position, st->title)
            : write_history(c, plan_id, by, err, "Step %d, task \"%s\": sign-off undone, not done yet",
                      st->position, st->title)) == 0)
        status = STORE_OK;
done:
    plan_clear(&h);
    return sq_write_end(s, status, err);
}

static int sqlite_plan_step_signoff(struct store *base, int64_t plan_id, int64_t step_id,
                                    const struct plan_actor *by, char **err)
{
    return signoff_set(base, plan_id, step_id, 1, by, err);
}

static int sqlite_plan_step_signoff_undo(struct store *base, int64_t plan_id, int64_t step_id,
                                         const struct plan_actor *by, char **err)
{
    return signoff_set(base, plan_id, step_id, 0, by, err);
}

static const char *outcome_words(const char *outcome)
{
    return !strcmp(outcome, "on-track") ? W_("on track") : !strcmp(outcome, "adjust")
           ? W_("adjust the plan") : W_("no outcome yet");
}

/* Reads evaluation id of the plan into *e (strings owned): 1, 0 absent, -1 error. */
static int read_evaluation(struct conn *c, int64_t plan_id, int64_t id, struct plan *holder,
                           char **err)
{
    memset(holder, 0, sizeof *holder);
    holder->id = plan_id;
    sqlite3_stmt *q = sq_prep(c, "SELECT plan_id, id, scheduled, held, mentor_notes,"
                              " mentee_notes, outcome FROM plan_evaluations"
                              " WHERE id = :id AND plan_id = :plan", err);
    if (!q) return -1;
    sq_bind_int(q, ":id", id);
    sq_bind_int(q, ":plan", plan_id);
    if (read_rows(c, q, holder, 1, eval_row, err) < 0) return -1;
    return holder->nevals > 0;
}

static int update_evaluation(struct conn *c, int64_t plan_id, const struct plan_evaluation *e,
                             const struct plan_actor *by, char **err)
{
    struct plan h;
    int found = read_evaluation(c, plan_id, e->id, &h, err), status = STORE_ERROR;
    if (found <= 0) {
        plan_clear(&h);
        return found ? STORE_ERROR : STORE_NOT_FOUND;
    }
    const struct plan_evaluation *old = &h.evals[0];
    const char *scheduled = *e->scheduled ? e->scheduled : old->scheduled;
    sqlite3_stmt *q = sq_prep(c, "UPDATE plan_evaluations SET scheduled = :scheduled,"
                              " held = :held, mentor_notes = :mentor, mentee_notes = :mentee,"
                              " outcome = :outcome WHERE id = :id", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", e->id);
    sq_bind(q, ":scheduled", scheduled);
    sq_bind(q, ":held", e->held);
    sq_bind(q, ":mentor", e->mentor_notes ? e->mentor_notes : "");
    sq_bind(q, ":mentee", e->mentee_notes ? e->mentee_notes : "");
    sq_bind(q, ":outcome", e->outcome);
    if (sq_step_done(c, q, err) < 0) goto done;
    int rc = 0;
    if (strcmp(scheduled, old->scheduled))
        rc |= write_history(c, plan_id, by, err, "Evaluation moved from %s to %s", old->scheduled,
                      scheduled);
    if (!rc && (strcmp(e->held, old->held) || strcmp(e->outcome, old->outcome)))
        rc |= *e->held ? write_history(c, plan_id, by, err, "Evaluation of %s held on %s: %s",
                                       scheduled, e->held, outcome_words(e->outcome))
                       : write_history(c, plan_id, by, err, "Evaluation of %s not held yet: %s",
                                       scheduled, outcome_words(e->outcome));
    /* Every change of notes, with the words: the history is the record of what was said. */
    const char *mentor = e->mentor_notes ? e->mentor_notes : "";
    const char *mentee = e->mentee_notes ? e->mentee_notes : "";
    if (!rc && strcmp(mentor, old->mentor_notes))
        rc |= write_history(c, plan_id, by, err, "Evaluation of %s: the mentor's notes changed to "
                      "\"%s\"", scheduled, mentor);
    if (!rc && strcmp(mentee, old->mentee_notes))
        rc |= write_history(c, plan_id, by, err, "Evaluation of %s: the mentee's notes changed to "
                      "\"%s\"", scheduled, mentee);
    if (!rc) status = STORE_OK;
done:
    plan_clear(&h);
    return status;
}

static int sqlite_plan_evaluation_save(struct store *base, int64_t plan_id,
                                       const struct plan_evaluation *e,
                                       const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct conn *c = s->writer;
    int status;
    if (e->id) {
        status = update_evaluation(c, plan_id, e, by, err);
    } else {
        int found = plan_exists(c, plan_id, err);
        status = found < 0 ? STORE_ERROR : found ? STORE_OK : STORE_NOT_FOUND;
        if (status == STORE_OK &&
            (insert_evaluation(c, plan_id, e->scheduled, NULL, err) < 0 ||
             write_history(c, plan_id, by, err, "Evaluation planned for %s", e->scheduled) < 0))
            status = STORE_ERROR;
    }
    return sq_write_end(s, status, err);
}

/* Opens a write transaction on an existing plan: STORE_OK (end it with sq_write_end), or the
 * status of why not (the transaction is then ended already). */
static int begin_with_plan(struct sqlite_store *s, int64_t plan_id, char **err)
{
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int found = plan_exists(s->writer, plan_id, err);
    if (found > 0) return STORE_OK;
    return sq_write_end(s, found ? STORE_ERROR : STORE_NOT_FOUND, err);
}

/* Closes the plan (on 1: the goal is reached) or opens it again (on 0). */
static int set_finished(struct store *base, int64_t plan_id, int on, const struct plan_actor *by,
                        char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    int status = begin_with_plan(s, plan_id, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    status = STORE_ERROR;
    char now[32];
    statements_now(now);
    sqlite3_stmt *q = sq_prep(c, "UPDATE plans SET status = :to, finished_at = :at"
                              " WHERE id = :id AND status = :from", err);
    if (!q) goto done;
    sq_bind_int(q, ":id", plan_id);
    sq_bind(q, ":at", on ? now : "");
    sq_bind(q, ":to", on ? "finished" : "active");
    sq_bind(q, ":from", on ? "active" : "finished");
    if (sq_step_done(c, q, err) < 0) goto done;
    if (sqlite3_changes(c->db) == 0) status = STORE_CONFLICT;
    else if ((on ? write_history(c, plan_id, by, err, "Plan finished: the goal is reached")
                 : write_history(c, plan_id, by, err, "Plan opened again: it is active, not "
                                 "finished")) == 0)
        status = STORE_OK;
done:
    return sq_write_end(s, status, err);
}

static int sqlite_plan_finish(struct store *base, int64_t plan_id, const struct plan_actor *by,
                              char **err)
{
    return set_finished(base, plan_id, 1, by, err);
}

static int sqlite_plan_reopen(struct store *base, int64_t plan_id, const struct plan_actor *by,
                              char **err)
{
    return set_finished(base, plan_id, 0, by, err);
}

static int sqlite_plan_reflection_save(struct store *base, int64_t plan_id, const char *text,
                                       const struct plan_actor *by, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    int status = begin_with_plan(s, plan_id, err);
    if (status != STORE_OK) return status;
    struct conn *c = s->writer;
    status = STORE_ERROR;
    char now[32];
    statements_now(now);
    sqlite3_stmt *q = sq_prep(c, "INSERT OR REPLACE INTO plan_reflections (plan_id, user_id,"
                              " text, at) VALUES (:plan, :user, :text, :at)", err);
    if (!q) goto done;
    sq_bind_int(q, ":plan", plan_id);
    sq_bind_int(q, ":user", by->user_id);
    sq_bind(q, ":text", text);
    sq_bind(q, ":at", now);
    if (sq_step_done(c, q, err) == 0 &&
        write_history(c, plan_id, by, err, "%s wrote a reflection", by->name) == 0)
        status = STORE_OK;
done:
    return sq_write_end(s, status, err);
}

/* --- progress ----------------------------------------------------------------------------- */

/* A pair's state is the highest state with a count in its row of the progress summary
 * (progress_summary, lrs migrations 4 and 5, kept by triggers on the statements table: voided
 * statements do not count), 0 (not started) when it has none: one row read per pair, however
 * many statements the learner sent (reading each statement row instead took 41 ms at p50 for
 * the 1 000 steps of a dashboard of 200 mentees at 1 M statements). The pairs come in as ONE
 * bound JSON array [[agent, activity], ...] read by json_each, so the SQL text is constant
 * (one cached prepared statement) and no value is ever pasted into it. */
static const char progress_sql[] =
    "SELECT p.key, CASE WHEN s.passed > 0 THEN 4 WHEN s.completed > 0 THEN 3"
    "  WHEN s.failed > 0 THEN 2 WHEN s.in_progress > 0 THEN 1 ELSE 0 END"
    " FROM json_each(:pairs) p"
    " LEFT JOIN summary_agents a ON a.key = json_extract(p.value, '$[0]')"
    " LEFT JOIN summary_activities t ON t.iri = json_extract(p.value, '$[1]')"
    " LEFT JOIN progress_summary s ON s.agent = a.id AND s.activity = t.id";

/* Runs sql on a reader with the JSON array text b (freed) bound to the parameter name, one
 * constant SQL text whatever the number of items; row(st, ctx) gets each row. */
static int json_batch(struct sqlite_store *s, const char *sql, const char *name, struct buf *b,
                      void (*row)(sqlite3_stmt *st, void *ctx), void *ctx, char **err)
{
    struct conn *c = sq_reader_get(s, err);
    int status = STORE_ERROR, rc = SQLITE_ERROR;
    sqlite3_stmt *st = c ? sq_prep(c, sql, err) : NULL;
    if (st) {
        sq_bind(st, name, b->data);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) row(st, ctx);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) status = STORE_OK;
        else *err = sq_db_error(c->db, "database");
    }
    if (c) sq_reader_put(s, c);
    buf_free(b);
    return status;
}

struct states_out {
    enum progress_state *states;
    size_t n;
};

static void state_row(sqlite3_stmt *st, void *ctx)
{
    struct states_out *o = ctx;
    int64_t i = sqlite3_column_int64(st, 0);
    if (i >= 0 && (size_t)i < o->n) o->states[i] = (enum progress_state)sqlite3_column_int(st, 1);
}

static int sqlite_plan_progress(struct store *base, const struct progress_pair *pairs,
                                size_t n, enum progress_state *states, char **err)
{
    for (size_t i = 0; i < n; i++) states[i] = PROGRESS_NOT_STARTED;
    if (n == 0) return STORE_OK;
    struct buf b;   /* built by hand: with jansson it took a tenth of a 200-mentee dashboard */
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        buf_puts(&b, i ? ",[" : "[[");
        buf_put_json_string(&b, pairs[i].agent_key);
        buf_putc(&b, ',');
        buf_put_json_string(&b, pairs[i].activity);
        buf_putc(&b, ']');
    }
    buf_putc(&b, ']');
    struct states_out o = {states, n};
    return json_batch((struct sqlite_store *)base, progress_sql, ":pairs", &b, state_row, &o,
                      err);
}

struct stored_out {
    char (*stored)[32];
    size_t n;
};

static void stored_row(sqlite3_stmt *st, void *ctx)
{
    struct stored_out *o = ctx;
    int64_t i = sqlite3_column_int64(st, 0);
    if (i >= 0 && (size_t)i < o->n) copy_text(o->stored[i], 32, st, 1);
}

/* The newest statement of each agent through the statements_actor index (actor_key, seq):
 * one step down the index per agent. */
static int sqlite_plan_last_activity(struct store *base, const char *const *agent_keys,
                                     size_t n, char (*stored)[32], char **err)
{
    for (size_t i = 0; i < n; i++) stored[i][0] = '\0';
    if (n == 0) return STORE_OK;
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        buf_putc(&b, i ? ',' : '[');
        buf_put_json_string(&b, agent_keys[i]);
    }
    buf_putc(&b, ']');
    struct stored_out o = {stored, n};
    return json_batch((struct sqlite_store *)base,
                      "SELECT k.key, (SELECT stored FROM statements WHERE actor_key = k.value"
                      " ORDER BY seq DESC LIMIT 1) FROM json_each(:keys) k", ":keys", &b,
                      stored_row, &o, err);
}

const struct store_plan_ops sqlite_plan_ops = {
    .create = sqlite_plan_create,
    .get = sqlite_plan_get,
    .list = sqlite_plan_list,
    .open_with_module = sqlite_plan_open_with_module,
    .update = sqlite_plan_update,
    .step_add = sqlite_plan_step_add,
    .step_update = sqlite_plan_step_update,
    .step_remove = sqlite_plan_step_remove,
    .step_move = sqlite_plan_step_move,
    .step_signoff = sqlite_plan_step_signoff,
    .evaluation_save = sqlite_plan_evaluation_save,
    .finish = sqlite_plan_finish,
    .reopen = sqlite_plan_reopen,
    .step_restore = sqlite_plan_step_restore,
    .step_signoff_undo = sqlite_plan_step_signoff_undo,
    .pairing_add = sq_pairing_add,
    .pairing_list = sq_pairing_list,
    .pairing_end = sq_pairing_end,
    .calendar_set = sq_calendar_set,
    .calendar_find = sq_calendar_find,
    .reflection_save = sqlite_plan_reflection_save,
    .history = sqlite_plan_history,
    .progress = sqlite_plan_progress,
    .last_activity = sqlite_plan_last_activity,
};
