/* SPDX-License-Identifier: MIT */
/* runtime/util/util.h: libutil, the small helpers every layer shares: the growable buffer,
 * strings, UTF-16 to UTF-8. Not installed; it includes nothing of ours, so that the MOF front
 * end, the runtime and the server may all use it. Names use util_. */
#ifndef MOFBIND_UTIL_H
#define MOFBIND_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the growable buffer (buf.c) ---------------------------------------------------------- */

/* Text built piece by piece, always NUL-terminated once anything is in it. Out of memory sets
 * failed, after which appends are ignored (so a writer checks once, at the end). Zeroed (or
 * util_buf_init) is empty; util_buf_free frees it and leaves it empty. */
typedef struct util_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} util_buf;

void util_buf_init(util_buf *b);
/* Empties b, keeping its memory; clears failed. */
void util_buf_reset(util_buf *b);
void util_buf_free(util_buf *b);
/* Makes room for more bytes (and the NUL); -1 (failed set) when it cannot. */
int util_buf_reserve(util_buf *b, size_t more);
/* Cuts b back to len bytes (len <= b->len): drops what was appended since. */
void util_buf_truncate(util_buf *b, size_t len);
/* Drops b's first n bytes (n <= b->len), keeping the rest and its memory. */
void util_buf_consume(util_buf *b, size_t n);
/* Marks b failed, as running out of memory does: for a writer that finds what it appends cannot
 * be written (too long, or a part that failed), so that its caller's one check at the end sees
 * it. */
void util_buf_fail(util_buf *b);
/* Hands over b's text (NULL when it failed or holds nothing; the caller frees it) and its length
 * in *len, and leaves b empty. */
char *util_buf_take(util_buf *b, size_t *len);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void util_buf_printf(util_buf *b, const char *fmt, ...);

/* The appends, inline: they are most of a writer's time. */
static inline void util_buf_putn(util_buf *b, const char *s, size_t n)
{
    if (b->failed || (n >= b->cap - b->len && util_buf_reserve(b, n) != 0))
        return;
    if (n) /* s may be NULL then: another buffer's data that was never allocated */
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void util_buf_puts(util_buf *b, const char *s)
{
    util_buf_putn(b, s, strlen(s));
}

static inline void util_buf_putc(util_buf *b, char c)
{
    util_buf_putn(b, &c, 1);
}

/* ---- strings (str.c) ---------------------------------------------------------------------- */

/* A malloc'd copy of s; NULL when s is NULL or memory runs out. */
char *util_strdup(const char *s);
/* A malloc'd, NUL-terminated copy of s[0..n); NULL when memory runs out. */
char *util_strndup(const char *s, size_t n);

/* ASCII case-insensitive equality (CIM names, header and option words): 1 when equal. */
int util_strieq(const char *a, const char *b);

/* 1 when s begins with prefix, ASCII case-insensitively (prefix written in lower case). */
int util_striprefix(const char *s, const char *prefix);

/* 1 when s is a CIM name: a letter, '_' or a non-ASCII byte, then those or digits. */
int util_is_cim_name(const char *s);

/* The code MI declarations carry for a name: (first char << 24) | (last char << 16) | length,
 * the two letters lower-cased (ASCII A-Z only); 0 for "" and for a name over 65535 bytes, whose
 * length does not fit. */
uint32_t util_name_code(const char *name);

/* n decimal digits at s as *out: 0, or -1 when one of them is not a digit. */
int util_digits(const char *s, int n, uint32_t *out);

/* A DSP0004 datetime string's fields in the order it writes them, which is also the order of
 * MI_Timestamp's and MI_Interval's eight 32-bit fields. A timestamp (yyyymmddhhmmss.mmmmmmsutc):
 * year, month, day, hour, minute, second, microseconds, then the offset in minutes east of UTC
 * (two's complement). An interval (ddddddddhhmmss.mmmmmm:000): days, hours, minutes, seconds,
 * microseconds, then three zeros. */
typedef struct util_dmtf {
    int interval;
    uint32_t f[8];
} util_dmtf;

/* 0 with *out filled when s is a datetime of that form with every field in its range; -1
 * otherwise (asterisks, which DSP0004 allows for digits that are not significant, included:
 * such a value names no single point or span). */
int util_dmtf_parse(const char *s, util_dmtf *out);

/* ---- UTF-16 (utf.c) ----------------------------------------------------------------------- */

/* UTF-16 text (no BOM; big-endian when be) as UTF-8 into out, which has room for len / 2 * 3 + 1
 * bytes, NUL-terminated; returns its length. A surrogate pair makes one character; a lone
 * surrogate is encoded as it is when lone_surrogates, else refused. (size_t)-1 with *bad for an
 * odd length, a NUL character, or a refused lone surrogate. */
enum { UTIL_UTF16_ODD = 1, UTIL_UTF16_NUL, UTIL_UTF16_SURROGATE };
size_t util_utf16_to_utf8(const unsigned char *in, size_t len, int be, int lone_surrogates,
                          char *out, int *bad);

#ifdef __cplusplus
}
#endif

#endif
