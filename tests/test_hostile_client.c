/* SPDX-License-Identifier: MIT */
/* tests/test_hostile_client.c: mofbind-server (in this process, on an ephemeral loopback port)
 * against hostile clients: no action is processed without valid credentials (every action,
 * with no, wrong and malformed Authorization headers); oversized headers and bodies are
 * refused; 1,000 malformed requests (raw HTTP garbage and mutated envelopes) and then normal
 * requests are served correctly; many concurrent clients creating and deleting leave the
 * repository consistent (enumeration, Get and the instance count agree); an operation slower
 * than the request deadline is still answered; the request log, written throughout, never
 * holds a password or an Authorization value. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "test_server_util.h"

#define WRONG_PASSWORD "Wrong-Secret-91d2"

static struct {
    msrv_server *srv;
    char url[128];
    unsigned port;
    char log_path[64];
    FILE *log;
    int ping_calls, census_calls;
    unsigned census_sleep_ms; /* Census takes this long (a slow operation) */
    unsigned deadline;        /* --request-deadline of the next start_server; 0: default */
    unsigned per_address;     /* --max-per-address of the next start_server; 0: default */
    int expect_401;
    pthread_mutex_t mu;
} S;

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char *b64(const char *s)
{
    size_t n = strlen(s), i, o = 0;
    char *out = malloc(4 * ((n + 2) / 3) + 1);
    ck_assert_ptr_nonnull(out);
    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)s[i] << 16;
        if (i + 1 < n)
            v |= (unsigned char)s[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)s[i + 2];
        out[o++] = b64chars[(v >> 18) & 63];
        out[o++] = b64chars[(v >> 12) & 63];
        out[o++] = i + 1 < n ? b64chars[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? b64chars[v & 63] : '=';
    }
    out[o] = '\0';
    return out;
}

static MI_Result on_ping(void *ctx, msrv_call *call)
{
    MI_Value v;
    (void)ctx;
    pthread_mutex_lock(&S.mu);
    S.ping_calls++;
    pthread_mutex_unlock(&S.mu);
    v.uint32 = 0;
    MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0);
    return MI_RESULT_OK;
}

static MI_Result on_census(void *ctx, msrv_call *call)
{
    MI_Value v;
    (void)ctx;
    pthread_mutex_lock(&S.mu);
    S.census_calls++;
    pthread_mutex_unlock(&S.mu);
    if (S.census_sleep_ms)
        usleep(S.census_sleep_ms * 1000u);
    v.uint32 = 0;
    MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0);
    return MI_RESULT_OK;
}

/* The server of the tests, logging into S.log, with the other limits at their defaults. */
static void start_server(unsigned timeout)
{
    msrv_config cfg;
    char err[512];
    char *schema = ts_path("tests/server/widget.mof");
    const char *schemas[1];
    memset(&cfg, 0, sizeof cfg);
    schemas[0] = schema;
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.user = TS_USER;
    cfg.password = TS_PASSWORD;
    cfg.listen = "127.0.0.1:0";
    cfg.log = S.log; /* every request logged: the log is checked for secrets */
    cfg.diag = S.log;
    cfg.quiet = false;
    cfg.timeout = timeout;
    cfg.request_deadline = S.deadline;
    cfg.max_per_address = S.per_address;
    ck_assert_msg(msrv_new(&cfg, &S.srv, err, sizeof err) == 0, "msrv_new: %s", err);
    free(schema);
    ck_assert_int_eq(msrv_register_method(S.srv, NULL, "Contoso_Widget", "Ping", on_ping, NULL), 0);
    ck_assert_int_eq(msrv_register_method(S.srv, NULL, "Contoso_Widget", "Census", on_census, NULL),
                     0);
    ck_assert_msg(msrv_start(S.srv, err, sizeof err) == 0, "msrv_start: %s", err);
    S.port = msrv_port(S.srv);
    snprintf(S.url, sizeof S.url, "http://127.0.0.1:%u/wsman", S.port);
}

static void setup(void)
{
    int fd;
    signal(SIGPIPE, SIG_IGN);
    memset(&S, 0, sizeof S);
    pthread_mutex_init(&S.mu, NULL);
    snprintf(S.log_path, sizeof S.log_path, "/tmp/mofbind-srvlog-XXXXXX");
    fd = mkstemp(S.log_path);
    ck_assert_int_ge(fd, 0);
    S.log = fdopen(fd, "w+");
    ck_assert_ptr_nonnull(S.log);
    start_server(5);
}

/* Stops the server and checks the log: requests were logged, secrets never. */
static void teardown(void)
{
    char *whole = b64(TS_USER ":" TS_PASSWORD), *wrong = b64(TS_USER ":" WRONG_PASSWORD);
    char *text;
    long n;
    msrv_free(S.srv);
    fflush(S.log);
    n = ftell(S.log);
    ck_assert_int_gt(n, 0);
    text = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    rewind(S.log);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, S.log), (size_t)n);
    text[n] = '\0';
    fclose(S.log);
    unlink(S.log_path);
    if (S.expect_401) /* the unauthenticated requests were logged */
        ck_assert_msg(strstr(text, " 401 "), "no 401 in the log:\n%.2000s", text);
    ck_assert_msg(!strstr(text, TS_PASSWORD), "the password is in the log");
    ck_assert_msg(!strstr(text, WRONG_PASSWORD), "a wrong password is in the log");
    ck_assert_msg(!strstr(text, whole), "the Authorization value is in the log");
    ck_assert_msg(!strstr(text, wrong), "a wrong Authorization value is in the log");
    ck_assert_msg(!strstr(text, "Zm9yZ2VkOmNyZWRz"), "a malformed Authorization is in the log");
    free(text);
    free(whole);
    free(wrong);
    pthread_mutex_destroy(&S.mu);
}

