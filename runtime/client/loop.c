/* SPDX-License-Identifier: MIT */
/* runtime/client/loop.c: the event loops that run the sessions' operations. An application has a
 * small pool of them (MOFBIND_LOOP_THREADS, default 1, at most 16), made with its first session;
 * each is one thread waiting in epoll on the sockets of its transport's driver (libcurl's: one
 * multi handle), an eventfd other threads wake it with, and a timerfd (the claim timer, see
 * below); the driver's own timeouts are the wait's: nothing wakes a loop while nothing is due,
 * however many sessions it has. The loop knows no HTTP: it moves operations on as steps
 * (exchange.c) and hands their requests to the transport (client.h, mob_transport_ft).
 *
 * Sessions with the same destination, credentials and connection options form a group (one
 * loop's): the group holds at most `cap` connections to its destination at a time
 * (MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS, MOB_DEFAULT_MAX_CONNECTIONS); a session runs one
 * operation at a time and holds one of its group's slots (a transport of the driver, "xfer")
 * while its operation talks to the server; the sessions waiting for a slot get them in turn.
 * Connections stay in the driver between requests (libcurl's: anonymous ones in the multi
 * handle's cache, those made with credentials in a cache of their own per set of credentials),
 * so that a connection one user authenticated is never lent to a session with other
 * credentials.
 *
 * A synchronous operation with one result is usually run by its caller on its own thread (see
 * mob_o_GetInstance in operation.c): the loop is not woken for it; it is kicked silently and the
 * claim timer armed a claim window ahead (inbox.c: 1 ms, longer while callers claim theirs in
 * time), when the loop starts it if its caller has not.
 *
 * Callbacks run on the loop thread, one at a time: a callback that blocks holds up every
 * session of its loop (the documentation of mi.h says so).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "client.h"
#include "util.h"

#define MOB_MAX_LOOPS 16u

static MI_Result mob_loops_start(mob_app *a);

struct mob_xfer {
    mob_transport *t; /* a transport set for the group's destination */
    mob_group *group;
    mob_session *session; /* the session it serves */
    int in_flight;        /* a transfer of it is under way in the driver */
};

struct mob_group {
    mob_group *next; /* the application's list (its mutex) */
    int refs;        /* sessions (the application's mutex) */
    mob_loop *loop;
    mob_dest dest; /* what the connections are made with (no secrets beyond them) */
    unsigned cap, active;
    mob_session *whead, *wtail; /* waiting for a slot (loop thread) */
    mob_pool *pool;             /* its connections in the driver (made by the loop thread) */
};

/* ---- groups and slots (loop thread) ------------------------------------------------------- */

