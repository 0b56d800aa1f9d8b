/* generator/arena.c: the front end's bump allocator (see arena.h). */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64u * 1024u)
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
        size_t bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
        mof_arena_block *b;
        if (bsize > SIZE_MAX - BLOCK_HDR) {
            a->failed = true;
            return NULL;
        }
        b = mof_malloc(BLOCK_HDR + bsize);
        if (!b) {
            a->failed = true;
            return NULL;
        }
        b->size = bsize;
        a->total += BLOCK_HDR + bsize;
        if (a->head && bsize != ARENA_BLOCK) {
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
