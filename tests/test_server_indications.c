/* SPDX-License-Identifier: MIT */
/* tests/test_server_indications.c: MI_Session_Subscribe of libmofbind (public API only) against
 * mofbind-server in this process (tests/server/events.mof with schemas/indications.mof):
 * lifecycle indications made by a second session's Create, Modify and Delete (with the
 * CIM_Indication properties the server fills), taken
 * synchronously (MI_Operation_GetIndication) and through the indicationResult callback;
 * delivery options (expiration time, heartbeat interval); the
 * subscription ended by Cancel, by MI_Operation_Close and by MI_Session_Close (each an
 * Unsubscribe the server logs), the server's overflow of its queue as the final result, and
 * the failures (bad query, not an indication class, unknown dialect) as MI results. */
#define _DEFAULT_SOURCE /* usleep */
#include "config.h"

#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

#include "test_server_util.h"

#define NS "root/test"
#define ISA_POOL "SELECT * FROM CIM_InstCreation WHERE SourceInstance ISA Acme_Pool"

static ts_server T;
static MI_Application App;
static MI_DestinationOptions Dopts, Dopts2;
static MI_Session Session, Other; /* the subscriber's; the one that makes the changes */
static char Log[256];
static FILE *LogFile;

static void start(size_t max_enum_bytes)
{
    ts_config c;
    msrv_config *cfg;
    int fd = ts_mkstemp(Log, sizeof Log);
    LogFile = fdopen(fd, "w");
    ck_assert_ptr_nonnull(LogFile);
    cfg = ts_config_init(&c, "tests/server/events.mof", 1, NULL, LogFile);
    cfg->max_enum_bytes = max_enum_bytes;
    ts_start(&T, cfg);
    ts_config_free(&c);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &App), MI_RESULT_OK);
    ts_mi_session(&T, &App, &Dopts, 0, &Session);
    ts_mi_session(&T, &App, &Dopts2, 0, &Other);
}

static void setup(void)
{
    start(0);
}

static void teardown(void)
{
    MI_Session_Close(&Session, NULL, NULL);
    MI_Session_Close(&Other, NULL, NULL);
    MI_DestinationOptions_Delete(&Dopts);
    MI_DestinationOptions_Delete(&Dopts2);
    MI_Application_Close(&App);
    ts_stop(&T);
    fclose(LogFile);
    unlink(Log);
}

/* Create, Modify or Delete of an Acme_Pool (or Acme_Volume) through the other session. */
static void change(int what, const char *cls, const char *key, const char *id)
{
    MI_Instance *inst = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *res = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&App, cls, NULL, &inst), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_AddElement(inst, key, &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    if (what == 1) {
        v.uint64 = 77;
        ck_assert_int_eq(MI_Instance_AddElement(inst, "Capacity", &v, MI_UINT64, 0), MI_RESULT_OK);
        MI_Session_ModifyInstance(&Other, 0, NULL, NS, inst, NULL, &op);
    } else if (what == 2) {
        MI_Session_DeleteInstance(&Other, 0, NULL, NS, inst, NULL, &op);
    } else {
        MI_Session_CreateInstance(&Other, 0, NULL, NS, inst, NULL, &op);
    }
    while (more)
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &res, &more, &r, &msg, NULL), MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK, "change %d of %s: %d %s", what, id, r, msg ? msg : "");
    MI_Operation_Close(&op);
    MI_Instance_Delete(inst);
}

static const char *source_key(const MI_Instance *ind, const char *prop, const char *key)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f;
    const MI_Char *cn;
    if (MI_Instance_GetElement(ind, prop, &v, &t, &f, NULL) != MI_RESULT_OK || t != MI_INSTANCE ||
        (f & MI_FLAG_NULL) || !v.instance)
        return NULL;
    if (MI_Instance_GetClassName(v.instance, &cn) != MI_RESULT_OK)
        return NULL;
    if (MI_Instance_GetElement(v.instance, key, &v, &t, NULL, NULL) != MI_RESULT_OK ||
        t != MI_STRING)
        return NULL;
    return v.string;
}

static const char *class_name(const MI_Instance *inst)
{
    const MI_Char *cn = NULL;
    ck_assert_int_eq(MI_Instance_GetClassName(inst, &cn), MI_RESULT_OK);
    return cn;
}

