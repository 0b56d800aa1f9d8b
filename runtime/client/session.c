/* SPDX-License-Identifier: MIT */
/* runtime/client/session.c: MI_Session: the destination (URL or bare host + options), the settings
 * taken from MI_DestinationOptions, creation (joining the application's event loops: loop.c runs
 * the session's operations in order), the session function table (operations start in
 * operation.c), and the close rules (MI_Session_Close cancels what is in flight, waits for the
 * loop and any caller running one of its operations to let go, and may be called from a
 * callback without deadlocking: the loop then finishes the close).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "util.h"

#define MOB_SESSION_MAGIC 0x6d6f625365737321ULL
#define MOB_DEFAULT_ENVELOPE 512000u
#define MOB_DEFAULT_LOCALE "en-US"

/* ---- destinations ------------------------------------------------------------------------- */

static int mob_host_char(int c, int v6)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    if (c == '-' || c == '.' || c == '_')
        return 1;
    return v6 && (c == ':' || c == '%');
}

static int mob_path_ok(const char *p)
{
    for (; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '?' || *p == '#' || *p == '\\' ||
            (unsigned char)*p == 0x7f)
            return 0;
    return 1;
}

MI_Result mob_parse_destination(const char *destination, const char *transport, MI_Uint32 port,
                                const char *prefix, mob_dest *d, char *err, size_t errlen)
{
    const char *p = destination, *hs, *he, *ps = NULL, *path = NULL;
    char host[256];
    char portbuf[8];
    size_t hl, i;
    int v6 = 0, https;
    unsigned long pn = 0;
    size_t ulen;

    if (!p || !*p)
        p = "localhost";
    if (transport && !util_strieq(transport, "HTTP") && !util_strieq(transport, "HTTPS")) {
        snprintf(err, errlen, "unknown transport '%s' (HTTP or HTTPS)", transport);
        return MI_RESULT_INVALID_PARAMETER;
    }
    /* OMI's client defaults to HTTPS; so do we (TLS verification on). */
    https = transport ? util_strieq(transport, "HTTPS") : 1;
    if (util_striprefix(p, "https://")) {
        https = 1;
        p += 8;
    } else if (util_striprefix(p, "http://")) {
        https = 0;
        p += 7;
    } else if (strstr(p, "://")) {
        snprintf(err, errlen, "unsupported URL scheme in destination '%s'", destination);
        return MI_RESULT_INVALID_PARAMETER;
    }
    if (*p == '[') {
        hs = p + 1;
        if (!(he = strchr(hs, ']'))) {
            snprintf(err, errlen, "unterminated '[' in destination '%s'", destination);
            return MI_RESULT_INVALID_PARAMETER;
        }
        v6 = 1;
        p = he + 1;
    } else {
        const char *end = p + strcspn(p, "/");
        const char *c1 = memchr(p, ':', (size_t)(end - p));
        hs = p;
        if (c1 && memchr(c1 + 1, ':', (size_t)(end - c1 - 1))) {
            v6 = 1; /* a bare IPv6 address: no port in it */
            he = end;
        } else {
            he = c1 ? c1 : end;
        }
        p = he;
    }
    if (*p == ':') {
        ps = p + 1;
        p = ps + strcspn(ps, "/");
    }
    if (*p == '/')
        path = p;
    else if (*p) {
        snprintf(err, errlen, "bad destination '%s'", destination);
        return MI_RESULT_INVALID_PARAMETER;
    }
    hl = (size_t)(he - hs);
    if (hl == 0 || hl >= sizeof host) {
        snprintf(err, errlen, "bad host name in destination '%s'", destination ? destination : "");
        return MI_RESULT_INVALID_PARAMETER;
    }
    memcpy(host, hs, hl);
    host[hl] = '\0';
    for (i = 0; i < hl; i++)
        if (!mob_host_char((unsigned char)host[i], v6)) {
            snprintf(err, errlen, "bad character in host name '%s'", host);
            return MI_RESULT_INVALID_PARAMETER;
        }
    if (ps) {
        size_t pl = (size_t)(p - ps);
        char *e;
        if (pl == 0 || pl > 5) {
            snprintf(err, errlen, "bad port in destination '%s'", destination);
            return MI_RESULT_INVALID_PARAMETER;
        }
        memcpy(portbuf, ps, pl);
        portbuf[pl] = '\0';
        errno = 0;
        pn = strtoul(portbuf, &e, 10);
        if (*e || pn == 0 || pn > 65535 || portbuf[0] < '0' || portbuf[0] > '9') {
            snprintf(err, errlen, "bad port in destination '%s'", destination);
            return MI_RESULT_INVALID_PARAMETER;
        }
    } else if (port) {
        if (port > 65535) {
            snprintf(err, errlen, "bad destination port %u", port);
            return MI_RESULT_INVALID_PARAMETER;
        }
        pn = port;
    } else {
        pn = https ? 5986 : 5985;
    }
    if (!path || !path[1])
        path = (prefix && *prefix) ? prefix : "/wsman";
    if (!mob_path_ok(path) || strlen(path) > 1024) {
        snprintf(err, errlen, "bad URL path '%s'", path);
        return MI_RESULT_INVALID_PARAMETER;
    }
    ulen = strlen(host) + strlen(path) + 32;
    d->url = (char *)malloc(ulen);
    d->host = util_strdup(host);
    if (!d->url || !d->host) {
        free(d->url);
        free(d->host);
        d->url = d->host = NULL;
        snprintf(err, errlen, "out of memory");
        return MIC_RESULT_NOMEM;
    }
    snprintf(d->url, ulen, "%s://%s%s%s:%lu%s%s", https ? "https" : "http", v6 ? "[" : "", host,
             v6 ? "]" : "", pn, path[0] == '/' ? "" : "/", path);
    d->port = (unsigned)pn;
    d->https = https ? MI_TRUE : MI_FALSE;
    return MI_RESULT_OK;
}

