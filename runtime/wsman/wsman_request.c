/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_request.c: the server's request reader (wsman_read_request): headers,
 * selectors, options, enumeration bodies, and the instance a request carries. */
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

#include "wsman.h"
#include "wsman_int.h"

/* ---- server: requests -------------------------------------------------------------------- */

void wsman_message_free(wsman_message *msg)
{
    size_t i;
    if (!msg)
        return;
    for (i = 0; i < msg->num_selectors; i++) {
        free(msg->selectors[i].name);
        free(msg->selectors[i].value);
        if (msg->selectors[i].ref)
            MI_Instance_Delete(msg->selectors[i].ref);
    }
    free(msg->selectors);
    for (i = 0; i < msg->num_options; i++) {
        free(msg->options[i].name);
        free(msg->options[i].type);
        free(msg->options[i].value);
    }
    free(msg->options);
    free(msg->action_uri);
    free(msg->to);
    free(msg->resource_uri);
    free(msg->class_name);
    free(msg->method_name);
    free(msg->name_space);
    free(msg->message_id);
    free(msg->reply_to);
    free(msg->locale);
    free(msg->data_locale);
    free(msg->filter_dialect);
    free(msg->filter);
    free(msg->delivery_mode);
    free(msg->expires);
    free(msg->identifier);
    free(msg->bookmark);
    if (msg->assoc_object)
        MI_Instance_Delete(msg->assoc_object);
    free(msg->assoc_class);
    free(msg->result_class);
    free(msg->role);
    free(msg->result_role);
    free(msg->context);
    free(msg->body_name);
    if (msg->doc_)
        xmlFreeDoc((xmlDocPtr)msg->doc_);
    memset(msg, 0, sizeof *msg);
}

static MI_Result req_fault(wsman_fault_desc *f, MI_Result r, const char *code, const char *subcode,
                           const char *detail, const char *fmt, ...) WSMAN_PRINTF(6, 7);

static MI_Result req_fault(wsman_fault_desc *f, MI_Result r, const char *code, const char *subcode,
                           const char *detail, const char *fmt, ...)
{
    if (f) {
        va_list ap;
        memset(f, 0, sizeof *f);
        f->result = r;
        f->code = code;
        f->subcode = subcode;
        f->fault_detail = detail;
        va_start(ap, fmt);
        vsnprintf(f->message, sizeof f->message, fmt, ap);
        va_end(ap);
    }
    return r;
}

#define FD_PREFIX "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/"

static int header_must_understand(xmlNodePtr h)
{
    return wsman_attr_true(h, WSMAN_NS_SOAP, "mustUnderstand");
}

/* The usec of an xs:duration OperationTimeout; -1 when invalid or negative. */
static long long parse_timeout(const char *text)
{
    MI_Datetime dt;
    unsigned long long us;
    if (!text || text[0] != 'P' || wsman_parse_datetime(text, &dt) != MI_RESULT_OK ||
        dt.isTimestamp)
        return -1;
    us = ((((unsigned long long)dt.u.interval.days * 24 + dt.u.interval.hours) * 60 +
           dt.u.interval.minutes) *
              60 +
          dt.u.interval.seconds) *
             1000000ull +
         dt.u.interval.microseconds;
    return us > 0x7FFFFFFFFFFFFFFFull ? -1 : (long long)us;
}

static wsman_action action_of(const char *uri, int *unsupported)
{
    static const struct {
        const char *uri;
        wsman_action a;
    } map[] = {
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", WSMAN_ACTION_GET},
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Put", WSMAN_ACTION_PUT},
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Create", WSMAN_ACTION_CREATE},
        {"http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete", WSMAN_ACTION_DELETE},
        {"http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate", WSMAN_ACTION_ENUMERATE},
        {"http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull", WSMAN_ACTION_PULL},
        {"http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release", WSMAN_ACTION_RELEASE},
        {"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity/Identify",
         WSMAN_ACTION_IDENTIFY},
        {WSMAN_NS_EVENTING "/Subscribe", WSMAN_ACTION_SUBSCRIBE},
        {WSMAN_NS_EVENTING "/Renew", WSMAN_ACTION_RENEW},
        {WSMAN_NS_EVENTING "/Unsubscribe", WSMAN_ACTION_UNSUBSCRIBE},
    };
    size_t i;
    *unsupported = 0;
    for (i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(uri, map[i].uri) == 0)
            return map[i].a;
    if (strncmp(uri, "http://schemas.xmlsoap.org/ws/2004/", 35) == 0 ||
        strncmp(uri, "http://schemas.dmtf.org/wbem/wsman/1/wsman/", 43) == 0 || !strchr(uri, '/')) {
        *unsupported = 1;
        return WSMAN_ACTION_UNKNOWN;
    }
    return WSMAN_ACTION_INVOKE;
}

