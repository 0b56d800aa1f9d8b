/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_fault.c: SOAP faults both ways. Reading (client): a fault, or an HTTP-level
 * failure, becomes the MI_Result a careful client reports plus a CIM_Error-shaped instance
 * (the table is in wsman.h). Writing (server): an MI_Result becomes the DSP0226 fault with an
 * OMI_Error-shaped detail, which OMI's client and ours read. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "wsman.h"
#include "wsman_int.h"

#define FD_PREFIX "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/"

void wsman_fault_free(wsman_fault *f)
{
    if (!f)
        return;
    free(f->code);
    free(f->subcode);
    free(f->reason);
    free(f->fault_detail);
    free(f->wsman_fault_machine);
    free(f->wsman_fault_message);
    free(f->not_understood);
    if (f->error)
        MI_Instance_Delete(f->error);
    memset(f, 0, sizeof *f);
}

/* The MI_ErrorCategory OMI reports with each result (OMI_Category in its faults). */
MI_Uint32 wsman_result_category(MI_Result r)
{
    switch (r) {
    case MI_RESULT_OK:
        return MI_ERRORCATEGORY_NOT_SPECIFIED;
    case MI_RESULT_ACCESS_DENIED:
        return MI_ERRORCATEGORY_ACCESS_DENIED;
    case MI_RESULT_INVALID_NAMESPACE:
    case MI_RESULT_INVALID_CLASS:
    case MI_RESULT_CLASS_HAS_CHILDREN:
    case MI_RESULT_CLASS_HAS_INSTANCES:
    case MI_RESULT_INVALID_SUPERCLASS:
    case MI_RESULT_NO_SUCH_PROPERTY:
        return MI_ERRORCATEGORY_METADATA_ERROR;
    case MI_RESULT_INVALID_PARAMETER:
    case MI_RESULT_INVALID_QUERY:
    case MI_RESULT_INVALID_ENUMERATION_CONTEXT:
    case MI_RESULT_INVALID_OPERATION_TIMEOUT:
        return MI_ERRORCATEGORY_INVALID_ARGUMENT;
    case MI_RESULT_NOT_FOUND:
    case MI_RESULT_METHOD_NOT_FOUND:
        return MI_ERRORCATEGORY_OBJECT_NOT_FOUND;
    case MI_RESULT_NOT_SUPPORTED:
    case MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED:
    case MI_RESULT_METHOD_NOT_AVAILABLE:
    case MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED:
    case MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED:
        return MI_ERRORCATEGORY_NOT_IMPLEMENTED;
    case MI_RESULT_ALREADY_EXISTS:
        return MI_ERRORCATEGORY_RESOURCE_EXISTS;
    case MI_RESULT_TYPE_MISMATCH:
        return MI_ERRORCATEGORY_INVALID_TYPE;
    case MI_RESULT_NAMESPACE_NOT_EMPTY:
    case MI_RESULT_PULL_CANNOT_BE_ABANDONED:
        return MI_ERRORCATEGORY_INVALID_OPERATION;
    case MI_RESULT_PULL_HAS_BEEN_ABANDONED:
        return MI_ERRORCATEGORY_OPERATION_STOPPED;
    case MI_RESULT_SERVER_LIMITS_EXCEEDED:
        return MI_ERRORCATEGORY_LIMITS_EXCEEDED;
    case MI_RESULT_SERVER_IS_SHUTTING_DOWN:
        return MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE;
    default:
        return MI_ERRORCATEGORY_NOT_SPECIFIED;
    }
}

/* ---- the error instance --------------------------------------------------------------- */

static void add_str(MI_Instance *inst, const char *name, const char *s)
{
    MI_Value v;
    if (!s)
        return;
    v.string = (MI_Char *)s;
    MI_Instance_AddElement(inst, name, &v, MI_STRING, 0);
}