/* ---- settings from MI_DestinationOptions ------------------------------------------------- */

static const char *mob_opt_str(const mob_options *s, const char *name)
{
    const mob_option *o = mob_options_find(s, name);
    return (o && o->kind == MOB_OPT_STRING) ? o->value.string : NULL;
}

static int mob_opt_num(const mob_options *s, const char *name, MI_Uint32 *v)
{
    const mob_option *o = mob_options_find(s, name);
    if (o && o->kind == MOB_OPT_NUMBER) {
        *v = o->value.uint32;
        return 1;
    }
    return 0;
}

static MI_Uint64 mob_interval_usec(const MI_Interval *i)
{
    return ((((MI_Uint64)i->days * 24 + i->hours) * 60 + i->minutes) * 60 + i->seconds) *
               1000000ULL +
           i->microseconds;
}

static MI_Result mob_dest_from_options(const mob_options *s, const char *destination, mob_dest *d,
                                       char *err, size_t errlen)
{
    MI_Uint32 port = 0, v;
    const mob_cred *c;
    const mob_option *o;
    const char *str, *env;
    MI_Result r;

    memset(d, 0, sizeof *d);
    d->ca_check = d->cn_check = d->privacy = MI_TRUE;
    d->max_envelope = MOB_DEFAULT_ENVELOPE;
    d->max_response = WSMAN_DEFAULT_MAX_MESSAGE;
    mob_opt_num(s, MI_DESTINATIONOPTIONS_DESTINATION_PORT, &port);
    r = mob_parse_destination(destination, mob_opt_str(s, MI_DESTINATIONOPTIONS_TRANSPORT), port,
                              mob_opt_str(s, MI_DESTINATIONOPTIONS_HTTP_URL_PREFIX), d, err,
                              errlen);
    if (r != MI_RESULT_OK)
        return r;
    if (mob_opt_num(s, MI_DESTINATIONOPTIONS_CERT_CA_CHECK, &v))
        d->ca_check = v ? MI_TRUE : MI_FALSE;
    if (mob_opt_num(s, MI_DESTINATIONOPTIONS_CERT_CN_CHECK, &v))
        d->cn_check = v ? MI_TRUE : MI_FALSE;
    if (mob_opt_num(s, MI_DESTINATIONOPTIONS_PACKET_PRIVACY, &v))
        d->privacy = v ? MI_TRUE : MI_FALSE;
    if (mob_opt_num(s, MI_DESTINATIONOPTIONS_MAX_ENVELOPE_SIZE, &v))
        d->max_envelope = v > 0xFFFFFFFFu / 1024u ? 0xFFFFFFFFu : v * 1024u; /* KiB */
    if (mob_opt_num(s, MI_DESTINATIONOPTIONS_TRACE, &v))
        d->trace = v ? MI_TRUE : MI_FALSE;
    env = getenv("MOFBIND_TRACE");
    if (env && env[0] == '1')
        d->trace = MI_TRUE;
    if ((o = mob_options_find(s, MI_DESTINATIONOPTIONS_TIMEOUT)) && o->kind == MOB_OPT_INTERVAL)
        d->timeout_usec = mob_interval_usec(&o->value.datetime.u.interval);
    str = mob_opt_str(s, MI_DESTINATIONOPTIONS_PACKET_ENCODING);
    if (str && util_strieq(str, MI_DESTINATIONOPTIONS_PACKET_ENCODING_UTF16)) {
        snprintf(err, errlen, "packet encoding UTF16 is not supported (requests are UTF-8)");
        return MI_RESULT_NOT_SUPPORTED;
    }
    str = mob_opt_str(s, MI_DESTINATIONOPTIONS_UI_LOCALE);
    d->locale = util_strdup(str ? str : MOB_DEFAULT_LOCALE);
    str = mob_opt_str(s, MI_DESTINATIONOPTIONS_DATA_LOCALE);
    d->data_locale = util_strdup(str ? str : MOB_DEFAULT_LOCALE);
    if ((str = mob_opt_str(s, MI_DESTINATIONOPTIONS_CERT_FILE)))
        d->cert_file = util_strdup(str);
    if ((str = mob_opt_str(s, MI_DESTINATIONOPTIONS_PRIVATE_KEY_FILE)))
        d->key_file = util_strdup(str);
    if ((str = mob_opt_str(s, MI_DESTINATIONOPTIONS_TRUSTED_CERTS_DIR)))
        d->ca_path = util_strdup(str);
    if (!d->locale || !d->data_locale)
        return MIC_RESULT_NOMEM;

    d->auth = MOB_AUTH_NONE;
    c = mob_options_cred(s, MI_DESTINATIONOPTIONS_DESTINATION_CREDENTIALS);
    if (c) {
        const char *t = c->auth_type;
        if (util_strieq(t, MI_AUTH_TYPE_BASIC))
            d->auth = MOB_AUTH_BASIC;
        else if (util_strieq(t, MI_AUTH_TYPE_DIGEST))
            d->auth = MOB_AUTH_DIGEST;
        else if (util_strieq(t, MI_AUTH_TYPE_NTLM))
            d->auth = MOB_AUTH_NTLM;
        else if (util_strieq(t, MI_AUTH_TYPE_NEGO_WITH_CREDS))
            d->auth = MOB_AUTH_NEGOTIATE;
        else if (util_strieq(t, MI_AUTH_TYPE_NEGO_NO_CREDS) ||
                 util_strieq(t, MI_AUTH_TYPE_KERBEROS))
            d->auth = MOB_AUTH_KERBEROS;
        else if (util_strieq(t, MI_AUTH_TYPE_DEFAULT))
            d->auth = c->username ? MOB_AUTH_DEFAULT : MOB_AUTH_KERBEROS;
        else if (util_strieq(t, MI_AUTH_TYPE_CLIENT_CERTS)) {
            if (!d->cert_file) {
                snprintf(err, errlen,
                         "client certificates need "
                         "MI_DestinationOptions_SetCertFile (thumbprints are a "
                         "Windows store concept)");
                return MI_RESULT_NOT_SUPPORTED;
            }
            d->auth = MOB_AUTH_CLIENT_CERT;
        } else if (util_strieq(t, MI_AUTH_TYPE_NONE))
            d->auth = MOB_AUTH_NONE;
        else {
            snprintf(err, errlen, "authentication type '%s' is not supported", t);
            return MI_RESULT_NOT_SUPPORTED;
        }
        if (d->auth != MOB_AUTH_NONE && d->auth != MOB_AUTH_CLIENT_CERT && c->username) {
            size_t n = strlen(c->username) + (c->domain ? strlen(c->domain) + 1 : 0) + 1;
            if (!(d->user = (char *)malloc(n)))
                return MIC_RESULT_NOMEM;
            if (c->domain && *c->domain)
                snprintf(d->user, n, "%s\\%s", c->domain, c->username);
            else
                snprintf(d->user, n, "%s", c->username);
            if (!(d->password = util_strdup(c->password ? c->password : "")))
                return MIC_RESULT_NOMEM;
        }
        if ((d->auth == MOB_AUTH_BASIC || d->auth == MOB_AUTH_DIGEST || d->auth == MOB_AUTH_NTLM) &&
            !d->user) {
            snprintf(err, errlen, "%s authentication needs a user name", t);
            return MI_RESULT_INVALID_PARAMETER;
        }
    }
    return MI_RESULT_OK;
}

