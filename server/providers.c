/* SPDX-License-Identifier: MIT */
/* server/providers.c: provider hosts as mofbind-server runs them (providers.h). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core.h"
#include "enums.h"
#include "provhost.h"
#include "providers.h"
#include "server_int.h"
#include "subscribe.h"

extern char **environ;

/* A request waiting for its provider's answer. */
typedef struct pending {
    struct pending *next;
    uint64_t id;
    unsigned gen; /* the host it went to */
    bool done;
    srv_prov_answer *ans;
    size_t cap;
    bool overflow;
    struct srv_prov_feed *feed; /* a stream's (which holds this), or NULL */
} pending;

/* A streamed request (providers.h). Its pending is in p->pending until the request ends (the
 * provider's result, its host's end, the time limit); refs: that listing and the consumer.
 * Everything is under p->lock. */
struct srv_prov_feed {
    srv_prov *p;
    pending q;
    srv_prov_answer ans; /* the outcome (items unused) */
    MI_Instance **queue; /* posted, not taken yet: head .. head + n */
    size_t head, n, cap;
    size_t bytes; /* reserved from the contexts' byte limit for the queue */
    int refs;
    bool abandoned;           /* the consumer closed it: later posts are dropped */
    struct timespec deadline; /* the provider must post or answer by then (CLOCK_REALTIME) */
    srv_prov_keep_fn keep;
    void *keep_ctx;
    void (*keep_free)(void *);
};

struct srv_prov {
    msrv_server *srv;
    char *path;
    const char *name; /* the file name part of path */
    char **classes;
    size_t n_classes;

    pthread_mutex_t lock;  /* everything below */
    pthread_cond_t cond;   /* an answer came, or the host died */
    pthread_mutex_t wlock; /* one frame at a time to the host */
    int fd;
    pid_t pid;        /* 0 in process */
    pthread_t thread; /* the reader (and, in process, the host) */
    pthread_t host_thread;
    bool have_reader, have_host_thread;
    bool alive;
    bool stopping; /* the server is closing it: its end is no crash */
    unsigned gen;
    unsigned restarts;
    unsigned crashes;         /* the host's ends (or failed starts) since it last answered */
    struct timespec last_end; /* the latest of them (CLOCK_MONOTONIC) */
    uint64_t next_id;
    pending *pending;
    unsigned locals; /* local session exchanges being served (local_thread) */
};

typedef struct prov_class {
    const char *name;
    srv_prov *p;
} prov_class;

struct srv_provs {
    srv_prov **v;
    size_t n;
    prov_class *classes;
    size_t n_classes;
};

const char *srv_prov_name(const srv_prov *p)
{
    return p->name;
}

/* How long a host that keeps ending waits before it is started again: nothing after a first
 * end (a provider that crashed once is tried again at once), then 2 s, doubling up to
 * SRV_PROV_MAX_BACKOFF s, so that a provider crashing at every request (or at Load) costs the
 * machine a process start every little while rather than one per request. */
#define SRV_PROV_MAX_BACKOFF 60
static unsigned backoff_of(unsigned crashes)
{
    unsigned s = 2;
    if (crashes < 2)
        return 0;
    while (crashes-- > 2 && s < SRV_PROV_MAX_BACKOFF)
        s *= 2;
    return s < SRV_PROV_MAX_BACKOFF ? s : SRV_PROV_MAX_BACKOFF;
}

/* Seconds (rounded up) until a host that ended may be started again; 0: now. p->lock held. */
static unsigned backoff_left(const srv_prov *p)
{
    struct timespec now;
    double left;
    unsigned b = backoff_of(p->crashes);
    if (!b)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &now);
    left = (double)b - ((double)(now.tv_sec - p->last_end.tv_sec) +
                        (double)(now.tv_nsec - p->last_end.tv_nsec) / 1e9);
    return left > 0 ? (unsigned)left + 1 : 0;
}

static void count_end(srv_prov *p)
{
    p->crashes++;
    clock_gettime(CLOCK_MONOTONIC, &p->last_end);
}

static unsigned timeout_of(const msrv_server *srv)
{
    return srv->cfg.provider_timeout ? srv->cfg.provider_timeout : MSRV_DEFAULT_PROVIDER_TIMEOUT;
}

/* ---- the host's life ------------------------------------------------------------------------ */

typedef struct host_arg {
    int fd;
    char *path;
    unsigned idle;
} host_arg;

/* The seconds an idle provider stays loaded, for its host: 0 never unloads. */
static unsigned idle_of(const msrv_server *srv)
{
    unsigned t = srv->cfg.provider_idle_timeout;
    return t == MSRV_UNLIMITED ? 0 : t ? t : MSRV_DEFAULT_PROVIDER_IDLE_TIMEOUT;
}

static void *host_thread(void *arg)
{
    host_arg *a = arg;
    srv_provhost_run(a->fd, a->path, NULL, a->idle);
    free(a->path);
    free(a);
    return NULL;
}

/* Starts a host: a process (or, in process, a thread) with the other end of a socket pair.
 * Called with p->lock held. Returns 0, or -1 with err. */
