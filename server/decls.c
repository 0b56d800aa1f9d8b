/* SPDX-License-Identifier: MIT */
/* server/decls.c: the declaration cache (srv_decls, typing.h): each class's MI_ClassDecl, built
 * on first use and shared by every instance of the class. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "midecl.h"
#include "resolve.h"
#include "typing.h"
#include "typing_int.h"

/* ---- the declaration cache ---------------------------------------------------------------- */

/* An open-addressing table from class to declaration, under one lock; each declaration is one
 * block (the MI_ClassDecl, its MI_PropertyDecls, the pointer array) whose strings are the
 * schema's. */
typedef struct decl_slot {
    const mof_class *cls;
    MI_ClassDecl *decl;
} decl_slot;

struct srv_decls {
    pthread_mutex_t lock;
    decl_slot *slots;
    size_t n, cap; /* cap is 0 or a power of two; n < cap * 3 / 4 */
};

srv_decls *srv_decls_new(void)
{
    srv_decls *c = calloc(1, sizeof *c);
    if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        c = NULL;
    }
    return c;
}

void srv_decls_free(srv_decls *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->cap; i++)
        midecl_class_free(c->slots[i].decl);
    free(c->slots);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static size_t decl_hash(const mof_class *cls, size_t mask)
{
    uintptr_t x = (uintptr_t)cls;
    return (size_t)(((x >> 4) ^ (x >> 17)) * 2654435761u) & mask;
}

static decl_slot *decl_find(decl_slot *slots, size_t cap, const mof_class *cls)
{
    size_t mask = cap - 1, i = decl_hash(cls, mask);
    while (slots[i].cls && slots[i].cls != cls)
        i = (i + 1) & mask;
    return &slots[i];
}

/* The declaration of cls, built on first use; NULL (a dynamic instance, then) without a cache
 * or when out of memory. */
const MI_ClassDecl *ty_class_decl(srv_decls *c, const mof_class *cls)
{
    decl_slot *s;
    MI_ClassDecl *d = NULL;
    if (!c)
        return NULL;
    pthread_mutex_lock(&c->lock);
    if (c->cap && (s = decl_find(c->slots, c->cap, cls))->cls) {
        d = s->decl;
        goto out;
    }
    if ((c->n + 1) * 4 >= c->cap * 3) {
        size_t ncap = c->cap ? c->cap * 2 : 64, i;
        decl_slot *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            goto out;
        for (i = 0; i < c->cap; i++)
            if (c->slots[i].cls)
                *decl_find(ns, ncap, c->slots[i].cls) = c->slots[i];
        free(c->slots);
        c->slots = ns;
        c->cap = ncap;
    }
    if (!(d = midecl_class_new(cls)))
        goto out;
    s = decl_find(c->slots, c->cap, cls);
    s->cls = cls;
    s->decl = d;
    c->n++;
out:
    pthread_mutex_unlock(&c->lock);
    return d;
}
