/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_decode.c: instances and EPRs out of a libxml2 tree, typed by a class or
 * a method's parameters, by xsi:type or left untyped: the decoding both sides use. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>

#include "core.h"
#include "wsman.h"
#include "wsman_int.h"

/* ---- instance decoding ------------------------------------------------------------------- */

/* The datetime wrappers WinRM and DSP0230 use around a value. */
static xmlNodePtr datetime_wrapper(xmlNodePtr elem)
{
    xmlNodePtr c = wsman_first_elem(elem);
    const char *nm;
    if (!c || wsman_next_elem(c))
        return NULL;
    nm = (const char *)c->name;
    if (strcasecmp(nm, "Datetime") == 0 || strcasecmp(nm, "Interval") == 0 ||
        strcasecmp(nm, "Date") == 0 || strcasecmp(nm, "Time") == 0 ||
        strcasecmp(nm, "CIM_DateTime") == 0)
        return c;
    return NULL;
}

static int is_epr_elem(xmlNodePtr elem)
{
    xmlNodePtr c;
    for (c = wsman_first_elem(elem); c; c = wsman_next_elem(c))
        if (c->ns && c->ns->href && strcmp((const char *)c->ns->href, WSMAN_NS_ADDRESSING) == 0)
            return 1;
    return 0;
}

/* Class name from xsi:type="pfx:CLASS_Type" (OMI's rule), else NULL. */
static char *xsi_type_class(xmlNodePtr elem)
{
    char *t = wsman_attr(elem, WSMAN_NS_XSI, "type");
    char *colon, *us;
    if (!t)
        return NULL;
    colon = strchr(t, ':');
    us = strrchr(t, '_');
    if (!us || strcmp(us, "_Type") != 0) {
        free(t);
        return NULL;
    }
    *us = '\0';
    if (colon) {
        memmove(t, colon + 1, strlen(colon + 1) + 1);
    }
    if (!*t) {
        free(t);
        return NULL;
    }
    return t;
}

/* The MI type named by xsi:type="cim:cimX" (CIM_Error details), or -1. */
static int xsi_cim_type(xmlNodePtr elem)
{
    static const struct {
        const char *name;
        MI_Type type;
    } map[] = {
        {"cimBoolean", MI_BOOLEAN},   {"cimUnsignedByte", MI_UINT8},
        {"cimByte", MI_SINT8},        {"cimUnsignedShort", MI_UINT16},
        {"cimShort", MI_SINT16},      {"cimUnsignedInt", MI_UINT32},
        {"cimInt", MI_SINT32},        {"cimUnsignedLong", MI_UINT64},
        {"cimLong", MI_SINT64},       {"cimFloat", MI_REAL32},
        {"cimDouble", MI_REAL64},     {"cimChar16", MI_CHAR16},
        {"cimDateTime", MI_DATETIME}, {"cimString", MI_STRING},
    };
    char *t = wsman_attr(elem, WSMAN_NS_XSI, "type");
    const char *local;
    size_t i;
    int r = -1;
    if (!t)
        return -1;
    local = strchr(t, ':') ? strchr(t, ':') + 1 : t;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(local, map[i].name) == 0)
            r = (int)map[i].type;
    free(t);
    return r;
}

/* The declared type of a property (or parameter), or -1 when unknown. */
static int declared_type(const wsman_decode *dc, const char *name, const char **cls)
{
    MI_Uint32 i;
    *cls = NULL;
    if (dc->decl) {
        for (i = 0; i < dc->decl->numProperties; i++) {
            const MI_PropertyDecl *p = dc->decl->properties[i];
            if (p && p->name && strcasecmp(p->name, name) == 0) {
                *cls = p->className;
                return (int)p->type;
            }
        }
    }
    if (dc->method) {
        for (i = 0; i < dc->method->numParameters; i++) {
            const MI_ParameterDecl *p = dc->method->parameters[i];
            if (p && p->name && strcasecmp(p->name, name) == 0) {
                *cls = p->className;
                return (int)p->type;
            }
        }
        if (strcasecmp(name, "ReturnValue") == 0 || strcasecmp(name, "MIReturn") == 0)
            return (int)dc->method->returnType;
    }
    return -1;
}