static int spawn(srv_prov *p, char *err, size_t errlen)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        srv_err(err, errlen, "socketpair: %s", strerror(errno));
        return -1;
    }
    if (p->srv->cfg.providers_in_process) {
        host_arg *a = calloc(1, sizeof *a);
        if (!a || !(a->path = strdup(p->path))) {
            free(a);
            close(sv[0]);
            close(sv[1]);
            srv_err(err, errlen, "out of memory");
            return -1;
        }
        a->fd = sv[1];
        a->idle = idle_of(p->srv);
        if (pthread_create(&p->host_thread, NULL, host_thread, a) != 0) {
            free(a->path);
            free(a);
            close(sv[0]);
            close(sv[1]);
            srv_err(err, errlen, "cannot start a thread for %s", p->name);
            return -1;
        }
        p->have_host_thread = true;
        p->pid = 0;
    } else {
        /* The child gets its end as descriptor 3 (dup2 clears close-on-exec there). Moving it
         * above 3 first makes sure dup2 has something to do. */
        const char *host =
            p->srv->cfg.provider_host ? p->srv->cfg.provider_host : MOFBIND_PROVIDER_HOST;
        char *argv[5], idle[16];
        posix_spawn_file_actions_t fa;
        posix_spawnattr_t attr;
        sigset_t none;
        int child = fcntl(sv[1], F_DUPFD_CLOEXEC, 10);
        int rc;
        close(sv[1]);
        if (child < 0) {
            close(sv[0]);
            srv_err(err, errlen, "fcntl: %s", strerror(errno));
            return -1;
        }
        argv[0] = (char *)host;
        argv[1] = (char *)"3";
        argv[2] = p->path;
        snprintf(idle, sizeof idle, "%u", idle_of(p->srv));
        argv[3] = idle;
        argv[4] = NULL;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, child, 3);
        /* A process group of its own (a Ctrl-C at the server's terminal is for the server,
         * which then stops the host), and none of the server's blocked signals. */
        posix_spawnattr_init(&attr);
        sigemptyset(&none);
        posix_spawnattr_setsigmask(&attr, &none);
        posix_spawnattr_setpgroup(&attr, 0);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP);
        rc = posix_spawn(&p->pid, host, &fa, &attr, argv, environ);
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&fa);
        close(child);
        if (rc != 0) {
            close(sv[0]);
            srv_err(err, errlen, "cannot run the provider host %s: %s", host, strerror(rc));
            return -1;
        }
    }
    p->fd = sv[0];
    return 0;
}

/* Waits for the host's HELLO: the classes it serves, or why it could not load the library.
 * With classes NULL, only checks that it loaded. */
static int read_hello(srv_prov *p, char ***classes, size_t *n_classes, char *err, size_t errlen)
{
    struct pollfd pf;
    unsigned char *frame = NULL;
    size_t len;
    pw_reader r;
    uint8_t kind;
    uint64_t id;
    uint32_t n, i;
    const char *error;
    int rc;
    pf.fd = p->fd;
    pf.events = POLLIN;
    do
        rc = poll(&pf, 1, (int)timeout_of(p->srv) * 1000);
    while (rc < 0 && errno == EINTR);
    if (rc == 0) {
        srv_err(err, errlen, "the provider %s did not finish loading within %u s", p->name,
                timeout_of(p->srv));
        return -1;
    }
    if (pw_recv(p->fd, &frame, &len) != 0) {
        srv_err(err, errlen, "the provider host of %s ended while loading it", p->name);
        return -1;
    }
    r.p = frame;
    r.end = frame + len;
    if (pw_get_u8(&r, &kind) != 0 || kind != PW_HELLO || pw_get_u64(&r, &id) != 0 ||
        pw_get_str(&r, &error) != 0 || pw_get_u32(&r, &n) != 0 || n > len) {
        free(frame);
        srv_err(err, errlen, "the provider host of %s sent a malformed greeting", p->name);
        return -1;
    }
    if (error[0]) {
        srv_err(err, errlen, "provider %s: %s", p->name, error);
        free(frame);
        return -1;
    }
    if (classes) {
        *classes = calloc(n + 1, sizeof **classes);
        *n_classes = 0;
        for (i = 0; *classes && i < n; i++) {
            const char *c;
            if (pw_get_str(&r, &c) != 0 || !((*classes)[i] = strdup(c)))
                break;
            (*n_classes)++;
        }
        if (!*classes || *n_classes != n) {
            free(frame);
            srv_err(err, errlen, "the provider host of %s sent a malformed greeting", p->name);
            return -1;
        }
    }
    free(frame);
    return 0;
}

/* How a host ended, for the log. */
static void describe_end(srv_prov *p, char *out, size_t outlen)
{
    int status = 0;
    if (!p->pid) {
        snprintf(out, outlen, "its host thread stopped");
        return;
    }
    kill(p->pid, SIGKILL); /* a host that closed its socket but lives on is of no use */
    while (waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status))
        snprintf(out, outlen, "killed by signal %d (%s)", WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(out, outlen, "exited with status %d", WEXITSTATUS(status));
    else
        snprintf(out, outlen, "ended");
    p->pid = 0;
}

static pending *find_pending(srv_prov *p, uint64_t id)
{
    pending *q;
    for (q = p->pending; q; q = q->next)
        if (q->id == id)
            return q;
    return NULL;
}

static void unlist(srv_prov *p, pending *q)
{
    pending **pp;
    for (pp = &p->pending; *pp; pp = &(*pp)->next)
        if (*pp == q) {
            *pp = q->next;
            return;
        }
}

/* Drops a reference to f; the last frees it (its queue is empty by then: the consumer takes
 * or drops what it holds before letting go). p->lock held. */
static void feed_unref(srv_prov_feed *f)
{
    if (--f->refs > 0)
        return;
    if (f->ans.error)
        MI_Instance_Delete(f->ans.error);
    if (f->keep_free)
        f->keep_free(f->keep_ctx);
    free(f->queue);
    free(f);
}

/* Ends a stream's request: its pending leaves the list. p->lock held. */
static void feed_end(srv_prov *p, pending *q)
{
    q->done = true;
    unlist(p, q);
    feed_unref(q->feed);
}

/* Tells the host that no one waits for the request any more (PW_CANCEL): its provider's
 * cancel callback runs, its later posts are refused. Only to the host that has it; best
 * effort (a host that went has nothing to cancel). p->lock held. */
static void cancel_request(srv_prov *p, const pending *q, MI_CancellationReason reason)
{
    wsman_buf b;
    if (!p->alive || p->gen != q->gen || p->fd < 0)
        return;
    util_buf_init(&b);
    pw_begin(&b, PW_CANCEL, q->id);
    pw_u32(&b, (uint32_t)reason);
    if (pw_end(&b) == 0) {
        pthread_mutex_lock(&p->wlock);
        (void)pw_send(p->fd, &b);
        pthread_mutex_unlock(&p->wlock);
    }
    util_buf_free(&b);
}

