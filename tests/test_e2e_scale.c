/* SPDX-License-Identifier: MIT */
/* tests/test_e2e_scale.c: many sessions of one application sharing its event loop, against
 * mofbind-server embedded on loopback: the sessions add no thread of their own; each session
 * runs its operations in order; the callbacks of one operation never overlap and bring its
 * results in order, the final one last and once; one session's operation cancelled, or one
 * session closed, while the others keep working; a destination that never answers holds up no
 * other session, and its session still closes at once; a session closed from inside one of its
 * callbacks while the others run; the cap on a destination's connections; sixteen threads
 * each using a session of its own, then closing them all; Creates started from callbacks,
 * from instances the caller changes and deletes at once. */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "e2e_util.h"
#include "proc_status.h"

#define NSESS 40  /* sessions sharing the loop */
#define PER 5     /* Creates in flight on each */
#define NENUM 120 /* instances an enumeration brings (several Pulls' worth) */

/* What the callbacks of many operations saw. */
typedef struct tally {
    pthread_mutex_t mu;
    int finals, ok, overlaps, out_of_order, after_final;
} tally;

/* A synchronous Create of x (the created instance read back into a struct of its own). */
static MI_Result create_sync(MI_Session *s, const Win32_Foo *x)
{
    Win32_Foo got;
    MI_Result r;
    Win32_Foo_Init(&got);
    r = Win32_Foo_CreateSync(s, E2E_NS, x, &got, NULL);
    Win32_Foo_Destruct(&got);
    return r;
}

/* Creates a Win32_Foo of InstanceID id ("slow": its Reset is slow). */
static void create_foo(MI_Session *s, const char *id)
{
    Win32_Foo x;
    e2e_foo(&x, id);
    ck_assert_int_eq(create_sync(s, &x), MI_RESULT_OK);
    Win32_Foo_Destruct(&x);
}

/* One asynchronous operation's view. */
typedef struct opview {
    tally *t;
    int in_callback; /* a callback of this operation is running */
    int items, finals;
    int last; /* enumeration: the number in the InstanceID of the last item */
    MI_Result result;
    MI_Operation op;
    int close_session; /* the final callback closes this session */
    MI_Session *session;
    MI_Result close_result;
    int closed_cb;
} opview;

static void tally_init(tally *t)
{
    memset(t, 0, sizeof *t);
    pthread_mutex_init(&t->mu, NULL);
}

static int tally_finals(tally *t)
{
    int n;
    pthread_mutex_lock(&t->mu);
    n = t->finals;
    pthread_mutex_unlock(&t->mu);
    return n;
}

/* Waits until t has n finals (ms, scaled); returns whether it did. */
static int tally_wait(tally *t, int n, long ms)
{
    long end = e2e_now_ms() + ms * e2e_scale();
    while (tally_finals(t) < n && e2e_now_ms() < end)
        e2e_sleep_ms(2);
    return tally_finals(t) >= n;
}

static void MI_CALL session_closed(void *ctx)
{
    opview *v = (opview *)ctx;
    pthread_mutex_lock(&v->t->mu);
    v->closed_cb++;
    pthread_mutex_unlock(&v->t->mu);
}

