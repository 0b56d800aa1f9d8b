/* SPDX-License-Identifier: MIT */
/* server/front.c: the HTTP(S) front of mofbind-server on libmicrohttpd: POST /wsman only,
 * Basic authentication before anything is read, bounded bodies, connection limits (in all and
 * per client address) and timeouts, a deadline for each request's head and body (a watcher
 * thread closes connections that drip), then the body goes to the WS-Man dispatcher
 * (dispatch.c).
 *
 * The connection limit (--max-connections) is counted here, not left to libmicrohttpd: a
 * connection over it is still accepted and its first request answered 503 Service Unavailable
 * (Retry-After: 1, Connection: close), so that a client is told rather than reset, or left
 * waiting in the listen backlog (which is what libmicrohttpd does at its own limit in its
 * event-driven mode). libmicrohttpd's own limit is set above ours (FRONT_HARD_LIMIT) to leave
 * room for those short-lived refusals. The per-address cap (--max-per-address) is counted the
 * same way and answered the same 503; libmicrohttpd's own per-address limit, set above ours
 * (FRONT_HARD_LIMIT again), closes a flood from one address at once.
 *
 * Both are counted when a connection's first request comes in, over the connections opened
 * before it that are still open at the client's end (TCP_INFO's state ESTABLISHED): a
 * connection the client has closed stays in libmicrohttpd's count until libmicrohttpd has seen
 * the end and cleaned it up, which under load lags behind a client opening a connection per
 * request, and counting those reset such a client for connections it no longer had. A
 * connection admitted once is not counted again for its next requests.
 *
 * A client that closes its connection while its request is being served (it gave up, or its
 * MI_Operation_Cancel aborted the transfer) is seen through the same TCP_INFO: the request
 * hands the dispatcher a `gone` test (front_gone), which a request waiting for a provider asks
 * a few times a second, to cancel the provider's work rather than wait for its time limit.
 * libmicrohttpd cannot tell: the connection's thread is inside the dispatcher and reads
 * nothing until it returns. A client that shuts down only its sending side while it waits
 * (a half-close, which HTTP/1.1 clients do not do) looks the same and is taken as gone too,
 * as nginx takes it.
 *
 * msrv_stop answers the requests in flight before it closes the connections: new requests
 * are refused (503) while it stops, and srv_front_drain waits for the answers in flight to be
 * written out (front_watch.busy). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <linux/tcp.h> /* struct tcp_info with tcpi_bytes_received (glibc's lacks it) */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "server_int.h"
#include "util.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_Result_t;
#else
typedef enum MHD_Result MHD_Result_t;
#endif

#define FRONT_REALM "WSMAN"
/* libmicrohttpd's own limit for ours of n: room for the connections being refused. */
#define FRONT_HARD_LIMIT(n) ((n) * 2u + 16u)
/* TCP_ESTABLISHED of <netinet/tcp.h>, which cannot be included beside <linux/tcp.h>. */
#define FRONT_TCP_ESTABLISHED 1
/* Each connection's memory pool in libmicrohttpd, which bounds a request's head: over it,
 * libmicrohttpd answers 431 itself, before the server is asked, so without the Basic challenge.
 * Its default (32 KiB) is below what a Kerberos or NTLM token from a client that tries
 * Negotiate first takes in an Authorization header (Windows' MaxTokenSize is 48,000 bytes, 64 KB
 * in base64), and that client would never hear that Basic is the way in. With 128 KiB such a
 * head reaches the server and gets the usual 401 with the challenge. The pool's pages are
 * touched only as far as a request fills them: 500 connections holding 20 KB heads each took the
 * same resident memory with 32 and 128 KiB pools. */
#define FRONT_HEAD_LIMIT (128u * 1024u)
#define FRONT_PATH "/wsman"

/* One request in progress. */
typedef struct front_req {
    struct timespec start;
    util_buf body;
    bool too_large;
    bool have_cl; /* Content-Length was given */
} front_req;

static unsigned long elapsed_us(const struct timespec *t0)
{
    struct timespec t1;
    long long us;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    us = (long long)(t1.tv_sec - t0->tv_sec) * 1000000LL + (t1.tv_nsec - t0->tv_nsec) / 1000;
    return us < 0 ? 0ul : (unsigned long)us;
}

