/* json_text.h: the compact JSON text of a jansson value, byte for byte what json_dumps writes
 * with JSON_COMPACT (and JSON_SORT_KEYS when asked), for the statements the LRS stores and
 * hashes. json_dumps checks every object and array for a loop by printing its address into a
 * hash table of the values it is inside: most of the time it took to write a statement. */
#ifndef STEPWISE_JSON_TEXT_H
#define STEPWISE_JSON_TEXT_H

#include <jansson.h>

/* v (an object or an array) as json_dumps(v, JSON_COMPACT | (sorted ? JSON_SORT_KEYS : 0))
 * writes it (caller frees), or NULL where json_dumps gives NULL: a string that is not UTF-8,
 * or a value that contains itself (met as a tree deeper than JSON_TEXT_MAX_DEPTH, which no
 * parsed or built statement reaches: the parser stops at 2048). Also NULL for a key that is not
 * UTF-8 (only json_object_set_nocheck makes one), where json_dumps writes text that is not
 * JSON. */
char *json_text(const json_t *v, int sorted);

#define JSON_TEXT_MAX_DEPTH 4096

#endif
