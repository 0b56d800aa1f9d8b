/* SPDX-License-Identifier: MIT */
/* runtime/client/transport.c: the HTTP(S) exchange of one WS-Man message over libcurl: one easy
 * handle per session (so one kept-alive connection), authentication, TLS checks, a size cap on
 * what is read, cancellation while transferring, and a classification of every transport
 * failure into an MI_Result, an MI_ErrorCategory and a message saying which failure it was:
 *
 *   refused connection        MI_RESULT_FAILED          CONNECTION_ERROR
 *   host name not found       MI_RESULT_FAILED          CONNECTION_ERROR
 *   timeout                   MI_RESULT_FAILED          OPERATION_TIMEOUT
 *   TLS certificate refused   MI_RESULT_ACCESS_DENIED   SECURITY_ERROR
 *   other TLS failure         MI_RESULT_FAILED          SECURITY_ERROR
 *   connection reset / empty  MI_RESULT_FAILED          CONNECTION_ERROR
 *   body over MaxEnvelopeSize MI_RESULT_SERVER_LIMITS_EXCEEDED  LIMITS_EXCEEDED
 *     or over the 16 MiB cap  (what the server's own wsman:EncodingLimit fault gives)
 *   cancelled                 MI_RESULT_FAILED          OPERATION_STOPPED
 *
 * Two ways to run a transfer. A session's lane (a caller running its own synchronous
 * operation) runs it in a multi handle of its own through libcurl's socket interface, waiting
 * in poll() on the sockets libcurl names and an eventfd of its own, so that a cancel
 * (mob_http_wake) is seen at once, not at libcurl's next progress call, and libcurl is told
 * which socket is ready instead of polling each again (mob_http_perform). A lane whose
 * requests need nothing of libcurl's HTTP (no authentication, or Basic) has libcurl only
 * connect (TCP, TLS, certificates) and writes its requests and reads its answers itself over
 * that connection (mob_direct_post, runtime/client/http1.c): a round trip's cost is then the
 * system calls a raw socket makes and two poll() calls, not libcurl's per-transfer work
 * (below, "a lane's own HTTP/1.1 exchange"). An event loop
 * (loop.c) runs many at once through a driver: one multi handle whose sockets the loop watches
 * in its epoll set (curl_multi_socket_action) and whose timeouts are the loop's wait; a pool
 * per group of sessions keeps their connections between transfers, anonymous ones in the multi
 * handle's cache (libcurl keeps connections to different destinations or with different TLS
 * settings apart), those made with credentials in a cache of their own per set of credentials
 * (a share object), so that a connection one user authenticated is never lent to a session
 * with other credentials. A transfer of the driver reads its answer in 4 KiB pieces rather
 * than libcurl's 16 KiB buffer: a thousand sessions busy at once keep 12 MiB less.
 *
 * Delayed ACK against Nagle: a server that writes an answer's header and body in two send()
 * calls with Nagle on (OMI's does; many small HTTP stacks do) holds the body until the header
 * is acknowledged, and on a kept-alive connection Linux delays that ACK (the connection looks
 * interactive, so the kernel waits for data to carry it): ~40 ms lost per answer. TCP_QUICKACK
 * sends the pending ACK at once and leaves delayed-ACK mode, but is not sticky (the kernel goes
 * back to delaying at its next heuristic), so it is set again each time the transfer is about
 * to wait in the middle of an answer: after the status line has come (the header callback
 * says so) and libcurl still wants more. A server that writes the whole answer at once
 * (mofbind-server, libmicrohttpd) never makes the loop wait mid-answer, so it costs nothing
 * there; a header-then-body server costs one setsockopt per answer. Setting it once on the
 * socket (CURLOPT_SOCKOPTFUNCTION) would not last, and setting it before each request would
 * cost a syscall on every request and still leave the header's ACK to the kernel's quick-ACK
 * budget. Without TCP_QUICKACK (not Linux) the stall stays; TCP_NODELAY is the server's
 * remedy, not the client's.
 *
 * The size limit is enforced while reading: a Content-Length over it stops the transfer before
 * the body, a longer body (chunked or not) as soon as it goes over.
 *
 * Credentials go through CURLOPT_USERNAME/PASSWORD, or for Basic alone in an Authorization
 * header the handle makes once (libcurl would encode it again for every request), never into
 * the URL or a trace; the header's text is wiped when the handle goes.
 *
 * This is the transport sessions use unless their application was given another
 * (mob_curl_transport, client.h).
 */
#include "config.h"

#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"
#include "http1.h"
#include "util.h"

typedef struct mob_curl_driver mob_curl_driver;

/* The most sockets a lane watches at once: libcurl asks for three at most for one transfer
 * (the connection, a second candidate while connecting, the threaded resolver's). One over
 * would be left unwatched rather than refused: a socket callback's refusal kills the multi
 * handle for good (libcurl 7.88). */
#define MOB_LANE_SOCKS 8

/* What a lane's transfer waits on (mob_http_perform). */
typedef struct mob_lane {
    struct pollfd fds[1 + MOB_LANE_SOCKS]; /* [0]: the eventfd mob_http_wake writes; then the
                                              sockets libcurl asks to be watched */
    int n;                                 /* entries of fds in use */
    MI_Uint64 due;                         /* libcurl's timeout (0: none, 1: now) */
} mob_lane;

/* The libcurl transport of a session's lane or of a slot of a loop's driver. */
typedef struct mob_http {
    mob_transport base;
    mob_curl_driver *drv;   /* the driver running its transfers (NULL: a lane) */
    void *owner;            /* ... and what to tell when one ends */
    const mob_dest *dest;   /* ... the destination of the transfer under way */
    struct mob_http *anext; /* ... the driver's list of transfers to quick-ack */
    int in_multi, ackq;
    void *curl;  /* CURL*, kept between requests: one kept-alive connection */
    void *multi; /* a lane's CURLM*: the transfers run in it (its connection cache keeps the
                    connection) */
    mob_lane *lane; /* ... and what they wait on, which mob_http_wake interrupts */
    void *headers;
    void *url; /* CURLU* (NULL: the URL given as a string) */
    util_buf body;
    size_t max;           /* the cap on a response body */
    size_t envelope;      /* the MaxEnvelopeSize the requests name (0: none) */
    int too_big;
    int answering;              /* the response's status line has come: waits are mid-answer */
    int socks[2];               /* the sockets libcurl opened and has not closed (-1: none): the
                                   connection, and a second candidate while connecting */
    /* A lane that speaks HTTP/1.1 itself (mob_direct_post): libcurl connects (CONNECT_ONLY) */
    int direct;  /* ... the lane does */
    int dconn;   /* ... its connection is up: the easy handle sits done in the multi */
    int dsock;   /* ... the connection's socket */
    int dclose;  /* ... the answer ends the connection */
    MI_Uint64 dlast; /* ... when its last exchange ended (mob_now_usec) */
    char *dhead; /* ... the request head up to Content-Length (wiped: credentials) */
    size_t dhead_len;
    util_buf dreq; /* ... the request being sent */
    util_buf din;  /* ... what was read and not yet taken */
    int dstatus;   /* ... the answer's status, Content-Type and Location */
    char *dctype, *dloc;
    const volatile int *cancel; /* checked while transferring */
    char errbuf[256];
} mob_http;

/* The connections made with one set of credentials, whatever their destinations. */
typedef struct mob_cache {
    struct mob_cache *next; /* the driver's list */
    int refs;               /* pools */
    mob_auth auth;
    char *user, *password, *cert_file, *key_file;
    CURLSH *share;
} mob_cache;

struct mob_curl_driver {
    mob_driver base;
    CURLM *multi;
    int epfd;
    MI_Uint64 due;  /* libcurl's timeout (0: none) */
    mob_http *ackq; /* transfers in the middle of an answer */
    mob_cache *caches;
};

