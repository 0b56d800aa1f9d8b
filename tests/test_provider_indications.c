/* SPDX-License-Identifier: MIT */
/* tests/test_provider_indications.c: indications from a provider, end to end: mofbind-server
 * hosts tests/provider/alert_provider.c (tests/server/alerts.mof) in a host process, and
 * libmofbind's MI_Session_Subscribe (public API only) receives what the provider posts on the
 * indication context EnableIndications gave it, from a thread of its own after the call
 * returned: every matching subscription gets each alert, filtered by its WHERE; Enable comes
 * before the first Subscribe and Disable after the last Unsubscribe, with the subscription IDs
 * the provider was given; a refused Subscribe is the client's final result; a provider that
 * ends its indications, or whose host is killed mid-subscription, ends the subscriptions with
 * a fault naming it, and the next Subscribe finds the host restarted; the queue's bounds and
 * overflow are those of the server's own indications. A second provider, built from the
 * skeletons `mofbind --provider` wrote (tests/provider/typed/), posts typed alerts with
 * X_PostIndication, which subscriptions made through the typed bindings (X_Subscribe with
 * MOFBIND_GEN_INDICATION, X_IndicationNext) and through MI receive. The in-process mode too
 * (where valgrind watches the host's side as well). */
#define _DEFAULT_SOURCE /* usleep */
#include "config.h"

#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

#include "Test_TypedAlertSub.h"
#include "Test_TypedControl.h"
#include "sync_run.h"
#include "test_server_util.h"

#define NS "root/test"
#define ALL "SELECT * FROM Test_Alert"

static ts_server T;
static MI_Application App;
/* A session runs one operation at a time: the provider is driven through Control, and each
 * subscription open at once has a session of its own. */
static MI_DestinationOptions Dopts[3];
static MI_Session Control, Sub[2];
static char Log[256];
static FILE *LogFile;
static bool InProcess; /* the provider on a thread of the server (valgrind sees the host) */

static void start(size_t max_enum_bytes)
{
    ts_config c;
    msrv_config *cfg;
    const char *build = getenv("MOFBIND_BUILDDIR"), *provs[2];
    char typed[1024];
    int fd = ts_mkstemp(Log, sizeof Log);
    LogFile = fdopen(fd, "w");
    ck_assert_ptr_nonnull(LogFile);
    cfg = ts_config_init(&c, "tests/server/alerts.mof", 1, "libalertprov.so", LogFile);
    /* (and the provider built from generated skeletons) */
    snprintf(typed, sizeof typed, "%s/tests/provider/.libs/libtypedprov.so",
             build && *build ? build : ".");
    provs[0] = c.lib;
    provs[1] = typed;
    cfg->providers = provs;
    cfg->n_providers = 2;
    cfg->provider_timeout = 10;
    cfg->max_enum_bytes = max_enum_bytes;
    cfg->providers_in_process = InProcess;
    ts_start(&T, cfg);
    ts_config_free(&c);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &App), MI_RESULT_OK);
    ts_mi_session(&T, &App, &Dopts[0], 0, &Control);
    ts_mi_session(&T, &App, &Dopts[1], 0, &Sub[0]);
    ts_mi_session(&T, &App, &Dopts[2], 0, &Sub[1]);
}

static void setup(void)
{
    InProcess = false;
    start(0);
}

static void setup_in_process(void)
{
    InProcess = true;
    start(0);
}

static void teardown(void)
{
    int i;
    for (i = 0; i < 3; i++) {
        MI_Session_Close(i ? &Sub[i - 1] : &Control, NULL, NULL);
        MI_DestinationOptions_Delete(&Dopts[i]);
    }
    MI_Application_Close(&App);
    ts_stop(&T);
    fclose(LogFile);
    unlink(Log);
}

