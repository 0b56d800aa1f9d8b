/* SPDX-License-Identifier: MIT */
/* generator/midecl/midecl.c: a resolved class in MI's terms (see midecl.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "midecl.h"
#include "resolve.h"
#include "util.h"

/* The model numbers its types as MI_Type does (types.h says so; this makes it true): a
 * mof_type is an MI_Type, here and wherever the generator or the server uses one as such. */
#define MIDECL_SAME(m, mi) typedef char midecl_same_##m[(int)(m) == (int)(mi) ? 1 : -1]
MIDECL_SAME(MOF_BOOLEAN, MI_BOOLEAN);
MIDECL_SAME(MOF_UINT8, MI_UINT8);
MIDECL_SAME(MOF_SINT8, MI_SINT8);
MIDECL_SAME(MOF_UINT16, MI_UINT16);
MIDECL_SAME(MOF_SINT16, MI_SINT16);
MIDECL_SAME(MOF_UINT32, MI_UINT32);
MIDECL_SAME(MOF_SINT32, MI_SINT32);
MIDECL_SAME(MOF_UINT64, MI_UINT64);
MIDECL_SAME(MOF_SINT64, MI_SINT64);
MIDECL_SAME(MOF_REAL32, MI_REAL32);
MIDECL_SAME(MOF_REAL64, MI_REAL64);
MIDECL_SAME(MOF_CHAR16, MI_CHAR16);
MIDECL_SAME(MOF_DATETIME, MI_DATETIME);
MIDECL_SAME(MOF_STRING, MI_STRING);
MIDECL_SAME(MOF_REFERENCE, MI_REFERENCE);
MIDECL_SAME(MOF_INSTANCE, MI_INSTANCE);

MI_Type midecl_type(mof_type t, int is_array)
{
    return (MI_Type)((unsigned)t | (is_array ? (unsigned)MI_ARRAY : 0u));
}

MI_Uint32 midecl_class_flags(const mof_class *cls)
{
    MI_Uint32 f = MI_FLAG_CLASS;
    if (cls->flags & MOF_C_ABSTRACT)
        f |= MI_FLAG_ABSTRACT;
    if (cls->flags & MOF_C_ASSOCIATION)
        f |= MI_FLAG_ASSOCIATION;
    if (cls->flags & MOF_C_INDICATION)
        f |= MI_FLAG_INDICATION;
    if (cls->flags & MOF_C_TERMINAL)
        f |= MI_FLAG_TERMINAL;
    return f;
}

/* The MI_FLAG_ of each feature flag of the model that a declaration carries. */
static MI_Uint32 midecl_feature_flags(unsigned mof)
{
    MI_Uint32 f = 0;
    if (mof & MOF_F_KEY)
        f |= MI_FLAG_KEY;
    if (mof & MOF_F_IN)
        f |= MI_FLAG_IN;
    if (mof & MOF_F_OUT)
        f |= MI_FLAG_OUT;
    if (mof & MOF_F_REQUIRED)
        f |= MI_FLAG_REQUIRED;
    if (mof & MOF_F_STATIC)
        f |= MI_FLAG_STATIC;
    return f;
}

MI_Uint32 midecl_property_flags(const mof_property *p)
{
    return MI_FLAG_PROPERTY |
           midecl_feature_flags(p->flags & (MOF_F_KEY | MOF_F_REQUIRED | MOF_F_STATIC));
}

MI_Uint32 midecl_parameter_flags(const mof_property *p)
{
    return MI_FLAG_PARAMETER |
           midecl_feature_flags(p->flags & (MOF_F_IN | MOF_F_OUT | MOF_F_REQUIRED));
}

MI_Uint32 midecl_method_flags(const mof_method *m)
{
    return MI_FLAG_METHOD | midecl_feature_flags(m->flags & MOF_F_STATIC);
}

