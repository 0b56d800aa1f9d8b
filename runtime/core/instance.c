/* SPDX-License-Identifier: MIT */
/* runtime/core/instance.c: MI_Instance as libmofbind and mofbind-server make it: a heap block with
 * the public MI_Instance header first, then a flat array of elements (name, type, flags,
 * value). An instance is either typed (built from a generated MI_ClassDecl: one element per
 * declared property, in declaration order) or dynamic (elements added one by one, with a
 * class declaration synthesized and kept in step so that readers of inst->classDecl always
 * see every property). Values are deep copies unless MI_FLAG_BORROW or MI_FLAG_ADOPT say
 * otherwise (mi.h states the rule).
 *
 * Each element also remembers whether it was ever given a value or an explicit NULL: the
 * elements of a typed instance start untouched, and GetElement(At) reports an untouched one
 * with MI_FLAG_NOT_MODIFIED. The WS-Man writer leaves untouched NULL elements out of what it
 * sends, so a property nobody set is absent on the wire (the server applies its default, or
 * keeps its value on a Put) while one set to NULL on purpose travels as xsi:nil.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "util.h"

typedef struct mic_elem {
    const MI_Char *name;
    MI_Type type;
    MI_Uint32 flags;       /* declared flags (KEY, IN, OUT, ...), never NULL/BORROW/ADOPT */
    MI_Boolean exists;     /* MI_FALSE: the value is NULL */
    MI_Boolean borrowed;   /* the value's memory is the caller's */
    MI_Boolean name_owned; /* name was allocated here (else it is the class decl's) */
    MI_Boolean touched;    /* given a value or an explicit NULL (else MI_FLAG_NOT_MODIFIED) */
    MI_Value value;
} mic_elem;

typedef struct mic_inst {
    MI_Instance base;         /* first: an MI_Instance* is a mic_inst* */
    const MI_ClassDecl *decl; /* the caller's generated declaration, or NULL (dynamic) */
    MI_ClassDecl dyn;         /* dynamic instances: the synthesized declaration */
    MI_PropertyDecl *dprops;
    const MI_PropertyDecl **dptrs;
    MI_Uint32 dcap;
    MI_Uint32 dsynced;   /* dprops[0, dsynced) describe elems[0, dsynced) */
    MI_Char *class_name; /* dynamic instances, and typed ones named differently from decl */
    MI_Char *name_space;
    MI_Char *server_name;
    mic_elem *elems;
    MI_Uint32 count;
    MI_Uint32 cap;
    MI_Class *owner; /* NewInstanceFromClass: a handle keeping decl (the class's) alive */
} mic_inst;

static const MI_InstanceFT mic_instance_ft;

/* ---- small helpers ------------------------------------------------------------------------ */

size_t mic_scalar_size(MI_Type t)
{
    switch ((int)t & ~MI_ARRAY) {
    case MI_BOOLEAN:
        return sizeof(MI_Boolean);
    case MI_UINT8:
        return sizeof(MI_Uint8);
    case MI_SINT8:
        return sizeof(MI_Sint8);
    case MI_UINT16:
        return sizeof(MI_Uint16);
    case MI_SINT16:
        return sizeof(MI_Sint16);
    case MI_UINT32:
        return sizeof(MI_Uint32);
    case MI_SINT32:
        return sizeof(MI_Sint32);
    case MI_UINT64:
        return sizeof(MI_Uint64);
    case MI_SINT64:
        return sizeof(MI_Sint64);
    case MI_REAL32:
        return sizeof(MI_Real32);
    case MI_REAL64:
        return sizeof(MI_Real64);
    case MI_CHAR16:
        return sizeof(MI_Char16);
    case MI_DATETIME:
        return sizeof(MI_Datetime);
    case MI_STRING:
        return sizeof(MI_Char *);
    default:
        return sizeof(MI_Instance *);
    }
}

/* ---- values ------------------------------------------------------------------------------- */