static void feed_deadline(srv_prov_feed *f)
{
    clock_gettime(CLOCK_REALTIME, &f->deadline);
    f->deadline.tv_sec += timeout_of(f->p->srv);
}

static bool past(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* An instance a stream's provider posted (inst adopted): filtered, counted against the
 * contexts' byte limit, queued. Called without p->lock (the byte count has a lock of its own,
 * taken inside the enumeration table's, which in turn may take p->lock). */
static void feed_post(srv_prov *p, uint64_t id, MI_Instance *inst)
{
    pending *q;
    srv_prov_feed *f;
    size_t bytes;
    bool fits;
    pthread_mutex_lock(&p->lock);
    q = find_pending(p, id);
    if (!q || q->done || !q->feed || q->feed->abandoned) {
        pthread_mutex_unlock(&p->lock);
        MI_Instance_Delete(inst);
        return;
    }
    f = q->feed;
    f->refs++;
    feed_deadline(f); /* posting is progress: the time limit counts from the last post */
    pthread_mutex_unlock(&p->lock);
    if (f->keep && !f->keep(f->keep_ctx, inst)) {
        pthread_mutex_lock(&p->lock);
        feed_unref(f);
        pthread_mutex_unlock(&p->lock);
        MI_Instance_Delete(inst);
        return;
    }
    bytes = srv_instance_bytes(inst) + sizeof inst;
    fits = srv_enums_reserve(p->srv->enums, bytes) == 0;
    pthread_mutex_lock(&p->lock);
    if (fits && !f->abandoned && !f->q.done && f->head + f->n == f->cap && f->head > 0) {
        memmove(f->queue, f->queue + f->head, f->n * sizeof *f->queue);
        f->head = 0;
    }
    if (fits && !f->abandoned && !f->q.done && f->head + f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        MI_Instance **nv = realloc(f->queue, cap * sizeof *nv);
        if (nv) {
            f->queue = nv;
            f->cap = cap;
        }
    }
    if (fits && !f->abandoned && !f->q.done && f->head + f->n < f->cap) {
        f->queue[f->head + f->n++] = inst;
        f->bytes += bytes;
        inst = NULL;
        bytes = 0;
    } else if (fits && !f->abandoned && !f->q.done) {
        f->ans.result = MI_RESULT_FAILED;
        snprintf(f->ans.message, sizeof f->ans.message, "out of memory");
        feed_end(p, &f->q);
    } else if (!fits && !f->q.done) {
        /* More than the contexts hold waits for the client: the enumeration fails (what came
         * before is still handed out first). */
        f->ans.result = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        snprintf(f->ans.message, sizeof f->ans.message,
                 "The provider %s posted more than the enumeration contexts may hold (%zu "
                 "bytes) before the client pulled it",
                 p->name, srv_enums_max_bytes(p->srv->enums));
        feed_end(p, &f->q);
    }
    feed_unref(f);
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    if (inst)
        MI_Instance_Delete(inst);
    if (bytes && fits)
        srv_enums_release(p->srv->enums, bytes);
}

static void take_instance(srv_prov *p, pending *q, pw_reader *r)
{
    MI_Instance *inst = NULL;
    srv_prov_answer *a = q->ans;
    if (pw_get_instance(r, NULL, NULL, &inst) != 0) {
        q->overflow = true; /* reported as a malformed answer */
        return;
    }
    if (a->n_items >= p->srv->cfg.max_instances) {
        MI_Instance_Delete(inst);
        q->overflow = true;
        return;
    }
    if (a->n_items == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        MI_Instance **nv = realloc(a->items, cap * sizeof *nv);
        if (!nv) {
            MI_Instance_Delete(inst);
            q->overflow = true;
            return;
        }
        a->items = nv;
        q->cap = cap;
    }
    a->items[a->n_items++] = inst;
}

/* One exchange of the providers' local session (MI_Context_GetLocalSession): a WS-Man request
 * dispatched as if it came over HTTP, without authentication (the provider is code the
 * administrator gave the server), the response going back to the host that sent it. It runs
 * on a thread of its own: the request may need a provider of this very host (the reader must
 * stay free to read its answer) or of another. */
typedef struct local_call {
    srv_prov *p;
    unsigned gen;
    uint64_t id;
    unsigned char *frame; /* body points into it */
    const char *body;
    size_t len;
} local_call;

static void *local_thread(void *arg)
{
    local_call *c = arg;
    srv_prov *p = c->p;
    srv_request req;
    srv_reply rep;
    wsman_buf b;
    memset(&req, 0, sizeof req);
    memset(&rep, 0, sizeof rep);
    req.body = c->body;
    req.len = c->len;
    req.content_type = "application/soap+xml;charset=UTF-8";
    req.error = c->len > (p->srv->cfg.max_body ? p->srv->cfg.max_body : MSRV_DEFAULT_MAX_BODY)
                    ? SRV_FRONT_TOO_LARGE
                    : SRV_FRONT_OK;
    srv_dispatch(p->srv, &req, &rep);
    util_buf_init(&b);
    pw_begin(&b, PW_SESSION_REPLY, c->id);
    pw_u32(&b, rep.status);
    pw_strn(&b, rep.body, rep.body ? rep.len : 0);
    if (pw_end(&b) == 0) {
        /* Only to the host that asked: a restarted one knows nothing of the id. */
        pthread_mutex_lock(&p->lock);
        if (p->gen == c->gen && p->alive) {
            pthread_mutex_lock(&p->wlock);
            (void)pw_send(p->fd, &b);
            pthread_mutex_unlock(&p->wlock);
        }
        pthread_mutex_unlock(&p->lock);
    }
    util_buf_free(&b);
    free(rep.body);
    free(c->frame);
    free(c);
    pthread_mutex_lock(&p->lock);
    p->locals--;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Starts a local session exchange (frame adopted). Returns 0, or -1 when the frame is
 * malformed (the host then speaks nonsense). */
static int local_start(srv_prov *p, unsigned gen, uint64_t id, unsigned char *frame,
                       pw_reader *r)
{
    local_call *c;
    pthread_t t;
    pthread_attr_t attr;
    const char *body;
    size_t len;
    if (pw_get_session(r, &body, &len) != 0) {
        free(frame);
        return -1;
    }
    c = calloc(1, sizeof *c);
    if (!c) {
        free(frame); /* the provider's operation times out */
        return 0;
    }
    c->p = p;
    c->gen = gen;
    c->id = id;
    c->frame = frame;
    c->body = body;
    c->len = len;
    pthread_mutex_lock(&p->lock);
    p->locals++;
    pthread_mutex_unlock(&p->lock);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &attr, local_thread, c) != 0) {
        pthread_mutex_lock(&p->lock);
        p->locals--;
        pthread_mutex_unlock(&p->lock);
        free(frame);
        free(c);
    }
    pthread_attr_destroy(&attr);
    return 0;
}

