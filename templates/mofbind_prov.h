/* mofbind_prov.h: what the generated provider code shares: reading the instances and the
 * parameters the server hands a provider into the typed structs of the bindings, and posting
 * typed structs back through the MI_Context. Every function is MI_INLINE and calls only the MI
 * API (its provider half for the context), so a provider builds against <mofbind/mi.h> or
 * another MI.h of the same API (define MOFBIND_MI_HEADER, e.g. to <MI.h>, for OMI). */
#ifndef MOFBIND_PROV_H
#define MOFBIND_PROV_H

#include "mofbind_gen.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Answers the request with result r and a message saying what could not be read. */
MI_INLINE void mofbind_prov_error(MI_Context *context, MI_Result r, const MI_Char *what,
                                  const MI_Char *name)
{
    MI_Char msg[MOFBIND_GEN_MSG];
    snprintf(msg, sizeof msg, "%s: cannot read %s into its typed struct (MI_Result %d)", name, what,
             (int)r);
    MI_Context_PostError(context, (MI_Uint32)r, MI_RESULT_TYPE_MI, msg);
}

/* An instance the server gave into x, the struct of cd's class (free it with X_Destruct). On
 * failure the request is answered and x is empty. */
MI_INLINE MI_Result mofbind_prov_in(MI_Context *context, const MI_ClassDecl *cd,
                                    const MI_Instance *instance, void *x)
{
    MI_Result r = mofbind_gen_unmarshal(cd, instance, x);
    if (r != MI_RESULT_OK)
        mofbind_prov_error(context, r, MI_T("the instance"), cd->name);
    return r;
}

/* Frees what mofbind_prov_params put into in. */
MI_INLINE void mofbind_prov_params_destruct(const MI_MethodDecl *md, void *in)
{
    mofbind_gen_in_destruct(md, in);
}

/* The IN parameters of method md into in, its _In struct of size bytes (an absent parameter
 * stays unset; a structure is its C struct). On failure the request is answered and in is
 * empty. */
MI_INLINE MI_Result mofbind_prov_params(MI_Context *context, const MI_MethodDecl *md,
                                        const MI_Instance *params, void *in, size_t size)
{
    MI_Uint32 i;
    memset(in, 0, size);
    for (i = 0; params && i < md->numParameters; i++) {
        const MI_ParameterDecl *p = md->parameters[i];
        MI_Result r;
        if (!(p->flags & MI_FLAG_IN))
            continue;
        r = mofbind_gen_pget_(md, i, params, (char *)in + p->offset);
        if (r != MI_RESULT_OK) {
            mofbind_prov_params_destruct(md, in);
            mofbind_prov_error(context, r, MI_T("the parameters"), md->name);
            return r;
        }
    }
    return MI_RESULT_OK;
}

/* A new instance of cd's class made through context with what is set in x, the struct of cd's
 * class, a structure field as its embedded instance (the caller deletes *inst; NULL on
 * failure). */
MI_INLINE MI_Result mofbind_prov_instance(MI_Context *context, const MI_ClassDecl *cd,
                                          const void *x, MI_Instance **inst)
{
    MI_Char msg[MOFBIND_GEN_MSG];
    mofbind_gen_maker_ mk;
    *inst = NULL;
    mk.app = NULL;
    mk.context = context;
    return x ? mofbind_gen_make_(cd, x, &mk, MOFBIND_GEN_ALL, inst, msg, sizeof msg)
             : MI_RESULT_INVALID_PARAMETER;
}

/* Posts x, the struct of cd's class, as an instance: the properties that are set. */
MI_INLINE MI_Result mofbind_prov_post(MI_Context *context, const MI_ClassDecl *cd, const void *x)
{
    MI_Instance *inst = NULL;
    MI_Result r = mofbind_prov_instance(context, cd, x, &inst);
    if (r == MI_RESULT_OK) {
        r = MI_Context_PostInstance(context, inst);
        MI_Instance_Delete(inst);
    }
    return r;
}

/* Posts x, the struct of cd's class, an indication class, as an indication on the context
 * EnableIndications gave (to every subscription whose filter it matches), with bookmark (NULL:
 * none). */
MI_INLINE MI_Result mofbind_prov_post_indication(MI_Context *indicationsContext,
                                                 const MI_ClassDecl *cd, const void *x,
                                                 const MI_Char *bookmark)
{
    MI_Instance *inst = NULL;
    MI_Result r = mofbind_prov_instance(indicationsContext, cd, x, &inst);
    if (r == MI_RESULT_OK) {
        r = MI_Context_PostIndication(indicationsContext, inst, 0, bookmark);
        MI_Instance_Delete(inst);
    }
    return r;
}

/* Posts out, the _Out struct of method md (MIReturn and the OUT parameters that are set; a
 * structure as its embedded instance). */
MI_INLINE MI_Result mofbind_prov_post_out(MI_Context *context, const MI_MethodDecl *md,
                                          const MI_Uint32 *outs, const void *out)
{
    MI_Instance *inst = NULL;
    MI_Char msg[MOFBIND_GEN_MSG];
    mofbind_gen_maker_ mk;
    MI_Uint32 i, k = 0;
    MI_Result r = out ? MI_Context_NewParameters(context, md, &inst) : MI_RESULT_INVALID_PARAMETER;
    mk.app = NULL;
    mk.context = context;
    for (i = 0; r == MI_RESULT_OK && i < md->numParameters; i++)
        if (md->parameters[i]->flags & MI_FLAG_OUT)
            r = mofbind_gen_pput_(md, i, (const char *)out + outs[k++], inst, MI_FLAG_OUT, &mk, msg,
                                  sizeof msg);
    if (r == MI_RESULT_OK)
        r = MI_Context_PostInstance(context, inst);
    if (inst)
        MI_Instance_Delete(inst);
    return r;
}

/* dst (the struct of cd's class) gets copies of the properties set in src, which it owns (free
 * them with X_Destruct), structures deep; for a provider that keeps what it is given. */
MI_INLINE MI_Result mofbind_prov_copy(const MI_ClassDecl *cd, void *dst, const void *src)
{
    return mofbind_gen_copy(cd, dst, src);
}

/* Method names compare as CIM names do: ASCII letters in either case. */
MI_INLINE int mofbind_prov_is(const MI_Char *a, const MI_Char *b)
{
    for (; *a && *b; a++, b++) {
        MI_Char x = *a >= 'A' && *a <= 'Z' ? (MI_Char)(*a + 32) : *a;
        MI_Char y = *b >= 'A' && *b <= 'Z' ? (MI_Char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

#ifdef __cplusplus
}
#endif

#endif