/* The declared property's OctetString qualifier. */
static int declared_octet_string(const wsman_decode *dc, const char *name)
{
    MI_Uint32 i;
    for (i = 0; dc->decl && i < dc->decl->numProperties; i++) {
        const MI_PropertyDecl *p = dc->decl->properties[i];
        if (p && p->name && strcasecmp(p->name, name) == 0)
            return wsman_octet_string(p->qualifiers, p->numQualifiers);
    }
    for (i = 0; dc->method && i < dc->method->numParameters; i++) {
        const MI_ParameterDecl *p = dc->method->parameters[i];
        if (p && p->name && strcasecmp(p->name, name) == 0)
            return wsman_octet_string(p->qualifiers, p->numQualifiers);
    }
    return 0;
}

/* One element holding base64 for a uint8[]: xsi:type cimBase64Binary, or an OctetString
 * property whose text is not a plain number. */
static int is_base64_elem(const wsman_decode *dc, const char *name, xmlNodePtr e)
{
    char *t = wsman_attr(e, WSMAN_NS_XSI, "type");
    int yes = 0;
    if (t) {
        const char *local = strchr(t, ':') ? strchr(t, ':') + 1 : t;
        yes = strcmp(local, "cimBase64Binary") == 0 || strcmp(local, "base64Binary") == 0;
        free(t);
    }
    if (!yes && declared_octet_string(dc, name)) {
        MI_Value v;
        char *text = wsman_text(e, 1);
        yes = text && wsman_parse_scalar(text, MI_UINT8, &v) != MI_RESULT_OK;
        free(text);
    }
    return yes;
}

/* Frees the temporaries of a decoded array value. */
static void free_array(MI_Type type, MI_Value *v)
{
    MI_Uint32 i;
    if (!v->array.data)
        return;
    if (type == MI_REFERENCEA || type == MI_INSTANCEA)
        for (i = 0; i < v->array.size; i++)
            if (v->instancea.data[i])
                MI_Instance_Delete(v->instancea.data[i]);
    if (type == MI_STRINGA)
        for (i = 0; i < v->array.size; i++)
            free(v->stringa.data[i]);
    free(v->array.data);
    v->array.data = NULL;
}

static void store_item(MI_Type et, MI_Value *arr, MI_Uint32 k, const MI_Value *v)
{
    switch (et) {
    case MI_BOOLEAN:
        arr->booleana.data[k] = v->boolean;
        break;
    case MI_UINT8:
        arr->uint8a.data[k] = v->uint8;
        break;
    case MI_SINT8:
        arr->sint8a.data[k] = v->sint8;
        break;
    case MI_UINT16:
        arr->uint16a.data[k] = v->uint16;
        break;
    case MI_SINT16:
        arr->sint16a.data[k] = v->sint16;
        break;
    case MI_UINT32:
        arr->uint32a.data[k] = v->uint32;
        break;
    case MI_SINT32:
        arr->sint32a.data[k] = v->sint32;
        break;
    case MI_UINT64:
        arr->uint64a.data[k] = v->uint64;
        break;
    case MI_SINT64:
        arr->sint64a.data[k] = v->sint64;
        break;
    case MI_REAL32:
        arr->real32a.data[k] = v->real32;
        break;
    case MI_REAL64:
        arr->real64a.data[k] = v->real64;
        break;
    case MI_CHAR16:
        arr->char16a.data[k] = v->char16;
        break;
    case MI_DATETIME:
        arr->datetimea.data[k] = v->datetime;
        break;
    case MI_STRING:
        arr->stringa.data[k] = v->string;
        break;
    case MI_REFERENCE:
        arr->referencea.data[k] = v->reference;
        break;
    case MI_INSTANCE:
        arr->instancea.data[k] = v->instance;
        break;
    default:
        break;
    }
}

/* One value of scalar type `et` from elem. Strings are malloc'd into *v (caller frees);
 * references and instances are new instances (caller deletes). */
