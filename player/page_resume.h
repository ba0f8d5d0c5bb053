/* page_resume.h: "Your last change is not saved yet": a form that was sent when it could not
 * be saved (the session had ended, or the form was older than the session), shown again filled
 * in, with the current session's CSRF token and one button to send it. */
#ifndef STEPWISE_PAGE_RESUME_H
#define STEPWISE_PAGE_RESUME_H

#include <stddef.h>

#include "player/pages.h"
#include "server/form.h"

/* path: where the form goes; fields: what it holds (no csrf). expired: 1 when the session had
 * timed out (else the form was older than the session). autosend: player.js sends it at once.
 * Returns the document (caller frees). */
char *page_resume(const struct page_viewer *v, const char *csrf, const char *path,
                  const struct form *fields, int expired, int autosend, size_t *len);

#endif
