/* SPDX-License-Identifier: MIT */
/* tests/test_provider_life.c: a provider's life in mofbind-server's provider host, driven
 * through libmofbind's MI API over HTTP on an ephemeral loopback port against
 * tests/provider/ticker_provider.c: its MI_Context_RegisterCancel callback runs (once, with the
 * reason) when the client cancels an enumeration the provider is still streaming, when a
 * client closes its connection during a Get or an Invoke, when the provider time limit passes
 * and when the server stops (whose answer still reaches the client), after which the context
 * says Canceled, ShouldContinue says no and a post is refused; an idle class provider is
 * unloaded (its Unload; the library closed after its last class) and loaded again at its
 * class's next request, RefuseUnload keeps it loaded, RequestUnload unloads it once its request
 * is done (Load and Unload counted per class in the provider's log file); ShouldProcess,
 * PromptUser and ShouldContinue answer from the client's prompt mode
 * and automatic answer (WhatIf). Each in a host process and in process. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mofbind/mi.h>
#include "sync_run.h"
#include "test_server_util.h"

static ts_server T;
static MI_Application App;
static MI_DestinationOptions Dopts;
static MI_Session Session;
static char Log[256];    /* the provider's (MOFBIND_TICKER_LOG) */
static char SrvLog[256]; /* the server's */
static FILE *SrvLogFile;

static void start(bool in_process, unsigned timeout, unsigned idle)
{
    ts_config c;
    msrv_config *cfg;
    int fd = ts_mkstemp(Log, sizeof Log);
    close(fd);
    ck_assert_int_eq(setenv("MOFBIND_TICKER_LOG", Log, 1), 0);
    fd = ts_mkstemp(SrvLog, sizeof SrvLog);
    SrvLogFile = fdopen(fd, "w");
    ck_assert_ptr_nonnull(SrvLogFile);
    setvbuf(SrvLogFile, NULL, _IOLBF, 0);
    cfg = ts_config_init(&c, "tests/server/ticker.mof", 0, "libtickerprov.so", SrvLogFile);
    cfg->provider_timeout = timeout;
    cfg->provider_idle_timeout = idle;
    cfg->providers_in_process = in_process;
    ts_start(&T, cfg);
    ts_config_free(&c);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &App), MI_RESULT_OK);
    ts_mi_session(&T, &App, &Dopts, 0, &Session);
}

static void stop(void)
{
    MI_Session_Close(&Session, NULL, NULL);
    MI_DestinationOptions_Delete(&Dopts);
    MI_Application_Close(&App);
    ts_stop(&T);
    fclose(SrvLogFile);
    unlink(SrvLog);
    unlink(Log);
}

/* How many lines of the provider's log begin with text. */
static int seen(const char *text)
{
    return ts_log_count(Log, text, 0);
}

/* Waits (60 s at most: the suite runs under valgrind on loaded machines) for n lines of the
 * provider's log beginning with text. */
static void wait_seen(const char *text, int n)
{
    int i;
    for (i = 0; i < 1200 && seen(text) < n; i++)
        nanosleep(&(struct timespec){0, 50000000}, NULL);
    if (seen(text) < n) {
        char buf[2048] = "";
        FILE *f = fopen(Log, "r");
        size_t got = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
        buf[got] = '\0';
        if (f)
            fclose(f);
        ck_abort_msg("want %d line(s) '%s' in the provider's log:\n%s", n, text, buf);
    }
}

/* A static method of Test_Tick with options oo (may be NULL): its outcome, the Answers out
 * parameter (Ask) in answers when given. */
static sync_outcome call(const char *method, MI_OperationOptions *oo, char *answers, size_t len)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Value v;
    sync_outcome o;
    MI_Session_Invoke(&Session, 0, oo, "root/test", "Test_Tick", method, NULL, NULL, NULL, &op);
    o = sync_run(&op, 1);
    if (answers) {
        ck_assert_msg(o.result == MI_RESULT_OK, "%s: %d %s", method, (int)o.result, o.message);
        ck_assert_int_eq(MI_Instance_GetElement(o.first, "Answers", &v, NULL, NULL, NULL),
                         MI_RESULT_OK);
        snprintf(answers, len, "%s", v.string);
    }
    return o;
}

