/* SPDX-License-Identifier: MIT */
/* tests/test_server_client.c: libmofbind (the installed library, public API only) against
 * mofbind-server embedded in the test on an ephemeral loopback port: Create, Get (typed through
 * the class declaration, as text without one, and as strings with MI_OPERATIONFLAGS_NO_RTTI),
 * Modify, Enumerate, Invoke, Delete, TestConnection, each CIM check arriving as the MI_Result
 * and error details an MI client reports, wrong credentials, many operations in flight, and
 * HTTPS with a certificate made at test time (trusted, untrusted, CA check off). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <time.h>

#include "sync_run.h"
#include "test_server_util.h"

/* ---- Contoso_Widget as generated tables would declare it ---------------------------------- */

#define PROP(var, flags, name, type)                                                               \
    static const MI_PropertyDecl var = {                                                           \
        MI_FLAG_PROPERTY | (flags), 0,   name, NULL, 0, type, NULL, 0, 0, "Contoso_Widget",        \
        "Contoso_Widget",           NULL}
PROP(w_id, MI_FLAG_KEY, "Id", MI_STRING);
PROP(w_name, 0, "Name", MI_STRING);
PROP(w_count, 0, "Count", MI_UINT32);
PROP(w_enabled, 0, "Enabled", MI_BOOLEAN);
PROP(w_offset, 0, "Offset", MI_SINT64);
PROP(w_ratio, 0, "Ratio", MI_REAL64);
PROP(w_tags, 0, "Tags", MI_STRINGA);
PROP(w_level, 0, "Level", MI_UINT8);
PROP(w_made, 0, "Made", MI_DATETIME);
static const MI_PropertyDecl *const w_props[] = {&w_id,    &w_name, &w_count, &w_enabled, &w_offset,
                                                 &w_ratio, &w_tags, &w_level, &w_made};

#define PARAM(var, flags, name, type)                                                              \
    static const MI_ParameterDecl var = {                                                          \
        MI_FLAG_PARAMETER | (flags), 0, name, NULL, 0, type, NULL, 0, 0}
PARAM(p_text, MI_FLAG_IN, "Text", MI_STRING);
PARAM(p_times, MI_FLAG_IN, "Times", MI_UINT32);
PARAM(p_echo, MI_FLAG_OUT, "Echo", MI_STRING);
PARAM(p_ret, MI_FLAG_OUT, "MIReturn", MI_UINT32);
static const MI_ParameterDecl *const ping_params[] = {&p_text, &p_times, &p_echo, &p_ret};
static const MI_MethodDecl ping_decl = {MI_FLAG_METHOD,   0,    "Ping", NULL,      0,
                                        ping_params,      4,    0,      MI_UINT32, "Contoso_Widget",
                                        "Contoso_Widget", NULL, NULL};
static const MI_MethodDecl *const w_methods[] = {&ping_decl};
static const MI_ClassDecl widget_decl = {
    MI_FLAG_CLASS,   0,    "Contoso_Widget", NULL, 0,    w_props, 9,   0,
    "Contoso_Thing", NULL, w_methods,        1,    NULL, NULL,    NULL};

/* ---- the server and the client ---------------------------------------------------------- */

static ts_server T;
static MI_Application app;
static MI_Session session; /* the "session" cases' session, TS_USER's over plain HTTP */

/* Contoso_Widget.Ping: echoes Text, returns 7. */
static MI_Result ping(void *ctx, msrv_call *call)
{
    MI_Value v;
    MI_Uint32 f = 0;
    char buf[128];
    (void)ctx;
    if (MI_Instance_GetElement(call->in, "Text", &v, NULL, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL))
        return MI_RESULT_INVALID_PARAMETER;
    snprintf(buf, sizeof buf, "echo:%s", v.string);
    v.string = buf;
    MI_Instance_SetElement(call->out, "Echo", &v, MI_STRING, 0);
    v.uint32 = 7;
    MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0);
    return MI_RESULT_OK;
}