static const char *const soap_ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};

static ts_resp post_auth(const char *env)
{
    return ts_request(S.url, NULL, TS_USER, TS_PASSWORD, soap_ct, env, strlen(env), NULL);
}

static char *widget_env(const char *action, const char *id, const char *body)
{
    char *sel = ts_fmt("<w:Selector Name=\"Id\">%s</w:Selector>", id);
    char *e = ts_envelope(action, "Contoso_Widget", "root/cimv2", sel, NULL, body);
    free(sel);
    return e;
}

static ts_resp get_widget(const char *id)
{
    char *e = widget_env(TS_TRANSFER "Get", id, "");
    ts_resp r = post_auth(e);
    free(e);
    return r;
}

static void create_widget(const char *id, const char *name)
{
    char *props = ts_fmt("<p:Id>%s</p:Id><p:Name>%s</p:Name>", id, name);
    char *body = ts_widget("Contoso_Widget", props);
    char *e = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    ts_resp r = post_auth(e);
    ck_assert_msg(r.status == 200, "create %s: %ld %s", id, r.status, r.body);
    ts_resp_free(&r);
    free(e);
    free(body);
    free(props);
}

/* The EnumerationContext of a response, malloc'd, or NULL. */
static char *context_of(const char *body)
{
    const char *p = strstr(body, "EnumerationContext>"), *e;
    if (!p)
        return NULL;
    p += strlen("EnumerationContext>");
    e = strchr(p, '<');
    return e ? ts_fmt("%.*s", (int)(e - p), p) : NULL;
}

static char *enum_env(int optimized)
{
    return ts_envelope(TS_ENUM "Enumerate", "Contoso_Widget", "root/cimv2", NULL, NULL,
                       optimized ? "<n:Enumerate><w:OptimizeEnumeration/>"
                                   "<w:MaxElements>10000</w:MaxElements></n:Enumerate>"
                                 : "<n:Enumerate/>");
}

static char *pull_env(const char *action, const char *ctx)
{
    char *b = ts_fmt("<n:%s><n:EnumerationContext>%s</n:EnumerationContext>%s</n:%s>", action, ctx,
                     strcmp(action, "Pull") == 0 ? "<n:MaxElements>1</n:MaxElements>" : "", action);
    char *act = ts_fmt(TS_ENUM "%s", action);
    char *e = ts_envelope(act, "Contoso_Widget", "root/cimv2", NULL, NULL, b);
    free(b);
    free(act);
    return e;
}

/* ---- no processing without credentials ---------------------------------------------------- */

