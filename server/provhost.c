/* SPDX-License-Identifier: MIT */
/* server/provhost.c: the provider host (provhost.h): MI_Main, the MI_Context the provider
 * answers through, and the request loop. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "provhost.h"
#include "provinst.h"
#include "provset.h"
#include "provwire.h"

struct hind;

/* A class provider's life, as OMI's provider manager keeps it per class (its Provider): loaded
 * at the first request for the class (its Load), unloaded (its Unload) once idle for the idle
 * time unless it refused; the library goes when its last class has. */
typedef struct hclass {
    int loaded;                 /* its Load succeeded (the main loop's alone) */
    unsigned busy;              /* its requests running (under host.lock) */
    int refused, requested;     /* RefuseUnload, RequestUnload (under host.lock) */
    struct timespec idle_since; /* (CLOCK_MONOTONIC; 0: busy, or not looked at yet) */
} hclass;

typedef struct host {
    int fd;
    pthread_mutex_t wlock; /* one frame at a time on fd */
    MI_Module *module;
    MI_Module_Self *module_self;
    void **selves; /* per class of the schema: what its Load stored */
    pthread_mutex_t lock;
    pthread_cond_t idle;
    unsigned busy;     /* provider calls running */
    struct hctx *live; /* the requests' contexts not freed yet (under lock) */
    const srv_provhost_local *local; /* the local session, or NULL */
    /* The indication classes with subscriptions: Enable, Subscribe, Unsubscribe and Disable
     * of a host run one at a time under ind_lock, as OMI's provider manager serializes them. */
    pthread_mutex_t ind_lock;
    struct hind *inds;
    /* The module's life (idle_wait): loaded (module non-NULL) at the start and again at the
     * first request after an unload; each class provider loaded at its class's first request
     * and unloaded on its own (classes, with selves); the module unloaded when no class
     * provider is loaded and it is idle (at once when its last class went, as OMI does; after
     * the idle time when none was loaded since it was). wake tells the main loop that the host
     * may have become idle. */
    const char *path;
    void *dl;
    unsigned idle_timeout; /* seconds idle before the unload; 0: never */
    hclass *classes;
    struct timespec idle_since; /* the module's, with no class loaded (as hclass's) */
    int wake;                   /* an eventfd, or -1 */
} host;

/* A request's context. The provider may post from the calling thread or later from another;
 * the context lives until the call has returned and a result was posted (refs). */
typedef struct hctx {
    MI_Context base; /* first: the provider's MI_Context * is a hctx * */
    host *h;
    uint64_t id;
    int k; /* the class it serves (index in the schema; its Load's too), -1: none */
    pthread_mutex_t lock;
    int done; /* a result was posted */
    int refs;
    int sync; /* a Load/Unload context: the result stays here instead of going out */
    MI_Result sync_result;
    char sync_message[256];
    /* An indication context (the one EnableIndications gets): the class whose indications
     * it carries, until DisableIndications. A result posted on it outside Enable and Disable
     * (quiet, under lock) ends the class's subscriptions. */
    const char *ind_class;
    int quiet;
    /* What the client asked with the request ("": nothing), and its custom options (NULL:
     * none), for GetLocale and Get...Option at any time until the context goes. */
    char locale[MI_MAX_LOCALE_SIZE], data_locale[MI_MAX_LOCALE_SIZE];
    MI_Instance *options;
    struct hctx *prev, *next; /* in host.live (request contexts) */
    /* The server gave up on the request (PW_CANCEL, or its connection closed): the callback
     * the provider registered runs once, its later posts are refused and its result ends the
     * context without going out (under lock). */
    int cancelled;
    MI_CancellationReason cancel_reason;
    MI_CancelCallback cancel_cb;
    void *cancel_data;
} hctx;

static int send_frame_rc(void *ctx, wsman_buf *b)
{
    host *h = ctx;
    int rc;
    if (pw_end(b) != 0)
        return -1;
    pthread_mutex_lock(&h->wlock);
    rc = pw_send(h->fd, b);
    pthread_mutex_unlock(&h->wlock);
    return rc;
}

static void send_frame(host *h, wsman_buf *b)
{
    (void)send_frame_rc(h, b);
}

/* A class provider or the module may have become idle (a request ended, a context went, an
 * unload was requested): the main loop looks again (idle_wait). */
static void host_wake(host *h)
{
    if (h->wake >= 0) {
        uint64_t one = 1;
        (void)!write(h->wake, &one, sizeof one);
    }
}

static void ctx_free(hctx *c)
{
    if (c->options)
        MI_Instance_Delete(c->options);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static void ctx_unref(hctx *c)
{
    int refs;
    pthread_mutex_lock(&c->lock);
    refs = --c->refs;
    pthread_mutex_unlock(&c->lock);
    if (refs != 0)
        return;
    if (!c->sync) {
        pthread_mutex_lock(&c->h->lock);
        if (c->prev)
            c->prev->next = c->next;
        else
            c->h->live = c->next;
        if (c->next)
            c->next->prev = c->prev;
        host_wake(c->h);
        pthread_mutex_unlock(&c->h->lock);
    }
    ctx_free(c);
}

/* Sends the outcome once; later posts are refused. */
static MI_Result finish(hctx *c, MI_Result result, const char *message, const MI_Instance *error)
{
    wsman_buf b;
    int cancelled;
    pthread_mutex_lock(&c->lock);
    if (c->done) {
        pthread_mutex_unlock(&c->lock);
        return MI_RESULT_FAILED;
    }
    c->done = 1;
    cancelled = c->cancelled;
    pthread_mutex_unlock(&c->lock);
    c->sync_result = result;
    if (cancelled && !c->sync && !c->ind_class) {
        ctx_unref(c); /* the server no longer waits for it */
        return MI_RESULT_OK;
    }
    if (c->sync) {
        snprintf(c->sync_message, sizeof c->sync_message, "%s", message ? message : "");
        return MI_RESULT_OK;
    }
    util_buf_init(&b);
    if (c->ind_class) {
        int quiet;
        pthread_mutex_lock(&c->lock);
        quiet = c->quiet;
        pthread_mutex_unlock(&c->lock);
        if (!quiet) {
            pw_begin(&b, PW_IND_END, 0);
            pw_str(&b, c->ind_class);
            pw_u32(&b, (uint32_t)result);
            pw_str(&b, message);
            send_frame(c->h, &b);
        }
        util_buf_free(&b);
        ctx_unref(c);
        return MI_RESULT_OK;
    }
    pw_begin(&b, PW_RESULT, c->id);
    pw_u32(&b, (uint32_t)result);
    pw_str(&b, message);
    pw_u8(&b, error ? 1 : 0);
    if (error && pw_instance(&b, error) != MI_RESULT_OK) {
        /* an error instance that cannot travel: the result and message still do */
        pw_begin(&b, PW_RESULT, c->id);
        pw_u32(&b, (uint32_t)result);
        pw_str(&b, message);
        pw_u8(&b, 0);
    }
    send_frame(c->h, &b);
    util_buf_free(&b);
    ctx_unref(c);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_post_result(MI_Context *context, MI_Result result)
{
    return finish((hctx *)context, result, NULL, NULL);
}

static MI_Result MI_CALL c_post_instance(MI_Context *context, const MI_Instance *instance)
{
    hctx *c = (hctx *)context;
    wsman_buf b;
    MI_Result r;
    int done;
    if (!instance)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&c->lock);
    done = c->done || c->cancelled;
    pthread_mutex_unlock(&c->lock);
    if (done || c->sync)
        return MI_RESULT_FAILED;
    util_buf_init(&b);
    pw_begin(&b, PW_INSTANCE, c->id);
    r = pw_instance(&b, instance);
    if (r == MI_RESULT_OK)
        send_frame(c->h, &b);
    util_buf_free(&b);
    return r;
}

/* On the context EnableIndications gave, from any thread until DisableIndications: the server
 * hands the indication to each of the class's subscriptions whose filter it matches. The
 * count of subscription IDs is not used (neither does OMI). */
static MI_Result MI_CALL c_post_indication(MI_Context *context, const MI_Instance *indication,
                                           MI_Uint32 count, const MI_Char *bookmark)
{
    hctx *c = (hctx *)context;
    wsman_buf b;
    MI_Result r;
    int done;
    (void)count;
    if (!c || !indication)
        return MI_RESULT_INVALID_PARAMETER;
    if (!c->ind_class)
        return MI_RESULT_NOT_SUPPORTED; /* a request's context carries no indications */
    pthread_mutex_lock(&c->lock);
    done = c->done;
    pthread_mutex_unlock(&c->lock);
    if (done)
        return MI_RESULT_FAILED;
    util_buf_init(&b);
    pw_begin(&b, PW_INDICATION, 0);
    pw_str(&b, c->ind_class);
    pw_str(&b, bookmark);
    r = pw_instance(&b, indication);
    if (r == MI_RESULT_OK)
        send_frame(c->h, &b);
    util_buf_free(&b);
    return r;
}

/* In the provider's memory, laid out as OMI's generated structs (provinst.h). */
static MI_Result MI_CALL c_construct_instance(MI_Context *context, const MI_ClassDecl *decl,
                                              MI_Instance *instance)
{
    if (!context)
        return MI_RESULT_INVALID_PARAMETER;
    return srv_provinst_construct(instance, decl);
}

static MI_Result MI_CALL c_construct_parameters(MI_Context *context, const MI_MethodDecl *decl,
                                                MI_Instance *instance)
{
    if (!context || !decl)
        return MI_RESULT_INVALID_PARAMETER;
    /* (a method's declaration begins as a class's: OMI reads it as its parameters' class) */
    return srv_provinst_construct(instance, (const MI_ClassDecl *)(const void *)decl);
}

static MI_Result MI_CALL c_new_instance(MI_Context *context, const MI_ClassDecl *decl,
                                        MI_Instance **instance)
{
    (void)context;
    if (!decl || !instance)
        return MI_RESULT_INVALID_PARAMETER;
    return mic_instance_new(NULL, decl, instance);
}

static MI_Result MI_CALL c_new_dynamic_instance(MI_Context *context, const MI_Char *className,
                                                MI_Uint32 flags, MI_Instance **instance)
{
    (void)context;
    (void)flags;
    if (!className || !instance)
        return MI_RESULT_INVALID_PARAMETER;
    return mic_instance_new(className, NULL, instance);
}

/* The parameters of a method: a dynamic instance with MIReturn and every parameter, NULL
 * (generated tables list MIReturn among the parameters; OMI's do not). */
static MI_Result MI_CALL c_new_parameters(MI_Context *context, const MI_MethodDecl *decl,
                                          MI_Instance **instance)
{
    MI_Instance *inst;
    MI_Uint32 i;
    MI_Result r;
    (void)context;
    if (!decl || !instance)
        return MI_RESULT_INVALID_PARAMETER;
    *instance = NULL;
    r = mic_instance_new(decl->name, NULL, &inst);
    if (r != MI_RESULT_OK)
        return r;
    r = MI_Instance_AddElement(inst, "MIReturn", NULL, (MI_Type)decl->returnType,
                               MI_FLAG_NULL | MI_FLAG_OUT);
    for (i = 0; r == MI_RESULT_OK && i < decl->numParameters; i++) {
        const MI_ParameterDecl *p = decl->parameters[i];
        r = MI_Instance_AddElement(inst, p->name, NULL, (MI_Type)p->type,
                                   MI_FLAG_NULL | (p->flags & (MI_FLAG_IN | MI_FLAG_OUT)));
        if (r == MI_RESULT_ALREADY_EXISTS) /* MIReturn, when the table lists it too */
            r = MI_RESULT_OK;
    }
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        return r;
    }
    *instance = inst;
    return MI_RESULT_OK;
}