static int mob_streq(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Whether a session with dest d and this cap may share g's connections. */
static int mob_group_matches(const mob_group *g, const mob_dest *d, MI_Uint32 cap)
{
    const mob_dest *e = &g->dest;
    return g->cap == cap && mob_streq(e->url, d->url) && e->auth == d->auth &&
           mob_streq(e->user, d->user) && mob_streq(e->password, d->password) &&
           mob_streq(e->cert_file, d->cert_file) && mob_streq(e->key_file, d->key_file) &&
           mob_streq(e->ca_path, d->ca_path) && e->ca_check == d->ca_check &&
           e->cn_check == d->cn_check;
}

static void mob_xfer_free(mob_xfer *x)
{
    if (x->t)
        x->t->ft->close(x->t);
    free(x);
}

static mob_xfer *mob_xfer_new(mob_group *g)
{
    mob_loop *l = g->loop;
    const mob_transport_ft *ft = l->app->transport;
    mob_xfer *x = (mob_xfer *)calloc(1, sizeof *x);
    MI_Result r;
    if (!x)
        return NULL;
    x->group = g;
    if (!l->driver)
        r = ft->open(&g->dest, &x->t);
    else if (!g->pool && (r = ft->pool_new(l->driver, &g->dest, &g->pool)) != MI_RESULT_OK)
        g->pool = NULL;
    else
        r = ft->xfer_new(g->pool, &g->dest, x, &x->t);
    if (r != MI_RESULT_OK) {
        mob_xfer_free(x);
        return NULL;
    }
    return x;
}

/* (A group with a pool: on its loop's thread.) */
static void mob_group_free(mob_group *g)
{
    if (g->pool)
        g->loop->app->transport->pool_free(g->pool);
    mob_dest_free(&g->dest);
    free(g);
}

MI_Result mob_loop_join(mob_app *a, mob_session *s, MI_Uint32 cap)
{
    mob_group *g;
    const mob_dest *d = &s->dest;
    pthread_mutex_lock(&a->mu);
    if (!a->loops) {
        MI_Result r = mob_loops_start(a);
        if (r != MI_RESULT_OK) {
            pthread_mutex_unlock(&a->mu);
            return r;
        }
    }
    for (g = a->groups; g; g = g->next)
        if (mob_group_matches(g, d, cap))
            break;
    if (!g) {
        if (!(g = (mob_group *)calloc(1, sizeof *g))) {
            pthread_mutex_unlock(&a->mu);
            return MIC_RESULT_NOMEM;
        }
        g->cap = cap;
        g->loop = a->loops[a->next_loop++ % a->nloops];
        if (mob_dest_copy_connection(d, &g->dest) != MI_RESULT_OK) {
            mob_group_free(g);
            pthread_mutex_unlock(&a->mu);
            return MIC_RESULT_NOMEM;
        }
        g->next = a->groups;
        a->groups = g;
    }
    g->refs++;
    s->group = g;
    s->loop = g->loop;
    pthread_mutex_unlock(&a->mu);
    return MI_RESULT_OK;
}

/* A slot for s: true when s->xfer is set. */
static int mob_slot_take(mob_session *s)
{
    mob_group *g = s->group;
    if (s->xfer)
        return 1;
    if (g->active >= g->cap)
        return 0;
    if (!(s->xfer = mob_xfer_new(g)))
        return 0; /* (retried when a slot comes back; none busy: see mob_loop_send) */
    g->active++;
    s->xfer->session = s;
    return 1;
}

static void mob_loop_send(mob_loop *l, mob_session *s);

/* Gives s's slot back (to the first session waiting for one, or frees it). */
static void mob_slot_give(mob_loop *l, mob_session *s)
{
    mob_group *g = s->group;
    mob_xfer *x = s->xfer;
    mob_session *w;
    if (!x)
        return;
    s->xfer = NULL;
    if ((w = g->whead)) {
        g->whead = w->wnext;
        if (!g->whead)
            g->wtail = NULL;
        w->wnext = NULL;
        w->xfer = x;
        x->session = w;
        mob_loop_send(l, w);
        return;
    }
    g->active--;
    mob_xfer_free(x);
}

/* ---- running sessions (loop thread) ------------------------------------------------------- */

static void mob_loop_advance(mob_loop *l, mob_session *s);

/* The outcome of s's request is in hr: the operation reads it and goes on. */
static void mob_loop_answered(mob_loop *l, mob_session *s, mob_http_result *hr)
{
    s->lstate = MOB_LS_IDLE;
    mob_op_response(s, s->lop, hr, &l->parser);
    mob_http_result_free(hr);
    mob_loop_advance(l, s);
}

/* s's operation has a request in s->req: sends it once s has a slot. */
static void mob_loop_send(mob_loop *l, mob_session *s)
{
    const mob_transport_ft *ft = l->app->transport;
    mob_op *op = s->lop;
    const volatile int *cancel = op->releasing ? NULL : &op->cancelled;
    mob_http_result hr;
    mob_xfer *x;
    if (!mob_slot_take(s)) {
        mob_group *g = s->group;
        if (g->active == 0) {
            /* No slot and none busy that would come back: out of memory. */
            memset(&hr, 0, sizeof hr);
            hr.result = MIC_RESULT_NOMEM;
            hr.category = MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE;
            strcpy(hr.message, "out of memory: no connection could be set up");
            mob_loop_answered(l, s, &hr);
            return;
        }
        s->lstate = MOB_LS_SLOT;
        s->wnext = NULL;
        if (g->wtail)
            g->wtail->wnext = s;
        else
            g->whead = s;
        g->wtail = s;
        return;
    }
    x = s->xfer;
    op->xfer_started = mob_now_usec(); /* the timeout counts from here, not the slot's wait */
    s->lstate = MOB_LS_FLIGHT;
    if (l->driver) {
        if (ft->start(x->t, &s->dest, s->req.data, s->req.len, op->xfer_timeout, cancel, &hr)) {
            x->in_flight = 1;
            return;
        }
    } else {
        /* A transport whose post never waits (see mob_transport_ft). */
        ft->post(x->t, &s->dest, s->req.data, s->req.len, op->xfer_timeout, cancel, &hr);
    }
    mob_loop_answered(l, s, &hr);
}

/* Moves s's operation on until it sends, waits or ends; when it ends, starts the next. */
static void mob_loop_advance(mob_loop *l, mob_session *s)
{
    mob_op *op = s->lop;
    int st = mob_op_advance(s, op), give;
    if (st == MOB_STEP_SEND) {
        mob_loop_send(l, s);
        return;
    }
    if (st == MOB_STEP_WAIT) {
        s->lstate = MOB_LS_WAIT;
        return;
    }
    s->lstate = MOB_LS_IDLE;
    pthread_mutex_lock(&s->mu);
    s->lop = NULL;
    mob_op_finish(s, op);
    /* Its slot goes to another session, or back, unless its next operation is the loop's. */
    give = s->group->whead || !s->qhead || (s->qhead->claimable && !s->stopping);
    if (!s->qhead && !s->running)
        util_buf_free(&s->req); /* an idle session keeps no request */
    mob_loop_kick(s, 0);         /* its next operation, or its close */
    mob_op_release(op);          /* the loop's reference; unlocks */
    if (give)
        mob_slot_give(l, s); /* (the inbox's reference keeps s) */
}

/* A transfer under the driver ended (owner: its xfer). */
static void mob_loop_ended(void *owner, mob_http_result *hr)
{
    mob_xfer *x = (mob_xfer *)owner;
    x->in_flight = 0;
    mob_loop_answered(x->group->loop, x->session, hr);
}

static void mob_group_unwait(mob_group *g, mob_session *s)
{
    mob_session **pp, *prev = NULL;
    for (pp = &g->whead; *pp; prev = *pp, pp = &(*pp)->wnext)
        if (*pp == s) {
            *pp = s->wnext;
            if (g->wtail == s)
                g->wtail = prev;
            s->wnext = NULL;
            return;
        }
}

/* The loop is done with a closed session: it leaves its group. Session lock held. */
static void mob_loop_detach(mob_loop *l, mob_session *s)
{
    mob_app *a = l->app;
    mob_group *g = s->group;
    int last;
    if (s->xfer) {
        pthread_mutex_unlock(&s->mu);
        mob_slot_give(l, s);
        pthread_mutex_lock(&s->mu);
    }
    s->detached = 1;
    pthread_mutex_lock(&a->mu);
    last = --g->refs == 0;
    if (last) {
        mob_group **pp;
        for (pp = &a->groups; *pp; pp = &(*pp)->next)
            if (*pp == g) {
                *pp = g->next;
                break;
            }
        mob_group_free(g);
    }
    pthread_mutex_unlock(&a->mu);
    s->group = NULL;
    pthread_cond_broadcast(&s->cv);
}

/* Looks at s: starts its next operation, stops a cancelled transfer, resumes after an ack...
 * Holds the inbox's (or the claim list's) reference to s, which it drops. */
static void mob_loop_service(mob_loop *l, mob_session *s)
{
    mob_op *op;
    pthread_mutex_lock(&s->mu);
    if (s->detached) {
        mob_session_unref(s);
        return;
    }
    if ((op = s->lop)) {
        int cancelled = op->cancelled && !op->releasing;
        int go = s->lstate == MOB_LS_WAIT && !op->waiting;
        mob_xfer *x = s->xfer;
        pthread_mutex_unlock(&s->mu);
        if (cancelled && s->lstate == MOB_LS_FLIGHT && x && x->in_flight) {
            mob_http_result hr;
            x->t->ft->stop(x->t, &s->dest, &hr);
            x->in_flight = 0;
            mob_loop_answered(l, s, &hr);
        } else if (cancelled && s->lstate == MOB_LS_SLOT) {
            mob_http_result hr;
            mob_group_unwait(s->group, s);
            mob_http_result_cancelled(&hr);
            mob_loop_answered(l, s, &hr);
        } else if (go) {
            s->lstate = MOB_LS_IDLE;
            mob_loop_advance(l, s);
        }
        pthread_mutex_lock(&s->mu);
        mob_session_unref(s);
        return;
    }
    if (s->xfer && (s->running || !s->qhead || (s->qhead->claimable && !s->stopping))) {
        /* Nothing for the loop to send now (a caller runs one, or may run the next itself):
         * the slot goes back to the group. */
        pthread_mutex_unlock(&s->mu);
        mob_slot_give(l, s);
        pthread_mutex_lock(&s->mu);
    }
    if (s->running) { /* a caller runs one: it kicks us when it is done */
        mob_session_unref(s);
        return;
    }
    op = s->qhead;
    if (!op) {
        if (s->stopping) {
            int finish = s->detach_on_exit;
            mob_loop_detach(l, s);
            if (finish) {
                pthread_mutex_unlock(&s->mu);
                mob_session_finish_close(s);
                pthread_mutex_lock(&s->mu);
            }
        }
        mob_session_unref(s);
        return;
    }
    if (op->claimable && !s->stopping && !op->cancelled) {
        MI_Uint64 due = mob_claim_due(s, op);
        if (op->taker) {
            /* Its caller waits for it (behind the one that ended): it runs it itself. */
            pthread_cond_broadcast(&op->cv);
            mob_session_unref(s);
            return;
        }
        if (mob_now_usec() < due) {
            /* Its caller may still run it: look again when it is due. */
            if (!s->cwaiting) {
                s->cwaiting = 1;
                s->refs++;
                s->wnext = l->chead;
                l->chead = s;
            }
            pthread_mutex_lock(&l->mu);
            mob_loop_arm(l, due);
            pthread_mutex_unlock(&l->mu);
            mob_session_unref(s);
            return;
        }
        mob_claim_missed(l);
    }
    mob_op_take_head(s, op);
    s->lop = op;
    if (s->lane) {
        /* A session holds one connection at a time: the one its callers ran synchronous
         * operations over closes (a server may serve one connection of a client at a time). */
        s->lane->ft->close(s->lane);
        s->lane = NULL;
    }
    pthread_mutex_unlock(&s->mu);
    mob_loop_advance(l, s);
    pthread_mutex_lock(&s->mu);
    mob_session_unref(s);
}

/* ---- the thread --------------------------------------------------------------------------- */

static void mob_loop_claims(mob_loop *l)
{
    mob_session *s = l->chead, *n;
    l->chead = NULL;
    for (; s; s = n) {
        n = s->wnext;
        s->wnext = NULL;
        s->cwaiting = 0;
        mob_loop_service(l, s); /* drops the claim list's reference */
    }
}

static void *mob_loop_main(void *arg)
{
    mob_loop *l = (mob_loop *)arg;
    const mob_transport_ft *ft = l->app->transport;
    struct epoll_event ev[64];
    mob_session *s, *next;
    for (;;) {
        int i, n, m = 0, timeout = -1, claims = 0, stop;
        MI_Uint64 due = l->driver ? ft->driver_due(l->driver) : 0;
        if (due) {
            MI_Uint64 now = mob_now_usec();
            timeout = due <= now ? 0 : (int)((due - now + 999) / 1000);
        }
        n = epoll_wait(l->epfd, ev, 64, timeout);
        for (i = 0; i < n; i++) {
            int fd = ev[i].data.fd;
            uint64_t v;
            if (fd == l->evfd) {
                if (read(l->evfd, &v, sizeof v) < 0)
                    v = 0;
            } else if (fd == l->tfd) {
                if (read(l->tfd, &v, sizeof v) < 0)
                    v = 0;
                pthread_mutex_lock(&l->mu);
                l->timer_due = 0;
                pthread_mutex_unlock(&l->mu);
                claims = 1;
            } else {
                ev[m++] = ev[i]; /* the driver's */
            }
        }
        if (l->driver)
            ft->driver_run(l->driver, ev, m, mob_loop_ended);
        if (claims)
            mob_loop_claims(l);
        /* The inbox, until it stays empty (what is looked at may kick more sessions). */
        for (;;) {
            pthread_mutex_lock(&l->mu);
            s = l->ihead;
            l->ihead = l->itail = NULL;
            l->wake_pending = 0;
            stop = l->stopping;
            pthread_mutex_unlock(&l->mu);
            if (!s)
                break;
            for (; s; s = next) {
                /* Each session leaves this list and loses its mark under the loop's lock, one
                 * at a time: a kick from another thread meanwhile either finds it still
                 * marked (it is serviced here) or links it into the next list. Unmarking the
                 * whole list at once let such a kick relink a session still in this one,
                 * cutting off the sessions behind it with their marks set: never serviced
                 * again (a session close then waited for ever). */
                pthread_mutex_lock(&l->mu);
                next = s->knext;
                s->knext = NULL;
                s->kicked = 0;
                pthread_mutex_unlock(&l->mu);
                mob_loop_service(l, s); /* drops the inbox's reference */
            }
        }
        if (claims)
            mob_claim_adapt(l);
        if (stop)
            break;
    }
    /* Every session is closed: those still in the claim list (closed before their claim timer
     * came) lose its reference, the last. */
    while ((s = l->chead)) {
        l->chead = s->wnext;
        s->wnext = NULL;
        s->cwaiting = 0;
        pthread_mutex_lock(&s->mu);
        mob_session_unref(s);
    }
    return NULL;
}

static void mob_loop_free(mob_loop *l)
{
    if (l->driver)
        l->driver->ft->driver_free(l->driver); /* closes its connections */
    if (l->epfd >= 0)
        close(l->epfd);
    if (l->evfd >= 0)
        close(l->evfd);
    if (l->tfd >= 0)
        close(l->tfd);
    wsman_parser_free(&l->parser);
    pthread_mutex_destroy(&l->mu);
    free(l);
}

static mob_loop *mob_loop_new(mob_app *a)
{
    const mob_transport_ft *ft = a->transport;
    mob_loop *l = (mob_loop *)calloc(1, sizeof *l);
    struct epoll_event ev;
    if (!l)
        return NULL;
    l->app = a;
    l->claim_usec = MOB_CLAIM_USEC;
    l->epfd = l->evfd = l->tfd = -1;
    if (pthread_mutex_init(&l->mu, NULL)) {
        free(l);
        return NULL;
    }
    l->epfd = epoll_create1(EPOLL_CLOEXEC);
    l->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    if (l->epfd < 0 || l->evfd < 0 || l->tfd < 0 ||
        (ft->driver_new && ft->driver_new(l->epfd, &l->driver) != MI_RESULT_OK)) {
        mob_loop_free(l);
        return NULL;
    }
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.fd = l->evfd;
    epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->evfd, &ev);
    ev.data.fd = l->tfd;
    epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->tfd, &ev);
    if (pthread_create(&l->thread, NULL, mob_loop_main, l) != 0) {
        mob_loop_free(l);
        return NULL;
    }
    return l;
}

