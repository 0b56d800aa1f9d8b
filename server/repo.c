/* SPDX-License-Identifier: MIT */
/* server/repo.c: the instance repository: a hash table from (key space, key text) to the
 * instance, and a list in insertion order. See repo.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "repo.h"
#include "resolve.h"

typedef struct repo_entry repo_entry;
struct repo_entry {
    const mof_class *cls;   /* the instance's class */
    const mof_class *space; /* the class that declares its keys (srv_repo_key_space) */
    char *key;
    uint64_t hash;
    MI_Instance *inst;
    repo_entry *chain;       /* next in the bucket */
    repo_entry *prev, *next; /* insertion order */
};

struct srv_repo {
    pthread_rwlock_t lock;
    repo_entry **buckets;
    size_t nbuckets; /* power of two */
    size_t n;
    repo_entry *first, *last;
};

static uint64_t hash_key(const mof_class *cls, const char *key)
{
    uint64_t h = 1469598103934665603ull;
    uintptr_t p = (uintptr_t)cls;
    size_t i;
    for (i = 0; i < sizeof p; i++) {
        h ^= (p >> (i * 8)) & 0xff;
        h *= 1099511628211ull;
    }
    for (; *key; key++) {
        h ^= (unsigned char)*key;
        h *= 1099511628211ull;
    }
    return h;
}

srv_repo *srv_repo_new(void)
{
    srv_repo *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->nbuckets = 64;
    r->buckets = calloc(r->nbuckets, sizeof *r->buckets);
    if (!r->buckets || pthread_rwlock_init(&r->lock, NULL) != 0) {
        free(r->buckets);
        free(r);
        return NULL;
    }
    return r;
}

void srv_repo_free(srv_repo *r)
{
    repo_entry *e, *next;
    if (!r)
        return;
    for (e = r->first; e; e = next) {
        next = e->next;
        MI_Instance_Delete(e->inst);
        free(e->key);
        free(e);
    }
    pthread_rwlock_destroy(&r->lock);
    free(r->buckets);
    free(r);
}

void srv_repo_rdlock(srv_repo *r)
{
    pthread_rwlock_rdlock(&r->lock);
}

void srv_repo_wrlock(srv_repo *r)
{
    pthread_rwlock_wrlock(&r->lock);
}

void srv_repo_unlock(srv_repo *r)
{
    pthread_rwlock_unlock(&r->lock);
}

const mof_class *srv_repo_key_space(const mof_class *cls)
{
    while (cls->super && cls->super->nkeys > 0)
        cls = cls->super;
    return cls;
}

/* The slot of the entry under key in the key space of cls (*slot NULL when there is none). */
static repo_entry **slot(srv_repo *r, const mof_class *cls, const char *key)
{
    const mof_class *space = srv_repo_key_space(cls);
    uint64_t h = hash_key(space, key);
    repo_entry **p = &r->buckets[h & (r->nbuckets - 1)];
    while (*p && !((*p)->hash == h && (*p)->space == space && strcmp((*p)->key, key) == 0))
        p = &(*p)->chain;
    return p;
}

MI_Instance *srv_repo_find(srv_repo *r, const mof_class *cls, const char *key)
{
    repo_entry *e = *slot(r, cls, key);
    return e && mof_class_isa(e->cls, cls) ? e->inst : NULL;
}

MI_Instance *srv_repo_find_space(srv_repo *r, const mof_class *cls, const char *key,
                                 const mof_class **actual)
{
    repo_entry *e = *slot(r, cls, key);
    if (actual)
        *actual = e ? e->cls : NULL;
    return e ? e->inst : NULL;
}

static void grow(srv_repo *r)
{
    size_t nb = r->nbuckets * 2, i;
    repo_entry **b = calloc(nb, sizeof *b);
    if (!b)
        return; /* longer chains, still correct */
    for (i = 0; i < r->nbuckets; i++) {
        repo_entry *e = r->buckets[i], *next;
        for (; e; e = next) {
            next = e->chain;
            e->chain = b[e->hash & (nb - 1)];
            b[e->hash & (nb - 1)] = e;
        }
    }
    free(r->buckets);
    r->buckets = b;
    r->nbuckets = nb;
}

int srv_repo_insert(srv_repo *r, const mof_class *cls, const char *key, MI_Instance *inst)
{
    const mof_class *space = srv_repo_key_space(cls);
    uint64_t h = hash_key(space, key);
    repo_entry *e = calloc(1, sizeof *e), **p;
    if (!e)
        return -1;
    e->key = strdup(key);
    if (!e->key) {
        free(e);
        return -1;
    }
    e->cls = cls;
    e->space = space;
    e->hash = h;
    e->inst = inst;
    p = slot(r, cls, key);
    e->chain = *p;
    *p = e;
    e->prev = r->last;
    if (r->last)
        r->last->next = e;
    else
        r->first = e;
    r->last = e;
    if (++r->n > r->nbuckets)
        grow(r);
    return 0;
}

MI_Instance *srv_repo_replace(srv_repo *r, const mof_class *cls, const char *key, MI_Instance *inst)
{
    repo_entry *e = *slot(r, cls, key);
    MI_Instance *old;
    if (!e)
        return NULL;
    old = e->inst;
    e->inst = inst;
    e->cls = cls;
    return old;
}

MI_Instance *srv_repo_remove(srv_repo *r, const mof_class *cls, const char *key)
{
    repo_entry **p = slot(r, cls, key), *e = *p;
    MI_Instance *inst;
    if (!e || !mof_class_isa(e->cls, cls))
        return NULL;
    *p = e->chain;
    if (e->prev)
        e->prev->next = e->next;
    else
        r->first = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        r->last = e->prev;
    r->n--;
    inst = e->inst;
    free(e->key);
    free(e);
    return inst;
}

int srv_repo_each(srv_repo *r, const mof_class *cls, srv_repo_fn fn, void *ctx)
{
    repo_entry *e;
    for (e = r->first; e; e = e->next) {
        int rc;
        if (cls && !mof_class_isa(e->cls, cls))
            continue;
        rc = fn(ctx, e->cls, e->inst);
        if (rc)
            return rc;
    }
    return 0;
}

size_t srv_repo_count(srv_repo *r, const mof_namespace *ns, const mof_class *cls)
{
    repo_entry *e;
    size_t n = 0;
    if (!ns && !cls)
        return r->n;
    for (e = r->first; e; e = e->next)
        if ((!cls || mof_class_isa(e->cls, cls)) && (!ns || e->cls->ns == ns))
            n++;
    return n;
}
