/* SPDX-License-Identifier: MIT */
/* server/server.h: mofbind-server as a library, installed as <mofbind/server.h> with
 * libmofbind-server (pkg-config mofbind-server), so that programs embed the same WS-Man CIM
 * server the command line, the tests and the end-to-end demo run. The library exports only
 * the functions declared here.
 *
 * Life cycle: msrv_new loads the schemas and the state file and checks the configuration;
 * msrv_register_method adds Invoke handlers; msrv_start opens the listening socket and serves
 * from libmicrohttpd's threads; msrv_stop closes it (waiting for requests in flight);
 * msrv_free releases everything. msrv_new, msrv_register_method, msrv_start, msrv_stop and
 * msrv_free must be called from one thread; the accessors may be called from any thread.
 *
 * Errors: msrv_new and msrv_start return 0, or -1 with a one-line message (no trailing
 * newline) in err; MOF diagnostics go to config->diag (stderr when NULL). Nothing here exits or
 * aborts; there is no global state, so several servers may run in one process. */
#ifndef MOFBIND_SERVER_H
#define MOFBIND_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <mofbind/mi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Defaults for the limits of msrv_config (a 0 in the config means the default). */
#define MSRV_DEFAULT_MAX_BODY (1024u * 1024u) /* request body, bytes */
#define MSRV_DEFAULT_MAX_CONNECTIONS 256u
#define MSRV_DEFAULT_MAX_PER_ADDRESS 32u                   /* connections from one client address */
#define MSRV_DEFAULT_REQUEST_DEADLINE 10u                  /* a request's head and body, seconds */
#define MSRV_DEFAULT_TIMEOUT 30u                           /* idle connection, seconds */
#define MSRV_DEFAULT_MAX_INSTANCES 1000000u                /* instances in the repository */
#define MSRV_DEFAULT_MAX_ENUM_CONTEXTS 256u                /* open enumerations */
#define MSRV_DEFAULT_MAX_ENUM_BYTES (256u * 1024u * 1024u) /* their snapshots, together */
#define MSRV_DEFAULT_ENVELOPE 512000u /* when the request names no MaxEnvelopeSize */
#define MSRV_MIN_ENVELOPE 8192u       /* DSP0226: less is wsman:EncodingLimit */
#define MSRV_UNLIMITED ((unsigned)-1) /* for max_per_address and request_deadline: none */
#define MSRV_DEFAULT_PROVIDER_TIMEOUT 30u /* seconds a provider has to post its result */
/* Seconds idle before a provider is unloaded (OMI's default). */
#define MSRV_DEFAULT_PROVIDER_IDLE_TIMEOUT 90u

/* The configuration. The strings and arrays are copied by msrv_new; the caller keeps them. */
typedef struct msrv_config {
    const char *listen;    /* "ADDR:PORT", "[V6ADDR]:PORT" or "PORT"; NULL:
                              127.0.0.1:5985 (5986 with TLS); port 0 picks a free one */
    const char *cert_file; /* PEM certificate and key: serve HTTPS; both or neither */
    const char *key_file;
    const char *user; /* Basic credentials accepted ... */
    const char *password;
    const char *users_file;          /* ... and/or a file of `user:password` lines */
    bool no_auth;                    /* accept every request unauthenticated (tests only) */
    const char *const *schema_files; /* --schema FILE, in order */
    size_t n_schema_files;
    const char *const *schema_texts; /* MOF text in memory (embedders, tests) */
    size_t n_schema_texts;
    const char *const *include_dirs; /* -I DIR */
    size_t n_include_dirs;
    const char *default_ns;    /* namespace before any #pragma namespace; NULL root/cimv2 */
    const char *state_file;    /* --state FILE.mof; NULL: nothing persists */
    bool state_recover;        /* --state-recover: load the state file's instances that load,
                                  append the declarations that do not to FILE.mof.rejected,
                                  and rewrite the state file; without it a state file that
                                  does not load stops msrv_new, the file untouched */
    bool quiet;                /* no per-request log lines */
    FILE *log;                 /* request log and notices; NULL: stderr */
    FILE *diag;                /* MOF diagnostics; NULL: stderr */
    size_t max_body;           /* 0: MSRV_DEFAULT_MAX_BODY */
    unsigned max_connections;  /* 0: MSRV_DEFAULT_MAX_CONNECTIONS */
    unsigned timeout;          /* 0: MSRV_DEFAULT_TIMEOUT */
    unsigned max_per_address;  /* 0: MSRV_DEFAULT_MAX_PER_ADDRESS; MSRV_UNLIMITED: no cap */
    unsigned request_deadline; /* seconds for a request's head and body, from the accept or,
                                  on a kept-alive connection, from its first byte; 0:
                                  MSRV_DEFAULT_REQUEST_DEADLINE; MSRV_UNLIMITED: none */
    size_t max_instances;      /* 0: MSRV_DEFAULT_MAX_INSTANCES; a Create beyond gets
                                  MI_RESULT_SERVER_LIMITS_EXCEEDED */
    size_t max_enum_bytes;     /* 0: MSRV_DEFAULT_MAX_ENUM_BYTES; an Enumerate whose snapshot
                                  would make the open contexts hold more gets
                                  MI_RESULT_SERVER_LIMITS_EXCEEDED */
    unsigned threads;          /* a pool of N threads; 0: one thread per connection (a
                                  request blocked in fsync then holds up no other) */
    /* --provider LIB.so: provider libraries (MI_Main), each run in a host process of its
     * own; the classes they serve are served by them instead of the in-memory store. */
    const char *const *providers;
    size_t n_providers;
    /* The host program; NULL: the installed mofbind-provider-host. */
    const char *provider_host;
    /* Seconds a provider has to post its result; 0: MSRV_DEFAULT_PROVIDER_TIMEOUT. */
    unsigned provider_timeout;
    /* Run providers on threads of this process (debugging: a crash then stops the server). */
    bool providers_in_process;
    /* Seconds a class's provider may stay idle (no request of its class running, none
     * waiting for its result, no subscription) before its host unloads it (its Unload; the
     * library's module Unload and close after its last class provider), to load it again at
     * its class's next request, unless it called MI_Context_RefuseUnload; 0:
     * MSRV_DEFAULT_PROVIDER_IDLE_TIMEOUT; MSRV_UNLIMITED: never. */
    unsigned provider_idle_timeout;
} msrv_config;

