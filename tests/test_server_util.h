/* SPDX-License-Identifier: MIT */
/* tests/test_server_util.h: what the server suites share: an HTTP client on libcurl that
 * reports status, headers and body, WS-Man request envelopes shaped like the OMI captures'
 * requests, and an in-process server on an ephemeral loopback port. Included by one test
 * program each (static functions). */
#ifndef MOFBIND_TEST_SERVER_UTIL_H
#define MOFBIND_TEST_SERVER_UTIL_H

#include <check.h>
#include <pthread.h>
#include <curl/curl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

#define TS_USER "tester"
#define TS_PASSWORD "Throwaway-7f3a9c"

typedef struct ts_resp {
    long status;
    char *body;
    size_t len;
    char *headers;
    size_t hlen;
    CURLcode curl;
} ts_resp;

static inline size_t ts_collect(char *p, size_t size, size_t n, void *ctx, int hdr)
{
    ts_resp *r = ctx;
    char **buf = hdr ? &r->headers : &r->body;
    size_t *len = hdr ? &r->hlen : &r->len;
    size_t add = size * n;
    char *nb = realloc(*buf, *len + add + 1);
    if (!nb)
        return 0;
    memcpy(nb + *len, p, add);
    *len += add;
    nb[*len] = '\0';
    *buf = nb;
    return add;
}

static inline size_t ts_body_cb(char *p, size_t size, size_t n, void *ctx)
{
    return ts_collect(p, size, n, ctx, 0);
}

static inline size_t ts_hdr_cb(char *p, size_t size, size_t n, void *ctx)
{
    return ts_collect(p, size, n, ctx, 1);
}

static inline void ts_resp_free(ts_resp *r)
{
    free(r->body);
    free(r->headers);
    memset(r, 0, sizeof *r);
}

/* One request. method NULL: POST. user NULL: no credentials. headers: extra header lines
 * (a NULL-terminated list, may be NULL); "Content-Type:" alone removes curl's default. cafile:
 * verify the TLS peer against it. */
static inline ts_resp ts_request(const char *url, const char *method, const char *user,
                                 const char *password, const char *const *headers, const char *body,
                                 size_t len, const char *cafile)
{
    ts_resp r;
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    memset(&r, 0, sizeof r);
    ck_assert_ptr_nonnull(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, ts_body_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, ts_hdr_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (user) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, password);
    }
    if (cafile)
        curl_easy_setopt(c, CURLOPT_CAINFO, cafile);
    if (method && strcmp(method, "POST") != 0) {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    } else {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body ? body : "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? len : 0));
    }
    h = curl_slist_append(h, "Expect:");
    for (; headers && *headers; headers++)
        h = curl_slist_append(h, *headers);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    r.curl = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    if (!r.body) {
        r.body = calloc(1, 1);
        ck_assert_ptr_nonnull(r.body);
    }
    if (!r.headers) {
        r.headers = calloc(1, 1);
        ck_assert_ptr_nonnull(r.headers);
    }
    return r;
}

