/* SPDX-License-Identifier: MIT */
/* server/server_int.h: what the parts of libserver share: the server object, the HTTP front's
 * hand-off to the WS-Man dispatcher, the credentials check and the request log. Not installed. */
#ifndef MOFBIND_SERVER_INT_H
#define MOFBIND_SERVER_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "server.h"

struct MHD_Daemon;
struct front_watch;
struct srv_repo;
struct srv_enums;
struct srv_decls;
struct srv_provs;
struct srv_subs;

/* One accepted `user:password` pair. */
typedef struct srv_cred {
    char *user;
    char *password;
} srv_cred;

/* A registered Invoke handler. */
typedef struct srv_method {
    char *ns; /* NULL: any namespace */
    char *class_name;
    char *method_name; /* NULL: any method of the class */
    msrv_method_fn fn;
    void *ctx;
} srv_method;

struct msrv_server {
    msrv_config cfg; /* with every string and array copied (below) */
    char **owned;    /* the copies, freed with the server */
    size_t n_owned;

    srv_cred *creds;
    size_t n_creds;

    char *tls_cert; /* PEM text when serving HTTPS */
    char *tls_key;

    mof_diag diag;
    mof_unit unit; /* the loaded MOF; the schema points into its arena */
    mof_schema schema;
    bool unit_ready; /* unit was initialized (and is freed with the server) */
    bool have_schema;

    struct srv_repo *repo;
    struct srv_decls *decls; /* the classes' declarations the stored instances share */
    struct srv_enums *enums;
    struct srv_subs *subs;        /* subscriptions to indications (subscribe.h) */
    unsigned long long state_gen; /* changes made (under the repository's write lock) */
    pthread_mutex_t state_lock;   /* one save at a time */
    unsigned long long saved_gen; /* changes in the state file (under state_lock) */

    srv_method *methods;
    size_t n_methods;

    struct srv_provs *provs; /* providers.c; NULL without --provider */

    pthread_mutex_t log_lock; /* one log line at a time */
    FILE *log;

    struct MHD_Daemon *daemon;
    struct front_watch *watch; /* the connections, for the request deadline (front.c) */
    unsigned connections; /* open now (front.c; atomic) */
    char address[64];
    uint16_t port;
    bool started;
    bool stopping; /* msrv_stop runs: new requests are refused, providers' answered (atomic) */
};

/* What the front hands the dispatcher: one POST /wsman, authenticated. */
typedef enum srv_front_error {
    SRV_FRONT_OK,
    SRV_FRONT_TOO_LARGE, /* body over cfg.max_body: not read */
    SRV_FRONT_NO_CONTENT_TYPE,
    SRV_FRONT_BAD_CONTENT_TYPE, /* not application/soap+xml nor text/xml */
    SRV_FRONT_BAD_CHARSET       /* a charset other than UTF-8 */
} srv_front_error;

typedef struct srv_request {
    const char *body;
    size_t len;
    const char *content_type; /* as sent (checked by the front) */
    srv_front_error error;
    /* Whether the client has gone (closed its connection) while the request is served, which
     * a request waiting for a provider asks now and then to cancel it; NULL: never (an
     * embedder's msrv_process). */
    bool (*gone)(void *ctx);
    void *gone_ctx;
} srv_request;

/* The dispatcher's answer. body is malloc'd (may be NULL with len 0). */
typedef struct srv_reply {
    unsigned status; /* HTTP status */
    char *body;
    size_t len;
    /* For the log line. */
    char action[32];     /* "Create", "Get" ... or "-" */
    char class_name[96]; /* or "-" */
    int result;          /* MI_Result; -1 when none applies */
} srv_reply;

/* server.c: the namespace of requests without __cimnamespace; the handler for a method. */
const char *srv_default_ns(const msrv_server *srv);
const srv_method *srv_find_method(const msrv_server *srv, const char *ns, const char *class_name,
                                  const char *method_name);

/* front.c: application/soap+xml or text/xml, with no charset or UTF-8. */
srv_front_error srv_check_content_type(const char *ct);

/* dispatch.c: answers one request. Never fails: every error becomes a fault reply. */
void srv_dispatch(msrv_server *srv, const srv_request *req, srv_reply *reply);

/* auth.c: reads a users file into srv->creds (appending). Returns 0 or -1 with err. */
int srv_auth_load_file(msrv_server *srv, const char *path, char *err, size_t errlen);
/* Adds one pair (copied). Returns 0, or -1 when out of memory. */
int srv_auth_add(msrv_server *srv, const char *user, const char *password);
/* True when user/password is an accepted pair. Compares in time independent of where the
 * strings differ. */
bool srv_auth_check(const msrv_server *srv, const char *user, const char *password);
void srv_auth_free(msrv_server *srv);

/* front.c: the libmicrohttpd daemon. srv_front_drain waits (up to ms) until every request
 * the front handed the dispatcher has been answered and its answer written out, so that the
 * stop that follows does not close a connection under an answer (msrv_stop). */
int srv_front_start(msrv_server *srv, char *err, size_t errlen);
void srv_front_drain(msrv_server *srv, unsigned ms);
void srv_front_stop(msrv_server *srv);

/* The request log (one line per request unless quiet) and notices (always). */
void srv_log_request(msrv_server *srv, const srv_reply *r, unsigned long usec);
void srv_notice(msrv_server *srv, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* A message into a caller's buffer, as the public functions report errors. */
void srv_err(char *err, size_t errlen, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
