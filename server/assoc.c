/* SPDX-License-Identifier: MIT */
/* server/assoc.c: associators and references from the repository's association instances
 * (see assoc.h). One pass over the repository; a result found twice (two associations to the
 * same instance) is kept once. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assoc.h"
#include "resolve.h"
#include "typing.h"

typedef struct collect {
    const srv_assoc_query *q;
    srv_repo *repo;
    const mof_class *src, *assoc, *result;
    char *src_key;
    const MI_Instance **found; /* repository instances (lent while the lock is held) */
    size_t n, cap;
    const MI_Instance **far; /* references (lent likewise) to instances served elsewhere */
    char **far_keys;         /* their classes and keys, to give each once */
    size_t n_far, cap_far;
    bool failed;
} collect;

static const mof_class *class_of(const collect *c, const MI_Instance *inst)
{
    const MI_Char *cn = NULL;
    if (MI_Instance_GetClassName(inst, &cn) != MI_RESULT_OK || !cn)
        return NULL;
    return mof_map_get(&c->q->ns->classes, cn);
}

/* Does the reference ref name the source? */
static bool names_source(const collect *c, const MI_Instance *ref)
{
    const mof_class *rc = class_of(c, ref);
    char *k = NULL;
    bool same;
    if (!rc || !(mof_class_isa(rc, c->src) || mof_class_isa(c->src, rc)))
        return false;
    if (srv_instance_key(c->src, ref, &k) != MI_RESULT_OK)
        return false;
    same = strcmp(k, c->src_key) == 0;
    free(k);
    return same;
}

static void add(collect *c, const MI_Instance *inst)
{
    size_t i;
    for (i = 0; i < c->n; i++)
        if (c->found[i] == inst)
            return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        const MI_Instance **nf = realloc(c->found, cap * sizeof *nf);
        if (!nf) {
            c->failed = true;
            return;
        }
        c->found = nf;
        c->cap = cap;
    }
    c->found[c->n++] = inst;
}

/* The non-NULL reference value of property p of inst, or NULL. */
static const MI_Instance *ref_value(const MI_Instance *inst, const mof_property *p)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    if (p->type != MOF_REFERENCE || p->is_array ||
        MI_Instance_GetElement(inst, p->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL) || t != MI_REFERENCE)
        return NULL;
    return v.reference;
}

/* A reference to an instance served elsewhere, kept once (by its class and keys). */
static void add_far(collect *c, const mof_class *tc, const MI_Instance *ref, char *k)
{
    size_t i, len = strlen(tc->name) + strlen(k) + 2;
    char *id = malloc(len);
    if (!id) {
        c->failed = true;
        return;
    }
    snprintf(id, len, "%s\n%s", tc->name, k);
    for (i = 0; i < c->n_far; i++)
        if (strcmp(c->far_keys[i], id) == 0) {
            free(id);
            return;
        }
    if (c->n_far == c->cap_far) {
        size_t cap = c->cap_far ? c->cap_far * 2 : 8;
        const MI_Instance **nf = realloc(c->far, cap * sizeof *nf);
        char **nk = nf ? realloc(c->far_keys, cap * sizeof *nk) : NULL;
        if (nf)
            c->far = nf;
        if (!nk) {
            free(id);
            c->failed = true;
            return;
        }
        c->far_keys = nk;
        c->cap_far = cap;
    }
    c->far[c->n_far] = ref;
    c->far_keys[c->n_far++] = id;
}

/* The repository's instance a reference names, or NULL (a reference to an instance served
 * elsewhere is kept aside). */
static const MI_Instance *target(collect *c, const MI_Instance *ref)
{
    const mof_class *tc = class_of(c, ref);
    const MI_Instance *t = NULL;
    char *k = NULL;
    if (tc && srv_instance_key(tc, ref, &k) == MI_RESULT_OK) {
        if (c->q->elsewhere && c->q->elsewhere(c->q->elsewhere_ctx, tc))
            add_far(c, tc, ref, k);
        else
            t = srv_repo_find(c->repo, tc, k);
    }
    free(k);
    return t;
}

static int visit(void *ctx, const mof_class *cls, const MI_Instance *inst)
{
    collect *c = ctx;
    const srv_assoc_query *q = c->q;
    size_t i, j;
    if (cls->ns != q->ns || !(cls->flags & MOF_C_ASSOCIATION) ||
        (c->assoc && !mof_class_isa(cls, c->assoc)))
        return 0;
    for (i = 0; i < cls->n_all_props && !c->failed; i++) {
        const mof_property *p = cls->all_props[i];
        const MI_Instance *r = ref_value(inst, p);
        if (!r || (q->role && !mof_name_eq(p->name, q->role)) || !names_source(c, r))
            continue;
        if (q->references) {
            if (!c->result || mof_class_isa(cls, c->result))
                add(c, inst);
            break;
        }
        for (j = 0; j < cls->n_all_props && !c->failed; j++) {
            const mof_property *o = cls->all_props[j];
            const MI_Instance *other, *t;
            const mof_class *tc;
            if (j == i || (q->result_role && !mof_name_eq(o->name, q->result_role)) ||
                !(other = ref_value(inst, o)) || !(t = target(c, other)))
                continue;
            tc = class_of(c, t);
            if (!c->result || (tc && mof_class_isa(tc, c->result)))
                add(c, t);
        }
    }
    return c->failed ? 1 : 0;
}

