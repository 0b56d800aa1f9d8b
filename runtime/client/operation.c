/* SPDX-License-Identifier: MIT */
/* runtime/client/operation.c: MI_Operation: starting an operation (inputs copied so the caller may
 * free them at once, namespace and arguments checked, queued on its session for its loop:
 * loop.c), and the operation function table. A synchronous operation's caller usually runs it
 * itself, over the session's lane, when it asks for the result. Close rules: closing a
 * synchronous operation cancels it and waits for whoever runs it to be done with it; closing an
 * asynchronous one cancels it without blocking, and the final callback still comes (it may
 * itself close the operation). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

#define MOB_OP_NOMEM_MAGIC 0x6d6f624f704e6f4dULL /* an operation that could not be made */

/* ---- the operation function table --------------------------------------------------------- */

/* Session lock held: a cancel of op reaches whoever runs it now. */
static void mob_op_stop(mob_session *s, mob_op *op)
{
    if (op->done)
        return;
    __atomic_store_n(&op->cancelled, 1, __ATOMIC_RELEASE);
    if (s->lop == op) {
        op->waiting = 0;
        mob_loop_kick(s, 1); /* its loop stops the transfer */
    } else if (s->running == op && s->lane) {
        s->lane->ft->wake(s->lane); /* its caller's transfer stops now */
    }
}

static MI_Result MI_CALL mob_o_Close(MI_Operation *h)
{
    mob_op *op = mob_op_of(h);
    mob_session *s;
    if (!op)
        return MI_RESULT_INVALID_PARAMETER;
    s = op->session;
    if (h != &op->self)
        memset(h, 0, sizeof *h);
    pthread_mutex_lock(&s->mu);
    if (op->closed) {
        pthread_mutex_unlock(&s->mu);
        return MI_RESULT_INVALID_PARAMETER;
    }
    op->closed = 1;
    mob_op_stop(s, op);
    mob_op_unwait(s, op);
    pthread_cond_broadcast(&op->cv);
    if (!op->async && !mob_on_loop(s)) {
        /* (On a loop thread, inside a callback, waiting would deadlock: the loop finishes the
         * cancelled operation later and frees it with the last reference.) */
        if (op->queued) {
            /* Not started: take it off the queue; its runner's reference goes with it. */
            mob_op **pp;
            mob_op *prev = NULL;
            for (pp = &s->qhead; *pp; prev = *pp, pp = &(*pp)->qnext)
                if (*pp == op) {
                    *pp = op->qnext;
                    if (s->qtail == op)
                        s->qtail = prev;
                    break;
                }
            op->queued = 0;
            op->done = 1;
            op->refs--;
            if (s->qhead && !s->running)
                mob_loop_kick(s, 1); /* what was behind it may start */
        }
        while (!op->done)
            pthread_cond_wait(&op->cv, &s->mu);
    }
    mob_op_release(op);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_o_Cancel(MI_Operation *h, MI_CancellationReason reason)
{
    mob_op *op = mob_op_of(h);
    (void)reason;
    if (!op)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&op->session->mu);
    mob_op_stop(op->session, op);
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->session->mu);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_o_GetSession(MI_Operation *h, MI_Session *session)
{
    mob_op *op = mob_op_of(h);
    if (!op || !session)
        return MI_RESULT_INVALID_PARAMETER;
    *session = op->session->handle;
    return MI_RESULT_OK;
}

/* A synchronous operation whose caller asks for its result before its loop took it off the
 * queue (the usual case: MI_Operation_GetInstance right after starting it) runs here, on the
 * caller's thread, which would otherwise only wait: the same run as the loop's, minus two
 * thread hand-offs (the loop's wake-up, and the caller's when the result is there), over the
 * session's own connection (its lane). Only operations with one result (an enumeration
 * streams its results through a bounded queue that this thread is the reader of), only the
 * head of the queue and only while nothing else runs, so that a session's operations still
 * run one at a time, in order; s->running tells the loop and the close rules that the session
 * is taken. No callback runs here (synchronous operations have none). Session lock held on
 * entry and on return. */
