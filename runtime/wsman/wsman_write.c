/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_write.c: writing WS-Man messages: client requests (wsman_write_request),
 * server replies (wsman_write_reply), and the instance encoding both use (DSP0230 as OMI
 * speaks it). A careful buffer writer: every text and attribute value goes through
 * wsb_escape, names are checked to be CIM identifiers. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wsman.h"
#include "wsman_int.h"

static const wsman_pfx client_pfx = {"a", "w"};
static const wsman_pfx server_pfx = {"wsa", "wsman"};

/* The length of s when it is a CIM identifier ([A-Za-z_] then [A-Za-z0-9_], UTF-8 letters
 * allowed, as MOF allows), else 0. Every property name of every message comes here: a name of
 * ASCII alone takes one pass, the XML check of the other characters runs only when there are
 * some. */
static size_t ident_len(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int wide = 0;
    if (!p || !*p || (*p >= '0' && *p <= '9'))
        return 0;
    for (; *p; p++) {
        if (*p >= 0x80)
            wide = 1;
        else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    }
    if (wide && !wsman_text_is_xml_safe(s))
        return 0;
    return (size_t)(p - (const unsigned char *)s);
}

static int is_ident(const char *s)
{
    return ident_len(s) != 0;
}

const char *wsman_action_uri(wsman_action action)
{
    switch (action) {
    case WSMAN_ACTION_GET:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    case WSMAN_ACTION_PUT:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/Put";
    case WSMAN_ACTION_CREATE:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create";
    case WSMAN_ACTION_DELETE:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete";
    case WSMAN_ACTION_ENUMERATE:
        return "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    case WSMAN_ACTION_PULL:
        return "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";
    case WSMAN_ACTION_RELEASE:
        return "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release";
    case WSMAN_ACTION_SUBSCRIBE:
        return WSMAN_NS_EVENTING "/Subscribe";
    case WSMAN_ACTION_RENEW:
        return WSMAN_NS_EVENTING "/Renew";
    case WSMAN_ACTION_UNSUBSCRIBE:
        return WSMAN_NS_EVENTING "/Unsubscribe";
    default:
        return NULL;
    }
}

const char *wsman_action_response_uri(wsman_action action)
{
    switch (action) {
    case WSMAN_ACTION_GET:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/GetResponse";
    case WSMAN_ACTION_PUT:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/PutResponse";
    case WSMAN_ACTION_CREATE:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse";
    case WSMAN_ACTION_DELETE:
        return "http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse";
    case WSMAN_ACTION_ENUMERATE:
        return "http://schemas.xmlsoap.org/ws/2004/09/enumeration/EnumerateResponse";
    case WSMAN_ACTION_PULL:
        return "http://schemas.xmlsoap.org/ws/2004/09/enumeration/PullResponse";
    case WSMAN_ACTION_RELEASE:
        return "http://schemas.xmlsoap.org/ws/2004/09/enumeration/ReleaseResponse";
    case WSMAN_ACTION_SUBSCRIBE:
        return WSMAN_NS_EVENTING "/SubscribeResponse";
    case WSMAN_ACTION_RENEW:
        return WSMAN_NS_EVENTING "/RenewResponse";
    case WSMAN_ACTION_UNSUBSCRIBE:
        return WSMAN_NS_EVENTING "/UnsubscribeResponse";
    default:
        return NULL;
    }
}

/* ---- values and instances ------------------------------------------------------------ */

static MI_Result put_text_value(wsman_buf *b, MI_Type type, const MI_Value *v, const char *name,
                                wsman_error *err)
{
    MI_Result r;
    if (type == MI_STRING) {
        if (!v->string || wsb_escape(b, v->string, 0) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                "property '%s': the string holds characters XML cannot carry "
                                "(control characters or invalid UTF-8)",
                                name);
        return MI_RESULT_OK;
    }
    r = wsman_format_scalar(b, type, v);
    if (r != MI_RESULT_OK)
        return wsman_seterr(err, r, "property '%s': the value cannot be encoded", name);
    return MI_RESULT_OK;
}

/* "<pfx:name" (closing: "</pfx:name") + tail, the lengths known, without printf and with one
 * check for room: every property goes through here twice. (The one-byte prefixes and tails,
 * "p" and ">", the usual ones, are stored rather than copied by a call.) */
static void put_tagn(wsman_buf *b, int closing, const char *pfx, size_t plen, const char *name,
                     size_t nlen, const char *tail, size_t tlen)
{
    size_t n = 2 + (size_t)closing + plen + nlen + tlen;
    char *d;
    if (b->failed || (n >= b->cap - b->len && util_buf_reserve(b, n) != 0))
        return;
    d = b->data + b->len;
    *d++ = '<';
    if (closing)
        *d++ = '/';
    if (plen == 1)
        *d = *pfx;
    else
        memcpy(d, pfx, plen);
    d += plen;
    *d++ = ':';
    memcpy(d, name, nlen);
    d += nlen;
    if (tlen == 1)
        *d = *tail;
    else
        memcpy(d, tail, tlen);
    d[tlen] = '\0';
    b->len += n;
}

/* put_tagn with a literal tail. */
#define PUT_TAG(b, closing, pfx, plen, name, nlen, tail)                                           \
    put_tagn(b, closing, pfx, plen, name, nlen, tail, sizeof tail - 1)

static MI_Result put_elem(wsman_buf *b, const wsman_pfx *px, const char *pfx, size_t plen,
                          const char *name, size_t nlen, MI_Type type, const MI_Value *v,
                          const char *uri_prefix, int depth, wsman_error *err);