/* The server (HTTPS with cert and key) with Ping's handler, and the application. */
static void start_server(const char *cert, const char *key)
{
    msrv_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.cert_file = cert;
    cfg.key_file = key;
    ts_new(&T, &cfg);
    ck_assert_int_eq(
        msrv_register_method(T.srv, "root/cimv2", "Contoso_Widget", "Ping", ping, NULL), 0);
    ts_run(&T);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
}

static void setup(void)
{
    start_server(NULL, NULL);
}

static void teardown(void)
{
    ck_assert_int_eq(MI_Application_Close(&app), MI_RESULT_OK);
    ts_stop(&T);
}

/* A session as TS_USER with password; Basic over plain HTTP wants privacy off (as OMI's client
 * wants it said); ca_file: the certificate to trust; ca_check 0: no CA check. */
static MI_Result open_session(MI_Session *s, const char *password, int privacy_off,
                              const char *ca_file, int ca_check)
{
    MI_DestinationOptions o = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials c;
    MI_Result r;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&app, &o), MI_RESULT_OK);
    memset(&c, 0, sizeof c);
    c.authenticationType = MI_AUTH_TYPE_BASIC;
    c.credentials.usernamePassword.username = TS_USER;
    c.credentials.usernamePassword.password = password;
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&o, &c), MI_RESULT_OK);
    if (privacy_off)
        ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(&o, MI_FALSE), MI_RESULT_OK);
    if (ca_file)
        ck_assert_int_eq(MI_DestinationOptions_SetTrustedCertsDir(&o, ca_file), MI_RESULT_OK);
    if (!ca_check)
        ck_assert_int_eq(MI_DestinationOptions_SetCertCACheck(&o, MI_FALSE), MI_RESULT_OK);
    r = MI_Application_NewSession(&app, NULL, T.url, &o, NULL, NULL, s);
    MI_DestinationOptions_Delete(&o);
    return r;
}

static void setup_session(void)
{
    setup();
    ck_assert_int_eq(open_session(&session, TS_PASSWORD, 1, NULL, 1), MI_RESULT_OK);
}

static void teardown_session(void)
{
    MI_Session_Close(&session, NULL, NULL);
    teardown();
}

/* ---- synchronous operations ------------------------------------------------------------ */

/* Runs op to its end (tests/sync_run.h); a failure must come with error details. */
static sync_outcome finish(MI_Operation *op, bool keep_first)
{
    sync_outcome o = sync_run(op, keep_first);
    ck_assert_msg(o.result == MI_RESULT_OK || o.details, "no error details with result %d",
                  (int)o.result);
    return o;
}

static sync_outcome create(MI_Instance *inst, const char *ns)
{
    MI_Operation op = {0};
    MI_Session_CreateInstance(&session, 0, NULL, ns, inst, NULL, &op);
    return finish(&op, true);
}

/* ---- instances ------------------------------------------------------------------------- */

static MI_Instance *typed_widget(const char *id, MI_Uint32 count)
{
    MI_Instance *i = NULL;
    MI_Value v;
    static MI_Char *tags[] = {(MI_Char *)"a", (MI_Char *)"b & <c>"};
    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &widget_decl, &i), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = count;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.boolean = MI_TRUE;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Enabled", &v, MI_BOOLEAN, 0), MI_RESULT_OK);
    v.sint64 = -42;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Offset", &v, MI_SINT64, 0), MI_RESULT_OK);
    v.real64 = 0.5;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Ratio", &v, MI_REAL64, 0), MI_RESULT_OK);
    v.stringa.data = tags;
    v.stringa.size = 2;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Tags", &v, MI_STRINGA, 0), MI_RESULT_OK);
    return i;
}

static MI_Instance *keys_of(const char *id)
{
    MI_Instance *i = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &widget_decl, &i), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    return i;
}

