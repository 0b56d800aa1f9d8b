/* runtime/client/client.h: private interface between the parts of libmofbind's client: options,
 * application, session (destination, worker thread), operation (results, callbacks, close
 * rules) and the libcurl transport. Not installed; names use the mob_ prefix.
 *
 * Threads: each session has one worker thread that runs its operations one after the other
 * over one kept-alive connection and calls the asynchronous callbacks. The session's mutex
 * guards the operation queue and every operation's state; the transport is used by the worker
 * only.
 */
#ifndef MOFBIND_CLIENT_H
#define MOFBIND_CLIENT_H

#include <pthread.h>
#include <stddef.h>

#include "core.h"
#include "wsman.h"

/* ---- options (options.c) ------------------------------------------------------------------ */

typedef enum mob_optkind {
    MOB_OPT_STRING,
    MOB_OPT_NUMBER,
    MOB_OPT_INTERVAL,
    MOB_OPT_CUSTOM
} mob_optkind;

typedef struct mob_option {
    MI_Char *name;
    mob_optkind kind;
    MI_Type type; /* MI_STRING, MI_UINT32, MI_DATETIME (interval) or the custom type */
    MI_Value value;
    MI_Uint32 flags;
    MI_Boolean must_comply;
} mob_option;

typedef struct mob_cred {
    MI_Char *option_name;
    MI_Char *auth_type;
    MI_Char *domain;
    MI_Char *username;
    MI_Char *password;
    MI_Char *thumbprint;
} mob_cred;

typedef struct mob_options {
    MI_Uint64 magic;
    mob_option *opts;
    size_t count, cap;
    mob_cred *creds;
    size_t ncreds;
    MI_Boolean custom_must_understand;
} mob_options;

MI_Result mob_destination_options_new(MI_DestinationOptions *out);
MI_Result mob_operation_options_new(MI_Boolean mustUnderstand, MI_OperationOptions *out);

/* The store behind a handle made here, or NULL for a foreign or empty handle. */
const mob_options *mob_dest_store(const MI_DestinationOptions *o);
const mob_options *mob_op_store(const MI_OperationOptions *o);

const mob_option *mob_options_find(const mob_options *s, const MI_Char *name);
const mob_cred *mob_options_cred(const mob_options *s, const MI_Char *option_name);

/* Overwrites and frees a secret. */
void mob_wipe_free(MI_Char *s);

/* ---- transport (transport.c) ------------------------------------------------------------- */

typedef enum mob_auth {
    MOB_AUTH_NONE,
    MOB_AUTH_BASIC,
    MOB_AUTH_DIGEST,
    MOB_AUTH_NTLM,
    MOB_AUTH_NEGOTIATE, /* NegoWithCreds: SPNEGO, NTLM offered too */
    MOB_AUTH_KERBEROS,  /* NegoNoCreds / Kerberos: the ticket cache */
    MOB_AUTH_DEFAULT,   /* Basic first (when allowed), else the challenge-based schemes */
    MOB_AUTH_CLIENT_CERT
} mob_auth;

/* What a session connects with; immutable after NewSession. */
typedef struct mob_dest {
    char *url;  /* http[s]://host:port/path */
    char *host; /* as given (IPv6 without brackets) */
    unsigned port;
    MI_Boolean https;
    mob_auth auth;
    char *user;     /* "DOMAIN\user" for NTLM when a domain is given */
    char *password; /* wiped on free */
    char *cert_file, *key_file, *ca_path;
    MI_Boolean ca_check, cn_check, privacy;
    MI_Uint64 timeout_usec; /* 0: none beyond the operation's */
    MI_Uint32 max_envelope; /* bytes */
    char *locale, *data_locale;
    MI_Boolean trace;
    size_t max_response; /* bytes */
} mob_dest;

void mob_dest_free(mob_dest *d);

typedef struct mob_http {
    void *curl;  /* CURL*, kept between requests: one kept-alive connection */
    void *multi; /* CURLM* the transfers run in (its connection cache keeps the connection);
                    mob_http_wake interrupts its wait */
    void *headers;
    char *body;
    size_t len, cap, max; /* max: the cap on a response body */
    size_t envelope;      /* the MaxEnvelopeSize the requests name (0: none) */
    int too_big;
    int answering;              /* the response's status line has come: waits are mid-answer */
    int socks[2];               /* the sockets libcurl opened and has not closed (-1: none): the
                                   connection, and a second candidate while connecting */
    const volatile int *cancel; /* checked while transferring */
    char errbuf[256];
} mob_http;

