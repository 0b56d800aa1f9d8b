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
