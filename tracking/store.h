/* store.h: the one narrow interface through which Stepwise reaches its database. The embedded
 * SQLite backend (store_sqlite.c) is the default; another backend (PostgreSQL) can sit beside it
 * by filling the same struct store_ops. Callers use the store_* wrappers below, which only
 * dispatch through ops; every operation is safe to call from several threads at once. */
#ifndef STEPWISE_STORE_H
#define STEPWISE_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

struct store;

/* Every operation returns one of these; only STORE_ERROR fills *err (caller frees). */
enum store_status {
    STORE_OK = 0,
    STORE_NOT_FOUND,        /* no such statement / document / credential */
    STORE_CONFLICT,         /* statement id exists with different content (xAPI: 409) */
    STORE_VOIDING_VOIDING,  /* a voiding statement targets a voiding statement (xAPI: 400) */
    STORE_PRECONDITION,     /* If-Match / If-None-Match did not hold (xAPI: 412) */
    STORE_NOT_MERGEABLE,    /* POST merge where a side is not a JSON object (xAPI: 400) */
    STORE_ERROR             /* database failure; message in *err */
};

/* A row of the "related" index: every Agent/Group IFI key and Activity id a statement mentions
 * (actor, object, authority, instructor, team, group members, context activities,
 * SubStatement parts) except those already in the statement's own key columns (actor_key,
 * object_agent, authority_key, object_activity). Used by related_agents / related_activities
 * queries and erasure, which also match those columns. */
enum store_related_kind { STORE_REL_AGENT, STORE_REL_ACTIVITY };
struct store_related {
    enum store_related_kind kind;
    char *key;              /* agent key (see statements_agent_key) or activity id; owned */
};

/* An attachment a statement declares: its hash and, when the request carried the part, its
 * content. The store keeps one payload per hash however many statements name it, and drops a
 * payload with the last statement that names it (erasure). */
struct store_attachment {
    const char *sha2;       /* hex SHA-256/512 as declared; compared in lowercase; borrowed */
    const void *data;       /* the part's bytes (borrowed), or NULL: no part (fileUrl only) */
    size_t len;
    const char *content_type;   /* the part's Content-Type; borrowed */
    int verified;           /* data has the hash it claims: it replaces a stored payload, while
                             * unverified data is only kept when nothing is stored yet */
};

/* A statement ready to store, filled by statements_prepare() and freed by statements_clear().
 * The store stamps "stored" (and "timestamp" when timestamp_assigned) inside its write
 * transaction so that stored order equals commit order (this makes consistent_through exact). */
struct store_statement {
    json_t *stmt;           /* the statement as it will be returned; owned (one reference) */
    char id[37];            /* lowercase UUID */
    int timestamp_assigned; /* the client sent no timestamp: the LRS sets it to stored */
    char *actor_key;        /* NULL for an anonymous Group */
    char *verb_id;
    char *object_activity;  /* object is an Activity: its id, else NULL */
    char *object_agent;     /* object is an Agent/identified Group: its key, else NULL */
    char *object_ref;       /* object is a StatementRef: the target id (lowercase), else NULL */
    char *registration;     /* context.registration (lowercase) or NULL */
    char *authority_key;    /* key of the authority agent (for statements/read/mine) or NULL */
    int is_voiding;         /* verb is http://adlnet.gov/expapi/verbs/voided (object_ref set) */
    struct store_related *related;
    size_t nrelated;
    /* Set by the caller after statements_prepare (which leaves them zero): */
    const struct store_attachment *attachments;  /* borrowed; stored with the statement */
    size_t nattachments;
    int define_activities;  /* the authority may define Activities (xAPI "define"): the
                             * definitions it carries update the canonical ones */
    const char *define_prefix;  /* when not NULL, only Activities whose id starts with it are
                                 * defined (a session: the server's own modules); borrowed */
    /* Made by the store before its writer takes the statement (statements_dump): */
    char *json;             /* stmt as stored (json_dumps, compact), or NULL; owned */
    size_t stored_at;       /* where in json the value of "stored" begins (its quote) */
    size_t timestamp_at;    /* the same for an assigned "timestamp", else 0 */
    json_t *definitions;    /* define_activities: activities_definitions(stmt), or NULL; owned */
};

