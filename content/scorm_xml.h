/* scorm_xml.h: the safe XML reading under the SCORM manifest parser: libxml2 without network,
 * DTDs or entities, and small helpers that find elements and attributes by local name. */
#ifndef STEPWISE_SCORM_XML_H
#define STEPWISE_SCORM_XML_H

#include <jansson.h>
#include <libxml/tree.h>
#include <stddef.h>

#include "content/diag.h"

/* Parses len bytes into a document (caller xmlFreeDoc()s). No network access, no DTD loading,
 * no entity substitution; a document with a DOCTYPE is refused as soon as the parser meets it,
 * so no declaration in it (an entity-expansion bomb, an external entity) is ever read.
 * Returns NULL after adding to diags why (an error about `file`, at its line when known). */
xmlDocPtr scorm_xml_read(const char *xml, size_t len, const char *file, struct diag_list *diags);

/* The attribute with this local name in any namespace (or none), or NULL. Not a copy. */
const char *scorm_xml_attr(xmlNodePtr node, const char *name);
/* The first child element with this local name, or NULL. */
xmlNodePtr scorm_xml_child(xmlNodePtr node, const char *name);
/* The next sibling element after node with the same local name, or NULL. */
xmlNodePtr scorm_xml_next(xmlNodePtr node);
/* The element's text with surrounding white space removed (caller frees); "" when empty. */
char *scorm_xml_text(xmlNodePtr node);
/* Whether the element is in a namespace whose URI contains part (e.g. "imsss"). */
int scorm_xml_in(xmlNodePtr node, const char *part);
/* The element as JSON, for rule sets the player reads later: an object holding each attribute
 * as a string, each child element under its local name in an array, and "value" for the text
 * of an element without children. */
json_t *scorm_xml_to_json(xmlNodePtr node);

#endif
