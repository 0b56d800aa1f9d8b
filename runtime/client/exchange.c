/* SPDX-License-Identifier: MIT */
/* runtime/client/exchange.c: an operation's run as steps that never block, so that one loop
 * thread can move many of them on (loop.c) and a synchronous caller can run its own
 * (operation.c): mob_op_advance writes the next WS-Man request (the codec's), mob_op_response
 * reads its answer, whoever runs the operation sending the one and getting the other through a
 * transport. Enumerate (and its filtered forms: query.c) then Pull until the end, Release when
 * cancelled; GetClass and EnumerateClasses likewise, each class read waiting for the Get of its
 * superclass when one is needed (class.c); each result made is delivered in order
 * (delivery.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "util.h"

#define MOB_DEFAULT_TIMEOUT_USEC 60000000ULL
#define MOB_MAX_ELEMENTS 500u
#define MOB_MAX_EMPTY_PULLS 100

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
static mob_result *mob_result_from_fault(wsman_response *resp)
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

/* The transfer's timeout for op's request: a little past the operation timeout, so that the
 * server's own TimedOut fault can still arrive, but the caller waits at most the timeout plus
 * 5% (the documented bound is 10%). */
static void mob_exchange_timeout(mob_op *op)
{
    MI_Uint64 t = op->req.timeout_usec;
    MI_Uint64 margin = t / 20 < 5000000ULL ? t / 20 : 5000000ULL;
    op->xfer_timeout = t ? t + margin : 0;
}

/* Writes op->req, numbered with the session's next MessageID, into out. */
static MI_Result mob_exchange_put(mob_session *s, mob_op *op, wsman_buf *out, wsman_error *err)
{
    char msgid[WSMAN_MSGID_SIZE];
    wsman_request numbered = op->req;
    memset(err, 0, sizeof *err);
    op->sent_msgid[0] = '\0';
    /* (Under the lock: a caller on another thread may be numbering a request it writes ahead,
     * mob_op_prewrite.) */
    pthread_mutex_lock(&s->mu);
    wsman_next_message_id(s->msgid);
    memcpy(msgid, s->msgid, sizeof msgid);
    pthread_mutex_unlock(&s->mu);
    numbered.message_id = msgid;
    return wsman_write_request(&numbered, out, op->sent_msgid, err);
}

/* Writes op->req into s->req (or takes the request written when op was started) and sets the
 * transfer's timeout. Returns NULL, or a final error result when it cannot be written. */
static mob_result *mob_exchange_write(mob_session *s, mob_op *op)
{
    wsman_error err;
    MI_Result r;

    mob_exchange_timeout(op);
    if (op->pre.data) {
        util_buf_free(&s->req);
        s->req = op->pre;
        util_buf_init(&op->pre);
        return NULL;
    }
    r = mob_exchange_put(s, op, &s->req, &err);
    if (r != MI_RESULT_OK)
        return mob_result_error(s, r,
                                r == MIC_RESULT_NOMEM ? MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE
                                                      : MI_ERRORCATEGORY_INVALID_ARGUMENT,
                                err.message[0] ? err.message : "cannot encode the request");
    return NULL;
}

/* Reads the answer to the request written. Returns NULL and fills resp on a well-formed
 * exchange (resp->result may still be a fault's), or a final error result for a failure
 * outside the SOAP level. */
