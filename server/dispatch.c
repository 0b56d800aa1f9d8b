/* SPDX-License-Identifier: MIT */
/* server/dispatch.c: the WS-Man operations of mofbind-server: a request read by the codec
 * (runtime/wsman/wsman.h), checked against the schema the way a CIM server checks it, carried out
 * on the repository, and answered with a response or a fault written by the codec. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assoc.h"
#include "classes.h"
#include "enums.h"
#include "core.h"
#include "providers.h"
#include "repo.h"
#include "resolve.h"
#include "server_int.h"
#include "state.h"
#include "subscribe.h"
#include "typing.h"
#include "wql.h"
#include "wsman.h"

#define DSP_FAULT_DETAIL "http://schemas.dmtf.org/wbem/wsman/1/wsman/faultDetail/"

/* What one request is being answered with. */
typedef struct dsp {
    msrv_server *srv;
    wsman_codec codec;
    wsman_message msg;
    bool have_msg;
    srv_reply *reply;
    wsman_buf out;
    MI_Uint32 envelope; /* the response must fit in this many bytes */
    const char *ns;     /* the namespace asked for */
    const mof_namespace *nsp;
    const mof_class *cls;
    char ns_buf[256];
    char class_buf[256];
    MI_Instance *prov_options; /* the custom options as providers get them (prov_req) */
    bool have_prov_options;
    const srv_request *req;
} dsp;

/* ---- answers ------------------------------------------------------------------------- */

static void take_out(dsp *d, unsigned status)
{
    d->reply->status = status;
    d->reply->body = util_buf_take(&d->out, &d->reply->len);
    if (!d->reply->body)
        d->reply->status = 500;
}

static void fault_desc(dsp *d, const wsman_fault_desc *f)
{
    util_buf_reset(&d->out);
    d->reply->result = (int)f->result;
    if (wsman_write_fault(f, d->have_msg ? d->msg.message_id : NULL, &d->out) != MI_RESULT_OK)
        util_buf_fail(&d->out);
    take_out(d, 500);
}

/* A fault for an MI_Result, with the standard text or a more precise message. */
static void fault(dsp *d, MI_Result r, const char *message)
{
    wsman_fault_desc f;
    wsman_fault_for_result(r, message && message[0] ? message : NULL, &f);
    fault_desc(d, &f);
}

static void fault_limit(dsp *d, MI_Result r, const char *detail, const char *message)
{
    wsman_fault_desc f;
    memset(&f, 0, sizeof f);
    f.result = r;
    f.code = "Sender";
    f.subcode = "wsman:EncodingLimit";
    f.fault_detail = detail;
    snprintf(f.message, sizeof f.message, "%s", message);
    fault_desc(d, &f);
}

/* Writes a success reply, within the envelope size the client allows. Returns the result. */
/* Writes a success reply into d->out, within the envelope size the client allows, without
 * sending it yet (take_out(d, 200) does). Returns the result. */
static MI_Result prepare(dsp *d, wsman_reply *rep)
{
    wsman_error err;
    MI_Result r;
    memset(&err, 0, sizeof err);
    rep->action = d->msg.action;
    rep->relates_to = d->msg.message_id;
    r = wsman_write_reply(rep, &d->out, &err);
    if (r != MI_RESULT_OK) /* (out of memory: not the MaxEnvelopeSize fault) */
        return r == MI_RESULT_SERVER_LIMITS_EXCEEDED ? MI_RESULT_FAILED : r;
    if (d->out.len > d->envelope)
        return MI_RESULT_SERVER_LIMITS_EXCEEDED;
    return MI_RESULT_OK;
}

/* Writes and sends a success reply. Returns the result. */
static MI_Result answer(dsp *d, wsman_reply *rep)
{
    MI_Result r = prepare(d, rep);
    if (r != MI_RESULT_OK)
        return r;
    d->reply->result = MI_RESULT_OK;
    take_out(d, 200);
    return MI_RESULT_OK;
}

/* The fault for a reply that could not be written. */
static void reply_fault(dsp *d, MI_Result r)
{
    if (r == MI_RESULT_SERVER_LIMITS_EXCEEDED)
        fault_limit(d, r, DSP_FAULT_DETAIL "MaxEnvelopeSize",
                    "The response would exceed the MaxEnvelopeSize of the request.");
    else if (r != MI_RESULT_OK)
        fault(d, r, "The response could not be written.");
}

static void answer_or_fault(dsp *d, wsman_reply *rep)
{
    MI_Result r = answer(d, rep);
    if (r != MI_RESULT_OK)
        reply_fault(d, r);
}

/* ---- namespace, class, keys ---------------------------------------------------------- */

/* The namespace of a request: the __cimnamespace selector; else, as WinRM reads them, the
 * namespace in a WMI-form ResourceURI (.../wsman/1/wmi/root/cimv2/Class) or a
 * ?__cimnamespace= query on it; else the server's default (not OMI's `interop`). */
static const char *request_ns(dsp *d)
{
    const char *uri = d->msg.resource_uri, *q;
    size_t plen = strlen(WSMAN_URI_PREFIX_WMI);
    if (d->msg.name_space && d->msg.name_space[0])
        return d->msg.name_space;
    if (uri && (q = strstr(uri, "?__cimnamespace=")) != NULL && q[16]) {
        size_t n = strcspn(q + 16, "&");
        if (n < sizeof d->ns_buf) {
            memcpy(d->ns_buf, q + 16, n);
            d->ns_buf[n] = '\0';
            return d->ns_buf;
        }
    }
    if (uri && strncmp(uri, WSMAN_URI_PREFIX_WMI, plen) == 0) {
        const char *last = strrchr(uri, '/');
        if (last && last > uri + plen && (size_t)(last - uri - plen) < sizeof d->ns_buf) {
            memcpy(d->ns_buf, uri + plen, (size_t)(last - uri - plen));
            d->ns_buf[last - uri - plen] = '\0';
            return d->ns_buf;
        }
    }
    return srv_default_ns(d->srv);
}

/* The class name a ResourceURI routes to: its last segment, without a query. */
static const char *uri_class(dsp *d, const char *name)
{
    size_t n;
    if (!name)
        return NULL;
    n = strcspn(name, "?");
    if (!name[n] || n >= sizeof d->class_buf)
        return name;
    memcpy(d->class_buf, name, n);
    d->class_buf[n] = '\0';
    return d->class_buf;
}

/* WMI spells namespaces with backslashes (root\\cimv2); CIM with slashes. */
static const char *normal_ns(dsp *d, const char *ns)
{
    size_t i, n = strlen(ns);
    if (!strchr(ns, '\\') && ns[0] != '/')
        return ns;
    while (*ns == '/' || *ns == '\\') {
        ns++;
        n--;
    }
    if (n >= sizeof d->ns_buf)
        return ns;
    for (i = 0; i <= n; i++)
        d->ns_buf[i] = ns[i] == '\\' ? '/' : ns[i];
    return d->ns_buf;
}

static bool find_ns(dsp *d)
{
    char msg[256];
    d->ns = normal_ns(d, request_ns(d));
    d->nsp = d->srv->have_schema ? mof_schema_ns(&d->srv->schema, d->ns) : NULL;
    if (!d->nsp) {
        snprintf(msg, sizeof msg, "The target namespace does not exist: %.120s", d->ns);
        fault(d, MI_RESULT_INVALID_NAMESPACE, msg);
        return false;
    }
    return true;
}

static bool find_class(dsp *d, const char *name)
{
    char msg[256];
    if (!find_ns(d))
        return false;
    name = uri_class(d, name);
    d->cls = name && name[0] ? mof_map_get(&d->nsp->classes, name) : NULL;
    if (!d->cls) {
        snprintf(msg, sizeof msg, "The specified class does not exist: %.100s in %.100s",
                 name && name[0] ? name : "(none)", d->nsp->name);
        fault(d, MI_RESULT_INVALID_CLASS, msg);
        return false;
    }
    snprintf(d->reply->class_name, sizeof d->reply->class_name, "%s", d->cls->name);
    return true;
}

/* The key text of the instance the selectors name. */
static bool selector_key(dsp *d, char **key)
{
    MI_Instance *k = NULL;
    char msg[256] = "";
    MI_Result r;
    if (d->msg.num_selectors == 0 && d->cls->nkeys > 0) {
        snprintf(msg, sizeof msg,
                 "The instance name parameter is missing: the keys of %s "
                 "go in the SelectorSet",
                 d->cls->name);
        fault(d, MI_RESULT_INVALID_PARAMETER, msg);
        return false;
    }
    r = srv_selector_instance(d->cls, d->msg.selectors, d->msg.num_selectors, &k, msg, sizeof msg);
    if (r == MI_RESULT_OK) {
        r = srv_instance_key(d->cls, k, key);
        MI_Instance_Delete(k);
    }
    if (r != MI_RESULT_OK) {
        fault(d, r, msg);
        return false;
    }
    return true;
}

