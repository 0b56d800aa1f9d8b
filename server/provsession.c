/* SPDX-License-Identifier: MIT */
/* server/provsession.c: the providers' local session in mofbind-provider-host
 * (MI_Context_GetLocalSession, provhost.h's srv_provhost_local): libmofbind's MI_Session whose
 * transport, instead of HTTP, sends each WS-Man request as a PW_SESSION frame over the host's
 * socket to the mofbind-server that started it, which dispatches it as it would one from the
 * network and answers with PW_SESSION_REPLY. So a provider reads and writes any class of the
 * server, the store's or another provider's, even one of its own host: nothing of the host
 * waits on the exchange except the provider's own thread (a loop's transfers are waited for in
 * its epoll set through an eventfd, never by blocking the loop).
 *
 * One host per process: the transport finds the socket through this file's state, made when a
 * provider first asks for the session. As OMI's provider manager does, the session is one for
 * all the providers of the host, owned by the host (a provider does not close it), closed after
 * the providers are unloaded. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "provhost.h"
#include "provsession.h"
#include "provwire.h"

typedef struct ls_driver {
    mob_driver base;
    int evfd; /* written when one of its transfers ended (in the loop's epoll set) */
} ls_driver;

/* A group's pool: nothing to keep between transfers but the driver. */
struct mob_pool {
    ls_driver *drv;
};

typedef struct ls_xfer {
    mob_transport base;
    ls_driver *drv; /* NULL: a lane's, whose post waits on ls_cv */
    void *owner;
    struct ls_xfer *next; /* in ls.waiting, then (a driver's) in ls.ended */
    uint64_t id;
    int state;          /* LS_IDLE, LS_WAITING, LS_ENDED */
    MI_Uint64 deadline; /* mob_now_usec; 0: none */
    /* The outcome: an answer (status, body, valid until the next exchange or close) or a
     * failure (result not OK). */
    unsigned status;
    char *body;
    size_t len;
    MI_Result result;
    MI_Uint32 category;
    char message[160];
} ls_xfer;

enum { LS_IDLE, LS_WAITING, LS_ENDED };

static pthread_mutex_t ls_mu = PTHREAD_MUTEX_INITIALIZER; /* everything of ls */
static pthread_cond_t ls_cv = PTHREAD_COND_INITIALIZER;   /* a lane's exchange ended, or wake */
static struct {
    ls_xfer *waiting; /* sent, not answered */
    ls_xfer *ended;   /* drivers' transfers answered, for their driver_run */
    uint64_t next_id;
    srv_provhost_send_fn send;
    void *send_ctx;
    int ended_host; /* the server closed the connection: every exchange fails */
    int made;       /* the application and session exist */
    MI_Application app;
    MI_Session session;
} ls;

static const mob_transport_ft ls_ft;

static void ls_fail(ls_xfer *x, MI_Uint32 category, const char *message)
{
    x->state = LS_ENDED;
    x->result = MI_RESULT_FAILED;
    x->category = category;
    snprintf(x->message, sizeof x->message, "%s", message);
}

/* Unlinks x from a list. ls_mu held. */
static void ls_unlink(ls_xfer **list, ls_xfer *x)
{
    for (; *list; list = &(*list)->next)
        if (*list == x) {
            *list = x->next;
            x->next = NULL;
            return;
        }
}

/* x ended (ls_mu held): a driver's goes to the ended list and wakes its loop. */
static void ls_ended(ls_xfer *x)
{
    if (x->drv) {
        uint64_t one = 1;
        x->next = ls.ended;
        ls.ended = x;
        if (write(x->drv->evfd, &one, sizeof one) < 0) {
            /* the counter is already non-zero: the loop wakes anyway */
        }
    } else {
        pthread_cond_broadcast(&ls_cv);
    }
}