static int ctx_cancelled(const hctx *c)
{
    int cancelled;
    pthread_mutex_lock((pthread_mutex_t *)&c->lock);
    cancelled = c->cancelled;
    pthread_mutex_unlock((pthread_mutex_t *)&c->lock);
    return cancelled;
}

static MI_Result MI_CALL c_canceled(const MI_Context *context, MI_Boolean *flag)
{
    if (!context || !flag)
        return MI_RESULT_INVALID_PARAMETER;
    *flag = ctx_cancelled((const hctx *)context) ? MI_TRUE : MI_FALSE;
    return MI_RESULT_OK;
}

/* The locales the client sent (w:Locale, p:DataLocale). The closest ones are the requested
 * ones (the provider writes its own text), the data locale defaulting to the UI one; without
 * either, en-US: the language of the server's own messages. */
static MI_Result MI_CALL c_get_locale(const MI_Context *context, MI_LocaleType type,
                                      MI_Char locale[MI_MAX_LOCALE_SIZE])
{
    const hctx *c = (const hctx *)context;
    const char *l;
    if (!c || !locale || (unsigned)type > MI_LOCALE_TYPE_CLOSEST_DATA)
        return MI_RESULT_INVALID_PARAMETER;
    l = c->locale;
    if ((type == MI_LOCALE_TYPE_REQUESTED_DATA || type == MI_LOCALE_TYPE_CLOSEST_DATA) &&
        c->data_locale[0])
        l = c->data_locale;
    snprintf(locale, MI_MAX_LOCALE_SIZE, "%s", l[0] ? l : "en-US");
    return MI_RESULT_OK;
}

/* The callback runs once, on the host's reading thread when the server cancels (it must not
 * block), or at once on the caller's when the request was cancelled already. A later
 * registration replaces an earlier one that has not run, as MI documents. */
static MI_Result MI_CALL c_register_cancel(MI_Context *context, MI_CancelCallback callback,
                                           void *data)
{
    hctx *c = (hctx *)context;
    MI_CancellationReason reason;
    int now;
    if (!c || !callback)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&c->lock);
    now = c->cancelled;
    reason = c->cancel_reason;
    c->cancel_cb = now ? NULL : callback;
    c->cancel_data = data;
    pthread_mutex_unlock(&c->lock);
    if (now)
        callback(reason, data);
    return MI_RESULT_OK;
}

/* OMI's semantics, per class provider (the context's class: a request's, its class Load's;
 * the module's Load and Unload have none and answer INVALID_PARAMETER, as OMI's): RefuseUnload
 * keeps it loaded while idle; RequestUnload undoes that and, as its name asks, unloads it once
 * its requests are done (OMI only clears the refusal and waits for the idle time). Either holds
 * until the class provider is unloaded. */
static MI_Result unload_hint(MI_Context *context, int refuse)
{
    hctx *c = (hctx *)context;
    if (!c || c->k < 0 || !c->h->classes)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&c->h->lock);
    c->h->classes[c->k].refused = refuse;
    c->h->classes[c->k].requested = !refuse;
    pthread_mutex_unlock(&c->h->lock);
    if (!refuse)
        host_wake(c->h);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_request_unload(MI_Context *context)
{
    return unload_hint(context, 0);
}

static MI_Result MI_CALL c_refuse_unload(MI_Context *context)
{
    return unload_hint(context, 1);
}

/* The host's one session to the server that runs it (provsession.c): owned by the host, shared
 * by its providers, valid until they are unloaded. */
static MI_Result MI_CALL c_get_local_session(const MI_Context *context, MI_Session *session)
{
    const hctx *c = (const hctx *)context;
    if (!c || !session)
        return MI_RESULT_INVALID_PARAMETER;
    if (!c->h->local)
        return MI_RESULT_NOT_SUPPORTED; /* the in-process host (debugging) has none */
    return c->h->local->session(send_frame_rc, c->h, session);
}

static MI_Result MI_CALL c_set_string_option(MI_Context *context, const MI_Char *name,
                                             const MI_Char *value)
{
    (void)context;
    (void)name;
    (void)value;
    return MI_RESULT_NOT_SUPPORTED;
}

/* The client's custom operation options, as the request carried them (typed by their Type
 * attribute); values stay valid as long as the context. */