/* A formatted, malloc'd string. */
static inline char *ts_fmt(const char *fmt, ...)
{
    va_list ap;
    char *s = NULL;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

#define TS_URI_DMTF "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
#define TS_TRANSFER "http://schemas.xmlsoap.org/ws/2004/09/transfer/"
#define TS_ENUM "http://schemas.xmlsoap.org/ws/2004/09/enumeration/"

/* A request envelope as OMI's captures send it: action URI, class (ResourceURI), namespace
 * (NULL: no __cimnamespace), extra selectors (XML, may be NULL), extra headers (XML, may be
 * NULL) and the body content (may be NULL or ""). */
static inline char *ts_envelope(const char *action, const char *cls, const char *ns,
                                const char *selectors, const char *headers, const char *body)
{
    char *nssel =
        ns ? ts_fmt("<w:Selector Name=\"__cimnamespace\">%s</w:Selector>", ns) : ts_fmt("%s", "");
    char *e = ts_fmt(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
        "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
        "xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
        "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" "
        "xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\">\n"
        "  <s:Header>\n"
        "    <a:To>http://127.0.0.1/wsman</a:To>\n"
        "    <w:ResourceURI s:mustUnderstand=\"true\">" TS_URI_DMTF "%s</w:ResourceURI>\n"
        "    <a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
        "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>\n"
        "    <a:Action s:mustUnderstand=\"true\">%s</a:Action>\n"
        "    <w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>\n"
        "    <a:MessageID>uuid:11111111-0000-4000-8000-00000000abcd</a:MessageID>\n"
        "    <w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>\n"
        "    <w:OperationTimeout>PT60.000S</w:OperationTimeout>\n"
        "%s"
        "    <w:SelectorSet>%s%s</w:SelectorSet>\n"
        "  </s:Header>\n"
        "  <s:Body>%s</s:Body>\n"
        "</s:Envelope>\n",
        cls, action, headers ? headers : "", nssel, selectors ? selectors : "", body ? body : "");
    free(nssel);
    return e;
}

/* A Contoso_Widget body with the given property elements. */
static inline char *ts_widget(const char *cls, const char *props)
{
    return ts_fmt("<p:%s xmlns:p=\"" TS_URI_DMTF "%s\">%s</p:%s>", cls, cls, props, cls);
}

/* ---- temporary files ------------------------------------------------------------------- */

/* Each test program makes one directory for its temporary files (ts_tmproot_make, in main,
 * before the tests; the forked tests find it through TS_TMPROOT) and removes it with all it
 * holds at the end (ts_tmproot_remove), so that a failed test leaves nothing behind. */
static inline int ts_tmproot_make(char *root, size_t size)
{
    snprintf(root, size, "%s/mofbind-srvtest-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(root) || setenv("TS_TMPROOT", root, 1) != 0) {
        perror("mkdtemp");
        return -1;
    }
    return 0;
}

static inline void ts_tmproot_remove(const char *root)
{
    char cmd[4200];
    if (strncmp(root, "/", 1) != 0 || !strstr(root, "mofbind-srvtest-"))
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
}

static inline void ts_mkdtemp(char *buf, size_t size)
{
    const char *root = getenv("TS_TMPROOT");
    snprintf(buf, size, "%s/d-XXXXXX", root && *root ? root : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(buf));
}

static inline int ts_mkstemp(char *buf, size_t size)
{
    const char *root = getenv("TS_TMPROOT");
    int fd;
    snprintf(buf, size, "%s/f-XXXXXX", root && *root ? root : "/tmp");
    fd = mkstemp(buf);
    ck_assert_int_ge(fd, 0);
    return fd;
}

/* ---- a server in this process ---------------------------------------------------------- */

typedef struct ts_server {
    msrv_server *srv;
    char url[128];
    char base[96];
    FILE *log;
} ts_server;

static inline const char *ts_srcdir(void)
{
    const char *s = getenv("MOFBIND_SRCDIR");
    return s && *s ? s : "..";
}

static inline char *ts_path(const char *rel)
{
    return ts_fmt("%s/%s", ts_srcdir(), rel);
}

/* A configuration for ts_start serving one schema of the source tree (rel), with schemas/ on
 * the include path when include_schemas, and, when provider names one (libXprov.so), that
 * library of the build tree's tests/provider/ run by the build tree's provider host; the log
 * and the MOF diagnostics go to log. A suite sets what else it needs in c->cfg, starts, then
 * frees with ts_config_free. */
typedef struct ts_config {
    msrv_config cfg;
    char *schema, *include;
    const char *files[1], *includes[1], *providers[1];
    char lib[1024], host[1024];
} ts_config;

static inline msrv_config *ts_config_init(ts_config *c, const char *rel, int include_schemas,
                                          const char *provider, FILE *log)
{
    const char *build = getenv("MOFBIND_BUILDDIR");
    build = build && *build ? build : ".";
    memset(c, 0, sizeof *c);
    c->schema = ts_path(rel);
    c->files[0] = c->schema;
    c->cfg.schema_files = c->files;
    c->cfg.n_schema_files = 1;
    if (include_schemas) {
        c->include = ts_path("schemas");
        c->includes[0] = c->include;
        c->cfg.include_dirs = c->includes;
        c->cfg.n_include_dirs = 1;
    }
    if (provider) {
        snprintf(c->lib, sizeof c->lib, "%s/tests/provider/.libs/%s", build, provider);
        snprintf(c->host, sizeof c->host, "%s/server/mofbind-provider-host", build);
        c->providers[0] = c->lib;
        c->cfg.providers = c->providers;
        c->cfg.n_providers = 1;
        c->cfg.provider_host = c->host;
    }
    c->cfg.log = log;
    c->cfg.diag = log;
    return &c->cfg;
}

static inline void ts_config_free(ts_config *c)
{
    free(c->schema);
    free(c->include);
}

/* Makes a server with the test schema and the throwaway credentials on port 0 (cfg may
 * adjust: fields left 0 get the defaults here), not yet started: a suite registers its method
 * handlers, then calls ts_run. */
static inline void ts_new(ts_server *t, const msrv_config *adjust)
{
    msrv_config cfg;
    char err[512];
    char *schema = ts_path("tests/server/widget.mof");
    const char *schemas[1];
    memset(t, 0, sizeof *t);
    if (adjust)
        cfg = *adjust;
    else
        memset(&cfg, 0, sizeof cfg);
    schemas[0] = schema;
    if (!cfg.n_schema_files && !cfg.n_schema_texts) {
        cfg.schema_files = schemas;
        cfg.n_schema_files = 1;
    }
    if (!cfg.user && !cfg.no_auth && !cfg.users_file) {
        cfg.user = TS_USER;
        cfg.password = TS_PASSWORD;
    }
    if (!cfg.listen)
        cfg.listen = "127.0.0.1:0";
    t->log = fopen("/dev/null", "w");
    if (!cfg.log)
        cfg.log = t->log;
    cfg.quiet = cfg.quiet || !getenv("TS_VERBOSE");
    ck_assert_msg(msrv_new(&cfg, &t->srv, err, sizeof err) == 0, "msrv_new: %s", err);
    free(schema);
}

/* Starts the server ts_new made; t->base and t->url say where it listens. */
static inline void ts_run(ts_server *t)
{
    char err[512];
    ck_assert_msg(msrv_start(t->srv, err, sizeof err) == 0, "msrv_start: %s", err);
    ck_assert_uint_ne(msrv_port(t->srv), 0);
    snprintf(t->base, sizeof t->base, "%s://127.0.0.1:%u", msrv_is_tls(t->srv) ? "https" : "http",
             (unsigned)msrv_port(t->srv));
    snprintf(t->url, sizeof t->url, "%s/wsman", t->base);
}

/* ts_new, then ts_run. */
static inline void ts_start(ts_server *t, const msrv_config *adjust)
{
    ts_new(t, adjust);
    ts_run(t);
}

static inline void ts_stop(ts_server *t)
{
    msrv_free(t->srv);
    t->srv = NULL;
    if (t->log)
        fclose(t->log);
    t->log = NULL;
}

/* POSTs a SOAP body with the right credentials and Content-Type. */
static inline ts_resp ts_post(const ts_server *t, const char *body)
{
    static const char *const ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};
    return ts_request(t->url, NULL, TS_USER, TS_PASSWORD, ct, body, strlen(body), NULL);
}

