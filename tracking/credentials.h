/* credentials.h: API clients of the LRS: creating a key/secret pair, xAPI scopes, and checking
 * an HTTP Basic Authorization header against the credentials in the store. */
#ifndef STEPWISE_CREDENTIALS_H
#define STEPWISE_CREDENTIALS_H

#include <stddef.h>

#include "tracking/store.h"

/* xAPI OAuth scopes (xAPI 1.0.3 Communication 4.2), as bits. */
enum credentials_scope {
    CREDENTIALS_STATEMENTS_WRITE = 1 << 0,      /* "statements/write" */
    CREDENTIALS_STATEMENTS_READ = 1 << 1,       /* "statements/read" */
    CREDENTIALS_STATEMENTS_READ_MINE = 1 << 2,  /* "statements/read/mine" */
    CREDENTIALS_STATE = 1 << 3,                 /* "state" */
    CREDENTIALS_DEFINE = 1 << 4,                /* "define" */
    CREDENTIALS_PROFILE = 1 << 5,               /* "profile" */
    CREDENTIALS_ALL_READ = 1 << 6,              /* "all/read" */
    CREDENTIALS_ALL = 1 << 7,                   /* "all" */
};

/* Parses a space- or comma-separated scope list into bits. Returns 0, or -1 with a message
 * naming the unknown scope in err (also for an empty list). */
int credentials_parse_scopes(const char *text, unsigned *out, char *err, size_t errlen);
/* The scopes as a space-separated list in the order of the enum. Caller frees. */
char *credentials_format_scopes(unsigned scopes);
/* 1 when scopes grant need (one bit) for a request that reads (is_read 1) or writes: "all"
 * grants everything, "all/read" every read, "statements/read" includes "statements/read/mine". */
int credentials_allows(unsigned scopes, unsigned need, int is_read);

/* Creates a client named name with the given scopes (already checked). homepage is the IRL the
 * authority account lives on (e.g. the server's base URL; NULL: "http://stepwise.invalid/").
 * On STORE_OK, *key and *secret (caller frees) are what the client sends as Basic user and
 * password; the secret is shown this once and only its hash is kept. The secret is 43
 * characters of base64url and never starts with '-'. */
int credentials_create(struct store *s, const char *name, const char *scopes,
                       const char *homepage, char **key, char **secret, char **err);

/* Checks an Authorization header value ("Basic base64(key:secret)"). STORE_OK: out is the
 * client (store_credential_clear it); STORE_NOT_FOUND: missing/malformed header, unknown key,
 * wrong secret or revoked client (answer 401); STORE_ERROR: database failure, *err set. */
int credentials_verify(struct store *s, const char *authorization, struct store_credential *out,
                       char **err);

#endif
