/* SPDX-License-Identifier: MIT */
/* runtime/core/class.c: MI_Class objects built at run time (what MI_Session_GetClass and
 * EnumerateClasses deliver): the MI_ClassFT, MI_QualifierSetFT and MI_ParameterSetFT over an
 * MI_ClassDecl, and the builder that owns every allocation of such a declaration.
 *
 * A class object is immutable once made, so handles share it: each MI_Class handle counts one
 * reference to the body behind it (the declaration, its memory, the names), Clone adds a handle
 * and Delete drops one; a class whose superclass is known holds a reference to the superclass's
 * body, which GetParentClass hands out. References are counted atomically, so handles of one
 * class may live on different threads. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "util.h"

#define MIC_CLASS_MAGIC 0x6d436c73 /* in reserved[0] of our handles */

/* ---- the builder ------------------------------------------------------------------------ */

struct mic_classdef {
    void **blocks; /* every allocation, freed together */
    size_t n, cap;
};

mic_classdef *mic_classdef_new(void)
{
    return (mic_classdef *)calloc(1, sizeof(mic_classdef));
}

void *mic_classdef_alloc(mic_classdef *d, size_t size)
{
    void *p;
    if (!d)
        return NULL;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        void **nb = (void **)realloc(d->blocks, cap * sizeof *nb);
        if (!nb)
            return NULL;
        d->blocks = nb;
        d->cap = cap;
    }
    if (!(p = calloc(1, size ? size : 1)))
        return NULL;
    d->blocks[d->n++] = p;
    return p;
}

char *mic_classdef_strdup(mic_classdef *d, const char *s)
{
    size_t n;
    char *p;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    if ((p = (char *)mic_classdef_alloc(d, n)))
        memcpy(p, s, n);
    return p;
}

void mic_classdef_free(mic_classdef *d)
{
    size_t i;
    if (!d)
        return;
    for (i = 0; i < d->n; i++)
        free(d->blocks[i]);
    free(d->blocks);
    free(d);
}

/* ---- bodies and handles ----------------------------------------------------------------- */

typedef struct mic_class_body mic_class_body;
struct mic_class_body {
    int refs;
    mic_classdef *def;
    MI_ClassDecl *decl;
    const char *ns, *server; /* in def */
    mic_class_body *parent;  /* a reference, or NULL */
};

static mic_class_body *body_of(const MI_Class *c)
{
    if (!c || c->reserved[0] != (ptrdiff_t)MIC_CLASS_MAGIC || !c->reserved[1])
        return NULL;
    return (mic_class_body *)c->reserved[1];
}

int mic_class_is_ours(const MI_Class *c)
{
    return body_of(c) != NULL;
}

