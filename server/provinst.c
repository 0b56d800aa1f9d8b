/* SPDX-License-Identifier: MIT */
/* server/provinst.c: instances in the provider's own memory, for MI_Context_ConstructInstance
 * and MI_Context_ConstructParameters (provinst.h). OMI's generated structs are the instance: an
 * MI_Instance header, then one field ({value, exists, flags}) per property or parameter at the
 * offset its declaration gives, which the generated code reads and writes directly (a number's
 * setter only stores the value and sets exists). So these instances keep nothing of their own
 * but the header: each element is its field. A value set through the function table is copied
 * (or borrowed, or adopted, as the flags say) and the field's flags byte remembers whether it
 * was copied, so that Destruct frees exactly what it made. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"
#include "provinst.h"
#include "util.h"

#define PI_MAGIC ((ptrdiff_t)0x70726f76) /* reserved[0] of ours */
#define PI_OWNED 0x01u                   /* a field's flags: its value was made here */

/* The part a class and a method declaration share (their layouts agree up to size), as OMI
 * reads a method's declaration as the class of its parameters. */
typedef struct pi_decl {
    MI_Uint32 flags, code;
    const MI_Char *name;
    const MI_Qualifier *const *qualifiers;
    MI_Uint32 numQualifiers;
    const MI_ParameterDecl *const *features; /* a property's declaration begins as this */
    MI_Uint32 numFeatures;
    MI_Uint32 size;
} pi_decl;

static const MI_InstanceFT pi_ft;

static const pi_decl *decl_of(const MI_Instance *self)
{
    return (const pi_decl *)(const void *)self->classDecl;
}

/* The size of a field's value member. */
static size_t value_size(MI_Type t)
{
    return (t & MI_ARRAY) ? sizeof(MI_Array) : mic_scalar_size(t);
}

typedef struct pi_field {
    unsigned char *value;
    MI_Boolean *exists;
    MI_Uint8 *flags;
} pi_field;

static pi_field field_at(const MI_Instance *self, MI_Uint32 i)
{
    const MI_ParameterDecl *f = decl_of(self)->features[i];
    unsigned char *p = (unsigned char *)(uintptr_t)self + f->offset;
    pi_field r;
    r.value = p;
    r.exists = (MI_Boolean *)(p + value_size((MI_Type)f->type));
    r.flags = r.exists + 1;
    return r;
}

static void field_clear(const MI_Instance *self, MI_Uint32 i)
{
    pi_field f = field_at(self, i);
    if (*f.exists && (*f.flags & PI_OWNED)) {
        MI_Value v;
        memcpy(&v, f.value, value_size((MI_Type)decl_of(self)->features[i]->type));
        mic_value_free((MI_Type)decl_of(self)->features[i]->type, &v);
    }
    memset(f.value, 0, value_size((MI_Type)decl_of(self)->features[i]->type));
    *f.exists = MI_FALSE;
    *f.flags = 0;
}

MI_Result srv_provinst_construct(MI_Instance *self, const MI_ClassDecl *decl)
{
    const pi_decl *d = (const pi_decl *)(const void *)decl;
    MI_Uint32 i;
    if (!self || !decl || !d->name || d->size < sizeof(MI_Instance))
        return MI_RESULT_INVALID_PARAMETER;
    /* A field overlapping the header or past the end is not OMI's layout (mofbind's own structs
     * begin with a pointer: they are made with NewInstance). */
    for (i = 0; i < d->numFeatures; i++) {
        const MI_ParameterDecl *f = d->features[i];
        if (!f || !f->name || f->offset < sizeof(MI_Instance) ||
            (size_t)f->offset + value_size((MI_Type)f->type) + 2 > d->size)
            return MI_RESULT_INVALID_PARAMETER;
    }
    memset(self, 0, d->size);
    self->ft = &pi_ft;
    self->classDecl = decl;
    self->reserved[0] = PI_MAGIC;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_Destruct(MI_Instance *self)
{
    MI_Uint32 i;
    if (!self || self->reserved[0] != PI_MAGIC)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < decl_of(self)->numFeatures; i++)
        field_clear(self, i);
    free((void *)(uintptr_t)self->nameSpace);
    free((void *)(uintptr_t)self->serverName);
    self->nameSpace = self->serverName = NULL;
    self->reserved[0] = 0;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_GetElementAt(const MI_Instance *self, MI_Uint32 index,
                                         const MI_Char **name, MI_Value *value, MI_Type *type,
                                         MI_Uint32 *flags)
{
    const MI_ParameterDecl *f;
    pi_field fl;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= decl_of(self)->numFeatures)
        return MI_RESULT_NOT_FOUND;
    f = decl_of(self)->features[index];
    fl = field_at(self, index);
    if (name)
        *name = f->name;
    if (value) {
        memset(value, 0, sizeof *value);
        if (*fl.exists)
            memcpy(value, fl.value, value_size((MI_Type)f->type));
    }
    if (type)
        *type = (MI_Type)f->type;
    if (flags)
        *flags = (f->flags &
                  (MI_FLAG_KEY | MI_FLAG_IN | MI_FLAG_OUT | MI_FLAG_REQUIRED | MI_FLAG_READONLY)) |
                 (*fl.exists ? 0 : (MI_Uint32)MI_FLAG_NULL);
    return MI_RESULT_OK;
}

