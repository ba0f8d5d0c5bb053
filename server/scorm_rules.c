/* scorm_rules.c: the course state of a SCORM 2004 package by its manifest's rollup rules,
 * from the stored SCO data (scorm_rules.h). The manifest's items are flat with their depth; an
 * activity's children are the items one deeper that follow it. Statuses are three-valued:
 * 1, 0, -1 (unknown), as Simple Sequencing's rule conditions are. */
#include "server/scorm_rules.h"

#include "server/buf.h"

#include <stdlib.h>
#include <string.h>

struct activity {
    int tracked, rollup_satisfied, rollup_completion;
    double weight;
    int completed, satisfied, attempted, measured;
    double measure;
};

/* The first element of a child list of the JSON kept by scorm_xml_to_json, or NULL. */
static const json_t *first(const json_t *o, const char *name)
{
    return o ? json_array_get(json_object_get(o, name), 0) : NULL;
}

static const char *attr(const json_t *o, const char *name)
{
    return o ? json_string_value(json_object_get(o, name)) : NULL;
}

static int flag(const json_t *o, const char *name, int dflt)
{
    const char *s = attr(o, name);
    return s ? !strcmp(s, "true") : dflt;
}

static double number(const char *s, double dflt)
{
    if (!s || !*s) return dflt;
    char *end;
    double d = strtod(s, &end);
    return *end ? dflt : d;
}

/* An item's sequencing with what its IDRef names in the sequencing collection beneath it: a
 * new reference the caller decrefs. */
static json_t *sequencing_of(const json_t *manifest, const json_t *own)
{
    json_t *out = json_object();
    const char *ref = attr(own, "IDRef");
    const json_t *shared = ref ? json_object_get(json_object_get(manifest, "sequencing_collection"), ref) : NULL;
    if (shared) json_object_update(out, (json_t *)shared);
    if (own) json_object_update(out, (json_t *)own);
    return out;
}

/* With the primary objective satisfied by measure, sets a's success from its measure against
 * minNormalizedMeasure (default 1; unknown without a measure) and returns 1; else 0. */
static int satisfied_by_measure(const json_t *seq, struct activity *a)
{
    const json_t *po = first(first(seq, "objectives"), "primaryObjective");
    if (!flag(po, "satisfiedByMeasure", 0)) return 0;
    double min = number(attr(first(po, "minNormalizedMeasure"), "value"), 1.0);
    a->satisfied = a->measured ? a->measure >= min : -1;
    return 1;
}

static void settings(const json_t *seq, struct activity *a)
{
    const json_t *rr = first(seq, "rollupRules");
    a->tracked = flag(first(seq, "deliveryControls"), "tracked", 1);
    a->rollup_satisfied = flag(rr, "rollupObjectiveSatisfied", 1);
    a->rollup_completion = flag(rr, "rollupProgressCompletion", 1);
    a->weight = number(attr(rr, "objectiveMeasureWeight"), 1.0);
}

static void leaf(const json_t *seq, const json_t *values, struct activity *a)
{
    const char *c = values ? json_string_value(json_object_get(values, "cmi.completion_status")) : NULL;
    const char *s = values ? json_string_value(json_object_get(values, "cmi.success_status")) : NULL;
    const char *m = values ? json_string_value(json_object_get(values, "cmi.score.scaled")) : NULL;
    a->attempted = values && json_object_size(values) > 0;
    a->completed = !c ? -1 : !strcmp(c, "completed") ? 1 : !strcmp(c, "incomplete") ? 0 : -1;
    a->satisfied = !s ? -1 : !strcmp(s, "passed") ? 1 : !strcmp(s, "failed") ? 0 : -1;
    a->measured = m && *m;
    a->measure = number(m, 0);
    satisfied_by_measure(seq, a);
}

static int negate(int v) { return v < 0 ? v : !v; }

