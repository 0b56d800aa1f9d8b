/* SPDX-License-Identifier: MIT */
/* runtime/client/http1.c: the HTTP/1.x answer reader of a session's synchronous lane (see
 * http1.h): the head, read whole from the caller's buffer each time it is called, and the
 * chunked coding, decoded byte by byte across pieces by a small state machine.
 *
 * Ownership: nothing allocated; the head's values point into the caller's buffer.
 * Threads: none; no state outside the arguments.
 * Errors: -1 and a static reason in *why.
 *
 * The grammar is RFC 9112's, read strictly where a mistake would misframe the answer (the
 * status line, Content-Length, Transfer-Encoding, line ends: a CR is only ever the first half
 * of a line end, so that no two readers may split the bytes differently) and leniently where
 * servers vary and nothing rides on it (bare LF line ends, an empty or absent reason, blanks
 * after a chunk size). Obsolete line folding is refused rather than unfolded: no server this
 * lane talks to folds, and a folded Content-Length is a smuggling trick. Every loop is bounded
 * by the length it is given and nothing is read past it. */
#include "config.h"

#include <limits.h>
#include <string.h>

#include "http1.h"

static const char not_http[] = "the answer is not HTTP/1.x";
static const char bad_field[] = "a field of the answer's head is not 'name: value'";
static const char bad_byte[] = "a control character in the answer's head";
static const char bare_cr[] = "a CR not followed by LF in the answer's head";

/* The bytes of a field value or a reason: visible characters, obs-text, blanks. */
static int is_text(unsigned char c)
{
    return c == '\t' || (c >= 0x20 && c != 0x7f);
}

