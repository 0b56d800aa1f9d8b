/* SPDX-License-Identifier: MIT */
/* tests/test_server_captures.c: every request of ../shared/reference/omi-captures/ replayed
 * byte for byte (its body, Content-Type and Authorization header) against mofbind-server, in
 * the captures' order, serving the captures' class Contoso_Widget with the captures' throwaway
 * account. Each answer must have OMI's status and shape (the response Action of a success, the
 * CIM status code of a fault), except where mofbind-server deliberately answers otherwise; each
 * such difference is listed below with its reason. Skips when the captures are absent. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <dirent.h>
#include <sys/stat.h>

#include "test_server_util.h"

#define SAME -2 /* the CIM status code OMI gave */
#define NONE -1 /* no CIM status code expected */

typedef struct expect {
    const char *name;
    long status;
    int code;
    const char *has; /* must appear in our answer (NULL: nothing particular) */
    const char *why; /* when we answer differently from OMI */
} expect;

static const expect EXPECT[] = {
    {"00-identify", 200, NONE, "IdentifyResponse", NULL},
    {"00b-identify-no-credentials", 401, NONE, NULL,
     "OMI never answers an unauthenticated request (clients hang); we challenge"},
    {"10-create-ok", 200, NONE, "Name=\"Id\">w1<", NULL},
    {"11-create-duplicate-key", 500, SAME, "wsman:AlreadyExists",
     "the subcode follows DSP0226 (OMI: wsman:InternalError); the code is OMI's (11)"},
    {"12-create-unknown-class", 500, SAME, "wsa:DestinationUnreachable", NULL},
    {"13-create-unknown-namespace", 500, SAME, "wsa:DestinationUnreachable", NULL},
    {"14a-create-wrong-type-uint32", 500, 4, NULL,
     "a wrongly typed value is INVALID_PARAMETER (OMI: FAILED)"},
    {"14b-create-wrong-type-boolean", 500, 4, NULL,
     "a wrongly typed value is INVALID_PARAMETER (OMI: FAILED)"},
    {"14c-create-uint32-overflow", 500, 4, NULL,
     "an out-of-range value is INVALID_PARAMETER (OMI stores 0 and says 200)"},
    {"14d-create-unknown-property", 500, SAME, NULL, NULL},
    {"14e-create-malformed-xml", 500, NONE, "Fault", "a SOAP fault instead of an empty 500"},
    {"14f-create-missing-key", 500, SAME, "Contoso_Widget.Id (key) is required", NULL},
    {"14g-create-whitespace-after-Body", 200, NONE, "ResourceCreated",
     "whitespace after <s:Body> is fine (OMI's parser quirk gives an empty 500)"},
    {"15a-create-bad-password", 401, NONE, NULL, NULL},
    {"15b-create-no-credentials", 401, NONE, NULL,
     "OMI never answers an unauthenticated request (clients hang); we challenge"},
    {"15c-create-unknown-user", 401, NONE, NULL, NULL},
    {"16-create-with-xsi-type-and-nil", 200, NONE, "Name=\"Id\">w6<", NULL},
    {"20a-ruri-microsoft-wscim-form", 200, NONE, NULL, NULL},
    {"20b-ruri-wmi-form-no-selector", 200, NONE, "ResourceCreated",
     "the namespace in a WMI-form ResourceURI is honoured, as WinRM does (OMI: interop, 5)"},
    {"20c-ruri-wmi-form-bogus-ns-in-uri", 500, 3, NULL,
     "the namespace in a WMI-form ResourceURI is honoured: it does not exist (OMI: 5)"},
    {"20d-no-selectorset-default-ns", 200, NONE, "ResourceCreated",
     "no __cimnamespace means the server's default namespace, root/cimv2 (OMI: interop)"},
    {"20e-ruri-with-query-cimnamespace", 200, NONE, "ResourceCreated",
     "a ?__cimnamespace= query is honoured (OMI ignores it and fails on interop)"},
    {"20f-ruri-arbitrary-prefix", 200, NONE, NULL, NULL},
    {"20g-dmtf-form-root-mitest", 200, NONE, NULL, NULL},
    {"20h-ruri-class-differs-from-body", 200, NONE, NULL, NULL},
    {"21-hdr-MaxEnvelopeSize-4096", 500, NONE, "wsman:EncodingLimit", NULL},
    {"21-hdr-minimal", 200, NONE, NULL, NULL},
    {"21-hdr-missing-a-Action", 500, NONE, "Fault", "a SOAP fault instead of an empty 500"},
    {"21-hdr-missing-a-MessageID", 200, NONE, NULL, NULL},
    {"21-hdr-missing-a-ReplyTo", 200, NONE, NULL, NULL},
    {"21-hdr-missing-a-To", 200, NONE, NULL, NULL},
    {"21-hdr-missing-p-DataLocale", 200, NONE, NULL, NULL},
    {"21-hdr-missing-w-Locale", 200, NONE, NULL, NULL},
    {"21-hdr-missing-w-MaxEnvelopeSize", 200, NONE, NULL, NULL},
    {"21-hdr-missing-w-OperationTimeout", 200, NONE, NULL, NULL},
    {"21-hdr-missing-w-ResourceURI", 200, NONE, NULL, NULL},
    {"21-hdr-unknown-mustUnderstand", 500, NONE, "MustUnderstand", NULL},
    {"22-content-type-appxml", 500, NONE, "wsman:EncodingLimit",
     "a SOAP fault instead of a bare 400"},
    {"22-content-type-none", 500, NONE, "wsman:EncodingLimit",
     "a SOAP fault instead of closing the connection"},
    {"22-content-type-soapxml-nocharset", 200, NONE, NULL, NULL},
    {"22-content-type-textxml", 200, NONE, NULL, NULL},
    {"22-content-type-utf16", 500, NONE, "wsman:EncodingLimit", NULL},
    {"30-get-w1", 200, NONE, ">first widget<", NULL},
    {"30b-get-w3c-uint32-overflow-result", 500, 6, NULL,
     "w3c was refused by 14c, so it is not found"},
    {"30c-get-w6-xsitype-nil-result", 200, NONE, "Name xsi:nil=\"true\"", NULL},
    {"30d-get-not-found", 500, SAME, "wsa:DestinationUnreachable", NULL},
    {"40-enumerate-optimized", 200, NONE, "EndOfSequence", NULL},
    {"41a-enumerate-plain", 200, NONE, "EnumerationContext", NULL},
    {"41b-pull", 200, NONE, "EndOfSequence", NULL},
    {"42-enumerate-epr-mode", 200, NONE, "EndpointReference", NULL},
    {"50-delete-w1", 200, NONE, NULL, NULL},
    {"51-get-w1-after-delete", 500, SAME, NULL, NULL},
    {"52-delete-w1-again", 500, SAME, NULL, NULL},
    {"53-delete-without-key-selector", 500, 4, NULL,
     "INVALID_PARAMETER with a CIM_Error (OMI: InternalError without a status code)"},
    {"60-https-create-w2", 500, 11, "wsman:AlreadyExists",
     "replayed over HTTP; w2 exists since 14g was accepted (HTTPS: test_server_proc)"},
};

