/* mod_author_edit.h: the browser editor for a module's Markdown file, /author/edit/ID (authors
 * only). The file stays the source of truth: a save writes it (atomically) and live reload shows
 * it; a save is refused when the file changed on disk since the editor opened it. */
#ifndef STEPWISE_MOD_AUTHOR_EDIT_H
#define STEPWISE_MOD_AUTHOR_EDIT_H

#include "server/http.h"

/* GET: the editor with the whole file and its version (SHA-256 of the bytes opened).
 * POST action=preview: the page again with the text as typed, its check findings and the
 * rendered level; nothing is written. POST action=save: 409 when the file's version is not the
 * one the form was opened from, 400 when the text does not parse as this module (id changed,
 * front-matter or fence errors), 413 over --max-module-bytes; the author's text is kept on the
 * page each time. Otherwise the file is replaced and the answer is 303 to the editor. */
void mod_author_edit(struct request *r);

#endif
