/* scorm_export_manifest.c: the imsmanifest.xml of an exported module, written with libxml2's
 * xmlTextWriter: the namespaces and xsi:schemaLocation of SCORM 1.2 (IMS CP 1.1.2, ADL CP 1.2,
 * IMS metadata 1.2.1) or of SCORM 2004 4th Edition (IMS CP 1.1.4, ADL CP 1.3, IMS SS, IEEE LOM), one organization with one SCO, and the module's mastery where each version keeps
 * it. Output depends only on the module, so the same module gives the same bytes. */
#include "content/scorm_export.h"

#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

#define NS_XSI "http://www.w3.org/2001/XMLSchema-instance"

struct ns {
    const char *prefix;     /* NULL: the default namespace */
    const char *uri;
    const char *xsd;        /* its schema file, for xsi:schemaLocation */
};

static const struct ns ns_12[] = {
    {NULL, "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"},
    {"adlcp", "http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"},
    {"imsmd", "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "imsmd_rootv1p2p1.xsd"},
};

static const struct ns ns_2004[] = {
    {NULL, "http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"},
    {"adlcp", "http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"},
    {"imsss", "http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"},
    {"lom", "http://ltsc.ieee.org/xsd/LOM", "lom.xsd"},
};

struct writer {
    xmlTextWriterPtr w;
    const struct module *m;
    int v2004;
    const char *md;         /* the metadata prefix: "imsmd" or "lom" */
};

static void start(struct writer *x, const char *prefix, const char *name)
{
    xmlTextWriterStartElementNS(x->w, (const xmlChar *)prefix, (const xmlChar *)name, NULL);
}

static void end(struct writer *x)
{
    xmlTextWriterEndElement(x->w);
}

static void attr(struct writer *x, const char *name, const char *value)
{
    xmlTextWriterWriteAttribute(x->w, (const xmlChar *)name, (const xmlChar *)value);
}

static void element(struct writer *x, const char *prefix, const char *name, const char *text)
{
    xmlTextWriterWriteElementNS(x->w, (const xmlChar *)prefix, (const xmlChar *)name, NULL,
                                (const xmlChar *)text);
}

/* A LOM text in the module's language: imsmd:langstring xml:lang (1.2), lom:string language
 * (2004). */
static void lom_text(struct writer *x, const char *name, const char *text)
{
    start(x, x->md, name);
    start(x, x->md, x->v2004 ? "string" : "langstring");
    attr(x, x->v2004 ? "language" : "xml:lang", x->m->language);
    xmlTextWriterWriteString(x->w, (const xmlChar *)text);
    end(x);
    end(x);
}

static void put_metadata(struct writer *x)
{
    const struct module *m = x->m;
    start(x, NULL, "metadata");
    element(x, NULL, "schema", "ADL SCORM");
    element(x, NULL, "schemaversion", x->v2004 ? "2004 4th Edition" : "1.2");
    start(x, x->md, "lom");
    start(x, x->md, "general");
    lom_text(x, "title", m->title);
    element(x, x->md, "language", m->language);
    lom_text(x, "description", m->summary);
    for (size_t i = 0; i < m->nskills; i++) lom_text(x, "keyword", m->skills[i]);
    end(x);
    char *duration = xasprintf("PT%dM", m->minutes);
    start(x, x->md, "educational");
    start(x, x->md, x->v2004 ? "typicalLearningTime" : "typicallearningtime");
    element(x, x->md, x->v2004 ? "duration" : "datetime", duration);
    end(x);
    end(x);
    free(duration);
    end(x);
    end(x);
}

/* The mastery as a short decimal ("0.8", "80"), the same on every machine. */
static char *decimal(double v)
{
    char *s = xasprintf("%.4f", v);
    char *p = s + strlen(s) - 1;
    while (*p == '0') *p-- = '\0';
    if (*p == '.') *p = '\0';
    return s;
}

static void put_item_settings(struct writer *x)
{
    if (!x->v2004) {
        char *score = decimal(x->m->mastery * 100);
        element(x, "adlcp", "masteryscore", score);
        free(score);
        return;
    }
    char *measure = decimal(x->m->mastery);
    start(x, "imsss", "sequencing");
    start(x, "imsss", "objectives");
    start(x, "imsss", "primaryObjective");
    attr(x, "objectiveID", "mastery");
    attr(x, "satisfiedByMeasure", "true");
    element(x, "imsss", "minNormalizedMeasure", measure);
    end(x);
    end(x);
    end(x);
    free(measure);
}

static void put_organization(struct writer *x, const char *id)
{
    char *org = xasprintf("ORG-%s", id), *item = xasprintf("ITEM-%s", id);
    char *res = xasprintf("RES-%s", id);
    start(x, NULL, "organizations");
    attr(x, "default", org);
    start(x, NULL, "organization");
    attr(x, "identifier", org);
    element(x, NULL, "title", x->m->title);
    start(x, NULL, "item");
    attr(x, "identifier", item);
    attr(x, "identifierref", res);
    attr(x, "isvisible", "true");
    element(x, NULL, "title", x->m->title);
    put_item_settings(x);
    end(x);
    if (x->v2004) {
        start(x, "imsss", "sequencing");
        start(x, "imsss", "controlMode");
        attr(x, "choice", "true");
        attr(x, "flow", "true");
        end(x);
        end(x);
    }
    end(x);
    end(x);
    free(org);
    free(item);
    free(res);
}

static void put_resources(struct writer *x, const char *id, char *const *files, size_t nfiles)
{
    char *res = xasprintf("RES-%s", id);
    start(x, NULL, "resources");
    start(x, NULL, "resource");
    attr(x, "identifier", res);
    attr(x, "type", "webcontent");
    attr(x, x->v2004 ? "adlcp:scormType" : "adlcp:scormtype", "sco");
    attr(x, "href", "index.html");
    for (size_t i = 0; i < nfiles; i++) {
        start(x, NULL, "file");
        attr(x, "href", files[i]);
        end(x);
    }
    end(x);
    end(x);
    free(res);
}

char *scorm_export_manifest(const struct module *m, enum scorm_export_version v,
                            char *const *files, size_t nfiles, size_t *len)
{
    xmlBufferPtr out = xmlBufferCreate();
    struct writer x = {xmlNewTextWriterMemory(out, 0), m, v == SCORM_EXPORT_2004, NULL};
    const struct ns *ns = x.v2004 ? ns_2004 : ns_12;
    size_t nns = x.v2004 ? sizeof ns_2004 / sizeof *ns_2004 : sizeof ns_12 / sizeof *ns_12;
    x.md = x.v2004 ? "lom" : "imsmd";
    /* An XML ID starts with a letter: a module id such as "5s-method" gets a prefix. */
    char *id = m->id[0] >= '0' && m->id[0] <= '9' ? xasprintf("m-%s", m->id) : xstrdup(m->id);
    xmlTextWriterSetIndent(x.w, 1);
    xmlTextWriterSetIndentString(x.w, (const xmlChar *)"  ");
    xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL);
    start(&x, NULL, "manifest");
    attr(&x, "identifier", id);
    attr(&x, "version", m->version ? m->version : "1");
    struct buf where;
    buf_init(&where);
    for (size_t i = 0; i < nns; i++) {
        char *name = ns[i].prefix ? xasprintf("xmlns:%s", ns[i].prefix) : xstrdup("xmlns");
        attr(&x, name, ns[i].uri);
        buf_printf(&where, "%s%s %s", i ? " " : "", ns[i].uri, ns[i].xsd);
        free(name);
    }
    attr(&x, "xmlns:xsi", NS_XSI);
    attr(&x, "xsi:schemaLocation", where.data);
    buf_free(&where);
    put_metadata(&x);
    put_organization(&x, id);
    put_resources(&x, id, files, nfiles);
    end(&x);
    xmlTextWriterEndDocument(x.w);
    xmlFreeTextWriter(x.w);
    struct buf b;
    buf_init(&b);
    buf_append(&b, (const char *)xmlBufferContent(out), (size_t)xmlBufferLength(out));
    xmlBufferFree(out);
    free(id);
    return buf_detach(&b, len);
}
