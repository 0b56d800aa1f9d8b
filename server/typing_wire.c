/* SPDX-License-Identifier: MIT */
/* server/typing_wire.c: typed instances from what a request carried: a body instance decoded
 * without a class (values as text), selectors, method parameters. See typing.h. */
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

/* ---- from the wire ---------------------------------------------------------------------- */

static MI_Result type_wire_instance(const mof_namespace *ns, const mof_class *cls,
                                    const MI_ClassDecl *decl, const MI_Instance *wire,
                                    const MI_Instance *base, int depth, MI_Instance **out,
                                    char *msg, size_t msglen);

MI_Result srv_ref_keys(const mof_class *rc, const MI_Instance *ref, MI_Instance **out, char *msg,
                       size_t msglen)
{
    /* The selectors become the keys: type them through the key properties. */
    MI_Uint32 n = 0, i;
    wsman_selector *sel;
    MI_Result r;
    MI_Instance_GetElementCount(ref, &n);
    sel = calloc(n ? n : 1, sizeof *sel);
    if (!sel)
        return MI_RESULT_FAILED;
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElementAt(ref, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        sel[i].name = (char *)name;
        if (t == MI_STRING && !(f & MI_FLAG_NULL))
            sel[i].value = v.string;
        else if (t == MI_REFERENCE && !(f & MI_FLAG_NULL))
            sel[i].ref = v.reference;
    }
    r = srv_selector_instance(rc, sel, n, out, msg, msglen);
    free(sel);
    return r;
}

/* A reference from a request (class from its ResourceURI, keys from selectors, as strings):
 * typed by its class when the namespace has it, else kept as it came. */
