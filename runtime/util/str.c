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

char *util_strndup(const char *s, size_t n)
{
    char *d = (char *)malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
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

int util_digits(const char *s, int n, uint32_t *out)
{
    uint32_t v = 0;
    int i;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

int util_dmtf_parse(const char *s, util_dmtf *out)
{
    uint32_t *f = out->f, off;
    memset(out, 0, sizeof *out);
    if (strlen(s) != 25 || s[14] != '.')
        return -1;
    if (util_digits(s + 22, 3, &off) != 0)
        return -1;
    if (s[21] == ':') {
        out->interval = 1;
        if (util_digits(s, 8, &f[0]) != 0 || util_digits(s + 8, 2, &f[1]) != 0 ||
            util_digits(s + 10, 2, &f[2]) != 0 || util_digits(s + 12, 2, &f[3]) != 0 ||
            util_digits(s + 15, 6, &f[4]) != 0 || off != 0 || f[1] > 23 || f[2] > 59 ||
            f[3] > 59)
            return -1;
        return 0;
    }
    if (s[21] != '+' && s[21] != '-')
        return -1;
    if (util_digits(s, 4, &f[0]) != 0 || util_digits(s + 4, 2, &f[1]) != 0 ||
        util_digits(s + 6, 2, &f[2]) != 0 || util_digits(s + 8, 2, &f[3]) != 0 ||
        util_digits(s + 10, 2, &f[4]) != 0 || util_digits(s + 12, 2, &f[5]) != 0 ||
        util_digits(s + 15, 6, &f[6]) != 0)
        return -1;
    if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 60)
        return -1;
    f[7] = s[21] == '-' ? (uint32_t)0 - off : off;
    return 0;
}