struct mob_pool {
    mob_curl_driver *drv;
    mob_cache *cache; /* a pool with credentials: their connection cache */
};

static int mob_http_cancelled(const mob_http *h)
{
    return h->cancel && __atomic_load_n(h->cancel, __ATOMIC_ACQUIRE);
}

/* The most a response body may have: the MaxEnvelopeSize the requests name, within the cap. */
static size_t mob_http_limit(const mob_http *h)
{
    return h->envelope && h->envelope < h->max ? h->envelope : h->max;
}

static size_t mob_http_write(char *data, size_t size, size_t nmemb, void *ctx)
{
    mob_http *h = (mob_http *)ctx;
    size_t n = size * nmemb, limit = mob_http_limit(h);
    curl_off_t announced = -1;
    if (h->body.len == 0 &&
        curl_easy_getinfo((CURL *)h->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) ==
            CURLE_OK &&
        announced > 0 && (MI_Uint64)announced > (MI_Uint64)limit) {
        h->too_big = 1;
        return 0; /* aborts the transfer before the body */
    }
    if (n > limit - h->body.len) {
        h->too_big = 1;
        return 0; /* aborts the transfer */
    }
    util_buf_putn(&h->body, data, n);
    return h->body.failed ? 0 : n;
}

/* libcurl tells which socket a transfer uses only after it (CURLINFO_ACTIVESOCKET is -1
 * during one), so the sockets are followed from their opening to their closing; a slot is
 * cleared when its socket closes, so no stale descriptor number is ever touched. */
static int mob_http_sockopt(void *ctx, curl_socket_t fd, curlsocktype purpose)
{
    mob_http *h = (mob_http *)ctx;
    (void)purpose;
    if (h->socks[0] < 0 || h->socks[1] >= 0)
        h->socks[0] = (int)fd;
    else
        h->socks[1] = (int)fd;
    return CURL_SOCKOPT_OK;
}

static int mob_http_closesocket(void *ctx, curl_socket_t fd)
{
    mob_http *h = (mob_http *)ctx;
    if (h->socks[0] == (int)fd)
        h->socks[0] = -1;
    if (h->socks[1] == (int)fd)
        h->socks[1] = -1;
    return close(fd);
}

/* Sends the ACK of what has been read at once (see the top of the file). */
static void mob_http_quickack(mob_http *h)
{
#ifdef TCP_QUICKACK
    int one = 1, i;
    for (i = 0; i < 2; i++)
        if (h->socks[i] >= 0)
            (void)setsockopt(h->socks[i], IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    (void)h;
#endif
}

static size_t mob_http_header(char *data, size_t size, size_t nmemb, void *ctx)
{
    mob_http *h = (mob_http *)ctx;
    size_t n = size * nmemb;
    h->answering = 1;
    if (h->drv && !h->ackq) {
        /* Before the loop waits for the rest, the ACK of what came goes out at once. */
        h->ackq = 1;
        h->anext = h->drv->ackq;
        h->drv->ackq = h;
    }
    (void)data;
    return n;
}

static int mob_http_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                             curl_off_t ulnow)
{
    mob_http *h = (mob_http *)ctx;
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return mob_http_cancelled(h) ? 1 : 0;
}

static void mob_http_wake(mob_http *h)
{
    uint64_t one = 1;
    if (h && h->lane) {
        ssize_t n = write(h->lane->fds[0].fd, &one, sizeof one);
        (void)n; /* (a full counter already wakes the wait) */
    }
}

/* libcurl's socket callback of a lane: the sockets its transfer waits on. */
static int mob_lane_socket(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp)
{
    mob_lane *l = (mob_lane *)userp;
    int i;
    (void)e, (void)socketp;
    for (i = 1; i < l->n && l->fds[i].fd != (int)fd; i++)
        ;
    if (what == CURL_POLL_REMOVE) {
        if (i < l->n)
            l->fds[i] = l->fds[--l->n];
        return 0;
    }
    if (i == l->n) {
        if (l->n == 1 + MOB_LANE_SOCKS)
            return 0;
        l->fds[l->n++].fd = (int)fd;
    }
    l->fds[i].events =
        (short)(((what & CURL_POLL_IN) ? POLLIN : 0) | ((what & CURL_POLL_OUT) ? POLLOUT : 0));
    l->fds[i].revents = 0;
    return 0;
}

/* When libcurl's timer callback says its timeout is due: 0 none (ms < 0), 1 now (ms == 0),
 * else the clock's time (mob_now_usec) in ms. */
static MI_Uint64 mob_curl_due(long ms)
{
    return ms < 0 ? 0 : ms == 0 ? 1 : mob_now_usec() + (MI_Uint64)ms * 1000ULL;
}

static int mob_lane_timer(CURLM *m, long ms, void *userp)
{
    (void)m;
    ((mob_lane *)userp)->due = mob_curl_due(ms);
    return 0;
}

/* What poll() said of a socket the lane watches for events, as libcurl's own check would
 * tell it (a hang-up or an error is readable: the read says what happened). */
static int mob_lane_bits(short events, short revents)
{
    int b = 0;
    if ((events & POLLIN) && (revents & (POLLIN | POLLERR | POLLHUP)))
        b |= CURL_CSELECT_IN;
    if ((events & POLLOUT) && (revents & POLLOUT))
        b |= CURL_CSELECT_OUT;
    if ((revents & POLLNVAL) || ((events & POLLOUT) && (revents & (POLLERR | POLLHUP))))
        b |= CURL_CSELECT_ERR;
    return b;
}

/* One transfer of a lane's easy handle: curl_easy_perform, but over libcurl's multi socket
 * interface with a wait of the lane's own, poll() on the sockets libcurl names and on the
 * lane's eventfd, which mob_http_wake writes, looking at the cancel flag each time it wakes.
 * libcurl is told which socket is ready, so it does not poll each again to learn it as
 * curl_multi_perform does (libcurl 7.88: at each call, before reading): two poll() calls
 * fewer per request (five against seven). Of the five, libcurl's own: its check that a
 * kept-alive connection is still alive before reusing it, one after sending (before the
 * answer is looked for) and one after each read that did not end the answer (whether more
 * is readable); the lane's: a wait for the header and one for the body. keep: a CONNECT_ONLY
 * transfer that succeeded stays in the multi handle, where curl_easy_send and curl_easy_recv
 * find its connection (removing the handle closes it). */