static MHD_Result_t queue(struct MHD_Connection *c, unsigned status, const char *body, size_t len,
                          const char *ctype, bool close)
{
    struct MHD_Response *r;
    MHD_Result_t ret;
    r = MHD_create_response_from_buffer(len, (void *)(body ? body : ""), MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    if (ctype)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    if (close)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "POST");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Small replies the front gives itself (not SOAP: the request never reached WS-Man). */
static MHD_Result_t plain(msrv_server *srv, struct MHD_Connection *c, front_req *fr,
                          unsigned status, const char *what)
{
    srv_reply log;
    memset(&log, 0, sizeof log);
    log.status = status;
    snprintf(log.action, sizeof log.action, "%s", what);
    snprintf(log.class_name, sizeof log.class_name, "-");
    log.result = -1;
    srv_log_request(srv, &log, elapsed_us(&fr->start));
    return queue(c, status, NULL, 0, NULL, true);
}

/* The number of bytes the base64 token of an `Authorization: Basic` header decodes to, or
 * (size_t)-1 when it is not one canonical padded token. */
static size_t basic_decoded_len(const char *h)
{
    size_t n = 0, pad = 0;
    if (!h || strncasecmp(h, "Basic ", 6) != 0)
        return (size_t)-1;
    h += 6;
    while (*h == ' ')
        h++;
    for (; h[n]; n++) {
        char ch = h[n];
        if (ch == '=') {
            pad++;
        } else if (pad || !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                            (ch >= '0' && ch <= '9') || ch == '+' || ch == '/')) {
            break;
        }
    }
    while (h[n] == ' ')
        n++;
    if (h[n] || n % 4 != 0 || pad > 2)
        return (size_t)-1;
    return n / 4 * 3 - pad;
}

static bool authorized(msrv_server *srv, struct MHD_Connection *c)
{
    char *pass = NULL;
    char *user;
    bool ok;
    if (srv->cfg.no_auth)
        return true;
    user = MHD_basic_auth_get_username_password(c, &pass);
    ok = user && pass && srv_auth_check(srv, user, pass);
    /* libmicrohttpd hands the password over as a C string: `user:password\0junk` would read as
     * `user:password`. The decoded length must be exactly what the two strings make. */
    if (ok && basic_decoded_len(
                  MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION)) !=
                  strlen(user) + 1 + strlen(pass))
        ok = false;
    if (pass) {
        memset(pass, 0, strlen(pass));
        MHD_free(pass);
    }
    if (user)
        MHD_free(user);
    return ok;
}

static MHD_Result_t challenge(msrv_server *srv, struct MHD_Connection *c, front_req *fr)
{
    struct MHD_Response *r;
    MHD_Result_t ret;
    srv_reply log;
    memset(&log, 0, sizeof log);
    log.status = MHD_HTTP_UNAUTHORIZED;
    snprintf(log.action, sizeof log.action, "-");
    snprintf(log.class_name, sizeof log.class_name, "-");
    log.result = -1;
    srv_log_request(srv, &log, elapsed_us(&fr->start));
    r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    ret = MHD_queue_basic_auth_fail_response(c, FRONT_REALM, r);
    MHD_destroy_response(r);
    return ret;
}

/* application/soap+xml or text/xml, with no charset or UTF-8. */
srv_front_error srv_check_content_type(const char *ct)
{
    const char *p, *semi;
    size_t n;
    if (!ct)
        return SRV_FRONT_NO_CONTENT_TYPE;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    semi = strchr(ct, ';');
    n = semi ? (size_t)(semi - ct) : strlen(ct);
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    if (!((n == 20 && strncasecmp(ct, "application/soap+xml", 20) == 0) ||
          (n == 8 && strncasecmp(ct, "text/xml", 8) == 0)))
        return SRV_FRONT_BAD_CONTENT_TYPE;
    for (p = semi; p; p = strchr(p + 1, ';')) {
        const char *q = p + 1;
        while (*q == ' ' || *q == '\t')
            q++;
        if (strncasecmp(q, "charset=", 8) == 0) {
            q += 8;
            if (*q == '"')
                q++;
            if (!(strncasecmp(q, "utf-8", 5) == 0 &&
                  (q[5] == '\0' || q[5] == '"' || q[5] == ';' || q[5] == ' ')))
                return SRV_FRONT_BAD_CHARSET;
        }
    }
    return SRV_FRONT_OK;
}