/* An instance without a class declaration: its values typed by the client. */
static MI_Instance *widget(const char *id, const char *name, MI_Uint32 count)
{
    MI_Instance *w = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Widget", NULL, &w), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_AddElement(w, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    if (name) {
        v.string = (MI_Char *)name;
        ck_assert_int_eq(MI_Instance_AddElement(w, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    }
    v.uint32 = count;
    ck_assert_int_eq(MI_Instance_AddElement(w, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    return w;
}

static const char *str_of(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    if (MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL) || t != MI_STRING)
        return NULL;
    return v.string;
}

/* The readable names of MI_Results, exported by libmofbind (mi.h). */
START_TEST(result_names)
{
    ck_assert_str_eq(mofbind_result_name(MI_RESULT_OK), "MI_RESULT_OK");
    ck_assert_str_eq(mofbind_result_name(MI_RESULT_NOT_FOUND), "MI_RESULT_NOT_FOUND");
    ck_assert_str_eq(mofbind_result_name(MI_RESULT_SERVER_IS_SHUTTING_DOWN),
                     "MI_RESULT_SERVER_IS_SHUTTING_DOWN");
    ck_assert_str_eq(mofbind_result_name((MI_Result)18), "MI_RESULT_UNKNOWN");
    ck_assert_str_eq(mofbind_result_name((MI_Result)1000), "MI_RESULT_UNKNOWN");
    ck_assert_str_eq(mofbind_result_text(MI_RESULT_ALREADY_EXISTS),
                     "The operation cannot be invoked because an object already exists.");
    ck_assert_ptr_nonnull(strstr(mofbind_result_text((MI_Result)-1), "does not define"));
}
END_TEST

START_TEST(full_cycle)
{
    MI_Session s = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w, *k, *params = NULL;
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    sync_outcome o;

    ck_assert_int_eq(open_session(&s, TS_PASSWORD, 1, NULL, 1), MI_RESULT_OK);

    w = typed_widget("w1", 7);
    MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
    MI_Instance_Delete(w);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "create: %d %s", o.result, o.message);
    ck_assert_int_eq(o.count, 1);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Id", &v, &t, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "w1");
    sync_outcome_free(&o);
    ck_assert_uint_eq(msrv_instance_count(T.srv, "root/cimv2", "Contoso_Widget"), 1);

    /* A second Create of the same keys: ALREADY_EXISTS with details. */
    w = typed_widget("w1", 8);
    MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
    MI_Instance_Delete(w);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_ALREADY_EXISTS);
    sync_outcome_free(&o);

    /* Get, typed by the class declaration the inbound instance carries. */
    k = keys_of("w1");
    MI_Session_GetInstance(&s, 0, NULL, "root/cimv2", k, NULL, &op);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "get: %d %s", o.result, o.message);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Count", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert_uint_eq(v.uint32, 7);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Offset", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_SINT64);
    ck_assert(v.sint64 == -42);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Tags", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRINGA);
    ck_assert_uint_eq(v.stringa.size, 2);
    ck_assert_str_eq(v.stringa.data[1], "b & <c>");
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Name", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRING);
    ck_assert(f & MI_FLAG_NULL); /* sent as xsi:nil, kept NULL */
    ck_assert_str_eq(o.first->nameSpace, "root/cimv2");
    sync_outcome_free(&o);

    /* The same Get with NO_RTTI: every value a string. */
    MI_Session_GetInstance(&s, MI_OPERATIONFLAGS_NO_RTTI, NULL, "root/cimv2", k, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Count", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRING);
    ck_assert_str_eq(v.string, "7");
    sync_outcome_free(&o);

    /* Modify, then Get shows it. */
    w = typed_widget("w1", 99);
    MI_Session_ModifyInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
    MI_Instance_Delete(w);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "modify: %d %s", o.result, o.message);
    sync_outcome_free(&o);
    MI_Session_GetInstance(&s, 0, NULL, "root/cimv2", k, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Count", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(v.uint32, 99);
    sync_outcome_free(&o);

    /* Enumerate. */
    MI_Session_EnumerateInstances(&s, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE, NULL, &op);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "enumerate: %d %s", o.result, o.message);
    ck_assert_int_eq(o.count, 1);
    sync_outcome_free(&o);

    /* Invoke an instance method; the output parameters come back typed by the method. */
    ck_assert_int_eq(MI_Application_NewParameterSet(&app, NULL, &params), MI_RESULT_OK);
    v.string = (MI_Char *)"hi";
    ck_assert_int_eq(MI_Instance_AddElement(params, "Text", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Session_Invoke(&s, 0, NULL, "root/cimv2", "Contoso_Widget", "Ping", k, params, NULL, &op);
    MI_Instance_Delete(params);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "invoke: %d %s", o.result, o.message);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Echo", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "echo:hi");
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "ReturnValue", &v, &t, &f, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert_uint_eq(v.uint32, 7);
    sync_outcome_free(&o);

    /* keysOnly: EPR mode, the instances carry their keys. */
    MI_Session_EnumerateInstances(&s, 0, NULL, "root/cimv2", "Contoso_Widget", MI_TRUE, NULL, &op);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "keys only: %d %s", o.result, o.message);
    ck_assert_int_eq(o.count, 1);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Id", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "w1");
    sync_outcome_free(&o);

    /* A static method without a handler on the server: NOT_SUPPORTED, with details. */
    MI_Session_Invoke(&s, 0, NULL, "root/cimv2", "Contoso_Widget", "Census", NULL, NULL, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_SUPPORTED);
    sync_outcome_free(&o);

    /* Delete, then Get is NOT_FOUND, and a class the server lacks is INVALID_CLASS. */
    MI_Session_DeleteInstance(&s, 0, NULL, "root/cimv2", k, NULL, &op);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "delete: %d %s", o.result, o.message);
    sync_outcome_free(&o);
    MI_Session_GetInstance(&s, 0, NULL, "root/cimv2", k, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_FOUND);
    sync_outcome_free(&o);
    MI_Instance_Delete(k);
    MI_Session_EnumerateInstances(&s, 0, NULL, "root/cimv2", "No_Such", MI_FALSE, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_CLASS);
    sync_outcome_free(&o);

    MI_Session_TestConnection(&s, 0, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}
