/* SPDX-License-Identifier: MIT */
/* tests/test_hostile_peer.c: libmofbind (public MI API only) against a hostile WS-Man server: a
 * scripted peer on a raw loopback socket (port 0) that answers a GetInstance with garbage,
 * truncated XML, bodies over the MaxEnvelopeSize the request named (announced by
 * Content-Length or streamed chunked, and over the client's 16 MiB cap), a slow drip, a reset
 * in the middle of the body, 500 with an empty body, 401, 302, an external-entity (XXE)
 * payload, a billion-laughs payload, a wrong Content-Type, a UTF-16 body, bodies declaring
 * UTF-7 or ISO-8859-1 or written in EBCDIC, and a response to another MessageID. Each case must
 * give its documented MI_Result (mofbind/mi.h, "Errors") with error details, within the
 * operation timeout plus 10%, with nothing printed on stderr; the XXE payload names a local file
 * and a second loopback port, and neither may be read or connected to; an oversized body is
 * abandoned early. A GetClass meets a slow drip, garbage and an instance where a class should
 * be, and fails the same way. Leaks are the sanitizer build's and valgrind's job.
 *
 * The same peer also answers in the forms HTTP/1.1 allows that a server seldom uses, which the
 * client's own reading of answers (runtime/client/http1.c, a session's synchronous lane) must
 * take as libcurl did: a chunked answer with chunk extensions and a trailer, a 100 Continue
 * before the answer, an HTTP/1.0 answer whose end is the connection's close, a redirection to
 * a relative Location (reported made absolute), and an answer kept alive by its headers whose
 * connection the server then closes (the next request goes again on a new connection). */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mofbind/mi.h>
#include "stderr_capture.h"

#define TIMEOUT_S 2 /* the operation timeout of every case */

typedef enum hcase {
    H_GARBAGE,
    H_TRUNCATED,
    H_HUGE,
    H_DRIP,
    H_RESET,
    H_500_EMPTY,
    H_401,
    H_302,
    H_XXE,
    H_LAUGHS,
    H_WRONG_CT,
    H_UTF16,
    H_UTF7,
    H_LATIN1,
    H_EBCDIC,
    H_OTHER_ID,
    H_STREAM,
    H_OVER_ENVELOPE,
    H_ATTRS,
    H_CHUNKED,
    H_CONTINUE,
    H_HTTP10,
    H_RELATIVE,
    H_KEPT_CLOSED,
    H_EARLY,
    H_HALF_CLOSED,
    H_GOOD
} hcase;

static struct {
    int fd, spy_fd; /* the peer's listening socket; a socket the XXE payload points at */
    unsigned port, spy_port;
    pthread_t thread;
    volatile int stop;
    volatile hcase mode;
    char marker_path[64];   /* a file the XXE payload points at */
    volatile size_t sent;   /* bytes of an oversized body the peer got out... */
    volatile int sent_done; /* ... once it stopped sending */
    volatile int stale;     /* bytes came on a connection the peer had closed its side of */
} P;

static const char marker[] = "MOFBIND-SECRET-FILE-CONTENT";

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0) {
            if (k < 0 && errno == EINTR)
                continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Reads one request (headers and Content-Length body) into buf; its length, or -1. */
static long read_request(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    char *hend = NULL;
    long clen = 0;
    for (;;) {
        ssize_t k;
        struct pollfd pf = {fd, POLLIN, 0};
        if (hend) {
            const char *cl = strstr(buf, "Content-Length:");
            if (!cl)
                cl = strstr(buf, "content-length:");
            clen = cl ? strtol(cl + 15, NULL, 10) : 0;
            if ((long)(n - (size_t)(hend + 4 - buf)) >= clen)
                return (long)n;
        }
        if (n + 1 >= cap || poll(&pf, 1, 5000) <= 0)
            return -1;
        k = recv(fd, buf + n, cap - n - 1, 0);
        if (k <= 0)
            return -1;
        n += (size_t)k;
        buf[n] = '\0';
        if (!hend)
            hend = strstr(buf, "\r\n\r\n");
    }
}

static void message_id(const char *req, char *out, size_t cap)
{
    const char *p = strstr(req, "MessageID>"), *e;
    out[0] = '\0';
    if (!p)
        return;
    p += 10;
    e = strchr(p, '<');
    if (e && (size_t)(e - p) < cap) {
        memcpy(out, p, (size_t)(e - p));
        out[e - p] = '\0';
    }
}

#define ENV_OPEN                                                                                   \
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "                             \
    "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
#define GET_HEAD                                                                                   \
    "<s:Header><a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse</a:Action>"    \
    "<a:MessageID>uuid:0f0f0f0f-0000-4000-8000-000000000001</a:MessageID>"                         \
    "<a:RelatesTo>%s</a:RelatesTo></s:Header>"
#define WIDGET                                                                                     \
    "<p:Contoso_Widget xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"               \
    "Contoso_Widget\"><p:Id>w1</p:Id><p:Name>%s</p:Name></p:Contoso_Widget>"

static void respond(int fd, const char *status, const char *ctype, const char *extra,
                    const char *body, size_t len)
{
    char head[512];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s"
                     "Connection: close\r\n\r\n",
                     status, ctype, len, extra ? extra : "");
    if (send_all(fd, head, (size_t)n) == 0 && len)
        send_all(fd, body, len);
}