static void mob_op_run_inline(mob_session *s, mob_op *op)
{
    int st;
    mob_op_take_head(s, op);
    if (!s->lane && s->tft->open(&s->dest, &s->lane) != MI_RESULT_OK) {
        s->lane = NULL;
        if (!op->early)
            op->early = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                         "out of memory: no connection could be set up");
    }
    pthread_mutex_unlock(&s->mu);
    while ((st = mob_op_advance(s, op)) == MOB_STEP_SEND) {
        mob_http_result hr;
        op->xfer_started = mob_now_usec();
        if (s->lane)
            s->lane->ft->post(s->lane, &s->dest, s->req.data, s->req.len, op->xfer_timeout,
                              op->releasing ? NULL : &op->cancelled, &hr);
        else
            mob_http_result_cancelled(&hr); /* (cannot happen: early ends it first) */
        mob_op_response(s, op, &hr, &s->parser);
        mob_http_result_free(&hr);
    }
    pthread_mutex_lock(&s->mu);
    mob_op_finish(s, op);
    /* What was queued meanwhile, or the close, is the loop's; unless its caller waits for it,
     * who runs it itself. */
    if (s->qhead && (!s->qhead->claimable || s->stopping))
        mob_loop_kick(s, 1);
    else if (s->qhead && s->qhead->taker)
        pthread_cond_broadcast(&s->qhead->cv);
    else if (s->qhead)
        mob_loop_kick_at(s, mob_claim_due(s, s->qhead));
    else if (s->stopping)
        mob_loop_kick(s, 1);
    /* The runner's reference, which this run took over. The caller's handle holds another:
     * it is released only by MI_Operation_Close, which waits for done under this lock. */
    op->refs--;
    (void)st;
}

/* What a synchronous operation's results are, for the getter that takes them. */
enum { MOB_TAKE_INSTANCE, MOB_TAKE_CLASS, MOB_TAKE_INDICATION };

static int mob_take_kind(mob_kind k)
{
    return MOB_KIND_IS_CLASS(k)   ? MOB_TAKE_CLASS
           : MOB_KIND_IS_EVENT(k) ? MOB_TAKE_INDICATION
                                  : MOB_TAKE_INSTANCE;
}

/* The next result of a synchronous operation (GetInstance, GetClass, GetIndication): its
 * instance or, for a class operation (want MOB_TAKE_CLASS), its class into *item. */