/* Children of an instance element: one element per property, in element order. */
static MI_Result put_properties(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                                const char *pfx, const char *uri_prefix, int skip_null,
                                int in_params_only, int depth, wsman_error *err)
{
    MI_Uint32 n = 0, i;
    size_t plen = strlen(pfx);
    MI_Result r = MI_Instance_GetElementCount(inst, &n);
    if (r != MI_RESULT_OK)
        return wsman_seterr(err, r, "cannot read the instance");
    for (i = 0; i < n; i++) {
        const MI_Char *name = NULL;
        MI_Value v;
        MI_Type type = MI_STRING;
        MI_Uint32 flags = 0;
        size_t nlen;
        r = MI_Instance_GetElementAt(inst, i, &name, &v, &type, &flags);
        if (r != MI_RESULT_OK)
            return wsman_seterr(err, r, "cannot read element %u of the instance", (unsigned)i);
        if (!(nlen = ident_len(name)))
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                "'%s' is not a valid property name", name ? name : "(null)");
        if (in_params_only && (flags & MI_FLAG_OUT) && !(flags & MI_FLAG_IN))
            continue;
        /* Method parameters (skip_null): OMI's internal MIReturn travels as ReturnValue. */
        if (skip_null && depth == 0 && strcmp(name, "MIReturn") == 0) {
            name = "ReturnValue";
            nlen = strlen(name);
        }
        if (flags & MI_FLAG_NULL) {
            /* NULL on purpose travels as xsi:nil; a property nobody set stays absent. */
            if (skip_null || (flags & MI_FLAG_NOT_MODIFIED))
                continue;
            PUT_TAG(b, 0, pfx, plen, name, nlen, " xsi:nil=\"true\"/>");
            continue;
        }
        if (type == MI_UINT8A && inst->classDecl && i < inst->classDecl->numProperties &&
            inst->classDecl->properties[i] &&
            wsman_octet_string(inst->classDecl->properties[i]->qualifiers,
                               inst->classDecl->properties[i]->numQualifiers)) {
            PUT_TAG(b, 0, pfx, plen, name, nlen,
                    " xmlns:cim=\"" WSMAN_NS_CIM "\" xsi:type=\"cim:cimBase64Binary\">");
            wsman_put_base64(b, v.uint8a.data, v.uint8a.size);
            PUT_TAG(b, 1, pfx, plen, name, nlen, ">");
            continue;
        }
        if (type & MI_ARRAY) {
            MI_Type et = (MI_Type)(type & ~MI_ARRAY);
            MI_Uint32 k;
            for (k = 0; k < v.array.size; k++) {
                MI_Value item;
                switch (et) {
                case MI_BOOLEAN:
                    item.boolean = v.booleana.data[k];
                    break;
                case MI_UINT8:
                    item.uint8 = v.uint8a.data[k];
                    break;
                case MI_SINT8:
                    item.sint8 = v.sint8a.data[k];
                    break;
                case MI_UINT16:
                    item.uint16 = v.uint16a.data[k];
                    break;
                case MI_SINT16:
                    item.sint16 = v.sint16a.data[k];
                    break;
                case MI_UINT32:
                    item.uint32 = v.uint32a.data[k];
                    break;
                case MI_SINT32:
                    item.sint32 = v.sint32a.data[k];
                    break;
                case MI_UINT64:
                    item.uint64 = v.uint64a.data[k];
                    break;
                case MI_SINT64:
                    item.sint64 = v.sint64a.data[k];
                    break;
                case MI_REAL32:
                    item.real32 = v.real32a.data[k];
                    break;
                case MI_REAL64:
                    item.real64 = v.real64a.data[k];
                    break;
                case MI_CHAR16:
                    item.char16 = v.char16a.data[k];
                    break;
                case MI_DATETIME:
                    item.datetime = v.datetimea.data[k];
                    break;
                case MI_STRING:
                    item.string = v.stringa.data[k];
                    break;
                case MI_REFERENCE:
                    item.reference = v.referencea.data[k];
                    break;
                case MI_INSTANCE:
                    item.instance = v.instancea.data[k];
                    break;
                default:
                    return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                        "property '%s': unknown type %u", name, (unsigned)type);
                }
                r = put_elem(b, px, pfx, plen, name, nlen, et, &item, uri_prefix, depth, err);
                if (r != MI_RESULT_OK)
                    return r;
            }
            continue;
        }
        r = put_elem(b, px, pfx, plen, name, nlen, type, &v, uri_prefix, depth, err);
        if (r != MI_RESULT_OK)
            return r;
    }
    return MI_RESULT_OK;
}

static MI_Result put_elem(wsman_buf *b, const wsman_pfx *px, const char *pfx, size_t plen,
                          const char *name, size_t nlen, MI_Type type, const MI_Value *v,
                          const char *uri_prefix, int depth, wsman_error *err)
{
    MI_Result r;
    if (type == MI_REFERENCE || type == MI_INSTANCE) {
        const MI_Instance *sub = type == MI_REFERENCE ? v->reference : v->instance;
        if (!sub) {
            PUT_TAG(b, 0, pfx, plen, name, nlen, " xsi:nil=\"true\"/>");
            return MI_RESULT_OK;
        }
        if (depth >= WSMAN_MAX_DEPTH)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                "property '%s': instances nested too deeply", name);
        if (type == MI_REFERENCE) {
            PUT_TAG(b, 0, pfx, plen, name, nlen, ">");
            r = wsman_put_epr(b, px, sub, uri_prefix, 1, depth + 1, err);
        } else {
            const MI_Char *cls = NULL;
            char sub_pfx[16];
            if (MI_Instance_GetClassName(sub, &cls) != MI_RESULT_OK || !is_ident(cls))
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                    "property '%s': the embedded instance has no valid class "
                                    "name",
                                    name);
            snprintf(sub_pfx, sizeof sub_pfx, "q%d", depth + 1);
            util_buf_printf(b, "<%s:%s xmlns:%s=\"", pfx, name, sub_pfx);
            wsb_escape(b, uri_prefix, 1);
            util_buf_puts(b, cls);
            util_buf_printf(b, "\" xsi:type=\"%s:%s_Type\">", sub_pfx, cls);
            r = put_properties(b, px, sub, sub_pfx, uri_prefix, 0, 0, depth + 1, err);
        }
        if (r != MI_RESULT_OK)
            return r;
        PUT_TAG(b, 1, pfx, plen, name, nlen, ">");
        return MI_RESULT_OK;
    }
    PUT_TAG(b, 0, pfx, plen, name, nlen, ">");
    r = put_text_value(b, type, v, name, err);
    if (r != MI_RESULT_OK)
        return r;
    PUT_TAG(b, 1, pfx, plen, name, nlen, ">");
    return MI_RESULT_OK;
}

MI_Result wsman_put_instance(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                             const char *elem_local, const char *uri_prefix, const char *class_uri,
                             int skip_null, int in_params_only, wsman_error *err)
{
    const MI_Char *cls = NULL;
    size_t elen;
    MI_Result r;
    if (MI_Instance_GetClassName(inst, &cls) != MI_RESULT_OK || !is_ident(cls))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                            "the instance has no valid class name");
    if (!elem_local)
        elem_local = cls;
    if (!(elen = ident_len(elem_local)))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "'%s' is not a valid name",
                            elem_local);
    PUT_TAG(b, 0, "p", 1, elem_local, elen, " xmlns:p=\"");
    if (class_uri) {
        if (wsb_escape(b, class_uri, 1) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad resource URI");
    } else {
        wsb_escape(b, uri_prefix, 1);
        util_buf_puts(b, cls);
    }
    util_buf_puts(b, "\">");
    r = put_properties(b, px, inst, "p", uri_prefix, skip_null, in_params_only, 0, err);
    if (r != MI_RESULT_OK)
        return r;
    PUT_TAG(b, 1, "p", 1, elem_local, elen, ">");
    return b->failed ? wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory")
                     : MI_RESULT_OK;
}