/* The next indication of a synchronous subscription (asserted to be one). */
static const MI_Instance *next_indication(MI_Operation *op)
{
    const MI_Instance *ind = NULL;
    const MI_Char *bookmark = "x", *machine = "x", *msg = NULL;
    MI_Boolean more = MI_FALSE;
    MI_Result r = MI_RESULT_FAILED;
    ck_assert_int_eq(
        MI_Operation_GetIndication(op, &ind, &bookmark, &machine, &more, &r, &msg, NULL),
        MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_OK && more && ind, "result %d more %d: %s", r, more,
                  msg ? msg : "");
    ck_assert_ptr_null(bookmark);
    return ind;
}

START_TEST(sync_and_cancel)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *ind, *inst = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;
    const MI_Char *msg = NULL;
    const MI_Instance *details = NULL;
    char last[64] = "";
    MI_Session_Subscribe(&Session, 0, NULL, NS, "WQL", ISA_POOL, NULL, NULL, &op);
    ts_log_wait(Log, "Subscribe ", 1);
    change(0, "Acme_Pool", "PoolID", "P1");
    change(0, "Acme_Volume", "DeviceID", "V1"); /* not a pool: not selected */
    change(0, "Acme_ThinPool", "PoolID", "T1");
    ind = next_indication(&op);
    ck_assert_str_eq(class_name(ind), "CIM_InstCreation");
    ck_assert_str_eq(source_key(ind, "SourceInstance", "PoolID"), "P1");
    ck_assert_ptr_nonnull(ind->nameSpace);
    ck_assert_str_eq(ind->nameSpace, NS);
    ts_check_lifecycle(ind, NS, "Acme_Pool.PoolID=\"P1\"", 0, last);
    ind = next_indication(&op);
    ck_assert_str_eq(source_key(ind, "SourceInstance", "PoolID"), "T1");
    ts_check_lifecycle(ind, NS, "Acme_ThinPool.PoolID=\"T1\"", 1, last);
    /* GetInstance is not how a subscription's results are taken. */
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    /* Cancel: the final result, and the server told. */
    ck_assert_int_eq(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    ck_assert_int_eq(MI_Operation_GetIndication(&op, &ind, NULL, NULL, &more, &r, &msg, &details),
                     MI_RESULT_OK);
    ck_assert(!more);
    ck_assert_int_eq(r, MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(details);
    ts_log_wait(Log, "Unsubscribe ", 1);
    MI_Operation_Close(&op);
    /* The session is free again. */
    change(0, "Acme_Pool", "PoolID", "P2");
}
END_TEST

/* The indications' classes and source keys too, for the asserts. */
typedef struct seen {
    ts_seen t; /* first: the callback's context */
    char keys[16][32];
    char classes[16][32];
} seen;

static void note_source(ts_seen *t, const MI_Instance *ind)
{
    seen *s = (seen *)t;
    if (t->n < 16) {
        const char *k = source_key(ind, "SourceInstance", "PoolID");
        snprintf(s->keys[t->n], sizeof s->keys[0], "%s", k ? k : "?");
        snprintf(s->classes[t->n], sizeof s->classes[0], "%s", class_name(ind));
    }
}

static void seen_init(seen *s)
{
    memset(s, 0, sizeof *s);
    ts_seen_init(&s->t, 0);
    s->t.each = note_source;
}

START_TEST(async_lifecycle_and_close)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    seen s;
    seen_init(&s);
    cb.callbackContext = &s;
    cb.indicationResult = ts_seen_callback;
    MI_Session_Subscribe(&Session, 0, NULL, NS, "WQL",
                         "SELECT * FROM CIM_InstIndication WHERE SourceInstance ISA Acme_Pool",
                         NULL, &cb, &op);
    ts_log_wait(Log, "Subscribe ", 1);
    change(0, "Acme_Pool", "PoolID", "A1");
    change(1, "Acme_Pool", "PoolID", "A1");
    change(2, "Acme_Pool", "PoolID", "A1");
    ts_seen_wait(&s.t, 3, 0);
    ck_assert_str_eq(s.classes[0], "CIM_InstCreation");
    ck_assert_str_eq(s.classes[1], "CIM_InstModification");
    ck_assert_str_eq(s.classes[2], "CIM_InstDeletion");
    ck_assert_str_eq(s.keys[2], "A1");
    /* Closing the operation ends it: the final callback, then the Unsubscribe. */
    MI_Operation_Close(&op);
    ts_seen_wait(&s.t, 3, 1);
    ck_assert_int_eq(s.t.result, MI_RESULT_FAILED);
    ts_log_wait(Log, "Unsubscribe ", 1);

    /* Closing the session ends its subscription too. */
    seen_init(&s);
    MI_Session_Subscribe(&Session, 0, NULL, NS, "WQL", ISA_POOL, NULL, &cb, &op);
    ts_log_wait(Log, "Subscribe ", 2);
    change(0, "Acme_Pool", "PoolID", "A2");
    ts_seen_wait(&s.t, 1, 0);
    MI_Session_Close(&Session, NULL, NULL);
    ts_seen_wait(&s.t, 1, 1);
    ts_log_wait(Log, "Unsubscribe ", 2);
    MI_Operation_Close(&op);
    MI_DestinationOptions_Delete(&Dopts);
    ts_mi_session(&T, &App, &Dopts, 0, &Session); /* (teardown closes one) */
}
END_TEST