static MI_Result add_selector(const wsman_codec *codec, wsman_message *msg, xmlNodePtr s,
                              wsman_fault_desc *fault)
{
    wsman_error err = {MI_RESULT_OK, ""};
    wsman_selector *sel, *p;
    xmlNodePtr epr;
    char *name = wsman_attr(s, NULL, "Name");
    if (!name || !*name) {
        free(name);
        return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender", "wsman:InvalidSelectors",
                         FD_PREFIX "InsufficientSelectors", "a selector has no Name");
    }
    if (strcmp(name, "__cimnamespace") == 0) {
        free(name);
        free(msg->name_space);
        msg->name_space = wsman_text(s, 1);
        return MI_RESULT_OK;
    }
    if (msg->num_selectors >= 256) {
        free(name);
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender", "wsman:EncodingLimit",
                         FD_PREFIX "SelectorLimit", "too many selectors");
    }
    p = realloc(msg->selectors, (msg->num_selectors + 1) * sizeof *p);
    if (!p) {
        free(name);
        return req_fault(fault, MI_RESULT_FAILED, "Receiver", "wsman:InternalError", NULL,
                         "out of memory");
    }
    msg->selectors = p;
    sel = &p[msg->num_selectors];
    memset(sel, 0, sizeof *sel);
    sel->name = name;
    msg->num_selectors++;
    epr = wsman_child(s, WSMAN_NS_ADDRESSING, "EndpointReference");
    if (epr) {
        wsman_decode dc;
        MI_Result r;
        memset(&dc, 0, sizeof dc);
        dc.codec = codec;
        dc.err = &err;
        r = wsman_decode_epr(&dc, epr, 1, &sel->ref);
        if (r != MI_RESULT_OK)
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender", "wsman:InvalidSelectors",
                             FD_PREFIX "InvalidValue", "selector '%s': %s", name, err.message);
    } else {
        sel->value = wsman_text(s, 1);
    }
    return MI_RESULT_OK;
}

static MI_Result add_option(wsman_message *msg, xmlNodePtr o)
{
    wsman_option_text *p;
    if (msg->num_options >= 256)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    p = realloc(msg->options, (msg->num_options + 1) * sizeof *p);
    if (!p)
        return MI_RESULT_FAILED;
    msg->options = p;
    p = &p[msg->num_options++];
    p->name = wsman_attr(o, NULL, "Name");
    p->type = wsman_attr(o, NULL, "Type");
    p->value = wsman_text(o, 0);
    return MI_RESULT_OK;
}