/* Reads what the host sends until it ends, then fails what it left in flight. */
static void *reader(void *arg)
{
    srv_prov *p = arg;
    unsigned gen;
    int fd;
    char how[160];
    size_t failed = 0;
    pending *q;
    pthread_mutex_lock(&p->lock);
    gen = p->gen;
    fd = p->fd;
    pthread_mutex_unlock(&p->lock);
    for (;;) {
        unsigned char *frame;
        size_t len;
        pw_reader r;
        uint8_t kind;
        uint64_t id;
        if (pw_recv(fd, &frame, &len) != 0)
            break;
        r.p = frame;
        r.end = frame + len;
        if (pw_get_u8(&r, &kind) != 0 || pw_get_u64(&r, &id) != 0) {
            free(frame);
            break;
        }
        if (kind == PW_INDICATION || kind == PW_IND_END) {
            /* The class's subscriptions take them (subscribe.h); a malformed one is the
             * host's end, as any malformed frame. */
            const char *cls, *bookmark, *m;
            MI_Instance *inst = NULL;
            MI_Result res;
            if (kind == PW_INDICATION && pw_get_indication(&r, &cls, &bookmark, &inst) == 0) {
                srv_subs_post(p->srv->subs, p, cls, inst, bookmark[0] ? bookmark : NULL);
                MI_Instance_Delete(inst);
            } else if (kind == PW_IND_END && pw_get_ind_end(&r, &cls, &res, &m) == 0) {
                char msg[400];
                srv_notice(p->srv, "provider %s: ended the indications of %s: %d %.200s", p->name,
                           cls, (int)res, m);
                snprintf(msg, sizeof msg, "The provider %s ended the indications of %s%s%.200s",
                         p->name, cls, m[0] ? ": " : "", m);
                srv_subs_provider_ended(p->srv->subs, p, cls, res, msg);
            } else {
                free(frame);
                break;
            }
            free(frame);
            continue;
        }
        if (kind == PW_LOG) {
            uint32_t channel;
            const char *m;
            if (pw_get_u32(&r, &channel) == 0 && pw_get_str(&r, &m) == 0)
                srv_notice(p->srv, "provider %s: %s: %.400s", p->name,
                           channel == 0   ? "warning"
                           : channel == 1 ? "verbose"
                                          : "debug",
                           m);
            free(frame);
            continue;
        }
        if (kind == PW_SESSION) {
            if (local_start(p, gen, id, frame, &r) != 0)
                break;
            continue;
        }
        pthread_mutex_lock(&p->lock);
        q = find_pending(p, id);
        if (q && !q->done && q->feed && kind == PW_INSTANCE) {
            MI_Instance *inst = NULL;
            pthread_mutex_unlock(&p->lock);
            if (pw_get_instance(&r, NULL, NULL, &inst) == 0)
                feed_post(p, id, inst);
            free(frame);
            continue;
        }
        if (q && !q->done && kind == PW_INSTANCE) {
            take_instance(p, q, &r);
        } else if (q && !q->done && kind == PW_RESULT) {
            uint32_t res;
            const char *m;
            uint8_t has;
            if (pw_get_u32(&r, &res) == 0 && pw_get_str(&r, &m) == 0 && pw_get_u8(&r, &has) == 0) {
                q->ans->result = (MI_Result)res;
                snprintf(q->ans->message, sizeof q->ans->message, "%s", m);
                if (has && pw_get_instance(&r, NULL, NULL, &q->ans->error) != 0)
                    q->ans->error = NULL;
            } else {
                q->ans->result = MI_RESULT_FAILED;
                snprintf(q->ans->message, sizeof q->ans->message,
                         "The provider %s sent a malformed result", p->name);
            }
            if (q->overflow && q->ans->result == MI_RESULT_OK) {
                q->ans->result = MI_RESULT_SERVER_LIMITS_EXCEEDED;
                snprintf(q->ans->message, sizeof q->ans->message,
                         "The provider %s posted more instances than the server holds (%zu) or "
                         "one it could not read",
                         p->name, p->srv->cfg.max_instances);
            }
            q->done = true;
            p->crashes = 0; /* it answers: a later end starts the count again */
            if (q->feed)
                feed_end(p, q);
            pthread_cond_broadcast(&p->cond);
        }
        pthread_mutex_unlock(&p->lock);
        free(frame);
    }
    /* The host is gone (or spoke nonsense): fail its requests, reap it. */
    pthread_mutex_lock(&p->lock);
    p->alive = false;
    if (p->stopping) {
        /* (requests of the providers' local sessions may still wait for it) */
        for (q = p->pending; q;) {
            pending *next = q->next;
            if (!q->done) {
                q->ans->result = MI_RESULT_FAILED;
                snprintf(q->ans->message, sizeof q->ans->message, "The server is stopping");
                q->done = true;
                if (q->feed)
                    feed_end(p, q);
            }
            q = next;
        }
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        return NULL;
    }
    describe_end(p, how, sizeof how);
    count_end(p);
    for (q = p->pending; q; q = q->next)
        failed += q->gen == gen && !q->done;
    {
        /* Its subscriptions end: a new host knows nothing of them. */
        char msg[400];
        snprintf(msg, sizeof msg,
                 "The provider %s failed: its host %s, which ended the subscription (subscribe "
                 "again: the host is restarted)",
                 p->name, how);
        srv_subs_provider_ended(p->srv->subs, p, NULL, MI_RESULT_FAILED, msg);
    }
    /* Logged before the requests are answered: a client that saw the fault finds the line. */
    if (backoff_of(p->crashes))
        srv_notice(p->srv,
                   "provider %s: host %s; %zu request(s) in flight failed; it ended %u times "
                   "in a row: started again in %u s at the earliest",
                   p->name, how, failed, p->crashes, backoff_of(p->crashes));
    else
        srv_notice(p->srv, "provider %s: host %s; %zu request(s) in flight failed", p->name, how,
                   failed);
    for (q = p->pending; q;) {
        pending *next = q->next;
        if (q->gen == gen && !q->done) {
            q->ans->result = MI_RESULT_FAILED;
            snprintf(q->ans->message, sizeof q->ans->message,
                     "The provider %s failed while serving this request: its host %s (it is "
                     "restarted for the next request)",
                     p->name, how);
            q->done = true;
            if (q->feed)
                feed_end(p, q);
        }
        q = next;
    }
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* Closes a dead host's socket and joins its threads. Called with p->lock held (the reader
 * has finished, or was never started). */
