/* SPDX-License-Identifier: MIT */
/* tests/test_provider_host.c: mofbind-server hosting a provider library (--provider) in a host
 * process of its own, driven through libmofbind's MI API over HTTP on an ephemeral loopback
 * port: Create, Get, Enumerate, Modify, Delete and Invoke go to the provider
 * (tests/provider/widget_provider.c); the errors it posts become faults with its status and
 * message; a provider that posts nothing is timed out; a crash fails only the request in
 * flight, is logged with the library's name, and the next request finds the host restarted
 * while the classes without a provider kept being served from memory; malformed and oversized
 * frames from the host are a crash as well, never the server's; a host that keeps ending is
 * started again only after a growing delay, its requests failing at once meanwhile; a WQL
 * query reaches the provider as its MI_Filter (its select list as the property set) and the
 * server filters what it posts; what a
 * provider posts reaches the client before the provider has finished, bounded by the
 * enumeration contexts' byte limit; the client's locales and custom operation options as the
 * provider's context gives them; the providers' local session; associations in the store
 * whose far end a provider serves; the in-process mode. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mofbind/mi.h>
#include "server.h"
#include "sync_run.h"

static msrv_server *srv;
static MI_Application app;
static MI_Session session;
static char url[128];
static FILE *server_log;
static unsigned provider_timeout = 2; /* for the next start */
static size_t max_enum_bytes;         /* for the next start; 0: the default */
static int with_demo; /* the next start also serves schemas/demo.mof with the demo provider */
static const char *extra_mof; /* the next start also compiles this MOF text */

static void start(int in_process)
{
    msrv_config cfg;
    char err[512], schema[1024], lib[1024], host[1024], demo_schema[1024], demo_lib[1024];
    const char *src = getenv("MOFBIND_SRCDIR"), *build = getenv("MOFBIND_BUILDDIR");
    const char *schemas[2], *provs[2];
    src = src && *src ? src : ".";
    build = build && *build ? build : ".";
    snprintf(schema, sizeof schema, "%s/tests/server/widget.mof", src);
    snprintf(lib, sizeof lib, "%s/tests/provider/.libs/libwidgetprov.so", build);
    snprintf(host, sizeof host, "%s/server/mofbind-provider-host", build);
    schemas[0] = schema;
    provs[0] = lib;
    server_log = tmpfile();
    ck_assert_ptr_nonnull(server_log);
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.no_auth = true;
    cfg.listen = "127.0.0.1:0";
    cfg.quiet = true;
    cfg.log = server_log;
    cfg.diag = server_log;
    cfg.providers = provs;
    cfg.n_providers = 1;
    if (extra_mof) {
        cfg.schema_texts = &extra_mof;
        cfg.n_schema_texts = 1;
    }
    if (with_demo) {
        snprintf(demo_schema, sizeof demo_schema, "%s/schemas/demo.mof", src);
        snprintf(demo_lib, sizeof demo_lib, "%s/examples/.libs/libdemoprovider.so", build);
        schemas[1] = demo_schema;
        provs[1] = demo_lib;
        cfg.n_schema_files = cfg.n_providers = 2;
    }
    cfg.provider_host = host;
    cfg.provider_timeout = provider_timeout;
    cfg.max_enum_bytes = max_enum_bytes;
    cfg.providers_in_process = in_process ? true : false;
    ck_assert_msg(msrv_new(&cfg, &srv, err, sizeof err) == 0, "%s", err);
    ck_assert_msg(msrv_start(srv, err, sizeof err) == 0, "%s", err);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(srv));
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewSession(&app, NULL, url, NULL, NULL, NULL, &session),
                     MI_RESULT_OK);
}

static void stop(void)
{
    MI_Session_Close(&session, NULL, NULL);
    ck_assert_int_eq(MI_Application_Close(&app), MI_RESULT_OK);
    msrv_free(srv);
    srv = NULL;
    fclose(server_log);
}