static MI_Result read_header(const wsman_codec *codec, xmlNodePtr header, wsman_message *msg,
                             wsman_fault_desc *fault)
{
    xmlNodePtr h, c;
    MI_Result r;
    for (h = wsman_first_elem(header); h; h = wsman_next_elem(h)) {
        const char *ns = h->ns && h->ns->href ? (const char *)h->ns->href : "";
        const char *nm = (const char *)h->name;
        char *text;
        if (strcmp(ns, WSMAN_NS_ADDRESSING) == 0) {
            if (strcmp(nm, "To") == 0) {
                free(msg->to);
                msg->to = wsman_text(h, 1);
            } else if (strcmp(nm, "Action") == 0) {
                /* Two Actions: which one the sender meant is not for the server to guess. */
                if (msg->action_uri)
                    return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                                     "wsa:InvalidMessageInformationHeader", NULL,
                                     "the request has more than one a:Action header");
                msg->action_uri = wsman_text(h, 1);
            } else if (strcmp(nm, "MessageID") == 0) {
                free(msg->message_id);
                msg->message_id = wsman_text(h, 1);
            } else if (strcmp(nm, "ReplyTo") == 0) {
                free(msg->reply_to);
                c = wsman_child(h, WSMAN_NS_ADDRESSING, "Address");
                msg->reply_to = c ? wsman_text(c, 1) : NULL;
            } else if (strcmp(nm, "FaultTo") != 0 && strcmp(nm, "RelatesTo") != 0 &&
                       header_must_understand(h)) {
                goto not_understood;
            }
        } else if (wsman_ns_is(ns, WSMAN_NS_WSMAN)) {
            if (strcmp(nm, "ResourceURI") == 0) {
                free(msg->resource_uri);
                msg->resource_uri = wsman_text(h, 1);
            } else if (strcmp(nm, "SelectorSet") == 0) {
                for (c = wsman_first_elem(h); c; c = wsman_next_elem(c)) {
                    if (!wsman_is(c, WSMAN_NS_WSMAN, "Selector"))
                        continue;
                    r = add_selector(codec, msg, c, fault);
                    if (r != MI_RESULT_OK)
                        return r;
                }
            } else if (strcmp(nm, "OptionSet") == 0) {
                for (c = wsman_first_elem(h); c; c = wsman_next_elem(c)) {
                    if (!wsman_is(c, WSMAN_NS_WSMAN, "Option"))
                        continue;
                    if (add_option(msg, c) != MI_RESULT_OK)
                        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender",
                                         "wsman:EncodingLimit", FD_PREFIX "OptionLimit",
                                         "too many options");
                }
            } else if (strcmp(nm, "MaxEnvelopeSize") == 0) {
                MI_Value v;
                text = wsman_text(h, 1);
                if (!text || wsman_parse_scalar(text, MI_UINT32, &v) != MI_RESULT_OK) {
                    free(text);
                    return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                                     "wsa:InvalidMessageInformationHeader", NULL,
                                     "MaxEnvelopeSize is not a number");
                }
                free(text);
                if (v.uint32 < WSMAN_MIN_ENVELOPE_SIZE)
                    return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender",
                                     "wsman:EncodingLimit", FD_PREFIX "MinimumEnvelopeLimit",
                                     "MaxEnvelopeSize %lu is below the minimum of %u",
                                     (unsigned long)v.uint32, WSMAN_MIN_ENVELOPE_SIZE);
                msg->max_envelope_size = v.uint32;
            } else if (strcmp(nm, "OperationTimeout") == 0) {
                long long us;
                text = wsman_text(h, 1);
                us = parse_timeout(text);
                free(text);
                if (us <= 0)
                    return req_fault(fault, MI_RESULT_INVALID_OPERATION_TIMEOUT, "Sender",
                                     "wsa:InvalidMessageInformationHeader", NULL,
                                     "OperationTimeout is not a positive xs:duration");
                msg->timeout_usec = (MI_Uint64)us;
            } else if (strcmp(nm, "Locale") == 0) {
                free(msg->locale);
                msg->locale = wsman_attr(h, "http://www.w3.org/XML/1998/namespace", "lang");
            } else if (header_must_understand(h)) {
                goto not_understood;
            }
        } else if (strcmp(ns, WSMAN_NS_MSWSMAN) == 0) {
            if (strcmp(nm, "DataLocale") == 0) {
                free(msg->data_locale);
                msg->data_locale = wsman_attr(h, "http://www.w3.org/XML/1998/namespace", "lang");
            } else if (strcmp(nm, "SessionId") != 0 && strcmp(nm, "OperationID") != 0 &&
                       strcmp(nm, "SequenceId") != 0 && header_must_understand(h)) {
                goto not_understood;
            }
        } else if (strcmp(ns, WSMAN_NS_EVENTING) == 0 && strcmp(nm, "Identifier") == 0) {
            /* The subscription a Renew or Unsubscribe is for (the manager's reference
             * property, echoed as a header). */
            free(msg->identifier);
            msg->identifier = wsman_text(h, 1);
        } else if (header_must_understand(h)) {
            goto not_understood;
        }
        continue;
    not_understood:
        r = req_fault(fault, MI_RESULT_NOT_SUPPORTED, "MustUnderstand", NULL, NULL,
                      "Header not understood: %s", nm);
        if (fault)
            fault->not_understood = (const char *)h->name;
        return r;
    }
    return MI_RESULT_OK;
}