static unsigned mob_loop_count(void)
{
    const char *e = getenv("MOFBIND_LOOP_THREADS");
    unsigned long n;
    char *end;
    if (!e || !*e)
        return 1;
    n = strtoul(e, &end, 10);
    if (*end || n < 1)
        return 1;
    return n > MOB_MAX_LOOPS ? MOB_MAX_LOOPS : (unsigned)n;
}

/* Application mutex held: makes the application's loops. */
static MI_Result mob_loops_start(mob_app *a)
{
    unsigned i, n = mob_loop_count();
    if (!(a->loops = (mob_loop **)calloc(n, sizeof *a->loops)))
        return MIC_RESULT_NOMEM;
    for (i = 0; i < n; i++)
        if (!(a->loops[i] = mob_loop_new(a)))
            break;
    a->nloops = i;
    if (i == 0) {
        free(a->loops);
        a->loops = NULL;
        return MIC_RESULT_NOMEM; /* (memory, threads or descriptors) */
    }
    return MI_RESULT_OK;
}

void mob_loops_stop(mob_app *a)
{
    unsigned i;
    for (i = 0; i < a->nloops; i++) {
        mob_loop *l = a->loops[i];
        pthread_mutex_lock(&l->mu);
        l->stopping = 1;
        pthread_mutex_unlock(&l->mu);
        mob_loop_wake(l);
        pthread_join(l->thread, NULL);
        mob_loop_free(l);
    }
    free(a->loops);
    a->loops = NULL;
    a->nloops = 0;
}
