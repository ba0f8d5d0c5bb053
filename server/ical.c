/* ical.c: the iCalendar writer (see ical.h). A content line is built whole, then folded: RFC
 * 5545 3.1 allows 75 octets a line, continuation lines start with one space. */
#include "server/ical.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/buf.h"

#define FOLD 75

/* Appends the content line (without its end) folded, and CRLF. */
static void put_line(struct buf *b, const char *line)
{
    size_t n = strlen(line), at = 0, room = FOLD;
    while (n - at > room) {
        size_t cut = at + room;
        while (cut > at && ((unsigned char)line[cut] & 0xC0) == 0x80) cut--;  /* UTF-8 */
        buf_append(b, line + at, cut - at);
        buf_puts(b, "\r\n ");
        at = cut;
        room = FOLD - 1;        /* the leading space counts */
    }
    buf_append(b, line + at, n - at);
    buf_puts(b, "\r\n");
}

/* NAME:VALUE with value escaped as TEXT (backslash, semicolon, comma, new line). */
static void put_text(struct buf *b, const char *name, const char *value)
{
    struct buf line;
    buf_init(&line);
    buf_printf(&line, "%s:", name);
    for (const char *p = value; *p; p++) {
        if (*p == '\\' || *p == ';' || *p == ',') buf_printf(&line, "\\%c", *p);
        else if (*p == '\n') buf_puts(&line, "\\n");
        else if ((unsigned char)*p >= 0x20 && *p != 0x7f) buf_putc(&line, *p);
    }
    put_line(b, line.data);
    buf_free(&line);
}

/* "YYYYMMDD" of day and of the day after; 0, or -1 when day is not a date. */
static int all_day(const char *day, char start[9], char end[9])
{
    struct tm tm = {0};
    const char *rest = day ? strptime(day, "%Y-%m-%d", &tm) : NULL;
    if (!rest || *rest || strlen(day) != 10) return -1;
    time_t t = timegm(&tm) + 86400;
    strftime(start, 9, "%Y%m%d", &tm);
    strftime(end, 9, "%Y%m%d", gmtime_r(&t, &tm));
    return 0;
}

char *ical_calendar(const char *name, const struct ical_event *events, size_t n,
                    const char *stamp, size_t *len)
{
    struct buf b;
    buf_init(&b);
    put_line(&b, "BEGIN:VCALENDAR");
    put_line(&b, "VERSION:2.0");
    put_line(&b, "PRODID:-//Stepwise//Mentoring plans//EN");
    put_line(&b, "CALSCALE:GREGORIAN");
    put_text(&b, "X-WR-CALNAME", name);
    for (size_t i = 0; i < n; i++) {
        const struct ical_event *e = &events[i];
        char start[9], end[9], line[64];
        if (all_day(e->day, start, end) < 0) continue;
        put_line(&b, "BEGIN:VEVENT");
        put_text(&b, "UID", e->uid);
        snprintf(line, sizeof line, "DTSTAMP:%s", stamp);
        put_line(&b, line);
        snprintf(line, sizeof line, "DTSTART;VALUE=DATE:%s", start);
        put_line(&b, line);
        snprintf(line, sizeof line, "DTEND;VALUE=DATE:%s", end);
        put_line(&b, line);
        put_text(&b, "SUMMARY", e->summary);
        if (e->description) put_text(&b, "DESCRIPTION", e->description);
        put_line(&b, "TRANSP:TRANSPARENT");
        put_line(&b, "END:VEVENT");
    }
    put_line(&b, "END:VCALENDAR");
    return buf_detach(&b, len);
}