static MI_Result find(const MI_Instance *self, const MI_Char *name, MI_Uint32 *index)
{
    MI_Uint32 i;
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    for (i = 0; i < decl_of(self)->numFeatures; i++)
        if (strcasecmp(decl_of(self)->features[i]->name, name) == 0) {
            *index = i;
            return MI_RESULT_OK;
        }
    return MI_RESULT_NO_SUCH_PROPERTY;
}

static MI_Result MI_CALL pi_GetElement(const MI_Instance *self, const MI_Char *name,
                                       MI_Value *value, MI_Type *type, MI_Uint32 *flags,
                                       MI_Uint32 *index)
{
    MI_Uint32 i = 0;
    MI_Result r = find(self, name, &i);
    if (r != MI_RESULT_OK)
        return r;
    if (index)
        *index = i;
    return pi_GetElementAt(self, i, NULL, value, type, flags);
}

static MI_Result MI_CALL pi_SetElementAt(MI_Instance *self, MI_Uint32 index, const MI_Value *value,
                                         MI_Type type, MI_Uint32 flags)
{
    const MI_ParameterDecl *f;
    pi_field fl;
    MI_Value copy;
    MI_Result r;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= decl_of(self)->numFeatures)
        return MI_RESULT_NOT_FOUND;
    f = decl_of(self)->features[index];
    if ((MI_Uint32)type != f->type)
        return MI_RESULT_TYPE_MISMATCH;
    if (!value || (flags & MI_FLAG_NULL)) {
        field_clear(self, index);
        return MI_RESULT_OK;
    }
    if (flags & (MI_FLAG_BORROW | MI_FLAG_ADOPT)) {
        copy = *value;
    } else if ((r = mic_value_copy(type, value, &copy)) != MI_RESULT_OK) {
        return r;
    }
    field_clear(self, index);
    fl = field_at(self, index);
    memcpy(fl.value, &copy, value_size(type));
    *fl.exists = MI_TRUE;
    *fl.flags = (flags & MI_FLAG_BORROW) ? 0 : PI_OWNED;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_SetElement(MI_Instance *self, const MI_Char *name,
                                       const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    MI_Uint32 i = 0;
    MI_Result r = find(self, name, &i);
    return r == MI_RESULT_OK ? pi_SetElementAt(self, i, value, type, flags) : r;
}

static MI_Result MI_CALL pi_ClearElementAt(MI_Instance *self, MI_Uint32 index)
{
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= decl_of(self)->numFeatures)
        return MI_RESULT_NOT_FOUND;
    field_clear(self, index);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_ClearElement(MI_Instance *self, const MI_Char *name)
{
    MI_Uint32 i = 0;
    MI_Result r = find(self, name, &i);
    return r == MI_RESULT_OK ? pi_ClearElementAt(self, i) : r;
}

static MI_Result MI_CALL pi_AddElement(MI_Instance *self, const MI_Char *name,
                                       const MI_Value *value, MI_Type type, MI_Uint32 flags)
{
    (void)name, (void)value, (void)type, (void)flags;
    /* the struct has a field for each declared element and room for no other */
    return self ? MI_RESULT_NOT_SUPPORTED : MI_RESULT_INVALID_PARAMETER;
}

