/* SPDX-License-Identifier: MIT */
/* tests/test_krb5.c: Kerberos logins through libmofbind that succeed, and the ways they are
 * refused. tests/krb5.sh runs it beside a throwaway KDC (realm MOFBIND.TEST on a loopback port)
 * with KRB5_CONFIG, KRB5CCNAME (mofuser's ticket) and MOFBIND_KRB5_DIR set; that directory holds
 * http.keytab (the current key of HTTP/127.0.0.1) and stale.keytab (a key the KDC has since
 * replaced). The peer is libmicrohttpd in front of mofbind-server's request handling
 * (msrv_process): it demands `Authorization: Negotiate`, accepts the SPNEGO token with GSS-API
 * (gss_accept_sec_context, credentials from the keytab), records the client principal
 * (gss_display_name), and answers authenticated requests with real WS-Man responses, adding the
 * mutual-authentication token when GSS-API gives one. Only this test links GSS-API: the client
 * is libmofbind, whose libcurl does SPNEGO from the caller's credential cache. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <check.h>
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_ext.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <mofbind/mi.h>
#include "mhd_peer.h"
#include "server.h"
#include "stderr_capture.h"
#include "sync_run.h"

#define USER_PRINCIPAL "mofuser@MOFBIND.TEST"
#define PASSWORD "Krb-Unused-Pass7" /* given with NegoWithCreds; SPNEGO takes the ticket */
#define MAX_BODY (1024u * 1024u)
#define MAX_TOKEN 65536u

static const char schema_text[] = "#pragma namespace(\"root/cimv2\")\n"
                                  "class Krb_Item\n"
                                  "{\n"
                                  "    [Key] string Id;\n"
                                  "    string Owner;\n"
                                  "    uint32 Count;\n"
                                  "};\n";

/* ---- base64 (RFC 4648, no line breaks) ------------------------------------------------------ */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *kp_base64(const unsigned char *in, size_t n)
{
    char *out = (char *)malloc(4 * ((n + 2) / 3) + 1), *o = out;
    size_t i;
    if (!out)
        return NULL;
    for (i = 0; i + 2 < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
        *o++ = b64[v >> 18], *o++ = b64[(v >> 12) & 63], *o++ = b64[(v >> 6) & 63];
        *o++ = b64[v & 63];
    }
    if (i < n) {
        unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0);
        *o++ = b64[v >> 18], *o++ = b64[(v >> 12) & 63];
        *o++ = i + 1 < n ? b64[(v >> 6) & 63] : '=';
        *o++ = '=';
    }
    *o = '\0';
    return out;
}

/* Decodes into out (max bytes); returns the length, or 0 when the text is not base64. */
static size_t kp_unbase64(const char *in, unsigned char *out, size_t max)
{
    unsigned acc = 0;
    int bits = 0;
    size_t n = 0;
    for (; *in && *in != '='; in++) {
        const char *k = strchr(b64, *in);
        if (!k)
            return 0;
        acc = (acc << 6) | (unsigned)(k - b64);
        bits += 6;
        if (bits >= 8) {
            if (n == max)
                return 0;
            bits -= 8;
            out[n++] = (unsigned char)((acc >> bits) & 0xFF);
        }
    }
    return n;
}

/* ---- the SPNEGO peer ---------------------------------------------------------------------- */

typedef struct kpeer {
    struct MHD_Daemon *d;
    unsigned port;
    msrv_server *srv;
    gss_cred_id_t cred;
    pthread_mutex_t mu;
    int requests;        /* every request */
    int challenged;      /* 401s without a token asked for */
    int tokens;          /* requests that carried a Negotiate token */
    int accepted;        /* tokens GSS-API accepted */
    int mutual;          /* 200s that carried the acceptor's token back */
    char principal[256]; /* the client principal of the last accepted token */
    char token[64];      /* the start of the last token, as sent */
    char failure[512];   /* GSS-API's words for the last refused token */
} kpeer;

