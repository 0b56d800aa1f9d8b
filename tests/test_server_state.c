/* SPDX-License-Identifier: MIT */
/* tests/test_server_state.c: the --state file keeps every value a Create or a Put is answered
 * OK for, bit for bit: a property test over the extreme values of every CIM type (scalars,
 * arrays, an embedded instance, a reference) through the MI client API against a server with
 * --state, which is then restarted and asked again; values the state file cannot keep are
 * refused at Create; temporaries of killed saves are removed at start; a state file that does
 * not load stops the start with a located message, and --state-recover loads what loads and
 * sets the rest aside. The server runs in this process on an ephemeral loopback port. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <sys/stat.h>

#include "core.h"
#include "sync_run.h"
#include "test_server_util.h"
#include "wsman.h"

typedef struct client {
    ts_server t;
    MI_Application app;
    MI_DestinationOptions dopts;
    MI_Session session;
    char dir[512];
    char *state;
    char *schema;
} client;

static client C;

static void start_server(void)
{
    msrv_config cfg;
    const char *schemas[1];
    MI_UserCredentials creds;
    char url[160];
    memset(&cfg, 0, sizeof cfg);
    schemas[0] = C.schema;
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.state_file = C.state;
    ts_start(&C.t, &cfg);
    memset(&creds, 0, sizeof creds);
    creds.authenticationType = MI_AUTH_TYPE_BASIC;
    creds.credentials.usernamePassword.username = TS_USER;
    creds.credentials.usernamePassword.password = TS_PASSWORD;
    ck_assert_int_eq(MI_Application_NewDestinationOptions(&C.app, &C.dopts), MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_AddDestinationCredentials(&C.dopts, &creds),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_DestinationOptions_SetPacketPrivacy(&C.dopts, MI_FALSE), MI_RESULT_OK);
    snprintf(url, sizeof url, "http://127.0.0.1:%u/wsman", (unsigned)msrv_port(C.t.srv));
    ck_assert_int_eq(MI_Application_NewSession(&C.app, NULL, url, &C.dopts, NULL, NULL, &C.session),
                     MI_RESULT_OK);
}

static void stop_server(void)
{
    MI_Session_Close(&C.session, NULL, NULL);
    MI_DestinationOptions_Delete(&C.dopts);
    ts_stop(&C.t);
}

static void setup(void)
{
    memset(&C, 0, sizeof C);
    ts_mkdtemp(C.dir, sizeof C.dir);
    C.state = ts_fmt("%s/state.mof", C.dir);
    C.schema = ts_path("tests/server/alltypes.mof");
    ck_assert_int_eq(MI_Application_Initialize(0, NULL, NULL, &C.app), MI_RESULT_OK);
}

static void teardown(void)
{
    char *cmd = ts_fmt("rm -rf %s", C.dir);
    MI_Application_Close(&C.app);
    ck_assert_int_eq(system(cmd), 0);
    free(cmd);
    free(C.state);
    free(C.schema);
}

/* ---- the values ------------------------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned pick(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *const strings[] = {
    "",
    "\"\\",
    "a\nb\tc",
    "\\x0041 is not an escape here",
    "}; instance of Test_All { Id = \"x\"",
    "// not a comment",
    "#pragma namespace(\"evil\")",
    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
    "'single' and \"double\"",
    "trailing backslash \\",
    "   spaces   ",
    "<&>]]>",
};

static void scalar(MI_Type t, MI_Value *v, MI_Instance **made)
{
    static const float r32[] = {FLT_MAX, -FLT_MAX, FLT_MIN,  -FLT_MIN,    1.40129846e-45f, -0.0f,
                                0.0f,    0.1f,     1.0f / 3, 16777217.0f, 3.40282e38f};
    static const double r64[] = {
        DBL_MAX, -DBL_MAX, DBL_MIN, 4.9406564584124654e-324, -0.0,
        0.1,     1e22,     1.0 / 3, 9007199254740993.0,      123456789012345678.0};
    static const MI_Char16 c16[] = {0,   1,    0x1F, '"',    '\'',   '\\',
                                    'A', 0x7F, 0xE9, 0x20AC, 0xD800, 0xFFFF};
    memset(v, 0, sizeof *v);
    switch (t) {
    case MI_BOOLEAN:
        v->boolean = (MI_Boolean)pick(2);
        break;
    case MI_UINT8: {
        static const MI_Uint8 x[] = {0, 1, 127, 128, 255};
        v->uint8 = x[pick(5)];
        break;
    }
    case MI_SINT8: {
        static const MI_Sint8 x[] = {-128, -1, 0, 127};
        v->sint8 = x[pick(4)];
        break;
    }
    case MI_UINT16: {
        static const MI_Uint16 x[] = {0, 65535, 32768};
        v->uint16 = x[pick(3)];
        break;
    }
    case MI_SINT16: {
        static const MI_Sint16 x[] = {-32768, 32767, -1};
        v->sint16 = x[pick(3)];
        break;
    }
    case MI_UINT32: {
        static const MI_Uint32 x[] = {0, 4294967295u, 2147483648u};
        v->uint32 = x[pick(3)];
        break;
    }
    case MI_SINT32: {
        static const MI_Sint32 x[] = {INT32_MIN, INT32_MAX, -1};
        v->sint32 = x[pick(3)];
        break;
    }
    case MI_UINT64: {
        static const MI_Uint64 x[] = {0, UINT64_MAX, 1ull << 63};
        v->uint64 = x[pick(3)];
        break;
    }
    case MI_SINT64: {
        static const MI_Sint64 x[] = {INT64_MIN, INT64_MAX, -1};
        v->sint64 = x[pick(3)];
        break;
    }
    case MI_REAL32:
        v->real32 = r32[pick(sizeof r32 / sizeof *r32)];
        break;
    case MI_REAL64:
        v->real64 = r64[pick(sizeof r64 / sizeof *r64)];
        break;
    case MI_CHAR16:
        v->char16 = c16[pick(sizeof c16 / sizeof *c16)];
        break;
    case MI_STRING:
        v->string = (MI_Char *)strings[pick(sizeof strings / sizeof *strings)];
        break;
    case MI_DATETIME:
        if (pick(2)) {
            static const MI_Timestamp ts[] = {{9999, 12, 31, 23, 59, 60, 999999, 14 * 60},
                                              {0, 1, 1, 0, 0, 0, 0, -(14 * 60)},
                                              {2026, 2, 29, 12, 30, 15, 1, 0}};
            v->datetime.isTimestamp = MI_TRUE;
            v->datetime.u.timestamp = ts[pick(3)];
        } else {
            static const MI_Interval iv[] = {{99999999, 23, 59, 59, 999999, 0, 0, 0},
                                             {0, 0, 0, 0, 0, 0, 0, 0},
                                             {1, 2, 3, 4, 5, 0, 0, 0}};
            v->datetime.isTimestamp = MI_FALSE;
            v->datetime.u.interval = iv[pick(3)];
        }
        break;
    case MI_INSTANCE:
    case MI_REFERENCE: {
        MI_Instance *p = NULL;
        MI_Value x;
        ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Test_Part", NULL, &p), MI_RESULT_OK);
        x.string = (MI_Char *)strings[pick(sizeof strings / sizeof *strings)];
        ck_assert_int_eq(MI_Instance_AddElement(p, "Name", &x, MI_STRING, MI_FLAG_KEY),
                         MI_RESULT_OK);
        if (t == MI_INSTANCE) {
            x.uint32 = pick(2) ? 4294967295u : 0;
            ck_assert_int_eq(MI_Instance_AddElement(p, "Size", &x, MI_UINT32, 0), MI_RESULT_OK);
            x.real32 = r32[pick(sizeof r32 / sizeof *r32)];
            ck_assert_int_eq(MI_Instance_AddElement(p, "Weight", &x, MI_REAL32, 0), MI_RESULT_OK);
        }
        *made = p;
        v->instance = p;
        break;
    }
    default:
        ck_abort_msg("type %d", (int)t);
    }
}

static const struct {
    const char *name;
    MI_Type type;
} props[] = {
    {"B", MI_BOOLEAN},    {"U8", MI_UINT8},     {"S8", MI_SINT8},        {"U16", MI_UINT16},
    {"S16", MI_SINT16},   {"U32", MI_UINT32},   {"S32", MI_SINT32},      {"U64", MI_UINT64},
    {"S64", MI_SINT64},   {"R32", MI_REAL32},   {"R64", MI_REAL64},      {"C16", MI_CHAR16},
    {"S", MI_STRING},     {"D", MI_DATETIME},   {"Part", MI_INSTANCE},   {"Link", MI_REFERENCE},
    {"BA", MI_BOOLEANA},  {"U8A", MI_UINT8A},   {"S8A", MI_SINT8A},      {"U16A", MI_UINT16A},
    {"S16A", MI_SINT16A}, {"U32A", MI_UINT32A}, {"S32A", MI_SINT32A},    {"U64A", MI_UINT64A},
    {"S64A", MI_SINT64A}, {"R32A", MI_REAL32A}, {"R64A", MI_REAL64A},    {"C16A", MI_CHAR16A},
    {"SA", MI_STRINGA},   {"DA", MI_DATETIMEA}, {"PartA", MI_INSTANCEA},
};
#define NPROPS (sizeof props / sizeof *props)

/* One random instance: every property of Test_All, about one in six left out and arrays of
 * 0 to 4 values; full: none left out and no empty array (a Put keeps the stored value of
 * what its body leaves out, and an empty array is no element on the wire). */