START_TEST(every_action_needs_credentials)
{
    char *ctx, *pull, *release;
    char *envs[10];
    const char *names[10];
    size_t ne = 0, i, k;
    ts_resp r;
    size_t before;
    char *bad_b64 = ts_fmt("Authorization: Basic %s", "Zm9yZ2VkOmNyZWRz"); /* forged:creds */
    char *no_colon = b64(TS_USER);
    char *no_colon_h = ts_fmt("Authorization: Basic %s", no_colon);
    const char *const hdr_sets[][3] = {
        {soap_ct[0], NULL, NULL},
        {soap_ct[0], "Authorization: Basic", NULL},
        {soap_ct[0], "Authorization: Basic !!!!not-base64!!!!", NULL},
        {soap_ct[0], "Authorization: Bearer abcdef", NULL},
        {soap_ct[0],
         "Authorization: Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw==", NULL},
        {soap_ct[0], bad_b64, NULL},
        {soap_ct[0], no_colon_h, NULL},
    };

    S.expect_401 = 1;
    create_widget("w0", "original");
    /* An open enumeration to Pull and Release. */
    {
        char *e = enum_env(0);
        r = post_auth(e);
        ck_assert_int_eq(r.status, 200);
        ctx = context_of(r.body);
        ck_assert_ptr_nonnull(ctx);
        ts_resp_free(&r);
        free(e);
    }
    pull = pull_env("Pull", ctx);
    release = pull_env("Release", ctx);
    names[ne] = "Identify";
    envs[ne++] = ts_fmt("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                        "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/"
                        "wsmanidentity.xsd\"><s:Header/><s:Body><wsmid:Identify/></s:Body>"
                        "</s:Envelope>");
    names[ne] = "Get";
    envs[ne++] = widget_env(TS_TRANSFER "Get", "w0", "");
    names[ne] = "Put";
    {
        char *b = ts_widget("Contoso_Widget", "<p:Id>w0</p:Id><p:Name>hacked</p:Name>");
        envs[ne++] = widget_env(TS_TRANSFER "Put", "w0", b);
        free(b);
    }
    names[ne] = "Create";
    {
        char *b = ts_widget("Contoso_Widget", "<p:Id>sneak</p:Id>");
        envs[ne++] =
            ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, b);
        free(b);
    }
    names[ne] = "Delete";
    envs[ne++] = widget_env(TS_TRANSFER "Delete", "w0", "");
    names[ne] = "Enumerate";
    envs[ne++] = enum_env(1);
    names[ne] = "Pull";
    envs[ne++] = pull;
    names[ne] = "Release";
    envs[ne++] = release;
    names[ne] = "Invoke";
    envs[ne++] = widget_env(TS_URI_DMTF "Contoso_Widget/Ping", "w0",
                            "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"><p:Text>x"
                            "</p:Text><p:Times>1</p:Times></p:Ping_INPUT>");
    names[ne] = "Invoke static";
    envs[ne++] =
        ts_envelope(TS_URI_DMTF "Contoso_Widget/Census", "Contoso_Widget", "root/cimv2", NULL, NULL,
                    "<p:Census_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");

    before = msrv_instance_count(S.srv, "root/cimv2", NULL);
    for (i = 0; i < ne; i++) {
        for (k = 0; k < sizeof hdr_sets / sizeof hdr_sets[0] + 1; k++) {
            if (k < sizeof hdr_sets / sizeof hdr_sets[0])
                r = ts_request(S.url, NULL, NULL, NULL, hdr_sets[k], envs[i], strlen(envs[i]),
                               NULL);
            else /* a wrong password */
                r = ts_request(S.url, NULL, TS_USER, WRONG_PASSWORD, soap_ct, envs[i],
                               strlen(envs[i]), NULL);
            ck_assert_msg(r.curl == CURLE_OK && r.status == 401,
                          "%s, credentials case %zu: curl %d status %ld", names[i], k, (int)r.curl,
                          r.status);
            ck_assert_msg(r.len == 0, "%s, case %zu: a 401 with a body: %s", names[i], k, r.body);
            ts_resp_free(&r);
        }
    }
    /* Nothing happened: same instances, w0 unchanged, no handler called, the enumeration
     * context still open (neither pulled nor released). */
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", NULL), before);
    r = get_widget("w0");
    ck_assert_int_eq(r.status, 200);
    ck_assert_msg(strstr(r.body, ">original<"), "%s", r.body);
    ts_resp_free(&r);
    r = get_widget("sneak");
    ck_assert_int_eq(r.status, 500);
    ts_resp_free(&r);
    ck_assert_int_eq(S.ping_calls, 0);
    ck_assert_int_eq(S.census_calls, 0);
    r = post_auth(pull);
    ck_assert_msg(r.status == 200 && strstr(r.body, "PullResponse"), "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    /* ... and with the credentials each action works (the test can tell). */
    r = post_auth(envs[8]);
    ck_assert_msg(r.status == 200, "Invoke: %ld %s", r.status, r.body);
    ts_resp_free(&r);
    ck_assert_int_eq(S.ping_calls, 1);

    for (i = 0; i < ne; i++)
        free(envs[i]);
    free(ctx);
    free(bad_b64);
    free(no_colon);
    free(no_colon_h);
}
END_TEST

/* ---- raw HTTP ------------------------------------------------------------------------------ */

static int connect_server(void)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)S.port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sends data (then shuts down writing when half_close), reads the answer until the server
 * closes or 3 s pass. Returns the HTTP status, 0 when the connection closed without one, -1
 * when the server neither answered nor closed in time. */
static int raw_exchange(const char *data, size_t len, int half_close, char *out, size_t cap)
{
    int fd = connect_server(), status = -1;
    size_t n = 0, off = 0;
    double end = now_s() + 3.0;
    while (off < len) {
        ssize_t k = send(fd, data + off, len - off, MSG_NOSIGNAL);
        if (k <= 0)
            break; /* the server may refuse before reading everything */
        off += (size_t)k;
    }
    if (half_close)
        shutdown(fd, SHUT_WR);
    for (;;) {
        struct pollfd pf = {fd, POLLIN, 0};
        int ms = (int)((end - now_s()) * 1000);
        ssize_t k;
        if (ms <= 0 || poll(&pf, 1, ms) <= 0)
            break;
        k = recv(fd, out + n, cap - n - 1, 0);
        if (k <= 0) {
            status = 0;
            break;
        }
        n += (size_t)k;
        out[n] = '\0';
        if (n + 1 >= cap)
            break;
    }
    out[n] = '\0';
    if (n >= 12 && strncmp(out, "HTTP/1.", 7) == 0)
        status = atoi(out + 9);
    close(fd);
    return status;
}

/* Sends a request whose Authorization header holds a token of len base64 letters under the
 * scheme given, with no body; req has room for len + 4096 bytes. Returns raw_exchange's status. */
static int long_authorization(char *req, const char *scheme, size_t len, char *out, size_t cap)
{
    size_t n, i;
    n = (size_t)snprintf(req, 4096, "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: %s ",
                         scheme);
    for (i = 0; i < len; i++)
        req[n++] = "YIIXq0ZI"[i % 8];
    n += (size_t)snprintf(req + n, 4096, "\r\nContent-Length: 0\r\n\r\n");
    return raw_exchange(req, n, 1, out, cap);
}

