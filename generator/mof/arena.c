/* SPDX-License-Identifier: MIT */
/* generator/mof/arena.c: the front end's bump allocator (see arena.h). */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include "arena.h"

#include <stdint.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

/* The first blocks are ARENA_BLOCK, later ones ARENA_BLOCK_MAX, so a big schema takes few
 * allocations and a small one stays small. Blocks of ARENA_HUGE or more are aligned to it and
 * offered to the kernel for transparent huge pages: a schema of 20 MB then costs a handful of
 * page faults instead of thousands (a third of the run time of `mofbind --check` on the CIM
 * schema went to page faults before). */
#define ARENA_BLOCK (64u * 1024u)
#define ARENA_BLOCK_MAX (4u * 1024u * 1024u)
#define ARENA_HUGE (2u * 1024u * 1024u)
#define ARENA_ALIGN (sizeof(void *) > sizeof(double) ? sizeof(void *) : sizeof(double))

struct mof_arena_block {
    mof_arena_block *next;
    size_t size;
    /* data follows, aligned */
};

#define BLOCK_HDR ((sizeof(mof_arena_block) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

static mof_malloc_fn arena_malloc_hook;

void mof_set_malloc(mof_malloc_fn fn)
{
    arena_malloc_hook = fn;
}

void *mof_malloc(size_t size)
{
    return arena_malloc_hook ? arena_malloc_hook(size) : malloc(size);
}

static mof_arena_block *huge_block(size_t size)
{
    void *p = NULL;
    if (posix_memalign(&p, ARENA_HUGE, size) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    (void)madvise(p, size, MADV_HUGEPAGE); /* a hint; without it the block works all the same */
#endif
    return p;
}

void mof_arena_init(mof_arena *a)
{
    a->head = NULL;
    a->used = 0;
    a->total = 0;
    a->failed = false;
}

void mof_arena_free(mof_arena *a)
{
    mof_arena_block *b = a->head;
    while (b) {
        mof_arena_block *next = b->next;
        free(b);
        b = next;
    }
    mof_arena_init(a);
}

void *mof_alloc(mof_arena *a, size_t size)
{
    size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    if (!a->head || a->head->size - a->used < size) {
        size_t grow = a->total < 4 * ARENA_BLOCK ? ARENA_BLOCK : ARENA_BLOCK_MAX;
        size_t bsize = size > grow / 4 ? size : grow;
        bool one_off = size > grow / 4;
        mof_arena_block *b;
        if (bsize > SIZE_MAX - BLOCK_HDR) {
            a->failed = true;
            return NULL;
        }
        if (!one_off && bsize >= ARENA_HUGE && !arena_malloc_hook) {
            bsize = (bsize + ARENA_HUGE - 1) / ARENA_HUGE * ARENA_HUGE - BLOCK_HDR;
            b = huge_block(BLOCK_HDR + bsize);
        } else {
            b = mof_malloc(BLOCK_HDR + bsize);
        }
        if (!b) {
            a->failed = true;
            return NULL;
        }
        b->size = bsize;
        a->total += BLOCK_HDR + bsize;
        if (a->head && one_off) {
            /* A large one-off allocation: keep filling the current block afterwards. */
            b->next = a->head->next;
            a->head->next = b;
            return (char *)b + BLOCK_HDR;
        }
        b->next = a->head;
        a->head = b;
        a->used = 0;
    }
    {
        void *p = (char *)a->head + BLOCK_HDR + a->used;
        a->used += size;
        return p;
    }
}

void *mof_zalloc(mof_arena *a, size_t size)
{
    void *p = mof_alloc(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *mof_strndup(mof_arena *a, const char *s, size_t n)
{
    char *p = mof_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

char *mof_strdup(mof_arena *a, const char *s)
{
    return mof_strndup(a, s, strlen(s));
}

void *mof_memdup(mof_arena *a, const void *p, size_t n, size_t elem)
{
    void *q;
    if (n && elem > SIZE_MAX / n) {
        a->failed = true;
        return NULL;
    }
    q = mof_alloc(a, n * elem);
    if (q && n)
        memcpy(q, p, n * elem);
    return q;
}