static void add_u32(MI_Instance *inst, const char *name, MI_Uint32 u)
{
    MI_Value v;
    v.uint32 = u;
    MI_Instance_AddElement(inst, name, &v, MI_UINT32, 0);
}

static void add_u16(MI_Instance *inst, const char *name, MI_Uint16 u)
{
    MI_Value v;
    v.uint16 = u;
    MI_Instance_AddElement(inst, name, &v, MI_UINT16, 0);
}

/* CIM_Error.ErrorType: 7 Security, 2 Communications, 4 Software. */
static MI_Uint16 error_type(MI_Result r, MI_Uint32 category)
{
    if (r == MI_RESULT_ACCESS_DENIED)
        return 7;
    if (category == MI_ERRORCATEGORY_PROTOCOL_ERROR ||
        category == MI_ERRORCATEGORY_CONNECTION_ERROR ||
        category == MI_ERRORCATEGORY_OPERATION_TIMEOUT)
        return 2;
    return 4;
}

static MI_Instance *synthesize(const wsman_codec *codec, const wsman_fault *f, const char *message,
                               MI_Uint32 category)
{
    MI_Instance *inst = NULL;
    char id[32];
    if (!codec || !codec->new_instance ||
        codec->new_instance(codec->new_instance_ctx, "CIM_Error", NULL, &inst) != MI_RESULT_OK)
        return NULL;
    snprintf(id, sizeof id, "MI_Result:%u", (unsigned)f->result);
    add_str(inst, "OwningEntity", "mofbind");
    add_str(inst, "MessageID", id);
    add_str(inst, "Message", message ? message : wsman_result_text(f->result));
    add_u16(inst, "ErrorType", error_type(f->result, category));
    add_u16(inst, "PerceivedSeverity", 7);
    add_u16(inst, "ProbableCause", 0);
    add_str(inst, "ProbableCauseDescription", "Unknown");
    add_u32(inst, "CIMStatusCode", (MI_Uint32)f->result);
    add_str(inst, "CIMStatusCodeDescription", wsman_result_name(f->result));
    add_u32(inst, "error_Category", category);
    add_str(inst, "FaultCode", f->code);
    add_str(inst, "FaultSubcode", f->subcode);
    add_str(inst, "FaultDetail", f->fault_detail);
    if (f->wsman_fault_code)
        add_u32(inst, "WSManFaultCode", f->wsman_fault_code);
    add_str(inst, "WSManFaultMachine", f->wsman_fault_machine);
    add_str(inst, "NotUnderstood", f->not_understood);
    if (f->http_status)
        add_u32(inst, "HTTPStatus", (MI_Uint32)f->http_status);
    return inst;
}

MI_Result wsman_fault_synthesize(const wsman_codec *codec, wsman_fault *f, MI_Result result,
                                 const char *message, MI_Uint32 category, int http_status)
{
    wsman_fault_free(f);
    f->result = result;
    f->http_status = http_status;
    f->reason = message ? strdup(message) : NULL;
    f->error = synthesize(codec, f, message, category);
    return result;
}

/* ---- reading faults ----------------------------------------------------------------------- */