static MI_Instance *random_all(const char *id, bool full, MI_Instance ***made, size_t *nmade)
{
    MI_Instance *w = NULL;
    MI_Value v;
    size_t k;
    ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Test_All", NULL, &w), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_AddElement(w, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    for (k = 0; k < NPROPS; k++) {
        MI_Type t = props[k].type;
        if (!full && pick(6) == 0)
            continue;
        *made = realloc(*made, (*nmade + 8) * sizeof **made);
        if (t & MI_ARRAY) {
            MI_Type st = (MI_Type)(t & ~MI_ARRAY);
            unsigned n = full ? 1 + pick(4) : pick(5), i;
            char *data = calloc(n + 1, mic_scalar_size(st));
            for (i = 0; i < n; i++) {
                MI_Value one;
                MI_Instance *m = NULL;
                scalar(st, &one, &m);
                if (m)
                    (*made)[(*nmade)++] = m;
                memcpy(data + i * mic_scalar_size(st), &one, mic_scalar_size(st));
                if (m)
                    *made = realloc(*made, (*nmade + 8) * sizeof **made);
            }
            v.array.data = data;
            v.array.size = n;
            ck_assert_int_eq(MI_Instance_AddElement(w, props[k].name, &v, t, 0), MI_RESULT_OK);
            free(data);
        } else {
            MI_Instance *m = NULL;
            scalar(t, &v, &m);
            if (m)
                (*made)[(*nmade)++] = m;
            ck_assert_int_eq(MI_Instance_AddElement(w, props[k].name, &v, t, 0), MI_RESULT_OK);
        }
    }
    return w;
}