static void call_ok(const char *method)
{
    sync_outcome o = call(method, NULL, NULL, 0);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s: %d %s", method, (int)o.result, o.message);
    sync_outcome_free(&o);
}

/* ---- cancellation ----------------------------------------------------------------------- */

/* The client cancels an enumeration the provider is still streaming: the server releases it
 * and the provider's callback runs with MI_REASON_NONE; the context then refuses posts. */
static void cancel_on_release(bool in_process)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL, *err = NULL;
    const MI_Char *msg = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;
    int got = 0;
    start(in_process, 60, 0);
    MI_Session_EnumerateInstances(&Session, 0, NULL, "root/test", "Test_Tick", MI_FALSE, NULL, &op);
    while (got < 2) {
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &err), MI_RESULT_OK);
        ck_assert_msg(inst && more, "tick %d: %d %s", got, (int)r, msg ? msg : "");
        got++;
    }
    ck_assert_int_eq(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    while (more)
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &err), MI_RESULT_OK);
    MI_Operation_Close(&op);
    /* reason 0 (MI_REASON_NONE), once; then Canceled, ShouldContinue no, a post refused */
    wait_seen("cancel enumerate reason=0 calls=1 canceled=1 continue=0 post=1", 1);
    ck_assert_int_eq(seen("cancel "), 1);
    call_ok("Refuse"); /* the host serves on */
    stop();
}

START_TEST(cancel_on_release_host)
{
    cancel_on_release(false);
}
END_TEST

START_TEST(cancel_on_release_in_process)
{
    cancel_on_release(true);
}
END_TEST

/* An Invoke of Wait on its own operation, which the test cancels from another thread. */
typedef struct invoke_run {
    MI_Operation op;
    sync_outcome o;
} invoke_run;

static void *invoke_thread(void *arg)
{
    invoke_run *r = arg;
    r->o = sync_run(&r->op, 0);
    return NULL;
}

/* A client that gives up on its Invoke (MI_Operation_Cancel: libmofbind aborts the transfer,
 * closing the connection) while the provider works on it: the provider is told (NONE) at
 * once, not at its time limit (300 s here, longer than any wait below). */
static void cancel_on_client_cancel(bool in_process)
{
    invoke_run r;
    pthread_t t;
    start(in_process, 300, 0);
    memset(&r, 0, sizeof r);
    MI_Session_Invoke(&Session, 0, NULL, "root/test", "Test_Tick", "Wait", NULL, NULL, NULL, &r.op);
    ck_assert_int_eq(pthread_create(&t, NULL, invoke_thread, &r), 0);
    wait_seen("wait started", 1);
    ck_assert_int_eq(MI_Operation_Cancel(&r.op, MI_REASON_NONE), MI_RESULT_OK);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    ck_assert_int_ne(r.o.result, MI_RESULT_OK);
    sync_outcome_free(&r.o);
    wait_seen("cancel wait reason=0 calls=1 canceled=1 continue=0 post=1", 1);
    ts_log_wait(SrvLog,
                "mofbind-server: provider libtickerprov.so: the client closed its connection "
                "during Invoke of Test_Tick",
                1);
    call_ok("Refuse"); /* the late result went nowhere; the host serves on */
    ck_assert_int_eq(seen("cancel "), 1);
    stop();
}

START_TEST(cancel_on_client_cancel_host)
{
    cancel_on_client_cancel(false);
}
END_TEST

START_TEST(cancel_on_client_cancel_in_process)
{
    cancel_on_client_cancel(true);
}
END_TEST