static void MI_CALL on_op(MI_Operation *op, void *ctx, const MI_Instance *instance,
                          MI_Boolean more, MI_Result result, const MI_Char *msg,
                          const MI_Instance *details, MI_Result(MI_CALL *ack)(MI_Operation *))
{
    opview *v = (opview *)ctx;
    tally *t = v->t;
    (void)msg, (void)details, (void)ack;
    if (__atomic_exchange_n(&v->in_callback, 1, __ATOMIC_ACQ_REL)) {
        pthread_mutex_lock(&t->mu);
        t->overlaps++;
        pthread_mutex_unlock(&t->mu);
    }
    e2e_sleep_ms(0); /* (a yield: an overlap would have its chance) */
    if (v->finals) {
        pthread_mutex_lock(&t->mu);
        t->after_final++;
        pthread_mutex_unlock(&t->mu);
    }
    if (instance) {
        const MI_Char *id = e2e_str_param(instance, "InstanceID");
        int k = id && !strncmp(id, "enum-", 5) ? atoi(id + 5) : -1;
        if (k >= 0 && k <= v->last) {
            pthread_mutex_lock(&t->mu);
            t->out_of_order++;
            pthread_mutex_unlock(&t->mu);
        }
        if (k >= 0)
            v->last = k;
        v->items++;
    }
    __atomic_store_n(&v->in_callback, 0, __ATOMIC_RELEASE);
    if (more)
        return;
    v->finals++;
    v->result = result;
    MI_Operation_Close(op);
    if (v->close_session)
        v->close_result = MI_Session_Close(v->session, v, session_closed);
    pthread_mutex_lock(&t->mu);
    t->finals++;
    if (result == MI_RESULT_OK)
        t->ok++;
    pthread_mutex_unlock(&t->mu);
}

static MI_OperationCallbacks callbacks_for(opview *v)
{
    MI_OperationCallbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.callbackContext = v;
    cb.instanceResult = on_op;
    return cb;
}

/* Opens n more sessions of c's application on url. */
static void open_sessions(e2e_client *c, const char *url, MI_Session *s, int n)
{
    MI_DestinationOptions d = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials cred;
    int i;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&c->app, &d), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(&d, MI_FALSE), MI_RESULT_OK);
    memset(&cred, 0, sizeof cred);
    cred.authenticationType = MI_AUTH_TYPE_BASIC;
    cred.credentials.usernamePassword.username = E2E_USER;
    cred.credentials.usernamePassword.password = E2E_PASSWORD;
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&d, &cred), MI_RESULT_OK);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(MI_Application_NewSession(&c->app, NULL, url, &d, NULL, NULL, &s[i]),
                         MI_RESULT_OK);
    MI_DestinationOptions_Delete(&d);
}

/* An asynchronous Create of a Win32_Foo with this key. */
static void create_async(MI_Session *s, const char *id, opview *v)
{
    Win32_Foo x;
    MI_OperationCallbacks cb = callbacks_for(v);
    e2e_foo(&x, id);
    Win32_Foo_Create(s, E2E_NS, &x, &cb, &v->op);
    Win32_Foo_Destruct(&x);
}

/* Forty sessions, five Creates in flight on each, then on each a Create and a Get of the same
 * key started back to back (the Get finds the instance only if the session ran them in order),
 * and an enumeration of NENUM instances on a few of them: every final comes once and last,
 * no two callbacks of an operation overlap, items come in order; and the sessions added one
 * thread at most (the loop's). */
