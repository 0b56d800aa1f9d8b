/* SPDX-License-Identifier: MIT */
/* tests/test_wsman.c: the WS-Man codec without reference files: lexical forms of every type,
 * instance round trips of every MI type (client request -> server, server reply -> client,
 * typed and untyped), request shape, the fault tables both ways, HTTP-level results, and
 * hostile input (DOCTYPE bombs, deep nesting, truncation, oversize, UTF-16, other encodings,
 * none of which may make libxml2 print), and libxml2's error handlers being per thread. */
#include "config.h"

#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>

#include "fuzz/scan_agree.h"
#include "stderr_capture.h"
#include "test_wsman_util.h"
#include "wsman_int.h"

/* ---- lexical forms ------------------------------------------------------------------------ */

static char *fmt(MI_Type t, const MI_Value *v)
{
    static char out[256];
    wsman_buf b;
    util_buf_init(&b);
    ck_assert_int_eq(wsman_format_scalar(&b, t, v), MI_RESULT_OK);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    util_buf_free(&b);
    return out;
}

START_TEST(lexical_numbers)
{
    MI_Value v;
    ck_assert_int_eq(wsman_parse_scalar(" 42 ", MI_UINT32, &v), MI_RESULT_OK);
    ck_assert_uint_eq(v.uint32, 42);
    ck_assert_int_eq(wsman_parse_scalar("4294967295", MI_UINT32, &v), MI_RESULT_OK);
    ck_assert_int_eq(wsman_parse_scalar("4294967296", MI_UINT32, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("-1", MI_UINT8, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("256", MI_UINT8, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("-128", MI_SINT8, &v), MI_RESULT_OK);
    ck_assert_int_eq(v.sint8, -128);
    ck_assert_int_eq(wsman_parse_scalar("-129", MI_SINT8, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("-9223372036854775808", MI_SINT64, &v), MI_RESULT_OK);
    ck_assert(v.sint64 == (MI_Sint64)(-9223372036854775807LL - 1));
    ck_assert_int_eq(wsman_parse_scalar("9223372036854775808", MI_SINT64, &v),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("18446744073709551615", MI_UINT64, &v), MI_RESULT_OK);
    ck_assert(v.uint64 == 18446744073709551615ull);
    ck_assert_int_eq(wsman_parse_scalar("not-a-number", MI_UINT32, &v),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("", MI_SINT32, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("0x10", MI_SINT32, &v), MI_RESULT_INVALID_PARAMETER);
    v.sint64 = -9000000000LL;
    ck_assert_str_eq(fmt(MI_SINT64, &v), "-9000000000");
    v.uint16 = 65535;
    ck_assert_str_eq(fmt(MI_UINT16, &v), "65535");
}
END_TEST

START_TEST(lexical_booleans_chars)
{
    MI_Value v;
    ck_assert_int_eq(wsman_parse_scalar("TRUE", MI_BOOLEAN, &v), MI_RESULT_OK);
    ck_assert_int_eq(v.boolean, 1);
    ck_assert_int_eq(wsman_parse_scalar("0", MI_BOOLEAN, &v), MI_RESULT_OK);
    ck_assert_int_eq(v.boolean, 0);
    ck_assert_int_eq(wsman_parse_scalar("yes", MI_BOOLEAN, &v), MI_RESULT_INVALID_PARAMETER);
    v.boolean = 1;
    ck_assert_str_eq(fmt(MI_BOOLEAN, &v), "true");
    v.boolean = 0;
    ck_assert_str_eq(fmt(MI_BOOLEAN, &v), "false");
    /* char16: OMI's decimal code, or one character. */
    ck_assert_int_eq(wsman_parse_scalar("65", MI_CHAR16, &v), MI_RESULT_OK);
    ck_assert_uint_eq(v.char16, 65);
    ck_assert_int_eq(wsman_parse_scalar("\xc3\xa9", MI_CHAR16, &v), MI_RESULT_OK);
    ck_assert_uint_eq(v.char16, 0xE9);
    ck_assert_int_eq(wsman_parse_scalar("ab", MI_CHAR16, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("65536", MI_CHAR16, &v), MI_RESULT_INVALID_PARAMETER);
    v.char16 = 0x263A;
    ck_assert_str_eq(fmt(MI_CHAR16, &v), "9786");
}
END_TEST

START_TEST(lexical_reals)
{
    MI_Value v;
    ck_assert_int_eq(wsman_parse_scalar("0.5", MI_REAL64, &v), MI_RESULT_OK);
    ck_assert(v.real64 == 0.5);
    ck_assert_int_eq(wsman_parse_scalar("-1.25E3", MI_REAL64, &v), MI_RESULT_OK);
    ck_assert(v.real64 == -1250.0);
    ck_assert_int_eq(wsman_parse_scalar("INF", MI_REAL64, &v), MI_RESULT_OK);
    ck_assert(isinf(v.real64) && v.real64 > 0);
    ck_assert_int_eq(wsman_parse_scalar("-INF", MI_REAL32, &v), MI_RESULT_OK);
    ck_assert(isinf(v.real32) && v.real32 < 0);
    ck_assert_int_eq(wsman_parse_scalar("NaN", MI_REAL64, &v), MI_RESULT_OK);
    ck_assert(isnan(v.real64));
    /* strtod spellings XML Schema does not allow. */
    ck_assert_int_eq(wsman_parse_scalar("inf", MI_REAL64, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("nan", MI_REAL64, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("0x1p3", MI_REAL64, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("1e999", MI_REAL64, &v), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_scalar("1e39", MI_REAL32, &v), MI_RESULT_INVALID_PARAMETER);
    v.real64 = HUGE_VAL;
    ck_assert_str_eq(fmt(MI_REAL64, &v), "INF");
    v.real64 = -HUGE_VAL;
    ck_assert_str_eq(fmt(MI_REAL64, &v), "-INF");
    v.real64 = NAN;
    ck_assert_str_eq(fmt(MI_REAL64, &v), "NaN");
    v.real64 = 0.1;
    ck_assert_str_eq(fmt(MI_REAL64, &v), "0.1");
    v.real32 = 0.1f;
    ck_assert_str_eq(fmt(MI_REAL32, &v), "0.1");
    /* The shortest text that reads back exactly. */
    v.real64 = 1.0 / 3.0;
    {
        MI_Value back;
        ck_assert_int_eq(wsman_parse_scalar(fmt(MI_REAL64, &v), MI_REAL64, &back), MI_RESULT_OK);
        ck_assert(back.real64 == v.real64);
    }
}
END_TEST

/* What printf's %.{15,17}g (%.{7,9}g for real32) gives, the shortest that reads back: the form
 * reals had before they were written by hand, which they must keep. */
static const char *real_by_printf(double v, int is32, char *tmp, size_t size)
{
    if (is32) {
        snprintf(tmp, size, "%.7g", v);
        if ((float)strtod(tmp, NULL) != (float)v)
            snprintf(tmp, size, "%.9g", v);
    } else {
        snprintf(tmp, size, "%.15g", v);
        if (strtod(tmp, NULL) != v)
            snprintf(tmp, size, "%.17g", v);
    }
    return tmp;
}

/* Reals are written by hand when they are short decimals (wsman_scalar.c format_real_short):
 * the text is printf's for every kind of value: short ones, those at the edges of the form
 * without an exponent, and those that are not short. */
START_TEST(reals_as_printf_writes_them)
{
    static const double fixed[] = {0.0,
                                   -0.0,
                                   0.125,
                                   -0.125,
                                   2.5,
                                   42.0,
                                   1e-4,
                                   1.5e-4,
                                   9.5e-5,
                                   1e-5,
                                   0.1,
                                   0.3,
                                   1e14,
                                   1e15,
                                   1e16,
                                   123456789012345.0,
                                   999999999999999.0,
                                   99999999999999.9,
                                   1234567.5,
                                   0.000123456789012345,
                                   -3.75e7,
                                   1e7,
                                   9999999.0,
                                   12345678.0,
                                   33.333,
                                   4503599627370496.5,
                                   1.0 / 3.0,
                                   1e300,
                                   -1e-300,
                                   5e-324,
                                   1.7976931348623157e308};
    const unsigned nfixed = sizeof fixed / sizeof fixed[0];
    char want[64];
    MI_Value v;
    unsigned seed = 12345, i;
    int is32;
    for (is32 = 0; is32 < 2; is32++) {
        for (i = 0; i < nfixed + 20000; i++) {
            double d;
            if (i < nfixed) {
                d = fixed[i];
            } else {
                /* Decimals of 1 to 17 digits with 0 to 20 places, and raw bit patterns. */
                unsigned long long m = 0;
                int k, digits;
                seed = seed * 1103515245u + 12345u;
                digits = 1 + (int)((seed >> 16) % 17);
                for (k = 0; k < digits; k++) {
                    seed = seed * 1103515245u + 12345u;
                    m = m * 10 + (seed >> 16) % 10;
                }
                seed = seed * 1103515245u + 12345u;
                d = (double)m / pow(10, (double)((seed >> 16) % 21));
                if (i % 7 == 0) {
                    unsigned long long bits = ((unsigned long long)seed << 32) ^ m;
                    memcpy(&d, &bits, sizeof d);
                    if (isnan(d) || isinf(d))
                        continue;
                }
                if (i % 2)
                    d = -d;
            }
            if (is32) {
                v.real32 = (float)d;
                if (isinf(v.real32))
                    continue;
                real_by_printf((double)v.real32, 1, want, sizeof want);
                ck_assert_msg(strcmp(fmt(MI_REAL32, &v), want) == 0, "real32 %.9g: %s, not %s",
                              (double)v.real32, fmt(MI_REAL32, &v), want);
            } else {
                v.real64 = d;
                real_by_printf(d, 0, want, sizeof want);
                ck_assert_msg(strcmp(fmt(MI_REAL64, &v), want) == 0, "real64 %.17g: %s, not %s", d,
                              fmt(MI_REAL64, &v), want);
            }
        }
    }
}
END_TEST

/* wsb_escape's text, by the rules one character at a time: the reference its eight-byte steps
 * (wsman_printable8, wsman_no_markup8) must agree with; NULL for text it must refuse. */
static const char *escape_by_hand(const char *s, int attr, char *out)
{
    char *o = out;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        const char *rep = NULL;
        if (c == '&')
            rep = "&amp;";
        else if (c == '<')
            rep = "&lt;";
        else if (c == '>')
            rep = "&gt;";
        else if (c == '"' && attr)
            rep = "&quot;";
        else if (c == '\r')
            rep = "&#13;";
        else if (c == '\n' && attr)
            rep = "&#10;";
        else if (c == '\t' && attr)
            rep = "&#9;";
        else if (c < 0x20 && c != '\n' && c != '\t')
            return NULL;
        if (rep) {
            strcpy(o, rep);
            o += strlen(rep);
        } else {
            *o++ = (char)c;
        }
    }
    *o = '\0';
    return out;
}

/* Each character that matters, at every offset of a longer printable text (so inside, before
 * and after the eight-byte steps), as text and as an attribute value. */
START_TEST(escape_at_every_offset)
{
    static const char *const odd[] = {"&",    "<",    ">",    "\"",   "\t",       "\n",
                                      "\r",   "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac",
                                      "\xc3", "'",    "]]>"};
    char in[64], want[512];
    size_t k, at;
    int attr;
    for (k = 0; k < sizeof odd / sizeof odd[0]; k++)
        for (at = 0; at <= 24; at++)
            for (attr = 0; attr < 2; attr++) {
                wsman_buf b;
                const char *w;
                int r;
                memset(in, 'a', at);
                strcpy(in + at, odd[k]);
                strcat(in, "bcdefghijklmnopq");
                w = escape_by_hand(in, attr, want);
                if (k == 12) /* a lone lead byte: not UTF-8 */
                    w = NULL;
                util_buf_init(&b);
                r = wsman_buf_escape(&b, in, attr);
                if (!w)
                    ck_assert_msg(r != 0, "odd %u at %u: accepted", (unsigned)k, (unsigned)at);
                else
                    ck_assert_msg(r == 0 && strcmp(b.data ? b.data : "", w) == 0,
                                  "odd %u at %u attr %d: %s, not %s", (unsigned)k, (unsigned)at,
                                  attr, b.data ? b.data : "", w);
                util_buf_free(&b);
            }
}
END_TEST

/* The Type attribute of an OptionSet entry reads back as the MI type the client wrote it for. */
START_TEST(option_types)
{
    ck_assert_int_eq(wsman_xs_type_mi("xs:unsignedInt"), MI_UINT32);
    ck_assert_int_eq(wsman_xs_type_mi("xs:unsignedShort"), MI_UINT16); /* (CHAR16 writes it too) */
    ck_assert_int_eq(wsman_xs_type_mi("xs:boolean"), MI_BOOLEAN);
    ck_assert_int_eq(wsman_xs_type_mi("xs:long"), MI_SINT64);
    ck_assert_int_eq(wsman_xs_type_mi("xs:double"), MI_REAL64);
    ck_assert_int_eq(wsman_xs_type_mi("xs:dateTime"), MI_DATETIME);
    ck_assert_int_eq(wsman_xs_type_mi("xs:duration"), MI_DATETIME);
    ck_assert_int_eq(wsman_xs_type_mi("xs:string"), MI_STRING);
    ck_assert_int_eq(wsman_xs_type_mi("xs:nonsense"), MI_STRING);
    ck_assert_int_eq(wsman_xs_type_mi(NULL), MI_STRING);
}
END_TEST

START_TEST(lexical_datetimes)
{
    MI_Datetime d;
    MI_Value v;
    ck_assert_int_eq(wsman_parse_datetime("2013-04-29T13:09:06.102138-07:00", &d), MI_RESULT_OK);
    ck_assert(d.isTimestamp);
    ck_assert_uint_eq(d.u.timestamp.year, 2013);
    ck_assert_uint_eq(d.u.timestamp.second, 6);
    ck_assert_uint_eq(d.u.timestamp.microseconds, 102138);
    ck_assert_int_eq(d.u.timestamp.utc, -420);
    ck_assert_int_eq(wsman_parse_datetime("2013-04-15T20:28:20.913Z", &d), MI_RESULT_OK);
    ck_assert_uint_eq(d.u.timestamp.microseconds, 913000);
    ck_assert_int_eq(wsman_parse_datetime("19990929195959.000000-420", &d), MI_RESULT_OK);
    ck_assert(d.isTimestamp);
    ck_assert_int_eq(d.u.timestamp.utc, -420);
    ck_assert_int_eq(wsman_parse_datetime("00000001020304.000005:000", &d), MI_RESULT_OK);
    ck_assert(!d.isTimestamp);
    ck_assert_uint_eq(d.u.interval.days, 1);
    ck_assert_uint_eq(d.u.interval.microseconds, 5);
    ck_assert_int_eq(wsman_parse_datetime("P1Y1M22D", &d), MI_RESULT_OK);
    ck_assert_uint_eq(d.u.interval.days, 417);
    ck_assert_int_eq(wsman_parse_datetime("PT7200.000S", &d), MI_RESULT_OK);
    ck_assert_uint_eq(d.u.interval.hours, 2);
    ck_assert_int_eq(wsman_parse_datetime("P0DT0H0M1S", &d), MI_RESULT_OK);
    ck_assert_uint_eq(d.u.interval.seconds, 1);
    ck_assert_int_eq(wsman_parse_datetime("-P1D", &d), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_datetime("P", &d), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_datetime("PT", &d), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_datetime("2013-13-01T00:00:00Z", &d), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_datetime("yesterday", &d), MI_RESULT_INVALID_PARAMETER);
    memset(&v, 0, sizeof v);
    v.datetime.isTimestamp = 1;
    v.datetime.u.timestamp.year = 2024;
    v.datetime.u.timestamp.month = 2;
    v.datetime.u.timestamp.day = 29;
    v.datetime.u.timestamp.hour = 23;
    v.datetime.u.timestamp.minute = 59;
    v.datetime.u.timestamp.second = 58;
    v.datetime.u.timestamp.microseconds = 1;
    v.datetime.u.timestamp.utc = 330;
    ck_assert_str_eq(fmt(MI_DATETIME, &v), "2024-02-29T23:59:58.000001+05:30");
    v.datetime.u.timestamp.utc = 0;
    v.datetime.u.timestamp.microseconds = 0;
    ck_assert_str_eq(fmt(MI_DATETIME, &v), "2024-02-29T23:59:58Z");
    v.datetime.u.timestamp.year = 987;
    v.datetime.u.timestamp.month = 1;
    v.datetime.u.timestamp.hour = 0;
    v.datetime.u.timestamp.second = 0;
    v.datetime.u.timestamp.microseconds = 120000;
    v.datetime.u.timestamp.utc = -(14 * 60);
    ck_assert_str_eq(fmt(MI_DATETIME, &v), "0987-01-29T00:59:00.120000-14:00");
    memset(&v, 0, sizeof v);
    ck_assert_str_eq(fmt(MI_DATETIME, &v), "P0DT0H0M0S");
    v.datetime.u.interval.days = 3;
    v.datetime.u.interval.microseconds = 500000;
    ck_assert_str_eq(fmt(MI_DATETIME, &v), "P3DT0H0M0.500000S");
}
END_TEST

/* ---- an instance of every type ----------------------------------------------------------------
 */

static const char *const type_names[16] = {
    "PBoolean", "PUint8",  "PSint8",  "PUint16", "PSint16",   "PUint32", "PSint32", "PUint64",
    "PSint64",  "PReal32", "PReal64", "PChar16", "PDatetime", "PString", "PRef",    "PEmb"};
static MI_PropertyDecl all_props[33];
static const MI_PropertyDecl *all_ptrs[33];
static MI_ClassDecl all_decl;
static char all_names[33][24];

static void init_all_decl(void)
{
    int i;
    for (i = 0; i < 32; i++) {
        MI_PropertyDecl *p = &all_props[i];
        memset(p, 0, sizeof *p);
        snprintf(all_names[i], sizeof all_names[i], "%s%s", type_names[i % 16], i >= 16 ? "A" : "");
        p->flags = MI_FLAG_PROPERTY;
        p->name = all_names[i];
        p->type = (MI_Uint32)i;
        if ((i % 16) == MI_REFERENCE)
            p->className = "Test_Ref";
        if ((i % 16) == MI_INSTANCE)
            p->className = "Test_Emb";
        all_ptrs[i] = p;
    }
    memset(&all_props[32], 0, sizeof all_props[32]);
    all_props[32].flags = MI_FLAG_PROPERTY | MI_FLAG_KEY;
    all_props[32].name = "Key";
    all_props[32].type = MI_STRING;
    all_ptrs[32] = &all_props[32];
    memset(&all_decl, 0, sizeof all_decl);
    all_decl.flags = MI_FLAG_CLASS;
    all_decl.name = "Test_All";
    all_decl.properties = all_ptrs;
    all_decl.numProperties = 33;
}

static MI_Instance *make_ref(const char *key)
{
    MI_Instance *r = NULL;
    MI_Value v;
    ck_assert_int_eq(mic_instance_new("Test_Ref", NULL, &r), MI_RESULT_OK);
    v.string = (MI_Char *)key;
    ck_assert_int_eq(MI_Instance_AddElement(r, "K", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_SetNameSpace(r, "root/test"), MI_RESULT_OK);
    return r;
}

static MI_Instance *make_emb(const char *x)
{
    MI_Instance *r = NULL;
    MI_Value v;
    ck_assert_int_eq(mic_instance_new("Test_Emb", NULL, &r), MI_RESULT_OK);
    v.string = (MI_Char *)x;
    ck_assert_int_eq(MI_Instance_AddElement(r, "X", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = 7;
    ck_assert_int_eq(MI_Instance_AddElement(r, "N", &v, MI_UINT32, 0), MI_RESULT_OK);
    return r;
}

static MI_Datetime sample_dt(int interval)
{
    MI_Datetime d;
    memset(&d, 0, sizeof d);
    if (interval) {
        d.u.interval.days = 12;
        d.u.interval.hours = 3;
        d.u.interval.minutes = 4;
        d.u.interval.seconds = 5;
        d.u.interval.microseconds = 6;
    } else {
        d.isTimestamp = 1;
        d.u.timestamp.year = 2026;
        d.u.timestamp.month = 11;
        d.u.timestamp.day = 25;
        d.u.timestamp.hour = 1;
        d.u.timestamp.minute = 2;
        d.u.timestamp.second = 3;
        d.u.timestamp.microseconds = 456789;
        d.u.timestamp.utc = -300;
    }
    return d;
}

/* Every property set; strings with characters that need escaping. */
static MI_Instance *make_all(void)
{
    MI_Instance *inst = NULL, *refs[2], *embs[2];
    MI_Value v;
    MI_Boolean ba[2] = {1, 0};
    MI_Uint8 u8a[2] = {0, 255};
    MI_Sint8 s8a[2] = {-128, 127};
    MI_Uint16 u16a[2] = {0, 65535};
    MI_Sint16 s16a[2] = {-32768, 32767};
    MI_Uint32 u32a[2] = {0, 4294967295u};
    MI_Sint32 s32a[2] = {-2147483647 - 1, 2147483647};
    MI_Uint64 u64a[2] = {0, 18446744073709551615ull};
    MI_Sint64 s64a[2] = {-9223372036854775807LL - 1, 9223372036854775807LL};
    MI_Real32 r32a[3] = {1.5f, (MI_Real32)HUGE_VAL, -0.0f};
    MI_Real64 r64a[3] = {0.1, -HUGE_VAL, 1e-300};
    MI_Char16 c16a[2] = {65, 0x263A};
    MI_Datetime dta[2];
    MI_Char *sa[3] = {"a<b>&\"c'", "", "multi\nline\ttab\r\n"};
    dta[0] = sample_dt(0);
    dta[1] = sample_dt(1);
    ck_assert_int_eq(mic_instance_new(NULL, &all_decl, &inst), MI_RESULT_OK);
#define SET(name, field, val, type)                                                                \
    do {                                                                                           \
        v.field = val;                                                                             \
        ck_assert_int_eq(MI_Instance_SetElement(inst, name, &v, type, 0), MI_RESULT_OK);           \
    } while (0)
#define SETA(name, field, arr, n, type)                                                            \
    do {                                                                                           \
        v.field.data = arr;                                                                        \
        v.field.size = n;                                                                          \
        ck_assert_int_eq(MI_Instance_SetElement(inst, name, &v, type, 0), MI_RESULT_OK);           \
    } while (0)
    SET("Key", string, "k&1", MI_STRING);
    SET("PBoolean", boolean, 1, MI_BOOLEAN);
    SET("PUint8", uint8, 200, MI_UINT8);
    SET("PSint8", sint8, -100, MI_SINT8);
    SET("PUint16", uint16, 60000, MI_UINT16);
    SET("PSint16", sint16, -30000, MI_SINT16);
    SET("PUint32", uint32, 4000000000u, MI_UINT32);
    SET("PSint32", sint32, -2000000000, MI_SINT32);
    SET("PUint64", uint64, 18000000000000000000ull, MI_UINT64);
    SET("PSint64", sint64, -9000000000LL, MI_SINT64);
    SET("PReal32", real32, 0.25f, MI_REAL32);
    SET("PReal64", real64, NAN, MI_REAL64);
    SET("PChar16", char16, 0xE9, MI_CHAR16);
    SET("PDatetime", datetime, sample_dt(0), MI_DATETIME);
    SET("PString", string, "<&>\"' \xc3\xa9\xe2\x82\xac", MI_STRING);
    refs[0] = make_ref("r1");
    refs[1] = make_ref("r&2");
    embs[0] = make_emb("e1");
    embs[1] = make_emb("e2");
    SET("PRef", reference, refs[0], MI_REFERENCE);
    SET("PEmb", instance, embs[0], MI_INSTANCE);
    SETA("PBooleanA", booleana, ba, 2, MI_BOOLEANA);
    SETA("PUint8A", uint8a, u8a, 2, MI_UINT8A);
    SETA("PSint8A", sint8a, s8a, 2, MI_SINT8A);
    SETA("PUint16A", uint16a, u16a, 2, MI_UINT16A);
    SETA("PSint16A", sint16a, s16a, 2, MI_SINT16A);
    SETA("PUint32A", uint32a, u32a, 2, MI_UINT32A);
    SETA("PSint32A", sint32a, s32a, 2, MI_SINT32A);
    SETA("PUint64A", uint64a, u64a, 2, MI_UINT64A);
    SETA("PSint64A", sint64a, s64a, 2, MI_SINT64A);
    SETA("PReal32A", real32a, r32a, 3, MI_REAL32A);
    SETA("PReal64A", real64a, r64a, 3, MI_REAL64A);
    SETA("PChar16A", char16a, c16a, 2, MI_CHAR16A);
    SETA("PDatetimeA", datetimea, dta, 2, MI_DATETIMEA);
    SETA("PStringA", stringa, sa, 3, MI_STRINGA);
    SETA("PRefA", referencea, refs, 2, MI_REFERENCEA);
    SETA("PEmbA", instancea, embs, 2, MI_INSTANCEA);
#undef SET
#undef SETA
    MI_Instance_Delete(refs[0]);
    MI_Instance_Delete(refs[1]);
    MI_Instance_Delete(embs[0]);
    MI_Instance_Delete(embs[1]);
    return inst;
}

static void check_ref(const MI_Instance *r, const char *key)
{
    const MI_Char *ns = NULL;
    ck_assert_str_eq(class_of(r), "Test_Ref");
    ck_assert_str_eq(str_elem(r, "K"), key);
    ck_assert_int_eq(MI_Instance_GetNameSpace(r, &ns), MI_RESULT_OK);
    ck_assert_ptr_nonnull(ns);
    ck_assert_str_eq(ns, "root/test");
}

static void check_emb(const MI_Instance *e, const char *x)
{
    ck_assert_str_eq(class_of(e), "Test_Emb");
    ck_assert_str_eq(str_elem(e, "X"), x);
    ck_assert_str_eq(str_elem(e, "N"), "7"); /* embedded classes decode untyped */
}

static void dt_eq(const MI_Datetime *a, const MI_Datetime *b)
{
    ck_assert_uint_eq(a->isTimestamp, b->isTimestamp);
    if (a->isTimestamp) {
        ck_assert_uint_eq(a->u.timestamp.year, b->u.timestamp.year);
        ck_assert_uint_eq(a->u.timestamp.month, b->u.timestamp.month);
        ck_assert_uint_eq(a->u.timestamp.day, b->u.timestamp.day);
        ck_assert_uint_eq(a->u.timestamp.hour, b->u.timestamp.hour);
        ck_assert_uint_eq(a->u.timestamp.minute, b->u.timestamp.minute);
        ck_assert_uint_eq(a->u.timestamp.second, b->u.timestamp.second);
        ck_assert_uint_eq(a->u.timestamp.microseconds, b->u.timestamp.microseconds);
        ck_assert_int_eq(a->u.timestamp.utc, b->u.timestamp.utc);
    } else {
        ck_assert_uint_eq(a->u.interval.days, b->u.interval.days);
        ck_assert_uint_eq(a->u.interval.hours, b->u.interval.hours);
        ck_assert_uint_eq(a->u.interval.minutes, b->u.interval.minutes);
        ck_assert_uint_eq(a->u.interval.seconds, b->u.interval.seconds);
        ck_assert_uint_eq(a->u.interval.microseconds, b->u.interval.microseconds);
    }
}

/* The decoded (typed) instance equals make_all()'s. */
static void check_all(const MI_Instance *i)
{
    MI_Value v;
    MI_Datetime d0 = sample_dt(0), d1 = sample_dt(1);
    ck_assert_str_eq(class_of(i), "Test_All");
    ck_assert_str_eq(str_elem(i, "Key"), "k&1");
    ck_assert_int_eq(elem(i, "PBoolean", MI_BOOLEAN, NULL).boolean, 1);
    ck_assert_uint_eq(elem(i, "PUint8", MI_UINT8, NULL).uint8, 200);
    ck_assert_int_eq(elem(i, "PSint8", MI_SINT8, NULL).sint8, -100);
    ck_assert_uint_eq(elem(i, "PUint16", MI_UINT16, NULL).uint16, 60000);
    ck_assert_int_eq(elem(i, "PSint16", MI_SINT16, NULL).sint16, -30000);
    ck_assert_uint_eq(elem(i, "PUint32", MI_UINT32, NULL).uint32, 4000000000u);
    ck_assert_int_eq(elem(i, "PSint32", MI_SINT32, NULL).sint32, -2000000000);
    ck_assert(elem(i, "PUint64", MI_UINT64, NULL).uint64 == 18000000000000000000ull);
    ck_assert(elem(i, "PSint64", MI_SINT64, NULL).sint64 == -9000000000LL);
    ck_assert(elem(i, "PReal32", MI_REAL32, NULL).real32 == 0.25f);
    ck_assert(isnan(elem(i, "PReal64", MI_REAL64, NULL).real64));
    ck_assert_uint_eq(elem(i, "PChar16", MI_CHAR16, NULL).char16, 0xE9);
    v = elem(i, "PDatetime", MI_DATETIME, NULL);
    dt_eq(&v.datetime, &d0);
    ck_assert_str_eq(str_elem(i, "PString"), "<&>\"' \xc3\xa9\xe2\x82\xac");
    check_ref(elem(i, "PRef", MI_REFERENCE, NULL).reference, "r1");
    check_emb(elem(i, "PEmb", MI_INSTANCE, NULL).instance, "e1");

    v = elem(i, "PBooleanA", MI_BOOLEANA, NULL);
    ck_assert_uint_eq(v.booleana.size, 2);
    ck_assert(v.booleana.data[0] == 1 && v.booleana.data[1] == 0);
    v = elem(i, "PUint8A", MI_UINT8A, NULL);
    ck_assert(v.uint8a.size == 2 && v.uint8a.data[1] == 255);
    v = elem(i, "PSint8A", MI_SINT8A, NULL);
    ck_assert(v.sint8a.size == 2 && v.sint8a.data[0] == -128 && v.sint8a.data[1] == 127);
    v = elem(i, "PUint16A", MI_UINT16A, NULL);
    ck_assert(v.uint16a.size == 2 && v.uint16a.data[1] == 65535);
    v = elem(i, "PSint16A", MI_SINT16A, NULL);
    ck_assert(v.sint16a.size == 2 && v.sint16a.data[0] == -32768);
    v = elem(i, "PUint32A", MI_UINT32A, NULL);
    ck_assert(v.uint32a.size == 2 && v.uint32a.data[1] == 4294967295u);
    v = elem(i, "PSint32A", MI_SINT32A, NULL);
    ck_assert(v.sint32a.size == 2 && v.sint32a.data[0] == -2147483647 - 1);
    v = elem(i, "PUint64A", MI_UINT64A, NULL);
    ck_assert(v.uint64a.size == 2 && v.uint64a.data[1] == 18446744073709551615ull);
    v = elem(i, "PSint64A", MI_SINT64A, NULL);
    ck_assert(v.sint64a.size == 2 && v.sint64a.data[0] == -9223372036854775807LL - 1);
    v = elem(i, "PReal32A", MI_REAL32A, NULL);
    ck_assert(v.real32a.size == 3 && v.real32a.data[0] == 1.5f && isinf(v.real32a.data[1]));
    ck_assert(v.real32a.data[2] == 0.0f && signbit(v.real32a.data[2]));
    v = elem(i, "PReal64A", MI_REAL64A, NULL);
    ck_assert(v.real64a.size == 3 && v.real64a.data[0] == 0.1 && isinf(v.real64a.data[1]) &&
              v.real64a.data[1] < 0 && v.real64a.data[2] == 1e-300);
    v = elem(i, "PChar16A", MI_CHAR16A, NULL);
    ck_assert(v.char16a.size == 2 && v.char16a.data[1] == 0x263A);
    v = elem(i, "PDatetimeA", MI_DATETIMEA, NULL);
    ck_assert_uint_eq(v.datetimea.size, 2);
    dt_eq(&v.datetimea.data[0], &d0);
    dt_eq(&v.datetimea.data[1], &d1);
    v = elem(i, "PStringA", MI_STRINGA, NULL);
    ck_assert_uint_eq(v.stringa.size, 3);
    ck_assert_str_eq(v.stringa.data[0], "a<b>&\"c'");
    ck_assert_str_eq(v.stringa.data[1], "");
    ck_assert_str_eq(v.stringa.data[2], "multi\nline\ttab\r\n");
    v = elem(i, "PRefA", MI_REFERENCEA, NULL);
    ck_assert_uint_eq(v.referencea.size, 2);
    check_ref(v.referencea.data[0], "r1");
    check_ref(v.referencea.data[1], "r&2");
    v = elem(i, "PEmbA", MI_INSTANCEA, NULL);
    ck_assert_uint_eq(v.instancea.size, 2);
    check_emb(v.instancea.data[0], "e1");
    check_emb(v.instancea.data[1], "e2");
}

/* Server reply -> client, typed by the class declaration. */
START_TEST(roundtrip_reply_typed)
{
    MI_Instance *inst = make_all();
    wsman_buf b;
    wsman_reply rp;
    wsman_error err;
    wsman_response resp;
    wsman_read_options opts = {&all_decl, NULL, MI_FALSE, NULL};
    util_buf_init(&b);
    memset(&rp, 0, sizeof rp);
    rp.action = WSMAN_ACTION_GET;
    rp.relates_to = "uuid:00000000-0000-4000-8000-000000000001";
    rp.instance = inst;
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_GET, 200,
                                         "application/soap+xml;charset=UTF-8", b.data, b.len, &opts,
                                         &resp),
                     MI_RESULT_OK);
    ck_assert_str_eq(resp.relates_to, "uuid:00000000-0000-4000-8000-000000000001");
    ck_assert_uint_eq(resp.num_items, 1);
    check_all(resp.items[0]);
    wsman_response_free(&resp);

    /* Untyped (NO_RTTI): every value a string in its lexical form, arrays as string arrays. */
    opts.no_rtti = MI_TRUE;
    ck_assert_int_eq(
        wsman_read_response(&test_codec, WSMAN_ACTION_GET, 200, NULL, b.data, b.len, &opts, &resp),
        MI_RESULT_OK);
    {
        const MI_Instance *u = resp.items[0];
        MI_Value v;
        ck_assert_str_eq(str_elem(u, "PBoolean"), "true");
        ck_assert_str_eq(str_elem(u, "PSint64"), "-9000000000");
        ck_assert_str_eq(str_elem(u, "PReal64"), "NaN");
        ck_assert_str_eq(str_elem(u, "PChar16"), "233");
        ck_assert_str_eq(str_elem(u, "PDatetime"), "2026-11-25T01:02:03.456789-05:00");
        v = elem(u, "PReal64A", MI_STRINGA, NULL);
        ck_assert_uint_eq(v.stringa.size, 3);
        ck_assert_str_eq(v.stringa.data[1], "-INF");
        v = elem(u, "PDatetimeA", MI_STRINGA, NULL);
        ck_assert_str_eq(v.stringa.data[1], "P12DT3H4M5.000006S");
        check_ref(elem(u, "PRef", MI_REFERENCE, NULL).reference, "r1");
        v = elem(u, "PRefA", MI_REFERENCEA, NULL);
        ck_assert_uint_eq(v.referencea.size, 2);
        check_emb(elem(u, "PEmb", MI_INSTANCE, NULL).instance, "e1");
    }
    wsman_response_free(&resp);
    util_buf_free(&b);
    MI_Instance_Delete(inst);
}
END_TEST

/* Client Create request -> server, typed by the server's declaration. */
START_TEST(roundtrip_request_typed)
{
    MI_Instance *inst = make_all(), *got = NULL;
    wsman_buf b;
    wsman_request rq;
    wsman_error err;
    wsman_message msg;
    wsman_fault_desc fd;
    char id[WSMAN_MSGID_SIZE];
    util_buf_init(&b);
    memset(&rq, 0, sizeof rq);
    rq.action = WSMAN_ACTION_CREATE;
    rq.to = "http://127.0.0.1:5985/wsman";
    rq.name_space = "root/cimv2";
    rq.instance = inst;
    rq.max_envelope_size = 512000;
    rq.timeout_usec = 60000000;
    rq.locale = "en-US";
    rq.data_locale = "en-US";
    ck_assert_int_eq(wsman_write_request(&rq, &b, id, &err), MI_RESULT_OK);
    ck_assert_int_eq(wsman_read_request(&test_codec, "application/soap+xml;charset=UTF-8", b.data,
                                        b.len, &msg, &fd),
                     MI_RESULT_OK);
    ck_assert_int_eq(msg.action, WSMAN_ACTION_CREATE);
    ck_assert_str_eq(msg.class_name, "Test_All");
    ck_assert_str_eq(msg.name_space, "root/cimv2");
    ck_assert_str_eq(msg.message_id, id);
    ck_assert_uint_eq(msg.max_envelope_size, 512000);
    ck_assert(msg.timeout_usec == 60000000ull);
    ck_assert_str_eq(msg.locale, "en-US");
    ck_assert_str_eq(msg.data_locale, "en-US");
    ck_assert_str_eq(msg.to, "http://127.0.0.1:5985/wsman");
    ck_assert_str_eq(msg.body_name, "Test_All");
    ck_assert_int_eq(wsman_message_instance(&test_codec, &msg, &all_decl, NULL, &got, &err),
                     MI_RESULT_OK);
    check_all(got);
    MI_Instance_Delete(got);
    wsman_message_free(&msg);

    /* Get: the keys travel as selectors next to __cimnamespace. */
    rq.action = WSMAN_ACTION_GET;
    ck_assert_int_eq(wsman_write_request(&rq, &b, id, &err), MI_RESULT_OK);
    ck_assert_int_eq(wsman_read_request(&test_codec, NULL, b.data, b.len, &msg, &fd), MI_RESULT_OK);
    ck_assert_int_eq(msg.action, WSMAN_ACTION_GET);
    ck_assert_uint_eq(msg.num_selectors, 1);
    ck_assert_str_eq(msg.selectors[0].name, "Key");
    ck_assert_str_eq(msg.selectors[0].value, "k&1");
    ck_assert_str_eq(msg.name_space, "root/cimv2");
    wsman_message_free(&msg);
    util_buf_free(&b);
    MI_Instance_Delete(inst);
}
END_TEST

/* A server with a declaration refuses unknown properties and bad values, naming them. */
START_TEST(server_typing_errors)
{
    static const char *const bad[] = {
        "<p:Contoso_Widget xmlns:p=\"u/Contoso_Widget\"><p:Id>a</p:Id><p:Count>x1</p:Count>"
        "</p:Contoso_Widget>",
        "<p:Contoso_Widget xmlns:p=\"u/Contoso_Widget\"><p:Id>a</p:Id><p:Bogus>1</p:Bogus>"
        "</p:Contoso_Widget>",
        "<p:Contoso_Widget xmlns:p=\"u/Contoso_Widget\"><p:Id>a</p:Id><p:Count>1</p:Count>"
        "<p:Count>2</p:Count></p:Contoso_Widget>",
        "<p:Contoso_Widget xmlns:p=\"u/Contoso_Widget\"><p:Enabled>yes</p:Enabled>"
        "</p:Contoso_Widget>",
    };
    static const MI_Result want[] = {MI_RESULT_INVALID_PARAMETER, MI_RESULT_NO_SUCH_PROPERTY,
                                     MI_RESULT_INVALID_PARAMETER, MI_RESULT_INVALID_PARAMETER};
    static const char *const names[] = {"Count", "Bogus", "Count", "Enabled"};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char req[2048];
        wsman_message msg;
        wsman_fault_desc fd;
        wsman_error err;
        MI_Instance *got = NULL;
        snprintf(req, sizeof req,
                 "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
                 "\" xmlns:w=\"" WSMAN_NS_WSMAN "\"><s:Header><w:ResourceURI>u/Contoso_Widget"
                 "</w:ResourceURI><a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Create"
                 "</a:Action></s:Header><s:Body>\n  %s\n</s:Body></s:Envelope>",
                 bad[i]);
        ck_assert_int_eq(wsman_read_request(&test_codec, NULL, req, strlen(req), &msg, &fd),
                         MI_RESULT_OK);
        ck_assert_int_eq(wsman_message_instance(&test_codec, &msg, &widget_decl, NULL, &got, &err),
                         want[i]);
        ck_assert_ptr_null(got);
        ck_assert_msg(strstr(err.message, names[i]) != NULL, "message '%s' does not name %s",
                      err.message, names[i]);
        /* Without a declaration the same bodies read as strings. */
        if (i != 2) {
            ck_assert_int_eq(wsman_message_instance(&test_codec, &msg, NULL, NULL, &got, &err),
                             MI_RESULT_OK);
            ck_assert_str_eq(str_elem(got, names[i]), i == 0 ? "x1" : i == 1 ? "1" : "yes");
            MI_Instance_Delete(got);
        }
        wsman_message_free(&msg);
    }
}
END_TEST

/* ---- request shape ------------------------------------------------------------------------- */

START_TEST(request_shapes)
{
    MI_Instance *inst = NULL, *params = NULL;
    wsman_buf b;
    wsman_request rq;
    wsman_error err;
    MI_Value v;
    wsman_option opt;
    util_buf_init(&b);
    ck_assert_int_eq(mic_instance_new(NULL, &widget_decl, &inst), MI_RESULT_OK);
    v.string = "w1";
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    v.uint32 = 42;
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    memset(&rq, 0, sizeof rq);
    rq.action = WSMAN_ACTION_CREATE;
    rq.instance = inst;
    rq.name_space = "root/cimv2";
    rq.resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
    rq.message_id = "uuid:11111111-0000-4000-8000-000000000010";
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    /* OMI's quirk: the instance element right after <s:Body>. Name was never set: absent. */
    ck_assert_ptr_nonnull(strstr(b.data, "<s:Body><p:Contoso_Widget xmlns:p=\"http://schemas.dmtf"
                                         ".org/wbem/wscim/1/cim-schema/2/Contoso_Widget\">"
                                         "<p:Id>w1</p:Id><p:Count>42</p:Count>"));
    ck_assert_ptr_null(strstr(b.data, "p:Name"));
    /* NULL on purpose: xsi:nil. */
    ck_assert_int_eq(MI_Instance_ClearElement(inst, "Name"), MI_RESULT_OK);
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<p:Id>w1</p:Id><p:Name xsi:nil=\"true\"/>"
                                         "<p:Count>42</p:Count>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<w:SelectorSet><w:Selector Name=\"__cimnamespace\">"
                                         "root/cimv2</w:Selector></w:SelectorSet>"));
    ck_assert_ptr_nonnull(
        strstr(b.data, "<a:MessageID>uuid:11111111-0000-4000-8000-000000000010</a:MessageID>"));

    /* Default prefix, WMI form, OptionSet, Enumerate options, Pull, Release, Invoke. */
    rq.resource_uri_prefix = NULL;
    rq.action = WSMAN_ACTION_ENUMERATE;
    rq.optimize = MI_TRUE;
    rq.max_elements = 100;
    rq.epr_mode = MI_TRUE;
    rq.filter = "SELECT * FROM X WHERE a < 3";
    opt.name = "Flag";
    opt.type = MI_BOOLEAN;
    opt.value.boolean = MI_TRUE;
    opt.must_comply = MI_TRUE;
    rq.options = &opt;
    rq.num_options = 1;
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data,
                                 "<w:ResourceURI s:mustUnderstand=\"true\">" WSMAN_URI_PREFIX_MSFT
                                 "Contoso_Widget</w:ResourceURI>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<n:Enumerate><w:EnumerationMode>EnumerateEPR"
                                         "</w:EnumerationMode><w:OptimizeEnumeration/>"
                                         "<w:MaxElements>100</w:MaxElements>"
                                         "<w:Filter Dialect=\"" WSMAN_DIALECT_WQL
                                         "\">SELECT * FROM X WHERE a &lt; 3</w:Filter>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<w:OptionSet s:mustUnderstand=\"true\"><w:Option "
                                         "Name=\"Flag\" Type=\"xs:boolean\">true</w:Option>"));
    rq.num_options = 0;
    rq.namespace_in_uri = MI_TRUE;
    rq.resource_uri_prefix = WSMAN_URI_PREFIX_WMI;
    rq.action = WSMAN_ACTION_PULL;
    rq.context = "ctx<1>";
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, WSMAN_URI_PREFIX_WMI "root/cimv2/Contoso_Widget<"));
    ck_assert_ptr_null(strstr(b.data, "__cimnamespace"));
    ck_assert_ptr_nonnull(strstr(b.data, "<n:Pull><n:EnumerationContext>ctx&lt;1&gt;"
                                         "</n:EnumerationContext><n:MaxElements>100"));
    rq.action = WSMAN_ACTION_RELEASE;
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<n:Release><n:EnumerationContext>"));
    rq.namespace_in_uri = MI_FALSE;
    rq.resource_uri_prefix = WSMAN_URI_PREFIX_DMTF;
    rq.action = WSMAN_ACTION_INVOKE;
    rq.method_name = "Reset";
    ck_assert_int_eq(mic_instance_new("__Parameters", NULL, &params), MI_RESULT_OK);
    v.uint32 = 3;
    ck_assert_int_eq(MI_Instance_AddElement(params, "Level", &v, MI_UINT32, MI_FLAG_IN),
                     MI_RESULT_OK);
    rq.parameters = params;
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data,
                                 "<a:Action s:mustUnderstand=\"true\">" WSMAN_URI_PREFIX_DMTF
                                 "Contoso_Widget/Reset</a:Action>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<w:Selector Name=\"Id\">w1</w:Selector>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<s:Body><p:Reset_INPUT xmlns:p=\"" WSMAN_URI_PREFIX_DMTF
                                         "Contoso_Widget\"><p:Level>3</p:Level></p:Reset_INPUT>"));
    /* Identify: no addressing headers. */
    rq.action = WSMAN_ACTION_IDENTIFY;
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<s:Header/><s:Body><wsmid:Identify/></s:Body>"));

    /* What cannot be encoded is refused, naming the property. */
    rq.action = WSMAN_ACTION_CREATE;
    v.string = "bell\a";
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_INVALID_PARAMETER);
    ck_assert_ptr_nonnull(strstr(err.message, "Name"));
    v.string = "bad \xff utf8";
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Name", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_INVALID_PARAMETER);
    rq.instance = NULL;
    ck_assert_int_eq(wsman_write_request(&rq, &b, NULL, &err), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(params);
    MI_Instance_Delete(inst);
    util_buf_free(&b);
}
END_TEST

