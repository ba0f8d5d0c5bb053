/* scorm_cmi.h: the server's own check of the SCORM runtime data a package commits, for SCORM
 * 1.2 and 2004: which elements exist, which a SCO may write, and each value's type, vocabulary
 * and size (suspend_data: 4 096 characters in 1.2, 64 000 in 2004). The browser's runtime
 * (scorm-again) checks the same before; this check is what the store can rely on. Also the
 * time arithmetic of cmi.total_time. */
#ifndef STEPWISE_SCORM_CMI_H
#define STEPWISE_SCORM_CMI_H

#include <stddef.h>
#include <stdint.h>

enum scorm_cmi_version { SCORM_CMI_12, SCORM_CMI_2004 };

/* The version of a manifest's "scorm" field ("1.2", "2004 4th Edition"). */
enum scorm_cmi_version scorm_cmi_version_of(const char *scorm);

/* 0 when a SCO may set element to value; otherwise -1 and a sentence for a person in msg
 * (naming the element and what it takes). */
int scorm_cmi_check(enum scorm_cmi_version v, const char *element, const char *value, char *msg,
                    size_t size);

/* A session or total time in centiseconds: "HHHH:MM:SS.SS" (1.2) or an ISO 8601 duration
 * (2004); -1 when it is not one. */
int64_t scorm_cmi_time_parse(enum scorm_cmi_version v, const char *text);
/* Writes centiseconds as the version's time format into out. */
void scorm_cmi_time_format(enum scorm_cmi_version v, int64_t cs, char *out, size_t size);

/* The names of the elements for the version (element names differ between 1.2 and 2004). */
struct scorm_cmi_names {
    const char *completion;     /* "cmi.core.lesson_status" / "cmi.completion_status" */
    const char *success;        /* NULL / "cmi.success_status" */
    const char *exit;
    const char *entry;
    const char *location;
    const char *session_time;
    const char *total_time;
    const char *score_raw, *score_min, *score_max, *score_scaled;   /* score_scaled NULL in 1.2 */
    const char *response;       /* interaction field: "student_response" / "learner_response" */
    const char *learner_id, *learner_name, *credit, *mode, *launch_data, *mastery;
};
const struct scorm_cmi_names *scorm_cmi_names(enum scorm_cmi_version v);

#endif
