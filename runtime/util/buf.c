/* SPDX-License-Identifier: MIT */
/* runtime/util/buf.c: the growable buffer (see util.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void util_buf_init(util_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

void util_buf_reset(util_buf *b)
{
    b->len = 0;
    b->failed = 0;
    if (b->data)
        b->data[0] = '\0';
}

void util_buf_free(util_buf *b)
{
    free(b->data);
    util_buf_init(b);
}

int util_buf_reserve(util_buf *b, size_t more)
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
    p = (char *)realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void util_buf_truncate(util_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

void util_buf_consume(util_buf *b, size_t n)
{
    if (n && n <= b->len) {
        memmove(b->data, b->data + n, b->len - n);
        util_buf_truncate(b, b->len - n);
    }
}

void util_buf_fail(util_buf *b)
{
    b->failed = 1;
}

char *util_buf_take(util_buf *b, size_t *len)
{
    char *data = b->failed ? NULL : b->data;
    *len = data ? b->len : 0;
    if (!data)
        free(b->data);
    util_buf_init(b);
    return data;
}

void util_buf_printf(util_buf *b, const char *fmt, ...)
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
        util_buf_putn(b, tmp, (size_t)n);
        return;
    }
    if (util_buf_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}