START_TEST(message_ids)
{
    char a[WSMAN_MSGID_SIZE], b[WSMAN_MSGID_SIZE];
    wsman_new_message_id(a);
    wsman_new_message_id(b);
    ck_assert_uint_eq(strlen(a), 41);
    ck_assert(strncmp(a, "uuid:", 5) == 0 && a[13] == '-' && a[19] == '4');
    ck_assert_str_ne(a, b);
    /* A series: the last 12 hex digits count up, with carries, and wrap. */
    strcpy(a, "uuid:0A1B2C3D-4E5F-4A6B-8C7D-00000000000F");
    wsman_next_message_id(a);
    ck_assert_str_eq(a, "uuid:0A1B2C3D-4E5F-4A6B-8C7D-000000000010");
    strcpy(a, "uuid:0A1B2C3D-4E5F-4A6B-8C7D-0000000000F9");
    wsman_next_message_id(a);
    ck_assert_str_eq(a, "uuid:0A1B2C3D-4E5F-4A6B-8C7D-0000000000FA");
    strcpy(a, "uuid:0A1B2C3D-4E5F-4A6B-8C7D-FFFFFFFFFFFF");
    wsman_next_message_id(a);
    ck_assert_str_eq(a, "uuid:0A1B2C3D-4E5F-4A6B-8C7D-000000000000");
    wsman_new_message_id(a);
    strcpy(b, a);
    wsman_next_message_id(b);
    ck_assert_str_ne(a, b);
    ck_assert(strncmp(a, b, 29) == 0);
}
END_TEST