MI_Result wsman_subcode_result(const char *ns, const char *local, const char *fault_detail,
                               wsman_action action)
{
    /* The table of wsman.h, which is wsman-mi.md B.9 as the reference samples apply it:
     * EncodingLimit and QuotaLimit give SERVER_LIMITS_EXCEEDED only through a CIM_Error
     * detail, addressing-header faults are protocol errors (FAILED). */
    (void)fault_detail;
    (void)action;
    if (!ns || !local)
        return MI_RESULT_FAILED;
    if (wsman_ns_is(ns, WSMAN_NS_WSMAN)) {
        if (strcmp(local, "AccessDenied") == 0)
            return MI_RESULT_ACCESS_DENIED;
        if (strcmp(local, "AlreadyExists") == 0)
            return MI_RESULT_ALREADY_EXISTS;
        if (strcmp(local, "InvalidSelectors") == 0 || strcmp(local, "InvalidParameter") == 0 ||
            strcmp(local, "SchemaValidationError") == 0 || strcmp(local, "InvalidOptions") == 0)
            return MI_RESULT_INVALID_PARAMETER;
        if (strcmp(local, "UnsupportedFeature") == 0)
            return MI_RESULT_NOT_SUPPORTED;
        if (strcmp(local, "CannotProcessFilter") == 0)
            return MI_RESULT_INVALID_QUERY;
        return MI_RESULT_FAILED; /* InternalError, TimedOut, EncodingLimit, QuotaLimit ... */
    }
    if (strcmp(ns, WSMAN_NS_ADDRESSING) == 0) {
        if (strcmp(local, "DestinationUnreachable") == 0)
            return MI_RESULT_NOT_FOUND;
        if (strcmp(local, "ActionNotSupported") == 0)
            return MI_RESULT_NOT_SUPPORTED;
        return MI_RESULT_FAILED; /* InvalidMessageInformationHeader ... */
    }
    if (strcmp(ns, WSMAN_NS_ENUMERATION) == 0) {
        if (strcmp(local, "CannotProcessFilter") == 0)
            return MI_RESULT_INVALID_QUERY;
        if (strcmp(local, "FilterDialectRequestedUnavailable") == 0)
            return MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED;
        if (strcmp(local, "FilteringNotSupported") == 0)
            return MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED;
        if (strcmp(local, "InvalidEnumerationContext") == 0)
            return MI_RESULT_INVALID_ENUMERATION_CONTEXT;
        return MI_RESULT_FAILED;
    }
    if (strcmp(ns, WSMAN_NS_EVENTING) == 0) {
        if (strcmp(local, "DeliveryModeRequestedUnavailable") == 0 ||
            strcmp(local, "UnsupportedExpirationType") == 0)
            return MI_RESULT_NOT_SUPPORTED;
        if (strcmp(local, "FilteringRequestedUnavailable") == 0)
            return MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED;
        if (strcmp(local, "FilteringNotSupported") == 0)
            return MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED;
        if (strcmp(local, "InvalidExpirationTime") == 0)
            return MI_RESULT_INVALID_PARAMETER;
        if (strcmp(local, "UnableToRenew") == 0)
            return MI_RESULT_NOT_FOUND;
        return MI_RESULT_FAILED; /* EventSourceUnableToProcess, InvalidMessage ... */
    }
    /* A header the peer must understand and does not: a feature it lacks (WinRM and OMI send
     * none such unasked; a newer client's option header would be one). */
    if (strcmp(ns, WSMAN_NS_SOAP) == 0 && strcmp(local, "MustUnderstand") == 0)
        return MI_RESULT_NOT_SUPPORTED;
    return MI_RESULT_FAILED; /* s:VersionMismatch, unknown codes */
}

/* The namespace whose fault codes include `local`, for a QName whose prefix the message does
 * not declare: the fault-code local names of DSP0226, WS-Addressing, WS-Enumeration and SOAP
 * do not collide (CannotProcessFilter means the same in wsman and wsen). NULL: none knows it. */
static const char *ns_of_local_name(const char *local)
{
    static const char *const nss[] = {WSMAN_NS_WSMAN, WSMAN_NS_ADDRESSING, WSMAN_NS_ENUMERATION,
                                      WSMAN_NS_EVENTING, WSMAN_NS_SOAP};
    size_t i;
    for (i = 0; i < sizeof nss / sizeof nss[0]; i++)
        if (wsman_subcode_result(nss[i], local, NULL, WSMAN_ACTION_UNKNOWN) != MI_RESULT_FAILED)
            return nss[i];
    /* Codes that map to FAILED still get their namespace for the display form. */
    {
        static const struct {
            const char *local, *ns;
        } more[] = {{"InternalError", WSMAN_NS_WSMAN},
                    {"TimedOut", WSMAN_NS_WSMAN},
                    {"EncodingLimit", WSMAN_NS_WSMAN},
                    {"QuotaLimit", WSMAN_NS_WSMAN},
                    {"InvalidMessageInformationHeader", WSMAN_NS_ADDRESSING},
                    {"MessageInformationHeaderRequired", WSMAN_NS_ADDRESSING},
                    {"EndpointUnavailable", WSMAN_NS_ADDRESSING},
                    {"Sender", WSMAN_NS_SOAP},
                    {"Receiver", WSMAN_NS_SOAP},
                    {"VersionMismatch", WSMAN_NS_SOAP}};
        for (i = 0; i < sizeof more / sizeof more[0]; i++)
            if (strcmp(local, more[i].local) == 0)
                return more[i].ns;
    }
    return NULL;
}