END_TEST

START_TEST(bad_password)
{
    MI_Session s = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w = typed_widget("w2", 1);
    sync_outcome o;
    ck_assert_int_eq(open_session(&s, "wrong", 1, NULL, 1), MI_RESULT_OK);
    MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_ACCESS_DENIED);
    sync_outcome_free(&o);
    MI_Instance_Delete(w);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(msrv_instance_count(T.srv, "root/cimv2", "Contoso_Widget"), 0);
}
END_TEST

typedef struct inflight {
    int done, ok;
} inflight;

static void MI_CALL count_result(MI_Operation *op, void *ctx, const MI_Instance *inst,
                                 MI_Boolean more, MI_Result r, const MI_Char *msg,
                                 const MI_Instance *details,
                                 MI_Result(MI_CALL *ack)(MI_Operation *))
{
    inflight *f = (inflight *)ctx;
    (void)inst, (void)msg, (void)details, (void)ack;
    if (!more) {
        if (r == MI_RESULT_OK)
            __atomic_add_fetch(&f->ok, 1, __ATOMIC_ACQ_REL);
        __atomic_add_fetch(&f->done, 1, __ATOMIC_ACQ_REL);
        MI_Operation_Close(op);
    }
}

START_TEST(sixteen_in_flight)
{
    MI_Session s = MI_SESSION_NULL;
    MI_Operation ops[16];
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    inflight f = {0, 0};
    int i;
    ck_assert_int_eq(open_session(&s, TS_PASSWORD, 1, NULL, 1), MI_RESULT_OK);
    cb.callbackContext = &f;
    cb.instanceResult = count_result;
    for (i = 0; i < 16; i++) {
        char id[16];
        MI_Instance *w;
        snprintf(id, sizeof id, "f%d", i);
        w = typed_widget(id, (MI_Uint32)i);
        MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, &cb, &ops[i]);
        MI_Instance_Delete(w);
    }
    for (i = 0; i < 1000 && __atomic_load_n(&f.done, __ATOMIC_ACQUIRE) < 16; i++) {
        struct timespec ts = {0, 10000000L};
        nanosleep(&ts, NULL);
    }
    ck_assert_int_eq(__atomic_load_n(&f.done, __ATOMIC_ACQUIRE), 16);
    ck_assert_int_eq(f.ok, 16);
    ck_assert_uint_eq(msrv_instance_count(T.srv, "root/cimv2", "Contoso_Widget"), 16);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}
