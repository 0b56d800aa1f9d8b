/* SPDX-License-Identifier: MIT */
/* examples/provider/demo_store.c: the demo provider's stores (demo_store.h). */
#include <string.h>

#include "demo_store.h"

static void *at(const demo_store *s, size_t i)
{
    return (unsigned char *)s->items + i * s->size;
}

/* The index of the instance with these keys, or -1. Called with the lock held. */
static long find(const demo_store *s, const void *keys)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (s->same_keys(at(s, i), keys))
            return (long)i;
    return -1;
}

int demo_store_has(demo_store *s, const void *keys)
{
    long i;
    pthread_mutex_lock(&s->lock);
    i = find(s, keys);
    pthread_mutex_unlock(&s->lock);
    return i >= 0;
}

MI_Result demo_store_post_all(demo_store *s, MI_Context *context)
{
    size_t i;
    MI_Result r = MI_RESULT_OK;
    pthread_mutex_lock(&s->lock);
    for (i = 0; i < s->n && r == MI_RESULT_OK; i++)
        r = s->post(context, at(s, i));
    pthread_mutex_unlock(&s->lock);
    return r;
}

MI_Result demo_store_get(demo_store *s, MI_Context *context, const void *keys)
{
    long i;
    MI_Result r;
    pthread_mutex_lock(&s->lock);
    i = find(s, keys);
    r = i >= 0 ? s->post(context, at(s, (size_t)i)) : MI_RESULT_NOT_FOUND;
    pthread_mutex_unlock(&s->lock);
    return r;
}

MI_Result demo_store_add(demo_store *s, MI_Context *context, const void *x)
{
    MI_Result r;
    pthread_mutex_lock(&s->lock);
    if (find(s, x) >= 0)
        r = MI_RESULT_ALREADY_EXISTS;
    else if (s->n == s->max)
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    else if ((r = s->copy(at(s, s->n), x)) == MI_RESULT_OK)
        r = context ? s->post(context, at(s, s->n++)) : (s->n++, MI_RESULT_OK);
    pthread_mutex_unlock(&s->lock);
    return r;
}

MI_Result demo_store_replace(demo_store *s, MI_Context *context, const void *x)
{
    long i;
    MI_Result r = MI_RESULT_NOT_FOUND;
    pthread_mutex_lock(&s->lock);
    i = find(s, x);
    /* the copy goes into the spare slot first: a failed copy loses nothing */
    if (i >= 0 && (r = s->copy(at(s, s->max), x)) == MI_RESULT_OK) {
        s->destruct(at(s, (size_t)i));
        memcpy(at(s, (size_t)i), at(s, s->max), s->size);
        r = s->post(context, at(s, (size_t)i));
    }
    pthread_mutex_unlock(&s->lock);
    return r;
}

MI_Result demo_store_remove(demo_store *s, const void *keys)
{
    long i;
    pthread_mutex_lock(&s->lock);
    i = find(s, keys);
    if (i >= 0) {
        s->destruct(at(s, (size_t)i));
        memmove(at(s, (size_t)i), at(s, --s->n), s->size);
    }
    pthread_mutex_unlock(&s->lock);
    return i >= 0 ? MI_RESULT_OK : MI_RESULT_NOT_FOUND;
}

MI_Result demo_store_each(demo_store *s, MI_Result (*fn)(void *ctx, const void *x), void *ctx)
{
    size_t i;
    MI_Result r = MI_RESULT_OK;
    pthread_mutex_lock(&s->lock);
    for (i = 0; i < s->n && r == MI_RESULT_OK; i++)
        r = fn(ctx, at(s, i));
    pthread_mutex_unlock(&s->lock);
    return r;
}

void demo_store_clear(demo_store *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->n)
        s->destruct(at(s, --s->n));
    pthread_mutex_unlock(&s->lock);
}
