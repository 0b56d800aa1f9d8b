/* SPDX-License-Identifier: MIT */
/* runtime/client/client.h: private interface between the parts of libmofbind's client. They
 * call each other in one direction only, top to bottom:
 *
 *   application.c  MI_Application: sessions, options, instances
 *   session.c      MI_Session: destination, settings, creation, close, its function table
 *   operation.c    MI_Operation: starting an operation, its function table, close rules
 *   queue.c        a session's queue and worker thread; lifetime of sessions and operations
 *   class.c        running GetClass and EnumerateClasses (through the exchange); their classes
 *   exchange.c     running one operation: the WS-Man exchange through the session's transport
 *   query.c        the filters of QueryInstances, AssociatorInstances, ReferenceInstances
 *   delivery.c     results and their delivery (GetInstance queue or callbacks)
 *   options.c      MI_DestinationOptions and MI_OperationOptions (used by the ones above)
 *   transport.c    the libcurl transport, behind mob_transport_ft
 *
 * Not installed; names use the mob_ prefix.
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

/* ---- the transport (interface; libcurl's in transport.c) --------------------------------- */

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

typedef struct mob_http_result {
    int status; /* 0 when no HTTP response came */
    char *content_type;
    char *location;
    const char *body; /* the transport's buffer, valid until its next post or close */
    size_t len;
    MI_Result result; /* transport failure: not OK, with category and message */
    MI_Uint32 category;
    char message[320];
} mob_http_result;

/* Frees what a post put in r (content_type, location); transports fill those with malloc. */
void mob_http_result_free(mob_http_result *r);

/* How a session sends its requests: one transport per session, opened with it and closed at its
 * teardown; post is called by the thread running an operation, one at a time; wake by any
 * thread. An application's sessions use libcurl's (mob_curl_transport) unless the application
 * was given another (mob_application_set_transport: tests answer from a stub). */
typedef struct mob_transport mob_transport;
typedef struct mob_transport_ft {
    /* A transport for destination d into *out; an MI_Result and *out NULL when it cannot be
     * made. */
    MI_Result (*open)(const mob_dest *d, mob_transport **out);
    void (*close)(mob_transport *t);
    /* POSTs body to d->url, timeout_usec bounding the whole exchange (0: none), and gives the
     * answer or the transport failure in *out; *cancel, when set, stops the transfer. */
    void (*post)(mob_transport *t, const mob_dest *d, const char *body, size_t len,
                 MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out);
    /* Makes a transfer in progress look at its cancel flag now rather than at its next
     * progress call (libcurl's: up to a second away while waiting for the server). */
    void (*wake)(mob_transport *t);
} mob_transport_ft;

/* What every transport's state begins with. */
struct mob_transport {
    const mob_transport_ft *ft;
};

extern const mob_transport_ft mob_curl_transport;

/* ---- sessions and operations ------------------------------------------------------------- */

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
    mob_query *query;                /* QUERY, ASSOCIATORS, REFERENCES: what the filter says */
    struct mob_class_cache *classes; /* class operations: the classes read so far (class.c) */
    /* Class operations: how exchange.c runs them and makes a result of a class it reads
     * (class.c's, set by mob_op_start: class.c lies above exchange.c). */
    void (*run_class)(mob_session *s, mob_op *op, wsman_request *req, wsman_read_options *ro);
    mob_result *(*class_item)(mob_session *s, mob_op *op, MI_Class *c);
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
    MI_Session handle;  /* what MI_Session_* and MI_Operation_GetSession give */
    mob_dest dest;
    mob_transport *transport;
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
    int closing_sessions;              /* sessions closed from a callback, still finishing */
    const mob_transport_ft *transport; /* what its sessions open */
};

extern const MI_SessionFT mob_session_ft;
extern const MI_OperationFT mob_operation_ft;

#define MOB_OP_MAGIC 0x6d6f624f70657221ULL
#define MOB_MAX_QUEUED 1000 /* results a synchronous caller has not taken yet */

/* The transport the application's new sessions use (application.c); a test's stub, say. */
MI_Result mob_application_set_transport(MI_Application *app, const mob_transport_ft *ft);

/* ---- session.c ---- */

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


/* ---- operation.c ---- */

/* A namespace the MI API accepts: '/'-separated CIM names, no computer name. */
int mob_valid_namespace(const char *ns);

/* Starts an operation on s (NULL: a session handle not made here, reported as such). */
void mob_op_start(mob_session *s, mob_kind kind, MI_Uint32 flags, MI_OperationOptions *opts,
                  const MI_Char *ns, const MI_Char *className, const MI_Char *method,
                  const MI_Instance *inbound, const MI_Instance *params, MI_Boolean keysOnly,
                  MI_OperationCallbacks *callbacks, MI_Operation *operation);

