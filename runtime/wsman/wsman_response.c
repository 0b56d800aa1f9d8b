/* SPDX-License-Identifier: MIT */
/* runtime/wsman/wsman_response.c: the client's response reader (wsman_read_response): the
 * fast path for a plain CreateResponse first, else the tree: faults, items, enumeration
 * contexts, Identify, method results. */
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

/* ---- client: responses ------------------------------------------------------------------- */

void wsman_response_free(wsman_response *resp)
{
    size_t i;
    if (!resp)
        return;
    wsman_fault_free(&resp->fault);
    for (i = 0; i < resp->num_items; i++)
        if (resp->items[i])
            MI_Instance_Delete(resp->items[i]);
    free(resp->items);
    for (i = 0; i < resp->num_classes; i++)
        if (resp->classes[i])
            MI_Class_Delete(resp->classes[i]);
    free(resp->classes);
    free(resp->message_id);
    free(resp->relates_to);
    free(resp->context);
    free(resp->identifier);
    free(resp->bookmark);
    free(resp->manager_uri);
    free(resp->expires);
    free(resp->protocol_version);
    free(resp->product_vendor);
    free(resp->product_version);
    memset(resp, 0, sizeof *resp);
}

MI_Result wsman_response_add_item(wsman_response *resp, MI_Instance *inst)
{
    size_t n = resp->num_items;
    if ((n & (n - 1)) == 0) { /* capacity doubles at powers of two: linear time overall */
        MI_Instance **p = realloc(resp->items, (n ? n * 2 : 1) * sizeof *p);
        if (!p) {
            MI_Instance_Delete(inst);
            return MI_RESULT_FAILED;
        }
        resp->items = p;
    }
    resp->items[resp->num_items++] = inst;
    return MI_RESULT_OK;
}

static MI_Result fail(const wsman_codec *codec, wsman_response *resp, MI_Result r,
                      MI_Uint32 category, int http_status, const char *fmt, ...) WSMAN_PRINTF(6, 7);

static MI_Result fail(const wsman_codec *codec, wsman_response *resp, MI_Result r,
                      MI_Uint32 category, int http_status, const char *fmt, ...)
{
    char msg[WSMAN_ERROR_SIZE];
    va_list ap;
    size_t i;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (i = 0; i < resp->num_items; i++)
        MI_Instance_Delete(resp->items[i]);
    resp->num_items = 0;
    for (i = 0; i < resp->num_classes; i++)
        MI_Class_Delete(resp->classes[i]);
    resp->num_classes = 0;
    wsman_fault_synthesize(codec, &resp->fault, r, msg, category, http_status);
    resp->result = r;
    return r;
}

static MI_Result read_items(const wsman_decode *dc, xmlNodePtr items, wsman_response *resp)
{
    xmlNodePtr c;
    for (c = wsman_first_elem(items); c; c = wsman_next_elem(c)) {
        MI_Instance *inst = NULL;
        MI_Result r;
        if (dc->classes) {
            MI_Class *cls = NULL;
            xmlNodePtr e = wsman_is(c, WSMAN_NS_WSMAN, "Item") ? wsman_first_elem(c) : c;
            if (!e)
                continue;
            if ((r = wsman_decode_class(dc, e, &cls)) != MI_RESULT_OK)
                return r;
            if (wsman_response_add_class(resp, cls) != MI_RESULT_OK)
                return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            continue;
        }
        if (wsman_is(c, WSMAN_NS_WSMAN, "Item")) {
            /* EnumerateObjectAndEPR: the instance, else the EPR. */
            xmlNodePtr obj = wsman_first_elem(c), epr = NULL;
            for (; obj; obj = wsman_next_elem(obj)) {
                if (!wsman_is(obj, WSMAN_NS_ADDRESSING, "EndpointReference"))
                    break;
                epr = obj;
            }
            if (obj)
                r = wsman_decode_instance(dc, obj, NULL, 1, &inst);
            else if (epr)
                r = wsman_decode_epr(dc, epr, 1, &inst);
            else
                continue;
        } else if (wsman_is(c, WSMAN_NS_ADDRESSING, "EndpointReference")) {
            r = wsman_decode_epr(dc, c, 1, &inst);
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "Event")) {
            /* An event of a subscription in DSP0226's wrapper (its Action attribute says what
             * kind): the indication inside. */
            xmlNodePtr ev = wsman_first_elem(c);
            if (!ev)
                continue;
            r = wsman_decode_instance(dc, ev, NULL, 1, &inst);
        } else if (wsman_is(c, WSMAN_NS_WSMAN, "XmlFragment")) {
            r = wsman_decode_instance(dc, c, dc->decl ? NULL : "XmlFragment", 1, &inst);
        } else {
            r = wsman_decode_instance(dc, c, NULL, 1, &inst);
        }
        if (r != MI_RESULT_OK)
            return r;
        if (wsman_response_add_item(resp, inst) != MI_RESULT_OK)
            return wsman_seterr(dc->err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    }
    return MI_RESULT_OK;
}