/* The optional b:NAME text of an association filter into *out (NULL when absent or empty). */
static MI_Result assoc_name(xmlNodePtr filter, const char *local, char **out)
{
    xmlNodePtr n = wsman_child(filter, WSMAN_NS_CIMBINDING, local);
    free(*out);
    *out = n ? wsman_text(n, 1) : NULL;
    if (n && !*out)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    if (*out && !**out) {
        free(*out);
        *out = NULL;
    }
    return MI_RESULT_OK;
}

/* DSP0227's association filter (w:Filter > b:AssociatedInstances | b:AssociationInstances). */
static MI_Result read_assoc_filter(const wsman_codec *codec, xmlNodePtr filter, wsman_message *msg,
                                   wsman_fault_desc *fault)
{
    xmlNodePtr a = wsman_child(filter, WSMAN_NS_CIMBINDING, "AssociatedInstances"), obj;
    wsman_decode dc;
    wsman_error err;
    MI_Result r;
    msg->assoc_references = MI_FALSE;
    if (!a) {
        a = wsman_child(filter, WSMAN_NS_CIMBINDING, "AssociationInstances");
        msg->assoc_references = a != NULL;
    }
    obj = a ? wsman_child(a, WSMAN_NS_CIMBINDING, "Object") : NULL;
    if (!obj)
        return req_fault(fault, MI_RESULT_INVALID_QUERY, "Sender", "wsen:CannotProcessFilter", NULL,
                         "The association filter names no source object (b:Object in "
                         "b:AssociatedInstances or b:AssociationInstances)");
    memset(&dc, 0, sizeof dc);
    memset(&err, 0, sizeof err);
    dc.codec = codec;
    dc.err = &err;
    if (msg->assoc_object)
        MI_Instance_Delete(msg->assoc_object);
    msg->assoc_object = NULL;
    r = wsman_decode_epr(&dc, obj, 1, &msg->assoc_object);
    if (r != MI_RESULT_OK)
        return req_fault(fault, r == MI_RESULT_SERVER_LIMITS_EXCEEDED ? r : MI_RESULT_INVALID_QUERY,
                         "Sender", "wsen:CannotProcessFilter", NULL, "%s", err.message);
    if (assoc_name(a, "AssociationClassName", &msg->assoc_class) != MI_RESULT_OK ||
        assoc_name(a, "ResultClassName", &msg->result_class) != MI_RESULT_OK ||
        assoc_name(a, "Role", &msg->role) != MI_RESULT_OK ||
        assoc_name(a, "ResultRole", &msg->result_role) != MI_RESULT_OK)
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Receiver", "wsman:InternalError",
                         NULL, "out of memory");
    return MI_RESULT_OK;
}

static MI_Result read_enum_body(const wsman_codec *codec, xmlNodePtr op, wsman_message *msg,
                                wsman_fault_desc *fault)
{
    xmlNodePtr c;
    for (c = wsman_first_elem(op); c; c = wsman_next_elem(c)) {
        char *text;
        if (wsman_is(c, WSMAN_NS_WSMAN, "OptimizeEnumeration")) {
            msg->optimize = MI_TRUE;
        } else if (wsman_is_enum_or_wsman(c, "MaxElements")) {
            MI_Value v;
            text = wsman_text(c, 1);
            if (!text || wsman_parse_scalar(text, MI_UINT32, &v) != MI_RESULT_OK || v.uint32 == 0) {
                free(text);
                return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                                 "wsman:InvalidParameter", FD_PREFIX "InvalidValue",
                                 "MaxElements is not a positive number");
            }
            free(text);
            msg->max_elements = v.uint32;
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "EnumerationMode")) {
            text = wsman_text(c, 1);
            msg->epr_mode = text && (strcmp(text, "EnumerateEPR") == 0 ||
                                     strcmp(text, "EnumerateObjectAndEPR") == 0);
            free(text);
        } else if (wsman_is_enum_or_wsman(c, "Filter")) {
            MI_Result r;
            free(msg->filter_dialect);
            free(msg->filter);
            msg->filter = NULL;
            msg->filter_dialect = wsman_attr(c, NULL, "Dialect");
            if (msg->filter_dialect &&
                strcasecmp(msg->filter_dialect, WSMAN_DIALECT_ASSOCIATION) == 0) {
                /* WinRM's help spells the dialect with a capital A: one spelling from here. */
                strcpy(msg->filter_dialect, WSMAN_DIALECT_ASSOCIATION);
                if ((r = read_assoc_filter(codec, c, msg, fault)) != MI_RESULT_OK)
                    return r;
            } else {
                msg->filter = wsman_text(c, 1);
            }
        } else if (wsman_is(c, WSMAN_NS_ENUMERATION, "EnumerationContext")) {
            free(msg->context);
            msg->context = wsman_text(c, 1);
        }
    }
    return MI_RESULT_OK;
}