/* The CIMStatusCode in a fault's detail, or -1. */
static inline int ts_cim_status(const char *body)
{
    const char *p = body;
    while ((p = strstr(p, "CIMStatusCode")) != NULL) {
        const char *gt;
        p += 13;
        if (*p != ' ' && *p != '>')
            continue; /* CIMStatusCodeDescription */
        gt = strchr(p, '>');
        if (gt && gt[1] >= '0' && gt[1] <= '9')
            return atoi(gt + 1);
    }
    return -1;
}

/* Asserts a fault: HTTP 500, a CIM_Error-shaped detail with CIMStatusCode n and MessageID
 * OMI:MI_Result:n, and `subcode` in the body. */
#define TS_FAULT(r, n, subcode)                                                                    \
    do {                                                                                           \
        char want_[64];                                                                            \
        ck_assert_msg((r).status == 500, "status %ld, want 500:\n%s", (r).status, (r).body);       \
        snprintf(want_, sizeof want_, "OMI:MI_Result:%d<", (int)(n));                              \
        ck_assert_msg(strstr((r).body, want_) != NULL, "want %s in:\n%s", want_, (r).body);        \
        ck_assert_msg(ts_cim_status((r).body) == (int)(n), "want CIMStatusCode %d in:\n%s",        \
                      (int)(n), (r).body);                                                         \
        ck_assert_msg(strstr((r).body, "IsCIM_Error=\"true\"") != NULL, "no IsCIM_Error:\n%s",     \
                      (r).body);                                                                   \
        ck_assert_msg(strstr((r).body, (subcode)) != NULL, "want %s in:\n%s", (subcode),           \
                      (r).body);                                                                   \
    } while (0)

/* An MI session of app to t as TS_USER over plain HTTP (privacy off), in envelopes of
 * envelope_kib KiB (0: the default); *dopts holds the credentials (delete it after closing). */
/* A session closed from a callback, whose close completes later on the loop: ts_on_closed is
 * MI_Session_Close's completion callback, ts_closed_wait waits for it. */
typedef struct ts_closed {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int done;
} ts_closed;

static inline void ts_closed_init(ts_closed *c)
{
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
}