static CURLcode mob_http_perform(mob_http *h, int keep)
{
    mob_lane *l = h->lane;
    CURLM *m = (CURLM *)h->multi;
    CURL *c = (CURL *)h->curl;
    CURLcode rc = CURLE_OK;
    CURLMcode mc = CURLM_OK;
    CURLMsg *msg;
    int running = 1, left = 0;
    if (curl_multi_add_handle(m, c) != CURLM_OK)
        return CURLE_OUT_OF_MEMORY;
    for (;;) {
        curl_socket_t ready[MOB_LANE_SOCKS];
        int bits[MOB_LANE_SOCKS], k = 0, i, ms = 1000;
        if (l->due && l->due <= mob_now_usec()) {
            l->due = 0;
            mc = curl_multi_socket_action(m, CURL_SOCKET_TIMEOUT, 0, &running);
        }
        if (mc != CURLM_OK || !running)
            break;
        if (mob_http_cancelled(h)) {
            rc = CURLE_ABORTED_BY_CALLBACK; /* as the progress callback would say */
            break;
        }
        if (h->answering)
            mob_http_quickack(h); /* the rest of the answer may wait for our ACK */
        /* libcurl's own timeouts (the operation's, the connect's) shorten the wait. */
        if (l->due) {
            MI_Uint64 t = mob_now_usec();
            ms = l->due <= t                ? 0
                 : l->due - t >= 1000000ULL ? 1000
                                            : (int)((l->due - t + 999) / 1000);
        }
        if (poll(l->fds, (nfds_t)l->n, ms) < 0) {
            if (errno == EINTR)
                continue;
            rc = CURLE_RECV_ERROR;
            break;
        }
        if (l->fds[0].revents & POLLIN) {
            uint64_t v;
            ssize_t n = read(l->fds[0].fd, &v, sizeof v);
            (void)n;
        }
        /* (The callbacks of socket_action change fds: what is ready is taken first.) */
        for (i = 1; i < l->n; i++)
            if (l->fds[i].revents) {
                ready[k] = (curl_socket_t)l->fds[i].fd;
                bits[k++] = mob_lane_bits(l->fds[i].events, l->fds[i].revents);
                if (l->fds[i].revents & POLLNVAL) /* not open: never waited on again */
                    l->fds[i--] = l->fds[--l->n];
            }
        for (i = 0; i < k && mc == CURLM_OK && running; i++)
            mc = curl_multi_socket_action(m, ready[i], bits[i], &running);
        if (mc != CURLM_OK || !running)
            break;
    }
    if (mc != CURLM_OK)
        rc = mc == CURLM_OUT_OF_MEMORY ? CURLE_OUT_OF_MEMORY : CURLE_FAILED_INIT;
    else if (!running && rc == CURLE_OK) {
        rc = CURLE_FAILED_INIT; /* no message: cannot happen with one handle */
        while ((msg = curl_multi_info_read(m, &left)))
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == c)
                rc = msg->data.result;
    }
    /* (Removed mid-transfer, the handle's connection is closed, not kept.) */
    if (!keep || rc != CURLE_OK)
        curl_multi_remove_handle(m, c);
    return rc;
}

/* Frees a header list, wiping its text first (the Authorization header holds credentials). */
static void mob_http_free_headers(struct curl_slist *hd)
{
    struct curl_slist *t;
    for (t = hd; t; t = t->next) {
        volatile char *p = t->data;
        while (p && *p)
            *p++ = 0;
    }
    curl_slist_free_all(hd);
}

static long mob_curl_auth(mob_auth a, const mob_dest *d)
{
    switch (a) {
    case MOB_AUTH_BASIC:
        return (long)CURLAUTH_BASIC;
    case MOB_AUTH_DIGEST:
        return (long)CURLAUTH_DIGEST;
    case MOB_AUTH_NTLM:
        return (long)CURLAUTH_NTLM;
    case MOB_AUTH_NEGOTIATE:
        return (long)(CURLAUTH_NEGOTIATE | CURLAUTH_NTLM);
    case MOB_AUTH_KERBEROS:
        return (long)CURLAUTH_NEGOTIATE;
    case MOB_AUTH_DEFAULT:
        /* Basic with the first request when it may be sent (OMI never answers an
         * unauthenticated request); else only the schemes that never reveal the password. */
        if (d->https || !d->privacy)
            return (long)CURLAUTH_BASIC;
        return (long)(CURLAUTH_NEGOTIATE | CURLAUTH_NTLM | CURLAUTH_DIGEST);
    default:
        return 0;
    }
}

/* Appends the Authorization header of Basic with d's credentials to hd (NULL when out of
 * memory, hd left to the caller as curl_slist_append leaves it). Made once
 * for the handle's life rather than by libcurl for every request (two of its printf-formatted
 * strings and an encoding each time), and sent as libcurl would send it: with the first
 * request, Basic being the one scheme allowed. The copies are wiped (mob_http_cleanup). */
static struct curl_slist *mob_http_basic(struct curl_slist *hd, const mob_dest *d)
{
    util_buf pair, line;
    struct curl_slist *t = NULL;
    util_buf_init(&pair);
    util_buf_init(&line);
    util_buf_puts(&pair, d->user);
    util_buf_putc(&pair, ':');
    util_buf_puts(&pair, d->password ? d->password : "");
    util_buf_puts(&line, "Authorization: Basic ");
    if (!pair.failed)
        wsman_buf_base64(&line, (const unsigned char *)pair.data, pair.len);
    if (!pair.failed && !line.failed)
        t = curl_slist_append(hd, line.data);
    if (pair.data)
        mob_wipe_free(pair.data);
    if (line.data)
        mob_wipe_free(line.data);
    return t;
}

static int mob_direct_init(mob_http *h, const mob_dest *d, const struct curl_slist *hd);
static void mob_direct_free(mob_http *h);

/* own_multi: a multi handle of its own to wait in (a lane); otherwise the easy handle is
 * driven by a loop's driver. */
static MI_Result mob_http_init(mob_http *h, const mob_dest *d, int own_multi)
{
    CURL *c;
    struct curl_slist *hd = NULL, *t;
    long auth;
    memset(h, 0, sizeof *h);
    h->max = d->max_response;
    h->socks[0] = h->socks[1] = -1;
    h->envelope = d->max_envelope;
    if (!(c = curl_easy_init()))
        return MIC_RESULT_NOMEM;
    h->curl = c;
    if (own_multi) {
        mob_lane *l = (mob_lane *)calloc(1, sizeof *l);
        if (!l)
            return MIC_RESULT_NOMEM;
        h->lane = l;
        l->n = 1;
        l->fds[0].events = POLLIN;
        /* (Out of descriptors: the session says no connection could be set up.) */
        if ((l->fds[0].fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0 ||
            !(h->multi = curl_multi_init()))
            return MIC_RESULT_NOMEM;
        curl_multi_setopt(h->multi, CURLMOPT_SOCKETFUNCTION, mob_lane_socket);
        curl_multi_setopt(h->multi, CURLMOPT_SOCKETDATA, (void *)l);
        curl_multi_setopt(h->multi, CURLMOPT_TIMERFUNCTION, mob_lane_timer);
        curl_multi_setopt(h->multi, CURLMOPT_TIMERDATA, (void *)l);
    }
    auth = mob_curl_auth(d->auth, d);
    t = curl_slist_append(hd, "Content-Type: application/soap+xml;charset=UTF-8");
    if (t)
        t = curl_slist_append(hd = t, "Expect:");
    if (t)
        t = curl_slist_append(hd = t, "Accept:");
    /* (A header of the list, sent as it is, rather than CURLOPT_USERAGENT, which libcurl
     * formats anew for every request.) */
    if (t)
        t = curl_slist_append(hd = t, "User-Agent: libmofbind/" PACKAGE_VERSION);
    if (t && auth == (long)CURLAUTH_BASIC && d->user)
        t = mob_http_basic(hd = t, d);
    if (!t) {
        mob_http_free_headers(hd);
        return MIC_RESULT_NOMEM;
    }
    h->headers = hd = t;
#if LIBCURL_VERSION_NUM >= 0x073f00
    /* The URL parsed once for the handle's life: given as a string, libcurl parses it again
     * for every transfer (a tenth of its work per request). One it cannot parse goes as the
     * string, for libcurl's own error at the transfer as before. */
    h->url = curl_url();
    if (h->url && curl_url_set((CURLU *)h->url, CURLUPART_URL, d->url, 0) == CURLUE_OK)
        curl_easy_setopt(c, CURLOPT_CURLU, h->url);
    else
#endif
        curl_easy_setopt(c, CURLOPT_URL, d->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hd);
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, mob_http_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, h);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, mob_http_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, h);
    curl_easy_setopt(c, CURLOPT_SOCKOPTFUNCTION, mob_http_sockopt);
    curl_easy_setopt(c, CURLOPT_SOCKOPTDATA, h);
    curl_easy_setopt(c, CURLOPT_CLOSESOCKETFUNCTION, mob_http_closesocket);
    curl_easy_setopt(c, CURLOPT_CLOSESOCKETDATA, h);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, mob_http_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    curl_easy_setopt(c, CURLOPT_PROXY, ""); /* no proxy from the environment */
    /* No DNS cache in libcurl: 7.88 walks the whole of a multi handle's cache at the end of
     * every transfer (multi_done, Curl_hostcache_prune), and a loop's holds every destination
     * of its last minute, so with a thousand sessions each Create paid for a thousand entries,
     * and more as sessions to new destinations came and went (the scale bench's later runs,
     * half as fast). Connections are kept alive, so a name is resolved once per new
     * connection; the system's resolver caches as it is configured to. */
    curl_easy_setopt(c, CURLOPT_DNS_CACHE_TIMEOUT, 0L);
    /* TLS: verification on unless the caller turned a check off. */
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, d->ca_check ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, d->cn_check ? 2L : 0L);
    if (d->ca_path) {
        struct stat st;
        int is_dir = stat(d->ca_path, &st) == 0 && S_ISDIR(st.st_mode);
        curl_easy_setopt(c, is_dir ? CURLOPT_CAPATH : CURLOPT_CAINFO, d->ca_path);
    }
    if (d->cert_file)
        curl_easy_setopt(c, CURLOPT_SSLCERT, d->cert_file);
    if (d->key_file)
        curl_easy_setopt(c, CURLOPT_SSLKEY, d->key_file);
    if (auth && auth != (long)CURLAUTH_BASIC && (d->user || d->auth == MOB_AUTH_KERBEROS)) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, auth);
        curl_easy_setopt(c, CURLOPT_USERNAME, d->user ? d->user : "");
        curl_easy_setopt(c, CURLOPT_PASSWORD, d->password ? d->password : "");
    } else if (own_multi) {
        (void)mob_direct_init(h, d, hd); /* (out of memory: libcurl's HTTP, as before) */
    }
    return MI_RESULT_OK;
}