/* Does the instance flag any element as a key? */
static int has_keys(const MI_Instance *inst)
{
    MI_Uint32 n = 0, i;
    if (MI_Instance_GetElementCount(inst, &n) != MI_RESULT_OK)
        return 0;
    for (i = 0; i < n; i++) {
        MI_Uint32 flags = 0;
        MI_Value v;
        if (MI_Instance_GetElementAt(inst, i, NULL, &v, NULL, &flags) == MI_RESULT_OK &&
            (flags & MI_FLAG_KEY))
            return 1;
    }
    return 0;
}

MI_Result wsman_put_key_selectors(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                                  const char *uri_prefix, int depth, wsman_error *err)
{
    MI_Uint32 n = 0, i;
    int keyed = has_keys(inst);
    MI_Result r = MI_Instance_GetElementCount(inst, &n);
    if (r != MI_RESULT_OK)
        return wsman_seterr(err, r, "cannot read the instance");
    for (i = 0; i < n; i++) {
        const MI_Char *name = NULL;
        MI_Value v;
        MI_Type type = MI_STRING;
        MI_Uint32 flags = 0;
        r = MI_Instance_GetElementAt(inst, i, &name, &v, &type, &flags);
        if (r != MI_RESULT_OK)
            return wsman_seterr(err, r, "cannot read element %u of the instance", (unsigned)i);
        if ((keyed && !(flags & MI_FLAG_KEY)) || (flags & MI_FLAG_NULL))
            continue;
        if ((type & MI_ARRAY) || type == MI_INSTANCE) {
            if (keyed)
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                    "key '%s' is an array or an embedded instance", name);
            continue;
        }
        PUT_TAG(b, 0, px->w, strlen(px->w), "Selector", sizeof "Selector" - 1, " Name=\"");
        if (wsb_escape(b, name, 1) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad key name");
        util_buf_puts(b, "\">");
        if (type == MI_REFERENCE) {
            if (!v.reference)
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "key '%s' is NULL", name);
            if (depth >= WSMAN_MAX_DEPTH)
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                    "key '%s': references nested too deeply", name);
            PUT_TAG(b, 0, px->a, strlen(px->a), "EndpointReference", sizeof "EndpointReference" - 1,
                    ">");
            r = wsman_put_epr(b, px, v.reference, uri_prefix, 1, depth + 1, err);
            if (r != MI_RESULT_OK)
                return r;
            PUT_TAG(b, 1, px->a, strlen(px->a), "EndpointReference", sizeof "EndpointReference" - 1,
                    ">");
        } else {
            r = put_text_value(b, type, &v, name, err);
            if (r != MI_RESULT_OK)
                return r;
        }
        PUT_TAG(b, 1, px->w, strlen(px->w), "Selector", sizeof "Selector" - 1, ">");
    }
    return MI_RESULT_OK;
}

MI_Result wsman_put_epr(wsman_buf *b, const wsman_pfx *px, const MI_Instance *inst,
                        const char *uri_prefix, int with_namespace, int depth, wsman_error *err)
{
    const MI_Char *cls = NULL, *ns = NULL;
    if (MI_Instance_GetClassName(inst, &cls) != MI_RESULT_OK || !is_ident(cls))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                            "a reference has no valid class name");
    util_buf_printf(b,
               "<%s:Address>" WSMAN_ANONYMOUS "</%s:Address><%s:ReferenceParameters>"
               "<%s:ResourceURI>",
               px->a, px->a, px->a, px->w);
    wsb_escape(b, uri_prefix, 0);
    util_buf_puts(b, cls);
    util_buf_printf(b, "</%s:ResourceURI><%s:SelectorSet>", px->w, px->w);
    if (with_namespace && MI_Instance_GetNameSpace(inst, &ns) == MI_RESULT_OK && ns && *ns) {
        PUT_TAG(b, 0, px->w, strlen(px->w), "Selector", sizeof "Selector" - 1,
                " Name=\"__cimnamespace\">");
        if (wsb_escape(b, ns, 0) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad namespace name");
        PUT_TAG(b, 1, px->w, strlen(px->w), "Selector", sizeof "Selector" - 1, ">");
    }
    {
        MI_Result r = wsman_put_key_selectors(b, px, inst, uri_prefix, depth, err);
        if (r != MI_RESULT_OK)
            return r;
    }
    util_buf_printf(b, "</%s:SelectorSet></%s:ReferenceParameters>", px->w, px->a);
    return MI_RESULT_OK;
}

/* ---- client requests ------------------------------------------------------------------- */

static const char *xs_type(MI_Type t)
{
    switch (t) {
    case MI_BOOLEAN:
        return "xs:boolean";
    case MI_UINT8:
        return "xs:unsignedByte";
    case MI_SINT8:
        return "xs:byte";
    case MI_UINT16:
        return "xs:unsignedShort";
    case MI_SINT16:
        return "xs:short";
    case MI_UINT32:
        return "xs:unsignedInt";
    case MI_SINT32:
        return "xs:int";
    case MI_UINT64:
        return "xs:unsignedLong";
    case MI_SINT64:
        return "xs:long";
    case MI_REAL32:
        return "xs:float";
    case MI_REAL64:
        return "xs:double";
    case MI_CHAR16:
        return "xs:unsignedShort";
    case MI_DATETIME:
        return "xs:dateTime";
    case MI_STRING:
        return "xs:string";
    default:
        return NULL;
    }
}

MI_Type wsman_xs_type_mi(const char *xs)
{
    int t;
    if (xs && strcmp(xs, "xs:duration") == 0)
        return MI_DATETIME;
    /* (in MI_Type order: xs:unsignedShort reads as MI_UINT16, before MI_CHAR16) */
    for (t = MI_BOOLEAN; xs && t <= MI_STRING; t++)
        if (xs_type((MI_Type)t) && strcmp(xs_type((MI_Type)t), xs) == 0)
            return (MI_Type)t;
    return MI_STRING;
}

/* The resource URI as plain text (malloc'd): explicit, or prefix [+ namespace + "/"] + class. */
static char *make_resource_uri(const wsman_request *req, const char *prefix, const char *ns,
                               const char *cls)
{
    size_t pl, nl, cl;
    char *u;
    if (req->resource_uri)
        return strdup(req->resource_uri);
    pl = strlen(prefix);
    nl = req->namespace_in_uri && ns ? strlen(ns) + 1 : 0;
    cl = strlen(cls) + 1;
    if (!(u = malloc(pl + nl + cl)))
        return NULL;
    memcpy(u, prefix, pl);
    if (nl) {
        memcpy(u + pl, ns, nl - 1);
        u[pl + nl - 1] = '/';
    }
    memcpy(u + pl + nl, cls, cl);
    return u;
}

