/* SPDX-License-Identifier: MIT */
/* runtime/client/client.h: private interface between the parts of libmofbind's client. They
 * call each other in one direction only, top to bottom:
 *
 *   application.c  MI_Application: sessions, options, instances
 *   session.c      MI_Session: destination, settings, creation, close, its function table
 *   operation.c    MI_Operation: starting an operation, its function table, close rules
 *   loop.c         the event loops: sessions' operations run as steps, groups, connection slots
 *   queue.c        lifetime of sessions and operations; the end of a run and of a close
 *   exchange.c     an operation's steps: the WS-Man requests it writes, the answers it reads
 *   class.c        GetClass and EnumerateClasses: their requests, their classes' superclasses
 *   query.c        the filters of QueryInstances, AssociatorInstances, ReferenceInstances
 *   delivery.c     results and their delivery (GetInstance queue or callbacks)
 *   transport.c    the libcurl transport, behind mob_transport_ft
 *   http1.c        the reading of HTTP/1.x answers, for a lane that speaks HTTP itself (http1.h)
 *   options.c      MI_DestinationOptions and MI_OperationOptions (used by the ones above)
 *   inbox.c        how any thread asks a session's loop to look at it (kicks, timer); the clock
 *
 * Not installed; names use the mob_ prefix.
 *
 * Threads: an application has a small pool of event loops (loop.c, MOFBIND_LOOP_THREADS, one by
 * default), each one thread that drives the transfers of all the sessions given to it through
 * its transport's driver and calls the asynchronous callbacks. A session runs its operations
 * one after the other, in order; a synchronous operation with one result is usually run by its
 * caller, on its own thread, over the session's own transport (its "lane", opened when first
 * needed). Sessions with the same destination, credentials and options form a group that
 * shares the loop's connections to it, at most a cap of them at a time. Locks: a session's
 * mutex guards its queue and every operation's state, and may be held while taking its loop's
 * mutex (never the reverse); the operation a loop runs is the loop's alone while it runs
 * (s->lop).
 */
#ifndef MOFBIND_CLIENT_H
#define MOFBIND_CLIENT_H

#include <pthread.h>
#include <stddef.h>
#include <sys/epoll.h>

#include "core.h"
#include "wsman.h"

/* ---- options (options.c) ------------------------------------------------------------------ */