static void mob_http_unack(mob_http *h);

static void mob_http_cleanup(mob_http *h)
{
    mob_direct_free(h); /* (its connection closed before the handles go) */
    if (h->drv) {
        mob_http_unack(h);
        if (h->in_multi)
            curl_multi_remove_handle(h->drv->multi, (CURL *)h->curl);
    }
    if (h->curl)
        curl_easy_cleanup((CURL *)h->curl);
    if (h->multi)
        curl_multi_cleanup((CURLM *)h->multi); /* after the easy handle, which is not in it */
    if (h->lane) {
        if (h->lane->fds[0].fd >= 0)
            close(h->lane->fds[0].fd);
        free(h->lane); /* after the multi handle, whose callbacks use it */
    }
    mob_http_free_headers((struct curl_slist *)h->headers);
#if LIBCURL_VERSION_NUM >= 0x073f00
    if (h->url)
        curl_url_cleanup((CURLU *)h->url); /* after the easy handle, which uses it */
#endif
    util_buf_free(&h->body);
    memset(h, 0, sizeof *h);
}

void mob_http_result_free(mob_http_result *r)
{
    free(r->content_type);
    free(r->location);
    memset(r, 0, sizeof *r);
}

static void mob_fail(mob_http_result *out, MI_Result r, MI_Uint32 cat, const char *fmt, ...)
{
    va_list ap;
    out->result = r;
    out->category = cat;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

static void mob_trace(const mob_dest *d, const char *what, const char *body, size_t len)
{
    if (!d->trace)
        return;
    /* The body never holds credentials (they travel in the Authorization header, which is
     * not traced). */
    fprintf(stderr, "mofbind: %s %s (%lu bytes)\n%.*s\n", what, d->url, (unsigned long)len,
            (int)(len > 1048576 ? 1048576 : len), body ? body : "");
}

/* Sets the request up (the first half of a post). */
static void mob_http_begin(mob_http *h, const mob_dest *d, const char *body, size_t len,
                           MI_Uint64 timeout_usec)
{
    CURL *c = (CURL *)h->curl;
    h->dest = d;
    util_buf_reset(&h->body);
    h->too_big = 0;
    h->answering = 0;
    h->errbuf[0] = '\0';

    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    if (timeout_usec) {
        MI_Uint64 ms = timeout_usec / 1000 + 1;
        if (ms > 0x7fffffffULL)
            ms = 0x7fffffffULL;
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)ms);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)(ms < 30000 ? ms : 30000));
    } else {
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 0L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 30000L);
    }
    mob_trace(d, "request to", body, len);
}

static char *mob_direct_location(const mob_http *h, const char *loc);

/* Classifies the outcome of the transfer (rc) into out (the second half of a post). */
static void mob_http_end(mob_http *h, const mob_dest *d, CURLcode rc, mob_http_result *out)
{
    CURL *c = (CURL *)h->curl;
    long status = 0;
    char *ct = NULL, *loc = NULL;
    char where[300]; /* host:port, for the messages (made only on a failure) */

    memset(out, 0, sizeof *out);
    out->result = MI_RESULT_OK;
    if (h->direct) {
        out->status = h->dstatus;
        out->content_type = h->dctype; /* handed over */
        h->dctype = NULL;
        if (h->dloc && h->dstatus >= 300 && h->dstatus < 400)
            out->location = mob_direct_location(h, h->dloc);
    } else {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        out->status = (int)status;
        if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
            out->content_type = util_strdup(ct);
        if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
            out->location = util_strdup(loc);
    }
    out->body = h->body.data ? h->body.data : "";
    out->len = h->body.len;

    if (rc == CURLE_OK) {
        mob_trace(d, "response from", out->body, out->len);
        return;
    }
    snprintf(where, sizeof where, "%.256s:%u", d->host, d->port);
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_CONNECTION_ERROR,
                 "cannot connect to %s: connection refused or unreachable%s", where, "");
        break;
    case CURLE_COULDNT_RESOLVE_HOST:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_CONNECTION_ERROR,
                 "cannot resolve host name %s%s", d->host, "");
        break;
    case CURLE_OPERATION_TIMEDOUT:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_TIMEOUT,
                 "timed out waiting for %s%s", where, "");
        break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
        mob_fail(out, MI_RESULT_ACCESS_DENIED, MI_ERRORCATEGORY_SECURITY_ERROR,
                 "TLS: the certificate of %s is not trusted: %s", where, h->errbuf);
        break;
    case CURLE_SSL_CONNECT_ERROR:
        /* OpenSSL's words when the peer answered the TLS hello in plain text. */
        if (strstr(h->errbuf, "wrong version number") || strstr(h->errbuf, "packet length")) {
            mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_SECURITY_ERROR,
                     "TLS failure with %s: it answered in plain HTTP, not TLS (an http:// port "
                     "given as https://? %s)",
                     where, h->errbuf);
            break;
        }
        /* The peer closed or reset the connection in the middle of the handshake: a plain
         * HTTP server that gave up on the hello before its answer was read does that too. */
        if (strstr(h->errbuf, "SSL_ERROR_SYSCALL")) {
            mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_SECURITY_ERROR,
                     "TLS failure with %s: the server closed the connection during the TLS "
                     "handshake (not a TLS port, an http:// port given as https://, or a server "
                     "that refused this client's TLS; %s)",
                     where, h->errbuf);
            break;
        }
        /* fall through */
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_USE_SSL_FAILED:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_SECURITY_ERROR, "TLS failure with %s: %s",
                 where, h->errbuf);
        break;
    case CURLE_ABORTED_BY_CALLBACK:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_STOPPED,
                 "the operation was cancelled%s%s", "", "");
        break;
    case CURLE_WRITE_ERROR:
        if (h->too_big) {
            char lim[160];
            if (mob_http_limit(h) < h->max)
                snprintf(lim, sizeof lim,
                         "the MaxEnvelopeSize of %lu bytes the request named "
                         "(MI_DestinationOptions_SetMaxEnvelopeSize)",
                         (unsigned long)h->envelope);
            else
                snprintf(lim, sizeof lim, "the client's limit of %lu bytes", (unsigned long)h->max);
            mob_fail(out, MI_RESULT_SERVER_LIMITS_EXCEEDED, MI_ERRORCATEGORY_LIMITS_EXCEEDED,
                     "the response from %s is larger than %s", where, lim);
        } else {
            mob_fail(out, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                     "out of memory reading the response from %s%s", where, "");
        }
        break;
    case CURLE_GOT_NOTHING:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_CONNECTION_ERROR,
                 "%s closed the connection without a response%s", where, "");
        break;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
        /* A TLS alert (a client certificate refused or missing...) arrives as a read error. */
        mob_fail(out, MI_RESULT_FAILED,
                 strstr(h->errbuf, "SSL") ? MI_ERRORCATEGORY_SECURITY_ERROR
                                          : MI_ERRORCATEGORY_CONNECTION_ERROR,
                 "connection to %s failed: %s", where,
                 h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
        break;
    default:
        mob_fail(out, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                 "HTTP exchange with %s failed: %s", where,
                 h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
        break;
    }
    if (d->trace)
        fprintf(stderr, "mofbind: %s\n", out->message);
}

