/* SPDX-License-Identifier: MIT */
/* server/typing_mof.c: typed instances from resolved MOF `instance of` declarations (the
 * schemas' and the state file's), object paths included. See typing.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

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

/* ---- from MOF ---------------------------------------------------------------------------- */

/* An object path "[ns:]Class.k1=\"v\",k2=3" (as the state file writes references) into a
 * reference instance. */
static MI_Result parse_path(const mof_namespace *ns, const mof_property *p, const char *s,
                            MI_Instance **out, char *msg, size_t msglen)
{
    const char *dot, *colon, *q;
    char cname[256];
    const mof_class *rc;
    wsman_selector sel[32];
    size_t nsel = 0, i;
    char *copy = NULL, *w;
    MI_Result r;

    dot = strchr(s, '.');
    colon = strchr(s, ':');
    if (colon && (!dot || colon < dot))
        s = colon + 1;
    dot = strchr(s, '.');
    if (!dot || (size_t)(dot - s) >= sizeof cname)
        goto bad;
    memcpy(cname, s, (size_t)(dot - s));
    cname[dot - s] = '\0';
    rc = ty_ns_class(ns, cname);
    if (!rc)
        goto bad;
    copy = malloc(strlen(dot) + 1);
    if (!copy)
        return MI_RESULT_FAILED;
    w = copy;
    q = dot + 1;
    while (*q) {
        const char *eq = strchr(q, '=');
        if (!eq || nsel == sizeof sel / sizeof *sel)
            goto bad;
        sel[nsel].name = w;
        memcpy(w, q, (size_t)(eq - q));
        w += eq - q;
        *w++ = '\0';
        q = eq + 1;
        sel[nsel].value = w;
        sel[nsel].ref = NULL;
        if (*q == '"') {
            q++;
            while (*q && *q != '"') {
                if (*q == '\\' && q[1])
                    q++;
                *w++ = *q++;
            }
            if (*q != '"')
                goto bad;
            q++;
        } else {
            while (*q && *q != ',')
                *w++ = *q++;
        }
        *w++ = '\0';
        nsel++;
        if (*q == ',')
            q++;
        else if (*q)
            goto bad;
    }
    r = srv_selector_instance(rc, sel, nsel, out, msg, msglen);
    free(copy);
    return r;
bad:
    free(copy);
    (void)i;
    ty_say(msg, msglen, "%s: '%.80s' is not an object path of a class of namespace %s", p->name, s,
           ns ? ns->name : "?");
    return MI_RESULT_INVALID_PARAMETER;
}

static MI_Result mof_scalar(const mof_namespace *ns, const mof_property *p, const mof_value *mv,
                            int depth, MI_Value *out, ty_val *tv, char *msg, size_t msglen)
{
    /* The values the model alone types are the class declarations' (midecl.h), so that a
     * default reads the same in the server's tables and the generated ones. */
    if (midecl_scalar(p->type, mv, out) == 0)
        return MI_RESULT_OK;
    switch (mv->kind) {
    case MOF_V_STRING:
        if (p->type == MOF_DATETIME) {
            if (wsman_parse_datetime(mv->v.str.s, &out->datetime) != MI_RESULT_OK)
                goto bad;
            return MI_RESULT_OK;
        }
        if (p->type == MOF_REFERENCE) {
            MI_Instance *ref;
            MI_Result r = parse_path(ns, p, mv->v.str.s, &ref, msg, msglen);
            if (r != MI_RESULT_OK)
                return r;
            if (ty_keep(tv, ref) != 0)
                return MI_RESULT_FAILED;
            out->reference = ref;
            return MI_RESULT_OK;
        }
        goto bad;
    case MOF_V_ALIAS:
    case MOF_V_INSTANCE: {
        const mof_instance *target = mv->kind == MOF_V_ALIAS ? mv->v.alias.target : mv->v.inst;
        MI_Instance *full, *keep;
        MI_Result r;
        if (!target || depth >= TY_MAX_DEPTH ||
            (p->type != MOF_REFERENCE && p->type != MOF_INSTANCE))
            goto bad;
        r = srv_mof_instance(target, NULL, &full, msg, msglen);
        if (r != MI_RESULT_OK)
            return r;
        if (p->type == MOF_REFERENCE) {
            r = ty_keys_only(full, &keep);
            MI_Instance_Delete(full);
            if (r != MI_RESULT_OK)
                return r;
        } else {
            keep = full;
        }
        if (ty_keep(tv, keep) != 0)
            return MI_RESULT_FAILED;
        out->instance = keep;
        return MI_RESULT_OK;
    }
    default:
        goto bad;
    }
bad:
    ty_say(msg, msglen, "%s: value does not fit type %s", p->name, mof_type_name(p->type));
    return MI_RESULT_INVALID_PARAMETER;
}