/* MI_Operation_Close of an asynchronous subscription does not block, as Windows' MI documents
 * ("for asynchronous operations, this function will not block"), even while an indication is
 * held unacknowledged under manual ack: it returns without the ack, the held result is let
 * go, and the final callback follows (so it may come after Close returned), then the
 * Unsubscribe. */
START_TEST(close_with_an_indication_unacknowledged)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    seen s;
    seen_init(&s);
    s.t.hold_first = 1;
    cb.callbackContext = &s;
    cb.indicationResult = ts_seen_callback;
    MI_Session_Subscribe(&Session, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NS, "WQL", ISA_POOL,
                         NULL, &cb, &op);
    ts_log_wait(Log, "Subscribe ", 1);
    change(0, "Acme_Pool", "PoolID", "H1");
    change(0, "Acme_Pool", "PoolID", "H2");
    ts_seen_wait(&s.t, 1, 0);
    ck_assert(s.t.ack != NULL); /* held: never acknowledged */
    MI_Operation_Close(&op);
    ts_seen_wait(&s.t, 1, 1);
    ck_assert_int_eq(s.t.result, MI_RESULT_FAILED);
    ck_assert_str_eq(s.keys[0], "H1");
    ts_log_wait(Log, "Unsubscribe ", 1);
}
END_TEST

START_TEST(overflow_is_the_final_result)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    ts_seen h;
    int i;
    teardown();
    start(6000); /* a few events fill the server's bytes */
    /* The subscriber holds its first indication (the client pulls nothing more meanwhile). */
    ts_seen_init(&h, 1);
    cb.callbackContext = &h;
    cb.indicationResult = ts_seen_callback;
    MI_Session_Subscribe(&Session, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NS, "WQL",
                         "SELECT * FROM CIM_InstCreation", NULL, &cb, &op);
    ts_log_wait(Log, "Subscribe ", 1);
    change(0, "Acme_Volume", "DeviceID", "O00");
    ts_seen_wait(&h, 1, 0);
    /* The subscriber holds its first indication: the server's queue fills, and overflows. */
    for (i = 1; i < 40; i++) {
        char key[16];
        snprintf(key, sizeof key, "O%02d", i);
        change(0, "Acme_Volume", "DeviceID", key);
    }
    ck_assert(h.ack != NULL);
    h.ack(h.op);
    ts_seen_wait(&h, 2, 1);
    /* What was queued before the overflow came, then the end saying what was dropped. */
    ck_assert_int_eq(h.result, MI_RESULT_SERVER_LIMITS_EXCEEDED);
    ck_assert_msg(strstr(h.message, "dropped"), "%s", h.message);
    ck_assert_msg(h.n >= 2 && h.n < 40, "%d", h.n);
    MI_Operation_Close(&op);
}
END_TEST