static void not_found(dsp *d)
{
    char msg[256];
    snprintf(msg, sizeof msg,
             "The requested object cannot be found: no %s with these keys "
             "in %s",
             d->cls->name, d->nsp->name);
    fault(d, MI_RESULT_NOT_FOUND, msg);
}

/* Makes the change of generation gen durable (state.h), after the repository lock is released.
 * On failure the message for the fault goes to msg. */
static bool persist(dsp *d, unsigned long long gen, char *msg, size_t msglen)
{
    char err[256];
    if (srv_state_commit(d->srv, gen, err, sizeof err) == 0)
        return true;
    srv_notice(d->srv, "cannot save the state: %s", err);
    snprintf(msg, msglen, "The change could not be saved, so it was undone: %.200s", err);
    return false;
}

/* The typed instance of the request body (Create, Put). */
static bool body_instance(dsp *d, const MI_Instance *base, MI_Instance **out)
{
    MI_Instance *wire = NULL;
    wsman_error err;
    char msg[256] = "";
    MI_Result r;
    memset(&err, 0, sizeof err);
    r = wsman_message_instance(&d->codec, &d->msg, NULL, NULL, &wire, &err);
    if (r != MI_RESULT_OK) {
        fault(d, r, err.message);
        return false;
    }
    r = srv_type_instance(d->cls, d->srv->decls, wire, base, out, msg, sizeof msg);
    MI_Instance_Delete(wire);
    if (r == MI_RESULT_OK && d->srv->cfg.state_file &&
        (r = srv_state_check(*out, msg, sizeof msg)) != MI_RESULT_OK) {
        /* Acknowledged means saved, and saved means it loads again, bit for bit. */
        MI_Instance_Delete(*out);
        *out = NULL;
    }
    if (r != MI_RESULT_OK) {
        if (r == MI_RESULT_NO_SUCH_PROPERTY && !msg[0])
            snprintf(msg, sizeof msg, "The specified property does not exist.");
        fault(d, r, msg);
        return false;
    }
    return true;
}

/* ---- classes a provider serves ----------------------------------------------------------
 * The request goes to the provider's host (providers.h) instead of the repository; what the
 * provider posts is the answer, and a result other than MI_RESULT_OK (with its message, or the
 * Message of the error instance it posted) the fault. */

/* The request's custom options (its OptionSet), one element each, typed as the client's Type
 * attribute says (text that does not read as that type stays a string), named without the
 * prefix MS-WSMV's own options carry ("wmi:__MI_OPERATIONOPTIONS_PROMPTUSERMODE" is
 * "__MI_OPERATIONOPTIONS_PROMPTUSERMODE": an element name has no colon); NULL when none, or
 * when out of memory (a provider then finds no options). An option whose name cannot be an
 * element's is left out. Made once per request. */
static const MI_Instance *prov_options(dsp *d)
{
    MI_Instance *o = NULL;
    MI_Result r;
    size_t i;
    if (d->have_prov_options || !d->msg.num_options)
        return d->prov_options;
    d->have_prov_options = true;
    if (mic_instance_new("__OperationOptions", NULL, &o) != MI_RESULT_OK)
        return NULL;
    for (i = 0; i < d->msg.num_options; i++) {
        const wsman_option_text *t = &d->msg.options[i];
        MI_Type type = wsman_xs_type_mi(t->type);
        MI_Value v;
        const char *name = t->name && strchr(t->name, ':') ? strchr(t->name, ':') + 1 : t->name;
        if (!name || !t->value)
            continue;
        if (type == MI_DATETIME || wsman_parse_scalar(t->value, type, &v) != MI_RESULT_OK) {
            type = MI_STRING;
            v.string = t->value;
        }
        r = MI_Instance_AddElement(o, name, &v, type, 0);
        if (r == MI_RESULT_ALREADY_EXISTS)
            r = MI_Instance_SetElement(o, name, &v, type, 0);
        if (r == MIC_RESULT_NOMEM) {
            MI_Instance_Delete(o);
            return NULL;
        }
    }
    d->prov_options = o;
    return o;
}

/* A request for a provider: the operation on cls, with the client's locales and options. */
static void prov_req(dsp *d, srv_prov_req *req, pw_op op, const char *cls)
{
    memset(req, 0, sizeof *req);
    req->op = op;
    req->ns = d->nsp->name;
    req->cls = cls;
    req->locale = d->msg.locale;
    req->data_locale = d->msg.data_locale;
    req->options = prov_options(d);
    req->gone = d->req->gone; /* a client that leaves cancels the provider's work */
    req->gone_ctx = d->req->gone_ctx;
}

static void prov_fault(dsp *d, const srv_prov_answer *a)
{
    fault(d, a->result == MI_RESULT_OK ? MI_RESULT_FAILED : a->result,
          a->message[0] ? a->message : NULL);
}

/* The keys-only instance the selectors name. */
static bool selector_instance(dsp *d, MI_Instance **k)
{
    char msg[256] = "";
    MI_Result r;
    if (d->msg.num_selectors == 0 && d->cls->nkeys > 0) {
        snprintf(msg, sizeof msg,
                 "The instance name parameter is missing: the keys of %s go in the SelectorSet",
                 d->cls->name);
        fault(d, MI_RESULT_INVALID_PARAMETER, msg);
        return false;
    }
    r = srv_selector_instance(d->cls, d->msg.selectors, d->msg.num_selectors, k, msg, sizeof msg);
    if (r != MI_RESULT_OK) {
        fault(d, r, msg);
        return false;
    }
    return true;
}

/* The instance as the provider has it before a Put or Delete changes it, for the lifecycle
 * indication (PreviousInstance of CIM_InstModification, SourceInstance of CIM_InstDeletion,
 * which DMTF asks to be copied before the deletion): the provider's GetInstance of the
 * selectors' keys, asked only while a subscription in the namespace could want it. NULL when
 * none, or when the provider does not give it (the change goes on regardless: the provider
 * decides whether it can be made). */
static MI_Instance *prov_before(dsp *d, srv_prov *p)
{
    MI_Instance *keys = NULL, *out = NULL;
    srv_prov_answer a;
    srv_prov_req req;
    char msg[256];
    if (!srv_subs_active(d->srv->subs, d->nsp) ||
        srv_selector_instance(d->cls, d->msg.selectors, d->msg.num_selectors, &keys, msg,
                              sizeof msg) != MI_RESULT_OK)
        return NULL;
    prov_req(d, &req, PW_OP_GET, d->cls->name);
    req.a = keys;
    srv_prov_call(d->srv, p, &req, &a);
    if (a.result == MI_RESULT_OK && a.n_items &&
        MI_Instance_Clone(a.items[0], &out) != MI_RESULT_OK)
        out = NULL;
    srv_prov_answer_free(&a);
    MI_Instance_Delete(keys);
    return out;
}

/* Get, Delete, Create, Put on a provider's class: the instance (keys or body) goes out, the
 * first posted instance comes back (Get and Put need one; Create answers with the posted one,
 * else with what was sent; Delete with nothing). */
static void prov_instance_op(dsp *d, srv_prov *p, pw_op op)
{
    MI_Instance *inst = NULL, *before = NULL;
    srv_prov_answer a;
    wsman_reply rep;
    bool ok = op == PW_OP_CREATE || op == PW_OP_MODIFY ? body_instance(d, NULL, &inst)
                                                       : selector_instance(d, &inst);
    if (!ok)
        return;
    srv_prov_req req;
    if (op == PW_OP_MODIFY || op == PW_OP_DELETE)
        before = prov_before(d, p);
    prov_req(d, &req, op, d->cls->name);
    req.a = inst;
    srv_prov_call(d->srv, p, &req, &a);
    if (a.result != MI_RESULT_OK) {
        prov_fault(d, &a);
    } else if ((op == PW_OP_GET || op == PW_OP_MODIFY) && a.n_items == 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "The provider %s answered without an instance", srv_prov_name(p));
        fault(d, MI_RESULT_FAILED, msg);
    } else {
        memset(&rep, 0, sizeof rep);
        if (op != PW_OP_DELETE)
            rep.instance = a.n_items ? a.items[0] : inst;
        MI_Result r = answer(d, &rep);
        if (r != MI_RESULT_OK)
            reply_fault(d, r);
        else if (op != PW_OP_GET) /* the provider made the change: its indication */
            srv_subs_raise(d->srv->subs, d->srv->decls, d->nsp,
                           op == PW_OP_CREATE   ? SRV_EVENT_CREATION
                           : op == PW_OP_MODIFY ? SRV_EVENT_MODIFICATION
                                                : SRV_EVENT_DELETION,
                           op == PW_OP_DELETE ? (before ? before : inst) : rep.instance,
                           op == PW_OP_MODIFY ? before : NULL);
    }
    srv_prov_answer_free(&a);
    MI_Instance_Delete(inst);
    if (before)
        MI_Instance_Delete(before);
}