static void bury(srv_prov *p)
{
    if (p->fd >= 0) {
        shutdown(p->fd, SHUT_RDWR);
    }
    if (p->have_reader) {
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->thread, NULL);
        pthread_mutex_lock(&p->lock);
        p->have_reader = false;
    }
    if (p->have_host_thread) {
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->host_thread, NULL);
        pthread_mutex_lock(&p->lock);
        p->have_host_thread = false;
    }
    if (p->pid)
        describe_end(p, (char[8]){0}, 8);
    pthread_mutex_lock(&p->wlock);
    if (p->fd >= 0)
        close(p->fd);
    p->fd = -1;
    pthread_mutex_unlock(&p->wlock);
}

/* Starts the host and its reader; with classes, learns what it serves. p->lock held. */
static int start(srv_prov *p, char ***classes, size_t *n_classes, char *err, size_t errlen)
{
    if (spawn(p, err, errlen) != 0)
        return -1;
    if (read_hello(p, classes, n_classes, err, errlen) != 0) {
        bury(p);
        return -1;
    }
    p->gen++;
    p->alive = true;
    if (pthread_create(&p->thread, NULL, reader, p) != 0) {
        p->alive = false;
        bury(p);
        srv_err(err, errlen, "cannot start a thread for %s", p->name);
        return -1;
    }
    p->have_reader = true;
    return 0;
}

/* ---- the server's side ------------------------------------------------------------------ */

int srv_provs_start(msrv_server *srv, char *err, size_t errlen)
{
    struct srv_provs *ps;
    size_t i, k;
    if (!srv->cfg.n_providers)
        return 0;
    ps = calloc(1, sizeof *ps);
    if (!ps || !(ps->v = calloc(srv->cfg.n_providers, sizeof *ps->v))) {
        free(ps);
        srv_err(err, errlen, "out of memory");
        return -1;
    }
    srv->provs = ps;
    for (i = 0; i < srv->cfg.n_providers; i++) {
        srv_prov *p = calloc(1, sizeof *p);
        const char *slash;
        int rc;
        if (!p || !(p->path = strdup(srv->cfg.providers[i]))) {
            free(p);
            srv_err(err, errlen, "out of memory");
            return -1;
        }
        slash = strrchr(p->path, '/');
        p->name = slash ? slash + 1 : p->path;
        p->srv = srv;
        p->fd = -1;
        pthread_mutex_init(&p->lock, NULL);
        pthread_mutex_init(&p->wlock, NULL);
        pthread_cond_init(&p->cond, NULL);
        ps->v[ps->n++] = p;
        pthread_mutex_lock(&p->lock);
        rc = start(p, &p->classes, &p->n_classes, err, errlen);
        pthread_mutex_unlock(&p->lock);
        if (rc != 0)
            return -1;
        for (k = 0; k < p->n_classes; k++) {
            prov_class *nv;
            size_t j, found = 0;
            for (j = 0; j < ps->n_classes; j++)
                if (strcasecmp(ps->classes[j].name, p->classes[k]) == 0) {
                    srv_err(err, errlen, "the class %s has two providers: %s and %s", p->classes[k],
                            ps->classes[j].p->name, p->name);
                    return -1;
                }
            for (j = 0; srv->have_schema && j < srv->schema.namespaces.n; j++) {
                const mof_namespace *ns = mof_map_at(&srv->schema.namespaces, j);
                found += mof_map_get(&ns->classes, p->classes[k]) != NULL;
            }
            if (!found) {
                srv_err(err, errlen,
                        "the provider %s serves the class %s, which no schema declares (give "
                        "its MOF with --schema)",
                        p->name, p->classes[k]);
                return -1;
            }
            nv = realloc(ps->classes, (ps->n_classes + 1) * sizeof *nv);
            if (!nv) {
                srv_err(err, errlen, "out of memory");
                return -1;
            }
            ps->classes = nv;
            ps->classes[ps->n_classes].name = p->classes[k];
            ps->classes[ps->n_classes++].p = p;
        }
        srv_notice(srv, "provider %s: serving %zu class(es)%s", p->name, p->n_classes,
                   srv->cfg.providers_in_process ? " in process" : "");
    }
    return 0;
}