START_TEST(many_sessions_share_a_loop)
{
    e2e_server s;
    e2e_client c;
    MI_Session *ss = (MI_Session *)calloc(NSESS, sizeof *ss);
    opview *v = (opview *)calloc(NSESS * (PER + 2) + 4, sizeof *v);
    tally t;
    long threads0, threads1;
    int i, k, n = 0;
    ck_assert(ss && v);
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    /* (The first session made the loop: the thread count is taken after it.) */
    for (i = 0; i < NENUM; i++) {
        char id[32];
        snprintf(id, sizeof id, "enum-%04d", i);
        create_foo(&c.session, id);
    }
    threads0 = proc_status("Threads");
    open_sessions(&c, s.url, ss, NSESS);
    tally_init(&t);
    for (k = 0; k < PER; k++)
        for (i = 0; i < NSESS; i++) {
            char id[32];
            snprintf(id, sizeof id, "s%d-%d", i, k);
            v[n].t = &t;
            create_async(&ss[i], id, &v[n++]);
        }
    threads1 = proc_status("Threads");
    ck_assert(tally_wait(&t, n, 20000));
    ck_assert_int_eq(t.ok, n);
    /* In order, per session: a Get right behind the Create of its key. */
    for (i = 0; i < NSESS; i++) {
        Win32_Foo x;
        MI_OperationCallbacks cb;
        char id[32];
        snprintf(id, sizeof id, "order-%d", i);
        v[n].t = &t;
        create_async(&ss[i], id, &v[n++]);
        e2e_foo(&x, id);
        v[n].t = &t;
        cb = callbacks_for(&v[n]);
        Win32_Foo_Get(&ss[i], E2E_NS, &x, &cb, &v[n++].op);
        Win32_Foo_Destruct(&x);
    }
    /* Enumerations on four sessions at once. */
    for (i = 0; i < 4; i++) {
        MI_OperationCallbacks cb;
        v[n].t = &t;
        v[n].last = -1;
        cb = callbacks_for(&v[n]);
        Win32_Foo_Enumerate(&ss[i * 7], E2E_NS, MI_FALSE, &cb, &v[n++].op);
    }
    ck_assert(tally_wait(&t, n, 30000));
    e2e_sleep_ms(50);
    ck_assert_int_eq(tally_finals(&t), n); /* each final once */
    ck_assert_int_eq(t.ok, n);
    ck_assert_int_eq(t.overlaps, 0);
    ck_assert_int_eq(t.after_final, 0);
    ck_assert_int_eq(t.out_of_order, 0);
    for (i = n - 4; i < n; i++)
        ck_assert_int_ge(v[i].items, NENUM); /* (and the Creates of the test beside them) */
    /* Forty sessions, two hundred operations in flight: one thread more at most. */
    ck_assert_int_ge(threads0, 1);
    ck_assert_int_le(threads1, threads0 + 1);
    for (i = 0; i < NSESS; i++)
        ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
    e2e_client_close(&c);
    e2e_server_stop(&s);
    pthread_mutex_destroy(&t.mu);
    free(ss);
    free(v);
}
END_TEST

/* A chain of Creates on one session, each started by the final callback of the one before
 * it (on the loop thread), from an instance changed and deleted as soon as it is started. */
typedef struct chain {
    MI_Application *app;
    MI_Session *s;
    pthread_mutex_t mu;
    int started, n, finals, ok, out_of_order, wrong_key, untyped;
} chain;

typedef struct chain_op {
    chain *c;
    int k;
} chain_op;

static chain_op chain_ops[64];

static void chain_start(chain *c);

static void MI_CALL on_chain(MI_Operation *op, void *ctx, const MI_Instance *instance,
                             MI_Boolean more, MI_Result result, const MI_Char *msg,
                             const MI_Instance *details, MI_Result(MI_CALL *ack)(MI_Operation *))
{
    chain_op *o = (chain_op *)ctx;
    chain *c = o->c;
    char want[32];
    const MI_Char *id = instance ? e2e_str_param(instance, "InstanceID") : NULL;
    (void)msg, (void)details, (void)ack;
    if (more)
        return;
    snprintf(want, sizeof want, "chain-%02d", o->k);
    MI_Operation_Close(op);
    pthread_mutex_lock(&c->mu);
    if (o->k != c->finals)
        c->out_of_order++;
    if (result == MI_RESULT_OK)
        c->ok++;
    if (!id || strcmp(id, want))
        c->wrong_key++;
    /* (typed by the declaration of the instance given, which is gone by now) */
    if (!instance || !instance->classDecl || !instance->classDecl->name ||
        strcmp(instance->classDecl->name, "Win32_Foo"))
        c->untyped++;
    c->finals++;
    pthread_mutex_unlock(&c->mu);
    chain_start(c);
}

/* Starts the chain's next Create: every other one from an instance of a class object (whose
 * declaration goes with the instance and the class), the others from the generated one. */