static bool keep_match(void *ctx, const MI_Instance *inst)
{
    return wql_match(ctx, inst);
}

static void keep_free(void *ctx)
{
    wql_free(ctx);
}

/* Enumerate: a context fed by the provider's stream (providers.h): the instances it posts
 * (those the WQL query, when there is one, matches: it is adopted) are handed out in pages as
 * they come, while it still runs. */
static srv_enum *prov_enumerate(dsp *d, srv_prov *p, wql_query *where)
{
    srv_prov_answer a;
    srv_prov_req req;
    srv_prov_feed *f;
    srv_enum *e;
    prov_req(d, &req, PW_OP_ENUMERATE, d->cls->name);
    req.keys_only = d->msg.epr_mode != MI_FALSE;
    if (where) {
        req.query_lang = "WQL";
        req.query = d->msg.filter;
        req.n_props = wql_selected(where, &req.props);
    }
    f = srv_prov_stream(d->srv, p, &req, where ? keep_match : NULL, where, where ? keep_free : NULL,
                        &a);
    if (!f) {
        prov_fault(d, &a);
        srv_prov_answer_free(&a);
        return NULL;
    }
    e = srv_enum_new(d->srv->enums, 0, NULL, 0, d->msg.epr_mode != MI_FALSE, d->cls->name);
    if (!e) {
        srv_enums_release(d->srv->enums, srv_prov_feed_close(f));
        fault(d, MI_RESULT_FAILED, "out of memory");
        return NULL;
    }
    e->feed = f;
    e->close_feed = srv_prov_feed_close;
    return e;
}

/* A fed context whose batch is all handed out takes the next one (waiting for the provider).
 * Returns false after a fault (e freed): the provider failed, before or after posting. */
static bool refill(dsp *d, srv_enum *e, size_t max)
{
    srv_prov_answer end;
    size_t i, n = 0, bytes = 0;
    MI_Instance **batch;
    bool ended = false;
    if (!e->feed || e->feed_ended || e->pos < e->n)
        return true;
    /* The batch handed out goes, and the bytes it held with it. */
    for (i = 0; i < e->n; i++) {
        size_t b = srv_instance_bytes(e->items[i]) + sizeof *e->items;
        e->bytes -= b < e->bytes ? b : e->bytes;
        srv_enums_release(d->srv->enums, b);
        MI_Instance_Delete(e->items[i]);
    }
    free(e->items);
    e->items = NULL;
    e->n = e->pos = 0;
    batch = srv_prov_feed_take(e->feed, max, &n, &bytes, &ended, &end);
    e->items = batch;
    e->n = batch ? n : 0;
    e->bytes += bytes;
    if (ended && end.result != MI_RESULT_OK) {
        srv_enum_free(e);
        fault(d, end.result, end.message[0] ? end.message : NULL);
        return false;
    }
    e->feed_ended = ended;
    return true;
}

/* Invoke: the target's keys and the typed IN parameters go out; the first posted instance
 * holds the OUT parameters and MIReturn, copied into the method's output instance. */
static MI_Result prov_invoke(dsp *d, srv_prov *p, const mof_method *m, const MI_Instance *in,
                             MI_Instance *out, char *msg, size_t msglen)
{
    MI_Instance *target = NULL;
    srv_prov_answer a;
    srv_prov_req req;
    MI_Uint32 i, count = 0;
    MI_Result r = MI_RESULT_OK;
    if (d->msg.num_selectors > 0 &&
        srv_selector_instance(d->cls, d->msg.selectors, d->msg.num_selectors, &target, msg,
                              msglen) != MI_RESULT_OK)
        return MI_RESULT_INVALID_PARAMETER;
    prov_req(d, &req, PW_OP_INVOKE, d->cls->name);
    req.method = m->name;
    req.a = target;
    req.b = in;
    srv_prov_call(d->srv, p, &req, &a);
    if (target)
        MI_Instance_Delete(target);
    if (a.result != MI_RESULT_OK) {
        size_t n = strlen(a.message);
        r = a.result;
        if (n >= msglen) /* (a truncated message is better than none) */
            n = msglen - 1;
        memcpy(msg, a.message, n);
        msg[n] = '\0';
        srv_prov_answer_free(&a);
        return r;
    }
    if (a.n_items > 0)
        (void)MI_Instance_GetElementCount(a.items[0], &count);
    for (i = 0; i < count && r == MI_RESULT_OK; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t, want;
        MI_Uint32 flags = 0;
        if (MI_Instance_GetElementAt(a.items[0], i, &name, &v, &t, &flags) != MI_RESULT_OK ||
            (flags & MI_FLAG_NULL))
            continue;
        if (strcmp(name, "MIReturn") == 0)
            name = "ReturnValue";
        if (MI_Instance_GetElement(out, name, NULL, &want, NULL, NULL) != MI_RESULT_OK)
            continue; /* an IN parameter echoed back, or a name the method does not have */
        if (t != want) {
            snprintf(msg, msglen, "The provider %s posted %s of %s.%s with the wrong type",
                     srv_prov_name(p), name, d->cls->name, m->name);
            r = MI_RESULT_FAILED;
        } else {
            r = MI_Instance_SetElement(out, name, &v, t, 0);
        }
    }
    srv_prov_answer_free(&a);
    return r;
}

/* ---- operations ------------------------------------------------------------------------ */

static void op_identify(dsp *d)
{
    wsman_reply rep;
    memset(&rep, 0, sizeof rep);
    rep.product_vendor = "mofbind";
    rep.product_version = PACKAGE_VERSION;
    answer_or_fault(d, &rep);
}

static void op_create(dsp *d)
{
    MI_Instance *inst = NULL, *event = NULL;
    const mof_class *have = NULL;
    char *key = NULL;
    char msg[300];
    wsman_reply rep;
    unsigned long long gen;
    MI_Result r;
    /* Create names its class by the body element, as OMI reads it. */
    if (!find_class(d,
                    d->msg.body_name && d->msg.body_name[0] ? d->msg.body_name : d->msg.class_name))
        return;
    if (d->cls->flags & MOF_C_ABSTRACT) {
        snprintf(msg, sizeof msg,
                 "The specified class does not exist: %s is abstract and "
                 "cannot have instances",
                 d->cls->name);
        fault(d, MI_RESULT_INVALID_CLASS, msg);
        return;
    }
    if (srv_prov_for(d->srv, d->cls->name)) {
        prov_instance_op(d, srv_prov_for(d->srv, d->cls->name), PW_OP_CREATE);
        return;
    }
    if (!body_instance(d, NULL, &inst))
        return;
    r = srv_instance_key(d->cls, inst, &key);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        free(key);
        fault(d, r, NULL);
        return;
    }
    /* The answer is written first: a change the client cannot be told of is not made. */
    memset(&rep, 0, sizeof rep);
    rep.instance = inst;
    r = prepare(d, &rep);
    if (r != MI_RESULT_OK) {
        MI_Instance_Delete(inst);
        free(key);
        reply_fault(d, r);
        return;
    }
    srv_repo_wrlock(d->srv->repo);
    if (srv_repo_count(d->srv->repo, NULL, NULL) >= d->srv->cfg.max_instances) {
        srv_repo_unlock(d->srv->repo);
        snprintf(msg, sizeof msg, "The repository is full: it holds %zu instances at most",
                 d->srv->cfg.max_instances);
        MI_Instance_Delete(inst);
        free(key);
        fault(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, msg);
        return;
    }
    /* One key space per class that declares the keys: a subclass's instance cannot take
     * the keys of an instance of the key class or of another of its subclasses. */
    if (srv_repo_find_space(d->srv->repo, d->cls, key, &have)) {
        srv_repo_unlock(d->srv->repo);
        snprintf(msg, sizeof msg,
                 "The operation cannot be invoked because an object already "
                 "exists: %s %s with these keys is in %s",
                 srv_article(have->name), have->name, d->nsp->name);
        MI_Instance_Delete(inst);
        free(key);
        fault(d, MI_RESULT_ALREADY_EXISTS, msg);
        return;
    }
    if (srv_repo_insert(d->srv->repo, d->cls, key, inst) != 0) {
        srv_repo_unlock(d->srv->repo);
        MI_Instance_Delete(inst);
        free(key);
        fault(d, MI_RESULT_FAILED, "out of memory");
        return;
    }
    gen = ++d->srv->state_gen;
    /* The indication's copy, made while the instance is surely as created. */
    if (srv_subs_active(d->srv->subs, d->nsp) && MI_Instance_Clone(inst, &event) != MI_RESULT_OK)
        event = NULL;
    srv_repo_unlock(d->srv->repo);
    if (!persist(d, gen, msg, sizeof msg)) {
        if (event)
            MI_Instance_Delete(event);
        /* Not on disk, so not acknowledged: undo, unless it was changed meanwhile. */
        srv_repo_wrlock(d->srv->repo);
        if (srv_repo_find(d->srv->repo, d->cls, key) == inst) {
            MI_Instance_Delete(srv_repo_remove(d->srv->repo, d->cls, key));
            d->srv->state_gen++;
        }
        srv_repo_unlock(d->srv->repo);
        free(key);
        fault(d, MI_RESULT_FAILED, msg);
        return;
    }
    free(key);
    d->reply->result = MI_RESULT_OK;
    take_out(d, 200);
    if (event) {
        srv_subs_raise(d->srv->subs, d->srv->decls, d->nsp, SRV_EVENT_CREATION, event, NULL);
        MI_Instance_Delete(event);
    }
}