/* ---- the session function table ----------------------------------------------------------- */

mob_session *mob_session_of(MI_Session *session)
{
    mob_session *s;
    if (!session || session->reserved1 != MOB_SESSION_MAGIC || !session->reserved2)
        return NULL;
    s = (mob_session *)session->reserved2;
    return s->magic == MOB_SESSION_MAGIC ? s : NULL;
}

static void mob_app_unlink(mob_session *s)
{
    mob_app *a = s->app;
    mob_session **pp;
    if (!a)
        return;
    pthread_mutex_lock(&a->mu);
    for (pp = &a->sessions; *pp; pp = &(*pp)->app_next)
        if (*pp == s) {
            *pp = s->app_next;
            break;
        }
    pthread_mutex_unlock(&a->mu);
}

MI_Result mob_session_close(mob_session *s, void *ctx, void(MI_CALL *cb)(void *))
{
    mob_op *op;
    mob_app *a = s->app;
    int on_loop = mob_on_loop(s);
    pthread_mutex_lock(&s->mu);
    if (s->stopping) {
        pthread_mutex_unlock(&s->mu);
        return MI_RESULT_INVALID_PARAMETER;
    }
    s->stopping = 1;
    pthread_mutex_unlock(&s->mu);
    if (on_loop && a) {
        pthread_mutex_lock(&a->mu);
        a->closing_sessions++;
        pthread_mutex_unlock(&a->mu);
    }
    mob_app_unlink(s);
    pthread_mutex_lock(&s->mu);
    /* Everything still queued or running ends with a cancelled result. */
    for (op = s->qhead; op; op = op->qnext)
        __atomic_store_n(&op->cancelled, 1, __ATOMIC_RELEASE);
    if (s->running) {
        op = s->running;
        __atomic_store_n(&op->cancelled, 1, __ATOMIC_RELEASE);
        op->waiting = 0; /* a wait for a manual ack or the reader ends too */
        if (s->lop != op && s->lane)
            s->lane->ft->wake(s->lane);
        pthread_cond_broadcast(&op->cv);
    }
    if (on_loop) {
        /* From a callback: the loop finishes the close once the session is idle. */
        s->detach_on_exit = 1;
        s->close_ctx = ctx;
        s->close_cb = cb;
        mob_loop_kick(s, 1);
        pthread_mutex_unlock(&s->mu);
        return MI_RESULT_OK;
    }
    mob_loop_kick(s, 1);
    while (!s->detached || s->running)
        pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
    mob_session_teardown(s);
    if (cb)
        cb(ctx);
    pthread_mutex_lock(&s->mu);
    mob_session_unref(s);
    return MI_RESULT_OK;
}

