/* sqlite_group.c: group commit. Writes that arrive while another is being committed wait in a
 * queue; the next commit takes every one waiting when it starts, runs each in its own savepoint
 * (so one that fails is undone alone and gets its own status), and flushes them all to disk with
 * one COMMIT. Nobody's call returns before the commit that holds its write is on disk, so with
 * --sync full eight clients wait for one flush instead of queuing for eight. */
#include <stdlib.h>

#include "server/buf.h"
#include "tracking/sqlite_conn.h"

struct sq_group_member {
    sq_group_work work;
    void *arg;
    int status;
    char *err;
    enum store_failure failure;     /* why it failed (store_last_failure), noted in the thread that
                                     * ran it and handed to the caller's thread */
    int done;
    struct sq_group_member *next;
};

void sq_group_init(struct sqlite_store *s)
{
    pthread_mutex_init(&s->group_lock, NULL);
    pthread_cond_init(&s->group_done, NULL);
    s->group_head = NULL;
    s->group_tail = &s->group_head;
}

void sq_group_destroy(struct sqlite_store *s)
{
    pthread_cond_destroy(&s->group_done);
    pthread_mutex_destroy(&s->group_lock);
}

/* Takes every waiting member off the queue. */
static struct sq_group_member *take_queue(struct sqlite_store *s)
{
    pthread_mutex_lock(&s->group_lock);
    struct sq_group_member *list = s->group_head;
    s->group_head = NULL;
    s->group_tail = &s->group_head;
    s->group_waiting = 0;
    pthread_mutex_unlock(&s->group_lock);
    return list;
}

/* The group's writes are lost: each member from m on that had succeeded (or had not run yet)
 * fails with the message why (and the failure just noted); one that failed on its own keeps
 * its status. */
static void fail_rest(struct sq_group_member *m, const char *why)
{
    enum store_failure failure = store_last_failure();
    for (; m; m = m->next) {
        if (m->status == STORE_OK) m->status = STORE_ERROR, m->failure = failure;
        if (m->status == STORE_ERROR && !m->err) m->err = xstrdup(why);
    }
}

/* One member's work inside its savepoint; returns 0, or -1 when the transaction itself is gone
 * (SQLite rolls the whole transaction back on some errors, such as a full disk). */
static int run_member(struct sqlite_store *s, struct sq_group_member *m)
{
    char *err = NULL;
    if (sq_exec(s->writer, "SAVEPOINT member", &err) < 0) {
        m->status = STORE_ERROR;
        m->err = err;
        return -1;
    }
    m->status = m->work(s, m->arg, &m->err);
    if (m->status == STORE_OK) {
        if (sq_exec(s->writer, "RELEASE member", &m->err) == 0) return 0;
        m->status = STORE_ERROR;
        m->failure = store_last_failure();
        return -1;
    }
    m->failure = store_last_failure();
    if (m->failure == STORE_FAILURE_FULL) s->write_full = 1;
    if (sqlite3_get_autocommit(s->writer->db)) return -1;
    sqlite3_exec(s->writer->db, "ROLLBACK TO member; RELEASE member", NULL, NULL, NULL);
    return 0;
}

/* Runs one group: begins, takes the queue, runs each member, commits, and marks them done. */
static void run_group(struct sqlite_store *s)
{
    char *err = NULL;
    int began = sq_group_begin(s, &err) == 0;
    /* Taken after BEGIN: whoever arrived while it waited for the database joins this group. */
    struct sq_group_member *list = take_queue(s), *m = list;
    if (began) {
        while (m && run_member(s, m) == 0) m = m->next;
        if (m) {    /* the transaction is gone: nothing of this group is kept */
            fail_rest(list, m->err ? m->err : "the database transaction was rolled back");
            sq_write_end(s, STORE_ERROR, NULL);
        } else if (sq_write_end(s, STORE_OK, &err) != STORE_OK) {
            fail_rest(list, err);
        }
    } else {
        fail_rest(list, err);
    }
    free(err);
    pthread_mutex_lock(&s->group_lock);
    for (m = list; m; m = m->next) m->done = 1;
    s->group_commits++;
    pthread_mutex_unlock(&s->group_lock);
}

int sq_group_write(struct sqlite_store *s, sq_group_work work, void *arg, char **err)
{
    struct sq_group_member me = {work, arg, STORE_OK, NULL, STORE_FAILURE_OTHER, 0, NULL};
    pthread_mutex_lock(&s->group_lock);
    *s->group_tail = &me;
    s->group_tail = &me.next;
    s->group_waiting++;
    while (!me.done) {
        if (s->group_leader) {
            pthread_cond_wait(&s->group_done, &s->group_lock);
            continue;
        }
        s->group_leader = 1;        /* nobody is committing: this call commits the group */
        pthread_mutex_unlock(&s->group_lock);
        run_group(s);
        pthread_mutex_lock(&s->group_lock);
        s->group_leader = 0;
        pthread_cond_broadcast(&s->group_done);
    }
    pthread_mutex_unlock(&s->group_lock);
    if (me.status == STORE_ERROR) store_failure_note(me.failure);
    if (me.status == STORE_ERROR && err) *err = me.err;
    else free(me.err);
    return me.status;
}

void sq_group_figures(struct sqlite_store *s, uint64_t *commits, size_t *waiting)
{
    pthread_mutex_lock(&s->group_lock);
    if (commits) *commits = s->group_commits;
    if (waiting) *waiting = s->group_waiting;
    pthread_mutex_unlock(&s->group_lock);
}