/* ---- classes: GetClass and EnumerateClasses over the CIM-XML resource (classes.h) ------- */

static void serve_enum(dsp *d, srv_enum *e);

static bool class_request(dsp *d)
{
    return d->msg.resource_uri && strcmp(d->msg.resource_uri, WSMAN_URI_CIMXML_SCHEMA) == 0;
}

/* The ClassName selector ("" when empty), NULL when absent. */
static const char *class_selector(dsp *d)
{
    size_t i;
    for (i = 0; i < d->msg.num_selectors; i++)
        if (d->msg.selectors[i].name && !strcmp(d->msg.selectors[i].name, "ClassName"))
            return d->msg.selectors[i].value ? d->msg.selectors[i].value : "";
    return NULL;
}

/* A boolean option of the request, by its name with or without a prefix (OMI reads
 * "IncludeQualifiers" and "wmi:IncludeQualifiers" alike). */
static bool opt_bool(dsp *d, const char *name, bool dflt)
{
    size_t i;
    for (i = 0; i < d->msg.num_options; i++) {
        const char *n = d->msg.options[i].name, *c, *v = d->msg.options[i].value;
        if (!n || !v)
            continue;
        if ((c = strchr(n, ':')))
            n = c + 1;
        if (strcmp(n, name) != 0)
            continue;
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
            v++;
        return !strncmp(v, "true", 4) || !strncmp(v, "TRUE", 4) || *v == '1';
    }
    return dflt;
}

static void class_opts(dsp *d, srv_class_opts *o)
{
    o->qualifiers = opt_bool(d, "IncludeQualifiers", true);
    o->inherited = opt_bool(d, "IncludeInheritedElements", true);
    o->hierarchy = opt_bool(d, "IncludeInheritanceHierarchy", true);
    o->names_only = opt_bool(d, "ClassNamesOnly", false);
}

static void op_get_class(dsp *d)
{
    const char *name = class_selector(d);
    srv_class_opts o;
    wsman_buf x;
    wsman_reply rep;
    if (!name || !*name) {
        fault(d, MI_RESULT_INVALID_PARAMETER, "GetClass needs the class in the ClassName selector");
        return;
    }
    if (!find_class(d, name))
        return;
    class_opts(d, &o);
    o.names_only = false;
    util_buf_init(&x);
    if (srv_class_xml(&x, d->cls, &o) != 0) {
        fault(d, MI_RESULT_FAILED,
              x.failed ? "out of memory" : "The class holds text XML cannot carry.");
        util_buf_free(&x);
        return;
    }
    memset(&rep, 0, sizeof rep);
    rep.xml_body = x.data;
    answer_or_fault(d, &rep);
    util_buf_free(&x);
}

static void op_enum_classes(dsp *d)
{
    const char *name = class_selector(d);
    const mof_class *base = NULL, **v = NULL;
    srv_class_opts o;
    char **xml = NULL, msg[300];
    size_t n, i, bytes = 0;
    srv_enum *e;
    if (!find_ns(d))
        return;
    if (name && *name) {
        if (!find_class(d, name))
            return;
        base = d->cls;
    } else {
        snprintf(d->reply->class_name, sizeof d->reply->class_name, "*");
    }
    class_opts(d, &o);
    n = srv_classes_select(d->nsp, base, opt_bool(d, "DeepInheritance", true), NULL);
    if ((n && !(v = malloc(n * sizeof *v))) || (n && !(xml = calloc(n, sizeof *xml)))) {
        free(v);
        fault(d, MI_RESULT_FAILED, "out of memory");
        return;
    }
    srv_classes_select(d->nsp, base, opt_bool(d, "DeepInheritance", true), v);
    for (i = 0; i < n; i++) {
        wsman_buf x;
        util_buf_init(&x);
        if (srv_class_xml(&x, v[i], &o) != 0) {
            snprintf(msg, sizeof msg, "%s: %.100s",
                     x.failed ? "out of memory" : "The class holds text XML cannot carry",
                     v[i]->name);
            util_buf_free(&x);
            break;
        }
        xml[i] = x.data;
        bytes += x.len + sizeof *xml;
    }
    free(v);
    if (i == n && srv_enums_reserve(d->srv->enums, bytes) != 0) {
        snprintf(msg, sizeof msg,
                 "The enumeration contexts would hold more than %zu bytes: release or finish "
                 "open enumerations",
                 srv_enums_max_bytes(d->srv->enums));
        for (i = 0; i < n; i++)
            free(xml[i]);
        free(xml);
        fault(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, msg);
        return;
    }
    if (i < n ||
        !(e = srv_enum_new(d->srv->enums, bytes, NULL, n, false, base ? base->name : "*"))) {
        size_t k;
        for (k = 0; k < n; k++)
            free(xml[k]);
        free(xml);
        fault(d, MI_RESULT_FAILED, i < n ? msg : "out of memory");
        return;
    }
    e->xml = xml;
    serve_enum(d, e);
}

static void op_get(dsp *d)
{
    char *key = NULL;
    MI_Instance *inst;
    wsman_reply rep;
    if (class_request(d)) {
        op_get_class(d);
        return;
    }
    if (!find_class(d, d->msg.class_name))
        return;
    if (srv_prov_for(d->srv, d->cls->name)) {
        prov_instance_op(d, srv_prov_for(d->srv, d->cls->name), PW_OP_GET);
        return;
    }
    if (!selector_key(d, &key))
        return;
    srv_repo_rdlock(d->srv->repo);
    inst = srv_repo_find(d->srv->repo, d->cls, key);
    free(key);
    if (!inst) {
        srv_repo_unlock(d->srv->repo);
        not_found(d);
        return;
    }
    memset(&rep, 0, sizeof rep);
    rep.instance = inst;
    answer_or_fault(d, &rep);
    srv_repo_unlock(d->srv->repo);
}

static void op_put(dsp *d)
{
    MI_Result r;
    char *key = NULL, *newkey = NULL;
    char msg[300];
    MI_Instance *cur, *inst = NULL, *old, *event = NULL;
    const mof_class *have = NULL;
    wsman_reply rep;
    unsigned long long gen;
    if (!find_class(d, d->msg.class_name))
        return;
    if (srv_prov_for(d->srv, d->cls->name)) {
        prov_instance_op(d, srv_prov_for(d->srv, d->cls->name), PW_OP_MODIFY);
        return;
    }
    if (!selector_key(d, &key))
        return;
    srv_repo_wrlock(d->srv->repo);
    cur = srv_repo_find_space(d->srv->repo, d->cls, key, &have);
    if (!cur || !mof_class_isa(have, d->cls)) {
        srv_repo_unlock(d->srv->repo);
        free(key);
        not_found(d);
        return;
    }
    /* Through a superclass's URI, the instance stays of its own class. */
    d->cls = have;
    if (!body_instance(d, cur, &inst)) {
        srv_repo_unlock(d->srv->repo);
        free(key);
        return;
    }
    if (srv_instance_key(d->cls, inst, &newkey) != MI_RESULT_OK || strcmp(newkey, key) != 0) {
        srv_repo_unlock(d->srv->repo);
        MI_Instance_Delete(inst);
        free(key);
        free(newkey);
        fault(d, MI_RESULT_INVALID_PARAMETER,
              "The key properties of the body differ from the selectors: a Put cannot change "
              "an instance's keys");
        return;
    }
    free(newkey);
    /* The answer is written first: a change the client cannot be told of is not made. */
    memset(&rep, 0, sizeof rep);
    rep.instance = inst;
    r = prepare(d, &rep);
    if (r != MI_RESULT_OK) {
        srv_repo_unlock(d->srv->repo);
        MI_Instance_Delete(inst);
        free(key);
        reply_fault(d, r);
        return;
    }
    if (srv_subs_active(d->srv->subs, d->nsp) && MI_Instance_Clone(inst, &event) != MI_RESULT_OK)
        event = NULL;
    old = srv_repo_replace(d->srv->repo, d->cls, key, inst);
    gen = ++d->srv->state_gen;
    srv_repo_unlock(d->srv->repo);
    if (!persist(d, gen, msg, sizeof msg)) {
        if (event)
            MI_Instance_Delete(event);
        srv_repo_wrlock(d->srv->repo);
        if (srv_repo_find(d->srv->repo, d->cls, key) == inst) {
            MI_Instance_Delete(srv_repo_replace(d->srv->repo, d->cls, key, old));
            old = NULL;
            d->srv->state_gen++;
        }
        srv_repo_unlock(d->srv->repo);
        if (old)
            MI_Instance_Delete(old);
        free(key);
        fault(d, MI_RESULT_FAILED, msg);
        return;
    }
    free(key);
    d->reply->result = MI_RESULT_OK;
    take_out(d, 200);
    if (event) {
        srv_subs_raise(d->srv->subs, d->srv->decls, d->nsp, SRV_EVENT_MODIFICATION, event, old);
        MI_Instance_Delete(event);
    }
    MI_Instance_Delete(old);
}