/* The answer to the GetInstance whose MessageID is id: a widget of that name. */
static int widget_answer(char *body, size_t cap, const char *id, const char *name)
{
    return snprintf(body, cap, ENV_OPEN GET_HEAD "<s:Body>" WIDGET "</s:Body></s:Envelope>", id,
                    name);
}

/* Sends a head of status 200, the SOAP Content-Type and extra header lines. */
static int head_200(int fd, const char *version, const char *extra)
{
    char head[256];
    int k = snprintf(head, sizeof head,
                     "HTTP/%s 200 OK\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n%s\r\n",
                     version, extra);
    return send_all(fd, head, (size_t)k);
}

/* What a server does with a request too large for it: answers 413 once the head is in,
 * without reading the body, and closes its side, reading (and dropping) what still comes
 * until the client closes, so that the answer is not lost to a reset. */
static void refuse_early(int fd)
{
    static const char a[] = "HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 0\r\n"
                            "Connection: close\r\n\r\n";
    char buf[65536];
    size_t n = 0;
    double until = now_s() + 5;
    while (n < 4 || memcmp(buf + n - 4, "\r\n\r\n", 4) != 0) { /* (read a byte at a time) */
        ssize_t k = n + 1 < sizeof buf ? recv(fd, buf + n, 1, 0) : -1;
        if (k <= 0)
            return;
        n += (size_t)k;
    }
    if (send_all(fd, a, sizeof a - 1) < 0)
        return;
    shutdown(fd, SHUT_WR);
    while (now_s() < until) {
        struct pollfd pf = {fd, POLLIN, 0};
        ssize_t k;
        if (poll(&pf, 1, 100) < 0 ||
            ((pf.revents & POLLIN) && (k = recv(fd, buf, sizeof buf, 0)) <= 0))
            break;
        P.sent += pf.revents & POLLIN ? (size_t)k : 0;
    }
}