/* A static method of Test_AlertControl; with log, its Log out parameter (the calls so far). */
static sync_outcome control(const char *method, MI_Uint32 count, const char *text, char *log,
                            size_t loglen)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *in = NULL;
    MI_Value v;
    sync_outcome o;
    ck_assert_int_eq(MI_Application_NewParameterSet(&App, NULL, &in), MI_RESULT_OK);
    if (count) {
        v.uint32 = count;
        ck_assert_int_eq(MI_Instance_AddElement(in, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    }
    if (text) {
        v.string = (MI_Char *)text;
        ck_assert_int_eq(MI_Instance_AddElement(in, "Text", &v, MI_STRING, 0), MI_RESULT_OK);
    }
    MI_Session_Invoke(&Control, 0, NULL, NS, "Test_AlertControl", method, NULL, in, NULL, &op);
    MI_Instance_Delete(in);
    o = sync_run(&op, 1);
    if (log) {
        MI_Type t;
        ck_assert_msg(o.result == MI_RESULT_OK && o.first, "%s: %d %s", method, o.result,
                      o.message);
        ck_assert_int_eq(MI_Instance_GetElement(o.first, "Log", &v, &t, NULL, NULL), MI_RESULT_OK);
        ck_assert_int_eq(t, MI_STRING);
        snprintf(log, loglen, "%s", v.string);
    }
    sync_outcome_free(&o);
    return o;
}

static void raise_alerts(MI_Uint32 count, const char *text)
{
    sync_outcome o = control("Raise", count, text, NULL, 0);
    ck_assert_msg(o.result == MI_RESULT_OK, "Raise: %d %s", o.result, o.message);
}

/* How many lines of the provider's calls begin with prefix. */
static int calls(const char *prefix)
{
    char log[8192], *line, *save = NULL;
    int n = 0;
    control("Calls", 0, NULL, log, sizeof log);
    for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        n += strncmp(line, prefix, strlen(prefix)) == 0;
    return n;
}

/* Waits up to 10 s for the provider to have made n calls beginning with prefix. */
static void wait_calls(const char *prefix, int n)
{
    int i, have = 0;
    for (i = 0; i < 100 && (have = calls(prefix)) < n; i++)
        usleep(100000);
    ck_assert_msg(have == n, "%d calls '%s', want %d", have, prefix, n);
}

static MI_Uint32 number_of(const MI_Instance *ind)
{
    MI_Value v;
    MI_Type t;
    ck_assert_int_eq(MI_Instance_GetElement(ind, "Number", &v, &t, NULL, NULL), MI_RESULT_OK);
    if (t == MI_STRING) /* an untyped result: the text of the number */
        return (MI_Uint32)strtoul(v.string, NULL, 10);
    ck_assert_int_eq(t, MI_UINT32);
    return v.uint32;
}

/* The next indication of a synchronous subscription: an alert with this Number. */
static void expect_alert(MI_Operation *op, MI_Uint32 number, const char *text)
{
    const MI_Instance *ind = NULL;
    const MI_Char *msg = NULL, *cn = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    MI_Value v;
    ck_assert_int_eq(MI_Operation_GetIndication(op, &ind, NULL, NULL, &more, &r, &msg, NULL),
                     MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && more && ind, "result %d more %d: %s", r, more,
                  msg ? msg : "");
    ck_assert_int_eq(MI_Instance_GetClassName(ind, &cn), MI_RESULT_OK);
    ck_assert_str_eq(cn, "Test_Alert");
    ck_assert_uint_eq(number_of(ind), number);
    ck_assert_int_eq(MI_Instance_GetElement(ind, "Message", &v, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, text);
}

/* The final result of a synchronous subscription, with its message. */
static MI_Result final_of(MI_Operation *op, char *msg, size_t msglen)
{
    const MI_Instance *ind = NULL;
    const MI_Char *m = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;
    while (more) {
        ck_assert_int_eq(MI_Operation_GetIndication(op, &ind, NULL, NULL, &more, &r, &m, NULL),
                         MI_RESULT_OK);
    }
    snprintf(msg, msglen, "%s", m ? m : "");
    return r;
}

static void subscribe(int session, const char *query, MI_Operation *op, int nth)
{
    MI_Session_Subscribe(&Sub[session], 0, NULL, NS, "WQL", query, NULL, NULL, op);
    ts_log_wait(Log, "Subscribe ", nth);
}

START_TEST(alerts_reach_every_matching_subscription)
{
    MI_Operation all = MI_OPERATION_NULL, big = MI_OPERATION_NULL;
    MI_Uint32 i;
    char log[8192];
    subscribe(0, ALL, &all, 1);
    subscribe(1, "SELECT * FROM Test_Alert WHERE Number > 2", &big, 2);
    /* Enabled once, before the first of two subscriptions, with their filters and IDs. */
    control("Calls", 0, NULL, log, sizeof log);
    ck_assert_msg(strstr(log, "enable root/test Test_Alert\nsubscribe 1 SELECT * FROM Test_Alert\n"
                              "subscribe 2 SELECT * FROM Test_Alert WHERE Number > 2\n"),
                  "%s", log);
    raise_alerts(4, "hi");
    for (i = 1; i <= 4; i++)
        expect_alert(&all, i, "hi");
    expect_alert(&big, 3, "hi");
    expect_alert(&big, 4, "hi");
    /* The first one ends: the provider is told, and keeps the class enabled for the other. */
    MI_Operation_Close(&all);
    wait_calls("unsubscribe 1", 1);
    ck_assert_int_eq(calls("disable"), 0);
    raise_alerts(3, "again");
    expect_alert(&big, 3, "again");
    /* The last one ends: Disable after its Unsubscribe; the provider posts no more. */
    MI_Operation_Close(&big);
    wait_calls("disable root/test Test_Alert", 1);
    control("Calls", 0, NULL, log, sizeof log);
    ck_assert_msg(strstr(log, "unsubscribe 2\ndisable root/test Test_Alert\n"), "%s", log);
    ck_assert_ptr_null(strstr(log, "not its subscriptionSelf"));
    /* A new subscription enables the class again. */
    subscribe(0, ALL, &all, 3);
    ck_assert_int_eq(calls("enable "), 2);
    raise_alerts(1, "back");
    expect_alert(&all, 1, "back");
    MI_Operation_Close(&all);
    wait_calls("disable ", 2);
}
END_TEST

START_TEST(host_killed_mid_subscription)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL, again = MI_OPERATION_NULL;
    sync_outcome o;
    ts_seen s;
    ts_seen_init(&s, 0);
    cb.callbackContext = &s;
    cb.indicationResult = ts_seen_callback;
    MI_Session_Subscribe(&Sub[0], 0, NULL, NS, "WQL", ALL, NULL, &cb, &op);
    ts_log_wait(Log, "Subscribe ", 1);
    raise_alerts(2, "before");
    ts_seen_wait(&s, 2, 0);
    /* The host dies: the call in flight fails, and so does the subscription, saying why. */
    o = control("Crash", 0, NULL, NULL, 0);
    ck_assert_int_eq(o.result, MI_RESULT_FAILED);
    ts_seen_wait(&s, 2, 1);
    ck_assert_int_eq(s.result, MI_RESULT_FAILED);
    ck_assert_msg(strstr(s.message, "libalertprov.so") && strstr(s.message, "subscribe again"),
                  "%s", s.message);
    ck_assert_int_eq(s.n, 2);
    MI_Operation_Close(&op);
    ck_assert_int_ge(ts_log_count(Log, "host killed by signal", 1), 1);
    /* The next subscription finds a new host, enabled anew. */
    subscribe(1, ALL, &again, 2);
    ck_assert_int_eq(calls("enable "), 1);
    raise_alerts(1, "after");
    expect_alert(&again, 1, "after");
    MI_Operation_Close(&again);
    wait_calls("disable ", 1);
}
END_TEST

START_TEST(refused_and_ended_by_the_provider)
{
    MI_Operation op = MI_OPERATION_NULL, other = MI_OPERATION_NULL;
    char msg[512];
    /* Subscribe refused: the provider's error is the final result; the class is disabled
     * again, as no subscription is left. */
    subscribe(0, "SELECT * FROM Test_Alert WHERE Number = 13", &op, 1);
    ck_assert_int_eq(final_of(&op, msg, sizeof msg), MI_RESULT_ACCESS_DENIED);
    ck_assert_msg(strstr(msg, "unlucky number"), "%s", msg);
    MI_Operation_Close(&op);
    wait_calls("disable ", 1);
    /* The provider ends its indications (a result on their context): each subscription ends
     * with it, after what came before. */
    subscribe(0, ALL, &op, 2);
    subscribe(1, "SELECT * FROM Test_Alert WHERE Number = 1", &other, 3);
    raise_alerts(1, "last");
    expect_alert(&op, 1, "last");
    ck_assert_int_eq(control("Stop", 0, "the source went away", NULL, 0).result, MI_RESULT_OK);
    ck_assert_int_eq(final_of(&op, msg, sizeof msg), MI_RESULT_NOT_SUPPORTED);
    ck_assert_msg(strstr(msg, "the source went away") && strstr(msg, "libalertprov.so"), "%s", msg);
    ck_assert_int_eq(final_of(&other, msg, sizeof msg), MI_RESULT_NOT_SUPPORTED);
    MI_Operation_Close(&op);
    MI_Operation_Close(&other);
    wait_calls("unsubscribe ", 2);
    /* (Disable is not called on a context the provider ended.) */
    ck_assert_int_eq(calls("disable "), 1);
    subscribe(0, ALL, &op, 4);
    ck_assert_int_eq(calls("enable "), 3);
    MI_Operation_Close(&op);
}
END_TEST

/* Put of Test_AlertControl's Level (level 0: Delete) through the Control session. */
static void change_control(const char *id, MI_Uint32 level)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *inst = NULL;
    MI_Value v;
    sync_outcome o;
    ck_assert_int_eq(MI_Application_NewInstance(&App, "Test_AlertControl", NULL, &inst),
                     MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_AddElement(inst, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    if (level) {
        v.uint32 = level;
        ck_assert_int_eq(MI_Instance_AddElement(inst, "Level", &v, MI_UINT32, 0), MI_RESULT_OK);
        MI_Session_ModifyInstance(&Control, 0, NULL, NS, inst, NULL, &op);
    } else {
        MI_Session_DeleteInstance(&Control, 0, NULL, NS, inst, NULL, &op);
    }
    MI_Instance_Delete(inst);
    o = sync_run(&op, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "change: %d %s", o.result, o.message);
    sync_outcome_free(&o);
}

/* The Level of the embedded instance prop of ind ("" when it has none). */
static const char *level_of(const MI_Instance *ind, const char *prop, char buf[64])
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    if (MI_Instance_GetElement(ind, prop, &v, &t, &f, NULL) != MI_RESULT_OK || (f & MI_FLAG_NULL) ||
        t != MI_INSTANCE || !v.instance)
        return "";
    return ts_elem_text(v.instance, "Level", buf);
}

/* The next indication of a synchronous subscription, of class cls. */
static const MI_Instance *expect_class(MI_Operation *op, const char *cls)
{
    const MI_Instance *ind = NULL;
    const MI_Char *msg = NULL, *cn = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    ck_assert_int_eq(MI_Operation_GetIndication(op, &ind, NULL, NULL, &more, &r, &msg, NULL),
                     MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && more && ind, "result %d more %d: %s", r, more,
                  msg ? msg : "");
    ck_assert_int_eq(MI_Instance_GetClassName(ind, &cn), MI_RESULT_OK);
    ck_assert_str_eq(cn, cls);
    return ind;
}

/* A provider's Put raises CIM_InstModification with the instance as the provider had it
 * before (its GetInstance, asked first), and its Delete CIM_InstDeletion with the instance as
 * it was, not only its keys; each with the properties the server fills. */
START_TEST(provider_changes_raise_lifecycle)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *ind;
    char a[64], b[64], last[64] = "";
    const char *path = "Test_AlertControl.Id=\"c\\\"1\"";
    subscribe(0, "SELECT * FROM CIM_InstIndication WHERE SourceInstance ISA Test_AlertControl", &op,
              1);
    change_control("c\"1", 5);
    change_control("c\"1", 9);
    change_control("c\"1", 0);
    ind = expect_class(&op, "CIM_InstModification");
    ck_assert_str_eq(level_of(ind, "SourceInstance", a), "5");
    ck_assert_str_eq(level_of(ind, "PreviousInstance", b), "1");
    ts_check_lifecycle(ind, NS, path, 0, last);
    ind = expect_class(&op, "CIM_InstModification");
    ck_assert_str_eq(level_of(ind, "SourceInstance", a), "9");
    ck_assert_str_eq(level_of(ind, "PreviousInstance", b), "5");
    ts_check_lifecycle(ind, NS, path, 1, last);
    ind = expect_class(&op, "CIM_InstDeletion");
    ck_assert_str_eq(level_of(ind, "SourceInstance", a), "9");
    ts_check_lifecycle(ind, NS, path, 2, last);
    MI_Operation_Close(&op);
    ts_log_wait(Log, "Unsubscribe ", 1);
    /* With no subscription left, a Put costs the provider no Get. */
    ck_assert_int_eq(calls("get"), 3);
    change_control("c2", 4);
    ck_assert_int_eq(calls("get"), 3);
    ck_assert_int_eq(calls("modify 4"), 1);
}
END_TEST

