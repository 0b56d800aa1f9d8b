/* SPDX-License-Identifier: MIT */
/* server/typing.c: what the typing of instances shares (see typing_int.h): messages, types and
 * flags of properties, values under construction and how they go into an instance. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "resolve.h"
#include "typing.h"
#include "typing_int.h"

void ty_say(char *msg, size_t len, const char *fmt, ...)
{
    va_list ap;
    if (!msg || !len)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, len, fmt, ap);
    va_end(ap);
}

const char *srv_article(const char *word)
{
    return word && strchr("AEIOUaeiou", word[0]) && word[0] ? "an" : "a";
}

MI_Type ty_prop_type(const mof_property *p)
{
    return (MI_Type)((unsigned)p->type | (p->is_array ? MI_ARRAY : 0u));
}

MI_Uint32 ty_prop_flags(const mof_property *p)
{
    return (p->flags & MOF_F_KEY) ? MI_FLAG_KEY : 0u;
}

const mof_class *ty_ns_class(const mof_namespace *ns, const char *name)
{
    return ns && name ? mof_map_get(&ns->classes, name) : NULL;
}

void ty_val_free(ty_val *tv)
{
    size_t i;
    for (i = 0; i < tv->nmade; i++)
        MI_Instance_Delete(tv->made[i]);
    free(tv->made);
    free(tv->buf);
    memset(tv, 0, sizeof *tv);
}

int ty_keep(ty_val *tv, MI_Instance *inst)
{
    MI_Instance **nm = realloc(tv->made, (tv->nmade + 1) * sizeof *nm);
    if (!nm) {
        MI_Instance_Delete(inst);
        return -1;
    }
    nm[tv->nmade++] = inst;
    tv->made = nm;
    return 0;
}

/* Gives the k-th property p of the class its value: by index in a typed instance (made from the
 * class's declaration, so the element is there already), else by adding the element. */
MI_Result ty_put(MI_Instance *inst, const MI_ClassDecl *decl, size_t k, const mof_property *p,
                 ty_val *tv)
{
    MI_Result r;
    if (!decl)
        return ty_add(inst, p, tv);
    r = MI_Instance_SetElementAt(inst, (MI_Uint32)k, tv->null ? NULL : &tv->v, ty_prop_type(p),
                                 tv->null ? MI_FLAG_NULL : 0);
    return r == MI_RESULT_OK ? r : MI_RESULT_FAILED;
}

MI_Result ty_add(MI_Instance *inst, const mof_property *p, ty_val *tv)
{
    MI_Result r;
    if (tv->null)
        r = MI_Instance_AddElement(inst, p->name, NULL, ty_prop_type(p),
                                   ty_prop_flags(p) | MI_FLAG_NULL);
    else
        r = MI_Instance_AddElement(inst, p->name, &tv->v, ty_prop_type(p), ty_prop_flags(p));
    return r == MI_RESULT_OK ? r : MI_RESULT_FAILED;
}

/* A keys-only copy of a typed instance, for reference values. */
MI_Result ty_keys_only(const MI_Instance *src, MI_Instance **out)
{
    const MI_Char *cn = NULL, *ns = NULL;
    MI_Uint32 n = 0, i;
    MI_Instance *k;
    MI_Result r;
    MI_Instance_GetClassName(src, &cn);
    r = mic_instance_new(cn, NULL, &k);
    if (r != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    MI_Instance_GetElementCount(src, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElementAt(src, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        if (!(f & MI_FLAG_KEY))
            continue;
        r = MI_Instance_AddElement(k, name, (f & MI_FLAG_NULL) ? NULL : &v, t,
                                   MI_FLAG_KEY | (f & MI_FLAG_NULL));
        if (r != MI_RESULT_OK) {
            MI_Instance_Delete(k);
            return MI_RESULT_FAILED;
        }
    }
    if (MI_Instance_GetNameSpace(src, &ns) == MI_RESULT_OK && ns)
        MI_Instance_SetNameSpace(k, ns);
    *out = k;
    return MI_RESULT_OK;
}

MI_Result ty_put_checked(MI_Result r, MI_Instance *inst, const MI_ClassDecl *decl, size_t k,
                         const mof_class *cls, const mof_property *p, ty_val *tv, int key_required,
                         char *msg, size_t msglen)
{
    if (r == MI_RESULT_OK && tv->null && (p->flags & MOF_F_KEY) && key_required) {
        ty_say(msg, msglen, "%s.%s (key) is required", cls->name, p->name);
        r = MI_RESULT_INVALID_PARAMETER;
    }
    if (r == MI_RESULT_OK)
        r = ty_put(inst, decl, k, p, tv);
    ty_val_free(tv);
    return r;
}