typedef enum mob_optkind {
    MOB_OPT_STRING,
    MOB_OPT_NUMBER,
    MOB_OPT_INTERVAL,
    MOB_OPT_DATETIME, /* subscription delivery options: a time or an interval */
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
/* Pull delivery only (Push: MI_RESULT_NOT_SUPPORTED). */
MI_Result mob_delivery_options_new(MI_SubscriptionDeliveryType type,
                                   MI_SubscriptionDeliveryOptions *out);

/* The store behind a handle made here, or NULL for a foreign or empty handle. */
const mob_options *mob_dest_store(const MI_DestinationOptions *o);
const mob_options *mob_op_store(const MI_OperationOptions *o);
const mob_options *mob_sd_store(const MI_SubscriptionDeliveryOptions *o);

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

/* How a session sends its requests. A transport is one connection's worth of HTTP exchanges:
 * a session's lane (opened when one of its callers first runs an operation itself, closed at
 * its teardown or when its loop next runs one of its operations), or a slot of a loop's group.
 * post blocks (a caller's thread); wake may be called by any thread. An application's sessions
 * use libcurl's (mob_curl_transport) unless the application was given another
 * (mob_application_set_transport: tests answer from a stub). */
typedef struct mob_transport mob_transport;
/* Many transfers at once on one loop thread (a libcurl multi handle, say). */
typedef struct mob_driver mob_driver;
/* Where a driver keeps the connections of one group of sessions between transfers. */
typedef struct mob_pool mob_pool;
/* How a transfer under a driver ends: owner is what xfer_new was given; r is the outcome, whose
 * allocations ended frees (mob_http_result_free). */
typedef void (*mob_xfer_ended)(void *owner, mob_http_result *r);
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

    /* An event loop's side (loop.c; every call on the loop's thread). NULL in a transport
     * whose post never waits (the tests' stub): a loop then opens its slots with open and
     * sends through post, each transfer ending at once. */
    /* A driver whose sockets are watched in the loop's epoll set epfd (each event's data.fd
     * being the socket). */
    MI_Result (*driver_new)(int epfd, mob_driver **out);
    void (*driver_free)(mob_driver *dr);
    /* The pool of a group of sessions with destination d (same credentials and options):
     * connections stay in it between transfers, never lent to a pool with other credentials.
     * Made and freed on the loop's thread. */
    MI_Result (*pool_new)(mob_driver *dr, const mob_dest *d, mob_pool **out);
    void (*pool_free)(mob_pool *p);
    /* A transport whose transfers dr runs over p's connections; owner is given back when a
     * transfer ends. Closed with close (its connection stays in the pool). */
    MI_Result (*xfer_new)(mob_pool *p, const mob_dest *d, void *owner, mob_transport **out);
    /* Starts POSTing body (kept by the caller until the transfer ends): 1 when under way (its
     * end comes through driver_run), 0 when it ended at once (*out filled). */
    int (*start)(mob_transport *t, const mob_dest *d, const char *body, size_t len,
                 MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out);
    /* Stops the transfer under way; *out says it was cancelled. */
    void (*stop)(mob_transport *t, const mob_dest *d, mob_http_result *out);
    /* Moves the transfers on after the loop's epoll_wait gave ev[0..n) (events on descriptors
     * not the driver's are ignored; n 0: only what is due), calling ended for each transfer
     * that ended. */
    void (*driver_run)(mob_driver *dr, const struct epoll_event *ev, int n, mob_xfer_ended ended);
    /* Before the loop waits: when dr must run again even if no socket of it is ready
     * (mob_now_usec; 0: not before one is). */
    MI_Uint64 (*driver_due)(mob_driver *dr);
} mob_transport_ft;

/* What every transport's and driver's state begins with. */
struct mob_transport {
    const mob_transport_ft *ft;
};
struct mob_driver {
    const mob_transport_ft *ft;
};

extern const mob_transport_ft mob_curl_transport;

/* ---- sessions and operations ------------------------------------------------------------- */

typedef struct mob_app mob_app;
typedef struct mob_session mob_session;
typedef struct mob_op mob_op;
typedef struct mob_loop mob_loop;
typedef struct mob_group mob_group;
typedef struct mob_xfer mob_xfer;

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
    MOB_OP_SUBSCRIBE    /* query.c: WS-Eventing Subscribe, Pull of its events, Unsubscribe */
} mob_kind;

/* The operations whose results are classes (the classResult callback, MI_Operation_GetClass). */
#define MOB_KIND_IS_CLASS(k) ((k) == MOB_OP_GETCLASS || (k) == MOB_OP_ENUMCLASSES)

/* The operations whose results are indications (the indicationResult callback,
 * MI_Operation_GetIndication). */
#define MOB_KIND_IS_EVENT(k) ((k) == MOB_OP_SUBSCRIBE)

/* The operations that give a sequence of results (Enumerate and its filtered forms). */
#define MOB_KIND_IS_ENUM(k)                                                                        \
    ((k) == MOB_OP_ENUMERATE || (k) == MOB_OP_QUERY || (k) == MOB_OP_ASSOCIATORS ||                \
     (k) == MOB_OP_REFERENCES)

/* What QueryInstances, AssociatorInstances and ReferenceInstances add to an Enumerate, and
 * Subscribe to its request (query.c); every string owned, NULL when not given. */