/* The next alert of a synchronous subscription: its bookmark (NULL when none). */
static const char *alert_bookmark(MI_Operation *op, char buf[64])
{
    const MI_Instance *ind = NULL;
    const MI_Char *msg = NULL, *bookmark = "x";
    MI_Boolean more = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    ck_assert_int_eq(MI_Operation_GetIndication(op, &ind, &bookmark, NULL, &more, &r, &msg, NULL),
                     MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && more && ind, "result %d: %s", r, msg ? msg : "");
    if (!bookmark)
        return NULL;
    snprintf(buf, 64, "%s", bookmark);
    return buf;
}

/* Bookmarks both ways: a subscription whose delivery options set one asks for bookmarks
 * (w:SendBookmarks) and passes it to the provider's Subscribe (w:Bookmark; OLDEST as DSP0226's
 * .../bookmark/earliest); the bookmark the provider posts an alert with reaches it (the Pull
 * answer's w:Bookmark header), and not a subscription that did not ask. */
START_TEST(bookmarks_both_ways)
{
    MI_SubscriptionDeliveryOptions dopt = MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL;
    MI_Operation a = MI_OPERATION_NULL, b = MI_OPERATION_NULL;
    const MI_Char *got = NULL;
    char buf[64];
    const char *m;
    ck_assert_int_eq(MI_Application_NewSubscriptionDeliveryOptions(
                         &App, MI_SubscriptionDeliveryType_Pull, &dopt),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_SetBookmark(&dopt, "one-7"), MI_RESULT_OK);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_GetBookmark(&dopt, &got), MI_RESULT_OK);
    ck_assert_str_eq(got, "one-7");
    MI_Session_Subscribe(&Sub[0], 0, NULL, NS, "WQL", ALL, &dopt, NULL, &a);
    ts_log_wait(Log, "Subscribe ", 1);
    subscribe(1, ALL, &b, 2);
    ck_assert_int_eq(calls("subscribe 1 " ALL " bookmark=one-7"), 1);
    ck_assert_int_eq(calls("subscribe 2 " ALL " bookmark"), 0);
    raise_alerts(1, "one");
    m = alert_bookmark(&a, buf);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m, "one-1");
    ck_assert_ptr_null(alert_bookmark(&b, buf));
    raise_alerts(1, "two");
    m = alert_bookmark(&a, buf);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m, "two-1");
    MI_Operation_Close(&a);
    MI_Operation_Close(&b);
    ck_assert_int_eq(
        MI_SubscriptionDeliveryOptions_SetBookmark(&dopt, MI_SUBSCRIBE_BOOKMARK_OLDEST),
        MI_RESULT_OK);
    MI_Session_Subscribe(&Sub[0], 0, NULL, NS, "WQL", ALL, &dopt, NULL, &a);
    ts_log_wait(Log, "Subscribe ", 3);
    ck_assert_int_eq(calls("subscribe 3 " ALL " bookmark=http://schemas.dmtf.org/wbem/wsman/1/"
                           "wsman/bookmark/earliest"),
                     1);
    MI_Operation_Close(&a);
    ck_assert_int_eq(
        MI_SubscriptionDeliveryOptions_SetBookmark(&dopt, MI_SUBSCRIBE_BOOKMARK_NEWEST),
        MI_RESULT_OK);
    MI_Session_Subscribe(&Sub[0], 0, NULL, NS, "WQL", ALL, &dopt, NULL, &a);
    ts_log_wait(Log, "Subscribe ", 4);
    ck_assert_int_eq(calls("subscribe 4 " ALL " bookmark"), 0);
    raise_alerts(1, "three");
    m = alert_bookmark(&a, buf);
    ck_assert_ptr_nonnull(m);
    ck_assert_str_eq(m, "three-1");
    MI_Operation_Close(&a);
    MI_SubscriptionDeliveryOptions_Delete(&dopt);
}
END_TEST