static MI_Result decode_value(const wsman_decode *dc, xmlNodePtr elem, MI_Type et,
                              const char *ref_class, int depth, MI_Value *v)
{
    const char *pname = (const char *)elem->name;
    MI_Result r;
    char *text;
    xmlNodePtr w;
    if (et == MI_REFERENCE) {
        r = wsman_decode_epr(dc, elem, depth + 1, &v->reference);
        return r;
    }
    if (et == MI_INSTANCE) {
        wsman_decode sub = *dc;
        char *cls = xsi_type_class(elem);
        sub.decl = NULL;
        sub.method = NULL;
        sub.strict = 0;
        r = wsman_decode_instance(&sub, elem, cls ? cls : ref_class, depth + 1, &v->instance);
        free(cls);
        return r;
    }
    w = datetime_wrapper(elem);
    text = wsman_text(w ? w : elem, 0);
    if (!text)
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    if (et == MI_STRING) {
        v->string = text;
        return MI_RESULT_OK;
    }
    r = wsman_parse_scalar(text, et, v);
    if (r != MI_RESULT_OK) {
        char shown[48];
        snprintf(shown, sizeof shown, "%s", text);
        wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                     "property '%s': '%s%s' is not a valid value of its type", pname, shown,
                     strlen(text) >= sizeof shown ? "..." : "");
        free(text);
        return MI_RESULT_INVALID_PARAMETER;
    }
    free(text);
    return MI_RESULT_OK;
}

static void free_scalar(MI_Type t, MI_Value *v)
{
    if (t == MI_STRING)
        free(v->string);
    else if ((t == MI_REFERENCE || t == MI_INSTANCE) && v->instance)
        MI_Instance_Delete(v->instance);
}

/* What an untyped element holds. */
static MI_Type untyped_kind(const wsman_decode *dc, xmlNodePtr e)
{
    int t;
    if (is_epr_elem(e))
        return MI_REFERENCE;
    if (datetime_wrapper(e))
        return MI_STRING;
    if (wsman_first_elem(e))
        return MI_INSTANCE;
    if (dc->xsi_types && (t = xsi_cim_type(e)) >= 0)
        return (MI_Type)t;
    return MI_STRING;
}

static MI_Result put_element(MI_Instance *inst, int typed_decl, const char *name, const MI_Value *v,
                             MI_Type type, MI_Uint32 flags)
{
    MI_Result r;
    if (typed_decl) {
        r = MI_Instance_SetElement(inst, name, v, type, flags & MI_FLAG_NULL);
        if (r != MI_RESULT_NOT_FOUND)
            return r;
    }
    return MI_Instance_AddElement(inst, name, v, type, flags);
}

/* Decodes the elements named `name` (nodes[0..count)) into one property of inst. */
static MI_Result decode_property(const wsman_decode *dc, MI_Instance *inst, int typed_decl,
                                 const char *name, xmlNodePtr *nodes, MI_Uint32 count, int depth)
{
    const char *ref_class = NULL;
    int dt = declared_type(dc, name, &ref_class);
    MI_Type type, et;
    MI_Value v;
    MI_Result r;
    MI_Uint32 i, k;
    int is_array;

    if (dt < 0 && (dc->decl || dc->method) && dc->strict)
        return wsman_seterr(dc->err, MI_RESULT_NO_SUCH_PROPERTY,
                            "the class %s has no property '%s'",
                            dc->decl ? dc->decl->name : dc->method->name, name);
    if (dt >= 0) {
        type = (MI_Type)dt;
    } else {
        /* Untyped: the kind of the first non-nil element; several elements make an array. */
        type = MI_STRING;
        for (i = 0; i < count; i++) {
            if (!wsman_is_nil(nodes[i])) {
                type = untyped_kind(dc, nodes[i]);
                break;
            }
        }
        if (count > 1)
            type = (MI_Type)(type | MI_ARRAY);
    }
    is_array = (type & MI_ARRAY) != 0;
    et = (MI_Type)(type & ~MI_ARRAY);
    memset(&v, 0, sizeof v);

    if (!is_array) {
        if (count > 1)
            return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                                "property '%s' is not an array but came %u times", name,
                                (unsigned)count);
        if (wsman_is_nil(nodes[0]))
            return put_element(inst, typed_decl, name, NULL, type, MI_FLAG_NULL);
        if (dt < 0 && untyped_kind(dc, nodes[0]) != et)
            et = type = untyped_kind(dc, nodes[0]);
        r = decode_value(dc, nodes[0], et, ref_class, depth, &v);
        if (r != MI_RESULT_OK)
            return r;
        r = put_element(inst, typed_decl, name, &v, type, 0);
        free_scalar(et, &v);
        if (r != MI_RESULT_OK)
            return wsman_seterr(dc->err, r, "property '%s' cannot be set (%s)", name,
                                wsman_result_name(r));
        return MI_RESULT_OK;
    }

    /* Arrays: one nil element is a NULL array; nil items inside are dropped. */
    if (count == 1 && wsman_is_nil(nodes[0]))
        return put_element(inst, typed_decl, name, NULL, type, MI_FLAG_NULL);
    if (type == MI_UINT8A && count == 1 && is_base64_elem(dc, name, nodes[0])) {
        char *text = wsman_text(nodes[0], 0);
        if (!text)
            return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        r = wsman_parse_base64(text, &v.uint8a.data, &v.uint8a.size);
        free(text);
        if (r != MI_RESULT_OK)
            return wsman_seterr(dc->err, r == MI_RESULT_FAILED ? r : MI_RESULT_INVALID_PARAMETER,
                                "property '%s': not valid base64", name);
        r = put_element(inst, typed_decl, name, &v, type, 0);
        free(v.uint8a.data);
        if (r != MI_RESULT_OK)
            return wsman_seterr(dc->err, r, "property '%s' cannot be set (%s)", name,
                                wsman_result_name(r));
        return MI_RESULT_OK;
    }
    v.array.data = calloc(count, mic_scalar_size(et));
    if (!v.array.data)
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    for (i = 0, k = 0; i < count; i++) {
        MI_Value item;
        if (wsman_is_nil(nodes[i]))
            continue;
        if (dt < 0 && untyped_kind(dc, nodes[i]) != et) {
            v.array.size = k;
            free_array(type, &v);
            return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                                "property '%s': the array mixes values of different kinds", name);
        }
        memset(&item, 0, sizeof item);
        r = decode_value(dc, nodes[i], et, ref_class, depth, &item);
        if (r != MI_RESULT_OK) {
            v.array.size = k;
            free_array(type, &v);
            return r;
        }
        store_item(et, &v, k++, &item);
    }
    v.array.size = k;
    r = put_element(inst, typed_decl, name, &v, type, 0);
    free_array(type, &v);
    if (r != MI_RESULT_OK)
        return wsman_seterr(dc->err, r, "property '%s' cannot be set (%s)", name,
                            wsman_result_name(r));
    return MI_RESULT_OK;
}