typedef struct mob_query {
    char *dialect; /* the filter dialect URI */
    char *text;    /* the query */
    char *assoc_class, *result_class, *role, *result_role;
    MI_Boolean foreign_delivery; /* Subscribe: delivery options not made here */
    MI_Uint64 expires_usec;      /* Subscribe: e:Expires asked for (0: none) */
    MI_Uint64 heartbeat_usec;    /* Subscribe: w:Heartbeats (0: none) */
    MI_Boolean send_bookmarks;   /* Subscribe: a bookmark was set (w:SendBookmarks) */
    char *bookmark;              /* Subscribe: w:Bookmark to resume from (NULL: now) */
    char from[256];              /* Subscribe: the class the query selects from, or "" */
} mob_query;

typedef struct mob_result {
    struct mob_result *next;
    MI_Instance *instance;
    MI_Class *cls; /* class operations: the class instead of an instance */
    MI_Boolean more;
    MI_Result result;
    char *message;
    MI_Instance *error;
    char *bookmark; /* a subscription's: the last indication of a Pull answer with w:Bookmark */
} mob_result;

struct mob_op {
    MI_Operation self; /* the handle given to callbacks */
    mob_session *session;
    mob_op *qnext; /* session queue */
    int refs;      /* user handle + whoever runs it (a loop or a caller) */
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
    wsman_option *options;
    size_t num_options;
    mob_result *early; /* a failure found before the request (bad namespace...) */
    /* the run, by whoever runs it (exchange.c: mob_op_advance, mob_op_response) */
    int phase;         /* MOB_PH_* in exchange.c */
    wsman_request req; /* the request being made, pointing into the op and dest */
    wsman_read_options ro;
    char *context;          /* an enumeration's context (a subscription's: its events) */
    char *sub_id;           /* a subscription's e:Identifier, for its Unsubscribe */
    int empty;              /* Pulls in a row with no items */
    MI_Boolean releasing;   /* the request is a Release: a cancel does not stop it */
    mob_result *after;      /* the final result sent after the Release's answer */
    MI_Uint64 xfer_timeout; /* the transfer's timeout for the request written */
    MI_Uint64 xfer_started; /* ... when it was sent (mob_now_usec): the answer must be
                             * read within xfer_timeout of it */
    char sent_msgid[WSMAN_MSGID_SIZE];
    wsman_buf pre; /* the request written when the operation was started (mob_op_prewrite) */
    mob_result *phead, *ptail; /* results made, not yet delivered, in order */
    mob_result *held;          /* manual ack: the result delivered, valid until acked */
    int final_out;             /* the final result has been delivered */
    /* state, under the session mutex */
    volatile int cancelled;
    int queued, started, done, closed, acked;
    int waiting;               /* the loop waits for an ack or the reader: kick when it may go */
    int inline_run;            /* failed before it was queued: never wait for an ack */
    int claimable;             /* sync, one result: its caller may run it (mob_claim_due) */
    MI_Uint64 queued_at;       /* ... when it was queued (mob_now_usec) */
    int taker;                 /* ... its caller waits in MI_Operation_GetInstance for it */
    mob_result *rhead, *rtail; /* sync: results not yet taken */
    size_t qlen;               /* ... how many (the run waits above MOB_MAX_QUEUED) */
    mob_result *spare;         /* the final result when memory runs out */
    mob_result *current;       /* sync: the result the caller holds */
    mob_result *final;         /* sync: the final result, once taken */
};