static void kp_gss_message(OM_uint32 code, int type, char *out, size_t n)
{
    OM_uint32 minor, ctx = 0;
    size_t used = strlen(out);
    do {
        gss_buffer_desc msg = GSS_C_EMPTY_BUFFER;
        if (GSS_ERROR(gss_display_status(&minor, code, type, GSS_C_NO_OID, &ctx, &msg)))
            break;
        if (used + 2 < n)
            used += (size_t)snprintf(out + used, n - used, "%s%.*s", used ? "; " : "",
                                     (int)msg.length, (const char *)msg.value);
        gss_release_buffer(&minor, &msg);
    } while (ctx && used + 2 < n);
}

static mhd_ret kp_answer(struct MHD_Connection *c, unsigned status, const char *body, size_t len,
                         const char *www_auth)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)(body ? body : ""), MHD_RESPMEM_MUST_COPY);
    mhd_ret ret;
    if (!r)
        return MHD_NO;
    if (len)
        MHD_add_response_header(r, "Content-Type", "application/soap+xml;charset=UTF-8");
    if (www_auth)
        MHD_add_response_header(r, "WWW-Authenticate", www_auth);
    ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

/* Accepts one SPNEGO token: 1 and the principal and output token, or 0 (failure recorded). */
static int kp_accept(kpeer *p, const char *b64token, char *principal, size_t plen, char **out_b64)
{
    unsigned char *raw = (unsigned char *)malloc(MAX_TOKEN);
    gss_buffer_desc in, out = GSS_C_EMPTY_BUFFER, name = GSS_C_EMPTY_BUFFER;
    gss_ctx_id_t ctx = GSS_C_NO_CONTEXT;
    gss_name_t src = GSS_C_NO_NAME;
    OM_uint32 major, minor, ignored;
    char why[512] = "";
    int ok = 0;

    *out_b64 = NULL;
    in.value = raw;
    in.length = raw ? kp_unbase64(b64token, raw, MAX_TOKEN) : 0;
    if (!raw) {
        snprintf(why, sizeof why, "out of memory");
    } else if (!in.length) {
        snprintf(why, sizeof why, "the Negotiate token is not base64");
    } else {
        major = gss_accept_sec_context(&minor, &ctx, p->cred, &in, GSS_C_NO_CHANNEL_BINDINGS, &src,
                                       NULL, &out, NULL, NULL, NULL);
        if (major == GSS_S_COMPLETE && !GSS_ERROR(gss_display_name(&ignored, src, &name, NULL))) {
            snprintf(principal, plen, "%.*s", (int)name.length, (const char *)name.value);
            if (out.length)
                *out_b64 = kp_base64((const unsigned char *)out.value, out.length);
            ok = 1;
        } else if (major == GSS_S_CONTINUE_NEEDED) {
            /* Kerberos under SPNEGO completes in one leg; more would need a context kept per
             * connection, which this peer does not do. */
            snprintf(why, sizeof why, "GSS-API asked for another leg");
        } else {
            kp_gss_message(major, GSS_C_GSS_CODE, why, sizeof why);
            kp_gss_message(minor, GSS_C_MECH_CODE, why, sizeof why);
        }
    }
    gss_release_buffer(&ignored, &name);
    gss_release_buffer(&ignored, &out);
    gss_release_name(&ignored, &src);
    if (ctx != GSS_C_NO_CONTEXT)
        gss_delete_sec_context(&ignored, &ctx, GSS_C_NO_BUFFER);
    free(raw);
    if (!ok) {
        pthread_mutex_lock(&p->mu);
        snprintf(p->failure, sizeof p->failure, "%s", why);
        pthread_mutex_unlock(&p->mu);
    }
    return ok;
}