/* Does uri end with "/" + cls? */
static int uri_names_class(const char *uri, const char *cls)
{
    size_t ul = strlen(uri), cl = strlen(cls);
    return ul > cl && uri[ul - cl - 1] == '/' && strcmp(uri + ul - cl, cls) == 0;
}

/* One optional b:NAME of the association filter. */
static MI_Result put_assoc_name(wsman_buf *out, const char *elem, const MI_Char *name,
                                wsman_error *err)
{
    if (!name || !*name)
        return MI_RESULT_OK;
    if (!is_ident(name))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "'%.100s' is not a valid %s", name,
                            elem);
    util_buf_printf(out, "<b:%s>%s</b:%s>", elem, name, elem);
    return MI_RESULT_OK;
}

/* w:Filter with the association filter (WSMAN_DIALECT_ASSOCIATION); `b` is declared on the
 * element, as the envelope does not declare the cimbinding namespace. */
static MI_Result put_assoc_filter(wsman_buf *out, const wsman_request *req, const char *prefix,
                                  wsman_error *err)
{
    const char *what = req->assoc_references ? "AssociationInstances" : "AssociatedInstances";
    MI_Result r;
    util_buf_printf(out,
               "<w:Filter Dialect=\"" WSMAN_DIALECT_ASSOCIATION
               "\"><b:%s xmlns:b=\"" WSMAN_NS_CIMBINDING "\"><b:Object>",
               what);
    if (req->namespace_in_uri && req->name_space && *req->name_space) {
        /* The WMI form: the source's ResourceURI carries the namespace like the request's. */
        size_t n = strlen(prefix) + strlen(req->name_space) + 2;
        char *nsprefix = malloc(n);
        if (!nsprefix)
            return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        snprintf(nsprefix, n, "%s%s/", prefix, req->name_space);
        r = wsman_put_epr(out, &client_pfx, req->assoc_object, nsprefix, 0, 0, err);
        free(nsprefix);
    } else {
        r = wsman_put_epr(out, &client_pfx, req->assoc_object, prefix, 1, 0, err);
    }
    if (r != MI_RESULT_OK)
        return r;
    util_buf_puts(out, "</b:Object>");
    if (req->assoc_references) {
        if ((r = put_assoc_name(out, "ResultClassName", req->result_class, err)) != MI_RESULT_OK ||
            (r = put_assoc_name(out, "Role", req->role, err)) != MI_RESULT_OK)
            return r;
    } else if ((r = put_assoc_name(out, "AssociationClassName", req->assoc_class, err)) !=
                   MI_RESULT_OK ||
               (r = put_assoc_name(out, "Role", req->role, err)) != MI_RESULT_OK ||
               (r = put_assoc_name(out, "ResultClassName", req->result_class, err)) !=
                   MI_RESULT_OK ||
               (r = put_assoc_name(out, "ResultRole", req->result_role, err)) != MI_RESULT_OK) {
        return r;
    }
    util_buf_printf(out, "</b:%s></w:Filter>", what);
    return MI_RESULT_OK;
}

/* PTs.mmmS, as OMI writes its durations (by hand: every request has one). */
static void put_duration_text(wsman_buf *out, MI_Uint64 usec)
{
    MI_Uint64 ms = usec / 1000u;
    MI_Value v;
    char frac[5];
    util_buf_puts(out, "PT");
    v.uint64 = ms / 1000u;
    wsman_format_scalar(out, MI_UINT64, &v);
    frac[0] = '.';
    frac[1] = (char)('0' + ms % 1000u / 100u);
    frac[2] = (char)('0' + ms % 100u / 10u);
    frac[3] = (char)('0' + ms % 10u);
    frac[4] = 'S';
    util_buf_putn(out, frac, sizeof frac);
}

/* <qn>PTs.mmmS</qn>. */
static void put_duration(wsman_buf *out, const char *qn, MI_Uint64 usec)
{
    util_buf_putc(out, '<');
    util_buf_puts(out, qn);
    util_buf_putc(out, '>');
    put_duration_text(out, usec);
    util_buf_puts(out, "</");
    util_buf_puts(out, qn);
    util_buf_putc(out, '>');
}