START_TEST(oversized_headers_refused)
{
    static char buf[65536];
    char *auth = b64(TS_USER ":" TS_PASSWORD);
    char *env = widget_env(TS_TRANSFER "Get", "none", "");
    size_t big = 200000, i;
    char *req = malloc(big + 4096);
    int st;
    size_t n;
    ts_resp r;

    ck_assert_ptr_nonnull(req);
    /* One header line of 200 kB, with valid credentials. */
    n = (size_t)snprintf(req, 4096,
                         "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                         "Content-Type: application/soap+xml\r\nX-Junk: ",
                         auth);
    for (i = 0; i < big; i++)
        req[n++] = 'j';
    n += (size_t)snprintf(req + n, 4096, "\r\nContent-Length: %zu\r\n\r\n%s", strlen(env), env);
    st = raw_exchange(req, n, 1, buf, sizeof buf);
    ck_assert_msg(st == 0 || (st >= 400 && st < 500), "one huge header: status %d", st);
    /* 20,000 small header lines. */
    n = (size_t)snprintf(req, 4096,
                         "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         "Authorization: Basic %s\r\n",
                         auth);
    for (i = 0; i < 20000 && n + 64 < big; i++)
        n += (size_t)snprintf(req + n, 64, "X-H%zu: v\r\n", i);
    n += (size_t)snprintf(req + n, 4096, "Content-Length: %zu\r\n\r\n%s", strlen(env), env);
    st = raw_exchange(req, n, 1, buf, sizeof buf);
    ck_assert_msg(st == 0 || (st >= 400 && st < 500), "many headers: status %d", st);
    /* A huge Authorization header. */
    st = long_authorization(req, "Basic", 100000, buf, sizeof buf);
    ck_assert_msg(st == 0 || (st >= 400 && st < 500), "huge Authorization: status %d", st);
    /* A client that tries Negotiate first sends a Kerberos token of up to 64 KB in base64
     * (Windows' MaxTokenSize, 48,000 bytes): it gets the challenge that says Basic is the way in,
     * not a 431 that tells it nothing. */
    st = long_authorization(req, "Negotiate", 64000, buf, sizeof buf);
    ck_assert_msg(st == 401, "a 64 KB Negotiate token: status %d", st);
    ck_assert_msg(strstr(buf, "\r\nWWW-Authenticate: Basic realm="), "%s", buf);
    /* Over the head's bound (128 KiB), libmicrohttpd's own 431, with Connection: close. */
    st = long_authorization(req, "Negotiate", 140000, buf, sizeof buf);
    ck_assert_msg(st == 431 || st == 0, "a 140 KB head: status %d", st);
    /* A body announced far over the limit is refused without waiting for it. */
    {
        double t0 = now_s();
        n = (size_t)snprintf(req, 4096,
                             "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s"
                             "\r\nContent-Type: application/soap+xml\r\nContent-Length: "
                             "2147483648\r\n\r\n<s:Envelope",
                             auth);
        st = raw_exchange(req, n, 0, buf, sizeof buf);
        ck_assert_msg(st != 200 && st != -1, "an announced 2 GiB body: status %d", st);
        ck_assert_msg(now_s() - t0 < 2.5, "an announced 2 GiB body took %.1f s", now_s() - t0);
    }
    /* A chunked body over the limit (no Content-Length to check up front). */
    {
        size_t total = 0;
        char *chunked = malloc(3u * 1024u * 1024u);
        ck_assert_ptr_nonnull(chunked);
        n = (size_t)snprintf(chunked, 4096,
                             "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s"
                             "\r\nContent-Type: application/soap+xml\r\nTransfer-Encoding: "
                             "chunked\r\n\r\n",
                             auth);
        while (total < 2u * 1024u * 1024u) {
            n += (size_t)snprintf(chunked + n, 16, "8000\r\n");
            memset(chunked + n, 'x', 0x8000);
            n += 0x8000;
            n += (size_t)snprintf(chunked + n, 8, "\r\n");
            total += 0x8000;
        }
        n += (size_t)snprintf(chunked + n, 8, "0\r\n\r\n");
        st = raw_exchange(chunked, n, 1, buf, sizeof buf);
        ck_assert_msg(st == 0 || st == 413 || st == 500, "2 MiB chunked: status %d", st);
        if (st == 500)
            ck_assert_msg(strstr(buf, "EncodingLimit"), "%s", buf);
        free(chunked);
    }
    /* The server still serves. */
    r = get_widget("none");
    ck_assert_int_eq(r.status, 500);
    ck_assert_msg(strstr(r.body, "DestinationUnreachable"), "%s", r.body);
    ts_resp_free(&r);
    free(req);
    free(env);
    free(auth);
}
END_TEST

static unsigned long long rng_next(unsigned long long *s)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    return *s >> 17;
}