typedef struct mob_http_result {
    int status; /* 0 when no HTTP response came */
    char *content_type;
    char *location;
    const char *body; /* into the mob_http buffer, valid until the next request */
    size_t len;
    MI_Result result; /* transport failure: not OK, with category and message */
    MI_Uint32 category;
    char message[320];
} mob_http_result;

MI_Result mob_http_init(mob_http *h, const mob_dest *d);
void mob_http_cleanup(mob_http *h);
/* POSTs body to d->url, timeout_usec bounding the whole exchange (0: none). */
void mob_http_post(mob_http *h, const mob_dest *d, const char *body, size_t len,
                   MI_Uint64 timeout_usec, mob_http_result *out);
void mob_http_result_free(mob_http_result *r);
/* Makes a transfer in progress look at its cancel flag now rather than at libcurl's next
 * progress call (up to a second away while waiting for the server). Any thread; h must be
 * initialized (a session's, which outlives its operations). */
void mob_http_wake(mob_http *h);

/* ---- sessions and operations (session.c, operation.c) ------------------------------------ */

typedef struct mob_app mob_app;
typedef struct mob_session mob_session;
typedef struct mob_op mob_op;

typedef enum mob_kind {
    MOB_OP_GET,
    MOB_OP_MODIFY,
    MOB_OP_CREATE,
    MOB_OP_DELETE,
    MOB_OP_INVOKE,
    MOB_OP_ENUMERATE,
    MOB_OP_IDENTIFY,
    MOB_OP_QUERY,       /* query.c: Enumerate with a query filter */
    MOB_OP_ASSOCIATORS, /* query.c: Enumerate with the association filter */
    MOB_OP_REFERENCES,
    MOB_OP_GETCLASS,    /* class.c: Get of a CIM-XML class */
    MOB_OP_ENUMCLASSES, /* class.c: Enumerate of CIM-XML classes */
    MOB_OP_UNSUPPORTED
} mob_kind;

/* The operations whose results are classes (the classResult callback, MI_Operation_GetClass). */
#define MOB_KIND_IS_CLASS(k) ((k) == MOB_OP_GETCLASS || (k) == MOB_OP_ENUMCLASSES)

/* The operations that give a sequence of results (Enumerate and its filtered forms). */
#define MOB_KIND_IS_ENUM(k)                                                                        \
    ((k) == MOB_OP_ENUMERATE || (k) == MOB_OP_QUERY || (k) == MOB_OP_ASSOCIATORS ||                \
     (k) == MOB_OP_REFERENCES)

/* What QueryInstances, AssociatorInstances and ReferenceInstances add to an Enumerate
 * (query.c); every string owned, NULL when not given. */
typedef struct mob_query {
    char *dialect; /* the filter dialect URI */
    char *text;    /* the query */
    char *assoc_class, *result_class, *role, *result_role;
} mob_query;

typedef struct mob_result {
    struct mob_result *next;
    MI_Instance *instance;
    MI_Class *cls; /* class operations: the class instead of an instance */
    MI_Boolean more;
    MI_Result result;
    char *message;
    MI_Instance *error;
} mob_result;

