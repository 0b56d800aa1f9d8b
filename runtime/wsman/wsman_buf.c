/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_buf.c: XML escaping of the text that goes into the codec's output buffer
 * (wsman_buf, libutil's growable buffer). */
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

int wsman_buf_escape(wsman_buf *b, const char *s, int attr)
{
    return wsb_escape(b, s, attr);
}

/* Length of a valid UTF-8 sequence at s (of at most n bytes) that XML 1.0 may carry, or 0. */
size_t wsman_utf8_char(const unsigned char *s, size_t n, unsigned *cp)
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
        if (left >= 8 && wsman_printable8(p) && wsman_no_markup8(p)) {
            p += 8; /* nothing to replace or refuse in these eight */
            left -= 8;
            continue;
        }
        if (c >= 0x80) {
            n = wsman_utf8_char(p, left, &cp);
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
            util_buf_putn(b, (const char *)run, (size_t)(p - run));
            util_buf_puts(b, rep);
            run = p + 1;
        }
        p++;
        left--;
    }
    util_buf_putn(b, (const char *)run, (size_t)(p - run));
    return 0;
}

int wsman_text_is_xml_safe(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    while (left > 0) {
        unsigned cp;
        size_t n;
        if (left >= 8 && wsman_printable8(p)) {
            p += 8;
            left -= 8;
            continue;
        }
        if (*p < 0x80) {
            if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
                return 0;
            p++;
            left--;
            continue;
        }
        n = wsman_utf8_char(p, left, &cp);
        if (n == 0)
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}