/* A heap copy (the runtime's dynamic instance: the struct's memory is the provider's). */
static MI_Result MI_CALL pi_Clone(const MI_Instance *self, MI_Instance **out)
{
    MI_Instance *copy = NULL;
    MI_Uint32 i;
    MI_Result r;
    if (!self || !out)
        return MI_RESULT_INVALID_PARAMETER;
    *out = NULL;
    r = mic_instance_new(decl_of(self)->name, NULL, &copy);
    for (i = 0; r == MI_RESULT_OK && i < decl_of(self)->numFeatures; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 flags;
        r = pi_GetElementAt(self, i, &name, &v, &t, &flags);
        if (r == MI_RESULT_OK)
            r = MI_Instance_AddElement(copy, name, (flags & MI_FLAG_NULL) ? NULL : &v, t, flags);
    }
    if (r == MI_RESULT_OK && self->nameSpace)
        r = MI_Instance_SetNameSpace(copy, self->nameSpace);
    if (r == MI_RESULT_OK && self->serverName)
        r = MI_Instance_SetServerName(copy, self->serverName);
    if (r != MI_RESULT_OK) {
        if (copy)
            MI_Instance_Delete(copy);
        return r;
    }
    *out = copy;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_IsA(const MI_Instance *self, const MI_ClassDecl *classDecl,
                                MI_Boolean *flag)
{
    const MI_ClassDecl *d;
    if (!self || !classDecl || !flag)
        return MI_RESULT_INVALID_PARAMETER;
    *flag = MI_FALSE;
    if (self->classDecl->flags & MI_FLAG_METHOD)
        return MI_RESULT_OK; /* parameters are of no class */
    for (d = self->classDecl; d; d = d->superClassDecl)
        if (d == classDecl || strcasecmp(d->name, classDecl->name) == 0)
            *flag = MI_TRUE;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_GetClassName(const MI_Instance *self, const MI_Char **className)
{
    if (!self || !className)
        return MI_RESULT_INVALID_PARAMETER;
    *className = decl_of(self)->name;
    return MI_RESULT_OK;
}

static MI_Result set_name(const MI_Char **slot, const MI_Char *s)
{
    char *copy = NULL;
    if (s && !(copy = util_strdup(s)))
        return MIC_RESULT_NOMEM;
    free((void *)(uintptr_t)*slot);
    *slot = copy;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_SetNameSpace(MI_Instance *self, const MI_Char *nameSpace)
{
    return self ? set_name(&self->nameSpace, nameSpace) : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL pi_GetNameSpace(const MI_Instance *self, const MI_Char **nameSpace)
{
    if (!self || !nameSpace)
        return MI_RESULT_INVALID_PARAMETER;
    *nameSpace = self->nameSpace;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_SetServerName(MI_Instance *self, const MI_Char *name)
{
    return self ? set_name(&self->serverName, name) : MI_RESULT_INVALID_PARAMETER;
}

static MI_Result MI_CALL pi_GetServerName(const MI_Instance *self, const MI_Char **name)
{
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    *name = self->serverName;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_GetElementCount(const MI_Instance *self, MI_Uint32 *count)
{
    if (!self || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = decl_of(self)->numFeatures;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL pi_GetClass(const MI_Instance *self, MI_Class **instanceClass)
{
    if (instanceClass)
        *instanceClass = NULL;
    return self ? MI_RESULT_NOT_SUPPORTED : MI_RESULT_INVALID_PARAMETER;
}

/* Delete is Destruct: the memory is the provider's. */
static const MI_InstanceFT pi_ft = {
    pi_Clone,         pi_Destruct,      pi_Destruct,        pi_IsA,          pi_GetClassName,
    pi_SetNameSpace,  pi_GetNameSpace,  pi_GetElementCount, pi_AddElement,   pi_SetElement,
    pi_SetElementAt,  pi_GetElement,    pi_GetElementAt,    pi_ClearElement, pi_ClearElementAt,
    pi_GetServerName, pi_SetServerName, pi_GetClass,
};