void srv_provs_stop(msrv_server *srv)
{
    struct srv_provs *ps = srv->provs;
    size_t i;
    for (i = 0; ps && i < ps->n; i++) {
        srv_prov *p = ps->v[i];
        pthread_mutex_lock(&p->lock);
        p->stopping = true;
        if (p->fd >= 0)
            shutdown(p->fd, SHUT_RDWR);
        if (p->pid) {
            /* Closing the socket asks the host to unload and exit; one that does not within
             * a second is killed (bury reaps it). */
            int waited;
            for (waited = 0; waited < 100; waited++) {
                if (waitpid(p->pid, NULL, WNOHANG) == p->pid) {
                    p->pid = 0;
                    break;
                }
                nanosleep(&(struct timespec){0, 10000000}, NULL);
            }
        }
        bury(p);
        pthread_mutex_unlock(&p->lock);
    }
    /* The local session exchanges still being served end now that no host answers. */
    for (i = 0; ps && i < ps->n; i++) {
        srv_prov *p = ps->v[i];
        pthread_mutex_lock(&p->lock);
        while (p->locals)
            pthread_cond_wait(&p->cond, &p->lock);
        pthread_mutex_unlock(&p->lock);
    }
}

void srv_provs_cancel(msrv_server *srv)
{
    struct srv_provs *ps = srv->provs;
    size_t i;
    for (i = 0; ps && i < ps->n; i++) {
        srv_prov *p = ps->v[i];
        pending *q, *next;
        pthread_mutex_lock(&p->lock);
        for (q = p->pending; q; q = next) {
            next = q->next;
            if (q->done)
                continue;
            cancel_request(p, q, MI_REASON_SERVICESTOP);
            q->done = true;
            q->ans->result = MI_RESULT_SERVER_IS_SHUTTING_DOWN;
            snprintf(q->ans->message, sizeof q->ans->message,
                     "The server is stopping: the request for the provider %s was cancelled",
                     p->name);
            if (q->feed)
                feed_end(p, q);
        }
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
    }
}

void srv_provs_free(msrv_server *srv)
{
    struct srv_provs *ps = srv->provs;
    pending *q, *next;
    size_t i, k;
    if (!ps)
        return;
    srv_provs_stop(srv);
    for (i = 0; i < ps->n; i++) {
        srv_prov *p = ps->v[i];
        pthread_mutex_lock(&p->lock);
        /* Streams still listed (their consumers are gone: the enumeration contexts were
         * freed before) */
        for (q = p->pending; q; q = next) {
            next = q->next;
            if (q->feed)
                feed_end(p, q);
        }
        pthread_mutex_unlock(&p->lock);
        for (k = 0; k < p->n_classes; k++)
            free(p->classes[k]);
        free(p->classes);
        free(p->path);
        pthread_cond_destroy(&p->cond);
        pthread_mutex_destroy(&p->wlock);
        pthread_mutex_destroy(&p->lock);
        free(p);
    }
    free(ps->v);
    free(ps->classes);
    free(ps);
    srv->provs = NULL;
}

srv_prov *srv_prov_for(const msrv_server *srv, const char *class_name)
{
    size_t i;
    if (!srv->provs || !class_name)
        return NULL;
    for (i = 0; i < srv->provs->n_classes; i++)
        if (strcasecmp(srv->provs->classes[i].name, class_name) == 0)
            return srv->provs->classes[i].p;
    return NULL;
}

void srv_prov_answer_free(srv_prov_answer *ans)
{
    size_t i;
    for (i = 0; i < ans->n_items; i++)
        MI_Instance_Delete(ans->items[i]);
    free(ans->items);
    if (ans->error)
        MI_Instance_Delete(ans->error);
    memset(ans, 0, sizeof *ans);
}

static const char *op_name(pw_op op)
{
    static const char *const names[] = {"?",          "Get",       "Enumerate",  "Create",
                                        "Modify",     "Delete",    "Invoke",     "Associators",
                                        "References", "Subscribe", "Unsubscribe"};
    return (unsigned)op < sizeof names / sizeof *names ? names[op] : "?";
}

static void sweep(srv_prov *p);
static void build_request(wsman_buf *b, uint64_t id, const srv_prov_req *req);

/* Starts the host when it is down, lists q (a new id) and sends req. Returns 0 (q listed; a
 * request that could not be written is done, failed), or -1 with ans filled (q not listed). */