/* ---- faults both ways -------------------------------------------------------------------- */

START_TEST(fault_roundtrip_every_result)
{
    unsigned r;
    wsman_buf b;
    util_buf_init(&b);
    for (r = 1; r <= 28; r++) {
        wsman_fault_desc fd;
        wsman_response resp;
        if (r == 18 || r == 19)
            continue;
        wsman_fault_for_result((MI_Result)r, NULL, &fd);
        ck_assert_int_eq(wsman_write_fault(&fd, "uuid:x", &b), MI_RESULT_OK);
        ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 500, NULL, b.data,
                                             b.len, NULL, &resp),
                         (MI_Result)r);
        ck_assert_ptr_nonnull(resp.fault.error);
        ck_assert_str_eq(class_of(resp.fault.error), "OMI_Error");
        ck_assert_uint_eq(elem(resp.fault.error, "CIMStatusCode", MI_UINT32, NULL).uint32, r);
        ck_assert_str_eq(str_elem(resp.fault.error, "Message"), wsman_result_text((MI_Result)r));
        ck_assert_ptr_nonnull(resp.fault.subcode);
        /* Without the detail the subcode alone must still give a sensible class of result. */
        {
            const char *d = strstr(b.data, "<p:OMI_Error");
            const char *e = strstr(b.data, "</p:OMI_Error>");
            char *nodetail;
            wsman_response r2;
            MI_Result sub;
            ck_assert(d && e);
            nodetail = malloc(b.len + 1);
            memcpy(nodetail, b.data, (size_t)(d - b.data));
            strcpy(nodetail + (d - b.data), e + strlen("</p:OMI_Error>"));
            sub = wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 500, NULL, nodetail,
                                      strlen(nodetail), NULL, &r2);
            if (r == MI_RESULT_ALREADY_EXISTS || r == MI_RESULT_ACCESS_DENIED ||
                r == MI_RESULT_NOT_FOUND || r == MI_RESULT_INVALID_PARAMETER ||
                r == MI_RESULT_INVALID_ENUMERATION_CONTEXT || r == MI_RESULT_INVALID_QUERY ||
                r == MI_RESULT_NOT_SUPPORTED || r == MI_RESULT_QUERY_LANGUAGE_NOT_SUPPORTED ||
                r == MI_RESULT_FAILED)
                ck_assert_msg(sub == (MI_Result)r, "subcode of %u read back as %d", r, (int)sub);
            ck_assert_ptr_nonnull(r2.fault.error);
            ck_assert_str_eq(class_of(r2.fault.error), "CIM_Error");
            wsman_response_free(&r2);
            free(nodetail);
        }
        wsman_response_free(&resp);
    }
    util_buf_free(&b);
}
END_TEST