/* One rollup condition on one child (RB.1.4.2's conditions; time limits and attempt limits are
 * not tracked by the server, so their conditions are false). */
static int condition(const json_t *cond, const struct activity *c)
{
    const char *name = attr(cond, "condition");
    int v = 0;
    if (!name) v = 0;
    else if (!strcmp(name, "satisfied")) v = c->satisfied;
    else if (!strcmp(name, "objectiveStatusKnown")) v = c->satisfied >= 0;
    else if (!strcmp(name, "objectiveMeasureKnown")) v = c->measured;
    else if (!strcmp(name, "completed")) v = c->completed;
    else if (!strcmp(name, "activityProgressKnown")) v = c->completed >= 0;
    else if (!strcmp(name, "attempted")) v = c->attempted;
    const char *op = attr(cond, "operator");
    return op && !strcmp(op, "not") ? negate(v) : v;
}

/* A rule's conditions on one child, combined by conditionCombination (default any). */
static int conditions(const json_t *rule, const struct activity *c)
{
    const json_t *conds = first(rule, "rollupConditions");
    const char *comb = attr(conds, "conditionCombination");
    int all = comb && !strcmp(comb, "all"), out = all ? 1 : 0;
    size_t i;
    json_t *cond;
    json_array_foreach(json_object_get(conds, "rollupCondition"), i, cond) {
        int v = condition(cond, c);
        if (all) out = v == 0 || out == 0 ? 0 : v < 0 || out < 0 ? -1 : 1;
        else out = v == 1 || out == 1 ? 1 : v < 0 || out < 0 ? -1 : 0;
    }
    return out;
}

/* Whether the action is one of success (satisfied, notSatisfied) rather than of completion. */
static int objective_action(const char *action)
{
    return !strcmp(action, "satisfied") || !strcmp(action, "notSatisfied");
}

/* Whether child c counts for the success (objective) or the completion rules. */
static int counts_for(const struct activity *c, int objective)
{
    return c->tracked && (objective ? c->rollup_satisfied : c->rollup_completion);
}

/* Whether a rule fires over the children that count for its action (RB.1.4). */
static int fires(const json_t *rule, const struct activity *kids, size_t n, int objective)
{
    size_t counted = 0, yes = 0, no = 0;
    for (size_t i = 0; i < n; i++) {
        const struct activity *c = &kids[i];
        if (!counts_for(c, objective)) continue;
        int v = conditions(rule, c);
        counted++;
        yes += v == 1;
        no += v == 0;
    }
    if (!counted) return 0;
    const char *set = attr(rule, "childActivitySet");
    if (!set || !strcmp(set, "all")) return yes == counted;
    if (!strcmp(set, "any")) return yes > 0;
    if (!strcmp(set, "none")) return no == counted;
    if (!strcmp(set, "atLeastCount")) return yes >= (size_t)number(attr(rule, "minimumCount"), 0);
    if (!strcmp(set, "atLeastPercent"))
        return (double)yes / counted >= number(attr(rule, "minimumPercent"), 0);
    return 0;
}

/* The default rule of an action the activity has no rule for (RB.1.2c, RB.1.3c as scorm-again
 * applies them): satisfied/completed when all counted children are, notSatisfied/incomplete
 * when any is not. */
static int default_fires(const char *action, const struct activity *kids, size_t n)
{
    int objective = objective_action(action);
    int positive = !strcmp(action, "satisfied") || !strcmp(action, "completed");
    size_t counted = 0, yes = 0, no = 0;
    for (size_t i = 0; i < n; i++) {
        const struct activity *c = &kids[i];
        if (!counts_for(c, objective)) continue;
        int v = objective ? c->satisfied : c->completed;
        counted++;
        yes += v == 1;
        no += v == 0;
    }
    return counted && (positive ? yes == counted : no > 0);
}

