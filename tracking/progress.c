/* progress.c: the rule that turns a mentee's xAPI statements about a module into a step state,
 * whatever sent them (the player, a SCORM package, an outside xAPI tool). */
#include "tracking/progress.h"

#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "server/buf.h"
#include "tracking/statements.h"
#include "tracking/validate.h"

json_t *progress_agent(const char *public_url, const char *login)
{
    return json_pack("{s:s,s:{s:s,s:s}}", "objectType", "Agent", "account", "homePage",
                     public_url, "name", login);
}

char *progress_agent_key(const char *public_url, const char *login)
{
    json_t *agent = progress_agent(public_url, login);
    char *key = statements_agent_key(agent);
    json_decref(agent);
    return key;
}

char *progress_activity_iri(const char *public_url, const char *module_id)
{
    return xasprintf("%s/modules/%s", public_url, module_id);
}

/* result.<name> as 1 (true), 0 (false) or -1 (absent or not a boolean). */
static int result_flag(const json_t *stmt, const char *name)
{
    json_t *v = json_object_get(json_object_get(stmt, "result"), name);
    return json_is_boolean(v) ? json_is_true(v) : -1;
}

enum progress_state progress_of_statement(const json_t *stmt)
{
    const char *verb = json_string_value(json_object_get(json_object_get(stmt, "verb"), "id"));
    if (!verb) verb = "";
    int success = result_flag(stmt, "success");
    if (!strcmp(verb, PROGRESS_VERB_PASSED) || success == 1) return PROGRESS_PASSED;
    if (!strcmp(verb, PROGRESS_VERB_COMPLETED) || result_flag(stmt, "completion") == 1)
        return PROGRESS_COMPLETED;
    if (!strcmp(verb, PROGRESS_VERB_FAILED) || success == 0) return PROGRESS_FAILED;
    return PROGRESS_IN_PROGRESS;
}

enum progress_state progress_combine(enum progress_state a, enum progress_state b)
{
    return a > b ? a : b;
}

int progress_is_done(enum progress_state s)
{
    return s == PROGRESS_COMPLETED || s == PROGRESS_PASSED;
}

const char *progress_label(enum progress_state s)
{
    static const char *const labels[] = {NC_("progress", "Not started"), NC_("progress", "Started"),
                                         NC_("progress", "Not passed yet"), NC_("progress", "Done"),
                                         NC_("progress", "Passed")};
    return C_("progress", (unsigned)s <= PROGRESS_PASSED ? labels[s] : labels[0]);
}

const char *progress_token(enum progress_state s)
{
    static const char *const tokens[] = {"not-started", "in-progress", "failed", "completed",
                                         "passed"};
    return (unsigned)s <= PROGRESS_PASSED ? tokens[s] : tokens[0];
}

/* The verb's last path segment ("completed") as its English display. */
static const char *verb_word(const char *verb)
{
    const char *slash = strrchr(verb, '/');
    return slash ? slash + 1 : verb;
}

int progress_store(struct store *s, const char *public_url, const json_t *stmts, char **err)
{
    size_t n = json_array_size(stmts), done = 0;
    struct store_statement *batch = xcalloc(n ? n : 1, sizeof *batch);
    json_t *authority = progress_agent(public_url, "stepwise (server)");
    char msg[256];
    int rc = -1;
    for (; done < n; done++) {
        const json_t *stmt = json_array_get(stmts, done);
        if (xapi_validate_statement(stmt, XAPI_1_0_3, msg, sizeof msg) < 0 ||
            statements_prepare(stmt, XAPI_1_0_3, authority, &batch[done], msg, sizeof msg) < 0) {
            *err = xasprintf("statement: %s (statement %zu of %zu)", msg, done + 1, n);
            goto done;
        }
        /* The server's own modules: their definitions are the canonical ones. */
        batch[done].define_activities = 1;
    }
    size_t failed;
    rc = store_statements_insert(s, batch, n, &failed, err) == STORE_OK ? 0 : -1;
    if (rc < 0 && !*err) *err = xstrdup("the statements could not be stored");
done:
    statements_free_batch(batch, done < n ? done + 1 : done);   /* a half-prepared one too */
    json_decref(authority);
    return rc;
}

int progress_record(struct store *s, const char *public_url, const char *login,
                    const char *verb, const char *module_id, const char *module_title,
                    char **err)
{
    char *iri = progress_activity_iri(public_url, module_id);
    json_t *stmt = json_pack("{s:o,s:{s:s,s:{s:s}},s:{s:s,s:s,s:{s:{s:s},s:s}},s:{s:s}}",
        "actor", progress_agent(public_url, login),
        "verb", "id", verb, "display", "en-US", verb_word(verb),
        "object", "objectType", "Activity", "id", iri, "definition", "name", "en-US",
        module_title && *module_title ? module_title : module_id,
        "type", "http://adlnet.gov/expapi/activities/lesson",
        "context", "platform", "Stepwise");
    free(iri);
    if (!stmt) {
        *err = xstrdup("the statement could not be built");
        return -1;
    }
    json_t *one = json_pack("[o]", stmt);
    int rc = progress_store(s, public_url, one, err);
    json_decref(one);
    return rc;
}