/* ---- the request deadline -------------------------------------------------------------

   libmicrohttpd's timeout is an idle timer, which a client sending one byte now and then
   resets forever, and the application hears of a request only once its head is complete. So
   every connection is registered here when it opens, and a watcher thread closes (shutdown(2):
   libmicrohttpd then sees the end and closes it) any whose request has not been received in
   full, head and body, within the deadline: counted from the accept for the first request,
   and for the next ones on a kept-alive connection from the first byte the kernel received
   after the previous answer (TCP_INFO: tcpi_bytes_received grew since the answer; the time
   from tcpi_last_data_recv when the watcher first sees it, 200 ms late at most), so that idle
   kept-alive connections wait for --timeout as before. */

/* The kernel's TCP_INFO of fd; *len the bytes it filled. -1 when it cannot tell. */
static int tcp_info_of(int fd, struct tcp_info *ti, socklen_t *len)
{
    *len = sizeof *ti;
    memset(ti, 0, sizeof *ti);
    return fd < 0 || getsockopt(fd, IPPROTO_TCP, TCP_INFO, ti, len) != 0 ? -1 : 0;
}

/* The kernel's count of bytes received on fd and how long ago the last data came (ms);
 * -1 when it cannot tell. */
static int rx_info(int fd, unsigned long long *bytes, long long *ago_ms)
{
    struct tcp_info ti;
    socklen_t len;
    if (tcp_info_of(fd, &ti, &len) != 0 ||
        len < offsetof(struct tcp_info, tcpi_bytes_received) + sizeof ti.tcpi_bytes_received)
        return -1;
    *bytes = ti.tcpi_bytes_received;
    *ago_ms = ti.tcpi_last_data_recv;
    return 0;
}

typedef struct front_conn {
    int fd;
    long long opened_ms;             /* accept */
    long long answered_ms;           /* the end of the last answer; 0 before the first */
    long long started_ms;            /* the first byte of the request in progress; 0: none seen */
    unsigned long long rx_at_answer; /* bytes the kernel had received when it was answered */
    bool responding;                 /* the request is in; its answer is on its way */
    bool closed;                     /* the watcher shut it down */
    bool over;                       /* opened over --max-connections by the quick count */
    bool admitted;                   /* within the limits at its first request (its thread) */
    unsigned long long seq;          /* the order of the accepts */
    size_t slot;                     /* index in the watch's table */
    unsigned char akey[17];          /* the client's address: family, then its bytes */
    char addr[64];
} front_conn;

struct front_watch {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    front_conn **v;
    size_t n, cap;
    unsigned long long seq;
    bool stop;
    bool running;
    pthread_t thread;
    unsigned busy;        /* requests handed to the dispatcher, their answers not written yet */
    pthread_cond_t quiet; /* busy went to 0 */
};

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void notify_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe)
{
    msrv_server *srv = cls;
    struct front_watch *w = srv->watch;
    front_conn *fc = *socket_context;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        /* Counted whether or not it can be watched, so that every close has its open. */
        unsigned open = __atomic_add_fetch(&srv->connections, 1u, __ATOMIC_RELAXED);
        const union MHD_ConnectionInfo *fd =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        const union MHD_ConnectionInfo *ad =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        fc = calloc(1, sizeof *fc);
        if (!fc)
            return; /* not watched (nor refused): the idle timeout still applies */
        fc->fd = fd ? (int)fd->connect_fd : -1;
        fc->opened_ms = now_ms();
        fc->over = open > srv->cfg.max_connections;
        if (ad && ad->client_addr) {
            const struct sockaddr *sa = ad->client_addr;
            if (sa->sa_family == AF_INET) {
                const struct in_addr *ia =
                    &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
                inet_ntop(AF_INET, ia, fc->addr, sizeof fc->addr);
                fc->akey[0] = 4;
                memcpy(fc->akey + 1, ia, sizeof *ia);
            } else if (sa->sa_family == AF_INET6) {
                const struct in6_addr *ia =
                    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
                inet_ntop(AF_INET6, ia, fc->addr, sizeof fc->addr);
                fc->akey[0] = 6;
                memcpy(fc->akey + 1, ia, sizeof *ia);
            }
        }
        pthread_mutex_lock(&w->lock);
        if (w->n == w->cap) {
            size_t cap = w->cap ? w->cap * 2 : 64;
            front_conn **nv = realloc(w->v, cap * sizeof *nv);
            if (!nv) {
                pthread_mutex_unlock(&w->lock);
                free(fc);
                return;
            }
            w->v = nv;
            w->cap = cap;
        }
        fc->slot = w->n;
        fc->seq = ++w->seq;
        w->v[w->n++] = fc;
        pthread_mutex_unlock(&w->lock);
        *socket_context = fc;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        __atomic_sub_fetch(&srv->connections, 1u, __ATOMIC_RELAXED);
        if (!fc)
            return;
        /* Called before libmicrohttpd closes the socket: the watcher never touches a
         * descriptor number that may have been given to another connection. */
        pthread_mutex_lock(&w->lock);
        if (fc->responding && --w->busy == 0)
            pthread_cond_broadcast(&w->quiet);
        w->v[fc->slot] = w->v[w->n - 1];
        w->v[fc->slot]->slot = fc->slot;
        w->n--;
        pthread_mutex_unlock(&w->lock);
        free(fc);
        *socket_context = NULL;
    }
}

