/* scorm_launch.c: a package as the SCORM routes see it (scorm_launch.h). */
#include "server/scorm_launch.h"

#include <stdlib.h>
#include <string.h>

#include "content/package.h"
#include "server/buf.h"
#include "server/server.h"
#include "tracking/scorm_statements.h"

int scorm_package_load(struct request *r, const char *id, int version, struct scorm_package *p)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_lock(&r->srv->lock);
    const struct module *m = catalog_find(r->srv->catalog, id);
    if (m && m->kind == MODULE_PACKAGE) {
        p->id = xstrdup(m->id);
        p->title = xstrdup(m->title);
        const char *slash = strrchr(m->source_path, '/');
        p->dir = xstrndup(m->source_path, (size_t)(slash - m->source_path));
        p->current_version = m->package_version;
    }
    pthread_mutex_unlock(&r->srv->lock);
    if (!p->id) return -1;
    p->version = version > 0 ? version : p->current_version;
    char *path = xasprintf("%s/%d/%s", p->dir, p->version, PACKAGE_MANIFEST), *err = NULL;
    p->manifest = package_read_json(path, &err);
    free(path);
    free(err);
    if (!p->manifest) {
        scorm_package_clear(p);
        return -1;
    }
    p->cmi = scorm_cmi_version_of(json_string_value(json_object_get(p->manifest, "scorm")));
    return 0;
}

void scorm_package_clear(struct scorm_package *p)
{
    free(p->id);
    free(p->title);
    free(p->dir);
    json_decref(p->manifest);
    memset(p, 0, sizeof *p);
}

const json_t *scorm_package_sco(const struct scorm_package *p, const char *sco)
{
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(p->manifest, "items"), i, item) {
        const char *id = json_string_value(json_object_get(item, "identifier"));
        if (id && !strcmp(id, sco) && json_object_get(item, "launch")) return item;
    }
    return NULL;
}

static const char *get(const json_t *values, const char *element)
{
    const char *s = element ? json_string_value(json_object_get(values, element)) : NULL;
    return s ? s : "";
}

int scorm_sco_done(enum scorm_cmi_version v, const json_t *values)
{
    const struct scorm_cmi_names *n = scorm_cmi_names(v);
    const char *c = get(values, n->completion);
    return !strcmp(c, "completed") || !strcmp(c, "passed") ||
           (n->success && !strcmp(get(values, n->success), "passed"));
}

int scorm_sco_success(enum scorm_cmi_version v, const json_t *values)
{
    const struct scorm_cmi_names *n = scorm_cmi_names(v);
    const char *s = get(values, n->success ? n->success : n->completion);
    return !strcmp(s, "passed") ? 1 : !strcmp(s, "failed") ? 0 : -1;
}

void scorm_rollup_add(struct scorm_rollup *r, enum scorm_cmi_version v, const json_t *values)
{
    r->scos++;
    if (!values) return;
    r->done += scorm_sco_done(v, values);
    int success = scorm_sco_success(v, values);
    r->passed += success == 1;
    r->failed += success == 0;
    double scaled;
    if (scorm_score_scaled(v, values, &scaled)) {
        r->scored++;
        r->scaled_sum += scaled;
    }
}

int scorm_rollup_done(const struct scorm_rollup *r)
{
    return r->scos > 0 && r->done == r->scos;
}

int scorm_rollup_success(const struct scorm_rollup *r)
{
    if (r->failed) return 0;
    return r->passed && scorm_rollup_done(r) ? 1 : -1;
}
