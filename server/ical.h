/* ical.h: iCalendar text (RFC 5545) for the calendar feeds: one VCALENDAR of all-day events,
 * every line ended by CRLF and folded at 75 octets (never inside a UTF-8 character), TEXT
 * values escaped. */
#ifndef STEPWISE_ICAL_H
#define STEPWISE_ICAL_H

#include <stddef.h>

/* One all-day event. Strings borrowed; description may be NULL. */
struct ical_event {
    const char *uid;            /* unique and stable: "evaluation-12@learn.example.com" */
    const char *day;            /* "YYYY-MM-DD" */
    const char *summary;
    const char *description;
};

/* The calendar named name with n events; stamp: when it was made, "YYYYMMDDTHHMMSSZ" (each
 * event's DTSTAMP). Events whose day is not a date are left out. Returns the text (caller
 * frees) and its length in *len. */
char *ical_calendar(const char *name, const struct ical_event *events, size_t n,
                    const char *stamp, size_t *len);

#endif