/* Sends the request; x is then LS_WAITING, or LS_ENDED when it could not go. */
static void ls_send(ls_xfer *x, const char *body, size_t len, MI_Uint64 timeout_usec)
{
    wsman_buf b;
    uint64_t id;
    free(x->body);
    x->body = NULL;
    x->len = 0;
    x->result = MI_RESULT_OK;
    pthread_mutex_lock(&ls_mu);
    if (ls.ended_host) {
        ls_fail(x, MI_ERRORCATEGORY_CONNECTION_ERROR, "the server closed the provider host");
        pthread_mutex_unlock(&ls_mu);
        return;
    }
    id = x->id = ++ls.next_id;
    x->state = LS_WAITING;
    x->deadline = timeout_usec ? mob_now_usec() + timeout_usec : 0;
    x->next = ls.waiting;
    ls.waiting = x;
    pthread_mutex_unlock(&ls_mu);
    util_buf_init(&b);
    pw_begin(&b, PW_SESSION, id);
    pw_strn(&b, body, len);
    if (ls.send(ls.send_ctx, &b) != 0) {
        pthread_mutex_lock(&ls_mu);
        if (x->state == LS_WAITING) {
            ls_unlink(&ls.waiting, x);
            ls_fail(x, MI_ERRORCATEGORY_CONNECTION_ERROR,
                    "the request could not be sent to the server");
        }
        pthread_mutex_unlock(&ls_mu);
    }
    util_buf_free(&b);
}

/* The outcome of an ended x into out. */
static void ls_result(ls_xfer *x, mob_http_result *out)
{
    memset(out, 0, sizeof *out);
    x->state = LS_IDLE;
    if (x->result != MI_RESULT_OK) {
        out->result = x->result;
        out->category = x->category;
        snprintf(out->message, sizeof out->message, "%s", x->message);
        return;
    }
    out->content_type = util_strdup("application/soap+xml;charset=UTF-8");
    if (!out->content_type) {
        out->result = MIC_RESULT_NOMEM;
        out->category = MI_ERRORCATEGORY_LIMITS_EXCEEDED;
        snprintf(out->message, sizeof out->message, "out of memory");
        return;
    }
    out->status = (int)x->status;
    out->body = x->body ? x->body : "";
    out->len = x->len;
    out->result = MI_RESULT_OK;
}

static MI_Result ls_open(const mob_dest *d, mob_transport **out)
{
    ls_xfer *x = calloc(1, sizeof *x);
    (void)d;
    *out = NULL;
    if (!x)
        return MIC_RESULT_NOMEM;
    x->base.ft = &ls_ft;
    *out = &x->base;
    return MI_RESULT_OK;
}

static void ls_close(mob_transport *t)
{
    ls_xfer *x = (ls_xfer *)t;
    pthread_mutex_lock(&ls_mu);
    ls_unlink(&ls.waiting, x);
    ls_unlink(&ls.ended, x);
    pthread_mutex_unlock(&ls_mu);
    free(x->body);
    free(x);
}

static void ls_post(mob_transport *t, const mob_dest *d, const char *body, size_t len,
                    MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out)
{
    ls_xfer *x = (ls_xfer *)t;
    (void)d;
    ls_send(x, body, len, timeout_usec);
    pthread_mutex_lock(&ls_mu);
    while (x->state == LS_WAITING) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100000000; /* cancel and the deadline are looked at this often */
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&ls_cv, &ls_mu, &until);
        if (x->state != LS_WAITING)
            break;
        if (cancel && *cancel) {
            ls_unlink(&ls.waiting, x);
            ls_fail(x, MI_ERRORCATEGORY_OPERATION_STOPPED, "the operation was cancelled");
        } else if (x->deadline && mob_now_usec() >= x->deadline) {
            ls_unlink(&ls.waiting, x);
            ls_fail(x, MI_ERRORCATEGORY_OPERATION_TIMEOUT, "the server did not answer in time");
        }
    }
    ls_result(x, out);
    pthread_mutex_unlock(&ls_mu);
}

static void ls_wake(mob_transport *t)
{
    (void)t;
    pthread_mutex_lock(&ls_mu);
    pthread_cond_broadcast(&ls_cv);
    pthread_mutex_unlock(&ls_mu);
}

