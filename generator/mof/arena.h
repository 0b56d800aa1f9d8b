/* SPDX-License-Identifier: MIT */
/* generator/mof/arena.h: a bump allocator for everything the front end builds.
 *
 * The parse tree, the schema model and every string in them live in one arena and are freed
 * together; nothing in the model is freed on its own. Allocation failure is reported by a NULL
 * return and a sticky flag, so callers may check once at the end of a phase. */
#ifndef MOFBIND_ARENA_H
#define MOFBIND_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct mof_arena_block mof_arena_block;

typedef struct mof_arena {
    mof_arena_block *head;  /* block being filled */
    size_t used;            /* bytes used in head */
    size_t total;           /* bytes obtained from malloc, for reports */
    bool failed;            /* an allocation has failed */
} mof_arena;

void mof_arena_init(mof_arena *a);
void mof_arena_free(mof_arena *a);

/* Returns size bytes aligned for any object, or NULL (and sets a->failed). */
void *mof_alloc(mof_arena *a, size_t size);
/* Like mof_alloc, zero-filled. */
void *mof_zalloc(mof_arena *a, size_t size);
/* A NUL-terminated copy of the n bytes at s. */
char *mof_strndup(mof_arena *a, const char *s, size_t n);
char *mof_strdup(mof_arena *a, const char *s);
/* A copy of an array of n elements of size elem. */
void *mof_memdup(mof_arena *a, const void *p, size_t n, size_t elem);

/* Allocation hook, for the fault-injection tests: when set, every malloc the front end makes goes
 * through it. NULL restores malloc. Process-wide; set it before any parse, from one thread. */
typedef void *(*mof_malloc_fn)(size_t size);
void mof_set_malloc(mof_malloc_fn fn);
void *mof_malloc(size_t size);

#endif