/* 1,000 malformed requests in a row, then normal requests are served correctly. */
START_TEST(thousand_malformed_then_normal)
{
    static char buf[65536];
    char *auth = b64(TS_USER ":" TS_PASSWORD);
    char *body = ts_widget("Contoso_Widget", "<p:Id>m</p:Id><p:Count>1</p:Count>");
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    size_t elen = strlen(env);
    char *req = malloc(elen * 2 + 70000);
    unsigned long long seed = 42;
    int i, answered = 0, closed = 0;
    size_t before = msrv_instance_count(S.srv, "root/cimv2", NULL);
    ts_resp r;

    ck_assert_ptr_nonnull(req);
    for (i = 0; i < 1000; i++) {
        size_t n = 0, k;
        int st, half = 1;
        switch (i % 12) {
        case 0: /* random bytes */
            k = 1 + rng_next(&seed) % 2000;
            for (n = 0; n < k; n++)
                req[n] = (char)rng_next(&seed);
            break;
        case 1:
            n = (size_t)sprintf(req, "POST /wsman HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n"
                                     "\r\n");
            break;
        case 2:
            n = (size_t)sprintf(req,
                                "POST /wsman HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s"
                                "\r\nContent-Length: 99999999999999999999999\r\n\r\nabc",
                                auth);
            break;
        case 3:
            n = (size_t)sprintf(req,
                                "POST /wsman HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s"
                                "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                                auth);
            break;
        case 4:
            n = (size_t)sprintf(req, "GARBAGE\r\n\r\n");
            break;
        case 5:
            n = (size_t)sprintf(req, "POST /wsman HTTP/1.1\r\nno colon here\r\n\r\n");
            break;
        case 6: /* an authenticated, mutated envelope */
        case 7:
        case 8: {
            size_t m = elen, flips = 1 + rng_next(&seed) % 12;
            char *e = req + 1024;
            memcpy(e, env, elen);
            for (k = 0; k < flips; k++)
                e[rng_next(&seed) % m] = "<>/&;\"'=:x\0\xff\xc3 "[rng_next(&seed) % 15];
            if (i % 24 == 6)
                m = rng_next(&seed) % elen;
            n = (size_t)snprintf(req, 1024,
                                 "POST /wsman HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s\r\n"
                                 "Content-Type: application/soap+xml\r\nContent-Length: %zu\r\n"
                                 "Connection: close\r\n\r\n",
                                 auth, m);
            memmove(req + n, e, m);
            n += m;
            half = 0;
            break;
        }
        case 9:
            n = (size_t)sprintf(req, "GET /\r\n");
            break;
        case 10: /* NULs and control bytes in the head */
        {
            static const char head[] = "POST /ws\0man HTTP/1.1\r\nHost: \x01\x02\r\n\r\n";
            memcpy(req, head, sizeof head - 1);
            n = sizeof head - 1;
        } break;
        default: /* a body shorter than announced, then the client goes away */
            n = (size_t)sprintf(req,
                                "POST /wsman HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s"
                                "\r\nContent-Type: application/soap+xml\r\n"
                                "Content-Length: 5000\r\n\r\n<s:Envelope",
                                auth);
            break;
        }
        st = raw_exchange(req, n, half, buf, sizeof buf);
        ck_assert_msg(st != -1, "malformed request %d: no answer and no close in 3 s", i);
        if (i % 12 < 6 || i % 12 > 8)
            ck_assert_msg(st != 200, "malformed request %d: 200", i);
        if (st > 0)
            answered++;
        else
            closed++;
    }
    ck_assert_int_gt(answered, 0);
    /* Normal requests: create, get, enumerate, delete. */
    create_widget("after-storm", "fine");
    r = get_widget("after-storm");
    ck_assert_int_eq(r.status, 200);
    ck_assert(strstr(r.body, ">fine<") != NULL);
    ts_resp_free(&r);
    {
        char *e = enum_env(1);
        r = post_auth(e);
        ck_assert_int_eq(r.status, 200);
        ck_assert(strstr(r.body, "after-storm") != NULL);
        ts_resp_free(&r);
        free(e);
        e = widget_env(TS_TRANSFER "Delete", "after-storm", "");
        r = post_auth(e);
        ck_assert_int_eq(r.status, 200);
        ts_resp_free(&r);
        free(e);
    }
    /* The mutated Creates may have made "m" (only that key). */
    ck_assert_uint_le(msrv_instance_count(S.srv, "root/cimv2", NULL), before + 1);
    free(req);
    free(env);
    free(body);
    free(auth);
}
END_TEST

/* ---- many concurrent clients -------------------------------------------------------------- */

#define C_THREADS 16
#define C_EACH 24
#define C_SHARED 8

typedef struct cworker {
    int id;
    int failed;
    char why[256];
} cworker;

static int status_of(const char *env)
{
    ts_resp r = post_auth(env);
    int st = (int)r.status;
    if (st == 500 && (strstr(r.body, "OMI:MI_Result:11<") || strstr(r.body, "OMI:MI_Result:6<")))
        st = 409; /* already exists / not found: a lost race, fine */
    ts_resp_free(&r);
    return st;
}

static void *cwork(void *arg)
{
    cworker *w = arg;
    int i;
    for (i = 0; i < C_EACH && !w->failed; i++) {
        char *props = ts_fmt("<p:Id>c%d-%d</p:Id><p:Count>%d</p:Count>", w->id, i, i);
        char *body = ts_widget("Contoso_Widget", props);
        char *env =
            ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
        char *id;
        int st = status_of(env);
        if (st != 200) {
            w->failed = 1;
            snprintf(w->why, sizeof w->why, "create c%d-%d: %d", w->id, i, st);
        }
        free(env);
        free(body);
        free(props);
        /* Everyone creates and deletes the same few keys. */
        id = ts_fmt("s%d", i % C_SHARED);
        props = ts_fmt("<p:Id>%s</p:Id>", id);
        body = ts_widget("Contoso_Widget", props);
        env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
        st = status_of(env);
        if (st != 200 && st != 409) {
            w->failed = 1;
            snprintf(w->why, sizeof w->why, "create %s: %d", id, st);
        }
        free(env);
        free(body);
        free(props);
        env = widget_env(TS_TRANSFER "Delete", id, "");
        st = status_of(env);
        if (st != 200 && st != 409) {
            w->failed = 1;
            snprintf(w->why, sizeof w->why, "delete %s: %d", id, st);
        }
        free(env);
        free(id);
        if (i % 2 == 0) {
            id = ts_fmt("c%d-%d", w->id, i);
            env = widget_env(TS_TRANSFER "Delete", id, "");
            st = status_of(env);
            if (st != 200) {
                w->failed = 1;
                snprintf(w->why, sizeof w->why, "delete %s: %d", id, st);
            }
            free(env);
            free(id);
        }
    }
    return NULL;
}

/* Counts the items of an optimized enumeration of Contoso_Widget (all in one response). */
static size_t count_items(const char *body, const char *needle)
{
    size_t n = 0;
    const char *p = body;
    while ((p = strstr(p, needle))) {
        n++;
        p += strlen(needle);
    }
    return n;
}

START_TEST(concurrent_clients_consistent)
{
    pthread_t th[C_THREADS];
    cworker w[C_THREADS];
    size_t base = msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"), shared = 0;
    int i, j;
    char *e;
    ts_resp r, g;

    for (i = 0; i < C_THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].id = i;
        ck_assert_int_eq(pthread_create(&th[i], NULL, cwork, &w[i]), 0);
    }
    for (i = 0; i < C_THREADS; i++)
        pthread_join(th[i], NULL);
    for (i = 0; i < C_THREADS; i++)
        ck_assert_msg(!w[i].failed, "worker %d: %s", i, w[i].why);
    /* Each worker's odd keys remain, its even ones are gone. */
    for (i = 0; i < C_THREADS; i++)
        for (j = 0; j < C_EACH; j++) {
            char id[32];
            snprintf(id, sizeof id, "c%d-%d", i, j);
            g = get_widget(id);
            ck_assert_msg(g.status == (j % 2 ? 200 : 500), "%s: %ld", id, g.status);
            ts_resp_free(&g);
        }
    /* The shared keys: Get agrees with the enumeration, and the count with both. */
    e = enum_env(1);
    r = post_auth(e);
    ck_assert_int_eq(r.status, 200);
    for (i = 0; i < C_SHARED; i++) {
        char id[32], item[48];
        int listed;
        snprintf(id, sizeof id, "s%d", i);
        snprintf(item, sizeof item, "<p:Id>%s</p:Id>", id);
        listed = strstr(r.body, item) != NULL;
        g = get_widget(id);
        ck_assert_msg(g.status == (listed ? 200 : 500), "%s: listed %d, Get %ld", id, listed,
                      g.status);
        ts_resp_free(&g);
        shared += (size_t)listed;
    }
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"),
                      base + (size_t)C_THREADS * C_EACH / 2 + shared);
    ck_assert_uint_eq(count_items(r.body, "<p:Id>"),
                      msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"));
    ts_resp_free(&r);
    free(e);
}
END_TEST