static inline void MI_CALL ts_on_closed(void *ctx)
{
    ts_closed *c = (ts_closed *)ctx;
    pthread_mutex_lock(&c->mu);
    c->done = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

/* Waits for the completion, then frees c's lock. */
static inline void ts_closed_wait(ts_closed *c)
{
    pthread_mutex_lock(&c->mu);
    while (!c->done)
        pthread_cond_wait(&c->cv, &c->mu);
    pthread_mutex_unlock(&c->mu);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
}

/* How many lines of the log file at path begin with text (anywhere: hold it). */
static inline int ts_log_count(const char *path, const char *text, int anywhere)
{
    FILE *f = fopen(path, "r");
    char line[2048];
    int n = 0;
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f))
        if (anywhere ? strstr(line, text) != NULL : strncmp(line, text, strlen(text)) == 0)
            n++;
    fclose(f);
    return n;
}

/* Waits up to 10 s for the log at path to hold n lines beginning with text. */
static inline void ts_log_wait(const char *path, const char *text, int n)
{
    int i;
    for (i = 0; i < 200 && ts_log_count(path, text, 0) < n; i++)
        nanosleep(&(struct timespec){0, 50000000}, NULL);
    ck_assert_int_ge(ts_log_count(path, text, 0), n);
}

/* What a subscription's indicationResult callback (ts_seen_callback, its context a ts_seen)
 * saw: the indications counted, the final result and message; ts_seen_wait waits for them.
 * With manual acknowledgement and hold_first, the first indication's ack is kept (the client
 * pulls nothing more until the test calls s->ack(s->op)), the others are given at once. each,
 * when set, sees every indication under the lock before it is counted (s->n is its index). */
typedef struct ts_seen {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int n, final;
    MI_Result result;
    char message[512];
    int hold_first;
    MI_Result(MI_CALL *ack)(MI_Operation *);
    MI_Operation *op;
    void (*each)(struct ts_seen *s, const MI_Instance *ind);
} ts_seen;

static inline void ts_seen_init(ts_seen *s, int hold_first)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->mu, NULL);
    pthread_cond_init(&s->cv, NULL);
    s->hold_first = hold_first;
}

static inline void MI_CALL ts_seen_callback(MI_Operation *op, void *ctx, const MI_Instance *ind,
                                            const MI_Char *bookmark, const MI_Char *machine,
                                            MI_Boolean more, MI_Result r, const MI_Char *msg,
                                            const MI_Instance *details,
                                            MI_Result(MI_CALL *ack)(MI_Operation *))
{
    ts_seen *s = (ts_seen *)ctx;
    (void)bookmark, (void)machine, (void)details;
    pthread_mutex_lock(&s->mu);
    if (ack && ind && s->n == 0 && s->hold_first) {
        s->ack = ack;
        s->op = op;
        ack = NULL;
    }
    if (ind) {
        if (s->each)
            s->each(s, ind);
        s->n++;
    }
    if (!more) {
        s->final = 1;
        s->result = r;
        snprintf(s->message, sizeof s->message, "%s", msg ? msg : "");
    }
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    if (ack)
        ack(op);
}

/* Waits up to 20 s for n indications and, with final, the end. */
static inline void ts_seen_wait(ts_seen *s, int n, int final)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 20;
    pthread_mutex_lock(&s->mu);
    while ((s->n < n || (final && !s->final)) &&
           pthread_cond_timedwait(&s->cv, &s->mu, &until) == 0)
        ;
    ck_assert_msg(s->n >= n && (!final || s->final), "%d of %d, final %d", s->n, n, s->final);
    pthread_mutex_unlock(&s->mu);
}

/* The text of a scalar element of inst, whether the reader typed it or left it a string
 * ("" when NULL; the assert names a missing one). */
static inline const char *ts_elem_text(const MI_Instance *inst, const char *name, char buf[64])
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    ck_assert_msg(MI_Instance_GetElement(inst, name, &v, &t, &f, NULL) == MI_RESULT_OK, "no %s",
                  name);
    if (f & MI_FLAG_NULL)
        return "";
    switch (t) {
    case MI_STRING:
        return v.string;
    case MI_UINT16:
        snprintf(buf, 64, "%u", (unsigned)v.uint16);
        break;
    case MI_UINT32:
        snprintf(buf, 64, "%u", (unsigned)v.uint32);
        break;
    case MI_SINT64:
        snprintf(buf, 64, "%lld", (long long)v.sint64);
        break;
    default:
        snprintf(buf, 64, "(type %d)", (int)t);
        break;
    }
    return buf;
}

