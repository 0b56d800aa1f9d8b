/* server/typing.c: typed instances of the schema's classes from request bodies, selectors and
 * MOF declarations, and their canonical key text. See typing.h. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "micore.h"
#include "resolve.h"
#include "typing.h"

#define TY_MAX_DEPTH 16 /* embedded instances and references within each other */

static void say(char *msg, size_t len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void say(char *msg, size_t len, const char *fmt, ...)
{
    va_list ap;
    if (!msg || !len)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, len, fmt, ap);
    va_end(ap);
}

static size_t elem_size(MI_Type t)
{
    switch (t) {
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

static MI_Type prop_type(const mof_property *p)
{
    return (MI_Type)((unsigned)p->type | (p->is_array ? MI_ARRAY : 0u));
}

static MI_Uint32 prop_flags(const mof_property *p)
{
    return (p->flags & MOF_F_KEY) ? MI_FLAG_KEY : 0u;
}

static const mof_class *ns_class(const mof_namespace *ns, const char *name)
{
    return ns && name ? mof_map_get(&ns->classes, name) : NULL;
}

/* ---- the declaration cache ---------------------------------------------------------------- */

/* An open-addressing table from class to declaration, under one lock; each declaration is one
 * block (the MI_ClassDecl, its MI_PropertyDecls, the pointer array) whose strings are the
 * schema's. */
typedef struct decl_slot {
    const mof_class *cls;
    MI_ClassDecl *decl;
} decl_slot;

struct srv_decls {
    pthread_mutex_t lock;
    decl_slot *slots;
    size_t n, cap; /* cap is 0 or a power of two; n < cap * 3 / 4 */
};

srv_decls *srv_decls_new(void)
{
    srv_decls *c = calloc(1, sizeof *c);
    if (c && pthread_mutex_init(&c->lock, NULL) != 0) {
        free(c);
        c = NULL;
    }
    return c;
}

void srv_decls_free(srv_decls *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->cap; i++)
        free(c->slots[i].decl);
    free(c->slots);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static size_t decl_hash(const mof_class *cls, size_t mask)
{
    uintptr_t x = (uintptr_t)cls;
    return (size_t)(((x >> 4) ^ (x >> 17)) * 2654435761u) & mask;
}

static decl_slot *decl_find(decl_slot *slots, size_t cap, const mof_class *cls)
{
    size_t mask = cap - 1, i = decl_hash(cls, mask);
    while (slots[i].cls && slots[i].cls != cls)
        i = (i + 1) & mask;
    return &slots[i];
}

static MI_ClassDecl *decl_build(const mof_class *cls)
{
    size_t n = cls->n_all_props, k;
    MI_ClassDecl *d;
    MI_PropertyDecl *props;
    const MI_PropertyDecl **ptrs;
    if (n > UINT32_MAX / 2)
        return NULL;
    d = calloc(1, sizeof *d + n * sizeof *props + n * sizeof *ptrs);
    if (!d)
        return NULL;
    props = (MI_PropertyDecl *)(void *)(d + 1);
    ptrs = (const MI_PropertyDecl **)(void *)(props + n);
    d->flags = MI_FLAG_CLASS;
    d->name = cls->name;
    d->superClass = cls->super_name;
    for (k = 0; k < n; k++) {
        const mof_property *p = cls->all_props[k];
        props[k].flags = MI_FLAG_PROPERTY | prop_flags(p);
        props[k].code = mic_name_code(p->name);
        props[k].name = p->name;
        props[k].type = prop_type(p);
        props[k].origin = cls->name;
        props[k].propagator = cls->name;
        ptrs[k] = &props[k];
    }
    d->properties = ptrs;
    d->numProperties = (MI_Uint32)n;
    return d;
}

/* The declaration of cls, built on first use; NULL (a dynamic instance, then) without a cache
 * or when out of memory. */
static const MI_ClassDecl *class_decl(srv_decls *c, const mof_class *cls)
{
    decl_slot *s;
    MI_ClassDecl *d = NULL;
    if (!c)
        return NULL;
    pthread_mutex_lock(&c->lock);
    if (c->cap && (s = decl_find(c->slots, c->cap, cls))->cls) {
        d = s->decl;
        goto out;
    }
    if ((c->n + 1) * 4 >= c->cap * 3) {
        size_t ncap = c->cap ? c->cap * 2 : 64, i;
        decl_slot *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            goto out;
        for (i = 0; i < c->cap; i++)
            if (c->slots[i].cls)
                *decl_find(ns, ncap, c->slots[i].cls) = c->slots[i];
        free(c->slots);
        c->slots = ns;
        c->cap = ncap;
    }
    if (!(d = decl_build(cls)))
        goto out;
    s = decl_find(c->slots, c->cap, cls);
    s->cls = cls;
    s->decl = d;
    c->n++;
out:
    pthread_mutex_unlock(&c->lock);
    return d;
}

/* A value being built for one property: a scalar in v, or an array whose buffer is owned here,
 * plus instances made along the way (deleted after AddElement copied them). */
typedef struct ty_val {
    MI_Value v;
    bool null;
    void *buf;
    MI_Instance **made;
    size_t nmade;
} ty_val;

static void ty_val_free(ty_val *tv)
{
    size_t i;
    for (i = 0; i < tv->nmade; i++)
        MI_Instance_Delete(tv->made[i]);
    free(tv->made);
    free(tv->buf);
    memset(tv, 0, sizeof *tv);
}

static MI_Result add(MI_Instance *inst, const mof_property *p, ty_val *tv);

static int ty_keep(ty_val *tv, MI_Instance *inst)
{
    MI_Instance **nm = realloc(tv->made, (tv->nmade + 1) * sizeof *nm);
    if (!nm)
        return -1;
    nm[tv->nmade++] = inst;
    tv->made = nm;
    return 0;
}

/* Gives the k-th property p of the class its value: by index in a typed instance (made from the
 * class's declaration, so the element is there already), else by adding the element. */
static MI_Result put(MI_Instance *inst, const MI_ClassDecl *decl, size_t k, const mof_property *p,
                     ty_val *tv)
{
    MI_Result r;
    if (!decl)
        return add(inst, p, tv);
    r = MI_Instance_SetElementAt(inst, (MI_Uint32)k, tv->null ? NULL : &tv->v, prop_type(p),
                                 tv->null ? MI_FLAG_NULL : 0);
    return r == MI_RESULT_OK ? r : MI_RESULT_FAILED;
}

static MI_Result add(MI_Instance *inst, const mof_property *p, ty_val *tv)
{
    MI_Result r;
    if (tv->null)
        r = MI_Instance_AddElement(inst, p->name, NULL, prop_type(p), prop_flags(p) | MI_FLAG_NULL);
    else
        r = MI_Instance_AddElement(inst, p->name, &tv->v, prop_type(p), prop_flags(p));
    return r == MI_RESULT_OK ? r : MI_RESULT_FAILED;
}

/* A keys-only copy of a typed instance, for reference values. */
static MI_Result keys_only(const MI_Instance *src, MI_Instance **out)
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

/* ---- from the wire ---------------------------------------------------------------------- */

static MI_Result type_wire_instance(const mof_namespace *ns, const mof_class *cls,
                                    const MI_ClassDecl *decl, const MI_Instance *wire,
                                    const MI_Instance *base, int depth, MI_Instance **out,
                                    char *msg, size_t msglen);

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
    rc = ns_class(ns, cn);
    if (!rc)
        return MI_Instance_Clone(ref, out) == MI_RESULT_OK ? MI_RESULT_OK : MI_RESULT_FAILED;
    if (p->ref_class) {
        const mof_class *want = ns_class(ns, p->ref_class);
        if (want && !mof_class_isa(rc, want)) {
            say(msg, msglen, "%s.%s: a reference to %s cannot refer to %s",
                p->origin ? p->origin->name : "?", p->name, p->ref_class, rc->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
    }
    {
        /* The selectors become the keys: type them through the key properties. */
        MI_Uint32 n = 0, i;
        wsman_selector *sel;
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
        (void)depth;
        r = srv_selector_instance(rc, sel, n, &full, msg, msglen);
        free(sel);
    }
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
        if (ty_keep(tv, ref) != 0) {
            MI_Instance_Delete(ref);
            return MI_RESULT_FAILED;
        }
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
        ec = ns_class(ns, cn);
        if (ec && p->embedded_class) {
            const mof_class *want = ns_class(ns, p->embedded_class);
            if (want && !mof_class_isa(ec, want)) {
                say(msg, msglen, "%s.%s: an instance of %s is not a %s", cname, p->name, ec->name,
                    p->embedded_class);
                return MI_RESULT_INVALID_PARAMETER;
            }
        }
        if (ec && depth < TY_MAX_DEPTH)
            r = type_wire_instance(ns, ec, NULL, wv->instance, NULL, depth + 1, &e, msg,
                                   msglen);
        else
            r = MI_Instance_Clone(wv->instance, &e) == MI_RESULT_OK ? MI_RESULT_OK
                                                                    : MI_RESULT_FAILED;
        if (r != MI_RESULT_OK)
            return r;
        if (ty_keep(tv, e) != 0) {
            MI_Instance_Delete(e);
            return MI_RESULT_FAILED;
        }
        out->instance = e;
        return MI_RESULT_OK;
    }
    if (wt != MI_STRING)
        goto bad;
    if (wsman_parse_scalar(wv->string, (MI_Type)p->type, out) != MI_RESULT_OK) {
        say(msg, msglen, "%s.%s: '%.60s' is not a valid %s value", cname, p->name, wv->string,
            mof_type_name(p->type));
        return MI_RESULT_INVALID_PARAMETER;
    }
    return MI_RESULT_OK;
bad:
    say(msg, msglen, "%s.%s: the value is not a %s", cname, p->name, mof_type_name(p->type));
    return MI_RESULT_INVALID_PARAMETER;
}

/* The value of property p from a wire element. */
static MI_Result wire_value(const mof_namespace *ns, const mof_property *p, MI_Type wt,
                            const MI_Value *wv, MI_Uint32 wf, int depth, ty_val *tv, char *msg,
                            size_t msglen)
{
    MI_Type st = (MI_Type)p->type;
    size_t es = elem_size(st), n, i;
    if (wf & MI_FLAG_NULL) {
        tv->null = true;
        return MI_RESULT_OK;
    }
    if (!p->is_array) {
        if (wt & MI_ARRAY) {
            say(msg, msglen, "%s.%s: several values for a scalar property",
                p->origin ? p->origin->name : "?", p->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
        return wire_scalar(ns, p, wt, wv, depth, &tv->v, tv, msg, msglen);
    }
    /* An array: the wire has one element (scalar) or several (array of strings/instances). */
    n = (wt & MI_ARRAY) ? wv->array.size : 1;
    if (p->array_size && n > p->array_size) {
        say(msg, msglen, "%s.%s: %zu values for an array of at most %u",
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
                say(msg, msglen, "%s.%s: a NULL array element", p->origin ? p->origin->name : "?",
                    p->name);
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

static MI_Result mof_value_to(const mof_namespace *ns, const mof_property *p, const mof_value *mv,
                              int depth, ty_val *tv, char *msg, size_t msglen);

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
        say(msg, msglen, "%s is abstract", cls->name);
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
            say(msg, msglen, "%s has no property '%.80s'", cls->name, name);
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
        } else if (base &&
                   MI_Instance_GetElement(base, p->name, &tv.v, &wt, &wf, NULL) == MI_RESULT_OK) {
            tv.null = (wf & MI_FLAG_NULL) != 0;
            r = MI_RESULT_OK;
        } else if (p->dflt) {
            r = mof_value_to(ns, p, p->dflt, depth, &tv, msg, msglen);
        } else {
            tv.null = true;
            r = MI_RESULT_OK;
        }
        if (r == MI_RESULT_OK && tv.null && (p->flags & MOF_F_KEY)) {
            say(msg, msglen, "%s.%s (key) is required", cls->name, p->name);
            r = MI_RESULT_INVALID_PARAMETER;
        }
        if (r == MI_RESULT_OK)
            r = put(inst, decl, k, p, &tv);
        ty_val_free(&tv);
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
    return type_wire_instance(cls->ns, cls, class_decl(decls, cls), wire, base, 0, out, msg,
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
            say(msg, msglen, "'%.80s' is not a key of %s", sel[i].name, cls->name);
            return MI_RESULT_INVALID_PARAMETER;
        }
        for (k = 0; k < i; k++)
            if (mof_name_eq(sel[k].name, sel[i].name)) {
                say(msg, msglen, "key %s given twice", p->name);
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
            say(msg, msglen, "%s.%s (key) is required", cls->name, p->name);
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
            r = add(inst, p, &tv);
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
    rc = ns_class(ns, cname);
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
    say(msg, msglen, "%s: '%.80s' is not an object path of a class of namespace %s", p->name, s,
        ns ? ns->name : "?");
    return MI_RESULT_INVALID_PARAMETER;
}

static MI_Result mof_scalar(const mof_namespace *ns, const mof_property *p, const mof_value *mv,
                            int depth, MI_Value *out, ty_val *tv, char *msg, size_t msglen)
{
    memset(out, 0, sizeof *out);
    switch (mv->kind) {
    case MOF_V_BOOL:
        if (p->type != MOF_BOOLEAN)
            goto bad;
        out->boolean = mv->v.b ? MI_TRUE : MI_FALSE;
        return MI_RESULT_OK;
    case MOF_V_INT: {
        uint64_t m = mv->v.i.mag;
        int64_t sv = mv->v.i.neg ? (int64_t)(0 - m) : (int64_t)m;
        switch (p->type) {
        case MOF_UINT8:
            out->uint8 = (MI_Uint8)m;
            break;
        case MOF_SINT8:
            out->sint8 = (MI_Sint8)sv;
            break;
        case MOF_UINT16:
            out->uint16 = (MI_Uint16)m;
            break;
        case MOF_SINT16:
            out->sint16 = (MI_Sint16)sv;
            break;
        case MOF_UINT32:
            out->uint32 = (MI_Uint32)m;
            break;
        case MOF_SINT32:
            out->sint32 = (MI_Sint32)sv;
            break;
        case MOF_UINT64:
            out->uint64 = m;
            break;
        case MOF_SINT64:
            out->sint64 = sv;
            break;
        case MOF_REAL32:
            out->real32 = (MI_Real32)(mv->v.i.neg ? -(double)m : (double)m);
            break;
        case MOF_REAL64:
            out->real64 = mv->v.i.neg ? -(double)m : (double)m;
            break;
        case MOF_CHAR16:
            out->char16 = (MI_Char16)m;
            break;
        default:
            goto bad;
        }
        return MI_RESULT_OK;
    }
    case MOF_V_REAL:
        if (p->type == MOF_REAL32)
            out->real32 = (MI_Real32)mv->v.r;
        else if (p->type == MOF_REAL64)
            out->real64 = mv->v.r;
        else
            goto bad;
        return MI_RESULT_OK;
    case MOF_V_CHAR16:
        if (p->type != MOF_CHAR16)
            goto bad;
        out->char16 = mv->v.c16;
        return MI_RESULT_OK;
    case MOF_V_STRING:
        if (p->type == MOF_STRING) {
            out->string = (MI_Char *)mv->v.str.s;
            return MI_RESULT_OK;
        }
        if (p->type == MOF_DATETIME) {
            if (wsman_parse_datetime(mv->v.str.s, &out->datetime) != MI_RESULT_OK)
                goto bad;
            return MI_RESULT_OK;
        }
        if (p->type == MOF_CHAR16 && mv->v.str.len == 1) {
            out->char16 = (MI_Char16)(unsigned char)mv->v.str.s[0];
            return MI_RESULT_OK;
        }
        if (p->type == MOF_REFERENCE) {
            MI_Instance *ref;
            MI_Result r = parse_path(ns, p, mv->v.str.s, &ref, msg, msglen);
            if (r != MI_RESULT_OK)
                return r;
            if (ty_keep(tv, ref) != 0) {
                MI_Instance_Delete(ref);
                return MI_RESULT_FAILED;
            }
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
            r = keys_only(full, &keep);
            MI_Instance_Delete(full);
            if (r != MI_RESULT_OK)
                return r;
        } else {
            keep = full;
        }
        if (ty_keep(tv, keep) != 0) {
            MI_Instance_Delete(keep);
            return MI_RESULT_FAILED;
        }
        out->instance = keep;
        return MI_RESULT_OK;
    }
    default:
        goto bad;
    }
bad:
    say(msg, msglen, "%s: value does not fit type %s", p->name, mof_type_name(p->type));
    return MI_RESULT_INVALID_PARAMETER;
}

static MI_Result mof_value_to(const mof_namespace *ns, const mof_property *p, const mof_value *mv,
                              int depth, ty_val *tv, char *msg, size_t msglen)
{
    size_t es = elem_size((MI_Type)p->type), n, i;
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
    say(msg, msglen, "%s: value does not fit type %s%s", p->name, mof_type_name(p->type),
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
        say(msg, msglen, "instance of unknown class %s", mi->class_name);
        return MI_RESULT_INVALID_CLASS;
    }
    decl = mi->embedded ? NULL : class_decl(decls, cls);
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
        r = mof_value_to(cls->ns, p, mv, 0, &tv, msg, msglen);
        if (r == MI_RESULT_OK && tv.null && (p->flags & MOF_F_KEY) && !mi->embedded) {
            say(msg, msglen, "%s.%s (key) is required", cls->name, p->name);
            r = MI_RESULT_INVALID_PARAMETER;
        }
        if (r == MI_RESULT_OK)
            r = put(inst, decl, k, p, &tv);
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

/* ---- keys ---------------------------------------------------------------------------------- */

typedef struct ty_buf {
    char *s;
    size_t len, cap;
    bool failed;
} ty_buf;

static void tb_put(ty_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        char *ns;
        while (cap < b->len + n + 1)
            cap *= 2;
        ns = realloc(b->s, cap);
        if (!ns) {
            b->failed = true;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void key_text(ty_buf *b, const MI_Instance *inst, int depth);

/* One value, length-prefixed so that no separator inside a value can confuse two keys. */
static void key_value(ty_buf *b, MI_Type t, const MI_Value *v, int depth)
{
    char num[32];
    if (t == MI_STRING) {
        snprintf(num, sizeof num, "s%zu:", strlen(v->string));
        tb_put(b, num, strlen(num));
        tb_put(b, v->string, strlen(v->string));
    } else if (t == MI_REFERENCE || t == MI_INSTANCE) {
        tb_put(b, "r{", 2);
        if (depth < TY_MAX_DEPTH)
            key_text(b, v->reference, depth + 1);
        tb_put(b, "}", 1);
    } else {
        wsman_buf wb;
        wsman_buf_init(&wb);
        if (wsman_format_scalar(&wb, t, v) != MI_RESULT_OK || wb.failed) {
            b->failed = true;
        } else {
            snprintf(num, sizeof num, "v%zu:", wb.len);
            tb_put(b, num, strlen(num));
            tb_put(b, wb.data ? wb.data : "", wb.len);
        }
        wsman_buf_free(&wb);
    }
}

static void key_text(ty_buf *b, const MI_Instance *inst, int depth)
{
    MI_Uint32 n = 0, i;
    const MI_Char *cn = NULL;
    MI_Instance_GetClassName(inst, &cn);
    if (depth > 0 && cn) {
        tb_put(b, cn, strlen(cn));
        tb_put(b, ":", 1);
    }
    MI_Instance_GetElementCount(inst, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        if (!(f & MI_FLAG_KEY) || (f & MI_FLAG_NULL) || (t & MI_ARRAY))
            continue;
        if (depth == 0) {
            /* Top level: the properties of the class, in its order, always the same names. */
            tb_put(b, name, strlen(name));
        }
        tb_put(b, "=", 1);
        key_value(b, t, &v, depth);
        tb_put(b, ";", 1);
    }
}

MI_Result srv_instance_key(const mof_class *cls, const MI_Instance *inst, char **key)
{
    ty_buf b;
    size_t k;
    memset(&b, 0, sizeof b);
    tb_put(&b, "", 0);
    for (k = 0; k < cls->n_all_props; k++) {
        const mof_property *p = cls->all_props[k];
        MI_Value v;
        MI_Type t;
        MI_Uint32 f = 0;
        if (!(p->flags & MOF_F_KEY))
            continue;
        if (MI_Instance_GetElement(inst, p->name, &v, &t, &f, NULL) != MI_RESULT_OK ||
            (f & MI_FLAG_NULL)) {
            free(b.s);
            return MI_RESULT_INVALID_PARAMETER;
        }
        tb_put(&b, p->name, strlen(p->name));
        tb_put(&b, "=", 1);
        key_value(&b, t, &v, 0);
        tb_put(&b, ";", 1);
    }
    if (b.failed) {
        free(b.s);
        return MI_RESULT_FAILED;
    }
    *key = b.s;
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
            say(msg, msglen, "method %s has no input parameter '%.80s'", m->name, name);
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
            r = add(inst, p, &tv);
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
        if (MI_Instance_AddElement(inst, p->name, NULL, prop_type(p), MI_FLAG_NULL | MI_FLAG_OUT) !=
            MI_RESULT_OK)
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