static MI_Result mob_o_take(MI_Operation *h, int want, const void **item, MI_Boolean *moreResults,
                            MI_Result *result, const MI_Char **errorMessage,
                            const MI_Instance **completionDetails)
{
    mob_op *op = mob_op_of(h);
    mob_session *s;
    mob_result *r;
    int final;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (!op || !item || op->async || mob_take_kind(op->kind) != want)
        return MI_RESULT_INVALID_PARAMETER;
    s = op->session;
    pthread_mutex_lock(&s->mu);
    if (op->closed) {
        pthread_mutex_unlock(&s->mu);
        return MI_RESULT_INVALID_PARAMETER;
    }
    final = op->final != NULL;
    if (!final && !op->rhead && op->claimable && op->queued && s->qhead == op && !s->running &&
        !s->stopping)
        mob_op_run_inline(s, op);
    if (!final && !op->rhead && !op->done && mob_on_loop(s)) {
        /* Called from a callback: the loop cannot produce the result it would wait for. */
        pthread_mutex_unlock(&s->mu);
        if (result)
            *result = MI_RESULT_FAILED;
        return MI_RESULT_FAILED;
    }
    if (!final) {
        /* Taking the next result acknowledges the previous one. */
        mob_result_free(op->current);
        op->current = NULL;
        while (!op->rhead) {
            /* Queued behind another: once the session is free, run it here rather than wait
             * for the loop (whoever frees the session signals a waiting caller). */
            if (op->claimable && op->queued && s->qhead == op && !s->running && !s->stopping) {
                mob_op_run_inline(s, op);
                continue;
            }
            op->taker = 1;
            pthread_cond_wait(&op->cv, &s->mu);
            op->taker = 0;
        }
        r = op->rhead;
        op->rhead = r->next;
        if (!op->rhead)
            op->rtail = NULL;
        op->qlen--;
        if (op->qlen < MOB_MAX_QUEUED)
            mob_op_unwait(s, op);
        r->next = NULL;
        if (r->more)
            op->current = r;
        else
            op->final = r;
    } else {
        r = op->final;
    }
    pthread_mutex_unlock(&s->mu);
    if (want == MOB_TAKE_CLASS)
        *item = final ? NULL : r->cls;
    else
        *item = final ? NULL : r->instance;
    if (moreResults)
        *moreResults = r->more;
    if (result)
        *result = r->result;
    if (errorMessage)
        *errorMessage = r->message;
    if (completionDetails)
        *completionDetails = r->error;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_o_GetIndication(MI_Operation *h, const MI_Instance **instance,
                                             const MI_Char **bookmark, const MI_Char **machineID,
                                             MI_Boolean *moreResults, MI_Result *result,
                                             const MI_Char **errorMessage,
                                             const MI_Instance **completionDetails)
{
    const void *item = NULL;
    MI_Result r = mob_o_take(h, MOB_TAKE_INDICATION, instance ? &item : NULL, moreResults, result,
                             errorMessage, completionDetails);
    /* The bookmark the indication came with (subscriptions that asked for them; the final
     * result has none); the machine is the session's. */
    if (bookmark) {
        mob_op *op = mob_op_of(h);
        *bookmark = r == MI_RESULT_OK && op && op->current ? op->current->bookmark : NULL;
    }
    if (machineID)
        *machineID = NULL;
    if (instance)
        *instance = r == MI_RESULT_OK ? (const MI_Instance *)item : NULL;
    return r;
}

static MI_Result MI_CALL mob_o_GetInstance(MI_Operation *h, const MI_Instance **instance,
                                           MI_Boolean *moreResults, MI_Result *result,
                                           const MI_Char **errorMessage,
                                           const MI_Instance **completionDetails)
{
    const void *item = NULL;
    MI_Result r = mob_o_take(h, MOB_TAKE_INSTANCE, instance ? &item : NULL, moreResults, result,
                             errorMessage, completionDetails);
    if (instance && r == MI_RESULT_OK)
        *instance = (const MI_Instance *)item;
    return r;
}

static MI_Result MI_CALL mob_o_GetClass(MI_Operation *h, const MI_Class **classResult,
                                        MI_Boolean *moreResults, MI_Result *result,
                                        const MI_Char **errorMessage,
                                        const MI_Instance **completionDetails)
{
    const void *item = NULL;
    MI_Result r = mob_o_take(h, MOB_TAKE_CLASS, classResult ? &item : NULL, moreResults, result,
                             errorMessage, completionDetails);
    if (classResult && r == MI_RESULT_OK)
        *classResult = (const MI_Class *)item;
    return r;
}

const MI_OperationFT mob_operation_ft = {
    mob_o_Close,       mob_o_Cancel,        mob_o_GetSession,
    mob_o_GetInstance, mob_o_GetIndication, mob_o_GetClass,
};

/* ---- an operation that could not be made -------------------------------------------------- */

/* When there is no memory for the operation itself, its handle still works: its one result is
 * the final MI_RESULT_SERVER_LIMITS_EXCEEDED, whose details (a mob_result in reserved2, owned
 * by a synchronous handle) are there when they could be made. It holds nothing else. */

static int mob_nomem_of(const MI_Operation *h)
{
    return h && h->reserved1 == MOB_OP_NOMEM_MAGIC;
}

static MI_Result MI_CALL mob_n_Close(MI_Operation *h)
{
    if (!mob_nomem_of(h))
        return MI_RESULT_INVALID_PARAMETER;
    mob_result_free((mob_result *)h->reserved2);
    memset(h, 0, sizeof *h);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_n_Cancel(MI_Operation *h, MI_CancellationReason reason)
{
    (void)reason;
    return mob_nomem_of(h) ? MI_RESULT_OK : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL mob_n_GetSession(MI_Operation *h, MI_Session *session)
{
    if (!mob_nomem_of(h) || !session)
        return MI_RESULT_INVALID_PARAMETER;
    memset(session, 0, sizeof *session);
    return MIC_RESULT_NOMEM;
}

static MI_Result MI_CALL mob_n_GetInstance(MI_Operation *h, const MI_Instance **instance,
                                           MI_Boolean *moreResults, MI_Result *result,
                                           const MI_Char **errorMessage,
                                           const MI_Instance **completionDetails)
{
    const mob_result *r;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (!mob_nomem_of(h) || !instance)
        return MI_RESULT_INVALID_PARAMETER;
    r = (const mob_result *)h->reserved2;
    *instance = NULL;
    if (result)
        *result = MIC_RESULT_NOMEM;
    if (errorMessage)
        *errorMessage = r && r->message ? r->message : "out of memory";
    if (completionDetails)
        *completionDetails = r ? r->error : NULL;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_n_ack(MI_Operation *h)
{
    (void)h;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_n_GetClass(MI_Operation *h, const MI_Class **classResult,
                                        MI_Boolean *moreResults, MI_Result *result,
                                        const MI_Char **errorMessage,
                                        const MI_Instance **completionDetails)
{
    const MI_Instance *none = NULL;
    MI_Result r = mob_n_GetInstance(h, classResult ? &none : NULL, moreResults, result,
                                    errorMessage, completionDetails);
    if (classResult && r == MI_RESULT_OK)
        *classResult = NULL;
    return r;
}

static const MI_OperationFT mob_nomem_ft = {
    mob_n_Close,       mob_n_Cancel,        mob_n_GetSession,
    mob_n_GetInstance, mob_o_GetIndication, mob_n_GetClass,
};

/* Fills *operation with an operation that ends at once with out of memory (through the
 * callback, on the caller's thread, for an asynchronous one). */
static void mob_op_nomem(mob_session *s, mob_kind kind, MI_Uint32 flags,
                         MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mob_result *r = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                     "out of memory: the operation could not be started");
    operation->reserved1 = MOB_OP_NOMEM_MAGIC;
    operation->reserved2 = 0;
    operation->ft = &mob_nomem_ft;
    if (callbacks && (MOB_KIND_IS_CLASS(kind)   ? callbacks->classResult != NULL
                      : MOB_KIND_IS_EVENT(kind) ? callbacks->indicationResult != NULL
                                                : callbacks->instanceResult != NULL)) {
        int manual = (flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) != 0;
        const char *m = r && r->message ? r->message : "out of memory";
        if (MOB_KIND_IS_EVENT(kind))
            callbacks->indicationResult(operation, callbacks->callbackContext, NULL, NULL, NULL,
                                        MI_FALSE, MIC_RESULT_NOMEM, m, r ? r->error : NULL,
                                        manual ? mob_n_ack : NULL);
        else if (MOB_KIND_IS_CLASS(kind))
            callbacks->classResult(operation, callbacks->callbackContext, NULL, MI_FALSE,
                                   MIC_RESULT_NOMEM, m, r ? r->error : NULL,
                                   manual ? mob_n_ack : NULL);
        else
            callbacks->instanceResult(operation, callbacks->callbackContext, NULL, MI_FALSE,
                                      MIC_RESULT_NOMEM, m, r ? r->error : NULL,
                                      manual ? mob_n_ack : NULL);
        mob_result_free(r);
        return;
    }
    if (callbacks) {
        mob_result_free(r);
        return;
    }
    operation->reserved2 = (ptrdiff_t)r;
}

/* ---- starting ----------------------------------------------------------------------------- */

static void mob_bad_session(mob_kind kind, MI_OperationCallbacks *callbacks)
{
    if (MOB_KIND_IS_EVENT(kind)) {
        if (callbacks && callbacks->indicationResult)
            callbacks->indicationResult(NULL, callbacks->callbackContext, NULL, NULL, NULL,
                                        MI_FALSE, MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
        return;
    }
    if (MOB_KIND_IS_CLASS(kind)) {
        if (callbacks && callbacks->classResult)
            callbacks->classResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
                                   MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
        return;
    }
    if (callbacks && callbacks->instanceResult)
        callbacks->instanceResult(NULL, callbacks->callbackContext, NULL, MI_FALSE,
                                  MI_RESULT_INVALID_PARAMETER, NULL, NULL, NULL);
}

static MI_Uint64 mob_interval_usec(const MI_Interval *i)
{
    return ((((MI_Uint64)i->days * 24 + i->hours) * 60 + i->minutes) * 60 + i->seconds) *
               1000000ULL +
           i->microseconds;
}

int mob_valid_namespace(const char *ns)
{
    const unsigned char *p = (const unsigned char *)ns;
    int seg = 0;
    if (!p || !*p || strlen(ns) > 1024)
        return 0;
    for (; *p; p++) {
        if (*p == '/') {
            if (seg == 0)
                return 0; /* leading '/', "//host" or an empty segment */
            seg = 0;
            continue;
        }
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p >= 0x80))
            return 0; /* '\\' (computer names), ':', spaces... */
        seg++;
    }
    return seg > 0;
}

/* The prompt options (MI_OperationOptions_SetPromptUserMode, SetPromptUserRegularMode) as
 * MS-WSMV 2.2.10 carries them in the OptionSet for a server's providers: the mode an xs:int,
 * the automatic answer an xs:boolean, named with the "wmi:" prefix. NULL for other options. */
static const char *mob_prompt_option(const mob_option *o, MI_Type *type)
{
    if (o->kind != MOB_OPT_NUMBER)
        return NULL;
    if (util_strieq(o->name, MI_OPERATIONOPTIONS_PROMPTUSERMODE)) {
        *type = MI_SINT32;
        return "wmi:__MI_OPERATIONOPTIONS_PROMPTUSERMODE";
    }
    if (util_strieq(o->name, MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE)) {
        *type = MI_BOOLEAN;
        return "wmi:__MI_OPERATIONOPTIONS_PROMPTUSERMODEREGULAR_ACKVALUE";
    }
    return NULL;
}

/* Copies what the operation needs from the options; a message on failure. */
static MI_Result mob_op_take_options(mob_op *op, MI_OperationOptions *options, char *err,
                                     size_t errlen)
{
    const mob_options *st;
    size_t i, n = 0;
    MI_Type pt;
    if (!options || !options->ft)
        return MI_RESULT_OK;
    if (!(st = mob_op_store(options))) {
        snprintf(err, errlen, "operation options were not made by this application");
        return MI_RESULT_INVALID_PARAMETER;
    }
    for (i = 0; i < st->count; i++) {
        const mob_option *o = &st->opts[i];
        if (o->kind == MOB_OPT_CUSTOM || mob_prompt_option(o, &pt)) {
            n++;
        } else if (util_strieq(o->name, MI_OPERATIONOPTIONS_TIMEOUT) &&
                   o->kind == MOB_OPT_INTERVAL) {
            op->timeout_usec = mob_interval_usec(&o->value.datetime.u.interval);
        } else if (util_strieq(o->name, MI_OPERATIONOPTIONS_RESOURCE_URI) &&
                   o->kind == MOB_OPT_STRING) {
            if (!(op->resource_uri = util_strdup(o->value.string)))
                return MIC_RESULT_NOMEM;
        } else if (util_strieq(o->name, MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX) &&
                   o->kind == MOB_OPT_STRING) {
            if (!(op->resource_uri_prefix = util_strdup(o->value.string)))
                return MIC_RESULT_NOMEM;
        }
    }
    if (!n)
        return MI_RESULT_OK;
    if (!(op->options = (wsman_option *)calloc(n, sizeof *op->options)))
        return MIC_RESULT_NOMEM;
    for (i = 0; i < st->count; i++) {
        const mob_option *o = &st->opts[i];
        wsman_option *w;
        const char *prompt = mob_prompt_option(o, &pt);
        if (prompt) {
            w = &op->options[op->num_options];
            if (!(w->name = util_strdup(prompt)))
                return MIC_RESULT_NOMEM;
            op->num_options++;
            w->type = pt;
            if (pt == MI_BOOLEAN)
                w->value.boolean = o->value.uint32 ? MI_TRUE : MI_FALSE;
            else
                w->value.sint32 = (MI_Sint32)o->value.uint32;
            continue;
        }
        if (o->kind != MOB_OPT_CUSTOM)
            continue;
        w = &op->options[op->num_options];
        if (!(w->name = util_strdup(o->name)))
            return MIC_RESULT_NOMEM;
        op->num_options++;
        w->type = o->type;
        w->must_comply = o->must_comply;
        if (mic_value_copy(o->type, &o->value, &w->value) != MI_RESULT_OK)
            return MIC_RESULT_NOMEM;
    }
    return MI_RESULT_OK;
}

/* Checks and copies the inputs; on a failure the operation carries an early result. */
static void mob_op_prepare(mob_op *op, MI_OperationOptions *options, const MI_Char *ns,
                           const MI_Char *className, const MI_Char *method,
                           const MI_Instance *inbound, const MI_Instance *params)
{
    char err[400];
    MI_Result r = MI_RESULT_OK;
    MI_Uint32 cat = MI_ERRORCATEGORY_INVALID_ARGUMENT;
    const MI_Char *cls = className;

    err[0] = '\0';
    if (!ns && inbound)
        ns = inbound->nameSpace;
    if (ns && *ns && !mob_valid_namespace(ns)) {
        r = MI_RESULT_INVALID_NAMESPACE;
        snprintf(err, sizeof err,
                 "invalid namespace '%.200s': use '/'-separated names such as root/cimv2, "
                 "without a computer name",
                 ns);
        goto fail;
    }
    if (ns && *ns && !(op->name_space = util_strdup(ns)))
        goto oom;
    switch (op->kind) {
    case MOB_OP_GET:
    case MOB_OP_MODIFY:
    case MOB_OP_CREATE:
    case MOB_OP_DELETE:
        if (!inbound || !inbound->ft) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "the operation needs an inbound instance");
            goto fail;
        }
        break;
    case MOB_OP_INVOKE:
        if (!cls && inbound && inbound->ft)
            MI_Instance_GetClassName(inbound, &cls);
        if (!util_is_cim_name(cls) || !util_is_cim_name(method)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "Invoke needs a valid class name and method name");
            goto fail;
        }
        break;
    case MOB_OP_ENUMERATE:
        if (!util_is_cim_name(cls)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "EnumerateInstances needs a valid class name");
            goto fail;
        }
        break;
    case MOB_OP_GETCLASS:
        if (!util_is_cim_name(cls)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "GetClass needs a valid class name");
            goto fail;
        }
        break;
    case MOB_OP_ENUMCLASSES:
        if (cls && *cls && !util_is_cim_name(cls)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "EnumerateClasses: '%.200s' is not a valid class name", cls);
            goto fail;
        }
        if (cls && !*cls)
            cls = NULL;
        break;
    case MOB_OP_ASSOCIATORS:
    case MOB_OP_REFERENCES:
        if (!inbound || !inbound->ft || MI_Instance_GetClassName(inbound, &cls) != MI_RESULT_OK ||
            !util_is_cim_name(cls)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "%s needs the source instance (its keys at least)",
                     op->kind == MOB_OP_ASSOCIATORS ? "AssociatorInstances" : "ReferenceInstances");
            goto fail;
        }
        cls = NULL; /* the source's class is not the one enumerated */
        break;
    default:
        break;
    }
    if ((cls && !(op->class_name = util_strdup(cls))) ||
        (method && !(op->method = util_strdup(method))))
        goto oom;
    if (inbound && inbound->ft && !(op->flags & MI_OPERATIONFLAGS_NO_RTTI))
        op->decl = mic_instance_decl(inbound);
    if (params && params->ft) {
        r = MI_Instance_Clone(params, &op->params);
        if (r != MI_RESULT_OK) {
            snprintf(err, sizeof err, "cannot copy the method parameters");
            goto fail;
        }
    }
    r = mob_op_take_options(op, options, err, sizeof err);
    if (r != MI_RESULT_OK)
        goto fail;
    /* The request of a one-exchange operation is written now, the inbound instance read once
     * (the bytes are what the run needs of it); other operations keep a copy of it. */
    if (inbound && inbound->ft && !mob_op_prewrite(op->session, op, inbound)) {
        r = MI_Instance_Clone(inbound, &op->instance);
        if (r != MI_RESULT_OK) {
            snprintf(err, sizeof err, "cannot copy the inbound instance");
            goto fail;
        }
    }
    if ((MOB_KIND_IS_ENUM(op->kind) && op->kind != MOB_OP_ENUMERATE) ||
        op->kind == MOB_OP_SUBSCRIBE) {
        cat = MI_ERRORCATEGORY_INVALID_ARGUMENT;
        r = mob_query_prepare(op, err, sizeof err);
        if (r != MI_RESULT_OK) {
            if (r == MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED)
                cat = MI_ERRORCATEGORY_NOT_IMPLEMENTED;
            goto fail;
        }
    }
    return;