void mic_value_free(MI_Type type, MI_Value *v)
{
    MI_Uint32 i;
    switch (type) {
    case MI_STRING:
        free(v->string);
        break;
    case MI_INSTANCE:
    case MI_REFERENCE:
        if (v->instance)
            MI_Instance_Delete(v->instance);
        break;
    case MI_STRINGA:
        if (v->stringa.data)
            for (i = 0; i < v->stringa.size; i++)
                free(v->stringa.data[i]);
        free(v->stringa.data);
        break;
    case MI_INSTANCEA:
    case MI_REFERENCEA:
        if (v->instancea.data)
            for (i = 0; i < v->instancea.size; i++)
                if (v->instancea.data[i])
                    MI_Instance_Delete(v->instancea.data[i]);
        free(v->instancea.data);
        break;
    default:
        if (type & MI_ARRAY)
            free(v->array.data);
        break;
    }
    memset(v, 0, sizeof *v);
}

MI_Result mic_value_copy(MI_Type type, const MI_Value *src, MI_Value *dst)
{
    MI_Uint32 i, n;
    memset(dst, 0, sizeof *dst);
    if ((unsigned)type > MI_INSTANCEA)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(type & MI_ARRAY)) {
        if (type == MI_STRING) {
            if (src->string && !(dst->string = util_strdup(src->string)))
                return MIC_RESULT_NOMEM;
        } else if (type == MI_INSTANCE || type == MI_REFERENCE) {
            if (src->instance) {
                MI_Result r = MI_Instance_Clone(src->instance, &dst->instance);
                if (r != MI_RESULT_OK) {
                    dst->instance = NULL;
                    return r;
                }
            }
        } else {
            *dst = *src;
        }
        return MI_RESULT_OK;
    }
    n = src->array.size;
    if (n && !src->array.data)
        return MI_RESULT_INVALID_PARAMETER;
    dst->array.size = n;
    if (n == 0)
        return MI_RESULT_OK;
    if ((size_t)n > ((size_t)-1) / mic_scalar_size(type))
        return MIC_RESULT_NOMEM;
    dst->array.data = calloc(n, mic_scalar_size(type));
    if (!dst->array.data) {
        dst->array.size = 0;
        return MIC_RESULT_NOMEM;
    }
    if (type == MI_STRINGA) {
        for (i = 0; i < n; i++)
            if (src->stringa.data[i] &&
                !(dst->stringa.data[i] = util_strdup(src->stringa.data[i]))) {
                mic_value_free(type, dst);
                return MIC_RESULT_NOMEM;
            }
    } else if (type == MI_INSTANCEA || type == MI_REFERENCEA) {
        for (i = 0; i < n; i++)
            if (src->instancea.data[i]) {
                MI_Result r = MI_Instance_Clone(src->instancea.data[i], &dst->instancea.data[i]);
                if (r != MI_RESULT_OK) {
                    dst->instancea.data[i] = NULL;
                    mic_value_free(type, dst);
                    return r;
                }
            }
    } else {
        memcpy(dst->array.data, src->array.data, (size_t)n * mic_scalar_size(type));
    }
    return MI_RESULT_OK;
}

/* ---- elements ----------------------------------------------------------------------------- */

static void mic_elem_clear(mic_elem *e)
{
    if (e->exists && !e->borrowed)
        mic_value_free(e->type, &e->value);
    memset(&e->value, 0, sizeof e->value);
    e->exists = MI_FALSE;
    e->borrowed = MI_FALSE;
}

/* Stores value into e per flags (copy, borrow, adopt, NULL). On failure e is NULL. */
static MI_Result mic_elem_store(mic_elem *e, const MI_Value *value, MI_Uint32 flags)
{
    MI_Result r;
    mic_elem_clear(e);
    e->touched = (flags & MI_FLAG_NOT_MODIFIED) ? MI_FALSE : MI_TRUE;
    if (!value || (flags & MI_FLAG_NULL))
        return MI_RESULT_OK;
    /* A NULL pointer for a string, reference or instance is a NULL value, as in the MI API. */
    if ((e->type == MI_STRING && !value->string) ||
        ((e->type == MI_INSTANCE || e->type == MI_REFERENCE) && !value->instance))
        return MI_RESULT_OK;
    if ((e->type & MI_ARRAY) && value->array.size && !value->array.data)
        return MI_RESULT_INVALID_PARAMETER;
    if (flags & (MI_FLAG_BORROW | MI_FLAG_ADOPT)) {
        e->value = *value;
        e->exists = MI_TRUE;
        e->borrowed = (flags & MI_FLAG_BORROW) ? MI_TRUE : MI_FALSE;
        return MI_RESULT_OK;
    }
    r = mic_value_copy(e->type, value, &e->value);
    if (r == MI_RESULT_OK)
        e->exists = MI_TRUE;
    return r;
}

