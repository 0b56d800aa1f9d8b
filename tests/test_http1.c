/* SPDX-License-Identifier: MIT */
/* tests/test_http1.c: the synchronous lane's HTTP/1.x answer reader (runtime/client/http1.c),
 * from tables of inputs and the results expected: heads (what each field yields, each refusal's
 * reason to the byte, every prefix of a valid head asking for more, the size limit, a non-HTTP
 * peer refused at its first bytes) and chunked bodies (each decoded whole, one byte at a time
 * and split in two at every byte, all giving the same result). Every input is read from a
 * malloc'd copy of exactly its size, so that ASan sees any read past it. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http1.h"

#define S(lit) lit, sizeof lit - 1

static const char not_http[] = "the answer is not HTTP/1.x";
static const char bad_field[] = "a field of the answer's head is not 'name: value'";
static const char bad_byte[] = "a control character in the answer's head";
static const char bare_cr[] = "a CR not followed by LF in the answer's head";
static const char folded[] = "a folded field line (obsolete line folding) in the answer's head";
static const char cl_nan[] = "a Content-Length that is not a number";
static const char te_other[] = "a Transfer-Encoding other than chunked";

/* A copy of in[0..len) in a block of exactly len bytes (one, unread, for len 0). */
static char *exact(const char *in, size_t len)
{
    char *p = malloc(len ? len : 1);
    ck_assert_ptr_nonnull(p);
    memcpy(p, in, len);
    return p;
}

static int parse(const char *in, size_t len, size_t max_head, mob_h1_head *h, const char **why)
{
    char *p = exact(in, len);
    int r;
    *why = NULL;
    r = mob_h1_head_parse(p, len, max_head, h, why);
    /* Point the values back into in, so that the caller may compare them after p is gone. */
    if (r == 1 && h->ctype) {
        ck_assert(h->ctype >= p && h->ctype + h->ctype_len <= p + len);
        h->ctype = in + (h->ctype - p);
    }
    if (r == 1 && h->location) {
        ck_assert(h->location >= p && h->location + h->location_len <= p + len);
        h->location = in + (h->location - p);
    }
    free(p);
    return r;
}

/* ---- heads ------------------------------------------------------------------------------- */

typedef struct head_case {
    const char *in;
    size_t len;
    int status; /* 0: refused, with why */
    int minor;
    size_t head_len; /* 0: all of in */
    int chunked;
    long long clen;
    int close;
    const char *ctype;    /* NULL: none */
    const char *location; /* NULL: none */
    const char *why;
} head_case;