/* ---- a lane's own HTTP/1.1 exchange over libcurl's connection ------------------------------ */

/* Why: against a server that answers quickly, libcurl's work around each transfer (the request
 * head formatted by its printf, a connection structure made and dropped to find the kept one,
 * three poll() calls of its own) was a fifth of a synchronous round trip, and the lane could
 * not come within 80 % of a raw socket's pace (issue 20). A lane whose requests need nothing of
 * libcurl's HTTP (no authentication, or Basic, whose header is made once) lets libcurl resolve,
 * connect and do TLS and client certificates (CURLOPT_CONNECT_ONLY, HTTP/1.1 offered alone),
 * and then writes each request and reads each answer itself through curl_easy_send and
 * curl_easy_recv (runtime/client/http1.c reads the head and the chunked coding): send, a
 * wait, a read, and a second wait and read when the server writes its head and body apart
 * (TCP_QUICKACK before that wait, as above). Everything libcurl's HTTP did for these requests
 * is done here too: Content-Length, chunked and close-delimited bodies, 1xx answers skipped,
 * the size cap before and while reading, an answer that comes while the request is still
 * being sent, a kept-alive connection the server closed meanwhile retried once on a new
 * connection when nothing of the answer came (as libcurl retries), the operation's deadline,
 * cancel through the lane's eventfd. Digest, NTLM and Negotiate stay libcurl's. */

#define MOB_DIRECT_MAX_HEAD 102400 /* an answer's head, at most (libcurl's limit too) */
#define MOB_DIRECT_READ 16384      /* room asked of each read */
#define MOB_DIRECT_KEEP 262144     /* the most of a request's buffer kept between requests */
#define MOB_DIRECT_IDLE 1000000ULL /* usec idle after which a connection is looked at first */

/* Sets the lane up to speak HTTP/1.1 itself when its requests allow it: the request head's
 * fixed part, from the URL and the header list (those with a value: "Expect:" and "Accept:"
 * only remove libcurl's own). Returns 0 when the lane stays on libcurl's HTTP. */