/* Asserts what mofbind-server fills in a lifecycle indication (CIM_Indication and
 * CIM_InstIndication): an IndicationIdentifier of its own ("mofbind:", unlike *last, which
 * is then this one's), an IndicationTime, PerceivedSeverity 2 (Information), the
 * SequenceNumber seq, the SourceInstanceHost (this machine, where the test's server runs)
 * and the SourceInstanceModelPath //host/ns:path. */
static inline void ts_check_lifecycle(const MI_Instance *ind, const char *ns, const char *path,
                                      long long seq, char last[64])
{
    char host[256] = "", buf[64], *want;
    const char *id;
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    ck_assert_int_eq(gethostname(host, sizeof host - 1), 0);
    id = ts_elem_text(ind, "IndicationIdentifier", buf);
    ck_assert_msg(strncmp(id, "mofbind:", 8) == 0 && strlen(id) > 8, "identifier %s", id);
    ck_assert_str_ne(id, last);
    snprintf(last, 64, "%s", id);
    ck_assert_int_eq(MI_Instance_GetElement(ind, "IndicationTime", &v, &t, &f, NULL), MI_RESULT_OK);
    ck_assert(!(f & MI_FLAG_NULL));
    ck_assert_str_eq(ts_elem_text(ind, "PerceivedSeverity", buf), "2");
    ck_assert_int_eq(atoll(ts_elem_text(ind, "SequenceNumber", buf)), seq);
    ck_assert_str_eq(ts_elem_text(ind, "SourceInstanceHost", buf), host);
    want = ts_fmt("//%s/%s:%s", host, ns, path);
    ck_assert_str_eq(ts_elem_text(ind, "SourceInstanceModelPath", buf), want);
    free(want);
}

static inline void ts_mi_session(const ts_server *t, MI_Application *app,
                                 MI_DestinationOptions *dopts, MI_Uint32 envelope_kib,
                                 MI_Session *session)
{
    MI_UserCredentials creds;
    char url[160];
    memset(&creds, 0, sizeof creds);
    creds.authenticationType = MI_AUTH_TYPE_BASIC;
    creds.credentials.usernamePassword.username = TS_USER;
    creds.credentials.usernamePassword.password = TS_PASSWORD;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(app, dopts), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(dopts, &creds), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(dopts, MI_FALSE), MI_RESULT_OK);
    if (envelope_kib)
        ck_assert_int_eq(MI_DestinationOptions_SetMaxEnvelopeSize(dopts, envelope_kib),
                         MI_RESULT_OK);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(t->srv));
    ck_assert_int_eq(MI_Application_NewSession(app, NULL, url, dopts, NULL, NULL, session),
                     MI_RESULT_OK);
}

/* What the MI suites' fixtures hold: a server in this process, an application, and TS_USER's
 * session on the server (ts_mi_session) with its options. */
typedef struct ts_mi {
    ts_server t;
    MI_Application app;
    MI_DestinationOptions dopts;
    MI_Session session;
} ts_mi;

/* Starts m's server on the schema file rel (of the source tree) and the MOF text extra (may be
 * NULL), its application, and its session in envelopes of the default size. */
static inline void ts_mi_start(ts_mi *m, const char *rel, const char *extra)
{
    msrv_config cfg;
    char *file = ts_path(rel);
    const char *files[1], *texts[1];
    files[0] = file;
    texts[0] = extra;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = files;
    cfg.n_schema_files = 1;
    if (extra) {
        cfg.schema_texts = texts;
        cfg.n_schema_texts = 1;
    }
    ts_start(&m->t, &cfg);
    free(file);
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &m->app), MI_RESULT_OK);
    ts_mi_session(&m->t, &m->app, &m->dopts, 0, &m->session);
}

/* Opens m's session again, in envelopes of envelope_kib KiB (0: the default). */
static inline void ts_mi_reopen(ts_mi *m, MI_Uint32 envelope_kib)
{
    MI_Session_Close(&m->session, NULL, NULL);
    MI_DestinationOptions_Delete(&m->dopts);
    ts_mi_session(&m->t, &m->app, &m->dopts, envelope_kib, &m->session);
}

static inline void ts_mi_stop(ts_mi *m)
{
    MI_Session_Close(&m->session, NULL, NULL);
    MI_DestinationOptions_Delete(&m->dopts);
    MI_Application_Close(&m->app);
    ts_stop(&m->t);
}

#define TS_HAS(r, s)                                                                               \
    ck_assert_msg(strstr((r).body, (s)) != NULL, "want '%s' in (status %ld):\n%s", (s),            \
                  (r).status, (r).body)
#define TS_LACKS(r, s)                                                                             \
    ck_assert_msg(strstr((r).body, (s)) == NULL, "did not want '%s' in:\n%s", (s), (r).body)

#endif
