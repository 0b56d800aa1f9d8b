/* SPDX-License-Identifier: MIT */
/* tests/test_client_failalloc.c: allocation failure on libmofbind's operation path. The client
 * (with tests/stub_transport.c in place of the libcurl transport, answering canned envelopes
 * that relate to each request) runs a fixed sequence (application, session, a typed instance, Get,
 * Enumerate, Create, Delete, Invoke, Identify, a Get answered with a fault, and a Get with
 * callbacks) once to count its allocations, then once for every N failing the Nth allocation
 * (tests/failalloc.c); libxml2's own allocations count too (xmlMemSetup, here only). Each run
 * must end every call and operation with its normal result or out of memory
 * (MI_RESULT_SERVER_LIMITS_EXCEEDED, 27, and nothing else), with error details when not OK,
 * never lose a result silently (an enumeration or an Identify that ends OK has all its
 * results), and libxml2 must print nothing; the sanitizer build adds: no crash, no leak, no
 * use after free. The test lists every distinct violation. */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlmemory.h>

#include "failalloc.h"
#include "stderr_capture.h"
#include "stub_transport.h"
#include "widget_decl.h"

/* ---- the stub transport ------------------------------------------------------------------- */

#define ENV_HEAD                                                                                   \
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "                             \
    "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "                                \
    "xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "                               \
    "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"                        \
    "<a:Action>%s</a:Action><a:MessageID>uuid:0-1</a:MessageID>"                                   \
    "<a:RelatesTo>%s</a:RelatesTo></s:Header><s:Body>"
#define WIDGET(id)                                                                                 \
    "<p:Contoso_Widget xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"               \
    "Contoso_Widget\"><p:Id>" id "</p:Id><p:Count>7</p:Count><p:Tags>a</p:Tags>"                   \
    "<p:Tags>b</p:Tags></p:Contoso_Widget>"

static int fault_next; /* the next Get is answered with a NOT_FOUND fault */

/* The result an allocation failure may give. */
static int oom_result(MI_Result r)
{
    return r == MI_RESULT_SERVER_LIMITS_EXCEEDED;
}

static const char *answer_for(const char *req, int *status, const char **action)
{
    *status = 200;
    if (strstr(req, "transfer/Get<")) {
        if (fault_next) {
            *status = 500;
            *action = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
            return "<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>"
                   "a:DestinationUnreachable</s:Value></s:Subcode></s:Code><s:Reason><s:Text "
                   "xml:lang=\"en-US\">not found</s:Text></s:Reason><s:Detail><p:OMI_Error "
                   "xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/OMI_Error\">"
                   "<p:Message>The requested object could not be found.</p:Message>"
                   "<p:MessageID>OMI:MI_Result:6</p:MessageID><p:CIMStatusCode>6"
                   "</p:CIMStatusCode></p:OMI_Error></s:Detail></s:Fault>";
        }
        *action = "http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse";
        return WIDGET("w1");
    }
    if (strstr(req, "enumeration/Enumerate<")) {
        *action = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse";
        return "<n:EnumerateResponse><n:EnumerationContext>c1</"
               "n:EnumerationContext><w:Items>" WIDGET("w1")
                   WIDGET("w2") "</w:Items><w:EndOfSequence/></n:EnumerateResponse>";
    }
    if (strstr(req, "transfer/Create<")) {
        *action = "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse";
        return "<x:ResourceCreated xmlns:x=\"http://schemas.xmlsoap.org/ws/2004/09/transfer\">"
               "<a:Address>http://127.0.0.1/wsman</a:Address><a:ReferenceParameters>"
               "<w:ResourceURI>http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/Contoso_Widget"
               "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Id\">w1</w:Selector>"
               "</w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>";
    }
    if (strstr(req, "transfer/Delete<")) {
        *action = "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse";
        return "";
    }
    if (strstr(req, "Contoso_Widget/Ping<")) {
        *action = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/Contoso_Widget/PingResponse";
        return "<p:Ping_OUTPUT xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
               "Contoso_Widget\"><p:Echo>xx</p:Echo><p:ReturnValue>0</p:ReturnValue>"
               "</p:Ping_OUTPUT>";
    }
    *action = "";
    return "<wsmid:IdentifyResponse xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/"
           "wsmanidentity.xsd\"><wsmid:ProtocolVersion>http://schemas.dmtf.org/wbem/wsman/1/"
           "wsman.xsd</wsmid:ProtocolVersion><wsmid:ProductVendor>v</wsmid:ProductVendor>"
           "<wsmid:ProductVersion>1</wsmid:ProductVersion></wsmid:IdentifyResponse>";
}

