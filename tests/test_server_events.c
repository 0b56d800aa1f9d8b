/* SPDX-License-Identifier: MIT */
/* tests/test_server_events.c: subscriptions of mofbind-server on the wire (tests/server/events.mof
 * with schemas/indications.mof): OMI's Subscribe and Unsubscribe requests as stored in
 * tests/data/wsman, WQL filters with ISA on SourceInstance, the three lifecycle indications of
 * Create, Put and Delete, Pull of events with MaxElements, heartbeats, Expires and Renew, the
 * bounded queue's overflow, the limit on subscriptions, authentication and the faults. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <time.h>

#include "test_server_util.h"

#define NS "root/test"
#define EVT_NS "http://schemas.xmlsoap.org/ws/2004/08/eventing"
#define EVT EVT_NS "/"

static ts_server T;

static void start(size_t max_enum_bytes)
{
    msrv_config cfg;
    char *file = ts_path("tests/server/events.mof"), *inc = ts_path("schemas");
    const char *files[1], *incs[1];
    memset(&cfg, 0, sizeof cfg);
    files[0] = file;
    incs[0] = inc;
    cfg.schema_files = files;
    cfg.n_schema_files = 1;
    cfg.include_dirs = incs;
    cfg.n_include_dirs = 1;
    cfg.max_enum_bytes = max_enum_bytes;
    ts_start(&T, &cfg);
    free(file);
    free(inc);
}

static void setup(void)
{
    start(0);
}

static void teardown(void)
{
    ts_stop(&T);
}

static char *read_data(const char *name)
{
    char *path = ts_fmt("%s/tests/data/wsman/%s", ts_srcdir(), name), *buf;
    FILE *f = fopen(path, "rb");
    long n;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    free(path);
    return buf;
}

/* s with the first `what` replaced by `with` (new string). */
static char *replace(const char *s, const char *what, const char *with)
{
    const char *p = strstr(s, what);
    ck_assert_ptr_nonnull(p);
    return ts_fmt("%.*s%s%s", (int)(p - s), s, with, p + strlen(what));
}

/* The text of the first <...:name>text</...:name> in body, or NULL (new string). */
static char *elem_text(const char *body, const char *name)
{
    char *open = ts_fmt(":%s>", name), *out = NULL;
    const char *p = strstr(body, open), *q;
    if (p) {
        p += strlen(open);
        q = strchr(p, '<');
        if (q)
            out = ts_fmt("%.*s", (int)(q - p), p);
    }
    free(open);
    return out;
}

static int count(const char *body, const char *what)
{
    int n = 0;
    const char *p = body;
    while ((p = strstr(p, what)) != NULL) {
        n++;
        p += strlen(what);
    }
    return n;
}

/* Subscribes with filter and extra body elements (inside e:Subscribe, after Delivery's mode
 * element); returns the identifier, which is also the context. */
static char *subscribe_x(const char *filter, const char *delivery_inner, const char *after)
{
    char *body =
        ts_fmt("<e:Subscribe xmlns:e=\"" EVT_NS "\"><e:Delivery Mode=\"http://schemas.dmtf."
               "org/wbem/wsman/1/wsman/Pull\">%s</e:Delivery>%s<w:Filter Dialect=\""
               "http://schemas.microsoft.com/wbem/wsman/1/WQL\">%s</w:Filter>"
               "</e:Subscribe>",
               delivery_inner ? delivery_inner : "", after ? after : "", filter);
    char *req = ts_envelope(EVT "Subscribe", "CIM_InstCreation", NS, NULL, NULL, body);
    ts_resp r = ts_post(&T, req);
    char *id, *ctx;
    ck_assert_msg(r.status == 200, "subscribe: %ld\n%s", r.status, r.body);
    TS_HAS(r, EVT "SubscribeResponse");
    id = elem_text(r.body, "Identifier");
    ctx = elem_text(r.body, "EnumerationContext");
    ck_assert_ptr_nonnull(id);
    ck_assert_ptr_nonnull(ctx);
    ck_assert_str_eq(id, ctx);
    free(ctx);
    ts_resp_free(&r);
    free(req);
    free(body);
    return id;
}