/* Splits a QName value of a fault element, resolving its prefix in scope at n; -1 when out of
 * memory. */
static int qname(xmlNodePtr n, char **ns_out, char **local_out, char **display)
{
    char *text = wsman_text(n, 1);
    char *colon;
    xmlNsPtr ns;
    int nomem = 0;
    *ns_out = *local_out = *display = NULL;
    if (!text)
        return -1;
    colon = strchr(text, ':');
    if (colon) {
        *colon = '\0';
        ns = xmlSearchNs(n->doc, n, (const xmlChar *)text);
        *local_out = strdup(colon + 1);
        *colon = ':';
    } else {
        ns = xmlSearchNs(n->doc, n, NULL);
        *local_out = strdup(text);
    }
    if (ns && ns->href) {
        if (!(*ns_out = strdup((const char *)ns->href)))
            nomem = 1;
    } else if (*local_out && colon) {
        /* An undeclared prefix: the local name says which code it is. */
        const char *guess = ns_of_local_name(*local_out);
        if (guess && !(*ns_out = strdup(guess)))
            nomem = 1;
    }
    if (!*local_out)
        nomem = 1;
    if (*local_out) {
        const char *pfx = NULL;
        const char *href = *ns_out ? *ns_out : "";
        size_t len;
        if (wsman_ns_is(href, WSMAN_NS_WSMAN))
            pfx = "wsman";
        else if (strcmp(href, WSMAN_NS_ADDRESSING) == 0)
            pfx = "wsa";
        else if (strcmp(href, WSMAN_NS_ENUMERATION) == 0)
            pfx = "wsen";
        else if (strcmp(href, WSMAN_NS_EVENTING) == 0)
            pfx = "wse";
        else if (strcmp(href, WSMAN_NS_SOAP) == 0)
            pfx = "s";
        if (pfx) {
            len = strlen(pfx) + strlen(*local_out) + 2;
            *display = malloc(len);
            if (*display)
                snprintf(*display, len, "%s:%s", pfx, *local_out);
        } else {
            *display = strdup(text);
        }
        if (!*display)
            nomem = 1;
    }
    free(text);
    return nomem ? -1 : 0;
}

/* Depth-first: the last non-empty direct text of a wsmanfault Message or ProviderFault; *nomem
 * set when out of memory. */
static void innermost_message(xmlNodePtr n, int depth, char **out, int *nomem)
{
    xmlNodePtr c;
    if (depth > WSMAN_MAX_DEPTH)
        return;
    for (c = wsman_first_elem(n); c; c = wsman_next_elem(c)) {
        if (wsman_is(c, WSMAN_NS_WSMANFAULT, "Message") ||
            wsman_is(c, WSMAN_NS_WSMANFAULT, "ProviderFault")) {
            char *t = wsman_text(c, 1);
            if (!t)
                *nomem = 1;
            if (t && *t) {
                free(*out);
                *out = t;
            } else {
                free(t);
            }
        }
        innermost_message(c, depth + 1, out, nomem);
    }
}

