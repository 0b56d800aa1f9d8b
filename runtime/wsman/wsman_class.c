/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_class.c: reading a class definition as CIM-XML (DSP0201's <CLASS>, as OMI
 * and WinRM answer GetClass and class enumerations over WSMAN_URI_CIMXML_SCHEMA) into an MI_Class
 * (runtime/core/class.c): the class's qualifiers and flags, its properties (PROPERTY,
 * PROPERTY.ARRAY, PROPERTY.REFERENCE) with their types, qualifiers, origins and default values,
 * its methods (METHOD) with the return type as the pseudo-parameter MIReturn and their
 * parameters (PARAMETER, PARAMETER.ARRAY, PARAMETER.REFERENCE, PARAMETER.REFARRAY).
 *
 * Everything read is checked: an unknown TYPE, a value that does not fit its type, a feature
 * without a NAME fails the read (MI_RESULT_FAILED, the message says what); elements this reader
 * does not know (DSP0201 has more, DERIVATION-like attributes) are skipped. The tree is bounded
 * by the codec's element and depth limits before it gets here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "util.h"
#include "wsman_int.h"

typedef struct cls_reader {
    mic_classdef *def;
    const char *class_name; /* for messages */
    wsman_error *err;
} cls_reader;

static int is(const xmlNode *n, const char *local)
{
    return wsman_is(n, NULL, local);
}

/* An attribute copied into the class's memory: NULL when absent (*nomem set when there was no
 * memory for it). */
static char *attr(cls_reader *cr, const xmlNode *n, const char *name, int *nomem)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    char *s;
    if (!v)
        return NULL;
    s = mic_classdef_strdup(cr->def, (const char *)v);
    xmlFree(v);
    if (!s)
        *nomem = 1;
    return s;
}

static int attr_bool(const xmlNode *n, const char *name, int dflt)
{
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    char buf[8];
    int r = dflt;
    if (!v)
        return dflt;
    if (wsman_trimmed((const char *)v, buf, sizeof buf) == 0)
        r = util_strieq(buf, "true") ? 1 : util_strieq(buf, "false") ? 0 : dflt;
    xmlFree(v);
    return r;
}

/* The MI_Type of a CIM-XML TYPE name (scalar); -1 when unknown. */
static int type_of(const char *t)
{
    static const struct {
        const char *name;
        MI_Type type;
    } types[] = {{"boolean", MI_BOOLEAN}, {"string", MI_STRING},    {"char16", MI_CHAR16},
                 {"uint8", MI_UINT8},     {"sint8", MI_SINT8},      {"uint16", MI_UINT16},
                 {"sint16", MI_SINT16},   {"uint32", MI_UINT32},    {"sint32", MI_SINT32},
                 {"uint64", MI_UINT64},   {"sint64", MI_SINT64},    {"datetime", MI_DATETIME},
                 {"real32", MI_REAL32},   {"real64", MI_REAL64},    {"reference", MI_REFERENCE},
                 {"object", MI_INSTANCE}, {"instance", MI_INSTANCE}};
    size_t i;
    char buf[16];
    if (!t || wsman_trimmed(t, buf, sizeof buf) != 0)
        return -1;
    for (i = 0; i < sizeof types / sizeof types[0]; i++)
        if (util_strieq(buf, types[i].name))
            return (int)types[i].type;
    return -1;
}