struct mob_session {
    MI_Uint64 magic;
    mob_app *app;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int refs; /* user + one per live operation + one while its loop holds it in a list */
    int stopping;
    int detached;       /* its loop is done with it (no more kicks) */
    int detach_on_exit; /* closed on a loop thread (from a callback): the loop finishes it */
    void *close_ctx;
    void(MI_CALL *close_cb)(void *);
    mob_op *qhead, *qtail;
    mob_op *running;   /* the operation using the session (its loop's or a caller's) */
    mob_op *lop;       /* ... when its loop runs it */
    MI_Session handle; /* what MI_Session_* and MI_Operation_GetSession give */
    mob_dest dest;
    const mob_transport_ft *tft; /* its application's transport */
    mob_transport *lane;         /* a caller's transport for synchronous operations (lazily) */
    wsman_codec codec;
    wsman_buf req;                /* the request being sent (whoever runs the session) */
    wsman_parser parser;          /* kept between the lane's responses */
    char msgid[WSMAN_MSGID_SIZE]; /* the last request's MessageID (wsman_next_message_id; under
                                   * mu: callers number the requests they write ahead) */
    size_t pre_size;              /* the size of the last request written ahead (a hint) */
    MI_Application app_handle;
    mob_session *app_next; /* the application's list */
    /* the loop's (loop.c, inbox.c) */
    mob_loop *loop;
    mob_group *group;
    int kicked;         /* in the loop's inbox (loop mutex) */
    mob_session *knext; /* ... its link */
    int lstate;         /* loop thread: MOB_LS_* */
    mob_xfer *xfer;     /* loop thread: the connection slot it holds */
    mob_session *wnext; /* loop thread: the group's queue for a slot, or the claim list */
    int cwaiting;       /* loop thread: in the claim list */
};

struct mob_app {
    MI_Uint64 magic;
    MI_Application handle; /* what MI_Session_GetApplication gives */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    mob_session *sessions;
    int closing_sessions;              /* sessions closed from a callback, still finishing */
    const mob_transport_ft *transport; /* what its sessions open */
    mob_loop **loops;                  /* made with the first session */
    unsigned nloops, next_loop;
    mob_group *groups;
};