struct mob_op {
    MI_Operation self; /* the handle given to callbacks */
    mob_session *session;
    mob_op *qnext; /* session queue */
    int refs;      /* user handle + the session's worker */
    pthread_cond_t cv;
    mob_kind kind;
    MI_Uint32 flags;
    MI_Boolean async;
    MI_OperationCallbacks callbacks;
    /* inputs, all owned */
    MI_Instance *instance;
    MI_Instance *params;
    const MI_ClassDecl *decl; /* caller's generated decl for typing results, or NULL */
    char *name_space, *class_name, *method;
    MI_Boolean keys_only;
    MI_Uint64 timeout_usec;
    char *resource_uri, *resource_uri_prefix;
    mob_query *query; /* QUERY, ASSOCIATORS, REFERENCES: what the filter says */
    struct mob_class_cache *classes; /* class operations: the classes read so far (class.c) */
    wsman_option *options;
    size_t num_options;
    mob_result *early; /* a failure found before the request (bad namespace...) */
    /* state, under the session mutex */
    volatile int cancelled;
    int queued, started, done, closed, acked;
    int inline_run;            /* failed before reaching the worker: never wait for an ack */
    int claimable;             /* sync, one result: its caller may run it, see mob_worker */
    MI_Uint64 queued_at;       /* ... when it was queued (mob_now_usec) */
    mob_result *rhead, *rtail; /* sync: results not yet taken */
    size_t qlen;               /* ... how many (the worker waits above MOB_MAX_QUEUED) */
    mob_result *spare;         /* the final result when memory runs out */
    mob_result *current;       /* sync: the result the caller holds */
    mob_result *final;         /* sync: the final result, once taken */
};

struct mob_session {
    MI_Uint64 magic;
    mob_app *app;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int thread_started;
    int refs; /* user + one per live operation */
    int stopping;
    int detach_on_exit;  /* closed from a callback: the worker frees itself */
    mob_app *detach_app; /* ... and tells this application when it is done */
    void *close_ctx;
    void(MI_CALL *close_cb)(void *);
    mob_op *qhead, *qtail;
    mob_op *running;    /* the operation using the connection (worker's or a caller's) */
    int worker_asleep;  /* the worker waits with no timeout: a new operation wakes it */
    MI_Uint64 last_use; /* when an operation last started or ended (mob_now_usec) */
    mob_dest dest;
    mob_http http;
    wsman_codec codec;
    wsman_buf req;
    wsman_parser parser;          /* kept between responses (the runner's thread only) */
    char msgid[WSMAN_MSGID_SIZE]; /* the last request's MessageID (wsman_next_message_id) */
    MI_Application app_handle;
    mob_session *app_next; /* the application's list */
};

struct mob_app {
    MI_Uint64 magic;
    MI_Application handle; /* what MI_Session_GetApplication gives */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    mob_session *sessions;
    int closing_sessions; /* sessions closed from a callback, still finishing */
};

extern const MI_SessionFT mob_session_ft;
extern const MI_OperationFT mob_operation_ft;

MI_Result mob_session_new(mob_app *app, const MI_Char *protocol, const MI_Char *destination,
                          MI_DestinationOptions *options, MI_Instance **extendedError,
                          MI_Session *out);
/* The session behind a handle made here, or NULL. */
mob_session *mob_session_of(MI_Session *session);
MI_Result mob_session_close(mob_session *s, void *ctx, void(MI_CALL *cb)(void *));
void mob_session_unref(mob_session *s); /* caller holds s->mu; may free s (then unlocks) */

/* Destination parsing (exposed for tests): fills url/host/port/https from a destination and
 * the transport, port and URL prefix options. */
MI_Result mob_parse_destination(const char *destination, const char *transport, MI_Uint32 port,
                                const char *prefix, mob_dest *d, char *err, size_t errlen);

/* A namespace the MI API accepts: '/'-separated CIM names, no computer name. */
int mob_valid_namespace(const char *ns);

/* Starts an operation (operation.c). */
void mob_op_start(MI_Session *session, mob_kind kind, MI_Uint32 flags, MI_OperationOptions *opts,
                  const MI_Char *ns, const MI_Char *className, const MI_Char *method,
                  const MI_Instance *inbound, const MI_Instance *params, MI_Boolean keysOnly,
                  MI_OperationCallbacks *callbacks, MI_Operation *operation);

/* mob_op_start for the query and association operations: q (adopted, may be NULL when memory
 * ran out: the operation then fails out of memory) carries the filter. */
void mob_op_start_query(MI_Session *session, mob_kind kind, MI_Uint32 flags,
                        MI_OperationOptions *opts, const MI_Char *ns, const MI_Instance *source,
                        MI_Boolean keysOnly, mob_query *q, MI_OperationCallbacks *callbacks,
                        MI_Operation *operation);

/* Query and association operations (query.c): the session's entry points, the check of their
 * inputs when they start (INVALID_PARAMETER, QUERY_LANGUAGE_NOT_SUPPORTED with a message into
 * err), and their run as an Enumerate through mob_run_enumerate. */