static MI_Result write_request_body(const wsman_request *req, wsman_buf *out, const char *ruri,
                                    const char *prefix, wsman_error *err)
{
    MI_Result r = MI_RESULT_OK;
    switch (req->action) {
    case WSMAN_ACTION_CREATE:
    case WSMAN_ACTION_PUT: {
        const MI_Char *icls = NULL;
        if (MI_Instance_GetClassName(req->instance, &icls) != MI_RESULT_OK || !is_ident(icls))
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                "the instance has no valid class name");
        /* The body's namespace is the resource URI when it names this class (WinRM wants that
         * for the WMI form), else prefix + class. No whitespace after <s:Body>: OMI takes the
         * next raw node as the instance. */
        util_buf_puts(out, "<s:Body>");
        r = wsman_put_instance(out, &client_pfx, req->instance, NULL, prefix,
                               uri_names_class(ruri, icls) ? ruri : NULL, 0, 0, err);
        if (r != MI_RESULT_OK)
            return r;
        util_buf_puts(out, "</s:Body>");
        break;
    }
    case WSMAN_ACTION_GET:
    case WSMAN_ACTION_DELETE:
        util_buf_puts(out, "<s:Body/>");
        break;
    case WSMAN_ACTION_ENUMERATE:
        util_buf_puts(out, "<s:Body><n:Enumerate>");
        if (req->epr_mode)
            util_buf_puts(out, "<w:EnumerationMode>EnumerateEPR</w:EnumerationMode>");
        if (req->optimize)
            util_buf_printf(out, "<w:OptimizeEnumeration/><w:MaxElements>%lu</w:MaxElements>",
                       (unsigned long)(req->max_elements ? req->max_elements : 32000));
        if (req->assoc_object) {
            r = put_assoc_filter(out, req, prefix, err);
            if (r != MI_RESULT_OK)
                return r;
        } else if (req->filter) {
            util_buf_puts(out, "<w:Filter Dialect=\"");
            if (wsb_escape(out, req->filter_dialect ? req->filter_dialect : WSMAN_DIALECT_WQL, 1) !=
                0)
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad filter dialect");
            util_buf_puts(out, "\">");
            if (wsb_escape(out, req->filter, 0) != 0)
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad filter text");
            util_buf_puts(out, "</w:Filter>");
        }
        util_buf_puts(out, "</n:Enumerate></s:Body>");
        break;
    case WSMAN_ACTION_PULL:
    case WSMAN_ACTION_RELEASE:
        util_buf_puts(out,
                 req->action == WSMAN_ACTION_PULL ? "<s:Body><n:Pull>" : "<s:Body><n:Release>");
        util_buf_puts(out, "<n:EnumerationContext>");
        if (wsb_escape(out, req->context, 0) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad enumeration context");
        util_buf_puts(out, "</n:EnumerationContext>");
        if (req->action == WSMAN_ACTION_PULL) {
            if (req->max_elements)
                util_buf_printf(out, "<n:MaxElements>%lu</n:MaxElements>",
                           (unsigned long)req->max_elements);
            util_buf_puts(out, "</n:Pull></s:Body>");
        } else {
            util_buf_puts(out, "</n:Release></s:Body>");
        }
        break;
    case WSMAN_ACTION_SUBSCRIBE:
        /* OMI's shape (wsmanparser.c): Delivery with the pull mode, Expires, then the filter;
         * e is declared here, as the envelope does not declare the eventing namespace. */
        util_buf_puts(out, "<s:Body><e:Subscribe xmlns:e=\"" WSMAN_NS_EVENTING
                           "\"><e:Delivery Mode=\"" WSMAN_DELIVERY_PULL "\">");
        if (req->heartbeat_usec)
            put_duration(out, "w:Heartbeats", req->heartbeat_usec);
        util_buf_puts(out, "</e:Delivery>");
        if (req->expires_usec)
            put_duration(out, "e:Expires", req->expires_usec);
        util_buf_puts(out, "<w:Filter Dialect=\"");
        if (wsb_escape(out, req->filter_dialect ? req->filter_dialect : WSMAN_DIALECT_WQL, 1) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad filter dialect");
        util_buf_puts(out, "\">");
        if (wsb_escape(out, req->filter, 0) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad filter text");
        util_buf_puts(out, "</w:Filter>");
        if (req->bookmark) {
            util_buf_puts(out, "<w:Bookmark>");
            if (wsb_escape(out, req->bookmark, 0) != 0)
                return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad bookmark text");
            util_buf_puts(out, "</w:Bookmark>");
        }
        if (req->send_bookmarks)
            util_buf_puts(out, "<w:SendBookmarks/>");
        util_buf_puts(out, "</e:Subscribe></s:Body>");
        break;
    case WSMAN_ACTION_RENEW:
        util_buf_puts(out, "<s:Body><e:Renew xmlns:e=\"" WSMAN_NS_EVENTING "\">");
        if (req->expires_usec)
            put_duration(out, "e:Expires", req->expires_usec);
        util_buf_puts(out, "</e:Renew></s:Body>");
        break;
    case WSMAN_ACTION_UNSUBSCRIBE:
        util_buf_puts(out, "<s:Body><e:Unsubscribe xmlns:e=\"" WSMAN_NS_EVENTING "\"/></s:Body>");
        break;
    case WSMAN_ACTION_INVOKE: {
        size_t ml = strlen(req->method_name);
        char *elem = malloc(ml + 7);
        if (!elem)
            return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        memcpy(elem, req->method_name, ml);
        memcpy(elem + ml, "_INPUT", 7);
        util_buf_puts(out, "<s:Body>");
        if (req->parameters) {
            r = wsman_put_instance(out, &client_pfx, req->parameters, elem, prefix, ruri, 1, 1,
                                   err);
        } else {
            util_buf_printf(out, "<p:%s xmlns:p=\"", elem);
            wsb_escape(out, ruri, 1);
            util_buf_puts(out, "\"/>");
        }
        free(elem);
        if (r != MI_RESULT_OK)
            return r;
        util_buf_puts(out, "</s:Body>");
        break;
    }
    default:
        break;
    }
    return MI_RESULT_OK;
}

MI_Result wsman_write_request(const wsman_request *req, wsman_buf *out,
                              char msgid_out[WSMAN_MSGID_SIZE], wsman_error *err)
{
    char msgid[WSMAN_MSGID_SIZE];
    const MI_Char *cls = req->class_name;
    const char *prefix =
        req->resource_uri_prefix ? req->resource_uri_prefix : WSMAN_URI_PREFIX_MSFT;
    const char *ns = req->name_space && *req->name_space ? req->name_space : NULL;
    const char *action = wsman_action_uri(req->action);
    char *ruri = NULL;
    MI_Result r = MI_RESULT_OK;
    size_t i;
    int must = 0;

    util_buf_reset(out);
    if (err) {
        err->result = MI_RESULT_OK;
        err->message[0] = '\0';
    }
    if (req->message_id) {
        if (strlen(req->message_id) >= sizeof msgid || !wsman_text_is_xml_safe(req->message_id))
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad MessageID");
        strcpy(msgid, req->message_id);
    } else {
        wsman_new_message_id(msgid);
    }
    if (msgid_out)
        strcpy(msgid_out, msgid);

    util_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (req->action == WSMAN_ACTION_IDENTIFY) {
        if (msgid_out) /* Identify carries no MessageID: no RelatesTo can match one */
            msgid_out[0] = '\0';
        util_buf_puts(out, "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:wsmid=\"" WSMAN_NS_IDENTITY
                      "\"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>");
        return out->failed ? wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory")
                           : MI_RESULT_OK;
    }
    if (req->action < WSMAN_ACTION_GET || req->action > WSMAN_ACTION_UNSUBSCRIBE)
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "unknown operation");
    if ((req->action == WSMAN_ACTION_RENEW || req->action == WSMAN_ACTION_UNSUBSCRIBE) &&
        (!req->identifier || !*req->identifier || !wsman_text_is_xml_safe(req->identifier)))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "no valid subscription identifier");
    if (req->action == WSMAN_ACTION_SUBSCRIBE && !req->filter)
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "a subscription needs a filter");
    if ((req->action == WSMAN_ACTION_RENEW || req->action == WSMAN_ACTION_UNSUBSCRIBE) &&
        !req->resource_uri) {
        /* The subscription manager's ResourceURI, as OMI answers it. */
        wsman_request copy = *req;
        copy.resource_uri = WSMAN_URI_SUBSCRIPTIONS;
        return wsman_write_request(&copy, out, msgid_out, err);
    }
    if (!cls && req->instance && MI_Instance_GetClassName(req->instance, &cls) != MI_RESULT_OK)
        cls = NULL;
    if (!req->resource_uri && !is_ident(cls) &&
        !((req->action == WSMAN_ACTION_ENUMERATE || req->action == WSMAN_ACTION_PULL ||
           req->action == WSMAN_ACTION_RELEASE || req->action == WSMAN_ACTION_SUBSCRIBE) &&
          cls && !strcmp(cls, WSMAN_ALL_CLASSES)))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "no valid class name");
    if ((req->action == WSMAN_ACTION_CREATE || req->action == WSMAN_ACTION_PUT ||
         req->action == WSMAN_ACTION_GET || req->action == WSMAN_ACTION_DELETE) &&
        !req->instance && !(req->action == WSMAN_ACTION_GET && req->schema_class))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "no instance to send");
    if (req->action == WSMAN_ACTION_INVOKE && !is_ident(req->method_name))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "no valid method name");
    if ((req->action == WSMAN_ACTION_PULL || req->action == WSMAN_ACTION_RELEASE) && !req->context)
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "no enumeration context");
    if (ns && !wsman_text_is_xml_safe(ns))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad namespace name");
    ruri = make_resource_uri(req, prefix, ns, cls);
    if (!ruri)
        return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    if (!wsman_text_is_xml_safe(ruri) || !wsman_text_is_xml_safe(prefix)) {
        free(ruri);
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad resource URI");
    }

    util_buf_puts(out, "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
                  "\" xmlns:n=\"" WSMAN_NS_ENUMERATION "\" xmlns:w=\"" WSMAN_NS_WSMAN
                  "\" xmlns:p=\"" WSMAN_NS_MSWSMAN "\" xmlns:xsi=\"" WSMAN_NS_XSI
                  "\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><s:Header>");
    if (req->to) {
        util_buf_puts(out, "<a:To>");
        if (wsb_escape(out, req->to, 0) != 0) {
            r = wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad destination URL");
            goto done;
        }
        util_buf_puts(out, "</a:To>");
    }
    util_buf_puts(out, "<w:ResourceURI s:mustUnderstand=\"true\">");
    wsb_escape(out, ruri, 0);
    util_buf_puts(out, "</w:ResourceURI><a:ReplyTo><a:Address s:mustUnderstand=\"true\">" WSMAN_ANONYMOUS
                  "</a:Address></a:ReplyTo><a:Action s:mustUnderstand=\"true\">");
    if (action) {
        util_buf_puts(out, action);
    } else {
        /* Invoke: the custom action is the resource URI and the method (DSP0226 section 9). */
        wsb_escape(out, ruri, 0);
        util_buf_putc(out, '/');
        util_buf_puts(out, req->method_name);
    }
    util_buf_puts(out, "</a:Action>");
    if (req->max_envelope_size) {
        MI_Value mv;
        mv.uint32 = req->max_envelope_size;
        util_buf_puts(out, "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">");
        wsman_format_scalar(out, MI_UINT32, &mv);
        util_buf_puts(out, "</w:MaxEnvelopeSize>");
    }
    util_buf_puts(out, "<a:MessageID>");
    util_buf_puts(out, msgid);
    util_buf_puts(out, "</a:MessageID>");
    if (req->locale) {
        util_buf_puts(out, "<w:Locale xml:lang=\"");
        if (wsb_escape(out, req->locale, 1) != 0) {
            r = wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad locale");
            goto done;
        }
        util_buf_puts(out, "\" s:mustUnderstand=\"false\"/>");
    }
    if (req->data_locale) {
        util_buf_puts(out, "<p:DataLocale xml:lang=\"");
        if (wsb_escape(out, req->data_locale, 1) != 0) {
            r = wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad data locale");
            goto done;
        }
        util_buf_puts(out, "\" s:mustUnderstand=\"false\"/>");
    }
    if (req->timeout_usec)
        put_duration(out, "w:OperationTimeout", req->timeout_usec);
    if (req->num_options > 0) {
        for (i = 0; i < req->num_options; i++)
            must |= req->options[i].must_comply ? 1 : 0;
        util_buf_printf(out, "<w:OptionSet%s>", must ? " s:mustUnderstand=\"true\"" : "");
        for (i = 0; i < req->num_options; i++) {
            const wsman_option *o = &req->options[i];
            const char *t = xs_type(o->type);
            if (!o->name || !t || !wsman_text_is_xml_safe(o->name)) {
                r = wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                 "option '%s': unsupported name or type",
                                 o->name ? o->name : "(null)");
                goto done;
            }
            if (o->type == MI_DATETIME && !o->value.datetime.isTimestamp)
                t = "xs:duration";
            util_buf_puts(out, "<w:Option Name=\"");
            wsb_escape(out, o->name, 1);
            util_buf_printf(out, "\" Type=\"%s\">", t);
            r = put_text_value(out, o->type, &o->value, o->name, err);
            if (r != MI_RESULT_OK)
                goto done;
            util_buf_puts(out, "</w:Option>");
        }
        util_buf_puts(out, "</w:OptionSet>");
    }
    if (req->action == WSMAN_ACTION_RENEW || req->action == WSMAN_ACTION_UNSUBSCRIBE) {
        /* The subscription manager's reference property, a header (WS-Addressing 2004/08). */
        util_buf_puts(out, "<e:Identifier xmlns:e=\"" WSMAN_NS_EVENTING "\">");
        wsb_escape(out, req->identifier, 0);
        util_buf_puts(out, "</e:Identifier>");
    }
    {
        int sel_keys = req->instance &&
                       (req->action == WSMAN_ACTION_GET || req->action == WSMAN_ACTION_PUT ||
                        req->action == WSMAN_ACTION_DELETE || req->action == WSMAN_ACTION_INVOKE);
        int sel_ns = ns && !req->namespace_in_uri;
        if (sel_keys || sel_ns || req->schema_class) {
            util_buf_puts(out, "<w:SelectorSet>");
            if (sel_ns) {
                util_buf_puts(out, "<w:Selector Name=\"__cimnamespace\">");
                wsb_escape(out, ns, 0);
                util_buf_puts(out, "</w:Selector>");
            }
            if (req->schema_class) {
                util_buf_puts(out, "<w:Selector Name=\"ClassName\">");
                if (wsb_escape(out, req->schema_class, 0) != 0) {
                    r = wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad class name");
                    goto done;
                }
                util_buf_puts(out, "</w:Selector>");
            }
            if (sel_keys) {
                r = wsman_put_key_selectors(out, &client_pfx, req->instance, prefix, 0, err);
                if (r != MI_RESULT_OK)
                    goto done;
            }
            util_buf_puts(out, "</w:SelectorSet>");
        }
    }
    util_buf_puts(out, "</s:Header>");
    r = write_request_body(req, out, ruri, prefix, err);
    if (r != MI_RESULT_OK)
        goto done;
    util_buf_puts(out, "</s:Envelope>");
    if (out->failed)
        r = wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
