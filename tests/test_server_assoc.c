/* SPDX-License-Identifier: MIT */
/* tests/test_server_assoc.c: MI_Session_AssociatorInstances, ReferenceInstances and
 * QueryInstances of libmofbind (public API only) against mofbind-server in this process, on
 * tests/server/storage.mof plus 120 generated volumes of pool P2: every filter of the
 * association operations, keys only, synchronous and asynchronous delivery, Pull paging in
 * small envelopes, cancel, WQL with ISA, and the failures as MI results; the three on many
 * sessions sharing the application's event loop, one cancelled and one closed from a callback
 * while the others run. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>

#include "sync_run.h"
#include "test_server_util.h"

#define NS "root/test"
#define POOL2_VOLUMES 120

static ts_mi M;     /* the server, the application and its session */
static char *Extra; /* the generated MOF text */

static void setup(void)
{
    size_t cap = POOL2_VOLUMES * 300 + 64, len = 0;
    int i;
    Extra = malloc(cap);
    ck_assert_ptr_nonnull(Extra);
    len += (size_t)snprintf(Extra + len, cap - len, "#pragma namespace(\"root/test\")\n");
    for (i = 0; i < POOL2_VOLUMES; i++)
        len += (size_t)snprintf(
            Extra + len, cap - len,
            "instance of Acme_StorageVolume { DeviceID = \"W%03d\"; Size = %d; };\n"
            "instance of Acme_AllocatedFromPool { Antecedent = \"Acme_Pool.PoolID=\\\"P2\\\"\"; "
            "Dependent = \"Acme_StorageVolume.DeviceID=\\\"W%03d\\\"\"; };\n",
            i, 1000 + i, i);
    ts_mi_start(&M, "tests/server/storage.mof", Extra);
}

static void teardown(void)
{
    ts_mi_stop(&M);
    free(Extra);
}

/* A keys instance: class and one string key. */
static MI_Instance *keys(const char *cls, const char *key, const char *value)
{
    MI_Instance *k = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&M.app, cls, NULL, &k), MI_RESULT_OK);
    v.string = (MI_Char *)value;
    ck_assert_int_eq(MI_Instance_AddElement(k, key, &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    return k;
}

/* What a synchronous operation gave: its result and error's CIMStatusCode, how many instances,
 * and their "Class:key" names sorted and joined by spaces (the first 20). */
typedef struct outcome {
    MI_Result result;
    unsigned count;
    char names[1024];
    int has_size; /* an instance carried a non-key property (Size) */
    char message[512];
} outcome;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "Class:key" of an instance: its DeviceID or PoolID, or for an association the keys of its
 * references' targets. */
static void name_of(const MI_Instance *inst, char *out, size_t size)
{
    static const char *const props[] = {"DeviceID",  "PoolID",         "Antecedent",
                                        "Dependent", "GroupComponent", "PartComponent"};
    const MI_Char *cls = NULL;
    size_t i, len;
    MI_Instance_GetClassName(inst, &cls);
    len = (size_t)snprintf(out, size, "%s:", cls ? cls : "?");
    for (i = 0; i < sizeof props / sizeof props[0] && len < size; i++) {
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElement(inst, props[i], &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL))
            continue;
        if (t == MI_STRING) {
            len += (size_t)snprintf(out + len, size - len, "%s", v.string);
        } else if (t == MI_REFERENCE || t == MI_INSTANCE) {
            char inner[128];
            name_of(v.reference, inner, sizeof inner);
            len += (size_t)snprintf(out + len, size - len, "(%s)", inner);
        }
    }
}

/* What finish notes of the instances as they come. */
typedef struct seen {
    char *names[64];
    size_t n;
    int has_size;
} seen;

static void note(void *ctx, const MI_Instance *inst)
{
    seen *w = (seen *)ctx;
    char buf[256];
    MI_Value v;
    if (MI_Instance_GetElement(inst, "Size", &v, NULL, NULL, NULL) == MI_RESULT_OK)
        w->has_size = 1;
    name_of(inst, buf, sizeof buf);
    if (w->n < 64)
        w->names[w->n++] = strdup(buf);
}