typedef struct child_ref {
    xmlNodePtr node;
    size_t pos;
} child_ref;

typedef struct group_ref {
    size_t start, count, pos;
} group_ref;

static int cmp_child(const void *a, const void *b)
{
    const child_ref *x = a, *y = b;
    int c = strcmp((const char *)x->node->name, (const char *)y->node->name);
    if (c)
        return c;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_group(const void *a, const void *b)
{
    const group_ref *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* WinRM 1.x's cim:Location: the instance's own address, written after its properties. */
static int is_own_location(const xmlNode *c)
{
    return wsman_is(c, WSMAN_NS_BASE_2005, "Location") || wsman_is(c, WSMAN_NS_BASE, "Location");
}

/* The next child element of an instance that may be a property. */
static xmlNodePtr next_prop(xmlNodePtr c)
{
    while (c && is_own_location(c))
        c = wsman_next_elem(c);
    return c;
}

MI_Result wsman_decode_instance(const wsman_decode *dc, xmlNodePtr elem, const char *class_name,
                                int depth, MI_Instance **out)
{
    MI_Instance *inst = NULL;
    char *xcls = NULL;
    const char *cls = class_name;
    xmlNodePtr c, *nodes = NULL;
    size_t nchildren = 0, i, j;
    MI_Result r = MI_RESULT_OK;
    wsman_decode untyped;
    int typed_decl;

    *out = NULL;
    if (depth > WSMAN_MAX_DEPTH)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "instances nested too deeply");
    if (!dc->codec || !dc->codec->new_instance)
        return wsman_seterr(dc->err, MI_RESULT_FAILED, "no instance factory");
    if (!cls) {
        xcls = xsi_type_class(elem);
        cls = xcls ? xcls : (const char *)elem->name;
        /* A client reading a subclass (polymorphic enumeration) keeps its real class name and
         * reads it untyped; WQL property lists (XmlFragment) stay typed by the class asked. */
        if (dc->decl && !dc->strict && dc->decl->name && strcasecmp(cls, dc->decl->name) != 0 &&
            strcmp((const char *)elem->name, "XmlFragment") != 0) {
            untyped = *dc;
            untyped.decl = NULL;
            dc = &untyped;
        }
    }
    typed_decl = dc->decl != NULL;
    r = dc->codec->new_instance(dc->codec->new_instance_ctx, dc->decl ? dc->decl->name : cls,
                                dc->decl, &inst);
    if (r != MI_RESULT_OK || !inst) {
        r = wsman_seterr(dc->err, r != MI_RESULT_OK ? r : MI_RESULT_FAILED,
                         "cannot make an instance of '%s'", cls);
        free(xcls); /* after the message: cls may point into it */
        return r;
    }
    free(xcls);
    for (c = next_prop(wsman_first_elem(elem)); c; c = next_prop(wsman_next_elem(c)))
        nchildren++;
    if (nchildren > 0) {
        /* Group the children by name (sorted: n log n whatever the input), then decode the
         * groups in the order their names first appear. */
        size_t ngroups = 0, k;
        child_ref *refs = malloc(nchildren * sizeof *refs);
        group_ref *groups = malloc(nchildren * sizeof *groups);
        nodes = malloc(nchildren * sizeof *nodes);
        if (!refs || !groups || !nodes) {
            free(refs);
            free(groups);
            free(nodes);
            MI_Instance_Delete(inst);
            return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        }
        for (i = 0, c = next_prop(wsman_first_elem(elem)); c;
             c = next_prop(wsman_next_elem(c)), i++) {
            refs[i].node = c;
            refs[i].pos = i;
        }
        qsort(refs, nchildren, sizeof *refs, cmp_child);
        for (i = 0; i < nchildren; i = j) {
            for (j = i + 1; j < nchildren && strcmp((const char *)refs[j].node->name,
                                                    (const char *)refs[i].node->name) == 0;
                 j++)
                ;
            groups[ngroups].start = i;
            groups[ngroups].count = j - i;
            groups[ngroups].pos = refs[i].pos;
            ngroups++;
        }
        if (ngroups > WSMAN_MAX_PROPERTIES) {
            r = wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                             "an instance with %zu properties is too large", ngroups);
            ngroups = 0;
        }
        qsort(groups, ngroups, sizeof *groups, cmp_group);
        for (k = 0; k < ngroups && r == MI_RESULT_OK; k++) {
            for (i = 0; i < groups[k].count; i++)
                nodes[i] = refs[groups[k].start + i].node;
            r = decode_property(dc, inst, typed_decl, (const char *)nodes[0]->name, nodes,
                                (MI_Uint32)groups[k].count, depth);
        }
        free(refs);
        free(groups);
    }
    free(nodes);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        return r;
    }
    *out = inst;
    return MI_RESULT_OK;
}

