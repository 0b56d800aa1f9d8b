/* SPDX-License-Identifier: MIT */
/* tests/provider/alert_provider.c: an indication provider written by hand against the provider
 * half of mi.h, for tests/test_provider_indications (tests/server/alerts.mof): Test_Alert's
 * EnableIndications keeps the indication context, which Test_AlertControl.Raise posts alerts on
 * from a thread of its own once the call returned, each with the bookmark TEXT-NUMBER; Subscribe
 * refuses a filter that mentions the number 13; Stop ends the indications by posting an error on
 * the context; Crash aborts the host. Test_AlertControl's Level is one number the provider keeps,
 * whatever the Id: Get reads it, Put sets it, Delete puts it back to 1 (for the lifecycle
 * indications of a provider's changes). Every provider call is noted, a line each, for Calls to
 * tell. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mofbind/mi.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static MI_Context *alerts; /* the indication context while enabled */
static char calls[8192];
static MI_Uint32 level = 1; /* Test_AlertControl.Level */

/* Notes a call (the lock held). */
static void note(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
static void note(const char *fmt, ...)
{
    size_t len = strlen(calls);
    va_list ap;
    va_start(ap, fmt);
    if (len + 300 < sizeof calls)
        vsnprintf(calls + len, sizeof calls - len, fmt, ap);
    va_end(ap);
}

static void MI_CALL load(void **self, MI_Module_Self *module, MI_Context *context)
{
    (void)module;
    *self = NULL;
    pthread_mutex_lock(&lock);
    level = 1; /* (in process, a new server loads the provider again) */
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

/* Test_Alert's: a new host (or, in process, a new server) starts a new log of calls. */
static void MI_CALL load_alert(void **self, MI_Module_Self *module, MI_Context *context)
{
    pthread_mutex_lock(&lock);
    calls[0] = '\0';
    alerts = NULL;
    pthread_mutex_unlock(&lock);
    load(self, module, context);
}

static void MI_CALL unload(void *self, MI_Context *context)
{
    (void)self;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL enable(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn)
{
    (void)self;
    pthread_mutex_lock(&lock);
    alerts = context; /* no result now: the context stays open until Disable */
    note("enable %s %s\n", ns, cn);
    pthread_mutex_unlock(&lock);
}

static void MI_CALL disable(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn)
{
    (void)self;
    pthread_mutex_lock(&lock);
    alerts = NULL;
    note("disable %s %s\n", ns ? ns : "-", cn);
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL subscribe(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                              const MI_Filter *filter, const MI_Char *bookmark, MI_Uint64 id,
                              void **subself)
{
    const MI_Char *lang = NULL, *expr = "";
    (void)self, (void)ns, (void)cn;
    if (filter)
        MI_Filter_GetExpression(filter, &lang, &expr);
    pthread_mutex_lock(&lock);
    note("subscribe %llu %s%s%s\n", (unsigned long long)id, expr, bookmark ? " bookmark=" : "",
         bookmark ? bookmark : "");
    pthread_mutex_unlock(&lock);
    *subself = (void *)(size_t)id;
    if (strstr(expr, "13"))
        MI_Context_PostError(context, MI_RESULT_ACCESS_DENIED, MI_RESULT_TYPE_MI, "unlucky number");
    else
        MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL unsubscribe(void *self, MI_Context *context, const MI_Char *ns,
                                const MI_Char *cn, MI_Uint64 id, void *subself)
{
    (void)self, (void)ns, (void)cn;
    pthread_mutex_lock(&lock);
    note("unsubscribe %llu%s\n", (unsigned long long)id,
         (size_t)subself == id ? "" : " (not its subscriptionSelf)");
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

typedef struct raise_job {
    MI_Uint32 count;
    char text[64];
} raise_job;

static void *raiser(void *arg)
{
    raise_job *j = arg;
    MI_Uint32 i;
    pthread_mutex_lock(&lock);
    for (i = 1; alerts && i <= j->count; i++) {
        MI_Instance *a = NULL;
        MI_Value v;
        char mark[80];
        if (MI_Context_NewDynamicInstance(alerts, "Test_Alert", 0, &a) != MI_RESULT_OK)
            break;
        v.string = j->text;
        MI_Instance_AddElement(a, "Message", &v, MI_STRING, 0);
        v.uint32 = i;
        MI_Instance_AddElement(a, "Number", &v, MI_UINT32, 0);
        snprintf(mark, sizeof mark, "%s-%u", j->text, (unsigned)i); /* its bookmark */
        if (MI_Context_PostIndication(alerts, a, 0, mark) != MI_RESULT_OK)
            note("post %u failed\n", (unsigned)i);
        MI_Instance_Delete(a);
    }
    note("raised %u\n", (unsigned)(i - 1));
    pthread_mutex_unlock(&lock);
    free(j);
    return NULL;
}

static void answer(MI_Context *context, const char *method, const char *log)
{
    MI_Instance *out = NULL;
    MI_Value v;
    MI_Context_NewDynamicInstance(context, method, 0, &out);
    if (log) {
        v.string = (MI_Char *)log;
        MI_Instance_AddElement(out, "Log", &v, MI_STRING, MI_FLAG_OUT);
    }
    v.uint32 = 0;
    MI_Instance_AddElement(out, "MIReturn", &v, MI_UINT32, MI_FLAG_OUT);
    MI_Context_PostInstance(context, out);
    MI_Instance_Delete(out);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL raise_(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                           const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    raise_job *j = calloc(1, sizeof *j);
    pthread_t t;
    pthread_attr_t attr;
    MI_Value v;
    (void)self, (void)ns, (void)cn, (void)target;
    if (!j) {
        MI_Context_PostResult(context, MI_RESULT_SERVER_LIMITS_EXCEEDED);
        return;
    }
    if (MI_Instance_GetElement(in, "Count", &v, NULL, NULL, NULL) == MI_RESULT_OK)
        j->count = v.uint32;
    if (MI_Instance_GetElement(in, "Text", &v, NULL, NULL, NULL) == MI_RESULT_OK && v.string)
        snprintf(j->text, sizeof j->text, "%s", v.string);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, raiser, j) != 0) {
        free(j);
        MI_Context_PostResult(context, MI_RESULT_FAILED);
    } else {
        answer(context, method, NULL);
    }
    pthread_attr_destroy(&attr);
}

static void MI_CALL calls_(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                           const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    char log[sizeof calls];
    (void)self, (void)ns, (void)cn, (void)target, (void)in;
    pthread_mutex_lock(&lock);
    memcpy(log, calls, sizeof log);
    pthread_mutex_unlock(&lock);
    answer(context, method, log);
}

static void MI_CALL stop(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                         const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    MI_Value v;
    (void)self, (void)ns, (void)cn, (void)target;
    if (MI_Instance_GetElement(in, "Text", &v, NULL, NULL, NULL) != MI_RESULT_OK || !v.string)
        v.string = (MI_Char *)"stopped";
    pthread_mutex_lock(&lock);
    if (alerts)
        MI_Context_PostError(alerts, MI_RESULT_NOT_SUPPORTED, MI_RESULT_TYPE_MI, v.string);
    alerts = NULL;
    note("stop\n");
    pthread_mutex_unlock(&lock);
    answer(context, method, NULL);
}

static void MI_CALL crash(void *self, MI_Context *context, const MI_Char *ns, const MI_Char *cn,
                          const MI_Char *method, const MI_Instance *target, const MI_Instance *in)
{
    (void)self, (void)context, (void)ns, (void)cn, (void)method, (void)target, (void)in;
    abort(); /* (not SIGSEGV: sanitizers catch that and exit instead) */
}

/* Test_AlertControl with the Id asked and the provider's Level. */
static void post_control(MI_Context *context, const MI_Instance *name)
{
    MI_Instance *inst = NULL;
    MI_Value v;
    MI_Type t;
    if (MI_Instance_GetElement(name, "Id", &v, &t, NULL, NULL) != MI_RESULT_OK || t != MI_STRING ||
        MI_Context_NewDynamicInstance(context, "Test_AlertControl", 0, &inst) != MI_RESULT_OK) {
        MI_Context_PostResult(context, MI_RESULT_INVALID_PARAMETER);
        return;
    }
    MI_Instance_AddElement(inst, "Id", &v, MI_STRING, MI_FLAG_KEY);
    pthread_mutex_lock(&lock);
    v.uint32 = level;
    pthread_mutex_unlock(&lock);
    MI_Instance_AddElement(inst, "Level", &v, MI_UINT32, 0);
    MI_Context_PostInstance(context, inst);
    MI_Instance_Delete(inst);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static void MI_CALL get_control(void *self, MI_Context *context, const MI_Char *ns,
                                const MI_Char *cn, const MI_Instance *name,
                                const MI_PropertySet *ps)
{
    (void)self, (void)ns, (void)cn, (void)ps;
    pthread_mutex_lock(&lock);
    note("get\n");
    pthread_mutex_unlock(&lock);
    post_control(context, name);
}

static void MI_CALL modify_control(void *self, MI_Context *context, const MI_Char *ns,
                                   const MI_Char *cn, const MI_Instance *inst,
                                   const MI_PropertySet *ps)
{
    MI_Value v;
    MI_Type t;
    (void)self, (void)ns, (void)cn, (void)ps;
    if (MI_Instance_GetElement(inst, "Level", &v, &t, NULL, NULL) != MI_RESULT_OK) {
        MI_Context_PostResult(context, MI_RESULT_INVALID_PARAMETER);
        return;
    }
    pthread_mutex_lock(&lock);
    level = t == MI_STRING ? (MI_Uint32)strtoul(v.string, NULL, 10) : v.uint32;
    note("modify %u\n", (unsigned)level);
    pthread_mutex_unlock(&lock);
    post_control(context, inst);
}

static void MI_CALL delete_control(void *self, MI_Context *context, const MI_Char *ns,
                                   const MI_Char *cn, const MI_Instance *name)
{
    (void)self, (void)ns, (void)cn, (void)name;
    pthread_mutex_lock(&lock);
    level = 1;
    note("delete\n");
    pthread_mutex_unlock(&lock);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

static const MI_ProviderFT alert_ft = {load_alert, unload,    NULL,        NULL, NULL,
                                       NULL,       NULL,      NULL,        NULL, enable,
                                       disable,    subscribe, unsubscribe, NULL};
static const MI_ProviderFT control_ft = {load,           unload,         get_control, NULL, NULL,
                                         modify_control, delete_control, NULL,        NULL, NULL,
                                         NULL,           NULL,           NULL,        NULL};

#define METHOD(name, fn)                                                                           \
    {                                                                                              \
        MI_FLAG_METHOD | MI_FLAG_STATIC, 0, name, NULL, 0, NULL, 0, 0, MI_UINT32,                  \
            "Test_AlertControl", "Test_AlertControl", NULL, fn                                     \
    }
static const MI_MethodDecl raise_decl = METHOD("Raise", raise_);
static const MI_MethodDecl calls_decl = METHOD("Calls", calls_);
static const MI_MethodDecl stop_decl = METHOD("Stop", stop);
static const MI_MethodDecl crash_decl = METHOD("Crash", crash);
static const MI_MethodDecl *const control_methods[] = {&raise_decl, &calls_decl, &stop_decl,
                                                       &crash_decl};
static const MI_ClassDecl alert_decl = {MI_FLAG_CLASS | MI_FLAG_INDICATION,
                                        0,
                                        "Test_Alert",
                                        NULL,
                                        0,
                                        NULL,
                                        0,
                                        0,
                                        NULL,
                                        NULL,
                                        NULL,
                                        0,
                                        NULL,
                                        &alert_ft,
                                        NULL};
static const MI_ClassDecl control_decl = {
    MI_FLAG_CLASS, 0,    "Test_AlertControl", NULL, 0,    NULL,        0,   0,
    NULL,          NULL, control_methods,     4,    NULL, &control_ft, NULL};
static const MI_ClassDecl *const classes[] = {&alert_decl, &control_decl};
static MI_SchemaDecl schema = {NULL, 0, classes, 2};

static MI_Module module = {MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &schema, NULL, NULL, NULL};

MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server);
MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    (void)server;
    return &module;
}