/* "user:password" in base64, for a request written by hand. */
static void basic_token(char *out, size_t cap)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char in[128];
    size_t n = (size_t)snprintf(in, sizeof in, "%s:%s", TS_USER, TS_PASSWORD), i, o = 0;
    ck_assert_uint_lt(n, sizeof in);
    ck_assert_uint_lt((n + 2) / 3 * 4, cap);
    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned)(unsigned char)in[i] << 16;
        v |= i + 1 < n ? (unsigned)(unsigned char)in[i + 1] << 8 : 0u;
        v |= i + 2 < n ? (unsigned)(unsigned char)in[i + 2] : 0u;
        out[o++] = b64[v >> 18 & 63];
        out[o++] = b64[v >> 12 & 63];
        out[o++] = i + 1 < n ? b64[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? b64[v & 63] : '=';
    }
    out[o] = '\0';
}

/* A client that sends a Get and closes its connection while the provider works on it (a
 * plain socket: no MI client between): the provider is told (NONE) well before its time
 * limit, also while an enumeration of the same provider streams (its posts wake the Get's
 * wait every 20 ms, which must not keep it from looking at its client). */
static void cancel_on_client_close(bool in_process)
{
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = NULL, *err = NULL;
    const MI_Char *msg = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;
    struct sockaddr_in a;
    char token[128], head[512];
    char *body;
    int fd, n;
    start(in_process, 300, 0);
    MI_Session_EnumerateInstances(&Session, 0, NULL, "root/test", "Test_Tick", MI_FALSE, NULL, &op);
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &err), MI_RESULT_OK);
    ck_assert_msg(inst && more, "%d %s", (int)r, msg ? msg : "");
    body = ts_envelope(TS_TRANSFER "Get", "Test_Tick", "root/test",
                       "<w:Selector Name=\"Seq\">7</w:Selector>", NULL, NULL);
    basic_token(token, sizeof token);
    n = snprintf(head, sizeof head,
                 "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                 "Content-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: %zu\r\n\r\n",
                 token, strlen(body));
    ck_assert(n > 0 && (size_t)n < sizeof head);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(msrv_port(T.srv));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(send(fd, head, (size_t)n, MSG_NOSIGNAL), n);
    ck_assert_int_eq(send(fd, body, strlen(body), MSG_NOSIGNAL), (ssize_t)strlen(body));
    free(body);
    wait_seen("get started", 1);
    close(fd);
    wait_seen("cancel get reason=0 calls=1 canceled=1 continue=0 post=1", 1);
    ts_log_wait(SrvLog,
                "mofbind-server: provider libtickerprov.so: the client closed its connection "
                "during Get of Test_Tick",
                1);
    ck_assert_int_eq(seen("cancel enumerate"), 0); /* still streaming */
    ck_assert_int_eq(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    while (more)
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &err), MI_RESULT_OK);
    MI_Operation_Close(&op);
    wait_seen("cancel enumerate", 1);
    call_ok("Refuse");
    ck_assert_int_eq(seen("cancel "), 2);
    stop();
}

START_TEST(cancel_on_client_close_host)
{
    cancel_on_client_close(false);
}
END_TEST

START_TEST(cancel_on_client_close_in_process)
{
    cancel_on_client_close(true);
}
END_TEST

/* The provider time limit passes: the client's fault, and the provider is told (TIMEOUT). */
static void cancel_on_timeout(bool in_process)
{
    sync_outcome o;
    start(in_process, 2, 0);
    o = call("Wait", NULL, NULL, 0);
    ck_assert_int_eq(o.result, MI_RESULT_FAILED);
    ck_assert_msg(strstr(o.message, "posted no result for Invoke of Test_Tick within 2 s"), "%s",
                  o.message);
    sync_outcome_free(&o);
    wait_seen("cancel wait reason=1 calls=1 canceled=1 continue=0 post=1", 1);
    call_ok("Refuse"); /* the context's late result went nowhere; the host serves on */
    ck_assert_int_eq(seen("cancel "), 1);
    stop();
}

START_TEST(cancel_on_timeout_host)
{
    cancel_on_timeout(false);
}
END_TEST

START_TEST(cancel_on_timeout_in_process)
{
    cancel_on_timeout(true);
}
END_TEST

static void *wait_thread(void *arg)
{
    sync_outcome *o = arg;
    *o = call("Wait", NULL, NULL, 0);
    return NULL;
}