static front_conn *conn_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return i ? i->socket_context : NULL;
}

/* Whether the client still holds fd's connection open (when it cannot tell: yes). */
static bool conn_live(int fd)
{
    struct tcp_info ti;
    socklen_t len;
    return tcp_info_of(fd, &ti, &len) != 0 || ti.tcpi_state == FRONT_TCP_ESTABLISHED;
}

/* Whether the request coming in on c is refused (503) for a limit: c is not admitted yet, and
 * at least --max-connections connections opened before it, or --max-per-address of them from
 * its address, are still open at the client's end. The quick counts (the one taken at accept,
 * the watch's entries) decide alone when they are within the limits; the kernel is asked
 * about the older connections only when they are not. */
static bool front_refused(msrv_server *srv, struct MHD_Connection *c)
{
    front_conn *fc = conn_of(c);
    struct front_watch *w = srv->watch;
    bool per_addr = srv->cfg.max_per_address != MSRV_UNLIMITED;
    unsigned long long all = 0, here = 0;
    bool refuse = false;
    size_t i;
    if (!fc || fc->admitted || !w)
        return false;
    pthread_mutex_lock(&w->lock);
    if (per_addr) {
        for (i = 0; i < w->n; i++) {
            const front_conn *o = w->v[i];
            here += o->seq < fc->seq && memcmp(o->akey, fc->akey, sizeof fc->akey) == 0;
        }
    }
    if (fc->over || here >= srv->cfg.max_per_address) {
        here = 0;
        for (i = 0; i < w->n; i++) {
            const front_conn *o = w->v[i];
            bool same;
            if (o->seq >= fc->seq || o->closed)
                continue;
            same = per_addr && memcmp(o->akey, fc->akey, sizeof fc->akey) == 0;
            if ((same || fc->over) && conn_live(o->fd)) {
                all++;
                here += same;
            }
        }
        refuse = (fc->over && all >= srv->cfg.max_connections) ||
                 (per_addr && here >= srv->cfg.max_per_address);
    }
    pthread_mutex_unlock(&w->lock);
    fc->admitted = !refuse;
    return refuse;
}

/* The request is in (being answered) or over (answer sent): the deadline stops. */
static void conn_mark(msrv_server *srv, struct MHD_Connection *c, bool over)
{
    front_conn *fc = conn_of(c);
    unsigned long long rx = 0;
    long long ago = 0;
    if (!fc || !srv->watch)
        return;
    if (over && rx_info(fc->fd, &rx, &ago) != 0)
        rx = (unsigned long long)-1; /* cannot tell: kept-alive requests have no deadline */
    pthread_mutex_lock(&srv->watch->lock);
    if (over) {
        if (fc->responding && --srv->watch->busy == 0)
            pthread_cond_broadcast(&srv->watch->quiet);
        fc->responding = false;
        fc->answered_ms = now_ms();
        fc->started_ms = 0;
        fc->rx_at_answer = rx;
    } else if (!fc->responding) {
        fc->responding = true;
        srv->watch->busy++;
    }
    pthread_mutex_unlock(&srv->watch->lock);
}

