/* runtime/client/operation.c: MI_Operation: starting an operation (inputs copied so the caller may
 * free them at once, namespace and arguments checked), running it on the session's worker (the
 * WS-Man exchange through runtime/wsman/wsman.h and the libcurl transport; Enumerate then Pull
 * until the end, Release when cancelled), and handing results over: to MI_Operation_GetInstance
 * (synchronous) or to the instanceResult callback (asynchronous, automatic or manual ack). Close
 * rules: closing a synchronous operation cancels it and waits for the worker to be done with it;
 * closing an asynchronous one cancels it without blocking, and the final callback still comes (it
 * may itself close the operation). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"

#define MOB_OP_MAGIC 0x6d6f624f70657221ULL
#define MOB_OP_NOMEM_MAGIC 0x6d6f624f704e6f4dULL /* an operation that could not be made */
#define MOB_DEFAULT_TIMEOUT_USEC 60000000ULL
#define MOB_MAX_ELEMENTS 500u
#define MOB_MAX_EMPTY_PULLS 100
#define MOB_MAX_QUEUED 1000 /* results a synchronous caller has not taken yet */

static char *mob_dup(const char *s)
{
    size_t n;
    char *d;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    if ((d = (char *)malloc(n)))
        memcpy(d, s, n);
    return d;
}

static int mob_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* ---- results ------------------------------------------------------------------------------ */

void mob_result_free(mob_result *r)
{
    if (!r)
        return;
    if (r->instance)
        MI_Instance_Delete(r->instance);
    if (r->cls)
        MI_Class_Delete(r->cls);
    if (r->error)
        MI_Instance_Delete(r->error);
    free(r->message);
    free(r);
}

mob_result *mob_result_new(MI_Instance *instance, MI_Boolean more, MI_Result result)
{
    mob_result *r = (mob_result *)calloc(1, sizeof *r);
    if (!r) {
        if (instance)
            MI_Instance_Delete(instance);
        return NULL;
    }
    r->instance = instance;
    r->more = more;
    r->result = result;
    return r;
}

static mob_result *mob_result_error_codec(const wsman_codec *codec, MI_Result res,
                                          MI_Uint32 category, const char *msg)
{
    mob_result *r = mob_result_new(NULL, MI_FALSE, res);
    wsman_fault f;
    if (!r)
        return NULL;
    r->message = mob_dup(msg);
    memset(&f, 0, sizeof f);
    wsman_fault_synthesize(codec, &f, res, msg, category, 0);
    r->error = f.error;
    f.error = NULL;
    wsman_fault_free(&f);
    return r;
}

mob_result *mob_result_error(mob_session *s, MI_Result res, MI_Uint32 category, const char *msg)
{
    wsman_codec codec;
    if (s)
        return mob_result_error_codec(&s->codec, res, category, msg);
    memset(&codec, 0, sizeof codec);
    codec.new_instance = mic_new_instance_hook;
    return mob_result_error_codec(&codec, res, category, msg);
}

/* ---- handles and lifetime ----------------------------------------------------------------- */

static mob_op *mob_op_of(MI_Operation *h)
{
    mob_op *op;
    if (!h || h->reserved1 != MOB_OP_MAGIC || !h->reserved2)
        return NULL;
    op = (mob_op *)h->reserved2;
    return op->self.reserved1 == MOB_OP_MAGIC ? op : NULL;
}

static void mob_op_free(mob_op *op)
{
    mob_result *r, *n;
    size_t i;
    for (r = op->rhead; r; r = n) {
        n = r->next;
        mob_result_free(r);
    }
    mob_result_free(op->current);
    mob_result_free(op->final);
    mob_result_free(op->early);
    mob_result_free(op->spare);
    if (op->instance)
        MI_Instance_Delete(op->instance);
    if (op->params)
        MI_Instance_Delete(op->params);
    free(op->name_space);
    free(op->class_name);
    free(op->method);
    free(op->resource_uri);
    free(op->resource_uri_prefix);
    mob_query_free(op->query);
    mob_class_cache_free(op);
    for (i = 0; i < op->num_options; i++) {
        free((void *)op->options[i].name);
        mic_value_free(op->options[i].type, &op->options[i].value);
    }
    free(op->options);
    pthread_cond_destroy(&op->cv);
    op->self.reserved1 = 0;
    free(op);
}

void mob_op_release(mob_op *op)
{
    mob_session *s = op->session;
    if (--op->refs > 0) {
        pthread_mutex_unlock(&s->mu);
        return;
    }
    pthread_mutex_unlock(&s->mu);
    mob_op_free(op);
    pthread_mutex_lock(&s->mu);
    mob_session_unref(s);
}