/* Statement query (GET /statements without statementId). All strings borrowed, NULL = no
 * filter. Voided statements are never returned; a statement whose StatementRef object targets
 * (recursively) a statement matching the non-time filters matches too (xAPI "StatementRef" rule).
 * since/until: normalized stored timestamps "YYYY-MM-DDTHH:MM:SS.mmmZ" (statements_timestamp_
 * normalize); since is exclusive, until inclusive. */
struct store_query {
    const char *agent;          /* agent key: actor or object (with related_agents: anywhere) */
    const char *verb;
    const char *activity;       /* object activity (with related_activities: anywhere) */
    const char *registration;   /* any case */
    int related_agents;
    int related_activities;
    const char *authority;      /* authority key: only that client's statements (read/mine) */
    const char *since;
    const char *until;
    size_t limit;               /* 0 or above STORE_MAX_LIMIT: STORE_MAX_LIMIT */
    int ascending;              /* default newest stored first */
    int64_t cursor;             /* 0, or store_result.next_cursor of the previous page */
};

#define STORE_MAX_LIMIT 500

struct store_result {
    char **json;                /* n statements as compact JSON strings; owned */
    size_t n;
    int64_t next_cursor;        /* > 0 when more results exist: pass back in query.cursor */
    char consistent_through[32];/* every statement stored up to this instant is visible */
};

/* Documents (State, Activity Profile, Agent Profile). Strings borrowed. Unused parts NULL:
 * state uses activity_id, agent, registration (optional), doc_id; activity_profile uses
 * activity_id, doc_id; agent_profile uses agent, doc_id. agent is an agent key. */
enum store_doc_kind { STORE_DOC_STATE, STORE_DOC_ACTIVITY_PROFILE, STORE_DOC_AGENT_PROFILE };
struct store_doc_key {
    enum store_doc_kind kind;
    const char *activity_id;
    const char *agent;
    const char *registration;
    const char *doc_id;         /* NULL in store_doc_delete: every state document of the rest */
};

/* Conditions checked inside the write transaction (xAPI concurrency). */
struct store_doc_precondition {
    const char *if_match;       /* etag that must be current, or NULL */
    int if_none_match;          /* 1: the document must not exist (If-None-Match: *) */
};

struct store_doc {
    char *content;              /* owned, len bytes (NUL-terminated for convenience) */
    size_t len;
    char *content_type;         /* owned */
    char etag[41];              /* SHA-1 hex of the content */
    char updated[32];           /* ISO 8601 UTC with ms */
};

/* An API client (HTTP Basic key/secret). Strings owned by the struct (store_credential_clear). */
struct store_credential {
    char *key;
    char *secret_hash;          /* see credentials.c for the hash */
    char *name;
    char *scopes;               /* space-separated xAPI scopes, e.g. "statements/write state" */
    char *authority;            /* the authority Agent as compact JSON */
    char created[32];
    int revoked;
};

struct store_erasure {
    int64_t statements;         /* rows deleted */
    int64_t documents;
    int64_t attachments;        /* payloads no remaining statement names */
    int64_t log_id;             /* the erasure_log row written */
};

/* How a write reaches the disk before the store returns. STORE_SYNC_FULL (the default): the
 * commit is flushed to the disk (fsync), so once a reply is sent nothing is lost even by a power
 * cut. STORE_SYNC_NORMAL: the commit is handed to the operating system; a crash of Stepwise loses
 * nothing, a power cut or OS crash may lose the last commits. Several times faster on disks
 * with slow flushes. */
enum store_sync { STORE_SYNC_FULL, STORE_SYNC_NORMAL };