static void op_delete(dsp *d)
{
    char *key = NULL;
    char msg[300];
    MI_Instance *gone;
    wsman_reply rep;
    unsigned long long gen;
    if (!find_class(d, d->msg.class_name))
        return;
    if (srv_prov_for(d->srv, d->cls->name)) {
        prov_instance_op(d, srv_prov_for(d->srv, d->cls->name), PW_OP_DELETE);
        return;
    }
    if (!selector_key(d, &key))
        return;
    srv_repo_wrlock(d->srv->repo);
    gone = srv_repo_remove(d->srv->repo, d->cls, key);
    if (!gone) {
        srv_repo_unlock(d->srv->repo);
        free(key);
        not_found(d);
        return;
    }
    gen = ++d->srv->state_gen;
    srv_repo_unlock(d->srv->repo);
    if (!persist(d, gen, msg, sizeof msg)) {
        srv_repo_wrlock(d->srv->repo);
        if (!srv_repo_find(d->srv->repo, d->cls, key) &&
            srv_repo_insert(d->srv->repo, d->cls, key, gone) == 0) {
            gone = NULL;
            d->srv->state_gen++;
        }
        srv_repo_unlock(d->srv->repo);
        if (gone)
            MI_Instance_Delete(gone);
        free(key);
        fault(d, MI_RESULT_FAILED, msg);
        return;
    }
    free(key);
    memset(&rep, 0, sizeof rep);
    if (answer(d, &rep) == MI_RESULT_OK)
        srv_subs_raise(d->srv->subs, d->srv->decls, d->nsp, SRV_EVENT_DELETION, gone, NULL);
    else
        reply_fault(d, MI_RESULT_FAILED);
    MI_Instance_Delete(gone);
}

/* Hands out the next items of e (at most max, fewer when the envelope is too small), and
 * puts e back in the table unless the sequence ended. */
static void page(dsp *d, srv_enum *e, size_t max, bool optimized)
{
    wsman_reply rep;
    size_t n;
    MI_Result r;
    if (!refill(d, e, max))
        return;
    n = e->n - e->pos;
    if (n > max)
        n = max;
    for (;;) {
        bool end = e->pos + n >= e->n && (!e->feed || e->feed_ended);
        memset(&rep, 0, sizeof rep);
        if (e->xml)
            rep.xml_items = (const char *const *)(e->xml + e->pos);
        else
            rep.items = n ? (const MI_Instance *const *)(e->items + e->pos) : NULL;
        rep.num_items = n;
        rep.end_of_sequence = end ? MI_TRUE : MI_FALSE;
        rep.context = end ? NULL : e->id;
        rep.epr_mode = e->epr_mode ? MI_TRUE : MI_FALSE;
        rep.optimized = optimized ? MI_TRUE : MI_FALSE;
        util_buf_reset(&d->out);
        r = answer(d, &rep);
        if (r == MI_RESULT_SERVER_LIMITS_EXCEEDED && n > 1) {
            n /= 2; /* fewer items per envelope */
            continue;
        }
        break;
    }
    if (r != MI_RESULT_OK) {
        srv_enum_free(e);
        if (r == MI_RESULT_SERVER_LIMITS_EXCEEDED)
            fault_limit(d, r, DSP_FAULT_DETAIL "MaxEnvelopeSize",
                        "An item of the enumeration does not fit in the MaxEnvelopeSize of "
                        "the request.");
        else
            fault(d, r, "The response could not be written.");
        return;
    }
    e->pos += n;
    if (e->pos >= e->n && (!e->feed || e->feed_ended))
        srv_enum_free(e);
    else
        srv_enums_put(d->srv->enums, e);
}

typedef struct snap {
    MI_Instance **v;
    size_t n, cap;
    size_t bytes, max_bytes; /* what the copies hold; the most contexts may hold */
    bool failed;
    bool too_big;
    const wql_query *where; /* NULL: every instance */
} snap;

static int snap_one(void *ctx, const mof_class *cls, const MI_Instance *inst)
{
    snap *s = ctx;
    MI_Instance *c;
    (void)cls;
    if (s->where && !wql_match(s->where, inst))
        return 0;
    s->bytes += srv_instance_bytes(inst) + sizeof *s->v;
    if (s->bytes > s->max_bytes) {
        s->too_big = true; /* stop copying: it could never be kept */
        return 1;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        MI_Instance **nv = realloc(s->v, cap * sizeof *nv);
        if (!nv) {
            s->failed = true;
            return 1;
        }
        s->v = nv;
        s->cap = cap;
    }
    if (MI_Instance_Clone(inst, &c) != MI_RESULT_OK) {
        s->failed = true;
        return 1;
    }
    s->v[s->n++] = c;
    return 0;
}

/* Answers an Enumerate over the context e (owned): the first page, or the context alone. */
static void serve_enum(dsp *d, srv_enum *e)
{
    if (d->msg.optimize) {
        page(d, e, d->msg.max_elements ? d->msg.max_elements : (size_t)-1, true);
    } else {
        /* Items come with Pull: the response carries the context only. */
        wsman_reply rep;
        MI_Result r;
        memset(&rep, 0, sizeof rep);
        rep.context = e->id;
        rep.epr_mode = e->epr_mode ? MI_TRUE : MI_FALSE;
        r = answer(d, &rep);
        if (r != MI_RESULT_OK) {
            srv_enum_free(e);
            fault(d, r, NULL);
            return;
        }
        srv_enums_put(d->srv->enums, e);
    }
}

/* Answers an Enumerate over items (adopted), counted against the contexts' byte limit. */
static void start_enum(dsp *d, MI_Instance **items, size_t n, const char *class_name)
{
    size_t i, bytes = 0;
    srv_enum *e;
    for (i = 0; i < n; i++)
        bytes += srv_instance_bytes(items[i]) + sizeof *items;
    if (srv_enums_reserve(d->srv->enums, bytes) != 0) {
        char msg[300];
        for (i = 0; i < n; i++)
            MI_Instance_Delete(items[i]);
        free(items);
        snprintf(msg, sizeof msg,
                 "The enumeration contexts would hold more than %zu bytes: release or "
                 "finish open enumerations, or select fewer instances",
                 srv_enums_max_bytes(d->srv->enums));
        fault(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, msg);
        return;
    }
    e = srv_enum_new(d->srv->enums, bytes, items, n, d->msg.epr_mode != MI_FALSE, class_name);
    if (!e) {
        fault(d, MI_RESULT_FAILED, "out of memory");
        return;
    }
    serve_enum(d, e);
}

/* Appends src's n items (adopted) to *items. Returns false when out of memory (src freed). */
static bool append_items(MI_Instance ***items, size_t *n, MI_Instance **src, size_t m)
{
    MI_Instance **nv;
    size_t i;
    if (!m)
        return true;
    nv = realloc(*items, (*n + m) * sizeof *nv);
    if (!nv) {
        for (i = 0; i < m; i++)
            MI_Instance_Delete(src[i]);
        return false;
    }
    memcpy(nv + *n, src, m * sizeof *src);
    *items = nv;
    *n += m;
    return true;
}

/* Associators and References from the association classes providers serve, as OMI hands them
 * out: each association class of the namespace that a provider serves, that the filter allows
 * (the association class, or for References the result class, deep) and that has a reference
 * (under the role asked) able to name the source gets the request, with the source's typed
 * keys. What they post joins *items; an Associators result of a class outside the result class
 * asked is dropped. Returns false after a fault (a provider's failure fails the operation). */