/* ResourceURI + SelectorSet under `rp` (a:ReferenceParameters) -> a reference instance. */
/* The instance an EPR names: class = text after the last '/' of its ResourceURI (OMI's rule),
 * typed by the declaration when that is the class being decoded (Create's result, EPR-mode
 * enumerations, self references). *tdecl says which. */
MI_Result wsman_epr_new_instance(const wsman_decode *dc, const char *uri, MI_Instance **inst,
                                 const MI_ClassDecl **tdecl)
{
    const char *cls = strrchr(uri, '/') ? strrchr(uri, '/') + 1 : uri;
    MI_Result r;
    *inst = NULL;
    *tdecl = NULL;
    if (!*cls)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                            "an endpoint reference's ResourceURI names no class");
    if (dc->decl && dc->decl->name && strcasecmp(dc->decl->name, cls) == 0)
        *tdecl = dc->decl;
    r = dc->codec->new_instance(dc->codec->new_instance_ctx, *tdecl ? (*tdecl)->name : cls, *tdecl,
                                inst);
    if (r != MI_RESULT_OK || !*inst) {
        *inst = NULL;
        return wsman_seterr(dc->err, r ? r : MI_RESULT_FAILED, "cannot make an instance of '%s'",
                            cls);
    }
    return MI_RESULT_OK;
}