static void chain_start(chain *c)
{
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *inst = NULL;
    MI_Class *cls = NULL;
    MI_Value v;
    char id[32];
    int k;
    /* Held until the Create is started, so that the Creates start in the order of k: the test
     * thread's second start and a callback's may run at once (the library holds no lock of its
     * own while it calls a callback). */
    pthread_mutex_lock(&c->mu);
    k = c->started < c->n ? c->started++ : -1;
    if (k < 0) {
        pthread_mutex_unlock(&c->mu);
        return;
    }
    snprintf(id, sizeof id, "chain-%02d", k);
    if (k % 2) {
        ck_assert_int_eq(MI_Application_NewClass(c->app, &Win32_Foo_rtti, E2E_NS, NULL, &cls),
                         MI_RESULT_OK);
        ck_assert_int_eq(MI_Application_NewInstanceFromClass(c->app, "Win32_Foo", cls, &inst),
                         MI_RESULT_OK);
    } else {
        ck_assert_int_eq(MI_Application_NewInstance(c->app, "Win32_Foo", &Win32_Foo_rtti, &inst),
                         MI_RESULT_OK);
    }
    v.string = id;
    ck_assert_int_eq(MI_Instance_SetElement(inst, "InstanceID", &v, MI_STRING, 0), MI_RESULT_OK);
    v.string = (MI_Char *)"e2e";
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    memset(&cb, 0, sizeof cb);
    chain_ops[k].c = c;
    chain_ops[k].k = k;
    cb.callbackContext = &chain_ops[k];
    cb.instanceResult = on_chain;
    MI_Session_CreateInstance(c->s, 0, NULL, E2E_NS, inst, &cb, &op);
    pthread_mutex_unlock(&c->mu);
    /* What the caller does with its instance from now on is no longer the operation's. */
    v.string = (MI_Char *)"changed-after-start";
    ck_assert_int_eq(MI_Instance_SetElement(inst, "InstanceID", &v, MI_STRING, 0), MI_RESULT_OK);
    MI_Instance_Delete(inst);
    if (cls)
        MI_Class_Delete(cls);
}

/* Creates started from the loop thread by the callbacks of the ones before (two at a time, so
 * that one waits behind another), each from an instance changed and deleted (with its class,
 * for half of them) as soon as it is started: the results come in order, each with the key it
 * was started with, typed by the declaration given; the server holds every one, none under
 * the key set afterwards. */
START_TEST(creates_started_from_callbacks_in_order)
{
    e2e_server s;
    e2e_client c;
    MI_Session ss;
    chain ch;
    long end;
    int k;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    open_sessions(&c, s.url, &ss, 1);
    memset(&ch, 0, sizeof ch);
    pthread_mutex_init(&ch.mu, NULL);
    ch.app = &c.app;
    ch.s = &ss;
    ch.n = 40;
    chain_start(&ch);
    chain_start(&ch);
    end = e2e_now_ms() + 30000 * e2e_scale();
    for (;;) {
        int done;
        pthread_mutex_lock(&ch.mu);
        done = ch.finals;
        pthread_mutex_unlock(&ch.mu);
        if (done >= ch.n || e2e_now_ms() > end)
            break;
        e2e_sleep_ms(2);
    }
    ck_assert_int_eq(ch.finals, ch.n);
    ck_assert_int_eq(ch.ok, ch.n);
    ck_assert_int_eq(ch.out_of_order, 0);
    ck_assert_int_eq(ch.wrong_key, 0);
    ck_assert_int_eq(ch.untyped, 0);
    for (k = 0; k < ch.n; k++) {
        Win32_Foo x, got;
        char id[32];
        snprintf(id, sizeof id, "chain-%02d", k);
        e2e_foo(&x, id);
        Win32_Foo_Init(&got);
        ck_assert_int_eq(Win32_Foo_GetSync(&ss, E2E_NS, &x, &got, NULL), MI_RESULT_OK);
        ck_assert(got.Name.exists && !strcmp(got.Name.value, "e2e"));
        Win32_Foo_Destruct(&got);
        Win32_Foo_Destruct(&x);
    }
    {
        Win32_Foo x, got;
        e2e_foo(&x, "changed-after-start");
        Win32_Foo_Init(&got);
        ck_assert_int_eq(Win32_Foo_GetSync(&ss, E2E_NS, &x, &got, NULL), MI_RESULT_NOT_FOUND);
        Win32_Foo_Destruct(&got);
        Win32_Foo_Destruct(&x);
    }
    ck_assert_int_eq(MI_Session_Close(&ss, NULL, NULL), MI_RESULT_OK);
    e2e_client_close(&c);
    e2e_server_stop(&s);
    pthread_mutex_destroy(&ch.mu);
}
END_TEST