START_TEST(fault_subcodes_dsp0226)
{
    wsman_fault_desc fd;
    wsman_fault_for_result(MI_RESULT_ALREADY_EXISTS, "dup", &fd);
    ck_assert_str_eq(fd.subcode, "wsman:AlreadyExists");
    ck_assert_str_eq(fd.code, "Sender");
    ck_assert_str_eq(fd.message, "dup");
    wsman_fault_for_result(MI_RESULT_NOT_FOUND, NULL, &fd);
    ck_assert_str_eq(fd.subcode, "wsa:DestinationUnreachable");
    wsman_fault_for_result(MI_RESULT_FAILED, NULL, &fd);
    ck_assert_str_eq(fd.code, "Receiver");
    ck_assert_str_eq(fd.subcode, "wsman:InternalError");
    wsman_fault_for_result(MI_RESULT_NO_SUCH_PROPERTY, NULL, &fd);
    ck_assert_str_eq(fd.subcode, "wsman:SchemaValidationError");
    ck_assert_int_eq(
        wsman_subcode_result(WSMAN_NS_ADDRESSING, "ActionNotSupported", NULL, WSMAN_ACTION_INVOKE),
        MI_RESULT_NOT_SUPPORTED);
    ck_assert_int_eq(wsman_subcode_result(WSMAN_NS_ADDRESSING, "DestinationUnreachable",
                                          "http://schemas.dmtf.org/wbem/wsman/1/wsman/"
                                          "faultDetail/InvalidResourceURI",
                                          WSMAN_ACTION_GET),
                     MI_RESULT_NOT_FOUND);
    /* Limits and header faults: FAILED unless a CIM_Error detail says more. */
    ck_assert_int_eq(wsman_subcode_result(WSMAN_NS_WSMAN, "EncodingLimit", NULL, WSMAN_ACTION_GET),
                     MI_RESULT_FAILED);
    ck_assert_int_eq(wsman_subcode_result(WSMAN_NS_ADDRESSING, "InvalidMessageInformationHeader",
                                          NULL, WSMAN_ACTION_GET),
                     MI_RESULT_FAILED);
    ck_assert_int_eq(wsman_subcode_result(WSMAN_NS_ENUMERATION, "InvalidEnumerationContext", NULL,
                                          WSMAN_ACTION_PULL),
                     MI_RESULT_INVALID_ENUMERATION_CONTEXT);
    /* The namespace decides, not the prefix. */
    ck_assert_int_eq(wsman_subcode_result("urn:other", "AlreadyExists", NULL, WSMAN_ACTION_GET),
                     MI_RESULT_FAILED);
}
END_TEST