/* Answers that are heads, and what they say. */
static const head_case good_heads[] = {
    {S("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml;charset=UTF-8\r\n"
       "Content-Length: 123\r\n\r\n"),
     200, 1, 0, 0, 123, 0, "application/soap+xml;charset=UTF-8", NULL, NULL},
    /* OMI's answer head */
    {S("HTTP/1.1 200 OK\r\nContent-Length: 1503\r\nConnection: Keep-Alive\r\n"
       "Content-Type: application/soap+xml;charset=UTF-8\r\n\r\n"),
     200, 1, 0, 0, 1503, 0, "application/soap+xml;charset=UTF-8", NULL, NULL},
    {S("HTTP/1.1 204 No Content\nContent-Length: 0\n\n"), 204, 1, 0, 0, 0, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200\r\n\r\n"), 200, 1, 0, 0, -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200\n\n"), 200, 1, 0, 0, -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 \r\n\r\n"), 200, 1, 0, 0, -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 \xc3\xa9t\xe9 \t ok\r\n\r\n"), 200, 1, 0, 0, -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\n"), 200, 0, 0, 0, 5, 1, NULL, NULL, NULL},
    {S("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\n\r\n"), 200, 0, 0, 0, -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\n\r\n"), 200, 0, 0, 0, -1, 1, NULL, NULL,
     NULL},
    {S("HTTP/1.1 500 Internal Server Error\r\nConnection: keep-alive, Close\r\n\r\n"), 500, 1, 0, 0,
     -1, 1, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nConnection:close\r\n\r\n"), 200, 1, 0, 0, -1, 1, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nConnection: Upgrade\r\nConnection: ,, x-closed\r\n\r\n"), 200, 1, 0, 0,
     -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"), 200, 1, 0, 1, -1, 0, NULL, NULL,
     NULL},
    /* chunked wins over a Content-Length */
    {S("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nTransfer-Encoding: Chunked\r\n\r\n"), 200, 1, 0, 1,
     -1, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: ,chunked ,\r\n\r\n"), 200, 1, 0, 1, -1, 0, NULL, NULL,
     NULL},
    /* RFC 9112 6.1: an HTTP/1.0 answer with a Transfer-Encoding closes its connection */
    {S("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"), 200, 0,
     0, 1, -1, 1, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 42\r\nContent-Length: 42\r\n\r\n"), 200, 1, 0, 0, 42, 0,
     NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nContent-Length: \t 7 \t\r\n\r\n"), 200, 1, 0, 0, 7, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775807\r\n\r\n"), 200, 1, 0, 0,
     9223372036854775807LL, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 007\r\n\r\n"), 200, 1, 0, 0, 7, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 302 Found\r\nLocation:  https://h:5986/wsman  \r\nLocation: /other\r\n\r\n"), 302,
     1, 0, 0, -1, 0, NULL, "https://h:5986/wsman", NULL},
    {S("HTTP/1.1 200 OK\r\ncontent-TYPE: text/xml\r\nCONTENT-length: 3\r\nCONTENT-TYPE: a/b\r\n"
       "LOCATION: x\r\n\r\n"),
     200, 1, 0, 0, 3, 0, "text/xml", "x", NULL},
    {S("HTTP/1.1 200 OK\r\nContent-Type:   \r\n\r\n"), 200, 1, 0, 0, -1, 0, "", NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nContent-Type: a\tb ; c=\"d e\"\r\n\r\n"), 200, 1, 0, 0, -1, 0,
     "a\tb ; c=\"d e\"", NULL, NULL},
    {S("HTTP/1.1 200 OK\r\nX-Empty:\r\nServer: Microsoft-HTTPAPI/2.0\r\n"
       "!#$%&'*+-.^_`|~09az: \x80\xff\r\n\r\n"),
     200, 1, 0, 0, -1, 0, NULL, NULL, NULL},
    /* 1xx answers are heads like others */
    {S("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"), 100, 1, 25, 0, -1, 0, NULL, NULL,
     NULL},
    {S("HTTP/1.1 599 x\r\n\r\n"), 599, 1, 0, 0, -1, 0, NULL, NULL, NULL},
    /* the body after the head is not the head's */
    {S("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody"), 200, 1, 38, 0, 4, 0, NULL, NULL, NULL},
    {S("HTTP/1.1 200 OK\n\r\n\r\n"), 200, 1, 18, 0, -1, 0, NULL, NULL, NULL},
};