/* ---- delivery ----------------------------------------------------------------------------- */

static MI_Result MI_CALL mob_ack(MI_Operation *h)
{
    mob_op *op = mob_op_of(h);
    if (!op)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&op->session->mu);
    op->acked = 1;
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->session->mu);
    return MI_RESULT_OK;
}

void mob_op_deliver(mob_op *op, mob_result *r)
{
    mob_session *s = op->session;
    int manual;
    if (!r) {
        /* Out of memory making the final result: end with out of memory, with details when
         * they can still be made, else with the spare result made at the start. */
        r = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                             "out of memory");
        if (!r) {
            r = op->spare;
            op->spare = NULL;
            if (!r)
                return;
            r->result = MIC_RESULT_NOMEM;
        }
        r->more = MI_FALSE;
    }
    if (!op->async) {
        pthread_mutex_lock(&s->mu);
        /* A slow reader holds back the worker rather than memory growing without bound. */
        while (op->qlen >= MOB_MAX_QUEUED && !op->closed && !s->stopping)
            pthread_cond_wait(&op->cv, &s->mu);
        op->qlen++;
        if (op->rtail)
            op->rtail->next = r;
        else
            op->rhead = r;
        op->rtail = r;
        pthread_cond_broadcast(&op->cv);
        pthread_mutex_unlock(&s->mu);
        return;
    }
    if (MOB_KIND_IS_CLASS(op->kind) ? !op->callbacks.classResult : !op->callbacks.instanceResult) {
        mob_result_free(r);
        return;
    }
    manual = (op->flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) != 0;
    if (manual) { /* (acked matters only to a manual ack) */
        pthread_mutex_lock(&s->mu);
        op->acked = 0;
        pthread_mutex_unlock(&s->mu);
    }
    if (MOB_KIND_IS_CLASS(op->kind))
        op->callbacks.classResult(&op->self, op->callbacks.callbackContext, r->cls, r->more,
                                  r->result, r->message, r->error, manual ? mob_ack : NULL);
    else
        op->callbacks.instanceResult(&op->self, op->callbacks.callbackContext, r->instance, r->more,
                                     r->result, r->message, r->error, manual ? mob_ack : NULL);
    if (manual && !op->inline_run) {
        /* The results stay valid until the ack; a close of the operation or the session
         * releases the wait so that nothing hangs. */
        pthread_mutex_lock(&s->mu);
        while (!op->acked && !op->closed && !s->stopping)
            pthread_cond_wait(&op->cv, &s->mu);
        pthread_mutex_unlock(&s->mu);
    }
    mob_result_free(r);
}

