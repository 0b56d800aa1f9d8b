/* SPDX-License-Identifier: MIT */
/* tests/failalloc.c: allocation-failure injection for the fault-injection tests. A program
 * linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=strndup has
 * every such call of the objects linked into it (libtool convenience libraries included; shared
 * libraries are not) come here. failalloc_set(n) makes the nth allocation from then on fail
 * (once; 0: none); failalloc_count() says how many allocations there were since. For a whole
 * program run, the environment does the same: MOFBIND_FAIL_ALLOC=N fails the Nth, and
 * MOFBIND_FAIL_ALLOC_REPORT=1 prints "failalloc: COUNT allocations" to stderr at exit.
 * Thread-safe (atomic counters). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static unsigned long fa_count;   /* allocations since the last failalloc_set */
static unsigned long fa_fail_at; /* 0: never */
static int fa_env_read;

static void fa_report(void)
{
    fprintf(stderr, "failalloc: %lu allocations\n", __atomic_load_n(&fa_count, __ATOMIC_SEQ_CST));
}

static void fa_env(void)
{
    const char *s;
    if (__atomic_exchange_n(&fa_env_read, 1, __ATOMIC_SEQ_CST))
        return;
    s = getenv("MOFBIND_FAIL_ALLOC");
    if (s && *s)
        __atomic_store_n(&fa_fail_at, strtoul(s, NULL, 10), __ATOMIC_SEQ_CST);
    s = getenv("MOFBIND_FAIL_ALLOC_REPORT");
    if (s && *s == '1')
        atexit(fa_report);
}

/* 1 when this allocation is to fail. */
static int fa_fail(void)
{
    unsigned long k, at;
    fa_env();
    k = __atomic_add_fetch(&fa_count, 1, __ATOMIC_SEQ_CST);
    at = __atomic_load_n(&fa_fail_at, __ATOMIC_SEQ_CST);
    return at != 0 && k == at;
}

void failalloc_set(unsigned long n)
{
    __atomic_store_n(&fa_env_read, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&fa_count, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&fa_fail_at, n, __ATOMIC_SEQ_CST);
}

unsigned long failalloc_count(void)
{
    return __atomic_load_n(&fa_count, __ATOMIC_SEQ_CST);
}

void *__wrap_malloc(size_t n)
{
    return fa_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fa_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fa_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = fa_fail() ? NULL : __real_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

char *__wrap_strndup(const char *s, size_t n)
{
    size_t k = 0;
    char *d;
    while (k < n && s[k])
        k++;
    d = fa_fail() ? NULL : __real_malloc(k + 1);
    if (d) {
        memcpy(d, s, k);
        d[k] = '\0';
    }
    return d;
}