static MI_Instance *widget(const char *id, MI_Uint32 count)
{
    MI_Instance *i = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Widget", NULL, &i), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    if (count) {
        v.uint32 = count;
        ck_assert_int_eq(MI_Instance_AddElement(i, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    }
    return i;
}

static MI_Uint32 count_of(const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;
    ck_assert_ptr_nonnull(inst);
    ck_assert_int_eq(MI_Instance_GetElement(inst, "Count", &v, &t, NULL, NULL), MI_RESULT_OK);
    if (t == MI_STRING) /* an untyped result: the text of the number */
        return (MI_Uint32)strtoul(v.string, NULL, 10);
    ck_assert_int_eq(t, MI_UINT32);
    return v.uint32;
}

static void op(int which, const char *id, MI_Uint32 count, sync_outcome *o)
{
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Instance *i = widget(id, count);
    switch (which) {
    case 'C':
        MI_Session_CreateInstance(&session, 0, NULL, "root/cimv2", i, NULL, &mo);
        break;
    case 'G':
        MI_Session_GetInstance(&session, 0, NULL, "root/cimv2", i, NULL, &mo);
        break;
    case 'M':
        MI_Session_ModifyInstance(&session, 0, NULL, "root/cimv2", i, NULL, &mo);
        break;
    default:
        MI_Session_DeleteInstance(&session, 0, NULL, "root/cimv2", i, NULL, &mo);
        break;
    }
    MI_Instance_Delete(i);
    *o = sync_run(&mo, 1);
}

/* An operation whose result is all that matters. */
static void expect_op(int which, const char *id, MI_Uint32 count, MI_Result want)
{
    sync_outcome o;
    op(which, id, count, &o);
    ck_assert_msg(o.result == want, "%c %s: %d %s", which, id, (int)o.result, o.message);
    sync_outcome_free(&o);
}

static void ping(const char *text, sync_outcome *o)
{
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Instance *target = widget("w1", 0), *in = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewParameterSet(&app, NULL, &in), MI_RESULT_OK);
    v.string = (MI_Char *)text;
    ck_assert_int_eq(MI_Instance_AddElement(in, "Text", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Session_Invoke(&session, 0, NULL, "root/cimv2", "Contoso_Widget", "Ping", target, in, NULL,
                      &mo);
    MI_Instance_Delete(target);
    MI_Instance_Delete(in);
    *o = sync_run(&mo, 1);
}

/* The server's log so far. */
static const char *log_text(void)
{
    static char buf[8192];
    size_t n;
    fflush(server_log);
    rewind(server_log);
    n = fread(buf, 1, sizeof buf - 1, server_log);
    buf[n] = '\0';
    fseek(server_log, 0, SEEK_END);
    return buf;
}

static void full_cycle(void)
{
    sync_outcome o;
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Value v;
    op('C', "w1", 5, &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    sync_outcome_free(&o);
    op('C', "w2", 6, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    op('C', "w1", 9, &o); /* the provider's own error, with its message */
    ck_assert_int_eq(o.result, MI_RESULT_ALREADY_EXISTS);
    ck_assert_msg(strstr(o.message, "a widget with this Id exists already"), "%s", o.message);
    sync_outcome_free(&o);
    op('G', "w1", 0, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(count_of(o.first), 5);
    sync_outcome_free(&o);
    op('G', "error", 0, &o); /* an error instance the provider posted */
    ck_assert_int_eq(o.result, MI_RESULT_ACCESS_DENIED);
    ck_assert_msg(strstr(o.message, "refuses to be read"), "%s", o.message);
    sync_outcome_free(&o);
    op('M', "w1", 50, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    op('G', "w1", 0, &o);
    ck_assert_int_eq(count_of(o.first), 50);
    sync_outcome_free(&o);
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE, NULL,
                                  &mo);
    o = sync_run(&mo, 1);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(o.count, 2);
    sync_outcome_free(&o);
    ping("hello", &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Echo", &v, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "echo:hello");
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "ReturnValue", &v, NULL, NULL, NULL),
                     MI_RESULT_OK);
    sync_outcome_free(&o);
    expect_op('D', "w2", 0, MI_RESULT_OK);
    expect_op('D', "w2", 0, MI_RESULT_NOT_FOUND);
    expect_op('G', "w2", 0, MI_RESULT_NOT_FOUND);
}

START_TEST(operations)
{
    start(0);
    full_cycle();
    stop();
}
END_TEST

START_TEST(operations_in_process)
{
    start(1);
    full_cycle();
    stop();
}
END_TEST

START_TEST(silent_provider_times_out)
{
    sync_outcome o;
    struct timespec t0, t1;
    start(0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ping("silent", &o);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_msg(o.result == MI_RESULT_FAILED, "%d %s", o.result, o.message);
    ck_assert_msg(strstr(o.message, "libwidgetprov.so posted no result for Invoke of "
                                    "Contoso_Widget within 2 s"),
                  "%s", o.message);
    ck_assert_msg(t1.tv_sec - t0.tv_sec < 10, "took %ld s", (long)(t1.tv_sec - t0.tv_sec));
    sync_outcome_free(&o);
    ck_assert_ptr_nonnull(strstr(log_text(), "provider libwidgetprov.so: no result"));
    /* The host still serves. */
    ping("again", &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    stop();
}
END_TEST

START_TEST(crash_fails_request_and_restarts)
{
    sync_outcome o;
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Instance *pair = NULL;
    MI_Value v;
    start(0);
    op('C', "w1", 5, &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    ping("crash", &o);
    ck_assert_int_eq(o.result, MI_RESULT_FAILED);
    ck_assert_msg(strstr(o.message, "libwidgetprov.so failed while serving this request: its "
                                    "host killed by signal 6"),
                  "%s", o.message);
    sync_outcome_free(&o);
    ck_assert_msg(strstr(log_text(), "provider libwidgetprov.so: host killed by signal 6"), "%s",
                  log_text());
    /* A class without a provider is served from memory meanwhile. */
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Pair", NULL, &pair), MI_RESULT_OK);
    v.string = (MI_Char *)"seed";
    MI_Instance_AddElement(pair, "Left", &v, MI_STRING, MI_FLAG_KEY);
    v.uint32 = 1;
    MI_Instance_AddElement(pair, "Right", &v, MI_UINT32, MI_FLAG_KEY);
    MI_Session_GetInstance(&session, 0, NULL, "root/cimv2", pair, NULL, &mo);
    MI_Instance_Delete(pair);
    o = sync_run(&mo, 1);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    /* The next request finds a new host (the old one's instances went with it). */
    op('G', "w1", 0, &o);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_FOUND);
    sync_outcome_free(&o);
    ck_assert_ptr_nonnull(strstr(log_text(), "provider libwidgetprov.so: host restarted"));
    ping("after", &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    sync_outcome_free(&o);
    stop();
}
END_TEST

START_TEST(garbage_frames_fail_cleanly)
{
    sync_outcome o;
    static const char *const kinds[] = {"garbage", "huge"};
    size_t k;
    start(0);
    for (k = 0; k < 2; k++) {
        ping(kinds[k], &o);
        ck_assert_int_eq(o.result, MI_RESULT_FAILED);
        ck_assert_msg(strstr(o.message, "libwidgetprov.so failed while serving this request"),
                      "%s: %s", kinds[k], o.message);
        sync_outcome_free(&o);
        /* The server goes on, with a new host. */
        ping("after", &o);
        ck_assert_msg(o.result == MI_RESULT_OK, "%s: %s", kinds[k], o.message);
        sync_outcome_free(&o);
    }
    ck_assert_ptr_nonnull(strstr(log_text(), "provider libwidgetprov.so: host killed by signal 9"));
    stop();
}
END_TEST

START_TEST(restart_backs_off)
{
    sync_outcome o;
    start(0);
    ping("crash", &o); /* a first end: the next request starts a host at once */
    ck_assert_int_eq(o.result, MI_RESULT_FAILED);
    sync_outcome_free(&o);
    ping("crash", &o); /* the second in a row: a delay before the next start */
    ck_assert_int_eq(o.result, MI_RESULT_FAILED);
    ck_assert_msg(strstr(o.message, "failed while serving this request"), "%s", o.message);
    sync_outcome_free(&o);
    ck_assert_msg(strstr(log_text(), "it ended 2 times in a row: started again in 2 s at the "
                                     "earliest"),
                  "%s", log_text());
    ping("hello", &o);
    ck_assert_int_eq(o.result, MI_RESULT_FAILED);
    ck_assert_msg(strstr(o.message, "The provider libwidgetprov.so is not available: its host "
                                    "ended 2 times in a row; it is started again in "),
                  "%s", o.message);
    sync_outcome_free(&o);
    nanosleep(&(struct timespec){2, 300000000}, NULL);
    ping("hello", &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    sync_outcome_free(&o);
    /* An answer resets the count: the next crash is again restarted at once. */
    ping("crash", &o);
    sync_outcome_free(&o);
    ping("hello", &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    sync_outcome_free(&o);
    stop();
}
END_TEST

/* A WQL query that gives want instances. */
static void query_count(const char *q, size_t want)
{
    sync_outcome o;
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Session_QueryInstances(&session, 0, NULL, "root/cimv2", "WQL", q, NULL, &mo);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    ck_assert_int_eq(o.count, want);
    sync_outcome_free(&o);
}

START_TEST(query_reaches_provider)
{
    sync_outcome o;
    MI_Operation mo = MI_OPERATION_NULL;
    start(0);
    expect_op('C', "w1", 5, MI_RESULT_OK);
    expect_op('C', "w2", 3, MI_RESULT_OK);
    expect_op('C', "w3", 9, MI_RESULT_OK);
    query_count("SELECT * FROM Contoso_Widget WHERE Count > 4", 2);
    ck_assert_msg(strstr(log_text(), "provider libwidgetprov.so: verbose: filter WQL: SELECT * "
                                     "FROM Contoso_Widget WHERE Count > 4"),
                  "%s", log_text());
    /* A plain Enumerate passes no filter (NULL, as OMI does): all three, no line. */
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE, NULL,
                                  &mo);
    o = sync_run(&mo, 1);
    ck_assert_int_eq(o.count, 3);
    sync_outcome_free(&o);
    ck_assert_ptr_eq(strstr(strstr(log_text(), "filter WQL") + 1, "filter WQL"), NULL);
    ck_assert_ptr_eq(strstr(log_text(), "properties:"), NULL); /* (none asked: NULL) */
    /* The select list is the provider's property set, in the schema's spelling. */
    query_count("SELECT name, COUNT FROM Contoso_Widget WHERE Count > 4", 2);
    ck_assert_msg(strstr(log_text(), "provider libwidgetprov.so: verbose: properties: Name Count "
                                     "(count: yes, clone+1: 3)"),
                  "%s", log_text());
    stop();
}
END_TEST

/* A second session, for a request while the first one's operation runs. */
static void ping_other(const char *text, sync_outcome *o)
{
    MI_Session keep = session;
    ck_assert_int_eq(MI_Application_NewSession(&app, NULL, url, NULL, NULL, NULL, &session),
                     MI_RESULT_OK);
    ping(text, o);
    MI_Session_Close(&session, NULL, NULL);
    session = keep;
}

/* The enumeration's instances reach the client while the provider still holds its result:
 * each is had before the provider is told to finish. */
START_TEST(enumerate_streams)
{
    sync_outcome o;
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Boolean more = MI_TRUE;
    const MI_Instance *inst = NULL, *err = NULL;
    const MI_Char *msg = NULL;
    MI_Result r = MI_RESULT_FAILED;
    int got = 0;
    provider_timeout = 20;
    start(0);
    provider_timeout = 2;
    op('C', "w1", 1, &o);
    sync_outcome_free(&o);
    op('C', "w2", 2, &o);
    sync_outcome_free(&o);
    op('C', "hold", 3, &o);
    sync_outcome_free(&o);
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE, NULL,
                                  &mo);
    while (got < 3) {
        ck_assert_int_eq(MI_Operation_GetInstance(&mo, &inst, &more, &r, &msg, &err), MI_RESULT_OK);
        ck_assert_msg(inst && more, "instance %d: %d %s", got, (int)r, msg ? msg : "");
        got++;
    }
    ping_other("release", &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    sync_outcome_free(&o);
    while (more) {
        ck_assert_int_eq(MI_Operation_GetInstance(&mo, &inst, &more, &r, &msg, &err), MI_RESULT_OK);
        got += inst ? 1 : 0;
    }
    ck_assert_msg(r == MI_RESULT_OK, "%d %s", (int)r, msg ? msg : "");
    ck_assert_int_eq(got, 3);
    MI_Operation_Close(&mo);
    stop();
}
END_TEST

/* A provider posting more than the contexts may hold while the client does not pull: the
 * enumeration ends failed after what fitted, and the server holds no more than its limit. */
START_TEST(enumerate_stream_bounded)
{
    sync_outcome o;
    MI_Operation mo = MI_OPERATION_NULL;
    char id[16];
    int i;
    max_enum_bytes = 4096;
    start(0);
    max_enum_bytes = 0;
    for (i = 0; i < 40; i++) {
        snprintf(id, sizeof id, "w%02d", i);
        op('C', id, (MI_Uint32)i + 1, &o);
        ck_assert_int_eq(o.result, MI_RESULT_OK);
        sync_outcome_free(&o);
    }
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE, NULL,
                                  &mo);
    o = sync_run(&mo, 1);
    ck_assert_int_eq(o.result, MI_RESULT_SERVER_LIMITS_EXCEEDED);
    ck_assert_msg(strstr(o.message, "libwidgetprov.so posted more than the enumeration contexts "
                                    "may hold (4096 bytes)"),
                  "%s", o.message);
    ck_assert_msg(o.count > 0 && o.count < 40, "%d", o.count);
    sync_outcome_free(&o);
    /* The bytes came back: a smaller enumeration goes through. */
    MI_Session_QueryInstances(&session, 0, NULL, "root/cimv2", "WQL",
                              "SELECT * FROM Contoso_Widget WHERE Count < 3", NULL, &mo);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    ck_assert_int_eq(o.count, 2);
    sync_outcome_free(&o);
    stop();
}
END_TEST

/* Ping("options") on session s with options oo: the Echo it answers. */
static void ping_options(MI_Session *s, MI_OperationOptions *oo, char *echo, size_t len)
{
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Instance *target = widget("w1", 0), *in = NULL;
    MI_Value v;
    sync_outcome o;
    ck_assert_int_eq(MI_Application_NewParameterSet(&app, NULL, &in), MI_RESULT_OK);
    v.string = (MI_Char *)"options";
    ck_assert_int_eq(MI_Instance_AddElement(in, "Text", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Session_Invoke(s, 0, oo, "root/cimv2", "Contoso_Widget", "Ping", target, in, NULL, &mo);
    MI_Instance_Delete(target);
    MI_Instance_Delete(in);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Echo", &v, NULL, NULL, NULL), MI_RESULT_OK);
    snprintf(echo, len, "%s", v.string);
    sync_outcome_free(&o);
}

START_TEST(locale_and_options_reach_provider)
{
    MI_DestinationOptions dopts = MI_DESTINATIONOPTIONS_NULL;
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    MI_Session s2 = MI_SESSION_NULL;
    MI_Value v;
    char echo[256];
    start(0);
    /* Without: en-US, no options (NULL answers as OMI's context gives them). */
    ping_options(&session, NULL, echo, sizeof echo);
    ck_assert_str_eq(echo, "ui=en-US data=en-US Color=- Size=0 n=0");
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&app, &dopts), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetUILocale(&dopts, "de-DE"), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetDataLocale(&dopts, "fr-FR"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewSession(&app, NULL, url, &dopts, NULL, NULL, &s2),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    v.string = (MI_Char *)"red";
    ck_assert_int_eq(MI_OperationOptions_SetCustomOption(&oo, "Color", MI_STRING, &v, MI_FALSE),
                     MI_RESULT_OK);
    v.uint32 = 7;
    ck_assert_int_eq(MI_OperationOptions_SetCustomOption(&oo, "Size", MI_UINT32, &v, MI_FALSE),
                     MI_RESULT_OK);
    ping_options(&s2, &oo, echo, sizeof echo);
    ck_assert_str_eq(echo, "ui=de-DE data=fr-FR Color=red Size=7 n=2 mismatch Color:13 Size:5");
    MI_OperationOptions_Delete(&oo);
    MI_DestinationOptions_Delete(&dopts);
    MI_Session_Close(&s2, NULL, NULL);
    stop();
}
END_TEST

/* A provider reads, from inside a request, its own class (served by its own host, which must
 * not deadlock), the store and another provider's class through MI_Context_GetLocalSession;
 * the in-process host has no local session. */
START_TEST(local_session_reaches_server)
{
    sync_outcome o;
    MI_Value v;
    int round;
    with_demo = 1;
    start(0);
    with_demo = 0;
    expect_op('C', "w1", 5, MI_RESULT_OK);
    expect_op('C', "w2", 6, MI_RESULT_OK);
    for (round = 0; round < 2; round++) { /* the session is made once, then reused */
        ping("local", &o);
        ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
        ck_assert_int_eq(MI_Instance_GetElement(o.first, "Echo", &v, NULL, NULL, NULL),
                         MI_RESULT_OK);
        ck_assert_str_eq(v.string, "from the schema|widgets=2/0 pair=0 foos=1/0");
        sync_outcome_free(&o);
    }
    stop();
    start(1);
    ping("local", &o);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Echo", &v, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "no local session: 7"); /* MI_RESULT_NOT_SUPPORTED */
    sync_outcome_free(&o);
    stop();
}
END_TEST

/* ConstructInstance and ConstructParameters in the provider's memory, OMI's layout;
 * WriteProgress to the log. */
START_TEST(construct_in_place)
{
    sync_outcome o;
    MI_Value v;
    MI_Type t;
    start(0);
    ping("construct", &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Echo", &v, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "destructed borrowed 42 ab refused=4");
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "ReturnValue", &v, &t, NULL, NULL),
                     MI_RESULT_OK);
    if (t == MI_STRING) /* an untyped result: the text of the number */
        ck_assert_str_eq(v.string, "9");
    else
        ck_assert_int_eq(v.uint32, 9);
    sync_outcome_free(&o);
    /* its progress report is in the server's log */
    ck_assert_ptr_nonnull(strstr(log_text(), "provider libwidgetprov.so: verbose: progress: "
                                             "Building: construct: half way (50 %, 1 s left)"));
    stop();
}
END_TEST

/* A reference to a widget (the provider's) or to a Contoso_Pair (the store's). */
static MI_Instance *ref_to(const char *cls, const char *id)
{
    MI_Instance *r = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&app, cls, NULL, &r), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    if (strcmp(cls, "Contoso_Pair") == 0) {
        ck_assert_int_eq(MI_Instance_AddElement(r, "Left", &v, MI_STRING, MI_FLAG_KEY),
                         MI_RESULT_OK);
        v.uint32 = 1;
        ck_assert_int_eq(MI_Instance_AddElement(r, "Right", &v, MI_UINT32, MI_FLAG_KEY),
                         MI_RESULT_OK);
    } else {
        ck_assert_int_eq(MI_Instance_AddElement(r, "Id", &v, MI_STRING, MI_FLAG_KEY),
                         MI_RESULT_OK);
    }
    return r;
}

/* Stores a Contoso_WidgetLink between the widget id and the seed pair. */
static void link_widget(const char *id)
{
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Instance *link = NULL, *w = ref_to("Contoso_Widget", id), *p = ref_to("Contoso_Pair", "seed");
    MI_Value v;
    sync_outcome o;
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_WidgetLink", NULL, &link),
                     MI_RESULT_OK);
    v.reference = w;
    ck_assert_int_eq(MI_Instance_AddElement(link, "Widget", &v, MI_REFERENCE, MI_FLAG_KEY),
                     MI_RESULT_OK);
    v.reference = p;
    ck_assert_int_eq(MI_Instance_AddElement(link, "Pair", &v, MI_REFERENCE, MI_FLAG_KEY),
                     MI_RESULT_OK);
    MI_Session_CreateInstance(&session, 0, NULL, "root/cimv2", link, NULL, &mo);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    sync_outcome_free(&o);
    MI_Instance_Delete(link);
    MI_Instance_Delete(w);
    MI_Instance_Delete(p);
}

/* Associators of the seed pair (result class rc, or NULL): their count; *first_count the
 * Count of the first. */
static size_t pair_associators(const char *rc, MI_Uint32 *first_count)
{
    MI_Operation mo = MI_OPERATION_NULL;
    MI_Instance *src = ref_to("Contoso_Pair", "seed");
    sync_outcome o;
    size_t n;
    MI_Session_AssociatorInstances(&session, 0, NULL, "root/cimv2", src, NULL, rc, NULL, NULL,
                                   MI_FALSE, NULL, &mo);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    n = o.count;
    if (n && first_count)
        *first_count = count_of(o.first);
    sync_outcome_free(&o);
    MI_Instance_Delete(src);
    return n;
}

/* A provider built from the generated glue (the demo's Win32_Foo) gets a query's select list
 * as its typed Enumerate's propertySet, and none without one. */
START_TEST(generated_glue_passes_property_set)
{
    MI_Operation mo = MI_OPERATION_NULL;
    sync_outcome o;
    with_demo = 1;
    start(0);
    with_demo = 0;
    MI_Session_QueryInstances(&session, 0, NULL, "root/mofbind", "WQL",
                              "SELECT Name, Count FROM Win32_Foo", NULL, &mo);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    ck_assert_int_eq(o.count, 1);
    sync_outcome_free(&o);
    ck_assert_msg(strstr(log_text(), "Enumerate asked for Name Count\n"), "%s", log_text());
    MI_Session_EnumerateInstances(&session, 0, NULL, "root/mofbind", "Win32_Foo", MI_FALSE, NULL,
                                  &mo);
    o = sync_run(&mo, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s", o.message);
    sync_outcome_free(&o);
    ck_assert_ptr_eq(strstr(strstr(log_text(), "asked for Name Count") + 1, "asked for"), NULL);
    stop();
}
END_TEST

/* An association held in the store whose far end is a provider's: Associators reads it from
 * the provider (with what the provider has now), once however many links name it; one the
 * provider no longer has is skipped; the result class filter applies to what it gave. */
START_TEST(stored_association_reaches_provider)
{
    MI_Uint32 count = 0;
    extra_mof = "#pragma namespace(\"root/cimv2\")\n"
                "[Association] class Contoso_WidgetLink {\n"
                "    [Key] Contoso_Widget REF Widget; [Key] Contoso_Pair REF Pair; };\n";
    start(0);
    extra_mof = NULL;
    expect_op('C', "w1", 5, MI_RESULT_OK);
    link_widget("w1");
    link_widget("gone");
    ck_assert_int_eq(pair_associators(NULL, &count), 1);
    ck_assert_int_eq(count, 5);
    expect_op('M', "w1", 8, MI_RESULT_OK);
    ck_assert_int_eq(pair_associators("Contoso_Widget", &count), 1);
    ck_assert_int_eq(count, 8);
    ck_assert_int_eq(pair_associators("Contoso_Gizmo", NULL), 0);
    expect_op('C', "gone", 2, MI_RESULT_OK);
    ck_assert_int_eq(pair_associators("Contoso_Thing", NULL), 2);
    stop();
}
END_TEST

START_TEST(bad_library_is_refused)
{
    msrv_config cfg;
    msrv_server *s = NULL;
    char err[512], host[1024];
    const char *build = getenv("MOFBIND_BUILDDIR");
    const char *provs[] = {"/nonexistent/libnothing.so"};
    snprintf(host, sizeof host, "%s/server/mofbind-provider-host", build && *build ? build : ".");
    memset(&cfg, 0, sizeof cfg);
    cfg.no_auth = true;
    cfg.quiet = true;
    cfg.log = cfg.diag = tmpfile();
    cfg.schema_texts = (const char *[]){"class X { [Key] string K; };"};
    cfg.n_schema_texts = 1;
    cfg.providers = provs;
    cfg.n_providers = 1;
    cfg.provider_host = host;
    ck_assert_int_eq(msrv_new(&cfg, &s, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "provider libnothing.so: cannot load /nonexistent/libnothing.so"),
                  "%s", err);
    fclose(cfg.log);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("provider_host");
    TCase *tc = tcase_create("host");
    SRunner *sr;
    int failed;
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, operations);
    tcase_add_test(tc, operations_in_process);
    tcase_add_test(tc, silent_provider_times_out);
    tcase_add_test(tc, crash_fails_request_and_restarts);
    tcase_add_test(tc, garbage_frames_fail_cleanly);
    tcase_add_test(tc, restart_backs_off);
    tcase_add_test(tc, query_reaches_provider);
    tcase_add_test(tc, enumerate_streams);
    tcase_add_test(tc, enumerate_stream_bounded);
    tcase_add_test(tc, locale_and_options_reach_provider);
    tcase_add_test(tc, local_session_reaches_server);
    tcase_add_test(tc, construct_in_place);
    tcase_add_test(tc, stored_association_reaches_provider);
    tcase_add_test(tc, generated_glue_passes_property_set);
    tcase_add_test(tc, bad_library_is_refused);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
