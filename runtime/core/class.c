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
    MI_Value **values; /* values copied in (mic_classdef_value), freed with mic_value_free */
    MI_Type *types;
    size_t nv, vcap;
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

int mic_classdef_value(mic_classdef *d, MI_Uint32 type, const void *src, const void **out)
{
    MI_Value from, *v;
    *out = NULL;
    if (!src)
        return 0;
    if (!d || type > MI_INSTANCEA)
        return -1;
    if (d->nv == d->vcap) {
        size_t cap = d->vcap ? d->vcap * 2 : 16;
        MI_Value **nv = (MI_Value **)realloc(d->values, cap * sizeof *nv);
        MI_Type *nt;
        if (!nv)
            return -1;
        d->values = nv;
        if (!(nt = (MI_Type *)realloc(d->types, cap * sizeof *nt)))
            return -1;
        d->types = nt;
        d->vcap = cap;
    }
    /* A declaration's value points at its C type, which is where an MI_Value keeps it too. */
    memset(&from, 0, sizeof from);
    memcpy(&from, src, type & MI_ARRAY ? sizeof(MI_Array) : mic_scalar_size((MI_Type)type));
    if (!(v = (MI_Value *)calloc(1, sizeof *v)))
        return -1;
    if (mic_value_copy((MI_Type)type, &from, v) != MI_RESULT_OK) {
        free(v);
        return -1;
    }
    d->values[d->nv] = v;
    d->types[d->nv++] = (MI_Type)type;
    *out = v;
    return 0;
}