static void body_unref(mic_class_body *b)
{
    while (b && __atomic_sub_fetch(&b->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        mic_class_body *p = b->parent;
        mic_classdef_free(b->def);
        free(b);
        b = p;
    }
}

extern const MI_ClassFT mic_class_ft;

/* A new handle on b (one more reference). */
static MI_Result new_handle(mic_class_body *b, MI_Class **out)
{
    MI_Class *c = (MI_Class *)calloc(1, sizeof *c);
    if (!c)
        return MIC_RESULT_NOMEM;
    __atomic_add_fetch(&b->refs, 1, __ATOMIC_ACQ_REL);
    c->ft = &mic_class_ft;
    c->classDecl = b->decl;
    c->namespaceName = b->ns;
    c->serverName = b->server;
    c->reserved[0] = (ptrdiff_t)MIC_CLASS_MAGIC;
    c->reserved[1] = (ptrdiff_t)b;
    *out = c;
    return MI_RESULT_OK;
}

MI_Result mic_class_new(mic_classdef *def, MI_ClassDecl *decl, const MI_Char *ns,
                        const MI_Char *server, MI_Class **out)
{
    mic_class_body *b;
    MI_Result r;
    if (out)
        *out = NULL;
    if (!def || !decl || !decl->name || !out) {
        mic_classdef_free(def);
        return MI_RESULT_INVALID_PARAMETER;
    }
    if (!(b = (mic_class_body *)calloc(1, sizeof *b)) ||
        (ns && !(b->ns = mic_classdef_strdup(def, ns))) ||
        (server && !(b->server = mic_classdef_strdup(def, server)))) {
        free(b);
        mic_classdef_free(def);
        return MIC_RESULT_NOMEM;
    }
    b->def = def;
    b->decl = decl;
    r = new_handle(b, out);
    if (r != MI_RESULT_OK) {
        mic_classdef_free(def);
        free(b);
    }
    return r;
}

#define MIC_CLASS_MAX_DEPTH 64 /* superclasses followed at most (a cycle stops there) */

/* The body over a declaration the caller keeps, and over its superclasses' (each a body of
 * its own, so that GetParentClass hands out a class as for a class read from a server). */
static MI_Result borrow_body(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                             int depth, mic_class_body **out)
{
    mic_class_body *b;
    mic_classdef *def;
    MI_Result r;
    *out = NULL;
    if (!decl->name)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(def = mic_classdef_new()) || !(b = (mic_class_body *)calloc(1, sizeof *b))) {
        mic_classdef_free(def);
        return MIC_RESULT_NOMEM;
    }
    b->refs = 1;
    b->def = def;
    b->decl = (MI_ClassDecl *)decl; /* never written: set_parent is for built classes */
    if ((ns && !(b->ns = mic_classdef_strdup(def, ns))) ||
        (server && !(b->server = mic_classdef_strdup(def, server)))) {
        body_unref(b);
        return MIC_RESULT_NOMEM;
    }
    if (decl->superClassDecl && depth < MIC_CLASS_MAX_DEPTH) {
        r = borrow_body(decl->superClassDecl, ns, server, depth + 1, &b->parent);
        if (r != MI_RESULT_OK) {
            body_unref(b);
            return r;
        }
    }
    *out = b;
    return MI_RESULT_OK;
}

MI_Result mic_class_borrow(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                           MI_Class **out)
{
    mic_class_body *b;
    MI_Result r;
    if (out)
        *out = NULL;
    if (!decl || !out)
        return MI_RESULT_INVALID_PARAMETER;
    if ((r = borrow_body(decl, ns, server, 0, &b)) != MI_RESULT_OK)
        return r;
    r = new_handle(b, out);
    body_unref(b); /* the handle's reference, or none: freed */
    return r;
}

MI_Result mic_class_snapshot(const MI_ClassDecl *decl, const MI_Char *name, const MI_Char *ns,
                             const MI_Char *server, MI_Class **out)
{
    mic_classdef *def;
    MI_ClassDecl *c;
    MI_PropertyDecl **props = NULL;
    MI_Uint32 i;
    if (out)
        *out = NULL;
    if (!decl || !out || !(name = name ? name : decl->name))
        return MI_RESULT_INVALID_PARAMETER;
    if (!(def = mic_classdef_new()) || !(c = (MI_ClassDecl *)mic_classdef_alloc(def, sizeof *c)) ||
        !(c->name = mic_classdef_strdup(def, name)) ||
        (decl->numProperties && !(props = (MI_PropertyDecl **)mic_classdef_alloc(
                                      def, decl->numProperties * sizeof *props)))) {
        mic_classdef_free(def);
        return MIC_RESULT_NOMEM;
    }
    c->flags = decl->flags;
    c->code = util_name_code(c->name);
    for (i = 0; i < decl->numProperties; i++) {
        const MI_PropertyDecl *from = decl->properties[i];
        MI_PropertyDecl *p = (MI_PropertyDecl *)mic_classdef_alloc(def, sizeof *p);
        if (!p || !(p->name = mic_classdef_strdup(def, from->name)) ||
            (from->className && !(p->className = mic_classdef_strdup(def, from->className)))) {
            mic_classdef_free(def);
            return MIC_RESULT_NOMEM;
        }
        p->flags = from->flags;
        p->code = from->code;
        p->type = from->type;
        p->origin = c->name;
        p->propagator = c->name;
        props[i] = p;
    }
    c->properties = (const MI_PropertyDecl *const *)props;
    c->numProperties = decl->numProperties;
    return mic_class_new(def, c, ns, server, out);
}

