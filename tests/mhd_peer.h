/* SPDX-License-Identifier: MIT */
/* tests/mhd_peer.h: the small HTTP peer on libmicrohttpd that the client's suites put in front
 * of libmofbind (tests/test_client's scripted peer, tests/test_krb5's SPNEGO peer): a daemon on
 * an ephemeral loopback port, a thread a connection, and each request's body gathered before
 * the suite's handler answers it. Included by one test program each (static functions). */
#ifndef MOFBIND_MHD_PEER_H
#define MOFBIND_MHD_PEER_H

#include <check.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#if MHD_VERSION < 0x00097002
typedef int mhd_ret;
#else
typedef enum MHD_Result mhd_ret;
#endif

/* A request's body as it arrives: NUL-terminated, never NULL once complete. */
typedef struct mhd_body {
    char *buf;
    size_t len;
    int too_big; /* it went past the limit: what came after was dropped */
} mhd_body;

/* The first part of an access handler: gathers the body of the request into *con_cls (up to
 * max bytes; 0: no limit). Returns NULL while the body is still arriving, with *ret what the
 * handler returns (MHD_NO when memory ran out); else the whole body. */
static inline mhd_body *mhd_body_gather(void **con_cls, const char *upload, size_t *upload_size,
                                        size_t max, mhd_ret *ret)
{
    mhd_body *b = (mhd_body *)*con_cls;
    *ret = MHD_YES;
    if (!b) {
        if (!(b = (mhd_body *)calloc(1, sizeof *b)))
            *ret = MHD_NO;
        *con_cls = b;
        return NULL;
    }
    if (*upload_size) {
        if (max && b->len + *upload_size > max) {
            b->too_big = 1;
        } else {
            char *nb = (char *)realloc(b->buf, b->len + *upload_size + 1);
            if (!nb) {
                *ret = MHD_NO;
                return NULL;
            }
            b->buf = nb;
            memcpy(b->buf + b->len, upload, *upload_size);
            b->len += *upload_size;
            b->buf[b->len] = '\0';
        }
        *upload_size = 0;
        return NULL;
    }
    if (!b->buf && !(b->buf = (char *)calloc(1, 1))) {
        *ret = MHD_NO;
        return NULL;
    }
    return b;
}

/* MHD_OPTION_NOTIFY_COMPLETED: frees the body mhd_body_gather gathered. */
static inline void mhd_body_done(void *cls, struct MHD_Connection *c, void **con_cls,
                                 enum MHD_RequestTerminationCode toe)
{
    mhd_body *b = (mhd_body *)*con_cls;
    (void)cls, (void)c, (void)toe;
    if (b) {
        free(b->buf);
        free(b);
    }
    *con_cls = NULL;
}

/* The port a daemon started on port 0 was given. */
static inline unsigned mhd_port(struct MHD_Daemon *d)
{
    const union MHD_DaemonInfo *info;
    ck_assert_ptr_nonnull(d);
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    ck_assert_ptr_nonnull(info);
    ck_assert_uint_ne(info->port, 0);
    return info->port;
}

#endif
