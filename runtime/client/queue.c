/* SPDX-License-Identifier: MIT */
/* runtime/client/queue.c: a session's queue and the worker thread that runs its operations in
 * order over one kept-alive connection (leaving a synchronous caller the time to run its own,
 * see mob_worker), and the lifetime of sessions and operations (references, teardown). It runs
 * an operation through exchange.c and knows nothing of MI_Session or MI_Operation calls. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"

/* ---- lifetime ----------------------------------------------------------------------------- */

void mob_dest_free(mob_dest *d)
{
    free(d->url);
    free(d->host);
    mob_wipe_free(d->user);
    mob_wipe_free(d->password);
    free(d->cert_file);
    free(d->key_file);
    free(d->ca_path);
    free(d->locale);
    free(d->data_locale);
    memset(d, 0, sizeof *d);
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

void mob_session_destroy(mob_session *s)
{
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    s->magic = 0;
    free(s);
}

/* Lock held on entry, released on return; frees the session with its last reference. */
void mob_session_unref(mob_session *s)
{
    int last = --s->refs == 0;
    pthread_mutex_unlock(&s->mu);
    if (last)
        mob_session_destroy(s);
}

void mob_session_teardown(mob_session *s)
{
    if (s->transport)
        s->transport->ft->close(s->transport);
    s->transport = NULL;
    util_buf_free(&s->req);
    wsman_parser_free(&s->parser);
    mob_dest_free(&s->dest);
}

/* Lock held: waits on s->cv until usec (CLOCK_MONOTONIC), or with no timeout when usec is 0. */
static void mob_wait_until(mob_session *s, MI_Uint64 usec)
{
    struct timespec ts;
    if (!usec) {
        pthread_cond_wait(&s->cv, &s->mu);
        return;
    }
    ts.tv_sec = (time_t)(usec / 1000000ULL);
    ts.tv_nsec = (long)(usec % 1000000ULL) * 1000L;
    pthread_cond_timedwait(&s->cv, &s->mu, &ts);
}

/* The worker runs the session's operations one at a time, in order, over its connection.
 * A synchronous operation with one result is usually run by its caller instead, on its own
 * thread, when it asks for the result (mob_op_run_inline in operation.c): a thread wake-up
 * costs more than the client's whole work for a Create. So that the worker's own wake-up is
 * spared too, a worker that was busy lately (MOB_LINGER_USEC) is not woken for such an
 * operation: it looks at the queue on its own, and starts an operation that its caller left
 * there for MOB_CLAIM_USEC. It looks again after as long as the session has been quiet (since
 * an operation was last queued, started or ended), at least MOB_TICK_USEC: every millisecond
 * while operations follow each other; while a caller runs a long one, less and less often (a
 * few wake-ups per operation, whatever its length; the caller wakes it when it is done); in a
 * pause, at most every MOB_TICK_MAX_USEC, and not at all once the session has been quiet for
 * MOB_LINGER_USEC: then it sleeps with no timeout, and the next operation wakes it. An
 * operation that nobody asks for is thus under way within about 1 ms after its turn comes, or
 * MOB_TICK_MAX_USEC after a pause. */
#define MOB_CLAIM_USEC 1000ULL
#define MOB_TICK_MAX_USEC 8000ULL
#define MOB_LINGER_USEC 100000ULL

MI_Uint64 mob_session_run_head(mob_session *s, mob_op *op)
{
    MI_Uint64 t0;
    s->qhead = op->qnext;
    if (!s->qhead)
        s->qtail = NULL;
    op->qnext = NULL;
    op->queued = 0;
    op->started = 1;
    s->running = op;
    s->last_use = t0 = mob_now_usec();
    pthread_mutex_unlock(&s->mu);
    mob_op_run(s, op);
    pthread_mutex_lock(&s->mu);
    s->running = NULL;
    s->last_use = mob_now_usec();
    op->done = 1;
    pthread_cond_broadcast(&op->cv);
    return s->last_use - t0;
}

/* Lock held: the operation the worker may start now, or NULL and *until: when to look again
 * (0: when woken). */
static mob_op *mob_worker_next(mob_session *s, MI_Uint64 *until)
{
    mob_op *op = s->qhead;
    MI_Uint64 now, quiet;
    *until = 0;
    if (op && !s->running && (!op->claimable || s->stopping))
        return op;
    if (!op && s->stopping && !s->running)
        return NULL;
    now = mob_now_usec();
    quiet = now > s->last_use ? now - s->last_use : 0;
    if (s->running) {
        /* A caller runs one: it wakes us when it is done if more was queued meanwhile or the
         * session is closing; a new operation queued after that is looked at as below. */
        *until = now + (quiet > MOB_TICK_USEC ? quiet : MOB_TICK_USEC);
        return NULL;
    }
    if (op && now >= op->queued_at + MOB_CLAIM_USEC)
        return op;
    if (op)
        *until = op->queued_at + MOB_CLAIM_USEC;
    else if (quiet < MOB_LINGER_USEC)
        *until = now + (quiet < MOB_TICK_USEC       ? MOB_TICK_USEC
                        : quiet > MOB_TICK_MAX_USEC ? MOB_TICK_MAX_USEC
                                                    : quiet);
    return NULL;
}

void *mob_worker(void *arg)
{
    mob_session *s = (mob_session *)arg;
    int detach;
    void *ctx;
    void(MI_CALL * cb)(void *);

    pthread_mutex_lock(&s->mu);
    for (;;) {
        mob_op *op;
        MI_Uint64 until;
        while (!(op = mob_worker_next(s, &until)) && !(!s->qhead && s->stopping && !s->running)) {
            s->worker_asleep = until == 0;
            mob_wait_until(s, until);
            s->worker_asleep = 0;
        }
        if (!op)
            break;
        mob_session_run_head(s, op);
        mob_op_release(op); /* the worker's reference; unlocks */
        pthread_mutex_lock(&s->mu);
    }
    detach = s->detach_on_exit;
    ctx = s->close_ctx;
    cb = s->close_cb;
    pthread_mutex_unlock(&s->mu);
    if (detach) {
        /* Closed from one of our callbacks: nobody joins us; finish the close here, and let
         * MI_Application_Close know (it waits for this). */
        mob_app *a = s->detach_app;
        pthread_detach(pthread_self());
        mob_session_teardown(s);
        if (cb)
            cb(ctx);
        pthread_mutex_lock(&s->mu);
        mob_session_unref(s);
        if (a) {
            pthread_mutex_lock(&a->mu);
            a->closing_sessions--;
            pthread_cond_broadcast(&a->cv);
            pthread_mutex_unlock(&a->mu);
        }
    }
    return NULL;
}