MI_Uint32 midecl_qualifier_flavor(const mof_qualifier *q)
{
    unsigned f = (q->decl ? q->decl->flavor : 0) | q->flavor;
    MI_Uint32 r = 0;
    /* What the qualifier says wins over its declaration's default. */
    if ((q->flavor & MOF_FLAVOR_DISABLEOVERRIDE))
        f &= ~(unsigned)MOF_FLAVOR_ENABLEOVERRIDE;
    if ((q->flavor & MOF_FLAVOR_ENABLEOVERRIDE))
        f &= ~(unsigned)MOF_FLAVOR_DISABLEOVERRIDE;
    if ((q->flavor & MOF_FLAVOR_RESTRICTED))
        f &= ~(unsigned)MOF_FLAVOR_TOSUBCLASS;
    if (f & MOF_FLAVOR_ENABLEOVERRIDE)
        r |= MI_FLAG_ENABLEOVERRIDE;
    if (f & MOF_FLAVOR_DISABLEOVERRIDE)
        r |= MI_FLAG_DISABLEOVERRIDE;
    if (f & MOF_FLAVOR_RESTRICTED)
        r |= MI_FLAG_RESTRICTED;
    if (f & MOF_FLAVOR_TOSUBCLASS)
        r |= MI_FLAG_TOSUBCLASS;
    if (f & MOF_FLAVOR_TRANSLATABLE)
        r |= MI_FLAG_TRANSLATABLE;
    return r;
}

const char *const midecl_qualifiers[] = {
    "Abstract", "Association",      "Indication",     "Key", "Required", "Static", "In",
    "Out",      "EmbeddedInstance", "EmbeddedObject", NULL};

const mof_qualifier *midecl_qualifier(const mof_qualifiers *qs, size_t i)
{
    const mof_qualifier *q = mof_quals_find(qs, midecl_qualifiers[i]);
    if (!q)
        return NULL;
    if (q->value && q->value->kind == MOF_V_STRING)
        return q;
    if (!q->value || (q->value->kind == MOF_V_BOOL && q->value->v.b))
        return q;
    return NULL;
}

void midecl_flags_text(char *out, size_t len, MI_Uint32 flags)
{
    /* In the order the generated tables have always spelled them. */
    static const struct {
        MI_Uint32 bit;
        const char *name;
    } names[] = {{MI_FLAG_CLASS, "MI_FLAG_CLASS"},
                 {MI_FLAG_METHOD, "MI_FLAG_METHOD"},
                 {MI_FLAG_PROPERTY, "MI_FLAG_PROPERTY"},
                 {MI_FLAG_PARAMETER, "MI_FLAG_PARAMETER"},
                 {MI_FLAG_ABSTRACT, "MI_FLAG_ABSTRACT"},
                 {MI_FLAG_ASSOCIATION, "MI_FLAG_ASSOCIATION"},
                 {MI_FLAG_INDICATION, "MI_FLAG_INDICATION"},
                 {MI_FLAG_TERMINAL, "MI_FLAG_TERMINAL"},
                 {MI_FLAG_KEY, "MI_FLAG_KEY"},
                 {MI_FLAG_IN, "MI_FLAG_IN"},
                 {MI_FLAG_OUT, "MI_FLAG_OUT"},
                 {MI_FLAG_REQUIRED, "MI_FLAG_REQUIRED"},
                 {MI_FLAG_STATIC, "MI_FLAG_STATIC"},
                 {MI_FLAG_ENABLEOVERRIDE, "MI_FLAG_ENABLEOVERRIDE"},
                 {MI_FLAG_DISABLEOVERRIDE, "MI_FLAG_DISABLEOVERRIDE"},
                 {MI_FLAG_RESTRICTED, "MI_FLAG_RESTRICTED"},
                 {MI_FLAG_TOSUBCLASS, "MI_FLAG_TOSUBCLASS"},
                 {MI_FLAG_TRANSLATABLE, "MI_FLAG_TRANSLATABLE"}};
    size_t i, n = 0;
    if (len == 0)
        return;
    out[0] = '\0';
    for (i = 0; i < sizeof names / sizeof names[0] && n < len; i++)
        if (flags & names[i].bit)
            n += (size_t)snprintf(out + n, len - n, "%s%s", n ? " | " : "", names[i].name);
    if (n == 0)
        snprintf(out, len, "0");
}

const char *midecl_type_name(MI_Type t)
{
    static const char *const names[] = {
        "MI_BOOLEAN",   "MI_UINT8",    "MI_SINT8",     "MI_UINT16",    "MI_SINT16",
        "MI_UINT32",    "MI_SINT32",   "MI_UINT64",    "MI_SINT64",    "MI_REAL32",
        "MI_REAL64",    "MI_CHAR16",   "MI_DATETIME",  "MI_STRING",    "MI_REFERENCE",
        "MI_INSTANCE",  "MI_BOOLEANA", "MI_UINT8A",    "MI_SINT8A",    "MI_UINT16A",
        "MI_SINT16A",   "MI_UINT32A",  "MI_SINT32A",   "MI_UINT64A",   "MI_SINT64A",
        "MI_REAL32A",   "MI_REAL64A",  "MI_CHAR16A",   "MI_DATETIMEA", "MI_STRINGA",
        "MI_REFERENCEA", "MI_INSTANCEA"};
    unsigned i = (unsigned)t & ~(unsigned)MI_ARRAY;
    if (i > 15)
        i = MI_STRING;
    return names[i + (((unsigned)t & MI_ARRAY) ? 16u : 0u)];
}