/* Whether the activity's rules of action fire, or its default when it has none of that action. */
static int action_fires(const json_t *seq, const char *action, const struct activity *kids, size_t n)
{
    int any = 0;
    size_t i;
    json_t *rule;
    json_array_foreach(json_object_get(first(seq, "rollupRules"), "rollupRule"), i, rule) {
        const char *a = attr(first(rule, "rollupAction"), "action");
        if (!a || strcmp(a, action)) continue;
        any = 1;
        if (fires(rule, kids, n, objective_action(action)))
            return 1;
    }
    return any ? 0 : default_fires(action, kids, n);
}

/* Rolls a cluster up from its children (RB.1.1 measure, RB.1.2 objective, RB.1.3 progress). */
static void cluster(const json_t *seq, const struct activity *kids, size_t n, struct activity *a)
{
    double total = 0, weighted = 0;
    int valid = 0;
    a->attempted = 0;
    for (size_t i = 0; i < n; i++) {
        if (!kids[i].tracked) continue;
        a->attempted |= kids[i].attempted;
        total += kids[i].weight;
        if (kids[i].measured) {
            valid = 1;
            weighted += kids[i].measure * kids[i].weight;
        }
    }
    a->measured = valid && total > 0;
    a->measure = a->measured ? weighted / total : 0;
    if (!satisfied_by_measure(seq, a))
        a->satisfied = action_fires(seq, "satisfied", kids, n) ? 1
                     : action_fires(seq, "notSatisfied", kids, n) ? 0 : -1;
    a->completed = action_fires(seq, "completed", kids, n) ? 1
                 : action_fires(seq, "incomplete", kids, n) ? 0 : -1;
}

/* Evaluates the items from *i on at depth into out (one per item), advancing *i past them. */
static size_t level(const json_t *manifest, const json_t *data, size_t *i, int depth,
                    struct activity *out)
{
    const json_t *items = json_object_get(manifest, "items");
    size_t n = 0;
    while (*i < json_array_size(items)) {
        const json_t *item = json_array_get(items, *i);
        int d = (int)json_integer_value(json_object_get(item, "depth"));
        if (d < depth) break;
        (*i)++;
        json_t *seq = sequencing_of(manifest, json_object_get(item, "sequencing"));
        struct activity *a = &out[n++];
        memset(a, 0, sizeof *a);
        settings(seq, a);
        const json_t *next = json_array_get(items, *i);
        if (next && json_integer_value(json_object_get(next, "depth")) > d) {
            struct activity *kids = xcalloc(json_array_size(items), sizeof *kids);
            size_t k = level(manifest, data, i, d + 1, kids);
            cluster(seq, kids, k, a);
            free(kids);
        } else {
            const char *type = json_string_value(json_object_get(item, "scorm_type"));
            if (!type || strcmp(type, "sco")) a->tracked = 0;    /* an asset or no launch */
            const char *id = json_string_value(json_object_get(item, "identifier"));
            leaf(seq, id ? json_object_get(data, id) : NULL, a);
        }
        json_decref(seq);
    }
    return n;
}

int scorm_rules_apply(const json_t *manifest)
{
    if (json_object_get(manifest, "organization_sequencing")) return 1;
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(manifest, "items"), i, item)
        if (json_object_get(item, "sequencing")) return 1;
    return 0;
}

struct scorm_course_state scorm_rules_rollup(const json_t *manifest, const json_t *data)
{
    struct scorm_course_state st = {-1, -1, 0, 0};
    size_t count = json_array_size(json_object_get(manifest, "items")), i = 0;
    struct activity *kids = xcalloc(count ? count : 1, sizeof *kids), root = {0};
    size_t n = level(manifest, data, &i, 0, kids);
    json_t *seq = sequencing_of(manifest, json_object_get(manifest, "organization_sequencing"));
    cluster(seq, kids, n, &root);
    json_decref(seq);
    free(kids);
    st.completed = root.completed;
    st.satisfied = root.satisfied;
    st.measured = root.measured;
    st.measure = root.measure;
    return st;
}