static mhd_ret kp_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                         const char *version, const char *upload, size_t *upload_size,
                         void **con_cls)
{
    kpeer *p = (kpeer *)cls;
    mhd_body *q;
    const char *auth, *ctype;
    char principal[256] = "", *mutual = NULL, *body = NULL, *hdr;
    unsigned status = 0;
    size_t len = 0;
    mhd_ret ret;
    (void)url, (void)method, (void)version;

    if (!(q = mhd_body_gather(con_cls, upload, upload_size, MAX_BODY, &ret)))
        return ret;
    if (q->too_big)
        return kp_answer(c, 413, NULL, 0, NULL);

    auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    pthread_mutex_lock(&p->mu);
    p->requests++;
    pthread_mutex_unlock(&p->mu);
    if (!auth || strncasecmp(auth, "Negotiate ", 10) != 0) {
        pthread_mutex_lock(&p->mu);
        p->challenged++;
        pthread_mutex_unlock(&p->mu);
        return kp_answer(c, 401, NULL, 0, "Negotiate");
    }
    pthread_mutex_lock(&p->mu);
    p->tokens++;
    snprintf(p->token, sizeof p->token, "%s", auth + 10);
    pthread_mutex_unlock(&p->mu);
    if (!kp_accept(p, auth + 10, principal, sizeof principal, &mutual))
        return kp_answer(c, 401, NULL, 0, "Negotiate");

    /* Recorded before the answer is queued, so the client cannot see the answer first. */
    pthread_mutex_lock(&p->mu);
    p->accepted++;
    p->mutual += mutual != NULL;
    snprintf(p->principal, sizeof p->principal, "%s", principal);
    pthread_mutex_unlock(&p->mu);
    ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    msrv_process(p->srv, ctype, q->buf, q->len, &status, &body, &len);
    hdr = NULL;
    if (mutual && (hdr = (char *)malloc(strlen(mutual) + 11)) != NULL)
        sprintf(hdr, "Negotiate %s", mutual);
    ret = mutual && !hdr ? MHD_NO : kp_answer(c, status, body, len, hdr);
    free(hdr);
    free(mutual);
    free(body);
    return ret;
}

static kpeer P;
static MI_Application app;
static char url[128];
static FILE *devnull;

static const char *krb5_dir(void)
{
    const char *d = getenv("MOFBIND_KRB5_DIR");
    return d && *d ? d : NULL;
}

/* Starts the peer with the acceptor key from keytab (a file in MOFBIND_KRB5_DIR). */
static void peer_start(const char *keytab)
{
    msrv_config cfg;
    const char *texts[1];
    char err[256], kt[1024];
    OM_uint32 major, minor;
    gss_key_value_element_desc elem;
    gss_key_value_set_desc store;

    memset(&P, 0, sizeof P);
    pthread_mutex_init(&P.mu, NULL);
    devnull = fopen("/dev/null", "w");
    memset(&cfg, 0, sizeof cfg);
    texts[0] = schema_text;
    cfg.schema_texts = texts;
    cfg.n_schema_texts = 1;
    cfg.no_auth = true; /* msrv_process: authentication is this peer's */
    cfg.quiet = true;
    cfg.log = devnull;
    cfg.diag = devnull;
    ck_assert_msg(msrv_new(&cfg, &P.srv, err, sizeof err) == 0, "%s", err);

    snprintf(kt, sizeof kt, "FILE:%s/%s", krb5_dir(), keytab);
    elem.key = "keytab";
    elem.value = kt;
    store.count = 1;
    store.elements = &elem;
    major = gss_acquire_cred_from(&minor, GSS_C_NO_NAME, GSS_C_INDEFINITE, GSS_C_NO_OID_SET,
                                  GSS_C_ACCEPT, &store, &P.cred, NULL, NULL);
    if (GSS_ERROR(major)) {
        char why[512] = "";
        kp_gss_message(major, GSS_C_GSS_CODE, why, sizeof why);
        kp_gss_message(minor, GSS_C_MECH_CODE, why, sizeof why);
        ck_abort_msg("acceptor credentials from %s: %s", kt, why);
    }

    P.d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL,
                           NULL, kp_access, &P, MHD_OPTION_NOTIFY_COMPLETED, mhd_body_done, NULL,
                           MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
    P.port = mhd_port(P.d);
    /* The host part is what libcurl names the service by: HTTP@127.0.0.1. */
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", P.port);
}

static void peer_stop(void)
{
    OM_uint32 minor;
    if (P.d)
        MHD_stop_daemon(P.d);
    P.d = NULL;
    if (P.cred != GSS_C_NO_CREDENTIAL)
        gss_release_cred(&minor, &P.cred);
    msrv_free(P.srv);
    P.srv = NULL;
    pthread_mutex_destroy(&P.mu);
    if (devnull)
        fclose(devnull);
    devnull = NULL;
}

