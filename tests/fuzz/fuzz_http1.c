/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_http1.c: libFuzzer harness for the synchronous lane's HTTP/1.x answer reader
 * (runtime/client/http1.c). The first byte chooses the head's size limit and where the body is
 * split; the rest is an answer. Its head is read and every promise of mob_h1_head_parse checked
 * (a head lies within the input and the limit, its values within the buffer, a prefix of it
 * asks for more); then what follows a chunked head (or the whole input, when there is none) is
 * decoded in two pieces and again a byte at a time, which must agree to the byte. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http1.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                                   \
    do {                                                                                           \
        if (!(x))                                                                                  \
            __builtin_trap();                                                                      \
    } while (0)

static int within(const char *p, size_t n, const char *buf, size_t len)
{
    return p >= buf && n <= len && p - buf <= (ptrdiff_t)(len - n);
}

/* Decodes in[0..len) in pieces (split bytes first when nonzero, then the rest; or step bytes at
 * a time when step > 0),
 * each piece a copy of its exact size; returns the result, the bytes used in all in *used. */
static int dechunk(const char *in, size_t len, size_t split, size_t step, size_t *used,
                   util_buf *out)
{
    mob_h1_chunks st;
    size_t at = 0;
    int r = 0;
    memset(&st, 0, sizeof st);
    do {
        size_t n = step ? step : at == 0 && split ? split : len - at, u = 0;
        const char *why = NULL;
        char *p;
        if (n > len - at)
            n = len - at;
        p = malloc(n ? n : 1);
        if (!p)
            abort();
        memcpy(p, in + at, n);
        r = mob_h1_dechunk(&st, p, n, &u, out, &why);
        free(p);
        CHECK(u <= n && (r != 0 || u == n) && (r >= 0 || why));
        at += u;
    } while (r == 0 && at < len);
    *used = at;
    return r;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data + 1;
    size_t len, max_head, body_len, used1, used2;
    const char *body, *why = NULL;
    util_buf a, b;
    mob_h1_head h;
    int r, r1, r2;

    if (size == 0)
        return 0;
    len = size - 1;
    max_head = data[0] & 0x80 ? 102400 : 16 + (size_t)(data[0] & 0x7f) * 4;
    r = mob_h1_head_parse(buf, len, max_head, &h, &why);
    CHECK(r >= -1 && r <= 1);
    body = buf;
    body_len = len;
    if (r == 1) {
        mob_h1_head again;
        CHECK(h.head_len > 0 && h.head_len <= len && h.head_len <= max_head);
        CHECK(h.status >= 100 && h.status <= 599 && (h.minor == 0 || h.minor == 1));
        CHECK(h.content_length >= -1 && (!h.chunked || h.content_length == -1));
        CHECK(!h.ctype || within(h.ctype, h.ctype_len, buf, h.head_len));
        CHECK(!h.location || within(h.location, h.location_len, buf, h.head_len));
        /* The head is all its own: alone it reads the same; one byte short it asks for more. */
        CHECK(mob_h1_head_parse(buf, h.head_len, max_head, &again, &why) == 1);
        CHECK(again.head_len == h.head_len && again.status == h.status &&
              again.content_length == h.content_length && again.close == h.close);
        CHECK(mob_h1_head_parse(buf, h.head_len - 1, max_head, &again, &why) == 0);
        if (h.chunked) {
            body = buf + h.head_len;
            body_len = len - h.head_len;
        }
    } else if (r == 0) {
        CHECK(len <= max_head);
    } else {
        CHECK(why != NULL);
    }

    util_buf_init(&a);
    util_buf_init(&b);
    r1 = dechunk(body, body_len, body_len ? data[0] % (body_len + 1) : 0, 0, &used1, &a);
    r2 = dechunk(body, body_len, 0, 1, &used2, &b);
    CHECK(r1 == r2 && a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0));
    CHECK(r1 != 1 || used1 == used2);
    CHECK(a.len <= body_len);
    util_buf_free(&a);
    util_buf_free(&b);
    return 0;
}