static bool prov_associations(dsp *d, const srv_assoc_query *q, const mof_class *src,
                              const MI_Instance *keys, MI_Instance ***items, size_t *n)
{
    const mof_class *filter = NULL, *result = NULL;
    size_t i, k;
    if (q->assoc_class && !(filter = mof_map_get(&d->nsp->classes, q->assoc_class)))
        return true; /* the repository's pass has said so */
    if (q->result_class && !(result = mof_map_get(&d->nsp->classes, q->result_class)))
        return true;
    for (i = 0; i < d->nsp->classes.n; i++) {
        const mof_class *c = mof_map_at(&d->nsp->classes, i);
        srv_prov *p = srv_prov_for(d->srv, c->name);
        srv_prov_answer a;
        srv_prov_req req;
        if (!p || !(c->flags & MOF_C_ASSOCIATION) || (filter && !mof_class_isa(c, filter)) ||
            (q->references && result && !mof_class_isa(c, result)) ||
            !srv_assoc_can_name(d->nsp, c, src, q->role))
            continue;
        prov_req(d, &req, q->references ? PW_OP_REFERENCES : PW_OP_ASSOCIATORS, c->name);
        req.a = keys;
        req.keys_only = d->msg.epr_mode != MI_FALSE;
        req.role = q->role;
        if (!q->references) {
            req.result_class = q->result_class;
            req.result_role = q->result_role;
        }
        srv_prov_call(d->srv, p, &req, &a);
        if (a.result != MI_RESULT_OK) {
            prov_fault(d, &a);
            srv_prov_answer_free(&a);
            return false;
        }
        for (k = 0; result && !q->references && k < a.n_items; k++) {
            const MI_Char *cn = NULL;
            const mof_class *ic = NULL;
            if (MI_Instance_GetClassName(a.items[k], &cn) == MI_RESULT_OK && cn)
                ic = mof_map_get(&d->nsp->classes, cn);
            if (!ic || !mof_class_isa(ic, result)) {
                MI_Instance_Delete(a.items[k]);
                a.items[k--] = a.items[--a.n_items];
            }
        }
        if (!append_items(items, n, a.items, a.n_items)) {
            a.n_items = 0;
            srv_prov_answer_free(&a);
            fault(d, MI_RESULT_FAILED, "out of memory");
            return false;
        }
        a.n_items = 0;
        srv_prov_answer_free(&a);
    }
    return true;
}

static bool served_elsewhere(void *ctx, const mof_class *cls)
{
    return srv_prov_for(ctx, cls->name) != NULL;
}

/* The Associators results that associations in the repository name and providers serve: each
 * read from its provider by a Get of the reference's keys (one it no longer has is skipped, as
 * a stored reference to nothing is), kept when of the result class asked, joining *items.
 * Returns false after a fault (a provider's failure fails the operation). */
static bool prov_far_ends(dsp *d, const srv_assoc_query *q, MI_Instance **far, size_t n_far,
                          MI_Instance ***items, size_t *n)
{
    const mof_class *result = q->result_class ? mof_map_get(&d->nsp->classes, q->result_class)
                                              : NULL;
    size_t i;
    for (i = 0; i < n_far; i++) {
        const MI_Char *cn = NULL;
        const mof_class *tc, *ic = NULL;
        MI_Instance *keys = NULL;
        srv_prov *p;
        srv_prov_answer a;
        srv_prov_req req;
        char msg[300];
        if (MI_Instance_GetClassName(far[i], &cn) != MI_RESULT_OK || !cn ||
            !(tc = mof_map_get(&d->nsp->classes, cn)) || !(p = srv_prov_for(d->srv, tc->name)) ||
            srv_ref_keys(tc, far[i], &keys, msg, sizeof msg) != MI_RESULT_OK)
            continue; /* (assoc.c gave only such references) */
        prov_req(d, &req, PW_OP_GET, tc->name);
        req.a = keys;
        srv_prov_call(d->srv, p, &req, &a);
        MI_Instance_Delete(keys);
        if (a.result != MI_RESULT_OK && a.result != MI_RESULT_NOT_FOUND) {
            prov_fault(d, &a);
            srv_prov_answer_free(&a);
            return false;
        }
        if (a.n_items && MI_Instance_GetClassName(a.items[0], &cn) == MI_RESULT_OK && cn)
            ic = mof_map_get(&d->nsp->classes, cn);
        if (a.result == MI_RESULT_OK && ic && (!result || mof_class_isa(ic, result))) {
            if (!append_items(items, n, a.items, 1)) {
                a.items[0] = a.items[--a.n_items]; /* (deleted by append_items) */
                srv_prov_answer_free(&a);
                fault(d, MI_RESULT_FAILED, "out of memory");
                return false;
            }
            a.items[0] = a.items[--a.n_items]; /* (adopted: not freed with the answer) */
        }
        srv_prov_answer_free(&a);
    }
    return true;
}

/* Enumerate with DSP0227's association filter: associators or references, from the
 * repository's association instances (assoc.h) and from the association classes providers
 * serve. */
static void op_associations(dsp *d)
{
    srv_assoc_query q;
    MI_Instance **items = NULL, *keys = NULL, **far = NULL;
    const mof_class *src;
    size_t i, n = 0, n_far = 0;
    bool ok = true;
    char msg[300] = "";
    const MI_Char *cn = NULL;
    MI_Result r;
    if (!find_ns(d))
        return;
    memset(&q, 0, sizeof q);
    q.ns = d->nsp;
    q.source = d->msg.assoc_object;
    q.references = d->msg.assoc_references != MI_FALSE;
    q.assoc_class = d->msg.assoc_class;
    q.result_class = d->msg.result_class;
    q.role = d->msg.role;
    q.result_role = d->msg.result_role;
    MI_Instance_GetClassName(q.source, &cn);
    snprintf(d->reply->class_name, sizeof d->reply->class_name, "%s", cn ? cn : "*");
    src = cn ? mof_map_get(&d->nsp->classes, cn) : NULL;
    q.source_elsewhere = src && srv_prov_for(d->srv, src->name);
    q.elsewhere = d->srv->provs ? served_elsewhere : NULL;
    q.elsewhere_ctx = d->srv;
    srv_repo_rdlock(d->srv->repo);
    r = srv_assoc_collect(d->srv->repo, &q, &items, &n, &far, &n_far, msg, sizeof msg);
    srv_repo_unlock(d->srv->repo);
    if (r != MI_RESULT_OK) {
        fault(d, r, msg);
        return;
    }
    ok = prov_far_ends(d, &q, far, n_far, &items, &n);
    for (i = 0; i < n_far; i++)
        MI_Instance_Delete(far[i]);
    free(far);
    /* (the repository's pass checked the class and the keys) */
    if (ok && d->srv->provs &&
        srv_ref_keys(src, q.source, &keys, msg, sizeof msg) == MI_RESULT_OK) {
        ok = prov_associations(d, &q, src, keys, &items, &n);
        MI_Instance_Delete(keys);
    }
    if (!ok) {
        for (i = 0; i < n; i++)
            MI_Instance_Delete(items[i]);
        free(items);
        return;
    }
    start_enum(d, items, n, d->reply->class_name);
}

