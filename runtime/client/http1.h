/* SPDX-License-Identifier: MIT */
/* runtime/client/http1.h: the reader of an HTTP/1.x answer for a session's synchronous lane,
 * which writes its request and reads the answer itself over a connection libcurl opened
 * (CURLOPT_CONNECT_ONLY): the head (status line and the fields the transport acts on) and the
 * chunked transfer coding of the body. Strict where framing is at stake (a Content-Length or
 * Transfer-Encoding read wrong would splice two answers), and taking what real servers write
 * (bare LF line ends, empty reasons, chunk extensions, trailers).
 *
 * Ownership: nothing is allocated; the head's pointers point into the caller's buffer, valid as
 * long as it is. The decoder appends to the caller's util_buf.
 * Threads: none of its own; a call touches only its arguments.
 * Errors: -1 with *why set to a short static reason (never freed, never formatted). */
#ifndef MOFBIND_HTTP1_H
#define MOFBIND_HTTP1_H

#include <stddef.h>

#include "util.h"

typedef struct mob_h1_head {
    int status;               /* 100..599 */
    int minor;                /* HTTP/1.<minor>: 0 or 1 */
    size_t head_len;          /* bytes of the head, the blank line included */
    int chunked;              /* the last Transfer-Encoding coding is chunked */
    long long content_length; /* -1: none given */
    int close;                /* the connection ends after this answer: Connection: close,
                                 or HTTP/1.0 without Connection: keep-alive (or with a
                                 Transfer-Encoding: RFC 9112 6.1) */
    const char *ctype;        /* Content-Type's value in the caller's buffer, trimmed of
                                 surrounding blanks (NULL: none); ctype_len its length */
    size_t ctype_len;
    const char *location; /* Location's value, likewise (NULL: none) */
    size_t location_len;
} mob_h1_head;

/* Reads the head of an HTTP/1.x response at buf[0..len).
 * Returns 1 when buf holds a whole head (*out filled), 0 when more bytes are needed (nothing
 * wrong so far and no blank line yet, and len <= max_head), -1 when it is not a valid
 * HTTP/1.x response head or the head is longer than max_head bytes (*why: a short static
 * reason, e.g. "the answer is not HTTP/1.x", "the answer's head is over 102400 bytes",
 * "two different Content-Length values", "a Transfer-Encoding other than chunked").
 * Lines end in CRLF or a bare LF.
 *
 * It reads at most max_head bytes of buf and keeps no state between calls, so a caller that
 * calls it again after each read of a byte or two does quadratic work: call it when the new
 * bytes hold a '\n', or when fewer than 13 bytes (the status line's fixed part) are in. */
int mob_h1_head_parse(const char *buf, size_t len, size_t max_head, mob_h1_head *out,
                      const char **why);

typedef struct mob_h1_chunks {
    int state;               /* internal; zero-initialize (memset) before the first call */
    unsigned long long left; /* internal */
} mob_h1_chunks;

/* Decodes chunked transfer coding incrementally: in[0..len) is the next piece of what follows
 * the head. Appends each chunk's data to out (util_buf_putn; runtime/util) and sets *used to
 * the bytes of in it consumed. Returns 1 when the last chunk and the trailer's blank line have
 * been read (*used stops right after it: anything after is not this answer's), 0 when all of in
 * was consumed and more is needed, -1 on a malformed coding (*why) or when out->failed. Chunk
 * extensions (";name=value") and trailer fields are read and ignored; a chunk size over 16 hex
 * digits or not hex is malformed. The caller checks out->len against its own size limit after
 * each call (so a piece adds at most len bytes).
 *
 * A chunk size line (extensions included) is at most 4096 bytes and the trailer at most 65536;
 * once it returned 1 or -1, later calls return the same and consume nothing. */
int mob_h1_dechunk(mob_h1_chunks *st, const char *in, size_t len, size_t *used, util_buf *out,
                   const char **why);

#endif
