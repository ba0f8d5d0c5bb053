/* mod_author_export.h: GET /author/export/<id>?scorm=1.2|2004, the download of a Markdown module
 * as a SCORM package (content/scorm_export.h). Only for the author role, like the preview that
 * links to it: the package holds the answers of the module's checks. */
#ifndef STEPWISE_MOD_AUTHOR_EXPORT_H
#define STEPWISE_MOD_AUTHOR_EXPORT_H

#include "server/http.h"

void mod_author_export(struct request *r);

#endif
