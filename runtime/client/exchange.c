/* SPDX-License-Identifier: MIT */
/* runtime/client/exchange.c: running one operation on its session's connection (the worker's
 * thread, or a synchronous caller's): the WS-Man request written by the codec, sent through the
 * session's transport, the response read; Enumerate then Pull until the end, Release when
 * cancelled; each result delivered (delivery.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "util.h"

#define MOB_DEFAULT_TIMEOUT_USEC 60000000ULL
#define MOB_MAX_ELEMENTS 500u
#define MOB_MAX_EMPTY_PULLS 100

MI_Uint64 mob_now_usec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (MI_Uint64)ts.tv_sec * 1000000ULL + (MI_Uint64)ts.tv_nsec / 1000;
}

static const char *mob_fault_message(const wsman_response *resp)
{
    if (resp->fault.reason && *resp->fault.reason)
        return resp->fault.reason;
    if (resp->fault.wsman_fault_message && *resp->fault.wsman_fault_message)
        return resp->fault.wsman_fault_message;
    return wsman_result_text(resp->result);
}

/* Names the namespace and server of a result; fails only for want of memory. */
static MI_Result mob_result_set_ns(mob_op *op, MI_Instance *inst)
{
    MI_Result r = MI_RESULT_OK;
    if (!inst)
        return MI_RESULT_OK;
    if (op->name_space && !inst->nameSpace)
        r = MI_Instance_SetNameSpace(inst, op->name_space);
    if (r == MI_RESULT_OK && !inst->serverName)
        r = MI_Instance_SetServerName(inst, op->session->dest.host);
    return r;
}

/* A failure of an exchange as a final result: from the fault (its error instance taken). */
mob_result *mob_result_from_fault(wsman_response *resp)
{
    mob_result *r = mob_result_new(NULL, MI_FALSE, resp->result);
    if (!r)
        return NULL;
    r->message = util_strdup(mob_fault_message(resp));
    r->error = resp->fault.error;
    resp->fault.error = NULL;
    return r;
}

static MI_Uint64 mob_op_timeout(const mob_op *op)
{
    if (op->timeout_usec)
        return op->timeout_usec;
    if (op->session->dest.timeout_usec)
        return op->session->dest.timeout_usec;
    return MOB_DEFAULT_TIMEOUT_USEC;
}

/* One request/response. Returns NULL and fills resp on a well-formed exchange (resp->result may
 * still be a fault's), or a final error result for a failure outside the SOAP level. */
