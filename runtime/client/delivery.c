/* SPDX-License-Identifier: MIT */
/* runtime/client/delivery.c: an operation's results and how they reach the caller, in order:
 * queued for MI_Operation_GetInstance (synchronous, bounded: a slow reader holds the operation
 * back), or handed to the instanceResult callback (asynchronous, automatic or manual ack). It
 * never blocks: a run that must wait for the receiver says so (MOB_STEP_WAIT) and is kicked
 * when the receiver lets it go (inbox.c). */
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
    free(r->bookmark);
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

void mob_op_unwait(mob_session *s, mob_op *op)
{
    if (op->waiting) {
        op->waiting = 0;
        mob_loop_kick(s, 1);
    }
}

static MI_Result MI_CALL mob_ack(MI_Operation *h)
{
    mob_op *op = mob_op_of(h);
    if (!op)
        return MI_RESULT_INVALID_PARAMETER;
    pthread_mutex_lock(&op->session->mu);
    op->acked = 1;
    mob_op_unwait(op->session, op);
    pthread_cond_broadcast(&op->cv);
    pthread_mutex_unlock(&op->session->mu);
    return MI_RESULT_OK;
}

/* The final result when making it ran out of memory: with details when they can still be
 * made, else the spare result made at the start. NULL only when there is not even that. */
static mob_result *mob_result_nomem(mob_session *s, mob_op *op)
{
    mob_result *r = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                     "out of memory");
    if (!r) {
        r = op->spare;
        op->spare = NULL;
        if (!r)
            return NULL;
        r->result = MIC_RESULT_NOMEM;
    }
    r->more = MI_FALSE;
    return r;
}

/* Session lock held: a result into a synchronous operation's queue. */
static void mob_op_enqueue(mob_op *op, mob_result *r)
{
    op->qlen++;
    r->next = NULL;
    if (op->rtail)
        op->rtail->next = r;
    else
        op->rhead = r;
    op->rtail = r;
    pthread_cond_broadcast(&op->cv);
}

/* Whether the operation has the callback its results go to (classResult for a class
 * operation's, indicationResult for a subscription's, instanceResult for the others'). */
static int mob_op_has_callback(const mob_op *op)
{
    return MOB_KIND_IS_CLASS(op->kind)   ? op->callbacks.classResult != NULL
           : MOB_KIND_IS_EVENT(op->kind) ? op->callbacks.indicationResult != NULL
                                         : op->callbacks.instanceResult != NULL;
}

/* Hands r to that callback. */
static void mob_op_callback(mob_op *op, const mob_result *r, MI_Result(MI_CALL *ack)(MI_Operation *))
{
    if (MOB_KIND_IS_CLASS(op->kind))
        op->callbacks.classResult(&op->self, op->callbacks.callbackContext, r->cls, r->more,
                                  r->result, r->message, r->error, ack);
    else if (MOB_KIND_IS_EVENT(op->kind))
        op->callbacks.indicationResult(&op->self, op->callbacks.callbackContext, r->instance,
                                       r->bookmark, NULL, r->more, r->result, r->message, r->error,
                                       ack);
    else
        op->callbacks.instanceResult(&op->self, op->callbacks.callbackContext, r->instance, r->more,
                                     r->result, r->message, r->error, ack);
}

void mob_op_deliver(mob_op *op, mob_result *r)
{
    mob_session *s = op->session;
    if (!r && !(r = mob_result_nomem(s, op)))
        return;
    if (!op->async) {
        pthread_mutex_lock(&s->mu);
        mob_op_enqueue(op, r);
        pthread_mutex_unlock(&s->mu);
        return;
    }
    if (mob_op_has_callback(op))
        mob_op_callback(op, r, NULL);
    mob_result_free(r);
}

void mob_op_push(mob_op *op, mob_result *r)
{
    if (!r && !(r = mob_result_nomem(op->session, op)))
        return;
    r->next = NULL;
    if (op->ptail)
        op->ptail->next = r;
    else
        op->phead = r;
    op->ptail = r;
}

/* A synchronous operation's reader holds at most MOB_MAX_QUEUED results untaken (a slow reader
 * holds the operation back rather than memory growing without bound); a manual ack holds the
 * next callback until the ack (or a close), the result staying valid meanwhile. */
int mob_op_pump(mob_session *s, mob_op *op)
{
    for (;;) {
        mob_result *r;
        int manual = (op->flags & MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS) != 0;
        if (op->held) {
            pthread_mutex_lock(&s->mu);
            if (!op->acked && !op->closed && !s->stopping) {
                op->waiting = 1;
                pthread_mutex_unlock(&s->mu);
                return MOB_STEP_WAIT;
            }
            pthread_mutex_unlock(&s->mu);
            mob_result_free(op->held);
            op->held = NULL;
        }
        if (!(r = op->phead))
            return op->final_out ? MOB_STEP_DONE : MOB_STEP_SEND;
        if (!op->async) {
            pthread_mutex_lock(&s->mu);
            if (op->qlen >= MOB_MAX_QUEUED && !op->closed && !s->stopping) {
                op->waiting = 1;
                pthread_mutex_unlock(&s->mu);
                return MOB_STEP_WAIT;
            }
            op->phead = r->next;
            if (!op->phead)
                op->ptail = NULL;
            op->final_out = !r->more;
            mob_op_enqueue(op, r);
            pthread_mutex_unlock(&s->mu);
            continue;
        }
        op->phead = r->next;
        if (!op->phead)
            op->ptail = NULL;
        r->next = NULL;
        op->final_out = !r->more;
        if (!mob_op_has_callback(op)) {
            mob_result_free(r);
            continue;
        }
        if (manual) {
            pthread_mutex_lock(&s->mu);
            op->acked = 0;
            pthread_mutex_unlock(&s->mu);
        }
        mob_op_callback(op, r, manual ? mob_ack : NULL);
        if (manual)
            op->held = r; /* valid until the ack */
        else
            mob_result_free(r);
    }
}