static mic_elem *mic_find(const mic_inst *in, const MI_Char *name, MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!name)
        return NULL;
    for (i = 0; i < in->count; i++)
        if (util_strieq(in->elems[i].name, name)) {
            if (index)
                *index = i;
            return &in->elems[i];
        }
    return NULL;
}

/* Keeps the synthesized declaration of a dynamic instance in step with its elements. */
static MI_Result mic_dyn_sync(mic_inst *in)
{
    MI_Uint32 i;
    if (in->decl)
        return MI_RESULT_OK;
    if (in->count > in->dcap) {
        MI_Uint32 cap = in->dcap ? in->dcap * 2 : 8;
        MI_PropertyDecl *p;
        const MI_PropertyDecl **q;
        while (cap < in->count)
            cap *= 2;
        /* The pointer array first: if the second realloc fails, both stay consistent. */
        q = (const MI_PropertyDecl **)realloc((void *)in->dptrs, cap * sizeof *q);
        if (!q)
            return MIC_RESULT_NOMEM;
        in->dptrs = q;
        in->dyn.properties = q;
        p = (MI_PropertyDecl *)realloc(in->dprops, cap * sizeof *p);
        if (!p)
            return MIC_RESULT_NOMEM;
        in->dprops = p;
        in->dcap = cap;
        for (i = 0; i < in->dsynced && i < in->count; i++)
            in->dptrs[i] = &in->dprops[i]; /* the array moved */
    }
    if (in->dsynced > in->count)
        in->dsynced = in->count;
    /* Only the elements added since the last call: adding n elements stays O(n). */
    for (i = in->dsynced; i < in->count; i++) {
        MI_PropertyDecl *p = &in->dprops[i];
        const MI_Char *n = in->elems[i].name;
        memset(p, 0, sizeof *p);
        p->flags = MI_FLAG_PROPERTY | in->elems[i].flags;
        p->code = util_name_code(n);
        p->name = n;
        p->type = in->elems[i].type;
        p->origin = in->dyn.name;
        p->propagator = in->dyn.name;
        in->dptrs[i] = p;
    }
    in->dsynced = in->count;
    in->dyn.properties = in->dptrs;
    in->dyn.numProperties = in->count;
    return MI_RESULT_OK;
}

static MI_Result mic_append(mic_inst *in, const MI_Char *name, MI_Boolean copy_name, MI_Type type,
                            MI_Uint32 flags)
{
    mic_elem *e;
    if (in->count == in->cap) {
        MI_Uint32 cap = in->cap ? in->cap * 2 : 8;
        mic_elem *n = (mic_elem *)realloc(in->elems, cap * sizeof *n);
        if (!n)
            return MIC_RESULT_NOMEM;
        in->elems = n;
        in->cap = cap;
    }
    e = &in->elems[in->count];
    memset(e, 0, sizeof *e);
    if (copy_name) {
        MI_Char *d = util_strdup(name);
        if (!d)
            return MIC_RESULT_NOMEM;
        e->name = d;
        e->name_owned = MI_TRUE;
    } else {
        e->name = name;
    }
    e->type = type;
    e->flags = flags & ~(MI_FLAG_NULL | MI_FLAG_BORROW | MI_FLAG_ADOPT | MI_FLAG_NOT_MODIFIED);
    in->count++;
    return MI_RESULT_OK;
}

/* ---- the instance function table ---------------------------------------------------------- */

static void mic_free(mic_inst *in)
{
    MI_Uint32 i;
    for (i = 0; i < in->count; i++) {
        mic_elem_clear(&in->elems[i]);
        if (in->elems[i].name_owned)
            free((void *)in->elems[i].name);
    }
    free(in->elems);
    free(in->dprops);
    free((void *)in->dptrs);
    free(in->class_name);
    free(in->name_space);
    free(in->server_name);
    if (in->owner)
        MI_Class_Delete(in->owner);
    free(in);
}