/* mob_op_start for the query and association operations: q (adopted; NULL when memory ran
 * out, and the operation then fails out of memory) carries the filter, from mob_query_new. */
void mob_op_start_query(mob_session *s, mob_kind kind, MI_Uint32 flags, MI_OperationOptions *opts,
                        const MI_Char *ns, const MI_Instance *source, MI_Boolean keysOnly,
                        mob_query *q, MI_OperationCallbacks *callbacks, MI_Operation *operation);

/* ---- queue.c ---- */

/* How often a session's worker looks at its queue while operations follow each other (see
 * mob_worker in queue.c). */
#define MOB_TICK_USEC 1000ULL

/* Runs op, the head of s's queue, on the calling thread (the worker's, or a synchronous
 * caller's): takes it off the queue, marks the connection taken (s->running) while it runs,
 * then done. Session lock held on entry and on return, released meanwhile.
 * Returns how long it ran, in microseconds. */
MI_Uint64 mob_session_run_head(mob_session *s, mob_op *op);
/* The worker thread's body (pthread_create's start routine; arg is the session). */
void *mob_worker(void *arg);
/* Drops one reference: the session mutex is held on entry and released on return; the
 * operation (and with its last operation a closed session) is freed outside the lock. */
void mob_op_release(mob_op *op);
/* Frees what a session holds (transport, buffers, destination); then mob_session_destroy frees
 * the session itself (its mutex and condition variable). */
void mob_session_teardown(mob_session *s);
void mob_session_destroy(mob_session *s);
void mob_dest_free(mob_dest *d);

/* ---- class.c ---- */

/* Runs a class operation (GetClass: a Get of the class and of its superclasses;
 * EnumerateClasses: mob_run_enumerate of the class resource), each class read a result, its
 * superclass linked from the classes already read or read with a Get (so that
 * MI_Class_GetParentClass works). */
void mob_run_class(mob_session *s, mob_op *op, wsman_request *req, wsman_read_options *ro);
/* A result holding c (adopted; NULL when memory runs out). */
mob_result *mob_class_item(mob_session *s, mob_op *op, MI_Class *c);
/* Frees the operation's class cache. */
void mob_class_cache_free(mob_op *op);

/* ---- exchange.c ---- */

/* CLOCK_MONOTONIC in microseconds (the clock of the session's condition variable, and of the
 * timeouts the exchange keeps). */
MI_Uint64 mob_now_usec(void);

/* Runs one operation, on the worker or on a synchronous caller's thread. */
void mob_op_run(mob_session *s, mob_op *op);
/* One request/response of op: NULL with resp filled (resp->result may be a fault's), or a
 * final error result for a failure outside the SOAP level. */
mob_result *mob_exchange(mob_session *s, mob_op *op, const wsman_request *req,
                         const wsman_read_options *ro, wsman_response *resp);
/* A failure of an exchange as a final result, from the fault (its error instance taken). */
mob_result *mob_result_from_fault(wsman_response *resp);
/* The Enumerate/Pull/Release sequence of req (its action, paging and context set here), each
 * item delivered as it comes, the final result last. */
void mob_run_enumerate(mob_session *s, mob_op *op, wsman_request *req,
                       const wsman_read_options *ro);

/* ---- query.c ---- */

/* What QueryInstances, AssociatorInstances and ReferenceInstances add to an Enumerate: a
 * query (copies of the strings given, "" as NULL), NULL when memory ran out. */
mob_query *mob_query_new(const MI_Char *dialect, const MI_Char *text, const MI_Char *assoc,
                         const MI_Char *result, const MI_Char *role, const MI_Char *result_role);
void mob_query_free(mob_query *q);
/* Checks op's query when the operation starts: INVALID_PARAMETER or
 * QUERY_LANGUAGE_NOT_SUPPORTED with a message into err. */
MI_Result mob_query_prepare(mob_op *op, char *err, size_t errlen);
/* Makes req, an Enumerate of op's session, the query or association filter of op. */
void mob_query_request(const mob_op *op, wsman_request *req);

/* ---- delivery.c ---- */

/* Worker side: hands a result to the caller (queue or callback). Takes ownership of r. */
void mob_op_deliver(mob_op *op, mob_result *r);
/* A result; takes instance, which it deletes when out of memory (NULL then). */
mob_result *mob_result_new(MI_Instance *instance, MI_Boolean more, MI_Result result);
/* A result with a synthesized error instance. */
mob_result *mob_result_error(mob_session *s, MI_Result r, MI_Uint32 category, const char *msg);
void mob_result_free(mob_result *r);
/* The operation behind a handle made here, or NULL. */
mob_op *mob_op_of(MI_Operation *h);

#endif /* MOFBIND_CLIENT_H */