/* ---- comparing what came back with what was sent, bit for bit ------------------------------ */

static void same_instance(const MI_Instance *sent, const MI_Instance *got, const char *where);

/* got is the text of one scalar (no class declaration on the client) or the value typed. */
static void same_scalar(MI_Type t, const MI_Value *sent, MI_Type gt, const MI_Value *got,
                        const char *where)
{
    MI_Value g;
    if (t == MI_INSTANCE || t == MI_REFERENCE) {
        ck_assert_msg(gt == MI_INSTANCE || gt == MI_REFERENCE, "%s: type %d", where, (int)gt);
        same_instance(sent->instance, got->instance, where);
        return;
    }
    if (gt == MI_STRING && t != MI_STRING) {
        ck_assert_msg(wsman_parse_scalar(got->string, t, &g) == MI_RESULT_OK, "%s: '%s'", where,
                      got->string);
    } else {
        ck_assert_msg(gt == t, "%s: type %d, not %d", where, (int)gt, (int)t);
        g = *got;
    }
    switch (t) {
    case MI_STRING:
        ck_assert_msg(strcmp(sent->string, g.string) == 0, "%s: '%s' came back '%s'", where,
                      sent->string, g.string);
        break;
    case MI_DATETIME:
        if (sent->datetime.isTimestamp) {
            const MI_Timestamp *a = &sent->datetime.u.timestamp, *b = &g.datetime.u.timestamp;
            ck_assert_msg(g.datetime.isTimestamp && a->year == b->year && a->month == b->month &&
                              a->day == b->day && a->hour == b->hour && a->minute == b->minute &&
                              a->second == b->second && a->microseconds == b->microseconds &&
                              a->utc == b->utc,
                          "%s: timestamp differs", where);
        } else {
            const MI_Interval *a = &sent->datetime.u.interval, *b = &g.datetime.u.interval;
            ck_assert_msg(!g.datetime.isTimestamp && a->days == b->days && a->hours == b->hours &&
                              a->minutes == b->minutes && a->seconds == b->seconds &&
                              a->microseconds == b->microseconds,
                          "%s: interval differs", where);
        }
        break;
    default:
        ck_assert_msg(memcmp(sent, &g, mic_scalar_size(t)) == 0, "%s: the bits differ (type %d)",
                      where, (int)t);
    }
}

