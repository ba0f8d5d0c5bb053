/* scorm_xml.c: libxml2 set up so that a manifest cannot reach the network or the file system
 * or make the parser expand entities: options leave NOENT, DTDLOAD and XInclude off, and SAX
 * hooks stop the parse at any DOCTYPE before its internal subset is read. */
#include "content/scorm_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <string.h>

#include "server/buf.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)

/* A DOCTYPE is the only way to declare entities; a manifest has no use for one. */
static void refuse_doctype(void *ctx, const xmlChar *name, const xmlChar *public_id,
                           const xmlChar *system_id)
{
    (void)name, (void)public_id, (void)system_id;
    xmlParserCtxtPtr ctxt = ctx;
    ctxt->_private = (void *)"doctype";
    xmlStopParser(ctxt);
}

static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                          const xmlChar *system_id, xmlChar *content)
{
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    xmlParserCtxtPtr ctxt = ctx;
    ctxt->_private = (void *)"doctype";
    xmlStopParser(ctxt);
}

xmlDocPtr scorm_xml_read(const char *xml, size_t len, const char *file, struct diag_list *diags)
{
    if (len > INT_MAX) {
        diag_add(diags, DIAG_ERROR, file, 0, 0, "the manifest is too large to read");
        return NULL;
    }
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(xml, (int)len);
    if (!ctxt) {
        diag_add(diags, DIAG_ERROR, file, 0, 0, "the manifest cannot be read (out of memory?)");
        return NULL;
    }
    xmlCtxtUseOptions(ctxt, XML_OPTIONS);
    ctxt->sax->internalSubset = refuse_doctype;
    ctxt->sax->externalSubset = refuse_doctype;
    ctxt->sax->entityDecl = refuse_entity;
    xmlParseDocument(ctxt);
    xmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (ctxt->_private) {
        diag_add(diags, DIAG_ERROR, file, ctxt->input ? ctxt->input->line : 0, 0,
                 "the manifest has a DOCTYPE, which could declare entities that expand or read "
                 "other files: remove the <!DOCTYPE ...> part (a SCORM manifest needs none)");
    } else if (!ctxt->wellFormed || !doc) {
        const xmlError *e = &ctxt->lastError;
        size_t n = e->message ? strlen(e->message) : 0;
        while (n && (e->message[n - 1] == '\n' || e->message[n - 1] == ' ')) n--;
        /* TRANSLATORS: %1$.*s is the XML parser's own message, in English. */
        diag_add(diags, DIAG_ERROR, file, e->line, 0, "the manifest is not well-formed XML: %.*s",
                 (int)n, e->message ? e->message : "unknown error");
    } else {
        xmlFreeParserCtxt(ctxt);
        return doc;
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return NULL;
}

const char *scorm_xml_attr(xmlNodePtr node, const char *name)
{
    for (xmlAttrPtr a = node ? node->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

static int is_element(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && (!name || !strcmp((const char *)n->name, name));
}

xmlNodePtr scorm_xml_child(xmlNodePtr node, const char *name)
{
    for (xmlNodePtr c = node ? node->children : NULL; c; c = c->next)
        if (is_element(c, name)) return c;
    return NULL;
}

xmlNodePtr scorm_xml_next(xmlNodePtr node)
{
    for (xmlNodePtr c = node->next; c; c = c->next)
        if (is_element(c, (const char *)node->name)) return c;
    return NULL;
}

char *scorm_xml_text(xmlNodePtr node)
{
    xmlChar *raw = node ? xmlNodeGetContent(node) : NULL;
    const char *s = raw ? (const char *)raw : "";
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) n--;
    char *text = xstrndup(s, n);
    xmlFree(raw);
    return text;
}

int scorm_xml_in(xmlNodePtr node, const char *part)
{
    return node->ns && node->ns->href && strstr((const char *)node->ns->href, part);
}

json_t *scorm_xml_to_json(xmlNodePtr node)
{
    json_t *o = json_object();
    for (xmlAttrPtr a = node->properties; a; a = a->next) {
        const char *v = scorm_xml_attr(node, (const char *)a->name);
        json_object_set_new(o, (const char *)a->name, json_string(v ? v : ""));
    }
    int children = 0;
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (!is_element(c, NULL)) continue;
        json_t *list = json_object_get(o, (const char *)c->name);
        if (!json_is_array(list))
            json_object_set_new(o, (const char *)c->name, list = json_array());
        json_array_append_new(list, scorm_xml_to_json(c));
        children = 1;
    }
    if (!children) {
        char *text = scorm_xml_text(node);
        if (*text) json_object_set_new(o, "value", json_string(text));
        free(text);
    }
    return o;
}