static MI_Result MI_CALL c_get_custom_option(MI_Context *context, const MI_Char *name,
                                             MI_Type *type, MI_Value *value)
{
    hctx *c = (hctx *)context;
    MI_Value v;
    MI_Type t;
    if (!c || !name)
        return MI_RESULT_INVALID_PARAMETER;
    if (!c->options || MI_Instance_GetElement(c->options, name, &v, &t, NULL, NULL) != MI_RESULT_OK)
        return MI_RESULT_NO_SUCH_PROPERTY;
    if (type)
        *type = t;
    if (value)
        *value = v;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_get_string_option(MI_Context *context, const MI_Char *name,
                                             const MI_Char **value)
{
    MI_Value v;
    MI_Type t;
    MI_Result r = c_get_custom_option(context, name, &t, &v);
    if (r != MI_RESULT_OK)
        return r;
    if (t != MI_STRING)
        return MI_RESULT_TYPE_MISMATCH;
    if (value)
        *value = v.string;
    return MI_RESULT_OK;
}

/* A number of any integer type that fits in 32 bits unsigned. */
static MI_Result MI_CALL c_get_number_option(MI_Context *context, const MI_Char *name,
                                             MI_Uint32 *value)
{
    MI_Value v;
    MI_Type t;
    MI_Uint64 u;
    MI_Result r = c_get_custom_option(context, name, &t, &v);
    if (r != MI_RESULT_OK)
        return r;
    switch (t) {
    case MI_UINT8:
        u = v.uint8;
        break;
    case MI_UINT16:
        u = v.uint16;
        break;
    case MI_UINT32:
        u = v.uint32;
        break;
    case MI_UINT64:
        u = v.uint64;
        break;
    case MI_SINT8:
        u = v.sint8 < 0 ? (MI_Uint64)-1 : (MI_Uint64)v.sint8;
        break;
    case MI_SINT16:
        u = v.sint16 < 0 ? (MI_Uint64)-1 : (MI_Uint64)v.sint16;
        break;
    case MI_SINT32:
        u = v.sint32 < 0 ? (MI_Uint64)-1 : (MI_Uint64)v.sint32;
        break;
    case MI_SINT64:
        u = v.sint64 < 0 ? (MI_Uint64)-1 : (MI_Uint64)v.sint64;
        break;
    default:
        return MI_RESULT_TYPE_MISMATCH;
    }
    if (u > 0xffffffffu)
        return MI_RESULT_TYPE_MISMATCH;
    if (value)
        *value = (MI_Uint32)u;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_get_custom_option_count(MI_Context *context, MI_Uint32 *count)
{
    hctx *c = (hctx *)context;
    if (!c || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = 0;
    return c->options ? MI_Instance_GetElementCount(c->options, count) : MI_RESULT_OK;
}

static MI_Result MI_CALL c_get_custom_option_at(MI_Context *context, MI_Uint32 index,
                                                const MI_Char **name, MI_Type *type,
                                                MI_Value *value)
{
    hctx *c = (hctx *)context;
    const MI_Char *n = NULL;
    MI_Value v;
    MI_Type t;
    if (!c)
        return MI_RESULT_INVALID_PARAMETER;
    if (!c->options ||
        MI_Instance_GetElementAt(c->options, index, &n, &v, &t, NULL) != MI_RESULT_OK)
        return MI_RESULT_NOT_FOUND;
    if (name)
        *name = n;
    if (type)
        *type = t;
    if (value)
        *value = v;
    return MI_RESULT_OK;
}

/* Messages go to the server's log, which names the provider. */
static void log_line(hctx *c, MI_Uint32 channel, const char *message)
{
    wsman_buf b;
    if (c->sync && !c->h->fd)
        return;
    util_buf_init(&b);
    pw_begin(&b, PW_LOG, c->id);
    pw_u32(&b, channel);
    pw_str(&b, message);
    send_frame(c->h, &b);
    util_buf_free(&b);
}

static MI_Result MI_CALL c_write_message(MI_Context *context, MI_Uint32 channel,
                                         const MI_Char *message)
{
    if (!message)
        return MI_RESULT_INVALID_PARAMETER;
    log_line((hctx *)context, channel, message);
    return MI_RESULT_OK;
}

/* WS-Man has no progress stream to the client: the server's log has it, as a verbose line. */
static MI_Result MI_CALL c_write_progress(MI_Context *context, const MI_Char *activity,
                                          const MI_Char *operation, const MI_Char *status,
                                          MI_Uint32 percent, MI_Uint32 seconds)
{
    char line[512];
    if (!context || !activity)
        return MI_RESULT_INVALID_PARAMETER;
    snprintf(line, sizeof line, "progress: %.150s: %.150s: %.150s (%u %%, %u s left)", activity,
             operation ? operation : "", status ? status : "", (unsigned)percent,
             (unsigned)seconds);
    log_line((hctx *)context, MI_WRITEMESSAGE_CHANNEL_VERBOSE, line);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_write_stream_parameter(MI_Context *context, const MI_Char *name,
                                                  const MI_Value *value, MI_Type type,
                                                  MI_Uint32 flags)
{
    (void)context;
    (void)name;
    (void)value;
    (void)type;
    (void)flags;
    return MI_RESULT_NOT_SUPPORTED;
}

/* The Message of a CIM_Error-shaped instance, or NULL. */
static const char *error_message(const MI_Instance *error)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;
    if (error && MI_Instance_GetElement(error, "Message", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        t == MI_STRING && !(flags & MI_FLAG_NULL))
        return v.string;
    return NULL;
}

static MI_Result MI_CALL c_write_cim_error(MI_Context *context, const MI_Instance *error,
                                           MI_Boolean *flag)
{
    const char *m = error_message(error);
    log_line((hctx *)context, MI_WRITEMESSAGE_CHANNEL_WARNING, m ? m : "(an error instance)");
    if (flag)
        *flag = MI_TRUE;
    return MI_RESULT_OK;
}

/* ---- prompts ------------------------------------------------------------------------------
 * WS-Man gives the server no way to ask the client a question in the middle of a request (WinRM
 * does it only with PowerShell's remoting messages), so the answers come from what the client
 * said in advance, as MS-WSMV 2.2.10 carries it in the request's OptionSet:
 * wmi:__MI_OPERATIONOPTIONS_PROMPTUSERMODE (an MI_CallbackMode) and
 * wmi:__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE (the automatic answer; PowerShell's
 * -WhatIf sends REPORT with false, -Confirm INQUIRE). A cancelled request is answered no. A
 * client that wants to be asked (INQUIRE) cannot be: NOT_SUPPORTED and no, as OMI answers every
 * prompt. A critical prompt is answered automatically only when the client said not to be asked
 * (IGNORE); otherwise NOT_SUPPORTED and no. Everything else gets the automatic answer, yes when
 * the client sent none. doc/providers.md lists the cases. */

/* The option name (the server gives it without MS-WSMV's "wmi:" prefix) as a number or a
 * boolean (a number, a boolean or its text): 0 when the client sent it. */
static int prompt_option(hctx *c, const char *name, MI_Uint32 *v)
{
    MI_Value value;
    MI_Type type;
    if (c_get_number_option(&c->base, name, v) == MI_RESULT_OK)
        return 0;
    if (c_get_custom_option(&c->base, name, &type, &value) != MI_RESULT_OK)
        return -1;
    if (type == MI_BOOLEAN)
        *v = value.boolean ? 1 : 0;
    else if (type == MI_STRING && value.string && strcasecmp(value.string, "true") == 0)
        *v = 1;
    else if (type == MI_STRING && value.string && strcasecmp(value.string, "false") == 0)
        *v = 0;
    else
        return -1;
    return 0;
}

static MI_Result prompt_answer(MI_Context *context, int critical, MI_Boolean *result)
{
    hctx *c = (hctx *)context;
    MI_Uint32 mode = MI_CALLBACKMODE_REPORT, ack = 1;
    int have_mode;
    if (!c || !result)
        return MI_RESULT_INVALID_PARAMETER;
    *result = MI_FALSE;
    if (ctx_cancelled(c))
        return MI_RESULT_OK;
    have_mode = prompt_option(c, "__MI_OPERATIONOPTIONS_PROMPTUSERMODE", &mode) == 0;
    (void)prompt_option(c, "__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE", &ack);
    if (have_mode && mode == MI_CALLBACKMODE_INQUIRE)
        return MI_RESULT_NOT_SUPPORTED; /* no way to ask over WS-Man */
    if (critical && !(have_mode && mode == MI_CALLBACKMODE_IGNORE))
        return MI_RESULT_NOT_SUPPORTED;
    *result = ack ? MI_TRUE : MI_FALSE;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_prompt_user(MI_Context *context, const MI_Char *message,
                                       MI_PromptType type, MI_Boolean *result)
{
    (void)message;
    return prompt_answer(context, type == MI_PROMPTTYPE_CRITICAL, result);
}

static MI_Result MI_CALL c_should_process(MI_Context *context, const MI_Char *target,
                                          const MI_Char *action, MI_Boolean *result)
{
    (void)target;
    (void)action;
    return prompt_answer(context, 0, result);
}

static MI_Result MI_CALL c_should_continue(MI_Context *context, const MI_Char *message,
                                           MI_Boolean *result)
{
    (void)message;
    return prompt_answer(context, 0, result);
}

static MI_Result MI_CALL c_post_error(MI_Context *context, MI_Uint32 code, const MI_Char *type,
                                      const MI_Char *message)
{
    /* A code of another space (HRESULT, errno ...) is a failure the MI space names FAILED. */
    MI_Result r = (!type || strcmp(type, MI_RESULT_TYPE_MI) == 0) && code != 0 && code <= 28
                      ? (MI_Result)code
                      : MI_RESULT_FAILED;
    return finish((hctx *)context, r, message, NULL);
}

static MI_Result MI_CALL c_post_cim_error(MI_Context *context, const MI_Instance *error)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags = 0;
    MI_Result r = MI_RESULT_FAILED;
    if (!error)
        return MI_RESULT_INVALID_PARAMETER;
    if (MI_Instance_GetElement(error, "CIMStatusCode", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        !(flags & MI_FLAG_NULL) && t == MI_UINT32 && v.uint32 != 0 && v.uint32 <= 28)
        r = (MI_Result)v.uint32;
    return finish((hctx *)context, r, error_message(error), error);
}

static MI_Result MI_CALL c_write_error(MI_Context *context, MI_Uint32 code, const MI_Char *type,
                                       const MI_Char *message, MI_Boolean *flag)
{
    char line[512];
    snprintf(line, sizeof line, "error %u (%s): %s", (unsigned)code, type ? type : "MI",
             message ? message : "");
    log_line((hctx *)context, MI_WRITEMESSAGE_CHANNEL_WARNING, line);
    if (flag)
        *flag = MI_TRUE;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_lifecycle(const MI_Context *context,
                                     MI_LifecycleIndicationContext **lifecycle)
{
    (void)context;
    if (lifecycle)
        *lifecycle = NULL;
    return MI_RESULT_NOT_SUPPORTED;
}

static const MI_ContextFT context_ft = {
    c_post_result,
    c_post_instance,
    c_post_indication,
    c_construct_instance,
    c_construct_parameters,
    c_new_instance,
    c_new_dynamic_instance,
    c_new_parameters,
    c_canceled,
    c_get_locale,
    c_register_cancel,
    c_request_unload,
    c_refuse_unload,
    c_get_local_session,
    c_set_string_option,
    c_get_string_option,
    c_get_number_option,
    c_get_custom_option,
    c_get_custom_option_count,
    c_get_custom_option_at,
    c_write_message,
    c_write_progress,
    c_write_stream_parameter,
    c_write_cim_error,
    c_prompt_user,
    c_should_process,
    c_should_continue,
    c_post_error,
    c_post_cim_error,
    c_write_error,
    c_lifecycle,
};

static MI_Result MI_CALL s_get_version(MI_Uint32 *version)
{
    if (!version)
        return MI_RESULT_INVALID_PARAMETER;
    *version = MI_VERSION;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL s_get_system_name(const MI_Char **name)
{
    static char buf[256]; /* written once, before any request thread exists */
    if (!name)
        return MI_RESULT_INVALID_PARAMETER;
    if (!buf[0] && gethostname(buf, sizeof buf - 1) != 0)
        strcpy(buf, "localhost");
    *name = buf;
    return MI_RESULT_OK;
}

static const MI_ServerFT server_ft = {s_get_version, s_get_system_name};

/* A context for a request (sync 0: listed in h->live until freed) or a call whose result
 * stays in it (sync 1); k its class (-1: none). */
static hctx *ctx_new_k(host *h, uint64_t id, int sync, int k)
{
    hctx *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->base.ft = &context_ft;
    c->h = h;
    c->id = id;
    c->k = k;
    c->sync = sync;
    c->refs = sync ? 1 : 2; /* the call and the result */
    c->sync_result = MI_RESULT_FAILED;
    pthread_mutex_init(&c->lock, NULL);
    if (!sync) {
        pthread_mutex_lock(&h->lock);
        c->next = h->live;
        if (h->live)
            h->live->prev = c;
        h->live = c;
        pthread_mutex_unlock(&h->lock);
    }
    return c;
}

static hctx *ctx_new(host *h, uint64_t id, int sync)
{
    return ctx_new_k(h, id, sync, -1);
}

/* ---- requests ------------------------------------------------------------------------------ */

static const MI_ClassDecl *class_of(void *ctx, const char *name)
{
    host *h = ctx;
    const MI_SchemaDecl *s = h->module->schemaDecl;
    MI_Uint32 i;
    for (i = 0; s && i < s->numClassDecls; i++)
        if (strcasecmp(s->classDecls[i]->name, name) == 0)
            return s->classDecls[i];
    return NULL;
}

static MI_Uint32 class_index(host *h, const MI_ClassDecl *cd)
{
    MI_Uint32 i;
    for (i = 0; i < h->module->schemaDecl->numClassDecls; i++)
        if (h->module->schemaDecl->classDecls[i] == cd)
            return i;
    return 0;
}

/* The index of the class a provider of the module serves by that name, or -1. */
static int class_k(host *h, const char *name)
{
    const MI_ClassDecl *cd = class_of(h, name);
    return cd && cd->providerFT ? (int)class_index(h, cd) : -1;
}

/* An Enumerate's query as the provider sees it. The server filters what the provider posts
 * (the schema the query is checked against lives there), so a provider may ignore it or use
 * its expression to post less; Evaluate is not offered here. */
typedef struct hfilter {
    MI_Filter base; /* first: the provider's MI_Filter * is a hfilter * */
    const char *lang, *expr;
} hfilter;

static MI_Result MI_CALL f_evaluate(const MI_Filter *self, const MI_Instance *instance,
                                    MI_Boolean *result)
{
    (void)self;
    (void)instance;
    if (result)
        *result = MI_TRUE;
    return MI_RESULT_NOT_SUPPORTED;
}

static MI_Result MI_CALL f_get_expression(const MI_Filter *self, const MI_Char **queryLang,
                                          const MI_Char **queryExpr)
{
    const hfilter *f = (const hfilter *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (queryLang)
        *queryLang = f->lang;
    if (queryExpr)
        *queryExpr = f->expr;
    return MI_RESULT_OK;
}

static const MI_FilterFT filter_ft = {f_evaluate, f_get_expression};

typedef struct job {
    host *h;
    hctx *c;
    unsigned char *frame;
    uint8_t op, keys_only;
    const char *ns, *cls, *method;
    MI_Instance *a, *b;
    /* NULL when the server sent none, as OMI passes them */
    const char *result_class, *role, *result_role;
    hfilter filter;
    bool has_filter;
    srv_propset props; /* the properties asked for: an MI_PropertySet when n_props */
    uint32_t n_props;
    uint64_t sid;         /* Subscribe, Unsubscribe: the subscription's ID */
    const char *bookmark; /* Subscribe: NULL when none */
    int k;                /* the class's index when a provider serves it, else -1 */
    MI_Result loaded;     /* its class provider's Load (the main loop's, before the job) */
    char load_msg[200];
} job;

/* ---- indications -------------------------------------------------------------------------- */

typedef struct hsub {
    uint64_t id;
    void *self; /* what the provider's Subscribe stored */
} hsub;

/* An indication class with subscriptions (or enabled): under host.ind_lock. */
typedef struct hind {
    struct hind *next;
    const MI_ClassDecl *cd;
    void *self;
    char *ns;  /* the namespace EnableIndications was given */
    hctx *ctx; /* the indication context; NULL while not enabled */
    hsub *subs;
    size_t n, cap;
} hind;

static hind *ind_find(host *h, const MI_ClassDecl *cd, void *self, int create)
{
    hind *x;
    for (x = h->inds; x; x = x->next)
        if (x->cd == cd)
            return x;
    if (!create || !(x = calloc(1, sizeof *x)))
        return NULL;
    x->cd = cd;
    x->self = self;
    x->next = h->inds;
    h->inds = x;
    return x;
}

static int ctx_done(hctx *c)
{
    int done;
    pthread_mutex_lock(&c->lock);
    done = c->done;
    pthread_mutex_unlock(&c->lock);
    return done;
}

/* DisableIndications on the class's context (unless the provider already ended it by posting
 * a result), then the context goes: posts on it fail from now on. */
static void ind_disable(host *h, hind *x)
{
    hctx *c = x->ctx;
    const MI_ProviderFT *ft = x->cd->providerFT;
    int done;
    (void)h;
    if (!c)
        return;
    x->ctx = NULL;
    pthread_mutex_lock(&c->lock);
    c->quiet = 1; /* the result Disable posts ends nothing more */
    done = c->done;
    pthread_mutex_unlock(&c->lock);
    if (!done && ft->DisableIndications)
        ft->DisableIndications(x->self, &c->base, x->ns, x->cd->name);
    pthread_mutex_lock(&c->lock);
    done = c->done;
    c->done = 1;
    pthread_mutex_unlock(&c->lock);
    if (!done)
        ctx_unref(c); /* the result's reference: none was posted */
    ctx_unref(c);     /* the class's */
}

/* EnableIndications with a new indication context, kept until DisableIndications. A result
 * the provider posts during the call refuses it. */
static MI_Result ind_enable(host *h, hind *x, const char *ns)
{
    const MI_ProviderFT *ft = x->cd->providerFT;
    hctx *c = ctx_new_k(h, 0, 0, (int)class_index(h, x->cd)); /* (keeps the class loaded) */
    int failed;
    if (!c)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    free(x->ns);
    if (!(x->ns = strdup(ns))) {
        c->done = 1;
        ctx_unref(c);
        ctx_unref(c);
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    }
    c->ind_class = x->cd->name;
    c->quiet = 1;
    x->ctx = c;
    if (ft->EnableIndications)
        ft->EnableIndications(x->self, &c->base, ns, x->cd->name);
    pthread_mutex_lock(&c->lock);
    failed = c->done;
    c->quiet = 0;
    pthread_mutex_unlock(&c->lock);
    if (!failed)
        return MI_RESULT_OK;
    failed = c->sync_result == MI_RESULT_OK ? MI_RESULT_FAILED : c->sync_result;
    x->ctx = NULL;
    ctx_unref(c); /* the class's (posting the result dropped the other) */
    return (MI_Result)failed;
}

static void ind_forget(host *h, hind *x)
{
    hind **pp;
    for (pp = &h->inds; *pp; pp = &(*pp)->next)
        if (*pp == x) {
            *pp = x->next;
            break;
        }
    free(x->subs);
    free(x->ns);
    free(x);
}

/* Subscribe: the class enabled first when it has no subscription, the provider's Subscribe
 * called with a context for its answer only (a result posted there refuses the subscription;
 * none accepts it), as OMI calls it. */
static void ind_subscribe(job *j, const MI_ClassDecl *cd, void *self)
{
    host *h = j->h;
    MI_Context *ctx = &j->c->base;
    const MI_ProviderFT *ft = cd->providerFT;
    hind *x;
    hctx *sc;
    void *subself = NULL;
    MI_Result r;
    char msg[300];
    if (!ft->Subscribe || !(cd->flags & MI_FLAG_INDICATION)) {
        snprintf(msg, sizeof msg, "The provider offers no subscriptions to %s", cd->name);
        c_post_error(ctx, MI_RESULT_NOT_SUPPORTED, MI_RESULT_TYPE_MI, msg);
        return;
    }
    pthread_mutex_lock(&h->ind_lock);
    x = ind_find(h, cd, self, 1);
    if (x && x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 4;
        hsub *nv = realloc(x->subs, cap * sizeof *nv);
        if (nv) {
            x->subs = nv;
            x->cap = cap;
        }
    }
    if (!x || x->n == x->cap) {
        pthread_mutex_unlock(&h->ind_lock);
        c_post_error(ctx, MI_RESULT_SERVER_LIMITS_EXCEEDED, MI_RESULT_TYPE_MI, "out of memory");
        return;
    }
    if (x->ctx && ctx_done(x->ctx))
        ind_disable(h, x); /* the provider ended the class's indications: enabled anew */
    if (!x->ctx && (r = ind_enable(h, x, j->ns)) != MI_RESULT_OK) {
        if (!x->n)
            ind_forget(h, x);
        pthread_mutex_unlock(&h->ind_lock);
        snprintf(msg, sizeof msg, "The provider's EnableIndications of %s failed", cd->name);
        c_post_error(ctx, r, MI_RESULT_TYPE_MI, msg);
        return;
    }
    sc = ctx_new(h, 0, 1);
    if (!sc) {
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        snprintf(msg, sizeof msg, "out of memory");
    } else {
        ft->Subscribe(self, &sc->base, j->ns, cd->name, j->has_filter ? &j->filter.base : NULL,
                      j->bookmark, j->sid, &subself);
        r = sc->done ? sc->sync_result : MI_RESULT_OK;
        snprintf(msg, sizeof msg, "%s", sc->done ? sc->sync_message : "");
        ctx_unref(sc);
    }
    if (r == MI_RESULT_OK) {
        x->subs[x->n].id = j->sid;
        x->subs[x->n++].self = subself;
    } else if (!x->n) {
        ind_disable(h, x);
        ind_forget(h, x);
    }
    pthread_mutex_unlock(&h->ind_lock);
    if (r == MI_RESULT_OK)
        c_post_result(ctx, MI_RESULT_OK);
    else
        c_post_error(ctx, r, MI_RESULT_TYPE_MI, msg[0] ? msg : NULL);
}

/* The provider's Unsubscribe of one subscription; DisableIndications after the last. */
static void ind_unsubscribe_at(host *h, hind *x, size_t i)
{
    const MI_ProviderFT *ft = x->cd->providerFT;
    hctx *sc;
    if (ft->Unsubscribe && (sc = ctx_new(h, 0, 1)) != NULL) {
        ft->Unsubscribe(x->self, &sc->base, x->ns, x->cd->name, x->subs[i].id, x->subs[i].self);
        ctx_unref(sc);
    }
    x->subs[i] = x->subs[--x->n];
    if (!x->n) {
        ind_disable(h, x);
        ind_forget(h, x);
    }
}

static void ind_unsubscribe(job *j, const MI_ClassDecl *cd)
{
    host *h = j->h;
    hind *x;
    size_t i;
    pthread_mutex_lock(&h->ind_lock);
    x = ind_find(h, cd, NULL, 0);
    for (i = 0; x && i < x->n && x->subs[i].id != j->sid; i++)
        ;
    if (!x || i == x->n) {
        pthread_mutex_unlock(&h->ind_lock);
        c_post_result(&j->c->base, MI_RESULT_NOT_FOUND);
        return;
    }
    ind_unsubscribe_at(h, x, i);
    pthread_mutex_unlock(&h->ind_lock);
    c_post_result(&j->c->base, MI_RESULT_OK);
}

/* Before the providers unload: every subscription ends, every class is disabled. */
static void ind_shutdown(host *h)
{
    pthread_mutex_lock(&h->ind_lock);
    while (h->inds) {
        hind *x = h->inds;
        if (x->n)
            ind_unsubscribe_at(h, x, x->n - 1);
        else {
            ind_disable(h, x);
            ind_forget(h, x);
        }
    }
    pthread_mutex_unlock(&h->ind_lock);
}

/* Before class cd's provider unloads on its own (it is idle: it has no subscription unless
 * its EnableIndications failed while some were left), what is left of its indications ends.
 * Returns 0, or -1 when the indications are busy (another class's Subscribe holds them, which
 * may wait for the main loop: it does not wait here). */
static int ind_end_class(host *h, const MI_ClassDecl *cd)
{
    hind *x;
    if (pthread_mutex_trylock(&h->ind_lock) != 0)
        return -1;
    while ((x = ind_find(h, cd, NULL, 0)) != NULL) {
        if (x->n) {
            ind_unsubscribe_at(h, x, x->n - 1);
        } else {
            ind_disable(h, x);
            ind_forget(h, x);
        }
    }
    pthread_mutex_unlock(&h->ind_lock);
    return 0;
}

static void run(job *j)
{
    const MI_ClassDecl *cd = class_of(j->h, j->cls);
    const MI_ProviderFT *ft = cd ? cd->providerFT : NULL;
    MI_Context *ctx = &j->c->base;
    void *self = cd ? j->h->selves[class_index(j->h, cd)] : NULL;
    if (!ft) {
        c_post_error(ctx, MI_RESULT_INVALID_CLASS, MI_RESULT_TYPE_MI,
                     "The provider does not serve this class");
        return;
    }
    if (j->loaded != MI_RESULT_OK) {
        c_post_error(ctx, MI_RESULT_FAILED, MI_RESULT_TYPE_MI, j->load_msg);
        return;
    }
#define CALL_OR_NOT_SUPPORTED(entry, args)                                                         \
    do {                                                                                           \
        if (ft->entry)                                                                             \
            ft->entry args;                                                                        \
        else                                                                                       \
            c_post_result(ctx, MI_RESULT_NOT_SUPPORTED);                                           \
    } while (0)
    switch (j->op) {
    case PW_OP_GET:
        CALL_OR_NOT_SUPPORTED(GetInstance, (self, ctx, j->ns, cd->name, j->a, NULL));
        break;
    case PW_OP_ENUMERATE:
        CALL_OR_NOT_SUPPORTED(EnumerateInstances,
                              (self, ctx, j->ns, cd->name, j->n_props ? &j->props.base : NULL,
                               j->keys_only ? MI_TRUE : MI_FALSE,
                               j->has_filter ? &j->filter.base : NULL));
        break;
    case PW_OP_ASSOCIATORS:
        CALL_OR_NOT_SUPPORTED(AssociatorInstances,
                              (self, ctx, j->ns, cd->name, j->a, j->result_class, j->role,
                               j->result_role, NULL, j->keys_only ? MI_TRUE : MI_FALSE, NULL));
        break;
    case PW_OP_REFERENCES:
        CALL_OR_NOT_SUPPORTED(ReferenceInstances, (self, ctx, j->ns, cd->name, j->a, j->role, NULL,
                                                   j->keys_only ? MI_TRUE : MI_FALSE, NULL));
        break;
    case PW_OP_CREATE:
        CALL_OR_NOT_SUPPORTED(CreateInstance, (self, ctx, j->ns, cd->name, j->a));
        break;
    case PW_OP_MODIFY:
        CALL_OR_NOT_SUPPORTED(ModifyInstance, (self, ctx, j->ns, cd->name, j->a, NULL));
        break;
    case PW_OP_DELETE:
        CALL_OR_NOT_SUPPORTED(DeleteInstance, (self, ctx, j->ns, cd->name, j->a));
        break;
    case PW_OP_SUBSCRIBE:
        ind_subscribe(j, cd, self);
        break;
    case PW_OP_UNSUBSCRIBE:
        ind_unsubscribe(j, cd);
        break;
    case PW_OP_INVOKE: {
        /* The method's own entry when the tables have one (as OMI calls it), else the
         * class's Invoke. */
        const MI_MethodDecl *md = NULL;
        MI_Uint32 i;
        for (i = 0; i < cd->numMethods; i++)
            if (strcasecmp(cd->methods[i]->name, j->method) == 0)
                md = cd->methods[i];
        if (!md)
            c_post_result(ctx, MI_RESULT_METHOD_NOT_FOUND);
        else if (md->function)
            md->function(self, ctx, j->ns, cd->name, md->name, j->a, j->b);
        else
            CALL_OR_NOT_SUPPORTED(Invoke, (self, ctx, j->ns, cd->name, md->name, j->a, j->b));
        break;
    }
    default:
        c_post_result(ctx, MI_RESULT_NOT_SUPPORTED);
    }
#undef CALL_OR_NOT_SUPPORTED
}

static void *job_thread(void *arg)
{
    job *j = arg;
    host *h = j->h;
    run(j);
    ctx_unref(j->c);
    if (j->a)
        MI_Instance_Delete(j->a);
    if (j->b)
        MI_Instance_Delete(j->b);
    MI_PropertySet_Destruct(&j->props.base);
    pthread_mutex_lock(&h->lock);
    if (j->k >= 0)
        h->classes[j->k].busy--;
    if (--h->busy == 0)
        pthread_cond_broadcast(&h->idle);
    pthread_mutex_unlock(&h->lock);
    host_wake(h);
    free(j->frame);
    free(j);
    return NULL;
}

/* The request's property list into j->props (an empty set when it has none). */
static int get_props(pw_reader *r, job *j)
{
    const char **names;
    int rc = pw_get_names(r, &names, &j->n_props);
    if (rc == 0 && srv_propset_init(&j->props, names, j->n_props) != MI_RESULT_OK)
        rc = -1;
    free(names);
    return rc;
}

/* Reads a REQUEST frame into a job. Returns 0, or -1 when it is malformed. */
static int parse_request(host *h, unsigned char *frame, size_t len, job *j)
{
    pw_reader r;
    uint8_t kind, has;
    uint64_t id;
    const char *locale, *data_locale;
    MI_Instance *options = NULL;
    r.p = frame;
    r.end = frame + len;
    if (pw_get_u8(&r, &kind) != 0 || kind != PW_REQUEST || pw_get_u64(&r, &id) != 0 ||
        pw_get_u8(&r, &j->op) != 0 || pw_get_str(&r, &j->ns) != 0 || pw_get_str(&r, &j->cls) != 0 ||
        pw_get_str(&r, &j->method) != 0 || pw_get_u8(&r, &j->keys_only) != 0)
        return -1;
    if (pw_get_u8(&r, &has) != 0 || (has && pw_get_instance(&r, class_of, h, &j->a) != 0))
        return -1;
    if (pw_get_u8(&r, &has) != 0 || (has && pw_get_instance(&r, NULL, NULL, &j->b) != 0))
        return -1;
    if (pw_get_str(&r, &j->result_class) != 0 || pw_get_str(&r, &j->role) != 0 ||
        pw_get_str(&r, &j->result_role) != 0 || pw_get_str(&r, &j->filter.lang) != 0 ||
        pw_get_str(&r, &j->filter.expr) != 0)
        return -1;
    j->result_class = j->result_class[0] ? j->result_class : NULL;
    j->role = j->role[0] ? j->role : NULL;
    j->result_role = j->result_role[0] ? j->result_role : NULL;
    j->filter.base.ft = &filter_ft;
    j->has_filter = j->filter.expr[0] != '\0';
    if (pw_get_str(&r, &locale) != 0 || pw_get_str(&r, &data_locale) != 0 ||
        pw_get_u8(&r, &has) != 0 || (has && pw_get_instance(&r, NULL, NULL, &options) != 0) ||
        get_props(&r, j) != 0) {
        if (options)
            MI_Instance_Delete(options);
        return -1;
    }
    if (pw_get_u64(&r, &j->sid) != 0 || pw_get_str(&r, &j->bookmark) != 0) {
        if (options)
            MI_Instance_Delete(options);
        return -1;
    }
    j->bookmark = j->bookmark[0] ? j->bookmark : NULL;
    j->h = h;
    j->frame = frame;
    j->k = class_k(h, j->cls);
    j->c = ctx_new_k(h, id, 0, j->k);
    if (!j->c) {
        if (options)
            MI_Instance_Delete(options);
        return -1;
    }
    snprintf(j->c->locale, sizeof j->c->locale, "%s", locale);
    snprintf(j->c->data_locale, sizeof j->c->data_locale, "%s", data_locale);
    j->c->options = options;
    return 0;
}

/* ---- cancellation -------------------------------------------------------------------------- */

/* Cancels c (a reference held): the provider's callback runs once, outside the lock. */
static void ctx_cancel(hctx *c, MI_CancellationReason reason)
{
    MI_CancelCallback cb;
    void *data;
    pthread_mutex_lock(&c->lock);
    if (c->cancelled || c->done) {
        pthread_mutex_unlock(&c->lock);
        return;
    }
    c->cancelled = 1;
    c->cancel_reason = reason;
    cb = c->cancel_cb;
    data = c->cancel_data;
    c->cancel_cb = NULL;
    pthread_mutex_unlock(&c->lock);
    if (cb)
        cb(reason, data);
}

/* Takes a reference to c when it is a request context still waiting for its result, for
 * ctx_cancel (the provider may post meanwhile). h->lock held. */
static int ctx_hold(hctx *c)
{
    int held;
    pthread_mutex_lock(&c->lock);
    held = c->refs > 0 && !c->done && !c->ind_class;
    c->refs += held;
    pthread_mutex_unlock(&c->lock);
    return held;
}

/* Cancels the request id (PW_CANCEL), or every request (all: the server closed the
 * connection, so no answer can reach it; providers that wait on a cancellation then return
 * before the unload). */
static void host_cancel(host *h, uint64_t id, int all, MI_CancellationReason reason)
{
    hctx **held = NULL, *c;
    size_t n = 0, cap = 0, i;
    pthread_mutex_lock(&h->lock);
    for (c = h->live; c; c = c->next) {
        if (!all && c->id != id)
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            hctx **nv = realloc(held, ncap * sizeof *nv);
            if (!nv)
                break;
            held = nv;
            cap = ncap;
        }
        if (ctx_hold(c))
            held[n++] = c;
    }
    pthread_mutex_unlock(&h->lock);
    for (i = 0; i < n; i++) {
        ctx_cancel(held[i], reason);
        ctx_unref(held[i]);
    }
    free(held);
}

/* A PW_CANCEL frame. Returns 0, or -1 when malformed. */
static int cancel_frame(host *h, const unsigned char *frame, size_t len)
{
    pw_reader r;
    uint8_t kind;
    uint64_t id;
    MI_CancellationReason reason;
    r.p = frame;
    r.end = frame + len;
    if (pw_get_u8(&r, &kind) != 0 || pw_get_u64(&r, &id) != 0 || pw_get_cancel(&r, &reason) != 0)
        return -1;
    host_cancel(h, id, 0, reason);
    return 0;
}

/* Load and Unload: synchronous; the provider posts before it returns (as OMI requires). */
static MI_Result sync_call(host *h, int which, MI_Uint32 k)
{
    hctx *c = ctx_new_k(h, 0, 1, which == 2 ? (int)k : -1); /* (RefuseUnload in a class Load) */
    MI_Result r;
    const MI_ClassDecl *cd = which >= 2 ? h->module->schemaDecl->classDecls[k] : NULL;
    if (!c)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    switch (which) {
    case 0:
        h->module->Load(&h->module_self, &c->base);
        break;
    case 1:
        h->module->Unload(h->module_self, &c->base);
        break;
    case 2:
        cd->providerFT->Load(&h->selves[k], h->module_self, &c->base);
        break;
    default:
        cd->providerFT->Unload(h->selves[k], &c->base);
        break;
    }
    r = c->done ? c->sync_result : MI_RESULT_FAILED;
    ctx_unref(c);
    return r;
}

static void hello(host *h, const char *error)
{
    wsman_buf b;
    MI_Uint32 i, n = 0;
    const MI_SchemaDecl *s = h && h->module ? h->module->schemaDecl : NULL;
    util_buf_init(&b);
    pw_begin(&b, PW_HELLO, 0);
    pw_str(&b, error ? error : "");
    for (i = 0; !error && s && i < s->numClassDecls; i++)
        n += s->classDecls[i]->providerFT ? 1 : 0;
    pw_u32(&b, error ? 0 : n);
    for (i = 0; !error && s && i < s->numClassDecls; i++)
        if (s->classDecls[i]->providerFT)
            pw_str(&b, s->classDecls[i]->name);
    send_frame(h, &b);
    util_buf_free(&b);
}

/* Opens the library and loads the module (its class providers are loaded at their first
 * requests). Returns 0, or -1 with msg (what went wrong; the module is then not loaded). */
static int load_module(host *h, char *msg, size_t msglen)
{
    const char *path = h->path;
    void **dl = &h->dl;
    MI_MainFunction main_fn;
    MI_Server server;
    MI_Instance *probe = NULL;
    MI_Result r;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!*dl) {
        snprintf(msg, msglen, "cannot load %s: %s", path, dlerror());
        return -1;
    }
    /* POSIX lets a data pointer hold a function's address from dlsym. */
    *(void **)&main_fn = dlsym(*dl, "MI_Main");
    if (!main_fn) {
        snprintf(msg, msglen, "%s has no MI_Main: is it a provider library?", base);
        return -1;
    }
    memset(&server, 0, sizeof server);
    server.serverFT = &server_ft;
    server.contextFT = &context_ft;
    server.filterFT = &filter_ft;
    if (mic_instance_new("MI_Probe", NULL, &probe) == MI_RESULT_OK) {
        server.instanceFT = probe->ft;
        MI_Instance_Delete(probe);
    }
    h->module = main_fn(&server);
    if (!h->module) {
        snprintf(msg, msglen, "MI_Main of %s returned no module", base);
        return -1;
    }
    if (h->module->charSize != sizeof(MI_Char) || (h->module->version >> 16) != MI_MAJOR ||
        !h->module->schemaDecl) {
        snprintf(msg, msglen,
                 "%s was built for another MI API (version 0x%x, characters of %u bytes, %s "
                 "schema): this host runs MI %d.%d with 1-byte characters",
                 base, (unsigned)h->module->version, (unsigned)h->module->charSize,
                 h->module->schemaDecl ? "a" : "no", MI_MAJOR, MI_MINOR);
        h->module = NULL;
        return -1;
    }
    h->selves = calloc(h->module->schemaDecl->numClassDecls + 1, sizeof *h->selves);
    h->classes = calloc(h->module->schemaDecl->numClassDecls + 1, sizeof *h->classes);
    if (!h->selves || !h->classes) {
        snprintf(msg, msglen, "out of memory");
        h->module = NULL;
        return -1;
    }
    r = h->module->Load ? sync_call(h, 0, 0) : MI_RESULT_OK;
    if (r != MI_RESULT_OK) {
        snprintf(msg, msglen, "the Load of %s failed: MI_Result %d", base, (int)r);
        h->module = NULL;
        return -1;
    }
    return 0;
}

/* Loads class k's provider for a request, as OMI's provider manager does at its class's first
 * request (main loop). Returns its Load's result, with msg when it failed. */
static MI_Result load_class(host *h, MI_Uint32 k, char *msg, size_t msglen)
{
    const MI_ClassDecl *cd = h->module->schemaDecl->classDecls[k];
    MI_Result r = cd->providerFT->Load ? sync_call(h, 2, k) : MI_RESULT_OK;
    if (r != MI_RESULT_OK) {
        snprintf(msg, msglen, "The Load of the provider of %s failed: MI_Result %d", cd->name,
                 (int)r);
        return r;
    }
    pthread_mutex_lock(&h->lock);
    memset(&h->classes[k], 0, sizeof h->classes[k]);
    h->classes[k].loaded = 1;
    pthread_mutex_unlock(&h->lock);
    return MI_RESULT_OK;
}

/* Unloads class k's provider (main loop; its requests are done). */
static void unload_class(host *h, MI_Uint32 k)
{
    const MI_ClassDecl *cd = h->module->schemaDecl->classDecls[k];
    if (cd->providerFT->Unload)
        (void)sync_call(h, 3, k);
    pthread_mutex_lock(&h->lock);
    memset(&h->classes[k], 0, sizeof h->classes[k]);
    h->selves[k] = NULL;
    pthread_mutex_unlock(&h->lock);
}

/* Unloads every class provider, then the module (the host ends). */
static void unload(host *h)
{
    MI_Uint32 i;
    pthread_mutex_lock(&h->lock);
    while (h->busy)
        pthread_cond_wait(&h->idle, &h->lock);
    pthread_mutex_unlock(&h->lock);
    ind_shutdown(h);
    for (i = 0; i < h->module->schemaDecl->numClassDecls; i++)
        if (h->classes[i].loaded)
            unload_class(h, i);
    if (h->module->Unload)
        (void)sync_call(h, 1, 0);
}

/* ---- the module's life ------------------------------------------------------------------ */

/* A line for the server's log (verbose), naming no request. */
static void host_log(host *h, const char *message)
{
    wsman_buf b;
    util_buf_init(&b);
    pw_begin(&b, PW_LOG, 0);
    pw_u32(&b, MI_WRITEMESSAGE_CHANNEL_VERBOSE);
    pw_str(&b, message);
    send_frame(h, &b);
    util_buf_free(&b);
}

/* Milliseconds left of secs counted from *since (set to now when 0), 0 when none. */
static long long idle_left(struct timespec *since, const struct timespec *now, unsigned secs)
{
    long long left;
    if (!since->tv_sec && !since->tv_nsec)
        *since = *now;
    left = (long long)secs * 1000 - ((long long)(now->tv_sec - since->tv_sec) * 1000 +
                                     (now->tv_nsec - since->tv_nsec) / 1000000);
    return left > 0 ? left : 0;
}

/* Whether a request context of class k is alive (waiting for its result, or an indication
 * context: its class has subscriptions). h->lock held. */
static int class_live(const host *h, int k)
{
    const hctx *c;
    for (c = h->live; c; c = c->next)
        if (c->k == k)
            return 1;
    return 0;
}

#define IDLE_MODULE (-2) /* idle_due: the module is to be unloaded */

/* What is to be unloaded now: a class provider's index, IDLE_MODULE, or -1 (nothing) with *ms
 * how long the main loop may wait for a frame before something may be (-1: as long as it
 * takes). A class provider is idle when no request of its class runs and none of its contexts
 * waits for its result (an indication class's context is one); it is unloaded when idle and
 * it asked (RequestUnload), or idle for the idle time unless it refused. The module is idle
 * when no class provider is loaded and no request runs; it is unloaded after the idle time
 * (or at once after its last class provider, below). */
static int idle_due(host *h, int *ms)
{
    struct timespec now;
    MI_Uint32 k, n;
    int loaded = 0, due = -1;
    long long wait = -1, left;
    *ms = -1;
    if (!h->module)
        return -1;
    n = h->module->schemaDecl->numClassDecls;
    clock_gettime(CLOCK_MONOTONIC, &now);
    pthread_mutex_lock(&h->lock);
    for (k = 0; k < n && due < 0; k++) {
        hclass *hc = &h->classes[k];
        if (!hc->loaded)
            continue;
        loaded = 1;
        if (hc->busy || class_live(h, (int)k)) {
            hc->idle_since.tv_sec = hc->idle_since.tv_nsec = 0;
        } else if (hc->requested) {
            due = (int)k;
        } else if (!hc->refused && h->idle_timeout) {
            left = idle_left(&hc->idle_since, &now, h->idle_timeout);
            if (!left)
                due = (int)k;
            else if (wait < 0 || left < wait)
                wait = left;
        }
    }
    if (due < 0 && !loaded && !h->busy && !h->live && h->idle_timeout) {
        left = idle_left(&h->idle_since, &now, h->idle_timeout);
        if (!left)
            due = IDLE_MODULE;
        else if (wait < 0 || left < wait)
            wait = left;
    } else if (loaded || h->busy || h->live) {
        h->idle_since.tv_sec = h->idle_since.tv_nsec = 0;
    }
    pthread_mutex_unlock(&h->lock);
    *ms = wait < 0 ? -1 : wait > 60000 ? 60000 : (int)wait;
    if (*ms < 0 && h->wake < 0)
        *ms = 1000; /* no eventfd: look again now and then */
    return due;
}

/* Unloads the idle module (its class providers are): the module's Unload, then the library
 * closed; the next request loads it again. */
static void unload_module(host *h, const char *why)
{
    if (h->module->Unload)
        (void)sync_call(h, 1, 0);
    h->module = NULL;
    free(h->selves);
    h->selves = NULL;
    free(h->classes);
    h->classes = NULL;
    h->idle_since.tv_sec = h->idle_since.tv_nsec = 0;
    if (h->dl)
        dlclose(h->dl);
    h->dl = NULL;
    host_log(h, why);
}

/* Unloads what idle_due found due: a class provider (as OMI's provider manager unloads an
 * idle provider, its Unload), then the module at once when that was its last (as OMI closes a
 * library left without providers in the same sweep); or the module. Returns 0, or -1 when the
 * class cannot be unloaded now (a Subscribe of another class holds the indications: the main
 * loop looks again shortly). */
static int idle_unload(host *h, int due)
{
    char line[300];
    int requested, left = 0;
    MI_Uint32 k;
    if (due == IDLE_MODULE) {
        unload_module(h, "unloaded after its idle time");
        return 0;
    }
    if (ind_end_class(h, h->module->schemaDecl->classDecls[due]) != 0)
        return -1;
    pthread_mutex_lock(&h->lock);
    requested = h->classes[due].requested;
    pthread_mutex_unlock(&h->lock);
    unload_class(h, (MI_Uint32)due);
    snprintf(line, sizeof line, "the provider of %s unloaded %s",
             h->module->schemaDecl->classDecls[due]->name,
             requested ? "at its request (RequestUnload)" : "after its idle time");
    host_log(h, line);
    pthread_mutex_lock(&h->lock);
    for (k = 0; k < h->module->schemaDecl->numClassDecls; k++)
        left += h->classes[k].loaded;
    left += h->busy || h->live;
    pthread_mutex_unlock(&h->lock);
    if (!left)
        unload_module(h, "unloaded: its last class provider was");
    return 0;
}

/* Loads the module again for a request (frame, not yet parsed). Returns 0, or -1 after
 * answering the request with the failure. */
static int reload(host *h, const unsigned char *frame, size_t len)
{
    char msg[600], line[700];
    pw_reader r;
    uint8_t kind;
    uint64_t id;
    wsman_buf b;
    if (load_module(h, msg, sizeof msg) == 0) {
        host_log(h, "loaded again");
        return 0;
    }
    free(h->selves);
    h->selves = NULL;
    free(h->classes);
    h->classes = NULL;
    snprintf(line, sizeof line, "cannot load the provider again: %s", msg);
    host_log(h, line);
    r.p = frame;
    r.end = frame + len;
    if (pw_get_u8(&r, &kind) != 0 || pw_get_u64(&r, &id) != 0)
        return -1;
    util_buf_init(&b);
    pw_begin(&b, PW_RESULT, id);
    pw_u32(&b, MI_RESULT_FAILED);
    pw_str(&b, line);
    pw_u8(&b, 0);
    send_frame(h, &b);
    util_buf_free(&b);
    return -1;
}

/* Waits for the next frame, unloading the module when it has been idle long enough (or was
 * asked to). Returns 1 when a frame can be read, 0 when the server closed the connection or
 * the socket failed. */
static int next_frame(host *h)
{
    for (;;) {
        struct pollfd pf[2];
        int ms, rc, due = idle_due(h, &ms);
        if (due != -1 && idle_unload(h, due) == 0)
            continue;
        if (due != -1)
            ms = 100; /* (not now: shortly) */
        pf[0].fd = h->fd;
        pf[0].events = POLLIN;
        pf[1].fd = h->wake;
        pf[1].events = POLLIN;
        pf[0].revents = pf[1].revents = 0;
        rc = poll(pf, h->wake >= 0 ? 2 : 1, ms);
        if (rc < 0 && errno != EINTR)
            return 0;
        if (rc > 0 && (pf[1].revents & POLLIN)) {
            uint64_t n;
            (void)!read(h->wake, &n, sizeof n);
        }
        if (rc > 0 && pf[0].revents)
            return 1;
    }
}

int srv_provhost_run(int fd, const char *path, const srv_provhost_local *local,
                     unsigned idle_timeout)
{
    host h;
    char msg[600];
    int rc = 0;
    memset(&h, 0, sizeof h);
    h.fd = fd;
    h.local = local;
    h.path = path;
    h.idle_timeout = idle_timeout;
    h.wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    pthread_mutex_init(&h.wlock, NULL);
    pthread_mutex_init(&h.lock, NULL);
    pthread_mutex_init(&h.ind_lock, NULL);
    pthread_cond_init(&h.idle, NULL);
    if (load_module(&h, msg, sizeof msg) != 0) {
        hello(&h, msg);
        rc = 1;
        if (h.local) { /* (a Load may have used the session) */
            h.local->end();
            h.local->close();
        }
    } else {
        hello(&h, NULL);
        for (;;) {
            unsigned char *frame;
            size_t len;
            job *j;
            pthread_t t;
            pthread_attr_t attr;
            if (!next_frame(&h) || pw_recv(fd, &frame, &len) != 0)
                break; /* the server closed the connection: stop */
            if (len && frame[0] == PW_SESSION_REPLY) {
                if (h.local)
                    h.local->reply(frame, len);
                free(frame);
                continue;
            }
            if (len && frame[0] == PW_CANCEL) {
                int bad = cancel_frame(&h, frame, len);
                free(frame);
                if (bad)
                    break; /* the server is not ours */
                continue;
            }
            if (!h.module && reload(&h, frame, len) != 0) {
                free(frame);
                continue;
            }
            j = calloc(1, sizeof *j);
            if (!j || parse_request(&h, frame, len, j) != 0) {
                if (j) {
                    if (j->a)
                        MI_Instance_Delete(j->a);
                    if (j->b)
                        MI_Instance_Delete(j->b);
                    MI_PropertySet_Destruct(&j->props.base);
                }
                free(j);
                free(frame);
                break; /* a malformed request: the server is not ours */
            }
            /* Its class provider loaded at its first request (a failed Load fails it). */
            j->loaded = j->k >= 0 && !h.classes[j->k].loaded
                            ? load_class(&h, (MI_Uint32)j->k, j->load_msg, sizeof j->load_msg)
                            : MI_RESULT_OK;
            pthread_mutex_lock(&h.lock);
            h.busy++;
            if (j->k >= 0)
                h.classes[j->k].busy++;
            pthread_mutex_unlock(&h.lock);
            pthread_attr_init(&attr);
            pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
            if (pthread_create(&t, &attr, job_thread, j) != 0)
                job_thread(j); /* no thread: run it here */
            pthread_attr_destroy(&attr);
        }
        if (h.local) /* providers waiting on the session get their answer: a failure */
            h.local->end();
        host_cancel(&h, 0, 1, MI_REASON_SERVICESTOP);
        if (h.module)
            unload(&h);
        if (h.local)
            h.local->close();
        /* The contexts of requests the provider never answered: it is unloaded now. */
        while (h.live) {
            hctx *c = h.live;
            h.live = c->next;
            ctx_free(c);
        }
    }
    close(fd);
    if (h.wake >= 0)
        close(h.wake);
    free(h.selves);
    free(h.classes);
    pthread_cond_destroy(&h.idle);
    pthread_mutex_destroy(&h.ind_lock);
    pthread_mutex_destroy(&h.lock);
    pthread_mutex_destroy(&h.wlock);
    /* The library stays loaded: a provider thread may still be running in it. */
    return rc;
}