MI_Result ty_mof_value(const mof_namespace *ns, const mof_property *p, const mof_value *mv,
                       int depth, ty_val *tv, char *msg, size_t msglen)
{
    size_t es = mic_scalar_size((MI_Type)p->type), n, i;
    if (!mv || mv->kind == MOF_V_NULL) {
        tv->null = true;
        return MI_RESULT_OK;
    }
    if (!p->is_array) {
        if (mv->kind == MOF_V_ARRAY)
            goto bad;
        return mof_scalar(ns, p, mv, depth, &tv->v, tv, msg, msglen);
    }
    n = mv->kind == MOF_V_ARRAY ? mv->v.arr.n : 1;
    tv->buf = calloc(n ? n : 1, es);
    if (!tv->buf)
        return MI_RESULT_FAILED;
    for (i = 0; i < n; i++) {
        MI_Value item;
        const mof_value *one = mv->kind == MOF_V_ARRAY ? &mv->v.arr.items[i] : mv;
        MI_Result r;
        if (one->kind == MOF_V_NULL || one->kind == MOF_V_ARRAY)
            goto bad;
        r = mof_scalar(ns, p, one, depth, &item, tv, msg, msglen);
        if (r != MI_RESULT_OK)
            return r;
        memcpy((char *)tv->buf + i * es, &item, es);
    }
    tv->v.array.data = tv->buf;
    tv->v.array.size = (MI_Uint32)n;
    return MI_RESULT_OK;
bad:
    ty_say(msg, msglen, "%s: value does not fit type %s%s", p->name, mof_type_name(p->type),
           p->is_array ? "[]" : "");
    return MI_RESULT_INVALID_PARAMETER;
}

MI_Result srv_mof_instance(const mof_instance *mi, srv_decls *decls, MI_Instance **out, char *msg,
                           size_t msglen)
{
    const mof_class *cls = mi->cls;
    const MI_ClassDecl *decl;
    MI_Instance *inst;
    size_t k, j;
    MI_Result r = MI_RESULT_OK;
    if (!cls) {
        ty_say(msg, msglen, "instance of unknown class %s", mi->class_name);
        return MI_RESULT_INVALID_CLASS;
    }
    decl = mi->embedded ? NULL : ty_class_decl(decls, cls);
    if (mic_instance_new(cls->name, decl, &inst) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    for (k = 0; k < cls->n_all_props && r == MI_RESULT_OK; k++) {
        const mof_property *p = cls->all_props[k];
        const mof_value *mv = p->dflt;
        ty_val tv;
        for (j = 0; j < mi->nvals; j++)
            if (mof_name_eq(mi->vals[j].name, p->name))
                mv = mi->vals[j].value;
        memset(&tv, 0, sizeof tv);
        r = ty_mof_value(cls->ns, p, mv, 0, &tv, msg, msglen);
        r = ty_put_checked(r, inst, decl, k, cls, p, &tv, !mi->embedded, msg, msglen);
    }
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        return r;
    }
    if (cls->ns)
        MI_Instance_SetNameSpace(inst, cls->ns->name);
    *out = inst;
    return MI_RESULT_OK;
}