/* RFC 9110's tchar. */
static int is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* s[0..n) equals the lowercase word w, ignoring ASCII case. */
static int word_is(const char *s, size_t n, const char *w)
{
    size_t i;
    if (n != strlen(w))
        return 0;
    for (i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != (unsigned char)w[i])
            return 0;
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Finds the end of the line of text b[from..) within b[0..n): 1 with *end at the line's last
 * byte of text (before CR LF or LF) and *next after its LF, 0 when no line end is in yet and
 * every byte so far is text, -1 (*why) on a control character or a CR not before an LF. */
static int line_end(const char *b, size_t n, size_t from, size_t *end, size_t *next,
                    const char **why)
{
    size_t i;
    for (i = from; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        if (c == '\n') {
            *end = i;
            *next = i + 1;
            return 1;
        }
        if (c == '\r') {
            if (i + 1 == n)
                return 0;
            if (b[i + 1] != '\n') {
                *why = bare_cr;
                return -1;
            }
            *end = i;
            *next = i + 2;
            return 1;
        }
        if (!is_text(c)) {
            *why = bad_byte;
            return -1;
        }
    }
    return 0;
}

/* The status line: "HTTP/1." 0|1 SP 3DIGIT (100..599), then SP and a reason, or the line end.
 * 1 with *next at the first field line, 0 when b[0..n) is a prefix of one, -1. */
static int status_line(const char *b, size_t n, size_t *next, mob_h1_head *out, const char **why)
{
    static const char lead[] = "HTTP/1.";
    size_t i, end;
    int r;
    for (i = 0; i < n && i < 13; i++) {
        char c = b[i];
        int ok;
        if (i < 7)
            ok = c == lead[i];
        else if (i == 7)
            ok = c == '0' || c == '1';
        else if (i == 8)
            ok = c == ' ';
        else if (i == 9)
            ok = c >= '1' && c <= '5';
        else if (i < 12)
            ok = c >= '0' && c <= '9';
        else
            ok = c == ' ' || c == '\r' || c == '\n';
        if (!ok) {
            *why = not_http;
            return -1;
        }
    }
    if (n < 13)
        return 0;
    r = line_end(b, n, 12, &end, next, why);
    if (r < 0)
        *why = not_http;
    if (r <= 0)
        return r;
    out->minor = b[7] - '0';
    out->status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
    return 1;
}

/* What the fields read so far say of the body and the connection. */
typedef struct h1_fields {
    int te;         /* Transfer-Encoding given */
    int conn_close; /* Connection: close */
    int conn_keep;  /* Connection: keep-alive */
    long long clen; /* -1: no Content-Length yet */
} h1_fields;

static int content_length(const char *v, size_t n, h1_fields *f, const char **why)
{
    long long x = 0;
    size_t i;
    if (n == 0) {
        *why = "a Content-Length that is not a number";
        return -1;
    }
    for (i = 0; i < n; i++) {
        int d = v[i] - '0';
        if (d < 0 || d > 9) {
            *why = "a Content-Length that is not a number";
            return -1;
        }
        if (x > (LLONG_MAX - d) / 10) {
            *why = "a Content-Length too large";
            return -1;
        }
        x = x * 10 + d;
    }
    if (f->clen >= 0 && f->clen != x) {
        *why = "two different Content-Length values";
        return -1;
    }
    f->clen = x;
    return 0;
}

/* Calls each(element, length) on every non-empty element of a comma-separated list, trimmed
 * of blanks; stops at the first that returns nonzero and returns that. */
static int each_element(const char *v, size_t n,
                        int (*each)(const char *, size_t, h1_fields *, const char **), h1_fields *f,
                        const char **why)
{
    size_t i = 0;
    while (i < n) {
        size_t s, e;
        while (i < n && (is_blank(v[i]) || v[i] == ','))
            i++;
        s = i;
        while (i < n && v[i] != ',')
            i++;
        e = i;
        while (e > s && is_blank(v[e - 1]))
            e--;
        if (e > s) {
            int r = each(v + s, e - s, f, why);
            if (r)
                return r;
        }
    }
    return 0;
}

static int te_coding(const char *c, size_t n, h1_fields *f, const char **why)
{
    if (!word_is(c, n, "chunked")) {
        *why = "a Transfer-Encoding other than chunked";
        return -1;
    }
    if (f->te) {
        *why = "a Transfer-Encoding naming chunked twice";
        return -1;
    }
    f->te = 1;
    return 0;
}

static int conn_token(const char *t, size_t n, h1_fields *f, const char **why)
{
    (void)why;
    if (word_is(t, n, "close"))
        f->conn_close = 1;
    else if (word_is(t, n, "keep-alive"))
        f->conn_keep = 1;
    return 0;
}

/* Reads one field, its value trimmed, for what the head reports: a field named otherwise is
 * ignored. */
static int field(const char *name, size_t nn, const char *v, size_t vn, h1_fields *f,
                 mob_h1_head *out, const char **why)
{
    switch (lower((unsigned char)name[0])) {
    case 'c':
        if (word_is(name, nn, "content-length"))
            return content_length(v, vn, f, why);
        if (word_is(name, nn, "content-type")) {
            if (!out->ctype) {
                out->ctype = v;
                out->ctype_len = vn;
            }
            return 0;
        }
        if (word_is(name, nn, "connection"))
            return each_element(v, vn, conn_token, f, why);
        return 0;
    case 't':
        if (word_is(name, nn, "transfer-encoding")) {
            int had = f->te;
            if (each_element(v, vn, te_coding, f, why))
                return -1;
            if (f->te == had) {
                *why = "an empty Transfer-Encoding";
                return -1;
            }
        }
        return 0;
    case 'l':
        if (word_is(name, nn, "location") && !out->location) {
            out->location = v;
            out->location_len = vn;
        }
        return 0;
    default:
        return 0;
    }
}

/* What a head cut short at n bytes means: more is needed, unless the limit is reached. */
static int need_more(size_t len, size_t max_head, const char **why)
{
    if (len <= max_head)
        return 0;
    *why = max_head == 102400 ? "the answer's head is over 102400 bytes"
                              : "the answer's head is over its size limit";
    return -1;
}

int mob_h1_head_parse(const char *buf, size_t len, size_t max_head, mob_h1_head *out,
                      const char **why)
{
    size_t n = len < max_head ? len : max_head; /* a head ends within max_head or is refused */
    size_t i;
    h1_fields f = {0, 0, 0, -1};
    int r;

    memset(out, 0, sizeof *out);
    out->content_length = -1;
    r = status_line(buf, n, &i, out, why);
    if (r <= 0)
        return r < 0 ? -1 : need_more(len, max_head, why);
    for (;;) {
        size_t ns = i, colon, vs, ve, next;
        if (i == n)
            return need_more(len, max_head, why);
        if (buf[i] == '\n' || buf[i] == '\r') {
            if (buf[i] == '\r') {
                if (i + 1 == n)
                    return need_more(len, max_head, why);
                if (buf[i + 1] != '\n') {
                    *why = bare_cr;
                    return -1;
                }
                i++;
            }
            out->head_len = i + 1;
            break;
        }
        if (is_blank(buf[i])) {
            *why = "a folded field line (obsolete line folding) in the answer's head";
            return -1;
        }
        for (colon = i; colon < n && buf[colon] != ':'; colon++)
            if (!is_tchar((unsigned char)buf[colon])) {
                *why = bad_field;
                return -1;
            }
        if (colon == n)
            return need_more(len, max_head, why);
        if (colon == ns) {
            *why = bad_field;
            return -1;
        }
        r = line_end(buf, n, colon + 1, &ve, &next, why);
        if (r <= 0)
            return r < 0 ? -1 : need_more(len, max_head, why);
        for (vs = colon + 1; vs < ve && is_blank(buf[vs]); vs++)
            ;
        while (ve > vs && is_blank(buf[ve - 1]))
            ve--;
        if (field(buf + ns, colon - ns, buf + vs, ve - vs, &f, out, why))
            return -1;
        i = next;
    }
    out->chunked = f.te;
    out->content_length = f.te ? -1 : f.clen;
    /* RFC 9112 6.1: an HTTP/1.0 answer with a Transfer-Encoding ends its connection. */
    out->close = f.conn_close || (out->minor == 0 && (!f.conn_keep || f.te));
    return 1;
}

/* ---- chunked transfer coding ------------------------------------------------------------- */

/* mob_h1_chunks.state: the step below in its low 4 bits and, above them, a count of the bytes
 * of the current size line (the digits first, so that it is also their count) or of the
 * trailer. left: the chunk size as it is read, then the bytes of its data still to come. */
enum {
    CH_SIZE,     /* reading the size's hex digits (state 0: a zeroed st starts here) */
    CH_SIZE_WS,  /* blanks after the digits */
    CH_EXT,      /* an extension, after ';', to the line end */
    CH_SIZE_LF,  /* the LF after the size line's CR */
    CH_DATA,     /* left bytes of data */
    CH_DATA_END, /* the CR LF (or LF) after the data */
    CH_DATA_LF,  /* the LF after its CR */
    CH_TRL,      /* at the start of a trailer line or the final blank line */
    CH_TRL_TEXT, /* in a trailer line */
    CH_TRL_LF,   /* the LF after a trailer line's CR */
    CH_END_LF,   /* the LF after the final blank line's CR */
    CH_DONE,
    CH_FAILED
};

#define CH_LINE_MAX 4096
#define CH_TRAILER_MAX 65536

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The step after a chunk size line's LF: its data, or the trailer after the last chunk; the
 * count restarts (at -1: the LF is no byte of what follows). */
static int size_line_end(const mob_h1_chunks *st, int *count)
{
    *count = -1;
    return st->left ? CH_DATA : CH_TRL;
}

int mob_h1_dechunk(mob_h1_chunks *st, const char *in, size_t len, size_t *used, util_buf *out,
                   const char **why)
{
    int step = st->state & 15, count = st->state >> 4;
    size_t i = 0;
    const char *err = NULL;

    if (step == CH_DONE || step == CH_FAILED) {
        *used = 0;
        if (step == CH_FAILED)
            *why = "the chunked coding failed before";
        return step == CH_DONE ? 1 : -1;
    }
    while (i < len && step != CH_DONE && !err) {
        char c = in[i];
        int d;
        switch (step) {
        case CH_DATA: {
            size_t k = len - i;
            if ((unsigned long long)k > st->left)
                k = (size_t)st->left;
            util_buf_putn(out, in + i, k);
            i += k;
            st->left -= k;
            if (st->left == 0)
                step = CH_DATA_END;
            continue;
        }
        case CH_SIZE:
            d = hex_digit(c);
            if (d >= 0) {
                if (count == 16)
                    err = "a chunk size over 16 hex digits";
                st->left = st->left << 4 | (unsigned)d;
                break;
            }
            if (count == 0) {
                err = "a chunk size that is not hex";
                break;
            }
            step = CH_SIZE_WS;
            /* fall through */
        case CH_SIZE_WS:
            if (is_blank(c))
                break;
            if (c == ';') {
                step = CH_EXT;
                break;
            }
            if (c != '\r' && c != '\n') {
                err = "a chunk size that is not hex";
                break;
            }
            /* fall through */
        case CH_EXT:
            if (c == '\r')
                step = CH_SIZE_LF;
            else if (c == '\n')
                step = size_line_end(st, &count);
            else if (!is_text((unsigned char)c))
                err = "a control character in a chunk extension";
            break;
        case CH_SIZE_LF:
            if (c == '\n')
                step = size_line_end(st, &count);
            else
                err = "a CR not followed by LF in a chunk size line";
            break;
        case CH_DATA_END:
            if (c == '\r')
                step = CH_DATA_LF;
            else if (c == '\n')
                step = CH_SIZE, count = -1;
            else
                err = "a chunk's data is not followed by CRLF";
            break;
        case CH_DATA_LF:
            if (c != '\n')
                err = "a chunk's data is not followed by CRLF";
            step = CH_SIZE;
            count = -1;
            break;
        case CH_TRL:
            if (c == '\r')
                step = CH_END_LF;
            else if (c == '\n')
                step = CH_DONE;
            else
                step = CH_TRL_TEXT;
            break;
        case CH_TRL_TEXT:
            if (c == '\r')
                step = CH_TRL_LF;
            else if (c == '\n')
                step = CH_TRL;
            break;
        case CH_TRL_LF:
        case CH_END_LF:
            if (c != '\n')
                err = "a CR not followed by LF in a chunked answer's trailer";
            step = step == CH_TRL_LF ? CH_TRL : CH_DONE;
            break;
        }
        if (err)
            break;
        i++;
        count++;
        if (step <= CH_EXT && count > CH_LINE_MAX)
            err = "a chunk size line over 4096 bytes";
        else if (step >= CH_TRL && count > CH_TRAILER_MAX)
            err = "a chunked answer's trailer over 65536 bytes";
    }
    if (!err && out->failed)
        err = "out of memory reading a chunked answer";
    *used = i;
    if (err) {
        st->state = CH_FAILED;
        *why = err;
        return -1;
    }
    st->state = step | count << 4;
    return step == CH_DONE;
}