done:
    free(ruri);
    return r;
}

/* ---- server replies ----------------------------------------------------------------------- */

/* The declarations of the server's full envelope head beyond SOAP-ENV and wsa: every prefix
 * OMI's server declares on the Envelope, for answers whose body or fault may name any of them
 * (in element names, xsi attributes, or QNames in text such as a fault's Subcode). */
const char wsman_head_all_ns[] =
    " xmlns:wsen=\"" WSMAN_NS_ENUMERATION "\" xmlns:e=\"" WSMAN_NS_EVENTING
    "\" xmlns:xsi=\"" WSMAN_NS_XSI "\" xmlns:wsmb=\"" WSMAN_NS_CIMBINDING
    "\" xmlns:wsman=\"" WSMAN_NS_WSMAN "\" xmlns:wxf=\"" WSMAN_NS_TRANSFER
    "\" xmlns:cim=\"" WSMAN_NS_CIM "\" xmlns:msftwinrm=\"" WSMAN_NS_MSWSMAN
    "\" xmlns:wsmid=\"" WSMAN_NS_IDENTITY "\"";

/* The envelope start with OMI's fixed prefixes, all declared on the Envelope: SOAP-ENV and wsa,
 * then decls (wsman_head_all_ns, or only those the body uses: a reader spends most of its
 * time on an answer as short as a CreateResponse checking namespace declarations, so the
 * frequent short answers declare what they use, as WinRM's do). */