static char *subscribe(const char *filter)
{
    return subscribe_x(filter, NULL, NULL);
}

static ts_resp pull(const char *ctx, unsigned max)
{
    char *body = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext>"
                        "<n:MaxElements>%u</n:MaxElements></n:Pull>",
                        ctx, max);
    char *req = ts_envelope(TS_ENUM "Pull", "CIM_InstCreation", NS, NULL, NULL, body);
    ts_resp r = ts_post(&T, req);
    free(req);
    free(body);
    return r;
}

static ts_resp event_op(const char *action, const char *id, const char *body)
{
    char *hdr = ts_fmt("<e:Identifier xmlns:e=\"" EVT_NS "\">%s</e:Identifier>", id);
    char *req = ts_envelope(action, "*", NULL, NULL, hdr, body);
    ts_resp r = ts_post(&T, req);
    free(req);
    free(hdr);
    return r;
}

static void change(const char *action, const char *cls, const char *key, const char *id,
                   const char *props)
{
    char *sel = ts_fmt("<w:Selector Name=\"%s\">%s</w:Selector>", key, id);
    char *body = props ? ts_fmt("<p:%s xmlns:p=\"" TS_URI_DMTF "%s\"><p:%s>%s</p:%s>%s</p:%s>", cls,
                                cls, key, id, key, props, cls)
                       : ts_fmt("%s", "");
    char *req =
        ts_envelope(action, cls, NS, strcmp(action, TS_TRANSFER "Create") ? sel : NULL, NULL, body);
    ts_resp r = ts_post(&T, req);
    ck_assert_msg(r.status == 200, "%s %s: %ld\n%s", action, id, r.status, r.body);
    ts_resp_free(&r);
    free(req);
    free(body);
    free(sel);
}

static void create(const char *cls, const char *key, const char *id)
{
    change(TS_TRANSFER "Create", cls, key, id, "");
}

