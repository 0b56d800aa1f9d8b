/* SPDX-License-Identifier: MIT */
/* runtime/client/inbox.c: how any thread asks a session's event loop (loop.c) to look at the
 * session: a kick puts it in the loop's inbox and, when asked to, wakes the loop through its
 * eventfd; a kick for later arms the loop's claim timer (a timerfd) instead, so that an
 * operation its caller will likely run itself costs the loop no wake-up. Also the clock every
 * part of the client measures with.
 *
 * The claim window adapts: a loop whose timer fired for nothing (every operation claimed by its
 * caller meanwhile, the usual case of synchronous callers) doubles its window up to
 * MOB_CLAIM_MAX_USEC, and one that had to start an unclaimed operation goes back to
 * MOB_CLAIM_USEC. With a fixed 1 ms window a caller running synchronous operations back to
 * back woke the loop for nothing about once a millisecond: a timerfd_settime on the caller's
 * thread, then a wake-up, an epoll_wait and a read on the loop's; on a 2-CPU virtual machine
 * that cost about 14 us of CPU per synchronous Create against mofbind-server on loopback (151
 * against 137 us, bench_runtime 1 sync, alternating runs), far more than its instructions
 * (the wake-up's scheduling and timer interrupts). An operation left unclaimed waits at
 * most MOB_CLAIM_MAX_USEC once, then the window is short again for the next ones; a caller
 * waiting for its operation behind another claims it itself when the session is free (it is
 * signalled, see mob_o_take), so the window never delays it. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "client.h"

MI_Uint64 mob_now_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (MI_Uint64)ts.tv_sec * 1000000ULL + (MI_Uint64)ts.tv_nsec / 1000;
}

int mob_on_loop(const mob_session *s)
{
    return s->loop && pthread_equal(pthread_self(), s->loop->thread);
}

void mob_loop_wake(mob_loop *l)
{
    uint64_t one = 1;
    ssize_t n;
    do
        n = write(l->evfd, &one, sizeof one);
    while (n < 0 && errno == EINTR);
}

MI_Uint64 mob_claim_due(const mob_session *s, const mob_op *op)
{
    MI_Uint64 w = MOB_CLAIM_USEC;
    if (s->loop)
        w = __atomic_load_n(&s->loop->claim_usec, __ATOMIC_RELAXED);
    return op->queued_at + (w ? w : MOB_CLAIM_USEC);
}

void mob_claim_adapt(mob_loop *l)
{
    MI_Uint64 w = l->claim_usec;
    if (l->claim_taken)
        w = MOB_CLAIM_USEC;
    else if (w < MOB_CLAIM_MAX_USEC)
        w = w * 2 < MOB_CLAIM_MAX_USEC ? w * 2 : MOB_CLAIM_MAX_USEC;
    l->claim_taken = 0;
    __atomic_store_n(&l->claim_usec, w, __ATOMIC_RELAXED);
}

void mob_claim_missed(mob_loop *l)
{
    l->claim_taken = 1;
    __atomic_store_n(&l->claim_usec, MOB_CLAIM_USEC, __ATOMIC_RELAXED);
}

void mob_loop_arm(mob_loop *l, MI_Uint64 usec)
{
    struct itimerspec its;
    if (l->timer_due && l->timer_due <= usec)
        return;
    memset(&its, 0, sizeof its);
    its.it_value.tv_sec = (time_t)(usec / 1000000ULL);
    its.it_value.tv_nsec = (long)(usec % 1000000ULL) * 1000L;
    if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
        its.it_value.tv_nsec = 1;
    timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL);
    l->timer_due = usec;
}

/* Session lock held. */
static void mob_loop_push(mob_session *s, int wake, MI_Uint64 at)
{
    mob_loop *l = s->loop;
    int w = 0;
    if (!l || s->detached)
        return;
    pthread_mutex_lock(&l->mu);
    if (!s->kicked) {
        s->kicked = 1;
        s->refs++; /* the inbox's */
        s->knext = NULL;
        if (l->itail)
            l->itail->knext = s;
        else
            l->ihead = s;
        l->itail = s;
    }
    if (at)
        mob_loop_arm(l, at);
    /* (On the loop thread, the inbox is looked at before the loop waits again.) */
    if (wake && !l->wake_pending && !pthread_equal(pthread_self(), l->thread)) {
        l->wake_pending = 1;
        w = 1;
    }
    pthread_mutex_unlock(&l->mu);
    if (w)
        mob_loop_wake(l);
}

void mob_loop_kick(mob_session *s, int wake)
{
    mob_loop_push(s, wake, 0);
}

void mob_loop_kick_at(mob_session *s, MI_Uint64 usec)
{
    mob_loop_push(s, 0, usec);
}
