/* scorm_manifest.h: reads a SCORM 1.2 or 2004 imsmanifest.xml into the parsed form Stepwise
 * stores beside each package version (manifest.json), which the player and tracking read later.
 * See README.md, "SCORM packages", for what is read and what is reported as unsupported. */
#ifndef STEPWISE_SCORM_MANIFEST_H
#define STEPWISE_SCORM_MANIFEST_H

#include <jansson.h>
#include <stddef.h>

#include "content/diag.h"

/* Tells whether the package holds the regular file at path (relative to the package root, no
 * query or fragment, percent-decoded). */
typedef int (*scorm_has_file)(void *ctx, const char *path);

/* Parses len bytes of a manifest; file names it in diags. The XML is read without network,
 * DTD or entities: a document with a DOCTYPE is refused before its declarations are read.
 * Returns the parsed manifest (caller json_decref()s), or NULL with at least one DIAG_ERROR in
 * diags. What Stepwise does not support is a DIAG_WARNING (also listed in "unsupported").
 * Every launch file must be one that has_file finds. The object holds:
 *   "scorm": "1.2", "2004 2nd Edition", "2004 3rd Edition" or "2004 4th Edition";
 *   "identifier", "title" (the default organization's), "description", "language" and "minutes"
 *   (from the manifest's LOM metadata, when there: the typical learning time, rounded up to
 *   whole minutes), "organization" (the default one's identifier);
 *   "items": every item of that organization in document order, each with "identifier",
 *   "title", "depth" (1 for the organization's children), "visible", and for a leaf with a
 *   resource "resource", "scorm_type" ("sco" or "asset"), "href" (path in the package, xml:base
 *   applied), "parameters", "launch" (href with parameters joined), plus what the item sets:
 *   "mastery_score", "max_time_allowed", "time_limit_action", "data_from_lms", "prerequisites"
 *   (1.2); "completion_threshold" ({"completed_by_measure", "min_progress_measure",
 *   "progress_weight"}), "min_normalized_measure", "attempt_duration_limit" and "sequencing"
 *   (the imsss:sequencing element as JSON, see scorm_xml_to_json) (2004);
 *   "sequencing_collection": {ID: sequencing} (2004, when there); "unsupported": [sentence]. */
json_t *scorm_manifest_parse(const char *xml, size_t len, const char *file, scorm_has_file has_file,
                             void *ctx, struct diag_list *diags);

#endif
