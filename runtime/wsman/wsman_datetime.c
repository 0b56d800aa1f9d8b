/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_datetime.c: CIM datetimes on the wire: xs:dateTime, xs:duration and
 * DMTF datetimes read, xs: forms written. */
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

/* ---- datetimes ------------------------------------------------------------------------- */

static int digits(const char *s, int n, MI_Uint32 *out)
{
    return util_digits(s, n, out);
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

/* A DMTF datetime through the one reader of that form (util.h), whose fields are in
 * MI_Timestamp's and MI_Interval's order. */
static int parse_dmtf(const char *s, MI_Datetime *dt)
{
    util_dmtf f;
    typedef char same_layout[sizeof f.f == sizeof dt->u ? 1 : -1];
    (void)sizeof(same_layout);
    if (util_dmtf_parse(s, &f) != 0)
        return -1;
    dt->isTimestamp = f.interval ? MI_FALSE : MI_TRUE;
    memcpy(&dt->u, f.f, sizeof dt->u);
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
    if (wsman_trimmed(text, buf, sizeof buf) != 0)
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
        util_buf_putn(b, tmp, (size_t)(p - tmp));
    } else {
        const MI_Interval *iv = &dt->u.interval;
        if (iv->microseconds > 999999)
            return MI_RESULT_INVALID_PARAMETER;
        util_buf_printf(b, "P%uDT%uH%uM%u", (unsigned)iv->days, (unsigned)iv->hours,
                   (unsigned)iv->minutes, (unsigned)iv->seconds);
        if (iv->microseconds)
            util_buf_printf(b, ".%06u", (unsigned)iv->microseconds);
        util_buf_putc(b, 'S');
    }
    return MI_RESULT_OK;
}

long long wsman_datetime_usec_from_now(const MI_Datetime *dt)
{
    const MI_Interval *v = &dt->u.interval;
    const MI_Timestamp *ts = &dt->u.timestamp;
    struct timespec now;
    struct tm tm;
    long long at;
    if (!dt->isTimestamp) {
        long long s = (((long long)v->days * 24 + v->hours) * 60 + v->minutes) * 60 + v->seconds;
        if (s > 100LL * 365 * 86400) /* (a century is forever enough, and no overflow) */
            s = 100LL * 365 * 86400;
        return s * 1000000 + v->microseconds;
    }
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)ts->year - 1900;
    tm.tm_mon = (int)ts->month - 1;
    tm.tm_mday = (int)ts->day;
    tm.tm_hour = (int)ts->hour;
    tm.tm_min = (int)ts->minute;
    tm.tm_sec = (int)ts->second;
    at = (long long)timegm(&tm) - (long long)ts->utc * 60;
    clock_gettime(CLOCK_REALTIME, &now);
    return (at - (long long)now.tv_sec) * 1000000 + (long long)ts->microseconds -
           now.tv_nsec / 1000;
}