/* ---- the operation function table --------------------------------------------------------- */

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
    if (!op->done) {
        __atomic_store_n(&op->cancelled, 1, __ATOMIC_RELEASE);
        if (s->running == op)
            mob_http_wake(&s->http);
    }
    pthread_cond_broadcast(&op->cv);
    if (!op->async && !pthread_equal(pthread_self(), s->thread)) {
        /* (On the session's worker, inside a callback, waiting would deadlock: the worker
         * finishes the cancelled operation later and frees it with the last reference.) */
        if (op->queued) {
            /* Not started: take it off the queue; the worker's reference goes with it. */
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
    if (!op->done) {
        __atomic_store_n(&op->cancelled, 1, __ATOMIC_RELEASE);
        if (op->session->running == op)
            mob_http_wake(&op->session->http); /* its transfer stops now */
    }
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->session->mu);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_o_GetSession(MI_Operation *h, MI_Session *session)
{
    mob_op *op = mob_op_of(h);
    if (!op || !session)
        return MI_RESULT_INVALID_PARAMETER;
    mob_session_handle(op->session, session);
    return MI_RESULT_OK;
}

/* A synchronous operation whose caller asks for its result before the worker took it off the
 * queue (the usual case: MI_Operation_GetInstance right after starting it) runs here, on the
 * caller's thread, which would otherwise only wait: the same run as the worker's, minus two
 * thread hand-offs (the worker's wake-up, and the caller's when the result is there). Only
 * operations with one result (an enumeration streams its results through a bounded queue that
 * this thread is the reader of), only the head of the queue and only while nothing else runs,
 * so that a session's operations still run one at a time, in order, over its one connection;
 * s->running tells the worker and the close rules that the connection is taken. No callback
 * runs here (synchronous operations have none). Session lock held on entry and on return. */
static void mob_op_run_inline(mob_session *s, mob_op *op)
{
    MI_Uint64 took = mob_session_run_head(s, op);
    /* The worker waits while the connection is taken; it has something to do when more was
     * queued meanwhile or the session is closing, and after a long run it looks at the queue
     * seldom (mob_worker in session.c): then it must look again soon. */
    if (s->qhead || s->stopping || took > 2 * MOB_TICK_USEC)
        pthread_cond_broadcast(&s->cv);
    /* The worker's reference, which this run took over. The caller's handle holds another:
     * it is released only by MI_Operation_Close, which waits for done under this lock. */
    op->refs--;
}

/* The next result of a synchronous operation (GetInstance and GetClass): its instance or, for
 * a class operation (want_class), its class into *item. */
static MI_Result mob_o_take(MI_Operation *h, int want_class, const void **item,
                            MI_Boolean *moreResults, MI_Result *result,
                            const MI_Char **errorMessage, const MI_Instance **completionDetails)
{
    mob_op *op = mob_op_of(h);
    mob_session *s;
    mob_result *r;
    int final;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_INVALID_PARAMETER;
    if (!op || !item || op->async || MOB_KIND_IS_CLASS(op->kind) != want_class)
        return MI_RESULT_INVALID_PARAMETER;
    s = op->session;
    pthread_mutex_lock(&s->mu);
    if (op->closed) {
        pthread_mutex_unlock(&s->mu);
        return MI_RESULT_INVALID_PARAMETER;
    }
    final = op->final != NULL;
    if (!final && !op->rhead && op->claimable && op->queued && s->qhead == op && !s->running &&
        !s->stopping && !pthread_equal(pthread_self(), s->thread))
        mob_op_run_inline(s, op);
    if (!final && !op->rhead && !op->done && pthread_equal(pthread_self(), s->thread)) {
        /* Called from a callback of the same session: the worker cannot produce the result
         * it would wait for. */
        pthread_mutex_unlock(&s->mu);
        if (result)
            *result = MI_RESULT_FAILED;
        return MI_RESULT_FAILED;
    }
    if (!final) {
        /* Taking the next result acknowledges the previous one. */
        mob_result_free(op->current);
        op->current = NULL;
        while (!op->rhead)
            pthread_cond_wait(&op->cv, &s->mu);
        r = op->rhead;
        op->rhead = r->next;
        if (!op->rhead)
            op->rtail = NULL;
        op->qlen--;
        pthread_cond_broadcast(&op->cv);
        r->next = NULL;
        if (r->more)
            op->current = r;
        else
            op->final = r;
    } else {
        r = op->final;
    }
    pthread_mutex_unlock(&s->mu);
    if (want_class)
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
    (void)h;
    if (instance)
        *instance = NULL;
    if (bookmark)
        *bookmark = NULL;
    if (machineID)
        *machineID = NULL;
    if (moreResults)
        *moreResults = MI_FALSE;
    if (result)
        *result = MI_RESULT_NOT_SUPPORTED;
    if (errorMessage)
        *errorMessage = NULL;
    if (completionDetails)
        *completionDetails = NULL;
    return MI_RESULT_NOT_SUPPORTED;
}

static MI_Result MI_CALL mob_o_GetInstance(MI_Operation *h, const MI_Instance **instance,
                                           MI_Boolean *moreResults, MI_Result *result,
                                           const MI_Char **errorMessage,
                                           const MI_Instance **completionDetails)
{
    const void *item = NULL;
    MI_Result r = mob_o_take(h, 0, instance ? &item : NULL, moreResults, result, errorMessage,
                             completionDetails);
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
    MI_Result r = mob_o_take(h, 1, classResult ? &item : NULL, moreResults, result, errorMessage,
                             completionDetails);
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
    if (callbacks && (MOB_KIND_IS_CLASS(kind) ? callbacks->classResult != NULL
                                              : callbacks->instanceResult != NULL)) {
        int manual = (flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) != 0;
        const char *m = r && r->message ? r->message : "out of memory";
        if (MOB_KIND_IS_CLASS(kind))
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

/* Copies what the operation needs from the options; a message on failure. */
static MI_Result mob_op_take_options(mob_op *op, MI_OperationOptions *options, char *err,
                                     size_t errlen)
{
    const mob_options *st;
    size_t i, n = 0;
    if (!options || !options->ft)
        return MI_RESULT_OK;
    if (!(st = mob_op_store(options))) {
        snprintf(err, errlen, "operation options were not made by this application");
        return MI_RESULT_INVALID_PARAMETER;
    }
    for (i = 0; i < st->count; i++) {
        const mob_option *o = &st->opts[i];
        if (o->kind == MOB_OPT_CUSTOM) {
            n++;
        } else if (mob_ieq(o->name, MI_OPERATIONOPTIONS_TIMEOUT) && o->kind == MOB_OPT_INTERVAL) {
            op->timeout_usec = mob_interval_usec(&o->value.datetime.u.interval);
        } else if (mob_ieq(o->name, MI_OPERATIONOPTIONS_RESOURCE_URI) &&
                   o->kind == MOB_OPT_STRING) {
            if (!(op->resource_uri = mob_dup(o->value.string)))
                return MIC_RESULT_NOMEM;
        } else if (mob_ieq(o->name, MI_OPERATIONOPTIONS_RESOURCE_URI_PREFIX) &&
                   o->kind == MOB_OPT_STRING) {
            if (!(op->resource_uri_prefix = mob_dup(o->value.string)))
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
        if (o->kind != MOB_OPT_CUSTOM)
            continue;
        w = &op->options[op->num_options];
        if (!(w->name = mob_dup(o->name)))
            return MIC_RESULT_NOMEM;
        op->num_options++;
        w->type = o->type;
        w->must_comply = o->must_comply;
        if (mic_value_copy(o->type, &o->value, &w->value) != MI_RESULT_OK)
            return MIC_RESULT_NOMEM;
    }
    return MI_RESULT_OK;
}

static int mob_valid_name(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!p || !*p || (*p >= '0' && *p <= '9'))
        return 0;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p >= 0x80))
            return 0;
    return 1;
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
    if (op->kind == MOB_OP_UNSUPPORTED) {
        r = MI_RESULT_NOT_SUPPORTED;
        cat = MI_ERRORCATEGORY_NOT_IMPLEMENTED;
        snprintf(err, sizeof err, "this operation is not supported by libmofbind");
        goto fail;
    }
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
    if (ns && *ns && !(op->name_space = mob_dup(ns)))
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
        if (!mob_valid_name(cls) || !mob_valid_name(method)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "Invoke needs a valid class name and method name");
            goto fail;
        }
        break;
    case MOB_OP_ENUMERATE:
        if (!mob_valid_name(cls)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "EnumerateInstances needs a valid class name");
            goto fail;
        }
        break;
    case MOB_OP_GETCLASS:
        if (!mob_valid_name(cls)) {
            r = MI_RESULT_INVALID_PARAMETER;
            snprintf(err, sizeof err, "GetClass needs a valid class name");
            goto fail;
        }
        break;
    case MOB_OP_ENUMCLASSES:
        if (cls && *cls && !mob_valid_name(cls)) {
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
            !mob_valid_name(cls)) {
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
    if ((cls && !(op->class_name = mob_dup(cls))) || (method && !(op->method = mob_dup(method))))
        goto oom;
    if (inbound && inbound->ft) {
        r = MI_Instance_Clone(inbound, &op->instance);
        if (r != MI_RESULT_OK) {
            snprintf(err, sizeof err, "cannot copy the inbound instance");
            goto fail;
        }
        if (!(op->flags & MI_OPERATIONFLAGS_NO_RTTI))
            op->decl = mic_instance_decl(inbound);
    }
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
    if (MOB_KIND_IS_ENUM(op->kind) && op->kind != MOB_OP_ENUMERATE) {
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

static void mob_op_start_q(MI_Session *session, mob_kind kind, MI_Uint32 flags,
                           MI_OperationOptions *opts, const MI_Char *ns, const MI_Char *className,
                           const MI_Char *method, const MI_Instance *inbound,
                           const MI_Instance *params, MI_Boolean keysOnly, mob_query *q,
                           MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mob_session *s = mob_session_of(session);
    mob_op *op;
    int now;

    if (operation)
        memset(operation, 0, sizeof *operation);
    if (!s || !operation) {
        mob_query_free(q);
        mob_bad_session(kind, callbacks);
        return;
    }
    if (!q && MOB_KIND_IS_ENUM(kind) && kind != MOB_OP_ENUMERATE) {
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
    op->refs = 2; /* the caller's handle and the worker */
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
        /* Whoever runs an operation now (the worker, or a caller on its own thread) looks at
         * the queue when it is done: only an idle worker needs waking, and one that looks at
         * the queue on its own (mob_worker) only for what its caller will not run. */
        op->claimable = !op->async && !MOB_KIND_IS_ENUM(kind) && kind != MOB_OP_ENUMCLASSES;
        op->queued_at = s->last_use = mob_now_usec();
        if (!s->running && (s->worker_asleep || !op->claimable))
            pthread_cond_broadcast(&s->cv);
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

void mob_op_start(MI_Session *session, mob_kind kind, MI_Uint32 flags, MI_OperationOptions *opts,
                  const MI_Char *ns, const MI_Char *className, const MI_Char *method,
                  const MI_Instance *inbound, const MI_Instance *params, MI_Boolean keysOnly,
                  MI_OperationCallbacks *callbacks, MI_Operation *operation)
{
    mob_op_start_q(session, kind, flags, opts, ns, className, method, inbound, params, keysOnly,
                   NULL, callbacks, operation);
}

void mob_op_start_query(MI_Session *session, mob_kind kind, MI_Uint32 flags,
                        MI_OperationOptions *opts, const MI_Char *ns, const MI_Instance *source,
                        MI_Boolean keysOnly, mob_query *q, MI_OperationCallbacks *callbacks,
                        MI_Operation *operation)
{
    mob_op_start_q(session, kind, flags, opts, ns, NULL, NULL, source, NULL, keysOnly, q, callbacks,
                   operation);
}

/* ---- running (worker thread) -------------------------------------------------------------- */

static const char *mob_fault_message(const wsman_response *resp)
{
    if (resp->fault.reason && *resp->fault.reason)
        return resp->fault.reason;
    if (resp->fault.wsman_fault_message && *resp->fault.wsman_fault_message)
        return resp->fault.wsman_fault_message;
    return wsman_result_text(resp->result);
}

/* Names the namespace and server of a result; fails only for want of memory. */
static MI_Result mob_result_set_ns(mob_op *op, MI_Instance *inst)
{
    MI_Result r = MI_RESULT_OK;
    if (!inst)
        return MI_RESULT_OK;
    if (op->name_space && !inst->nameSpace)
        r = MI_Instance_SetNameSpace(inst, op->name_space);
    if (r == MI_RESULT_OK && !inst->serverName)
        r = MI_Instance_SetServerName(inst, op->session->dest.host);
    return r;
}

/* A failure of an exchange as a final result: from the fault (its error instance taken). */
mob_result *mob_result_from_fault(wsman_response *resp)
{
    mob_result *r = mob_result_new(NULL, MI_FALSE, resp->result);
    if (!r)
        return NULL;
    r->message = mob_dup(mob_fault_message(resp));
    r->error = resp->fault.error;
    resp->fault.error = NULL;
    return r;
}

static MI_Uint64 mob_op_timeout(const mob_op *op)
{
    if (op->timeout_usec)
        return op->timeout_usec;
    if (op->session->dest.timeout_usec)
        return op->session->dest.timeout_usec;
    return MOB_DEFAULT_TIMEOUT_USEC;
}

/* One request/response. Returns NULL and fills resp on a well-formed exchange (resp->result may
 * still be a fault's), or a final error result for a failure outside the SOAP level. */
mob_result *mob_exchange(mob_session *s, mob_op *op, const wsman_request *req,
                         const wsman_read_options *ro, wsman_response *resp)
{
    char msgid[WSMAN_MSGID_SIZE];
    wsman_error err;
    mob_http_result hr;
    mob_result *res = NULL;
    MI_Result r;
    MI_Uint64 t = req->timeout_usec;
    wsman_request numbered = *req;
    /* A little past the operation timeout, so that the server's own TimedOut fault can still
     * arrive, but the caller waits at most the timeout plus 5% (issue 8: plus 10% at most). */
    MI_Uint64 margin = t / 20 < 5000000ULL ? t / 20 : 5000000ULL;

    memset(resp, 0, sizeof *resp);
    memset(&err, 0, sizeof err);
    msgid[0] = '\0';
    wsman_next_message_id(s->msgid);
    numbered.message_id = s->msgid;
    r = wsman_write_request(&numbered, &s->req, msgid, &err);
    if (r != MI_RESULT_OK)
        return mob_result_error(s, r,
                                r == MIC_RESULT_NOMEM ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                                                      : MI_ERRORCATEGORY_INVALID_ARGUMENT,
                                err.message[0] ? err.message : "cannot encode the request");
    MI_Uint64 started = mob_now_usec();
    s->http.cancel = &op->cancelled;
    mob_http_post(&s->http, &s->dest, s->req.data, s->req.len, t ? t + margin : 0, &hr);
    s->http.cancel = NULL;
    if (hr.result != MI_RESULT_OK) {
        res = mob_result_error(s, hr.result, hr.category, hr.message);
    } else if (hr.status >= 300 && hr.status < 400) {
        char m[600];
        snprintf(m, sizeof m,
                 "HTTP %d: the server redirects to %.500s; use that URL as the "
                 "destination",
                 hr.status, hr.location ? hr.location : "(no Location)");
        res = mob_result_error(s, MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR, m);
    } else {
        if (MOB_KIND_IS_CLASS(op->kind)) {
            /* The class resource answers CIM-XML classes (class.c). */
            wsman_class_read names;
            names.name_space = op->name_space;
            names.server = s->dest.host;
            wsman_read_class_response(&s->codec, req->action, hr.status, hr.content_type, hr.body,
                                      hr.len, &names, resp);
        } else {
            wsman_read_response(&s->codec, req->action, hr.status, hr.content_type, hr.body, hr.len,
                                ro, resp);
        }
        if (t && mob_now_usec() - started > t + margin) {
            /* The timeout covers reading the answer too (the codec bounds what libxml2 is
             * given, so reading is linear in the answer's size, but a large one still takes
             * time): an answer read too late is not an answer. */
            wsman_response_free(resp);
            memset(resp, 0, sizeof *resp);
            mob_http_result_free(&hr);
            return mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_TIMEOUT,
                                    "timed out reading the answer of the server");
        }
        if (hr.status == 401 && resp->result == MI_RESULT_ACCESS_DENIED &&
            (s->dest.auth == MOB_AUTH_KERBEROS || s->dest.auth == MOB_AUTH_NEGOTIATE)) {
            /* libcurl does not tell why SPNEGO failed (no ticket, or one the server could not
             * read): say where a Kerberos login gets its ticket and what it is for. */
            char m[600];
            snprintf(m, sizeof m,
                     "Access is denied (HTTP 401): the server refused the credentials (a "
                     "Kerberos login uses the ticket in the credential cache, see kinit and "
                     "KRB5CCNAME, for the service HTTP@%.256s, whose current key the server "
                     "must hold)",
                     s->dest.host);
            wsman_fault_synthesize(&s->codec, &resp->fault, MI_RESULT_ACCESS_DENIED, m,
                                   MI_ERRORCATEGORY_ACCESS_DENIED, 401);
        } else if (hr.status == 401 && resp->result == MI_RESULT_ACCESS_DENIED &&
                   s->dest.auth == MOB_AUTH_NONE && !s->dest.user) {
            /* Nothing was refused: nothing was offered. */
            wsman_fault_synthesize(&s->codec, &resp->fault, MI_RESULT_ACCESS_DENIED,
                                   "Access is denied (HTTP 401): no credentials were given and "
                                   "the server asks for them "
                                   "(MI_DestinationOptions_AddDestinationCredentials)",
                                   MI_ERRORCATEGORY_ACCESS_DENIED, 401);
        }
        if (resp->result == MI_RESULT_OK && resp->relates_to && msgid[0] &&
            strcmp(resp->relates_to, msgid) != 0) {
            wsman_response_free(resp);
            res = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                                   "the response does not relate to the request (RelatesTo)");
        }
    }
    mob_http_result_free(&hr);
    return res;
}

static int mob_is_cancelled(mob_op *op)
{
    return __atomic_load_n(&op->cancelled, __ATOMIC_ACQUIRE) != 0;
}

static mob_result *mob_cancelled(mob_session *s)
{
    return mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_STOPPED,
                            "the operation was cancelled");
}

/* The IdentifyResponse as an instance, or NULL for want of memory. */
static MI_Instance *mob_identify_instance(const wsman_response *resp)
{
    static const char *const names[] = {"ProtocolVersion", "ProductVendor", "ProductVersion"};
    const char *values[3];
    MI_Instance *i = NULL;
    MI_Value v;
    int k;
    values[0] = resp->protocol_version;
    values[1] = resp->product_vendor;
    values[2] = resp->product_version;
    if (mic_instance_new("IdentifyResponse", NULL, &i) != MI_RESULT_OK)
        return NULL;
    for (k = 0; k < 3; k++) {
        v.string = (MI_Char *)values[k];
        if (MI_Instance_AddElement(i, names[k], v.string ? &v : NULL, MI_STRING,
                                   v.string ? 0 : MI_FLAG_NULL) != MI_RESULT_OK) {
            MI_Instance_Delete(i);
            return NULL;
        }
    }
    return i;
}

static const MI_MethodDecl *mob_find_method(const MI_ClassDecl *d, const char *name)
{
    MI_Uint32 i;
    if (!d || !name)
        return NULL;
    for (i = 0; i < d->numMethods && d->methods; i++)
        if (d->methods[i] && d->methods[i]->name && mob_ieq(d->methods[i]->name, name))
            return d->methods[i];
    return NULL;
}

void mob_run_enumerate(mob_session *s, mob_op *op, wsman_request *req, const wsman_read_options *ro)
{
    wsman_response resp;
    mob_result *res;
    char *context = NULL;
    int empty = 0;

    req->action = WSMAN_ACTION_ENUMERATE;
    req->optimize = MI_TRUE;
    req->max_elements = MOB_MAX_ELEMENTS;
    req->epr_mode = op->keys_only;
    for (;;) {
        size_t i, k;
        int lost;
        MI_Boolean eos;
        if ((res = mob_exchange(s, op, req, ro, &resp)))
            break;
        if (resp.result != MI_RESULT_OK) {
            res = mob_result_from_fault(&resp);
            wsman_response_free(&resp);
            break;
        }
        for (i = 0; i < resp.num_items; i++) {
            MI_Instance *inst = resp.items[i];
            mob_result *item = NULL;
            resp.items[i] = NULL;
            if (mob_result_set_ns(op, inst) == MI_RESULT_OK)
                item = mob_result_new(inst, MI_TRUE, MI_RESULT_OK);
            else
                MI_Instance_Delete(inst);
            if (!item)
                break;
            mob_op_deliver(op, item);
        }
        lost = i < resp.num_items;
        for (k = 0; k < resp.num_classes && !lost; k++) {
            mob_result *item = mob_class_item(s, op, resp.classes[k]);
            resp.classes[k] = NULL;
            if (!(lost = !item))
                mob_op_deliver(op, item);
        }
        empty = resp.num_items || resp.num_classes ? 0 : empty + 1;
        eos = resp.end_of_sequence || !resp.context || !*resp.context;
        free(context);
        context = eos ? NULL : resp.context;
        if (!eos)
            resp.context = NULL;
        if (lost) {
            /* No memory to hand an item over: the enumeration ends out of memory rather
             * than short and OK (the context, if any, is released below). */
            wsman_response_free(&resp);
            res = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                   "out of memory: an enumerated instance could not be kept");
            break;
        }
        wsman_response_free(&resp);
        if (eos) {
            res = mob_result_new(NULL, MI_FALSE, MI_RESULT_OK);
            break;
        }
        if (mob_is_cancelled(op)) {
            res = mob_cancelled(s);
            break;
        }
        if (empty > MOB_MAX_EMPTY_PULLS) {
            res = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                                   "the server keeps answering Pull with no items");
            break;
        }
        req->action = WSMAN_ACTION_PULL;
        req->context = context;
    }
    if (context) {
        /* Abandoned before the end: tell the server (best effort; a cancelled operation's
         * flag would stop the request at once, so it is sent without it). */
        int was = __atomic_exchange_n(&op->cancelled, 0, __ATOMIC_ACQ_REL);
        req->action = WSMAN_ACTION_RELEASE;
        req->context = context;
        req->timeout_usec = req->timeout_usec < 5000000ULL ? req->timeout_usec : 5000000ULL;
        mob_result_free(mob_exchange(s, op, req, ro, &resp));
        wsman_response_free(&resp);
        __atomic_store_n(&op->cancelled, was, __ATOMIC_RELEASE);
        free(context);
    }
    mob_op_deliver(op, res);
}