/* An event loop (loop.c runs it; inbox.c is how other threads reach it). */
struct mob_loop {
    mob_app *app;
    pthread_t thread;
    int epfd, evfd, tfd; /* its epoll set, the eventfd that wakes it, the claim timer */
    mob_driver *driver;  /* its transport's, or NULL (a transport without one) */
    pthread_mutex_t mu;
    /* under mu */
    mob_session *ihead, *itail; /* the inbox: sessions to look at */
    int wake_pending;           /* the eventfd has been written since the inbox was taken */
    MI_Uint64 timer_due;        /* the claim timer (0: not armed) */
    int stopping;
    /* written by the loop thread, read by any (atomically) */
    MI_Uint64 claim_usec; /* the claim window (inbox.c): MOB_CLAIM_USEC up to MOB_CLAIM_MAX_USEC */
    /* the loop thread's */
    mob_session *chead; /* sessions whose head waits for its caller (claim list) */
    int claim_taken;    /* since the claim timer last fired, it started an unclaimed operation */
    wsman_parser parser;
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

/* ---- loop.c ---- */

/* Loop states of a session's running operation (s->lstate). */
enum { MOB_LS_IDLE, MOB_LS_SLOT, MOB_LS_FLIGHT, MOB_LS_WAIT };
/* The default cap on a group's connections (MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS). */
#define MOB_DEFAULT_MAX_CONNECTIONS 8u

/* Puts s into a group (made if none matches) on one of the application's loops (made with
 * the first session); fills s->loop and s->group. */
MI_Result mob_loop_join(mob_app *a, mob_session *s, MI_Uint32 cap);
/* Stops and frees the application's loops (every session closed). */
void mob_loops_stop(mob_app *a);

/* ---- queue.c ---- */

/* Drops one reference: the session mutex is held on entry and released on return; the
 * operation (and with its last operation a closed session) is freed outside the lock. */
void mob_op_release(mob_op *op);
/* Session lock held: op, the head of s's queue, leaves it and starts (s->running), run by
 * the caller. */
void mob_op_take_head(mob_session *s, mob_op *op);
/* Session lock held: ends op's run (s->running cleared, done, waiters woken); the runner then
 * drops its reference. */
void mob_op_finish(mob_session *s, mob_op *op);
/* Lock held on entry, released on return; frees the session with its last reference. */
void mob_session_unref(mob_session *s);
/* Frees what a session holds (lane, buffers, destination) once nothing runs on it; then
 * mob_session_destroy frees the session itself (its mutex and condition variable). */
void mob_session_teardown(mob_session *s);
void mob_session_destroy(mob_session *s);
/* Ends a close that was left to the loop (on the loop thread, no lock held): teardown, the
 * completion callback, the user's reference, and MI_Application_Close told. */
void mob_session_finish_close(mob_session *s);
void mob_dest_free(mob_dest *d);
/* What a connection is made with, copied (out freed by mob_dest_free, even on a failure). */
MI_Result mob_dest_copy_connection(const mob_dest *d, mob_dest *out);

/* ---- exchange.c ---- */

enum { MOB_STEP_SEND, MOB_STEP_WAIT, MOB_STEP_DONE };
/* Moves op on without blocking: delivers what results it may (callbacks run here), then
 * writes its next request into s->req. MOB_STEP_SEND: a request is there to send (timeout:
 * op->xfer_timeout); MOB_STEP_WAIT: the receiver must take a result first (op->waiting is set,
 * under the session lock: whoever lets it go clears it and kicks the session); MOB_STEP_DONE:
 * its final result is delivered. No lock held. */
int mob_op_advance(mob_session *s, mob_op *op);
/* On the thread starting op (not yet queued, its inputs checked and copied but for inbound):
 * writes the one request of a Get, Modify, Create or Delete now, into op->pre, from inbound,
 * which is then not needed (nor copied). 0: not written (another kind, inbound's declaration
 * lives with it, or the request cannot be written now: the run writes it, failing the same
 * way), op unchanged. */
int mob_op_prewrite(mob_session *s, mob_op *op, const MI_Instance *inbound);
/* Takes the outcome of the request written; parser: kept between reads by the caller. */
void mob_op_response(mob_session *s, mob_op *op, mob_http_result *hr, wsman_parser *parser);
/* The outcome of a request stopped before it was sent (a cancel while waiting for a slot). */
void mob_http_result_cancelled(mob_http_result *hr);

/* ---- class.c ---- */

/* Makes op->req (filled for the class's namespace and destination, its action a Get for
 * GETCLASS or an Enumerate for ENUMCLASSES) the first request of a class operation: of the
 * CIM-XML class resource, with the options Windows sends. A final result when memory runs
 * out. */
mob_result *mob_class_setup(mob_session *s, mob_op *op);
/* A class read (adopted), to be handed over once its superclass is linked, with more (MI_FALSE:
 * GetClass's one). -1 when memory runs out (cls deleted). */
int mob_class_take(mob_op *op, MI_Class *cls, MI_Boolean more);
/* Moves the classes read on without blocking: each linked to its superclass, from the classes
 * read already, then pushed in order (mob_op_push). 1: a superclass must be read first (its Get
 * is in op->req; its answer goes to mob_class_parent); 0: none waits; -1: out of memory. */
int mob_class_next(mob_op *op);
/* Whether the request in flight is the Get of a superclass. */
int mob_class_fetching(const mob_op *op);
/* The answer to that Get (NULL: none came, or a failure), freed here; op->req is again the
 * operation's own request. A superclass that cannot be read leaves its class without one. */
void mob_class_parent(mob_op *op, wsman_response *resp);
/* Frees the operation's classes. */
void mob_class_cache_free(mob_op *op);

/* ---- query.c ---- */

/* What QueryInstances, AssociatorInstances and ReferenceInstances add to an Enumerate: a
 * query (copies of the strings given, "" as NULL), NULL when memory ran out. */
mob_query *mob_query_new(const MI_Char *dialect, const MI_Char *text, const MI_Char *assoc,
                         const MI_Char *result, const MI_Char *role, const MI_Char *result_role);
void mob_query_free(mob_query *q);
/* Takes a subscription's expiration time, heartbeat interval and bookmark from its delivery
 * options (or marks them foreign: not made here). -1 when out of memory. */
int mob_query_delivery(mob_query *q, const MI_SubscriptionDeliveryOptions *delivery);
/* Checks op's query when the operation starts: INVALID_PARAMETER or
 * QUERY_LANGUAGE_NOT_SUPPORTED with a message into err. */
MI_Result mob_query_prepare(mob_op *op, char *err, size_t errlen);
/* Makes req, an Enumerate of op's session, the query or association filter of op; for
 * Subscribe, its filter and the class the query selects from as the ResourceURI's (as OMI
 * wants it; "*" when the query names none). */
void mob_query_request(const mob_op *op, wsman_request *req);

/* ---- delivery.c ---- */

/* Delivers one result at once, never waiting (an operation that never ran). Takes r. */
void mob_op_deliver(mob_op *op, mob_result *r);
/* A result made, to be delivered in order by mob_op_pump (NULL: out of memory making it). */
void mob_op_push(mob_op *op, mob_result *r);
/* Delivers the results made, in order, as far as the receiver lets it (callbacks run here, no
 * lock held): MOB_STEP_SEND when all are out and the final one is not, MOB_STEP_DONE when the
 * final one is out, MOB_STEP_WAIT (op->waiting set) when the receiver must take one first. */
int mob_op_pump(mob_session *s, mob_op *op);
/* Session lock held: lets a run that waits for the receiver go on. */
void mob_op_unwait(mob_session *s, mob_op *op);
/* A result; takes instance, which it deletes when out of memory (NULL then). */
mob_result *mob_result_new(MI_Instance *instance, MI_Boolean more, MI_Result result);
/* A result with a synthesized error instance. */
mob_result *mob_result_error(mob_session *s, MI_Result r, MI_Uint32 category, const char *msg);
void mob_result_free(mob_result *r);
/* The operation behind a handle made here, or NULL. */
mob_op *mob_op_of(MI_Operation *h);

/* ---- inbox.c ---- */

/* A synchronous operation is left to its caller this long before its loop starts it: the
 * claim window, MOB_CLAIM_USEC, lengthened up to MOB_CLAIM_MAX_USEC while every operation is
 * claimed by its caller in time (each claim timer that finds nothing to start doubles it), back
 * to MOB_CLAIM_USEC as soon as the loop had to start one (inbox.c). */
#define MOB_CLAIM_USEC 1000ULL
#define MOB_CLAIM_MAX_USEC 16000ULL

/* CLOCK_MONOTONIC in microseconds. */
MI_Uint64 mob_now_usec(void);
/* Session lock held: asks s's loop to look at s (its queue, a cancel, an ack...). wake: now
 * (else at its next wake-up or the claim timer). No-op once detached. */
void mob_loop_kick(mob_session *s, int wake);
/* Session lock held: has s's loop look at s at usec (mob_now_usec) at the latest. */
void mob_loop_kick_at(mob_session *s, MI_Uint64 usec);
/* When the loop of s starts op (queued, claimable) if its caller has not: op->queued_at plus
 * the loop's claim window. */
MI_Uint64 mob_claim_due(const mob_session *s, const mob_op *op);
/* Loop thread, after its claim timer fired and what was due was looked at: the window doubles
 * when nothing had to be started, goes back to MOB_CLAIM_USEC when something had. */
void mob_claim_adapt(mob_loop *l);
/* Loop thread: it starts a claimable operation whose caller did not claim it in time. */
void mob_claim_missed(mob_loop *l);
/* Loop mutex held: arms the loop's claim timer for usec unless it is due sooner. */
void mob_loop_arm(mob_loop *l, MI_Uint64 usec);
/* Wakes the loop's thread (any thread). */
void mob_loop_wake(mob_loop *l);
/* Whether the calling thread is the loop of s. */
int mob_on_loop(const mob_session *s);

#endif /* MOFBIND_CLIENT_H */