/* ---- an event loop's side ---------------------------------------------------------------- */

static MI_Result ls_driver_new(int epfd, mob_driver **out)
{
    ls_driver *dr = calloc(1, sizeof *dr);
    struct epoll_event ev;
    *out = NULL;
    if (!dr)
        return MIC_RESULT_NOMEM;
    dr->base.ft = &ls_ft;
    dr->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.fd = dr->evfd;
    if (dr->evfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, dr->evfd, &ev) != 0) {
        if (dr->evfd >= 0)
            close(dr->evfd);
        free(dr);
        return MI_RESULT_FAILED;
    }
    *out = &dr->base;
    return MI_RESULT_OK;
}

static void ls_driver_free(mob_driver *d)
{
    ls_driver *dr = (ls_driver *)d;
    close(dr->evfd);
    free(dr);
}

static MI_Result ls_pool_new(mob_driver *d, const mob_dest *dest, mob_pool **out)
{
    mob_pool *p = calloc(1, sizeof *p);
    (void)dest;
    *out = NULL;
    if (!p)
        return MIC_RESULT_NOMEM;
    p->drv = (ls_driver *)d;
    *out = p;
    return MI_RESULT_OK;
}

static void ls_pool_free(mob_pool *p)
{
    free(p);
}

static MI_Result ls_xfer_new(mob_pool *p, const mob_dest *d, void *owner, mob_transport **out)
{
    MI_Result r = ls_open(d, out);
    if (r == MI_RESULT_OK) {
        ((ls_xfer *)*out)->drv = p->drv;
        ((ls_xfer *)*out)->owner = owner;
    }
    return r;
}

static int ls_start(mob_transport *t, const mob_dest *d, const char *body, size_t len,
                    MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out)
{
    ls_xfer *x = (ls_xfer *)t;
    (void)d, (void)cancel; /* the loop cancels through stop */
    ls_send(x, body, len, timeout_usec);
    pthread_mutex_lock(&ls_mu);
    if (x->state == LS_WAITING) {
        pthread_mutex_unlock(&ls_mu);
        return 1;
    }
    ls_unlink(&ls.ended, x); /* (ended at once: its end is given here, not by driver_run) */
    ls_result(x, out);
    pthread_mutex_unlock(&ls_mu);
    return 0;
}

static void ls_stop(mob_transport *t, const mob_dest *d, mob_http_result *out)
{
    ls_xfer *x = (ls_xfer *)t;
    (void)d;
    pthread_mutex_lock(&ls_mu);
    ls_unlink(&ls.waiting, x);
    ls_unlink(&ls.ended, x);
    ls_fail(x, MI_ERRORCATEGORY_OPERATION_STOPPED, "the operation was cancelled");
    ls_result(x, out);
    pthread_mutex_unlock(&ls_mu);
}

static void ls_driver_run(mob_driver *d, const struct epoll_event *ev, int n, mob_xfer_ended ended)
{
    ls_driver *dr = (ls_driver *)d;
    ls_xfer *done = NULL, **pp, *x;
    MI_Uint64 now = mob_now_usec();
    uint64_t v;
    int i;
    for (i = 0; i < n; i++)
        if (ev[i].data.fd == dr->evfd && read(dr->evfd, &v, sizeof v) < 0)
            v = 0;
    pthread_mutex_lock(&ls_mu);
    for (pp = &ls.ended; (x = *pp);) {
        if (x->drv == dr) {
            *pp = x->next;
            x->next = done;
            done = x;
        } else {
            pp = &x->next;
        }
    }
    for (pp = &ls.waiting; (x = *pp);) {
        if (x->drv == dr && x->deadline && now >= x->deadline) {
            *pp = x->next;
            ls_fail(x, MI_ERRORCATEGORY_OPERATION_TIMEOUT, "the server did not answer in time");
            x->next = done;
            done = x;
        } else {
            pp = &x->next;
        }
    }
    pthread_mutex_unlock(&ls_mu);
    while ((x = done)) {
        mob_http_result r;
        done = x->next;
        x->next = NULL;
        pthread_mutex_lock(&ls_mu);
        ls_result(x, &r);
        pthread_mutex_unlock(&ls_mu);
        ended(x->owner, &r);
    }
}