static void op_enumerate(dsp *d)
{
    snap s;
    srv_enum *e;
    wql_query *q = NULL;
    memset(&s, 0, sizeof s);
    if (class_request(d)) {
        op_enum_classes(d);
        return;
    }
    if (d->msg.assoc_object) {
        op_associations(d);
        return;
    }
    if (d->msg.filter || d->msg.filter_dialect) {
        /* A WQL filter names its class itself (the ResourceURI may end in `*`). */
        char msg[300];
        if (!d->msg.filter_dialect || strcmp(d->msg.filter_dialect, WSMAN_DIALECT_WQL) != 0) {
            snprintf(msg, sizeof msg, "The filter dialect %.160s is not supported: use WQL (%s)",
                     d->msg.filter_dialect ? d->msg.filter_dialect : "(none)", WSMAN_DIALECT_WQL);
            fault(d, MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED, msg);
            return;
        }
        if (!find_ns(d))
            return;
        q = wql_parse(d->msg.filter, d->nsp, msg, sizeof msg);
        if (!q) {
            char m2[400];
            snprintf(m2, sizeof m2, "The query is not valid: %s", msg);
            fault(d, MI_RESULT_INVALID_QUERY, m2);
            return;
        }
        d->cls = wql_class(q);
        snprintf(d->reply->class_name, sizeof d->reply->class_name, "%s", d->cls->name);
        s.where = q;
    } else if (!find_class(d, d->msg.class_name)) {
        return;
    }
    if (srv_prov_for(d->srv, d->cls->name)) {
        e = prov_enumerate(d, srv_prov_for(d->srv, d->cls->name), q); /* (q adopted) */
        if (e)
            serve_enum(d, e);
        return;
    }
    s.max_bytes = srv_enums_max_bytes(d->srv->enums);
    srv_repo_rdlock(d->srv->repo);
    srv_repo_each(d->srv->repo, d->cls, snap_one, &s);
    srv_repo_unlock(d->srv->repo);
    wql_free(q);
    if (!s.failed && !s.too_big && srv_enums_reserve(d->srv->enums, s.bytes) != 0)
        s.too_big = true;
    if (s.failed || s.too_big) {
        size_t i;
        for (i = 0; i < s.n; i++)
            MI_Instance_Delete(s.v[i]);
        free(s.v);
        if (s.too_big) {
            char msg[300];
            snprintf(msg, sizeof msg,
                     "The enumeration contexts would hold more than %zu bytes: release or "
                     "finish open enumerations, or select fewer instances",
                     s.max_bytes);
            fault(d, MI_RESULT_SERVER_LIMITS_EXCEEDED, msg);
        } else {
            fault(d, MI_RESULT_FAILED, "out of memory");
        }
        return;
    }
    e = srv_enum_new(d->srv->enums, s.bytes, s.v, s.n, d->msg.epr_mode != MI_FALSE, d->cls->name);
    if (!e) {
        fault(d, MI_RESULT_FAILED, "out of memory");
        return;
    }
    serve_enum(d, e);
}

/* ---- subscriptions (subscribe.h) ------------------------------------------------------- */

/* The providers of the indication classes the subscription selects (from and its
 * subclasses) are asked to Subscribe, each attached first. False, with the fault written,
 * when one refused (the others are then told to Unsubscribe with the subscription). */
static bool subscribe_providers(dsp *d, const char *id, uint64_t sid, const mof_class *from)
{
    size_t i;
    for (i = 0; d->srv->provs && i < d->nsp->classes.n; i++) {
        const mof_class *c = mof_map_at(&d->nsp->classes, i);
        srv_prov *p;
        srv_prov_req req;
        srv_prov_answer a;
        if (!(c->flags & MOF_C_INDICATION) || !mof_class_isa(c, from) ||
            !(p = srv_prov_for(d->srv, c->name)))
            continue;
        if (!srv_subs_attach(d->srv->subs, id, p, c->name)) {
            fault(d, MI_RESULT_FAILED, "out of memory");
            return false;
        }
        prov_req(d, &req, PW_OP_SUBSCRIBE, c->name);
        req.query_lang = "WQL";
        req.query = d->msg.filter;
        req.subscription_id = sid;
        req.bookmark = d->msg.bookmark; /* where the subscriber resumes (NULL: now) */
        srv_prov_call(d->srv, p, &req, &a);
        if (a.result != MI_RESULT_OK) {
            srv_subs_detach(d->srv->subs, id, p, c->name);
            prov_fault(d, &a);
            srv_prov_answer_free(&a);
            return false;
        }
        srv_prov_answer_free(&a);
    }
    return true;
}

static void op_subscribe(dsp *d)
{
    char id[48], expires[40], msg[300];
    wsman_fault_desc f;
    wsman_reply rep;
    uint64_t sid;
    const mof_class *from;
    if (!find_ns(d))
        return;
    snprintf(d->reply->class_name, sizeof d->reply->class_name, "%s",
             d->msg.class_name ? d->msg.class_name : "*");
    if (srv_subs_subscribe(d->srv->subs, d->nsp, &d->msg, id, expires, &sid, &from, &f) !=
        MI_RESULT_OK) {
        fault_desc(d, &f);
        return;
    }
    if (!subscribe_providers(d, id, sid, from)) {
        wsman_message m;
        memset(&m, 0, sizeof m);
        m.identifier = id;
        srv_subs_unsubscribe(d->srv->subs, &m, &f);
        return;
    }
    memset(&rep, 0, sizeof rep);
    rep.identifier = id;
    rep.context = id;
    rep.expires = expires[0] ? expires : NULL;
    if (answer(d, &rep) != MI_RESULT_OK) {
        /* Not told of it, the client cannot use it: it goes. */
        wsman_message m;
        memset(&m, 0, sizeof m);
        m.identifier = id;
        srv_subs_unsubscribe(d->srv->subs, &m, &f);
        snprintf(msg, sizeof msg, "The SubscribeResponse could not be written.");
        fault(d, MI_RESULT_FAILED, msg);
    }
}

static void op_renew(dsp *d)
{
    char expires[40];
    wsman_fault_desc f;
    wsman_reply rep;
    if (srv_subs_renew(d->srv->subs, &d->msg, expires, &f) != MI_RESULT_OK) {
        fault_desc(d, &f);
        return;
    }
    memset(&rep, 0, sizeof rep);
    rep.expires = expires[0] ? expires : NULL;
    answer_or_fault(d, &rep);
}

static void op_unsubscribe(dsp *d)
{
    wsman_fault_desc f;
    wsman_reply rep;
    if (srv_subs_unsubscribe(d->srv->subs, &d->msg, &f) != MI_RESULT_OK) {
        fault_desc(d, &f);
        return;
    }
    memset(&rep, 0, sizeof rep);
    answer_or_fault(d, &rep);
}

/* A Pull of a subscription's context: its events, as many as MaxElements and the envelope
 * allow. False when the context is not a subscription's. */
static bool pull_events(dsp *d)
{
    srv_sub_pull p;
    wsman_fault_desc f;
    wsman_reply rep;
    MI_Result r;
    size_t n;
    if (!srv_subs_pull_begin(d->srv->subs, &d->msg, d->msg.max_elements ? d->msg.max_elements : 1,
                             &p, &r, &f))
        return false;
    snprintf(d->reply->class_name, sizeof d->reply->class_name, "(events)");
    if (r != MI_RESULT_OK) {
        fault_desc(d, &f);
        return true;
    }
    n = p.n;
    for (;;) {
        memset(&rep, 0, sizeof rep);
        rep.items = n ? (const MI_Instance *const *)p.items : NULL;
        rep.num_items = n;
        rep.end_of_sequence = p.end && n == p.n ? MI_TRUE : MI_FALSE;
        rep.context = rep.end_of_sequence ? NULL : d->msg.context;
        rep.bookmark = srv_subs_pull_bookmark(&p, n);
        util_buf_reset(&d->out);
        r = answer(d, &rep);
        if (r == MI_RESULT_SERVER_LIMITS_EXCEEDED && n > 1) {
            n /= 2;
            continue;
        }
        break;
    }
    if (n < p.n)
        p.end = false; /* (the end is answered with the last events) */
    srv_subs_pull_end(d->srv->subs, &p, r == MI_RESULT_OK ? n : 0);
    if (r != MI_RESULT_OK)
        reply_fault(d, r);
    return true;
}

static void op_pull(dsp *d)
{
    srv_enum *e;
    if (pull_events(d))
        return;
    e = srv_enums_take(d->srv->enums, d->msg.context);
    if (!e) {
        fault(d, MI_RESULT_INVALID_ENUMERATION_CONTEXT,
              "The enumeration context is not valid (unknown, finished, released or expired).");
        return;
    }
    snprintf(d->reply->class_name, sizeof d->reply->class_name, "%s", e->class_name);
    page(d, e, d->msg.max_elements ? d->msg.max_elements : 1, false);
}

static void op_release(dsp *d)
{
    srv_enum *e = srv_enums_take(d->srv->enums, d->msg.context);
    wsman_reply rep;
    if (!e && srv_enums_release_pulled(d->srv->enums, d->msg.context)) {
        /* (a client that cancelled during its Pull: the context ends with that Pull) */
        memset(&rep, 0, sizeof rep);
        answer_or_fault(d, &rep);
        return;
    }
    if (!e) {
        fault(d, MI_RESULT_INVALID_ENUMERATION_CONTEXT,
              "The enumeration context is not valid (unknown, finished, released or expired).");
        return;
    }
    snprintf(d->reply->class_name, sizeof d->reply->class_name, "%s", e->class_name);
    srv_enum_free(e);
    memset(&rep, 0, sizeof rep);
    answer_or_fault(d, &rep);
}