const mof_class *midecl_declarer(const mof_class *cls, const mof_property *p)
{
    /* Walk up while the superclass still has this very declaration. */
    const mof_class *k = cls;
    while (k->super && mof_class_prop(k->super, p->name) == p)
        k = k->super;
    return k;
}

const mof_class *midecl_method_declarer(const mof_class *cls, const mof_method *m)
{
    const mof_class *k = cls;
    for (;;) {
        size_t i;
        int up = 0;
        if (!k->super)
            return k;
        for (i = 0; i < k->super->n_all_methods && !up; i++)
            up = k->super->all_methods[i] == m;
        if (!up)
            return k;
        k = k->super;
    }
}

void midecl_return_param(const mof_method *m, mof_property *out)
{
    memset(out, 0, sizeof *out);
    out->name = "MIReturn";
    out->type = m->type;
    out->ref_class = m->ref_class;
    out->is_array = m->is_array;
    out->embedded_class = m->embedded_class;
    out->flags = MOF_F_OUT;
}

/* ---- defaults ------------------------------------------------------------------------------ */

/* A DSP0004 datetime string as MI_Datetime: util.h reads it, as the WS-Man codec does, into
 * fields in MI_Timestamp's and MI_Interval's order. */
static int midecl_datetime(const char *s, MI_Datetime *dt)
{
    util_dmtf f;
    typedef char midecl_same_layout[sizeof f.f == sizeof dt->u ? 1 : -1];
    (void)sizeof(midecl_same_layout);
    if (util_dmtf_parse(s, &f) != 0)
        return -1;
    dt->isTimestamp = f.interval ? MI_FALSE : MI_TRUE;
    memcpy(&dt->u, f.f, sizeof dt->u);
    return 0;
}

int midecl_scalar(mof_type t, const mof_value *v, MI_Value *out)
{
    memset(out, 0, sizeof *out);
    switch (v ? v->kind : MOF_V_NULL) {
    case MOF_V_BOOL:
        out->boolean = v->v.b ? MI_TRUE : MI_FALSE;
        return t == MOF_BOOLEAN ? 0 : -1;
    case MOF_V_INT: {
        uint64_t m = v->v.i.mag;
        int64_t sv = v->v.i.neg ? (int64_t)(0 - m) : (int64_t)m;
        double d = v->v.i.neg ? -(double)m : (double)m;
        switch (t) {
        case MOF_UINT8:
            out->uint8 = (MI_Uint8)m;
            return 0;
        case MOF_SINT8:
            out->sint8 = (MI_Sint8)sv;
            return 0;
        case MOF_UINT16:
            out->uint16 = (MI_Uint16)m;
            return 0;
        case MOF_SINT16:
            out->sint16 = (MI_Sint16)sv;
            return 0;
        case MOF_UINT32:
            out->uint32 = (MI_Uint32)m;
            return 0;
        case MOF_SINT32:
            out->sint32 = (MI_Sint32)sv;
            return 0;
        case MOF_UINT64:
            out->uint64 = m;
            return 0;
        case MOF_SINT64:
            out->sint64 = sv;
            return 0;
        case MOF_REAL32:
            out->real32 = (MI_Real32)d;
            return 0;
        case MOF_REAL64:
            out->real64 = d;
            return 0;
        case MOF_CHAR16:
            out->char16 = (MI_Char16)m;
            return 0;
        default:
            return -1;
        }
    }
    case MOF_V_REAL:
        if (t == MOF_REAL32)
            out->real32 = (MI_Real32)v->v.r;
        else if (t == MOF_REAL64)
            out->real64 = v->v.r;
        else
            return -1;
        return 0;
    case MOF_V_CHAR16:
        out->char16 = v->v.c16;
        return t == MOF_CHAR16 ? 0 : -1;
    case MOF_V_STRING:
        if (t == MOF_STRING) {
            out->string = (MI_Char *)v->v.str.s;
            return 0;
        }
        if (t == MOF_DATETIME)
            return midecl_datetime(v->v.str.s, &out->datetime);
        if (t == MOF_CHAR16 && v->v.str.len == 1) {
            out->char16 = (MI_Char16)(unsigned char)v->v.str.s[0];
            return 0;
        }
        return -1;
    default:
        return -1;
    }
}