START_TEST(overflow_as_for_the_servers_own)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    ts_seen s;
    teardown();
    start(6000); /* a few alerts fill the server's bytes */
    ts_seen_init(&s, 1);
    cb.callbackContext = &s;
    cb.indicationResult = ts_seen_callback;
    /* The first alert is held unacknowledged: the client pulls no more meanwhile. */
    MI_Session_Subscribe(&Sub[0], MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NS, "WQL", ALL, NULL,
                         &cb, &op);
    ts_log_wait(Log, "Subscribe ", 1);
    raise_alerts(100, "flood");
    ts_seen_wait(&s, 1, 0);
    /* The overflow ends the subscription: the provider is told to Unsubscribe, then Disable;
     * the client gets what was queued before it, then the end saying what was dropped. */
    wait_calls("disable ", 1);
    ck_assert_int_eq(calls("raised 100"), 1);
    ck_assert(s.ack != NULL);
    s.ack(s.op);
    ts_seen_wait(&s, 2, 1);
    ck_assert_int_eq(s.result, MI_RESULT_SERVER_LIMITS_EXCEEDED);
    ck_assert_msg(strstr(s.message, "dropped"), "%s", s.message);
    ck_assert_msg(s.n >= 2 && s.n < 100, "%d", s.n);
    MI_Operation_Close(&op);
}
END_TEST