START_TEST(omi_requests)
{
    char *req = read_data("omi-subscribe-request.xml"), *id, *ctx, *un, *un2;
    ts_resp r = ts_post(&T, req);
    const char *p1, *t1;
    ck_assert_msg(r.status == 200, "%ld\n%s", r.status, r.body);
    TS_HAS(r, "<wsa:RelatesTo>uuid:FEF3DF41-FFEC-4ABE-ADFC-A8305DAB71C9</wsa:RelatesTo>");
    TS_HAS(r, "<e:SubscriptionManager>");
    TS_HAS(r, "<wsman:ResourceURI>http://schemas.dmtf.org/wbem/wscim/1/*</wsman:ResourceURI>");
    TS_LACKS(r, "<e:Expires>");
    id = elem_text(r.body, "Identifier");
    ctx = elem_text(r.body, "EnumerationContext");
    ck_assert_ptr_nonnull(id);
    ck_assert_str_eq(id, ctx);
    ts_resp_free(&r);

    create("Acme_Pool", "PoolID", "P1");
    create("Acme_Volume", "DeviceID", "V1"); /* not an Acme_Pool: not selected */
    create("Acme_ThinPool", "PoolID", "T1"); /* a subclass: ISA selects it */
    r = pull(ctx, 10);
    ck_assert_msg(r.status == 200, "%ld\n%s", r.status, r.body);
    TS_HAS(r, "PullResponse");
    ck_assert_int_eq(count(r.body, ":CIM_InstCreation "), 2);
    p1 = strstr(r.body, "PoolID>P1<");
    t1 = strstr(r.body, "PoolID>T1<");
    ck_assert_msg(p1 && t1 && p1 < t1, "P1 then T1 in:\n%s", r.body);
    TS_HAS(r, "Acme_ThinPool");
    TS_LACKS(r, "V1");
    TS_HAS(r, "<p:SequenceNumber>0</p:SequenceNumber>");
    TS_HAS(r, "<p:SequenceNumber>1</p:SequenceNumber>");
    TS_HAS(r, "<p:IndicationTime>");
    TS_LACKS(r, "EndOfSequence");
    ts_resp_free(&r);

    /* OMI's Unsubscribe, naming this subscription. */
    un = read_data("omi-unsubscribe-request.xml");
    un2 = replace(un, "0860D524-6F0A-46FE-B95E-7CB0C1A2C1B8", id);
    r = ts_post(&T, un2);
    ck_assert_msg(r.status == 200, "%ld\n%s", r.status, r.body);
    TS_HAS(r, EVT "UnsubscribeResponse");
    ts_resp_free(&r);
    r = pull(ctx, 10);
    TS_FAULT(r, MI_RESULT_INVALID_ENUMERATION_CONTEXT, "wsen:InvalidEnumerationContext");
    ts_resp_free(&r);
    r = ts_post(&T, un2); /* again: unknown */
    TS_FAULT(r, MI_RESULT_NOT_FOUND, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    free(un);
    free(un2);
    free(req);
    free(id);
    free(ctx);
}
END_TEST

START_TEST(lifecycle)
{
    char *id = subscribe("SELECT * FROM CIM_InstIndication WHERE SourceInstance ISA Acme_Pool");
    char *other = subscribe("SELECT * FROM CIM_InstDeletion");
    ts_resp r;
    const char *c, *m, *d;
    create("Acme_Pool", "PoolID", "P9");
    change(TS_TRANSFER "Put", "Acme_Pool", "PoolID", "P9", "<p:Capacity>77</p:Capacity>");
    change(TS_TRANSFER "Delete", "Acme_Pool", "PoolID", "P9", NULL);
    r = pull(id, 1); /* MaxElements 1: one at a time */
    ck_assert_int_eq(count(r.body, ":CIM_InstCreation "), 1);
    ck_assert_int_eq(count(r.body, "SequenceNumber>"), 2);
    ts_resp_free(&r);
    r = pull(id, 50);
    m = strstr(r.body, ":CIM_InstModification ");
    d = strstr(r.body, ":CIM_InstDeletion ");
    ck_assert_msg(m && d && m < d, "modification then deletion in:\n%s", r.body);
    /* The modification carries the instance before and after. */
    c = strstr(m, "PreviousInstance");
    ck_assert_msg(c && c < d, "PreviousInstance in:\n%s", r.body);
    ck_assert_msg(strstr(m, "Capacity>77<") && strstr(m, "Capacity>77<") < d,
                  "new Capacity in:\n%s", r.body);
    ts_resp_free(&r);
    /* The other subscription saw the deletion only. */
    r = pull(other, 50);
    ck_assert_int_eq(count(r.body, ":CIM_InstDeletion "), 1);
    ck_assert_int_eq(count(r.body, ":CIM_InstCreation "), 0);
    ts_resp_free(&r);
    r = event_op(EVT "Unsubscribe", other, "<e:Unsubscribe xmlns:e=\"" EVT_NS "\"/>");
    ck_assert_int_eq(r.status, 200);
    ts_resp_free(&r);
    free(id);
    free(other);
}
END_TEST

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

START_TEST(heartbeat_and_expiry)
{
    double t0 = now_s(), dt;
    char *id =
        subscribe_x("SELECT * FROM CIM_InstCreation", "<w:Heartbeats>PT0.300S</w:Heartbeats>",
                    "<e:Expires>PT3.000S</e:Expires>");
    char *id2;
    ts_resp r;
    create("Acme_Volume", "DeviceID", "E1");
    r = pull(id, 5);
    ck_assert_int_eq(count(r.body, ":CIM_InstCreation "), 1);
    TS_HAS(r, ">E1<");
    ts_resp_free(&r);
    /* Nothing more happens: a heartbeat, an answer without items after about 0.3 s. */
    dt = now_s();
    r = pull(id, 5);
    dt = now_s() - dt;
    ck_assert_msg(r.status == 200, "%ld\n%s", r.status, r.body);
    ck_assert_msg(dt >= 0.25, "answered after %.3f s", dt);
    ck_assert_int_eq(count(r.body, "CIM_InstCreation"), 0);
    TS_HAS(r, "<wsen:EnumerationContext>");
    TS_LACKS(r, "EndOfSequence");
    ts_resp_free(&r);
    while (now_s() - t0 < 3.2)
        (void)nanosleep(&(struct timespec){0, 50000000}, NULL);
    create("Acme_Volume", "DeviceID", "E2"); /* after expiry: not queued */
    r = pull(id, 5);
    TS_HAS(r, "<wsen:EndOfSequence/>");
    TS_LACKS(r, ">E2<"); /* (not "E2": the message ID is hex) */
    ts_resp_free(&r);
    r = pull(id, 5);
    TS_FAULT(r, MI_RESULT_INVALID_ENUMERATION_CONTEXT, "wsen:InvalidEnumerationContext");
    ts_resp_free(&r);
    r = event_op(EVT "Renew", id,
                 "<e:Renew xmlns:e=\"" EVT_NS "\"><e:Expires>PT60S</e:Expires></e:Renew>");
    TS_FAULT(r, MI_RESULT_NOT_FOUND, "e:UnableToRenew");
    TS_HAS(r, EVT "fault");
    ts_resp_free(&r);

    /* Renewed (the request as DSP0226 writes it) before it expires, it lives on. */
    id2 = subscribe_x("SELECT * FROM CIM_InstCreation", NULL, "<e:Expires>PT2S</e:Expires>");
    {
        char *renew = read_data("dsp0226-renew-request.xml");
        char *renew2 = replace(renew, "0860D524-6F0A-46FE-B95E-7CB0C1A2C1B8", id2);
        r = ts_post(&T, renew2);
        ck_assert_msg(r.status == 200, "%ld\n%s", r.status, r.body);
        TS_HAS(r, EVT "RenewResponse");
        TS_HAS(r, "<e:Expires>PT600.000S</e:Expires>");
        ts_resp_free(&r);
        free(renew);
        free(renew2);
    }
    t0 = now_s();
    while (now_s() - t0 < 2.2)
        (void)nanosleep(&(struct timespec){0, 50000000}, NULL);
    create("Acme_Volume", "DeviceID", "E3");
    r = pull(id2, 5);
    ck_assert_int_eq(count(r.body, ":CIM_InstCreation "), 1);
    TS_HAS(r, ">E3<");
    ts_resp_free(&r);
    free(id);
    free(id2);
}
END_TEST

START_TEST(overflow)
{
    char *id, *msg;
    ts_resp r;
    int got = 0, i;
    unsigned long dropped = 0;
    ts_stop(&T);
    start(6000); /* the contexts' bytes: a few events */
    id = subscribe("SELECT * FROM CIM_InstCreation");
    for (i = 0; i < 40; i++) {
        char key[16];
        snprintf(key, sizeof key, "O%02d", i);
        create("Acme_Volume", "DeviceID", key);
    }
    /* The events queued before the overflow come, in order, then the fault says how many
     * were dropped; then the subscription is gone. */
    for (;;) {
        r = pull(id, 100);
        if (r.status != 200)
            break;
        got += count(r.body, ":CIM_InstCreation ");
        ck_assert_msg(count(r.body, ":CIM_InstCreation ") > 0, "no events:\n%s", r.body);
        ts_resp_free(&r);
    }
    TS_FAULT(r, MI_RESULT_SERVER_LIMITS_EXCEEDED, "wsman:QuotaLimit");
    msg = strstr(r.body, "overflowed");
    ck_assert_msg(msg != NULL, "%s", r.body);
    ck_assert_msg(sscanf(strstr(msg, ": ") + 2, "%lu", &dropped) == 1, "%s", msg);
    ck_assert_msg(got >= 1 && got < 40, "%d delivered", got);
    ck_assert_uint_eq(dropped, (unsigned long)(40 - got));
    ts_resp_free(&r);
    r = pull(id, 100);
    TS_FAULT(r, MI_RESULT_INVALID_ENUMERATION_CONTEXT, "wsen:InvalidEnumerationContext");
    ts_resp_free(&r);
    /* The bytes were given back: a new subscription queues again. */
    free(id);
    id = subscribe("SELECT * FROM CIM_InstCreation");
    create("Acme_Volume", "DeviceID", "after");
    r = pull(id, 100);
    ck_assert_int_eq(count(r.body, ":CIM_InstCreation "), 1);
    ts_resp_free(&r);
    free(id);
}
END_TEST

START_TEST(limits)
{
    char *ids[256], *req, *one;
    ts_resp r;
    size_t i;
    for (i = 0; i < 256; i++)
        ids[i] = subscribe("SELECT * FROM CIM_InstCreation");
    req = ts_envelope(EVT "Subscribe", "CIM_InstCreation", NS, NULL, NULL,
                      "<e:Subscribe xmlns:e=\"" EVT_NS "\"><e:Delivery Mode=\"http://schemas.dmtf."
                      "org/wbem/wsman/1/wsman/Pull\"/><w:Filter Dialect=\"http://schemas."
                      "microsoft.com/wbem/wsman/1/WQL\">SELECT * FROM CIM_InstCreation</w:Filter>"
                      "</e:Subscribe>");
    r = ts_post(&T, req);
    TS_FAULT(r, MI_RESULT_SERVER_LIMITS_EXCEEDED, "wsman:QuotaLimit");
    ts_resp_free(&r);
    r = event_op(EVT "Unsubscribe", ids[7], "<e:Unsubscribe xmlns:e=\"" EVT_NS "\"/>");
    ck_assert_int_eq(r.status, 200);
    ts_resp_free(&r);
    one = subscribe("SELECT * FROM CIM_InstCreation");
    free(one);
    free(req);
    for (i = 0; i < 256; i++)
        free(ids[i]);
}
END_TEST

static void expect_fault(const char *mode, const char *filter, const char *dialect,
                         const char *extra, MI_Result want, const char *subcode)
{
    char *body = ts_fmt("<e:Subscribe xmlns:e=\"" EVT_NS "\"><e:Delivery%s%s%s/>%s<w:Filter "
                        "Dialect=\"%s\">%s</w:Filter></e:Subscribe>",
                        mode ? " Mode=\"" : "", mode ? mode : "", mode ? "\"" : "",
                        extra ? extra : "", dialect, filter);
    char *req = ts_envelope(EVT "Subscribe", "CIM_InstCreation", NS, NULL, NULL, body);
    ts_resp r = ts_post(&T, req);
    TS_FAULT(r, want, subcode);
    ts_resp_free(&r);
    free(req);
    free(body);
}

START_TEST(faults)
{
    static const char *const pullm = "http://schemas.dmtf.org/wbem/wsman/1/wsman/Pull";
    static const char *const wql = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    char *req;
    ts_resp r;
    expect_fault(NULL, "SELECT * FROM CIM_InstCreation", wql, NULL, MI_RESULT_NOT_SUPPORTED,
                 "e:DeliveryModeRequestedUnavailable");
    expect_fault("http://schemas.dmtf.org/wbem/wsman/1/wsman/Events",
                 "SELECT * FROM CIM_InstCreation", wql, NULL, MI_RESULT_NOT_SUPPORTED,
                 "e:DeliveryModeRequestedUnavailable");
    expect_fault(pullm, "SELECT * FROM CIM_InstCreation", "http://example.com/XPath", NULL,
                 MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED, "e:FilteringRequestedUnavailable");
    expect_fault(pullm, "SELECT * FROM Acme_Pool", wql, NULL, MI_RESULT_INVALID_CLASS,
                 "e:EventSourceUnableToProcess");
    expect_fault(pullm, "SELECT * FROM CIM_InstCreation WHERE SourceInstance ISA Nope", wql, NULL,
                 MI_RESULT_INVALID_QUERY, "wsen:CannotProcessFilter");
    expect_fault(pullm, "SELECT * FROM", wql, NULL, MI_RESULT_INVALID_QUERY,
                 "wsen:CannotProcessFilter");
    expect_fault(pullm, "SELECT * FROM CIM_InstCreation", wql, "<e:Expires>-PT5S</e:Expires>",
                 MI_RESULT_INVALID_PARAMETER, "e:InvalidExpirationTime");
    expect_fault(pullm, "SELECT * FROM CIM_InstCreation", wql,
                 "<e:Expires>2001-01-01T00:00:00Z</e:Expires>", MI_RESULT_INVALID_PARAMETER,
                 "e:InvalidExpirationTime");
    /* No e:Delivery at all; no body element. */
    req = ts_envelope(EVT "Subscribe", "CIM_InstCreation", NS, NULL, NULL,
                      "<e:Subscribe xmlns:e=\"" EVT_NS "\"/>");
    r = ts_post(&T, req);
    TS_FAULT(r, MI_RESULT_INVALID_PARAMETER, "wsman:SchemaValidationError");
    ts_resp_free(&r);
    free(req);
    req = ts_envelope(EVT "Renew", "*", NS, NULL, NULL, "");
    r = ts_post(&T, req);
    TS_FAULT(r, MI_RESULT_INVALID_PARAMETER, "wsman:SchemaValidationError");
    ts_resp_free(&r);
    free(req);
    /* An unknown namespace; GetStatus is not served. */
    req = ts_envelope(EVT "Subscribe", "CIM_InstCreation", "root/nowhere", NULL, NULL,
                      "<e:Subscribe xmlns:e=\"" EVT_NS "\"><e:Delivery Mode=\"http://schemas.dmtf."
                      "org/wbem/wsman/1/wsman/Pull\"/><w:Filter Dialect=\"http://schemas."
                      "microsoft.com/wbem/wsman/1/WQL\">SELECT * FROM CIM_InstCreation</w:Filter>"
                      "</e:Subscribe>");
    r = ts_post(&T, req);
    TS_FAULT(r, MI_RESULT_INVALID_NAMESPACE, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    /* The same credentials as every request. */
    {
        static const char *const ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};
        char *ok = replace(req, "root/nowhere", NS);
        r = ts_request(T.url, NULL, NULL, NULL, ct, ok, strlen(ok), NULL);
        ck_assert_int_eq(r.status, 401);
        ts_resp_free(&r);
        r = ts_request(T.url, NULL, TS_USER, "wrong", ct, ok, strlen(ok), NULL);
        ck_assert_int_eq(r.status, 401);
        ts_resp_free(&r);
        free(ok);
    }
    free(req);
    r = event_op(EVT "GetStatus", "x", "<e:GetStatus xmlns:e=\"" EVT_NS "\"/>");
    TS_FAULT(r, MI_RESULT_NOT_SUPPORTED, "wsa:ActionNotSupported");
    ts_resp_free(&r);
    r = event_op(EVT "Unsubscribe", "uuid:nope", "<e:Unsubscribe xmlns:e=\"" EVT_NS "\"/>");
    TS_FAULT(r, MI_RESULT_NOT_FOUND, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server_events");
    TCase *c = tcase_create("events");
    SRunner *sr;
    int failed;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    tcase_add_checked_fixture(c, setup, teardown);
    tcase_set_timeout(c, 120);
    tcase_add_test(c, omi_requests);
    tcase_add_test(c, lifecycle);
    tcase_add_test(c, heartbeat_and_expiry);
    tcase_add_test(c, overflow);
    tcase_add_test(c, limits);
    tcase_add_test(c, faults);
    suite_add_tcase(s, c);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