/* The body of a Subscribe (e:Delivery with its Mode and w:Heartbeats, e:Expires, the filter as
 * OMI reads it, w:SendBookmarks and w:Bookmark's text; e:EndTo, e:NotifyTo and the rest are not
 * read) or of a Renew
 * (e:Expires). Text is kept as sent: the server judges it. */
static MI_Result read_event_body(xmlNodePtr ev, wsman_message *msg, wsman_fault_desc *fault)
{
    xmlNodePtr c, d;
    int delivery = 0;
    for (c = wsman_first_elem(ev); c; c = wsman_next_elem(c)) {
        if (wsman_is(c, WSMAN_NS_EVENTING, "Delivery")) {
            delivery = 1;
            free(msg->delivery_mode);
            msg->delivery_mode = wsman_attr(c, NULL, "Mode");
            for (d = wsman_first_elem(c); d; d = wsman_next_elem(d)) {
                if (wsman_is(d, WSMAN_NS_WSMAN, "Heartbeats")) {
                    char *text = wsman_text(d, 1);
                    long long us = parse_timeout(text);
                    free(text);
                    if (us <= 0)
                        return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                                         "wsman:InvalidParameter", FD_PREFIX "Heartbeats",
                                         "w:Heartbeats is not a positive xs:duration");
                    msg->heartbeat_usec = (MI_Uint64)us;
                }
            }
        } else if (wsman_is(c, WSMAN_NS_EVENTING, "Expires")) {
            free(msg->expires);
            msg->expires = wsman_text(c, 1);
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "SendBookmarks")) {
            msg->send_bookmarks = MI_TRUE;
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "Bookmark")) {
            free(msg->bookmark);
            msg->bookmark = wsman_text(c, 1);
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "Filter") ||
                   wsman_is(c, WSMAN_NS_EVENTING, "Filter")) {
            free(msg->filter_dialect);
            free(msg->filter);
            msg->filter_dialect = wsman_attr(c, NULL, "Dialect");
            msg->filter = wsman_text(c, 1);
        }
    }
    if (msg->action == WSMAN_ACTION_SUBSCRIBE && !delivery)
        return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                         "wsman:SchemaValidationError", NULL, "the Subscribe has no e:Delivery");
    return MI_RESULT_OK;
}

/* The mime type (before ';'), lower-cased, is one a SOAP 1.2 server takes? */
static int content_type_ok(const char *ct)
{
    char mime[64];
    size_t n = 0;
    while (*ct == ' ')
        ct++;
    while (ct[n] && ct[n] != ';' && ct[n] != ' ' && n + 1 < sizeof mime) {
        mime[n] = (char)tolower((unsigned char)ct[n]);
        n++;
    }
    mime[n] = '\0';
    return strcmp(mime, "application/soap+xml") == 0 || strcmp(mime, "text/xml") == 0;
}

static MI_Result read_request(const wsman_codec *codec, const char *content_type, const char *data,
                              size_t len, wsman_message *msg, wsman_fault_desc *fault);

MI_Result wsman_read_request(const wsman_codec *codec, const char *content_type, const char *data,
                             size_t len, wsman_message *msg, wsman_fault_desc *fault)
{
    wsman_quiet q;
    MI_Result r;
    wsman_quiet_begin(&q);
    r = read_request(codec, content_type, data, len, msg, fault);
    wsman_quiet_end(&q);
    if (q.nomem && r != MI_RESULT_SERVER_LIMITS_EXCEEDED)
        r = req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Receiver", "wsman:InternalError",
                      NULL, "out of memory reading the request");
    return r;
}