/* The request's srv_request.gone: whether the client closed the connection (ctx its
 * front_conn, which lives as long as the request is served). */
static bool front_gone(void *ctx)
{
    const front_conn *fc = ctx;
    return !conn_live(fc->fd);
}

void srv_front_drain(msrv_server *srv, unsigned ms)
{
    struct front_watch *w = srv->watch;
    struct timespec until;
    if (!w)
        return;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    while (w->busy && pthread_cond_timedwait(&w->quiet, &w->lock, &until) == 0)
        ;
    pthread_mutex_unlock(&w->lock);
}

static void *watch_main(void *arg)
{
    msrv_server *srv = arg;
    struct front_watch *w = srv->watch;
    long long limit = (long long)srv->cfg.request_deadline * 1000;
    pthread_mutex_lock(&w->lock);
    while (!w->stop) {
        struct timespec until;
        long long now = now_ms();
        size_t i;
        for (i = 0; i < w->n; i++) {
            front_conn *fc = w->v[i];
            long long start;
            if (fc->responding || fc->closed || fc->fd < 0)
                continue;
            if (!fc->answered_ms) {
                start = fc->opened_ms;
            } else {
                unsigned long long rx;
                long long ago;
                if (!fc->started_ms && rx_info(fc->fd, &rx, &ago) == 0 && rx > fc->rx_at_answer &&
                    fc->rx_at_answer != (unsigned long long)-1)
                    fc->started_ms = now - ago > fc->answered_ms ? now - ago : fc->answered_ms;
                start = fc->started_ms;
            }
            if (start && now - start > limit) {
                fc->closed = true;
                shutdown(fc->fd, SHUT_RDWR);
                if (!srv->cfg.quiet)
                    srv_notice(srv,
                               "http: closed a connection from %s: no complete request within "
                               "%u s",
                               fc->addr[0] ? fc->addr : "?", srv->cfg.request_deadline);
            }
        }
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 200 * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static void watch_free(msrv_server *srv)
{
    struct front_watch *w = srv->watch;
    size_t i;
    if (!w)
        return;
    if (w->running) {
        pthread_mutex_lock(&w->lock);
        w->stop = true;
        pthread_cond_signal(&w->wake);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
    }
    for (i = 0; i < w->n; i++)
        free(w->v[i]);
    free(w->v);
    pthread_cond_destroy(&w->quiet);
    pthread_cond_destroy(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w);
    srv->watch = NULL;
}

static int watch_new(msrv_server *srv)
{
    struct front_watch *w = calloc(1, sizeof *w);
    if (!w)
        return -1;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    pthread_cond_init(&w->quiet, NULL);
    srv->watch = w;
    return 0;
}

static int watch_start(msrv_server *srv)
{
    struct front_watch *w = srv->watch;
    if (srv->cfg.request_deadline == MSRV_UNLIMITED)
        return 0;
    if (pthread_create(&w->thread, NULL, watch_main, srv) != 0)
        return -1;
    w->running = true;
    return 0;
}

static MHD_Result_t answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                           const char *version, const char *upload, size_t *upload_size,
                           void **con_cls)
{
    msrv_server *srv = cls;
    front_req *fr = *con_cls;
    srv_request req;
    srv_reply reply;
    MHD_Result_t ret;
    (void)version;

    if (!fr) {
        const char *cl;
        fr = calloc(1, sizeof *fr);
        if (!fr)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &fr->start);
        *con_cls = fr;
        if (front_refused(srv, c))
            return plain(srv, c, fr, MHD_HTTP_SERVICE_UNAVAILABLE, "over-connection-limit");
        /* (so that the stop's wait for the answers in flight ends) */
        if (__atomic_load_n(&srv->stopping, __ATOMIC_ACQUIRE))
            return plain(srv, c, fr, MHD_HTTP_SERVICE_UNAVAILABLE, "server-stopping");
        /* Authentication first: an unauthenticated request is answered 401 whatever it asks,
         * and nothing of it is read. */
        if (!authorized(srv, c))
            return challenge(srv, c, fr);
        if (strcmp(url, FRONT_PATH) != 0 && strcmp(url, FRONT_PATH "/") != 0)
            return plain(srv, c, fr, MHD_HTTP_NOT_FOUND, "not-found");
        if (strcmp(method, MHD_HTTP_METHOD_POST) != 0)
            return plain(srv, c, fr, MHD_HTTP_METHOD_NOT_ALLOWED, "bad-method");
        cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl) {
            char *end;
            unsigned long long v;
            errno = 0;
            v = strtoull(cl, &end, 10);
            fr->have_cl = true;
            if (errno || end == cl || v > srv->cfg.max_body)
                fr->too_large = true;
        }
        if (!fr->too_large)
            return MHD_YES;
        goto respond; /* announced over the limit: refused now, the body never read */
    }

    if (*upload_size) {
        if (!fr->too_large) {
            size_t n = *upload_size;
            if (n > srv->cfg.max_body - fr->body.len) {
                fr->too_large = true;
                util_buf_free(&fr->body);
            } else {
                util_buf_putn(&fr->body, upload, n);
                if (fr->body.failed)
                    return MHD_NO;
            }
        }
        *upload_size = 0; /* consumed (or discarded when too large) */
        return MHD_YES;
    }