static MI_Uint64 ls_driver_due(mob_driver *d)
{
    ls_xfer *x;
    MI_Uint64 due = 0;
    pthread_mutex_lock(&ls_mu);
    for (x = ls.waiting; x; x = x->next)
        if (x->drv == (ls_driver *)d && x->deadline && (!due || x->deadline < due))
            due = x->deadline;
    pthread_mutex_unlock(&ls_mu);
    return due;
}

static const mob_transport_ft ls_ft = {
    ls_open,      ls_close,    ls_post,  ls_wake, ls_driver_new, ls_driver_free, ls_pool_new,
    ls_pool_free, ls_xfer_new, ls_start, ls_stop, ls_driver_run, ls_driver_due};

/* ---- what the host calls ------------------------------------------------------------------ */

static MI_Result ls_session(srv_provhost_send_fn send, void *ctx, MI_Session *out)
{
    MI_Result r = MI_RESULT_OK;
    pthread_mutex_lock(&ls_mu);
    if (ls.ended_host) {
        r = MI_RESULT_FAILED;
    } else if (!ls.made) {
        ls.send = send;
        ls.send_ctx = ctx;
        r = MI_Application_Initialize(0, "mofbind-provider-host", NULL, &ls.app);
        if (r == MI_RESULT_OK) {
            r = mob_application_set_transport(&ls.app, &ls_ft);
            if (r == MI_RESULT_OK)
                r = MI_Application_NewSession(&ls.app, NULL, NULL, NULL, NULL, NULL, &ls.session);
            if (r != MI_RESULT_OK)
                MI_Application_Close(&ls.app);
        }
        ls.made = r == MI_RESULT_OK;
    }
    if (r == MI_RESULT_OK)
        *out = ls.session;
    pthread_mutex_unlock(&ls_mu);
    return r;
}

static void ls_reply(const unsigned char *frame, size_t len)
{
    pw_reader r;
    uint8_t kind;
    uint64_t id;
    uint32_t status;
    const char *body;
    size_t n;
    ls_xfer *x;
    r.p = frame;
    r.end = frame + len;
    if (pw_get_u8(&r, &kind) != 0 || pw_get_u64(&r, &id) != 0 ||
        pw_get_session_reply(&r, &status, &body, &n) != 0)
        return;
    pthread_mutex_lock(&ls_mu);
    for (x = ls.waiting; x && x->id != id; x = x->next)
        ;
    if (x) { /* (none: it was cancelled or timed out meanwhile) */
        ls_unlink(&ls.waiting, x);
        x->state = LS_ENDED;
        x->status = status;
        x->body = malloc(n + 1);
        if (x->body) {
            memcpy(x->body, body, n + 1);
            x->len = n;
        } else {
            ls_fail(x, MI_ERRORCATEGORY_LIMITS_EXCEEDED, "out of memory");
        }
        ls_ended(x);
    }
    pthread_mutex_unlock(&ls_mu);
}

static void ls_end(void)
{
    ls_xfer *x;
    pthread_mutex_lock(&ls_mu);
    ls.ended_host = 1;
    while ((x = ls.waiting)) {
        ls.waiting = x->next;
        x->next = NULL;
        ls_fail(x, MI_ERRORCATEGORY_CONNECTION_ERROR, "the server closed the provider host");
        ls_ended(x);
    }
    pthread_mutex_unlock(&ls_mu);
}

static void ls_close_session(void)
{
    int made;
    pthread_mutex_lock(&ls_mu);
    made = ls.made;
    ls.made = 0;
    pthread_mutex_unlock(&ls_mu);
    if (made) {
        MI_Session_Close(&ls.session, NULL, NULL);
        MI_Application_Close(&ls.app);
    }
}

const srv_provhost_local srv_provsession = {ls_session, ls_reply, ls_end, ls_close_session};