MI_Result MI_CALL mic_app_NewClass(MI_Application *a, const MI_ClassDecl *d, const MI_Char *n,
                                   const MI_Char *s, MI_Class **c)
{
    if (c)
        *c = NULL;
    if (!a || !d || !d->name || !c)
        return MI_RESULT_INVALID_PARAMETER;
    return mic_class_borrow(d, n, s, c);
}

MI_Result mic_class_set_parent(MI_Class *c, const MI_Class *parent)
{
    mic_class_body *b = body_of(c), *p = body_of(parent);
    if (!b || !p || b->parent || b == p)
        return MI_RESULT_INVALID_PARAMETER;
    __atomic_add_fetch(&p->refs, 1, __ATOMIC_ACQ_REL);
    b->parent = p;
    b->decl->superClassDecl = p->decl;
    return MI_RESULT_OK;
}

/* ---- values and sets -------------------------------------------------------------------- */

/* The MI_Value a declaration's `const void *` value points at (see mi.h's MI_Qualifier). */
static void value_of(MI_Uint32 type, const void *p, MI_Value *v)
{
    memset(v, 0, sizeof *v);
    if (!p)
        return;
    if (type & MI_ARRAY)
        memcpy(v, p, sizeof(MI_Array));
    else
        memcpy(v, p, mic_scalar_size((MI_Type)type));
}

extern const MI_QualifierSetFT mic_qualifier_set_ft;
extern const MI_ParameterSetFT mic_parameter_set_ft;

static void qualifier_set(MI_QualifierSet *qs, const MI_Qualifier *const *q, MI_Uint32 n)
{
    if (!qs)
        return;
    qs->reserved1 = n;
    qs->reserved2 = (ptrdiff_t)q;
    qs->ft = &mic_qualifier_set_ft;
}