static void same_instance(const MI_Instance *sent, const MI_Instance *got, const char *where)
{
    MI_Uint32 n = 0, i;
    const MI_Char *a = NULL, *b = NULL;
    MI_Instance_GetClassName(sent, &a);
    MI_Instance_GetClassName(got, &b);
    ck_assert_msg(a && b && strcmp(a, b) == 0, "%s: class %s came back %s", where, a, b);
    MI_Instance_GetElementCount(sent, &n);
    for (i = 0; i < n; i++) {
        const MI_Char *name;
        MI_Value sv, gv;
        MI_Type st, gt;
        MI_Uint32 gf = 0;
        char w[160];
        ck_assert_int_eq(MI_Instance_GetElementAt(sent, i, &name, &sv, &st, NULL), MI_RESULT_OK);
        snprintf(w, sizeof w, "%s.%s", where, name);
        ck_assert_msg(MI_Instance_GetElement(got, name, &gv, &gt, &gf, NULL) == MI_RESULT_OK,
                      "%s: missing", w);
        if (st & MI_ARRAY) {
            MI_Type et = (MI_Type)(st & ~MI_ARRAY);
            MI_Uint32 k;
            if (sv.array.size == 0) {
                /* An empty array has no element on the wire: it comes back NULL or empty. */
                ck_assert_msg((gf & MI_FLAG_NULL) || ((gt & MI_ARRAY) && gv.array.size == 0),
                              "%s: empty array came back with values (type %d, '%s')", w, (int)gt,
                              gt == MI_STRING ? gv.string : "");
                continue;
            }
            ck_assert_msg(!(gf & MI_FLAG_NULL), "%s: came back NULL", w);
            if (!(gt & MI_ARRAY)) {
                /* One element on the wire reads as a scalar without a declaration. */
                ck_assert_msg(sv.array.size == 1, "%s: %u values came back as one", w,
                              sv.array.size);
                same_scalar(et, (const MI_Value *)(const void *)sv.array.data, gt, &gv, w);
                continue;
            }
            ck_assert_msg(gv.array.size == sv.array.size, "%s: %u values came back %u", w,
                          sv.array.size, gv.array.size);
            for (k = 0; k < sv.array.size; k++) {
                MI_Value s1, g1;
                MI_Type gte = (MI_Type)(gt & ~MI_ARRAY);
                memset(&s1, 0, sizeof s1);
                memset(&g1, 0, sizeof g1);
                memcpy(&s1, (const char *)sv.array.data + k * mic_scalar_size(et),
                       mic_scalar_size(et));
                memcpy(&g1, (const char *)gv.array.data + k * mic_scalar_size(gte),
                       mic_scalar_size(gte));
                same_scalar(et, &s1, gte, &g1, w);
            }
        } else {
            ck_assert_msg(!(gf & MI_FLAG_NULL), "%s: came back NULL", w);
            same_scalar(st, &sv, gt, &gv, w);
        }
    }
}