/* ---- the provider built from generated skeletons (tests/provider/typed/) ---- */

/* How many times text is in log. */
static int count_of(const char *log, const char *text)
{
    int n = 0;
    for (; (log = strstr(log, text)); log += strlen(text))
        n++;
    return n;
}

/* The Raises the provider has logged in this test's server: reset at each test's start, as the
 * suites run both test cases in one process under valgrind (CK_FORK=no), each with a new server. */
static int raised;

/* Test_TypedControl.Raise through the typed bindings: count alerts (Test_TypedAlertSub ones when
 * sub), posted once it has returned; waits until they all are. */
static void typed_raise(MI_Uint32 count, const char *text, MI_Boolean sub)
{
    Test_TypedControl_Raise_In in;
    Test_TypedControl_Raise_Out out;
    Test_TypedControl_Calls_Out calls;
    MI_Result r;
    char want[64];
    int i;
    const MI_Char *log = "";
    Test_TypedControl_Raise_In_Init(&in);
    Test_TypedControl_Raise_In_Set_Count(&in, count);
    Test_TypedControl_Raise_In_Set_Text(&in, text);
    Test_TypedControl_Raise_In_Set_Sub(&in, sub);
    r = Test_TypedControl_Invoke_RaiseSync(&Control, NS, &in, &out, NULL);
    ck_assert_int_eq(r, MI_RESULT_OK);
    Test_TypedControl_Raise_In_Destruct(&in);
    Test_TypedControl_Raise_Out_Destruct(&out);
    /* (the next Raise's thread must not overtake this one's) */
    snprintf(want, sizeof want, "raised %u, 0 failed\n", (unsigned)count);
    for (i = 0; i < 300; i++) {
        ck_assert_int_eq(Test_TypedControl_Invoke_CallsSync(&Control, NS, &calls, NULL),
                         MI_RESULT_OK);
        ck_assert(Test_TypedControl_Calls_Out_Get_Log(&calls, &log));
        if (count_of(log, "raised ") > raised) {
            ck_assert_msg(strstr(log, want), "%s", log);
            Test_TypedControl_Calls_Out_Destruct(&calls);
            raised++;
            return;
        }
        Test_TypedControl_Calls_Out_Destruct(&calls);
        usleep(100000);
    }
    ck_abort_msg("Raise did not post its alerts");
}