/* Figures for monitoring (GET /metrics). */
struct store_stats {
    int64_t statements;         /* statements stored (voided ones included) */
    int64_t wal_pages;          /* pages in the write-ahead log waiting to be copied into the
                                 * database, as of the last commit or checkpoint */
    int64_t memory_bytes;       /* heap the database engine holds now (its page caches, mostly) */
};

struct store_ops {
    const char *name;
    void (*close)(struct store *s);
    int (*statements_insert)(struct store *s, struct store_statement *batch, size_t n,
                             size_t *failed, char **err);
    int (*statement_get)(struct store *s, const char *id, int voided, char **json, char **err);
    int (*statements_query)(struct store *s, const struct store_query *q,
                            struct store_result *out, char **err);
    int (*doc_put)(struct store *s, const struct store_doc_key *k, const char *content,
                   size_t len, const char *content_type, const struct store_doc_precondition *pre,
                   int merge, char **err);
    int (*doc_get)(struct store *s, const struct store_doc_key *k, struct store_doc *out,
                   char **err);
    int (*doc_delete)(struct store *s, const struct store_doc_key *k,
                      const struct store_doc_precondition *pre, char **err);
    int (*doc_list)(struct store *s, const struct store_doc_key *k, const char *since,
                    char ***ids, size_t *n, char **err);
    int (*credential_add)(struct store *s, const struct store_credential *c, char **err);
    int (*credential_find)(struct store *s, const char *key, struct store_credential *out,
                           char **err);
    int (*credential_list)(struct store *s, struct store_credential **out, size_t *n, char **err);
    int (*credential_revoke)(struct store *s, const char *key, char **err);
    int (*erase_learner)(struct store *s, const char *agent_key, struct store_erasure *out,
                         char **err);
    int (*erase_before)(struct store *s, const char *before, struct store_erasure *out,
                        char **err);
    int (*attachment_get)(struct store *s, const char *sha2, struct store_doc *out, char **err);
    int (*activity_get)(struct store *s, const char *id, char **definition, char **err);
    int (*set_sync)(struct store *s, enum store_sync sync, char **err);
    /* What the database connection that writes really does now (read back from it). */
    int (*get_sync)(struct store *s, enum store_sync *out, char **err);
    int (*set_max_bytes)(struct store *s, uint64_t max_bytes, char **err);
    int (*full)(struct store *s);
    int (*health)(struct store *s, char **err);
    int (*stats)(struct store *s, struct store_stats *out, char **err);
};

struct store_account_ops;  /* users, sessions, login cards: tracking/store_accounts.h */
struct store_plan_ops;     /* plans, steps, evaluations: tracking/store_plans.h */
struct store_scorm_ops;    /* SCORM attempts and runtime data: tracking/store_scorm.h */

struct store {
    const struct store_ops *ops;
    const struct store_account_ops *accounts;
    const struct store_plan_ops *plans;
    const struct store_scorm_ops *scorm;
};

/* How much memory the database engine may keep for the pages it reads, in bytes: the
 * connection that writes keeps cache_bytes (the hot index pages of inserts), and each
 * connection that reads reader_cache_bytes (up to STORE_IDLE_READERS of them stay open between
 * calls). The server's --db-cache-bytes and --db-reader-cache-bytes; the upper bound of
 * store_stats.memory_bytes is about cache_bytes + STORE_IDLE_READERS * reader_cache_bytes. */
struct store_options {
    uint64_t cache_bytes;
    uint64_t reader_cache_bytes;
};

#define STORE_IDLE_READERS 8
#define STORE_CACHE_BYTES_DEFAULT (32ull << 20)
#define STORE_READER_CACHE_BYTES_DEFAULT (8ull << 20)
/* The range each of the two may take (the engine needs some pages to work at all). */
#define STORE_CACHE_BYTES_MIN (512ull << 10)
#define STORE_CACHE_BYTES_MAX (64ull << 30)

/* Opens (creating and migrating as needed) the database at location: a file path for SQLite.
 * o: the memory it may use (NULL: the defaults above). Returns NULL with a message in *err
 * (caller frees). */