mob_result *mob_exchange(mob_session *s, mob_op *op, const wsman_request *req,
                         const wsman_read_options *ro, wsman_response *resp)
{
    char msgid[WSMAN_MSGID_SIZE];
    wsman_error err;
    mob_http_result hr;
    mob_result *res = NULL;
    MI_Result r;
    MI_Uint64 t = req->timeout_usec;
    wsman_request numbered = *req;
    /* A little past the operation timeout, so that the server's own TimedOut fault can still
     * arrive, but the caller waits at most the timeout plus 5% (the documented bound is 10%). */
    MI_Uint64 margin = t / 20 < 5000000ULL ? t / 20 : 5000000ULL;

    memset(resp, 0, sizeof *resp);
    memset(&err, 0, sizeof err);
    msgid[0] = '\0';
    wsman_next_message_id(s->msgid);
    numbered.message_id = s->msgid;
    r = wsman_write_request(&numbered, &s->req, msgid, &err);
    if (r != MI_RESULT_OK)
        return mob_result_error(s, r,
                                r == MIC_RESULT_NOMEM ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                                                      : MI_ERRORCATEGORY_INVALID_ARGUMENT,
                                err.message[0] ? err.message : "cannot encode the request");
    MI_Uint64 started = mob_now_usec();
    s->transport->ft->post(s->transport, &s->dest, s->req.data, s->req.len, t ? t + margin : 0,
                           &op->cancelled, &hr);
    if (hr.result != MI_RESULT_OK) {
        res = mob_result_error(s, hr.result, hr.category, hr.message);
    } else if (hr.status >= 300 && hr.status < 400) {
        char m[600];
        snprintf(m, sizeof m,
                 "HTTP %d: the server redirects to %.500s; use that URL as the "
                 "destination",
                 hr.status, hr.location ? hr.location : "(no Location)");
        res = mob_result_error(s, MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR, m);
    } else {
        if (MOB_KIND_IS_CLASS(op->kind)) {
            /* The class resource answers CIM-XML classes (class.c). */
            wsman_class_read names;
            names.name_space = op->name_space;
            names.server = s->dest.host;
            wsman_read_class_response(&s->codec, req->action, hr.status, hr.content_type, hr.body,
                                      hr.len, &names, resp);
        } else {
            wsman_read_response(&s->codec, req->action, hr.status, hr.content_type, hr.body, hr.len,
                                ro, resp);
        }
        if (t && mob_now_usec() - started > t + margin) {
            /* The timeout covers reading the answer too (the codec bounds what libxml2 is
             * given, so reading is linear in the answer's size, but a large one still takes
             * time): an answer read too late is not an answer. */
            wsman_response_free(resp);
            memset(resp, 0, sizeof *resp);
            mob_http_result_free(&hr);
            return mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_TIMEOUT,
                                    "timed out reading the answer of the server");
        }
        if (hr.status == 401 && resp->result == MI_RESULT_ACCESS_DENIED &&
            (s->dest.auth == MOB_AUTH_KERBEROS || s->dest.auth == MOB_AUTH_NEGOTIATE)) {
            /* libcurl does not tell why SPNEGO failed (no ticket, or one the server could not
             * read): say where a Kerberos login gets its ticket and what it is for. */
            char m[600];
            snprintf(m, sizeof m,
                     "Access is denied (HTTP 401): the server refused the credentials (a "
                     "Kerberos login uses the ticket in the credential cache, see kinit and "
                     "KRB5CCNAME, for the service HTTP@%.256s, whose current key the server "
                     "must hold)",
                     s->dest.host);
            wsman_fault_synthesize(&s->codec, &resp->fault, MI_RESULT_ACCESS_DENIED, m,
                                   MI_ERRORCATEGORY_ACCESS_DENIED, 401);
        } else if (hr.status == 401 && resp->result == MI_RESULT_ACCESS_DENIED &&
                   s->dest.auth == MOB_AUTH_NONE && !s->dest.user) {
            /* Nothing was refused: nothing was offered. */
            wsman_fault_synthesize(&s->codec, &resp->fault, MI_RESULT_ACCESS_DENIED,
                                   "Access is denied (HTTP 401): no credentials were given and "
                                   "the server asks for them "
                                   "(MI_DestinationOptions_AddDestinationCredentials)",
                                   MI_ERRORCATEGORY_ACCESS_DENIED, 401);
        }
        if (resp->result == MI_RESULT_OK && resp->relates_to && msgid[0] &&
            strcmp(resp->relates_to, msgid) != 0) {
            wsman_response_free(resp);
            res = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                                   "the response does not relate to the request (RelatesTo)");
        }
    }
    mob_http_result_free(&hr);
    return res;
}

static int mob_is_cancelled(mob_op *op)
{
    return __atomic_load_n(&op->cancelled, __ATOMIC_ACQUIRE) != 0;
}

static mob_result *mob_cancelled(mob_session *s)
{
    return mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_STOPPED,
                            "the operation was cancelled");
}

/* The IdentifyResponse as an instance, or NULL for want of memory. */
static MI_Instance *mob_identify_instance(const wsman_response *resp)
{
    static const char *const names[] = {"ProtocolVersion", "ProductVendor", "ProductVersion"};
    const char *values[3];
    MI_Instance *i = NULL;
    MI_Value v;
    int k;
    values[0] = resp->protocol_version;
    values[1] = resp->product_vendor;
    values[2] = resp->product_version;
    if (mic_instance_new("IdentifyResponse", NULL, &i) != MI_RESULT_OK)
        return NULL;
    for (k = 0; k < 3; k++) {
        v.string = (MI_Char *)values[k];
        if (MI_Instance_AddElement(i, names[k], v.string ? &v : NULL, MI_STRING,
                                   v.string ? 0 : MI_FLAG_NULL) != MI_RESULT_OK) {
            MI_Instance_Delete(i);
            return NULL;
        }
    }
    return i;
}

static const MI_MethodDecl *mob_find_method(const MI_ClassDecl *d, const char *name)
{
    MI_Uint32 i;
    if (!d || !name)
        return NULL;
    for (i = 0; i < d->numMethods && d->methods; i++)
        if (d->methods[i] && d->methods[i]->name && util_strieq(d->methods[i]->name, name))
            return d->methods[i];
    return NULL;
}