static mob_result *mob_exchange_read(mob_session *s, mob_op *op, mob_http_result *hr,
                                     wsman_parser *parser, wsman_response *resp)
{
    mob_result *res = NULL;
    const char *msgid = op->sent_msgid;

    memset(resp, 0, sizeof *resp);
    op->ro.parser = parser;
    if (hr->result != MI_RESULT_OK) {
        res = mob_result_error(s, hr->result, hr->category, hr->message);
    } else if (hr->status >= 300 && hr->status < 400) {
        char m[600];
        snprintf(m, sizeof m,
                 "HTTP %d: the server redirects to %.500s; use that URL as the "
                 "destination",
                 hr->status, hr->location ? hr->location : "(no Location)");
        res = mob_result_error(s, MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_PROTOCOL_ERROR, m);
    } else {
        if (MOB_KIND_IS_CLASS(op->kind)) {
            /* The class resource answers CIM-XML classes (class.c). */
            wsman_class_read names;
            names.name_space = op->name_space;
            names.server = s->dest.host;
            wsman_read_class_response(&s->codec, op->req.action, hr->status, hr->content_type,
                                      hr->body, hr->len, &names, resp);
        } else {
            wsman_read_response(&s->codec, op->req.action, hr->status, hr->content_type,
                                hr->body, hr->len, &op->ro, resp);
        }
        if (op->xfer_timeout && mob_now_usec() - op->xfer_started > op->xfer_timeout) {
            /* The timeout covers reading the answer too (the codec bounds what libxml2 is
             * given, so reading is linear in the answer's size, but a large one still takes
             * time): an answer read too late is not an answer. */
            wsman_response_free(resp);
            memset(resp, 0, sizeof *resp);
            return mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_OPERATION_TIMEOUT,
                                    "timed out reading the answer of the server");
        }
        if (hr->status == 401 && resp->result == MI_RESULT_ACCESS_DENIED &&
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
        } else if (hr->status == 401 && resp->result == MI_RESULT_ACCESS_DENIED &&
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
    return res;
}

static int mob_is_cancelled(mob_op *op)
{
    return __atomic_load_n(&op->cancelled, __ATOMIC_ACQUIRE) != 0;
}

void mob_http_result_cancelled(mob_http_result *hr)
{
    memset(hr, 0, sizeof *hr);
    hr->result = MI_RESULT_FAILED;
    hr->category = MI_ERRORCATEGORY_OPERATION_STOPPED;
    snprintf(hr->message, sizeof hr->message, "the operation was cancelled");
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

/* Phases of an operation's run. LINK: a class operation's answers are all in, its last
 * classes wait for their superclasses before its final result (op->after). */
enum { MOB_PH_START, MOB_PH_MAIN, MOB_PH_LINK, MOB_PH_RELEASE, MOB_PH_END };

/* The last result of an operation: at once, or after a Release of the enumeration context
 * it leaves behind (best effort: its answer does not matter). */
static void mob_op_end(mob_op *op, mob_result *res)
{
    if (op->context) {
        op->after = res;
        op->phase = MOB_PH_RELEASE;
        return;
    }
    mob_op_push(op, res);
    op->phase = MOB_PH_END;
}

/* Fills op->req and op->ro for the operation's first request; a final result when there is
 * none to make. */
static mob_result *mob_op_setup(mob_session *s, mob_op *op)
{
    wsman_request *req = &op->req;
    wsman_read_options *ro = &op->ro;
    const mob_dest *d = &s->dest;

    if (op->early) {
        mob_result *res = op->early;
        op->early = NULL;
        return res;
    }
    if (mob_is_cancelled(op))
        return mob_cancelled(s);
    if (op->pre.data)
        return NULL; /* written when it was started, op->req with it (mob_op_prewrite) */
    if (d->auth == MOB_AUTH_BASIC && !d->https && d->privacy)
        return mob_result_error(s, MI_RESULT_ACCESS_DENIED, MI_ERRORCATEGORY_SECURITY_ERROR,
                                "Basic credentials are not sent over plain HTTP while packet "
                                "privacy is on: use HTTPS, or turn privacy off with "
                                "MI_DestinationOptions_SetPacketPrivacy(options, MI_FALSE)");

    memset(req, 0, sizeof *req);
    memset(ro, 0, sizeof *ro);
    req->to = d->url;
    req->class_name = op->class_name;
    req->name_space = op->name_space;
    req->method_name = op->method;
    req->instance = op->instance;
    req->parameters = op->params;
    req->max_envelope_size = d->max_envelope;
    req->timeout_usec = mob_op_timeout(op);
    req->locale = d->locale;
    req->data_locale = d->data_locale;
    req->options = op->options;
    req->num_options = op->num_options;
    if (op->resource_uri) {
        req->resource_uri = op->resource_uri;
    } else {
        const char *cls = op->class_name;
        if (!cls && op->instance)
            MI_Instance_GetClassName(op->instance, &cls);
        if (op->resource_uri_prefix) {
            size_t n = strlen(op->resource_uri_prefix);
            req->resource_uri_prefix = op->resource_uri_prefix;
            req->namespace_in_uri = n >= 5 && !strcmp(op->resource_uri_prefix + n - 5, "/wmi/");
        } else if (cls && !strncmp(cls, "Win32_", 6)) {
            /* WMI classes: WinRM's own form, the namespace in the URI. */
            req->resource_uri_prefix = WSMAN_URI_PREFIX_WMI;
            req->namespace_in_uri = MI_TRUE;
        } else {
            req->resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
        }
        if (req->namespace_in_uri && !req->name_space)
            req->name_space = "root/cimv2";
    }
    ro->no_rtti = (op->flags & MI_OPERATIONFLAGS_NO_RTTI) ? MI_TRUE : MI_FALSE;
    ro->decl = ro->no_rtti ? NULL : op->decl;
    if (op->kind == MOB_OP_INVOKE && !ro->no_rtti)
        ro->method = mob_find_method(op->decl, op->method);

    switch (op->kind) {
    case MOB_OP_GET:
        req->action = WSMAN_ACTION_GET;
        break;
    case MOB_OP_MODIFY:
        req->action = WSMAN_ACTION_PUT;
        break;
    case MOB_OP_CREATE:
        req->action = WSMAN_ACTION_CREATE;
        break;
    case MOB_OP_DELETE:
        req->action = WSMAN_ACTION_DELETE;
        break;
    case MOB_OP_INVOKE:
        req->action = WSMAN_ACTION_INVOKE;
        break;
    case MOB_OP_IDENTIFY:
        req->action = WSMAN_ACTION_IDENTIFY;
        break;
    case MOB_OP_ENUMERATE:
    case MOB_OP_QUERY:
    case MOB_OP_ASSOCIATORS:
    case MOB_OP_REFERENCES:
        req->action = WSMAN_ACTION_ENUMERATE;
        req->optimize = MI_TRUE;
        req->max_elements = MOB_MAX_ELEMENTS;
        req->epr_mode = op->keys_only;
        if (op->kind != MOB_OP_ENUMERATE)
            mob_query_request(op, req);
        break;
    case MOB_OP_GETCLASS:
        req->action = WSMAN_ACTION_GET;
        return mob_class_setup(s, op);
    case MOB_OP_SUBSCRIBE:
        req->action = WSMAN_ACTION_SUBSCRIBE;
        req->max_elements = MOB_MAX_ELEMENTS; /* (for its Pulls) */
        mob_query_request(op, req);
        break;
    case MOB_OP_ENUMCLASSES:
        req->action = WSMAN_ACTION_ENUMERATE; /* (never EPRs: keysOnly says names only) */
        req->optimize = MI_TRUE;
        req->max_elements = MOB_MAX_ELEMENTS;
        return mob_class_setup(s, op);
    default:
        return mob_result_error(s, MI_RESULT_NOT_SUPPORTED, MI_ERRORCATEGORY_NOT_IMPLEMENTED,
                                "this operation is not supported by libmofbind");
    }
    return NULL;
}

int mob_op_prewrite(mob_session *s, mob_op *op, const MI_Instance *inbound)
{
    wsman_error err;
    mob_result *res;
    size_t hint;
    if (op->kind != MOB_OP_GET && op->kind != MOB_OP_MODIFY && op->kind != MOB_OP_CREATE &&
        op->kind != MOB_OP_DELETE)
        return 0;
    /* Its answer is read with the declaration of inbound's class (op->decl), which must
     * outlive inbound: the run keeps a copy of inbound otherwise. */
    if (mic_instance_decl_held(inbound))
        return 0;
    op->instance = (MI_Instance *)inbound; /* (borrowed while the request is written) */
    res = mob_op_setup(s, op);
    if (!res) {
        /* Sized as the last one, which usually has the shape of this one, with a little room:
         * not to the power of two util_buf_reserve rounds to, as a session may hold many such
         * requests queued (the buffer grows as any other if it must). */
        hint = __atomic_load_n(&s->pre_size, __ATOMIC_RELAXED);
        if (hint && (op->pre.data = (char *)malloc(hint + hint / 16 + 64)))
            op->pre.cap = hint + hint / 16 + 64;
        if (mob_exchange_put(s, op, &op->pre, &err) != MI_RESULT_OK) {
            util_buf_free(&op->pre);
        } else {
            __atomic_store_n(&s->pre_size, op->pre.len, __ATOMIC_RELAXED);
        }
    }
    mob_result_free(res);
    op->instance = NULL;
    op->req.instance = NULL;
    if (!op->pre.data) {
        memset(&op->req, 0, sizeof op->req);
        memset(&op->ro, 0, sizeof op->ro);
        return 0;
    }
    return 1;
}

/* Writes the operation's next request into s->req: 1, or 0 when its last result is made or
 * when results made must be delivered first (mob_op_advance then calls it again). */
static int mob_op_next(mob_session *s, mob_op *op)
{
    mob_result *res;
    switch (op->phase) {
    case MOB_PH_START:
        if ((res = mob_op_setup(s, op))) {
            mob_op_end(op, res);
            return op->phase == MOB_PH_RELEASE ? mob_op_next(s, op) : 0;
        }
        op->phase = MOB_PH_MAIN;
        break;
    case MOB_PH_MAIN: /* an enumeration goes on */
        if (mob_is_cancelled(op)) {
            mob_op_end(op, mob_cancelled(s));
            return mob_op_next(s, op);
        }
        if (MOB_KIND_IS_CLASS(op->kind)) {
            int st = mob_class_next(op);
            if (st < 0) {
                mob_op_end(op, mob_result_error(s, MIC_RESULT_NOMEM,
                                                MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                                "out of memory: a class could not be kept"));
                return mob_op_next(s, op);
            }
            if (st > 0)
                break; /* the Get of a superclass */
            if (op->phead)
                return 0; /* the classes read go out before the next Pull */
        }
        /* (a subscription's Pulls come back empty whenever nothing happened: heartbeats) */
        if (op->empty > MOB_MAX_EMPTY_PULLS && op->kind != MOB_OP_SUBSCRIBE) {
            mob_op_end(op, mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_PROTOCOL_ERROR,
                                            "the server keeps answering Pull with no items"));
            return mob_op_next(s, op);
        }
        op->req.action = WSMAN_ACTION_PULL;
        op->req.context = op->context;
        break;
    case MOB_PH_LINK: {
        int st = mob_class_next(op);
        if (st > 0)
            break;
        res = op->after;
        op->after = NULL;
        if (st < 0) {
            mob_result_free(res);
            res = mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                   "out of memory: a class could not be kept");
        }
        if (res || op->kind == MOB_OP_ENUMCLASSES)
            mob_op_push(op, res); /* (NULL: out of memory, which mob_op_push reports) */
        /* (none for GetClass: its class was its final result) */
        op->phase = MOB_PH_END;
        return 0;
    }
    case MOB_PH_RELEASE:
        /* Abandoned before the end: tell the server (best effort; a cancel does not stop
         * it). */
        op->releasing = MI_TRUE;
        if (op->kind == MOB_OP_SUBSCRIBE) {
            /* A subscription ends with its Unsubscribe, to its manager's address. */
            op->req.action = WSMAN_ACTION_UNSUBSCRIBE;
            op->req.identifier = op->sub_id ? op->sub_id : op->context;
            op->req.resource_uri = NULL;
            op->req.resource_uri_prefix = NULL;
            op->req.namespace_in_uri = MI_FALSE;
        } else {
            op->req.action = WSMAN_ACTION_RELEASE;
        }
        op->req.context = op->context;
        if (op->req.timeout_usec > 5000000ULL || !op->req.timeout_usec)
            op->req.timeout_usec = 5000000ULL;
        break;
    default:
        return 0;
    }
    if ((res = mob_exchange_write(s, op))) {
        if (mob_class_fetching(op)) {
            /* The superclass is not read: its class goes without it. */
            mob_result_free(res);
            mob_class_parent(op, NULL);
            return mob_op_next(s, op);
        }
        if (op->phase == MOB_PH_RELEASE) {
            mob_result_free(res);
            res = op->after;
            op->after = NULL;
            free(op->context);
            op->context = NULL;
        }
        mob_op_end(op, res);
        return op->phase == MOB_PH_RELEASE ? mob_op_next(s, op) : 0;
    }
    return 1;
}

