/* SPDX-License-Identifier: MIT */
/* tests/e2e_util.h: what the end-to-end suites (tests/test_e2e*.c) share: mofbind-server
 * embedded in the test process on an ephemeral loopback port, serving schemas/demo.mof with
 * Invoke handlers for Win32_Foo.Reset (slow on request, so that cancel, close and timeouts have
 * something to interrupt) and Win32_Foo.Attach; sessions of libmofbind opened on it; clocks.
 * Included by one test program each (static functions). */
#ifndef MOFBIND_E2E_UTIL_H
#define MOFBIND_E2E_UTIL_H

#include <check.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server.h"

#include "Demo_FooDependency.h"
#include "Demo_Setting.h"
#include "Win32_Foo.h"

#define E2E_USER "e2e"
#define E2E_PASSWORD "Throwaway-e2e-5b1c"
#define E2E_NS "root/mofbind"

/* Reset's Level that makes the handler wait until released (or E2E_SLOW_MAX_MS). */
#define E2E_SLOW_LEVEL 255
#define E2E_SLOW_MAX_MS 20000

/* Timing bounds are multiplied by MOFBIND_TEST_SLOW (scripts/valgrind.sh sets it). */
static inline long e2e_scale(void)
{
    const char *s = getenv("MOFBIND_TEST_SLOW");
    long n = s ? atol(s) : 1;
    return n > 0 ? n : 1;
}

static inline long e2e_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static inline void e2e_sleep_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

/* schemas/demo.mof: from MOFBIND_SRCDIR (set by make check), else where configure saw it. */
static inline const char *e2e_demo_mof(void)
{
    static char path[4096];
    const char *top = getenv("MOFBIND_SRCDIR");
    snprintf(path, sizeof path, "%s/schemas/demo.mof", top ? top : E2E_SRCDIR);
    return path;
}

/* What the handlers saw and the switch that releases a slow Reset. */
typedef struct e2e_calls {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int resets, attaches, slow_entered, slow_left, released;
    char other[64];  /* Attach: Other's InstanceID */
    unsigned npeers; /* Attach: how many Peers */
} e2e_calls;

/* An embedded server. */
typedef struct e2e_server {
    msrv_server *srv;
    char url[128];
    unsigned port;
    e2e_calls calls;
} e2e_server;

typedef struct e2e_server_opts {
    const char *cert_file, *key_file; /* HTTPS */
    const char *default_ns;           /* NULL: root/cimv2 (the server's default) */
    const char *schema_text;          /* instead of demo.mof */
    const char *schema_file;          /* instead of demo.mof (a file: its includes are read) */
    int thread_per_connection;        /* not the pool of 4 threads (in which a slow Reset
                                         stalls the other connections its thread serves) */
    const char *provider;             /* a provider library under the build directory, run in
                                         the provider host (test_e2e_mof3's) */
} e2e_server_opts;

static inline const MI_Char *e2e_str_param(const MI_Instance *in, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    if (!in || MI_Instance_GetElement(in, name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL) || t != MI_STRING)
        return NULL;
    return v.string;
}

/* The InstanceID key of a reference (an instance of Win32_Foo, typed or not). */
static inline const MI_Char *e2e_ref_id(const MI_Instance *ref)
{
    return e2e_str_param(ref, "InstanceID");
}

/* Sets an OUT parameter (the out instance may declare it already, or not). */
static inline MI_Result e2e_out(MI_Instance *out, const char *name, const MI_Value *v, MI_Type t)
{
    MI_Result r = MI_Instance_SetElement(out, name, v, t, 0);
    if (r == MI_RESULT_NO_SUCH_PROPERTY || r == MI_RESULT_NOT_FOUND)
        r = MI_Instance_AddElement(out, name, v, t, 0);
    return r;
}