size_t midecl_item_size(mof_type t)
{
    static const unsigned char size[] = {sizeof(MI_Boolean),
                                         sizeof(MI_Uint8),
                                         sizeof(MI_Sint8),
                                         sizeof(MI_Uint16),
                                         sizeof(MI_Sint16),
                                         sizeof(MI_Uint32),
                                         sizeof(MI_Sint32),
                                         sizeof(MI_Uint64),
                                         sizeof(MI_Sint64),
                                         sizeof(MI_Real32),
                                         sizeof(MI_Real64),
                                         sizeof(MI_Char16),
                                         sizeof(MI_Datetime),
                                         sizeof(MI_Char *)};
    return (unsigned)t < sizeof size ? size[t] : 0;
}

int midecl_default(const mof_property *p, MI_Value *out, void **items)
{
    const mof_value *v = p->dflt;
    size_t n, i, es = midecl_item_size(p->type);
    *items = NULL;
    memset(out, 0, sizeof *out);
    if (!v || v->kind == MOF_V_NULL || !es)
        return 0;
    if (!p->is_array)
        return v->kind != MOF_V_ARRAY && midecl_scalar(p->type, v, out) == 0;
    /* A scalar given for an array is an array of one, as the server reads it. */
    n = v->kind == MOF_V_ARRAY ? v->v.arr.n : 1;
    for (i = 0; i < n; i++) {
        const mof_value *one = v->kind == MOF_V_ARRAY ? &v->v.arr.items[i] : v;
        MI_Value item;
        if (one->kind == MOF_V_ARRAY || midecl_scalar(p->type, one, &item) != 0) {
            free(*items);
            *items = NULL;
            return 0;
        }
        if (!*items && !(*items = calloc(n, es)))
            return -1;
        memcpy((char *)*items + i * es, &item, es);
    }
    out->array.data = *items;
    out->array.size = (MI_Uint32)n;
    return 1;
}

/* ---- declarations built at run time ---------------------------------------------------- */

static const MI_Boolean midecl_true = MI_TRUE;

/* The qualifier table of a feature: one block, the pointer array first (what is freed), then
 * the qualifiers, then the string values they point to. NULL with *n 0 when there are none;
 * *failed when out of memory. */
static const MI_Qualifier *const *midecl_quals(const mof_qualifiers *qs, MI_Uint32 *n, int *failed)
{
    size_t k, count = 0;
    const MI_Qualifier **ptrs;
    MI_Qualifier *items;
    const MI_Char **svals;
    *n = 0;
    for (k = 0; midecl_qualifiers[k]; k++)
        if (midecl_qualifier(qs, k))
            count++;
    if (!count)
        return NULL;
    ptrs = (const MI_Qualifier **)calloc(1, count * (sizeof *ptrs + sizeof *items + sizeof *svals));
    if (!ptrs) {
        *failed = 1;
        return NULL;
    }
    items = (MI_Qualifier *)(void *)(ptrs + count);
    svals = (const MI_Char **)(void *)(items + count);
    for (k = 0; midecl_qualifiers[k]; k++) {
        const mof_qualifier *q = midecl_qualifier(qs, k);
        MI_Qualifier *mq = &items[*n];
        if (!q)
            continue;
        mq->name = midecl_qualifiers[k];
        mq->flavor = midecl_qualifier_flavor(q);
        if (q->value && q->value->kind == MOF_V_STRING) {
            mq->type = MI_STRING;
            svals[*n] = q->value->v.str.s;
            mq->value = &svals[*n];
        } else {
            mq->type = MI_BOOLEAN;
            mq->value = &midecl_true;
        }
        ptrs[*n] = mq;
        (*n)++;
    }
    return ptrs;
}

/* A property's or parameter's fields shared by both declarations. */
#define MIDECL_FEATURE(d, p, flags_, failed)                                                       \
    do {                                                                                           \
        (d)->flags = (flags_);                                                                     \
        (d)->code = util_name_code((p)->name);                                                        \
        (d)->name = (p)->name;                                                                     \
        (d)->qualifiers = midecl_quals(&(p)->quals, &(d)->numQualifiers, (failed));                \
        (d)->type = midecl_type((p)->type, (p)->is_array);                                         \
        (d)->className = (p)->type == MOF_REFERENCE ? (p)->ref_class : (p)->embedded_class;        \
        (d)->subscript = (MI_Uint32)(p)->array_size;                                               \
    } while (0)