static MI_Result nomem(cls_reader *cr)
{
    return wsman_seterr(cr->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
}

/* One scalar of type t from the text of a <VALUE> into *slot (strings copied into the class). */
static MI_Result scalar(cls_reader *cr, const xmlNode *v, MI_Type t, const char *what,
                        MI_Value *out)
{
    xmlChar *text = xmlNodeGetContent(v);
    const char *s = text ? (const char *)text : "";
    MI_Result r;
    memset(out, 0, sizeof *out);
    if (t == MI_REFERENCE || t == MI_INSTANCE) {
        xmlFree(text);
        return wsman_seterr(cr->err, MI_RESULT_FAILED,
                            "class %s: %s: a reference or instance value is not read",
                            cr->class_name, what);
    }
    if (t == MI_CHAR16 && *s) {
        /* DSP0201 writes a char16 as the character; OMI's instances write its code: one
         * character is the character, more are a number. */
        unsigned cp = 0;
        size_t n = strlen(s), one = (unsigned char)s[0] < 0x80
                                        ? 1
                                        : wsman_utf8_char((const unsigned char *)s, n, &cp);
        if (one == n && cp <= 0xFFFF) {
            out->char16 = (MI_Char16)(n == 1 ? (unsigned char)s[0] : cp);
            xmlFree(text);
            return MI_RESULT_OK;
        }
    }
    r = wsman_parse_scalar(s, t, out);
    if (r == MI_RESULT_OK && t == MI_STRING && !(out->string = mic_classdef_strdup(cr->def, s)))
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
    xmlFree(text);
    if (r == MI_RESULT_SERVER_LIMITS_EXCEEDED)
        return nomem(cr);
    if (r != MI_RESULT_OK)
        return wsman_seterr(cr->err, MI_RESULT_FAILED, "class %s: %s: the value does not fit %s",
                            cr->class_name, what, t == MI_STRING ? "string" : "its type");
    return MI_RESULT_OK;
}

/* The value of a <VALUE> or <VALUE.ARRAY> child of n as what a declaration's `value` points
 * at (mi.h): NULL when n has none. t is the declared type (MI_ARRAY set for arrays). */
static MI_Result value(cls_reader *cr, const xmlNode *n, MI_Uint32 t, const char *what,
                       const void **out)
{
    xmlNodePtr c, v = NULL;
    size_t esz = mic_scalar_size((MI_Type)(t & ~MI_ARRAY));
    *out = NULL;
    for (c = wsman_first_elem((xmlNodePtr)n); c; c = wsman_next_elem(c))
        if (is(c, "VALUE") || is(c, "VALUE.ARRAY"))
            v = c;
    if (!v)
        return MI_RESULT_OK;
    if (t & MI_ARRAY) {
        MI_Array *a = (MI_Array *)mic_classdef_alloc(cr->def, sizeof *a);
        size_t n_items = 0, i = 0;
        if (!a)
            return nomem(cr);
        if (!is(v, "VALUE.ARRAY"))
            return wsman_seterr(cr->err, MI_RESULT_FAILED,
                                "class %s: %s: an array's value is not a VALUE.ARRAY",
                                cr->class_name, what);
        for (c = wsman_first_elem(v); c; c = wsman_next_elem(c))
            n_items += is(c, "VALUE") ? 1 : 0;
        if (n_items && !(a->data = mic_classdef_alloc(cr->def, n_items * esz)))
            return nomem(cr);
        for (c = wsman_first_elem(v); c; c = wsman_next_elem(c)) {
            MI_Value one;
            MI_Result r;
            if (!is(c, "VALUE"))
                continue;
            r = scalar(cr, c, (MI_Type)(t & ~MI_ARRAY), what, &one);
            if (r != MI_RESULT_OK)
                return r;
            memcpy((char *)a->data + i * esz, &one, esz);
            i++;
        }
        a->size = (MI_Uint32)n_items;
        *out = a;
    } else {
        MI_Value one;
        void *slot;
        MI_Result r;
        if (!is(v, "VALUE"))
            return wsman_seterr(cr->err, MI_RESULT_FAILED,
                                "class %s: %s: a scalar's value is a VALUE.ARRAY", cr->class_name,
                                what);
        if ((r = scalar(cr, v, (MI_Type)t, what, &one)) != MI_RESULT_OK)
            return r;
        if (!(slot = mic_classdef_alloc(cr->def, esz)))
            return nomem(cr);
        memcpy(slot, &one, esz);
        *out = slot;
    }
    return MI_RESULT_OK;
}

/* A found qualifier's flags for a feature. */
typedef struct qual_facts {
    int key, required, is_static, in, out, abstract, association, indication, terminal;
    int embedded_object;
    const char *embedded_instance;
} qual_facts;

static int bool_true(const MI_Qualifier *q)
{
    return q->type == MI_BOOLEAN && (!q->value || *(const MI_Boolean *)q->value);
}

/* The QUALIFIER children of n as a declaration's qualifier list, and the facts they state. */
static MI_Result qualifiers(cls_reader *cr, const xmlNode *n, const char *owner,
                            const MI_Qualifier *const **out, MI_Uint32 *count, qual_facts *f)
{
    xmlNodePtr c;
    size_t nq = 0, i = 0;
    MI_Qualifier **list;
    int oom = 0;
    char what[160];
    memset(f, 0, sizeof *f);
    *out = NULL;
    *count = 0;
    for (c = wsman_first_elem((xmlNodePtr)n); c; c = wsman_next_elem(c))
        nq += is(c, "QUALIFIER") ? 1 : 0;
    if (!nq)
        return MI_RESULT_OK;
    if (!(list = (MI_Qualifier **)mic_classdef_alloc(cr->def, nq * sizeof *list)))
        return nomem(cr);
    for (c = wsman_first_elem((xmlNodePtr)n); c; c = wsman_next_elem(c)) {
        MI_Qualifier *q;
        char *t;
        int ty;
        MI_Result r;
        if (!is(c, "QUALIFIER"))
            continue;
        if (!(q = (MI_Qualifier *)mic_classdef_alloc(cr->def, sizeof *q)))
            return nomem(cr);
        q->name = attr(cr, c, "NAME", &oom);
        t = attr(cr, c, "TYPE", &oom);
        if (oom)
            return nomem(cr);
        if (!q->name || (ty = type_of(t)) < 0 || ty == MI_REFERENCE || ty == MI_INSTANCE)
            return wsman_seterr(cr->err, MI_RESULT_FAILED,
                                "class %s: %s: a QUALIFIER without a NAME or with an unknown TYPE "
                                "(%.40s)",
                                cr->class_name, owner, t ? t : "none");
        q->type = (MI_Uint32)ty;
        {
            xmlNodePtr v;
            for (v = wsman_first_elem(c); v; v = wsman_next_elem(v))
                if (is(v, "VALUE.ARRAY"))
                    q->type |= MI_ARRAY;
        }
        q->flavor =
            (attr_bool(c, "OVERRIDABLE", 1) ? MI_FLAG_ENABLEOVERRIDE : MI_FLAG_DISABLEOVERRIDE) |
            (attr_bool(c, "TOSUBCLASS", 1) ? MI_FLAG_TOSUBCLASS : MI_FLAG_RESTRICTED) |
            (attr_bool(c, "TRANSLATABLE", 0) ? MI_FLAG_TRANSLATABLE : 0) |
            (attr_bool(c, "TOINSTANCE", 0) ? MI_FLAG_TOINSTANCE : 0);
        snprintf(what, sizeof what, "%.60s qualifier %.60s", owner, q->name);
        if ((r = value(cr, c, q->type, what, &q->value)) != MI_RESULT_OK)
            return r;
        list[i++] = q;
        if (util_strieq(q->name, "Key"))
            f->key = bool_true(q);
        else if (util_strieq(q->name, "Required"))
            f->required = bool_true(q);
        else if (util_strieq(q->name, "Static"))
            f->is_static = bool_true(q);
        else if (util_strieq(q->name, "In"))
            f->in = bool_true(q) ? 1 : -1;
        else if (util_strieq(q->name, "Out"))
            f->out = bool_true(q);
        else if (util_strieq(q->name, "Abstract"))
            f->abstract = bool_true(q);
        else if (util_strieq(q->name, "Association"))
            f->association = bool_true(q);
        else if (util_strieq(q->name, "Indication"))
            f->indication = bool_true(q);
        else if (util_strieq(q->name, "Terminal"))
            f->terminal = bool_true(q);
        else if (util_strieq(q->name, "EmbeddedObject"))
            f->embedded_object = bool_true(q);
        else if (util_strieq(q->name, "EmbeddedInstance") && q->type == MI_STRING && q->value)
            f->embedded_instance = *(const char *const *)q->value;
    }
    *out = (const MI_Qualifier *const *)list;
    *count = (MI_Uint32)i;
    return MI_RESULT_OK;
}

/* A property's or parameter's element: kind and what its name says. */
typedef struct feature {
    const char *name;
    MI_Uint32 type;
    const char *class_name; /* reference class or embedded instance class */
    MI_Uint32 subscript;
    const char *origin;
    const MI_Qualifier *const *quals;
    MI_Uint32 nquals;
    qual_facts f;
} feature;

/* Reads a PROPERTY*, PARAMETER* element (kind by its name: ".ARRAY", ".REFERENCE",
 * ".REFARRAY"). Returns 0 when n is not one (skipped). */
static MI_Result read_feature(cls_reader *cr, const xmlNode *n, const char *base, feature *ft,
                              int *is_one)
{
    const char *nm = (const char *)n->name;
    size_t bl = strlen(base);
    int array = 0, ref = 0, oom = 0, ty = 0;
    char *t, *size;
    char what[160];
    MI_Result r;
    *is_one = 0;
    memset(ft, 0, sizeof *ft);
    if (strncmp(nm, base, bl) != 0)
        return MI_RESULT_OK;
    if (!nm[bl])
        ;
    else if (!strcmp(nm + bl, ".ARRAY"))
        array = 1;
    else if (!strcmp(nm + bl, ".REFERENCE"))
        ref = 1;
    else if (!strcmp(nm + bl, ".REFARRAY"))
        ref = array = 1;
    else
        return MI_RESULT_OK;
    *is_one = 1;
    ft->name = attr(cr, n, "NAME", &oom);
    t = ref ? NULL : attr(cr, n, "TYPE", &oom);
    ft->class_name = ref ? attr(cr, n, "REFERENCECLASS", &oom) : NULL;
    ft->origin = attr(cr, n, "CLASSORIGIN", &oom);
    size = array ? attr(cr, n, "ARRAYSIZE", &oom) : NULL;
    if (oom)
        return nomem(cr);
    if (!ft->name || !*ft->name)
        return wsman_seterr(cr->err, MI_RESULT_FAILED, "class %s: a %s without a NAME",
                            cr->class_name, nm);
    ty = ref ? MI_REFERENCE : type_of(t);
    if (ty < 0 || (!ref && ty == MI_REFERENCE))
        return wsman_seterr(cr->err, MI_RESULT_FAILED, "class %s: %s: unknown TYPE '%.40s'",
                            cr->class_name, ft->name, t ? t : "(none)");
    if (size)
        ft->subscript = (MI_Uint32)strtoul(size, NULL, 10);
    snprintf(what, sizeof what, "%.60s", ft->name);
    r = qualifiers(cr, n, what, &ft->quals, &ft->nquals, &ft->f);
    if (r != MI_RESULT_OK)
        return r;
    /* A string carrying EmbeddedInstance or EmbeddedObject is an embedded instance (DSP0004;
     * OMI writes them so). */
    if (ty == MI_STRING && (ft->f.embedded_instance || ft->f.embedded_object)) {
        ty = MI_INSTANCE;
        ft->class_name = ft->f.embedded_instance;
    }
    ft->type = (MI_Uint32)ty | (array ? (MI_Uint32)MI_ARRAY : 0u);
    return MI_RESULT_OK;
}

/* What an MI_PropertyDecl and an MI_ParameterDecl (same first members) take of a feature. */
#define FILL_FEATURE(p, ft)                                                                        \
    do {                                                                                           \
        (p)->name = (ft).name;                                                                     \
        (p)->code = util_name_code((ft).name);                                                      \
        (p)->type = (ft).type;                                                                     \
        (p)->className = (ft).class_name;                                                          \
        (p)->subscript = (ft).subscript;                                                           \
        (p)->qualifiers = (ft).quals;                                                              \
        (p)->numQualifiers = (ft).nquals;                                                          \
    } while (0)

static MI_Uint32 feature_flags(const qual_facts *f)
{
    return (f->key ? MI_FLAG_KEY : 0) | (f->required ? MI_FLAG_REQUIRED : 0) |
           (f->is_static ? MI_FLAG_STATIC : 0);
}

static MI_Result read_method(cls_reader *cr, const xmlNode *n, const char *cls, MI_MethodDecl **out)
{
    MI_MethodDecl *m;
    MI_ParameterDecl **params, *ret;
    xmlNodePtr c;
    size_t np = 1;
    int oom = 0, ty;
    char *t;
    qual_facts f;
    MI_Result r;
    if (!(m = (MI_MethodDecl *)mic_classdef_alloc(cr->def, sizeof *m)))
        return nomem(cr);
    m->name = attr(cr, n, "NAME", &oom);
    t = attr(cr, n, "TYPE", &oom);
    m->origin = attr(cr, n, "CLASSORIGIN", &oom);
    if (oom)
        return nomem(cr);
    if (!m->name || !*m->name)
        return wsman_seterr(cr->err, MI_RESULT_FAILED, "class %s: a METHOD without a NAME",
                            cr->class_name);
    /* No TYPE: a method returning nothing (WMI's void), read as uint32; OMI writes one. */
    ty = t ? type_of(t) : MI_UINT32;
    if (ty < 0 || ty == MI_REFERENCE)
        return wsman_seterr(cr->err, MI_RESULT_FAILED, "class %s: method %s: unknown TYPE '%.40s'",
                            cr->class_name, m->name, t);
    r = qualifiers(cr, n, m->name, &m->qualifiers, &m->numQualifiers, &f);
    if (r != MI_RESULT_OK)
        return r;
    if (ty == MI_STRING && (f.embedded_instance || f.embedded_object))
        ty = MI_INSTANCE;
    for (c = wsman_first_elem((xmlNodePtr)n); c; c = wsman_next_elem(c))
        np += !strncmp((const char *)c->name, "PARAMETER", 9) ? 1 : 0;
    if (!(params = (MI_ParameterDecl **)mic_classdef_alloc(cr->def, np * sizeof *params)) ||
        !(ret = (MI_ParameterDecl *)mic_classdef_alloc(cr->def, sizeof *ret)))
        return nomem(cr);
    /* The return value first, as MI declarations carry it. */
    ret->flags = MI_FLAG_PARAMETER | MI_FLAG_OUT;
    ret->name = "MIReturn";
    ret->code = util_name_code(ret->name);
    ret->type = (MI_Uint32)ty;
    ret->className = ty == MI_INSTANCE ? f.embedded_instance : NULL;
    params[0] = ret;
    np = 1;
    for (c = wsman_first_elem((xmlNodePtr)n); c; c = wsman_next_elem(c)) {
        feature ft;
        int one;
        MI_ParameterDecl *p;
        if ((r = read_feature(cr, c, "PARAMETER", &ft, &one)) != MI_RESULT_OK)
            return r;
        if (!one)
            continue;
        if (!(p = (MI_ParameterDecl *)mic_classdef_alloc(cr->def, sizeof *p)))
            return nomem(cr);
        FILL_FEATURE(p, ft);
        /* In is TRUE unless said otherwise (DSP0004's declaration of In). */
        p->flags = MI_FLAG_PARAMETER | (ft.f.in >= 0 ? MI_FLAG_IN : 0) |
                   (ft.f.out ? MI_FLAG_OUT : 0) | (ft.f.required ? MI_FLAG_REQUIRED : 0);
        params[np++] = p;
    }
    m->flags = MI_FLAG_METHOD | (f.is_static ? MI_FLAG_STATIC : 0);
    m->code = util_name_code(m->name);
    m->parameters = (const MI_ParameterDecl *const *)params;
    m->numParameters = (MI_Uint32)np;
    m->returnType = (MI_Uint32)ty;
    if (!m->origin)
        m->origin = cls;
    m->propagator = cls;
    *out = m;
    return MI_RESULT_OK;
}

MI_Result wsman_decode_class(const wsman_decode *dc, xmlNodePtr elem, MI_Class **out)
{
    cls_reader cr;
    MI_ClassDecl *decl;
    MI_PropertyDecl **props = NULL;
    MI_MethodDecl **methods = NULL;
    xmlNodePtr c;
    size_t np = 0, nm = 0;
    int oom = 0;
    qual_facts f;
    MI_Result r;
    const wsman_class_read *names = dc->classes;

    *out = NULL;
    if (!is(elem, "CLASS"))
        return wsman_seterr(dc->err, MI_RESULT_FAILED, "the answer holds a <%.60s>, not a <CLASS>",
                            (const char *)elem->name);
    memset(&cr, 0, sizeof cr);
    cr.err = dc->err;
    if (!(cr.def = mic_classdef_new()) ||
        !(decl = (MI_ClassDecl *)mic_classdef_alloc(cr.def, sizeof *decl))) {
        mic_classdef_free(cr.def);
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    decl->name = attr(&cr, elem, "NAME", &oom);
    decl->superClass = attr(&cr, elem, "SUPERCLASS", &oom);
    if (oom) {
        r = nomem(&cr);
        goto fail;
    }
    if (!decl->name || !*decl->name) {
        r = wsman_seterr(dc->err, MI_RESULT_FAILED, "a CLASS without a NAME");
        goto fail;
    }
    if (decl->superClass && !*decl->superClass)
        decl->superClass = NULL;
    cr.class_name = decl->name;
    r = qualifiers(&cr, elem, "the class", &decl->qualifiers, &decl->numQualifiers, &f);
    if (r != MI_RESULT_OK)
        goto fail;
    decl->flags = MI_FLAG_CLASS | (f.abstract ? MI_FLAG_ABSTRACT : 0) |
                  (f.association ? MI_FLAG_ASSOCIATION : 0) |
                  (f.indication ? MI_FLAG_INDICATION : 0) | (f.terminal ? MI_FLAG_TERMINAL : 0);
    decl->code = util_name_code(decl->name);
    for (c = wsman_first_elem(elem); c; c = wsman_next_elem(c)) {
        np += !strncmp((const char *)c->name, "PROPERTY", 8) ? 1 : 0;
        nm += is(c, "METHOD") ? 1 : 0;
    }
    if ((np && !(props = (MI_PropertyDecl **)mic_classdef_alloc(cr.def, np * sizeof *props))) ||
        (nm && !(methods = (MI_MethodDecl **)mic_classdef_alloc(cr.def, nm * sizeof *methods)))) {
        r = nomem(&cr);
        goto fail;
    }
    np = nm = 0;
    for (c = wsman_first_elem(elem); c; c = wsman_next_elem(c)) {
        feature ft;
        int one;
        if (is(c, "METHOD")) {
            if ((r = read_method(&cr, c, decl->name, &methods[nm])) != MI_RESULT_OK)
                goto fail;
            nm++;
            continue;
        }
        if ((r = read_feature(&cr, c, "PROPERTY", &ft, &one)) != MI_RESULT_OK)
            goto fail;
        if (one) {
            MI_PropertyDecl *p = (MI_PropertyDecl *)mic_classdef_alloc(cr.def, sizeof *p);
            if (!p) {
                r = nomem(&cr);
                goto fail;
            }
            FILL_FEATURE(p, ft);
            p->flags = MI_FLAG_PROPERTY | feature_flags(&ft.f);
            p->origin = ft.origin ? ft.origin : decl->name;
            p->propagator = decl->name;
            if ((p->type & ~MI_ARRAY) != MI_REFERENCE && (p->type & ~MI_ARRAY) != MI_INSTANCE &&
                (r = value(&cr, c, p->type, p->name, &p->value)) != MI_RESULT_OK)
                goto fail;
            props[np++] = p;
        }
    }
    decl->properties = (const MI_PropertyDecl *const *)props;
    decl->numProperties = (MI_Uint32)np;
    decl->methods = (const MI_MethodDecl *const *)methods;
    decl->numMethods = (MI_Uint32)nm;
    r = mic_class_new(cr.def, decl, names ? names->name_space : NULL, names ? names->server : NULL,
                      out);
    if (r != MI_RESULT_OK)
        return wsman_seterr(dc->err, r, "out of memory");
    return MI_RESULT_OK;
fail:
    mic_classdef_free(cr.def);
    return r;
}

MI_Result wsman_response_add_class(wsman_response *resp, MI_Class *c)
{
    size_t n = resp->num_classes;
    if ((n & (n - 1)) == 0) {
        MI_Class **p = (MI_Class **)realloc(resp->classes, (n ? n * 2 : 1) * sizeof *p);
        if (!p) {
            MI_Class_Delete(c);
            return MI_RESULT_SERVER_LIMITS_EXCEEDED;
        }
        resp->classes = p;
    }
    resp->classes[resp->num_classes++] = c;
    return MI_RESULT_OK;
}