void mob_run_enumerate(mob_session *s, mob_op *op, wsman_request *req, const wsman_read_options *ro)
{
    wsman_response resp;
    mob_result *res;
    char *context = NULL;
    int empty = 0;

    req->action = WSMAN_ACTION_ENUMERATE;
    req->optimize = MI_TRUE;
    req->max_elements = MOB_MAX_ELEMENTS;
    req->epr_mode = op->keys_only;
    for (;;) {
        size_t i, k;
        int lost;
        MI_Boolean eos;
        if ((res = mob_exchange(s, op, req, ro, &resp)))
            break;
        if (resp.result != MI_RESULT_OK) {
            res = mob_result_from_fault(&resp);
            wsman_response_free(&resp);
            break;
        }
        for (i = 0; i < resp.num_items; i++) {
            MI_Instance *inst = resp.items[i];
            mob_result *item = NULL;
            resp.items[i] = NULL;
            if (mob_result_set_ns(op, inst) == MI_RESULT_OK)
                item = mob_result_new(inst, MI_TRUE, MI_RESULT_OK);
            else
                MI_Instance_Delete(inst);
            if (!item)
                break;
            mob_op_deliver(op, item);
        }
        lost = i < resp.num_items;
        for (k = 0; k < resp.num_classes && !lost; k++) {
            mob_result *item = op->class_item(s, op, resp.classes[k]);
            resp.classes[k] = NULL;
            if (!(lost = !item))
                mob_op_deliver(op, item);
        }
        empty = resp.num_items || resp.num_classes ? 0 : empty + 1;
        eos = resp.end_of_sequence || !resp.context || !*resp.context;
        free(context);
        context = eos ? NULL : resp.context;
        if (!eos)
            resp.context = NULL;
        if (lost) {
            /* No memory to hand an item over: the enumeration ends out of memory rather
             * than short and OK (the context, if any, is released below). */
            wsman_response_free(&resp);
            res = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                   "out of memory: an enumerated instance could not be kept");
            break;
        }
        wsman_response_free(&resp);
        if (eos) {
            res = mob_result_new(NULL, MI_FALSE, MI_RESULT_OK);
            break;
        }
        if (mob_is_cancelled(op)) {
            res = mob_cancelled(s);
            break;
        }
        if (empty > MOB_MAX_EMPTY_PULLS) {
            res = mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                                   "the server keeps answering Pull with no items");
            break;
        }
        req->action = WSMAN_ACTION_PULL;
        req->context = context;
    }
    if (context) {
        /* Abandoned before the end: tell the server (best effort; a cancelled operation's
         * flag would stop the request at once, so it is sent without it). */
        int was = __atomic_exchange_n(&op->cancelled, 0, __ATOMIC_ACQ_REL);
        req->action = WSMAN_ACTION_RELEASE;
        req->context = context;
        req->timeout_usec = req->timeout_usec < 5000000ULL ? req->timeout_usec : 5000000ULL;
        mob_result_free(mob_exchange(s, op, req, ro, &resp));
        wsman_response_free(&resp);
        __atomic_store_n(&op->cancelled, was, __ATOMIC_RELEASE);
        free(context);
    }
    mob_op_deliver(op, res);
}

