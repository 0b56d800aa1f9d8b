/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_scalar.c: the lexical forms of CIM scalars on the wire: integers, reals
 * (with INF and NaN), booleans, char16, strings; both ways. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "wsman.h"
#include "wsman_int.h"
#include "util.h"

/* ---- numbers ---------------------------------------------------------------------------- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

/* Copies the whitespace-trimmed text into buf; -1 when too long or empty. */
int wsman_trimmed(const char *s, char *buf, size_t size)
{
    size_t n;
    s = skip_ws(s);
    n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (n == 0 || n >= size)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    return 0;
}

static int parse_u64(const char *s, MI_Uint64 max, MI_Uint64 *out)
{
    char buf[64];
    const char *p = buf;
    MI_Uint64 v = 0;
    if (wsman_trimmed(s, buf, sizeof buf) != 0)
        return -1;
    if (*p == '+')
        p++;
    if (!*p)
        return -1;
    for (; *p; p++) {
        unsigned d;
        if (*p < '0' || *p > '9')
            return -1;
        d = (unsigned)(*p - '0');
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static int parse_s64(const char *s, MI_Sint64 min, MI_Sint64 max, MI_Sint64 *out)
{
    char buf[64];
    const char *p = buf;
    int neg = 0;
    MI_Uint64 v = 0, limit;
    if (wsman_trimmed(s, buf, sizeof buf) != 0)
        return -1;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    if (!*p)
        return -1;
    limit = neg ? (MI_Uint64)(-(min + 1)) + 1 : (MI_Uint64)max;
    for (; *p; p++) {
        unsigned d;
        if (*p < '0' || *p > '9')
            return -1;
        d = (unsigned)(*p - '0');
        if (v > (limit - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    if (neg)
        *out = v == 0 ? 0 : -(MI_Sint64)(v - 1) - 1;
    else
        *out = (MI_Sint64)v;
    return 0;
}

/* xs:double lexical form (without the specials) checked by hand, then converted with strtod
 * in whatever LC_NUMERIC the program runs: the '.' is swapped for the locale's point. */
static int parse_real(const char *s, double *out)
{
    char buf[128], conv[256];
    const char *p = buf, *dp;
    int digits = 0;
    char *end;
    size_t i, o;
    if (wsman_trimmed(s, buf, sizeof buf) != 0)
        return -1;
    if (strcmp(buf, "INF") == 0 || strcmp(buf, "+INF") == 0) {
        *out = HUGE_VAL;
        return 0;
    }
    if (strcmp(buf, "-INF") == 0) {
        *out = -HUGE_VAL;
        return 0;
    }
    if (strcmp(buf, "NaN") == 0) {
        *out = NAN;
        return 0;
    }
    if (*p == '+' || *p == '-')
        p++;
    while (*p >= '0' && *p <= '9') {
        p++;
        digits++;
    }
    if (*p == '.') {
        p++;
        while (*p >= '0' && *p <= '9') {
            p++;
            digits++;
        }
    }
    if (digits == 0)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p)
        return -1;
    dp = localeconv()->decimal_point;
    for (i = 0, o = 0; buf[i] && o + 8 < sizeof conv; i++) {
        if (buf[i] == '.') {
            size_t k;
            for (k = 0; dp[k] && o + 1 < sizeof conv; k++)
                conv[o++] = dp[k];
        } else {
            conv[o++] = buf[i];
        }
    }
    conv[o] = '\0';
    errno = 0;
    *out = strtod(conv, &end);
    if (*end != '\0')
        return -1;
    if (errno == ERANGE && isinf(*out))
        return -1;
    return 0;
}

/* Shortest of %.{short}g and %.{long}g that reads back to the same value, with a '.' point. */
static void put_u64(wsman_buf *b, MI_Uint64 v);

/* The text %.{digits}g gives for v when v is the double nearest a decimal of at most `digits`
 * significant digits that %g writes without an exponent (such as 0.125, 2.5, 42), written by
 * hand: 1 when written, 0 when v is not one (the caller uses printf). Why it is the same text:
 * v is the correctly rounded N / 10^k (checked), so v is within half an ulp of D = N / 10^k,
 * far less than half a unit of D's last digit; rounded to `digits` digits, v gives D, which
 * %g prints without trailing zeros, as here; and the round-trip check the caller would make
 * holds. */
static int format_real_short(wsman_buf *b, double v, int digits)
{
    static const double tens[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,
                                  1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19};
    double a = v < 0 ? -v : v, limit = tens[digits];
    char frac[24];
    int k, nd, e;
    MI_Uint64 n = 0, ip, fp;
    if (a == 0) {
        util_buf_puts(b, signbit(v) ? "-0" : "0");
        return 1;
    }
    if (!(a >= 1e-4 && a < limit))
        return 0;
    for (k = 0; k <= digits + 4; k++) {
        double m = a * tens[k];
        if (m >= limit)
            return 0;
        if (m != (double)(MI_Uint64)m)
            continue;
        n = (MI_Uint64)m;
        if ((double)n / tens[k] != a)
            return 0;
        break;
    }
    if (k > digits + 4)
        return 0;
    while (k > 0 && n % 10 == 0) {
        n /= 10;
        k--;
    }
    /* %g writes without an exponent while the decimal exponent e of D is in [-4, digits). */
    for (nd = 1, fp = n; fp >= 10; fp /= 10)
        nd++;
    e = nd - 1 - k;
    if (e < -4 || e >= digits)
        return 0;
    ip = n / (MI_Uint64)tens[k];
    fp = n % (MI_Uint64)tens[k];
    if (v < 0)
        util_buf_putc(b, '-');
    put_u64(b, ip);
    if (k > 0) {
        frac[0] = '.';
        for (nd = k; nd > 0; nd--, fp /= 10)
            frac[nd] = (char)('0' + fp % 10);
        util_buf_putn(b, frac, (size_t)k + 1);
    }
    return 1;
}

static void format_real(wsman_buf *b, double v, int is32)
{
    char tmp[64];
    const char *dp;
    size_t dplen, i;
    if (isnan(v)) {
        util_buf_puts(b, "NaN");
        return;
    }
    if (isinf(v)) {
        util_buf_puts(b, v < 0 ? "-INF" : "INF");
        return;
    }
    if (format_real_short(b, v, is32 ? 7 : 15))
        return;
    if (is32) {
        snprintf(tmp, sizeof tmp, "%.7g", v);
        if ((float)strtod(tmp, NULL) != (float)v)
            snprintf(tmp, sizeof tmp, "%.9g", v);
    } else {
        snprintf(tmp, sizeof tmp, "%.15g", v);
        if (strtod(tmp, NULL) != v)
            snprintf(tmp, sizeof tmp, "%.17g", v);
    }
    dp = localeconv()->decimal_point;
    dplen = strlen(dp);
    if (dplen == 1 && dp[0] == '.') {
        util_buf_puts(b, tmp);
        return;
    }
    for (i = 0; tmp[i]; i++) {
        if (dplen > 0 && strncmp(tmp + i, dp, dplen) == 0) {
            util_buf_putc(b, '.');
            i += dplen - 1;
        } else {
            util_buf_putc(b, tmp[i]);
        }
    }
}

/* ---- scalars ----------------------------------------------------------------------------- */

/* Decimal text without printf: values are written in the hot path of every message. */
static void put_u64(wsman_buf *b, MI_Uint64 v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    util_buf_putn(b, tmp + i, sizeof tmp - i);
}

static void put_s64(wsman_buf *b, MI_Sint64 v)
{
    if (v < 0) {
        util_buf_putc(b, '-');
        put_u64(b, (MI_Uint64)(-(v + 1)) + 1);
    } else {
        put_u64(b, (MI_Uint64)v);
    }
}

MI_Result wsman_format_scalar(wsman_buf *b, MI_Type type, const MI_Value *v)
{
    switch (type) {
    case MI_BOOLEAN:
        util_buf_puts(b, v->boolean ? "true" : "false");
        break;
    case MI_UINT8:
        put_u64(b, v->uint8);
        break;
    case MI_SINT8:
        put_s64(b, v->sint8);
        break;
    case MI_UINT16:
        put_u64(b, v->uint16);
        break;
    case MI_SINT16:
        put_s64(b, v->sint16);
        break;
    case MI_UINT32:
        put_u64(b, v->uint32);
        break;
    case MI_SINT32:
        put_s64(b, v->sint32);
        break;
    case MI_UINT64:
        put_u64(b, v->uint64);
        break;
    case MI_SINT64:
        put_s64(b, v->sint64);
        break;
    case MI_REAL32:
        format_real(b, (double)v->real32, 1);
        break;
    case MI_REAL64:
        format_real(b, v->real64, 0);
        break;
    case MI_CHAR16:
        put_u64(b, v->char16);
        break;
    case MI_DATETIME:
        return wsman_format_datetime(b, &v->datetime);
    case MI_STRING:
        if (!v->string)
            return MI_RESULT_INVALID_PARAMETER;
        util_buf_puts(b, v->string);
        break;
    default:
        return MI_RESULT_INVALID_PARAMETER;
    }
    return b->failed ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_OK;
}

MI_Result wsman_parse_scalar(const char *text, MI_Type type, MI_Value *out)
{
    MI_Uint64 u;
    MI_Sint64 s;
    double d;
    char buf[16];
    if (!text)
        return MI_RESULT_INVALID_PARAMETER;
    switch (type) {
    case MI_BOOLEAN:
        if (wsman_trimmed(text, buf, sizeof buf) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        if (util_strieq(buf, "true") || strcmp(buf, "1") == 0)
            out->boolean = MI_TRUE;
        else if (util_strieq(buf, "false") || strcmp(buf, "0") == 0)
            out->boolean = MI_FALSE;
        else
            return MI_RESULT_INVALID_PARAMETER;
        return MI_RESULT_OK;
    case MI_UINT8:
        if (parse_u64(text, UCHAR_MAX, &u) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->uint8 = (MI_Uint8)u;
        return MI_RESULT_OK;
    case MI_UINT16:
        if (parse_u64(text, USHRT_MAX, &u) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->uint16 = (MI_Uint16)u;
        return MI_RESULT_OK;
    case MI_UINT32:
        if (parse_u64(text, 0xFFFFFFFFull, &u) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->uint32 = (MI_Uint32)u;
        return MI_RESULT_OK;
    case MI_UINT64:
        if (parse_u64(text, 0xFFFFFFFFFFFFFFFFull, &u) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->uint64 = u;
        return MI_RESULT_OK;
    case MI_SINT8:
        if (parse_s64(text, SCHAR_MIN, SCHAR_MAX, &s) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->sint8 = (MI_Sint8)s;
        return MI_RESULT_OK;
    case MI_SINT16:
        if (parse_s64(text, SHRT_MIN, SHRT_MAX, &s) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->sint16 = (MI_Sint16)s;
        return MI_RESULT_OK;
    case MI_SINT32:
        if (parse_s64(text, -2147483647 - 1, 2147483647, &s) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->sint32 = (MI_Sint32)s;
        return MI_RESULT_OK;
    case MI_SINT64:
        if (parse_s64(text, LLONG_MIN, LLONG_MAX, &s) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->sint64 = (MI_Sint64)s;
        return MI_RESULT_OK;
    case MI_REAL32:
        /* Out of range only from halfway past FLT_MAX (2^128 - 2^103), where rounding to
         * float gives infinity: FLT_MAX itself is written "3.40282347e+38", above it. */
        if (parse_real(text, &d) != 0 || (isfinite(d) && fabs(d) >= 3.4028235677973366e+38))
            return MI_RESULT_INVALID_PARAMETER;
        out->real32 = (MI_Real32)d;
        return MI_RESULT_OK;
    case MI_REAL64:
        if (parse_real(text, &d) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        out->real64 = d;
        return MI_RESULT_OK;
    case MI_CHAR16: {
        const unsigned char *t = (const unsigned char *)text;
        unsigned cp;
        size_t n;
        if (parse_u64(text, 0xFFFF, &u) == 0) {
            out->char16 = (MI_Char16)u;
            return MI_RESULT_OK;
        }
        /* One character spelled as itself (DSP0230's cimChar16), in the BMP. */
        n = *t ? wsman_utf8_char(t, strlen(text), &cp) : 0;
        if (n == 0 || t[n] != '\0' || cp > 0xFFFF)
            return MI_RESULT_INVALID_PARAMETER;
        out->char16 = (MI_Char16)cp;
        return MI_RESULT_OK;
    }
    case MI_DATETIME:
        return wsman_parse_datetime(text, &out->datetime);
    case MI_STRING:
        out->string = (MI_Char *)text;
        return MI_RESULT_OK;
    default:
        return MI_RESULT_INVALID_PARAMETER;
    }
}