static MI_Result read_request(const wsman_codec *codec, const char *content_type, const char *data,
                              size_t len, wsman_message *msg, wsman_fault_desc *fault)
{
    wsman_error err = {MI_RESULT_OK, ""};
    xmlDocPtr doc;
    xmlNodePtr env, header, body, first;
    size_t max = codec && codec->max_message ? codec->max_message : WSMAN_DEFAULT_MAX_MESSAGE;
    char cs[32];
    MI_Result r;
    int unsupported = 0;
    const char *slash;

    memset(msg, 0, sizeof *msg);
    if (fault)
        memset(fault, 0, sizeof *fault);
    if (content_type) {
        if (!content_type_ok(content_type))
            return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsman:EncodingLimit",
                             FD_PREFIX "EncodingType",
                             "the Content-Type must be application/soap+xml");
        wsman_content_charset(content_type, cs, sizeof cs);
        if (cs[0] && strcmp(cs, "UTF-8") != 0 && strcmp(cs, "UTF8") != 0)
            return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsman:EncodingLimit",
                             FD_PREFIX "CharacterSet", "only UTF-8 is supported");
    }
    if (len > max)
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Sender", "wsman:EncodingLimit",
                         FD_PREFIX "ServiceEnvelopeLimit",
                         "the request is larger than the limit of %zu bytes", max);
    doc = wsman_xml_parse(data, len, "application/soap+xml;charset=UTF-8", max, &err);
    if (!doc && err.result == MI_RESULT_NOT_SUPPORTED)
        return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsman:EncodingLimit",
                         FD_PREFIX "CharacterSet", "%s", err.message);
    if (!doc && err.result == MI_RESULT_SERVER_LIMITS_EXCEEDED)
        return req_fault(fault, MI_RESULT_SERVER_LIMITS_EXCEEDED, "Receiver", "wsman:InternalError",
                         NULL, "%s", err.message);
    if (!doc)
        return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError", NULL,
                         "%s", err.message);
    msg->doc_ = doc;
    env = xmlDocGetRootElement(doc);
    if (!wsman_is(env, WSMAN_NS_SOAP, "Envelope"))
        return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError", NULL,
                         "the request is not a SOAP 1.2 envelope");
    header = wsman_child(env, WSMAN_NS_SOAP, "Header");
    body = wsman_child(env, WSMAN_NS_SOAP, "Body");
    if (!body)
        return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError", NULL,
                         "the request has no SOAP Body");
    {
        xmlNodePtr n;
        for (n = wsman_next_elem(body); n; n = wsman_next_elem(n))
            if (wsman_is(n, WSMAN_NS_SOAP, "Body") || wsman_is(n, WSMAN_NS_SOAP, "Header"))
                return req_fault(fault, MI_RESULT_FAILED, "Sender", "wsman:SchemaValidationError",
                                 NULL,
                                 "the request has more than one SOAP Body, or a Header after it");
        if (header)
            for (n = wsman_next_elem(header); n && n != body; n = wsman_next_elem(n))
                if (wsman_is(n, WSMAN_NS_SOAP, "Header"))
                    return req_fault(fault, MI_RESULT_FAILED, "Sender",
                                     "wsman:SchemaValidationError", NULL,
                                     "the request has more than one SOAP Header");
    }
    r = read_header(codec, header, msg, fault);
    if (r != MI_RESULT_OK)
        return r;
    first = wsman_first_elem(body);
    if (!msg->action_uri || !*msg->action_uri) {
        if (first && wsman_is(first, WSMAN_NS_IDENTITY, "Identify")) {
            msg->action = WSMAN_ACTION_IDENTIFY;
            return MI_RESULT_OK;
        }
        return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                         "wsa:MessageInformationHeaderRequired", NULL,
                         "the request has no a:Action header");
    }
    msg->action = action_of(msg->action_uri, &unsupported);
    if (unsupported)
        return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsa:ActionNotSupported",
                         FD_PREFIX "ActionMismatch", "the action '%.150s' is not supported",
                         msg->action_uri);
    if (msg->resource_uri) {
        slash = strrchr(msg->resource_uri, '/');
        msg->class_name = strdup(slash ? slash + 1 : msg->resource_uri);
    }
    if (msg->action == WSMAN_ACTION_INVOKE) {
        slash = strrchr(msg->action_uri, '/');
        msg->method_name = strdup(slash + 1);
        if (!msg->method_name || !*msg->method_name)
            return req_fault(fault, MI_RESULT_NOT_SUPPORTED, "Sender", "wsa:ActionNotSupported",
                             FD_PREFIX "ActionMismatch", "the action names no method");
    }
    switch (msg->action) {
    case WSMAN_ACTION_ENUMERATE:
    case WSMAN_ACTION_PULL:
    case WSMAN_ACTION_RELEASE: {
        const char *want = msg->action == WSMAN_ACTION_ENUMERATE ? "Enumerate"
                           : msg->action == WSMAN_ACTION_PULL    ? "Pull"
                                                                 : "Release";
        if (!first || !wsman_is(first, WSMAN_NS_ENUMERATION, want))
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                             "wsman:SchemaValidationError", NULL, "the body has no n:%s", want);
        r = read_enum_body(codec, first, msg, fault);
        if (r != MI_RESULT_OK)
            return r;
        if (msg->action != WSMAN_ACTION_ENUMERATE && (!msg->context || !*msg->context))
            return req_fault(fault, MI_RESULT_INVALID_ENUMERATION_CONTEXT, "Receiver",
                             "wsen:InvalidEnumerationContext", NULL,
                             "the request has no EnumerationContext");
        break;
    }
    case WSMAN_ACTION_SUBSCRIBE:
    case WSMAN_ACTION_RENEW:
    case WSMAN_ACTION_UNSUBSCRIBE: {
        const char *want = msg->action == WSMAN_ACTION_SUBSCRIBE ? "Subscribe"
                           : msg->action == WSMAN_ACTION_RENEW   ? "Renew"
                                                                 : "Unsubscribe";
        if (!first || !wsman_is(first, WSMAN_NS_EVENTING, want))
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                             "wsman:SchemaValidationError", NULL, "the body has no e:%s", want);
        r = read_event_body(first, msg, fault);
        if (r != MI_RESULT_OK)
            return r;
        break;
    }
    case WSMAN_ACTION_CREATE:
    case WSMAN_ACTION_PUT:
    case WSMAN_ACTION_INVOKE:
        if (!first) {
            if (msg->action == WSMAN_ACTION_INVOKE)
                break;
            return req_fault(fault, MI_RESULT_INVALID_PARAMETER, "Sender",
                             "wsman:SchemaValidationError", NULL, "the body has no instance");
        }
        msg->body_ = first;
        msg->body_name = strdup((const char *)first->name);
        break;
    default:
        break;
    }
    return MI_RESULT_OK;
}