oom:
    r = MIC_RESULT_NOMEM;
    cat = MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE;
    snprintf(err, sizeof err, "out of memory");
fail:
    if (r == MIC_RESULT_NOMEM && !err[0])
        snprintf(err, sizeof err, "out of memory");
    op->early = mob_result_error(op->session, r, cat, err);
    if (!op->early) {
        /* No memory for the details either: the spare result carries the failure, so that
         * the operation never runs with inputs it could not copy. */
        op->early = op->spare;
        op->spare = NULL;
        op->early->result = r;
    }
}

static void mob_op_start_q(mob_session *s, mob_kind kind, MI_Uint32 flags,
                           MI_OperationOptions *opts, const MI_Char *ns, const MI_Char *className,
                           const MI_Char *method, const MI_Instance *inbound,
                           const MI_Instance *params, MI_Boolean keysOnly, mob_query *q,
                           MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mob_op *op;
    int now;

    if (operation)
        memset(operation, 0, sizeof *operation);
    if (!s || !operation) {
        mob_query_free(q);
        mob_bad_session(kind, callbacks);
        return;
    }
    if (!q && ((MOB_KIND_IS_ENUM(kind) && kind != MOB_OP_ENUMERATE) || kind == MOB_OP_SUBSCRIBE)) {
        mob_op_nomem(s, kind, flags, callbacks, operation);
        return;
    }
    if (!(op = (mob_op *)calloc(1, sizeof *op)) || pthread_cond_init(&op->cv, NULL)) {
        free(op);
        mob_query_free(q);
        mob_op_nomem(s, kind, flags, callbacks, operation);
        return;
    }
    if (!(op->spare = mob_result_new(NULL, MI_FALSE, MIC_RESULT_NOMEM))) {
        pthread_cond_destroy(&op->cv);
        free(op);
        mob_query_free(q);
        mob_op_nomem(s, kind, flags, callbacks, operation);
        return;
    }
    op->query = q;
    op->self.reserved1 = MOB_OP_MAGIC;
    op->self.reserved2 = (ptrdiff_t)op;
    op->self.ft = &mob_operation_ft;
    op->session = s;
    op->refs = 2; /* the caller's handle and whoever runs it */
    op->kind = kind;
    op->flags = flags;
    op->keys_only = keysOnly;
    if (callbacks) {
        op->async = MI_TRUE;
        op->callbacks = *callbacks;
    }
    mob_op_prepare(op, opts, ns, className, method, inbound, params);
    *operation = op->self;

    pthread_mutex_lock(&s->mu);
    s->refs++;
    now = s->stopping;
    if (!now) {
        op->queued = 1;
        if (s->qtail)
            s->qtail->qnext = op;
        else
            s->qhead = op;
        s->qtail = op;
        /* Whoever runs an operation now (the loop, or a caller on its own thread) starts the
         * next when it is done: only an idle session needs its loop told, and not woken for
         * an operation its caller will likely run (the claim timer starts it otherwise). */
        op->claimable = !op->async && !MOB_KIND_IS_ENUM(kind) && kind != MOB_OP_ENUMCLASSES &&
                        kind != MOB_OP_SUBSCRIBE;
        op->queued_at = mob_now_usec();
        if (!s->running && s->qhead == op) {
            if (op->claimable)
                mob_loop_kick_at(s, mob_claim_due(s, op));
            else
                mob_loop_kick(s, 1);
        }
    }
    pthread_mutex_unlock(&s->mu);
    if (now) {
        /* The session is closed: fail here, on the caller's thread. */
        mob_result *r = op->early;
        op->early = NULL;
        if (!r)
            r = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_INVALID_OPERATION,
                                 "the session is closed");
        op->inline_run = 1;
        mob_op_deliver(op, r);
        pthread_mutex_lock(&s->mu);
        op->done = 1;
        pthread_cond_broadcast(&op->cv);
        mob_op_release(op);
    }
}

void mob_op_start(mob_session *s, mob_kind kind, MI_Uint32 flags, MI_OperationOptions *opts,
                  const MI_Char *ns, const MI_Char *className, const MI_Char *method,
                  const MI_Instance *inbound, const MI_Instance *params, MI_Boolean keysOnly,
                  MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mob_op_start_q(s, kind, flags, opts, ns, className, method, inbound, params, keysOnly, NULL,
                   callbacks, operation);
}

void mob_op_start_query(mob_session *s, mob_kind kind, MI_Uint32 flags, MI_OperationOptions *opts,
                        const MI_Char *ns, const MI_Instance *source, MI_Boolean keysOnly,
                        mob_query *q, MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mob_op_start_q(s, kind, flags, opts, ns, NULL, NULL, source, NULL, keysOnly, q, callbacks,
                   operation);
}