void mob_op_run(mob_session *s, mob_op *op)
{
    wsman_request req;
    wsman_read_options ro;
    wsman_response resp;
    mob_result *res;
    const mob_dest *d = &s->dest;

    if (op->early) {
        res = op->early;
        op->early = NULL;
        mob_op_deliver(op, res);
        return;
    }
    if (mob_is_cancelled(op)) {
        mob_op_deliver(op, mob_cancelled(s));
        return;
    }
    if (d->auth == MOB_AUTH_BASIC && !d->https && d->privacy) {
        mob_op_deliver(
            op, mob_result_error(s, MI_RESULT_ACCESS_DENIED, MI_ERRORCATEGORY_SECURITY_ERROR,
                                 "Basic credentials are not sent over plain HTTP while packet "
                                 "privacy is on: use HTTPS, or turn privacy off with "
                                 "MI_DestinationOptions_SetPacketPrivacy(options, MI_FALSE)"));
        return;
    }

    memset(&req, 0, sizeof req);
    memset(&ro, 0, sizeof ro);
    req.to = d->url;
    req.class_name = op->class_name;
    req.name_space = op->name_space;
    req.method_name = op->method;
    req.instance = op->instance;
    req.parameters = op->params;
    req.max_envelope_size = d->max_envelope;
    req.timeout_usec = mob_op_timeout(op);
    req.locale = d->locale;
    req.data_locale = d->data_locale;
    req.options = op->options;
    req.num_options = op->num_options;
    if (op->resource_uri) {
        req.resource_uri = op->resource_uri;
    } else {
        const char *cls = op->class_name;
        if (!cls && op->instance)
            MI_Instance_GetClassName(op->instance, &cls);
        if (op->resource_uri_prefix) {
            size_t n = strlen(op->resource_uri_prefix);
            req.resource_uri_prefix = op->resource_uri_prefix;
            req.namespace_in_uri = n >= 5 && !strcmp(op->resource_uri_prefix + n - 5, "/wmi/");
        } else if (cls && !strncmp(cls, "Win32_", 6)) {
            /* WMI classes: WinRM's own form, the namespace in the URI. */
            req.resource_uri_prefix = WSMAN_URI_PREFIX_WMI;
            req.namespace_in_uri = MI_TRUE;
        } else {
            req.resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
        }
        if (req.namespace_in_uri && !req.name_space)
            req.name_space = "root/cimv2";
    }
    ro.parser = &s->parser;
    ro.no_rtti = (op->flags & MI_OPERATIONFLAGS_NO_RTTI) ? MI_TRUE : MI_FALSE;
    ro.decl = ro.no_rtti ? NULL : op->decl;
    if (op->kind == MOB_OP_INVOKE && !ro.no_rtti)
        ro.method = mob_find_method(op->decl, op->method);

    switch (op->kind) {
    case MOB_OP_GET:
        req.action = WSMAN_ACTION_GET;
        break;
    case MOB_OP_MODIFY:
        req.action = WSMAN_ACTION_PUT;
        break;
    case MOB_OP_CREATE:
        req.action = WSMAN_ACTION_CREATE;
        break;
    case MOB_OP_DELETE:
        req.action = WSMAN_ACTION_DELETE;
        break;
    case MOB_OP_INVOKE:
        req.action = WSMAN_ACTION_INVOKE;
        break;
    case MOB_OP_IDENTIFY:
        req.action = WSMAN_ACTION_IDENTIFY;
        break;
    case MOB_OP_ENUMERATE:
        mob_run_enumerate(s, op, &req, &ro);
        return;
    case MOB_OP_QUERY:
    case MOB_OP_ASSOCIATORS:
    case MOB_OP_REFERENCES:
        mob_run_query(s, op, &req, &ro);
        return;
    case MOB_OP_GETCLASS:
    case MOB_OP_ENUMCLASSES:
        mob_run_class(s, op, &req, &ro);
        return;
    default:
        mob_op_deliver(op, mob_result_error(s, MI_RESULT_NOT_SUPPORTED,
                                            MI_ERRORCATEGORY_NOT_IMPLEMENTED,
                                            "this operation is not supported by libmofbind"));
        return;
    }
    if ((res = mob_exchange(s, op, &req, &ro, &resp))) {
        mob_op_deliver(op, res);
        return;
    }
    if (resp.result != MI_RESULT_OK) {
        res = mob_result_from_fault(&resp);
    } else if (op->kind == MOB_OP_IDENTIFY) {
        MI_Instance *inst = mob_identify_instance(&resp);
        res = inst ? mob_result_new(inst, MI_FALSE, MI_RESULT_OK) : NULL;
    } else {
        MI_Instance *inst = NULL;
        int ok = 1;
        if (op->kind != MOB_OP_DELETE && resp.num_items > 0) {
            inst = resp.items[0];
            resp.items[0] = NULL;
            if (mob_result_set_ns(op, inst) != MI_RESULT_OK) {
                MI_Instance_Delete(inst);
                ok = 0;
            }
        }
        /* (NULL: out of memory, which mob_op_deliver reports) */
        res = ok ? mob_result_new(inst, MI_FALSE, MI_RESULT_OK) : NULL;
    }
    wsman_response_free(&resp);
    mob_op_deliver(op, res);
}