/* The text of n into *slot (replacing), or an out-of-memory error. */
static MI_Result take_text(wsman_error *err, xmlNodePtr n, char **slot)
{
    free(*slot);
    if (!(*slot = wsman_text(n, 1)))
        return wsman_seterr(err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
    return MI_RESULT_OK;
}

/* A SubscribeResponse (the subscription manager's identifier and ResourceURI under
 * ReferenceProperties as OMI writes them or ReferenceParameters as WS-Addressing 1.0 does,
 * Expires, the EnumerationContext of pull delivery) or a RenewResponse (Expires). */
static MI_Result read_event_response(wsman_error *err, xmlNodePtr bodyn, wsman_action action,
                                     wsman_response *resp)
{
    const char *want = action == WSMAN_ACTION_SUBSCRIBE ? "SubscribeResponse" : "RenewResponse";
    xmlNodePtr er = wsman_child(bodyn, WSMAN_NS_EVENTING, want), c, m, p;
    MI_Result r = MI_RESULT_OK;
    if (!er)
        return wsman_seterr(err, MI_RESULT_FAILED, "no %s in the response", want);
    for (c = wsman_first_elem(er); c && r == MI_RESULT_OK; c = wsman_next_elem(c)) {
        if (wsman_is(c, WSMAN_NS_EVENTING, "Expires")) {
            r = take_text(err, c, &resp->expires);
        } else if (wsman_is(c, WSMAN_NS_ENUMERATION, "EnumerationContext")) {
            r = take_text(err, c, &resp->context);
        } else if (wsman_is(c, WSMAN_NS_EVENTING, "SubscriptionManager")) {
            for (m = wsman_first_elem(c); m && r == MI_RESULT_OK; m = wsman_next_elem(m)) {
                if (!wsman_is(m, WSMAN_NS_ADDRESSING, "ReferenceProperties") &&
                    !wsman_is(m, WSMAN_NS_ADDRESSING, "ReferenceParameters"))
                    continue;
                for (p = wsman_first_elem(m); p && r == MI_RESULT_OK; p = wsman_next_elem(p)) {
                    if (wsman_is(p, WSMAN_NS_EVENTING, "Identifier"))
                        r = take_text(err, p, &resp->identifier);
                    else if (wsman_is(p, WSMAN_NS_WSMAN, "ResourceURI"))
                        r = take_text(err, p, &resp->manager_uri);
                }
            }
        }
    }
    if (r == MI_RESULT_OK && action == WSMAN_ACTION_SUBSCRIBE &&
        (!resp->context || !*resp->context))
        r = wsman_seterr(err, MI_RESULT_FAILED,
                         "the SubscribeResponse has no EnumerationContext: the server did not "
                         "take pull delivery");
    return r;
}

MI_Result wsman_read_response(const wsman_codec *codec, wsman_action action, int http_status,
                              const char *content_type, const char *body, size_t len,
                              const wsman_read_options *opts, wsman_response *resp)
{
    memset(resp, 0, sizeof *resp);
    if (action == WSMAN_ACTION_CREATE && http_status == 200 && body &&
        wsman_read_create_fast(codec, content_type, body, len, opts, resp))
        return MI_RESULT_OK;
    return wsman_read_response_tree(codec, action, http_status, content_type, body, len, opts,
                                    resp);
}

static MI_Result read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                    const char *content_type, const char *body, size_t len,
                                    const wsman_read_options *opts, const wsman_class_read *names,
                                    wsman_response *resp);

static MI_Result read_quietly(const wsman_codec *codec, wsman_action action, int http_status,
                              const char *content_type, const char *body, size_t len,
                              const wsman_read_options *opts, const wsman_class_read *names,
                              wsman_response *resp)
{
    wsman_quiet q;
    MI_Result r;
    wsman_quiet_begin(&q);
    r = read_response_tree(codec, action, http_status, content_type, body, len, opts, names, resp);
    wsman_quiet_end(&q);
    if (q.nomem && r != MI_RESULT_SERVER_LIMITS_EXCEEDED) {
        /* libxml2 ran out of memory (a value it could not copy reads as absent): the
         * response is not read. */
        wsman_response_free(resp);
        r = fail(codec, resp, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                 MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE, http_status,
                 "out of memory reading the response");
    }
    return r;
}

MI_Result wsman_read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                   const char *content_type, const char *body, size_t len,
                                   const wsman_read_options *opts, wsman_response *resp)
{
    return read_quietly(codec, action, http_status, content_type, body, len, opts, NULL, resp);
}