/* One capture: the request as sent and what OMI answered. */
typedef struct capture {
    char *text;
    char *auth;  /* the Authorization header line, or NULL */
    char *ctype; /* the Content-Type header line, or NULL */
    const char *body;
    size_t len;
    long omi_status;  /* 0: no answer */
    int omi_code;     /* OMI:MI_Result:N of the answer, or -1 */
    char *omi_action; /* wsa:Action of the answer, or NULL */
} capture;

static char *header_line(const char *hdrs, const char *end, const char *name)
{
    const char *p = hdrs;
    size_t n = strlen(name);
    while (p && p < end) {
        const char *nl = strchr(p, '\n');
        if (strncmp(p, name, n) == 0 && p[n] == ':')
            return ts_fmt("%.*s", (int)((nl ? nl : end) - p), p);
        p = nl ? nl + 1 : NULL;
    }
    return NULL;
}

static int load(const char *dir, const char *name, capture *c)
{
    char *path = ts_fmt("%s/%s.txt", dir, name);
    FILE *f = fopen(path, "rb");
    const char *h, *hend, *b, *st, *raw;
    char *cl;
    long n;
    memset(c, 0, sizeof *c);
    free(path);
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    c->text = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(c->text);
    ck_assert_uint_eq(fread(c->text, 1, (size_t)n, f), (size_t)n);
    c->text[n] = '\0';
    fclose(f);
    h = strstr(c->text, "=== REQUEST HEADERS");
    ck_assert_ptr_nonnull(h);
    h = strchr(h, '\n') + 1;
    b = strstr(h, "=== REQUEST BODY (byte-exact as sent) ===\n");
    ck_assert_ptr_nonnull(b);
    hend = b;
    b += strlen("=== REQUEST BODY (byte-exact as sent) ===\n");
    c->auth = header_line(h, hend, "Authorization");
    c->ctype = header_line(h, hend, "Content-Type");
    cl = header_line(h, hend, "Content-Length");
    ck_assert_ptr_nonnull(cl);
    c->len = (size_t)atol(cl + strlen("Content-Length:"));
    free(cl);
    c->body = b;
    st = strstr(b, "=== RESPONSE STATUS + HEADERS ===\n");
    if (st && strncmp(st + 34, "HTTP/1.1 ", 9) == 0)
        c->omi_status = atol(st + 43);
    raw = st ? strstr(st, "=== RESPONSE BODY (raw") : NULL;
    c->omi_code = -1;
    if (raw) {
        const char *pretty = strstr(raw, "=== RESPONSE BODY (pretty");
        const char *m = strstr(raw, "OMI:MI_Result:");
        const char *a = strstr(raw, "<wsa:Action>");
        if (m && (!pretty || m < pretty))
            c->omi_code = atoi(m + 14);
        if (a && (!pretty || a < pretty)) {
            const char *e = strstr(a, "</wsa:Action>");
            if (e)
                c->omi_action = ts_fmt("%.*s", (int)(e - a - 12), a + 12);
        }
    }
    return 0;
}