bool srv_assoc_can_name(const mof_namespace *ns, const mof_class *assoc, const mof_class *src,
                        const char *role)
{
    size_t i;
    for (i = 0; i < assoc->n_all_props; i++) {
        const mof_property *p = assoc->all_props[i];
        const mof_class *rc;
        if (p->type != MOF_REFERENCE || p->is_array || !p->ref_class ||
            (role && !mof_name_eq(p->name, role)))
            continue;
        rc = mof_map_get(&ns->classes, p->ref_class);
        if (rc && (mof_class_isa(src, rc) || mof_class_isa(rc, src)))
            return true;
    }
    return false;
}

/* A class named by the filter, or NULL with the fault's message. */
static bool filter_class(const srv_assoc_query *q, const char *name, const char *what,
                         const mof_class **out, char *msg, size_t msglen)
{
    *out = NULL;
    if (!name)
        return true;
    *out = mof_map_get(&q->ns->classes, name);
    if (!*out)
        snprintf(msg, msglen, "The %s %.100s does not exist in %.100s", what, name, q->ns->name);
    return *out != NULL;
}

/* Clones src[0..n) into a new array *out (NULL for none). False when memory ran out. */
static bool clone_all(const MI_Instance **src, size_t n, MI_Instance ***out)
{
    size_t i;
    *out = NULL;
    if (!n)
        return true;
    if (!(*out = calloc(n, sizeof **out)))
        return false;
    for (i = 0; i < n; i++)
        if (MI_Instance_Clone(src[i], &(*out)[i]) != MI_RESULT_OK) {
            while (i)
                MI_Instance_Delete((*out)[--i]);
            free(*out);
            *out = NULL;
            return false;
        }
    return true;
}

MI_Result srv_assoc_collect(srv_repo *repo, const srv_assoc_query *q, MI_Instance ***items,
                            size_t *n, MI_Instance ***far, size_t *n_far, char *msg,
                            size_t msglen)
{
    collect c;
    MI_Instance *keys = NULL;
    MI_Result r;
    size_t i;
    *items = *far = NULL;
    *n = *n_far = 0;
    memset(&c, 0, sizeof c);
    c.q = q;
    c.repo = repo;
    if (!(c.src = class_of(&c, q->source))) {
        const MI_Char *cn = NULL;
        MI_Instance_GetClassName(q->source, &cn);
        snprintf(msg, msglen, "The source object's class does not exist: %.100s in %.100s",
                 cn ? cn : "(none)", q->ns->name);
        return MI_RESULT_INVALID_CLASS;
    }
    if (!filter_class(q, q->assoc_class, "association class", &c.assoc, msg, msglen) ||
        !filter_class(q, q->result_class, "result class", &c.result, msg, msglen))
        return MI_RESULT_INVALID_PARAMETER;
    r = srv_ref_keys(c.src, q->source, &keys, msg, msglen);
    if (r == MI_RESULT_OK) {
        r = srv_instance_key(c.src, keys, &c.src_key);
        MI_Instance_Delete(keys);
    }
    if (r != MI_RESULT_OK)
        return r;
    if (!q->source_elsewhere && !srv_repo_find(repo, c.src, c.src_key)) {
        snprintf(msg, msglen, "The source object cannot be found: no %s with these keys in %s",
                 c.src->name, q->ns->name);
        free(c.src_key);
        return MI_RESULT_NOT_FOUND;
    }
    srv_repo_each(repo, NULL, visit, &c);
    free(c.src_key);
    if (!c.failed && !clone_all(c.found, c.n, items))
        c.failed = true;
    if (!c.failed && !clone_all(c.far, c.n_far, far)) {
        for (i = 0; i < c.n; i++)
            MI_Instance_Delete((*items)[i]);
        free(*items);
        *items = NULL;
        c.failed = true;
    }
    free(c.found);
    free(c.far);
    for (i = 0; i < c.n_far; i++)
        free(c.far_keys[i]);
    free(c.far_keys);
    if (c.failed) {
        snprintf(msg, msglen, "out of memory");
        return MI_RESULT_FAILED;
    }
    *n = c.n;
    *n_far = c.n_far;
    return MI_RESULT_OK;
}