static MI_Result message_instance(const wsman_codec *codec, const wsman_message *msg,
                                  const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                  MI_Instance **out, wsman_error *err);

MI_Result wsman_message_instance(const wsman_codec *codec, const wsman_message *msg,
                                 const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                 MI_Instance **out, wsman_error *err)
{
    wsman_quiet q;
    MI_Result r;
    wsman_quiet_begin(&q);
    r = message_instance(codec, msg, decl, method, out, err);
    wsman_quiet_end(&q);
    if (q.nomem && r != MI_RESULT_SERVER_LIMITS_EXCEEDED) {
        if (*out)
            MI_Instance_Delete(*out);
        *out = NULL;
        r = wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    return r;
}

static MI_Result message_instance(const wsman_codec *codec, const wsman_message *msg,
                                  const MI_ClassDecl *decl, const MI_MethodDecl *method,
                                  MI_Instance **out, wsman_error *err)
{
    wsman_decode dc;
    *out = NULL;
    if (!msg->body_) {
        if (msg->action == WSMAN_ACTION_INVOKE && codec && codec->new_instance) {
            MI_Result r = codec->new_instance(codec->new_instance_ctx, "__Parameters", NULL, out);
            return r == MI_RESULT_OK ? r : wsman_seterr(err, r, "cannot make an instance");
        }
        return wsman_seterr(err, MI_RESULT_INVALID_PARAMETER, "the request has no instance");
    }
    memset(&dc, 0, sizeof dc);
    dc.codec = codec;
    dc.decl = decl;
    dc.method = decl ? NULL : method;
    dc.strict = 1;
    dc.err = err;
    return wsman_decode_instance(
        &dc, (xmlNodePtr)msg->body_,
        msg->action == WSMAN_ACTION_INVOKE && method ? "__Parameters" : NULL, 0, out);
}