static void op_invoke(dsp *d)
{
    const mof_method *m;
    const srv_method *h;
    MI_Instance *target = NULL, *wire = NULL, *in = NULL, *out = NULL;
    char msg[300] = "", hmsg[256] = "";
    wsman_error err;
    msrv_call call;
    wsman_reply rep;
    MI_Result r;

    if (!find_class(d, d->msg.class_name))
        return;
    m = d->msg.method_name ? mof_class_method(d->cls, d->msg.method_name) : NULL;
    if (!m) {
        snprintf(msg, sizeof msg, "The method %.80s is not a method of %s",
                 d->msg.method_name ? d->msg.method_name : "(none)", d->cls->name);
        fault(d, MI_RESULT_METHOD_NOT_FOUND, msg);
        return;
    }
    if (d->msg.num_selectors > 0 && srv_prov_for(d->srv, d->cls->name)) {
        /* the provider finds the instance itself (prov_invoke) */
    } else if (d->msg.num_selectors > 0) {
        char *key = NULL;
        MI_Instance *cur;
        if (!selector_key(d, &key))
            return;
        srv_repo_rdlock(d->srv->repo);
        cur = srv_repo_find(d->srv->repo, d->cls, key);
        r = cur ? MI_Instance_Clone(cur, &target) : MI_RESULT_NOT_FOUND;
        srv_repo_unlock(d->srv->repo);
        free(key);
        if (r == MI_RESULT_NOT_FOUND) {
            not_found(d);
            return;
        }
        if (r != MI_RESULT_OK) {
            fault(d, MI_RESULT_FAILED, "out of memory");
            return;
        }
    } else if (!(m->flags & MOF_F_STATIC)) {
        snprintf(msg, sizeof msg,
                 "%s.%s is not static: give the instance's keys in the "
                 "SelectorSet",
                 d->cls->name, m->name);
        fault(d, MI_RESULT_INVALID_PARAMETER, msg);
        return;
    }
    memset(&err, 0, sizeof err);
    r = d->msg.body_name ? wsman_message_instance(&d->codec, &d->msg, NULL, NULL, &wire, &err)
                         : MI_RESULT_OK;
    if (r != MI_RESULT_OK) {
        fault(d, r, err.message);
        goto out;
    }
    r = srv_type_params(m, wire, &in, msg, sizeof msg);
    if (r == MI_RESULT_OK)
        r = srv_new_output(m, &out);
    if (r != MI_RESULT_OK) {
        fault(d, r, msg);
        goto out;
    }
    if (srv_prov_for(d->srv, d->cls->name)) {
        r = prov_invoke(d, srv_prov_for(d->srv, d->cls->name), m, in, out, msg, sizeof msg);
        if (r != MI_RESULT_OK) {
            fault(d, r, msg[0] ? msg : NULL);
            goto out;
        }
        goto reply;
    }
    h = srv_find_method(d->srv, d->nsp->name, d->cls->name, m->name);
    if (!h) {
        snprintf(msg, sizeof msg,
                 "The requested operation is not supported: no handler is "
                 "registered for %s.%s",
                 d->cls->name, m->name);
        fault(d, MI_RESULT_NOT_SUPPORTED, msg);
        goto out;
    }
    memset(&call, 0, sizeof call);
    call.ns = d->nsp->name;
    call.class_name = d->cls->name;
    call.method_name = m->name;
    call.target = target;
    call.in = in;
    call.out = out;
    call.message = hmsg;
    call.message_size = sizeof hmsg;
    r = h->fn(h->ctx, &call);
    if (r != MI_RESULT_OK) {
        fault(d, r, hmsg[0] ? hmsg : NULL);
        goto out;
    }
reply:
    memset(&rep, 0, sizeof rep);
    rep.instance = out;
    rep.method_name = m->name;
    rep.resource_uri = d->msg.resource_uri;
    answer_or_fault(d, &rep);
out:
    if (target)
        MI_Instance_Delete(target);
    if (wire)
        MI_Instance_Delete(wire);
    if (in)
        MI_Instance_Delete(in);
    if (out)
        MI_Instance_Delete(out);
}

/* ---- entry ------------------------------------------------------------------------------ */

static const char *action_name(wsman_action a)
{
    switch (a) {
    case WSMAN_ACTION_IDENTIFY:
        return "Identify";
    case WSMAN_ACTION_GET:
        return "Get";
    case WSMAN_ACTION_PUT:
        return "Put";
    case WSMAN_ACTION_CREATE:
        return "Create";
    case WSMAN_ACTION_DELETE:
        return "Delete";
    case WSMAN_ACTION_ENUMERATE:
        return "Enumerate";
    case WSMAN_ACTION_PULL:
        return "Pull";
    case WSMAN_ACTION_RELEASE:
        return "Release";
    case WSMAN_ACTION_INVOKE:
        return "Invoke";
    case WSMAN_ACTION_SUBSCRIBE:
        return "Subscribe";
    case WSMAN_ACTION_RENEW:
        return "Renew";
    case WSMAN_ACTION_UNSUBSCRIBE:
        return "Unsubscribe";
    default:
        return "-";
    }
}

void srv_dispatch(msrv_server *srv, const srv_request *req, srv_reply *reply)
{
    dsp d;
    wsman_fault_desc f;
    MI_Result r;

    memset(&d, 0, sizeof d);
    d.srv = srv;
    d.req = req;
    d.reply = reply;
    d.codec.new_instance = mic_new_instance_hook;
    d.codec.max_message = srv->cfg.max_body;
    util_buf_init(&d.out);
    reply->result = -1;
    snprintf(reply->action, sizeof reply->action, "-");
    snprintf(reply->class_name, sizeof reply->class_name, "-");

    switch (req->error) {
    case SRV_FRONT_OK:
        break;
    case SRV_FRONT_TOO_LARGE:
        fault_limit(&d, MI_RESULT_SERVER_LIMITS_EXCEEDED, DSP_FAULT_DETAIL "ServiceEnvelopeLimit",
                    "The request is larger than this server accepts.");
        goto done;
    case SRV_FRONT_NO_CONTENT_TYPE:
    case SRV_FRONT_BAD_CONTENT_TYPE:
        fault_limit(&d, MI_RESULT_NOT_SUPPORTED, DSP_FAULT_DETAIL "EncodingType",
                    req->error == SRV_FRONT_NO_CONTENT_TYPE
                        ? "The request has no Content-Type: application/soap+xml is expected."
                        : "The Content-Type of the request is not application/soap+xml.");
        goto done;
    case SRV_FRONT_BAD_CHARSET:
        fault_limit(&d, MI_RESULT_NOT_SUPPORTED, DSP_FAULT_DETAIL "CharacterSet",
                    "Only UTF-8 is supported.");
        goto done;
    }

    memset(&f, 0, sizeof f);
    r = wsman_read_request(&d.codec, req->content_type, req->body, req->len, &d.msg, &f);
    d.have_msg = true;
    snprintf(reply->action, sizeof reply->action, "%s", action_name(d.msg.action));
    if (d.msg.class_name)
        snprintf(reply->class_name, sizeof reply->class_name, "%s", d.msg.class_name);
    if (r != MI_RESULT_OK) {
        fault_desc(&d, &f);
        goto done;
    }
    d.envelope = d.msg.max_envelope_size ? d.msg.max_envelope_size : MSRV_DEFAULT_ENVELOPE;
    if (d.envelope < MSRV_MIN_ENVELOPE) {
        fault_limit(&d, MI_RESULT_SERVER_LIMITS_EXCEEDED, DSP_FAULT_DETAIL "MinimumEnvelopeLimit",
                    "The MaxEnvelopeSize of the request is below the minimum of 8192 octets.");
        goto done;
    }
    switch (d.msg.action) {
    case WSMAN_ACTION_IDENTIFY:
        op_identify(&d);
        break;
    case WSMAN_ACTION_CREATE:
        op_create(&d);
        break;
    case WSMAN_ACTION_GET:
        op_get(&d);
        break;
    case WSMAN_ACTION_PUT:
        op_put(&d);
        break;
    case WSMAN_ACTION_DELETE:
        op_delete(&d);
        break;
    case WSMAN_ACTION_ENUMERATE:
        op_enumerate(&d);
        break;
    case WSMAN_ACTION_PULL:
        op_pull(&d);
        break;
    case WSMAN_ACTION_RELEASE:
        op_release(&d);
        break;
    case WSMAN_ACTION_INVOKE:
        op_invoke(&d);
        break;
    case WSMAN_ACTION_SUBSCRIBE:
        op_subscribe(&d);
        break;
    case WSMAN_ACTION_RENEW:
        op_renew(&d);
        break;
    case WSMAN_ACTION_UNSUBSCRIBE:
        op_unsubscribe(&d);
        break;
    default:
        fault(&d, MI_RESULT_NOT_SUPPORTED, "The action is not supported.");
        break;
    }
done:
    if (d.prov_options)
        MI_Instance_Delete(d.prov_options);
    if (d.have_msg)
        wsman_message_free(&d.msg);
    util_buf_free(&d.out);
}
