/* SPDX-License-Identifier: MIT */
/* tests/test_server.c: mofbind-server embedded in the test process on an ephemeral loopback
 * port, talked to for real over HTTP with libcurl: authentication, the HTTP front, each
 * WS-Man operation, each CIM check's fault, Invoke handlers, limits, concurrency, and the
 * state file across a restart. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test_server_util.h"

static ts_server S;

static void setup(void)
{
    ts_start(&S, NULL);
}

static void teardown(void)
{
    ts_stop(&S);
}

/* Creates a Contoso_Widget in root/cimv2 and asserts success. */
static void create_widget(const ts_server *t, const char *id, const char *extra)
{
    char *props = ts_fmt("<p:Id>%s</p:Id>%s", id, extra ? extra : "");
    char *body = ts_widget("Contoso_Widget", props);
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    ts_resp r = ts_post(t, env);
    ck_assert_msg(r.status == 200, "create %s: status %ld\n%s", id, r.status, r.body);
    TS_HAS(r, "ResourceCreated");
    ts_resp_free(&r);
    free(env);
    free(body);
    free(props);
}

static ts_resp get_widget(const ts_server *t, const char *id)
{
    char *sel = ts_fmt("<w:Selector Name=\"Id\">%s</w:Selector>", id);
    char *env = ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root/cimv2", sel, NULL, "");
    ts_resp r = ts_post(t, env);
    free(env);
    free(sel);
    return r;
}

/* ---- authentication and the HTTP front ------------------------------------------------ */

START_TEST(no_credentials_401)
{
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL,
                            "<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                            "<p:Id>sneak</p:Id></p:Contoso_Widget>");
    static const char *const ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};
    ts_resp r = ts_request(S.url, NULL, NULL, NULL, ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.curl, CURLE_OK);
    ck_assert_int_eq(r.status, 401);
    ck_assert_msg(strstr(r.headers, "WWW-Authenticate: Basic realm=\"WSMAN\"") != NULL,
                  "no challenge in:\n%s", r.headers);
    ts_resp_free(&r);
    /* ... and it was not processed. */
    r = get_widget(&S, "sneak");
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
    free(env);
}
END_TEST

START_TEST(wrong_credentials_401)
{
    static const char *const ct[] = {"Content-Type: application/soap+xml;charset=UTF-8", NULL};
    char *env = ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root/cimv2", NULL, NULL, "");
    ts_resp r = ts_request(S.url, NULL, TS_USER, "not-the-password", ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 401);
    ck_assert_msg(strstr(r.headers, "WWW-Authenticate: Basic") != NULL, "%s", r.headers);
    ck_assert_uint_eq(r.len, 0);
    ts_resp_free(&r);
    r = ts_request(S.url, NULL, "nobody", TS_PASSWORD, ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 401);
    ts_resp_free(&r);
    /* A prefix of the password is not the password. */
    r = ts_request(S.url, NULL, TS_USER, "Throwaway", ct, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 401);
    ts_resp_free(&r);
    /* Unauthenticated GET is 401 too, not 405: nothing is revealed before authentication. */
    r = ts_request(S.url, "GET", NULL, NULL, NULL, NULL, 0, NULL);
    ck_assert_int_eq(r.status, 401);
    ts_resp_free(&r);
    free(env);
}
END_TEST

START_TEST(post_wsman_only)
{
    ts_resp r = ts_request(S.url, "GET", TS_USER, TS_PASSWORD, NULL, NULL, 0, NULL);
    char *other = ts_fmt("%s/other", S.base);
    ck_assert_int_eq(r.status, 405);
    ck_assert_msg(strstr(r.headers, "Allow: POST") != NULL, "%s", r.headers);
    ts_resp_free(&r);
    r = ts_request(other, NULL, TS_USER, TS_PASSWORD, NULL, "x", 1, NULL);
    ck_assert_int_eq(r.status, 404);
    ts_resp_free(&r);
    free(other);
}
END_TEST

START_TEST(content_type_checked)
{
    static const char *const appxml[] = {"Content-Type: application/xml", NULL};
    static const char *const none[] = {"Content-Type:", NULL};
    static const char *const utf16[] = {"Content-Type: application/soap+xml;charset=UTF-16", NULL};
    static const char *const textxml[] = {"Content-Type: text/xml", NULL};
    static const char *const nocs[] = {"Content-Type: application/soap+xml", NULL};
    char *env = ts_envelope(TS_TRANSFER "Get", "Contoso_Pair", "root/cimv2",
                            "<w:Selector Name=\"Left\">seed</w:Selector>"
                            "<w:Selector Name=\"Right\">1</w:Selector>",
                            NULL, "");
    ts_resp r = ts_request(S.url, NULL, TS_USER, TS_PASSWORD, appxml, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 500);
    TS_HAS(r, "EncodingLimit");
    TS_HAS(r, "IsCIM_Error");
    ts_resp_free(&r);
    r = ts_request(S.url, NULL, TS_USER, TS_PASSWORD, none, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 500);
    TS_HAS(r, "EncodingLimit");
    ts_resp_free(&r);
    r = ts_request(S.url, NULL, TS_USER, TS_PASSWORD, utf16, env, strlen(env), NULL);
    ck_assert_int_eq(r.status, 500);
    TS_HAS(r, "EncodingLimit");
    ts_resp_free(&r);
    r = ts_request(S.url, NULL, TS_USER, TS_PASSWORD, textxml, env, strlen(env), NULL);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    r = ts_request(S.url, NULL, TS_USER, TS_PASSWORD, nocs, env, strlen(env), NULL);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "from the schema");
    ts_resp_free(&r);
    free(env);
}
END_TEST

START_TEST(malformed_requests_fault)
{
    static const char *const bad[] = {
        "",
        "<",
        "not xml at all",
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body></s:Envelope>",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>",
        ("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/>"
         "</s:Envelope>"),
    };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        ts_resp r = ts_post(&S, bad[i]);
        ck_assert_msg(r.status == 500, "case %zu: status %ld", i, r.status);
        TS_HAS(r, "Fault");
        ts_resp_free(&r);
    }
}
END_TEST

START_TEST(body_size_capped)
{
    size_t n = 2u * 1024u * 1024u, i;
    char *big = malloc(n + 1);
    ts_resp r;
    ck_assert_ptr_nonnull(big);
    for (i = 0; i < n; i++)
        big[i] = 'x';
    big[n] = '\0';
    r = ts_post(&S, big);
    /* Refused: the EncodingLimit fault, or no answer at all when the server closes the
     * connection while the client is still sending (a race valgrind's pace makes common). */
    ck_assert_msg(r.status == 500 || (r.status == 0 && r.curl != CURLE_OK), "status %ld (%s)",
                  r.status, curl_easy_strerror(r.curl));
    if (r.status == 500)
        TS_HAS(r, "EncodingLimit");
    ts_resp_free(&r);
    free(big);
    /* The server still serves. */
    r = get_widget(&S, "none");
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
}
END_TEST

START_TEST(max_envelope_size)
{
    char *env = ts_envelope(TS_TRANSFER "Get", "Contoso_Pair", "root/cimv2",
                            "<w:Selector Name=\"Left\">seed</w:Selector>"
                            "<w:Selector Name=\"Right\">1</w:Selector>",
                            NULL, "");
    char *small = strstr(env, "512000");
    ts_resp r;
    ck_assert_ptr_nonnull(small);
    memcpy(small, "004096", 6);
    r = ts_post(&S, env);
    ck_assert_int_eq(r.status, 500);
    TS_HAS(r, "EncodingLimit");
    ts_resp_free(&r);
    free(env);
}
END_TEST

START_TEST(must_understand)
{
    char *env =
        ts_envelope(TS_TRANSFER "Get", "Contoso_Pair", "root/cimv2",
                    "<w:Selector Name=\"Left\">seed</w:Selector>"
                    "<w:Selector Name=\"Right\">1</w:Selector>",
                    "<x:Bogus xmlns:x=\"urn:bogus\" s:mustUnderstand=\"true\">1</x:Bogus>", "");
    ts_resp r = ts_post(&S, env);
    ck_assert_int_eq(r.status, 500);
    TS_HAS(r, "MustUnderstand");
    ts_resp_free(&r);
    free(env);
}
END_TEST

/* ---- operations ------------------------------------------------------------------------ */

START_TEST(identify)
{
    const char *env = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                      "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/"
                      "wsmanidentity.xsd\"><s:Header/><s:Body><wsmid:Identify/></s:Body>"
                      "</s:Envelope>";
    ts_resp r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "IdentifyResponse");
    TS_HAS(r, "ProtocolVersion");
    TS_HAS(r, "mofbind");
    ts_resp_free(&r);
}
END_TEST