static void slow_reset(MI_Session *s, opview *v)
{
    Win32_Foo x;
    Win32_Foo_Reset_In in;
    MI_OperationCallbacks cb = callbacks_for(v);
    e2e_foo(&x, "slow");
    memset(&in, 0, sizeof in);
    in.Level.value = E2E_SLOW_LEVEL;
    in.Level.exists = MI_TRUE;
    Win32_Foo_Invoke_Reset(s, E2E_NS, &x, &in, &cb, &v->op);
    Win32_Foo_Destruct(&x);
}

/* Runs `rounds` rounds of one Create on each of the n sessions; each round must end within
 * ms (scaled). Returns the Creates that succeeded. */
static int busy_rounds(MI_Session *ss, int n, const char *tag, int rounds, long ms)
{
    int r, i, ok = 0;
    for (r = 0; r < rounds; r++) {
        tally t;
        opview *v = (opview *)calloc((size_t)n, sizeof *v);
        ck_assert(v != NULL);
        tally_init(&t);
        for (i = 0; i < n; i++) {
            char id[48];
            snprintf(id, sizeof id, "%s-%d-%d", tag, r, i);
            v[i].t = &t;
            create_async(&ss[i], id, &v[i]);
        }
        ck_assert_msg(tally_wait(&t, n, ms), "round %d of %s did not end in time", r, tag);
        ok += t.ok;
        pthread_mutex_destroy(&t.mu);
        free(v);
    }
    return ok;
}

/* One session's operation is cancelled, then another session is closed, while the other
 * sessions run: both at once, and the others unharmed. (The slow operations go to a server of
 * their own, a thread per connection.) */
START_TEST(cancel_and_close_one_of_many)
{
    e2e_server s, slow_srv;
    e2e_client c;
    MI_Session ss[8];
    opview slow;
    tally t;
    long t0;
    int i;
    e2e_server_opts per_connection;
    memset(&per_connection, 0, sizeof per_connection);
    per_connection.thread_per_connection = 1;
    e2e_server_start(&s, NULL);
    e2e_server_start(&slow_srv, &per_connection);
    ck_assert_int_eq(e2e_client_open(&c, slow_srv.url, NULL), MI_RESULT_OK);
    create_foo(&c.session, "slow");
    open_sessions(&c, slow_srv.url, ss, 2);
    open_sessions(&c, s.url, ss + 2, 6);
    tally_init(&t);
    memset(&slow, 0, sizeof slow);
    slow.t = &t;
    slow_reset(&ss[0], &slow);
    e2e_wait_slow_entered(&slow_srv.calls, 1);
    ck_assert_int_eq(busy_rounds(ss + 2, 6, "before", 3, 5000), 18);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Operation_Cancel(&slow.op, MI_REASON_NONE), MI_RESULT_OK);
    ck_assert_msg(tally_wait(&t, 1, 3000), "no final callback after Cancel");
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert_int_eq(slow.result, MI_RESULT_FAILED);
    ck_assert_int_eq(busy_rounds(ss + 2, 6, "after-cancel", 3, 5000), 18);
    /* A second slow one, ended by closing its session. */
    memset(&slow, 0, sizeof slow);
    pthread_mutex_destroy(&t.mu);
    tally_init(&t);
    slow.t = &t;
    slow_reset(&ss[1], &slow);
    e2e_wait_slow_entered(&slow_srv.calls, 2);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Session_Close(&ss[1], NULL, NULL), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert(tally_wait(&t, 1, 1000));
    ck_assert_int_eq(slow.result, MI_RESULT_FAILED);
    ck_assert_int_eq(busy_rounds(ss + 2, 6, "after-close", 3, 5000), 18);
    e2e_release(&slow_srv);
    ck_assert_int_eq(busy_rounds(ss, 1, "cancelled-one", 1, 5000), 1); /* still usable */
    ck_assert_int_eq(MI_Session_Close(&ss[0], NULL, NULL), MI_RESULT_OK);
    for (i = 2; i < 8; i++)
        ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
    pthread_mutex_destroy(&t.mu);
    e2e_client_close(&c);
    e2e_server_stop(&slow_srv);
    e2e_server_stop(&s);
}
END_TEST

