/* SPDX-License-Identifier: MIT */
/* examples/provider/demo_store.h: how the demo provider's classes keep their instances: typed
 * structs in memory behind a lock, found by their keys (demo_store.c). Each class has one
 * store, made with its generated typed functions behind four small adapters; the provider's
 * operations then each take a line or two. Results are MI_Results for the caller to post
 * (MI_Context_PostResult, or PostError with its own message). */
#ifndef DEMO_STORE_H
#define DEMO_STORE_H

#include <pthread.h>
#include <stddef.h>

/* The MI header the generated code uses (MOFBIND_MI_HEADER, e.g. OMI's <MI.h>, or ours). */
#ifdef MOFBIND_MI_HEADER
#include MOFBIND_MI_HEADER
#else
#include <mofbind/mi.h>
#endif

typedef struct demo_store {
    pthread_mutex_t lock;
    void *items; /* max + 1 structs of size bytes, n of them in use (one spare for Modify) */
    size_t size, n, max;
    int (*same_keys)(const void *a, const void *b);
    MI_Result (*copy)(void *dst, const void *src);         /* X_Copy */
    void (*destruct)(void *x);                             /* X_Destruct */
    MI_Result (*post)(MI_Context *context, const void *x); /* X_Post */
} demo_store;

/* A store of up to max instances over the array items of max + 1 structs. */
#define DEMO_STORE(items, max, same_keys, copy, destruct, post)                                    \
    {                                                                                              \
        PTHREAD_MUTEX_INITIALIZER, items, sizeof(items)[0], 0, max, same_keys, copy, destruct,     \
            post                                                                                   \
    }

/* 1 when an instance with these keys is kept. */
int demo_store_has(demo_store *s, const void *keys);
/* Enumerate: posts each instance. */
MI_Result demo_store_post_all(demo_store *s, MI_Context *context);
/* Get: posts the instance with these keys; NOT_FOUND. */
MI_Result demo_store_get(demo_store *s, MI_Context *context, const void *keys);
/* Create: keeps a copy of x and posts it (context NULL: no post, for a Load's seed);
 * ALREADY_EXISTS, SERVER_LIMITS_EXCEEDED. */
MI_Result demo_store_add(demo_store *s, MI_Context *context, const void *x);
/* Modify: replaces the instance with x's keys by a copy of x and posts it; NOT_FOUND. */
MI_Result demo_store_replace(demo_store *s, MI_Context *context, const void *x);
/* Delete: NOT_FOUND. */
MI_Result demo_store_remove(demo_store *s, const void *keys);
/* fn on each instance, under the lock, until it answers other than MI_RESULT_OK. */
MI_Result demo_store_each(demo_store *s, MI_Result (*fn)(void *ctx, const void *x), void *ctx);
/* Unload: forgets everything. */
void demo_store_clear(demo_store *s);

#endif
