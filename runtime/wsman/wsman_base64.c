/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_base64.c: OctetString, uint8[] as one base64 element (DSP0230
 * cimBase64Binary, as OMI). */
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

/* ---- OctetString: uint8[] as one base64 element (DSP0230 cimBase64Binary, as OMI) -------- */

int wsman_octet_string(const MI_Qualifier *const *quals, MI_Uint32 n)
{
    MI_Uint32 i;
    for (i = 0; quals && i < n; i++) {
        const MI_Qualifier *q = quals[i];
        if (q && q->name && util_strieq(q->name, "OctetString"))
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
        util_buf_putn(b, q, 4);
    }
    if (size - i == 1) {
        char q[4] = {tab[data[i] >> 2], tab[(data[i] & 3) << 4], '=', '='};
        util_buf_putn(b, q, 4);
    } else if (size - i == 2) {
        unsigned v = ((unsigned)data[i] << 8) | data[i + 1];
        char q[4] = {tab[(v >> 10) & 63], tab[(v >> 4) & 63], tab[(v << 2) & 63], '='};
        util_buf_putn(b, q, 4);
    }
}

void wsman_buf_base64(wsman_buf *b, const unsigned char *data, size_t size)
{
    if (size > 0xffffffffu)
        util_buf_fail(b);
    else
        wsman_put_base64(b, data, (MI_Uint32)size);
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