/* ---- the client --------------------------------------------------------------------------- */

static const MI_PropertyDecl k_id = {MI_FLAG_PROPERTY | MI_FLAG_KEY,
                                     0,
                                     "Id",
                                     NULL,
                                     0,
                                     MI_STRING,
                                     NULL,
                                     0,
                                     0,
                                     "Krb_Item",
                                     "Krb_Item",
                                     NULL};
static const MI_PropertyDecl k_owner = {
    MI_FLAG_PROPERTY, 0, "Owner", NULL, 0, MI_STRING, NULL, 0, 0, "Krb_Item", "Krb_Item", NULL};
static const MI_PropertyDecl k_count = {
    MI_FLAG_PROPERTY, 0, "Count", NULL, 0, MI_UINT32, NULL, 0, 0, "Krb_Item", "Krb_Item", NULL};
static const MI_PropertyDecl *const k_props[] = {&k_id, &k_owner, &k_count};
static const MI_ClassDecl item_decl = {MI_FLAG_CLASS, 0,    "Krb_Item", NULL, 0,    k_props, 3,   0,
                                       NULL,          NULL, NULL,       0,    NULL, NULL,    NULL};

static MI_Result open_session(MI_Session *s, const char *auth_type, const char *user,
                              const char *password)
{
    MI_DestinationOptions d = MI_DESTINATIONOPTIONS_NULL;
    MI_UserCredentials c;
    MI_Interval t;
    MI_Result r;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&app, &d), MI_RESULT_OK);
    memset(&t, 0, sizeof t);
    t.seconds = 20;
    ck_assert_int_eq(MI_DestinationOptions_SetTimeout(&d, &t), MI_RESULT_OK);
    memset(&c, 0, sizeof c);
    c.authenticationType = auth_type;
    c.credentials.usernamePassword.username = user;
    c.credentials.usernamePassword.password = password;
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&d, &c), MI_RESULT_OK);
    r = MI_Application_NewSession(&app, NULL, url, &d, NULL, NULL, s);
    MI_DestinationOptions_Delete(&d);
    return r;
}

static MI_Instance *item(const char *id, const char *owner, MI_Uint32 count)
{
    MI_Instance *i = NULL;
    MI_Value v;
    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &item_decl, &i), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    if (owner) {
        v.string = (MI_Char *)owner;
        ck_assert_int_eq(MI_Instance_SetElement(i, "Owner", &v, MI_STRING, 0), MI_RESULT_OK);
        v.uint32 = count;
        ck_assert_int_eq(MI_Instance_SetElement(i, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    }
    return i;
}

/* TestConnection, Create and Get over one session; every answer is the server's. */
static void identify_create_get(MI_Session *s, const char *id, MI_Uint32 count)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *w;
    MI_Value v;
    MI_Type t;
    sync_outcome o;

    MI_Session_TestConnection(s, 0, NULL, &op);
    o = sync_run(&op, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "TestConnection: %d %s (peer: %s)", o.result, o.message,
                  P.failure);
    sync_outcome_free(&o);

    w = item(id, USER_PRINCIPAL, count);
    MI_Session_CreateInstance(s, 0, NULL, "root/cimv2", w, NULL, &op);
    MI_Instance_Delete(w);
    o = sync_run(&op, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "Create: %d %s", o.result, o.message);
    ck_assert_int_eq(o.count, 1);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Id", &v, &t, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, id);
    sync_outcome_free(&o);

    w = item(id, NULL, 0);
    MI_Session_GetInstance(s, 0, NULL, "root/cimv2", w, NULL, &op);
    MI_Instance_Delete(w);
    o = sync_run(&op, 1);
    ck_assert_msg(o.result == MI_RESULT_OK, "Get: %d %s", o.result, o.message);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Count", &v, &t, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert_uint_eq(v.uint32, count);
    ck_assert_int_eq(MI_Instance_GetElement(o.first, "Owner", &v, &t, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, USER_PRINCIPAL);
    sync_outcome_free(&o);
}

static void setup(void)
{
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &app), MI_RESULT_OK);
}

