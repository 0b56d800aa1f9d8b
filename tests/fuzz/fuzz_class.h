/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_class.h: what the fuzz harnesses do with a class object they read: every
 * call of the MI_ClassFT and its qualifier and parameter sets, every value looked at (so that
 * a declaration built from hostile input is read whole under the sanitizers). */
#ifndef MOFBIND_FUZZ_CLASS_H
#define MOFBIND_FUZZ_CLASS_H

#include <string.h>

#include <mofbind/mi.h>

static unsigned fz_touch_value(MI_Type t, const MI_Value *v)
{
    unsigned h = 0;
    MI_Uint32 i;
    if (t == MI_STRING && v->string)
        h += (unsigned)strlen(v->string);
    if (t == MI_STRINGA)
        for (i = 0; i < v->stringa.size; i++)
            h += (unsigned)strlen(v->stringa.data[i]);
    if ((t & MI_ARRAY) && t != MI_STRINGA && v->array.size)
        h += ((const unsigned char *)v->array.data)[0];
    return h;
}

static unsigned fz_touch_quals(const MI_QualifierSet *qs)
{
    MI_Uint32 n = 0, i, flags;
    unsigned h = 0;
    MI_QualifierSet_GetQualifierCount(qs, &n);
    for (i = 0; i <= n; i++) {
        const MI_Char *name;
        MI_Type t;
        MI_Value v;
        if (MI_QualifierSet_GetQualifierAt(qs, i, &name, &t, &flags, &v) == MI_RESULT_OK)
            h += (unsigned)strlen(name) + fz_touch_value(t, &v);
    }
    return h;
}

static unsigned fz_walk_class(const MI_Class *c)
{
    MI_Uint32 n = 0, i, j, np;
    unsigned h = 0;
    const MI_Char *s;
    MI_QualifierSet qs;
    MI_ParameterSet ps;
    MI_Class *copy = NULL, *parent = NULL;
    if (MI_Class_GetClassName(c, &s) == MI_RESULT_OK)
        h += (unsigned)strlen(s);
    MI_Class_GetParentClassName(c, &s);
    if (MI_Class_GetClassQualifierSet(c, &qs) == MI_RESULT_OK)
        h += fz_touch_quals(&qs);
    MI_Class_GetElementCount(c, &n);
    for (i = 0; i <= n; i++) {
        MI_Value v;
        MI_Boolean exists = MI_FALSE;
        MI_Type t;
        MI_Char *rc;
        MI_Uint32 flags;
        if (MI_Class_GetElementAt(c, i, &s, &v, &exists, &t, &rc, &qs, &flags) != MI_RESULT_OK)
            continue;
        h += (unsigned)strlen(s) + fz_touch_quals(&qs) + (rc ? (unsigned)strlen(rc) : 0);
        if (exists)
            h += fz_touch_value(t, &v);
        MI_Class_GetElement(c, s, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    }
    MI_Class_GetMethodCount(c, &n);
    for (i = 0; i <= n; i++) {
        MI_Type t;
        if (MI_Class_GetMethodAt(c, i, &s, &qs, &ps) != MI_RESULT_OK)
            continue;
        h += fz_touch_quals(&qs);
        MI_ParameterSet_GetMethodReturnType(&ps, &t, &qs);
        np = 0;
        MI_ParameterSet_GetParameterCount(&ps, &np);
        for (j = 0; j <= np; j++) {
            MI_Char *rc = NULL;
            if (MI_ParameterSet_GetParameterAt(&ps, j, &s, &t, &rc, &qs) == MI_RESULT_OK)
                h += (unsigned)strlen(s) + fz_touch_quals(&qs);
        }
    }
    if (MI_Class_Clone(c, &copy) == MI_RESULT_OK)
        MI_Class_Delete(copy);
    if (MI_Class_GetParentClass(c, &parent) == MI_RESULT_OK)
        MI_Class_Delete(parent);
    return h;
}

#endif
