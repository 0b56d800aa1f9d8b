/* SPDX-License-Identifier: MIT */
/* server/provset.c: the property sets of the provider host (provset.h), with the whole
 * MI_PropertySetFT: a provider may read the one it is given, clone it and grow its clone.
 * Names compare case-insensitively, as CIM names do. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core.h"
#include "provset.h"
#include "util.h"

static const MI_PropertySetFT ps_ft;

static MI_Result MI_CALL ps_GetElementCount(const MI_PropertySet *self, MI_Uint32 *count)
{
    if (!self || !count)
        return MI_RESULT_INVALID_PARAMETER;
    *count = ((const srv_propset *)self)->n;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ps_ContainsElement(const MI_PropertySet *self, const MI_Char *name,
                                            MI_Boolean *flag)
{
    const srv_propset *ps = (const srv_propset *)self;
    MI_Uint32 i;
    if (!self || !name || !flag)
        return MI_RESULT_INVALID_PARAMETER;
    *flag = MI_FALSE;
    for (i = 0; i < ps->n; i++)
        if (strcasecmp(ps->names[i], name) == 0)
            *flag = MI_TRUE;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ps_AddElement(MI_PropertySet *self, const MI_Char *name)
{
    srv_propset *ps = (srv_propset *)self;
    MI_Boolean has = MI_FALSE;
    char *copy;
    if (!self || !name || !*name)
        return MI_RESULT_INVALID_PARAMETER;
    if (ps_ContainsElement(self, name, &has) == MI_RESULT_OK && has)
        return MI_RESULT_ALREADY_EXISTS;
    if (ps->n == ps->cap) {
        MI_Uint32 cap = ps->cap ? ps->cap * 2 : 8;
        char **grown = realloc(ps->names, cap * sizeof *grown);
        if (!grown)
            return MIC_RESULT_NOMEM;
        ps->names = grown;
        ps->cap = cap;
    }
    if (!(copy = util_strdup(name)))
        return MIC_RESULT_NOMEM;
    ps->names[ps->n++] = copy;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ps_GetElementAt(const MI_PropertySet *self, MI_Uint32 index,
                                         const MI_Char **name)
{
    const srv_propset *ps = (const srv_propset *)self;
    if (!self || !name)
        return MI_RESULT_INVALID_PARAMETER;
    if (index >= ps->n)
        return MI_RESULT_NOT_FOUND;
    *name = ps->names[index];
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ps_Clear(MI_PropertySet *self)
{
    srv_propset *ps = (srv_propset *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    while (ps->n)
        free(ps->names[--ps->n]);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ps_Destruct(MI_PropertySet *self)
{
    srv_propset *ps = (srv_propset *)self;
    if (!self)
        return MI_RESULT_INVALID_PARAMETER;
    ps_Clear(self);
    free(ps->names);
    ps->names = NULL;
    ps->cap = 0;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL ps_Delete(MI_PropertySet *self)
{
    srv_propset *ps = (srv_propset *)self;
    int heap = ps && ps->heap;
    MI_Result r = ps_Destruct(self);
    if (heap)
        free(ps);
    return r;
}

MI_Result srv_propset_init(srv_propset *ps, const char *const *names, size_t n)
{
    size_t i;
    MI_Result r = MI_RESULT_OK;
    memset(ps, 0, sizeof *ps);
    ps->base.ft = &ps_ft;
    for (i = 0; i < n && r == MI_RESULT_OK; i++) {
        r = ps_AddElement(&ps->base, names[i]);
        if (r == MI_RESULT_ALREADY_EXISTS) /* (SELECT a, a) */
            r = MI_RESULT_OK;
    }
    if (r != MI_RESULT_OK)
        ps_Clear(&ps->base);
    return r;
}

static MI_Result MI_CALL ps_Clone(const MI_PropertySet *self, MI_PropertySet **out)
{
    const srv_propset *ps = (const srv_propset *)self;
    srv_propset *copy;
    MI_Result r;
    if (!self || !out)
        return MI_RESULT_INVALID_PARAMETER;
    *out = NULL;
    if (!(copy = malloc(sizeof *copy)))
        return MIC_RESULT_NOMEM;
    r = srv_propset_init(copy, (const char *const *)ps->names, ps->n);
    copy->heap = 1;
    if (r != MI_RESULT_OK) {
        ps_Delete(&copy->base);
        return r;
    }
    *out = &copy->base;
    return MI_RESULT_OK;
}

static const MI_PropertySetFT ps_ft = {
    ps_GetElementCount, ps_ContainsElement, ps_AddElement, ps_GetElementAt,
    ps_Clear,           ps_Destruct,        ps_Delete,     ps_Clone};