static void teardown(void)
{
    ck_assert_int_eq(MI_Application_Close(&app), MI_RESULT_OK);
    peer_stop();
}

/* Every way of asking for Kerberos logs in with the ticket in the credential cache: a user name
 * given with it or not, NegoWithCreds (SPNEGO picked over its NTLM fallback), NegoNoCreds, and
 * Default without a user name. The peer accepted mofuser's ticket for HTTP/127.0.0.1 on each
 * request and the server holds what was created. */
START_TEST(kerberos_logins)
{
    static const struct {
        const char *auth, *user, *password;
    } ways[] = {
        {MI_AUTH_TYPE_NEGO_WITH_CREDS, "mofuser", PASSWORD},
        {MI_AUTH_TYPE_KERBEROS, NULL, NULL},
        {MI_AUTH_TYPE_KERBEROS, "mofuser", NULL},
        {MI_AUTH_TYPE_NEGO_NO_CREDS, NULL, NULL},
        {MI_AUTH_TYPE_DEFAULT, NULL, NULL},
    };
    size_t i;
    peer_start("http.keytab");
    for (i = 0; i < sizeof ways / sizeof ways[0]; i++) {
        MI_Session s = MI_SESSION_NULL;
        char id[32];
        int before = P.accepted;
        snprintf(id, sizeof id, "item-%u", (unsigned)i);
        ck_assert_int_eq(open_session(&s, ways[i].auth, ways[i].user, ways[i].password),
                         MI_RESULT_OK);
        identify_create_get(&s, id, 40 + (MI_Uint32)i);
        ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
        pthread_mutex_lock(&P.mu);
        ck_assert_msg(P.accepted - before >= 3, "%s: %d accepted", ways[i].auth,
                      P.accepted - before);
        ck_assert_str_eq(P.principal, USER_PRINCIPAL);
        ck_assert_int_ge(P.mutual, 1);
        pthread_mutex_unlock(&P.mu);
        ck_assert_uint_eq(msrv_instance_count(P.srv, "root/cimv2", "Krb_Item"), i + 1);
    }
    /* NegoWithCreds (Negotiate or NTLM) waited for the server's choice; every token sent was
     * good. */
    ck_assert_int_ge(P.challenged, 1);
    ck_assert_int_eq(P.tokens, P.accepted);
}
END_TEST

/* One refused login: a Create (or TestConnection when create is 0) ends as ACCESS_DENIED with
 * an error instance that says the same as the message, which names `want`. */
static void expect_denied(const char *auth, const char *user, const char *password, int create,
                          const char *want)
{
    MI_Session s = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    sync_outcome o;
    ck_assert_int_eq(open_session(&s, auth, user, password), MI_RESULT_OK);
    if (create) {
        MI_Instance *w = item("refused", USER_PRINCIPAL, 1);
        MI_Session_CreateInstance(&s, 0, NULL, "root/cimv2", w, NULL, &op);
        MI_Instance_Delete(w);
    } else {
        MI_Session_TestConnection(&s, 0, NULL, &op);
    }
    o = sync_run(&op, 1);
    ck_assert_msg(o.result == MI_RESULT_ACCESS_DENIED, "%s: %d %s", auth, o.result, o.message);
    ck_assert(o.details);
    ck_assert_int_eq(o.cim_status_type, MI_UINT32);
    ck_assert_int_eq(o.cim_status, MI_RESULT_ACCESS_DENIED);
    ck_assert_str_eq(o.details_message, o.message);
    ck_assert_msg(strstr(o.message, want), "%s", o.message);
    sync_outcome_free(&o);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
}

/* A service keytab holding a key the KDC has replaced: the peer cannot read the ticket, so the
 * login ends as ACCESS_DENIED with an error instance, after a bounded number of requests. */