/* Answers refused, and why. */
static const head_case bad_heads[] = {
    {S("HTTP/2 200\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.2 200 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 099 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 600 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 20 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 2000 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 2x0 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1  200 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1\t200 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("http/1.1 200 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S(" HTTP/1.1 200 OK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 200\rOK\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 200 OK\rX\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 200 O\x01K\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 200 O\0K\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("<html><body>hello</body></html>"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("\x16\x03\x01\x02\x00"), 0, 0, 0, 0, 0, 0, NULL, NULL, not_http},
    {S("HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_field},
    {S("HTTP/1.1 200 OK\r\nNoColon\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_field},
    {S("HTTP/1.1 200 OK\r\n: value\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_field},
    {S("HTTP/1.1 200 OK\r\nX\x7f: v\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_field},
    {S("HTTP/1.1 200 OK\r\nX(y): v\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_field},
    {S("HTTP/1.1 200 OK\r\n folded: x\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, folded},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\t6\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL,
     folded},
    {S("HTTP/1.1 200 OK\r\nX-A: b\rc\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bare_cr},
    {S("HTTP/1.1 200 OK\r\n\rX"), 0, 0, 0, 0, 0, 0, NULL, NULL, bare_cr},
    {S("HTTP/1.1 200 OK\r\nX-A: b\0c\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_byte},
    {S("HTTP/1.1 200 OK\r\nX-A: \x7f\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, bad_byte},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL,
     NULL, "two different Content-Length values"},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, cl_nan},
    {S("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, cl_nan},
    {S("HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, cl_nan},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, cl_nan},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 1 0\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, cl_nan},
    {S("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL, cl_nan},
    /* a Content-Length is read even when chunked wins */
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: x\r\n\r\n"), 0, 0, 0, 0, 0,
     0, NULL, NULL, cl_nan},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL,
     NULL, "a Content-Length too large"},
    {S("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n"), 0, 0, 0, 0, 0, 0,
     NULL, NULL, "a Content-Length too large"},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL,
     te_other},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL,
     te_other},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL,
     te_other},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;q=1\r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL,
     te_other},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"), 0, 0,
     0, 0, 0, 0, NULL, NULL, "a Transfer-Encoding naming chunked twice"},
    {S("HTTP/1.1 200 OK\r\nTransfer-Encoding: , \r\n\r\n"), 0, 0, 0, 0, 0, 0, NULL, NULL,
     "an empty Transfer-Encoding"},
};

static void check_head(const head_case *c, const mob_h1_head *h, int r, const char *why, int i)
{
    size_t head_len = c->head_len ? c->head_len : c->len;
    ck_assert_msg(r == 1, "good head %d: returned %d (%s)", i, r, why ? why : "");
    ck_assert_int_eq(h->status, c->status);
    ck_assert_int_eq(h->minor, c->minor);
    ck_assert_uint_eq(h->head_len, head_len);
    ck_assert_int_eq(h->chunked, c->chunked);
    ck_assert_msg(h->content_length == c->clen, "good head %d: content_length %lld", i,
                  h->content_length);
    ck_assert_msg(h->close == c->close, "good head %d: close %d", i, h->close);
    if (!c->ctype)
        ck_assert_ptr_null(h->ctype);
    else
        ck_assert_msg(h->ctype && h->ctype_len == strlen(c->ctype) &&
                          memcmp(h->ctype, c->ctype, h->ctype_len) == 0,
                      "good head %d: Content-Type", i);
    if (!c->location)
        ck_assert_ptr_null(h->location);
    else
        ck_assert_msg(h->location && h->location_len == strlen(c->location) &&
                          memcmp(h->location, c->location, h->location_len) == 0,
                      "good head %d: Location", i);
}

START_TEST(good_head)
{
    const head_case *c = &good_heads[_i];
    mob_h1_head h;
    const char *why;
    int r = parse(c->in, c->len, 102400, &h, &why);
    check_head(c, &h, r, why, _i);
}
END_TEST

/* Every prefix of a head asks for more; every longer input holds the same head. */
START_TEST(good_head_prefixes)
{
    const head_case *c = &good_heads[_i];
    size_t head_len = c->head_len ? c->head_len : c->len, k;
    mob_h1_head h;
    const char *why;
    for (k = 0; k < c->len; k++) {
        int r = parse(c->in, k, 102400, &h, &why);
        if (k < head_len)
            ck_assert_msg(r == 0, "good head %d, its first %zu bytes: %d (%s)", _i, k, r,
                          why ? why : "");
        else
            check_head(c, &h, r, why, _i);
    }
}
END_TEST

/* The smallest limit a head fits in is its length. */
START_TEST(good_head_limit)
{
    const head_case *c = &good_heads[_i];
    size_t head_len = c->head_len ? c->head_len : c->len;
    mob_h1_head h;
    const char *why;
    int r = parse(c->in, c->len, head_len, &h, &why);
    check_head(c, &h, r, why, _i);
    r = parse(c->in, c->len, head_len - 1, &h, &why);
    ck_assert_int_eq(r, -1);
    ck_assert_str_eq(why, "the answer's head is over its size limit");
}
END_TEST

START_TEST(bad_head)
{
    const head_case *c = &bad_heads[_i];
    mob_h1_head h;
    const char *why;
    size_t k;
    int r = parse(c->in, c->len, 102400, &h, &why);
    ck_assert_msg(r == -1, "bad head %d: returned %d", _i, r);
    ck_assert_msg(why && strcmp(why, c->why) == 0, "bad head %d: \"%s\", not \"%s\"", _i,
                  why ? why : "(null)", c->why);
    for (k = 0; k < c->len; k++)
        ck_assert_int_ne(parse(c->in, k, 102400, &h, &why), 1);
}
END_TEST

/* A peer that is not HTTP is refused at the first byte that cannot start a status line. */
START_TEST(non_http_refused_at_once)
{
    static const struct {
        const char *in;
        size_t len;
    } cases[] = {
        {S("<")},          {S("\x16")},         {S("h")},    {S("HTTP/2")}, {S("HTTP/1.1 2000")},
        {S("HTTP/1.1 6")}, {S("HTTP/1.1 20 ")}, {S("HTTPS")}};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mob_h1_head h;
        const char *why;
        ck_assert_int_eq(parse(cases[i].in, cases[i].len, 102400, &h, &why), -1);
        ck_assert_str_eq(why, not_http);
        ck_assert_int_eq(parse(cases[i].in, cases[i].len - 1, 102400, &h, &why), 0);
    }
}
END_TEST

/* The transport's limit, 102400 bytes: a head of exactly that many is read, one byte more is
 * refused, and so is a head still unended at 102401 bytes (never waiting for more). */
START_TEST(head_size_limit)
{
    static const char start[] = "HTTP/1.1 200 OK\r\nX-Pad: ";
    size_t max = 102400, n = max + 64, pad;
    char *b = malloc(n);
    mob_h1_head h;
    const char *why;
    ck_assert_ptr_nonnull(b);
    memcpy(b, start, sizeof start - 1);
    memset(b + sizeof start - 1, 'a', n - (sizeof start - 1));
    ck_assert_int_eq(parse(b, max, max, &h, &why), 0);
    ck_assert_int_eq(parse(b, max + 1, max, &h, &why), -1);
    ck_assert_str_eq(why, "the answer's head is over 102400 bytes");
    ck_assert_int_eq(parse(b, n, max, &h, &why), -1);
    ck_assert_str_eq(why, "the answer's head is over 102400 bytes");

    pad = max - (sizeof start - 1) - 4; /* the head ends at byte max */
    memcpy(b + sizeof start - 1 + pad, "\r\n\r\n", 4);
    ck_assert_int_eq(parse(b, n, max, &h, &why), 1);
    ck_assert_uint_eq(h.head_len, max);
    memcpy(b + sizeof start - 1 + pad, "a\r\n\r\n", 5);
    ck_assert_int_eq(parse(b, n, max, &h, &why), -1);
    ck_assert_str_eq(why, "the answer's head is over 102400 bytes");
    free(b);
}
END_TEST

/* ---- chunked bodies ---------------------------------------------------------------------- */

typedef struct chunk_case {
    const char *in;
    size_t len;
    int ret;
    const char *out; /* the data decoded (up to the refusal, for -1) */
    size_t out_len;
    size_t used; /* for 1: the bytes of the coding (0: all of in) */
    const char *why;
} chunk_case;

static const char data_crlf[] = "a chunk's data is not followed by CRLF";
static const char not_hex[] = "a chunk size that is not hex";

static const chunk_case chunks[] = {
    {S("1a;ext=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n"), 1, S("abcdefghijklmnopqrstuvwxyz"),
     0, NULL},
    {S("A\r\n0123456789\r\nf\r\nabcdefghijklmno\r\nF\r\nABCDEFGHIJKLMNO\r\n0\r\n\r\n"), 1,
     S("0123456789abcdefghijklmnoABCDEFGHIJKLMNO"), 0, NULL},
    {S("3\nabc\n2\r\nde\n0\n\n"), 1, S("abcde"), 0, NULL},
    {S("3\r\nabc\r\n0\r\nX-Trailer: 1\r\nY: 2\n\r\n"), 1, S("abc"), 0, NULL},
    {S("3\r\nabc\r\n0\r\n\r\nHTTP/1.1 200 OK\r\n"), 1, S("abc"), 13, NULL},
    {S("0003\r\nabc\r\n00\r\n\r\n0\r\n\r\n"), 1, S("abc"), 17, NULL},
    {S("3 \t; a=b ; c=\"d e\"\r\nabc\r\n0;last\r\n\r\n"), 1, S("abc"), 0, NULL},
    {S("0\r\n\r\n"), 1, S(""), 0, NULL},
    {S("0000000000000003\r\nabc\r\n0\r\n\r\n"), 1, S("abc"), 0, NULL},
    {S("4\r\n\r\n\r\n\r\n0\r\n\r\n"), 1, S("\r\n\r\n"), 0, NULL},
    {S("3\r\na\0c\r\n0\r\n\r\n"), 1, S("a\0c"), 0, NULL},
    {S("3\r\nab"), 0, S("ab"), 5, NULL},
    {S("3\r\nabc"), 0, S("abc"), 6, NULL},
    {S("3\r\nabc\r"), 0, S("abc"), 7, NULL},
    {S("0\r\n"), 0, S(""), 3, NULL},
    {S("0\r\nX: y\r\n"), 0, S(""), 9, NULL},
    {S("ffffffffffffffff\r\nabc"), 0, S("abc"), 21, NULL},
    {S(""), 0, S(""), 0, NULL},
    {S("g\r\n"), -1, S(""), 0, not_hex},
    {S("\r\n"), -1, S(""), 0, not_hex},
    {S(";x\r\n0\r\n\r\n"), -1, S(""), 0, not_hex},
    {S(" 3\r\nabc\r\n0\r\n\r\n"), -1, S(""), 0, not_hex},
    {S("-1\r\n"), -1, S(""), 0, not_hex},
    {S("3x\r\nabc\r\n0\r\n\r\n"), -1, S(""), 0, not_hex},
    {S("3 x\r\nabc\r\n0\r\n\r\n"), -1, S(""), 0, not_hex},
    {S("00000000000000003\r\nabc\r\n0\r\n\r\n"), -1, S(""), 0, "a chunk size over 16 hex digits"},
    {S("3\r\nabcX\r\n0\r\n\r\n"), -1, S("abc"), 0, data_crlf},
    {S("3\r\nabc\rX0\r\n\r\n"), -1, S("abc"), 0, data_crlf},
    {S("3\r\nabcd\r\n0\r\n\r\n"), -1, S("abc"), 0, data_crlf},
    {S("3\rX"), -1, S(""), 0, "a CR not followed by LF in a chunk size line"},
    {S("3;a\x01\r\nabc\r\n0\r\n\r\n"), -1, S(""), 0, "a control character in a chunk extension"},
    {S("0\r\nX: 1\rZ\r\n\r\n"), -1, S(""), 0,
     "a CR not followed by LF in a chunked answer's trailer"},
    {S("0\r\n\rX"), -1, S(""), 0, "a CR not followed by LF in a chunked answer's trailer"},
};

typedef struct chunk_run {
    int ret;
    size_t used; /* in all, over the pieces */
    const char *why;
    util_buf out;
} chunk_run;

/* Feeds in[0..len) in pieces: all at once when step is 0, else step bytes at a time, except
 * that split, when nonzero, is where the first piece ends. Each piece is an exact-size copy. */
static void run_chunks(const char *in, size_t len, size_t split, size_t step, chunk_run *run)
{
    mob_h1_chunks st;
    size_t at = 0;
    memset(&st, 0, sizeof st);
    memset(run, 0, sizeof *run);
    util_buf_init(&run->out);
    do {
        size_t n = split && at == 0 ? split : step ? step : len - at, used = (size_t)-1;
        char *p;
        if (n > len - at)
            n = len - at;
        p = exact(in + at, n);
        run->ret = mob_h1_dechunk(&st, p, n, &used, &run->out, &run->why);
        free(p);
        ck_assert_uint_le(used, n);
        if (run->ret == 0)
            ck_assert_uint_eq(used, n);
        at += used;
        run->used = at;
    } while (run->ret == 0 && at < len);
}

static void check_chunks(const chunk_case *c, const chunk_run *run, int i, const char *how)
{
    ck_assert_msg(run->ret == c->ret, "chunks %d %s: returned %d (%s)", i, how, run->ret,
                  run->why ? run->why : "");
    ck_assert_msg(run->out.len == c->out_len &&
                      (c->out_len == 0 || memcmp(run->out.data, c->out, c->out_len) == 0),
                  "chunks %d %s: decoded %zu bytes", i, how, run->out.len);
    if (c->ret >= 0)
        ck_assert_msg(run->used == (c->ret == 1 && c->used ? c->used : c->len),
                      "chunks %d %s: used %zu", i, how, run->used);
    else
        ck_assert_msg(run->why && strcmp(run->why, c->why) == 0, "chunks %d %s: \"%s\"", i, how,
                      run->why ? run->why : "(null)");
}

/* All at once, a byte at a time, and split in two at every byte: the same result. */
START_TEST(chunked)
{
    const chunk_case *c = &chunks[_i];
    chunk_run run;
    size_t k;
    run_chunks(c->in, c->len, 0, 0, &run);
    check_chunks(c, &run, _i, "whole");
    util_buf_free(&run.out);
    run_chunks(c->in, c->len, 0, 1, &run);
    check_chunks(c, &run, _i, "a byte at a time");
    util_buf_free(&run.out);
    for (k = 1; k < c->len; k++) {
        run_chunks(c->in, c->len, k, 0, &run);
        check_chunks(c, &run, _i, "split in two");
        util_buf_free(&run.out);
    }
}
END_TEST

/* After the end or a refusal the decoder stays there and reads nothing more; a buffer that ran
 * out of memory is a refusal. */
START_TEST(chunked_stays_done)
{
    mob_h1_chunks st;
    util_buf out;
    size_t used;
    const char *why = NULL;
    memset(&st, 0, sizeof st);
    util_buf_init(&out);
    ck_assert_int_eq(mob_h1_dechunk(&st, S("1\r\nx\r\n0\r\n\r\n1\r\ny"), &used, &out, &why), 1);
    ck_assert_uint_eq(used, 11);
    ck_assert_int_eq(mob_h1_dechunk(&st, S("1\r\ny\r\n"), &used, &out, &why), 1);
    ck_assert_uint_eq(used, 0);
    ck_assert_uint_eq(out.len, 1);
    memset(&st, 0, sizeof st);
    ck_assert_int_eq(mob_h1_dechunk(&st, S("z\r\n"), &used, &out, &why), -1);
    ck_assert_int_eq(mob_h1_dechunk(&st, S("1\r\ny\r\n0\r\n\r\n"), &used, &out, &why), -1);
    ck_assert_uint_eq(used, 0);
    ck_assert_uint_eq(out.len, 1);
    memset(&st, 0, sizeof st);
    util_buf_fail(&out);
    ck_assert_int_eq(mob_h1_dechunk(&st, S("3\r\nabc"), &used, &out, &why), -1);
    ck_assert_str_eq(why, "out of memory reading a chunked answer");
    util_buf_free(&out);
}
END_TEST

/* A size line of 4096 bytes is read, one of 4097 refused; likewise a trailer of 65536 bytes. */
START_TEST(chunked_line_limits)
{
    size_t n = 70000;
    char *b = malloc(n);
    chunk_run run;
    ck_assert_ptr_nonnull(b);
    memset(b, 'x', n);
    memcpy(b, "1;", 2);
    memcpy(b + 4096, "\r\nA\r\n0\r\n\r\n", 10);
    run_chunks(b, 4106, 0, 0, &run);
    ck_assert_int_eq(run.ret, 1);
    ck_assert_uint_eq(run.out.len, 1);
    util_buf_free(&run.out);
    run_chunks(b, 4106, 0, 1, &run);
    ck_assert_int_eq(run.ret, 1);
    util_buf_free(&run.out);

    memset(b, 'x', n);
    memcpy(b, "1;", 2);
    memcpy(b + 4097, "\r\nA\r\n0\r\n\r\n", 10);
    run_chunks(b, 4107, 0, 0, &run);
    ck_assert_int_eq(run.ret, -1);
    ck_assert_str_eq(run.why, "a chunk size line over 4096 bytes");
    util_buf_free(&run.out);
    memset(b, 'x', n);
    memcpy(b, "1;", 2);
    run_chunks(b, n, 0, 0, &run); /* never ended */
    ck_assert_int_eq(run.ret, -1);
    util_buf_free(&run.out);

    /* "0\r\n", then a trailer of 65536 bytes: lines of 62 bytes and LF, then its blank line */
    memset(b, 'x', n);
    memcpy(b, "0\r\n", 3);
    for (n = 3; n + 63 <= 3 + 65535; n += 63) {
        memcpy(b + n, "X:", 2);
        b[n + 62] = '\n';
    }
    memset(b + n, 'y', 3 + 65535 - n);
    b[3 + 65534] = '\n';
    b[3 + 65535] = '\n';
    run_chunks(b, 3 + 65536, 0, 0, &run);
    ck_assert_msg(run.ret == 1, "%s", run.why ? run.why : "");
    ck_assert_uint_eq(run.used, 3 + 65536);
    util_buf_free(&run.out);
    b[3 + 65535] = 'y';
    b[3 + 65536] = '\n';
    run_chunks(b, 3 + 65537, 0, 0, &run);
    ck_assert_int_eq(run.ret, -1);
    ck_assert_str_eq(run.why, "a chunked answer's trailer over 65536 bytes");
    util_buf_free(&run.out);
    free(b);
}
END_TEST

static Suite *http1_suite(void)
{
    Suite *s = suite_create("http1");
    TCase *c = tcase_create("head");
    int ngood = (int)(sizeof good_heads / sizeof good_heads[0]);
    int nchunks = (int)(sizeof chunks / sizeof chunks[0]);
    tcase_add_loop_test(c, good_head, 0, ngood);
    tcase_add_loop_test(c, good_head_prefixes, 0, ngood);
    tcase_add_loop_test(c, good_head_limit, 0, ngood);
    tcase_add_loop_test(c, bad_head, 0, (int)(sizeof bad_heads / sizeof bad_heads[0]));
    tcase_add_test(c, non_http_refused_at_once);
    tcase_add_test(c, head_size_limit);
    suite_add_tcase(s, c);
    c = tcase_create("chunked");
    tcase_add_loop_test(c, chunked, 0, nchunks);
    tcase_add_test(c, chunked_stays_done);
    tcase_add_test(c, chunked_line_limits);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(http1_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