void mob_query_instances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                         const MI_Char *ns, const MI_Char *dialect, const MI_Char *query,
                         MI_OperationCallbacks *cbs, MI_Operation *operation);
void mob_associator_instances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                              const MI_Char *ns, const MI_Instance *keys, const MI_Char *assocClass,
                              const MI_Char *resultClass, const MI_Char *role,
                              const MI_Char *resultRole, MI_Boolean keysOnly,
                              MI_OperationCallbacks *cbs, MI_Operation *operation);
void mob_reference_instances(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                             const MI_Char *ns, const MI_Instance *keys, const MI_Char *resultClass,
                             const MI_Char *role, MI_Boolean keysOnly, MI_OperationCallbacks *cbs,
                             MI_Operation *operation);
MI_Result mob_query_prepare(mob_op *op, char *err, size_t errlen);

/* Class operations (class.c): the session's entry points; their run (GetClass: a Get of the
 * class and of its superclasses; EnumerateClasses: mob_run_enumerate of the class resource);
 * each class read as a result, its superclass linked from the classes already read or read
 * with a Get (so that MI_Class_GetParentClass works); the operation's class cache freed with
 * it. */
void mob_get_class(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                   const MI_Char *ns, const MI_Char *className, MI_OperationCallbacks *cbs,
                   MI_Operation *operation);
void mob_enumerate_classes(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                           const MI_Char *ns, const MI_Char *className, MI_Boolean classNamesOnly,
                           MI_OperationCallbacks *cbs, MI_Operation *operation);
void mob_run_class(mob_session *s, mob_op *op, wsman_request *req, wsman_read_options *ro);
mob_result *mob_class_item(mob_session *s, mob_op *op, MI_Class *c);
void mob_class_cache_free(mob_op *op);
/* One request/response of op (operation.c): NULL with resp filled (resp->result may be a
 * fault's), or a final error result for a failure outside the SOAP level. */
mob_result *mob_exchange(mob_session *s, mob_op *op, const wsman_request *req,
                         const wsman_read_options *ro, wsman_response *resp);
/* A failure of an exchange as a final result, from the fault (operation.c). */
mob_result *mob_result_from_fault(wsman_response *resp);
mob_result *mob_result_new(MI_Instance *instance, MI_Boolean more, MI_Result result);
void mob_query_free(mob_query *q);
void mob_run_query(mob_session *s, mob_op *op, wsman_request *req, const wsman_read_options *ro);
/* The Enumerate/Pull/Release sequence of req (its action, paging and context set here), each
 * item delivered as it comes, the final result last (operation.c). */
void mob_run_enumerate(mob_session *s, mob_op *op, wsman_request *req,
                       const wsman_read_options *ro);

/* How often a session's worker looks at its queue while operations follow each other (see
 * mob_worker in session.c). */
#define MOB_TICK_USEC 1000ULL

/* CLOCK_MONOTONIC in microseconds (session.c; the clock of the session's condition variable). */
MI_Uint64 mob_now_usec(void);

/* Runs op, the head of s's queue, on the calling thread (the worker's, or a synchronous
 * caller's): takes it off the queue, marks the connection taken (s->running) while it runs,
 * then done. Session lock held on entry and on return, released meanwhile (session.c).
 * Returns how long it ran, in microseconds. */
MI_Uint64 mob_session_run_head(mob_session *s, mob_op *op);

/* Runs one operation (operation.c), on the worker or on a synchronous caller's thread. */
void mob_op_run(mob_session *s, mob_op *op);
/* Worker side: hands a result to the caller (queue or callback). Takes ownership of r. */
void mob_op_deliver(mob_op *op, mob_result *r);
/* A result with a synthesized error instance. */
mob_result *mob_result_error(mob_session *s, MI_Result r, MI_Uint32 category, const char *msg);
void mob_result_free(mob_result *r);
/* Drops one reference: the session mutex is held on entry and released on return; the
 * operation (and with its last operation a closed session) is freed outside the lock. */
void mob_op_release(mob_op *op);
/* A session handle for s (MI_Operation_GetSession). */
void mob_session_handle(mob_session *s, MI_Session *out);

#endif /* MOFBIND_CLIENT_H */