static void serve(int fd, hcase mode)
{
    static const char soap_ct[] = "application/soap+xml;charset=UTF-8";
    char req[65536], body[8192], id[128];
    int n;
    if (mode == H_EARLY) {
        refuse_early(fd);
        P.sent_done = 1;
        return;
    }
    if (read_request(fd, req, sizeof req) < 0)
        return;
    message_id(req, id, sizeof id);
    switch (mode) {
    case H_GARBAGE: {
        char g[3000];
        size_t i;
        for (i = 0; i < sizeof g; i++)
            g[i] = (char)((i * 7919u + 13u) % 256u);
        respond(fd, "200 OK", soap_ct, NULL, g, sizeof g);
        break;
    }
    case H_TRUNCATED:
        n = widget_answer(body, sizeof body, id, "one");
        respond(fd, "200 OK", soap_ct, NULL, body, (size_t)n / 2);
        break;
    case H_HUGE: {
        /* 17 MiB of a well-formed start: the client must stop reading at its cap. */
        static char chunk[65536];
        size_t sent = 0, total = 17u << 20;
        char head[256];
        memset(chunk, ' ', sizeof chunk);
        n = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %zu\r\n\r\n", soap_ct,
                     total);
        if (send_all(fd, head, (size_t)n) < 0)
            break;
        n = snprintf(body, sizeof body, ENV_OPEN GET_HEAD "<s:Body>", id);
        send_all(fd, body, (size_t)n);
        sent = (size_t)n;
        while (sent < total && !P.stop && send_all(fd, chunk, sizeof chunk) == 0)
            sent += sizeof chunk;
        P.sent = sent;
        break;
    }
    case H_STREAM: {
        /* The same 17 MiB, chunked: no length announced, the client must count. */
        static char chunk[65536];
        size_t sent = 0, total = 17u << 20;
        char head[256];
        memset(chunk, ' ', sizeof chunk);
        n = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n",
                     soap_ct);
        if (send_all(fd, head, (size_t)n) < 0)
            break;
        while (sent < total && !P.stop) {
            n = snprintf(head, sizeof head, "%zx\r\n", sizeof chunk);
            if (send_all(fd, head, (size_t)n) < 0 || send_all(fd, chunk, sizeof chunk) < 0 ||
                send_all(fd, "\r\n", 2) < 0)
                break;
            sent += sizeof chunk;
        }
        P.sent = sent;
        break;
    }
    case H_OVER_ENVELOPE: {
        /* A complete, well-formed answer of 40,000 bytes: over a MaxEnvelopeSize of 32 KiB. */
        static char big[45000];
        char name[40001];
        memset(name, 'x', sizeof name - 1);
        name[sizeof name - 1] = '\0';
        n = snprintf(big, sizeof big, ENV_OPEN GET_HEAD "<s:Body>" WIDGET "</s:Body></s:Envelope>",
                     id, name);
        respond(fd, "200 OK", soap_ct, NULL, big, (size_t)n);
        break;
    }
    case H_ATTRS: {
        /* About 990 kB: one element with 100,000 attributes (libxml2's duplicate check is
         * quadratic: 17 s of parsing before the codec bounded attributes), the widget after. */
        static char big[1100000];
        size_t k = 0, i;
        k += (size_t)snprintf(big, sizeof big,
                              ENV_OPEN GET_HEAD "<s:Body><x:junk xmlns:x=\"urn:x\"", id);
        for (i = 0; i < 100000; i++)
            k += (size_t)snprintf(big + k, sizeof big - k, " a%zu=\"\"", i);
        k +=
            (size_t)snprintf(big + k, sizeof big - k, "/>" WIDGET "</s:Body></s:Envelope>", "many");
        respond(fd, "200 OK", soap_ct, NULL, big, k);
        break;
    }
    case H_DRIP: {
        /* A well-formed answer, one byte every 50 ms: slower than the timeout allows. */
        double end = now_s() + 4 * TIMEOUT_S;
        char head[256];
        int i;
        n = widget_answer(body, sizeof body, id, "one");
        i = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", soap_ct,
                     n);
        if (send_all(fd, head, (size_t)i) < 0)
            break;
        for (i = 0; i < n && !P.stop && now_s() < end; i++) {
            if (send_all(fd, body + i, 1) < 0)
                break;
            usleep(50000);
        }
        break;
    }
    case H_RESET: {
        struct linger lg = {1, 0};
        char head[256];
        int k;
        n = widget_answer(body, sizeof body, id, "one");
        k = snprintf(head, sizeof head,
                     "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", soap_ct,
                     n);
        send_all(fd, head, (size_t)k);
        send_all(fd, body, (size_t)n / 2);
        usleep(100000);
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg); /* close sends a RST */
        break;
    }
    case H_500_EMPTY:
        respond(fd, "500 Internal Server Error", soap_ct, NULL, "", 0);
        break;
    case H_401:
        respond(fd, "401 Unauthorized", "text/plain", "WWW-Authenticate: Basic realm=\"WSMAN\"\r\n",
                "", 0);
        break;
    case H_302:
        respond(fd, "302 Found", "text/plain", "Location: http://elsewhere.example/wsman\r\n", "",
                0);
        break;
    case H_XXE:
        n = snprintf(body, sizeof body,
                     "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY f SYSTEM \"file://%s\">"
                     "<!ENTITY h SYSTEM \"http://127.0.0.1:%u/x\"><!ENTITY %% p SYSTEM "
                     "\"http://127.0.0.1:%u/p\"> %%p;]>" ENV_OPEN GET_HEAD "<s:Body>" WIDGET
                     "</s:Body></s:Envelope>",
                     P.marker_path, P.spy_port, P.spy_port, id, "&f;&h;");
        respond(fd, "200 OK", soap_ct, NULL, body, (size_t)n);
        break;
    case H_LAUGHS: {
        char dtd[2048];
        int k, i;
        k = snprintf(dtd, sizeof dtd,
                     "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY l0 "
                     "\"lol\">");
        for (i = 1; i < 10; i++)
            k += snprintf(dtd + k, sizeof dtd - (size_t)k,
                          "<!ENTITY l%d \"&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;\">", i,
                          i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
        snprintf(dtd + k, sizeof dtd - (size_t)k, "]>");
        n = snprintf(body, sizeof body,
                     "%s" ENV_OPEN GET_HEAD "<s:Body>" WIDGET "</s:Body></s:Envelope>", dtd, id,
                     "&l9;");
        respond(fd, "200 OK", soap_ct, NULL, body, (size_t)n);
        break;
    }
    case H_WRONG_CT:
        /* What a proxy or a web server in the way sends. */
        n = snprintf(body, sizeof body, "<html><body><h1>It works!</h1></body></html>");
        respond(fd, "200 OK", "text/html", NULL, body, (size_t)n);
        break;
    case H_UTF16: {
        /* The same answer in UTF-16LE with a BOM, as its Content-Type says. */
        char u8[4096], u16[8192];
        int k, i;
        k = snprintf(u8, sizeof u8,
                     "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" ENV_OPEN GET_HEAD
                     "<s:Body>" WIDGET "</s:Body></s:Envelope>",
                     id, "sixteen");
        u16[0] = (char)0xff;
        u16[1] = (char)0xfe;
        for (i = 0; i < k; i++) {
            u16[2 + 2 * i] = u8[i];
            u16[3 + 2 * i] = 0;
        }
        respond(fd, "200 OK", "application/soap+xml;charset=UTF-16", NULL, u16,
                (size_t)(2 + 2 * k));
        break;
    }
    case H_UTF7:
    case H_LATIN1:
        /* Declarations of encodings the client does not read (libxml2 would print "encoder
         * error" for UTF-7). */
        n = snprintf(body, sizeof body,
                     "<?xml version=\"1.0\" encoding=\"%s\"?>" ENV_OPEN GET_HEAD "<s:Body>" WIDGET
                     "</s:Body></s:Envelope>",
                     mode == H_UTF7 ? "UTF-7" : "ISO-8859-1", id, "seven");
        respond(fd, "200 OK", "application/soap+xml", NULL, body, (size_t)n);
        break;
    case H_EBCDIC: {
        /* An EBCDIC (code page 037) declaration: "<?xml" is 4C 6F A7 94 93. */
        static const unsigned char e[] = {
            0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40, 0xA5, 0x85, 0x99, 0xA2, 0x89, 0x96, 0x95, 0x7E,
            0x7F, 0xF1, 0x4B, 0xF0, 0x7F, 0x6F, 0x6E, 0x4C, 0xA2, 0x6E, 0x4C, 0x61, 0xA2, 0x6E};
        respond(fd, "200 OK", "application/soap+xml", NULL, (const char *)e, sizeof e);
        break;
    }
    case H_OTHER_ID:
        n = snprintf(body, sizeof body,
                     ENV_OPEN GET_HEAD "<s:Body>" WIDGET "</s:Body></s:Envelope>",
                     "uuid:11111111-2222-4333-8444-555555555555", "other");
        respond(fd, "200 OK", soap_ct, NULL, body, (size_t)n);
        break;
    case H_CHUNKED: {
        /* The good answer in chunks of 100 bytes, each with an extension, and a trailer. */
        char line[32];
        int k;
        n = widget_answer(body, sizeof body, id, "one");
        if (head_200(fd, "1.1", "Transfer-Encoding: chunked\r\n") < 0)
            break;
        for (k = 0; k < n; k += 100) {
            int len = n - k < 100 ? n - k : 100, h = snprintf(line, sizeof line, "%X;x=y\r\n", len);
            if (send_all(fd, line, (size_t)h) < 0 || send_all(fd, body + k, (size_t)len) < 0 ||
                send_all(fd, "\r\n", 2) < 0)
                break;
        }
        send_all(fd, "0\r\nX-Trailer: 1\r\n\r\n", 19);
        break;
    }
    case H_CONTINUE:
        send_all(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25);
        n = widget_answer(body, sizeof body, id, "one");
        respond(fd, "200 OK", soap_ct, NULL, body, (size_t)n);
        break;
    case H_HTTP10:
        /* No length: the answer ends when the connection does. */
        n = widget_answer(body, sizeof body, id, "one");
        if (head_200(fd, "1.0", "") == 0)
            send_all(fd, body, (size_t)n);
        break;
    case H_RELATIVE:
        respond(fd, "307 Temporary Redirect", "text/plain", "Location: /other/wsman?x=1\r\n", "",
                0);
        break;
    case H_KEPT_CLOSED: {
        /* An answer that keeps the connection, then the close a server's idle timeout makes. */
        char len[64];
        n = widget_answer(body, sizeof body, id, "one");
        snprintf(len, sizeof len, "Content-Length: %d\r\n", n);
        if (head_200(fd, "1.1", len) == 0)
            send_all(fd, body, (size_t)n);
        usleep(50000); /* the client has its answer and keeps the connection */
        break;
    }
    case H_EARLY: /* (answered above) */
        break;
    case H_HALF_CLOSED: {
        /* An answer that keeps the connection, then the server's idle close of its side; a
         * request the client sends on that connection afterwards is still read here. */
        char len[64];
        double until;
        n = widget_answer(body, sizeof body, id, "one");
        snprintf(len, sizeof len, "Content-Length: %d\r\n", n);
        if (head_200(fd, "1.1", len) < 0 || send_all(fd, body, (size_t)n) < 0)
            break;
        usleep(100000);
        shutdown(fd, SHUT_WR);
        until = now_s() + 1.5;
        while (now_s() < until) {
            struct pollfd pf = {fd, POLLIN, 0};
            if (poll(&pf, 1, 50) > 0) {
                if (recv(fd, req, sizeof req, 0) > 0)
                    P.stale = 1;
                break; /* its close, or a request on it */
            }
        }
        break;
    }
    case H_GOOD:
        n = widget_answer(body, sizeof body, id, "one");
        respond(fd, "200 OK", soap_ct, NULL, body, (size_t)n);
        break;
    }
    P.sent_done = 1;
}