START_TEST(fault_written_shape)
{
    wsman_fault_desc fd;
    wsman_buf b;
    util_buf_init(&b);
    wsman_fault_for_result(MI_RESULT_ALREADY_EXISTS, "a <dup> & more", &fd);
    ck_assert_int_eq(wsman_write_fault(&fd, "uuid:1", &b), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<wsa:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/"
                                         "fault</wsa:Action>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<wsa:RelatesTo>uuid:1</wsa:RelatesTo>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<SOAP-ENV:Value>SOAP-ENV:Sender</SOAP-ENV:Value>"
                                         "<SOAP-ENV:Subcode><SOAP-ENV:Value>wsman:AlreadyExists"));
    ck_assert_ptr_nonnull(strstr(b.data, "wsmb:IsCIM_Error=\"true\""));
    ck_assert_ptr_nonnull(strstr(b.data, ">OMI:MI_Result:11</p:MessageID>"));
    ck_assert_ptr_nonnull(strstr(b.data, "a &lt;dup&gt; &amp; more"));
    /* MustUnderstand: addressing fault action, NotUnderstood header, no subcode. */
    memset(&fd, 0, sizeof fd);
    fd.result = MI_RESULT_NOT_SUPPORTED;
    fd.code = "MustUnderstand";
    fd.not_understood = "Unknown";
    ck_assert_int_eq(wsman_write_fault(&fd, NULL, &b), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "addressing/fault</wsa:Action>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<SOAP-ENV:NotUnderstood qname=\"Unknown\"/>"));
    ck_assert_ptr_null(strstr(b.data, "RelatesTo"));
    util_buf_free(&b);
}
END_TEST

/* ---- HTTP level and hostile input ---------------------------------------------------------- */

static MI_Result read_body(int status, const char *ct, const char *body, size_t len,
                           wsman_response *resp)
{
    return wsman_read_response(&test_codec, WSMAN_ACTION_GET, status, ct, body, len, NULL, resp);
}

