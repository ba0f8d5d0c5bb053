/* plan_lesson.h: what a mentee's plan adds to the lesson pages and the catalogue: the plan box
 * at the top and at the end of a lesson that is a step of their plan, the "attempted" statement
 * that moves the step out of "Not started" however the lesson was opened, and the catalogue's
 * marks (in your plan, started, done). */
#ifndef STEPWISE_PLAN_LESSON_H
#define STEPWISE_PLAN_LESSON_H

#include <stddef.h>

#include "player/pages.h"
#include "server/http.h"

/* For the lesson module_id (titled title): when the signed-in user has it as a step of an
 * active plan, *top gets the plan box (which step, its state, "I finished this lesson") and *end
 * the same button for the end of the lesson (both HTML, caller frees); both NULL otherwise. A
 * GET of a step not started yet first records "attempted" (the Stepwise server as authority),
 * so that it counts for the plan with or without JavaScript. */
void plan_lesson_boxes(struct request *r, const char *module_id, const char *title, char **top,
                       char **end);

/* The signed-in user's marks for the n modules ids[]: *nmarks of them (caller frees the array;
 * the ids point into ids[]), or NULL when nobody is signed in or no module has a mark. */
struct catalogue_mark *plan_lesson_marks(struct request *r, const char *const *ids, size_t n,
                                         size_t *nmarks);

#endif