static void *peer_main(void *arg)
{
    (void)arg;
    while (!P.stop) {
        struct pollfd pf = {P.fd, POLLIN, 0};
        int c;
        if (poll(&pf, 1, 100) <= 0)
            continue;
        c = accept(P.fd, NULL, NULL);
        if (c < 0)
            continue;
        serve(c, P.mode);
        close(c);
    }
    return NULL;
}

static int listen_loopback(unsigned *port)
{
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    ck_assert_int_eq(listen(fd, 16), 0);
    ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &al), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

static MI_Application app;

static void setup(void)
{
    FILE *f;
    int fd, rcvbuf;
    signal(SIGPIPE, SIG_IGN);
    memset(&P, 0, sizeof P);
    P.fd = listen_loopback(&P.port);
    /* A small receive buffer, as a busy server's: what a client has sent before it sees an
     * early answer (answer_while_sending) is then mostly in its own send buffer. */
    rcvbuf = 65536;
    setsockopt(P.fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    P.spy_fd = listen_loopback(&P.spy_port);
    snprintf(P.marker_path, sizeof P.marker_path, "/tmp/mofbind-xxe-XXXXXX");
    fd = mkstemp(P.marker_path);
    ck_assert_int_ge(fd, 0);
    f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs(marker, f);
    fclose(f);
    ck_assert_int_eq(pthread_create(&P.thread, NULL, peer_main, NULL), 0);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
}

static void teardown(void)
{
    P.stop = 1;
    pthread_join(P.thread, NULL);
    close(P.fd);
    close(P.spy_fd);
    unlink(P.marker_path);
    ck_assert_int_eq(MI_Application_Close(&app), MI_RESULT_OK);
}

typedef struct outcome {
    MI_Result result;
    int has_details;
    MI_Uint32 category;
    char message[1024];
    char name[256]; /* the Name of the instance read, when one came */
    size_t name_len;
    double seconds;
} outcome;

static void get_widget(MI_Session *s, outcome *o)
{
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w = NULL;
    MI_Interval t;
    MI_Value v;
    MI_Boolean more = MI_TRUE;
    double start;

    memset(o, 0, sizeof *o);
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Widget", NULL, &w), MI_RESULT_OK);
    v.string = (MI_Char *)"w1";
    ck_assert_int_eq(MI_Instance_AddElement(w, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    memset(&t, 0, sizeof t);
    t.seconds = TIMEOUT_S;
    ck_assert_int_eq(MI_OperationOptions_SetTimeout(&oo, &t), MI_RESULT_OK);
    start = now_s();
    MI_Session_GetInstance(s, 0, &oo, "root/cimv2", w, NULL, &op);
    while (more) {
        const MI_Instance *inst = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &r, &msg, &details),
                         MI_RESULT_OK);
        if (inst && MI_Instance_GetElement(inst, "Name", &v, NULL, NULL, NULL) == MI_RESULT_OK &&
            v.string)
            snprintf(o->name, sizeof o->name, "%s", v.string), o->name_len = strlen(v.string);
        if (!more) {
            o->result = r;
            if (msg)
                snprintf(o->message, sizeof o->message, "%s", msg);
            if (details) {
                o->has_details = 1;
                if (MI_Instance_GetElement(details, "error_Category", &v, NULL, NULL, NULL) ==
                    MI_RESULT_OK)
                    o->category = v.uint32;
                if (!o->message[0] &&
                    MI_Instance_GetElement(details, "Message", &v, NULL, NULL, NULL) ==
                        MI_RESULT_OK &&
                    v.string)
                    snprintf(o->message, sizeof o->message, "%s", v.string);
            }
        }
    }
    o->seconds = now_s() - start;
    MI_Operation_Close(&op);
    MI_OperationOptions_Delete(&oo);
    MI_Instance_Delete(w);
}

/* A session to the peer; envelope_kb: its MaxEnvelopeSize in KiB (0: the default). */
static void open_session(MI_Session *s, MI_Uint32 envelope_kb)
{
    MI_DestinationOptions o = MI_DESTINATIONOPTIONS_NULL;
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", P.port);
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&app, &o), MI_RESULT_OK);
    if (envelope_kb)
        ck_assert_int_eq(MI_DestinationOptions_SetMaxEnvelopeSize(&o, envelope_kb), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewSession(&app, NULL, url, &o, NULL, NULL, s), MI_RESULT_OK);
    MI_DestinationOptions_Delete(&o);
}