START_TEST(expiry_and_heartbeats)
{
    MI_SubscriptionDeliveryOptions d = MI_SUBSCRIPTIONDELIVERYOPTIONS_NULL, d2;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Datetime ex, got;
    MI_Interval hb, hb2;
    const MI_Instance *ind = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_FAILED;
    const MI_Char *msg = NULL;
    /* OMI's layout of the function table (MI.h): Delete 6th, Clone 17th. */
    ck_assert_uint_eq(offsetof(MI_SubscriptionDeliveryOptionsFT, Delete),
                      5 * sizeof(void (*)(void)));
    ck_assert_uint_eq(offsetof(MI_SubscriptionDeliveryOptionsFT, Clone),
                      16 * sizeof(void (*)(void)));
    ck_assert_uint_eq(sizeof(MI_SubscriptionDeliveryOptionsFT), 17 * sizeof(void (*)(void)));
    ck_assert_int_eq(
        MI_Application_NewSubscriptionDeliveryOptions(&App, MI_SubscriptionDeliveryType_Push, &d2),
        MI_RESULT_NOT_SUPPORTED);
    ck_assert_int_eq(
        MI_Application_NewSubscriptionDeliveryOptions(&App, MI_SubscriptionDeliveryType_Pull, &d),
        MI_RESULT_OK);
    memset(&ex, 0, sizeof ex);
    ex.u.interval.seconds = 3;
    memset(&hb, 0, sizeof hb);
    hb.microseconds = 200000;
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_SetExpirationTime(&d, &ex), MI_RESULT_OK);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_SetHeartbeatInterval(&d, &hb), MI_RESULT_OK);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_Clone(&d, &d2), MI_RESULT_OK);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_GetExpirationTime(&d2, &got), MI_RESULT_OK);
    ck_assert_uint_eq(got.u.interval.seconds, 3);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_GetHeartbeatInterval(&d2, &hb2), MI_RESULT_OK);
    ck_assert_uint_eq(hb2.microseconds, 200000);
    ck_assert_int_eq(MI_SubscriptionDeliveryOptions_Delete(&d2), MI_RESULT_OK);
    MI_Session_Subscribe(&Session, 0, NULL, NS, "WQL", ISA_POOL, &d, NULL, &op);
    MI_SubscriptionDeliveryOptions_Delete(&d); /* (the operation took what it needs) */
    ts_log_wait(Log, "Subscribe ", 1);
    usleep(700000); /* heartbeats meanwhile: Pulls answered without indications */
    ck_assert_int_ge(ts_log_count(Log, "Pull ", 0), 2);
    change(0, "Acme_Pool", "PoolID", "X1");
    ind = next_indication(&op);
    ck_assert_str_eq(source_key(ind, "SourceInstance", "PoolID"), "X1");
    /* At its expiry the subscription ends, OK, without an Unsubscribe. */
    ck_assert_int_eq(MI_Operation_GetIndication(&op, &ind, NULL, NULL, &more, &r, &msg, NULL),
                     MI_RESULT_OK);
    ck_assert(!more);
    ck_assert_msg(r == MI_RESULT_OK, "%d %s", r, msg ? msg : "");
    MI_Operation_Close(&op);
    ck_assert_int_eq(ts_log_count(Log, "Unsubscribe ", 0), 0);
}
END_TEST

static MI_Result sync_final(const char *dialect, const char *query, const MI_Char **msg)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *ind = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;
    static char keep[300];
    MI_Session_Subscribe(&Session, 0, NULL, NS, dialect, query, NULL, NULL, &op);
    ck_assert_int_eq(MI_Operation_GetIndication(&op, &ind, NULL, NULL, &more, &r, msg, NULL),
                     MI_RESULT_OK);
    ck_assert(!more);
    snprintf(keep, sizeof keep, "%s", *msg ? *msg : "");
    *msg = keep;
    MI_Operation_Close(&op);
    return r;
}

START_TEST(failures)
{
    const MI_Char *msg = NULL;
    ck_assert_int_eq(sync_final("WQL", "SELECT * FROM Acme_Pool", &msg), MI_RESULT_INVALID_CLASS);
    ck_assert_msg(strstr(msg, "not an indication class"), "%s", msg);
    ck_assert_int_eq(sync_final("WQL", "SELECT * FROM CIM_InstCreation WHERE", &msg),
                     MI_RESULT_INVALID_QUERY);
    ck_assert_int_eq(sync_final("Klingon", "SELECT * FROM CIM_InstCreation", &msg),
                     MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED);
    ck_assert_int_eq(sync_final("CQL", "SELECT * FROM CIM_InstCreation", &msg),
                     MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED);
    ck_assert_int_eq(sync_final("WQL", NULL, &msg), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(ts_log_count(Log, "Unsubscribe ", 0), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server_indications");
    TCase *c = tcase_create("mi");
    SRunner *sr;
    int failed;
    setenv("TS_VERBOSE", "1", 1); /* the request log says when the server was told */
    curl_global_init(CURL_GLOBAL_DEFAULT);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 120);
    tcase_add_test(c, sync_and_cancel);
    tcase_add_test(c, async_lifecycle_and_close);
    tcase_add_test(c, expiry_and_heartbeats);
    tcase_add_test(c, overflow_is_the_final_result);
    tcase_add_test(c, close_with_an_indication_unacknowledged);
    tcase_add_test(c, failures);
    suite_add_tcase(s, c);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