struct store *store_open_with(const char *location, const struct store_options *o, char **err);
/* store_open_with with the default options: for the command-line tools. */
struct store *store_open(const char *location, char **err);
void store_close(struct store *s);

/* Stores a batch atomically: all statements or none, with their attachment payloads and the
 * Activity definitions of those with define_activities. A statement whose id is already stored
 * with the same content (statements_same_content) is skipped; with different content
 * the batch fails with STORE_CONFLICT and *failed is its index. Storing a voiding statement
 * marks its target voided (also when the target arrives later). Sets each batch[i].stmt's
 * "stored" (and "timestamp" when assigned). Definitions merge into the stored one
 * (activities_merge), in batch order. */
static inline int store_statements_insert(struct store *s, struct store_statement *batch,
                                          size_t n, size_t *failed, char **err)
{ return s->ops->statements_insert(s, batch, n, failed, err); }

/* GET ?statementId (voided 0: STORE_NOT_FOUND when voided) or ?voidedStatementId (voided 1:
 * STORE_NOT_FOUND unless voided). *json: compact statement, caller frees. */
static inline int store_statement_get(struct store *s, const char *id, int voided, char **json,
                                      char **err)
{ return s->ops->statement_get(s, id, voided, json, err); }

/* Fills out (free with store_result_clear). */
static inline int store_statements_query(struct store *s, const struct store_query *q,
                                         struct store_result *out, char **err)
{ return s->ops->statements_query(s, q, out, err); }

/* PUT (merge 0: replace) or POST (merge 1: merge top-level keys of two JSON objects, or create
 * when absent) a document. */
static inline int store_doc_put(struct store *s, const struct store_doc_key *k,
                                const char *content, size_t len, const char *content_type,
                                const struct store_doc_precondition *pre, int merge, char **err)
{ return s->ops->doc_put(s, k, content, len, content_type, pre, merge, err); }

/* Fills out (free with store_doc_clear) or STORE_NOT_FOUND. */
static inline int store_doc_get(struct store *s, const struct store_doc_key *k,
                                struct store_doc *out, char **err)
{ return s->ops->doc_get(s, k, out, err); }

/* Deletes one document (STORE_NOT_FOUND if absent), or with k->doc_id NULL every state document
 * of (activity, agent[, registration]) (STORE_OK even when none). pre may be NULL. */
static inline int store_doc_delete(struct store *s, const struct store_doc_key *k,
                                   const struct store_doc_precondition *pre, char **err)
{ return s->ops->doc_delete(s, k, pre, err); }

/* The doc ids of k's kind/activity/agent/registration (k->doc_id ignored), updated after since
 * (normalized timestamp, or NULL). *ids: array of n strings, free with store_strings_free. */
static inline int store_doc_list(struct store *s, const struct store_doc_key *k,
                                 const char *since, char ***ids, size_t *n, char **err)
{ return s->ops->doc_list(s, k, since, ids, n, err); }

static inline int store_credential_add(struct store *s, const struct store_credential *c,
                                       char **err)
{ return s->ops->credential_add(s, c, err); }
/* Fills out (store_credential_clear), revoked ones included, or STORE_NOT_FOUND. */
static inline int store_credential_find(struct store *s, const char *key,
                                        struct store_credential *out, char **err)
{ return s->ops->credential_find(s, key, out, err); }
/* *out: array of n credentials (without secret hashes), free with store_credentials_free. */
static inline int store_credential_list(struct store *s, struct store_credential **out,
                                        size_t *n, char **err)
{ return s->ops->credential_list(s, out, n, err); }
static inline int store_credential_revoke(struct store *s, const char *key, char **err)
{ return s->ops->credential_revoke(s, key, err); }

/* Right to erasure: deletes every statement that mentions agent_key anywhere (related index),
 * every document stored for that agent and every attachment payload no remaining statement
 * names, then writes an erasure_log row (which keeps no personal data: only a SHA-256 of the
 * key). Activity definitions stay: they describe content, not people. */