static void capture_free(capture *c)
{
    free(c->text);
    free(c->auth);
    free(c->ctype);
    free(c->omi_action);
}

START_TEST(replay)
{
    const char *shared = getenv("MOFBIND_SHARED");
    char *dir;
    struct stat sb;
    msrv_config cfg;
    ts_server t;
    char *ctx41 = NULL;
    size_t i, deviations = 0;
    if (!shared || !*shared) {
        fprintf(stderr, "SKIP: MOFBIND_SHARED is not set\n");
        return;
    }
    dir = ts_fmt("%s/reference/omi-captures", shared);
    if (stat(dir, &sb) != 0) {
        fprintf(stderr, "SKIP: %s is absent\n", dir);
        free(dir);
        return;
    }
    {
        /* Every capture is replayed: a new one needs its line in EXPECT. */
        DIR *dp = opendir(dir);
        struct dirent *de;
        ck_assert_ptr_nonnull(dp);
        while ((de = readdir(dp)) != NULL) {
            size_t len = strlen(de->d_name), k;
            bool listed = false;
            if (de->d_name[0] < '0' || de->d_name[0] > '9' || len < 5 ||
                strcmp(de->d_name + len - 4, ".txt") != 0)
                continue;
            for (k = 0; k < sizeof EXPECT / sizeof *EXPECT; k++)
                if (strncmp(EXPECT[k].name, de->d_name, len - 4) == 0 &&
                    strlen(EXPECT[k].name) == len - 4)
                    listed = true;
            ck_assert_msg(listed, "capture %s is not in EXPECT", de->d_name);
        }
        closedir(dp);
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.user = "omitest"; /* the captures' throwaway local test account */
    cfg.password = "OmiTest-Pass1";
    ts_start(&t, &cfg);
    for (i = 0; i < sizeof EXPECT / sizeof *EXPECT; i++) {
        const expect *x = &EXPECT[i];
        capture c;
        const char *hdrs[4];
        size_t nh = 0;
        char *body = NULL;
        ts_resp r;
        ck_assert_msg(load(dir, x->name, &c) == 0, "cannot read capture %s", x->name);
        hdrs[nh++] = c.auth ? c.auth : "Authorization:";
        hdrs[nh++] = c.ctype ? c.ctype : "Content-Type:";
        hdrs[nh] = NULL;
        if (strcmp(x->name, "41b-pull") == 0) {
            /* Our context, in place of the one OMI handed out. */
            const char *a = strstr(c.body, "<n:EnumerationContext>");
            const char *e = a ? strstr(a, "</n:EnumerationContext>") : NULL;
            ck_assert_ptr_nonnull(e);
            ck_assert_ptr_nonnull(ctx41);
            body = ts_fmt("%.*s<n:EnumerationContext>%s%.*s", (int)(a - c.body), c.body, ctx41,
                          (int)(c.len - (size_t)(e - c.body)), e);
            r = ts_request(t.url, NULL, NULL, NULL, hdrs, body, strlen(body), NULL);
        } else {
            r = ts_request(t.url, NULL, NULL, NULL, hdrs, c.body, c.len, NULL);
        }
        ck_assert_msg(r.status == x->status, "%s: status %ld, want %ld (OMI %ld):\n%s", x->name,
                      r.status, x->status, c.omi_status, r.body);
        if (x->code == SAME)
            ck_assert_msg(ts_cim_status(r.body) == c.omi_code && c.omi_code >= 0,
                          "%s: CIM status %d, OMI's %d:\n%s", x->name, ts_cim_status(r.body),
                          c.omi_code, r.body);
        else if (x->code >= 0)
            ck_assert_msg(ts_cim_status(r.body) == x->code, "%s: CIM status %d, want %d:\n%s",
                          x->name, ts_cim_status(r.body), x->code, r.body);
        if (r.status == 500) {
            /* Every fault of ours is a SOAP fault with a CIM_Error, never an empty body. */
            TS_HAS(r, "Fault>");
            TS_HAS(r, "IsCIM_Error=\"true\"");
        }
        if (x->has)
            ck_assert_msg(strstr(r.body, x->has) != NULL, "%s: want '%s' in:\n%s", x->name, x->has,
                          r.body);
        /* Same shape: a success carries OMI's response action. */
        if (r.status == 200 && c.omi_status == 200 && c.omi_action)
            ck_assert_msg(strstr(r.body, c.omi_action) != NULL, "%s: want action %s in:\n%s",
                          x->name, c.omi_action, r.body);
        if (r.status != c.omi_status || (x->code >= 0 && x->code != c.omi_code)) {
            ck_assert_msg(x->why != NULL, "%s: differs from OMI without a reason", x->name);
            deviations++;
        }
        if (strcmp(x->name, "41a-enumerate-plain") == 0) {
            const char *a = strstr(r.body, "EnumerationContext>");
            const char *e = a ? strchr(a + 19, '<') : NULL;
            ck_assert_ptr_nonnull(e);
            ctx41 = ts_fmt("%.*s", (int)(e - a - 19), a + 19);
        }
        ts_resp_free(&r);
        free(body);
        capture_free(&c);
    }
    fprintf(stderr, "replayed %zu captures, %zu deliberate differences from OMI\n",
            sizeof EXPECT / sizeof *EXPECT, deviations);
    free(ctx41);
    ts_stop(&t);
    free(dir);
}
END_TEST

int main(void)
{
    const char *shared = getenv("MOFBIND_SHARED");
    char probe[4096];
    struct stat sb;
    Suite *s;
    TCase *tc;
    SRunner *sr;
    int failed;
    snprintf(probe, sizeof probe, "%s/reference/omi-captures", shared ? shared : "");
    if (!shared || !*shared || stat(probe, &sb) != 0) {
        /* Automake's SKIP. */
        fprintf(stderr, "SKIP: the OMI captures are absent (%s)\n", probe);
        return 77;
    }
    s = suite_create("server-captures");
    tc = tcase_create("captures");
    curl_global_init(CURL_GLOBAL_ALL);
    tcase_add_test(tc, replay);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    curl_global_cleanup();
    return failed ? 1 : 0;
}