/* Runs op to its end (tests/sync_run.h); a failure must come with error details. */
static outcome finish(MI_Operation *op)
{
    outcome o;
    seen w;
    sync_outcome so;
    size_t i, len = 0;
    memset(&o, 0, sizeof o);
    memset(&w, 0, sizeof w);
    so = sync_run_each(op, 0, note, &w);
    o.result = so.result;
    o.count = (unsigned)so.count;
    o.has_size = w.has_size;
    snprintf(o.message, sizeof o.message, "%s", so.message);
    ck_assert_msg(so.result == MI_RESULT_OK || so.details, "no error details with result %d",
                  (int)so.result);
    qsort(w.names, w.n, sizeof w.names[0], cmp_str);
    for (i = 0; i < w.n; i++) {
        if (i < 20 && len < sizeof o.names)
            len += (size_t)snprintf(o.names + len, sizeof o.names - len, "%s%s", i ? " " : "",
                                    w.names[i]);
        free(w.names[i]);
    }
    return o;
}

static outcome associators(const char *cls, const char *key, const char *value, const char *assoc,
                           const char *result, const char *role, const char *result_role,
                           MI_Boolean keys_only)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *k = keys(cls, key, value);
    outcome o;
    MI_Session_AssociatorInstances(&M.session, 0, NULL, NS, k, assoc, result, role, result_role,
                                   keys_only, NULL, &op);
    MI_Instance_Delete(k);
    o = finish(&op);
    return o;
}

static outcome references(const char *cls, const char *key, const char *value, const char *result,
                          const char *role)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *k = keys(cls, key, value);
    outcome o;
    MI_Session_ReferenceInstances(&M.session, 0, NULL, NS, k, result, role, MI_FALSE, NULL, &op);
    MI_Instance_Delete(k);
    o = finish(&op);
    return o;
}

static outcome query(const char *dialect, const char *text)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Session_QueryInstances(&M.session, 0, NULL, NS, dialect, text, NULL, &op);
    return finish(&op);
}

#define P1 "Acme_Pool", "PoolID", "P1"