/* The provider's log, through the typed bindings. */
static void typed_calls(char *buf, size_t len)
{
    Test_TypedControl_Calls_Out calls;
    const MI_Char *log = "";
    ck_assert_int_eq(Test_TypedControl_Invoke_CallsSync(&Control, NS, &calls, NULL), MI_RESULT_OK);
    ck_assert(Test_TypedControl_Calls_Out_Get_Log(&calls, &log));
    snprintf(buf, len, "%s", log);
    Test_TypedControl_Calls_Out_Destruct(&calls);
}

/* The next alert of an MI subscription: its class, Number, Message, bookmark (last: the last
 * one posted); and read as the typed Test_TypedAlert (X_FromIndication), which keeps its
 * actual class. */
static void expect_typed_mi(MI_Operation *op, const char *cls, MI_Uint32 number, const char *text,
                            bool last)
{
    const MI_Instance *ind = NULL;
    const MI_Char *msg = NULL, *cn = NULL, *bookmark = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    Test_TypedAlert a;
    char mark[64];
    ck_assert_int_eq(MI_Operation_GetIndication(op, &ind, &bookmark, NULL, &more, &r, &msg, NULL),
                     MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && more && ind, "result %d: %s", r, msg ? msg : "");
    ck_assert_int_eq(MI_Instance_GetClassName(ind, &cn), MI_RESULT_OK);
    ck_assert_str_eq(cn, cls);
    /* The bookmark comes with the last indication of each Pull answer (the last one posted is
     * always one): the one the provider posted it with. */
    snprintf(mark, sizeof mark, "%s-%u", text, (unsigned)number);
    if (last)
        ck_assert_ptr_nonnull(bookmark);
    if (bookmark)
        ck_assert_str_eq(bookmark, mark);
    ck_assert_int_eq(Test_TypedAlert_FromIndication(ind, &a, NULL), MI_RESULT_OK);
    ck_assert(a.Number.exists && a.Message.exists);
    ck_assert_uint_eq(a.Number.value, number);
    ck_assert_str_eq(a.Message.value, text);
    ck_assert_str_eq(Test_TypedAlert_ClassName(&a), cls);
    Test_TypedAlert_Destruct(&a);
}