/* After an Enumerate or Pull whose answer held n items: the context to pull from next, taken
 * from resp, or none at the end of the sequence (returns MI_TRUE then). */
static MI_Boolean mob_op_context(mob_op *op, wsman_response *resp, size_t n)
{
    MI_Boolean eos = resp->end_of_sequence || !resp->context || !*resp->context;
    op->empty = n ? 0 : op->empty + 1;
    free(op->context);
    op->context = eos ? NULL : resp->context;
    if (!eos)
        resp->context = NULL;
    return eos;
}

/* The answer of one Enumerate or Pull. */
static void mob_op_enumerated(mob_session *s, mob_op *op, wsman_response *resp)
{
    size_t i;
    MI_Boolean eos;
    for (i = 0; i < resp->num_items; i++) {
        MI_Instance *inst = resp->items[i];
        mob_result *item = NULL;
        resp->items[i] = NULL;
        if (mob_result_set_ns(op, inst) == MI_RESULT_OK)
            item = mob_result_new(inst, MI_TRUE, MI_RESULT_OK);
        else
            MI_Instance_Delete(inst);
        if (!item)
            break;
        if (i + 1 == resp->num_items && MOB_KIND_IS_EVENT(op->kind)) {
            /* The answer's bookmark is where its last event leaves the stream: the events
             * before it have none (resuming from it would skip what followed them). */
            item->bookmark = resp->bookmark;
            resp->bookmark = NULL;
        }
        mob_op_push(op, item);
    }
    eos = mob_op_context(op, resp, resp->num_items);
    if (i < resp->num_items) {
        /* No memory to hand an item over: the enumeration ends out of memory rather than
         * short and OK (the context, if any, is released first). */
        mob_op_end(op, mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                        "out of memory: an enumerated instance could not be "
                                        "kept"));
    } else if (eos) {
        mob_op_end(op, mob_result_new(NULL, MI_FALSE, MI_RESULT_OK));
    }
}