void wsman_put_server_head(wsman_buf *b, const char *action, const char *relates_to,
                           const char *not_understood, const char *decls)
{
    char msgid[WSMAN_MSGID_SIZE];
    wsman_new_message_id(msgid);
    util_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" WSMAN_NS_SOAP
                     "\" xmlns:wsa=\"" WSMAN_NS_ADDRESSING "\"");
    util_buf_puts(b, decls);
    util_buf_puts(b, ">"
                     "<SOAP-ENV:Header>"
                     "<wsa:To>" WSMAN_ANONYMOUS "</wsa:To><wsa:Action>");
    wsb_escape(b, action, 0);
    util_buf_printf(b, "</wsa:Action><wsa:MessageID>%s</wsa:MessageID>", msgid);
    if (relates_to && wsman_text_is_xml_safe(relates_to)) {
        util_buf_puts(b, "<wsa:RelatesTo>");
        wsb_escape(b, relates_to, 0);
        util_buf_puts(b, "</wsa:RelatesTo>");
    }
    if (not_understood && wsman_text_is_xml_safe(not_understood)) {
        util_buf_puts(b, "<SOAP-ENV:NotUnderstood qname=\"");
        wsb_escape(b, not_understood, 1);
        util_buf_puts(b, "\"/>");
    }
    util_buf_puts(b, "</SOAP-ENV:Header>");
}

/* A w:Bookmark header in the head just written (before its </SOAP-ENV:Header>), as OMI puts
 * a subscription's bookmark in a PullResponse. */
static MI_Result put_bookmark_header(wsman_buf *b, const char *bookmark, wsman_error *err)
{
    static const char close[] = "</SOAP-ENV:Header>";
    if (!wsman_text_is_xml_safe(bookmark))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad bookmark text");
    util_buf_truncate(b, b->len - (sizeof close - 1));
    util_buf_puts(b, "<wsman:Bookmark>");
    wsb_escape(b, bookmark, 0);
    util_buf_puts(b, "</wsman:Bookmark>");
    util_buf_puts(b, close);
    return MI_RESULT_OK;
}

static MI_Result put_items(wsman_buf *b, const wsman_reply *rp, const char *prefix,
                           wsman_error *err)
{
    size_t i;
    MI_Result r;
    if (rp->xml_items) {
        for (i = 0; i < rp->num_items; i++)
            if (rp->xml_items[i])
                util_buf_puts(b, rp->xml_items[i]);
        return MI_RESULT_OK;
    }
    for (i = 0; i < rp->num_items; i++) {
        if (!rp->items[i])
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "item %zu is NULL", i);
        if (rp->epr_mode) {
            util_buf_puts(b, "<wsa:EndpointReference>");
            r = wsman_put_epr(b, &server_pfx, rp->items[i], prefix, 0, 0, err);
            if (r != MI_RESULT_OK)
                return r;
            util_buf_puts(b, "</wsa:EndpointReference>");
        } else {
            r = wsman_put_instance(b, &server_pfx, rp->items[i], NULL, prefix, NULL, 0, 0, err);
            if (r != MI_RESULT_OK)
                return r;
        }
    }
    return MI_RESULT_OK;
}