respond:
    memset(&req, 0, sizeof req);
    req.body = fr->body.data ? fr->body.data : "";
    req.len = fr->body.len;
    req.content_type =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    req.error = fr->too_large ? SRV_FRONT_TOO_LARGE : srv_check_content_type(req.content_type);
    req.gone_ctx = conn_of(c);
    req.gone = req.gone_ctx ? front_gone : NULL;
    memset(&reply, 0, sizeof reply);
    /* Received in full: the deadline stops before the work starts. Were it to run on, a slow
     * operation's connection would be shut after its change was made and before its answer
     * went out, and the client, seeing a kept-alive connection die unanswered, may send the
     * request again (libcurl does), to be told NOT_FOUND for a Delete it made. */
    conn_mark(srv, c, false);
    srv_dispatch(srv, &req, &reply);
    srv_log_request(srv, &reply, elapsed_us(&fr->start));
    ret = queue(c, reply.status, reply.body, reply.len,
                reply.len ? "application/soap+xml;charset=UTF-8" : NULL, fr->too_large);
    free(reply.body);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    front_req *fr = *con_cls;
    (void)toe;
    conn_mark(cls, c, true);
    if (fr) {
        util_buf_free(&fr->body);
        free(fr);
        *con_cls = NULL;
    }
}

/* "ADDR:PORT", "[V6]:PORT" or "PORT" into a socket address. */
static int parse_listen(const char *s, unsigned default_port, struct sockaddr_storage *ss,
                        char *err, size_t errlen)
{
    char host[64];
    const char *port_s = NULL;
    unsigned long port = default_port;
    memset(ss, 0, sizeof *ss);
    snprintf(host, sizeof host, "127.0.0.1");
    if (s && *s) {
        const char *colon;
        if (s[0] == '[') {
            const char *rb = strchr(s, ']');
            if (!rb || (size_t)(rb - s - 1) >= sizeof host || (rb[1] != ':' && rb[1] != '\0'))
                goto bad;
            memcpy(host, s + 1, (size_t)(rb - s - 1));
            host[rb - s - 1] = '\0';
            port_s = rb[1] == ':' ? rb + 2 : NULL;
        } else if ((colon = strrchr(s, ':')) != NULL) {
            if ((size_t)(colon - s) >= sizeof host || colon == s)
                goto bad;
            memcpy(host, s, (size_t)(colon - s));
            host[colon - s] = '\0';
            port_s = colon + 1;
        } else if (strspn(s, "0123456789") == strlen(s)) {
            port_s = s;
        } else {
            snprintf(host, sizeof host, "%s", s);
        }
        if (port_s) {
            char *end;
            errno = 0;
            port = strtoul(port_s, &end, 10);
            if (errno || end == port_s || *end || port > 65535)
                goto bad;
        }
    }
    {
        struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
        struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
        if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
            v4->sin_family = AF_INET;
            v4->sin_port = htons((uint16_t)port);
        } else if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
            v6->sin6_family = AF_INET6;
            v6->sin6_port = htons((uint16_t)port);
        } else {
            goto bad;
        }
    }
    return 0;