static const struct {
    hcase mode;
    const char *name;
    MI_Result want;
    MI_Uint32 category; /* 0: not checked */
    const char *in_message;
    MI_Uint32 envelope_kb; /* the session's MaxEnvelopeSize (0: the default, 500 KiB) */
} cases[] = {
    {H_GARBAGE, "garbage", MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, NULL, 0},
    {H_TRUNCATED, "truncated XML", MI_RESULT_FAILED, 0, NULL, 0},
    {H_HUGE, "17 MiB announced, over MaxEnvelopeSize", MI_RESULT_SERVER_LIMITS_EXCEEDED,
     MI_ERRORCATEGORY_LIMITS_EXCEEDED, "larger than the MaxEnvelopeSize of 512000 bytes", 0},
    {H_STREAM, "17 MiB chunked, over MaxEnvelopeSize", MI_RESULT_SERVER_LIMITS_EXCEEDED,
     MI_ERRORCATEGORY_LIMITS_EXCEEDED, "larger than the MaxEnvelopeSize of 16384 bytes", 16},
    {H_HUGE, "17 MiB announced, over the 16 MiB cap", MI_RESULT_SERVER_LIMITS_EXCEEDED,
     MI_ERRORCATEGORY_LIMITS_EXCEEDED, "larger than the client's limit of 16777216 bytes", 32768},
    {H_OVER_ENVELOPE, "40 kB over a MaxEnvelopeSize of 32 KiB", MI_RESULT_SERVER_LIMITS_EXCEEDED,
     MI_ERRORCATEGORY_LIMITS_EXCEEDED, "MaxEnvelopeSize of 32768 bytes", 32},
    {H_OVER_ENVELOPE, "40 kB within a MaxEnvelopeSize of 64 KiB", MI_RESULT_OK, 0, NULL, 64},
    {H_ATTRS, "100,000 attributes on one element", MI_RESULT_SERVER_LIMITS_EXCEEDED, 0,
     "more than 64 attributes", 2048},
    {H_DRIP, "slow drip", MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_TIMEOUT, "timed out", 0},
    {H_RESET, "reset mid-body", MI_RESULT_FAILED, MI_ERRORCATEGORY_CONNECTION_ERROR, NULL, 0},
    {H_500_EMPTY, "500 empty", MI_RESULT_FAILED, 0, "empty body", 0},
    {H_401, "401", MI_RESULT_ACCESS_DENIED, 0, NULL, 0},
    {H_302, "302", MI_RESULT_NOT_SUPPORTED, 0, "elsewhere.example", 0},
    {H_XXE, "XXE", MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, NULL, 0},
    {H_LAUGHS, "billion laughs", MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, NULL, 0},
    {H_WRONG_CT, "wrong Content-Type (an HTML page)", MI_RESULT_FAILED,
     MI_ERRORCATEGORY_PROTOCOL_ERROR, NULL, 0},
    {H_UTF16, "UTF-16 body", MI_RESULT_OK, 0, NULL, 0},
    {H_UTF7, "a body declaring UTF-7", MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
     "declares encoding UTF-7: only UTF-8 and UTF-16 are supported", 0},
    {H_LATIN1, "a body declaring ISO-8859-1", MI_RESULT_NOT_SUPPORTED,
     MI_ERRORCATEGORY_PROTOCOL_ERROR, "declares encoding ISO-8859-1", 0},
    {H_EBCDIC, "an EBCDIC body", MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
     "EBCDIC: only UTF-8 and UTF-16 are supported", 0},
    {H_OTHER_ID, "response to another MessageID", MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
     "RelatesTo", 0},
    {H_CHUNKED, "a chunked answer with extensions and a trailer", MI_RESULT_OK, 0, NULL, 0},
    {H_CONTINUE, "100 Continue before the answer", MI_RESULT_OK, 0, NULL, 0},
    {H_HTTP10, "HTTP/1.0, the body ended by the close", MI_RESULT_OK, 0, NULL, 0},
    {H_RELATIVE, "307 to a relative Location", MI_RESULT_NOT_SUPPORTED, 0, "/other/wsman?x=1", 0},
    {H_KEPT_CLOSED, "kept alive, then closed by the server", MI_RESULT_OK, 0, NULL, 0},
};