START_TEST(http_statuses)
{
    wsman_response resp;
    ck_assert_int_eq(read_body(401, NULL, NULL, 0, &resp), MI_RESULT_ACCESS_DENIED);
    ck_assert_ptr_nonnull(resp.fault.error);
    ck_assert_uint_eq(elem(resp.fault.error, "CIMStatusCode", MI_UINT32, NULL).uint32, 2);
    ck_assert_uint_eq(elem(resp.fault.error, "HTTPStatus", MI_UINT32, NULL).uint32, 401);
    wsman_response_free(&resp);
    ck_assert_int_eq(read_body(500, NULL, "", 0, &resp), MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(strstr(str_elem(resp.fault.error, "Message"), "empty body"));
    wsman_response_free(&resp);
    ck_assert_int_eq(read_body(302, NULL, NULL, 0, &resp), MI_RESULT_NOT_SUPPORTED);
    wsman_response_free(&resp);
    ck_assert_int_eq(read_body(413, NULL, NULL, 0, &resp), MI_RESULT_SERVER_LIMITS_EXCEEDED);
    wsman_response_free(&resp);
    ck_assert_int_eq(read_body(200, NULL, "<html>hi</html>", 15, &resp), MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(resp.fault.error);
    wsman_response_free(&resp);
    ck_assert_int_eq(read_body(503, NULL, "<html>busy</html>", 17, &resp), MI_RESULT_FAILED);
    wsman_response_free(&resp);
}
END_TEST

static const char *const hostile[] = {
    /* billion laughs */
    "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
    "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&c;</s:Body>"
    "</s:Envelope>",
    /* external entity */
    "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>&x;</s:Body>"
    "</s:Envelope>",
    /* truncated */
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><p:X xmlns:p=\"u\">",
    /* mismatched tags (14e) */
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><a>1</b></s:Body>"
    "</s:Envelope>",
    /* SOAP 1.1 */
    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>",
    /* no body */
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"></s:Envelope>",
    /* garbage */
    "\x01\x02\x03\xff\xfe garbage",
    /* body without an instance */
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>",
    /* a CreateResponse behind a DOCTYPE with an entity in its key */
    "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\">]><s:Envelope "
    "xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING "\" xmlns:w=\"" WSMAN_NS_WSMAN
    "\" xmlns:x=\"" WSMAN_NS_TRANSFER "\"><s:Body><x:ResourceCreated><a:ReferenceParameters>"
    "<w:ResourceURI>u/C</w:ResourceURI><w:SelectorSet><w:Selector Name=\"K\">&a;</w:Selector>"
    "</w:SelectorSet></a:ReferenceParameters></x:ResourceCreated></s:Body></s:Envelope>",
    /* a CreateResponse cut short */
    "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
    "\" xmlns:w=\"" WSMAN_NS_WSMAN "\" xmlns:x=\"" WSMAN_NS_TRANSFER
    "\"><s:Body><x:ResourceCreated>"
    "<a:ReferenceParameters><w:ResourceURI>u/C</w:ResourceURI><w:SelectorSet>"
    "<w:Selector Name=\"K\">1</w:Selector>",
    /* a reference without a ResourceURI */
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"" WSMAN_NS_ADDRESSING
    "\"><s:Body><p:X xmlns:p=\"u\"><p:R><a:Address>x</a:Address>"
    "<a:ReferenceParameters/></p:R></p:X></s:Body></s:Envelope>",
};

START_TEST(hostile_input)
{
    wsman_response resp;
    wsman_message msg;
    wsman_fault_desc fd;
    MI_Result r = read_body(200, NULL, hostile[_i], strlen(hostile[_i]), &resp);
    ck_assert_int_eq(r, MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(resp.fault.error);
    ck_assert_uint_eq(resp.num_items, 0);
    wsman_response_free(&resp);
    /* The same as the answer to a Create (the SAX fast path first). */
    r = wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, hostile[_i],
                            strlen(hostile[_i]), NULL, &resp);
    ck_assert_int_eq(r, MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(resp.fault.error);
    ck_assert_uint_eq(resp.num_items, 0);
    wsman_response_free(&resp);
    r = wsman_read_request(&test_codec, NULL, hostile[_i], strlen(hostile[_i]), &msg, &fd);
    if (_i < 9)
        ck_assert_int_ne(r, MI_RESULT_OK);
    if (r != MI_RESULT_OK)
        ck_assert(fd.code != NULL && fd.message[0] != '\0');
    wsman_message_free(&msg);
}
END_TEST

START_TEST(deep_and_large)
{
    size_t depth = 5000, i, n;
    char *doc = malloc(depth * 16 + 256), *p = doc;
    wsman_response resp;
    wsman_codec small = test_codec;
    p += sprintf(p, "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body><p:X xmlns:p=\"u\">");
    for (i = 0; i < depth; i++)
        p += sprintf(p, "<p:E>");
    for (i = 0; i < depth; i++)
        p += sprintf(p, "</p:E>");
    p += sprintf(p, "</p:X></s:Body></s:Envelope>");
    n = (size_t)(p - doc);
    ck_assert_int_eq(read_body(200, NULL, doc, n, &resp), MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(resp.fault.error);
    wsman_response_free(&resp);
    /* Nesting within libxml2's limit but beyond ours. */
    p = doc;
    p += sprintf(p, "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body><p:X xmlns:p=\"u\">");
    for (i = 0; i < 100; i++)
        p += sprintf(p, "<p:E><p:F>1</p:F>");
    for (i = 0; i < 100; i++)
        p += sprintf(p, "</p:E>");
    p += sprintf(p, "</p:X></s:Body></s:Envelope>");
    n = (size_t)(p - doc);
    ck_assert_int_eq(read_body(200, NULL, doc, n, &resp), MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(strstr(str_elem(resp.fault.error, "Message"), "deeply"));
    wsman_response_free(&resp);
    /* Many distinct properties: refused, quickly (no quadratic grouping). */
    {
        size_t cnt = 200000;
        char *big = malloc(cnt * 24 + 256), *q = big;
        q += sprintf(q, "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body><p:X xmlns:p=\"u\">");
        for (i = 0; i < cnt; i++)
            q += sprintf(q, "<p:n%zu/>", i);
        q += sprintf(q, "</p:X></s:Body></s:Envelope>");
        ck_assert_int_eq(read_body(200, NULL, big, (size_t)(q - big), &resp),
                         MI_RESULT_SERVER_LIMITS_EXCEEDED);
        wsman_response_free(&resp);
        /* One array of many items is fine. */
        q = big;
        q += sprintf(q, "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body><p:X xmlns:p=\"u\">");
        for (i = 0; i < cnt; i++)
            q += sprintf(q, "<p:a>%zu</p:a>", i % 10);
        q += sprintf(q, "</p:X></s:Body></s:Envelope>");
        ck_assert_int_eq(read_body(200, NULL, big, (size_t)(q - big), &resp), MI_RESULT_OK);
        ck_assert_uint_eq(elem(resp.items[0], "a", MI_STRINGA, NULL).stringa.size, cnt);
        wsman_response_free(&resp);
        free(big);
    }
    /* Over the size cap. */
    small.max_message = 64;
    ck_assert_int_eq(wsman_read_response(&small, WSMAN_ACTION_GET, 200, NULL, doc, n, NULL, &resp),
                     MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(strstr(str_elem(resp.fault.error, "Message"), "limit"));
    wsman_response_free(&resp);
    free(doc);
}
END_TEST

START_TEST(utf16_response)
{
    static const char *utf8 =
        "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body><p:X xmlns:p=\"u\"><p:Name>caf\xc3\xa9"
        "</p:Name></p:X></s:Body></s:Envelope>";
    size_t n = strlen(utf8), i, o = 0;
    unsigned char *u16 = malloc(n * 2 + 2);
    wsman_response resp;
    /* UTF-8 -> UTF-16LE with a BOM (the text is BMP only). */
    u16[o++] = 0xFF;
    u16[o++] = 0xFE;
    for (i = 0; i < n;) {
        unsigned c = (unsigned char)utf8[i];
        if (c < 0x80) {
            i++;
        } else {
            c = ((c & 0x1F) << 6) | ((unsigned char)utf8[i + 1] & 0x3F);
            i += 2;
        }
        u16[o++] = (unsigned char)(c & 0xFF);
        u16[o++] = (unsigned char)(c >> 8);
    }
    ck_assert_int_eq(
        read_body(200, "application/soap+xml;charset=UTF-16", (const char *)u16, o, &resp),
        MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Name"), "caf\xc3\xa9");
    wsman_response_free(&resp);
    /* Without the BOM, the Content-Type charset decides. */
    ck_assert_int_eq(
        read_body(200, "application/soap+xml; charset=utf-16", (const char *)u16 + 2, o - 2, &resp),
        MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Name"), "caf\xc3\xa9");
    wsman_response_free(&resp);
    free(u16);
}
END_TEST

#define ENC_BODY                                                                                   \
    "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body><p:X xmlns:p=\"u\"><p:Name>n"               \
    "</p:Name></p:X></s:Body></s:Envelope>"

/* ASCII to EBCDIC (code page 037) for the characters of ENC_BODY and a declaration. */
static unsigned char ebcdic(char c)
{
    static const char *const from = " <>?=\"/:.-_";
    static const unsigned char to[] = {0x40, 0x4C, 0x6E, 0x6F, 0x7E, 0x7F,
                                       0x61, 0x7A, 0x4B, 0x60, 0x6D};
    const char *p;
    if (c >= 'a' && c <= 'i')
        return (unsigned char)(0x81 + c - 'a');
    if (c >= 'j' && c <= 'r')
        return (unsigned char)(0x91 + c - 'j');
    if (c >= 's' && c <= 'z')
        return (unsigned char)(0xA2 + c - 's');
    if (c >= 'A' && c <= 'I')
        return (unsigned char)(0xC1 + c - 'A');
    if (c >= 'J' && c <= 'R')
        return (unsigned char)(0xD1 + c - 'J');
    if (c >= 'S' && c <= 'Z')
        return (unsigned char)(0xE2 + c - 'S');
    if (c >= '0' && c <= '9')
        return (unsigned char)(0xF0 + c - '0');
    p = strchr(from, c);
    return p && c ? to[p - from] : 0x6F;
}

/* Only UTF-8 and UTF-16 are read; other encodings are refused before libxml2 sees them, and
 * nothing is printed on the way. */
START_TEST(encodings)
{
    static const struct {
        const char *ct, *decl;
        MI_Result want;
        const char *in_message;
    } cases[] = {
        {NULL, "<?xml version=\"1.0\" encoding=\"UTF-7\"?>", MI_RESULT_NOT_SUPPORTED,
         "declares encoding UTF-7: only UTF-8 and UTF-16"},
        {NULL, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", MI_RESULT_NOT_SUPPORTED,
         "declares encoding ISO-8859-1"},
        {NULL, "<?xml version='1.0' encoding = 'ebcdic-cp-us' ?>", MI_RESULT_NOT_SUPPORTED,
         "declares encoding ebcdic-cp-us"},
        {"application/soap+xml;charset=ISO-8859-1", "", MI_RESULT_NOT_SUPPORTED,
         "charset ISO-8859-1"},
        {NULL, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", MI_RESULT_FAILED,
         "declares encoding UTF-16 but is in UTF-8"},
        {NULL, "<?xml version=\"1.0\" encoding=\"utf-8\"?>", MI_RESULT_OK, NULL},
        {"application/soap+xml;charset=utf-8", "<?xml version=\"1.0\"?>", MI_RESULT_OK, NULL},
    };
    char doc[1024], u[2048];
    wsman_response resp;
    wsman_message msg;
    wsman_fault_desc fd;
    size_t i, n;
    stderr_capture cap;
    char printed[512];

    ck_assert_int_eq(stderr_capture_begin(&cap), 0);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        n = (size_t)snprintf(doc, sizeof doc, "%s" ENC_BODY, cases[i].decl);
        ck_assert_int_eq(read_body(200, cases[i].ct, doc, n, &resp), cases[i].want);
        if (cases[i].in_message)
            ck_assert_msg(resp.fault.reason && strstr(resp.fault.reason, cases[i].in_message),
                          "case %zu: %s", i, resp.fault.reason ? resp.fault.reason : "(none)");
        else
            ck_assert_str_eq(str_elem(resp.items[0], "Name"), "n");
        wsman_response_free(&resp);
    }
    /* EBCDIC and UCS-4, recognised by their first bytes. */
    n = (size_t)snprintf(doc, sizeof doc, "<?xml version=\"1.0\" encoding=\"IBM037\"?>" ENC_BODY);
    for (i = 0; i < n; i++)
        u[i] = (char)ebcdic(doc[i]);
    ck_assert_int_eq(read_body(200, NULL, u, n, &resp), MI_RESULT_NOT_SUPPORTED);
    ck_assert_ptr_nonnull(strstr(resp.fault.reason, "EBCDIC"));
    wsman_response_free(&resp);
    n = strlen(ENC_BODY);
    memset(u, 0, sizeof u);
    for (i = 0; i < n; i++)
        u[4 * i + 3] = ENC_BODY[i];
    ck_assert_int_eq(read_body(200, NULL, u, 4 * n, &resp), MI_RESULT_NOT_SUPPORTED);
    ck_assert_ptr_nonnull(strstr(resp.fault.reason, "UCS-4"));
    wsman_response_free(&resp);
    /* UTF-16BE without a BOM, a character outside the BMP (a surrogate pair), a lone
     * surrogate. */
    n = (size_t)snprintf(doc, sizeof doc, "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" ENC_BODY);
    for (i = 0; i < n; i++) {
        u[2 * i] = 0;
        u[2 * i + 1] = doc[i];
    }
    ck_assert_int_eq(read_body(200, NULL, u, 2 * n, &resp), MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Name"), "n");
    wsman_response_free(&resp);
    for (i = 0; i < n && !(doc[i] == 'n' && doc[i + 1] == '<'); i++)
        ;
    memmove(u + 2 * i + 4, u + 2 * i, 2 * (n - i));
    u[2 * i] = (char)0xD8, u[2 * i + 1] = 0x3D, u[2 * i + 2] = (char)0xDE, u[2 * i + 3] = 0x00;
    ck_assert_int_eq(read_body(200, NULL, u, 2 * n + 4, &resp), MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Name"), "\xf0\x9f\x98\x80n");
    wsman_response_free(&resp);
    u[2 * i + 2] = 0x00; /* the low half becomes 'A': the high half stands alone */
    u[2 * i + 3] = 0x41;
    ck_assert_int_eq(read_body(200, NULL, u, 2 * n + 4, &resp), MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(strstr(resp.fault.reason, "not valid UTF-16"));
    wsman_response_free(&resp);
    /* The server refuses a request the same way, with the fault a charset gets. */
    n = (size_t)snprintf(doc, sizeof doc, "<?xml version=\"1.0\" encoding=\"UTF-7\"?>" ENC_BODY);
    ck_assert_int_eq(wsman_read_request(&test_codec, NULL, doc, n, &msg, &fd),
                     MI_RESULT_NOT_SUPPORTED);
    ck_assert_str_eq(fd.subcode, "wsman:EncodingLimit");
    ck_assert_ptr_nonnull(strstr(fd.fault_detail, "CharacterSet"));
    wsman_message_free(&msg);
    stderr_capture_end(&cap, printed, sizeof printed);
    ck_assert_msg(!printed[0], "libxml2 printed: %s", printed);
}
END_TEST

/* libxml2 2.9 keeps its error handlers per thread (Debian 12's build: threads enabled), so the
 * codec's wsman_quiet_begin on one thread leaves another thread's handlers alone. */
static void marker_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

#if LIBXML_VERSION >= 21200
static void marker_structured(void *ctx, const xmlError *e)
#else
static void marker_structured(void *ctx, xmlErrorPtr e)
#endif
{
    (void)ctx;
    (void)e;
}

static pthread_barrier_t quiet_barrier;

static void *quiet_thread(void *arg)
{
    wsman_quiet q;
    int *ok = arg;
    xmlGenericErrorFunc g = xmlGenericError;
    xmlStructuredErrorFunc s = xmlStructuredError;
    /* A new thread starts with libxml2's defaults, not the main thread's markers. */
    *ok = g != marker_generic && s != marker_structured;
    wsman_quiet_begin(&q);
    pthread_barrier_wait(&quiet_barrier); /* main looks at its own handlers now */
    pthread_barrier_wait(&quiet_barrier);
    wsman_quiet_end(&q);
    *ok = *ok && xmlGenericError == g && xmlStructuredError == s;
    return NULL;
}

START_TEST(quiet_per_thread)
{
    pthread_t t;
    wsman_quiet q;
    int ok = 0, marker;
    xmlSetGenericErrorFunc(&marker, marker_generic);
    xmlSetStructuredErrorFunc(&marker, marker_structured);
    ck_assert_int_eq(pthread_barrier_init(&quiet_barrier, NULL, 2), 0);
    ck_assert_int_eq(pthread_create(&t, NULL, quiet_thread, &ok), 0);
    pthread_barrier_wait(&quiet_barrier);
    ck_assert(xmlGenericError == marker_generic);
    ck_assert(xmlStructuredError == marker_structured);
    ck_assert_ptr_eq(xmlGenericErrorContext, &marker);
    pthread_barrier_wait(&quiet_barrier);
    pthread_join(t, NULL);
    pthread_barrier_destroy(&quiet_barrier);
    ck_assert_msg(ok, "the worker thread's handlers were not its own");
    /* On one thread: replaced between begin and end, restored after. */
    wsman_quiet_begin(&q);
    ck_assert(xmlGenericError != marker_generic);
    ck_assert(xmlStructuredError != marker_structured);
    wsman_quiet_end(&q);
    ck_assert(xmlGenericError == marker_generic);
    ck_assert(xmlStructuredError == marker_structured);
    ck_assert_ptr_eq(xmlStructuredErrorContext, &marker);
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
END_TEST

/* ---- server replies ---------------------------------------------------------------------- */

/* How many namespace declarations a message makes. */
static int ns_decls(const char *xml)
{
    int n = 0;
    while ((xml = strstr(xml, " xmlns:")) != NULL && ++n)
        xml++;
    return n;
}

START_TEST(replies_roundtrip)
{
    MI_Instance *w[2] = {NULL, NULL};
    wsman_buf b;
    wsman_reply rp;
    wsman_error err;
    wsman_response resp;
    wsman_read_options opts = {&widget_decl, NULL, MI_FALSE, NULL};
    MI_Value v;
    int k;
    util_buf_init(&b);
    for (k = 0; k < 2; k++) {
        ck_assert_int_eq(mic_instance_new(NULL, &widget_decl, &w[k]), MI_RESULT_OK);
        v.string = k ? "w2" : "w1";
        MI_Instance_SetElement(w[k], "Id", &v, MI_STRING, 0);
        v.uint32 = (MI_Uint32)k + 5;
        MI_Instance_SetElement(w[k], "Count", &v, MI_UINT32, 0);
    }
    memset(&rp, 0, sizeof rp);
    /* Create: ResourceCreated with the keys only. */
    rp.action = WSMAN_ACTION_CREATE;
    rp.instance = w[0];
    rp.relates_to = "uuid:r";
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "<wxf:ResourceCreated><wsa:Address>"));
    ck_assert_ptr_null(strstr(b.data, "__cimnamespace"));
    /* Only the namespaces it uses are declared (as WinRM's answers do): SOAP-ENV, wsa, wsman and
     * wxf, with OMI's prefixes; the tree reader reads it as the fast one does. */
    ck_assert_int_eq(ns_decls(b.data), 4);
    ck_assert_ptr_nonnull(strstr(b.data, "xmlns:wsman=\"" WSMAN_NS_WSMAN "\""));
    ck_assert_ptr_nonnull(strstr(b.data, "xmlns:wxf=\"" WSMAN_NS_TRANSFER "\""));
    ck_assert_int_eq(wsman_read_response_tree(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, b.data,
                                              b.len, &opts, &resp),
                     MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Id"), "w1");
    ck_assert_str_eq(resp.relates_to, "uuid:r");
    wsman_response_free(&resp);
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, b.data, b.len,
                                         &opts, &resp),
                     MI_RESULT_OK);
    ck_assert_str_eq(class_of(resp.items[0]), "Contoso_Widget");
    ck_assert_str_eq(str_elem(resp.items[0], "Id"), "w1");
    {
        int is_null; /* typed by the declaration: every property there, only the key set */
        elem(resp.items[0], "Count", MI_UINT32, &is_null);
        ck_assert(is_null);
    }
    wsman_response_free(&resp);
    /* Enumerate (optimized), Pull, EPR mode. */
    rp.action = WSMAN_ACTION_ENUMERATE;
    rp.items = (const MI_Instance *const *)w;
    rp.num_items = 2;
    rp.context = "17";
    rp.optimized = MI_TRUE;
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_ENUMERATE, 200, NULL, b.data,
                                         b.len, &opts, &resp),
                     MI_RESULT_OK);
    ck_assert_uint_eq(resp.num_items, 2);
    ck_assert_str_eq(resp.context, "17");
    ck_assert(!resp.end_of_sequence);
    ck_assert_uint_eq(elem(resp.items[1], "Count", MI_UINT32, NULL).uint32, 6);
    wsman_response_free(&resp);
    rp.action = WSMAN_ACTION_PULL;
    rp.context = NULL;
    rp.end_of_sequence = MI_TRUE;
    rp.epr_mode = MI_TRUE;
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_int_eq(
        wsman_read_response(&test_codec, WSMAN_ACTION_PULL, 200, NULL, b.data, b.len, &opts, &resp),
        MI_RESULT_OK);
    ck_assert_uint_eq(resp.num_items, 2);
    ck_assert_ptr_null(resp.context);
    ck_assert(resp.end_of_sequence);
    ck_assert_str_eq(str_elem(resp.items[1], "Id"), "w2");
    wsman_response_free(&resp);
    /* Delete, Release, Identify, Invoke. */
    rp.action = WSMAN_ACTION_DELETE;
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_int_eq(ns_decls(b.data), 2); /* SOAP-ENV and wsa: an empty Body */
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_DELETE, 200, NULL, b.data, b.len,
                                         NULL, &resp),
                     MI_RESULT_OK);
    wsman_response_free(&resp);
    rp.action = WSMAN_ACTION_IDENTIFY;
    rp.product_version = "0.1.0";
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_IDENTIFY, 200, NULL, b.data,
                                         b.len, NULL, &resp),
                     MI_RESULT_OK);
    ck_assert_str_eq(resp.product_vendor, "mofbind");
    ck_assert_str_eq(resp.product_version, "0.1.0");
    ck_assert_str_eq(resp.protocol_version, WSMAN_NS_WSMAN);
    wsman_response_free(&resp);
    rp.action = WSMAN_ACTION_INVOKE;
    rp.resource_uri = WSMAN_URI_PREFIX_DMTF "Contoso_Widget";
    rp.method_name = "Reset";
    rp.instance = w[1];
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "Contoso_Widget/ResetResponse</wsa:Action>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<p:Reset_OUTPUT"));
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_INVOKE, 200, NULL, b.data, b.len,
                                         NULL, &resp),
                     MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Count"), "6");
    ck_assert(!has_elem(resp.items[0], "Name")); /* NULL outputs are not sent */
    wsman_response_free(&resp);
    /* MIReturn goes out as ReturnValue, and reads back typed by the method's return type. */
    {
        MI_Instance *out = NULL;
        static const MI_MethodDecl reset = {MI_FLAG_METHOD, 0,    "Reset", NULL, 0,   NULL, 0, 0,
                                            MI_UINT32,      NULL, NULL,    NULL, NULL};
        wsman_read_options mopts = {NULL, &reset, MI_FALSE, NULL};
        ck_assert_int_eq(mic_instance_new("__Parameters", NULL, &out), MI_RESULT_OK);
        v.uint32 = 0;
        ck_assert_int_eq(MI_Instance_AddElement(out, "MIReturn", &v, MI_UINT32, MI_FLAG_OUT),
                         MI_RESULT_OK);
        rp.instance = out;
        ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
        ck_assert_ptr_nonnull(strstr(b.data, "<p:ReturnValue>0</p:ReturnValue>"));
        ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_INVOKE, 200, NULL, b.data,
                                             b.len, &mopts, &resp),
                         MI_RESULT_OK);
        ck_assert_uint_eq(elem(resp.items[0], "ReturnValue", MI_UINT32, NULL).uint32, 0);
        wsman_response_free(&resp);
        MI_Instance_Delete(out);
    }
    MI_Instance_Delete(w[0]);
    MI_Instance_Delete(w[1]);
    util_buf_free(&b);
}
END_TEST