/* The answer of a class operation's Get, or of its Enumerate or Pull: its classes wait in
 * class.c for their superclasses; the final result follows them (MOB_PH_LINK). */
static void mob_op_classes(mob_session *s, mob_op *op, wsman_response *resp)
{
    size_t i;
    int lost = 0;
    if (op->kind == MOB_OP_GETCLASS) {
        MI_Class *cls = resp->num_classes == 1 ? resp->classes[0] : NULL;
        if (!cls) {
            mob_op_end(op, mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_INVALID_RESULT,
                                            "the answer to GetClass holds no class"));
            return;
        }
        resp->classes[0] = NULL;
        if (!util_strieq(cls->classDecl->name, op->class_name)) {
            MI_Class_Delete(cls);
            mob_op_end(op, mob_result_error(s, MI_RESULT_FAILED, MI_ERRORCATEGORY_INVALID_RESULT,
                                            "the answer to GetClass holds another class"));
        } else if (mob_class_take(op, cls, MI_FALSE) != 0) {
            mob_op_end(op, NULL); /* (out of memory, which mob_op_push reports) */
        } else {
            op->phase = MOB_PH_LINK; /* its class is its final result */
        }
        return;
    }
    for (i = 0; i < resp->num_classes && !lost; i++) {
        MI_Class *cls = resp->classes[i];
        resp->classes[i] = NULL;
        lost = mob_class_take(op, cls, MI_TRUE) != 0;
    }
    if (mob_op_context(op, resp, resp->num_classes) && !lost) {
        op->after = mob_result_new(NULL, MI_FALSE, MI_RESULT_OK);
        op->phase = MOB_PH_LINK;
    } else if (lost) {
        mob_op_end(op, mob_result_error(s, MIC_RESULT_NOMEM, MI_ERRORCATEGORY_RESOURCE_UNAVAILABLE,
                                        "out of memory: an enumerated class could not be kept"));
    }
}