MI_Result wsman_write_reply(const wsman_reply *rp, wsman_buf *out, wsman_error *err)
{
    const char *prefix = rp->uri_prefix ? rp->uri_prefix : WSMAN_URI_PREFIX_DMTF;
    MI_Result r = MI_RESULT_OK;
    util_buf_reset(out);
    if (err) {
        err->result = MI_RESULT_OK;
        err->message[0] = '\0';
    }
    if (!wsman_text_is_xml_safe(prefix))
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad resource URI prefix");
    switch (rp->action) {
    case WSMAN_ACTION_IDENTIFY:
        util_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" WSMAN_NS_SOAP
                      "\" xmlns:wsmid=\"" WSMAN_NS_IDENTITY "\"><SOAP-ENV:Header/><SOAP-ENV:Body>"
                      "<wsmid:IdentifyResponse><wsmid:ProtocolVersion>" WSMAN_NS_WSMAN
                      "</wsmid:ProtocolVersion><wsmid:ProductVendor>");
        if (wsb_escape(out, rp->product_vendor ? rp->product_vendor : "mofbind", 0) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad vendor text");
        util_buf_puts(out, "</wsmid:ProductVendor><wsmid:ProductVersion>");
        if (wsb_escape(out, rp->product_version ? rp->product_version : "", 0) != 0)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad version text");
        util_buf_puts(out,
                 "</wsmid:ProductVersion><wsmb:Capability_FaultIncludesCIMError "
                 "xmlns:wsmb=\"" WSMAN_NS_CIMBINDING "\"/></wsmid:IdentifyResponse></SOAP-ENV:Body>"
                 "</SOAP-ENV:Envelope>");
        break;
    case WSMAN_ACTION_CREATE:
        if (!rp->instance)
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "no instance for the EPR");
        /* The EPR's elements only (its selectors hold text or EPRs). */
        wsman_put_server_head(out, wsman_action_response_uri(rp->action), rp->relates_to, NULL,
                              " xmlns:wsman=\"" WSMAN_NS_WSMAN "\" xmlns:wxf=\"" WSMAN_NS_TRANSFER
                              "\"");
        /* As OMI: the keys only, no __cimnamespace. */
        util_buf_puts(out, "<SOAP-ENV:Body><wxf:ResourceCreated>");
        r = wsman_put_epr(out, &server_pfx, rp->instance, prefix, 0, 0, err);
        if (r != MI_RESULT_OK)
            return r;
        util_buf_puts(out, "</wxf:ResourceCreated></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        break;
    case WSMAN_ACTION_GET:
    case WSMAN_ACTION_PUT:
        wsman_put_server_head(out, wsman_action_response_uri(rp->action), rp->relates_to, NULL,
                              wsman_head_all_ns);
        if (rp->xml_body) {
            util_buf_puts(out, "<SOAP-ENV:Body>");
            util_buf_puts(out, rp->xml_body);
            util_buf_puts(out, "</SOAP-ENV:Body></SOAP-ENV:Envelope>");
        } else if (rp->instance) {
            util_buf_puts(out, "<SOAP-ENV:Body>");
            r = wsman_put_instance(out, &server_pfx, rp->instance, NULL, prefix, NULL, 0, 0, err);
            if (r != MI_RESULT_OK)
                return r;
            util_buf_puts(out, "</SOAP-ENV:Body></SOAP-ENV:Envelope>");
        } else {
            util_buf_puts(out, "<SOAP-ENV:Body/></SOAP-ENV:Envelope>");
        }
        break;
    case WSMAN_ACTION_DELETE:
    case WSMAN_ACTION_RELEASE:
    case WSMAN_ACTION_UNSUBSCRIBE:
        wsman_put_server_head(out, wsman_action_response_uri(rp->action), rp->relates_to, NULL, "");
        util_buf_puts(out, "<SOAP-ENV:Body/></SOAP-ENV:Envelope>");
        break;
    case WSMAN_ACTION_SUBSCRIBE:
    case WSMAN_ACTION_RENEW:
        if ((rp->action == WSMAN_ACTION_SUBSCRIBE &&
             (!rp->identifier || !rp->context || !wsman_text_is_xml_safe(rp->identifier) ||
              !wsman_text_is_xml_safe(rp->context))) ||
            (rp->expires && !wsman_text_is_xml_safe(rp->expires)))
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                "a SubscribeResponse needs an identifier and a context");
        wsman_put_server_head(out, wsman_action_response_uri(rp->action), rp->relates_to, NULL,
                              wsman_head_all_ns);
        if (rp->action == WSMAN_ACTION_SUBSCRIBE) {
            /* OMI's SubscribeResponse (wsman.c), with WS-Eventing's Address and Expires. */
            util_buf_puts(out,
                          "<SOAP-ENV:Body><e:SubscribeResponse><e:SubscriptionManager>"
                          "<wsa:Address>" WSMAN_ANONYMOUS "</wsa:Address>"
                          "<wsa:ReferenceProperties><wsman:ResourceURI>" WSMAN_URI_SUBSCRIPTIONS
                          "</wsman:ResourceURI><e:Identifier>");
            wsb_escape(out, rp->identifier, 0);
            util_buf_puts(out, "</e:Identifier></wsa:ReferenceProperties></e:SubscriptionManager>");
        } else {
            util_buf_puts(out, "<SOAP-ENV:Body><e:RenewResponse>");
        }
        if (rp->expires) {
            util_buf_puts(out, "<e:Expires>");
            wsb_escape(out, rp->expires, 0);
            util_buf_puts(out, "</e:Expires>");
        }
        if (rp->action == WSMAN_ACTION_SUBSCRIBE) {
            util_buf_puts(out, "<wsen:EnumerationContext>");
            wsb_escape(out, rp->context, 0);
            util_buf_puts(out, "</wsen:EnumerationContext></e:SubscribeResponse>");
        } else {
            util_buf_puts(out, "</e:RenewResponse>");
        }
        util_buf_puts(out, "</SOAP-ENV:Body></SOAP-ENV:Envelope>");
        break;
    case WSMAN_ACTION_ENUMERATE:
    case WSMAN_ACTION_PULL: {
        int en = rp->action == WSMAN_ACTION_ENUMERATE;
        const char *items = en ? "wsman" : "wsen";
        if (rp->context && !wsman_text_is_xml_safe(rp->context))
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "bad enumeration context");
        wsman_put_server_head(out, wsman_action_response_uri(rp->action), rp->relates_to, NULL,
                              wsman_head_all_ns);
        if (!en && rp->bookmark && (r = put_bookmark_header(out, rp->bookmark, err)) != 0)
            return r;
        util_buf_puts(out, en ? "<SOAP-ENV:Body><wsen:EnumerateResponse>"
                         : "<SOAP-ENV:Body><wsen:PullResponse>");
        if (rp->context || en) {
            util_buf_puts(out, "<wsen:EnumerationContext>");
            if (rp->context)
                wsb_escape(out, rp->context, 0);
            util_buf_puts(out, "</wsen:EnumerationContext>");
        }
        if (!en || rp->optimized) {
            util_buf_printf(out, "<%s:Items>", items);
            r = put_items(out, rp, prefix, err);
            if (r != MI_RESULT_OK)
                return r;
            util_buf_printf(out, "</%s:Items>", items);
            if (rp->end_of_sequence)
                util_buf_printf(out, "<%s:EndOfSequence/>", items);
        }
        util_buf_puts(out, en ? "</wsen:EnumerateResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"
                         : "</wsen:PullResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        break;
    }
    case WSMAN_ACTION_INVOKE: {
        size_t ml, ul;
        char *act, *elem;
        if (!rp->resource_uri || !is_ident(rp->method_name) ||
            !wsman_text_is_xml_safe(rp->resource_uri))
            return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER,
                                "an Invoke reply needs the resource URI and the method");
        ml = strlen(rp->method_name);
        ul = strlen(rp->resource_uri);
        act = malloc(ul + ml + 10);
        elem = malloc(ml + 8);
        if (!act || !elem) {
            free(act);
            free(elem);
            return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        }
        snprintf(act, ul + ml + 10, "%s/%sResponse", rp->resource_uri, rp->method_name);
        snprintf(elem, ml + 8, "%s_OUTPUT", rp->method_name);
        wsman_put_server_head(out, act, rp->relates_to, NULL, wsman_head_all_ns);
        util_buf_puts(out, "<SOAP-ENV:Body>");
        if (rp->instance) {
            r = wsman_put_instance(out, &server_pfx, rp->instance, elem, prefix, rp->resource_uri,
                                   1, 0, err);
        } else {
            util_buf_printf(out, "<p:%s xmlns:p=\"", elem);
            wsb_escape(out, rp->resource_uri, 1);
            util_buf_puts(out, "\"/>");
        }
        free(act);
        free(elem);
        if (r != MI_RESULT_OK)
            return r;
        util_buf_puts(out, "</SOAP-ENV:Body></SOAP-ENV:Envelope>");
        break;
    }
    default:
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "unknown operation");
    }
    return out->failed ? wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory")
                       : MI_RESULT_OK;
}