/* Every answer is a whole envelope relating to its request. */
static void answer(void *ctx, const char *req, size_t len, const char *id, stub_answer *out)
{
    static char buf[8192];
    const char *action, *content;
    int status, n;
    (void)ctx, (void)len;
    content = answer_for(req, &status, &action);
    n = snprintf(buf, sizeof buf, ENV_HEAD "%s</s:Body></s:Envelope>", action, id, content);
    out->status = status;
    out->body = buf;
    out->len = (size_t)n;
}

/* ---- the sequence ------------------------------------------------------------------------- */

typedef struct run_log {
    char why[512]; /* the first violation, or "" */
} run_log;

static void violation(run_log *l, const char *fmt, const char *what, int a, int b)
{
    if (!l->why[0])
        snprintf(l->why, sizeof l->why, fmt, what, a, b);
}

/* A call's result: OK or out of memory. */
static int call_ok(run_log *l, const char *what, MI_Result r)
{
    if (r != MI_RESULT_OK && !oom_result(r))
        violation(l, "%s: result %d%.0d", what, (int)r, 0);
    return r == MI_RESULT_OK;
}

/* Reads an operation to its end: its final result must be want or out of memory, with
 * details; when it is OK, exactly `items` instances came. */
static void finish(run_log *l, const char *what, MI_Operation *op, MI_Result want, int items)
{
    MI_Boolean more = MI_TRUE;
    int got = 0;
    if (!op->ft) {
        /* Even with no memory for the operation itself, the handle must work. */
        violation(l, "%s: no operation handle%.0d%.0d", what, 0, 0);
        return;
    }
    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        if (MI_Operation_GetInstance(op, &inst, &more, &r, &msg, &details) != MI_RESULT_OK &&
            more) {
            violation(l, "%s: GetInstance failed with more results%.0d%.0d", what, 0, 0);
            break;
        }
        if (inst)
            got++;
        if (!more) {
            if (r != want && !oom_result(r)) {
                violation(l, "%s: final result %d (want %d or 27)", what, (int)r, (int)want);
                if (msg && strlen(l->why) + strlen(msg) + 3 < sizeof l->why)
                    strcat(strcat(l->why, ": "), msg);
            }
            /* Details may be missing only when there was no memory for them: with the out of
             * memory result, or with the server's own result (a fault read, its
             * CIM_Error not). */
            if (r != MI_RESULT_OK && !details && !oom_result(r) && r != want)
                violation(l, "%s: result %d without details%.0d", what, (int)r, 0);
            if (r == want && want == MI_RESULT_OK && got != items)
                violation(l, "%s: OK with %d of the results (want %d)", what, got, items);
        }
    }
    MI_Operation_Close(op);
}

/* The asynchronous delivery: a Get with callbacks, its results noted here. */
typedef struct async_log {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done, instances;
    MI_Result result;
} async_log;

static void MI_CALL async_result(MI_Operation *op, void *ctx, const MI_Instance *inst,
                                 MI_Boolean more, MI_Result result, const MI_Char *msg,
                                 const MI_Instance *details,
                                 MI_Result(MI_CALL *ack)(MI_Operation *))
{
    async_log *a = ctx;
    (void)op;
    (void)msg;
    (void)ack;
    (void)details;
    pthread_mutex_lock(&a->mu);
    a->instances += inst != NULL;
    if (!more) {
        a->result = result;
        a->done = 1;
        pthread_cond_broadcast(&a->cv);
    }
    pthread_mutex_unlock(&a->mu);
}

static void finish_async(run_log *l, MI_Session *s, MI_Instance *w)
{
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    async_log a;
    struct timespec until;
    memset(&a, 0, sizeof a);
    pthread_mutex_init(&a.mu, NULL);
    pthread_cond_init(&a.cv, NULL);
    cb.callbackContext = &a;
    cb.instanceResult = async_result;
    MI_Session_GetInstance(s, 0, NULL, "root/cimv2", w, &cb, &op);
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 30;
    pthread_mutex_lock(&a.mu);
    while (!a.done && pthread_cond_timedwait(&a.cv, &a.mu, &until) == 0)
        ;
    pthread_mutex_unlock(&a.mu);
    if (!a.done)
        violation(l, "%s: no final result%.0d%.0d", "Get (async)", 0, 0);
    else if (a.result != MI_RESULT_OK && !oom_result(a.result))
        violation(l, "%s: final result %d (want 0 or 27)%.0d", "Get (async)", (int)a.result, 0);
    else if (a.result == MI_RESULT_OK && a.instances != 1)
        violation(l, "%s: OK with %d of the results (want %d)", "Get (async)", a.instances, 1);
    if (!op.ft)
        violation(l, "%s: no operation handle%.0d%.0d", "Get (async)", 0, 0);
    else
        MI_Operation_Close(&op);
    pthread_cond_destroy(&a.cv);
    pthread_mutex_destroy(&a.mu);
}