typedef struct msrv_server msrv_server;

/* Creates a server: copies the configuration, reads the credentials, the TLS files, the
 * schemas (their `instance of` declarations become the initial instances) and the state file
 * (when it exists, it is the whole repository instead). Returns 0 and *out, or -1. */
int msrv_new(const msrv_config *config, msrv_server **out, char *err, size_t errlen);

/* Starts listening and serving. Returns 0, or -1 (address in use, bad TLS material ...). */
int msrv_start(msrv_server *srv, char *err, size_t errlen);

/* The address and port bound (meaningful after msrv_start: port 0 in the config gives the port
 * the system picked). The address is numeric, without brackets. */
const char *msrv_address(const msrv_server *srv);
uint16_t msrv_port(const msrv_server *srv);
bool msrv_is_tls(const msrv_server *srv);

/* Stops serving: requests that come in meanwhile are answered 503; those waiting for a
 * provider or for events are answered (MI_RESULT_SERVER_IS_SHUTTING_DOWN) at once; it waits
 * for the answers in flight to be written out (10 s at most), then closes the socket and the
 * connections. Idempotent. */
void msrv_stop(msrv_server *srv);

/* Stops the server if need be and frees it. NULL is fine. */
void msrv_free(msrv_server *srv);

/* Answers one request body as if it had arrived authenticated over HTTP (POST /wsman, with
 * this Content-Type; NULL: application/soap+xml): for fuzzers, benchmarks and embedders with their
 * own transport. Works whether or not the server was started; thread-safe like the server. *status
 * gets the HTTP status (200, or 500 with a SOAP fault); *body a malloc'd response (free it; NULL
 * with *len 0 when there is none). */
void msrv_process(msrv_server *srv, const char *content_type, const char *request, size_t len,
                  unsigned *status, char **body, size_t *body_len);

/* Number of instances held in a namespace (NULL: the default one) of a class (NULL: all). */
size_t msrv_instance_count(msrv_server *srv, const char *ns, const char *class_name);

/* A method call handed to an Invoke handler. Everything in it is owned by the server and valid
 * only during the call. */
typedef struct msrv_call {
    const char *ns;            /* namespace, e.g. "root/cimv2" */
    const char *class_name;    /* as declared in the schema */
    const char *method_name;   /* as declared in the schema */
    const MI_Instance *target; /* a copy of the stored instance (instance method) or NULL
                                  (static method) */
    const MI_Instance *in;     /* the IN parameters, typed by the method's declaration;
                                  absent ones are not set */
    MI_Instance *out;          /* set OUT parameters and "ReturnValue" here (types as
                                  declared; MI_Instance_SetElement / AddElement) */
    char *message;             /* on failure, an optional message for the fault (copied) */
    size_t message_size;
} msrv_call;

/* An Invoke handler. Returns MI_RESULT_OK, or an MI_Result sent back as a fault (with
 * call->message, when one is written). Called from server threads, possibly concurrently
 * (with the repository unlocked): the handler does its own locking. */
typedef MI_Result (*msrv_method_fn)(void *ctx, msrv_call *call);

/* Registers fn for class_name.method_name (NULL for every method of the class) in namespace ns
 * (NULL for every namespace). Before msrv_start only. A method with no handler answers
 * MI_RESULT_NOT_SUPPORTED. Returns 0, or -1 when the class or method is not in the schema. */
int msrv_register_method(msrv_server *srv, const char *ns, const char *class_name,
                         const char *method_name, msrv_method_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