static inline MI_Result e2e_reset(void *ctx, msrv_call *call)
{
    e2e_calls *c = (e2e_calls *)ctx;
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    unsigned level = 0;
    int force = 0;
    char msg[128];
    if (MI_Instance_GetElement(call->in, "Level", &v, &t, &f, NULL) == MI_RESULT_OK &&
        !(f & MI_FLAG_NULL) && t == MI_UINT8)
        level = v.uint8;
    if (MI_Instance_GetElement(call->in, "Force", &v, &t, &f, NULL) == MI_RESULT_OK &&
        !(f & MI_FLAG_NULL) && t == MI_BOOLEAN)
        force = v.boolean;
    pthread_mutex_lock(&c->mu);
    c->resets++;
    if (level == E2E_SLOW_LEVEL) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += E2E_SLOW_MAX_MS / 1000;
        c->slow_entered++;
        pthread_cond_broadcast(&c->cv);
        while (!c->released)
            if (pthread_cond_timedwait(&c->cv, &c->mu, &until) != 0)
                break;
        c->slow_left++;
        pthread_cond_broadcast(&c->cv);
    }
    pthread_mutex_unlock(&c->mu);
    if (level == 13) {
        snprintf(call->message, call->message_size, "level 13 is refused by the test handler");
        return MI_RESULT_INVALID_PARAMETER;
    }
    snprintf(msg, sizeof msg, "reset %s to level %u%s",
             call->target ? (e2e_ref_id(call->target) ? e2e_ref_id(call->target) : "?") : "-",
             level, force ? " (forced)" : "");
    v.string = msg;
    if (e2e_out(call->out, "Message", &v, MI_STRING) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    v.uint32 = level;
    return e2e_out(call->out, "ReturnValue", &v, MI_UINT32) == MI_RESULT_OK ? MI_RESULT_OK
                                                                            : MI_RESULT_FAILED;
}