/* Test_Num: one key, Num (uint32). */
static const MI_PropertyDecl num_key = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, "Num", NULL, 0, MI_UINT32, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl *const num_props[] = {&num_key};
static const MI_ClassDecl kd = {MI_FLAG_CLASS, 0,    "Test_Num", NULL, 0,    num_props, 1,   0,
                                NULL,          NULL, NULL,       0,    NULL, NULL,      NULL};

/* ResourceCreated keys are typed by the class declaration when it names the same class. */
START_TEST(created_keys_typed)
{
    static const char *body =
        "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
        "\" xmlns:w=\"" WSMAN_NS_WSMAN "\" xmlns:x=\"" WSMAN_NS_TRANSFER "\"><s:Body>"
        "<x:ResourceCreated><a:Address>" WSMAN_ANONYMOUS "</a:Address><a:ReferenceParameters>"
        "<w:ResourceURI>http://x/Test_Num</w:ResourceURI><w:SelectorSet>"
        "<w:Selector Name=\"Num\">%s</w:Selector></w:SelectorSet></a:ReferenceParameters>"
        "</x:ResourceCreated></s:Body></s:Envelope>";
    char doc[2048];
    wsman_response resp;
    wsman_read_options opts = {&kd, NULL, MI_FALSE, NULL};
    snprintf(doc, sizeof doc, body, " 17 ");
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, doc,
                                         strlen(doc), &opts, &resp),
                     MI_RESULT_OK);
    ck_assert_uint_eq(elem(resp.items[0], "Num", MI_UINT32, NULL).uint32, 17);
    wsman_response_free(&resp);
    opts.no_rtti = MI_TRUE;
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, doc,
                                         strlen(doc), &opts, &resp),
                     MI_RESULT_OK);
    ck_assert_str_eq(str_elem(resp.items[0], "Num"), "17");
    wsman_response_free(&resp);
    /* A subclass read with the base class's declaration keeps its own class name. */
    {
        static const char *sub = "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\"><s:Body>"
                                 "<p:Test_NumSub xmlns:p=\"u\"><p:Num>3</p:Num><p:Extra>x"
                                 "</p:Extra></p:Test_NumSub></s:Body></s:Envelope>";
        opts.no_rtti = MI_FALSE;
        ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_GET, 200, NULL, sub,
                                             strlen(sub), &opts, &resp),
                         MI_RESULT_OK);
        ck_assert_str_eq(class_of(resp.items[0]), "Test_NumSub");
        ck_assert_str_eq(str_elem(resp.items[0], "Num"), "3");
        ck_assert_str_eq(str_elem(resp.items[0], "Extra"), "x");
        wsman_response_free(&resp);
    }
    opts.no_rtti = MI_FALSE;
    snprintf(doc, sizeof doc, body, "seventeen");
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, doc,
                                         strlen(doc), &opts, &resp),
                     MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(strstr(str_elem(resp.fault.error, "Message"), "Num"));
    wsman_response_free(&resp);
}
END_TEST

/* A parser kept between reads (as a session keeps one) reads each response as a fresh one
 * does, also after a read it refused (a DOCTYPE, malformed XML), and is remade after
 * WSMAN_PARSER_REUSES reads. (The responses carry a comment: without one, wsman_scan reads
 * them and libxml2's parser is not used, which the end checks.) */
START_TEST(created_keys_reused_parser)
{
    static const char *body =
        "%s<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
        "\" xmlns:w=\"" WSMAN_NS_WSMAN "\" xmlns:x=\"" WSMAN_NS_TRANSFER "\"><s:Header>%s"
        "<a:RelatesTo>uuid:%u</a:RelatesTo></s:Header><s:Body>"
        "<x:ResourceCreated><a:Address>" WSMAN_ANONYMOUS "</a:Address><a:ReferenceParameters>"
        "<w:ResourceURI>http://x/Test_Num</w:ResourceURI><w:SelectorSet>"
        "<w:Selector Name=\"Num\">%u</w:Selector></w:SelectorSet></a:ReferenceParameters>"
        "</x:ResourceCreated></s:Body></s:Envelope>%s";
    char doc[2048], id[32];
    wsman_response resp;
    wsman_parser parser = {NULL, 0};
    wsman_read_options opts = {&kd, NULL, MI_FALSE, NULL};
    unsigned i;
    opts.parser = &parser;
    for (i = 0; i < 40; i++) {
        const char *pre = i % 10 == 3 ? "<!DOCTYPE s:Envelope [<!ENTITY e \"x\">]>" : "";
        const char *post = i % 10 == 7 ? "<oops" : "";
        MI_Result want = *pre || *post ? MI_RESULT_FAILED : MI_RESULT_OK;
        snprintf(doc, sizeof doc, body, pre, "<!--c-->", i, i, post);
        ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, doc,
                                             strlen(doc), &opts, &resp),
                         want);
        if (want == MI_RESULT_OK) {
            ck_assert_uint_eq(elem(resp.items[0], "Num", MI_UINT32, NULL).uint32, i);
            snprintf(id, sizeof id, "uuid:%u", i);
            ck_assert_str_eq(resp.relates_to, id);
            ck_assert_ptr_nonnull(parser.ctxt); /* kept */
        }
        wsman_response_free(&resp);
        if (i == 20)
            parser.uses = WSMAN_PARSER_REUSES; /* the next read makes a new one */
        if (i == 21)
            ck_assert_uint_eq(parser.uses, 0);
    }
    wsman_parser_free(&parser);
    ck_assert_ptr_null(parser.ctxt);
    wsman_parser_free(&parser); /* twice is harmless */
    snprintf(doc, sizeof doc, body, "", "", 7u, 7u, "");
    ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_CREATE, 200, NULL, doc,
                                         strlen(doc), &opts, &resp),
                     MI_RESULT_OK);
    ck_assert_uint_eq(elem(resp.items[0], "Num", MI_UINT32, NULL).uint32, 7);
    ck_assert_ptr_null(parser.ctxt); /* read by wsman_scan */
    wsman_response_free(&resp);
}
END_TEST

/* wsman_scan takes the usual shapes, declines what lies outside its subset (libxml2 reads
 * those), and agrees with libxml2 on all it takes (fuzz_wsman checks the same on every input). */
START_TEST(scan_subset)
{
#define ENV "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING "\">"
    static const struct {
        const char *doc;
        int taken;
    } cases[] = {
        {ENV "<s:Header><a:MessageID>uuid:1</a:MessageID></s:Header><s:Body/></s:Envelope>", 1},
        {"<?xml version='1.0' encoding='utf-8' standalone=\"no\" ?>\n" ENV "</s:Envelope>\n ", 1},
        {"<?xml version=\"1.0\"?>" ENV "<a:X>&lt;&#65;&#x42;&#x1F600;&amp;&quot;&apos;&gt;"
         "</a:X ></s:Envelope>",
         1},
        {ENV "<x xmlns=\"urn:d\" xml:lang='en' a:k = \"v>'\"><y/>]] ></x></s:Envelope>", 1},
        {ENV "<a:X>caf\xc3\xa9 \xe2\x82\xac</a:X></s:Envelope>", 1},
        {ENV "<!-- c --></s:Envelope>", 0},
        {ENV "<a:X><![CDATA[x]]></a:X></s:Envelope>", 0},
        {ENV "<?pi x?></s:Envelope>", 0},
        {"<!DOCTYPE s:Envelope [<!ENTITY e \"x\">]>" ENV "&e;</s:Envelope>", 0},
        {ENV "<a:X>\r\n</a:X></s:Envelope>", 0},
        {ENV "<a:X>&e;</a:X></s:Envelope>", 0},
        {ENV "<a:X>&#0;</a:X></s:Envelope>", 0},
        {ENV "<a:X>&#xD800;</a:X></s:Envelope>", 0},
        {ENV "<a:X>]]></a:X></s:Envelope>", 0},
        {ENV "<q:X/></s:Envelope>", 0},
        {ENV "<a:X k=\"1\" k=\"2\"/></s:Envelope>", 0},
        {ENV "<a:X a:k=\"1\" s:k=\"2\"/></s:Envelope>", 0},
        {ENV "<a:X xmlns:q=\"\"/></s:Envelope>", 0},
        {ENV "<a:X xmlns:q=\"urn:1\" xmlns:q=\"urn:2\"/></s:Envelope>", 0},
        {ENV "<a:X xmlns:xml=\""
             "http://www.w3.org/XML/1998/namespace"
             "\"/></s:Envelope>",
         0},
        {ENV "<a:b:c/></s:Envelope>", 0},
        {ENV "<a:X></a:Y></s:Envelope>", 0},
        {ENV "</s:Envelope><s:Envelope/>", 0},
        {ENV "</s:Envelope>x", 0},
        {ENV "<a:X k=\"<\"/></s:Envelope>", 0},
        {ENV "<a:X k=\"a\tb\"/></s:Envelope>", 0},
        {ENV "<a:X k=\"a&amp;b\"/></s:Envelope>", 0},
        {ENV "<a:X k=\"1\"j=\"2\"/></s:Envelope>", 0},
        {ENV "<a:Caf\xc3\xa9/></s:Envelope>", 0},
        {"<?xml version=\"1.1\"?>" ENV "</s:Envelope>", 0},
        {" <?xml version=\"1.0\"?>" ENV "</s:Envelope>", 0},
        {ENV "<a:X>", 0},
        {ENV "<a:X>\xff</a:X></s:Envelope>", 0},
        {"", 0},
    };
    char deep[2048];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        static const wsman_scan_cb cb = {sa_start, sa_end, sa_chars};
        sa_events e;
        int taken;
        memset(&e, 0, sizeof e);
        util_buf_init(&e.b);
        taken = wsman_scan(cases[i].doc, strlen(cases[i].doc), &cb, &e);
        util_buf_free(&e.b);
        ck_assert_msg(taken == cases[i].taken, "case %zu: %s", i, taken ? "taken" : "declined");
        ck_assert_msg(scan_agrees(cases[i].doc, strlen(cases[i].doc)), "case %zu disagrees", i);
    }
    /* Deeper than the subset's 32 open elements: libxml2's. */
    strcpy(deep, ENV);
    for (i = 0; i < 40; i++)
        strcat(deep, "<a:X>");
    for (i = 0; i < 40; i++)
        strcat(deep, "</a:X>");
    strcat(deep, "</s:Envelope>");
    ck_assert(scan_agrees(deep, strlen(deep)));
#undef ENV
}
END_TEST

/* A request as Windows' MI client writes it (PowerShell CIM cmdlets): MS headers, xsi:type on
 * the instance and its properties, an OptionSet, pretty-printed. */