/* ---- operations ---------------------------------------------------------------------------- */

/* Runs op to its end (tests/sync_run.h): its result, its message in msg (may be NULL), a clone
 * of its first instance in *first (first may be NULL). */
static MI_Result finish_op(MI_Operation *op, MI_Instance **first, char *msg, size_t msglen)
{
    sync_outcome o = sync_run(op, first != NULL);
    if (first)
        *first = o.first;
    if (msg)
        snprintf(msg, msglen, "%s", o.message);
    return o.result;
}

static MI_Result create(MI_Instance *inst, char *msg, size_t msglen)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Session_CreateInstance(&C.session, 0, NULL, "root/cimv2", inst, NULL, &op);
    return finish_op(&op, NULL, msg, msglen);
}

static MI_Instance *get(const char *id)
{
    MI_Operation op = MI_OPERATION_NULL;
    MI_Instance *keys = NULL, *got = NULL;
    MI_Value v;
    char msg[512];
    MI_Result r;
    ck_assert_int_eq(MI_Application_NewInstance(&C.app, "Test_All", NULL, &keys), MI_RESULT_OK);
    v.string = (MI_Char *)id;
    ck_assert_int_eq(MI_Instance_AddElement(keys, "Id", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    MI_Session_GetInstance(&C.session, 0, NULL, "root/cimv2", keys, NULL, &op);
    r = finish_op(&op, &got, msg, sizeof msg);
    ck_assert_msg(r == MI_RESULT_OK, "Get %s: %d %s", id, (int)r, msg);
    MI_Instance_Delete(keys);
    return got;
}

#define NTRIALS 40

START_TEST(every_type_round_trips_through_the_state_file)
{
    MI_Instance *sent[NTRIALS];
    MI_Instance **made = NULL;
    size_t nmade = 0, i;
    char id[32], msg[512];
    int restart;
    start_server();
    for (i = 0; i < NTRIALS; i++) {
        MI_Result r;
        snprintf(id, sizeof id, "t%zu", i);
        sent[i] = random_all(id, false, &made, &nmade);
        r = create(sent[i], msg, sizeof msg);
        ck_assert_msg(r == MI_RESULT_OK, "Create %s: %d %s", id, (int)r, msg);
    }
    /* Twice: the file the first restart loaded is rewritten by a Put, then loaded again. */
    for (restart = 0; restart < 2; restart++) {
        stop_server();
        start_server();
        for (i = 0; i < NTRIALS; i++) {
            MI_Instance *got;
            snprintf(id, sizeof id, "t%zu", i);
            got = get(id);
            same_instance(sent[i], got, id);
            MI_Instance_Delete(got);
        }
        if (restart == 0) {
            MI_Operation op = MI_OPERATION_NULL;
            MI_Instance *again = random_all("t0", true, &made, &nmade);
            MI_Session_ModifyInstance(&C.session, 0, NULL, "root/cimv2", again, NULL, &op);
            ck_assert_int_eq(finish_op(&op, NULL, msg, sizeof msg), MI_RESULT_OK);
            MI_Instance_Delete(sent[0]);
            sent[0] = again;
        }
    }
    stop_server();
    for (i = 0; i < NTRIALS; i++)
        MI_Instance_Delete(sent[i]);
    for (i = 0; i < nmade; i++)
        MI_Instance_Delete(made[i]);
    free(made);
}
END_TEST

/* A raw Create of Test_All with these property elements (the xsi prefix is declared). */
static ts_resp raw_create(const char *elems)
{
    char *body = ts_fmt("<p:Test_All xmlns:p=\"" TS_URI_DMTF "Test_All\" "
                        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                        "<p:Id>raw</p:Id>%s</p:Test_All>",
                        elems);
    char *env = ts_envelope(TS_TRANSFER "Create", "Test_All", "root/cimv2", NULL, NULL, body);
    ts_resp r = ts_post(&C.t, env);
    free(env);
    free(body);
    return r;
}

START_TEST(what_the_state_cannot_keep_is_refused_at_create)
{
    static const char *const bad[] = {
        /* an embedded instance of a class the schema does not have */
        "<p:Part xsi:type=\"p:Nope_Type\"><p:Name>x</p:Name></p:Part>",
        /* one without xsi:type (the element's name, Part, is no class) */
        "<p:Part><p:Name>x</p:Name></p:Part>",
        /* in an array */
        "<p:PartA xsi:type=\"p:Test_Part_Type\"><p:Name>x</p:Name></p:PartA>"
        "<p:PartA xsi:type=\"p:Nope_Type\"><p:Name>y</p:Name></p:PartA>",
        /* a reference to an undeclared class */
        "<p:Link><a:Address xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
        "http://127.0.0.1/wsman</a:Address><a:ReferenceParameters "
        "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
        "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><w:ResourceURI>" TS_URI_DMTF
        "Nope</w:ResourceURI><w:SelectorSet><w:Selector Name=\"Name\">x</w:Selector>"
        "</w:SelectorSet></a:ReferenceParameters></p:Link>",
        /* values MOF has no literal for */
        "<p:R64>NaN</p:R64>",
        "<p:R32>INF</p:R32>",
        "<p:R64A>1</p:R64A><p:R64A>-INF</p:R64A>",
        /* an interval longer than the DMTF form's 99,999,999 days */
        "<p:D>P100000000D</p:D>",
    };
    size_t i;
    start_server();
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        ts_resp r = raw_create(bad[i]);
        ck_assert_msg(r.status == 500 && ts_cim_status(r.body) == 4, "%s: %ld %s", bad[i], r.status,
                      r.body);
        ts_resp_free(&r);
    }
    /* The extreme real32 is kept (it used to be written too large to load). */
    {
        ts_resp r = raw_create("<p:R32>3.40282347E+38</p:R32><p:C16>0</p:C16>");
        ck_assert_msg(r.status == 200, "%ld %s", r.status, r.body);
        ts_resp_free(&r);
    }
    stop_server();
    start_server();
    ck_assert_uint_eq(msrv_instance_count(C.t.srv, "root/cimv2", "Test_All"), 1);
    stop_server();
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    char buf[65536];
    size_t n;
    if (!f)
        return NULL;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return ts_fmt("%s", buf);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

START_TEST(leftover_temporaries_are_removed_at_start)
{
    char *tmp1 = ts_fmt("%s.Ab3xY9", C.state), *tmp2 = ts_fmt("%s.000000", C.state);
    char *other = ts_fmt("%s.rejected", C.state), *other2 = ts_fmt("%s.Ab3xY", C.state);
    write_file(tmp1, "instance of Torn {");
    write_file(tmp2, "");
    write_file(other, "// kept\n");
    write_file(other2, "kept");
    start_server();
    stop_server();
    ck_assert(!exists(tmp1));
    ck_assert(!exists(tmp2));
    ck_assert(exists(other));
    ck_assert(exists(other2));
    free(tmp1);
    free(tmp2);
    free(other);
    free(other2);
}
END_TEST

static const char bad_state[] =
    "// mofbind-server state\n"
    "\n"
    "#pragma namespace(\"root/cimv2\")\n"
    "\n"
    "instance of Test_Part\n"
    "{\n"
    "    Name = \"good1\";\n"
    "};\n"
    "\n"
    "instance of Test_Gone\n" /* line 10: a class the schema no longer has */
    "{\n"
    "    Name = \"lost\";\n"
    "};\n"
    "\n"
    "instance of Test_Part\n"
    "{\n"
    "    Name = \"good2\";\n"
    "    Size = -1;\n" /* line 18: out of range */
    "};\n"
    "\n"
    "instance of Test_Part\n"
    "{\n"
    "    Name = \"good3\";\n"
    "    Weight = 2.5;\n"
    "};\n";

START_TEST(a_state_file_that_does_not_load_stops_the_start_or_is_recovered)
{
    msrv_config cfg;
    msrv_server *srv = NULL;
    const char *schemas[1];
    char err[1024];
    char *rejected = ts_fmt("%s.rejected", C.state), *text;
    FILE *devnull = fopen("/dev/null", "w");
    write_file(C.state, bad_state);
    memset(&cfg, 0, sizeof cfg);
    schemas[0] = C.schema;
    cfg.schema_files = schemas;
    cfg.n_schema_files = 1;
    cfg.state_file = C.state;
    cfg.no_auth = true;
    cfg.diag = devnull;
    cfg.log = devnull;
    /* Without --state-recover: a located message, and the file as it was. */
    ck_assert_int_eq(msrv_new(&cfg, &srv, err, sizeof err), -1);
    ck_assert_msg(strstr(err, "state.mof:10: the state file does not load (2 errors") &&
                      strstr(err, "--state-recover"),
                  "%s", err);
    text = read_all(C.state);
    ck_assert_str_eq(text, bad_state);
    free(text);
    ck_assert(!exists(rejected));

    /* With it: the good instances load, the two bad declarations go to .rejected, and the
     * state file is rewritten without them. */
    cfg.state_recover = true;
    ck_assert_msg(msrv_new(&cfg, &srv, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(msrv_instance_count(srv, "root/cimv2", "Test_Part"), 2);
    msrv_free(srv);
    text = read_all(rejected);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(strstr(text, "state.mof:10: class 'Test_Gone' is not declared") &&
                      strstr(text, "instance of Test_Gone\n{\n    Name = \"lost\";\n};\n") &&
                      strstr(text, "state.mof:15: ") && strstr(text, "Size = -1;") &&
                      !strstr(text, "good1") && !strstr(text, "good3"),
                  "%s", text);
    free(text);

    /* The next start needs no recovery. */
    cfg.state_recover = false;
    ck_assert_msg(msrv_new(&cfg, &srv, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(msrv_instance_count(srv, "root/cimv2", "Test_Part"), 2);
    msrv_free(srv);

    /* A syntax error: the declaration that holds it is set aside, the others load. */
    write_file(C.state, "#pragma namespace(\"root/cimv2\")\n"
                        "instance of Test_Part\n{\n    Name = \"a\";\n};\n"
                        "instance of Test_Part\n{\n    Name = \"b\" Size = 3;\n};\n"
                        "instance of Test_Part\n{\n    Name = \"c\";\n};\n");
    cfg.state_recover = true;
    ck_assert_msg(msrv_new(&cfg, &srv, err, sizeof err) == 0, "%s", err);
    ck_assert_uint_eq(msrv_instance_count(srv, "root/cimv2", "Test_Part"), 2);
    msrv_free(srv);
    text = read_all(rejected);
    ck_assert_msg(strstr(text, "Name = \"b\" Size = 3;") && strstr(text, "Test_Gone"), "%s", text);
    free(text);
    fclose(devnull);
    free(rejected);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("server_state");
    TCase *tc = tcase_create("state");
    SRunner *sr;
    char root[512];
    int failed;
    if (ts_tmproot_make(root, sizeof root) != 0)
        return 1;
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, every_type_round_trips_through_the_state_file);
    tcase_add_test(tc, what_the_state_cannot_keep_is_refused_at_create);
    tcase_add_test(tc, leftover_temporaries_are_removed_at_start);
    tcase_add_test(tc, a_state_file_that_does_not_load_stops_the_start_or_is_recovered);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    ts_tmproot_remove(root);
    return failed ? 1 : 0;
}