bad:
    srv_err(err, errlen,
            "invalid listen address '%s' (want ADDR:PORT, [ADDR]:PORT or PORT, "
            "with a numeric address)",
            s);
    return -1;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    msrv_server *srv = cls;
    char buf[512];
    size_t n;
    vsnprintf(buf, sizeof buf, fmt, ap);
    n = strlen(buf);
    while (n > 0 && buf[n - 1] == '\n')
        buf[--n] = '\0';
    if (!srv->cfg.quiet)
        srv_notice(srv, "http: %s", buf);
}

int srv_front_start(msrv_server *srv, char *err, size_t errlen)
{
    struct sockaddr_storage ss;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    const union MHD_DaemonInfo *info;
    bool tls = srv->tls_cert != NULL;
    struct MHD_OptionItem opts[16];
    size_t n = 0;

    if (parse_listen(srv->cfg.listen, tls ? 5986u : 5985u, &ss, err, errlen) != 0)
        return -1;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (tls) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            srv_err(err, errlen, "this libmicrohttpd was built without TLS support");
            return -1;
        }
        flags |= MHD_USE_TLS;
    }
    if (!srv->cfg.threads)
        flags |= MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL;
    else if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
        flags |= MHD_USE_EPOLL;
    else
        flags |= MHD_USE_POLL;
    opts[n++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &ss};
    opts[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_LIMIT,
                                        (intptr_t)FRONT_HARD_LIMIT(srv->cfg.max_connections),
                                        NULL};
    opts[n++] =
        (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)srv->cfg.timeout, NULL};
    opts[n++] = (struct MHD_OptionItem){MHD_OPTION_CONNECTION_MEMORY_LIMIT,
                                        (intptr_t)FRONT_HEAD_LIMIT, NULL};
    if (srv->cfg.threads)
        opts[n++] =
            (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)srv->cfg.threads, NULL};
    opts[n++] = (struct MHD_OptionItem){MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, srv};
    /* The one connection callback: the watch's registration and the count of
     * --max-connections share the socket context (front_conn). */
    opts[n++] =
        (struct MHD_OptionItem){MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)notify_connection, srv};
    if (srv->cfg.max_per_address != MSRV_UNLIMITED)
        opts[n++] =
            (struct MHD_OptionItem){MHD_OPTION_PER_IP_CONNECTION_LIMIT,
                                    (intptr_t)FRONT_HARD_LIMIT(srv->cfg.max_per_address), NULL};
    if (tls) {
        opts[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, srv->tls_cert};
        opts[n++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, srv->tls_key};
    }
    opts[n++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};

    if (watch_new(srv) != 0) {
        srv_err(err, errlen, "out of memory");
        return -1;
    }
    /* The logger goes first, so that no message of the options goes to libmicrohttpd's own. */
    srv->daemon = MHD_start_daemon(flags, 0, NULL, NULL, answer, srv, MHD_OPTION_EXTERNAL_LOGGER,
                                   mhd_log, srv, MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    if (srv->daemon && watch_start(srv) != 0) {
        MHD_stop_daemon(srv->daemon);
        srv->daemon = NULL;
        watch_free(srv);
        srv_err(err, errlen, "cannot start a thread");
        return -1;
    }
    if (!srv->daemon) {
        watch_free(srv);
        srv_err(err, errlen, "cannot listen on %s%s",
                srv->cfg.listen ? srv->cfg.listen : "127.0.0.1",
                tls ? " (or the TLS certificate or key is not usable)"
                    : " (address in use or not available?)");
        return -1;
    }
    info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info ? info->port : 0;
    if (ss.ss_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, srv->address,
                  sizeof srv->address);
    else
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, srv->address,
                  sizeof srv->address);
    return 0;
}

void srv_front_stop(msrv_server *srv)
{
    if (srv->daemon) {
        MHD_stop_daemon(srv->daemon); /* closes the connections (the watch hears of each) */
        srv->daemon = NULL;
    }
    watch_free(srv);
}