static MI_Result MI_CALL mob_s_Close(MI_Session *session, void *ctx, void(MI_CALL *cb)(void *))
{
    mob_session *s = mob_session_of(session);
    if (!s)
        return MI_RESULT_INVALID_PARAMETER;
    memset(session, 0, sizeof *session);
    return mob_session_close(s, ctx, cb);
}

static MI_Result MI_CALL mob_s_GetApplication(MI_Session *session, MI_Application *app)
{
    mob_session *s = mob_session_of(session);
    if (!s || !app)
        return MI_RESULT_INVALID_PARAMETER;
    *app = s->app_handle;
    return MI_RESULT_OK;
}

#define MOB_OP1(NAME, KIND)                                                                        \
    static void MI_CALL mob_s_##NAME(                                                              \
        MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options, const MI_Char *ns,     \
        const MI_Instance *inbound, MI_OperationCallbacks *cbs, MI_Operation *operation)           \
    {                                                                                              \
        mob_op_start(mob_session_of(session), KIND, flags, options, ns, NULL, NULL, inbound, NULL, \
                     MI_FALSE, cbs, operation);                                                    \
    }
MOB_OP1(GetInstance, MOB_OP_GET)
MOB_OP1(ModifyInstance, MOB_OP_MODIFY)
MOB_OP1(CreateInstance, MOB_OP_CREATE)
MOB_OP1(DeleteInstance, MOB_OP_DELETE)

static void MI_CALL mob_s_Invoke(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
                                 const MI_Char *ns, const MI_Char *className,
                                 const MI_Char *methodName, const MI_Instance *inbound,
                                 const MI_Instance *params, MI_OperationCallbacks *cbs,
                                 MI_Operation *operation)
{
    mob_op_start(mob_session_of(session), MOB_OP_INVOKE, flags, options, ns, className, methodName,
                 inbound, params, MI_FALSE, cbs, operation);
}