static void run_sequence(run_log *l)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session s = MI_SESSION_NULL;
    MI_Instance *w = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Value v;

    if (!call_ok(l, "Initialize", MI_Application_Initialize(0, NULL, NULL, &app)))
        return;
    stub_transport_install(&app, answer, NULL);
    if (call_ok(l, "NewSession",
                MI_Application_NewSession(&app, NULL, "http://127.0.0.1:9/wsman", NULL, NULL, NULL,
                                          &s))) {
        if (call_ok(l, "NewInstance", MI_Application_NewInstance(&app, NULL, &widget_decl, &w))) {
            v.string = (MI_Char *)"w1";
            if (call_ok(l, "SetElement", MI_Instance_SetElement(w, "Id", &v, MI_STRING, 0))) {
                fault_next = 0;
                MI_Session_GetInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
                finish(l, "Get", &op, MI_RESULT_OK, 1);
                MI_Session_EnumerateInstances(&s, 0, NULL, "root/cimv2", "Contoso_Widget", MI_FALSE,
                                              NULL, &op);
                finish(l, "Enumerate", &op, MI_RESULT_OK, 2);
                MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
                finish(l, "Create", &op, MI_RESULT_OK, 1);
                MI_Session_DeleteInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
                finish(l, "Delete", &op, MI_RESULT_OK, 0);
                MI_Session_Invoke(&s, 0, NULL, "root/cimv2", "Contoso_Widget", "Ping", w, NULL,
                                  NULL, &op);
                finish(l, "Invoke", &op, MI_RESULT_OK, 1);
                MI_Session_TestConnection(&s, 0, NULL, &op);
                finish(l, "Identify", &op, MI_RESULT_OK, 1);
                fault_next = 1;
                MI_Session_GetInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
                finish(l, "Get (fault)", &op, MI_RESULT_NOT_FOUND, 0);
                fault_next = 0;
                finish_async(l, &s, w);
            }
            MI_Instance_Delete(w);
        }
        MI_Session_Close(&s, NULL, NULL);
    }
    MI_Application_Close(&app);
}

START_TEST(every_allocation_fails_once)
{
    run_log l;
    unsigned long total, n;
    static char report[8192];
    char printed[301];
    int bad = 0;
    stderr_capture cap;
    memset(&l, 0, sizeof l);
    /* Whatever the library (libxml2 included) writes to stderr is caught. */
    ck_assert_int_eq(stderr_capture_begin(&cap), 0);
    failalloc_set(0);
    run_sequence(&l);
    ck_assert_msg(!l.why[0], "with no failure: %s", l.why);
    total = failalloc_count();
    ck_assert_uint_gt(total, 50);
    for (n = 1; n <= total; n++) {
        memset(&l, 0, sizeof l);
        failalloc_set(n);
        run_sequence(&l);
        if (l.why[0] && bad < 40) { /* collect the distinct violations, then fail with them */
            if (!strstr(report, l.why + 0)) {
                size_t k = strlen(report);
                snprintf(report + k, sizeof report - k, "\n  allocation %lu of %lu: %s", n, total,
                         l.why);
                bad++;
            }
        }
    }
    failalloc_set(0);
    stderr_capture_end(&cap, printed, sizeof printed);
    ck_assert_msg(!bad, "with one allocation failing:%s", report);
    ck_assert_msg(!printed[0], "the library printed to stderr: %s", printed);
    printf("failalloc: the operation path survived each of its %lu allocations failing\n", total);
}
END_TEST

/* libxml2's allocator, routed through the injector (this program's malloc, realloc and strdup
 * are the wrapped ones): the Nth allocation counts libxml2's own too. Test code only; the
 * library never calls xmlMemSetup, whose setting is process-wide. */
static void *fa_xml_malloc(size_t n)
{
    return malloc(n);
}

static void *fa_xml_realloc(void *p, size_t n)
{
    return realloc(p, n);
}

static char *fa_xml_strdup(const char *s)
{
    return strdup(s);
}

static void fa_xml_free(void *p)
{
    free(p);
}

int main(void)
{
    Suite *su = suite_create("failalloc_runtime");
    TCase *tc = tcase_create("failalloc_runtime");
    SRunner *sr;
    int failed;
    if (xmlMemSetup(fa_xml_free, fa_xml_malloc, fa_xml_realloc, fa_xml_strdup) != 0) {
        fprintf(stderr, "test_failalloc_runtime: xmlMemSetup failed\n");
        return EXIT_FAILURE;
    }
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, every_allocation_fails_once);
    suite_add_tcase(su, tc);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