static MI_MethodDecl *midecl_method(MI_MethodDecl *md, const mof_class *cls, const mof_method *m,
                                    int *failed)
{
    size_t n = m->nparams + 1, i;
    MI_ParameterDecl *params;
    const MI_ParameterDecl **ptrs;
    mof_property ret;
    md->flags = midecl_method_flags(m);
    md->code = util_name_code(m->name);
    md->name = m->name;
    md->qualifiers = midecl_quals(&m->quals, &md->numQualifiers, failed);
    md->returnType = midecl_type(m->type, m->is_array);
    md->propagator = midecl_method_declarer(cls, m)->name;
    md->origin = m->origin ? m->origin->name : md->propagator;
    ptrs = (const MI_ParameterDecl **)calloc(1, n * (sizeof *ptrs + sizeof *params));
    if (!ptrs) {
        *failed = 1;
        return md;
    }
    params = (MI_ParameterDecl *)(void *)(ptrs + n);
    midecl_return_param(m, &ret);
    for (i = 0; i < n; i++) {
        const mof_property *p = i == 0 ? &ret : &m->params[i - 1];
        MIDECL_FEATURE(&params[i], p, midecl_parameter_flags(p), failed);
        ptrs[i] = &params[i];
    }
    md->parameters = ptrs;
    md->numParameters = (MI_Uint32)n;
    return md;
}

MI_ClassDecl *midecl_class_new(const mof_class *cls)
{
    size_t np = cls->n_all_props, nm = cls->n_all_methods, k;
    MI_ClassDecl *d;
    MI_PropertyDecl *props;
    const MI_PropertyDecl **pptrs;
    MI_Value *values;
    MI_MethodDecl *meths;
    const MI_MethodDecl **mptrs;
    int failed = 0;
    if (np > UINT32_MAX / 4 || nm > UINT32_MAX / 4)
        return NULL;
    d = (MI_ClassDecl *)calloc(1, sizeof *d +
                                      np * (sizeof *props + sizeof *values + sizeof *pptrs) +
                                      nm * (sizeof *meths + sizeof *mptrs));
    if (!d)
        return NULL;
    props = (MI_PropertyDecl *)(void *)(d + 1);
    values = (MI_Value *)(void *)(props + np);
    meths = (MI_MethodDecl *)(void *)(values + np);
    pptrs = (const MI_PropertyDecl **)(void *)(meths + nm);
    mptrs = (const MI_MethodDecl **)(void *)(pptrs + np);
    d->flags = midecl_class_flags(cls);
    d->code = util_name_code(cls->name);
    d->name = cls->name;
    d->qualifiers = midecl_quals(&cls->quals, &d->numQualifiers, &failed);
    d->superClass = cls->super ? cls->super->name : NULL;
    for (k = 0; k < np; k++) {
        const mof_property *p = cls->all_props[k];
        const mof_class *declarer = midecl_declarer(cls, p);
        MIDECL_FEATURE(&props[k], p, midecl_property_flags(p), &failed);
        props[k].propagator = declarer->name;
        props[k].origin = p->origin ? p->origin->name : declarer->name;
        {
            void *items; /* owned by values[k] from here on (midecl_class_free) */
            int has = midecl_default(p, &values[k], &items);
            if (has > 0)
                props[k].value = &values[k];
            else if (has < 0)
                failed = 1;
        }
        pptrs[k] = &props[k];
    }
    for (k = 0; k < nm; k++)
        mptrs[k] = midecl_method(&meths[k], cls, cls->all_methods[k], &failed);
    d->properties = np ? pptrs : NULL;
    d->numProperties = (MI_Uint32)np;
    d->methods = nm ? mptrs : NULL;
    d->numMethods = (MI_Uint32)nm;
    if (failed) {
        midecl_class_free(d);
        return NULL;
    }
    return d;
}

void midecl_class_free(MI_ClassDecl *d)
{
    MI_Uint32 k, i;
    if (!d)
        return;
    for (k = 0; k < d->numProperties; k++) {
        const MI_PropertyDecl *p = d->properties[k];
        free((void *)p->qualifiers);
        if ((p->type & MI_ARRAY) && p->value)
            free(((const MI_Array *)p->value)->data);
    }
    for (k = 0; k < d->numMethods; k++) {
        const MI_MethodDecl *m = d->methods[k];
        for (i = 0; i < m->numParameters; i++)
            free((void *)m->parameters[i]->qualifiers);
        free((void *)m->qualifiers);
        free((void *)m->parameters);
    }
    free((void *)d->qualifiers);
    free(d);
}