/* A destination that accepts connections (the kernel does, into the listen backlog) and never
 * answers: its session's operation waits, the other sessions of the loop do not; closing the
 * hung session ends its operation at once. */
START_TEST(hanging_destination_holds_up_no_other)
{
    e2e_server s;
    e2e_client c;
    MI_Session ss[6], hung = MI_SESSION_NULL;
    opview hv;
    tally t;
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    char url[64];
    long t0;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(fd, 16), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &al), 0);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)ntohs(a.sin_port));
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    open_sessions(&c, s.url, ss, 6);
    open_sessions(&c, url, &hung, 1);
    tally_init(&t);
    memset(&hv, 0, sizeof hv);
    hv.t = &t;
    create_async(&hung, "never", &hv);
    e2e_sleep_ms(100);
    ck_assert_int_eq(busy_rounds(ss, 6, "beside-hung", 5, 5000), 30);
    ck_assert_int_eq(tally_finals(&t), 0); /* still waiting */
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Session_Close(&hung, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert(tally_wait(&t, 1, 1000));
    ck_assert_int_eq(hv.result, MI_RESULT_FAILED);
    ck_assert_int_eq(busy_rounds(ss, 6, "after-hung", 2, 5000), 12);
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
    close(fd);
    pthread_mutex_destroy(&t.mu);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Sessions closed from inside their own final callbacks while the other sessions of the loop
 * run: each close returns OK at once, its completion callback comes, the others go on. */
START_TEST(close_from_callback_while_others_run)
{
    e2e_server s;
    e2e_client c;
    MI_Session ss[10];
    opview v[5];
    tally t;
    int i;
    long end;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    open_sessions(&c, s.url, ss, 10);
    tally_init(&t);
    memset(v, 0, sizeof v);
    for (i = 0; i < 5; i++) {
        char id[32];
        snprintf(id, sizeof id, "closer-%d", i);
        v[i].t = &t;
        v[i].close_session = 1;
        v[i].session = &ss[i];
        v[i].close_result = (MI_Result)-1;
        create_async(&ss[i], id, &v[i]);
    }
    ck_assert_int_eq(busy_rounds(ss + 5, 5, "beside-closers", 4, 5000), 20);
    ck_assert(tally_wait(&t, 5, 5000));
    end = e2e_now_ms() + 5000 * e2e_scale();
    for (i = 0; i < 5; i++) {
        int done = 0;
        while (!done && e2e_now_ms() < end) {
            pthread_mutex_lock(&t.mu);
            done = v[i].closed_cb;
            pthread_mutex_unlock(&t.mu);
            if (!done)
                e2e_sleep_ms(2);
        }
        ck_assert_int_eq(done, 1);
        ck_assert_int_eq(v[i].close_result, MI_RESULT_OK);
        ck_assert_int_eq(v[i].result, MI_RESULT_OK);
    }
    ck_assert_int_eq(busy_rounds(ss + 5, 5, "after-closers", 2, 5000), 10);
    for (i = 5; i < 10; i++)
        ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
    pthread_mutex_destroy(&t.mu);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Sessions to one destination with the same credentials share at most the cap of connections
 * (MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS): with a cap of 2, four sessions' slow operations
 * reach the server two at a time; the other two start as the first end. */
START_TEST(connection_cap_per_destination)
{
    e2e_server s;
    e2e_client c;
    MI_DestinationOptions d = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials cred;
    MI_Session ss[4];
    opview v[4];
    tally t;
    int i, entered;
    const MI_Char *cap = MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS;
    e2e_server_opts per_connection;
    memset(&per_connection, 0, sizeof per_connection);
    per_connection.thread_per_connection = 1; /* every connection served */
    e2e_server_start(&s, &per_connection);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    create_foo(&c.session, "slow");
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&c.app, &d), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetNumber(&d, cap, 0, 0),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_DestinationOptions_SetNumber(&d, cap, 1025, 0),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_DestinationOptions_SetNumber(&d, cap, 2, 0),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(&d, MI_FALSE), MI_RESULT_OK);
    memset(&cred, 0, sizeof cred);
    cred.authenticationType = MI_AUTH_TYPE_BASIC;
    cred.credentials.usernamePassword.username = E2E_USER;
    cred.credentials.usernamePassword.password = E2E_PASSWORD;
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&d, &cred), MI_RESULT_OK);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(MI_Application_NewSession(&c.app, NULL, s.url, &d, NULL, NULL, &ss[i]),
                         MI_RESULT_OK);
    MI_DestinationOptions_Delete(&d);
    tally_init(&t);
    memset(v, 0, sizeof v);
    for (i = 0; i < 4; i++) {
        v[i].t = &t;
        slow_reset(&ss[i], &v[i]);
    }
    e2e_wait_slow_entered(&s.calls, 2);
    e2e_sleep_ms(300);
    pthread_mutex_lock(&s.calls.mu);
    entered = s.calls.slow_entered;
    pthread_mutex_unlock(&s.calls.mu);
    ck_assert_int_eq(entered, 2); /* the other two wait for a connection */
    e2e_release(&s);
    ck_assert(tally_wait(&t, 4, 10000));
    ck_assert_int_eq(t.ok, 4);
    ck_assert_int_eq(s.calls.slow_entered, 4);
    for (i = 0; i < 4; i++)
        ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
    pthread_mutex_destroy(&t.mu);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* One thread's synchronous Creates on its own session (threads_kick_while_the_loop_works). */