/* One case per test run (_i), on a fresh session, then a good answer on the same session: the
 * hostile answer left the session usable. */
START_TEST(hostile_answer)
{
    MI_Session s = MI_SESSION_NULL;
    outcome o;
    struct pollfd spy = {P.spy_fd, POLLIN, 0};
    stderr_capture cap;
    char printed[512];

    P.mode = cases[_i].mode;
    P.sent = 0;
    P.sent_done = 0;
    open_session(&s, cases[_i].envelope_kb);
    /* The library prints nothing, whatever the answer (libxml2's messages included). */
    ck_assert_int_eq(stderr_capture_begin(&cap), 0);
    get_widget(&s, &o);
    stderr_capture_end(&cap, printed, sizeof printed);
    ck_assert_msg(!printed[0], "%s: printed on stderr: %s", cases[_i].name, printed);
    ck_assert_msg(o.result == cases[_i].want, "%s: result %d (%s)", cases[_i].name, o.result,
                  o.message);
    ck_assert_msg(o.seconds <= TIMEOUT_S * 1.1, "%s: took %.2f s, over the timeout (%d s) + 10%%",
                  cases[_i].name, o.seconds, TIMEOUT_S);
    if (o.result != MI_RESULT_OK) {
        ck_assert_msg(o.has_details, "%s: no error details", cases[_i].name);
        ck_assert_msg(o.message[0], "%s: no message", cases[_i].name);
    }
    if (cases[_i].category)
        ck_assert_msg(o.category == cases[_i].category, "%s: category %u, want %u (%s)",
                      cases[_i].name, o.category, cases[_i].category, o.message);
    if (cases[_i].in_message)
        ck_assert_msg(strstr(o.message, cases[_i].in_message), "%s: message '%s'", cases[_i].name,
                      o.message);
    if (cases[_i].mode == H_UTF16)
        ck_assert_str_eq(o.name, "sixteen");
    if (cases[_i].want == MI_RESULT_OK && cases[_i].mode >= H_CHUNKED)
        ck_assert_str_eq(o.name, "one");
    if (cases[_i].mode == H_RELATIVE) { /* made absolute against the destination */
        char abs[96];
        snprintf(abs, sizeof abs, "http://127.0.0.1:%u/other/wsman?x=1", P.port);
        ck_assert_msg(strstr(o.message, abs), "message '%s'", o.message);
    }
    if (cases[_i].mode == H_OVER_ENVELOPE && o.result == MI_RESULT_OK)
        ck_assert_uint_eq(o.name_len, 40000);
    /* An oversized body is abandoned at the limit, not read to its end (what the peer got out
     * is at most the limit plus the loopback's socket buffers). */
    if (cases[_i].mode == H_HUGE || cases[_i].mode == H_STREAM) {
        double until = now_s() + 5;
        while (!P.sent_done && now_s() < until) /* the peer notes when its sending ends */
            usleep(10000);
        ck_assert_msg(P.sent_done && P.sent < (12u << 20), "%s: the peer sent %zu bytes%s",
                      cases[_i].name, (size_t)P.sent, P.sent_done ? "" : " and goes on");
    }
    /* No file read, no network access: the marker file's text is nowhere, and nobody
     * connected to the port the payload named. */
    ck_assert_ptr_null(strstr(o.message, marker));
    ck_assert_ptr_null(strstr(o.name, marker));
    ck_assert_int_eq(poll(&spy, 1, 0), 0);

    P.mode = H_GOOD;
    get_widget(&s, &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%s: the next request: %d (%s)", cases[_i].name,
                  o.result, o.message);
    ck_assert_str_eq(o.name, "one");
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}
END_TEST