static void MI_CALL mob_s_EnumerateInstances(MI_Session *session, MI_Uint32 flags,
                                             MI_OperationOptions *options, const MI_Char *ns,
                                             const MI_Char *className, MI_Boolean keysOnly,
                                             MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    mob_op_start(mob_session_of(session), MOB_OP_ENUMERATE, flags, options, ns, className, NULL,
                 NULL, NULL, keysOnly, cbs, operation);
}

static void MI_CALL mob_s_QueryInstances(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationOptions *options, const MI_Char *ns,
                                         const MI_Char *dialect, const MI_Char *query,
                                         MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    mob_op_start_query(mob_session_of(session), MOB_OP_QUERY, flags, options, ns, NULL, MI_FALSE,
                       mob_query_new(dialect, query, NULL, NULL, NULL, NULL), cbs, operation);
}

static void MI_CALL mob_s_AssociatorInstances(MI_Session *session, MI_Uint32 flags,
                                              MI_OperationOptions *options, const MI_Char *ns,
                                              const MI_Instance *keys, const MI_Char *assocClass,
                                              const MI_Char *resultClass, const MI_Char *role,
                                              const MI_Char *resultRole, MI_Boolean keysOnly,
                                              MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    mob_op_start_query(
        mob_session_of(session), MOB_OP_ASSOCIATORS, flags, options, ns, keys, keysOnly,
        mob_query_new(NULL, NULL, assocClass, resultClass, role, resultRole), cbs, operation);
}

static void MI_CALL mob_s_ReferenceInstances(MI_Session *session, MI_Uint32 flags,
                                             MI_OperationOptions *options, const MI_Char *ns,
                                             const MI_Instance *keys, const MI_Char *resultClass,
                                             const MI_Char *role, MI_Boolean keysOnly,
                                             MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    mob_op_start_query(mob_session_of(session), MOB_OP_REFERENCES, flags, options, ns, keys,
                       keysOnly, mob_query_new(NULL, NULL, NULL, resultClass, role, NULL), cbs,
                       operation);
}

static void MI_CALL mob_s_Subscribe(MI_Session *session, MI_Uint32 flags,
                                    MI_OperationOptions *options, const MI_Char *ns,
                                    const MI_Char *dialect, const MI_Char *query,
                                    const MI_SubscriptionDeliveryOptions *delivery,
                                    MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    /* Pull delivery, the only kind: delivery options not made here are refused
     * (mob_query_prepare); of ours, the expiration time and the heartbeat interval count. */
    mob_query *q = mob_query_new(dialect, query, NULL, NULL, NULL, NULL);
    if (q && delivery && delivery->ft && mob_query_delivery(q, delivery) != 0) {
        mob_query_free(q);
        q = NULL; /* (started as out of memory) */
    }
    mob_op_start_query(mob_session_of(session), MOB_OP_SUBSCRIBE, flags, options, ns, NULL,
                       MI_FALSE, q, cbs, operation);
}

static void MI_CALL mob_s_GetClass(MI_Session *session, MI_Uint32 flags,
                                   MI_OperationOptions *options, const MI_Char *ns,
                                   const MI_Char *className, MI_OperationCallbacks *cbs,
                                   MI_Operation *operation)
{
    mob_op_start(mob_session_of(session), MOB_OP_GETCLASS, flags, options, ns, className, NULL,
                 NULL, NULL, MI_FALSE, cbs, operation);
}

static void MI_CALL mob_s_EnumerateClasses(MI_Session *session, MI_Uint32 flags,
                                           MI_OperationOptions *options, const MI_Char *ns,
                                           const MI_Char *className, MI_Boolean namesOnly,
                                           MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    /* keysOnly carries classNamesOnly (class.c). */
    mob_op_start(mob_session_of(session), MOB_OP_ENUMCLASSES, flags, options, ns, className, NULL,
                 NULL, NULL, namesOnly, cbs, operation);
}

static void MI_CALL mob_s_TestConnection(MI_Session *session, MI_Uint32 flags,
                                         MI_OperationCallbacks *cbs, MI_Operation *operation)
{
    mob_op_start(mob_session_of(session), MOB_OP_IDENTIFY, flags, NULL, NULL, NULL, NULL, NULL,
                 NULL, MI_FALSE, cbs, operation);
}