/* The request deadline bounds receiving a request, not serving it: an operation that takes
 * longer than the deadline, on a request received in time, is answered (the connection was
 * shut mid-operation before, its change made and its answer lost). */
START_TEST(slow_operation_outlives_the_deadline)
{
    char *env =
        ts_envelope(TS_URI_DMTF "Contoso_Widget/Census", "Contoso_Widget", "root/cimv2", NULL, NULL,
                    "<p:Census_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    const char *slow = getenv("MOFBIND_TEST_SLOW");
    ts_resp r;
    msrv_free(S.srv);
    /* Receiving the request stays well within the deadline, under valgrind too. */
    S.deadline = slow && atol(slow) > 1 ? 5 : 1;
    S.census_sleep_ms = S.deadline * 1000u + 1500u;
    start_server(30);
    r = post_auth(env);
    ck_assert_msg(r.status == 200, "status %ld: %s", r.status, r.body ? r.body : "");
    ck_assert_ptr_nonnull(strstr(r.body, "ReturnValue"));
    ck_assert_int_eq(S.census_calls, 1);
    ts_resp_free(&r);
    free(env);
}
END_TEST

/* `user:password\0junk`: libmicrohttpd hands the password over as a C string, which ends at
 * the NUL; the server must not take it for `user:password`. */
START_TEST(basic_credentials_with_a_nul_refused)
{
    static char buf[65536];
    char *env = widget_env(TS_TRANSFER "Get", "none", "");
    /* base64 of "tester:Throwaway-7f3a9c\0junk" */
    char *req = ts_fmt("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       "Authorization: Basic dGVzdGVyOlRocm93YXdheS03ZjNhOWMAanVuaw==\r\n"
                       "Content-Type: application/soap+xml\r\nContent-Length: %zu\r\n"
                       "Connection: close\r\n\r\n%s",
                       strlen(env), env);
    char *good = b64(TS_USER ":" TS_PASSWORD);
    char *ok = ts_fmt("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                      "Content-Type: application/soap+xml\r\nContent-Length: %zu\r\n"
                      "Connection: close\r\n\r\n%s",
                      good, strlen(env), env);
    ck_assert_int_eq(raw_exchange(req, strlen(req), 0, buf, sizeof buf), 401);
    ck_assert_msg(strstr(buf, "WWW-Authenticate: Basic"), "%s", buf);
    ck_assert_int_eq(raw_exchange(ok, strlen(ok), 0, buf, sizeof buf), 500); /* no such widget */
    S.expect_401 = 1;
    free(ok);
    free(good);
    free(req);
    free(env);
}
END_TEST

/* A newline in a ResourceURI cannot forge a line of the request log. */
START_TEST(log_lines_cannot_be_forged)
{
    char *env = ts_envelope(TS_TRANSFER "Get",
                            "Contoso_Widget&#10;Create Forged_Class MI_RESULT_OK 200 1us",
                            "root/cimv2", NULL, NULL, "");
    ts_resp r = post_auth(env);
    FILE *f;
    char line[4096];
    bool seen = false;
    ck_assert_int_eq(r.status, 500);
    ts_resp_free(&r);
    fflush(S.log);
    f = fopen(S.log_path, "r");
    ck_assert_ptr_nonnull(f);
    while (fgets(line, sizeof line, f)) {
        ck_assert_msg(strncmp(line, "Create Forged_Class", 19) != 0, "forged: %s", line);
        if (strstr(line, "Contoso_Widget\\x0ACreate\\x20Forged_Class"))
            seen = true;
    }
    fclose(f);
    ck_assert_msg(seen, "the request was not logged, escaped");
    free(env);
}
END_TEST

/* A connection from a given loopback address (127.0.0.2 plays another host). */
static int connect_from(const char *from)
{
    struct sockaddr_in a, b;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    memset(&b, 0, sizeof b);
    b.sin_family = AF_INET;
    inet_pton(AF_INET, from, &b.sin_addr);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)S.port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&b, sizeof b) != 0 ||
        connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Reads one HTTP response (head and Content-Length body) from fd within 3 s: its status, or
 * -1. */