START_TEST(wrong_service_key)
{
    int before;
    peer_start("stale.keytab");
    before = P.requests;
    expect_denied(MI_AUTH_TYPE_KERBEROS, NULL, NULL, 1, "HTTP@127.0.0.1");
    ck_assert_int_le(P.requests - before, 4);
    before = P.requests;
    expect_denied(MI_AUTH_TYPE_NEGO_WITH_CREDS, "mofuser", PASSWORD, 1, "HTTP@127.0.0.1");
    ck_assert_int_le(P.requests - before, 4);
    ck_assert_int_ge(P.tokens, 2);
    ck_assert_int_eq(P.accepted, 0);
    ck_assert_str_eq(P.principal, "");
    ck_assert_msg(strstr(P.failure, "HTTP/127.0.0.1"), "GSS-API failure: %s", P.failure);
    ck_assert_uint_eq(msrv_instance_count(P.srv, "root/cimv2", "Krb_Item"), 0);
}
END_TEST

/* No ticket in the credential cache: libcurl has no token to send, the login ends as
 * ACCESS_DENIED with an error instance that says where the ticket is looked for, and nothing
 * reached the server. */
START_TEST(no_ticket)
{
    char cc[1024], saved[1024];
    snprintf(saved, sizeof saved, "%s", getenv("KRB5CCNAME") ? getenv("KRB5CCNAME") : "");
    snprintf(cc, sizeof cc, "FILE:%s/none.cc", krb5_dir());
    setenv("KRB5CCNAME", cc, 1); /* before any thread of this process reads it */
    peer_start("http.keytab");
    expect_denied(MI_AUTH_TYPE_KERBEROS, NULL, NULL, 0, "KRB5CCNAME");
    expect_denied(MI_AUTH_TYPE_NEGO_NO_CREDS, NULL, NULL, 0, "KRB5CCNAME");
    setenv("KRB5CCNAME", saved, 1); /* for the next test when they share a process */
    ck_assert_int_ge(P.challenged, 2);
    ck_assert_int_le(P.requests, 6);
    ck_assert_int_eq(P.tokens, 0);
    ck_assert_int_eq(P.accepted, 0);
}
END_TEST

/* MOFBIND_TRACE=1 prints the exchange of a Kerberos login but no credential: no Authorization
 * header, no token (the peer recorded the start of the one it got), no password. */
START_TEST(trace_has_no_credentials)
{
    MI_Session s = MI_SESSION_NULL;
    stderr_capture cap;
    static char buf[1 << 20];

    peer_start("http.keytab");
    setenv("MOFBIND_TRACE", "1", 1);
    ck_assert_int_eq(open_session(&s, MI_AUTH_TYPE_NEGO_WITH_CREDS, "mofuser", PASSWORD),
                     MI_RESULT_OK);
    unsetenv("MOFBIND_TRACE");
    ck_assert_int_eq(stderr_capture_begin(&cap), 0);
    identify_create_get(&s, "traced", 7);
    stderr_capture_end(&cap, buf, sizeof buf);
    ck_assert_int_eq(MI_Session_Close(&s, NULL, NULL), MI_RESULT_OK);
    ck_assert_uint_gt(strlen(buf), 0);
    ck_assert_msg(strstr(buf, "mofbind: request to http://127.0.0.1:"), "%s", buf);
    ck_assert(strstr(buf, "mofbind: response from") != NULL);
    ck_assert_str_eq(P.principal, USER_PRINCIPAL);
    ck_assert_uint_ge(strlen(P.token), 40);
    ck_assert(strstr(buf, P.token) == NULL);
    ck_assert(strstr(buf, "Negotiate") == NULL);
    ck_assert(strstr(buf, "Authorization") == NULL && strstr(buf, "authorization") == NULL);
    ck_assert(strstr(buf, PASSWORD) == NULL);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("krb5");
    TCase *tc = tcase_create("kerberos");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, kerberos_logins);
    tcase_add_test(tc, wrong_service_key);
    tcase_add_test(tc, no_ticket);
    tcase_add_test(tc, trace_has_no_credentials);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;
    if (!krb5_dir() || !getenv("KRB5_CONFIG")) {
        printf("SKIP: no KDC: tests/krb5.sh runs this test beside a throwaway KDC\n");
        return 77;
    }
    sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
