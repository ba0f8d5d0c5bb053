/* form_request.h: the urlencoded form of a POST request, read for a handler: a form that
 * cannot be read gets its 400 page here, one wording for every form. Implemented in
 * server/form_request.c. */
#ifndef STEPWISE_FORM_REQUEST_H
#define STEPWISE_FORM_REQUEST_H

#include "server/form.h"
#include "server/http.h"

/* Parses r's body into f (form_free it either way). Returns 0; or -1 after answering 400: a
 * malformed form, or a field that is not UTF-8 text, named in the message. */
int form_request_read(struct request *r, size_t max_fields, struct form *f);

#endif