static MI_Result MI_CALL mic_Delete(MI_Instance *self)
{
    if (!self || self->ft != &mic_instance_ft)
        return MI_RESULT_INVALID_PARAMETER;
    mic_free((mic_inst *)self);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_Clone(const MI_Instance *self, MI_Instance **newInstance)
{
    const mic_inst *in = (const mic_inst *)self;
    mic_inst *out;
    MI_Instance *o;
    MI_Result r;
    MI_Uint32 i;
    if (!self || !newInstance)
        return MI_RESULT_INVALID_PARAMETER;
    *newInstance = NULL;
    r = mic_instance_new(in->class_name ? in->class_name : in->base.classDecl->name, in->decl, &o);
    if (r != MI_RESULT_OK)
        return r;
    out = (mic_inst *)o;
    if (in->owner && (r = MI_Class_Clone(in->owner, &out->owner)) != MI_RESULT_OK) {
        out->owner = NULL;
        mic_free(out);
        return r;
    }
    for (i = 0; i < in->count && r == MI_RESULT_OK; i++) {
        const mic_elem *e = &in->elems[i];
        mic_elem *d = NULL;
        if (i < out->count) {
            d = &out->elems[i]; /* typed: same declared elements in the same order */
        } else {
            r = mic_append(out, e->name, MI_TRUE, e->type, e->flags);
            if (r == MI_RESULT_OK)
                d = &out->elems[out->count - 1];
        }
        if (d)
            d->touched = e->touched;
        if (d && e->exists) {
            r = mic_value_copy(e->type, &e->value, &d->value);
            if (r == MI_RESULT_OK)
                d->exists = MI_TRUE;
        }
    }
    if (r == MI_RESULT_OK)
        r = mic_dyn_sync(out);
    if (r == MI_RESULT_OK && in->name_space)
        r = MI_Instance_SetNameSpace(o, in->name_space);
    if (r == MI_RESULT_OK && in->server_name)
        r = MI_Instance_SetServerName(o, in->server_name);
    if (r != MI_RESULT_OK) {
        mic_free(out);
        return r;
    }
    *newInstance = o;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_IsA(const MI_Instance *self, const MI_ClassDecl *classDecl,
                                 MI_Boolean *flag)
{
    const MI_ClassDecl *d;
    if (!self || !classDecl || !flag || !classDecl->name)
        return MI_RESULT_INVALID_PARAMETER;
    *flag = MI_FALSE;
    for (d = self->classDecl; d; d = d->superClassDecl)
        if (d == classDecl || (d->name && util_strieq(d->name, classDecl->name))) {
            *flag = MI_TRUE;
            break;
        }
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_GetClassName(const MI_Instance *self, const MI_Char **className)
{
    const mic_inst *in = (const mic_inst *)self;
    if (!self || !className)
        return MI_RESULT_INVALID_PARAMETER;
    *className = in->class_name ? in->class_name : self->classDecl->name;
    return MI_RESULT_OK;
}

static MI_Result mic_set_str(MI_Char **slot, const MI_Char **pub, const MI_Char *s)
{
    MI_Char *d = NULL;
    if (s && !(d = util_strdup(s)))
        return MIC_RESULT_NOMEM;
    free(*slot);
    *slot = d;
    *pub = d;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_SetNameSpace(MI_Instance *self, const MI_Char *nameSpace)
{
    mic_inst *in = (mic_inst *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    return mic_set_str(&in->name_space, &self->nameSpace, nameSpace);
}

static MI_Result MI_CALL mic_GetNameSpace(const MI_Instance *self, const MI_Char **nameSpace)
{
    if (!self || !nameSpace)
        return MI_RESULT_INVALID_PARAMETER;
    *nameSpace = self->nameSpace;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_SetServerName(MI_Instance *self, const MI_Char *name)
{
    mic_inst *in = (mic_inst *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    return mic_set_str(&in->server_name, &self->serverName, name);
}

static MI_Result MI_CALL mic_GetServerName(const MI_Instance *self, const MI_Char **name)
{
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    *name = self->serverName;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_GetElementCount(const MI_Instance *self, MI_Uint32 *count)
{
    if (!self || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = ((const mic_inst *)self)->count;
    return MI_RESULT_OK;
}

static int mic_flags_ok(MI_Uint32 flags)
{
    return (flags & (MI_FLAG_BORROW | MI_FLAG_ADOPT)) != (MI_FLAG_BORROW | MI_FLAG_ADOPT);
}

static MI_Result MI_CALL mic_AddElement(MI_Instance *self, const MI_Char *name,
                                        const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    mic_inst *in = (mic_inst *)self;
    MI_Result r;
    if (!self || !util_is_cim_name(name) || (unsigned)type > MI_INSTANCEA || !mic_flags_ok(flags))
        return MI_RESULT_INVALID_PARAMETER;
    if (mic_find(in, name, NULL))
        return MI_RESULT_ALREADY_EXISTS;
    r = mic_append(in, name, MI_TRUE, type, flags);
    if (r != MI_RESULT_OK)
        return r;
    r = mic_elem_store(&in->elems[in->count - 1], value, flags);
    if (r == MI_RESULT_OK)
        r = mic_dyn_sync(in);
    if (r != MI_RESULT_OK) {
        mic_elem *e = &in->elems[--in->count];
        mic_elem_clear(e);
        free((void *)e->name);
        mic_dyn_sync(in);
    }
    return r;
}

static MI_Result mic_set(mic_inst *in, mic_elem *e, const MI_Value *value, MI_Type type,
                         MI_Uint32 flags)
{
    (void)in;
    if ((unsigned)type > MI_INSTANCEA || !mic_flags_ok(flags))
        return MI_RESULT_INVALID_PARAMETER;
    if (type != e->type)
        return MI_RESULT_TYPE_MISMATCH;
    return mic_elem_store(e, value, flags);
}

static MI_Result MI_CALL mic_SetElement(MI_Instance *self, const MI_Char *name,
                                        const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    mic_inst *in = (mic_inst *)self;
    mic_elem *e;
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(e = mic_find(in, name, NULL)))
        return MI_RESULT_NOT_FOUND;
    return mic_set(in, e, value, type, flags);
}

static MI_Result MI_CALL mic_SetElementAt(MI_Instance *self, MI_Uint32 index, const MI_Value *value,
                                          MI_Type type, MI_Uint32 flags)
{
    mic_inst *in = (mic_inst *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= in->count)
        return MI_RESULT_NOT_FOUND;
    return mic_set(in, &in->elems[index], value, type, flags);
}

static void mic_get(const mic_elem *e, MI_Value *value, MI_Type *type, MI_Uint32 *flags)
{
    if (value) {
        if (e->exists)
            *value = e->value;
        else
            memset(value, 0, sizeof *value);
    }
    if (type)
        *type = e->type;
    if (flags)
        *flags = e->flags | (e->exists ? 0 : (MI_Uint32)MI_FLAG_NULL) |
                 (e->touched ? 0 : (MI_Uint32)MI_FLAG_NOT_MODIFIED);
}

static MI_Result MI_CALL mic_GetElement(const MI_Instance *self, const MI_Char *name,
                                        MI_Value *value, MI_Type *type, MI_Uint32 *flags,
                                        MI_Uint32 *index)
{
    const mic_elem *e;
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(e = mic_find((const mic_inst *)self, name, index)))
        return MI_RESULT_NO_SUCH_PROPERTY;
    mic_get(e, value, type, flags);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_GetElementAt(const MI_Instance *self, MI_Uint32 index,
                                          const MI_Char **name, MI_Value *value, MI_Type *type,
                                          MI_Uint32 *flags)
{
    const mic_inst *in = (const mic_inst *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= in->count)
        return MI_RESULT_NOT_FOUND;
    if (name)
        *name = in->elems[index].name;
    mic_get(&in->elems[index], value, type, flags);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_ClearElement(MI_Instance *self, const MI_Char *name)
{
    mic_elem *e;
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    if (!(e = mic_find((mic_inst *)self, name, NULL)))
        return MI_RESULT_NOT_FOUND;
    mic_elem_clear(e);
    e->touched = MI_TRUE;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mic_ClearElementAt(MI_Instance *self, MI_Uint32 index)
{
    mic_inst *in = (mic_inst *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= in->count)
        return MI_RESULT_NOT_FOUND;
    mic_elem_clear(&in->elems[index]);
    in->elems[index].touched = MI_TRUE;
    return MI_RESULT_OK;
}

/* The class of an instance made from a declaration is that declaration, borrowed as the
 * instance borrows it (a generated one, which outlives both); a dynamic instance's is a copy
 * of its synthesized declaration as it stands (its elements' names, types and flags, no
 * qualifiers: what Windows' MI calls a dynamic instance's flat class), since that one
 * changes with AddElement and goes with the instance. */
static MI_Result MI_CALL mic_GetClass(const MI_Instance *self, MI_Class **instanceClass)
{
    const mic_inst *in = (const mic_inst *)self;
    if (instanceClass)
        *instanceClass = NULL;
    if (!self || !instanceClass)
        return MI_RESULT_INVALID_PARAMETER;
    if (in->owner && !in->class_name)
        return MI_Class_Clone(in->owner, instanceClass); /* (its declaration is that class's) */
    if (in->decl && !in->class_name)
        return mic_class_borrow(in->decl, self->nameSpace, self->serverName, instanceClass);
    return mic_class_snapshot(self->classDecl, in->class_name, self->nameSpace, self->serverName,
                              instanceClass);
}

static const MI_InstanceFT mic_instance_ft = {
    mic_Clone,           mic_Delete, /* Destruct: our instances are heap blocks, as Delete */
    mic_Delete,          mic_IsA,          mic_GetClassName,   mic_SetNameSpace,  mic_GetNameSpace,
    mic_GetElementCount, mic_AddElement,   mic_SetElement,     mic_SetElementAt,  mic_GetElement,
    mic_GetElementAt,    mic_ClearElement, mic_ClearElementAt, mic_GetServerName, mic_SetServerName,
    mic_GetClass,
};

/* ---- construction ------------------------------------------------------------------------- */

MI_Result mic_instance_new(const MI_Char *className, const MI_ClassDecl *decl, MI_Instance **out)
{
    mic_inst *in;
    MI_Uint32 i;
    if (!out)
        return MI_RESULT_INVALID_PARAMETER;
    *out = NULL;
    if (!className && decl)
        className = decl->name;
    if (!util_is_cim_name(className))
        return MI_RESULT_INVALID_PARAMETER;
    if (decl && decl->numProperties && !decl->properties)
        return MI_RESULT_INVALID_PARAMETER;
    in = (mic_inst *)calloc(1, sizeof *in);
    if (!in)
        return MIC_RESULT_NOMEM;
    in->base.ft = &mic_instance_ft;
    in->decl = decl;
    if (!decl || !decl->name || !util_strieq(decl->name, className)) {
        if (!(in->class_name = util_strdup(className))) {
            free(in);
            return MIC_RESULT_NOMEM;
        }
    }
    if (decl) {
        in->base.classDecl = decl;
        if (decl->numProperties) {
            /* One allocation for the declared elements (and a few added ones). */
            in->cap = decl->numProperties + 4;
            if (!(in->elems = (mic_elem *)malloc(in->cap * sizeof *in->elems))) {
                mic_free(in);
                return MIC_RESULT_NOMEM;
            }
        }
        for (i = 0; i < decl->numProperties; i++) {
            const MI_PropertyDecl *p = decl->properties[i];
            MI_Result r;
            if (!p || !p->name || p->type > MI_INSTANCEA) {
                mic_free(in);
                return MI_RESULT_INVALID_PARAMETER;
            }
            r = mic_append(in, p->name, MI_FALSE, (MI_Type)p->type,
                           p->flags & ~(MI_Uint32)MI_FLAG_PROPERTY);
            if (r != MI_RESULT_OK) {
                mic_free(in);
                return r;
            }
        }
    } else {
        in->dyn.flags = MI_FLAG_CLASS;
        in->dyn.name = in->class_name;
        in->base.classDecl = &in->dyn;
    }
    *out = &in->base;
    return MI_RESULT_OK;
}

const MI_ClassDecl *mic_instance_decl(const MI_Instance *a)
{
    if (!a)
        return NULL;
    if (a->ft == &mic_instance_ft)
        return ((const mic_inst *)a)->decl;
    return a->classDecl;
}

int mic_instance_decl_held(const MI_Instance *a)
{
    return a && a->ft == &mic_instance_ft && ((const mic_inst *)a)->owner;
}

int mic_is_ours(const MI_Instance *a)
{
    return a && a->ft == &mic_instance_ft;
}

MI_Result mic_new_instance_hook(void *ctx, const MI_Char *className, const MI_ClassDecl *decl,
                                MI_Instance **out)
{
    (void)ctx;
    return mic_instance_new(className, decl, out);
}

/* ---- the core application (NewInstance only) ---------------------------------------------- */

static MI_Result MI_CALL mic_app_Close(MI_Application *application)
{
    return application ? MI_RESULT_OK : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL mic_app_NewInstance(MI_Application *application, const MI_Char *className,
                                             const MI_ClassDecl *classRTTI, MI_Instance **instance)
{
    if (!application)
        return MI_RESULT_INVALID_PARAMETER;
    return mic_instance_new(className, classRTTI, instance);
}

static MI_Result MI_CALL mic_app_NewSession(MI_Application *a, const MI_Char *p, const MI_Char *d,
                                            MI_DestinationOptions *o, MI_SessionCallbacks *c,
                                            MI_Instance **e, MI_Session *s)
{
    (void)a, (void)p, (void)d, (void)o, (void)c, (void)s;
    if (e)
        *e = NULL;
    return MI_RESULT_NOT_SUPPORTED;
}

MI_Result MI_CALL mic_app_NewHostedProvider(MI_Application *a, const MI_Char *n,
                                                   const MI_Char *p, MI_MainFunction m,
                                                   MI_Instance **e, MI_HostedProvider *h)
{
    (void)a, (void)n, (void)p, (void)m, (void)h;
    if (e)
        *e = NULL;
    return MI_RESULT_NOT_SUPPORTED;
}

static MI_Result MI_CALL mic_app_NewDestinationOptions(MI_Application *a, MI_DestinationOptions *o)
{
    (void)a, (void)o;
    return MI_RESULT_NOT_SUPPORTED;
}

static MI_Result MI_CALL mic_app_NewOperationOptions(MI_Application *a, MI_Boolean m,
                                                     MI_OperationOptions *o)
{
    (void)a, (void)m, (void)o;
    return MI_RESULT_NOT_SUPPORTED;
}

MI_Result MI_CALL mic_app_NewSubscriptionDeliveryOptions(MI_Application *a,
                                                                MI_SubscriptionDeliveryType t,
                                                                MI_SubscriptionDeliveryOptions *o)
{
    (void)a, (void)t, (void)o;
    return MI_RESULT_NOT_SUPPORTED;
}

MI_Result MI_CALL mic_app_NewSerializer(MI_Application *a, MI_Uint32 f, MI_Char *fmt,
                                               MI_Serializer *s)
{
    (void)a, (void)f, (void)fmt, (void)s;
    return MI_RESULT_NOT_SUPPORTED;
}

MI_Result MI_CALL mic_app_NewDeserializer(MI_Application *a, MI_Uint32 f, MI_Char *fmt,
                                                 MI_Deserializer *s)
{
    (void)a, (void)f, (void)fmt, (void)s;
    return MI_RESULT_NOT_SUPPORTED;
}

/* As NewInstance from the class's declaration (OMI's, too), the instance holding a handle on
 * the class so that the declaration lives as long as it does, whoever deletes the class. */
MI_Result MI_CALL mic_app_NewInstanceFromClass(MI_Application *a, const MI_Char *n,
                                                      const MI_Class *c, MI_Instance **i)
{
    MI_Result r;
    if (i)
        *i = NULL;
    if (!a || !i || (c && !c->classDecl))
        return MI_RESULT_INVALID_PARAMETER;
    r = mic_instance_new(n, c ? c->classDecl : NULL, i);
    if (r == MI_RESULT_OK && c &&
        (r = MI_Class_Clone(c, &((mic_inst *)*i)->owner)) != MI_RESULT_OK) {
        ((mic_inst *)*i)->owner = NULL;
        mic_free((mic_inst *)*i);
        *i = NULL;
    }
    return r;
}

const MI_ApplicationFT mic_core_application_ft = {
    mic_app_Close,
    mic_app_NewSession,
    mic_app_NewHostedProvider,
    mic_app_NewInstance,
    mic_app_NewDestinationOptions,
    mic_app_NewOperationOptions,
    mic_app_NewSubscriptionDeliveryOptions,
    mic_app_NewSerializer,
    mic_app_NewDeserializer,
    mic_app_NewInstanceFromClass,
    mic_app_NewClass,
};

void mic_application_core(MI_Application *app)
{
    if (!app)
        return;
    app->reserved1 = 0;
    app->reserved2 = 0;
    app->ft = &mic_core_application_ft;
}