/* A Create of 12 MiB that the server refuses as soon as it has read the request's head: the
 * client stops sending (the server reads far less than the request) and reports the server's
 * answer (HTTP 413), not a failure to send, in far less than the timeout; the session goes
 * on. */
START_TEST(answer_while_sending)
{
    MI_Session s = MI_SESSION_NULL;
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w = NULL;
    const MI_Instance *res = NULL;
    const MI_Char *msg = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;
    MI_Interval t;
    MI_Value v;
    outcome o;
    size_t big = 12u << 20;
    /* (Valgrind, MOFBIND_TEST_SLOW, writes the 12 MiB request far slower.) */
    double bound = getenv("MOFBIND_TEST_SLOW") ? 120 : 10;
    char *name = (char *)malloc(big + 1);
    double start;
    ck_assert_ptr_nonnull(name);
    memset(name, 'x', big);
    name[big] = '\0';
    P.mode = H_EARLY;
    P.sent = 0;
    P.sent_done = 0;
    open_session(&s, 0);
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Contoso_Widget", NULL, &w), MI_RESULT_OK);
    v.string = (MI_Char *)"w1";
    ck_assert_int_eq(MI_Instance_AddElement(w, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    v.string = name;
    ck_assert_int_eq(MI_Instance_AddElement(w, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    memset(&t, 0, sizeof t);
    t.seconds = 20;
    ck_assert_int_eq(MI_OperationOptions_SetTimeout(&oo, &t), MI_RESULT_OK);
    start = now_s();
    MI_Session_CreateInstance(&s, 0, &oo, "root/cimv2", w, NULL, &op);
    while (more)
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &res, &more, &r, &msg, NULL), MI_RESULT_OK);
    ck_assert_msg(r == MI_RESULT_SERVER_LIMITS_EXCEEDED && msg && strstr(msg, "413"),
                  "result %d (%s)", (int)r, msg ? msg : "");
    ck_assert_msg(now_s() - start < bound, "took %.1f s", now_s() - start);
    start = now_s();
    while (!P.sent_done && now_s() < start + 6)
        usleep(10000);
    ck_assert_msg(P.sent_done && P.sent < (8u << 20), "the peer read %zu bytes of the body%s",
                  (size_t)P.sent, P.sent_done ? "" : " and goes on");
    MI_Operation_Close(&op);
    MI_OperationOptions_Delete(&oo);
    MI_Instance_Delete(w);
    free(name);

    P.mode = H_GOOD;
    get_widget(&s, &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "the next request: %d (%s)", o.result, o.message);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}
END_TEST

/* A kept-alive connection idle for over a second, which the server has closed meanwhile, is
 * looked at before it is used again: the next request goes on a new connection, not on the
 * closed one (where it would be lost and sent again). */
START_TEST(idle_connection_looked_at)
{
    MI_Session s = MI_SESSION_NULL;
    outcome o;
    P.mode = H_HALF_CLOSED;
    P.stale = 0;
    open_session(&s, 0);
    get_widget(&s, &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "%d (%s)", o.result, o.message);
    usleep(1200000);
    P.mode = H_GOOD;
    get_widget(&s, &o);
    ck_assert_msg(o.result == MI_RESULT_OK, "the next request: %d (%s)", o.result, o.message);
    ck_assert_msg(!P.stale, "the request after the idle time went on the closed connection");
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}
END_TEST

/* GetClass against the peer (timeout TIMEOUT_S): its final result, category and message. */
static void get_class(MI_Session *s, outcome *o)
{
    MI_OperationOptions oo = MI_OPERATIONOPTIONS_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Interval t;
    MI_Value v;
    MI_Boolean more = MI_TRUE;
    double start;
    memset(o, 0, sizeof *o);
    ck_assert_int_eq(MI_Application_NewOperationOptions(&app, MI_FALSE, &oo), MI_RESULT_OK);
    memset(&t, 0, sizeof t);
    t.seconds = TIMEOUT_S;
    ck_assert_int_eq(MI_OperationOptions_SetTimeout(&oo, &t), MI_RESULT_OK);
    start = now_s();
    MI_Session_GetClass(s, 0, &oo, "root/cimv2", "Contoso_Widget", NULL, &op);
    while (more) {
        const MI_Class *c = NULL;
        const MI_Instance *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        ck_assert_int_eq(MI_Operation_GetClass(&op, &c, &more, &r, &msg, &details), MI_RESULT_OK);
        if (!more) {
            o->result = r;
            snprintf(o->message, sizeof o->message, "%s", msg ? msg : "");
            o->has_details = details != NULL;
            if (details && MI_Instance_GetElement(details, "error_Category", &v, NULL, NULL,
                                                  NULL) == MI_RESULT_OK)
                o->category = v.uint32;
        }
    }
    o->seconds = now_s() - start;
    MI_Operation_Close(&op);
    MI_OperationOptions_Delete(&oo);
}

/* GetClass fails as every operation does: a timeout, garbage, an instance where a class
 * should be. */
START_TEST(hostile_class_answer)
{
    static const struct {
        hcase mode;
        MI_Uint32 category;
        const char *in_message;
    } cc[] = {{H_DRIP, MI_ERRORCATEGORY_OPERATION_TIMEOUT, "timed out"},
              {H_GARBAGE, MI_ERRORCATEGORY_PROTOCOL_ERROR, NULL},
              {H_GOOD, MI_ERRORCATEGORY_INVALID_RESULT, "not a <CLASS>"}};
    MI_Session s = MI_SESSION_NULL;
    outcome o;
    size_t i;
    open_session(&s, 0);
    for (i = 0; i < sizeof cc / sizeof cc[0]; i++) {
        P.mode = cc[i].mode;
        get_class(&s, &o);
        ck_assert_msg(o.result == MI_RESULT_FAILED, "case %zu: %d (%s)", i, o.result, o.message);
        ck_assert(o.has_details);
        ck_assert_msg(o.category == cc[i].category, "case %zu: category %u (%s)", i, o.category,
                      o.message);
        if (cc[i].in_message)
            ck_assert_msg(strstr(o.message, cc[i].in_message), "case %zu: '%s'", i, o.message);
        ck_assert(o.seconds <= TIMEOUT_S * 1.1);
    }
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("hostile_peer");
    TCase *tc = tcase_create("hostile_peer");
    SRunner *sr;
    int failed;
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, hostile_answer, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_test(tc, hostile_class_answer);
    tcase_add_test(tc, answer_while_sending);
    tcase_add_test(tc, idle_connection_looked_at);
    suite_add_tcase(su, tc);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
