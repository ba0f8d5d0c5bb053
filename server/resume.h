/* resume.h: a form whose session had ended, kept across sign-in. When a POST comes with a
 * session that timed out, its fields (without the old CSRF token) go into the stepwise_resume
 * cookie; after signing in, /resume shows the same form filled in with the new session's token
 * (sent at once by player.js when the same person signed in again). Nothing is done without
 * the new session's token, so the cookie gives no one more than they can do anyway. */
#ifndef STEPWISE_RESUME_H
#define STEPWISE_RESUME_H

#include <stddef.h>
#include <stdint.h>

#include "server/form.h"

#define RESUME_COOKIE "stepwise_resume"
/* The longest cookie value kept: browsers keep 4096 bytes per cookie, name and flags included.
 * A bigger form is not kept; the person is sent back to the page with a message instead. */
#define RESUME_MAX_BYTES 3500
#define RESUME_MAX_FIELDS 256

/* A kept form: where it went, who sent it (0 when unknown) and its fields. */
struct resume {
    int64_t user_id;
    char *path;             /* owned */
    struct form form;       /* owned, without "csrf" */
};

/* The cookie value for a POST of body (len bytes, urlencoded) to path by user_id (0: unknown),
 * or NULL when it cannot be kept (not a readable form, or too big). Caller frees. */
char *resume_encode(const char *path, const char *body, size_t len, int64_t user_id);
/* Reads a cookie value into *out (resume_free it). Returns 0, or -1 when it is not one of ours
 * (nothing to free then). */
int resume_decode(const char *value, struct resume *out);
void resume_free(struct resume *r);

#endif