static int has_cim_error_attr(xmlNodePtr n)
{
    xmlAttrPtr a;
    for (a = n->properties; a; a = a->next) {
        if (a->name && strcmp((const char *)a->name, "IsCIM_Error") == 0) {
            xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
            int t =
                v && (strcmp((const char *)v, "true") == 0 || strcmp((const char *)v, "1") == 0);
            xmlFree(v);
            return t;
        }
    }
    return 0;
}

/* The MI_Result a CIM_Error-shaped instance names: CIMStatusCode, else MessageID
 * "...MI_Result:N"; 0 when neither is usable. */
static MI_Result cim_error_result(const MI_Instance *inst)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags;
    unsigned long n;
    char *end;
    if (MI_Instance_GetElement(inst, "CIMStatusCode", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        !(flags & MI_FLAG_NULL)) {
        if (t == MI_UINT32 && wsman_result_valid(v.uint32))
            return (MI_Result)v.uint32;
        if (t == MI_UINT16 && wsman_result_valid(v.uint16))
            return (MI_Result)v.uint16;
        if (t == MI_STRING && v.string) {
            n = strtoul(v.string, &end, 10);
            if (end != v.string && *end == '\0' && wsman_result_valid(n))
                return (MI_Result)n;
        }
    }
    if (MI_Instance_GetElement(inst, "MessageID", &v, &t, &flags, NULL) == MI_RESULT_OK &&
        !(flags & MI_FLAG_NULL) && t == MI_STRING && v.string) {
        const char *p = strstr(v.string, "MI_Result:");
        if (p) {
            p += 10;
            n = strtoul(p, &end, 10);
            if (end != p && *end == '\0' && wsman_result_valid(n))
                return (MI_Result)n;
        }
    }
    return MI_RESULT_OK;
}

/* The qname attribute of the envelope's s:NotUnderstood header into f; -1 when out of memory. */
static int not_understood(xmlNodePtr fault, wsman_fault *f)
{
    xmlNodePtr env = fault->doc ? xmlDocGetRootElement(fault->doc) : NULL;
    xmlNodePtr h =
        wsman_child(wsman_child(env, WSMAN_NS_SOAP, "Header"), WSMAN_NS_SOAP, "NotUnderstood");
    xmlChar *q = h ? xmlGetNoNsProp(h, (const xmlChar *)"qname") : NULL;
    if (!q)
        return 0;
    f->not_understood = strdup((const char *)q);
    xmlFree(q);
    return f->not_understood ? 0 : -1;
}

