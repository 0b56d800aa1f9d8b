/* SPDX-License-Identifier: MIT */
/* runtime/client/queue.c: the lifetime of sessions and operations: references, the end of an
 * operation's run (whoever ran it: its loop or its caller), a session's teardown, and the end
 * of a close that its loop finishes (a session closed from one of its callbacks). It knows
 * nothing of MI_Session or MI_Operation calls. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

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

MI_Result mob_dest_copy_connection(const mob_dest *d, mob_dest *out)
{
    memset(out, 0, sizeof *out);
    out->url = util_strdup(d->url);
    out->host = util_strdup(d->host);
    out->port = d->port;
    out->https = d->https;
    out->auth = d->auth;
    out->user = util_strdup(d->user);
    out->password = util_strdup(d->password);
    out->cert_file = util_strdup(d->cert_file);
    out->key_file = util_strdup(d->key_file);
    out->ca_path = util_strdup(d->ca_path);
    out->ca_check = d->ca_check;
    out->cn_check = d->cn_check;
    out->privacy = d->privacy;
    out->max_envelope = d->max_envelope;
    out->max_response = d->max_response;
    if (!out->url || !out->host || (d->user && !out->user) || (d->password && !out->password) ||
        (d->cert_file && !out->cert_file) || (d->key_file && !out->key_file) ||
        (d->ca_path && !out->ca_path))
        return MIC_RESULT_NOMEM;
    return MI_RESULT_OK;
}

static void mob_op_free(mob_op *op)
{
    mob_result *r, *n;
    size_t i;
    for (r = op->rhead; r; r = n) {
        n = r->next;
        mob_result_free(r);
    }
    for (r = op->phead; r; r = n) {
        n = r->next;
        mob_result_free(r);
    }
    mob_result_free(op->held);
    mob_result_free(op->after);
    free(op->context);
    free(op->sub_id);
    mob_result_free(op->current);
    mob_result_free(op->final);
    mob_result_free(op->early);
    mob_result_free(op->spare);
    mob_query_free(op->query);
    mob_class_cache_free(op);
    if (op->instance)
        MI_Instance_Delete(op->instance);
    if (op->params)
        MI_Instance_Delete(op->params);
    free(op->name_space);
    free(op->class_name);
    free(op->method);
    free(op->resource_uri);
    free(op->resource_uri_prefix);
    for (i = 0; i < op->num_options; i++) {
        free((void *)op->options[i].name);
        mic_value_free(op->options[i].type, &op->options[i].value);
    }
    free(op->options);
    util_buf_free(&op->pre);
    pthread_cond_destroy(&op->cv);
    op->self.reserved1 = 0;
    free(op);
}

void mob_op_take_head(mob_session *s, mob_op *op)
{
    s->qhead = op->qnext;
    if (!s->qhead)
        s->qtail = NULL;
    op->qnext = NULL;
    op->queued = 0;
    op->started = 1;
    s->running = op;
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

void mob_op_finish(mob_session *s, mob_op *op)
{
    s->running = NULL;
    op->done = 1;
    pthread_cond_broadcast(&op->cv);
    pthread_cond_broadcast(&s->cv);
}

void mob_session_teardown(mob_session *s)
{
    if (s->lane)
        s->lane->ft->close(s->lane);
    s->lane = NULL;
    util_buf_free(&s->req);
    wsman_parser_free(&s->parser);
    mob_dest_free(&s->dest);
}

void mob_session_finish_close(mob_session *s)
{
    mob_app *a = s->app;
    void *ctx = s->close_ctx;
    void(MI_CALL * cb)(void *) = s->close_cb;
    mob_session_teardown(s);
    if (cb)
        cb(ctx);
    pthread_mutex_lock(&s->mu);
    mob_session_unref(s); /* the user's reference */
    if (a) {
        pthread_mutex_lock(&a->mu);
        a->closing_sessions--;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
    }
}