static inline MI_Result e2e_attach(void *ctx, msrv_call *call)
{
    e2e_calls *c = (e2e_calls *)ctx;
    MI_Value v, out;
    MI_Type t;
    MI_Uint32 f, i, n = 0;
    MI_Char *seen[16];
    MI_Uint32 nseen = 0;
    pthread_mutex_lock(&c->mu);
    c->attaches++;
    c->other[0] = '\0';
    if (MI_Instance_GetElement(call->in, "Other", &v, &t, &f, NULL) == MI_RESULT_OK &&
        !(f & MI_FLAG_NULL) && (t == MI_REFERENCE || t == MI_INSTANCE) && v.reference) {
        const MI_Char *id = e2e_ref_id(v.reference);
        snprintf(c->other, sizeof c->other, "%s", id ? id : "?");
        seen[nseen++] = (MI_Char *)(id ? id : "?");
    }
    c->npeers = 0;
    if (MI_Instance_GetElement(call->in, "Peers", &v, &t, &f, NULL) == MI_RESULT_OK &&
        !(f & MI_FLAG_NULL) && (t == MI_REFERENCEA || t == MI_INSTANCEA)) {
        c->npeers = v.referencea.size;
        for (i = 0; i < v.referencea.size && nseen < 16; i++) {
            const MI_Char *id = e2e_ref_id(v.referencea.data[i]);
            seen[nseen++] = (MI_Char *)(id ? id : "?");
        }
    }
    pthread_mutex_unlock(&c->mu);
    if (MI_Instance_GetElement(call->in, "Labels", &v, &t, &f, NULL) == MI_RESULT_OK &&
        !(f & MI_FLAG_NULL) && t == MI_STRINGA)
        n = v.stringa.size;
    out.uint32 = n;
    if (e2e_out(call->out, "Count", &out, MI_UINT32) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    out.stringa.data = seen;
    out.stringa.size = nseen;
    if (e2e_out(call->out, "Seen", &out, MI_STRINGA) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    out.uint32 = 0;
    return e2e_out(call->out, "ReturnValue", &out, MI_UINT32) == MI_RESULT_OK ? MI_RESULT_OK
                                                                              : MI_RESULT_FAILED;
}

/* Starts an embedded server (opts may be NULL): demo.mof, Basic credentials E2E_USER and
 * E2E_PASSWORD, a port the system picks. */
static inline void e2e_server_start(e2e_server *t, const e2e_server_opts *opts)
{
    msrv_config cfg;
    const char *files[1];
    const char *texts[1];
    char err[256];
    memset(t, 0, sizeof *t);
    pthread_mutex_init(&t->calls.mu, NULL);
    pthread_cond_init(&t->calls.cv, NULL);
    memset(&cfg, 0, sizeof cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.user = E2E_USER;
    cfg.password = E2E_PASSWORD;
    cfg.quiet = getenv("E2E_VERBOSE") == NULL; /* E2E_VERBOSE=1: log each request */
    cfg.threads = opts && opts->thread_per_connection ? 0 : 4;
    if (opts && opts->schema_text) {
        texts[0] = opts->schema_text;
        cfg.schema_texts = texts;
        cfg.n_schema_texts = 1;
    } else if (opts && opts->schema_file) {
        files[0] = opts->schema_file;
        cfg.schema_files = files;
        cfg.n_schema_files = 1;
    } else {
        files[0] = e2e_demo_mof();
        cfg.schema_files = files;
        cfg.n_schema_files = 1;
    }
    if (opts) {
        cfg.cert_file = opts->cert_file;
        cfg.key_file = opts->key_file;
        cfg.default_ns = opts->default_ns;
    }
#ifdef E2E_PROVIDER
    /* Win32_Foo and Demo_FooDependency from the demo provider (examples/provider/) in its
     * host process, instead of the store and the Invoke handlers. */
    {
        static char lib[1024], host[1024];
        static const char *provs[1] = {lib};
        const char *b = getenv("MOFBIND_BUILDDIR");
        snprintf(lib, sizeof lib, "%s/examples/.libs/libdemoprovider.so", b && *b ? b : ".");
        snprintf(host, sizeof host, "%s/server/mofbind-provider-host", b && *b ? b : ".");
        cfg.providers = provs;
        cfg.n_providers = 1;
        cfg.provider_host = host;
    }
#endif
    if (opts && opts->provider) {
        static char plib[1024], phost[1024];
        static const char *pprovs[1] = {plib};
        const char *b = getenv("MOFBIND_BUILDDIR");
        snprintf(plib, sizeof plib, "%s/%s", b && *b ? b : ".", opts->provider);
        snprintf(phost, sizeof phost, "%s/server/mofbind-provider-host", b && *b ? b : ".");
        cfg.providers = pprovs;
        cfg.n_providers = 1;
        cfg.provider_host = phost;
    }
    ck_assert_msg(msrv_new(&cfg, &t->srv, err, sizeof err) == 0, "msrv_new: %s", err);
#ifndef E2E_PROVIDER
    if (!opts || (!opts->schema_text && !opts->schema_file)) {
        ck_assert_int_eq(
            msrv_register_method(t->srv, NULL, "Win32_Foo", "Reset", e2e_reset, &t->calls), 0);
        ck_assert_int_eq(
            msrv_register_method(t->srv, NULL, "Win32_Foo", "Attach", e2e_attach, &t->calls), 0);
    }
#endif
    ck_assert_msg(msrv_start(t->srv, err, sizeof err) == 0, "msrv_start: %s", err);
    t->port = msrv_port(t->srv);
    snprintf(t->url, sizeof t->url, "%s://127.0.0.1:%u/wsman",
             opts && opts->cert_file ? "https" : "http", t->port);
}

/* Lets every slow Reset return. */
static inline void e2e_release(e2e_server *t)
{
    pthread_mutex_lock(&t->calls.mu);
    t->calls.released = 1;
    pthread_cond_broadcast(&t->calls.cv);
    pthread_mutex_unlock(&t->calls.mu);
}

/* Waits until a slow Reset is running in the server (up to 10 s, scaled). */
static inline void e2e_wait_slow_entered(e2e_calls *c, int n)
{
    long end = e2e_now_ms() + 10000 * e2e_scale();
    pthread_mutex_lock(&c->mu);
    while (c->slow_entered < n && e2e_now_ms() < end) {
        pthread_mutex_unlock(&c->mu);
        e2e_sleep_ms(5);
        pthread_mutex_lock(&c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    ck_assert_int_ge(c->slow_entered, n);
}

static inline void e2e_server_stop(e2e_server *t)
{
    e2e_release(t);
    msrv_free(t->srv);
    t->srv = NULL;
    pthread_cond_destroy(&t->calls.cv);
    pthread_mutex_destroy(&t->calls.mu);
}

/* Client side: an application and a session. */
typedef struct e2e_client {
    MI_Application app;
    MI_Session session;
} e2e_client;

typedef struct e2e_client_opts {
    const char *user, *password; /* NULL: E2E_USER, E2E_PASSWORD; "" for none */
    const char *cafile;          /* trusted CA for HTTPS */
    int no_ca_check, no_cn_check;
    long timeout_ms; /* destination timeout; 0: the default */
} e2e_client_opts;

/* Opens a session on url; returns NewSession's result (the session is usable when OK). */
static inline MI_Result e2e_client_open(e2e_client *c, const char *url, const e2e_client_opts *o)
{
    MI_DestinationOptions dopts = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials cred;
    MI_Instance *err = NULL;
    const char *user = o && o->user ? o->user : E2E_USER;
    const char *password = o && o->password ? o->password : E2E_PASSWORD;
    MI_Result r;
    memset(c, 0, sizeof *c);
    ck_assert_int_eq(MI_Application_Initialize(0, "mofbind-e2e", NULL, &c->app), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&c->app, &dopts), MI_RESULT_OK);
    if (strncmp(url, "http:", 5) == 0)
        ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(&dopts, MI_FALSE), MI_RESULT_OK);
    if (*user) {
        memset(&cred, 0, sizeof cred);
        cred.authenticationType = MI_AUTH_TYPE_BASIC;
        cred.credentials.usernamePassword.username = user;
        cred.credentials.usernamePassword.password = password;
        ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&dopts, &cred),
                         MI_RESULT_OK);
    }
    if (o && o->cafile)
        ck_assert_int_eq(MI_DestinationOptions_SetTrustedCertsDir(&dopts, o->cafile), MI_RESULT_OK);
    if (o && o->no_ca_check)
        ck_assert_int_eq(MI_DestinationOptions_SetCertCACheck(&dopts, MI_FALSE), MI_RESULT_OK);
    if (o && o->no_cn_check)
        ck_assert_int_eq(MI_DestinationOptions_SetCertCNCheck(&dopts, MI_FALSE), MI_RESULT_OK);
    if (o && o->timeout_ms) {
        MI_Interval iv;
        memset(&iv, 0, sizeof iv);
        iv.seconds = (MI_Uint32)(o->timeout_ms / 1000);
        iv.microseconds = (MI_Uint32)(o->timeout_ms % 1000) * 1000;
        ck_assert_int_eq(MI_DestinationOptions_SetTimeout(&dopts, &iv), MI_RESULT_OK);
    }
    r = MI_Application_NewSession(&c->app, NULL, url, &dopts, NULL, &err, &c->session);
    MI_DestinationOptions_Delete(&dopts);
    if (err)
        MI_Instance_Delete(err);
    return r;
}

static inline void e2e_client_close(e2e_client *c)
{
    if (c->session.ft)
        ck_assert_int_eq(MI_Session_Close(&c->session, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_Close(&c->app), MI_RESULT_OK);
}

/* Reads an element of an error instance. */
static inline const MI_Char *e2e_err_str(const MI_Instance *e, const char *name)
{
    return e2e_str_param(e, name);
}

static inline long e2e_err_uint(const MI_Instance *e, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    if (!e || MI_Instance_GetElement(e, name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL))
        return -1;
    switch (t) {
    case MI_UINT16:
        return v.uint16;
    case MI_UINT32:
        return (long)v.uint32;
    case MI_STRING:
        return atol(v.string);
    default:
        return -1;
    }
}

/* Checks error details: an instance with a non-empty Message and CIMStatusCode == r. */
static inline void e2e_check_error(const MI_Instance *e, MI_Result r)
{
    const MI_Char *msg;
    ck_assert_msg(e != NULL, "no error details for MI_Result %d", (int)r);
    msg = e2e_err_str(e, "Message");
    ck_assert_msg(msg && *msg, "error details without a Message");
    ck_assert_int_eq(e2e_err_uint(e, "CIMStatusCode"), (long)r);
}

/* A Win32_Foo Enumerate in ns that ends at once, without an instance, with r and error details
 * saying so. */
static inline void e2e_enumerate_fails(e2e_client *c, const char *ns, MI_Result r)
{
    MI_Operation op = MI_OPERATION_NULL;
    Win32_Foo got;
    MI_Boolean found, more;
    MI_Result res;
    const MI_Char *msg;
    const MI_Instance *details;
    Win32_Foo_Enumerate(&c->session, ns, MI_FALSE, NULL, &op);
    Win32_Foo_Init(&got);
    ck_assert_int_eq(Win32_Foo_EnumerateNext(&op, &got, &found, &more, &res, &msg, &details),
                     MI_RESULT_OK);
    ck_assert(!found && !more);
    ck_assert_int_eq(res, r);
    e2e_check_error(details, r);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    Win32_Foo_Destruct(&got);
}

/* A Win32_Foo with its key and its Required Name. */
static inline void e2e_foo(Win32_Foo *x, const char *id)
{
    Win32_Foo_Init(x);
    ck_assert_int_eq(Win32_Foo_Set_InstanceID(x, id), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Name(x, "e2e"), MI_RESULT_OK);
}

#endif