START_TEST(associators_filters)
{
    outcome o = associators(P1, NULL, NULL, NULL, NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.names, "Acme_Disk:D1 Acme_Disk:D2 Acme_StorageVolume:V1 "
                              "Acme_StorageVolume:V2 Acme_ThinVolume:T3");
    /* The association class, deep: Acme_ThinAllocatedFromPool is one. */
    o = associators(P1, "Acme_AllocatedFromPool", NULL, NULL, NULL, MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_StorageVolume:V1 Acme_StorageVolume:V2 Acme_ThinVolume:T3");
    ck_assert(o.has_size);
    o = associators(P1, "Acme_ThinAllocatedFromPool", NULL, NULL, NULL, MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_ThinVolume:T3");
    /* The result class, deep. */
    o = associators(P1, NULL, "Acme_StorageVolume", NULL, NULL, MI_FALSE);
    ck_assert_uint_eq(o.count, 3);
    o = associators(P1, NULL, "Acme_ThinVolume", NULL, NULL, MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_ThinVolume:T3");
    o = associators(P1, NULL, "Acme_ManagedElement", NULL, NULL, MI_FALSE);
    ck_assert_uint_eq(o.count, 5);
    /* Roles: the pool is the Antecedent and the GroupComponent, never the Dependent. */
    o = associators(P1, NULL, NULL, "Dependent", NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_eq(o.count, 0);
    o = associators(P1, NULL, NULL, "Antecedent", "Dependent", MI_FALSE);
    ck_assert_uint_eq(o.count, 3);
    o = associators(P1, NULL, NULL, "GroupComponent", NULL, MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_Disk:D1 Acme_Disk:D2");
    o = associators(P1, NULL, NULL, NULL, "PartComponent", MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_Disk:D1 Acme_Disk:D2");
    /* The other way: a volume's pool; a thin volume through the subclass association. */
    o = associators("Acme_StorageVolume", "DeviceID", "V2", NULL, NULL, NULL, NULL, MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_Pool:P1");
    o = associators("Acme_ThinVolume", "DeviceID", "T3", "Acme_AllocatedFromPool", "Acme_Pool",
                    "Dependent", "Antecedent", MI_FALSE);
    ck_assert_str_eq(o.names, "Acme_Pool:P1");
    /* Keys only: references to the results, no other property. */
    o = associators(P1, "Acme_AllocatedFromPool", NULL, NULL, NULL, MI_TRUE);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.names, "Acme_StorageVolume:V1 Acme_StorageVolume:V2 Acme_ThinVolume:T3");
    ck_assert(!o.has_size);
}
END_TEST

START_TEST(references_filters)
{
    outcome o = references(P1, NULL, NULL);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_uint_eq(o.count, 5);
    o = references(P1, "Acme_AllocatedFromPool", NULL);
    ck_assert_str_eq(o.names, "Acme_AllocatedFromPool:(Acme_Pool:P1)(Acme_StorageVolume:V1) "
                              "Acme_AllocatedFromPool:(Acme_Pool:P1)(Acme_StorageVolume:V2) "
                              "Acme_ThinAllocatedFromPool:(Acme_Pool:P1)(Acme_ThinVolume:T3)");
    o = references(P1, NULL, "GroupComponent");
    ck_assert_str_eq(o.names, "Acme_ConcreteComponent:(Acme_Pool:P1)(Acme_Disk:D1) "
                              "Acme_ConcreteComponent:(Acme_Pool:P1)(Acme_Disk:D2)");
    o = references(P1, NULL, "Dependent");
    ck_assert_uint_eq(o.count, 0);
    o = references("Acme_Disk", "DeviceID", "D2", NULL, NULL);
    ck_assert_str_eq(o.names, "Acme_ConcreteComponent:(Acme_Pool:P1)(Acme_Disk:D2)");
}
END_TEST

/* 120 associators of P2 in 8 KiB envelopes: many Pulls, each volume once. */
START_TEST(associators_paged)
{
    outcome o;
    ts_mi_reopen(&M, 8);
    o = associators("Acme_Pool", "PoolID", "P2", NULL, NULL, NULL, NULL, MI_FALSE);
    ck_assert_msg(o.result == MI_RESULT_OK, "%d: %s", (int)o.result, o.message);
    ck_assert_uint_eq(o.count, POOL2_VOLUMES);
    ck_assert(strncmp(o.names, "Acme_StorageVolume:W000 Acme_StorageVolume:W001 ", 48) == 0);
    o = references("Acme_Pool", "PoolID", "P2", NULL, NULL);
    ck_assert_uint_eq(o.count, POOL2_VOLUMES);
    o = query("WQL", "SELECT * FROM Acme_StorageVolume WHERE Size >= 1000");
    ck_assert_uint_eq(o.count, POOL2_VOLUMES);
}
END_TEST

typedef struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned items;
    int done;
    MI_Result result;
    MI_Operation *op;
    int cancel_after;        /* cancel from the callback after this many items (0: never) */
    MI_Session *close_first; /* close this session from the first item's callback */
    ts_closed *closed;       /* ... whose close completes here */
} waiter;

static void MI_CALL on_instance(MI_Operation *op, void *ctx, const MI_Instance *inst,
                                MI_Boolean more, MI_Result r, const MI_Char *msg,
                                const MI_Instance *details, MI_Result(MI_CALL *ack)(MI_Operation *))
{
    waiter *w = ctx;
    (void)msg, (void)details;
    pthread_mutex_lock(&w->mu);
    if (inst)
        w->items++;
    if (w->cancel_after && w->items == (unsigned)w->cancel_after)
        MI_Operation_Cancel(op, MI_REASON_NONE);
    if (!more) {
        w->done = 1;
        w->result = r;
        pthread_cond_broadcast(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    if (inst && w->close_first) {
        /* From a callback: does not block; the loop finishes the close. */
        ck_assert_int_eq(MI_Session_Close(w->close_first, w->closed, ts_on_closed), MI_RESULT_OK);
        w->close_first = NULL;
    }
    if (ack)
        ack(op);
}

static void wait_done(waiter *w)
{
    pthread_mutex_lock(&w->mu);
    while (!w->done)
        pthread_cond_wait(&w->cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

START_TEST(async_and_cancel)
{
    waiter w;
    MI_OperationCallbacks cbs = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *k = keys("Acme_Pool", "PoolID", "P2");
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    cbs.callbackContext = &w;
    cbs.instanceResult = on_instance;
    MI_Session_AssociatorInstances(&M.session, 0, NULL, NS, k, NULL, NULL, NULL, NULL, MI_FALSE,
                                   &cbs, &op);
    wait_done(&w);
    MI_Operation_Close(&op);
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_uint_eq(w.items, POOL2_VOLUMES);

    /* Cancelled from the first page's callback, in small envelopes: it ends failed after that
     * page, without the rest. */
    ts_mi_reopen(&M, 8);
    memset(&op, 0, sizeof op);
    w.items = 0;
    w.done = 0;
    w.cancel_after = 1;
    MI_Session_ReferenceInstances(&M.session, 0, NULL, NS, k, NULL, NULL, MI_FALSE, &cbs, &op);
    wait_done(&w);
    MI_Operation_Close(&op);
    ck_assert_int_ne(w.result, MI_RESULT_OK);
    ck_assert_uint_lt(w.items, POOL2_VOLUMES);
    MI_Instance_Delete(k);
    pthread_mutex_destroy(&w.mu);
    pthread_cond_destroy(&w.cv);
}
END_TEST

/* Associators, References and a query on eight sessions at once, paged in 8 KiB envelopes, all
 * run as steps by the application's one event loop (libmofbind's default): one cancelled from
 * its first callback and one whose session is closed from its first callback end failed
 * without holding up the others, which each get every item; a synchronous query on the first
 * session runs meanwhile. */
START_TEST(queries_share_the_loop)
{
    enum { N = 8 };
    MI_Session ss[N];
    MI_DestinationOptions d[N];
    MI_Operation op[N], sync = MI_OPERATION_NULL;
    waiter w[N];
    ts_closed closed;
    MI_OperationCallbacks cbs = MI_OPERATIONCALLBACKS_NULL;
    MI_Instance *k = keys("Acme_Pool", "PoolID", "P2");
    outcome o;
    int i;
    cbs.instanceResult = on_instance;
    for (i = 0; i < N; i++) {
        ts_mi_session(&M.t, &M.app, &d[i], 8, &ss[i]);
        memset(&w[i], 0, sizeof w[i]);
        pthread_mutex_init(&w[i].mu, NULL);
        pthread_cond_init(&w[i].cv, NULL);
    }
    w[1].cancel_after = 1;
    w[2].close_first = &ss[2];
    ts_closed_init(&closed);
    w[2].closed = &closed;
    for (i = 0; i < N; i++) {
        memset(&op[i], 0, sizeof op[i]);
        cbs.callbackContext = &w[i];
        if (i % 3 == 0)
            MI_Session_AssociatorInstances(&ss[i], 0, NULL, NS, k, NULL, NULL, NULL, NULL, MI_FALSE,
                                           &cbs, &op[i]);
        else if (i % 3 == 1)
            MI_Session_ReferenceInstances(&ss[i], 0, NULL, NS, k, NULL, NULL, MI_FALSE, &cbs,
                                          &op[i]);
        else
            MI_Session_QueryInstances(&ss[i], 0, NULL, NS, "WQL",
                                      "SELECT * FROM Acme_StorageVolume WHERE Size >= 1000", &cbs,
                                      &op[i]);
    }
    /* (A synchronous enumeration is the loop's too: its caller reads its results.) */
    MI_Session_QueryInstances(&ss[0], 0, NULL, NS, "WQL", "SELECT * FROM Acme_Pool", NULL, &sync);
    for (i = 0; i < N; i++)
        wait_done(&w[i]);
    ts_closed_wait(&closed);
    for (i = 0; i < N; i++) {
        if (i == 1 || i == 2) {
            ck_assert_int_ne(w[i].result, MI_RESULT_OK);
            ck_assert_uint_lt(w[i].items, POOL2_VOLUMES);
        } else {
            ck_assert_msg(w[i].result == MI_RESULT_OK, "session %d: %d", i, (int)w[i].result);
            ck_assert_uint_eq(w[i].items, POOL2_VOLUMES);
        }
    }
    o = finish(&sync);
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.names, "Acme_Pool:P1 Acme_Pool:P2");
    for (i = 0; i < N; i++) {
        MI_Operation_Close(&op[i]);
        if (i != 2)
            ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
        MI_DestinationOptions_Delete(&d[i]);
        pthread_mutex_destroy(&w[i].mu);
        pthread_cond_destroy(&w[i].cv);
    }
    MI_Instance_Delete(k);
}
END_TEST

START_TEST(queries)
{
    outcome o = query("WQL", "SELECT * FROM Acme_StorageVolume WHERE Size > 150 AND Size < 1000");
    ck_assert_int_eq(o.result, MI_RESULT_OK);
    ck_assert_str_eq(o.names, "Acme_StorageVolume:V2 Acme_ThinVolume:T3");
    /* ISA: the instance itself, from a superclass. */
    o = query("WQL", "SELECT * FROM Acme_ManagedElement WHERE __THIS ISA Acme_ThinVolume");
    ck_assert_str_eq(o.names, "Acme_ThinVolume:T3");
    o = query("WQL", "SELECT * FROM Acme_ManagedElement WHERE __THIS ISA 'Acme_Disk' OR "
                     "__THIS ISA Acme_Pool");
    ck_assert_str_eq(o.names, "Acme_Disk:D1 Acme_Disk:D2 Acme_Pool:P1 Acme_Pool:P2");
    /* ISA on a reference: the thin volume's association. */
    o = query("WQL", "SELECT * FROM Acme_AllocatedFromPool WHERE Dependent ISA Acme_ThinVolume");
    ck_assert_str_eq(o.names, "Acme_ThinAllocatedFromPool:(Acme_Pool:P1)(Acme_ThinVolume:T3)");
    /* The dialect as a URI works too. */
    o = query("http://schemas.microsoft.com/wbem/wsman/1/WQL",
              "SELECT * FROM Acme_Pool WHERE PoolID = 'P2'");
    ck_assert_str_eq(o.names, "Acme_Pool:P2");
}
END_TEST

START_TEST(failures)
{
    MI_Operation op = MI_OPERATION_NULL;
    outcome o = associators("Acme_Nothing", "Id", "x", NULL, NULL, NULL, NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_CLASS);
    o = associators(P1, "Acme_NoSuchAssociation", NULL, NULL, NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    o = associators("Acme_Pool", "PoolID", "P9", NULL, NULL, NULL, NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_NOT_FOUND);
    o = references("Acme_Pool", "Capacity", "7", NULL, NULL); /* not the key */
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    o = associators(P1, "not a name", NULL, NULL, NULL, MI_FALSE);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    MI_Session_AssociatorInstances(&M.session, 0, NULL, NS, NULL, NULL, NULL, NULL, NULL, MI_FALSE,
                                   NULL, &op);
    o = finish(&op);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
    o = query("WQL", "SELECT * FROM Acme_Pool WHERE");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_QUERY);
    o = query("WQL", "SELECT * FROM Acme_Pool WHERE Capacity ISA Acme_Pool");
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_QUERY);
    o = query("CQL", "SELECT * FROM Acme_Pool");
    ck_assert_int_eq(o.result, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED);
    o = query("Klingon", "SELECT * FROM Acme_Pool");
    ck_assert_int_eq(o.result, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED);
    o = query("WQL", NULL);
    ck_assert_int_eq(o.result, MI_RESULT_INVALID_PARAMETER);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server_assoc");
    TCase *c = tcase_create("mi");
    SRunner *sr;
    int failed;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 60);
    tcase_add_test(c, associators_filters);
    tcase_add_test(c, references_filters);
    tcase_add_test(c, associators_paged);
    tcase_add_test(c, async_and_cancel);
    tcase_add_test(c, queries_share_the_loop);
    tcase_add_test(c, queries);
    tcase_add_test(c, failures);
    suite_add_tcase(s, c);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
