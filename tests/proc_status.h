/* SPDX-License-Identifier: MIT */
/* tests/proc_status.h: a field of /proc/self/status (VmRSS in kB, Threads), for the suites and
 * benchmarks that count the process's threads and memory. */
#ifndef MOFBIND_TESTS_PROC_STATUS_H
#define MOFBIND_TESTS_PROC_STATUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The value of the field key, or -1 when it cannot be read. */
static inline long proc_status(const char *key)
{
    char line[256];
    size_t n = strlen(key);
    long v = -1;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':')
            v = atol(line + n + 1);
    fclose(f);
    return v;
}

#endif