/* One string selector of an EPR (trimmed text): __cimnamespace, or a key typed by tdecl. */
MI_Result wsman_add_key_selector(const wsman_decode *dc, MI_Instance *inst,
                                 const MI_ClassDecl *tdecl, const char *name, const char *val)
{
    MI_Value v;
    MI_Result r;
    if (strcmp(name, "__cimnamespace") == 0)
        return MI_Instance_SetNameSpace(inst, val);
    if (tdecl) {
        const char *kcls;
        wsman_decode kd = *dc;
        int kt;
        kd.decl = tdecl;
        kd.method = NULL;
        kt = declared_type(&kd, name, &kcls);
        if (kt >= 0 && kt != MI_STRING && !(kt & MI_ARRAY) && kt != MI_REFERENCE &&
            kt != MI_INSTANCE) {
            if (wsman_parse_scalar(val, (MI_Type)kt, &v) != MI_RESULT_OK) {
                wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                             "key '%s': '%.40s' is not a valid value of its type", name, val);
                return MI_RESULT_INVALID_PARAMETER;
            }
            return put_element(inst, 1, name, &v, (MI_Type)kt, MI_FLAG_KEY);
        }
    }
    v.string = (MI_Char *)val;
    r = put_element(inst, tdecl != NULL, name, &v, MI_STRING, MI_FLAG_KEY);
    return r;
}

static MI_Result decode_refparams(const wsman_decode *dc, xmlNodePtr rp, int depth,
                                  MI_Instance **out)
{
    xmlNodePtr ruri = wsman_child(rp, WSMAN_NS_WSMAN, "ResourceURI");
    xmlNodePtr set = wsman_child(rp, WSMAN_NS_WSMAN, "SelectorSet"), s;
    char *uri;
    MI_Instance *inst = NULL;
    const MI_ClassDecl *tdecl = NULL;
    MI_Result r;
    *out = NULL;
    if (depth > WSMAN_MAX_DEPTH)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "references nested too deeply");
    if (!dc->codec || !dc->codec->new_instance)
        return wsman_seterr(dc->err, MI_RESULT_FAILED, "no instance factory");
    if (!ruri)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                            "an endpoint reference has no ResourceURI");
    uri = wsman_text(ruri, 1);
    if (!uri)
        return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    r = wsman_epr_new_instance(dc, uri, &inst, &tdecl);
    free(uri);
    if (r != MI_RESULT_OK)
        return r;
    for (s = wsman_first_elem(set); s; s = wsman_next_elem(s)) {
        char *name, *val;
        xmlNodePtr epr;
        MI_Value v;
        if (!wsman_is(s, WSMAN_NS_WSMAN, "Selector"))
            continue;
        name = wsman_attr(s, NULL, "Name");
        if (!name || !*name) {
            free(name);
            MI_Instance_Delete(inst);
            return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "a selector has no Name");
        }
        epr = wsman_child(s, WSMAN_NS_ADDRESSING, "EndpointReference");
        if (epr) {
            r = wsman_decode_epr(dc, epr, depth + 1, &v.reference);
            if (r == MI_RESULT_OK) {
                r = put_element(inst, tdecl != NULL, name, &v, MI_REFERENCE, MI_FLAG_KEY);
                MI_Instance_Delete(v.reference);
            }
        } else {
            val = wsman_text(s, 1);
            r = val ? wsman_add_key_selector(dc, inst, tdecl, name, val) : MI_RESULT_FAILED;
            free(val);
        }
        if (r != MI_RESULT_OK) {
            if (r != MI_RESULT_INVALID_PARAMETER || !dc->err || !dc->err->message[0])
                wsman_seterr(dc->err, r, "selector '%s' cannot be read (%s)", name,
                             wsman_result_name(r));
            free(name);
            MI_Instance_Delete(inst);
            return r;
        }
        free(name);
    }
    *out = inst;
    return MI_RESULT_OK;
}

MI_Result wsman_decode_epr(const wsman_decode *dc, xmlNodePtr elem, int depth, MI_Instance **out)
{
    xmlNodePtr rp;
    *out = NULL;
    if (depth > WSMAN_MAX_DEPTH)
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER, "references nested too deeply");
    rp = wsman_child(elem, WSMAN_NS_ADDRESSING, "ReferenceParameters");
    if (!rp) {
        xmlNodePtr epr = wsman_child(elem, WSMAN_NS_ADDRESSING, "EndpointReference");
        if (epr)
            return wsman_decode_epr(dc, epr, depth + 1, out);
        return wsman_seterr(dc->err, MI_RESULT_INVALID_PARAMETER,
                            "'%s' is not an endpoint reference", (const char *)elem->name);
    }
    return decode_refparams(dc, rp, depth, out);
}