MI_Result wsman_read_fault(const wsman_codec *codec, xmlNodePtr fault, wsman_action action,
                           int http_status, wsman_fault *f)
{
    xmlNodePtr code = wsman_child(fault, WSMAN_NS_SOAP, "Code");
    xmlNodePtr reason = wsman_child(fault, WSMAN_NS_SOAP, "Reason");
    xmlNodePtr detail = wsman_child(fault, WSMAN_NS_SOAP, "Detail");
    xmlNodePtr n, cim = NULL;
    char *code_ns = NULL, *code_local = NULL, *code_disp = NULL;
    char *sub_ns = NULL, *sub_local = NULL, *sub_disp = NULL;
    MI_Result r = MI_RESULT_OK;
    MI_Uint32 category;
    int nomem = 0; /* a part of the fault could not be read for want of memory */
    int must_understand;

    wsman_fault_free(f);
    f->http_status = http_status;
    if ((n = wsman_child(code, WSMAN_NS_SOAP, "Value")) &&
        qname(n, &code_ns, &code_local, &code_disp) != 0)
        nomem = 1;
    if ((n = wsman_child(code, WSMAN_NS_SOAP, "Subcode")) &&
        (n = wsman_child(n, WSMAN_NS_SOAP, "Value")) &&
        qname(n, &sub_ns, &sub_local, &sub_disp) != 0)
        nomem = 1;
    f->code = code_local;
    code_local = NULL;
    f->subcode = sub_disp;
    sub_disp = NULL;
    if ((n = wsman_child(reason, WSMAN_NS_SOAP, "Text")) && !(f->reason = wsman_text(n, 1)))
        nomem = 1;
    for (n = wsman_first_elem(detail); n; n = wsman_next_elem(n)) {
        if (wsman_is(n, WSMAN_NS_WSMAN, "FaultDetail") && !f->fault_detail) {
            if (!(f->fault_detail = wsman_text(n, 1)))
                nomem = 1;
        } else if (wsman_is(n, WSMAN_NS_WSMANFAULT, "WSManFault") && !f->wsman_fault_message) {
            char *c = NULL;
            xmlChar *a = xmlGetNoNsProp(n, (const xmlChar *)"Code");
            if (a) {
                char *end;
                unsigned long long v = strtoull((const char *)a, &end, 10);
                if (end != (const char *)a && *end == '\0' && v <= 0xFFFFFFFFull)
                    f->wsman_fault_code = (MI_Uint32)v;
                xmlFree(a);
            }
            a = xmlGetNoNsProp(n, (const xmlChar *)"Machine");
            if (a) {
                if (!(f->wsman_fault_machine = strdup((const char *)a)))
                    nomem = 1;
                xmlFree(a);
            }
            innermost_message(n, 0, &c, &nomem);
            f->wsman_fault_message = c;
        } else if (!cim && has_cim_error_attr(n)) {
            cim = n;
        }
    }
    if (f->reason && !*f->reason) {
        free(f->reason);
        f->reason = NULL;
    }

    /* 1. A CIM_Error-shaped detail names the result. */
    if (cim && codec && codec->new_instance) {
        wsman_error err;
        wsman_decode dc;
        MI_Instance *inst = NULL;
        memset(&dc, 0, sizeof dc);
        dc.codec = codec;
        dc.xsi_types = 1;
        dc.err = &err;
        memset(&err, 0, sizeof err);
        if (wsman_decode_instance(&dc, cim, NULL, 0, &inst) != MI_RESULT_OK) {
            if (err.result == MI_RESULT_SERVER_LIMITS_EXCEEDED)
                nomem = 1;
        } else {
            MI_Value v;
            MI_Uint32 flags = 0;
            r = cim_error_result(inst);
            if ((MI_Instance_GetElement(inst, "Message", &v, NULL, &flags, NULL) != MI_RESULT_OK ||
                 (flags & MI_FLAG_NULL)) &&
                (f->reason || f->wsman_fault_message)) {
                v.string = f->reason ? f->reason : f->wsman_fault_message;
                if (MI_Instance_SetElement(inst, "Message", &v, MI_STRING, 0) != MI_RESULT_OK &&
                    MI_Instance_AddElement(inst, "Message", &v, MI_STRING, 0) != MI_RESULT_OK)
                    nomem = 1;
            }
            f->error = inst;
        }
    }
    must_understand = code_ns && f->code && strcmp(code_ns, WSMAN_NS_SOAP) == 0 &&
                      strcmp(f->code, "MustUnderstand") == 0;
    if (must_understand && not_understood(fault, f) != 0)
        nomem = 1;
    if (nomem) {
        /* A fault only partly read would give a wrong result: out of memory instead. */
        if (f->error)
            MI_Instance_Delete(f->error);
        f->error = NULL;
        r = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        free(f->reason);
        free(f->wsman_fault_message);
        f->wsman_fault_message = NULL;
        f->reason = strdup("out of memory reading the fault");
    }
    /* 2. Else the subcode (or the code) through the table; a MustUnderstand code first. */
    if (r == MI_RESULT_OK && must_understand)
        r = MI_RESULT_NOT_SUPPORTED;
    if (r == MI_RESULT_OK) {
        if (sub_local)
            r = wsman_subcode_result(sub_ns, sub_local, f->fault_detail, action);
        else if (code_ns && f->code)
            r = wsman_subcode_result(code_ns, f->code, f->fault_detail, action);
        else
            r = MI_RESULT_FAILED;
        if (r == MI_RESULT_OK)
            r = MI_RESULT_FAILED;
    }
    f->result = r;
    category = sub_local && strcmp(sub_local, "TimedOut") == 0
                   ? (MI_Uint32)MI_ERRORCATEGORY_OPERATION_TIMEOUT
                   : wsman_result_category(r);
    if (!f->error) {
        const char *msg = f->wsman_fault_message ? f->wsman_fault_message : f->reason;
        f->error = synthesize(codec, f, msg, category);
    }
    free(code_ns);
    free(code_local);
    free(code_disp);
    free(sub_ns);
    free(sub_local);
    free(sub_disp);
    return r;
}

