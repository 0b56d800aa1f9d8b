/* SPDX-License-Identifier: MIT */
/* tests/provider/ticker_provider.c: a provider written by hand against the provider half of
 * mi.h, for tests/test_provider_life (tests/server/ticker.mof): Test_Tick's Enumerate posts a
 * tick every 20 ms until its request is cancelled, its Get and Wait wait for the cancellation
 * (60 s at most), Refuse and Request call MI_Context_RefuseUnload and RequestUnload, Ask says
 * how ShouldProcess, PromptUser and ShouldContinue were answered; Test_Tock, a second class of
 * the library, has a Ping. What the test must see across unloads and host processes goes to the
 * file named by MOFBIND_TICKER_LOG, a line each: the module's and each class's Load and Unload
 * (with what RefuseUnload answered in the module's Load), and for each cancelled request the
 * reason its cancel callback got, what MI_Context_Canceled, ShouldContinue and a later
 * PostInstance answered. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mofbind/mi.h>

/* A line to the log file (one write: lines of concurrent requests do not mix). */
static void note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static void note(const char *fmt, ...)
{
    const char *path = getenv("MOFBIND_TICKER_LOG");
    char line[300];
    va_list ap;
    int fd, n;
    if (!path)
        return;
    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof line - 1)
        return;
    line[n++] = '\n';
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (write(fd, line, (size_t)n) != n)
        abort();
    close(fd);
}

/* A request waiting for its cancellation. */
typedef struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int cancelled;
    MI_CancellationReason reason;
} waiter;

static void MI_CALL on_cancel(MI_CancellationReason reason, void *data)
{
    waiter *w = data;
    pthread_mutex_lock(&w->mu);
    w->cancelled++;
    w->reason = reason;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
}

/* Waits up to ms for w's cancellation: 1 when it came. */
static int wait_cancel(waiter *w, long ms)
{
    struct timespec until;
    int c;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->mu);
    while (!w->cancelled && pthread_cond_timedwait(&w->cv, &w->mu, &until) == 0)
        ;
    c = w->cancelled;
    pthread_mutex_unlock(&w->mu);
    return c;
}

/* After the cancellation: what the context says now, a line naming the request. */
static void note_cancel(MI_Context *context, const char *what, waiter *w)
{
    MI_Boolean canceled = MI_FALSE, go_on = MI_TRUE;
    MI_Instance *late = NULL;
    MI_Value v;
    MI_Result posted = MI_RESULT_OK;
    MI_Context_Canceled(context, &canceled);
    MI_Context_ShouldContinue(context, "go on?", &go_on);
    if (MI_Context_NewDynamicInstance(context, "Test_Tick", 0, &late) == MI_RESULT_OK) {
        v.uint32 = 0;
        MI_Instance_AddElement(late, "Seq", &v, MI_UINT32, MI_FLAG_KEY);
        posted = MI_Context_PostInstance(context, late);
        MI_Instance_Delete(late);
    }
    note("cancel %s reason=%d calls=%d canceled=%d continue=%d post=%d", what, (int)w->reason,
         w->cancelled, (int)canceled, (int)go_on, (int)posted);
}