/* The server stops while a provider holds a request: the request ends at once (not after the
 * 60 s limit), the provider told SERVICESTOP, and the client gets the server's answer
 * (SERVER_IS_SHUTTING_DOWN) before the stop closes its connection. */
static void cancel_on_stop(bool in_process)
{
    pthread_t t;
    sync_outcome o;
    struct timespec t0, t1;
    start(in_process, 60, 0);
    memset(&o, 0, sizeof o);
    ck_assert_int_eq(pthread_create(&t, NULL, wait_thread, &o), 0);
    wait_seen("wait started", 1);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    msrv_stop(T.srv);
    ck_assert_int_eq(pthread_join(t, NULL), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_msg(o.result == MI_RESULT_SERVER_IS_SHUTTING_DOWN, "%d %s", (int)o.result, o.message);
    ck_assert_msg(strstr(o.message, "The server is stopping"), "%s", o.message);
    ck_assert_msg(t1.tv_sec - t0.tv_sec < 40, "the stop took %ld s", (long)(t1.tv_sec - t0.tv_sec));
    sync_outcome_free(&o);
    wait_seen("cancel wait reason=3 calls=1 canceled=1 continue=0 post=1", 1);
    ck_assert_int_eq(seen("cancel "), 1);
    stop();
}

START_TEST(cancel_on_stop_host)
{
    cancel_on_stop(false);
}
END_TEST

START_TEST(cancel_on_stop_in_process)
{
    cancel_on_stop(true);
}
END_TEST

/* ---- unloading ---------------------------------------------------------------------------- */

/* A static method of class cls, which must succeed. */
static void call_class_ok(const char *cls, const char *method)
{
    MI_Operation op = MI_OPERATION_NULL;
    sync_outcome o;
    MI_Session_Invoke(&Session, 0, NULL, "root/test", cls, method, NULL, NULL, NULL, &op);
    o = sync_run(&op, 0);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s.%s: %d %s", cls, method, (int)o.result, o.message);
    sync_outcome_free(&o);
}

/* Unloading is per class provider, as in OMI's provider manager: each loaded at its class's
 * first request, unloaded when idle for the idle time unless it refused, the library (module
 * Unload, closed) when its last class provider has gone. */
static void idle_unload(bool in_process)
{
    char answers[160];
    sync_outcome o;
    start(in_process, 30, 1);
    /* the module alone is loaded to serve; RefuseUnload in its Load: INVALID_PARAMETER (4) */
    ck_assert_int_eq(seen("module load refuse=4"), 1);
    wait_seen("module unload", 1); /* idle with no class provider loaded */
    ck_assert_int_eq(seen("class "), 0);
    /* a request loads the module and its class's provider; idle, the class goes, then at once
     * the module (its last) */
    o = call("Ask", NULL, answers, sizeof answers);
    sync_outcome_free(&o);
    ck_assert_int_eq(seen("module load"), 2);
    ck_assert_int_eq(seen("class load Test_Tick"), 1);
    wait_seen("module unload", 2);
    ck_assert_int_eq(seen("class unload Test_Tick"), 1);
    ck_assert_int_eq(seen("class load Test_Tock"), 0);
    /* Test_Tick refuses; Test_Tock, loaded after it, is unloaded once idle while Test_Tick
     * (idle longer) and the module stay */
    call_ok("Refuse");
    ck_assert_int_eq(seen("refuse 0"), 1);
    ck_assert_int_eq(seen("module load"), 3);
    call_class_ok("Test_Tock", "Ping");
    ck_assert_int_eq(seen("class load Test_Tock"), 1);
    wait_seen("class unload Test_Tock", 1);
    ck_assert_int_eq(seen("class unload Test_Tick"), 1);
    ck_assert_int_eq(seen("module unload"), 2);
    /* RequestUnload: Test_Tick unloaded once its request is done, then the module (its last) */
    call_ok("Request");
    wait_seen("module unload", 3);
    ck_assert_int_eq(seen("class unload Test_Tick"), 2);
    o = call("Ask", NULL, answers, sizeof answers);
    sync_outcome_free(&o);
    ck_assert_int_eq(seen("module load"), 4);
    ck_assert_int_eq(seen("class load Test_Tick"), 3);
    ck_assert_int_eq(seen("class load Test_Tock"), 1);
    stop();
}

START_TEST(idle_unload_host)
{
    idle_unload(false);
}
END_TEST

START_TEST(idle_unload_in_process)
{
    idle_unload(true);
}
END_TEST

/* ---- prompts ------------------------------------------------------------------------------ */

/* Ask with the prompt options set through the MI API (mode < 0: none). */
static void ask(int mode, int ack, char *answers, size_t len)
{
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    sync_outcome o;
    ck_assert_int_eq(MI_Application_NewOperationOptions(&App, MI_FALSE, &oo), MI_RESULT_OK);
    if (mode >= 0 && ack < 0)
        ck_assert_int_eq(MI_OperationOptions_SetPromptUserMode(&oo, (MI_CallbackMode)mode),
                         MI_RESULT_OK);
    else if (mode >= 0)
        ck_assert_int_eq(MI_OperationOptions_SetPromptUserRegularMode(&oo, (MI_CallbackMode)mode,
                                                                      ack ? MI_TRUE : MI_FALSE),
                         MI_RESULT_OK);
    o = call("Ask", &oo, answers, len);
    sync_outcome_free(&o);
    MI_OperationOptions_Delete(&oo);
}

static void prompts(bool in_process)
{
    char a[160];
    start(in_process, 30, 0);
    /* no prompt options (a plain WS-Man client): yes, a critical prompt NOT_SUPPORTED (7) */
    ask(-1, -1, a, sizeof a);
    ck_assert_str_eq(a, "process=0/1 prompt=0/1 critical=7/0 continue=0/1");
    /* PowerShell's -WhatIf: report mode, automatic answer no */
    ask(MI_CALLBACKMODE_REPORT, 0, a, sizeof a);
    ck_assert_str_eq(a, "process=0/0 prompt=0/0 critical=7/0 continue=0/0");
    /* report mode, automatic answer yes */
    ask(MI_CALLBACKMODE_REPORT, 1, a, sizeof a);
    ck_assert_str_eq(a, "process=0/1 prompt=0/1 critical=7/0 continue=0/1");
    /* -Confirm: the client wants to be asked, which WS-Man cannot carry */
    ask(MI_CALLBACKMODE_INQUIRE, -1, a, sizeof a);
    ck_assert_str_eq(a, "process=7/0 prompt=7/0 critical=7/0 continue=7/0");
    /* ignore: answered automatically, critical prompts too */
    ask(MI_CALLBACKMODE_IGNORE, 1, a, sizeof a);
    ck_assert_str_eq(a, "process=0/1 prompt=0/1 critical=0/1 continue=0/1");
    ask(MI_CALLBACKMODE_IGNORE, 0, a, sizeof a);
    ck_assert_str_eq(a, "process=0/0 prompt=0/0 critical=0/0 continue=0/0");
    stop();
}

START_TEST(prompts_host)
{
    prompts(false);
}
END_TEST

START_TEST(prompts_in_process)
{
    prompts(true);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("provider_life");
    TCase *tc = tcase_create("life");
    SRunner *sr;
    int failed;
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, cancel_on_release_host);
    tcase_add_test(tc, cancel_on_release_in_process);
    tcase_add_test(tc, cancel_on_client_cancel_host);
    tcase_add_test(tc, cancel_on_client_cancel_in_process);
    tcase_add_test(tc, cancel_on_client_close_host);
    tcase_add_test(tc, cancel_on_client_close_in_process);
    tcase_add_test(tc, cancel_on_timeout_host);
    tcase_add_test(tc, cancel_on_timeout_in_process);
    tcase_add_test(tc, cancel_on_stop_host);
    tcase_add_test(tc, cancel_on_stop_in_process);
    tcase_add_test(tc, idle_unload_host);
    tcase_add_test(tc, idle_unload_in_process);
    tcase_add_test(tc, prompts_host);
    tcase_add_test(tc, prompts_in_process);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