/* The next alert of a typed subscription to Test_TypedAlertSub, read with X_IndicationNext. */
static void expect_typed_sub(MI_Operation *op, MI_Uint32 number, const char *text)
{
    Test_TypedAlertSub a;
    MI_Boolean found = MI_FALSE, more = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    ck_assert_int_eq(Test_TypedAlertSub_IndicationNext(op, &a, NULL, &found, &more, &r, &msg, NULL),
                     MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && more && found, "result %d: %s", r, msg ? msg : "");
    ck_assert(a.Number.exists && a.Message.exists && a.Urgent.exists);
    ck_assert_uint_eq(a.Number.value, number);
    ck_assert_str_eq(a.Message.value, text);
    ck_assert(a.Urgent.value);
    Test_TypedAlertSub_Destruct(&a);
}

/* Typed alerts from the generated provider: an MI subscription to Test_TypedAlert (bookmarks
 * asked) enables both indication classes and gets both kinds, with the bookmarks the provider
 * posted them with; a typed one to Test_TypedAlertSub gets the subclass's only, as typed
 * structs; each class's Enable, Subscribe, Unsubscribe and Disable come through the glue. */
START_TEST(typed_alerts_from_generated_skeletons)
{
    MI_SubscriptionDeliveryOptions dopt = MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL;
    MI_Operation all = MI_OPERATION_NULL, sub = MI_OPERATION_NULL, bad = MI_OPERATION_NULL;
    sync_outcome o;
    char log[8192];
    int i;
    raised = 0;
    ck_assert_int_eq(MI_Application_NewSubscriptionDeliveryOptions(
                         &App, MI_SubscriptionDeliveryType_Pull, &dopt),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_SetBookmark(&dopt, "from-0"), MI_RESULT_OK);
    MI_Session_Subscribe(&Sub[0], 0, NULL, NS, "WQL", "SELECT * FROM Test_TypedAlert", &dopt, NULL,
                         &all);
    ts_log_wait(Log, "Subscribe ", 1);
    Test_TypedAlertSub_SubscribeEx(&Sub[1], 0, NULL, NS, MOFBIND_GEN_INDICATION, NULL, NULL, &sub);
    ts_log_wait(Log, "Subscribe ", 2);
    typed_calls(log, sizeof log);
    ck_assert_msg(strstr(log, "enable root/test Test_TypedAlert\n") &&
                      strstr(log, "enable root/test Test_TypedAlertSub\n") &&
                      strstr(log, "subscribe Test_TypedAlert 1 SELECT * FROM Test_TypedAlert "
                                  "bookmark=from-0\n") &&
                      strstr(log, "subscribe Test_TypedAlertSub 1 SELECT * FROM Test_TypedAlert "
                                  "bookmark=from-0\n") &&
                      strstr(log, "subscribe Test_TypedAlertSub 2 SELECT * FROM "
                                  "Test_TypedAlertSub\n"),
                  "%s", log);
    typed_raise(2, "plain", MI_FALSE);
    typed_raise(2, "urgent", MI_TRUE);
    for (i = 1; i <= 2; i++)
        expect_typed_mi(&all, "Test_TypedAlert", (MI_Uint32)i, "plain", false);
    for (i = 1; i <= 2; i++)
        expect_typed_mi(&all, "Test_TypedAlertSub", (MI_Uint32)i, "urgent", i == 2);
    for (i = 1; i <= 2; i++)
        expect_typed_sub(&sub, (MI_Uint32)i, "urgent");
    MI_Operation_Close(&all);
    MI_Operation_Close(&sub);
    MI_SubscriptionDeliveryOptions_Delete(&dopt);
    for (i = 0; i < 300; i++) {
        typed_calls(log, sizeof log);
        if (strstr(log, "disable root/test Test_TypedAlertSub\n") &&
            strstr(log, "disable root/test Test_TypedAlert\n"))
            break;
        usleep(100000);
    }
    ck_assert_msg(strstr(log, "unsubscribe Test_TypedAlert 1\n") &&
                      strstr(log, "unsubscribe Test_TypedAlertSub 1\n") &&
                      strstr(log, "unsubscribe Test_TypedAlertSub 2\n") &&
                      strstr(log, "disable root/test Test_TypedAlertSub\n") &&
                      strstr(log, "disable root/test Test_TypedAlert\n"),
                  "%s", log);
    /* MOFBIND_GEN_INDICATION of a class that is no indication class: refused before sending. */
    Test_TypedControl_SubscribeEx(&Sub[0], 0, NULL, NS, MOFBIND_GEN_INDICATION, NULL, NULL, &bad);
    o = sync_run(&bad, 1);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    ck_assert_msg(strstr(o.message, "not an indication class"), "%s", o.message);
    sync_outcome_free(&o);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("provider_indications");
    TCase *c = tcase_create("mi");
    SRunner *sr;
    int failed;
    setenv("TS_VERBOSE", "1", 1); /* the request log says when the server was told */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 120);
    tcase_add_test(c, alerts_reach_every_matching_subscription);
    tcase_add_test(c, host_killed_mid_subscription);
    tcase_add_test(c, refused_and_ended_by_the_provider);
    tcase_add_test(c, overflow_as_for_the_servers_own);
    tcase_add_test(c, provider_changes_raise_lifecycle);
    tcase_add_test(c, bookmarks_both_ways);
    tcase_add_test(c, typed_alerts_from_generated_skeletons);
    suite_add_tcase(s, c);
    c = tcase_create("in_process");
    tcase_add_checked_fixture(c, setup_in_process, teardown);
    tcase_set_timeout(c, 120);
    tcase_add_test(c, alerts_reach_every_matching_subscription);
    tcase_add_test(c, refused_and_ended_by_the_provider);
    tcase_add_test(c, provider_changes_raise_lifecycle);
    tcase_add_test(c, bookmarks_both_ways);
    tcase_add_test(c, typed_alerts_from_generated_skeletons);
    suite_add_tcase(s, c);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
