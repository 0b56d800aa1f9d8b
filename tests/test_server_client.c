/* SPDX-License-Identifier: MIT */
/* tests/test_server_client.c: mofbind-server through the MI client API of libmofbind (the
 * shared library, public API only): each operation, and each CIM check arriving as the
 * MI_Result and error details an MI client reports. The server runs in this process on an
 * ephemeral loopback port. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "test_server_util.h"

typedef struct client {
    ts_server t;
    MI_Application app;
    MI_DestinationOptions dopts;
    MI_Session session;
} client;

static client C;

static void open_session(const char *password)
{
    MI_UserCredentials creds;
    char url[160];
    memset(&creds, 0, sizeof creds);
    creds.authenticationType = MI_AUTH_TYPE_BASIC;
    creds.credentials.usernamePassword.username = TS_USER;
    creds.credentials.usernamePassword.password = password;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&C.app, &C.dopts), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&C.dopts, &creds),
                     MI_RESULT_OK);
    /* Basic over plain HTTP, on loopback: privacy off, as OMI's client wants it said. */
    ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(&C.dopts, MI_FALSE), MI_RESULT_OK);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(C.t.srv));
    ck_assert_int_eq(MI_Application_NewSession(&C.app, NULL, url, &C.dopts, NULL, NULL, &C.session),
                     MI_RESULT_OK);
}

static void close_session(void)
{
    MI_Session_Close(&C.session, NULL, NULL);
    MI_DestinationOptions_Delete(&C.dopts);
}

static void setup(void)
{
    memset(&C, 0, sizeof C);
    ts_start(&C.t, NULL);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &C.app), MI_RESULT_OK);
    open_session(TS_PASSWORD);
}

static void teardown(void)
{
    close_session();
    MI_Application_Close(&C.app);
    ts_stop(&C.t);
}

static MI_Instance *widget(const char *id, const char *name, MI_Uint32 count)
{
    MI_Instance *w = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Contoso_Widget", NULL, &w), MI_RESULT_OK);
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

/* The outcome of a synchronous operation: its result, the CIMStatusCode of its error details,
 * and (when asked) a clone of its first instance. */
typedef struct outcome {
    MI_Result result;
    int cim_status;
    MI_Instance *first;
    unsigned count;
} outcome;

static outcome finish(MI_Operation *op, bool keep_first)
{
    outcome o;
    MI_Boolean more = MI_TRUE;
    memset(&o, 0, sizeof o);
    o.cim_status = -1;
    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        ck_assert_int_eq(MI_Operation_GetInstance(op, &inst, &more, &r, &msg, &details),
                         MI_RESULT_OK);
        if (inst) {
            if (keep_first && !o.first)
                ck_assert_int_eq(MI_Instance_Clone(inst, &o.first), MI_RESULT_OK);
            o.count++;
        }
        if (!more) {
            o.result = r;
            if (r != MI_RESULT_OK) {
                MI_Value v;
                MI_Type t;
                ck_assert_msg(details != NULL, "no error details with result %d", (int)r);
                if (MI_Instance_GetElement(details, "CIMStatusCode", &v, &t, NULL, NULL) ==
                    MI_RESULT_OK)
                    o.cim_status = t == MI_UINT32   ? (int)v.uint32
                                   : t == MI_UINT16 ? (int)v.uint16
                                   : t == MI_STRING ? atoi(v.string)
                                                    : -1;
            }
        }
    }
    MI_Operation_Close(op);
    return o;
}