MI_Result wsman_read_class_response(const wsman_codec *codec, wsman_action action, int http_status,
                                    const char *content_type, const char *body, size_t len,
                                    const wsman_class_read *names, wsman_response *resp)
{
    static const wsman_class_read none = {NULL, NULL};
    return read_quietly(codec, action, http_status, content_type, body, len, NULL,
                        names ? names : &none, resp);
}

static MI_Result read_response_tree(const wsman_codec *codec, wsman_action action, int http_status,
                                    const char *content_type, const char *body, size_t len,
                                    const wsman_read_options *opts, const wsman_class_read *names,
                                    wsman_response *resp)
{
    wsman_error err = {MI_RESULT_OK, ""};
    wsman_decode dc;
    xmlDocPtr doc;
    xmlNodePtr env, header, bodyn, fault, n;
    MI_Result r = MI_RESULT_OK;
    size_t max = codec && codec->max_message ? codec->max_message : WSMAN_DEFAULT_MAX_MESSAGE;

    memset(resp, 0, sizeof *resp);
    if (!body)
        len = 0;
    if (http_status == 401 || http_status == 403)
        return fail(codec, resp, MI_RESULT_ACCESS_DENIED, MI_ERRORCATEGORY_ACCESS_DENIED,
                    http_status, "Access is denied (HTTP %d): the server refused the credentials",
                    http_status);
    if (http_status == 301 || http_status == 302 || http_status == 303 || http_status == 307 ||
        http_status == 308)
        return fail(codec, resp, MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                    http_status, "the server redirected the request (HTTP %d)", http_status);
    if (len == 0) {
        if (http_status == 413)
            return fail(codec, resp, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                        MI_ERRORCATEGORY_LIMITS_EXCEEDED, http_status,
                        "the request is larger than the server accepts (HTTP 413)");
        return fail(codec, resp, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the server answered HTTP %d with an empty body", http_status);
    }
    doc = wsman_xml_parse(body, len, content_type, max, &err);
    if (!doc)
        return fail(codec, resp, err.result,
                    err.result == MI_RESULT_SERVER_LIMITS_EXCEEDED
                        ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                        : MI_ERRORCATEGORY_PROTOCOL_ERROR,
                    http_status, "unreadable response (HTTP %d): %s", http_status, err.message);
    env = xmlDocGetRootElement(doc);
    if (!wsman_is(env, WSMAN_NS_SOAP, "Envelope")) {
        xmlFreeDoc(doc);
        return fail(codec, resp, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the response (HTTP %d) is not a SOAP 1.2 envelope", http_status);
    }
    header = wsman_child(env, WSMAN_NS_SOAP, "Header");
    bodyn = wsman_child(env, WSMAN_NS_SOAP, "Body");
    if (((n = wsman_child(header, WSMAN_NS_ADDRESSING, "MessageID")) &&
         !(resp->message_id = wsman_text(n, 1))) ||
        ((n = wsman_child(header, WSMAN_NS_ADDRESSING, "RelatesTo")) &&
         !(resp->relates_to = wsman_text(n, 1))) ||
        (action == WSMAN_ACTION_PULL && (n = wsman_child(header, WSMAN_NS_WSMAN, "Bookmark")) &&
         !(resp->bookmark = wsman_text(n, 1)))) {
        xmlFreeDoc(doc);
        return fail(codec, resp, MI_RESULT_SERVER_LIMITS_EXCEEDED,
                    MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE, http_status, "out of memory");
    }
    if (!bodyn) {
        xmlFreeDoc(doc);
        return fail(codec, resp, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the response (HTTP %d) has no SOAP Body", http_status);
    }
    fault = wsman_child(bodyn, WSMAN_NS_SOAP, "Fault");
    if (fault) {
        r = wsman_read_fault(codec, fault, action, http_status, &resp->fault);
        resp->result = r;
        xmlFreeDoc(doc);
        return r;
    }
    if (http_status != 200) {
        xmlFreeDoc(doc);
        return fail(codec, resp,
                    http_status == 413 ? MI_RESULT_SERVER_LIMITS_EXCEEDED : MI_RESULT_FAILED,
                    MI_ERRORCATEGORY_PROTOCOL_ERROR, http_status,
                    "the server answered HTTP %d without a SOAP fault", http_status);
    }

    memset(&dc, 0, sizeof dc);
    dc.codec = codec;
    dc.err = &err;
    dc.classes = names;
    if (opts && !opts->no_rtti) {
        dc.decl = opts->decl;
        dc.method = opts->method;
    }
    switch (action) {
    case WSMAN_ACTION_IDENTIFY:
        n = wsman_first_elem(bodyn);
        if (!n || strcmp((const char *)n->name, "IdentifyResponse") != 0) {
            r = wsman_seterr(&err, MI_RESULT_FAILED, "no IdentifyResponse in the response");
            break;
        }
        {
            xmlNodePtr c;
            for (c = wsman_first_elem(n); c; c = wsman_next_elem(c)) {
                char **slot = NULL;
                if (wsman_is(c, WSMAN_NS_IDENTITY, "ProtocolVersion"))
                    slot = &resp->protocol_version;
                else if (wsman_is(c, WSMAN_NS_IDENTITY, "ProductVendor"))
                    slot = &resp->product_vendor;
                else if (wsman_is(c, WSMAN_NS_IDENTITY, "ProductVersion"))
                    slot = &resp->product_version;
                if (slot && !*slot && !(*slot = wsman_text(c, 1)))
                    r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            }
        }
        break;
    case WSMAN_ACTION_GET:
    case WSMAN_ACTION_PUT:
    case WSMAN_ACTION_INVOKE:
        n = wsman_first_elem(bodyn);
        if (action == WSMAN_ACTION_GET && names) {
            MI_Class *cls = NULL;
            if (!n)
                r = wsman_seterr(&err, MI_RESULT_FAILED, "the response carries no class");
            else if ((r = wsman_decode_class(&dc, n, &cls)) == MI_RESULT_OK &&
                     wsman_response_add_class(resp, cls) != MI_RESULT_OK)
                r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            break;
        }
        if (!n) {
            if (action == WSMAN_ACTION_PUT)
                break;
            r = wsman_seterr(&err, MI_RESULT_FAILED, "the response carries no instance");
            break;
        }
        {
            MI_Instance *inst = NULL;
            if (action == WSMAN_ACTION_INVOKE)
                dc.decl = NULL;
            r = wsman_decode_instance(&dc, n, NULL, 0, &inst);
            if (r == MI_RESULT_OK && wsman_response_add_item(resp, inst) != MI_RESULT_OK)
                r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        }
        break;
    case WSMAN_ACTION_CREATE: {
        xmlNodePtr rc = wsman_child(bodyn, WSMAN_NS_TRANSFER, "ResourceCreated");
        xmlNodePtr full = NULL, c;
        MI_Instance *inst = NULL;
        for (c = wsman_first_elem(bodyn); c; c = wsman_next_elem(c))
            if (c != rc) {
                full = c;
                break;
            }
        if (full) {
            r = wsman_decode_instance(&dc, full, NULL, 0, &inst);
        } else if (rc) {
            r = wsman_decode_epr(&dc, rc, 0, &inst);
        } else {
            r = wsman_seterr(&err, MI_RESULT_FAILED, "no ResourceCreated in the response");
            break;
        }
        if (r == MI_RESULT_OK && wsman_response_add_item(resp, inst) != MI_RESULT_OK)
            r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
        break;
    }
    case WSMAN_ACTION_DELETE:
    case WSMAN_ACTION_RELEASE:
    case WSMAN_ACTION_UNSUBSCRIBE:
        break;
    case WSMAN_ACTION_SUBSCRIBE:
    case WSMAN_ACTION_RENEW:
        r = read_event_response(&err, bodyn, action, resp);
        break;
    case WSMAN_ACTION_ENUMERATE:
    case WSMAN_ACTION_PULL: {
        const char *want = action == WSMAN_ACTION_ENUMERATE ? "EnumerateResponse" : "PullResponse";
        xmlNodePtr er = wsman_child(bodyn, WSMAN_NS_ENUMERATION, want), c;
        if (!er) {
            r = wsman_seterr(&err, MI_RESULT_FAILED, "no %s in the response", want);
            break;
        }
        for (c = wsman_first_elem(er); c && r == MI_RESULT_OK; c = wsman_next_elem(c)) {
            if (wsman_is(c, WSMAN_NS_ENUMERATION, "EnumerationContext")) {
                free(resp->context);
                if (!(resp->context = wsman_text(c, 1)))
                    r = wsman_seterr(&err, MI_RESULT_SERVER_LIMITS_EXCEEDED, "out of memory");
            } else if (wsman_is_enum_or_wsman(c, "Items")) {
                r = read_items(&dc, c, resp);
            } else if (wsman_is_enum_or_wsman(c, "EndOfSequence")) {
                resp->end_of_sequence = MI_TRUE;
            }
        }
        if (resp->context && !*resp->context) {
            free(resp->context);
            resp->context = NULL;
        }
        break;
    }
    default:
        r = wsman_seterr(&err, MI_RESULT_INVALID_PARAMETER, "unknown operation");
        break;
    }
    xmlFreeDoc(doc);
    if (r != MI_RESULT_OK)
        return fail(codec, resp, r == MI_RESULT_INVALID_PARAMETER ? MI_RESULT_FAILED : r,
                    r == MI_RESULT_SERVER_LIMITS_EXCEEDED ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                                                          : MI_ERRORCATEGORY_INVALID_RESULT,
                    http_status, "%s", err.message);
    resp->result = MI_RESULT_OK;
    return MI_RESULT_OK;
}
