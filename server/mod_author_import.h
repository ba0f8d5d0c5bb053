/* mod_author_import.h: /author/import, where an author uploads a SCORM package (multipart
 * form, CSRF-checked, author role only) to import it as `stepwise import` does. */
#ifndef STEPWISE_MOD_AUTHOR_IMPORT_H
#define STEPWISE_MOD_AUTHOR_IMPORT_H

#include "server/http.h"

void mod_author_import(struct request *r);     /* GET, POST /author/import */

#endif