static void MI_CALL module_load(MI_Module_Self **self, MI_Context *context)
{
    *self = NULL;
    /* (a module's context has no class provider to keep loaded: OMI answers
     * INVALID_PARAMETER) */
    note("module load refuse=%d", (int)MI_Context_RefuseUnload(context));
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL module_unload(MI_Module_Self *self, MI_Context *context)
{
    (void)self;
    note("module unload");
    MI_Context_PostResult(context, MI_RESULT_OK);
}

/* A class provider's Load and Unload, each noted with the class's name. */
#define CLASS_LIFE(load_fn, unload_fn, cls)                                                        \
    static void MI_CALL load_fn(void **self, MI_Module_Self *module, MI_Context *context)          \
    {                                                                                              \
        (void)module;                                                                              \
        *self = NULL;                                                                              \
        note("class load " cls);                                                                   \
        MI_Context_PostResult(context, MI_RESULT_OK);                                              \
    }                                                                                              \
    static void MI_CALL unload_fn(void *self, MI_Context *context)                                 \
    {                                                                                              \
        (void)self;                                                                                \
        note("class unload " cls);                                                                 \
        MI_Context_PostResult(context, MI_RESULT_OK);                                              \
    }
CLASS_LIFE(load, unload, "Test_Tick")
CLASS_LIFE(tock_load, tock_unload, "Test_Tock")

/* A tick every 20 ms (up to 3000) until cancelled; the result posted in either case. */
static void MI_CALL enumerate(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                              const MI_PropertySet *ps, MI_Boolean keysOnly,
                              const MI_Filter *filter)
{
    waiter w;
    MI_Uint32 seq;
    (void)self, (void)ns, (void)cn, (void)ps, (void)keysOnly, (void)filter;
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    MI_Context_RegisterCancel(context, on_cancel, &w);
    note("enumerate started");
    for (seq = 1; seq <= 3000 && !wait_cancel(&w, 20); seq++) {
        MI_Instance *tick = NULL;
        MI_Value v;
        if (MI_Context_NewDynamicInstance(context, "Test_Tick", 0, &tick) != MI_RESULT_OK)
            break;
        v.uint32 = seq;
        MI_Instance_AddElement(tick, "Seq", &v, MI_UINT32, MI_FLAG_KEY);
        MI_Context_PostInstance(context, tick);
        MI_Instance_Delete(tick);
    }
    if (w.cancelled)
        note_cancel(context, "enumerate", &w);
    MI_Context_PostResult(context, MI_RESULT_OK);
    pthread_cond_destroy(&w.cv);
    pthread_mutex_destroy(&w.mu);
}

static void answer(MI_Context *context, const char *method, const char *answers)
{
    MI_Instance *out = NULL;
    MI_Value v;
    MI_Context_NewDynamicInstance(context, method, 0, &out);
    if (answers) {
        v.string = (MI_Char *)answers;
        MI_Instance_AddElement(out, "Answers", &v, MI_STRING, MI_FLAG_OUT);
    }
    v.uint32 = 0;
    MI_Instance_AddElement(out, "MIReturn", &v, MI_UINT32, MI_FLAG_OUT);
    MI_Context_PostInstance(context, out);
    MI_Instance_Delete(out);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

/* Notes "WHAT started", waits for the request's cancellation (60 s at most) and notes it. */
static void hold_until_cancelled(MI_Context *context, const char *what)
{
    waiter w;
    memset(&w, 0, sizeof w);
    pthread_mutex_init(&w.mu, NULL);
    pthread_cond_init(&w.cv, NULL);
    MI_Context_RegisterCancel(context, on_cancel, &w);
    note("%s started", what);
    if (wait_cancel(&w, 60000))
        note_cancel(context, what, &w);
    pthread_cond_destroy(&w.cv);
    pthread_mutex_destroy(&w.mu);
}

/* Waits for the cancellation (a client that closes its connection), then answers NOT_FOUND. */
static void MI_CALL get(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                        const MI_Instance *keys, const MI_PropertySet *ps)
{
    (void)self, (void)ns, (void)cn, (void)keys, (void)ps;
    hold_until_cancelled(context, "get");
    MI_Context_PostResult(context, MI_RESULT_NOT_FOUND);
}

static void MI_CALL wait_(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                          const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    (void)self, (void)ns, (void)cn, (void)target, (void)in;
    hold_until_cancelled(context, "wait");
    answer(context, method, NULL);
}

static void MI_CALL refuse(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                           const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    (void)self, (void)ns, (void)cn, (void)target, (void)in;
    note("refuse %d", (int)MI_Context_RefuseUnload(context));
    answer(context, method, NULL);
}

static void MI_CALL request(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                            const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    (void)self, (void)ns, (void)cn, (void)target, (void)in;
    note("request %d", (int)MI_Context_RequestUnload(context));
    answer(context, method, NULL);
}

/* Each call's result and answer: "r/1" (MI_RESULT_OK, yes), "7/0" (NOT_SUPPORTED, no) ... */
static void MI_CALL ask(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                        const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    MI_Boolean a = 2, b = 2, c = 2, d = 2;
    MI_Result ra, rb, rc, rd;
    char answers[120];
    (void)self, (void)ns, (void)cn, (void)target, (void)in;
    ra = MI_Context_ShouldProcess(context, "Test_Tick", "Remove", &a);
    rb = MI_Context_PromptUser(context, "Remove it?", MI_PROMPTTYPE_NORMAL, &b);
    rc = MI_Context_PromptUser(context, "Really?", MI_PROMPTTYPE_CRITICAL, &c);
    rd = MI_Context_ShouldContinue(context, "Go on?", &d);
    snprintf(answers, sizeof answers, "process=%d/%d prompt=%d/%d critical=%d/%d continue=%d/%d",
             (int)ra, (int)a, (int)rb, (int)b, (int)rc, (int)c, (int)rd, (int)d);
    answer(context, method, answers);
}

static const MI_ProviderFT tick_ft = {load, unload, get,  enumerate, NULL, NULL, NULL,
                                      NULL, NULL,   NULL, NULL,      NULL, NULL, NULL};

#define METHOD(name, fn)                                                                           \
    {                                                                                              \
        MI_FLAG_METHOD | MI_FLAG_STATIC, 0, name, NULL, 0, NULL, 0, 0, MI_UINT32, "Test_Tick",     \
            "Test_Tick", NULL, fn                                                                  \
    }
static const MI_MethodDecl wait_decl = METHOD("Wait", wait_);
static const MI_MethodDecl refuse_decl = METHOD("Refuse", refuse);
static const MI_MethodDecl request_decl = METHOD("Request", request);
static const MI_MethodDecl ask_decl = METHOD("Ask", ask);
static const MI_MethodDecl *const tick_methods[] = {&wait_decl, &refuse_decl, &request_decl,
                                                    &ask_decl};
static const MI_ClassDecl tick_decl = {MI_FLAG_CLASS, 0, "Test_Tick", NULL,     0,
                                       NULL,          0, 0,           NULL,     NULL,
                                       tick_methods,  4, NULL,        &tick_ft, NULL};
static void MI_CALL ping(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                         const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    (void)self, (void)ns, (void)cn, (void)target, (void)in;
    answer(context, method, NULL);
}

static const MI_ProviderFT tock_ft = {tock_load, tock_unload, NULL, NULL, NULL, NULL, NULL,
                                      NULL,      NULL,        NULL, NULL, NULL, NULL, NULL};
static const MI_MethodDecl ping_decl = {MI_FLAG_METHOD | MI_FLAG_STATIC,
                                        0,
                                        "Ping",
                                        NULL,
                                        0,
                                        NULL,
                                        0,
                                        0,
                                        MI_UINT32,
                                        "Test_Tock",
                                        "Test_Tock",
                                        NULL,
                                        ping};
static const MI_MethodDecl *const tock_methods[] = {&ping_decl};
static const MI_ClassDecl tock_decl = {MI_FLAG_CLASS, 0, "Test_Tock", NULL,     0,
                                       NULL,          0, 0,           NULL,     NULL,
                                       tock_methods,  1, NULL,        &tock_ft, NULL};

static const MI_ClassDecl *const classes[] = {&tick_decl, &tock_decl};
static MI_SchemaDecl schema = {NULL, 0, classes, 2};

static MI_Module module = {MI_VERSION,  MI_VERSION,    0,   sizeof(MI_Char), &schema,
                           module_load, module_unload, NULL};

MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server);
MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