static int read_response(int fd)
{
    char buf[65536];
    size_t n = 0;
    double end = now_s() + 3.0;
    for (;;) {
        struct pollfd pf = {fd, POLLIN, 0};
        int ms = (int)((end - now_s()) * 1000);
        const char *head_end, *cl;
        ssize_t k;
        if (ms <= 0 || poll(&pf, 1, ms) <= 0)
            return -1;
        k = recv(fd, buf + n, sizeof buf - n - 1, 0);
        if (k <= 0)
            return -1;
        n += (size_t)k;
        buf[n] = '\0';
        head_end = strstr(buf, "\r\n\r\n");
        cl = strstr(buf, "Content-Length:");
        if (head_end && cl && (size_t)(head_end + 4 - buf) + (size_t)atol(cl + 15) <= n)
            return atoi(buf + 9);
    }
}

/* The per-address cap counts the connections a client still has open: two connections from
 * 127.0.0.1 whose slow requests are being served hold its two slots (a third is answered 503
 * with Retry-After, not reset); once the client has closed them, a new connection is served at
 * once, although the server is still in their requests and libmicrohttpd still counts them (it
 * used to reset it until it had cleaned them up). */
START_TEST(per_address_cap_counts_open_connections)
{
    const char *slow = getenv("MOFBIND_TEST_SLOW");
    char *auth = b64(TS_USER ":" TS_PASSWORD);
    char *env =
        ts_envelope(TS_URI_DMTF "Contoso_Widget/Census", "Contoso_Widget", "root/cimv2", NULL, NULL,
                    "<p:Census_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    char *req = ts_fmt("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                       "Content-Type: application/soap+xml;charset=UTF-8\r\n"
                       "Content-Length: %zu\r\n\r\n%s",
                       auth, strlen(env), env);
    double until;
    int fd[2], i, calls = 0;
    ts_resp r;
    msrv_free(S.srv);
    S.per_address = 2;
    /* Long enough for the checks below to run while both requests are in the server. */
    S.census_sleep_ms = slow && atol(slow) > 1 ? 20000u : 4000u;
    start_server(30);
    for (i = 0; i < 2; i++) {
        fd[i] = connect_from("127.0.0.1");
        ck_assert_int_ge(fd[i], 0);
        ck_assert_int_eq(send(fd[i], req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
    }
    until = now_s() + 30.0;
    while (calls < 2 && now_s() < until) {
        usleep(10000);
        pthread_mutex_lock(&S.mu);
        calls = S.census_calls;
        pthread_mutex_unlock(&S.mu);
    }
    ck_assert_int_eq(calls, 2);
    r = get_widget("none");
    ck_assert_msg(r.status == 503, "a third connection: status %ld (curl %d)", r.status, r.curl);
    ck_assert_ptr_nonnull(strstr(r.headers, "Retry-After: 1"));
    ts_resp_free(&r);
    close(fd[0]);
    close(fd[1]);
    r = get_widget("none");
    ck_assert_msg(r.status == 500, "after the client closed its two: status %ld (curl %d)",
                  r.status, r.curl);
    ts_resp_free(&r);
    free(req);
    free(env);
    free(auth);
}
END_TEST

#define ATTACKERS 300
#define KEPT 20 /* kept-alive connections of the client, idle through the attack */

/* The slow-header attack of issue 21: connections from another address that drip one header
 * line a second, or send nothing at all, hold at most 2 * --max-per-address + 16 slots (80: the
 * hard cap) and each for at most the request deadline (10 s); a client from 127.0.0.1 is served
 * within 2 s all along, and its 20 kept-alive connections, idle for longer than the deadline, still
 * work. */
START_TEST(slow_headers_from_another_address)
{
    static int fds[ATTACKERS];
    const char *slow = getenv("MOFBIND_TEST_SLOW");
    char *auth = b64(TS_USER ":" TS_PASSWORD);
    char *env = widget_env(TS_TRANSFER "Get", "none", "");
    char *req = ts_fmt("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                       "Content-Type: application/soap+xml;charset=UTF-8\r\n"
                       "Content-Length: %zu\r\n\r\n%s",
                       auth, strlen(env), env);
    double start, worst = 0;
    int i, served = 0, keep[KEPT], open_at_end = 0, probe;
    /* The default limits, and an idle timeout longer than the deadline. */
    msrv_free(S.srv);
    start_server(30);
    if (slow && atol(slow) > 1) {
        /* Under valgrind (scripts/valgrind.sh sets MOFBIND_TEST_SLOW) the server's watcher and
         * the 2 s bound run at a tenth of their pace: the attack's timing is checked in the
         * plain and sanitizer builds, its memory here only up to this point. */
        fprintf(stderr, "slow_headers_from_another_address: under valgrind, skipped\n");
        fprintf(S.log, "(slow_headers_from_another_address skipped under valgrind)\n");
        goto out;
    }
    start = now_s();
    probe = connect_from("127.0.0.2");
    if (probe < 0) {
        /* 127.0.0.2 is loopback on Linux; a sandbox without it cannot run this test. */
        fprintf(stderr, "slow_headers_from_another_address: cannot bind 127.0.0.2, skipped\n");
        goto out;
    }
    close(probe);
    for (i = 0; i < KEPT; i++) {
        keep[i] = connect_from("127.0.0.1");
        ck_assert_int_ge(keep[i], 0);
        ck_assert_int_eq(send(keep[i], req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
        ck_assert_int_eq(read_response(keep[i]), 500); /* a fault: no such widget; kept alive */
    }
    for (i = 0; i < ATTACKERS; i++) {
        fds[i] = connect_from("127.0.0.2");
        /* Two in three start a request and drip; the others send nothing. */
        if (fds[i] >= 0 && i % 3 != 0)
            send(fds[i], "POST /wsman HTTP/1.1\r\n", 22, MSG_NOSIGNAL);
    }
    while (now_s() - start < 12.5) {
        double t0 = now_s();
        ts_resp r = get_widget("none");
        double took = now_s() - t0;
        ck_assert_msg(r.status == 500, "client from 127.0.0.1: status %ld after %.2f s", r.status,
                      now_s() - start);
        ck_assert_msg(took < 2.0, "client from 127.0.0.1 waited %.2f s", took);
        if (took > worst)
            worst = took;
        served++;
        ts_resp_free(&r);
        for (i = 0; i < ATTACKERS; i++)
            if (fds[i] >= 0 && i % 3 != 0)
                send(fds[i], "X-Drip: 1\r\n", 11, MSG_NOSIGNAL);
        usleep(500000);
    }
    /* Past the deadline every attacking connection has been closed by the server. */
    for (i = 0; i < ATTACKERS; i++) {
        struct pollfd pf = {fds[i], POLLIN, 0};
        char c;
        if (fds[i] < 0)
            continue;
        if (poll(&pf, 1, 0) <= 0 || recv(fds[i], &c, 1, MSG_DONTWAIT) > 0)
            open_at_end++;
        close(fds[i]);
    }
    ck_assert_msg(open_at_end == 0, "%d attacking connections still open after 12.5 s",
                  open_at_end);
    ck_assert_int_ge(served, 10);
    /* Idle for 12 s, longer than the deadline and shorter than --timeout: still served. */
    for (i = 0; i < KEPT; i++) {
        ck_assert_int_eq(send(keep[i], req, strlen(req), MSG_NOSIGNAL), (ssize_t)strlen(req));
        ck_assert_msg(read_response(keep[i]) == 500, "kept-alive connection %d was closed", i);
        close(keep[i]);
    }
    (void)worst;
out:
    free(req);
    free(env);
    free(auth);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("hostile_client");
    TCase *tc = tcase_create("hostile_client");
    SRunner *sr;
    int failed;
    curl_global_init(CURL_GLOBAL_ALL);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, every_action_needs_credentials);
    tcase_add_test(tc, oversized_headers_refused);
    tcase_add_test(tc, thousand_malformed_then_normal);
    tcase_add_test(tc, concurrent_clients_consistent);
    tcase_add_test(tc, slow_headers_from_another_address);
    tcase_add_test(tc, per_address_cap_counts_open_connections);
    tcase_add_test(tc, slow_operation_outlives_the_deadline);
    tcase_add_test(tc, basic_credentials_with_a_nul_refused);
    tcase_add_test(tc, log_lines_cannot_be_forged);
    suite_add_tcase(su, tc);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