const MI_SessionFT mob_session_ft = {
    mob_s_Close,
    mob_s_GetApplication,
    mob_s_GetInstance,
    mob_s_ModifyInstance,
    mob_s_CreateInstance,
    mob_s_DeleteInstance,
    mob_s_Invoke,
    mob_s_EnumerateInstances,
    mob_s_QueryInstances,
    mob_s_AssociatorInstances,
    mob_s_ReferenceInstances,
    mob_s_Subscribe,
    mob_s_GetClass,
    mob_s_EnumerateClasses,
    mob_s_TestConnection,
};

/* ---- creation ----------------------------------------------------------------------------- */

static MI_Uint32 mob_max_connections(const mob_options *o)
{
    MI_Uint32 v;
    if (mob_opt_num(o, MOFBIND_DESTINATIONOPTIONS_MAX_CONNECTIONS, &v) && v > 0)
        return v;
    return MOB_DEFAULT_MAX_CONNECTIONS;
}

static MI_Result mob_new_session_error(MI_Result r, const char *msg, MI_Instance **extendedError)
{
    wsman_codec codec;
    wsman_fault f;
    if (!extendedError)
        return r;
    memset(&codec, 0, sizeof codec);
    codec.new_instance = mic_new_instance_hook;
    memset(&f, 0, sizeof f);
    wsman_fault_synthesize(&codec, &f, r, msg, MI_ERRORCATEGORY_INVALID_ARGUMENT, 0);
    *extendedError = f.error;
    f.error = NULL;
    wsman_fault_free(&f);
    return r;
}

MI_Result mob_session_new(mob_app *app, const MI_Char *protocol, const MI_Char *destination,
                          MI_DestinationOptions *options, MI_Instance **extendedError,
                          MI_Session *out)
{
    mob_session *s;
    mob_options empty;
    const mob_options *store;
    char err[300];
    MI_Result r;

    if (extendedError)
        *extendedError = NULL;
    if (!out)
        return MI_RESULT_INVALID_PARAMETER;
    memset(out, 0, sizeof *out);
    if (protocol && !util_strieq(protocol, "WINRM"))
        return mob_new_session_error(MI_RESULT_NOT_SUPPORTED,
                                     "only the WINRM protocol is supported", extendedError);
    memset(&empty, 0, sizeof empty);
    store = (options && options->ft) ? mob_dest_store(options) : &empty;
    if (!store)
        return mob_new_session_error(MI_RESULT_INVALID_PARAMETER,
                                     "destination options were not made by this application",
                                     extendedError);
    if (!(s = (mob_session *)calloc(1, sizeof *s)))
        return MIC_RESULT_NOMEM;
    err[0] = '\0';
    r = mob_dest_from_options(store, destination, &s->dest, err, sizeof err);
    if (r != MI_RESULT_OK) {
        mob_dest_free(&s->dest);
        free(s);
        return mob_new_session_error(r, err[0] ? err : "out of memory", extendedError);
    }
    if (pthread_mutex_init(&s->mu, NULL)) {
        mob_dest_free(&s->dest);
        free(s);
        return MI_RESULT_FAILED;
    }
    if (pthread_cond_init(&s->cv, NULL)) {
        pthread_mutex_destroy(&s->mu);
        mob_dest_free(&s->dest);
        free(s);
        return MI_RESULT_FAILED;
    }
    s->magic = MOB_SESSION_MAGIC;
    s->handle.reserved1 = MOB_SESSION_MAGIC;
    s->handle.reserved2 = (ptrdiff_t)s;
    s->handle.ft = &mob_session_ft;
    s->refs = 1;
    s->app = app;
    s->codec.new_instance = mic_new_instance_hook;
    s->codec.max_message = s->dest.max_response;
    util_buf_init(&s->req);
    wsman_new_message_id(s->msgid);
    s->tft = app->transport;
    r = mob_loop_join(app, s, mob_max_connections(store));
    if (r != MI_RESULT_OK) {
        mob_session_teardown(s);
        mob_session_destroy(s);
        return mob_new_session_error(r, "cannot start the session", extendedError);
    }
    pthread_mutex_lock(&app->mu);
    s->app_handle = app->handle;
    s->app_next = app->sessions;
    app->sessions = s;
    pthread_mutex_unlock(&app->mu);
    *out = s->handle;
    return MI_RESULT_OK;
}