START_TEST(create_get_put_delete)
{
    char *env;
    ts_resp r;
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL,
                      "<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Id>w1</p:Id><p:Name>first widget</p:Name><p:Count>42</p:Count>"
                      "<p:Enabled>true</p:Enabled><p:Offset>-9000000000</p:Offset>"
                      "<p:Ratio>0.5</p:Ratio><p:Tags>red</p:Tags><p:Tags>blue</p:Tags>"
                      "</p:Contoso_Widget>");
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "transfer/CreateResponse");
    TS_HAS(r, "ResourceCreated");
    TS_HAS(r, "Name=\"Id\">w1<");
    TS_HAS(r, "uuid:11111111-0000-4000-8000-00000000abcd"); /* RelatesTo */
    TS_LACKS(r, "__cimnamespace");
    TS_LACKS(r, "first widget"); /* keys only, as OMI */
    ts_resp_free(&r);
    free(env);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"), 1);

    r = get_widget(&S, "w1");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "transfer/GetResponse");
    TS_HAS(r, ">first widget<");
    TS_HAS(r, ">42<");
    TS_HAS(r, ">-9000000000<");
    TS_HAS(r, ">red<");
    TS_HAS(r, ">blue<");
    TS_HAS(r, ">3<"); /* Level's class default */
    TS_HAS(r, "Made xsi:nil=\"true\"");
    ts_resp_free(&r);

    /* Put: changed properties replace, the rest stays. */
    env = ts_envelope(TS_TRANSFER "Put", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Id>w1</p:Id><p:Count>43</p:Count></p:Contoso_Widget>");
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "transfer/PutResponse");
    ts_resp_free(&r);
    free(env);
    r = get_widget(&S, "w1");
    TS_HAS(r, ">43<");
    TS_HAS(r, ">first widget<");
    ts_resp_free(&r);

    /* A Put cannot change the keys. */
    env = ts_envelope(TS_TRANSFER "Put", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Id>w2</p:Id></p:Contoso_Widget>");
    r = ts_post(&S, env);
    TS_FAULT(r, 4, "Fault");
    ts_resp_free(&r);
    free(env);

    env = ts_envelope(TS_TRANSFER "Delete", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL, "");
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "transfer/DeleteResponse");
    ts_resp_free(&r);
    /* Get, Delete and Put of what is gone: NOT_FOUND. */
    r = ts_post(&S, env);
    TS_FAULT(r, 6, "wsa:DestinationUnreachable");
    TS_HAS(r, "Sender");
    ts_resp_free(&r);
    free(env);
    r = get_widget(&S, "w1");
    TS_FAULT(r, 6, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    env = ts_envelope(TS_TRANSFER "Put", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Id>w1</p:Id></p:Contoso_Widget>");
    r = ts_post(&S, env);
    TS_FAULT(r, 6, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    free(env);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"), 0);
}
END_TEST

START_TEST(initial_instances_from_schema)
{
    char *env = ts_envelope(TS_TRANSFER "Get", "Contoso_Pair", "root/cimv2",
                            "<w:Selector Name=\"Right\">01</w:Selector>"
                            "<w:Selector Name=\"Left\">seed</w:Selector>",
                            NULL, "");
    ts_resp r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">from the schema<");
    ts_resp_free(&r);
    free(env);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Pair"), 1);
}
END_TEST

START_TEST(cim_checks)
{
    char *env, *body;
    ts_resp r;
    create_widget(&S, "w1", NULL);

    /* Duplicate keys: ALREADY_EXISTS, subcode per DSP0226. */
    body = ts_widget("Contoso_Widget", "<p:Id>w1</p:Id><p:Name>duplicate of w1</p:Name>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 11, "wsman:AlreadyExists");
    ts_resp_free(&r);
    free(env);
    free(body);

    /* Unknown class, abstract class: INVALID_CLASS. */
    body = ts_widget("Contoso_Nothing", "<p:Id>x</p:Id>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Nothing", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 5, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    free(env);
    free(body);
    body = ts_widget("Contoso_Thing", "<p:Id>x</p:Id>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Thing", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 5, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    free(env);
    free(body);

    /* Unknown namespace. */
    body = ts_widget("Contoso_Widget", "<p:Id>x</p:Id>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/nowhere", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 3, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    free(env);
    free(body);

    /* Wrong types and out of range: INVALID_PARAMETER. */
    {
        static const char *const props[] = {
            "<p:Id>x</p:Id><p:Count>not-a-number</p:Count>",
            "<p:Id>x</p:Id><p:Enabled>yes</p:Enabled>",
            "<p:Id>x</p:Id><p:Count>4294967296</p:Count>",
            "<p:Id>x</p:Id><p:Count>-1</p:Count>",
            "<p:Id>x</p:Id><p:Level>256</p:Level>",
            "<p:Id>x</p:Id><p:Made>yesterday</p:Made>",
            "<p:Id>x</p:Id><p:Name>a</p:Name><p:Name>b</p:Name>",
        };
        size_t i;
        for (i = 0; i < sizeof props / sizeof *props; i++) {
            body = ts_widget("Contoso_Widget", props[i]);
            env =
                ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
            r = ts_post(&S, env);
            TS_FAULT(r, 4, "Fault");
            ts_resp_free(&r);
            free(env);
            free(body);
        }
    }

    /* A property the class does not have. */
    body = ts_widget("Contoso_Widget", "<p:Id>x</p:Id><p:Colour>red</p:Colour>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 12, "Fault");
    ts_resp_free(&r);
    free(env);
    free(body);

    /* Missing key, NULL key. */
    body = ts_widget("Contoso_Widget", "<p:Name>anonymous</p:Name>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 4, "Fault");
    TS_HAS(r, "Contoso_Widget.Id (key) is required");
    ts_resp_free(&r);
    free(env);
    free(body);
    body =
        ts_widget("Contoso_Widget", "<p:Id xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                    "xsi:nil=\"true\"/>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    TS_FAULT(r, 4, "Fault");
    ts_resp_free(&r);
    free(env);
    free(body);

    /* Get without the key selector; with a selector that is not a key. */
    env = ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root/cimv2", NULL, NULL, "");
    r = ts_post(&S, env);
    TS_FAULT(r, 4, "Fault");
    ts_resp_free(&r);
    free(env);
    env = ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>"
                      "<w:Selector Name=\"Name\">x</w:Selector>",
                      NULL, "");
    r = ts_post(&S, env);
    TS_FAULT(r, 4, "Fault");
    ts_resp_free(&r);
    free(env);

    /* Nothing above was created. */
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", NULL), 2);
}
END_TEST

START_TEST(namespaces_apart)
{
    char *body = ts_widget("Contoso_Widget", "<p:Id>w1</p:Id>");
    char *env =
        ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/mitest", NULL, NULL, body);
    ts_resp r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    free(env);
    /* The same keys in another namespace are another instance. */
    create_widget(&S, "w1", NULL);
    /* No __cimnamespace: the default namespace (root/cimv2). */
    env = ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", NULL,
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL, "");
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">3<"); /* Level: only root/cimv2's class has it */
    ts_resp_free(&r);
    free(env);
    free(body);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/mitest", NULL), 1);
    /* WMI's spelling of a namespace. */
    env = ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root\\mitest",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL, "");
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_LACKS(r, "Level");
    ts_resp_free(&r);
    free(env);
}
END_TEST

/* Enumerate with a WQL filter: the items that match, in order. */
static char *wql_ids(const char *uri_class, const char *dialect, const char *query, ts_resp *out)
{
    char *body = ts_fmt("<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements>"
                        "<w:Filter Dialect=\"%s\">%s</w:Filter></n:Enumerate>",
                        dialect, query);
    char *env = ts_envelope(TS_ENUM "Enumerate", uri_class, "root/cimv2", NULL, NULL, body);
    ts_resp r = ts_post(&S, env);
    char *ids = ts_fmt("%s", "");
    const char *p = r.body;
    while (r.status == 200 && (p = strstr(p, ":Id>")) != NULL) {
        const char *e = strchr(p + 4, '<');
        char *more;
        if (!e || p[-1] == '/')
            break;
        more = ts_fmt("%s%s%.*s", ids, ids[0] ? "," : "", (int)(e - p - 4), p + 4);
        free(ids);
        ids = more;
        p = strstr(e, ">") ? strstr(e, ">") : e + 1;
    }
    free(env);
    free(body);
    *out = r;
    return ids;
}

#define WQL_D "http://schemas.microsoft.com/wbem/wsman/1/WQL"
#define WQL_IS(query, want)                                                                        \
    do {                                                                                           \
        ts_resp r_;                                                                                \
        char *ids_ = wql_ids("Contoso_Widget", WQL_D, (query), &r_);                               \
        ck_assert_msg(r_.status == 200, "%s: %ld %s", (query), r_.status, r_.body);                \
        ck_assert_msg(strcmp(ids_, (want)) == 0, "%s: got [%s], want [%s]", (query), ids_,         \
                      (want));                                                                     \
        ts_resp_free(&r_);                                                                         \
        free(ids_);                                                                                \
    } while (0)

START_TEST(wql_filters)
{
    ts_resp r;
    char *ids;
    create_widget(&S, "a",
                  "<p:Name>Alpha</p:Name><p:Count>1</p:Count><p:Enabled>true</p:Enabled>"
                  "<p:Made>2020-06-01T12:00:00Z</p:Made>");
    create_widget(&S, "b",
                  "<p:Name>beta</p:Name><p:Count>10</p:Count><p:Enabled>false</p:Enabled>"
                  "<p:Ratio>0.5</p:Ratio>");
    create_widget(&S, "c", "<p:Count>100</p:Count><p:Made>2019-01-01T00:00:00Z</p:Made>");
    WQL_IS("SELECT * FROM Contoso_Widget", "a,b,c");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Count &gt; 5", "b,c");
    WQL_IS("select * from contoso_widget where count&gt;=10 and count &lt;= 10", "b");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE 10 &lt;= Count", "b,c");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Name = 'ALPHA'", "a");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Name LIKE '%ta'", "b");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Name LIKE '_lp%'", "a");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Name IS NULL", "c");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Name IS NOT NULL AND NOT Enabled = TRUE", "b");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Name != 'beta'", "a"); /* NULL never compares */
    WQL_IS("SELECT * FROM Contoso_Widget WHERE (Count = 1 OR Count = 100) AND Id &lt;&gt; 'c'",
           "a");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Ratio &lt; 0.75", "b");
    WQL_IS("SELECT * FROM Contoso_Widget WHERE Made &gt; \"2019-12-31T23:00:00-02:00\"", "a");
    WQL_IS("SELECT Id, Name FROM Contoso_Widget WHERE Enabled = FALSE", "b");
    WQL_IS("SELECT * FROM Contoso_Thing WHERE Id = 'c'", "c"); /* subclasses too */
    /* The class comes from the query: a `*` ResourceURI works. */
    ids = wql_ids("*", WQL_D, "SELECT * FROM Contoso_Widget WHERE Id='b'", &r);
    ck_assert_str_eq(ids, "b");
    ts_resp_free(&r);
    free(ids);
    /* Bad queries: INVALID_QUERY; another dialect: QUERY_LANGUAGE_NOT_SUPPORTED. */
    {
        static const char *const bad[] = {
            "DELETE FROM Contoso_Widget",
            "SELECT * FROM Contoso_Widget WHERE",
            "SELECT * FROM Contoso_Widget WHERE Colour = 'red'",
            "SELECT Colour FROM Contoso_Widget",
            "SELECT * FROM Contoso_Nothing",
            "SELECT * FROM Contoso_Widget WHERE Name = 'open",
            "SELECT * FROM Contoso_Widget WHERE (Count = 1",
            "SELECT * FROM Contoso_Widget WHERE Count = 1 garbage",
            "SELECT * FROM Contoso_Widget WHERE Count LIKE 5",
        };
        size_t i;
        for (i = 0; i < sizeof bad / sizeof *bad; i++) {
            ids = wql_ids("Contoso_Widget", WQL_D, bad[i], &r);
            TS_FAULT(r, 15, "Fault");
            ts_resp_free(&r);
            free(ids);
        }
    }
    ids = wql_ids("Contoso_Widget", "http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf",
                  "SELECT * FROM Contoso_Widget", &r);
    TS_FAULT(r, 14, "Fault");
    ts_resp_free(&r);
    free(ids);
}
END_TEST

static ts_resp enumerate(const char *body)
{
    char *env = ts_envelope(TS_ENUM "Enumerate", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    ts_resp r = ts_post(&S, env);
    free(env);
    return r;
}

/* The text of the first <...EnumerationContext> in a response, malloc'd, or NULL. */
static char *context_of(const char *body)
{
    const char *p = strstr(body, "EnumerationContext");
    const char *gt, *lt;
    if (!p)
        return NULL;
    gt = strchr(p, '>');
    lt = gt ? strchr(gt, '<') : NULL;
    if (!lt)
        return NULL;
    return ts_fmt("%.*s", (int)(lt - gt - 1), gt + 1);
}

static size_t count_of(const char *body, const char *s)
{
    size_t n = 0;
    const char *p = body;
    while ((p = strstr(p, s)) != NULL) {
        n++;
        p += strlen(s);
    }
    return n;
}

START_TEST(enumerate_optimized_and_epr)
{
    ts_resp r;
    create_widget(&S, "w1", "<p:Name>one</p:Name>");
    create_widget(&S, "w2", NULL);
    create_widget(&S, "w3", NULL);
    r = enumerate("<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>"
                  "</n:Enumerate>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "enumeration/EnumerateResponse");
    TS_HAS(r, "EndOfSequence");
    TS_HAS(r, ">one<");
    ck_assert_uint_eq(
        count_of(r.body, ">w1<") + count_of(r.body, ">w2<") + count_of(r.body, ">w3<"), 3);
    ts_resp_free(&r);
    r = enumerate("<n:Enumerate><w:EnumerationMode>EnumerateEPR</w:EnumerationMode>"
                  "<w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements></n:Enumerate>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ck_assert_uint_eq(count_of(r.body, "EndpointReference>") / 2, 3);
    TS_HAS(r, "Name=\"Id\">w2<");
    TS_LACKS(r, ">one<");
    ts_resp_free(&r);
}
END_TEST

#define TS_XSI "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""

/* Posts a Transfer request (Create: sel NULL) for class cls and returns the response. */
static ts_resp transfer(const char *action, const char *cls, const char *id, const char *props)
{
    char *sel = id ? ts_fmt("<w:Selector Name=\"Id\">%s</w:Selector>", id) : NULL;
    char *body = props ? ts_widget(cls, props) : NULL;
    char *act = ts_fmt(TS_TRANSFER "%s", action);
    char *full = ts_envelope(act, cls, "root/cimv2", sel, NULL, body ? body : "");
    ts_resp r = ts_post(&S, full);
    free(full);
    free(act);
    free(body);
    free(sel);
    return r;
}

/* One key space per class that declares the keys (Contoso_Thing's Id): a subclass instance
 * cannot take the keys of an instance of the key class's other classes. */
START_TEST(key_spaces)
{
    ts_resp r;
    create_widget(&S, "w1", NULL);
    r = transfer("Create", "Contoso_Gizmo", NULL, "<p:Id>w1</p:Id><p:Owner>me</p:Owner>");
    TS_FAULT(r, 11, "wsman:AlreadyExists");
    TS_HAS(r, "a Contoso_Widget with these keys");
    ts_resp_free(&r);
    r = transfer("Create", "Acme_Widget", NULL, "<p:Id>a1</p:Id>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    /* A sibling subclass, and the key class itself. */
    r = transfer("Create", "Contoso_Gizmo", NULL, "<p:Id>a1</p:Id><p:Owner>me</p:Owner>");
    TS_FAULT(r, 11, "wsman:AlreadyExists");
    TS_HAS(r, "an Acme_Widget with these keys");
    ts_resp_free(&r);
    r = transfer("Create", "Contoso_Widget", NULL, "<p:Id>a1</p:Id>");
    TS_FAULT(r, 11, "wsman:AlreadyExists");
    ts_resp_free(&r);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"), 2);
    /* A deep enumeration lists each name once. */
    r = enumerate("<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>"
                  "</n:Enumerate>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ck_assert_uint_eq(count_of(r.body, ">a1<"), 1);
    ck_assert_uint_eq(count_of(r.body, ">w1<"), 1);
    ts_resp_free(&r);
    /* The instance is one of its superclass too, not of a sibling. */
    r = transfer("Get", "Contoso_Widget", "a1", NULL);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "Acme_Widget");
    ts_resp_free(&r);
    r = transfer("Get", "Contoso_Gizmo", "a1", NULL);
    TS_FAULT(r, 6, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    r = transfer("Delete", "Contoso_Gizmo", "a1", NULL);
    TS_FAULT(r, 6, "wsa:DestinationUnreachable");
    ts_resp_free(&r);
    /* A Put through the superclass keeps the instance's class. */
    r = transfer("Put", "Contoso_Widget", "a1", "<p:Id>a1</p:Id><p:Count>5</p:Count>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    r = transfer("Get", "Acme_Widget", "a1", NULL);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">5<");
    ts_resp_free(&r);
    r = transfer("Delete", "Contoso_Widget", "a1", NULL);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    r = transfer("Create", "Contoso_Gizmo", NULL, "<p:Id>a1</p:Id><p:Owner>me</p:Owner>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
}
END_TEST

/* Absent properties take the class's default (a subclass's override included); a Put changes
 * what it names, and a Required property cannot be set to NULL. */
START_TEST(defaults_and_required_on_put)
{
    ts_resp r;
    r = transfer("Create", "Contoso_Gizmo", NULL, "<p:Id>g1</p:Id><p:Owner>me</p:Owner>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    r = transfer("Get", "Contoso_Gizmo", "g1", NULL);
    TS_HAS(r, "<p:Level>7</p:Level>");
    ts_resp_free(&r);
    r = transfer("Put", "Contoso_Gizmo", "g1",
                 "<p:Id>g1</p:Id><p:Owner " TS_XSI " xsi:nil=\"true\"/>");
    TS_FAULT(r, 4, "Fault");
    TS_HAS(r, "Contoso_Gizmo.Owner is Required: a Put cannot set it to NULL");
    ts_resp_free(&r);
    r = transfer("Put", "Contoso_Gizmo", "g1",
                 "<p:Id>g1</p:Id><p:Name " TS_XSI " xsi:nil=\"true\"/>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    r = transfer("Get", "Contoso_Gizmo", "g1", NULL);
    TS_HAS(r, ">me<");
    TS_HAS(r, "<p:Level>7</p:Level>");
    ts_resp_free(&r);
}
END_TEST

START_TEST(enumerate_pull_release)
{
    ts_resp r;
    char *ctx, *env, *pull;
    size_t got = 0;
    int rounds = 0;
    create_widget(&S, "a1", NULL);
    create_widget(&S, "a2", NULL);
    create_widget(&S, "a3", NULL);
    create_widget(&S, "a4", NULL);
    create_widget(&S, "a5", NULL);
    r = enumerate("<n:Enumerate/>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_LACKS(r, ">a1<");
    ctx = context_of(r.body);
    ck_assert_ptr_nonnull(ctx);
    ts_resp_free(&r);
    /* Pull two at a time until the end. */
    for (;;) {
        pull = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext>"
                      "<n:MaxElements>2</n:MaxElements></n:Pull>",
                      ctx);
        env = ts_envelope(TS_ENUM "Pull", "Contoso_Widget", "root/cimv2", NULL, NULL, pull);
        r = ts_post(&S, env);
        free(env);
        free(pull);
        ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
        TS_HAS(r, "enumeration/PullResponse");
        got += count_of(r.body, ">a");
        ck_assert_uint_le(count_of(r.body, ">a"), 2);
        rounds++;
        if (strstr(r.body, "EndOfSequence")) {
            ts_resp_free(&r);
            break;
        }
        free(ctx);
        ctx = context_of(r.body);
        ck_assert_ptr_nonnull(ctx);
        ts_resp_free(&r);
        ck_assert_int_lt(rounds, 10);
    }
    ck_assert_int_eq(rounds, 3);
    ck_assert_uint_eq(got, 5);
    /* The finished context is gone. */
    pull = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext></n:Pull>", ctx);
    env = ts_envelope(TS_ENUM "Pull", "Contoso_Widget", "root/cimv2", NULL, NULL, pull);
    r = ts_post(&S, env);
    TS_FAULT(r, 21, "InvalidEnumerationContext");
    ts_resp_free(&r);
    free(env);
    free(pull);
    free(ctx);

    /* Release of an open one, then it is gone. */
    r = enumerate("<n:Enumerate/>");
    ctx = context_of(r.body);
    ck_assert_ptr_nonnull(ctx);
    ts_resp_free(&r);
    pull = ts_fmt("<n:Release><n:EnumerationContext>%s</n:EnumerationContext></n:Release>", ctx);
    env = ts_envelope(TS_ENUM "Release", "Contoso_Widget", "root/cimv2", NULL, NULL, pull);
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    r = ts_post(&S, env);
    TS_FAULT(r, 21, "InvalidEnumerationContext");
    ts_resp_free(&r);
    free(env);
    free(pull);
    free(ctx);
}
END_TEST

/* An enumeration of nothing: optimized, and plain then Pull. */
START_TEST(enumerate_empty)
{
    ts_resp r;
    char *ctx, *pull, *env;
    r = enumerate("<n:Enumerate><w:OptimizeEnumeration/></n:Enumerate>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "EndOfSequence");
    TS_LACKS(r, "<p:Id>");
    ts_resp_free(&r);
    r = enumerate("<n:Enumerate/>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ctx = context_of(r.body);
    ck_assert_ptr_nonnull(ctx);
    ts_resp_free(&r);
    pull = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext></n:Pull>", ctx);
    env = ts_envelope(TS_ENUM "Pull", "Contoso_Widget", "root/cimv2", NULL, NULL, pull);
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "EndOfSequence");
    ts_resp_free(&r);
    free(env);
    free(pull);
    free(ctx);
}
END_TEST

START_TEST(enumerate_max_elements_optimized)
{
    ts_resp r;
    char *ctx;
    create_widget(&S, "m1", NULL);
    create_widget(&S, "m2", NULL);
    create_widget(&S, "m3", NULL);
    r = enumerate("<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>2</w:MaxElements>"
                  "</n:Enumerate>");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">m1<");
    TS_HAS(r, ">m2<");
    TS_LACKS(r, ">m3<");
    TS_LACKS(r, "EndOfSequence");
    ctx = context_of(r.body);
    ck_assert_ptr_nonnull(ctx);
    ts_resp_free(&r);
    free(ctx);
}
END_TEST

/* The same answers without HTTP, from a server that was never started. */
START_TEST(process_without_http)
{
    msrv_config cfg;
    msrv_server *srv;
    char err[256], *schema = ts_path("tests/server/widget.mof"), *out = NULL;
    const char *schemas[1];
    char *body = ts_widget("Contoso_Widget", "<p:Id>p1</p:Id>");
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    unsigned status = 0;
    size_t len = 0;
    FILE *devnull = fopen("/dev/null", "w");
    schemas[0] = schema;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.no_auth = true;
    cfg.log = devnull;
    cfg.quiet = true;
    ck_assert_int_eq(msrv_new(&cfg, &srv, err, sizeof err), 0);
    msrv_process(srv, NULL, env, strlen(env), &status, &out, &len);
    ck_assert_uint_eq(status, 200);
    ck_assert_ptr_nonnull(strstr(out, "ResourceCreated"));
    free(out);
    msrv_process(srv, "application/soap+xml;charset=UTF-8", env, strlen(env), &status, &out, &len);
    ck_assert_uint_eq(status, 500);
    ck_assert_int_eq(ts_cim_status(out), 11);
    free(out);
    msrv_process(srv, "application/json", env, strlen(env), &status, &out, &len);
    ck_assert_uint_eq(status, 500);
    ck_assert_ptr_nonnull(strstr(out, "EncodingLimit"));
    free(out);
    msrv_process(srv, NULL, NULL, 0, &status, &out, &len);
    ck_assert_uint_eq(status, 500);
    free(out);
    ck_assert_uint_eq(msrv_instance_count(srv, NULL, "Contoso_Widget"), 1);
    msrv_free(srv);
    fclose(devnull);
    free(env);
    free(body);
    free(schema);
}
END_TEST

/* ---- Invoke ------------------------------------------------------------------------------ */

/* What the Ping handler saw: calls, and the class declaration of each target. */
typedef struct ping_seen {
    int calls;
    const MI_ClassDecl *decl[8];
} ping_seen;

static MI_Result ping(void *ctx, msrv_call *call)
{
    ping_seen *seen = (ping_seen *)ctx;
    MI_Value v;
    MI_Type t;
    MI_Uint32 f = 0;
    char buf[256];
    const MI_Char *id = "?";
    MI_Uint32 times = 1;
    if (seen->calls < 8 && call->target)
        seen->decl[seen->calls] = call->target->classDecl;
    seen->calls++;
    if (MI_Instance_GetElement(call->in, "Text", &v, &t, &f, NULL) != MI_RESULT_OK ||
        (f & MI_FLAG_NULL)) {
        snprintf(call->message, call->message_size, "Text is required");
        return MI_RESULT_INVALID_PARAMETER;
    }
    if (call->target) {
        MI_Value k;
        if (MI_Instance_GetElement(call->target, "Id", &k, NULL, NULL, NULL) == MI_RESULT_OK)
            id = k.string;
    }
    {
        MI_Value tv;
        MI_Uint32 tf = 0;
        if (MI_Instance_GetElement(call->in, "Times", &tv, NULL, &tf, NULL) == MI_RESULT_OK &&
            !(tf & MI_FLAG_NULL))
            times = tv.uint32;
    }
    snprintf(buf, sizeof buf, "%s:%s*%u", id, v.string, times);
    v.string = buf;
    ck_assert_int_eq(MI_Instance_SetElement(call->out, "Echo", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = 7;
    ck_assert_int_eq(MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0),
                     MI_RESULT_OK);
    return MI_RESULT_OK;
}

START_TEST(invoke_handlers)
{
    ts_server t;
    msrv_config cfg;
    char err[256];
    ping_seen seen;
    char *env;
    ts_resp r;
    const char *ping_action = TS_URI_DMTF "Contoso_Widget/Ping";
    memset(&seen, 0, sizeof seen);
    /* A server with a handler registered before it starts. */
    {
        char *schema = ts_path("tests/server/widget.mof");
        const char *schemas[1];
        FILE *devnull = fopen("/dev/null", "w");
        schemas[0] = schema;
        memset(&cfg, 0, sizeof cfg);
        cfg.schema_files = schemas;
        cfg.n_schema_files = 1;
        cfg.user = TS_USER;
        cfg.password = TS_PASSWORD;
        cfg.listen = "127.0.0.1:0";
        cfg.quiet = true;
        cfg.log = devnull;
        memset(&t, 0, sizeof t);
        ck_assert_int_eq(msrv_new(&cfg, &t.srv, err, sizeof err), 0);
        ck_assert_int_eq(
            msrv_register_method(t.srv, "root/cimv2", "Contoso_Widget", "Ping", ping, &seen), 0);
        ck_assert_int_eq(
            msrv_register_method(t.srv, NULL, "Contoso_Widget", "NoSuchMethod", ping, &seen), -1);
        ck_assert_int_eq(msrv_register_method(t.srv, NULL, "NoSuchClass", NULL, ping, &seen), -1);
        ck_assert_int_eq(msrv_start(t.srv, err, sizeof err), 0);
        t.log = devnull;
        snprintf(t.url, sizeof t.url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(t.srv));
        free(schema);
    }
    create_widget(&t, "w1", NULL);
    env = ts_envelope(ping_action, "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Text>hello</p:Text><p:Times>3</p:Times></p:Ping_INPUT>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "Ping_OUTPUT");
    TS_HAS(r, ">w1:hello*3<");
    TS_HAS(r, ">7<");
    ck_assert_int_eq(seen.calls, 1);
    /* The stored instance is typed by the class's declaration: every property, in the class's
     * order, the key flagged. */
    ck_assert_ptr_nonnull(seen.decl[0]);
    ck_assert_str_eq(seen.decl[0]->name, "Contoso_Widget");
    ck_assert_uint_eq(seen.decl[0]->numProperties, 9);
    ck_assert_str_eq(seen.decl[0]->properties[0]->name, "Id");
    ck_assert(seen.decl[0]->properties[0]->flags & MI_FLAG_KEY);
    ck_assert_str_eq(seen.decl[0]->properties[8]->name, "Made");
    ck_assert_uint_eq(seen.decl[0]->properties[8]->type, MI_DATETIME);
    ck_assert(!(seen.decl[0]->properties[8]->flags & MI_FLAG_KEY));
    ts_resp_free(&r);
    free(env);

    /* The handler's failure comes back as a fault with its message. */
    env = ts_envelope(ping_action, "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    r = ts_post(&t, env);
    TS_FAULT(r, 4, "Text is required");
    ts_resp_free(&r);
    free(env);

    /* A wrongly typed parameter never reaches the handler. */
    env = ts_envelope(ping_action, "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Text>x</p:Text><p:Times>many</p:Times></p:Ping_INPUT>");
    r = ts_post(&t, env);
    TS_FAULT(r, 4, "Fault");
    ck_assert_int_eq(seen.calls, 2);
    ts_resp_free(&r);
    free(env);

    /* An instance that does not exist. */
    env = ts_envelope(ping_action, "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">nope</w:Selector>", NULL,
                      "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Text>x</p:Text></p:Ping_INPUT>");
    r = ts_post(&t, env);
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
    free(env);

    /* No handler: NOT_SUPPORTED. Unknown method: METHOD_NOT_FOUND. */
    env = ts_envelope(TS_URI_DMTF "Contoso_Widget/Unhandled", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Unhandled_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    r = ts_post(&t, env);
    TS_FAULT(r, 7, "Fault");
    ts_resp_free(&r);
    free(env);
    env = ts_envelope(TS_URI_DMTF "Contoso_Widget/Census", "Contoso_Widget", "root/cimv2", NULL,
                      NULL, "<p:Census_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    r = ts_post(&t, env);
    TS_FAULT(r, 7, "Fault");
    ts_resp_free(&r);
    free(env);
    env = ts_envelope(TS_URI_DMTF "Contoso_Widget/Explode", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w1</w:Selector>", NULL,
                      "<p:Explode_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    r = ts_post(&t, env);
    TS_FAULT(r, 17, "Fault");
    ts_resp_free(&r);
    free(env);
    ck_assert_int_eq(seen.calls, 2);

    /* Another instance of the class shares the one declaration (built once per class). */
    create_widget(&t, "w2", NULL);
    env = ts_envelope(ping_action, "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">w2</w:Selector>", NULL,
                      "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Text>again</p:Text></p:Ping_INPUT>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">w2:again*1<");
    ts_resp_free(&r);
    free(env);
    ck_assert_int_eq(seen.calls, 3);
    ck_assert_ptr_eq(seen.decl[2], seen.decl[0]);
    ts_stop(&t);
}
END_TEST

static MI_Result census(void *ctx, msrv_call *call)
{
    msrv_server *srv = *(msrv_server **)ctx;
    MI_Value v;
    ck_assert_ptr_null(call->target); /* static */
    v.uint32 = (MI_Uint32)msrv_instance_count(srv, call->ns, call->class_name);
    MI_Instance_SetElement(call->out, "Total", &v, MI_UINT32, 0);
    v.uint32 = 0;
    MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0);
    return MI_RESULT_OK;
}

/* A static method: no selectors; the handler may read the repository. */
START_TEST(invoke_static)
{
    ts_server t;
    msrv_config cfg;
    char err[256], *schema = ts_path("tests/server/widget.mof"), *env;
    const char *schemas[1];
    ts_resp r;
    memset(&t, 0, sizeof t);
    schemas[0] = schema;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.user = TS_USER;
    cfg.password = TS_PASSWORD;
    cfg.listen = "127.0.0.1:0";
    cfg.quiet = true;
    t.log = fopen("/dev/null", "w");
    cfg.log = t.log;
    ck_assert_int_eq(msrv_new(&cfg, &t.srv, err, sizeof err), 0);
    ck_assert_int_eq(msrv_register_method(t.srv, NULL, "Contoso_Widget", NULL, census, &t.srv), 0);
    ck_assert_int_eq(msrv_start(t.srv, err, sizeof err), 0);
    /* Registering after the start is refused. */
    ck_assert_int_eq(msrv_register_method(t.srv, NULL, "Contoso_Widget", NULL, census, &t.srv), -1);
    snprintf(t.url, sizeof t.url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(t.srv));
    create_widget(&t, "x1", NULL);
    create_widget(&t, "x2", NULL);
    env = ts_envelope(TS_URI_DMTF "Contoso_Widget/Census", "Contoso_Widget", "root/cimv2", NULL,
                      NULL, "<p:Census_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"/>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "Census_OUTPUT");
    TS_HAS(r, "Total>2<");
    ts_resp_free(&r);
    free(env);
    /* An instance method without the instance's keys. */
    env = ts_envelope(TS_URI_DMTF "Contoso_Widget/Ping", "Contoso_Widget", "root/cimv2", NULL, NULL,
                      "<p:Ping_INPUT xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                      "<p:Text>x</p:Text></p:Ping_INPUT>");
    r = ts_post(&t, env);
    TS_FAULT(r, 4, "not static");
    ts_resp_free(&r);
    free(env);
    ts_stop(&t);
    free(schema);
}
END_TEST

/* ---- concurrency ------------------------------------------------------------------------- */

typedef struct worker {
    const ts_server *t;
    int id;
    int created, failed, dup_ok;
} worker;

#define W_THREADS 8
#define W_EACH 40

static void *work(void *arg)
{
    worker *w = arg;
    int i;
    for (i = 0; i < W_EACH; i++) {
        char *props = ts_fmt("<p:Id>t%d-%d</p:Id>", w->id, i);
        char *body = ts_widget("Contoso_Widget", props);
        char *env =
            ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
        ts_resp r = ts_post(w->t, env);
        if (r.status == 200)
            w->created++;
        else
            w->failed++;
        ts_resp_free(&r);
        free(env);
        free(body);
        free(props);
        /* Everyone races for the same key: exactly one may win. */
        props = ts_fmt("<p:Id>shared-%d</p:Id>", i);
        body = ts_widget("Contoso_Widget", props);
        env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
        r = ts_post(w->t, env);
        if (r.status == 200)
            w->dup_ok++;
        else if (!strstr(r.body, "OMI:MI_Result:11<"))
            w->failed++;
        ts_resp_free(&r);
        free(env);
        free(body);
        free(props);
        if (i % 2) {
            /* Delete every other one of ours again. */
            char *sel = ts_fmt("<w:Selector Name=\"Id\">t%d-%d</w:Selector>", w->id, i);
            env = ts_envelope(TS_TRANSFER "Delete", "Contoso_Widget", "root/cimv2", sel, NULL, "");
            r = ts_post(w->t, env);
            if (r.status == 200)
                w->created--;
            else
                w->failed++;
            ts_resp_free(&r);
            free(env);
            free(sel);
        }
    }
    return NULL;
}

START_TEST(concurrent_creates_and_deletes)
{
    pthread_t th[W_THREADS];
    worker w[W_THREADS];
    int i, created = 0, dups = 0, failed = 0;
    for (i = 0; i < W_THREADS; i++) {
        memset(&w[i], 0, sizeof w[i]);
        w[i].t = &S;
        w[i].id = i;
        ck_assert_int_eq(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (i = 0; i < W_THREADS; i++) {
        pthread_join(th[i], NULL);
        created += w[i].created;
        dups += w[i].dup_ok;
        failed += w[i].failed;
    }
    ck_assert_int_eq(failed, 0);
    ck_assert_int_eq(dups, W_EACH);
    ck_assert_int_eq(created, W_THREADS * W_EACH / 2);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Widget"),
                      (size_t)(created + dups));
}
END_TEST

/* ---- state -------------------------------------------------------------------------------- */

START_TEST(state_survives_restart)
{
    char dir[512];
    char *state;
    msrv_config cfg;
    ts_resp r;
    char *env;
    ts_server t;
    ts_mkdtemp(dir, sizeof dir);
    state = ts_fmt("%s/repo.mof", dir);
    memset(&cfg, 0, sizeof cfg);
    cfg.state_file = state;
    ts_start(&t, &cfg);
    create_widget(&t, "s1",
                  "<p:Name>quote \" back\\slash\nnewline</p:Name><p:Count>7</p:Count>"
                  "<p:Enabled>false</p:Enabled><p:Ratio>-2.5e-3</p:Ratio>"
                  "<p:Tags>x</p:Tags><p:Tags>y z</p:Tags>"
                  "<p:Made>2024-02-29T23:59:58.5+01:00</p:Made>");
    create_widget(&t, "s2", NULL);
    /* Delete the schema's seed instance: the state, not the schema, is the repository now. */
    env = ts_envelope(TS_TRANSFER "Delete", "Contoso_Pair", "root/cimv2",
                      "<w:Selector Name=\"Left\">seed</w:Selector>"
                      "<w:Selector Name=\"Right\">1</w:Selector>",
                      NULL, "");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    free(env);
    ts_stop(&t);

    ts_start(&t, &cfg);
    ck_assert_uint_eq(msrv_instance_count(t.srv, "root/cimv2", NULL), 2);
    r = get_widget(&t, "s1");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">quote \" back\\slash\nnewline<");
    TS_HAS(r, ">7<");
    TS_HAS(r, ">false<");
    TS_HAS(r, ">y z<");
    TS_HAS(r, ">2024-02-29T23:59:58.5");
    ts_resp_free(&r);
    ts_stop(&t);
    unlink(state);
    rmdir(dir);
    free(state);
}
END_TEST

/* A change that cannot be saved is not acknowledged, and is undone. */
START_TEST(state_save_failure_undoes)
{
    char dir[512];
    char *state, *body, *env;
    msrv_config cfg;
    ts_server t;
    ts_resp r;
    ts_mkdtemp(dir, sizeof dir);
    state = ts_fmt("%s/repo.mof", dir);
    memset(&cfg, 0, sizeof cfg);
    cfg.state_file = state;
    ts_start(&t, &cfg);
    create_widget(&t, "kept", NULL);
    unlink(state);
    ck_assert_int_eq(rmdir(dir), 0); /* the state's directory is gone */
    body = ts_widget("Contoso_Widget", "<p:Id>lost</p:Id>");
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&t, env);
    TS_FAULT(r, 1, "could not be saved");
    ts_resp_free(&r);
    r = get_widget(&t, "lost");
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
    /* Delete likewise stays undone. */
    {
        char *del = ts_envelope(TS_TRANSFER "Delete", "Contoso_Widget", "root/cimv2",
                                "<w:Selector Name=\"Id\">kept</w:Selector>", NULL, "");
        r = ts_post(&t, del);
        TS_FAULT(r, 1, "could not be saved");
        ts_resp_free(&r);
        free(del);
    }
    r = get_widget(&t, "kept");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    /* With the directory back, the next change saves everything. */
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    ts_stop(&t);
    ts_start(&t, &cfg);
    ck_assert_uint_eq(msrv_instance_count(t.srv, "root/cimv2", "Contoso_Widget"), 2);
    ts_stop(&t);
    unlink(state);
    rmdir(dir);
    free(state);
    free(env);
    free(body);
}
END_TEST

/* ---- every type, references, embedded instances: wire and state round trips --------------- */

static ts_resp gadget_get(const ts_server *t, const char *serial, const char *site)
{
    char *sel = ts_fmt("<w:Selector Name=\"Serial\">%s</w:Selector>"
                       "<w:Selector Name=\"Site\">%s</w:Selector>",
                       serial, site);
    char *env = ts_envelope(TS_TRANSFER "Get", "Test_Gadget", "root/test", sel, NULL, "");
    ts_resp r = ts_post(t, env);
    free(env);
    free(sel);
    return r;
}

/* The SOAP body of a response (what must survive a restart unchanged). */
static char *body_of(const ts_resp *r)
{
    const char *b = strstr(r->body, "<SOAP-ENV:Body>");
    ck_assert_ptr_nonnull(b);
    return ts_fmt("%s", b);
}

START_TEST(types_round_trip)
{
    char dir[512];
    char *state, *schema = ts_path("tests/server/gadget.mof"), *env, *before1, *before2;
    const char *schemas[1];
    msrv_config cfg;
    ts_server t;
    ts_resp r;
    ts_mkdtemp(dir, sizeof dir);
    state = ts_fmt("%s/repo.mof", dir);
    schemas[0] = schema;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.state_file = state;
    ts_start(&t, &cfg);

    /* The schema's instance: alias reference, embedded instance, datetimes, char16. */
    r = gadget_get(&t, "1", "schema");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "Name=\"Id\">seed-widget<");
    TS_HAS(r, ">nested<");
    TS_HAS(r, ">9<");
    TS_HAS(r, "<p:Bytes>1</p:Bytes><p:Bytes>2</p:Bytes><p:Bytes>3</p:Bytes>");
    TS_HAS(r, ">2024-02-29T23:59:58.5");
    TS_HAS(r, ">P1DT2H3M4.000005S<");
    TS_HAS(r, "<p:C16>120</p:C16>");
    before1 = body_of(&r);
    ts_resp_free(&r);

    /* One through the wire, every type set. */
    env = ts_envelope(
        TS_TRANSFER "Create", "Test_Gadget", "root/test", NULL, NULL,
        "<p:Test_Gadget xmlns:p=\"" TS_URI_DMTF "Test_Gadget\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<p:Serial>18446744073709551615</p:Serial><p:Site>wire &amp; &lt;co&gt;</p:Site>"
        "<p:B>true</p:B><p:U8>255</p:U8><p:S8>-128</p:S8><p:U16>65535</p:U16>"
        "<p:S16>-32768</p:S16><p:U32>4294967295</p:U32><p:S32>-2147483648</p:S32>"
        "<p:U64>18446744073709551615</p:U64><p:S64>-9223372036854775808</p:S64>"
        "<p:R32>1.5</p:R32><p:R64>-1.25e-300</p:R64><p:C16>65</p:C16>"
        "<p:When>1999-12-31T23:59:59Z</p:When><p:Span>P10DT0H0M1S</p:Span>"
        "<p:Text>tab\there &#233;t&#233; \xe2\x82\xac</p:Text>"
        "<p:Bytes>0</p:Bytes><p:Bytes>255</p:Bytes>"
        "<p:Times>2000-01-01T00:00:00Z</p:Times><p:Times>P1D</p:Times>"
        "<p:Flags>false</p:Flags><p:Flags>true</p:Flags>"
        "<p:Partner><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
        "</a:Address><a:ReferenceParameters><w:ResourceURI>" TS_URI_DMTF "Test_Widget"
        "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Id\">seed-widget</w:Selector>"
        "</w:SelectorSet></a:ReferenceParameters></p:Partner>"
        "<p:Inner xsi:type=\"q:Test_Pair_Type\" xmlns:q=\"" TS_URI_DMTF "Test_Pair\">"
        "<q:Left>in \"quotes\"</q:Left><q:Right>5</q:Right></p:Inner>"
        "</p:Test_Gadget>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">18446744073709551615<");
    ts_resp_free(&r);
    free(env);
    r = gadget_get(&t, "18446744073709551615", "wire &amp; &lt;co&gt;");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">-9223372036854775808<");
    TS_HAS(r, ">-2147483648<");
    TS_HAS(r, ">1.5<");
    TS_HAS(r, ">1999-12-31T23:59:59");
    TS_HAS(r, "Name=\"Id\">seed-widget<");
    TS_HAS(r, ">in \"quotes\"<");
    TS_HAS(r, "\xc3\xa9t\xc3\xa9 \xe2\x82\xac");
    before2 = body_of(&r);
    ts_resp_free(&r);
    ts_stop(&t);

    /* After a restart from the state file, both answer byte for byte as before. */
    ts_start(&t, &cfg);
    r = gadget_get(&t, "1", "schema");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    {
        char *after = body_of(&r);
        ck_assert_str_eq(after, before1);
        free(after);
    }
    ts_resp_free(&r);
    r = gadget_get(&t, "18446744073709551615", "wire &amp; &lt;co&gt;");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    {
        char *after = body_of(&r);
        ck_assert_str_eq(after, before2);
        free(after);
    }
    ts_resp_free(&r);
    ts_stop(&t);
    free(before1);
    free(before2);
    unlink(state);
    rmdir(dir);
    free(state);
    free(schema);
}
END_TEST

#define EPR(cls, sels)                                                                             \
    "<a:EndpointReference><a:Address>"                                                             \
    "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>"                  \
    "<a:ReferenceParameters><w:ResourceURI>" TS_URI_DMTF cls                                       \
    "</w:ResourceURI><w:SelectorSet>" sels                                                         \
    "</w:SelectorSet></a:ReferenceParameters></a:EndpointReference>"

static ts_resp link_get(const ts_server *t, const char *widget)
{
    char *sel = ts_fmt("<w:Selector Name=\"To\">" EPR(
                           "Test_Gadget",
                           "<w:Selector Name=\"Site\">schema"
                           "</w:Selector><w:Selector Name=\"Serial\">"
                           "01</w:Selector>") "</w:Selector>"
                                              "<w:Selector Name=\"From\">" EPR(
                                                  "Test_Widget", "<w:Selector Name=\"Id\">%s"
                                                                 "</w:Selector>") "</w:Selector>",
                       widget);
    char *env = ts_envelope(TS_TRANSFER "Get", "Test_Link", "root/test", sel, NULL, "");
    ts_resp r = ts_post(t, env);
    free(env);
    free(sel);
    return r;
}

/* An association keyed by references: created from MOF (alias and object path) and from the
 * wire (EPRs), found by nested-EPR selectors, kept across a restart. */
START_TEST(associations)
{
    char dir[512];
    char *state, *schema = ts_path("tests/server/gadget.mof"), *env;
    const char *schemas[1];
    msrv_config cfg;
    ts_server t;
    ts_resp r;
    int round;
    ts_mkdtemp(dir, sizeof dir);
    state = ts_fmt("%s/repo.mof", dir);
    schemas[0] = schema;
    memset(&cfg, 0, sizeof cfg);
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.state_file = state;
    ts_start(&t, &cfg);
    r = link_get(&t, "seed-widget");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">seeded<");
    ts_resp_free(&r);

    env = ts_envelope(TS_TRANSFER "Create", "Test_Widget", "root/test", NULL, NULL,
                      "<p:Test_Widget xmlns:p=\"" TS_URI_DMTF "Test_Widget\"><p:Id>w2</p:Id>"
                      "</p:Test_Widget>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    free(env);
    env = ts_envelope(
        TS_TRANSFER "Create", "Test_Link", "root/test", NULL, NULL,
        "<p:Test_Link xmlns:p=\"" TS_URI_DMTF "Test_Link\">"
        "<p:From>" EPR(
            "Test_Widget",
            "<w:Selector Name=\"Id\">w2</w:Selector>") "</p:From><p:To>" EPR("Test_Gadget",
                                                                             "<w:Selector "
                                                                             "Name=\"Serial\">1</"
                                                                             "w:Selector>"
                                                                             "<w:Selector "
                                                                             "Name=\"Site\">schema<"
                                                                             "/w:Selector>") "</"
                                                                                             "p:To>"
                                                                                             "<p:"
                                                                                             "Why>"
                                                                                             "wired"
                                                                                             "</"
                                                                                             "p:"
                                                                                             "Why><"
                                                                                             "/p:"
                                                                                             "Test_"
                                                                                             "Link"
                                                                                             ">");
    for (round = 0; round < 2; round++) {
        r = ts_post(&t, env);
        if (round == 0) {
            ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
        } else {
            TS_FAULT(r, 11, "wsman:AlreadyExists"); /* the same references again */
        }
        ts_resp_free(&r);
    }
    free(env);
    ck_assert_uint_eq(msrv_instance_count(t.srv, "root/test", "Test_Link"), 2);
    ts_stop(&t);

    ts_start(&t, &cfg);
    r = link_get(&t, "w2");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">wired<");
    ts_resp_free(&r);
    r = link_get(&t, "nobody");
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
    ts_stop(&t);
    unlink(state);
    rmdir(dir);
    free(state);
    free(schema);
}
END_TEST

/* ---- limits and hostile input ------------------------------------------------------------ */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

static void ms_sleep(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&ts, NULL);
}

static long ts_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int connect_to(const ts_server *t)
{
    struct sockaddr_in a;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ck_assert_int_ge(fd, 0);
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(msrv_port(t->srv));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ck_assert_int_eq(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
    return fd;
}

/* True when the peer closed fd (EOF or reset) within ms milliseconds. */
static bool closed_within(int fd, int ms)
{
    struct pollfd p;
    char c;
    p.fd = fd;
    p.events = POLLIN;
    p.revents = 0;
    if (poll(&p, 1, ms) <= 0)
        return false;
    return read(fd, &c, 1) <= 0;
}

static char *b64(const char *in)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(in), i, o = 0;
    char *out = malloc(n * 4 / 3 + 5);
    ck_assert_ptr_nonnull(out);
    for (i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned char)in[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)in[i + 2];
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? tab[v & 63] : '=';
    }
    out[o] = '\0';
    return out;
}

START_TEST(connection_limit)
{
    ts_server t;
    msrv_config cfg;
    int fds[3], extra, i, st;
    char *cred = b64(TS_USER ":" TS_PASSWORD);
    char *env = ts_envelope(TS_TRANSFER "Get", "Contoso_Pair", "root/cimv2",
                            "<w:Selector Name=\"Left\">seed</w:Selector>"
                            "<w:Selector Name=\"Right\">1</w:Selector>",
                            NULL, "");
    char *req = ts_fmt("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                       "Content-Type: application/soap+xml\r\nContent-Length: %zu\r\n"
                       "Connection: close\r\n\r\n%s",
                       cred, strlen(env), env);
    ts_resp r;
    memset(&cfg, 0, sizeof cfg);
    cfg.max_connections = 3;
    cfg.threads = (unsigned)_i; /* a pool of one thread; one thread per connection */
    ts_start(&t, &cfg);
    for (i = 0; i < 3; i++)
        fds[i] = connect_to(&t);
    ms_sleep(200);
    /* A fourth connection is not served while three are open: it is told so at once, 503
     * with Retry-After, and closed (never left waiting nor reset without an answer). */
    extra = connect_to(&t);
    ck_assert_int_eq(write(extra, req, strlen(req)), (ssize_t)strlen(req));
    {
        char all[2048];
        size_t got = 0;
        long end = ts_now_ms() + 3000;
        for (;;) {
            struct pollfd p;
            ssize_t n;
            p.fd = extra;
            p.events = POLLIN;
            p.revents = 0;
            if (poll(&p, 1, (int)(end - ts_now_ms() > 0 ? end - ts_now_ms() : 0)) <= 0)
                break;
            n = read(extra, all + got, sizeof all - 1 - got);
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        all[got] = '\0';
        ck_assert_msg(ts_now_ms() < end, "the refused connection was not closed");
        ck_assert_msg(sscanf(all, "HTTP/1.1 %d", &st) == 1 && st == 503, "answer: %.80s", all);
        ck_assert_ptr_nonnull(strstr(all, "Retry-After: 1"));
    }
    close(extra);
    for (i = 0; i < 3; i++)
        close(fds[i]);
    /* Served again once the closed connections are cleaned up (until then: 503, try again). */
    for (i = 0; i < 50; i++) {
        r = get_widget(&t, "none");
        if (r.status != 0 && r.status != 503)
            break;
        ts_resp_free(&r);
        ms_sleep(100);
    }
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
    ts_stop(&t);
    free(req);
    free(env);
    free(cred);
}
END_TEST

START_TEST(idle_timeout)
{
    ts_server t;
    msrv_config cfg;
    int fd;
    memset(&cfg, 0, sizeof cfg);
    cfg.timeout = 1;
    ts_start(&t, &cfg);
    fd = connect_to(&t);
    /* Half a request, then silence: the server hangs up. */
    ck_assert_int_gt(write(fd, "POST /wsman HTTP/1.1\r\nHost: x\r\n", 31), 0);
    ck_assert_msg(closed_within(fd, 5000), "an idle connection was kept");
    close(fd);
    ts_stop(&t);
}
END_TEST

static char *with_envelope(char *env, const char *size)
{
    char *p = strstr(env, "512000");
    char *out;
    ck_assert_ptr_nonnull(p);
    out = ts_fmt("%.*s%s%s", (int)(p - env), env, size, p + 6);
    free(env);
    return out;
}

START_TEST(envelope_size_pages_enumeration)
{
    char name[1601];
    char *env, *ctx = NULL;
    ts_resp r;
    size_t total = 0, first;
    int i, rounds = 0;
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    for (i = 0; i < 12; i++) {
        char id[16], *props;
        snprintf(id, sizeof id, "big%02d", i);
        props = ts_fmt("<p:Name>%s</p:Name>", name);
        create_widget(&S, id, props);
        free(props);
    }
    env = with_envelope(ts_envelope(TS_ENUM "Enumerate", "Contoso_Widget", "root/cimv2", NULL, NULL,
                                    "<n:Enumerate><w:OptimizeEnumeration/>"
                                    "<w:MaxElements>100</w:MaxElements></n:Enumerate>"),
                        "8192");
    r = ts_post(&S, env);
    free(env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ck_assert_uint_le(r.len, 8192);
    first = count_of(r.body, ">big");
    ck_assert_uint_gt(first, 0);
    ck_assert_uint_lt(first, 12);
    TS_LACKS(r, "EndOfSequence");
    total = first;
    ctx = context_of(r.body);
    ts_resp_free(&r);
    while (ctx) {
        char *pull = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext>"
                            "<n:MaxElements>100</n:MaxElements></n:Pull>",
                            ctx);
        env = with_envelope(
            ts_envelope(TS_ENUM "Pull", "Contoso_Widget", "root/cimv2", NULL, NULL, pull), "8192");
        r = ts_post(&S, env);
        free(env);
        free(pull);
        free(ctx);
        ctx = NULL;
        ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
        ck_assert_uint_le(r.len, 8192);
        total += count_of(r.body, ">big");
        if (!strstr(r.body, "EndOfSequence"))
            ctx = context_of(r.body);
        ts_resp_free(&r);
        ck_assert_int_lt(++rounds, 20);
    }
    ck_assert_uint_eq(total, 12);
}
END_TEST

START_TEST(envelope_size_too_small_for_item)
{
    char *name = malloc(12001), *props, *env;
    ts_resp r;
    ck_assert_ptr_nonnull(name);
    memset(name, 'q', 12000);
    name[12000] = '\0';
    props = ts_fmt("<p:Name>%s</p:Name>", name);
    create_widget(&S, "huge", props);
    env = with_envelope(ts_envelope(TS_TRANSFER "Get", "Contoso_Widget", "root/cimv2",
                                    "<w:Selector Name=\"Id\">huge</w:Selector>", NULL, ""),
                        "8192");
    r = ts_post(&S, env);
    TS_FAULT(r, 27, "wsman:EncodingLimit");
    ck_assert_uint_le(r.len, 8192);
    ts_resp_free(&r);
    free(env);
    /* A Put whose answer would not fit is not made. */
    env = with_envelope(ts_envelope(TS_TRANSFER "Put", "Contoso_Widget", "root/cimv2",
                                    "<w:Selector Name=\"Id\">huge</w:Selector>", NULL,
                                    "<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\">"
                                    "<p:Id>huge</p:Id><p:Count>5</p:Count></p:Contoso_Widget>"),
                        "8192");
    r = ts_post(&S, env);
    TS_FAULT(r, 27, "wsman:EncodingLimit");
    ts_resp_free(&r);
    free(env);
    r = get_widget(&S, "huge");
    ck_assert_msg(r.status == 200, "%ld", r.status);
    TS_LACKS(r, "<p:Count>5<");
    ts_resp_free(&r);
    free(props);
    free(name);
}
END_TEST

/* The repository is bounded: a Create beyond the limit is refused, a Delete makes room. */
START_TEST(max_instances)
{
    ts_server t;
    msrv_config cfg;
    ts_resp r;
    char *body = ts_widget("Contoso_Widget", "<p:Id>third</p:Id>"), *env, *del;
    memset(&cfg, 0, sizeof cfg);
    cfg.max_instances = 3; /* the schema's seed and two more */
    ts_start(&t, &cfg);
    create_widget(&t, "one", NULL);
    create_widget(&t, "two", NULL);
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&t, env);
    TS_FAULT(r, 27, "Fault");
    ts_resp_free(&r);
    del = ts_envelope(TS_TRANSFER "Delete", "Contoso_Widget", "root/cimv2",
                      "<w:Selector Name=\"Id\">one</w:Selector>", NULL, "");
    r = ts_post(&t, del);
    ck_assert_int_eq(r.status, 200);
    ts_resp_free(&r);
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    ts_stop(&t);
    free(del);
    free(env);
    free(body);
}
END_TEST

/* Open enumerations are bounded: the oldest goes when the table is full. */
START_TEST(enumeration_contexts_bounded)
{
    char *first = NULL, *last = NULL, *pull, *env;
    ts_resp r;
    unsigned i;
    create_widget(&S, "e1", NULL);
    for (i = 0; i < MSRV_DEFAULT_MAX_ENUM_CONTEXTS + 1; i++) {
        r = enumerate("<n:Enumerate/>");
        ck_assert_int_eq(r.status, 200);
        if (i == 0)
            first = context_of(r.body);
        free(last);
        last = context_of(r.body);
        ts_resp_free(&r);
    }
    ck_assert_ptr_nonnull(first);
    pull = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext></n:Pull>", first);
    env = ts_envelope(TS_ENUM "Pull", "Contoso_Widget", "root/cimv2", NULL, NULL, pull);
    r = ts_post(&S, env);
    TS_FAULT(r, 21, "InvalidEnumerationContext");
    ts_resp_free(&r);
    free(env);
    free(pull);
    pull = ts_fmt("<n:Pull><n:EnumerationContext>%s</n:EnumerationContext></n:Pull>", last);
    env = ts_envelope(TS_ENUM "Pull", "Contoso_Widget", "root/cimv2", NULL, NULL, pull);
    r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, ">e1<");
    ts_resp_free(&r);
    free(env);
    free(pull);
    free(first);
    free(last);
}
END_TEST

/* Unreleased contexts hold copies of the instances: their bytes, all together, are bounded,
 * and an Enumerate past the bound is refused (SERVER_LIMITS_EXCEEDED) without costing the
 * open contexts anything; a Release makes room again. */
START_TEST(enumeration_contexts_bounded_in_bytes)
{
    ts_server t;
    msrv_config cfg;
    char *big = malloc(40001), *extra, *env, *ctx1, *rel;
    ts_resp r;
    int i;
    memset(big, 'x', 40000);
    big[40000] = '\0';
    extra = ts_fmt("<p:Name>%s</p:Name>", big);
    memset(&cfg, 0, sizeof cfg);
    cfg.max_enum_bytes = 300000; /* one snapshot of the five (about 200 kB), not two */
    ts_start(&t, &cfg);
    for (i = 0; i < 5; i++) {
        char id[8];
        snprintf(id, sizeof id, "b%d", i);
        create_widget(&t, id, extra);
    }
    env = ts_envelope(TS_ENUM "Enumerate", "Contoso_Widget", "root/cimv2", NULL, NULL,
                      "<n:Enumerate/>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ctx1 = context_of(r.body);
    ck_assert_ptr_nonnull(ctx1);
    ts_resp_free(&r);
    for (i = 0; i < 3; i++) {
        r = ts_post(&t, env);
        ck_assert_msg(r.status == 500 && ts_cim_status(r.body) == 27, "%ld %s", r.status, r.body);
        TS_HAS(r, "300000 bytes");
        ts_resp_free(&r);
    }
    rel = ts_fmt("<n:Release><n:EnumerationContext>%s</n:EnumerationContext></n:Release>", ctx1);
    {
        char *renv =
            ts_envelope(TS_ENUM "Release", "Contoso_Widget", "root/cimv2", NULL, NULL, rel);
        r = ts_post(&t, renv);
        ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
        ts_resp_free(&r);
        free(renv);
    }
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "after the Release: %ld %s", r.status, r.body);
    ts_resp_free(&r);
    ts_stop(&t);
    free(rel);
    free(ctx1);
    free(env);
    free(extra);
    free(big);
}
END_TEST

/* A Create is served by the class of its Body's element, whatever class the ResourceURI names
 * (as OMI reads it; documented in doc/server.md and the man page). */
START_TEST(create_class_from_the_body)
{
    char *body = ts_widget("Contoso_Widget", "<p:Id>by-body</p:Id>");
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Pair", "root/cimv2", NULL, NULL, body);
    size_t pairs = msrv_instance_count(S.srv, "root/cimv2", "Contoso_Pair");
    ts_resp r = ts_post(&S, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Pair"), pairs);
    r = get_widget(&S, "by-body");
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    free(env);
    free(body);
}
END_TEST

/* Two Actions or two Bodies: refused, not guessed (the last Action and the first Body were
 * taken before). */
START_TEST(duplicated_action_or_body_refused)
{
    char *two_actions = ts_envelope(
        TS_TRANSFER "Get", "Contoso_Pair", "root/cimv2",
        "<w:Selector Name=\"Left\">seed</w:Selector>"
        "<w:Selector Name=\"Right\">1</w:Selector>",
        "    <a:Action s:mustUnderstand=\"true\">" TS_TRANSFER "Delete</a:Action>\n", "");
    char *body = ts_widget("Contoso_Widget", "<p:Id>twice</p:Id>");
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    char *two_bodies = ts_fmt("%.*s<s:Body>%s</s:Body>\n</s:Envelope>\n",
                              (int)(strstr(env, "</s:Envelope>") - env), env, body);
    ts_resp r = ts_post(&S, two_actions);
    ck_assert_msg(r.status == 500 && strstr(r.body, "more than one a:Action"), "%ld %s", r.status,
                  r.body);
    ts_resp_free(&r);
    ck_assert_uint_eq(msrv_instance_count(S.srv, "root/cimv2", "Contoso_Pair"), 1);
    r = ts_post(&S, two_bodies);
    ck_assert_msg(r.status == 500 && strstr(r.body, "more than one SOAP Body"), "%ld %s", r.status,
                  r.body);
    ts_resp_free(&r);
    r = get_widget(&S, "twice");
    TS_FAULT(r, 6, "DestinationUnreachable");
    ts_resp_free(&r);
    free(two_bodies);
    free(env);
    free(body);
    free(two_actions);
}
END_TEST

/* A Create whose widget element carries n attributes (besides its xmlns:p). */
static ts_resp create_with_attributes(size_t n)
{
    size_t cap = 16 * n + 64, k = 0, i;
    char *attrs = malloc(cap), *body, *env;
    ts_resp r;
    attrs[0] = '\0';
    for (i = 0; i < n; i++)
        k += (size_t)snprintf(attrs + k, cap - k, " a%zu=\"\"", i);
    body = ts_fmt("<p:Contoso_Widget xmlns:p=\"" TS_URI_DMTF "Contoso_Widget\"%s>"
                  "<p:Id>attrs%zu</p:Id></p:Contoso_Widget>",
                  attrs, n);
    env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    r = ts_post(&S, env);
    free(env);
    free(body);
    free(attrs);
    return r;
}

/* libxml2 checks an element's attributes for duplicates pair by pair: a request with 100,000
 * attributes on one element is refused before libxml2 sees it (64 at most), and 64 are fine. */
START_TEST(attributes_per_element_bounded)
{
    ts_resp r = create_with_attributes(100000);
    ck_assert_msg(r.status == 500 && strstr(r.body, "more than 64 attributes"), "%ld %.300s",
                  r.status, r.body);
    ts_resp_free(&r);
    r = create_with_attributes(63); /* with xmlns:p, 64 */
    ck_assert_msg(r.status == 200, "%ld %.300s", r.status, r.body);
    ts_resp_free(&r);
}
END_TEST

/* Mutated requests (bytes flipped, cut short, duplicated) never crash or hang the server: each
 * gets an HTTP answer, and the server serves normally afterwards. */
START_TEST(mutated_requests)
{
    char *body = ts_widget("Contoso_Widget", "<p:Id>m</p:Id><p:Count>1</p:Count>"
                                             "<p:Tags>a</p:Tags>");
    char *env = ts_envelope(TS_TRANSFER "Create", "Contoso_Widget", "root/cimv2", NULL, NULL, body);
    size_t len = strlen(env);
    unsigned long long seed = 0x9E3779B97F4A7C15ull;
    int i;
    static const char bytes[] = "<>/&;\"'=:x\0\xff\xc3 ";
    for (i = 0; i < 300; i++) {
        char *m = malloc(len * 2 + 1);
        size_t n = len, k, flips;
        ts_resp r;
        static const char *const ct[] = {"Content-Type: application/soap+xml", NULL};
        ck_assert_ptr_nonnull(m);
        memcpy(m, env, len);
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        flips = 1 + (seed >> 60);
        for (k = 0; k < flips; k++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            m[(seed >> 20) % n] = bytes[(seed >> 8) % (sizeof bytes - 1)];
        }
        if (i % 5 == 0)
            n = (size_t)(seed >> 33) % len; /* cut short */
        if (i % 7 == 0) {
            memcpy(m + n, m, n < len ? n : len); /* doubled */
            n *= 2;
        }
        r = ts_request(S.url, NULL, TS_USER, TS_PASSWORD, ct, m, n, NULL);
        ck_assert_msg(r.curl == CURLE_OK && (r.status == 200 || r.status == 500),
                      "mutation %d: curl %d status %ld", i, (int)r.curl, r.status);
        if (r.status == 500)
            TS_HAS(r, "Fault");
        ts_resp_free(&r);
        free(m);
    }
    {
        ts_resp r = get_widget(&S, "nothing-here");
        TS_FAULT(r, 6, "DestinationUnreachable");
        ts_resp_free(&r);
    }
    free(env);
    free(body);
}
END_TEST

/* MOF 3: the server loads tests/data/mof3 (the shapes of DSP0221 3.0.1's GOLF example):
 * structures travel as embedded instances, enumerations by value, both from the schema's own
 * instances and through a Create and a Get. */
START_TEST(mof3_structures_and_enums)
{
    ts_server t;
    msrv_config cfg;
    char *schema = ts_path("tests/data/mof3/schema.mof");
    const char *files[1];
    char *env;
    ts_resp r;
    memset(&cfg, 0, sizeof cfg);
    files[0] = schema;
    cfg.schema_files = files;
    cfg.n_schema_files = 1;
    ts_start(&t, &cfg);
    env = ts_envelope(TS_TRANSFER "Get", "Shop_Vip", "root/cimv2",
                      "<w:Selector Name=\"InstanceID\">312546</w:Selector>", NULL, "");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "<p:Level>7</p:Level>");              /* Level = Diamond */
    TS_HAS(r, "xsi:type=\"q1:Shop_Date_Type\"><q1:Year>2011</q1:Year><q1:Month>7</q1:Month>");
    TS_HAS(r, "<q1:Region>S</q1:Region>");           /* Region = South */
    TS_HAS(r, "<q1:AddressKind>0</q1:AddressKind>"); /* the structure's default, Home */
    TS_HAS(r, "<p:PaymentMonths>1</p:PaymentMonths><p:PaymentMonths>7</p:PaymentMonths>");
    TS_HAS(r, "xsi:type=\"q1:Shop_Vip_Sponsor_Type\"><q1:Name>Acme</q1:Name>");
    ts_resp_free(&r);
    free(env);
    /* (the count takes in subclasses: Shop_Vip's one) */
    ck_assert_uint_eq(msrv_instance_count(t.srv, "root/cimv2", "Shop_Customer"), 1);

    env = ts_envelope(
        TS_TRANSFER "Create", "Shop_Customer", "root/cimv2", NULL, NULL,
        "<p:Shop_Customer xmlns:p=\"" TS_URI_DMTF "Shop_Customer\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<p:InstanceID>c-2</p:InstanceID><p:Level>2</p:Level>"
        "<p:Since xsi:type=\"q:Shop_Date_Type\" xmlns:q=\"" TS_URI_DMTF "Shop_Date\">"
        "<q:Year>2024</q:Year><q:Month>12</q:Month><q:Day>31</q:Day></p:Since>"
        "</p:Shop_Customer>");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    ts_resp_free(&r);
    free(env);
    env = ts_envelope(TS_TRANSFER "Get", "Shop_Customer", "root/cimv2",
                      "<w:Selector Name=\"InstanceID\">c-2</w:Selector>", NULL, "");
    r = ts_post(&t, env);
    ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
    TS_HAS(r, "<p:Level>2</p:Level>");
    TS_HAS(r, "<q1:Year>2024</q1:Year><q1:Month>12</q1:Month><q1:Day>31</q1:Day>");
    ts_resp_free(&r);
    free(env);
    ck_assert_uint_eq(msrv_instance_count(t.srv, "root/cimv2", "Shop_Customer"), 2);
    ts_stop(&t);
    free(schema);
}
END_TEST

/* A schema with errors (a missing include; an undeclared superclass) stops msrv_new with a
 * message and a located diagnostic, with no state file too: the diagnostics went through a
 * comparison with the state file's path, which is NULL then, and the server crashed. */
START_TEST(schema_errors_refused)
{
    static const char *const texts[2] = {
        "#pragma include (\"no_such_file_here.mof\")\nclass A { [Key] string K; };\n",
        "class B : No_Such_Superclass { [Key] string K; };\n"};
    int i;
    for (i = 0; i < 2; i++) {
        msrv_config cfg;
        msrv_server *srv = NULL;
        char err[256] = "", seen[512];
        const char *one[1];
        FILE *diag = tmpfile();
        size_t n;
        ck_assert_ptr_nonnull(diag);
        one[0] = texts[i];
        memset(&cfg, 0, sizeof cfg);
        cfg.schema_texts = one;
        cfg.n_schema_texts = 1;
        cfg.no_auth = true;
        cfg.quiet = true;
        cfg.diag = diag;
        ck_assert_int_eq(msrv_new(&cfg, &srv, err, sizeof err), -1);
        ck_assert_ptr_null(srv);
        ck_assert_str_ne(err, "");
        rewind(diag);
        n = fread(seen, 1, sizeof seen - 1, diag);
        seen[n] = '\0';
        ck_assert_msg(strstr(seen, "<schema 1>:") && strstr(seen, ": error: "),
                      "no located error: %s", seen);
        fclose(diag);
    }
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("server");
    TCase *tc = tcase_create("front");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, schema_errors_refused);
    tcase_add_test(tc, no_credentials_401);
    tcase_add_test(tc, wrong_credentials_401);
    tcase_add_test(tc, post_wsman_only);
    tcase_add_test(tc, content_type_checked);
    tcase_add_test(tc, malformed_requests_fault);
    tcase_add_test(tc, body_size_capped);
    tcase_add_test(tc, max_envelope_size);
    tcase_add_test(tc, must_understand);
    suite_add_tcase(s, tc);

    tc = tcase_create("operations");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, identify);
    tcase_add_test(tc, create_get_put_delete);
    tcase_add_test(tc, initial_instances_from_schema);
    tcase_add_test(tc, cim_checks);
    tcase_add_test(tc, namespaces_apart);
    tcase_add_test(tc, enumerate_optimized_and_epr);
    tcase_add_test(tc, key_spaces);
    tcase_add_test(tc, defaults_and_required_on_put);
    tcase_add_test(tc, enumerate_pull_release);
    tcase_add_test(tc, enumerate_max_elements_optimized);
    tcase_add_test(tc, wql_filters);
    tcase_add_test(tc, enumerate_empty);
    tcase_add_test(tc, process_without_http);
    tcase_add_test(tc, invoke_handlers);
    tcase_add_test(tc, invoke_static);
    tcase_add_test(tc, concurrent_creates_and_deletes);
    tcase_add_test(tc, state_survives_restart);
    tcase_add_test(tc, types_round_trip);
    tcase_add_test(tc, mof3_structures_and_enums);
    tcase_add_test(tc, associations);
    tcase_add_test(tc, state_save_failure_undoes);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, connection_limit, 0, 2);
    tcase_add_test(tc, idle_timeout);
    tcase_add_test(tc, envelope_size_pages_enumeration);
    tcase_add_test(tc, envelope_size_too_small_for_item);
    tcase_add_test(tc, enumeration_contexts_bounded);
    tcase_add_test(tc, enumeration_contexts_bounded_in_bytes);
    tcase_add_test(tc, create_class_from_the_body);
    tcase_add_test(tc, attributes_per_element_bounded);
    tcase_add_test(tc, duplicated_action_or_body_refused);
    tcase_add_test(tc, max_instances);
    tcase_add_test(tc, mutated_requests);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;
    char root[4096];
    if (ts_tmproot_make(root, sizeof root) != 0)
        return 99;
    curl_global_init(CURL_GLOBAL_ALL);
    sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    ts_tmproot_remove(root);
    return failed ? 1 : 0;
}