/* ---- writing faults ------------------------------------------------------------------------ */

void wsman_fault_for_result(MI_Result result, const char *message, wsman_fault_desc *out)
{
    const char *code = "Sender", *sub = NULL, *detail = NULL;
    memset(out, 0, sizeof *out);
    switch (result) {
    case MI_RESULT_ACCESS_DENIED:
        sub = "wsman:AccessDenied";
        break;
    case MI_RESULT_INVALID_NAMESPACE:
    case MI_RESULT_INVALID_CLASS:
        sub = "wsa:DestinationUnreachable";
        detail = FD_PREFIX "InvalidResourceURI";
        break;
    case MI_RESULT_NOT_FOUND:
        sub = "wsa:DestinationUnreachable";
        break;
    case MI_RESULT_INVALID_PARAMETER:
        sub = "wsman:InvalidParameter";
        break;
    case MI_RESULT_NO_SUCH_PROPERTY:
    case MI_RESULT_TYPE_MISMATCH:
        sub = "wsman:SchemaValidationError";
        break;
    case MI_RESULT_NOT_SUPPORTED:
    case MI_RESULT_FILTERED_ENUMERATION_NOT_SUPPORTED:
    case MI_RESULT_CONTINUATION_ON_ERROR_NOT_SUPPORTED:
        sub = "wsman:UnsupportedFeature";
        break;
    case MI_RESULT_METHOD_NOT_FOUND:
    case MI_RESULT_METHOD_NOT_AVAILABLE:
        sub = "wsa:ActionNotSupported";
        detail = FD_PREFIX "ActionMismatch";
        break;
    case MI_RESULT_ALREADY_EXISTS:
        sub = "wsman:AlreadyExists";
        break;
    case MI_RESULT_INVALID_QUERY:
        sub = "wsen:CannotProcessFilter";
        break;
    case MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED:
        sub = "wsen:FilterDialectRequestedUnavailable";
        break;
    case MI_RESULT_INVALID_ENUMERATION_CONTEXT:
        code = "Receiver";
        sub = "wsen:InvalidEnumerationContext";
        break;
    case MI_RESULT_INVALID_OPERATION_TIMEOUT:
        sub = "wsa:InvalidMessageInformationHeader";
        break;
    case MI_RESULT_SERVER_LIMITS_EXCEEDED:
        sub = "wsman:QuotaLimit";
        break;
    default:
        code = "Receiver";
        sub = "wsman:InternalError";
        break;
    }
    out->result = result == MI_RESULT_OK ? MI_RESULT_FAILED : result;
    out->code = code;
    out->subcode = sub;
    out->fault_detail = detail;
    snprintf(out->message, sizeof out->message, "%s",
             message ? message : wsman_result_text(out->result));
}

static void put_text_elem(wsman_buf *b, const char *qn, const char *type, const char *text)
{
    util_buf_printf(b, "<%s xsi:type=\"cim:%s\">", qn, type);
    if (wsb_escape(b, text, 0) != 0)
        util_buf_puts(b, "(unprintable message)");
    util_buf_printf(b, "</%s>", qn);
}