void mob_op_response(mob_session *s, mob_op *op, mob_http_result *hr, wsman_parser *parser)
{
    wsman_response resp;
    mob_result *res = mob_exchange_read(s, op, hr, parser, &resp);

    if (op->phase == MOB_PH_RELEASE) {
        if (!res)
            wsman_response_free(&resp);
        mob_result_free(res);
        free(op->context);
        op->context = NULL;
        op->releasing = MI_FALSE;
        res = op->after;
        op->after = NULL;
        mob_op_end(op, res);
        return;
    }
    if (mob_class_fetching(op)) {
        mob_class_parent(op, res ? NULL : &resp);
        mob_result_free(res);
        return;
    }
    if (res) {
        mob_op_end(op, res);
        return;
    }
    if (resp.result != MI_RESULT_OK) {
        res = mob_result_from_fault(&resp);
        wsman_response_free(&resp);
        mob_op_end(op, res);
        return;
    }
    if (MOB_KIND_IS_CLASS(op->kind)) {
        mob_op_classes(s, op, &resp);
    } else if (op->kind == MOB_OP_SUBSCRIBE && op->req.action == WSMAN_ACTION_SUBSCRIBE) {
        /* Subscribed: its events are pulled from the context it gave. */
        free(op->sub_id);
        op->sub_id = resp.identifier;
        resp.identifier = NULL;
        op->context = resp.context;
        resp.context = NULL;
    } else if (MOB_KIND_IS_ENUM(op->kind) || op->kind == MOB_OP_SUBSCRIBE) {
        mob_op_enumerated(s, op, &resp);
    } else if (op->kind == MOB_OP_IDENTIFY) {
        MI_Instance *inst = mob_identify_instance(&resp);
        mob_op_end(op, inst ? mob_result_new(inst, MI_FALSE, MI_RESULT_OK) : NULL);
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
        /* (NULL: out of memory, which mob_op_push reports) */
        mob_op_end(op, ok ? mob_result_new(inst, MI_FALSE, MI_RESULT_OK) : NULL);
    }
    wsman_response_free(&resp);
}

int mob_op_advance(mob_session *s, mob_op *op)
{
    for (;;) {
        int st = mob_op_pump(s, op);
        if (st != MOB_STEP_SEND)
            return st;
        if (mob_op_next(s, op))
            return MOB_STEP_SEND;
        if (!op->phead)
            return MOB_STEP_DONE; /* (not even a spare result was left to say so) */
        /* (its last result is made: delivered by the next pump) */
    }
}
