/* validate_format.h: the format checks xAPI values need on their own, outside a statement
 * (UUID, IRI, timestamp, duration, language tag, hex digits, version header). Pure functions,
 * no I/O; validate.h includes this header, so its users see these too. */
#ifndef STEPWISE_VALIDATE_FORMAT_H
#define STEPWISE_VALIDATE_FORMAT_H

#include <stddef.h>

enum xapi_version { XAPI_1_0_3, XAPI_2_0_0 };

/* Format checks: each returns 1 when s (may be NULL: then 0) has the form, else 0. */
int xapi_is_uuid(const char *s);          /* RFC 4122 8-4-4-4-12 hex, any case, any variant */
int xapi_is_iri(const char *s);           /* absolute IRI: scheme ":" then no spaces/controls */
int xapi_is_timestamp(const char *s);     /* ISO 8601 date-time with timezone (Z or +hh:mm),
                                           * "-00:00" rejected; see xapi_parse_timestamp */
int xapi_is_duration(const char *s);      /* ISO 8601 duration, e.g. "PT1H0M0.5S", "P3W" */
int xapi_is_language_tag(const char *s);  /* RFC 5646 language tag, e.g. "en-US", "zh-Hant-TW" */
int xapi_is_hex(const char *s, size_t n); /* the first n characters are hexadecimal digits */

/* A timestamp's parts as written (not converted to UTC). */
struct xapi_timestamp {
    int year, month, day, hour, minute, second;  /* second may be 60 (leap second) */
    int millis;                 /* the fraction to milliseconds; further digits are dropped */
    int offset_minutes;         /* the zone, minutes east of UTC (Z: 0) */
};

/* Parses an ISO 8601 date-time, extended (2015-11-18T12:17:00.123+01:00, also with RFC 3339's
 * 't' or ' ') or basic (20151118T121700Z); seconds and their fraction may be left out, the
 * zone may not. Returns 0 and fills *t, or -1 when s (may be NULL) is not such a timestamp. */
int xapi_parse_timestamp(const char *s, struct xapi_timestamp *t);

/* Parses an X-Experience-API-Version header value ("1.0", "1.0.3", "2.0.0", ...): 1.0.x maps to
 * XAPI_1_0_3, 2.0.x to XAPI_2_0_0. Returns 0 and sets *out, or -1 for anything else. */
int xapi_parse_version(const char *header, enum xapi_version *out);

#endif
