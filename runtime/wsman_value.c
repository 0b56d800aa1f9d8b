/* runtime/wsman_value.c: the codec's building blocks: the output buffer with XML escaping, the
 * lexical forms of CIM values on the wire (numbers, booleans, char16, reals with INF/NaN,
 * xs:dateTime / xs:duration / DMTF datetimes), MessageIDs and MI_Result names. */
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

/* ---- buffer ---------------------------------------------------------------------------- */

void wsman_buf_init(wsman_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void wsman_buf_reset(wsman_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

void wsman_buf_free(wsman_buf *b)
{
    free(b->data);
    wsman_buf_init(b);
}

int wsb_reserve(wsman_buf *b, size_t more)
{
    size_t need, cap;
    char *p;
    if (b->failed)
        return -1;
    if (more > SIZE_MAX / 2 - b->len) {
        b->failed = 1;
        return -1;
    }
    need = b->len + more + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 1024;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void wsb_printf(wsman_buf *b, const char *fmt, ...)
{
    va_list ap;
    char tmp[128];
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        wsb_putn(b, tmp, (size_t)n);
        return;
    }
    if (wsb_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of a valid UTF-8 sequence at s (of at most n bytes) that XML 1.0 may carry, or 0. */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp)
{
    unsigned c = s[0], v;
    size_t len, i;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    if ((v >= 0xD800 && v <= 0xDFFF) || v == 0xFFFE || v == 0xFFFF)
        return 0;
    *cp = v;
    return len;
}

int wsb_escape(wsman_buf *b, const char *s, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *run = p;
    size_t left = strlen(s);
    while (left > 0) {
        unsigned c = *p, cp;
        const char *rep = NULL;
        size_t n;
        if (c >= 0x80) {
            n = utf8_char(p, left, &cp);
            if (n == 0)
                return -1;
            p += n;
            left -= n;
            continue;
        }
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = attr ? "&quot;" : NULL;
            break;
        case '\r':
            rep = "&#13;";
            break;
        case '\n':
            rep = attr ? "&#10;" : NULL;
            break;
        case '\t':
            rep = attr ? "&#9;" : NULL;
            break;
        default:
            if (c < 0x20)
                return -1;
            break;
        }
        if (rep) {
            wsb_putn(b, (const char *)run, (size_t)(p - run));
            wsb_puts(b, rep);
            run = p + 1;
        }
        p++;
        left--;
    }
    wsb_putn(b, (const char *)run, (size_t)(p - run));
    return 0;
}

int wsman_text_is_xml_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    while (left > 0) {
        unsigned cp;
        size_t n;
        if (*p < 0x80) {
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                return 0;
            p++;
            left--;
            continue;
        }
        n = utf8_char(p, left, &cp);
        if (n == 0)
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

/* ---- errors ---------------------------------------------------------------------------- */

MI_Result wsman_seterr(wsman_error *err, MI_Result r, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->result = r;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return r;
}

static const struct {
    const char *name;
    const char *text;
} result_names[] = {
    {"MI_RESULT_OK", "The operation succeeded."},
    {"MI_RESULT_FAILED", "A general error occurred, not covered by a more specific error code."},
    {"MI_RESULT_ACCESS_DENIED", "Access is denied."},
    {"MI_RESULT_INVALID_NAMESPACE", "The target namespace does not exist."},
    {"MI_RESULT_INVALID_PARAMETER",
     "One or more parameter values passed to the method were invalid."},
    {"MI_RESULT_INVALID_CLASS", "The specified class does not exist."},
    {"MI_RESULT_NOT_FOUND", "The requested object cannot be found."},
    {"MI_RESULT_NOT_SUPPORTED", "The requested operation is not supported."},
    {"MI_RESULT_CLASS_HAS_CHILDREN",
     "The operation cannot be invoked on this class because it has subclasses."},
    {"MI_RESULT_CLASS_HAS_INSTANCES",
     "The operation cannot be invoked on this class because one or more instances of this class "
     "exist."},
    {"MI_RESULT_INVALID_SUPERCLASS",
     "The operation cannot be invoked because the specified superclass does not exist."},
    {"MI_RESULT_ALREADY_EXISTS",
     "The operation cannot be invoked because an object already exists."},
    {"MI_RESULT_NO_SUCH_PROPERTY", "The specified property does not exist."},
    {"MI_RESULT_TYPE_MISMATCH",
     "The value supplied is not compatible with the type of the property."},
    {"MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED",
     "The query language is not recognized or supported."},
    {"MI_RESULT_INVALID_QUERY", "The query is not valid for the specified query language."},
    {"MI_RESULT_METHOD_NOT_AVAILABLE", "The extrinsic method cannot be invoked."},
    {"MI_RESULT_METHOD_NOT_FOUND", "The specified extrinsic method does not exist."},
    {NULL, NULL},
    {NULL, NULL},
    {"MI_RESULT_NAMESPACE_NOT_EMPTY", "The specified namespace is not empty."},
    {"MI_RESULT_INVALID_ENUMERATION_CONTEXT",
     "The enumeration identified by the specified context is invalid."},
    {"MI_RESULT_INVALID_OPERATION_TIMEOUT", "The specified operation timeout is not supported."},
    {"MI_RESULT_PULL_HAS_BEEN_ABANDONED", "The Pull operation has been abandoned."},
    {"MI_RESULT_PULL_CANNOT_BE_ABANDONED",
     "The attempt to abandon a concurrent Pull request failed."},
    {"MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED",
     "Using a filter in the enumeration is not supported."},
    {"MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED", "Continuation on error is not supported."},
    {"MI_RESULT_SERVER_LIMITS_EXCEEDED",
     "The operation failed because server limits were exceeded."},
    {"MI_RESULT_SERVER_IS_SHUTTING_DOWN",
     "The server is shutting down and cannot process the operation."},
};

const char *wsman_result_name(MI_Result r)
{
    if ((size_t)r < sizeof result_names / sizeof result_names[0] && result_names[r].name)
        return result_names[r].name;
    return "MI_RESULT_FAILED";
}

const char *wsman_result_text(MI_Result r)
{
    if ((size_t)r < sizeof result_names / sizeof result_names[0] && result_names[r].text)
        return result_names[r].text;
    return result_names[MI_RESULT_FAILED].text;
}

int wsman_result_valid(unsigned long v)
{
    return v > 0 && v < sizeof result_names / sizeof result_names[0] && result_names[v].name;
}

/* ---- message IDs ---------------------------------------------------------------------- */

void wsman_new_message_id(char out[WSMAN_MSGID_SIZE])
{
    unsigned char r[16];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t n = getrandom(r + got, sizeof r - got, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        got += (size_t)n;
    }
    if (got < sizeof r) {
        /* No entropy source: still unique enough per process for correlation. */
        static const unsigned char zero[16];
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        memcpy(r, zero, sizeof r);
        memcpy(r, &ts, sizeof ts < sizeof r ? sizeof ts : sizeof r);
        r[15] ^= (unsigned char)getpid();
    }
    r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);
    {
        static const char hex[] = "0123456789ABCDEF";
        char *o = out;
        int k;
        memcpy(o, "uuid:", 5);
        o += 5;
        for (k = 0; k < 16; k++) {
            if (k == 4 || k == 6 || k == 8 || k == 10)
                *o++ = '-';
            *o++ = hex[r[k] >> 4];
            *o++ = hex[r[k] & 15];
        }
        *o = '\0';
    }
}

void wsman_next_message_id(char id[WSMAN_MSGID_SIZE])
{
    size_t n = strlen(id), k;
    for (k = 0; k < 12 && k < n; k++) {
        char *c = &id[n - 1 - k];
        if (*c == '9') {
            *c = 'A';
            return;
        }
        if (*c != 'F' && *c != 'f') {
            (*c)++;
            return;
        }
        *c = '0'; /* carry */
    }
}

/* ---- numbers ---------------------------------------------------------------------------- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

/* Copies the whitespace-trimmed text into buf; -1 when too long or empty. */
static int trimmed(const char *s, char *buf, size_t size)
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
    if (trimmed(s, buf, sizeof buf) != 0)
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
    if (trimmed(s, buf, sizeof buf) != 0)
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
    if (trimmed(s, buf, sizeof buf) != 0)
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
static void format_real(wsman_buf *b, double v, int is32)
{
    char tmp[64];
    const char *dp;
    size_t dplen, i;
    if (isnan(v)) {
        wsb_puts(b, "NaN");
        return;
    }
    if (isinf(v)) {
        wsb_puts(b, v < 0 ? "-INF" : "INF");
        return;
    }
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
        wsb_puts(b, tmp);
        return;
    }
    for (i = 0; tmp[i]; i++) {
        if (dplen > 0 && strncmp(tmp + i, dp, dplen) == 0) {
            wsb_putc(b, '.');
            i += dplen - 1;
        } else {
            wsb_putc(b, tmp[i]);
        }
    }
}

/* ---- datetimes ------------------------------------------------------------------------- */

static int digits(const char *s, int n, MI_Uint32 *out)
{
    MI_Uint32 v = 0;
    int i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (MI_Uint32)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Fraction digits after a '.', as microseconds; advances *pp. */
static int fraction(const char **pp, MI_Uint32 *usec)
{
    const char *p = *pp;
    MI_Uint32 v = 0;
    int n = 0;
    if (!(*p >= '0' && *p <= '9'))
        return -1;
    while (*p >= '0' && *p <= '9') {
        if (n < 6) {
            v = v * 10 + (MI_Uint32)(*p - '0');
            n++;
        }
        p++;
    }
    while (n++ < 6)
        v *= 10;
    *usec = v;
    *pp = p;
    return 0;
}

static int parse_dmtf(const char *s, MI_Datetime *dt)
{
    MI_Uint32 a, b, c, d, e, f, us, off;
    if (strlen(s) != 25 || s[14] != '.')
        return -1;
    if (digits(s + 15, 6, &us) != 0 || digits(s + 22, 3, &off) != 0)
        return -1;
    if (s[21] == ':') {
        if (digits(s, 8, &a) != 0 || digits(s + 8, 2, &b) != 0 || digits(s + 10, 2, &c) != 0 ||
            digits(s + 12, 2, &d) != 0 || off != 0 || b > 23 || c > 59 || d > 59)
            return -1;
        memset(dt, 0, sizeof *dt);
        dt->isTimestamp = MI_FALSE;
        dt->u.interval.days = a;
        dt->u.interval.hours = b;
        dt->u.interval.minutes = c;
        dt->u.interval.seconds = d;
        dt->u.interval.microseconds = us;
        return 0;
    }
    if (s[21] != '+' && s[21] != '-')
        return -1;
    if (digits(s, 4, &a) != 0 || digits(s + 4, 2, &b) != 0 || digits(s + 6, 2, &c) != 0 ||
        digits(s + 8, 2, &d) != 0 || digits(s + 10, 2, &e) != 0 || digits(s + 12, 2, &f) != 0)
        return -1;
    if (b < 1 || b > 12 || c < 1 || c > 31 || d > 23 || e > 59 || f > 60)
        return -1;
    memset(dt, 0, sizeof *dt);
    dt->isTimestamp = MI_TRUE;
    dt->u.timestamp.year = a;
    dt->u.timestamp.month = b;
    dt->u.timestamp.day = c;
    dt->u.timestamp.hour = d;
    dt->u.timestamp.minute = e;
    dt->u.timestamp.second = f;
    dt->u.timestamp.microseconds = us;
    dt->u.timestamp.utc = s[21] == '-' ? -(MI_Sint32)off : (MI_Sint32)off;
    return 0;
}

static int parse_xs_datetime(const char *s, MI_Datetime *dt)
{
    MI_Uint32 y, mo, d, h, mi, sec, us = 0, oh, om;
    const char *p = s;
    MI_Sint32 utc = 0;
    if (strlen(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':')
        return -1;
    if (digits(s, 4, &y) != 0 || digits(s + 5, 2, &mo) != 0 || digits(s + 8, 2, &d) != 0 ||
        digits(s + 11, 2, &h) != 0 || digits(s + 14, 2, &mi) != 0 || digits(s + 17, 2, &sec) != 0)
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
        return -1;
    p = s + 19;
    if (*p == '.') {
        p++;
        if (fraction(&p, &us) != 0)
            return -1;
    }
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        if (strlen(p) != 6 || p[3] != ':' || digits(p + 1, 2, &oh) != 0 ||
            digits(p + 4, 2, &om) != 0 || oh > 14 || om > 59)
            return -1;
        utc = (MI_Sint32)(oh * 60 + om);
        if (*p == '-')
            utc = -utc;
        p += 6;
    }
    if (*p)
        return -1;
    memset(dt, 0, sizeof *dt);
    dt->isTimestamp = MI_TRUE;
    dt->u.timestamp.year = y;
    dt->u.timestamp.month = mo;
    dt->u.timestamp.day = d;
    dt->u.timestamp.hour = h;
    dt->u.timestamp.minute = mi;
    dt->u.timestamp.second = sec;
    dt->u.timestamp.microseconds = us;
    dt->u.timestamp.utc = utc;
    return 0;
}

/* xs:duration; years count 365 days and months 30 (as OMI); negative durations refused. */
static int parse_xs_duration(const char *s, MI_Datetime *dt)
{
    const char *p = s;
    MI_Uint64 days = 0, hours = 0, mins = 0, secs = 0;
    MI_Uint32 us = 0;
    int in_time = 0, any = 0;
    if (*p++ != 'P')
        return -1;
    while (*p) {
        MI_Uint64 v = 0;
        int nd = 0;
        if (*p == 'T') {
            if (in_time)
                return -1;
            in_time = 1;
            p++;
            if (!*p)
                return -1;
            continue;
        }
        while (*p >= '0' && *p <= '9') {
            if (v > 1000000000ull)
                return -1;
            v = v * 10 + (MI_Uint64)(*p - '0');
            p++;
            nd++;
        }
        if (nd == 0)
            return -1;
        if (in_time && *p == '.') {
            p++;
            if (fraction(&p, &us) != 0 || *p != 'S')
                return -1;
        }
        switch (*p) {
        case 'Y':
            if (in_time)
                return -1;
            days += v * 365;
            break;
        case 'M':
            if (in_time)
                mins += v;
            else
                days += v * 30;
            break;
        case 'D':
            if (in_time)
                return -1;
            days += v;
            break;
        case 'H':
            if (!in_time)
                return -1;
            hours += v;
            break;
        case 'S':
            if (!in_time)
                return -1;
            secs += v;
            break;
        default:
            return -1;
        }
        p++;
        any = 1;
    }
    if (!any)
        return -1;
    mins += secs / 60;
    secs %= 60;
    hours += mins / 60;
    mins %= 60;
    days += hours / 24;
    hours %= 24;
    if (days > 99999999ull)
        return -1;
    memset(dt, 0, sizeof *dt);
    dt->isTimestamp = MI_FALSE;
    dt->u.interval.days = (MI_Uint32)days;
    dt->u.interval.hours = (MI_Uint32)hours;
    dt->u.interval.minutes = (MI_Uint32)mins;
    dt->u.interval.seconds = (MI_Uint32)secs;
    dt->u.interval.microseconds = us;
    return 0;
}

MI_Result wsman_parse_datetime(const char *text, MI_Datetime *out)
{
    char buf[80];
    if (trimmed(text, buf, sizeof buf) != 0)
        return MI_RESULT_INVALID_PARAMETER;
    if (buf[0] == 'P')
        return parse_xs_duration(buf, out) == 0 ? MI_RESULT_OK : MI_RESULT_INVALID_PARAMETER;
    if (strlen(buf) == 25 && buf[14] == '.')
        return parse_dmtf(buf, out) == 0 ? MI_RESULT_OK : MI_RESULT_INVALID_PARAMETER;
    return parse_xs_datetime(buf, out) == 0 ? MI_RESULT_OK : MI_RESULT_INVALID_PARAMETER;
}

/* v (below 10^width) in exactly width decimal digits, zero-padded, into p; returns p + width.
 * (printf's cost, several times a whole timestamp's, is all in parsing its format.) */
static char *put_digits(char *p, unsigned v, int width)
{
    int i;
    for (i = width - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return p + width;
}

MI_Result wsman_format_datetime(wsman_buf *b, const MI_Datetime *dt)
{
    if (dt->isTimestamp) {
        const MI_Timestamp *t = &dt->u.timestamp;
        char tmp[40], *p = tmp;
        if (t->year > 9999 || t->month < 1 || t->month > 12 || t->day < 1 || t->day > 31 ||
            t->hour > 23 || t->minute > 59 || t->second > 60 || t->microseconds > 999999 ||
            t->utc > 14 * 60 || t->utc < -14 * 60)
            return MI_RESULT_INVALID_PARAMETER;
        /* YYYY-MM-DDThh:mm:ss[.ffffff](Z|+hh:mm|-hh:mm) */
        p = put_digits(p, t->year, 4);
        *p++ = '-';
        p = put_digits(p, t->month, 2);
        *p++ = '-';
        p = put_digits(p, t->day, 2);
        *p++ = 'T';
        p = put_digits(p, t->hour, 2);
        *p++ = ':';
        p = put_digits(p, t->minute, 2);
        *p++ = ':';
        p = put_digits(p, t->second, 2);
        if (t->microseconds) {
            *p++ = '.';
            p = put_digits(p, t->microseconds, 6);
        }
        if (t->utc == 0) {
            *p++ = 'Z';
        } else {
            unsigned off = (unsigned)(t->utc < 0 ? -t->utc : t->utc);
            *p++ = t->utc < 0 ? '-' : '+';
            p = put_digits(p, off / 60, 2);
            *p++ = ':';
            p = put_digits(p, off % 60, 2);
        }
        wsb_putn(b, tmp, (size_t)(p - tmp));
    } else {
        const MI_Interval *iv = &dt->u.interval;
        if (iv->microseconds > 999999)
            return MI_RESULT_INVALID_PARAMETER;
        wsb_printf(b, "P%uDT%uH%uM%u", (unsigned)iv->days, (unsigned)iv->hours,
                   (unsigned)iv->minutes, (unsigned)iv->seconds);
        if (iv->microseconds)
            wsb_printf(b, ".%06u", (unsigned)iv->microseconds);
        wsb_putc(b, 'S');
    }
    return MI_RESULT_OK;
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
    wsb_putn(b, tmp + i, sizeof tmp - i);
}

static void put_s64(wsman_buf *b, MI_Sint64 v)
{
    if (v < 0) {
        wsb_putc(b, '-');
        put_u64(b, (MI_Uint64)(-(v + 1)) + 1);
    } else {
        put_u64(b, (MI_Uint64)v);
    }
}

MI_Result wsman_format_scalar(wsman_buf *b, MI_Type type, const MI_Value *v)
{
    switch (type) {
    case MI_BOOLEAN:
        wsb_puts(b, v->boolean ? "true" : "false");
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
        wsb_puts(b, v->string);
        break;
    default:
        return MI_RESULT_INVALID_PARAMETER;
    }
    return b->failed ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_OK;
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return *a == *b;
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
        if (trimmed(text, buf, sizeof buf) != 0)
            return MI_RESULT_INVALID_PARAMETER;
        if (ieq(buf, "true") || strcmp(buf, "1") == 0)
            out->boolean = MI_TRUE;
        else if (ieq(buf, "false") || strcmp(buf, "0") == 0)
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
        n = *t ? utf8_char(t, strlen(text), &cp) : 0;
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

/* ---- OctetString: uint8[] as one base64 element (DSP0230 cimBase64Binary, as OMI) -------- */

int wsman_octet_string(const MI_Qualifier *const *quals, MI_Uint32 n)
{
    MI_Uint32 i;
    for (i = 0; quals && i < n; i++) {
        const MI_Qualifier *q = quals[i];
        if (q && q->name && ieq(q->name, "OctetString"))
            return q->type != MI_BOOLEAN || !q->value || *(const MI_Boolean *)q->value;
    }
    return 0;
}

void wsman_put_base64(wsman_buf *b, const MI_Uint8 *data, MI_Uint32 size)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    MI_Uint32 i;
    for (i = 0; i + 2 < size; i += 3) {
        char q[4];
        unsigned v = ((unsigned)data[i] << 16) | ((unsigned)data[i + 1] << 8) | data[i + 2];
        q[0] = tab[(v >> 18) & 63];
        q[1] = tab[(v >> 12) & 63];
        q[2] = tab[(v >> 6) & 63];
        q[3] = tab[v & 63];
        wsb_putn(b, q, 4);
    }
    if (size - i == 1) {
        char q[4] = {tab[data[i] >> 2], tab[(data[i] & 3) << 4], '=', '='};
        wsb_putn(b, q, 4);
    } else if (size - i == 2) {
        unsigned v = ((unsigned)data[i] << 8) | data[i + 1];
        char q[4] = {tab[(v >> 10) & 63], tab[(v >> 4) & 63], tab[(v << 2) & 63], '='};
        wsb_putn(b, q, 4);
    }
}

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

MI_Result wsman_parse_base64(const char *text, MI_Uint8 **out, MI_Uint32 *size)
{
    size_t len = strlen(text), o = 0;
    unsigned acc = 0;
    int bits = 0, pad = 0;
    MI_Uint8 *buf = malloc(len / 4 * 3 + 3);
    const unsigned char *p;
    if (!buf)
        return MI_RESULT_FAILED;
    for (p = (const unsigned char *)text; *p; p++) {
        int v;
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            continue;
        if (*p == '=') {
            pad++;
            continue;
        }
        v = b64_value(*p);
        if (v < 0 || pad) {
            free(buf);
            return MI_RESULT_INVALID_PARAMETER;
        }
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            buf[o++] = (MI_Uint8)((acc >> bits) & 0xFF);
        }
    }
    if (pad > 2 || bits >= 6 || (acc & ((1u << bits) - 1)) != 0) {
        free(buf);
        return MI_RESULT_INVALID_PARAMETER;
    }
    *out = buf;
    *size = (MI_Uint32)o;
    return MI_RESULT_OK;
}
