/* fuzz_timestamp.c: libFuzzer harness for the ISO 8601 and header formats of xAPI
 * (tracking/validate_format.h): the input, as a string, goes to the timestamp, duration, UUID,
 * IRI, language tag and version checks, and to statements_timestamp_normalize; a timestamp that
 * parses must normalize (unless RFC 3339's space separates date and time, or UTC leaves the years
 * 0000..9999) to the fixed-width "YYYY-MM-DDTHH:MM:SS.mmmZ" that stored timestamps sort by. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tracking/statements.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';
    struct xapi_timestamp t;
    char normal[32];
    int parsed = xapi_parse_timestamp(s, &t) == 0;
    int normalized = statements_timestamp_normalize(s, normal) == 0;
    int spaced = strlen(s) > 10 && s[10] == ' ';
    int edge_year = parsed && (t.year == 0 || t.year == 9999);   /* UTC may leave 0000..9999 */
    if (normalized ? strlen(normal) != 24 : parsed && !spaced && !edge_year) abort();
    xapi_is_timestamp(s);
    xapi_is_duration(s);
    xapi_is_uuid(s);
    xapi_is_iri(s);
    xapi_is_language_tag(s);
    enum xapi_version v;
    xapi_parse_version(s, &v);
    free(s);
    return 0;
}