END_TEST

/* ---- HTTPS -------------------------------------------------------------------------------- */

START_TEST(https_checks)
{
    char dir[] = "/tmp/mofbind-rt-tls-XXXXXX";
    char cert[256], key[256], cmd[1024];
    MI_Session s = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w;
    sync_outcome o;

    teardown(); /* the fixture's plain HTTP server */
    if (system("openssl version >/dev/null 2>&1") != 0) {
        fprintf(stderr, "skip https: the openssl command is not available\n");
        setup();
        return;
    }
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s -days 2 "
             "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1",
             key, cert);
    ck_assert_int_eq(system(cmd), 0);
    start_server(cert, key);
    w = typed_widget("tls1", 1);

    /* Not trusted: ACCESS_DENIED, saying so. Basic is fine over HTTPS with privacy on. */
    ck_assert_int_eq(open_session(&s, TS_PASSWORD, 0, NULL, 1), MI_RESULT_OK);
    MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_ACCESS_DENIED);
    ck_assert_msg(strstr(o.message, "TLS"), "%s", o.message);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);

    /* Trusted through the certificate file. */
    ck_assert_int_eq(open_session(&s, TS_PASSWORD, 0, cert, 1), MI_RESULT_OK);
    MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "%d %s", o.result, o.message);
    sync_outcome_free(&o);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);

    /* CA check off: accepted without the anchor. */
    ck_assert_int_eq(open_session(&s, TS_PASSWORD, 0, NULL, 0), MI_RESULT_OK);
    MI_Session_TestConnection(&s, 0, NULL, &op);
    o = finish(&op, true);
    ck_assert_msg(o.result == MI_RESULT_OK, "%d %s", o.result, o.message);
    sync_outcome_free(&o);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);

    MI_Instance_Delete(w);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(create_get_enumerate_delete)
{
    MI_Instance *w = widget("c1", "client widget", 5), *keys;
    MI_Operation op = {0};
    sync_outcome o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_ptr_nonnull(o.first);
    ck_assert_str_eq(str_of(o.first, "Id"), "c1");
    MI_Instance_Delete(o.first);

    /* Get by keys: every property comes back (as text: no class declaration here). */
    keys = widget("c1", NULL, 0);
    MI_Session_GetInstance(&session, 0, NULL, "root/cimv2", keys, NULL, &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_ptr_nonnull(o.first);
    ck_assert_str_eq(str_of(o.first, "Name"), "client widget");
    MI_Instance_Delete(o.first);

    /* Enumerate: the created one and the test schema has none other of the class. */
    {
        MI_Instance *w2 = widget("c2", NULL, 1);
        o = create(w2, "root/cimv2");
        ck_assert_int_eq(o.result, MI_RESULT_OK);
        MI_Instance_Delete(o.first);
        MI_Instance_Delete(w2);
    }
    memset(&op, 0, sizeof op);
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE, NULL,
                                  &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_eq(o.count, 2);

    memset(&op, 0, sizeof op);
    MI_Session_DeleteInstance(&session, 0, NULL, "root/cimv2", keys, NULL, &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    memset(&op, 0, sizeof op);
    MI_Session_GetInstance(&session, 0, NULL, "root/cimv2", keys, NULL, &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(o.cim_status, 6);
    MI_Instance_Delete(keys);
    MI_Instance_Delete(w);
    ck_assert_uint_eq(msrv_instance_count(T.srv, "root/cimv2", "Contoso_Widget"), 1);
}
END_TEST

START_TEST(cim_checks_as_mi_results)
{
    MI_Instance *w = widget("d1", NULL, 1), *bad;
    MI_Value v;
    sync_outcome o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    MI_Instance_Delete(o.first);

    o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_ALREADY_EXISTS);
    ck_assert_int_eq(o.cim_status, 11);
    o = create(w, "root/nowhere");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_NAMESPACE);

    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Nothing", NULL, &bad), MI_RESULT_OK);
    v.string = (MI_Char *)"x";
    MI_Instance_AddElement(bad, "Id", &v, MI_STRING, MI_FLAG_KEY);
    o = create(bad, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_CLASS);
    MI_Instance_Delete(bad);

    /* A value the class's type cannot hold. */
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Widget", NULL, &bad), MI_RESULT_OK);
    v.string = (MI_Char *)"d2";
    MI_Instance_AddElement(bad, "Id", &v, MI_STRING, MI_FLAG_KEY);
    v.sint64 = -1;
    MI_Instance_AddElement(bad, "Count", &v, MI_SINT64, 0);
    o = create(bad, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(bad);

    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Widget", NULL, &bad), MI_RESULT_OK);
    v.string = (MI_Char *)"d3";
    MI_Instance_AddElement(bad, "Id", &v, MI_STRING, MI_FLAG_KEY);
    MI_Instance_AddElement(bad, "Colour", &v, MI_STRING, 0);
    o = create(bad, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_NO_SUCH_PROPERTY);
    MI_Instance_Delete(bad);
    MI_Instance_Delete(w);
}
END_TEST

START_TEST(wrong_password_is_access_denied)
{
    MI_Instance *w = widget("p1", NULL, 1);
    sync_outcome o;
    MI_Session_Close(&session, NULL, NULL);
    ck_assert_int_eq(open_session(&session, "wrong", 1, NULL, 1), MI_RESULT_OK);
    o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_ACCESS_DENIED);
    MI_Instance_Delete(w);
    ck_assert_uint_eq(msrv_instance_count(T.srv, "root/cimv2", "Contoso_Widget"), 0);
}
END_TEST

START_TEST(invoke_through_mi)
{
    MI_Instance *w = widget("i1", NULL, 1), *params = NULL;
    MI_Operation op = {0};
    MI_Value v;
    sync_outcome o;

    o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    MI_Instance_Delete(o.first);
    ck_assert_int_eq(MI_Application_NewParameterSet(&app, NULL, &params), MI_RESULT_OK);
    v.string = (MI_Char *)"hi";
    ck_assert_int_eq(MI_Instance_AddElement(params, "Text", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Session_Invoke(&session, 0, NULL, "root/cimv2", "Contoso_Widget", "Ping", w, params, NULL,
                      &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_ptr_nonnull(o.first);
    ck_assert_str_eq(str_of(o.first, "Echo"), "echo:hi");
    MI_Instance_Delete(o.first);
    /* A method without a handler. */
    memset(&op, 0, sizeof op);
    MI_Session_Invoke(&session, 0, NULL, "root/cimv2", "Contoso_Widget", "Unhandled", w, NULL, NULL,
                      &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_SUPPORTED);
    MI_Instance_Delete(params);
    MI_Instance_Delete(w);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("server-client");
    /* Typed instances, each case with sessions of its own. */
    TCase *tc = tcase_create("typed");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, result_names);
    tcase_add_test(tc, full_cycle);
    tcase_add_test(tc, bad_password);
    tcase_add_test(tc, sixteen_in_flight);
    tcase_add_test(tc, https_checks);
    suite_add_tcase(s, tc);
    /* Instances without a class declaration, through the fixture's session. */
    tc = tcase_create("session");
    tcase_add_checked_fixture(tc, setup_session, teardown_session);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, create_get_enumerate_delete);
    tcase_add_test(tc, cim_checks_as_mi_results);
    tcase_add_test(tc, wrong_password_is_access_denied);
    tcase_add_test(tc, invoke_through_mi);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;
    curl_global_init(CURL_GLOBAL_ALL);
    sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