void mic_classdef_free(mic_classdef *d)
{
    size_t i;
    if (!d)
        return;
    for (i = 0; i < d->nv; i++) {
        mic_value_free(d->types[i], d->values[i]);
        free(d->values[i]);
    }
    free(d->values);
    free(d->types);
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

/* ---- deep copies of declarations (MI_Application_NewClass) ---- */

#define DUP(d, s) ((s) ? mic_classdef_strdup((d), (s)) : NULL)
#define DUP_OK(d, to, s) (!(s) || ((to) = mic_classdef_strdup((d), (s))) != NULL)

/* A copy in d of n qualifiers q (their names and values); 0, or -1 when out of memory. */
static int copy_quals(mic_classdef *d, const MI_Qualifier *const *q, MI_Uint32 n,
                      const MI_Qualifier *const **out)
{
    MI_Qualifier **to;
    MI_Uint32 i;
    *out = NULL;
    if (!n || !q)
        return 0;
    if (!(to = (MI_Qualifier **)mic_classdef_alloc(d, n * sizeof *to)))
        return -1;
    for (i = 0; i < n; i++) {
        MI_Qualifier *c = (MI_Qualifier *)mic_classdef_alloc(d, sizeof *c);
        if (!c || !q[i] || !(c->name = DUP(d, q[i]->name)) ||
            mic_classdef_value(d, q[i]->type, q[i]->value, &c->value) != 0)
            return -1;
        c->type = q[i]->type;
        c->flavor = q[i]->flavor;
        to[i] = c;
    }
    *out = (const MI_Qualifier *const *)to;
    return 0;
}

/* The part of a property's and a parameter's declaration they share (MI_ParameterDecl's fields
 * are MI_PropertyDecl's first ones): copies s's into c, true on success. A macro rather than a
 * function over one of the two types, which would read one struct through the other's type. */
#define COPY_FEATURE(d, c, s)                                                                  \
    (((c)->name = DUP((d), (s)->name)) != NULL &&                                              \
     DUP_OK((d), (c)->className, (s)->className) &&                                            \
     copy_quals((d), (s)->qualifiers, (s)->numQualifiers, &(c)->qualifiers) == 0 &&            \
     ((c)->flags = (s)->flags, (c)->code = (s)->code, (c)->type = (s)->type,                   \
      (c)->numQualifiers = (c)->qualifiers ? (s)->numQualifiers : 0,                           \
      (c)->subscript = (s)->subscript, (c)->offset = (s)->offset, 1))

static MI_PropertyDecl *copy_prop(mic_classdef *d, const MI_PropertyDecl *s)
{
    MI_PropertyDecl *c = (MI_PropertyDecl *)mic_classdef_alloc(d, sizeof *c);
    if (!c || !s || !COPY_FEATURE(d, c, s) || !DUP_OK(d, c->origin, s->origin) ||
        !DUP_OK(d, c->propagator, s->propagator) ||
        mic_classdef_value(d, s->type, s->value, &c->value) != 0)
        return NULL;
    return c;
}

static MI_MethodDecl *copy_method(mic_classdef *d, const MI_MethodDecl *s)
{
    MI_MethodDecl *c = (MI_MethodDecl *)mic_classdef_alloc(d, sizeof *c);
    MI_ParameterDecl **ps = NULL;
    MI_Uint32 i;
    if (!c || !s || !(c->name = DUP(d, s->name)) || !DUP_OK(d, c->origin, s->origin) ||
        !DUP_OK(d, c->propagator, s->propagator) ||
        copy_quals(d, s->qualifiers, s->numQualifiers, &c->qualifiers) != 0 ||
        (s->numParameters && s->parameters &&
         !(ps = (MI_ParameterDecl **)mic_classdef_alloc(d, s->numParameters * sizeof *ps))))
        return NULL;
    for (i = 0; ps && i < s->numParameters; i++) {
        const MI_ParameterDecl *f = s->parameters[i];
        MI_ParameterDecl *p = (MI_ParameterDecl *)mic_classdef_alloc(d, sizeof *p);
        if (!p || !f || !COPY_FEATURE(d, p, f))
            return NULL;
        ps[i] = p;
    }
    c->flags = s->flags;
    c->code = s->code;
    c->numQualifiers = c->qualifiers ? s->numQualifiers : 0;
    c->parameters = (const MI_ParameterDecl *const *)ps;
    c->numParameters = ps ? s->numParameters : 0;
    c->size = s->size;
    c->returnType = s->returnType;
    c->function = s->function; /* code, not memory (NULL in client bindings) */
    return c;
}

/* A copy in d of decl without its superclass's declaration (the caller links that); NULL when
 * out of memory or decl is malformed (a NULL entry where its counts say there is one). The
 * schema it belongs to is not copied (NULL): a class object stands alone. */
static MI_ClassDecl *copy_decl(mic_classdef *d, const MI_ClassDecl *s)
{
    MI_ClassDecl *c = (MI_ClassDecl *)mic_classdef_alloc(d, sizeof *c);
    MI_PropertyDecl **props = NULL;
    MI_MethodDecl **methods = NULL;
    MI_Uint32 i;
    if (!c || !(c->name = DUP(d, s->name)) || !DUP_OK(d, c->superClass, s->superClass) ||
        copy_quals(d, s->qualifiers, s->numQualifiers, &c->qualifiers) != 0 ||
        (s->numProperties && s->properties &&
         !(props = (MI_PropertyDecl **)mic_classdef_alloc(d, s->numProperties * sizeof *props))) ||
        (s->numMethods && s->methods &&
         !(methods = (MI_MethodDecl **)mic_classdef_alloc(d, s->numMethods * sizeof *methods))))
        return NULL;
    for (i = 0; props && i < s->numProperties; i++)
        if (!(props[i] = copy_prop(d, s->properties[i])))
            return NULL;
    for (i = 0; methods && i < s->numMethods; i++)
        if (!(methods[i] = copy_method(d, s->methods[i])))
            return NULL;
    c->flags = s->flags;
    c->code = s->code;
    c->numQualifiers = c->qualifiers ? s->numQualifiers : 0;
    c->properties = (const MI_PropertyDecl *const *)props;
    c->numProperties = props ? s->numProperties : 0;
    c->size = s->size;
    c->methods = (const MI_MethodDecl *const *)methods;
    c->numMethods = methods ? s->numMethods : 0;
    c->providerFT = s->providerFT; /* code, not memory (NULL in client bindings) */
    return c;
}

/* The body over a declaration (the caller's, kept for as long as the class lives, or with copy
 * a deep copy of it that the body owns), and over its superclasses' (each a body of its own,
 * so that GetParentClass hands out a class as for a class read from a server). */
static MI_Result class_body(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                            int copy, int depth, mic_class_body **out)
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
    /* (a borrowed one is never written: set_parent is for built classes) */
    b->decl = copy ? copy_decl(def, decl) : (MI_ClassDecl *)decl;
    if (!b->decl || (ns && !(b->ns = mic_classdef_strdup(def, ns))) ||
        (server && !(b->server = mic_classdef_strdup(def, server)))) {
        body_unref(b);
        return MIC_RESULT_NOMEM;
    }
    if (decl->superClassDecl && depth < MIC_CLASS_MAX_DEPTH) {
        r = class_body(decl->superClassDecl, ns, server, copy, depth + 1, &b->parent);
        if (r != MI_RESULT_OK) {
            body_unref(b);
            return r;
        }
        if (copy)
            b->decl->superClassDecl = b->parent->decl;
    }
    *out = b;
    return MI_RESULT_OK;
}

static MI_Result class_of(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                          int copy, MI_Class **out)
{
    mic_class_body *b;
    MI_Result r;
    if (out)
        *out = NULL;
    if (!decl || !out)
        return MI_RESULT_INVALID_PARAMETER;
    if ((r = class_body(decl, ns, server, copy, 0, &b)) != MI_RESULT_OK)
        return r;
    r = new_handle(b, out);
    body_unref(b); /* the handle's reference, or none: freed */
    return r;
}

MI_Result mic_class_borrow(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                           MI_Class **out)
{
    return class_of(decl, ns, server, 0, out);
}

MI_Result mic_class_copy(const MI_ClassDecl *decl, const MI_Char *ns, const MI_Char *server,
                         MI_Class **out)
{
    return class_of(decl, ns, server, 1, out);
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
    return mic_class_copy(d, n, s, c);
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