static int send_request(msrv_server *srv, srv_prov *p, pending *q, const srv_prov_req *req,
                        srv_prov_answer *ans)
{
    wsman_buf buf;
    char err[300];
    int fd, sent;
    pthread_mutex_lock(&p->lock);
    sweep(p);
    if (__atomic_load_n(&srv->stopping, __ATOMIC_ACQUIRE)) {
        /* msrv_stop runs: its srv_provs_cancel answered the requests listed before it took
         * p->lock; this one, which came after, is answered the same (the flag is set first). */
        pthread_mutex_unlock(&p->lock);
        ans->result = MI_RESULT_SERVER_IS_SHUTTING_DOWN;
        snprintf(ans->message, sizeof ans->message,
                 "The server is stopping: the request for the provider %s was not sent", p->name);
        return -1;
    }
    if (p->stopping) {
        /* (a local session's request while the server stops: no host is started again) */
        pthread_mutex_unlock(&p->lock);
        ans->result = MI_RESULT_FAILED;
        snprintf(ans->message, sizeof ans->message, "The provider %s is stopping", p->name);
        return -1;
    }
    if (!p->alive && backoff_left(p)) {
        /* A host that keeps ending is not started at every request: these fail at once. */
        unsigned left = backoff_left(p);
        pthread_mutex_unlock(&p->lock);
        ans->result = MI_RESULT_FAILED;
        snprintf(ans->message, sizeof ans->message,
                 "The provider %s is not available: its host ended %u times in a row; it is "
                 "started again in %u s",
                 p->name, p->crashes, left);
        return -1;
    }
    if (!p->alive) {
        /* Restart the host the crash took. */
        bury(p);
        if (start(p, NULL, NULL, err, sizeof err) != 0) {
            count_end(p);
            pthread_mutex_unlock(&p->lock);
            srv_notice(srv, "provider %s: cannot restart: %s", p->name, err);
            ans->result = MI_RESULT_FAILED;
            snprintf(ans->message, sizeof ans->message, "The provider %s is not available: %s",
                     p->name, err);
            return -1;
        }
        p->restarts++;
        srv_notice(srv, "provider %s: host restarted (restart %u)", p->name, p->restarts);
    }
    q->id = ++p->next_id;
    q->gen = p->gen;
    q->next = p->pending;
    p->pending = q;
    fd = p->fd;
    pthread_mutex_unlock(&p->lock);

    util_buf_init(&buf);
    build_request(&buf, q->id, req);
    sent = pw_end(&buf) == 0 ? 0 : -2;
    if (sent == 0) {
        pthread_mutex_lock(&p->wlock);
        sent = p->fd == fd ? pw_send(fd, &buf) : -1;
        pthread_mutex_unlock(&p->wlock);
    }
    util_buf_free(&buf);
    /* A failed send means the host is going; its reader fails the request. */
    if (sent == -2) {
        pthread_mutex_lock(&p->lock);
        if (!q->done) {
            q->done = true;
            q->ans->result = MI_RESULT_FAILED;
            snprintf(q->ans->message, sizeof q->ans->message,
                     "The request for the provider %s could not be written (out of memory)",
                     p->name);
            if (q->feed)
                feed_end(p, q);
        }
        pthread_mutex_unlock(&p->lock);
    }
    return 0;
}

int srv_prov_notify(srv_prov *p, const srv_prov_req *req)
{
    wsman_buf buf;
    uint64_t id;
    int fd, sent;
    pthread_mutex_lock(&p->lock);
    if (!p->alive || p->stopping) {
        pthread_mutex_unlock(&p->lock);
        return -1;
    }
    id = ++p->next_id; /* listed nowhere: the reader drops the answer */
    fd = p->fd;
    pthread_mutex_unlock(&p->lock);
    util_buf_init(&buf);
    build_request(&buf, id, req);
    sent = pw_end(&buf) == 0 ? 0 : -1;
    if (sent == 0) {
        pthread_mutex_lock(&p->wlock);
        sent = p->fd == fd ? pw_send(fd, &buf) : -1;
        pthread_mutex_unlock(&p->wlock);
    }
    util_buf_free(&buf);
    return sent;
}

/* A REQUEST frame (provwire.h) of req, up to pw_end. */
static void build_request(wsman_buf *b, uint64_t id, const srv_prov_req *req)
{
    size_t k;
    pw_begin(b, PW_REQUEST, id);
    pw_u8(b, (uint8_t)req->op);
    pw_str(b, req->ns);
    pw_str(b, req->cls);
    pw_str(b, req->method);
    pw_u8(b, req->keys_only ? 1 : 0);
    pw_u8(b, req->a ? 1 : 0);
    if (req->a && pw_instance(b, req->a) != MI_RESULT_OK)
        util_buf_fail(b);
    pw_u8(b, req->b ? 1 : 0);
    if (req->b && pw_instance(b, req->b) != MI_RESULT_OK)
        util_buf_fail(b);
    pw_str(b, req->result_class);
    pw_str(b, req->role);
    pw_str(b, req->result_role);
    pw_str(b, req->query_lang);
    pw_str(b, req->query);
    pw_str(b, req->locale);
    pw_str(b, req->data_locale);
    pw_u8(b, req->options ? 1 : 0);
    if (req->options && pw_instance(b, req->options) != MI_RESULT_OK)
        util_buf_fail(b);
    pw_u32(b, (uint32_t)req->n_props);
    for (k = 0; k < req->n_props; k++)
        pw_str(b, req->props[k]);
    pw_u64(b, req->subscription_id);
    pw_str(b, req->bookmark);
}

/* How often a request waiting for its provider asks whether its client is still there (ms). */
#define SRV_PROV_GONE_CHECK_MS 200

/* The time of the next look at the client: SRV_PROV_GONE_CHECK_MS from now (CLOCK_REALTIME,
 * as the waits'). */
static struct timespec gone_check_next(void)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += SRV_PROV_GONE_CHECK_MS * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec++;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}