START_TEST(windows_client_request)
{
    static const char *req =
        "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
        "\" xmlns:w=\"" WSMAN_NS_WSMAN "\" xmlns:p=\"" WSMAN_NS_MSWSMAN "\">\n"
        " <s:Header>\n"
        "  <a:To>http://h:5985/wsman</a:To>\n"
        "  <w:ResourceURI s:mustUnderstand=\"true\">http://schemas.dmtf.org/wbem/wscim/1/"
        "cim-schema/2/Contoso_Widget</w:ResourceURI>\n"
        "  <a:ReplyTo><a:Address s:mustUnderstand=\"true\">" WSMAN_ANONYMOUS
        "</a:Address></a:ReplyTo>\n"
        "  <a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/transfer/"
        "Put</a:Action>\n"
        "  <w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>\n"
        "  <a:MessageID>uuid:5B1F0C52-8E4A-4C55-9D7E-2A34C0A1B001</a:MessageID>\n"
        "  <w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>\n"
        "  <p:DataLocale xml:lang=\"de-DE\" s:mustUnderstand=\"false\"/>\n"
        "  <p:SessionId s:mustUnderstand=\"false\">uuid:1</p:SessionId>\n"
        "  <p:OperationID s:mustUnderstand=\"false\">uuid:2</p:OperationID>\n"
        "  <p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>\n"
        "  <w:OperationTimeout>PT180.000S</w:OperationTimeout>\n"
        "  <w:OptionSet s:mustUnderstand=\"true\"><w:Option Name=\"__MI_CallbackRegistration\" "
        "Type=\"xs:unsignedInt\">0</w:Option><w:Option Name=\"msftwinrm:UsePreciseArrays\" "
        "Type=\"xs:boolean\">true</w:Option></w:OptionSet>\n"
        "  <w:SelectorSet><w:Selector Name=\"Id\"> w1 </w:Selector>"
        "<w:Selector Name=\"__cimnamespace\">root/cimv2</w:Selector></w:SelectorSet>\n"
        " </s:Header>\n"
        " <s:Body>\n"
        "  <p:Contoso_Widget xmlns:p=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/"
        "Contoso_Widget\" xmlns:cim=\"" WSMAN_NS_CIM "\" xmlns:xsi=\"" WSMAN_NS_XSI
        "\" xsi:type=\"p:Contoso_Widget_Type\">\n"
        "   <p:Id xsi:type=\"cim:cimString\">w1</p:Id>\n"
        "   <p:Count xsi:type=\"cim:cimUnsignedInt\">7</p:Count>\n"
        "   <p:Tags xsi:type=\"cim:cimString\">only</p:Tags>\n"
        "  </p:Contoso_Widget>\n"
        " </s:Body>\n"
        "</s:Envelope>\n";
    wsman_message msg;
    wsman_fault_desc fd;
    wsman_error err;
    MI_Instance *inst = NULL;
    MI_Value v;
    ck_assert_int_eq(wsman_read_request(&test_codec, "application/soap+xml;charset=UTF-8", req,
                                        strlen(req), &msg, &fd),
                     MI_RESULT_OK);
    ck_assert_int_eq(msg.action, WSMAN_ACTION_PUT);
    ck_assert_str_eq(msg.name_space, "root/cimv2");
    ck_assert_uint_eq(msg.num_selectors, 1);
    ck_assert_str_eq(msg.selectors[0].value, "w1");
    ck_assert_str_eq(msg.data_locale, "de-DE");
    ck_assert(msg.timeout_usec == 180000000ull);
    ck_assert_uint_eq(msg.num_options, 2);
    ck_assert_str_eq(msg.options[1].name, "msftwinrm:UsePreciseArrays");
    ck_assert_str_eq(msg.options[1].type, "xs:boolean");
    ck_assert_str_eq(msg.options[1].value, "true");
    ck_assert_int_eq(wsman_message_instance(&test_codec, &msg, &widget_decl, NULL, &inst, &err),
                     MI_RESULT_OK);
    ck_assert_uint_eq(elem(inst, "Count", MI_UINT32, NULL).uint32, 7);
    v = elem(inst, "Tags", MI_STRINGA, NULL); /* one element of an array property */
    ck_assert_uint_eq(v.stringa.size, 1);
    ck_assert_str_eq(v.stringa.data[0], "only");
    MI_Instance_Delete(inst);
    wsman_message_free(&msg);
}
END_TEST

/* uint8[] with the OctetString qualifier travels as one base64 element. */
START_TEST(octet_string)
{
    static const MI_Boolean yes = 1;
    static const MI_Qualifier q = {"OctetString", MI_BOOLEAN, 0, &yes};
    static const MI_Qualifier *const qs[] = {&q};
    static const MI_PropertyDecl pk = {
        MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, "Id", NULL, 0, MI_STRING, NULL, 0, 0, NULL, NULL, NULL};
    static const MI_PropertyDecl po = {
        MI_FLAG_PROPERTY, 0, "Blob", qs, 1, MI_UINT8A, NULL, 0, 0, NULL, NULL, NULL};
    static const MI_PropertyDecl pr = {
        MI_FLAG_PROPERTY, 0, "Raw", NULL, 0, MI_UINT8A, NULL, 0, 0, NULL, NULL, NULL};
    static const MI_PropertyDecl *const ps[] = {&pk, &po, &pr};
    static const MI_ClassDecl d = {MI_FLAG_CLASS, 0,    "Test_Octets", NULL, 0,    ps,   3,   0,
                                   NULL,          NULL, NULL,          0,    NULL, NULL, NULL};
    MI_Uint8 bytes[5] = {0x00, 0xFF, 0x10, 'a', 0x80};
    MI_Instance *inst = NULL;
    MI_Value v;
    wsman_buf b;
    wsman_reply rp;
    wsman_error err;
    wsman_response resp;
    wsman_read_options opts = {&d, NULL, MI_FALSE, NULL};
    MI_Uint32 n;
    MI_Uint8 *raw = NULL;
    ck_assert_int_eq(mic_instance_new(NULL, &d, &inst), MI_RESULT_OK);
    v.string = "o1";
    MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0);
    v.uint8a.data = bytes;
    v.uint8a.size = 5;
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Blob", &v, MI_UINT8A, 0), MI_RESULT_OK);
    v.uint8a.size = 2;
    ck_assert_int_eq(MI_Instance_SetElement(inst, "Raw", &v, MI_UINT8A, 0), MI_RESULT_OK);
    util_buf_init(&b);
    memset(&rp, 0, sizeof rp);
    rp.action = WSMAN_ACTION_GET;
    rp.instance = inst;
    ck_assert_int_eq(wsman_write_reply(&rp, &b, &err), MI_RESULT_OK);
    ck_assert_ptr_nonnull(strstr(b.data, "xsi:type=\"cim:cimBase64Binary\">AP8QYYA=</p:Blob>"));
    ck_assert_ptr_nonnull(strstr(b.data, "<p:Raw>0</p:Raw><p:Raw>255</p:Raw>"));
    ck_assert_int_eq(
        wsman_read_response(&test_codec, WSMAN_ACTION_GET, 200, NULL, b.data, b.len, &opts, &resp),
        MI_RESULT_OK);
    v = elem(resp.items[0], "Blob", MI_UINT8A, NULL);
    ck_assert_uint_eq(v.uint8a.size, 5);
    ck_assert(memcmp(v.uint8a.data, bytes, 5) == 0);
    v = elem(resp.items[0], "Raw", MI_UINT8A, NULL);
    ck_assert_uint_eq(v.uint8a.size, 2);
    wsman_response_free(&resp);
    ck_assert_int_eq(wsman_parse_base64("QUJD", &raw, &n), MI_RESULT_OK);
    ck_assert(n == 3 && memcmp(raw, "ABC", 3) == 0);
    free(raw);
    ck_assert_int_eq(wsman_parse_base64("QU\nI=", &raw, &n), MI_RESULT_OK);
    ck_assert(n == 2 && memcmp(raw, "AB", 2) == 0);
    free(raw);
    ck_assert_int_eq(wsman_parse_base64("Q!==", &raw, &n), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(wsman_parse_base64("QUJD=A", &raw, &n), MI_RESULT_INVALID_PARAMETER);
    MI_Instance_Delete(inst);
    util_buf_free(&b);
}
END_TEST

/* The server's answers to bad requests. */
START_TEST(request_faults)
{
    static const struct {
        const char *ct;
        const char *header;
        const char *body;
        MI_Result r;
        const char *subcode;
    } cases[] = {
        {"application/soap+xml;charset=UTF-16", "", "", MI_RESULT_NOT_SUPPORTED,
         "wsman:EncodingLimit"},
        {"application/xml", "", "", MI_RESULT_NOT_SUPPORTED, "wsman:EncodingLimit"},
        {NULL, "<w:MaxEnvelopeSize>4096</w:MaxEnvelopeSize>", "", MI_RESULT_SERVER_LIMITS_EXCEEDED,
         "wsman:EncodingLimit"},
        {NULL, "<w:OperationTimeout>PT-1S</w:OperationTimeout>", "",
         MI_RESULT_INVALID_OPERATION_TIMEOUT, "wsa:InvalidMessageInformationHeader"},
        {NULL, "<x:U xmlns:x=\"urn:x\" s:mustUnderstand=\"true\">1</x:U>", "",
         MI_RESULT_NOT_SUPPORTED, NULL},
        {NULL, "<a:Action>http://schemas.xmlsoap.org/ws/2004/08/eventing/GetStatus</a:Action>", "",
         MI_RESULT_NOT_SUPPORTED, "wsa:ActionNotSupported"},
        {NULL, "<a:Action>http://schemas.xmlsoap.org/ws/2004/08/eventing/Subscribe</a:Action>", "",
         MI_RESULT_INVALID_PARAMETER, "wsman:SchemaValidationError"},
        {NULL, "", "<p:X xmlns:p=\"u\"/>", MI_RESULT_INVALID_PARAMETER,
         "wsa:MessageInformationHeaderRequired"},
        {NULL, "<a:Action>http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull</a:Action>",
         "<n:Pull xmlns:n=\"" WSMAN_NS_ENUMERATION "\"/>", MI_RESULT_INVALID_ENUMERATION_CONTEXT,
         "wsen:InvalidEnumerationContext"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char req[2048];
        wsman_message msg;
        wsman_fault_desc fd;
        wsman_buf b;
        wsman_response resp;
        snprintf(req, sizeof req,
                 "<s:Envelope xmlns:s=\"" WSMAN_NS_SOAP "\" xmlns:a=\"" WSMAN_NS_ADDRESSING
                 "\" xmlns:w=\"" WSMAN_NS_WSMAN "\"><s:Header>%s%s</s:Header><s:Body>%s</s:Body>"
                 "</s:Envelope>",
                 strstr(cases[i].header, "a:Action") || cases[i].body[0]
                     ? ""
                     : "<a:Action>http://schemas.xmlsoap.org/ws/2004/09/transfer/Get</a:Action>",
                 cases[i].header, cases[i].body);
        ck_assert_int_eq(wsman_read_request(&test_codec, cases[i].ct, req, strlen(req), &msg, &fd),
                         cases[i].r);
        if (cases[i].subcode)
            ck_assert_str_eq(fd.subcode, cases[i].subcode);
        else
            ck_assert_str_eq(fd.code, "MustUnderstand");
        /* The fault the server writes reads back as the same result. */
        util_buf_init(&b);
        ck_assert_int_eq(wsman_write_fault(&fd, msg.message_id, &b), MI_RESULT_OK);
        ck_assert_int_eq(wsman_read_response(&test_codec, WSMAN_ACTION_GET, 500, NULL, b.data,
                                             b.len, NULL, &resp),
                         cases[i].r);
        wsman_response_free(&resp);
        util_buf_free(&b);
        wsman_message_free(&msg);
    }
}
END_TEST

static Suite *wire_suite(void)
{
    Suite *s = suite_create("wire");
    TCase *c = tcase_create("lexical");
    tcase_add_test(c, lexical_numbers);
    tcase_add_test(c, reals_as_printf_writes_them);
    tcase_add_test(c, escape_at_every_offset);
    tcase_add_test(c, lexical_booleans_chars);
    tcase_add_test(c, lexical_reals);
    tcase_add_test(c, lexical_datetimes);
    tcase_add_test(c, option_types);
    tcase_add_test(c, message_ids);
    suite_add_tcase(s, c);
    c = tcase_create("instances");
    tcase_add_test(c, roundtrip_reply_typed);
    tcase_add_test(c, roundtrip_request_typed);
    tcase_add_test(c, server_typing_errors);
    tcase_add_test(c, request_shapes);
    tcase_add_test(c, replies_roundtrip);
    tcase_add_test(c, created_keys_typed);
    tcase_add_test(c, created_keys_reused_parser);
    tcase_add_test(c, scan_subset);
    tcase_add_test(c, windows_client_request);
    tcase_add_test(c, octet_string);
    suite_add_tcase(s, c);
    c = tcase_create("faults");
    tcase_add_test(c, fault_roundtrip_every_result);
    tcase_add_test(c, fault_subcodes_dsp0226);
    tcase_add_test(c, fault_written_shape);
    tcase_add_test(c, http_statuses);
    tcase_add_test(c, request_faults);
    suite_add_tcase(s, c);
    c = tcase_create("hostile");
    tcase_set_timeout(c, 60); /* megabyte inputs; CPU well under a second, the rest is load */
    tcase_add_loop_test(c, hostile_input, 0, (int)(sizeof hostile / sizeof hostile[0]));
    tcase_add_test(c, deep_and_large);
    tcase_add_test(c, utf16_response);
    tcase_add_test(c, encodings);
    tcase_add_test(c, quiet_per_thread);
    suite_add_tcase(s, c);
    return s;
}

int main(void)
{
    SRunner *sr;
    int failed;
    wsman_global_init();
    init_all_decl();
    sr = srunner_create(wire_suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    xmlCleanupParser();
    return failed ? 1 : 0;
}