MI_Result wsman_write_fault(const wsman_fault_desc *fault, const char *relates_to, wsman_buf *out)
{
    const char *action = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    const char *sub = fault->subcode;
    MI_Result r = fault->result == MI_RESULT_OK ? MI_RESULT_FAILED : fault->result;
    const char *msg = fault->message[0] ? fault->message : wsman_result_text(r);
    char num[32];

    util_buf_reset(out);
    if (fault->code && strcmp(fault->code, "MustUnderstand") == 0)
        action = "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault";
    else if (sub && strncmp(sub, "wsa:", 4) == 0)
        action = "http://schemas.xmlsoap.org/ws/2004/08/addressing/fault";
    else if (sub && strncmp(sub, "wsen:", 5) == 0)
        action = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/fault";
    else if (sub && strncmp(sub, "e:", 2) == 0) /* (the server's head declares e) */
        action = "http://schemas.xmlsoap.org/ws/2004/08/eventing/fault";
    wsman_put_server_head(out, action, relates_to, fault->not_understood, wsman_head_all_ns);
    util_buf_printf(out,
               "<SOAP-ENV:Body><SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:%s"
               "</SOAP-ENV:Value>",
               fault->code ? fault->code : "Receiver");
    if (sub)
        util_buf_printf(out, "<SOAP-ENV:Subcode><SOAP-ENV:Value>%s</SOAP-ENV:Value></SOAP-ENV:Subcode>",
                   sub);
    util_buf_puts(out, "</SOAP-ENV:Code><SOAP-ENV:Reason><SOAP-ENV:Text xml:lang=\"en-US\">");
    if (wsb_escape(out, msg, 0) != 0)
        util_buf_puts(out, wsman_result_text(r));
    util_buf_puts(out, "</SOAP-ENV:Text></SOAP-ENV:Reason><SOAP-ENV:Detail>");
    if (fault->fault_detail) {
        util_buf_puts(out, "<wsman:FaultDetail>");
        wsb_escape(out, fault->fault_detail, 0);
        util_buf_puts(out, "</wsman:FaultDetail>");
    }
    util_buf_puts(out, "<p:OMI_Error wsmb:IsCIM_Error=\"true\" xmlns:p=\"" WSMAN_URI_PREFIX_DMTF
                  "OMI_Error\" xsi:type=\"p:OMI_Error_Type\">"
                  "<p:ErrorType xsi:nil=\"true\"/><p:OtherErrorType xsi:nil=\"true\"/>");
    put_text_elem(out, "p:OwningEntity", "cimString", "mofbind");
    snprintf(num, sizeof num, "OMI:MI_Result:%u", (unsigned)r);
    put_text_elem(out, "p:MessageID", "cimString", num);
    put_text_elem(out, "p:Message", "cimString", msg);
    util_buf_puts(out, "<p:PerceivedSeverity xsi:type=\"cim:cimUnsignedShort\">7</p:PerceivedSeverity>"
                  "<p:ProbableCause xsi:type=\"cim:cimUnsignedShort\">0</p:ProbableCause>");
    put_text_elem(out, "p:ProbableCauseDescription", "cimString", "Unknown");
    util_buf_printf(out, "<p:CIMStatusCode xsi:type=\"cim:cimUnsignedInt\">%u</p:CIMStatusCode>",
               (unsigned)r);
    put_text_elem(out, "p:CIMStatusCodeDescription", "cimString", wsman_result_name(r));
    util_buf_printf(out,
               "<p:OMI_Code xsi:type=\"cim:cimUnsignedInt\">%u</p:OMI_Code>"
               "<p:OMI_Category xsi:type=\"cim:cimUnsignedInt\">%u</p:OMI_Category>",
               (unsigned)r, (unsigned)wsman_result_category(r));
    put_text_elem(out, "p:OMI_Type", "cimString", "MI");
    put_text_elem(out, "p:OMI_ErrorMessage", "cimString", msg);
    util_buf_puts(out, "</p:OMI_Error></SOAP-ENV:Detail></SOAP-ENV:Fault></SOAP-ENV:Body>"
                  "</SOAP-ENV:Envelope>");
    return out->failed ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_OK;
}