void mob_op_run(mob_session *s, mob_op *op)
{
    wsman_request req;
    wsman_read_options ro;
    wsman_response resp;
    mob_result *res;
    const mob_dest *d = &s->dest;

    if (op->early) {
        res = op->early;
        op->early = NULL;
        mob_op_deliver(op, res);
        return;
    }
    if (mob_is_cancelled(op)) {
        mob_op_deliver(op, mob_cancelled(s));
        return;
    }
    if (d->auth == MOB_AUTH_BASIC && !d->https && d->privacy) {
        mob_op_deliver(
            op, mob_result_error(s, MI_RESULT_ACCESS_DENIED, MI_ERRORCATEGORY_SECURITY_ERROR,
                                 "Basic credentials are not sent over plain HTTP while packet "
                                 "privacy is on: use HTTPS, or turn privacy off with "
                                 "MI_DestinationOptions_SetPacketPrivacy(options, MI_FALSE)"));
        return;
    }

    memset(&req, 0, sizeof req);
    memset(&ro, 0, sizeof ro);
    req.to = d->url;
    req.class_name = op->class_name;
    req.name_space = op->name_space;
    req.method_name = op->method;
    req.instance = op->instance;
    req.parameters = op->params;
    req.max_envelope_size = d->max_envelope;
    req.timeout_usec = mob_op_timeout(op);
    req.locale = d->locale;
    req.data_locale = d->data_locale;
    req.options = op->options;
    req.num_options = op->num_options;
    if (op->resource_uri) {
        req.resource_uri = op->resource_uri;
    } else {
        const char *cls = op->class_name;
        if (!cls && op->instance)
            MI_Instance_GetClassName(op->instance, &cls);
        if (op->resource_uri_prefix) {
            size_t n = strlen(op->resource_uri_prefix);
            req.resource_uri_prefix = op->resource_uri_prefix;
            req.namespace_in_uri = n >= 5 && !strcmp(op->resource_uri_prefix + n - 5, "/wmi/");
        } else if (cls && !strncmp(cls, "Win32_", 6)) {
            /* WMI classes: WinRM's own form, the namespace in the URI. */
            req.resource_uri_prefix = WSMAN_URI_PREFIX_WMI;
            req.namespace_in_uri = MI_TRUE;
        } else {
            req.resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
        }
        if (req.namespace_in_uri && !req.name_space)
            req.name_space = "root/cimv2";
    }
    ro.parser = &s->parser;
    ro.no_rtti = (op->flags & MI_OPERATIONFLAGS_NO_RTTI) ? MI_TRUE : MI_FALSE;
    ro.decl = ro.no_rtti ? NULL : op->decl;
    if (op->kind == MOB_OP_INVOKE && !ro.no_rtti)
        ro.method = mob_find_method(op->decl, op->method);

    switch (op->kind) {
    case MOB_OP_GET:
        req.action = WSMAN_ACTION_GET;
        break;
    case MOB_OP_MODIFY:
        req.action = WSMAN_ACTION_PUT;
        break;
    case MOB_OP_CREATE:
        req.action = WSMAN_ACTION_CREATE;
        break;
    case MOB_OP_DELETE:
        req.action = WSMAN_ACTION_DELETE;
        break;
    case MOB_OP_INVOKE:
        req.action = WSMAN_ACTION_INVOKE;
        break;
    case MOB_OP_IDENTIFY:
        req.action = WSMAN_ACTION_IDENTIFY;
        break;
    case MOB_OP_ENUMERATE:
        mob_run_enumerate(s, op, &req, &ro);
        return;
    case MOB_OP_QUERY:
    case MOB_OP_ASSOCIATORS:
    case MOB_OP_REFERENCES:
        mob_query_request(op, &req);
        mob_run_enumerate(s, op, &req, &ro);
        return;
    case MOB_OP_GETCLASS:
    case MOB_OP_ENUMCLASSES:
        op->run_class(s, op, &req, &ro);
        return;
    default:
        mob_op_deliver(op, mob_result_error(s, MI_RESULT_NOT_SUPPORTED,
                                            MI_ERRORCATEGORY_NOT_IMPLEMENTED,
                                            "this operation is not supported by libmofbind"));
        return;
    }
    if ((res = mob_exchange(s, op, &req, &ro, &resp))) {
        mob_op_deliver(op, res);
        return;
    }
    if (resp.result != MI_RESULT_OK) {
        res = mob_result_from_fault(&resp);
    } else if (op->kind == MOB_OP_IDENTIFY) {
        MI_Instance *inst = mob_identify_instance(&resp);
        res = inst ? mob_result_new(inst, MI_FALSE, MI_RESULT_OK) : NULL;
    } else {
        MI_Instance *inst = NULL;
        int ok = 1;
        if (op->kind != MOB_OP_DELETE && resp.num_items > 0) {
            inst = resp.items[0];
            resp.items[0] = NULL;
            if (mob_result_set_ns(op, inst) != MI_RESULT_OK) {
                MI_Instance_Delete(inst);
                ok = 0;
            }
        }
        /* (NULL: out of memory, which mob_op_deliver reports) */
        res = ok ? mob_result_new(inst, MI_FALSE, MI_RESULT_OK) : NULL;
    }
    wsman_response_free(&resp);
    mob_op_deliver(op, res);
}
