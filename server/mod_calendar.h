/* mod_calendar.h: evaluation moments in the agenda. Each person has a private iCalendar feed
 * (/calendar/<token>.ics) with the evaluations of every active plan they are mentee or mentor
 * of; /calendar makes its address (a new one stops the old one). */
#ifndef STEPWISE_MOD_CALENDAR_H
#define STEPWISE_MOD_CALENDAR_H

#include "server/http.h"

void mod_calendar_page(struct request *r);  /* GET, POST /calendar (signed in) */
void mod_calendar_feed(struct request *r);  /* GET /calendar/<token>.ics (the token is the key) */

#endif