static bool earlier(const struct timespec *a, const struct timespec *b)
{
    return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

void srv_prov_call(msrv_server *srv, srv_prov *p, const srv_prov_req *req, srv_prov_answer *ans)
{
    pending q;
    struct timespec deadline, look;
    memset(ans, 0, sizeof *ans);
    memset(&q, 0, sizeof q);
    q.ans = ans;
    if (send_request(srv, p, &q, req, ans) != 0)
        return;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += timeout_of(srv);
    look = gone_check_next();
    pthread_mutex_lock(&p->lock);
    while (!q.done) {
        /* The client is looked at every SRV_PROV_GONE_CHECK_MS whatever wakes the wait (the
         * answers to the provider's other requests do too). */
        (void)pthread_cond_timedwait(&p->cond, &p->lock,
                                     req->gone && earlier(&look, &deadline) ? &look : &deadline);
        if (q.done)
            break;
        if (!past(&deadline)) {
            if (!req->gone || !past(&look)) {
                continue;
            } else if (!req->gone(req->gone_ctx)) {
                look = gone_check_next();
            } else {
                /* The client left: no one waits for the answer (OMI's agent would let the
                 * provider run on; RegisterCancel is for this). */
                q.done = true;
                ans->result = MI_RESULT_FAILED;
                snprintf(ans->message, sizeof ans->message,
                         "The client closed its connection during %s of %s", op_name(req->op),
                         req->cls);
                srv_notice(srv, "provider %s: the client closed its connection during %s of %s",
                           p->name, op_name(req->op), req->cls);
                cancel_request(p, &q, MI_REASON_NONE);
            }
        } else {
            q.done = true;
            ans->result = MI_RESULT_FAILED;
            snprintf(ans->message, sizeof ans->message,
                     "The provider %s posted no result for %s of %s within %u s", p->name,
                     op_name(req->op), req->cls, timeout_of(srv));
            srv_notice(srv, "provider %s: no result for %s of %s within %u s", p->name,
                       op_name(req->op), req->cls, timeout_of(srv));
            cancel_request(p, &q, MI_REASON_TIMEOUT);
        }
    }
    unlist(p, &q);
    pthread_mutex_unlock(&p->lock);
}

/* ---- streams ------------------------------------------------------------------------------ */

/* Streams whose consumer left and whose provider never answered leave the list once their
 * time is up (no one else waits for them). p->lock held. */
static void sweep(srv_prov *p)
{
    pending *q = p->pending;
    while (q) {
        pending *next = q->next;
        if (q->feed && q->feed->abandoned && !q->done && past(&q->feed->deadline))
            feed_end(p, q);
        q = next;
    }
}

srv_prov_feed *srv_prov_stream(msrv_server *srv, srv_prov *p, const srv_prov_req *req,
                               srv_prov_keep_fn keep, void *keep_ctx, void (*keep_free)(void *),
                               srv_prov_answer *ans)
{
    srv_prov_feed *f = calloc(1, sizeof *f);
    memset(ans, 0, sizeof *ans);
    if (!f) {
        if (keep_free)
            keep_free(keep_ctx);
        ans->result = MI_RESULT_FAILED;
        snprintf(ans->message, sizeof ans->message, "out of memory");
        return NULL;
    }
    f->p = p;
    f->q.feed = f;
    f->q.ans = &f->ans;
    f->refs = 2;
    f->keep = keep;
    f->keep_ctx = keep_ctx;
    f->keep_free = keep_free;
    feed_deadline(f);
    if (send_request(srv, p, &f->q, req, ans) != 0) {
        pthread_mutex_lock(&p->lock);
        f->refs = 1; /* never listed */
        feed_unref(f);
        pthread_mutex_unlock(&p->lock);
        return NULL;
    }
    return f;
}

/* How long a Pull gathers more instances once it has one, short of its maximum. */
#define FEED_GATHER_NS 50000000L

MI_Instance **srv_prov_feed_take(srv_prov_feed *f, size_t max, size_t *n, size_t *bytes,
                                 bool *ended, srv_prov_answer *end)
{
    srv_prov *p = f->p;
    MI_Instance **out = NULL;
    struct timespec gather = {0, 0};
    size_t i, k;
    *n = *bytes = 0;
    *ended = false;
    if (max == 0)
        max = 1;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        if (f->n >= max || f->q.done)
            break;
        if (f->n > 0) {
            if (!gather.tv_sec) {
                clock_gettime(CLOCK_REALTIME, &gather);
                gather.tv_nsec += FEED_GATHER_NS;
                if (gather.tv_nsec >= 1000000000L) {
                    gather.tv_sec++;
                    gather.tv_nsec -= 1000000000L;
                }
            }
            if (past(&gather))
                break;
        }
        if (past(&f->deadline)) {
            f->ans.result = MI_RESULT_FAILED;
            snprintf(f->ans.message, sizeof f->ans.message,
                     "The provider %s posted nothing more and no result for Enumerate of the "
                     "class within %u s",
                     p->name, timeout_of(p->srv));
            srv_notice(p->srv, "provider %s: no result for an Enumerate within %u s", p->name,
                       timeout_of(p->srv));
            cancel_request(p, &f->q, MI_REASON_TIMEOUT);
            feed_end(p, &f->q);
            break;
        }
        pthread_cond_timedwait(&p->cond, &p->lock,
                               gather.tv_sec && gather.tv_sec <= f->deadline.tv_sec ? &gather
                                                                                    : &f->deadline);
    }
    k = f->n < max ? f->n : max;
    if (k && (out = malloc(k * sizeof *out)) != NULL) {
        for (i = 0; i < k; i++) {
            out[i] = f->queue[f->head + i];
            *bytes += srv_instance_bytes(out[i]) + sizeof out[i];
        }
        f->head += k;
        f->n -= k;
        f->bytes -= *bytes < f->bytes ? *bytes : f->bytes;
        *n = k;
    }
    /* A failure comes after the instances posted before it: with the last of them, the
     * sequence ends only when it ended well. */
    if (f->q.done && f->n == 0 && (k == 0 || (out && f->ans.result == MI_RESULT_OK))) {
        *ended = true;
        memset(end, 0, sizeof *end);
        end->result = f->ans.result;
        snprintf(end->message, sizeof end->message, "%s", f->ans.message);
    }
    pthread_mutex_unlock(&p->lock);
    return out;
}

size_t srv_prov_feed_close(void *feed)
{
    srv_prov_feed *f = feed;
    srv_prov *p;
    MI_Instance **queue;
    size_t i, n, head, bytes;
    if (!f)
        return 0;
    p = f->p;
    pthread_mutex_lock(&p->lock);
    if (!f->q.done) {
        /* The client released the enumeration (or it expired, or the server stops) before
         * the provider finished: the provider is told, and the request ends here. */
        cancel_request(p, &f->q, MI_REASON_NONE);
        feed_end(p, &f->q);
    }
    f->abandoned = true;
    queue = f->queue;
    head = f->head;
    n = f->n;
    bytes = f->bytes;
    f->queue = NULL;
    f->head = f->n = f->cap = f->bytes = 0;
    feed_unref(f);
    pthread_mutex_unlock(&p->lock);
    for (i = 0; i < n; i++)
        MI_Instance_Delete(queue[head + i]);
    free(queue);
    return bytes;
}