static inline int store_erase_learner(struct store *s, const char *agent_key,
                                      struct store_erasure *out, char **err)
{ return s->ops->erase_learner(s, agent_key, out, err); }
/* Retention: deletes statements stored and documents updated before the normalized timestamp,
 * and the attachment payloads only those statements named. */
static inline int store_erase_before(struct store *s, const char *before,
                                     struct store_erasure *out, char **err)
{ return s->ops->erase_before(s, before, out, err); }

/* The payload stored under sha2 (any case): out->content, len and content_type (free with
 * store_doc_clear; etag and updated stay empty), or STORE_NOT_FOUND. */
static inline int store_attachment_get(struct store *s, const char *sha2, struct store_doc *out,
                                       char **err)
{ return s->ops->attachment_get(s, sha2, out, err); }

/* The canonical definition of Activity id as compact JSON (*definition, caller frees), or
 * STORE_NOT_FOUND when no trusted statement defined it. */
static inline int store_activity_get(struct store *s, const char *id, char **definition,
                                     char **err)
{ return s->ops->activity_get(s, id, definition, err); }

/* Freeing helpers for what the operations hand out (backend-independent). */
void store_result_clear(struct store_result *r);
void store_doc_clear(struct store_doc *d);
void store_credential_clear(struct store_credential *c);
void store_credentials_free(struct store_credential *list, size_t n);
void store_strings_free(char **list, size_t n);

static inline int store_set_sync(struct store *s, enum store_sync sync, char **err)
{ return s->ops->set_sync(s, sync, err); }
static inline int store_get_sync(struct store *s, enum store_sync *out, char **err)
{ return s->ops->get_sync(s, out, err); }
/* The database may grow to max_bytes at most (rounded down to whole pages; 0: no limit but
 * the disk's): a write past it fails as on a full disk (STORE_FAILURE_FULL). */
static inline int store_set_max_bytes(struct store *s, uint64_t max_bytes, char **err)
{ return s->ops->set_max_bytes(s, max_bytes, err); }
/* 1 while the database is full: the last write failed for want of space (a full disk or the
 * max_bytes limit), until a write succeeds again. Reads still work meanwhile. */
static inline int store_full(struct store *s)
{ return s->ops->full(s); }

/* Why the calling thread's last STORE_ERROR happened, so that callers can answer right: the
 * database was locked by another process past the busy time-out (try again later), the disk
 * (or max_bytes) is full, the file is read-only, or something else. Backends note it with
 * store_failure_note; the HTTP layer clears it at the start of each request. */
enum store_failure { STORE_FAILURE_OTHER = 0, STORE_FAILURE_BUSY, STORE_FAILURE_FULL,
                     STORE_FAILURE_READONLY };
enum store_failure store_last_failure(void);
void store_failure_note(enum store_failure f);
void store_failure_clear(void);

/* STORE_OK when the database answers a read and its write lock can be taken within a second,
 * and its file is still where it was opened; otherwise STORE_ERROR with what is wrong. */
static inline int store_health(struct store *s, char **err)
{ return s->ops->health(s, err); }

static inline int store_stats(struct store *s, struct store_stats *out, char **err)
{ return s->ops->stats(s, out, err); }

/* Checks the database at location without changing it: the file's own integrity, the foreign
 * keys, and that each schema's version and tables, columns and indexes are what this build's
 * migrations make. *problems: n sentences saying what is wrong (none: the database is sound;
 * free with store_strings_free). STORE_ERROR only when the check itself could not run. */
int store_check(const char *location, char ***problems, size_t *n, char **err);

/* Writes a consistent copy of the existing database at location to the file dest while other
 * connections and processes go on writing: the copy holds every write committed before the
 * call, and is checked before it replaces dest (atomically: dest is either the old file or the
 * whole new copy). Nothing is migrated: the copy has the schema the database has. dest must not
 * be the database itself. */
int store_backup(const char *location, const char *dest, char **err);

/* Replaces the database at location with the backup file (which must pass store_check),
 * inside one transaction. Refused while the database is open elsewhere (a running server). */
int store_restore(const char *location, const char *backup, char **err);

#endif