static outcome create(MI_Instance *inst, const char *ns)
{
    MI_Operation op = {0};
    MI_Session_CreateInstance(&C.session, 0, NULL, ns, inst, NULL, &op);
    return finish(&op, true);
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

START_TEST(create_get_enumerate_delete)
{
    MI_Instance *w = widget("c1", "client widget", 5), *keys;
    MI_Operation op = {0};
    outcome o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_ptr_nonnull(o.first);
    ck_assert_str_eq(str_of(o.first, "Id"), "c1");
    MI_Instance_Delete(o.first);

    /* Get by keys: every property comes back (as text: no class declaration here). */
    keys = widget("c1", NULL, 0);
    MI_Session_GetInstance(&C.session, 0, NULL, "root/cimv2", keys, NULL, &op);
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
    MI_Session_EnumerateInstances(&C.session, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE,
                                  NULL, &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_eq(o.count, 2);

    memset(&op, 0, sizeof op);
    MI_Session_DeleteInstance(&C.session, 0, NULL, "root/cimv2", keys, NULL, &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    memset(&op, 0, sizeof op);
    MI_Session_GetInstance(&C.session, 0, NULL, "root/cimv2", keys, NULL, &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(o.cim_status, 6);
    MI_Instance_Delete(keys);
    MI_Instance_Delete(w);
    ck_assert_uint_eq(msrv_instance_count(C.t.srv, "root/cimv2", "Contoso_Widget"), 1);
}
END_TEST

START_TEST(cim_checks_as_mi_results)
{
    MI_Instance *w = widget("d1", NULL, 1), *bad;
    MI_Value v;
    outcome o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    MI_Instance_Delete(o.first);

    o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_ALREADY_EXISTS);
    ck_assert_int_eq(o.cim_status, 11);
    o = create(w, "root/nowhere");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_NAMESPACE);

    ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Contoso_Nothing", NULL, &bad),
                     MI_RESULT_OK);
    v.string = (MI_Char *)"x";
    MI_Instance_AddElement(bad, "Id", &v, MI_STRING, MI_FLAG_KEY);
    o = create(bad, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_CLASS);
    MI_Instance_Delete(bad);

    /* A value the class's type cannot hold. */
    ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Contoso_Widget", NULL, &bad),
                     MI_RESULT_OK);
    v.string = (MI_Char *)"d2";
    MI_Instance_AddElement(bad, "Id", &v, MI_STRING, MI_FLAG_KEY);
    v.sint64 = -1;
    MI_Instance_AddElement(bad, "Count", &v, MI_SINT64, 0);
    o = create(bad, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(bad);

    ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Contoso_Widget", NULL, &bad),
                     MI_RESULT_OK);
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
    outcome o;
    close_session();
    open_session("wrong");
    o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_ACCESS_DENIED);
    MI_Instance_Delete(w);
    ck_assert_uint_eq(msrv_instance_count(C.t.srv, "root/cimv2", "Contoso_Widget"), 0);
}
END_TEST

static MI_Result echo_handler(void *ctx, msrv_call *call)
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
    v.uint32 = 0;
    MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0);
    return MI_RESULT_OK;
}

START_TEST(invoke_through_mi)
{
    msrv_config cfg;
    char err[256], *schema = ts_path("tests/server/widget.mof");
    const char *schemas[1];
    MI_Instance *w = widget("i1", NULL, 1), *params = NULL;
    MI_Operation op = {0};
    MI_Value v;
    outcome o;
    /* This test's server has a handler: replace the fixture's. */
    close_session();
    ts_stop(&C.t);
    schemas[0] = schema;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.user = TS_USER;
    cfg.password = TS_PASSWORD;
    cfg.listen = "127.0.0.1:0";
    cfg.quiet = true;
    C.t.log = fopen("/dev/null", "w");
    cfg.log = C.t.log;
    ck_assert_int_eq(msrv_new(&cfg, &C.t.srv, err, sizeof err), 0);
    ck_assert_int_eq(
        msrv_register_method(C.t.srv, NULL, "Contoso_Widget", "Ping", echo_handler, NULL), 0);
    ck_assert_int_eq(msrv_start(C.t.srv, err, sizeof err), 0);
    free(schema);
    open_session(TS_PASSWORD);

    o = create(w, "root/cimv2");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    MI_Instance_Delete(o.first);
    ck_assert_int_eq(MI_Application_NewParameterSet(&C.app, NULL, &params), MI_RESULT_OK);
    v.string = (MI_Char *)"hi";
    ck_assert_int_eq(MI_Instance_AddElement(params, "Text", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Session_Invoke(&C.session, 0, NULL, "root/cimv2", "Contoso_Widget", "Ping", w, params, NULL,
                      &op);
    o = finish(&op, true);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_ptr_nonnull(o.first);
    ck_assert_str_eq(str_of(o.first, "Echo"), "echo:hi");
    MI_Instance_Delete(o.first);
    /* A method without a handler. */
    memset(&op, 0, sizeof op);
    MI_Session_Invoke(&C.session, 0, NULL, "root/cimv2", "Contoso_Widget", "Unhandled", w, NULL,
                      NULL, &op);
    o = finish(&op, false);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_SUPPORTED);
    MI_Instance_Delete(params);
    MI_Instance_Delete(w);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server-client");
    TCase *tc = tcase_create("mi");
    SRunner *sr;
    int failed;
    curl_global_init(CURL_GLOBAL_ALL);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, create_get_enumerate_delete);
    tcase_add_test(tc, cim_checks_as_mi_results);
    tcase_add_test(tc, wrong_password_is_access_denied);
    tcase_add_test(tc, invoke_through_mi);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