typedef struct worker {
    MI_Session *session;
    int index, failed;
} worker;

static void *worker_main(void *arg)
{
    worker *w = (worker *)arg;
    int k;
    for (k = 0; k < 150; k++) {
        Win32_Foo x;
        char id[32];
        snprintf(id, sizeof id, "w%d-%d", w->index, k);
        e2e_foo(&x, id);
        if (create_sync(w->session, &x) != MI_RESULT_OK)
            w->failed++;
        Win32_Foo_Destruct(&x);
    }
    return NULL;
}

/* Sixteen threads each running synchronous Creates on a session of their own, all sessions on
 * the one loop, then every session closed, as the bench's 16-client run does. That run once hung
 * in a close: a session kicked while the loop walked its inbox had been lost (runtime/client/
 * loop.c says how). The race is rare (the bench met it after about 100,000 Creates; this test's
 * 2,400 did not meet it in three runs of the old code), so this is the pattern's check, not a
 * reproduction. */
START_TEST(threads_kick_while_the_loop_works)
{
    enum { N = 16 };
    e2e_server s;
    e2e_client c;
    MI_Session ss[N];
    worker w[N];
    pthread_t th[N];
    int i;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    open_sessions(&c, s.url, ss, N);
    for (i = 0; i < N; i++) {
        w[i].session = &ss[i];
        w[i].index = i;
        w[i].failed = 0;
        ck_assert_int_eq(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
    }
    for (i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(w[i].failed, 0);
    }
    for (i = 0; i < N; i++)
        ck_assert_int_eq(MI_Session_Close(&ss[i], NULL, NULL), MI_RESULT_OK);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

static Suite *suite(void)
{
    Suite *su = suite_create("e2e-scale");
    TCase *t = tcase_create("loop");
    tcase_set_timeout(t, 60 * (double)e2e_scale());
    tcase_add_test(t, many_sessions_share_a_loop);
    tcase_add_test(t, creates_started_from_callbacks_in_order);
    tcase_add_test(t, cancel_and_close_one_of_many);
    tcase_add_test(t, hanging_destination_holds_up_no_other);
    tcase_add_test(t, close_from_callback_while_others_run);
    tcase_add_test(t, connection_cap_per_destination);
    tcase_add_test(t, threads_kick_while_the_loop_works);
    suite_add_tcase(su, t);
    return su;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