static MI_Result MI_CALL q_GetQualifierCount(const MI_QualifierSet *self, MI_Uint32 *count)
{
    if (!self || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = (MI_Uint32)self->reserved1;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL q_GetQualifierAt(const MI_QualifierSet *self, MI_Uint32 index,
                                          const MI_Char **name, MI_Type *type, MI_Uint32 *flags,
                                          MI_Value *value)
{
    const MI_Qualifier *q;
    if (!self || !name || !type || !flags || !value)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= self->reserved1)
        return MI_RESULT_NOT_FOUND;
    q = ((const MI_Qualifier *const *)self->reserved2)[index];
    *name = q->name;
    *type = (MI_Type)q->type;
    *flags = q->flavor;
    value_of(q->type, q->value, value);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL q_GetQualifier(const MI_QualifierSet *self, const MI_Char *name,
                                        MI_Type *type, MI_Uint32 *flags, MI_Value *value,
                                        MI_Uint32 *index)
{
    MI_Uint32 i;
    const MI_Char *n;
    if (!self || !name || !type || !flags || !value || !index)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < self->reserved1; i++) {
        if (util_strieq(((const MI_Qualifier *const *)self->reserved2)[i]->name, name)) {
            *index = i;
            return q_GetQualifierAt(self, i, &n, type, flags, value);
        }
    }
    return MI_RESULT_NOT_FOUND;
}

const MI_QualifierSetFT mic_qualifier_set_ft = {q_GetQualifierCount, q_GetQualifierAt,
                                                q_GetQualifier};

/* A parameter set: reserved1 the method's parameter count (MIReturn first), reserved2 them. */
static MI_Result param_at(const MI_ParameterSet *self, MI_Uint32 index, const MI_Char **name,
                          MI_Type *type, MI_Char **refclass, MI_QualifierSet *qs)
{
    const MI_ParameterDecl *p;
    if (!self || !type || !qs)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= self->reserved1)
        return MI_RESULT_NOT_FOUND;
    p = ((const MI_ParameterDecl *const *)self->reserved2)[index];
    if (name)
        *name = p->name;
    *type = (MI_Type)p->type;
    if (refclass)
        *refclass = (MI_Char *)p->className;
    qualifier_set(qs, p->qualifiers, p->numQualifiers);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL p_GetMethodReturnType(const MI_ParameterSet *self, MI_Type *type,
                                               MI_QualifierSet *qs)
{
    return param_at(self, 0, NULL, type, NULL, qs);
}

static MI_Result MI_CALL p_GetParameterCount(const MI_ParameterSet *self, MI_Uint32 *count)
{
    if (!self || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = self->reserved1 ? (MI_Uint32)self->reserved1 - 1 : 0;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL p_GetParameterAt(const MI_ParameterSet *self, MI_Uint32 index,
                                          const MI_Char **name, MI_Type *type, MI_Char **refclass,
                                          MI_QualifierSet *qs)
{
    if (!name || index == (MI_Uint32)-1)
        return MI_RESULT_INVALID_PARAMETER;
    return param_at(self, index + 1, name, type, refclass, qs);
}

static MI_Result MI_CALL p_GetParameter(const MI_ParameterSet *self, const MI_Char *name,
                                        MI_Type *type, MI_Char **refclass, MI_QualifierSet *qs,
                                        MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!self || !name || !type || !qs || !index)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 1; i < self->reserved1; i++) {
        if (util_strieq(((const MI_ParameterDecl *const *)self->reserved2)[i]->name, name)) {
            *index = i - 1;
            return param_at(self, i, NULL, type, refclass, qs);
        }
    }
    return MI_RESULT_NOT_FOUND;
}

const MI_ParameterSetFT mic_parameter_set_ft = {p_GetMethodReturnType, p_GetParameterCount,
                                                p_GetParameterAt, p_GetParameter};

/* ---- the class function table ----------------------------------------------------------- */

static MI_Result MI_CALL c_GetClassName(const MI_Class *self, const MI_Char **name)
{
    if (!self || !self->classDecl || !name)
        return MI_RESULT_INVALID_PARAMETER;
    *name = self->classDecl->name;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetNameSpace(const MI_Class *self, const MI_Char **ns)
{
    if (!self || !ns)
        return MI_RESULT_INVALID_PARAMETER;
    *ns = self->namespaceName;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetServerName(const MI_Class *self, const MI_Char **server)
{
    if (!self || !server)
        return MI_RESULT_INVALID_PARAMETER;
    *server = self->serverName;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetElementCount(const MI_Class *self, MI_Uint32 *count)
{
    if (!self || !self->classDecl || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = self->classDecl->numProperties;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetElementAt(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
                                        MI_Value *value, MI_Boolean *exists, MI_Type *type,
                                        MI_Char **refclass, MI_QualifierSet *qs, MI_Uint32 *flags)
{
    const MI_PropertyDecl *p;
    if (!self || !self->classDecl)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= self->classDecl->numProperties)
        return MI_RESULT_NO_SUCH_PROPERTY;
    p = self->classDecl->properties[index];
    if (name)
        *name = p->name;
    if (value)
        value_of(p->type, p->value, value);
    if (exists)
        *exists = p->value ? MI_TRUE : MI_FALSE;
    if (type)
        *type = (MI_Type)p->type;
    if (refclass)
        *refclass = (MI_Char *)p->className;
    qualifier_set(qs, p->qualifiers, p->numQualifiers);
    if (flags)
        *flags = p->flags;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetElement(const MI_Class *self, const MI_Char *name, MI_Value *value,
                                      MI_Boolean *exists, MI_Type *type, MI_Char **refclass,
                                      MI_QualifierSet *qs, MI_Uint32 *flags, MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!self || !self->classDecl || !name)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < self->classDecl->numProperties; i++) {
        if (util_strieq(self->classDecl->properties[i]->name, name)) {
            if (index)
                *index = i;
            return c_GetElementAt(self, i, NULL, value, exists, type, refclass, qs, flags);
        }
    }
    return MI_RESULT_NO_SUCH_PROPERTY;
}

static MI_Result MI_CALL c_GetClassQualifierSet(const MI_Class *self, MI_QualifierSet *qs)
{
    if (!self || !self->classDecl)
        return MI_RESULT_INVALID_PARAMETER;
    qualifier_set(qs, self->classDecl->qualifiers, self->classDecl->numQualifiers);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetMethodCount(const MI_Class *self, MI_Uint32 *count)
{
    if (!self || !self->classDecl || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = self->classDecl->numMethods;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetMethodAt(const MI_Class *self, MI_Uint32 index, const MI_Char **name,
                                       MI_QualifierSet *qs, MI_ParameterSet *ps)
{
    const MI_MethodDecl *m;
    if (!self || !self->classDecl || !name)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= self->classDecl->numMethods)
        return MI_RESULT_METHOD_NOT_FOUND;
    m = self->classDecl->methods[index];
    *name = m->name;
    qualifier_set(qs, m->qualifiers, m->numQualifiers);
    if (ps) {
        ps->reserved1 = m->numParameters;
        ps->reserved2 = (ptrdiff_t)m->parameters;
        ps->ft = &mic_parameter_set_ft;
    }
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_GetMethod(const MI_Class *self, const MI_Char *name, MI_QualifierSet *qs,
                                     MI_ParameterSet *ps, MI_Uint32 *index)
{
    MI_Uint32 i;
    const MI_Char *n;
    if (!self || !self->classDecl || !name)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < self->classDecl->numMethods; i++) {
        if (util_strieq(self->classDecl->methods[i]->name, name)) {
            if (index)
                *index = i;
            return c_GetMethodAt(self, i, &n, qs, ps);
        }
    }
    return MI_RESULT_METHOD_NOT_FOUND;
}

static MI_Result MI_CALL c_GetParentClassName(const MI_Class *self, const MI_Char **name)
{
    if (!self || !self->classDecl || !name)
        return MI_RESULT_INVALID_PARAMETER;
    *name = self->classDecl->superClass;
    return *name ? MI_RESULT_OK : MI_RESULT_INVALID_SUPERCLASS;
}

static MI_Result MI_CALL c_GetParentClass(const MI_Class *self, MI_Class **parent)
{
    mic_class_body *b = body_of(self);
    if (parent)
        *parent = NULL;
    if (!b || !parent)
        return MI_RESULT_INVALID_PARAMETER;
    if (!b->parent)
        return MI_RESULT_INVALID_SUPERCLASS;
    return new_handle(b->parent, parent);
}

static MI_Result MI_CALL c_Delete(MI_Class *self)
{
    mic_class_body *b = body_of(self);
    if (!b)
        return MI_RESULT_INVALID_PARAMETER;
    self->reserved[0] = 0;
    free(self);
    body_unref(b);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL c_Clone(const MI_Class *self, MI_Class **out)
{
    mic_class_body *b = body_of(self);
    if (out)
        *out = NULL;
    if (!b || !out)
        return MI_RESULT_INVALID_PARAMETER;
    return new_handle(b, out);
}

const MI_ClassFT mic_class_ft = {
    c_GetClassName,       c_GetNameSpace,         c_GetServerName,  c_GetElementCount, c_GetElement,
    c_GetElementAt,       c_GetClassQualifierSet, c_GetMethodCount, c_GetMethodAt,     c_GetMethod,
    c_GetParentClassName, c_GetParentClass,       c_Delete,         c_Clone,
};