static MI_Result type_wire_ref(const mof_namespace *ns, const mof_property *p,
                               const MI_Instance *ref, int depth, MI_Instance **out, char *msg,
                               size_t msglen)
{
    const MI_Char *cn = NULL;
    const mof_class *rc;
    MI_Instance *full;
    MI_Result r;
    MI_Instance_GetClassName(ref, &cn);
    rc = ty_ns_class(ns, cn);
    if (!rc) {
        /* Nothing could type its keys, and the state file could not name it. */
        ty_say(msg, msglen, "%s.%s: a reference to class '%.80s', which namespace %s does not have",
               p->origin ? p->origin->name : "?", p->name, cn ? cn : "", ns ? ns->name : "?");
        return MI_RESULT_INVALID_PARAMETER;
    }
    if (p->ref_class) {
        const mof_class *want = ty_ns_class(ns, p->ref_class);
        if (want && !mof_class_isa(rc, want)) {
            ty_say(msg, msglen, "%s.%s: a reference to %s cannot refer to %s",
                   p->origin ? p->origin->name : "?", p->name, p->ref_class, rc->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
    }
    (void)depth;
    r = srv_ref_keys(rc, ref, &full, msg, msglen);
    if (r != MI_RESULT_OK)
        return r;
    *out = full;
    return MI_RESULT_OK;
}

/* One scalar of property p from a wire element value. */
static MI_Result wire_scalar(const mof_namespace *ns, const mof_property *p, MI_Type wt,
                             const MI_Value *wv, int depth, MI_Value *out, ty_val *tv, char *msg,
                             size_t msglen)
{
    const char *cname = p->origin ? p->origin->name : "?";
    MI_Result r;
    if (p->type == MOF_REFERENCE) {
        MI_Instance *ref;
        if (wt != MI_REFERENCE && wt != MI_INSTANCE)
            goto bad;
        r = type_wire_ref(ns, p, wv->reference, depth + 1, &ref, msg, msglen);
        if (r != MI_RESULT_OK)
            return r;
        if (ty_keep(tv, ref) != 0)
            return MI_RESULT_FAILED;
        out->reference = ref;
        return MI_RESULT_OK;
    }
    if (p->type == MOF_INSTANCE) {
        const MI_Char *cn = NULL;
        const mof_class *ec;
        MI_Instance *e;
        if (wt != MI_INSTANCE && wt != MI_REFERENCE)
            goto bad;
        MI_Instance_GetClassName(wv->instance, &cn);
        ec = ty_ns_class(ns, cn);
        if (ec && p->embedded_class) {
            const mof_class *want = ty_ns_class(ns, p->embedded_class);
            if (want && !mof_class_isa(ec, want)) {
                ty_say(msg, msglen, "%s.%s: an instance of %s is not %s %s", cname, p->name,
                       ec->name, srv_article(p->embedded_class), p->embedded_class);
                return MI_RESULT_INVALID_PARAMETER;
            }
        }
        /* Only instances of the schema's classes are kept: an untyped copy could be neither
         * checked nor written to the state file (xsi:type names the class; without it the
         * element's name does, which is seldom a class). */
        if (!ec) {
            ty_say(msg, msglen,
                   "%s.%s: an embedded instance of class '%.80s', which namespace %s does not "
                   "have (xsi:type names the class)",
                   cname, p->name, cn ? cn : "", ns ? ns->name : "?");
            return MI_RESULT_INVALID_PARAMETER;
        }
        if (depth >= TY_MAX_DEPTH) {
            ty_say(msg, msglen, "%s.%s: embedded instances nest more than %d deep", cname, p->name,
                   TY_MAX_DEPTH);
            return MI_RESULT_INVALID_PARAMETER;
        }
        r = type_wire_instance(ns, ec, NULL, wv->instance, NULL, depth + 1, &e, msg, msglen);
        if (r != MI_RESULT_OK)
            return r;
        if (ty_keep(tv, e) != 0)
            return MI_RESULT_FAILED;
        out->instance = e;
        return MI_RESULT_OK;
    }
    if (wt != MI_STRING)
        goto bad;
    if (wsman_parse_scalar(wv->string, (MI_Type)p->type, out) != MI_RESULT_OK) {
        ty_say(msg, msglen, "%s.%s: '%.60s' is not a valid %s value", cname, p->name, wv->string,
               mof_type_name(p->type));
        return MI_RESULT_INVALID_PARAMETER;
    }
    return MI_RESULT_OK;
bad:
    ty_say(msg, msglen, "%s.%s: the value is not %s %s", cname, p->name,
           srv_article(mof_type_name(p->type)), mof_type_name(p->type));
    return MI_RESULT_INVALID_PARAMETER;
}

/* The value of property p from a wire element. */
static MI_Result wire_value(const mof_namespace *ns, const mof_property *p, MI_Type wt,
                            const MI_Value *wv, MI_Uint32 wf, int depth, ty_val *tv, char *msg,
                            size_t msglen)
{
    MI_Type st = (MI_Type)p->type;
    size_t es = mic_scalar_size(st), n, i;
    if (wf & MI_FLAG_NULL) {
        tv->null = true;
        return MI_RESULT_OK;
    }
    if (!p->is_array) {
        if (wt & MI_ARRAY) {
            ty_say(msg, msglen, "%s.%s: several values for a scalar property",
                   p->origin ? p->origin->name : "?", p->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
        return wire_scalar(ns, p, wt, wv, depth, &tv->v, tv, msg, msglen);
    }
    /* An array: the wire has one element (scalar) or several (array of strings/instances). */
    n = (wt & MI_ARRAY) ? wv->array.size : 1;
    if (p->array_size && n > p->array_size) {
        ty_say(msg, msglen, "%s.%s: %zu values for an array of at most %u",
               p->origin ? p->origin->name : "?", p->name, n, (unsigned)p->array_size);
        return MI_RESULT_INVALID_PARAMETER;
    }
    tv->buf = calloc(n ? n : 1, es);
    if (!tv->buf)
        return MI_RESULT_FAILED;
    for (i = 0; i < n; i++) {
        MI_Value one, item;
        MI_Type it = (MI_Type)(wt & ~MI_ARRAY);
        MI_Result r;
        if (wt & MI_ARRAY) {
            if (it == MI_STRING)
                one.string = wv->stringa.data[i];
            else
                one.instance = wv->instancea.data[i];
            if (it == MI_STRING && !one.string) {
                ty_say(msg, msglen, "%s.%s: a NULL array element",
                       p->origin ? p->origin->name : "?", p->name);
                return MI_RESULT_INVALID_PARAMETER;
            }
        } else {
            one = *wv;
        }
        memset(&item, 0, sizeof item);
        r = wire_scalar(ns, p, it, &one, depth, &item, tv, msg, msglen);
        if (r != MI_RESULT_OK)
            return r;
        memcpy((char *)tv->buf + i * es, &item, es);
    }
    tv->v.array.data = tv->buf;
    tv->v.array.size = (MI_Uint32)n;
    return MI_RESULT_OK;
}

static MI_Result type_wire_instance(const mof_namespace *ns, const mof_class *cls,
                                    const MI_ClassDecl *decl, const MI_Instance *wire,
                                    const MI_Instance *base, int depth, MI_Instance **out,
                                    char *msg, size_t msglen)
{
    MI_Instance *inst = NULL;
    MI_Uint32 n = 0, i;
    MI_Result r;
    size_t k;

    if (cls->flags & MOF_C_ABSTRACT) {
        ty_say(msg, msglen, "%s is abstract", cls->name);
        return MI_RESULT_INVALID_CLASS;
    }
    MI_Instance_GetElementCount(wire, &n);
    /* Every element must name a property. */
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        if (MI_Instance_GetElementAt(wire, i, &name, &v, &t, NULL) != MI_RESULT_OK)
            return MI_RESULT_FAILED;
        if (!mof_class_prop(cls, name)) {
            ty_say(msg, msglen, "%s has no property '%.80s'", cls->name, name);
            return MI_RESULT_NO_SUCH_PROPERTY;
        }
    }
    if (mic_instance_new(cls->name, decl, &inst) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    for (k = 0; k < cls->n_all_props; k++) {
        const mof_property *p = cls->all_props[k];
        ty_val tv;
        MI_Value wv;
        MI_Type wt;
        MI_Uint32 wf = 0;
        memset(&tv, 0, sizeof tv);
        if (MI_Instance_GetElement(wire, p->name, &wv, &wt, &wf, NULL) == MI_RESULT_OK) {
            r = wire_value(ns, p, wt, &wv, wf, depth, &tv, msg, msglen);
            /* A Put changes what it names; a Required property cannot become NULL. */
            if (r == MI_RESULT_OK && base && tv.null && (p->flags & MOF_F_REQUIRED) &&
                !(p->flags & MOF_F_KEY)) {
                ty_say(msg, msglen, "%s.%s is Required: a Put cannot set it to NULL", cls->name,
                       p->name);
                r = MI_RESULT_INVALID_PARAMETER;
            }
        } else if (base &&
                   MI_Instance_GetElement(base, p->name, &tv.v, &wt, &wf, NULL) == MI_RESULT_OK) {
            tv.null = (wf & MI_FLAG_NULL) != 0;
            r = MI_RESULT_OK;
        } else if (decl && decl->properties[k]->value) {
            /* The MOF default as the class's table carries it (midecl.h), borrowed: ty_put
             * copies it into the instance. */
            const void *dv = decl->properties[k]->value;
            memcpy(&tv.v, dv, p->is_array ? sizeof tv.v.array : mic_scalar_size(ty_prop_type(p)));
            r = MI_RESULT_OK;
        } else if (p->dflt) { /* one the table does not carry: a datetime, reference, instance */
            r = ty_mof_value(ns, p, p->dflt, depth, &tv, msg, msglen);
        } else {
            tv.null = true;
            r = MI_RESULT_OK;
        }
        r = ty_put_checked(r, inst, decl, k, cls, p, &tv, 1, msg, msglen);
        if (r != MI_RESULT_OK) {
            MI_Instance_Delete(inst);
            return r;
        }
    }
    if (ns)
        MI_Instance_SetNameSpace(inst, ns->name);
    *out = inst;
    return MI_RESULT_OK;
}

MI_Result srv_type_instance(const mof_class *cls, srv_decls *decls, const MI_Instance *wire,
                            const MI_Instance *base, MI_Instance **out, char *msg, size_t msglen)
{
    return type_wire_instance(cls->ns, cls, ty_class_decl(decls, cls), wire, base, 0, out, msg,
                              msglen);
}

MI_Result srv_selector_instance(const mof_class *cls, const wsman_selector *sel, size_t nsel,
                                MI_Instance **out, char *msg, size_t msglen)
{
    MI_Instance *inst = NULL;
    size_t i, k;
    MI_Result r = MI_RESULT_OK;
    for (i = 0; i < nsel; i++) {
        const mof_property *p = mof_class_prop(cls, sel[i].name);
        if (!p || !(p->flags & MOF_F_KEY)) {
            ty_say(msg, msglen, "'%.80s' is not a key of %s", sel[i].name, cls->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
        for (k = 0; k < i; k++)
            if (mof_name_eq(sel[k].name, sel[i].name)) {
                ty_say(msg, msglen, "key %s given twice", p->name);
                return MI_RESULT_INVALID_PARAMETER;
            }
    }
    if (mic_instance_new(cls->name, NULL, &inst) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    for (k = 0; k < cls->n_all_props && r == MI_RESULT_OK; k++) {
        const mof_property *p = cls->all_props[k];
        const wsman_selector *s = NULL;
        ty_val tv;
        if (!(p->flags & MOF_F_KEY))
            continue;
        for (i = 0; i < nsel; i++)
            if (mof_name_eq(sel[i].name, p->name))
                s = &sel[i];
        if (!s) {
            ty_say(msg, msglen, "%s.%s (key) is required", cls->name, p->name);
            r = MI_RESULT_INVALID_PARAMETER;
            break;
        }
        memset(&tv, 0, sizeof tv);
        if (s->ref) {
            MI_Value v;
            v.reference = s->ref;
            r = wire_value(cls->ns, p, MI_REFERENCE, &v, 0, 0, &tv, msg, msglen);
        } else {
            MI_Value v;
            v.string = s->value ? s->value : (MI_Char *)"";
            r = wire_value(cls->ns, p, MI_STRING, &v, 0, 0, &tv, msg, msglen);
        }
        if (r == MI_RESULT_OK)
            r = ty_add(inst, p, &tv);
        ty_val_free(&tv);
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

/* ---- method parameters ---------------------------------------------------------------- */

MI_Result srv_type_params(const mof_method *m, const MI_Instance *wire, MI_Instance **out,
                          char *msg, size_t msglen)
{
    const mof_namespace *ns = m->origin ? m->origin->ns : NULL;
    MI_Instance *inst;
    MI_Uint32 n = 0, i;
    size_t k;
    MI_Result r = MI_RESULT_OK;
    if (wire)
        MI_Instance_GetElementCount(wire, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        bool found = false;
        if (MI_Instance_GetElementAt(wire, i, &name, &v, &t, NULL) != MI_RESULT_OK)
            return MI_RESULT_FAILED;
        for (k = 0; k < m->nparams; k++)
            if (mof_name_eq(m->params[k].name, name) && (m->params[k].flags & MOF_F_IN))
                found = true;
        if (!found) {
            ty_say(msg, msglen, "method %s has no input parameter '%.80s'", m->name, name);
            return MI_RESULT_INVALID_PARAMETER;
        }
    }
    if (mic_instance_new("__parameters", NULL, &inst) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    for (k = 0; k < m->nparams && r == MI_RESULT_OK; k++) {
        const mof_property *p = &m->params[k];
        MI_Value wv;
        MI_Type wt;
        MI_Uint32 wf = 0;
        ty_val tv;
        if (!(p->flags & MOF_F_IN) || !wire ||
            MI_Instance_GetElement(wire, p->name, &wv, &wt, &wf, NULL) != MI_RESULT_OK)
            continue;
        memset(&tv, 0, sizeof tv);
        r = wire_value(ns, p, wt, &wv, wf, 0, &tv, msg, msglen);
        if (r == MI_RESULT_OK)
            r = ty_add(inst, p, &tv);
        ty_val_free(&tv);
    }
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        return r;
    }
    *out = inst;
    return MI_RESULT_OK;
}

MI_Result srv_new_output(const mof_method *m, MI_Instance **out)
{
    MI_Instance *inst;
    size_t k;
    char cname[300];
    snprintf(cname, sizeof cname, "%s_OUTPUT", m->name);
    if (mic_instance_new(cname, NULL, &inst) != MI_RESULT_OK)
        return MI_RESULT_FAILED;
    for (k = 0; k < m->nparams; k++) {
        const mof_property *p = &m->params[k];
        if (!(p->flags & MOF_F_OUT))
            continue;
        if (MI_Instance_AddElement(inst, p->name, NULL, ty_prop_type(p),
                                   MI_FLAG_NULL | MI_FLAG_OUT) != MI_RESULT_OK)
            goto fail;
    }
    if (MI_Instance_AddElement(inst, "ReturnValue", NULL,
                               (MI_Type)((unsigned)m->type | (m->is_array ? MI_ARRAY : 0u)),
                               MI_FLAG_NULL | MI_FLAG_OUT) != MI_RESULT_OK)
        goto fail;
    *out = inst;
    return MI_RESULT_OK;
fail:
    MI_Instance_Delete(inst);
    return MI_RESULT_FAILED;
}
