/* SPDX-License-Identifier: MIT */
/* tests/split_peer.h: a WS-Man peer on a loopback port that answers the way OMI's server
 * writes: each HTTP answer in two send() calls, a header of about 115 bytes and then the body,
 * with Nagle on (no TCP_NODELAY) and the connection kept alive. The answers are mofbind-server's
 * own (msrv_process on a server the caller made), so Create, Enumerate and Pull get real
 * answers; `page_one` rewrites the MaxElements of Enumerate and Pull requests to 1, so that an
 * enumeration takes one answer per instance. Against such a peer a client whose kernel delays
 * the ACK of the header gets the body ~40 ms later (the body waits for that ACK under Nagle).
 * One connection at a time, served by one thread. Shared by tests/test_split_answer.c and
 * bench/bench_runtime.c (static functions; no Check). Also: sp_quickack, the same ACK policy as
 * the transport's, for raw-socket clients. */
#ifndef MOFBIND_SPLIT_PEER_H
#define MOFBIND_SPLIT_PEER_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server.h"

typedef struct sp_peer {
    msrv_server *srv; /* answers the requests (not started: only msrv_process is used) */
    int fd;           /* listening */
    unsigned port;
    int page_one;
    volatile int stop;
    volatile unsigned accepted; /* connections accepted so far */
    pthread_t thread;
    char url[64];
} sp_peer;

/* Sends the pending ACK at once and leaves delayed-ACK mode until the kernel's next
 * heuristic (Linux; elsewhere nothing). */
static inline void sp_quickack(int fd)
{
#ifdef TCP_QUICKACK
    int one = 1;
    (void)setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#else
    (void)fd;
#endif
}

static inline int sp_send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* The Content-Length of a header block (case-insensitive name), or -1. */
static inline long sp_content_length(const char *head, size_t hlen)
{
    size_t i;
    for (i = 0; i + 15 < hlen; i++)
        if ((i == 0 || head[i - 1] == '\n') && !strncasecmp(head + i, "Content-Length:", 15))
            return strtol(head + i + 15, NULL, 10);
    return -1;
}

/* Reads one HTTP message (header and Content-Length body) from fd into *buf (grown as needed,
 * NUL-terminated); *body_at gets where the body starts. quickack: set TCP_QUICKACK before each
 * wait once part of the message has come, as libmofbind's transport does. Returns the
 * message's length, or -1 (closed, error, no Content-Length). */
static inline long sp_read_message(int fd, char **buf, size_t *cap, size_t *body_at, int quickack)
{
    size_t n = 0;
    long clen = -1;
    *body_at = 0;
    for (;;) {
        ssize_t k;
        if (!*body_at && n) {
            char *e = strstr(*buf, "\r\n\r\n");
            if (e) {
                *body_at = (size_t)(e + 4 - *buf);
                clen = sp_content_length(*buf, *body_at);
                if (clen < 0)
                    return -1;
            }
        }
        if (*body_at && n >= *body_at + (size_t)clen)
            return (long)n;
        if (n + 4096 > *cap) {
            size_t c = *cap ? *cap * 2 : 65536;
            char *p;
            while (c < n + 4096)
                c *= 2;
            if (!(p = (char *)realloc(*buf, c)))
                return -1;
            *buf = p;
            *cap = c;
        }
        if (n && quickack)
            sp_quickack(fd);
        k = recv(fd, *buf + n, *cap - n - 1, 0);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        n += (size_t)k;
        (*buf)[n] = '\0';
    }
}

/* The request with every "MaxElements>N<" made "MaxElements>1<" (malloc'd). */
static inline char *sp_page_one(const char *req, size_t len, size_t *out_len)
{
    char *out = (char *)malloc(len + 1), *o = out;
    const char *p = req, *end = req + len;
    if (!out)
        return NULL;
    while (p < end) {
        const char *m = strstr(p, "MaxElements>");
        if (!m || m >= end) {
            memcpy(o, p, (size_t)(end - p));
            o += end - p;
            break;
        }
        m += 12;
        memcpy(o, p, (size_t)(m - p));
        o += m - p;
        p = m;
        if (*p >= '0' && *p <= '9') {
            while (p < end && *p >= '0' && *p <= '9')
                p++;
            *o++ = '1';
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

/* One kept-alive connection: request after request, each answered header first, then body. */
static inline void sp_serve(sp_peer *p, int fd)
{
    char *buf = NULL, head[256];
    size_t cap = 0, at;
    long n;
    while (!p->stop && (n = sp_read_message(fd, &buf, &cap, &at, 0)) >= 0) {
        char *resp = NULL, *req = buf + at;
        size_t rlen = 0, qlen = (size_t)n - at;
        unsigned status = 0;
        char *paged = p->page_one ? sp_page_one(req, qlen, &qlen) : NULL;
        int hl;
        msrv_process(p->srv, NULL, paged ? paged : req, qlen, &status, &resp, &rlen);
        free(paged);
        /* OMI's header: the status line, Content-Length, Connection, Content-Type. */
        hl = snprintf(head, sizeof head,
                      "HTTP/1.1 %u %s\r\nContent-Length: %lu\r\nConnection: Keep-Alive\r\n"
                      "Content-Type: application/soap+xml;charset=UTF-8\r\n\r\n",
                      status, status == 200 ? "OK" : "Internal Server Error", (unsigned long)rlen);
        if (sp_send_all(fd, head, (size_t)hl) || (rlen && sp_send_all(fd, resp, rlen))) {
            free(resp);
            break;
        }
        free(resp);
    }
    free(buf);
}

static inline void *sp_main(void *arg)
{
    sp_peer *p = (sp_peer *)arg;
    while (!p->stop) {
        struct pollfd pf = {p->fd, POLLIN, 0};
        int c;
        if (poll(&pf, 1, 100) <= 0)
            continue;
        if ((c = accept(p->fd, NULL, NULL)) < 0)
            continue;
        p->accepted++;
        sp_serve(p, c);
        close(c);
    }
    return NULL;
}

/* Starts the peer on 127.0.0.1, a port the system picks, answering with srv. 0 or -1. */
static inline int sp_start(sp_peer *p, msrv_server *srv, int page_one)
{
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    int one = 1;
    memset(p, 0, sizeof *p);
    p->srv = srv;
    p->page_one = page_one;
    if ((p->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        return -1;
    setsockopt(p->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(p->fd, (struct sockaddr *)&a, sizeof a) || listen(p->fd, 4) ||
        getsockname(p->fd, (struct sockaddr *)&a, &al) ||
        pthread_create(&p->thread, NULL, sp_main, p)) {
        close(p->fd);
        return -1;
    }
    p->port = ntohs(a.sin_port);
    snprintf(p->url, sizeof p->url, "http://127.0.0.1:%u/wsman", p->port);
    return 0;
}

/* Stops the peer once its client has closed the connection it serves. */
static inline void sp_stop(sp_peer *p)
{
    p->stop = 1;
    pthread_join(p->thread, NULL);
    close(p->fd);
}

#endif