static int mob_direct_init(mob_http *h, const mob_dest *d, const struct curl_slist *hd)
{
#if LIBCURL_VERSION_NUM >= 0x073f00
    util_buf b;
    char *path = NULL, *query = NULL, *host = NULL;
    const struct curl_slist *t;
    int ok;
    if (!h->url || curl_url_get((CURLU *)h->url, CURLUPART_PATH, &path, 0) != CURLUE_OK ||
        curl_url_get((CURLU *)h->url, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        curl_free(path);
        return 0;
    }
    if (curl_url_get((CURLU *)h->url, CURLUPART_QUERY, &query, 0) != CURLUE_OK)
        query = NULL;
    util_buf_init(&b);
    util_buf_puts(&b, "POST ");
    util_buf_puts(&b, path);
    if (query) {
        util_buf_putc(&b, '?');
        util_buf_puts(&b, query);
    }
    util_buf_puts(&b, " HTTP/1.1\r\nHost: ");
    util_buf_puts(&b, host);
    if (d->port != (d->https ? 443u : 80u))
        util_buf_printf(&b, ":%u", d->port);
    util_buf_puts(&b, "\r\n");
    for (t = hd; t; t = t->next) {
        const char *v = strchr(t->data, ':');
        if (!v || !v[1 + strspn(v + 1, " \t")])
            continue;
        util_buf_puts(&b, t->data);
        util_buf_puts(&b, "\r\n");
    }
    curl_free(path);
    curl_free(query);
    curl_free(host);
    ok = !b.failed;
    if (!ok) {
        if (b.data)
            mob_wipe_free(b.data);
        return 0;
    }
    h->dhead = util_buf_take(&b, &h->dhead_len);
    h->dsock = -1;
    h->direct = 1;
    curl_easy_setopt((CURL *)h->curl, CURLOPT_CONNECT_ONLY, 1L);
    curl_easy_setopt((CURL *)h->curl, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
    return 1;
#else
    (void)h, (void)d, (void)hd;
    return 0;
#endif
}

/* Closes the lane's connection (the next request opens another). */
static void mob_direct_drop(mob_http *h)
{
    if (h->dconn)
        curl_multi_remove_handle((CURLM *)h->multi, (CURL *)h->curl);
    h->dconn = 0;
    h->dsock = -1;
}

/* A redirection's Location made absolute against the destination's URL, as libcurl's
 * CURLINFO_REDIRECT_URL gives it (malloc'd; NULL when out of memory). */
static char *mob_direct_location(const mob_http *h, const char *loc)
{
    char *r = NULL;
#if LIBCURL_VERSION_NUM >= 0x073f00
    CURLU *u = h->url ? curl_url_dup((CURLU *)h->url) : NULL;
    char *abs = NULL;
    if (u && curl_url_set(u, CURLUPART_URL, loc, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_URL, &abs, 0) == CURLUE_OK)
        r = util_strdup(abs);
    curl_free(abs);
    if (u)
        curl_url_cleanup(u);
    if (r)
        return r;
#else
    (void)h;
#endif
    return util_strdup(loc);
}

/* Frees what the lane's own HTTP keeps, wiping what held credentials, and closes its
 * connection. */
static void mob_direct_free(mob_http *h)
{
    if (!h->direct)
        return;
    mob_direct_drop(h);
    if (h->dhead)
        mob_wipe_free(h->dhead);
    if (h->dreq.data) {
        memset(h->dreq.data, 0, h->dreq.cap);
        util_buf_free(&h->dreq);
    }
    util_buf_free(&h->din);
    free(h->dctype);
    free(h->dloc);
    h->dhead = h->dctype = h->dloc = NULL;
    h->direct = 0;
}

/* Opens the lane's connection through libcurl (the lane's wait: cancel and the deadline
 * apply). */
static CURLcode mob_direct_connect(mob_http *h)
{
    curl_socket_t s = CURL_SOCKET_BAD;
    CURLcode rc = mob_http_perform(h, 1);
    if (rc != CURLE_OK)
        return rc;
    h->dconn = 1;
    if (curl_easy_getinfo((CURL *)h->curl, CURLINFO_ACTIVESOCKET, &s) != CURLE_OK ||
        s == CURL_SOCKET_BAD) {
        mob_direct_drop(h);
        snprintf(h->errbuf, sizeof h->errbuf, "libcurl gave no socket for the connection");
        return CURLE_COULDNT_CONNECT;
    }
    h->dsock = (int)s;
    return CURLE_OK;
}

/* Where an answer's reading is. */
typedef struct mob_direct_rd {
    int in_body;    /* the head has been read */
    int framing;    /* 0: Content-Length, 1: chunked, 2: up to the close */
    MI_Uint64 left; /* Content-Length: bytes still to come */
    mob_h1_chunks chunks;
    int done;
    size_t scanned; /* bytes of the head looked at for its blank line (0: none yet) */
} mob_direct_rd;

/* Whether the head being read may be whole or refused now: its first bytes (a peer that is
 * not HTTP is refused at once), a blank line among the new bytes, or over the limit. The
 * parser reads from the start each time, so it is called only then: a server writing its head
 * a byte at a time costs linear time, not quadratic. */
static int mob_direct_head_due(const util_buf *in, mob_direct_rd *rd)
{
    size_t from = rd->scanned > 2 ? rd->scanned - 2 : 0;
    int first = rd->scanned == 0;
    const char *p = in->data + from, *end = in->data + in->len;
    rd->scanned = in->len;
    if (first || in->len > MOB_DIRECT_MAX_HEAD)
        return 1;
    while ((p = (const char *)memchr(p, '\n', (size_t)(end - p))) != NULL) {
        if (++p < end && (*p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n')))
            return 1;
    }
    return 0;
}

/* Takes what was read (h->din) into the answer. CURLE_OK, with rd->done once it is whole. */
static CURLcode mob_direct_take(mob_http *h, mob_direct_rd *rd)
{
    size_t limit = mob_http_limit(h);
    const char *why = NULL;
    while (!rd->in_body) {
        mob_h1_head hd;
        int r;
        if (!mob_direct_head_due(&h->din, rd))
            return CURLE_OK;
        r = mob_h1_head_parse(h->din.data, h->din.len, MOB_DIRECT_MAX_HEAD, &hd, &why);
        if (r == 0)
            return CURLE_OK;
        if (r < 0) {
            snprintf(h->errbuf, sizeof h->errbuf, "%s", why ? why : "not an HTTP/1.x answer");
            return CURLE_WEIRD_SERVER_REPLY;
        }
        if (hd.status == 101) {
            snprintf(h->errbuf, sizeof h->errbuf, "the server switched protocols (101)");
            return CURLE_WEIRD_SERVER_REPLY;
        }
        if (hd.status < 200) { /* 100 Continue and the like: the answer follows */
            util_buf_consume(&h->din, hd.head_len);
            rd->scanned = 0;
            continue;
        }
        h->answering = 1;
        h->dstatus = hd.status;
        h->dclose = hd.close;
        free(h->dctype);
        free(h->dloc);
        h->dctype = hd.ctype ? util_strndup(hd.ctype, hd.ctype_len) : NULL;
        h->dloc = hd.location ? util_strndup(hd.location, hd.location_len) : NULL;
        if ((hd.ctype && !h->dctype) || (hd.location && !h->dloc))
            return CURLE_OUT_OF_MEMORY;
        rd->in_body = 1;
        if (hd.status == 204 || hd.status == 304) {
            rd->framing = 0;
            rd->left = 0;
        } else if (hd.chunked) {
            rd->framing = 1;
            memset(&rd->chunks, 0, sizeof rd->chunks);
        } else if (hd.content_length >= 0) {
            rd->framing = 0;
            rd->left = (MI_Uint64)hd.content_length;
            if (rd->left > (MI_Uint64)limit) {
                h->too_big = 1;
                return CURLE_WRITE_ERROR; /* before the body, as libcurl's write callback */
            }
        } else {
            rd->framing = 2;
            h->dclose = 1;
        }
        util_buf_consume(&h->din, hd.head_len);
    }
    if (rd->framing == 1) {
        size_t used = 0;
        int r = mob_h1_dechunk(&rd->chunks, h->din.data, h->din.len, &used, &h->body, &why);
        if (h->body.failed)
            return CURLE_WRITE_ERROR;
        if (r < 0) {
            snprintf(h->errbuf, sizeof h->errbuf, "%s", why ? why : "bad chunked coding");
            return CURLE_WEIRD_SERVER_REPLY;
        }
        if (h->body.len > limit) {
            h->too_big = 1;
            return CURLE_WRITE_ERROR;
        }
        if (r == 1) {
            rd->done = 1;
            if (used < h->din.len)
                h->dclose = 1; /* more than the answer: the connection is not reused */
        }
    } else {
        size_t n = h->din.len;
        if (rd->framing == 0 && (MI_Uint64)n >= rd->left) {
            if ((MI_Uint64)n > rd->left)
                h->dclose = 1;
            n = (size_t)rd->left;
        }
        if (rd->framing == 2 && n > limit - h->body.len) {
            h->too_big = 1;
            return CURLE_WRITE_ERROR;
        }
        util_buf_putn(&h->body, h->din.data, n);
        if (h->body.failed)
            return CURLE_WRITE_ERROR;
        if (rd->framing == 0) {
            rd->left -= n;
            rd->done = rd->left == 0;
        }
    }
    util_buf_truncate(&h->din, 0);
    return CURLE_OK;
}

/* One request and its answer on the lane's open connection. *got: something of the answer
 * came (a request whose connection died before that may be sent again). */
static CURLcode mob_direct_once(mob_http *h, const char *body, size_t len, MI_Uint64 deadline,
                                int *got)
{
    CURL *c = (CURL *)h->curl;
    const mob_dest *d = h->dest;
    mob_direct_rd rd;
    size_t sent = 0, total;
    int readable = 0, send_failed = 0;
    memset(&rd, 0, sizeof rd);
    *got = 0;
    util_buf_reset(&h->dreq);
    util_buf_reset(&h->din);
    util_buf_putn(&h->dreq, h->dhead, h->dhead_len);
    util_buf_printf(&h->dreq, "Content-Length: %lu\r\n\r\n", (unsigned long)len);
    util_buf_putn(&h->dreq, body, len);
    if (h->dreq.failed)
        return CURLE_OUT_OF_MEMORY;
    total = h->dreq.len;
    for (;;) {
        struct pollfd pf[2];
        int ms = 1000;
        size_t n = 0;
        CURLcode rc;
        while (readable) {
            if (util_buf_reserve(&h->din, MOB_DIRECT_READ) != 0)
                return CURLE_OUT_OF_MEMORY;
            rc = curl_easy_recv(c, h->din.data + h->din.len, MOB_DIRECT_READ, &n);
            if (rc == CURLE_AGAIN) {
                readable = 0;
                break;
            }
            /* (A TLS alert is a read error too: libcurl's words in errbuf.) */
            if (rc != CURLE_OK)
                return send_failed && !*got ? CURLE_SEND_ERROR : CURLE_RECV_ERROR;
            if (n == 0) { /* the server closed the connection */
                h->dclose = 1;
                if (rd.in_body && rd.framing == 2)
                    return CURLE_OK;
                if (!*got)
                    return send_failed ? CURLE_SEND_ERROR : CURLE_GOT_NOTHING;
                snprintf(h->errbuf, sizeof h->errbuf,
                         "the server closed the connection in the middle of its answer");
                return CURLE_PARTIAL_FILE;
            }
            h->din.len += n;
            h->din.data[h->din.len] = '\0';
            *got = 1;
            if ((rc = mob_direct_take(h, &rd)) != CURLE_OK)
                return rc;
            if (rd.done) {
                if (sent < total)
                    h->dclose = 1;
                return CURLE_OK;
            }
            /* A plain socket that gave less than asked has nothing more; TLS may hold a
             * decrypted rest, so it is read until libcurl says to wait. */
            if (!d->https && n < MOB_DIRECT_READ)
                readable = 0;
        }
        /* Send what the connection takes, once per wait: an answer that comes first stops
         * the sending (the server refused the request early: the connection is not reused);
         * so does a failure to send, after which what the server may have answered is read
         * first. (A request that fits the socket's buffer goes in one call.) */
        if (sent < total && !*got && !send_failed) {
            rc = curl_easy_send(c, h->dreq.data + sent, total - sent, &n);
            if (rc == CURLE_OK)
                sent += n;
            else if (rc != CURLE_AGAIN)
                send_failed = readable = 1;
        }
        if (readable)
            continue;
        if (mob_http_cancelled(h))
            return CURLE_ABORTED_BY_CALLBACK;
        if (h->answering || *got)
            mob_http_quickack(h); /* the rest of the answer may wait for our ACK */
        if (deadline) {
            MI_Uint64 t = mob_now_usec();
            if (t >= deadline)
                return CURLE_OPERATION_TIMEDOUT;
            ms = deadline - t >= 1000000ULL ? 1000 : (int)((deadline - t + 999) / 1000);
        }
        pf[0] = h->lane->fds[0];
        pf[0].revents = 0;
        pf[1].fd = h->dsock;
        pf[1].events = (short)(POLLIN | (sent < total && !*got && !send_failed ? POLLOUT : 0));
        pf[1].revents = 0;
        if (poll(pf, 2, ms) < 0) {
            if (errno == EINTR)
                continue;
            return CURLE_RECV_ERROR;
        }
        if (pf[0].revents & POLLIN) {
            uint64_t v;
            ssize_t k = read(pf[0].fd, &v, sizeof v);
            (void)k;
        }
        if (pf[1].revents & (POLLIN | POLLERR | POLLHUP | POLLNVAL))
            readable = 1;
    }
}

/* Whether the lane's kept-alive connection may be used again. One idle for over a second is
 * looked at first (a peek that does not wait): a server's idle timeout closes connections
 * after seconds, and a request sent on a closed one would only be sent again (libcurl looks
 * before every reuse; back to back, the lane saves that system call, and a close that crosses
 * the request is still met by the one retry). Anything readable on an idle connection (its
 * close, a reset, a TLS alert, stray bytes) ends it. */
static int mob_direct_alive(mob_http *h)
{
    char b;
    ssize_t n;
    if (mob_now_usec() - h->dlast < MOB_DIRECT_IDLE)
        return 1;
    n = recv(h->dsock, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
}

/* A lane's post when it speaks HTTP/1.1 itself. */
static CURLcode mob_direct_post(mob_http *h, const char *body, size_t len, MI_Uint64 timeout_usec)
{
    MI_Uint64 deadline = timeout_usec ? mob_now_usec() + timeout_usec : 0;
    int attempt, got = 0;
    CURLcode rc = CURLE_OK;
    h->dstatus = 0;
    for (attempt = 0; attempt < 2; attempt++) {
        int reused;
        if (h->dconn && !mob_direct_alive(h))
            mob_direct_drop(h);
        reused = h->dconn;
        if (!h->dconn && (rc = mob_direct_connect(h)) != CURLE_OK)
            return rc;
        h->dclose = 0;
        h->errbuf[0] = '\0';
        util_buf_reset(&h->body);
        rc = mob_direct_once(h, body, len, deadline, &got);
        h->dlast = mob_now_usec();
        if (rc != CURLE_OK || h->dclose)
            mob_direct_drop(h);
        /* A kept-alive connection the server had closed: nothing of the answer came and the
         * request went nowhere, so it goes again on a new connection, once. */
        if (!(rc == CURLE_GOT_NOTHING || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR) ||
            !reused || got)
            break;
    }
    if (rc == CURLE_SEND_ERROR && !h->errbuf[0])
        snprintf(h->errbuf, sizeof h->errbuf, "sending the request failed");
    /* The request's copy is kept for the next one, unless it was large (a session that once
     * sent megabytes does not hold them for its life). */
    if (h->dreq.cap > MOB_DIRECT_KEEP) {
        memset(h->dreq.data, 0, h->dreq.cap);
        util_buf_free(&h->dreq);
    }
    return rc;
}

/* ---- the transport interface -------------------------------------------------------------- */

static MI_Result mob_curl_open(const mob_dest *d, mob_transport **out)
{
    mob_http *h = (mob_http *)calloc(1, sizeof *h);
    MI_Result r;
    *out = NULL;
    if (!h)
        return MIC_RESULT_NOMEM;
    r = mob_http_init(h, d, 1);
    if (r != MI_RESULT_OK) {
        mob_http_cleanup(h);
        free(h);
        return r;
    }
    h->base.ft = &mob_curl_transport;
    *out = &h->base;
    return MI_RESULT_OK;
}

static void mob_curl_close(mob_transport *t)
{
    mob_http_cleanup((mob_http *)t);
    free(t);
}

static void mob_curl_post(mob_transport *t, const mob_dest *d, const char *body, size_t len,
                          MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out)
{
    mob_http *h = (mob_http *)t;
    h->cancel = cancel;
    mob_http_begin(h, d, body, len, timeout_usec);
    mob_http_end(h, d,
                 h->direct ? mob_direct_post(h, body, len, timeout_usec) : mob_http_perform(h, 0),
                 out);
    h->cancel = NULL;
}

static void mob_curl_wake(mob_transport *t)
{
    mob_http_wake((mob_http *)t);
}

/* ---- the loop's side: a driver of many transfers over one multi handle ------------------- */

static void mob_http_unack(mob_http *h)
{
    mob_http **pp;
    if (!h->ackq)
        return;
    for (pp = &h->drv->ackq; *pp; pp = &(*pp)->anext)
        if (*pp == h) {
            *pp = h->anext;
            break;
        }
    h->ackq = 0;
    h->anext = NULL;
}

/* libcurl's socket callback: the driver's sockets in the loop's epoll set. */
static int mob_drv_socket(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp)
{
    mob_curl_driver *dr = (mob_curl_driver *)userp;
    struct epoll_event ev;
    mob_http *h = NULL;
    /* The transfer's socket, for TCP_QUICKACK (a connection outlives the easy handle that
     * opened it, so the handle's own socket callbacks are not used). */
    curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&h);
    if (h && what == CURL_POLL_REMOVE && h->socks[0] == (int)fd)
        h->socks[0] = -1;
    else if (h && what != CURL_POLL_REMOVE)
        h->socks[0] = (int)fd;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(dr->epfd, EPOLL_CTL_DEL, fd, NULL);
        curl_multi_assign(dr->multi, fd, NULL);
        return 0;
    }
    memset(&ev, 0, sizeof ev);
    ev.data.fd = fd;
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0u) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0u);
    if (!socketp) {
        if (epoll_ctl(dr->epfd, EPOLL_CTL_ADD, fd, &ev) != 0 && errno == EEXIST)
            epoll_ctl(dr->epfd, EPOLL_CTL_MOD, fd, &ev);
        curl_multi_assign(dr->multi, fd, (void *)dr);
    } else {
        epoll_ctl(dr->epfd, EPOLL_CTL_MOD, fd, &ev);
    }
    return 0;
}

static int mob_drv_timer(CURLM *m, long ms, void *userp)
{
    (void)m;
    ((mob_curl_driver *)userp)->due = mob_curl_due(ms);
    return 0;
}

static void mob_drv_free(mob_driver *d)
{
    mob_curl_driver *dr = (mob_curl_driver *)d;
    if (dr->multi)
        curl_multi_cleanup(dr->multi); /* closes the connections in its cache */
    free(dr);
}

static MI_Result mob_drv_new(int epfd, mob_driver **out)
{
    mob_curl_driver *dr = (mob_curl_driver *)calloc(1, sizeof *dr);
    *out = NULL;
    if (!dr)
        return MIC_RESULT_NOMEM;
    dr->base.ft = &mob_curl_transport;
    dr->epfd = epfd;
    if (!(dr->multi = curl_multi_init())) {
        free(dr);
        return MIC_RESULT_NOMEM;
    }
    curl_multi_setopt(dr->multi, CURLMOPT_SOCKETFUNCTION, mob_drv_socket);
    curl_multi_setopt(dr->multi, CURLMOPT_SOCKETDATA, (void *)dr);
    curl_multi_setopt(dr->multi, CURLMOPT_TIMERFUNCTION, mob_drv_timer);
    curl_multi_setopt(dr->multi, CURLMOPT_TIMERDATA, (void *)dr);
    /* Idle connections stay cached whatever the number of easy handles (which come and go
     * with the slots in use); the groups' caps bound them. */
    curl_multi_setopt(dr->multi, CURLMOPT_MAXCONNECTS, 0L);
    *out = &dr->base;
    return MI_RESULT_OK;
}

static void mob_cache_free(mob_cache *k)
{
    if (k->share)
        curl_share_cleanup(k->share); /* closes its connections */
    free(k->user);
    mob_wipe_free(k->password);
    free(k->cert_file);
    free(k->key_file);
    free(k);
}

static int mob_streq(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* The cache for d's credentials in dr (made if none). */
static mob_cache *mob_cache_get(mob_curl_driver *dr, const mob_dest *d)
{
    mob_cache *k;
    for (k = dr->caches; k; k = k->next)
        if (k->auth == d->auth && mob_streq(k->user, d->user) &&
            mob_streq(k->password, d->password) && mob_streq(k->cert_file, d->cert_file) &&
            mob_streq(k->key_file, d->key_file)) {
            k->refs++;
            return k;
        }
    if (!(k = (mob_cache *)calloc(1, sizeof *k)))
        return NULL;
    k->auth = d->auth;
    k->user = util_strdup(d->user);
    k->password = util_strdup(d->password);
    k->cert_file = util_strdup(d->cert_file);
    k->key_file = util_strdup(d->key_file);
    k->share = curl_share_init();
    if ((d->user && !k->user) || (d->password && !k->password) || (d->cert_file && !k->cert_file) ||
        (d->key_file && !k->key_file) || !k->share ||
        curl_share_setopt(k->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK) {
        mob_cache_free(k);
        return NULL;
    }
    k->refs = 1;
    k->next = dr->caches;
    dr->caches = k;
    return k;
}

static void mob_pool_free(mob_pool *p)
{
    mob_cache **pp;
    mob_cache *k = p->cache;
    if (k && --k->refs == 0) {
        for (pp = &p->drv->caches; *pp; pp = &(*pp)->next)
            if (*pp == k) {
                *pp = k->next;
                break;
            }
        mob_cache_free(k);
    }
    free(p);
}

static MI_Result mob_pool_new(mob_driver *d, const mob_dest *dest, mob_pool **out)
{
    mob_curl_driver *dr = (mob_curl_driver *)d;
    mob_pool *p = (mob_pool *)calloc(1, sizeof *p);
    int creds = dest->user || dest->password || dest->cert_file || dest->auth == MOB_AUTH_KERBEROS;
    *out = NULL;
    if (!p)
        return MIC_RESULT_NOMEM;
    p->drv = dr;
    if (creds && !(p->cache = mob_cache_get(dr, dest))) {
        free(p);
        return MIC_RESULT_NOMEM;
    }
    *out = p;
    return MI_RESULT_OK;
}

static MI_Result mob_xfer_new(mob_pool *p, const mob_dest *d, void *owner, mob_transport **out)
{
    mob_http *h = (mob_http *)calloc(1, sizeof *h);
    CURL *c;
    MI_Result r;
    *out = NULL;
    if (!h)
        return MIC_RESULT_NOMEM;
    r = mob_http_init(h, d, 0);
    if (r != MI_RESULT_OK) {
        mob_http_cleanup(h);
        free(h);
        return r;
    }
    h->base.ft = &mob_curl_transport;
    h->drv = p->drv;
    h->owner = owner;
    c = (CURL *)h->curl;
    curl_easy_setopt(c, CURLOPT_PRIVATE, (void *)h);
    curl_easy_setopt(c, CURLOPT_BUFFERSIZE, 4096L);
    /* A connection outlives the transfer (and the easy handle) that opened it, and libcurl
     * calls the close-socket callback it was opened with: none that points into h. The
     * driver learns a transfer's socket from the multi handle's socket callback instead. */
    curl_easy_setopt(c, CURLOPT_SOCKOPTFUNCTION, NULL);
    curl_easy_setopt(c, CURLOPT_CLOSESOCKETFUNCTION, NULL);
    if (p->cache)
        curl_easy_setopt(c, CURLOPT_SHARE, p->cache->share);
    *out = &h->base;
    return MI_RESULT_OK;
}

static int mob_xfer_start(mob_transport *t, const mob_dest *d, const char *body, size_t len,
                          MI_Uint64 timeout_usec, const volatile int *cancel, mob_http_result *out)
{
    mob_http *h = (mob_http *)t;
    mob_http_begin(h, d, body, len, timeout_usec);
    h->cancel = cancel;
    if (curl_multi_add_handle(h->drv->multi, (CURL *)h->curl) == CURLM_OK) {
        h->in_multi = 1;
        return 1;
    }
    h->cancel = NULL;
    mob_http_end(h, d, CURLE_OUT_OF_MEMORY, out);
    return 0;
}

/* The transfer of h is over (rc): out of the multi handle, its outcome into out. */
static void mob_xfer_over(mob_http *h, CURLcode rc, mob_http_result *out)
{
    curl_multi_remove_handle(h->drv->multi, (CURL *)h->curl);
    h->in_multi = 0;
    mob_http_unack(h);
    h->cancel = NULL;
    mob_http_end(h, h->dest, rc, out);
}

static void mob_xfer_stop(mob_transport *t, const mob_dest *d, mob_http_result *out)
{
    mob_http *h = (mob_http *)t;
    h->dest = d;
    mob_xfer_over(h, CURLE_ABORTED_BY_CALLBACK, out);
}

static void mob_drv_run(mob_driver *d, const struct epoll_event *ev, int n, mob_xfer_ended ended)
{
    mob_curl_driver *dr = (mob_curl_driver *)d;
    CURLMsg *m;
    int i, running, left;
    for (i = 0; i < n; i++) {
        int what = ((ev[i].events & EPOLLIN) ? CURL_CSELECT_IN : 0) |
                   ((ev[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0) |
                   ((ev[i].events & (EPOLLERR | EPOLLHUP)) ? CURL_CSELECT_ERR : 0);
        curl_multi_socket_action(dr->multi, ev[i].data.fd, what, &running);
    }
    if (dr->due && dr->due <= mob_now_usec()) {
        dr->due = 0;
        curl_multi_socket_action(dr->multi, CURL_SOCKET_TIMEOUT, 0, &running);
    }
    while ((m = curl_multi_info_read(dr->multi, &left))) {
        mob_http *h = NULL;
        mob_http_result hr;
        if (m->msg != CURLMSG_DONE)
            continue;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&h);
        if (!h)
            continue;
        mob_xfer_over(h, m->data.result, &hr);
        ended(h->owner, &hr);
    }
}

/* Before the loop waits: every transfer in the middle of an answer (the ones whose answer
 * ended are off the list) acknowledges what came (see the top of the file). */
static MI_Uint64 mob_drv_due(mob_driver *d)
{
    mob_curl_driver *dr = (mob_curl_driver *)d;
    mob_http *h;
    for (h = dr->ackq; h; h = h->anext)
        mob_http_quickack(h);
    return dr->due;
}

const mob_transport_ft mob_curl_transport = {
    mob_curl_open, mob_curl_close, mob_curl_post, mob_curl_wake, mob_drv_new,
    mob_drv_free,  mob_pool_new,   mob_pool_free, mob_xfer_new,  mob_xfer_start,
    mob_xfer_stop, mob_drv_run,    mob_drv_due,
};
