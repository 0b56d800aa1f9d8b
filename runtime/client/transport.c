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
 * A transfer runs in the session's own multi handle, in a loop that waits with curl_multi_poll,
 * so that a cancel (mob_http_wake: curl_multi_wakeup) is seen at once, not at libcurl's next
 * progress call.
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
 * Credentials go through CURLOPT_USERNAME/PASSWORD only, never into the URL or a trace.
 *
 * This is the transport sessions use unless their application was given another
 * (mob_curl_transport, client.h).
 */
#include "config.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client.h"
#include "util.h"

/* curl_multi_poll and curl_multi_wakeup came with libcurl 7.68 (Debian 12 has 7.88); older
 * ones run curl_easy_perform, where a cancel waits for libcurl's next progress call. */
#if LIBCURL_VERSION_NUM >= 0x074400
#define MOB_HTTP_MULTI 1
#else
#define MOB_HTTP_MULTI 0
#endif

/* The libcurl transport of one session. */
typedef struct mob_http {
    mob_transport base;
    void *curl;  /* CURL*, kept between requests: one kept-alive connection */
    void *multi; /* CURLM* the transfers run in (its connection cache keeps the connection);
                    mob_http_wake interrupts its wait */
    void *headers;
    util_buf body;
    size_t max;           /* the cap on a response body */
    size_t envelope;      /* the MaxEnvelopeSize the requests name (0: none) */
    int too_big;
    int answering;              /* the response's status line has come: waits are mid-answer */
    int socks[2];               /* the sockets libcurl opened and has not closed (-1: none): the
                                   connection, and a second candidate while connecting */
    const volatile int *cancel; /* checked while transferring */
    char errbuf[256];
} mob_http;

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
#if !MOB_HTTP_MULTI
    /* (curl_easy_perform has no place before its waits: the end of the header is the moment
     * the body may be held behind its ACK.) */
    if (n == 2 && data[0] == '\r')
        mob_http_quickack(h);
#else
    (void)data;
#endif
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
#if MOB_HTTP_MULTI
    if (h && h->multi)
        curl_multi_wakeup((CURLM *)h->multi);
#else
    (void)h;
#endif
}

/* One transfer of the easy handle: curl_easy_perform, but waiting in curl_multi_poll, which
 * mob_http_wake interrupts, and looking at the cancel flag each time it wakes. */
static CURLcode mob_http_perform(mob_http *h)
{
#if MOB_HTTP_MULTI
    CURLM *m = (CURLM *)h->multi;
    CURL *c = (CURL *)h->curl;
    CURLcode rc = CURLE_OK;
    CURLMsg *msg;
    int running = 1, left = 0;
    if (curl_multi_add_handle(m, c) != CURLM_OK)
        return CURLE_OUT_OF_MEMORY;
    for (;;) {
        CURLMcode mc = curl_multi_perform(m, &running);
        if (mc != CURLM_OK) {
            rc = mc == CURLM_OUT_OF_MEMORY ? CURLE_OUT_OF_MEMORY : CURLE_FAILED_INIT;
            break;
        }
        if (!running)
            break;
        if (mob_http_cancelled(h)) {
            rc = CURLE_ABORTED_BY_CALLBACK; /* as the progress callback would say */
            break;
        }
        if (h->answering)
            mob_http_quickack(h); /* the rest of the answer may wait for our ACK */
        /* libcurl's own timeouts (the operation's, the connect's) shorten the wait. */
        mc = curl_multi_poll(m, NULL, 0, 1000, NULL);
        if (mc != CURLM_OK) {
            rc = mc == CURLM_OUT_OF_MEMORY ? CURLE_OUT_OF_MEMORY : CURLE_FAILED_INIT;
            break;
        }
    }
    if (!running && rc == CURLE_OK) {
        rc = CURLE_FAILED_INIT; /* no message: cannot happen with one handle */
        while ((msg = curl_multi_info_read(m, &left)))
            if (msg->msg == CURLMSG_DONE && msg->easy_handle == c)
                rc = msg->data.result;
    }
    /* (Removed mid-transfer, the handle's connection is closed, not kept.) */
    curl_multi_remove_handle(m, c);
    return rc;
#else
    return curl_easy_perform((CURL *)h->curl);
#endif
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

static MI_Result mob_http_init(mob_http *h, const mob_dest *d)
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
#if MOB_HTTP_MULTI
    if (!(h->multi = curl_multi_init()))
        return MIC_RESULT_NOMEM;
#endif
    t = curl_slist_append(hd, "Content-Type: application/soap+xml;charset=UTF-8");
    if (t)
        t = curl_slist_append(hd = t, "Expect:");
    if (t)
        t = curl_slist_append(hd = t, "Accept:");
    /* (A header of the list, sent as it is, rather than CURLOPT_USERAGENT, which libcurl
     * formats anew for every request.) */
    if (t)
        t = curl_slist_append(hd = t, "User-Agent: libmofbind/" PACKAGE_VERSION);
    if (!t) {
        curl_slist_free_all(hd);
        return MIC_RESULT_NOMEM;
    }
    h->headers = hd = t;
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
    auth = mob_curl_auth(d->auth, d);
    if (auth && (d->user || d->auth == MOB_AUTH_KERBEROS)) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, auth);
        curl_easy_setopt(c, CURLOPT_USERNAME, d->user ? d->user : "");
        curl_easy_setopt(c, CURLOPT_PASSWORD, d->password ? d->password : "");
    }
    return MI_RESULT_OK;
}

static void mob_http_cleanup(mob_http *h)
{
    if (h->curl)
        curl_easy_cleanup((CURL *)h->curl);
#if MOB_HTTP_MULTI
    if (h->multi)
        curl_multi_cleanup((CURLM *)h->multi); /* after the easy handle, which is not in it */
#endif
    curl_slist_free_all((struct curl_slist *)h->headers);
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

static void mob_http_post(mob_http *h, const mob_dest *d, const char *body, size_t len,
                          MI_Uint64 timeout_usec, mob_http_result *out)
{
    CURL *c = (CURL *)h->curl;
    CURLcode rc;
    long status = 0;
    char *ct = NULL, *loc = NULL;
    char where[300]; /* host:port, for the messages (made only on a failure) */

    memset(out, 0, sizeof *out);
    out->result = MI_RESULT_OK;
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
    rc = mob_http_perform(h);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    out->status = (int)status;
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
        out->content_type = util_strdup(ct);
    if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &loc) == CURLE_OK && loc)
        out->location = util_strdup(loc);
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

/* ---- the transport interface -------------------------------------------------------------- */

static MI_Result mob_curl_open(const mob_dest *d, mob_transport **out)
{
    mob_http *h = (mob_http *)calloc(1, sizeof *h);
    MI_Result r;
    *out = NULL;
    if (!h)
        return MIC_RESULT_NOMEM;
    r = mob_http_init(h, d);
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
    mob_http_post(h, d, body, len, timeout_usec, out);
    h->cancel = NULL;
}

static void mob_curl_wake(mob_transport *t)
{
    mob_http_wake((mob_http *)t);
}

const mob_transport_ft mob_curl_transport = {mob_curl_open, mob_curl_close, mob_curl_post,
                                             mob_curl_wake};
