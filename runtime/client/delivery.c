/* SPDX-License-Identifier: MIT */
/* runtime/client/delivery.c: an operation's results and how they reach the caller: queued for
 * MI_Operation_GetInstance (synchronous, bounded: a slow reader holds back the worker), or
 * handed to the instanceResult callback (asynchronous, automatic or manual ack). The lowest part
 * of the client: it calls nothing else of it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

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
    r->message = util_strdup(msg);
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

/* ---- handles ------------------------------------------------------------------------------ */

mob_op *mob_op_of(MI_Operation *h)
{
    mob_op *op;
    if (!h || h->reserved1 != MOB_OP_MAGIC || !h->reserved2)
        return NULL;
    op = (mob_op *)h->reserved2;
    return op->self.reserved1 == MOB_OP_MAGIC ? op : NULL;
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
