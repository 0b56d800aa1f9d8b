/* SPDX-License-Identifier: MIT */
/* runtime/util/str.c: string helpers (see util.h). */
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *util_strdup(const char *s)
{
    size_t n;
    char *d;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    if ((d = (char *)malloc(n)))
        memcpy(d, s, n);
    return d;
}

int util_strieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int util_striprefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        int x = (unsigned char)*s, y = (unsigned char)*prefix;
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

int util_is_cim_name(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!p || !*p || (*p >= '0' && *p <= '9'))
        return 0;
    for (; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p >= 0x80))
            return 0;
    return 1;
}

uint32_t util_name_code(const char *name)
{
    size_t n = strlen(name);
    unsigned f, l;
    if (n == 0 || n > 0xFFFF)
        return 0;
    f = (unsigned char)name[0];
    l = (unsigned char)name[n - 1];
    if (f >= 'A' && f <= 'Z')
        f += 32;
    if (l >= 'A' && l <= 'Z')
        l += 32;
    return ((uint32_t)f << 24) | ((uint32_t)l << 16) | (uint32_t)n;
}
