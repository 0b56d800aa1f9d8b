/* SPDX-License-Identifier: MIT */
/* tests/test_e2e.c: end to end through the bindings generated from schemas/demo.mof, libmofbind
 * and an embedded mofbind-server on a loopback port: every MI type and array type created, read
 * back with Get (typed) and Enumerate (untyped, converted by X_FromInstance) and compared field
 * by field; references and embedded instances; methods; namespaces given, defaulted, invalid and
 * unknown; asynchronous callbacks with automatic and manual acknowledgement; cancel during a
 * slow operation; the close rules. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <float.h>
#include <limits.h>
#include <math.h>

#include "e2e_util.h"

/* ---- values ----------------------------------------------------------------------------- */

static MI_Datetime ts(unsigned y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s,
                      unsigned us, int utc)
{
    MI_Datetime t;
    memset(&t, 0, sizeof t);
    t.isTimestamp = MI_TRUE;
    t.u.timestamp.year = y;
    t.u.timestamp.month = mo;
    t.u.timestamp.day = d;
    t.u.timestamp.hour = h;
    t.u.timestamp.minute = mi;
    t.u.timestamp.second = s;
    t.u.timestamp.microseconds = us;
    t.u.timestamp.utc = utc;
    return t;
}

static MI_Datetime iv(unsigned d, unsigned h, unsigned mi, unsigned s, unsigned us)
{
    MI_Datetime t;
    memset(&t, 0, sizeof t);
    t.u.interval.days = d;
    t.u.interval.hours = h;
    t.u.interval.minutes = mi;
    t.u.interval.seconds = s;
    t.u.interval.microseconds = us;
    return t;
}

static MI_Instance *setting(MI_Application *app, const char *name, const char *value)
{
    Demo_Setting s;
    MI_Instance *i = NULL;
    Demo_Setting_Init(&s);
    ck_assert_int_eq(Demo_Setting_Set_Name(&s, name), MI_RESULT_OK);
    if (value)
        ck_assert_int_eq(Demo_Setting_Set_Value(&s, value), MI_RESULT_OK);
    ck_assert_int_eq(Demo_Setting_ToInstance(&s, app, &i), MI_RESULT_OK);
    Demo_Setting_Destruct(&s);
    return i;
}

/* Every property set, ordinary values. */
static void fill_typical(MI_Application *app, Win32_Foo *x, const char *id)
{
    static const MI_Boolean flags[] = {MI_TRUE, MI_FALSE, MI_TRUE};
    static const MI_Uint8 bytes[] = {0, 1, 127, 128, 255};
    static const MI_Sint8 sd[] = {-1, 0, 1};
    static const MI_Uint16 ports[] = {80, 443, 5985};
    static const MI_Sint16 d16[] = {-300, 300};
    static const MI_Uint32 counts[] = {1, 2, 3, 100000};
    static const MI_Sint32 d32[] = {-70000, 70000};
    static const MI_Uint64 sizes[] = {0, 4294967296ULL, 1ULL << 40};
    static const MI_Sint64 d64[] = {-5000000000LL, 5000000000LL};
    static const MI_Real32 ratios[] = {0.25f, -1.5f, 3.0e10f};
    static const MI_Real64 readings[] = {0.1, 0.30000000000000004, -2.5e-300};
    static const MI_Char16 grades[] = {'A', 'b', 0x20AC};
    static const MI_Char *const tags[] = {"alpha", "beta gamma", "x<y>&\"z\"'"};
    MI_Datetime times[2];
    MI_Instance *more[2];
    MI_Instance *s;

    times[0] = ts(2026, 11, 25, 1, 2, 3, 456789, 0);
    times[1] = iv(1, 2, 3, 4, 5);
    e2e_foo(x, id);
    ck_assert_int_eq(Win32_Foo_Set_Caption(x, "typical"), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_State(x, Demo_LogicalElement_State_Disabled), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Enabled(x, MI_TRUE), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Level(x, 200), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Offset8(x, -100), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Port(x, 5986), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Delta16(x, -1234), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Count(x, 123456), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Delta32(x, -123456), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Size(x, 12884901888ULL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Delta64(x, -9000000000LL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Ratio(x, 0.75f), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Precise(x, 3.141592653589793), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Grade(x, 'Q'), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Created(x, ts(2024, 2, 29, 23, 59, 58, 0, 0)), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Uptime(x, iv(3, 4, 5, 6, 0)), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Flags(x, flags, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Bytes(x, bytes, 5), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_SmallDeltas(x, sd, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Ports(x, ports, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Deltas16(x, d16, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Counts(x, counts, 4), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Deltas32(x, d32, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Sizes(x, sizes, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Deltas64(x, d64, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Ratios(x, ratios, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Readings(x, readings, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Grades(x, grades, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Times(x, times, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Tags(x, tags, 3), MI_RESULT_OK);
    s = setting(app, "color", "blue");
    ck_assert_int_eq(Win32_Foo_Set_Setting(x, s), MI_RESULT_OK);
    MI_Instance_Delete(s);
    more[0] = setting(app, "a", "1");
    more[1] = setting(app, "b", NULL);
    ck_assert_int_eq(Win32_Foo_Set_MoreSettings(x, (const MI_Instance *const *)more, 2),
                     MI_RESULT_OK);
    MI_Instance_Delete(more[0]);
    MI_Instance_Delete(more[1]);
}

/* Every property at the edges of its type. */
static void fill_edges(MI_Application *app, Win32_Foo *x, const char *id)
{
    static const MI_Boolean flags[] = {MI_FALSE};
    static const MI_Uint8 bytes[] = {255};
    static const MI_Sint8 sd[] = {-128, 127};
    static const MI_Uint16 ports[] = {0, 65535};
    static const MI_Sint16 d16[] = {-32768, 32767};
    static const MI_Uint32 counts[] = {0, 4294967295u};
    static const MI_Sint32 d32[] = {INT_MIN, INT_MAX};
    static const MI_Uint64 sizes[] = {18446744073709551615ULL};
    static const MI_Sint64 d64[] = {LLONG_MIN, LLONG_MAX};
    static const MI_Real32 ratios[] = {FLT_MAX, -FLT_MIN, 1.0f / 3.0f};
    static const MI_Real64 readings[] = {DBL_MAX, DBL_MIN, -0.0, 1.0 / 3.0};
    static const MI_Char16 grades[] = {0x41, 0xE9, 0xFFFD};
    static const MI_Char *const tags[] = {
        "", " spaces  inside ", "\xc3\xbc\xe2\x82\xac\xe6\x97\xa5", "]]><![CDATA[", "tab\there"};
    MI_Datetime times[3];
    MI_Instance *s;

    times[0] = ts(1, 1, 1, 0, 0, 0, 0, -720);
    times[1] = ts(9999, 12, 31, 23, 59, 59, 999999, 720);
    times[2] = iv(99999999, 23, 59, 59, 999999);
    e2e_foo(x, id);
    ck_assert_int_eq(Win32_Foo_Set_Caption(x, "<edges> & \"quotes\" 'apos' \xc3\xa9"),
                     MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_State(x, 65535), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Enabled(x, MI_FALSE), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Level(x, 255), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Offset8(x, -128), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Port(x, 65535), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Delta16(x, -32768), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Count(x, 4294967295u), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Delta32(x, INT_MIN), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Size(x, 18446744073709551615ULL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Delta64(x, LLONG_MIN), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Ratio(x, -FLT_MAX), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Precise(x, -DBL_MAX), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Grade(x, 0x20AC), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Created(x, ts(1999, 12, 31, 23, 59, 59, 1, -330)), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Uptime(x, iv(0, 0, 0, 0, 1)), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Flags(x, flags, 1), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Bytes(x, bytes, 1), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_SmallDeltas(x, sd, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Ports(x, ports, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Deltas16(x, d16, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Counts(x, counts, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Deltas32(x, d32, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Sizes(x, sizes, 1), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Deltas64(x, d64, 2), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Ratios(x, ratios, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Readings(x, readings, 4), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Grades(x, grades, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Times(x, times, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Tags(x, tags, 5), MI_RESULT_OK);
    s = setting(app, "empty value", "");
    ck_assert_int_eq(Win32_Foo_Set_Setting(x, s), MI_RESULT_OK);
    MI_Instance_Delete(s);
}

/* ---- comparison, field by field ------------------------------------------------------------ */

static void cmp_dt(const char *what, const MI_Datetime *a, const MI_Datetime *b)
{
    ck_assert_msg(a->isTimestamp == b->isTimestamp, "%s: timestamp vs interval", what);
    if (a->isTimestamp) {
        const MI_Timestamp *x = &a->u.timestamp, *y = &b->u.timestamp;
        ck_assert_msg(x->year == y->year && x->month == y->month && x->day == y->day &&
                          x->hour == y->hour && x->minute == y->minute && x->second == y->second &&
                          x->microseconds == y->microseconds && x->utc == y->utc,
                      "%s: %04u-%02u-%02u %02u:%02u:%02u.%06u%+d came back as "
                      "%04u-%02u-%02u %02u:%02u:%02u.%06u%+d",
                      what, x->year, x->month, x->day, x->hour, x->minute, x->second,
                      x->microseconds, x->utc, y->year, y->month, y->day, y->hour, y->minute,
                      y->second, y->microseconds, y->utc);
    } else {
        const MI_Interval *x = &a->u.interval, *y = &b->u.interval;
        ck_assert_msg(x->days == y->days && x->hours == y->hours && x->minutes == y->minutes &&
                          x->seconds == y->seconds && x->microseconds == y->microseconds,
                      "%s: interval %u %u:%u:%u.%06u came back as %u %u:%u:%u.%06u", what, x->days,
                      x->hours, x->minutes, x->seconds, x->microseconds, y->days, y->hours,
                      y->minutes, y->seconds, y->microseconds);
    }
}

static void cmp_setting(const char *what, const MI_Instance *a, const MI_Instance *b)
{
    Demo_Setting x, y;
    Demo_Setting_Init(&x);
    Demo_Setting_Init(&y);
    ck_assert_msg(a && b, "%s: instance missing", what);
    ck_assert_int_eq(Demo_Setting_FromInstance(a, &x), MI_RESULT_OK);
    ck_assert_msg(Demo_Setting_FromInstance(b, &y) == MI_RESULT_OK, "%s: not a Demo_Setting", what);
    ck_assert_msg(y.Name.exists && strcmp(x.Name.value, y.Name.value) == 0, "%s.Name", what);
    ck_assert_msg(x.Value.exists == y.Value.exists, "%s.Value exists %d vs %d", what,
                  x.Value.exists, y.Value.exists);
    if (x.Value.exists)
        ck_assert_str_eq(x.Value.value, y.Value.value);
    Demo_Setting_Destruct(&x);
    Demo_Setting_Destruct(&y);
}

#define EXISTS(f)                                                                                  \
    ck_assert_msg(a->f.exists == b->f.exists, "%s: " #f " exists %d, came back %d", how,           \
                  a->f.exists, b->f.exists)
#define SCALAR(f, fmt, cast)                                                                       \
    do {                                                                                           \
        EXISTS(f);                                                                                 \
        if (a->f.exists)                                                                           \
            ck_assert_msg(a->f.value == b->f.value, "%s: " #f " " fmt " came back " fmt, how,      \
                          (cast)a->f.value, (cast)b->f.value);                                     \
    } while (0)
/* A property with a MOF default: left unset, it comes back with the default (issue 14). */
#define DEFAULTED(f, d, fmt, cast)                                                                 \
    do {                                                                                           \
        if (a->f.exists) {                                                                         \
            SCALAR(f, fmt, cast);                                                                  \
        } else {                                                                                   \
            ck_assert_msg(b->f.exists && b->f.value == (d), "%s: " #f " unset came back " fmt,     \
                          how, (cast)b->f.value);                                                  \
        }                                                                                          \
    } while (0)
#define REALSCALAR(f)                                                                              \
    do {                                                                                           \
        EXISTS(f);                                                                                 \
        if (a->f.exists)                                                                           \
            ck_assert_msg(memcmp(&a->f.value, &b->f.value, sizeof a->f.value) == 0,                \
                          "%s: " #f " %.17g came back %.17g", how, (double)a->f.value,             \
                          (double)b->f.value);                                                     \
    } while (0)
#define ARRAY(f)                                                                                   \
    do {                                                                                           \
        EXISTS(f);                                                                                 \
        if (a->f.exists) {                                                                         \
            ck_assert_msg(a->f.value.size == b->f.value.size, "%s: " #f " size %u came back %u",   \
                          how, a->f.value.size, b->f.value.size);                                  \
            ck_assert_msg(a->f.value.size == 0 ||                                                  \
                              memcmp(a->f.value.data, b->f.value.data,                             \
                                     a->f.value.size * sizeof *a->f.value.data) == 0,              \
                          "%s: " #f " elements differ", how);                                      \
        }                                                                                          \
    } while (0)

static void cmp_foo(const char *how, const Win32_Foo *a, const Win32_Foo *b)
{
    MI_Uint32 i;
    EXISTS(InstanceID);
    ck_assert_str_eq(a->InstanceID.value, b->InstanceID.value);
    EXISTS(Caption);
    if (a->Caption.exists)
        ck_assert_str_eq(a->Caption.value, b->Caption.value);
    EXISTS(Name);
    ck_assert_str_eq(a->Name.value, b->Name.value);
    DEFAULTED(State, 0, "%u", unsigned);
    SCALAR(Enabled, "%u", unsigned);
    SCALAR(Level, "%u", unsigned);
    SCALAR(Offset8, "%d", int);
    DEFAULTED(Port, 5985, "%u", unsigned);
    SCALAR(Delta16, "%d", int);
    SCALAR(Count, "%u", unsigned);
    SCALAR(Delta32, "%d", int);
    SCALAR(Size, "%llu", unsigned long long);
    SCALAR(Delta64, "%lld", long long);
    REALSCALAR(Ratio);
    REALSCALAR(Precise);
    SCALAR(Grade, "%u", unsigned);
    EXISTS(Created);
    if (a->Created.exists)
        cmp_dt("Created", &a->Created.value, &b->Created.value);
    EXISTS(Uptime);
    if (a->Uptime.exists)
        cmp_dt("Uptime", &a->Uptime.value, &b->Uptime.value);
    ARRAY(Flags);
    ARRAY(Bytes);
    ARRAY(SmallDeltas);
    ARRAY(Ports);
    ARRAY(Deltas16);
    ARRAY(Counts);
    ARRAY(Deltas32);
    ARRAY(Sizes);
    ARRAY(Deltas64);
    ARRAY(Ratios);
    ARRAY(Readings);
    ARRAY(Grades);
    EXISTS(Times);
    if (a->Times.exists) {
        ck_assert_uint_eq(a->Times.value.size, b->Times.value.size);
        for (i = 0; i < a->Times.value.size; i++)
            cmp_dt("Times[]", &a->Times.value.data[i], &b->Times.value.data[i]);
    }
    EXISTS(Tags);
    if (a->Tags.exists) {
        ck_assert_uint_eq(a->Tags.value.size, b->Tags.value.size);
        for (i = 0; i < a->Tags.value.size; i++)
            ck_assert_str_eq(a->Tags.value.data[i], b->Tags.value.data[i]);
    }
    EXISTS(Setting);
    if (a->Setting.exists)
        cmp_setting("Setting", a->Setting.value, b->Setting.value);
    EXISTS(MoreSettings);
    if (a->MoreSettings.exists) {
        ck_assert_uint_eq(a->MoreSettings.value.size, b->MoreSettings.value.size);
        for (i = 0; i < a->MoreSettings.value.size; i++)
            cmp_setting("MoreSettings[]", a->MoreSettings.value.data[i],
                        b->MoreSettings.value.data[i]);
    }
}

/* The elements of an untyped result, for failure messages. */
static const char *dump(const MI_Instance *inst)
{
    static char buf[4096];
    size_t n = 0;
    MI_Uint32 i, count = 0;
    MI_Instance_GetElementCount(inst, &count);
    buf[0] = '\0';
    for (i = 0; i < count && n < sizeof buf - 200; i++) {
        const MI_Char *name;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f, k;
        if (MI_Instance_GetElementAt(inst, i, &name, &v, &t, &f) != MI_RESULT_OK)
            continue;
        n += (size_t)snprintf(buf + n, sizeof buf - n, " %s(%d)", name, (int)t);
        if (f & MI_FLAG_NULL)
            continue;
        if (t == MI_STRING)
            n += (size_t)snprintf(buf + n, sizeof buf - n, "='%.60s'", v.string);
        if (t == MI_STRINGA)
            for (k = 0; k < v.stringa.size && n < sizeof buf - 200; k++)
                n += (size_t)snprintf(buf + n, sizeof buf - n, "%s'%.40s'", k ? "," : "=",
                                      v.stringa.data[k]);
    }
    return buf;
}

/* Creates x, reads it back with Get and with Enumerate, and compares. */
static void round_trip(e2e_client *c, Win32_Foo *x)
{
    Win32_Foo got, key;
    MI_Instance *err = NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean found, more = MI_TRUE;
    MI_Result r, res = MI_RESULT_FAILED;
    const MI_Char *msg;
    const MI_Instance *details;
    int seen = 0;

    Win32_Foo_Init(&got);
    r = Win32_Foo_CreateSync(&c->session, E2E_NS, x, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    ck_assert_ptr_null(err);
    ck_assert(got.InstanceID.exists);
    ck_assert_str_eq(got.InstanceID.value, x->InstanceID.value);
    Win32_Foo_Destruct(&got);

    Win32_Foo_Init(&key);
    ck_assert_int_eq(Win32_Foo_SetPtr_InstanceID(&key, x->InstanceID.value), MI_RESULT_OK);
    r = Win32_Foo_GetSync(&c->session, E2E_NS, &key, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Get: %d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    cmp_foo("Get", x, &got);
    Win32_Foo_Destruct(&got);
    Win32_Foo_Destruct(&key);

    Win32_Foo_Enumerate(&c->session, E2E_NS, MI_FALSE, NULL, &op);
    while (more) {
        const MI_Instance *inst = NULL;
        Win32_Foo_Init(&got);
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, &msg, &details),
                         MI_RESULT_OK);
        found = inst != NULL;
        if (inst && (r = Win32_Foo_FromInstance(inst, &got)) != MI_RESULT_OK)
            ck_abort_msg("Enumerate: Win32_Foo_FromInstance: %d on %s", (int)r, dump(inst));
        if (found && strcmp(got.InstanceID.value, x->InstanceID.value) == 0) {
            cmp_foo("Enumerate", x, &got);
            seen++;
        }
        Win32_Foo_Destruct(&got);
    }
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_int_eq(seen, 1);
}

START_TEST(types_typical)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    fill_typical(&c.app, &x, "typical");
    round_trip(&c, &x);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

START_TEST(types_edges)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    fill_edges(&c.app, &x, "edges \xc3\xa9 <&>");
    round_trip(&c, &x);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Only the key and the Required property: everything else comes back NULL. */
START_TEST(types_nulls)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "sparse");
    round_trip(&c, &x);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* One property of each type at a time, so that a failure names its type alone. */
START_TEST(types_one_by_one)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo full, x;
    char id[32];
    MI_Uint32 i, n = Win32_Foo_rtti.numProperties;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    fill_typical(&c.app, &full, "full");
    for (i = 0; i < n; i++) {
        const MI_PropertyDecl *p = Win32_Foo_rtti.properties[i];
        MI_Instance *inst = NULL;
        MI_Value v;
        MI_Type t;
        MI_Uint32 f;
        /* full -> instance -> pick one element -> x */
        if (strcmp(p->name, "InstanceID") == 0 || strcmp(p->name, "Name") == 0)
            continue;
        snprintf(id, sizeof id, "one-%u", (unsigned)i);
        ck_assert_int_eq(Win32_Foo_ToInstance(&full, &c.app, &inst), MI_RESULT_OK);
        ck_assert_int_eq(MI_Instance_GetElement(inst, p->name, &v, &t, &f, NULL), MI_RESULT_OK);
        ck_assert_int_eq(t, (MI_Type)p->type);
        {
            MI_Instance *one = NULL;
            MI_Value k;
            ck_assert_int_eq(MI_Application_NewInstance(&c.app, "Win32_Foo", NULL, &one),
                             MI_RESULT_OK);
            k.string = id;
            ck_assert_int_eq(MI_Instance_AddElement(one, "InstanceID", &k, MI_STRING, 0),
                             MI_RESULT_OK);
            k.string = (MI_Char *)"e2e";
            ck_assert_int_eq(MI_Instance_AddElement(one, "Name", &k, MI_STRING, 0), MI_RESULT_OK);
            ck_assert_int_eq(MI_Instance_AddElement(one, p->name, &v, t, 0), MI_RESULT_OK);
            Win32_Foo_Init(&x);
            ck_assert_msg(Win32_Foo_FromInstance(one, &x) == MI_RESULT_OK, "%s", p->name);
            MI_Instance_Delete(one);
        }
        MI_Instance_Delete(inst);
        round_trip(&c, &x);
        Win32_Foo_Destruct(&x);
    }
    Win32_Foo_Destruct(&full);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* A Win32_Foo (e2e_foo) created on c's server, and a reference to it in *ref. */
static void created_foo(e2e_client *c, Win32_Foo *x, const char *id, MI_Instance **ref)
{
    e2e_foo(x, id);
    ck_assert_int_eq(Win32_Foo_CreateSync(&c->session, E2E_NS, x, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ToInstance(x, &c->app, ref), MI_RESULT_OK);
}

/* References: an association whose keys are references, created and read back. */
START_TEST(types_references)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo a, b;
    Demo_FooDependency dep, got, key;
    MI_Instance *ra = NULL, *rb = NULL, *err = NULL;
    MI_Result r;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    created_foo(&c, &a, "ante", &ra);
    created_foo(&c, &b, "dep", &rb);
    Demo_FooDependency_Init(&dep);
    ck_assert_int_eq(Demo_FooDependency_Set_Antecedent(&dep, ra), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_Set_Dependent(&dep, rb), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_Set_Reason(&dep, "b needs a"), MI_RESULT_OK);
    Demo_FooDependency_Init(&got);
    r = Demo_FooDependency_CreateSync(&c.session, E2E_NS, &dep, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create association: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    Demo_FooDependency_Destruct(&got);

    Demo_FooDependency_Init(&key);
    ck_assert_int_eq(Demo_FooDependency_Set_Antecedent(&key, ra), MI_RESULT_OK);
    ck_assert_int_eq(Demo_FooDependency_Set_Dependent(&key, rb), MI_RESULT_OK);
    r = Demo_FooDependency_GetSync(&c.session, E2E_NS, &key, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Get association: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    ck_assert(got.Reason.exists);
    ck_assert_str_eq(got.Reason.value, "b needs a");
    ck_assert(got.Antecedent.exists && got.Dependent.exists);
    ck_assert_str_eq(e2e_ref_id(got.Antecedent.value), "ante");
    ck_assert_str_eq(e2e_ref_id(got.Dependent.value), "dep");
    Demo_FooDependency_Destruct(&got);
    Demo_FooDependency_Destruct(&key);
    Demo_FooDependency_Destruct(&dep);
    MI_Instance_Delete(ra);
    MI_Instance_Delete(rb);
    Win32_Foo_Destruct(&a);
    Win32_Foo_Destruct(&b);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Modify (Put) through the bindings: the changed properties come back, the others stay. */
START_TEST(types_modify)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x, got;
    static const MI_Uint32 counts[] = {7, 8, 9};
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    fill_typical(&c.app, &x, "mod");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Count(&x, 99), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Caption(&x, "modified"), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Set_Counts(&x, counts, 3), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ModifySync(&c.session, E2E_NS, &x, NULL), MI_RESULT_OK);
    Win32_Foo_Init(&got);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, E2E_NS, &x, &got, NULL), MI_RESULT_OK);
    cmp_foo("Modify", &x, &got);
    Win32_Foo_Destruct(&got);
    Win32_Foo_Destruct(&x);
    /* Modify of an instance that is not there. */
    e2e_foo(&x, "absent");
    {
        MI_Instance *err = NULL;
        ck_assert_int_eq(Win32_Foo_ModifySync(&c.session, E2E_NS, &x, &err), MI_RESULT_NOT_FOUND);
        e2e_check_error(err, MI_RESULT_NOT_FOUND);
        MI_Instance_Delete(err);
    }
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Many instances (loaded from MOF): Enumerate pages through them (Pull), keys only too. */
START_TEST(enumerate_many)
{
    enum { N = 1100 };
    e2e_server s;
    e2e_server_opts so;
    e2e_client c;
    Win32_Foo got;
    MI_Operation op = MI_OPERATION_NULL;
    MI_Boolean found, more;
    MI_Result res;
    const MI_Char *msg;
    const MI_Instance *details;
    char *text, *seen;
    size_t len, i;
    int pass, n;
    FILE *f = fopen(e2e_demo_mof(), "rb");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    len = (size_t)ftell(f);
    rewind(f);
    text = (char *)malloc(len + (size_t)N * 96 + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, len, f), len);
    fclose(f);
    for (i = 0; i < N; i++)
        len += (size_t)sprintf(text + len,
                               "instance of Win32_Foo { InstanceID = \"many-%04u\"; "
                               "Name = \"n\"; Count = %u; };\n",
                               (unsigned)i, (unsigned)i);
    text[len] = '\0';
    memset(&so, 0, sizeof so);
    so.schema_text = text;
    e2e_server_start(&s, &so);
    free(text);
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), N + 1);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    seen = (char *)calloc(N, 1);
    ck_assert_ptr_nonnull(seen);
    for (pass = 0; pass < 2; pass++) {
        MI_Boolean keys_only = pass == 1 ? MI_TRUE : MI_FALSE;
        memset(seen, 0, N);
        n = 0;
        more = MI_TRUE;
        Win32_Foo_Enumerate(&c.session, E2E_NS, keys_only, NULL, &op);
        while (more) {
            Win32_Foo_Init(&got);
            ck_assert_int_eq(
                Win32_Foo_EnumerateNext(&op, &got, &found, &more, &res, &msg, &details),
                MI_RESULT_OK);
            if (found && strncmp(got.InstanceID.value, "many-", 5) == 0) {
                unsigned k = (unsigned)atoi(got.InstanceID.value + 5);
                ck_assert_uint_lt(k, N);
                ck_assert_int_eq(seen[k], 0);
                seen[k] = 1;
                n++;
                if (keys_only)
                    ck_assert(!got.Count.exists);
                else
                    ck_assert(got.Count.exists && got.Count.value == k);
            }
            Win32_Foo_Destruct(&got);
        }
        ck_assert_int_eq(res, MI_RESULT_OK);
        ck_assert_int_eq(n, N);
        ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    }
    free(seen);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Sessions used from several threads at once, each creating its own instances. */
typedef struct worker {
    const char *url;
    int index, created;
} worker;

static void *create_many(void *arg)
{
    worker *w = (worker *)arg;
    e2e_client c;
    int i;
    if (e2e_client_open(&c, w->url, NULL) != MI_RESULT_OK)
        return NULL;
    for (i = 0; i < 20; i++) {
        Win32_Foo x;
        char id[32];
        snprintf(id, sizeof id, "t%d-%d", w->index, i);
        e2e_foo(&x, id);
        if (Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL) == MI_RESULT_OK)
            w->created++;
        Win32_Foo_Destruct(&x);
    }
    e2e_client_close(&c);
    return NULL;
}

START_TEST(concurrent_sessions)
{
    e2e_server s;
    pthread_t th[4];
    worker w[4];
    int i;
    e2e_server_start(&s, NULL);
    for (i = 0; i < 4; i++) {
        w[i].url = s.url;
        w[i].index = i;
        w[i].created = 0;
        ck_assert_int_eq(pthread_create(&th[i], NULL, create_many, &w[i]), 0);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ck_assert_int_eq(w[i].created, 20);
    }
#ifndef E2E_PROVIDER /* (the provider's things are not in the server's store) */
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 81);
#endif
    e2e_server_stop(&s);
}
END_TEST

/* ---- methods ---------------------------------------------------------------------------- */

START_TEST(method_reset)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    Win32_Foo_Reset_In in;
    Win32_Foo_Reset_Out out;
    MI_Instance *err = NULL;
    MI_Result r;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "m1");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    in.Level.value = 9;
    in.Level.exists = MI_TRUE;
    in.Force.value = MI_TRUE;
    in.Force.exists = MI_TRUE;
    r = Win32_Foo_Invoke_ResetSync(&c.session, E2E_NS, &x, &in, &out, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Reset: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    ck_assert(out.MIReturn.exists);
    ck_assert_uint_eq(out.MIReturn.value, 9);
    ck_assert(out.Message.exists);
    ck_assert_str_eq(out.Message.value, "reset m1 to level 9 (forced)");
    Win32_Foo_Reset_Out_Destruct(&out);
#ifndef E2E_PROVIDER /* (the handler counts its calls; the provider does not) */
    ck_assert_int_eq(s.calls.resets, 1);
#endif

    /* The handler refuses level 13: its MI_Result and message come back. */
    in.Level.value = 13;
    r = Win32_Foo_Invoke_ResetSync(&c.session, E2E_NS, &x, &in, &out, &err);
    ck_assert_int_eq(r, MI_RESULT_INVALID_PARAMETER);
    e2e_check_error(err, MI_RESULT_INVALID_PARAMETER);
    ck_assert_ptr_nonnull(strstr(e2e_err_str(err, "Message"), "level 13 is refused"));
    MI_Instance_Delete(err);
    Win32_Foo_Reset_Out_Destruct(&out);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* A reference and a reference array as IN parameters, a string array as OUT parameter. */
START_TEST(method_references)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x, p1, p2;
    Win32_Foo_Attach_In in;
    Win32_Foo_Attach_Out out;
    MI_Instance *ro = NULL, *peers[2] = {NULL, NULL}, *err = NULL;
    static const MI_Char *const labels[] = {"l1", "l2", "l3"};
    MI_Result r;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "target");
    e2e_foo(&p1, "peer1");
    e2e_foo(&p2, "peer2");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ToInstance(&p1, &c.app, &ro), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ToInstance(&p1, &c.app, &peers[0]), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ToInstance(&p2, &c.app, &peers[1]), MI_RESULT_OK);
    memset(&in, 0, sizeof in);
    memset(&out, 0, sizeof out);
    in.Other.value = ro;
    in.Other.exists = MI_TRUE;
    in.Peers.value.data = (const MI_Instance *const *)peers;
    in.Peers.value.size = 2;
    in.Peers.exists = MI_TRUE;
    in.Labels.value.data = (const MI_Char **)labels;
    in.Labels.value.size = 3;
    in.Labels.exists = MI_TRUE;
    r = Win32_Foo_Invoke_AttachSync(&c.session, E2E_NS, &x, &in, &out, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Attach: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    ck_assert_uint_eq(out.MIReturn.value, 0);
    ck_assert(out.Count.exists);
    ck_assert_uint_eq(out.Count.value, 3);
#ifndef E2E_PROVIDER
    ck_assert_str_eq(s.calls.other, "peer1");
    ck_assert_uint_eq(s.calls.npeers, 2);
#endif
    ck_assert(out.Seen.exists);
    ck_assert_uint_eq(out.Seen.value.size, 3);
    ck_assert_str_eq(out.Seen.value.data[0], "peer1");
    ck_assert_str_eq(out.Seen.value.data[1], "peer1");
    ck_assert_str_eq(out.Seen.value.data[2], "peer2");
    Win32_Foo_Attach_Out_Destruct(&out);
    MI_Instance_Delete(ro);
    MI_Instance_Delete(peers[0]);
    MI_Instance_Delete(peers[1]);
    Win32_Foo_Destruct(&x);
    Win32_Foo_Destruct(&p1);
    Win32_Foo_Destruct(&p2);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* The typed parameter functions: IN parameters through setters (a reference made from a
 * struct, arrays copied, nothing to free but the IN struct itself, an unset parameter absent
 * on the wire), OUT parameters and the return value through readers. */
START_TEST(method_typed_parameters)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x, p1, p2;
    Win32_Foo_Attach_In in;
    Win32_Foo_Attach_Out out;
    Win32_Foo_Reset_In rin;
    Win32_Foo_Reset_Out rout;
    MI_Instance *peers[2] = {NULL, NULL}, *err = NULL;
    MI_Char l1[] = "l1";
    const MI_Char *labels[] = {l1, "l2", "l3"};
    const MI_Char *const *seen = NULL;
    const MI_Char *msg = NULL;
    MI_Uint32 nseen = 0, count = 0, ret = 99;
    MI_Result r;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "typed");
    e2e_foo(&p1, "peer1");
    e2e_foo(&p2, "peer2");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);

    Win32_Foo_Attach_In_Init(&in);
    ck_assert_int_eq(Win32_Foo_Attach_In_SetFrom_Other(&in, &p1, &c.app), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ToInstance(&p1, &c.app, &peers[0]), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_ToInstance(&p2, &c.app, &peers[1]), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Attach_In_Set_Peers(&in, (const MI_Instance *const *)peers, 2),
                     MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Attach_In_Set_Labels(&in, labels, 3), MI_RESULT_OK);
    /* Set copies: what the caller made may go (and change) before the call. */
    MI_Instance_Delete(peers[0]);
    MI_Instance_Delete(peers[1]);
    l1[0] = 'X';
    r = Win32_Foo_Invoke_AttachSync(&c.session, E2E_NS, &x, &in, &out, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Attach: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    ck_assert(Win32_Foo_Attach_Out_Get_MIReturn(&out, &ret));
    ck_assert_uint_eq(ret, 0);
    ck_assert(Win32_Foo_Attach_Out_Get_Count(&out, &count));
    ck_assert_uint_eq(count, 3);
#ifndef E2E_PROVIDER
    ck_assert_str_eq(s.calls.other, "peer1");
    ck_assert_uint_eq(s.calls.npeers, 2);
#endif
    ck_assert(Win32_Foo_Attach_Out_Get_Seen(&out, &seen, &nseen));
    ck_assert_uint_eq(nseen, 3);
    ck_assert_str_eq(seen[0], "peer1");
    ck_assert_str_eq(seen[2], "peer2");
    Win32_Foo_Attach_Out_Destruct(&out);
    Win32_Foo_Attach_In_Destruct(&in);
    ck_assert(!in.Other.exists && !in.Peers.exists && !in.Labels.exists);

    /* Force unset is absent: the handler reads no Force. The return value and Message read
     * typed; a refused call leaves them unread (MI_FALSE, NULL). */
    Win32_Foo_Reset_In_Init(&rin);
    ck_assert_int_eq(Win32_Foo_Reset_In_Set_Level(&rin, 4), MI_RESULT_OK);
    r = Win32_Foo_Invoke_ResetSync(&c.session, E2E_NS, &x, &rin, &rout, NULL);
    ck_assert_int_eq(r, MI_RESULT_OK);
    ck_assert(Win32_Foo_Reset_Out_Get_MIReturn(&rout, &ret));
    ck_assert_uint_eq(ret, 4);
    ck_assert(Win32_Foo_Reset_Out_Get_Message(&rout, &msg));
    ck_assert_str_eq(msg, "reset typed to level 4");
    Win32_Foo_Reset_Out_Destruct(&rout);
    ck_assert_int_eq(Win32_Foo_Reset_In_Set_Level(&rin, 13), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_Reset_In_Set_Force(&rin, MI_TRUE), MI_RESULT_OK);
    r = Win32_Foo_Invoke_ResetSync(&c.session, E2E_NS, &x, &rin, &rout, NULL);
    ck_assert_int_eq(r, MI_RESULT_INVALID_PARAMETER);
    ck_assert(!Win32_Foo_Reset_Out_Get_Message(&rout, &msg));
    ck_assert_ptr_null(msg);
    Win32_Foo_Reset_Out_Destruct(&rout);
    Win32_Foo_Reset_In_Destruct(&rin);
    Win32_Foo_Destruct(&x);
    Win32_Foo_Destruct(&p1);
    Win32_Foo_Destruct(&p2);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* ---- namespaces ------------------------------------------------------------------------- */

/* demo.mof without its #pragma namespace: the classes land in the default, root/cimv2. */
static char *demo_mof_in_cimv2(void)
{
    FILE *f = fopen(e2e_demo_mof(), "rb");
    char *text, *p;
    long n;
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    ck_assert_int_gt(n, 0);
    rewind(f);
    text = (char *)calloc(1, (size_t)n + 1);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    p = strstr(text, "#pragma namespace");
    ck_assert_ptr_nonnull(p);
    memcpy(p, "//", 2);
    return text;
}

START_TEST(ns_given_and_defaulted)
{
    e2e_server s;
    e2e_server_opts so;
    e2e_client c;
    Win32_Foo x, got;
    MI_Instance *err = NULL;
    char *text;

    /* Given: root/mofbind, where demo.mof puts its classes. */
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "ns1");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, &err), MI_RESULT_OK);
    ck_assert_ptr_null(err);
    Win32_Foo_Init(&got);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, E2E_NS, &x, &got, NULL), MI_RESULT_OK);
    Win32_Foo_Destruct(&got);
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 2);
    /* Defaulted (NULL): the class's namespace, Win32_Foo_NAMESPACE (demo.mof's #pragma
     * namespace), not the server's default root/cimv2, where the demo classes are not. */
    ck_assert_str_eq(Win32_Foo_NAMESPACE, E2E_NS);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, NULL, &x, &got, &err), MI_RESULT_OK);
    ck_assert_ptr_null(err);
    Win32_Foo_Destruct(&got);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, "root/cimv2", &x, &got, &err),
                     MI_RESULT_INVALID_NAMESPACE);
    e2e_check_error(err, MI_RESULT_INVALID_NAMESPACE);
    ck_assert_ptr_nonnull(strstr(e2e_err_str(err, "Message"), "root/cimv2"));
    MI_Instance_Delete(err);
    err = NULL;
    e2e_client_close(&c);
    e2e_server_stop(&s);

    /* A server with the demo classes in root/cimv2: they are reached by naming root/cimv2;
     * NULL still means root/mofbind, which does not exist there. */
    text = demo_mof_in_cimv2();
    memset(&so, 0, sizeof so);
    so.schema_text = text;
    e2e_server_start(&s, &so);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, NULL, &x, NULL, &err),
                     MI_RESULT_INVALID_NAMESPACE);
    MI_Instance_Delete(err);
    err = NULL;
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, "root/cimv2", &x, NULL, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(msrv_instance_count(s.srv, "root/cimv2", "Win32_Foo"), 2);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, "root/cimv2", &x, &got, NULL), MI_RESULT_OK);
    ck_assert_str_eq(got.Name.value, "e2e");
    Win32_Foo_Destruct(&got);
    ck_assert_int_eq(Win32_Foo_GetSync(&c.session, E2E_NS, &x, &got, &err),
                     MI_RESULT_INVALID_NAMESPACE);
    e2e_check_error(err, MI_RESULT_INVALID_NAMESPACE);
    MI_Instance_Delete(err);
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c.session, "root/cimv2", &x, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(msrv_instance_count(s.srv, "root/cimv2", "Win32_Foo"), 1);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
    free(text);
}
END_TEST

/* A namespace with a computer name (or otherwise malformed) is refused before anything is
 * sent: the same answer whether or not a server listens, and the server sees nothing. */
START_TEST(ns_invalid_rejected_before_sending)
{
    static const char *const bad[] = {"//server/root/mofbind", "\\\\server\\root\\mofbind",
                                      "server:root/mofbind",   "root//mofbind",
                                      "/root/mofbind",         "root/mofbind/",
                                      "root\\mofbind"};
    e2e_server s;
    e2e_client c, dead;
    Win32_Foo x, got;
    size_t i;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    /* Nothing listens on port 1 of the loopback. */
    ck_assert_int_eq(e2e_client_open(&dead, "http://127.0.0.1:1/wsman", NULL), MI_RESULT_OK);
    e2e_foo(&x, "nsbad");
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        MI_Instance *err = NULL;
        MI_Result r = Win32_Foo_CreateSync(&c.session, bad[i], &x, NULL, &err);
        ck_assert_msg(r == MI_RESULT_INVALID_NAMESPACE, "%s: %d", bad[i], (int)r);
        e2e_check_error(err, MI_RESULT_INVALID_NAMESPACE);
        MI_Instance_Delete(err);
        err = NULL;
        Win32_Foo_Init(&got);
        r = Win32_Foo_GetSync(&dead.session, bad[i], &x, &got, &err);
        ck_assert_msg(r == MI_RESULT_INVALID_NAMESPACE, "%s (no server): %d", bad[i], (int)r);
        e2e_check_error(err, MI_RESULT_INVALID_NAMESPACE);
        MI_Instance_Delete(err);
        Win32_Foo_Destruct(&got);
    }
    ck_assert_uint_eq(msrv_instance_count(s.srv, NULL, NULL), 0);
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 1);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&dead);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

START_TEST(ns_unknown)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    MI_Instance *err = NULL;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "nsx");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, "root/nosuch", &x, NULL, &err),
                     MI_RESULT_INVALID_NAMESPACE);
    e2e_check_error(err, MI_RESULT_INVALID_NAMESPACE);
    MI_Instance_Delete(err);
    e2e_enumerate_fails(&c, "root/nosuch", MI_RESULT_INVALID_NAMESPACE);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* ---- asynchronous operations ------------------------------------------------------------ */

typedef struct waiter {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int calls, finals;
    pthread_t thread;
    MI_Result result;
    int had_details;
    long error_category;
    MI_Boolean more;
    int got_instance;
    MI_Result(MI_CALL *ack)(MI_Operation *);
    MI_Operation *op;
    char ids[8][32];
    int nids;
    int close_in_callback;
    MI_Result close_result;
} waiter;

static void waiter_init(waiter *w)
{
    memset(w, 0, sizeof *w);
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    w->result = (MI_Result)-1;
}

static void waiter_free(waiter *w)
{
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
}

static void MI_CALL on_result(MI_Operation *op, void *ctx, const MI_Instance *instance,
                              MI_Boolean moreResults, MI_Result result, const MI_Char *errorString,
                              const MI_Instance *errorDetails,
                              MI_Result(MI_CALL *ack)(MI_Operation *))
{
    waiter *w = (waiter *)ctx;
    (void)errorString;
    pthread_mutex_lock(&w->mu);
    w->calls++;
    w->thread = pthread_self();
    w->more = moreResults;
    w->ack = ack;
    w->op = op;
    if (instance) {
        Win32_Foo x;
        w->got_instance++;
        Win32_Foo_Init(&x);
        if (Win32_Foo_FromInstance(instance, &x) == MI_RESULT_OK && x.InstanceID.exists &&
            w->nids < 8)
            snprintf(w->ids[w->nids++], sizeof w->ids[0], "%s", x.InstanceID.value);
        Win32_Foo_Destruct(&x);
    }
    if (!moreResults) {
        w->finals++;
        w->result = result;
        w->had_details = errorDetails != NULL;
        w->error_category = e2e_err_uint(errorDetails, "error_Category");
    }
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    if (!moreResults && w->close_in_callback)
        w->close_result = MI_Operation_Close(op);
}

/* Waits until w->calls >= n; returns 0 when that did not happen within ms (scaled). */
static int waiter_wait(waiter *w, int n, long ms)
{
    long end = e2e_now_ms() + ms * e2e_scale();
    int ok;
    pthread_mutex_lock(&w->mu);
    while (w->calls < n && e2e_now_ms() < end) {
        pthread_mutex_unlock(&w->mu);
        e2e_sleep_ms(2);
        pthread_mutex_lock(&w->mu);
    }
    ok = w->calls >= n;
    pthread_mutex_unlock(&w->mu);
    return ok;
}

static MI_OperationCallbacks callbacks(waiter *w)
{
    MI_OperationCallbacks cb;
    memset(&cb, 0, sizeof cb);
    cb.callbackContext = w;
    cb.instanceResult = on_result;
    return cb;
}

START_TEST(async_auto_ack)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    waiter_init(&w);
    cb = callbacks(&w);
    e2e_foo(&x, "async1");
    Win32_Foo_Create(&c.session, E2E_NS, &x, &cb, &op);
    ck_assert(waiter_wait(&w, 1, 10000));
    ck_assert_int_eq(w.finals, 1);
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert(w.ack == NULL); /* automatic acknowledgement */
    ck_assert_int_eq(w.got_instance, 1);
    ck_assert_str_eq(w.ids[0], "async1");
    ck_assert(!pthread_equal(w.thread, pthread_self())); /* the session's worker */
    /* GetInstance is not for operations with callbacks. */
    {
        const MI_Instance *inst;
        MI_Boolean more;
        MI_Result res;
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL),
                         MI_RESULT_INVALID_PARAMETER);
    }
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 2);
    /* A second Create of the same keys: the failure comes to the callback too. */
    waiter_free(&w);
    waiter_init(&w);
    Win32_Foo_Create(&c.session, E2E_NS, &x, &cb, &op);
    ck_assert(waiter_wait(&w, 1, 10000));
    ck_assert_int_eq(w.result, MI_RESULT_ALREADY_EXISTS);
    ck_assert(w.had_details);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    waiter_free(&w);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Manual acknowledgement: the enumeration does not move on until the result is acked. */
START_TEST(async_manual_ack)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    int i, expected = 4; /* the seed and three */
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    for (i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "ack%d", i);
        e2e_foo(&x, id);
        ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
        Win32_Foo_Destruct(&x);
    }
    waiter_init(&w);
    cb = callbacks(&w);
    Win32_Foo_EnumerateEx(&c.session, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, E2E_NS, MI_FALSE,
                          &cb, &op);
    for (i = 1;; i++) {
        MI_Result(MI_CALL * ack)(MI_Operation *);
        MI_Operation *cop;
        MI_Boolean more;
        ck_assert_msg(waiter_wait(&w, i, 10000), "callback %d did not come", i);
        /* Not acknowledged yet: no further callback. */
        e2e_sleep_ms(100);
        pthread_mutex_lock(&w.mu);
        ck_assert_int_eq(w.calls, i);
        ack = w.ack;
        cop = w.op;
        more = w.more;
        pthread_mutex_unlock(&w.mu);
        ck_assert(ack != NULL);
        ck_assert_int_eq(ack(cop), MI_RESULT_OK);
        if (!more)
            break;
        ck_assert_int_lt(i, 20);
    }
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_int_eq(w.got_instance, expected);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    waiter_free(&w);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Synchronous results: GetInstance one by one, then the final result again on demand. */
START_TEST(sync_get_instance)
{
    e2e_server s;
    e2e_client c;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    MI_Result res = MI_RESULT_FAILED;
    int n = 0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    Win32_Foo_Enumerate(&c.session, E2E_NS, MI_FALSE, NULL, &op);
    while (more) {
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL),
                         MI_RESULT_OK);
        if (inst)
            n++;
    }
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, NULL), MI_RESULT_OK);
    ck_assert(!more && !inst);
    ck_assert_int_eq(res, MI_RESULT_OK);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

static void slow_reset(e2e_client *c, Win32_Foo *x, MI_OperationCallbacks *cb, MI_Operation *op)
{
    Win32_Foo_Reset_In in;
    memset(&in, 0, sizeof in);
    in.Level.value = E2E_SLOW_LEVEL;
    in.Level.exists = MI_TRUE;
    Win32_Foo_Invoke_Reset(&c->session, E2E_NS, x, &in, cb, op);
}

/* Cancel while the server is still working: the final result comes at once. */
START_TEST(cancel_async)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    long t0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    waiter_init(&w);
    cb = callbacks(&w);
    slow_reset(&c, &x, &cb, &op);
    e2e_wait_slow_entered(&s.calls, 1);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Operation_Cancel(&op, MI_REASON_NONE), MI_RESULT_OK);
    ck_assert_msg(waiter_wait(&w, 1, 3000), "no final callback after Cancel");
    /* At once: the transfer's wait is woken (it used to last until libcurl's next progress
     * call, up to a second). */
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert_int_eq(w.finals, 1);
    ck_assert_int_eq(w.result, MI_RESULT_FAILED);
    ck_assert(w.had_details);
    ck_assert_int_eq(w.error_category, MI_ERRORCATEGORY_OPERATION_STOPPED);
    ck_assert_int_eq(s.calls.slow_left, 0); /* the server was still at it */
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    e2e_release(&s);
    /* The session still works afterwards. */
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c.session, E2E_NS, &x, NULL), MI_RESULT_OK);
    waiter_free(&w);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

typedef struct canceller {
    MI_Operation *op;
    e2e_calls *calls;
} canceller;

static void *cancel_later(void *arg)
{
    canceller *k = (canceller *)arg;
    e2e_wait_slow_entered(k->calls, 1);
    MI_Operation_Cancel(k->op, MI_REASON_NONE);
    return NULL;
}

/* Cancel from another thread while this one waits in GetInstance. */
START_TEST(cancel_sync)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst, *details = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result res = MI_RESULT_OK;
    pthread_t th;
    canceller k;
    long t0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    slow_reset(&c, &x, NULL, &op);
    k.op = &op;
    k.calls = &s.calls;
    t0 = e2e_now_ms();
    ck_assert_int_eq(pthread_create(&th, NULL, cancel_later, &k), 0);
    while (more)
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &res, NULL, &details),
                         MI_RESULT_OK);
    pthread_join(th, NULL);
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert_int_eq(res, MI_RESULT_FAILED);
    ck_assert_ptr_nonnull(details);
    ck_assert_int_eq(e2e_err_uint(details, "error_Category"), MI_ERRORCATEGORY_OPERATION_STOPPED);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    e2e_release(&s);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* ---- close rules ------------------------------------------------------------------------ */

/* Closing a synchronous operation in flight cancels it and returns without waiting for the
 * server; closing twice is refused. */
START_TEST(close_sync_in_flight)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    MI_Operation op = MI_OPERATION_NULL, copy;
    long t0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    slow_reset(&c, &x, NULL, &op);
    copy = op;
    e2e_wait_slow_entered(&s.calls, 1);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert_int_eq(s.calls.slow_left, 0);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_INVALID_PARAMETER);
    (void)copy;
    e2e_release(&s);
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c.session, E2E_NS, &x, NULL), MI_RESULT_OK);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Closing an asynchronous operation in flight does not block; its final callback still
 * comes, once. */
START_TEST(close_async_in_flight)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    long t0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    waiter_init(&w);
    cb = callbacks(&w);
    slow_reset(&c, &x, &cb, &op);
    e2e_wait_slow_entered(&s.calls, 1);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 1000 * e2e_scale());
    ck_assert(waiter_wait(&w, 1, 3000));
    e2e_sleep_ms(50);
    ck_assert_int_eq(w.finals, 1);
    ck_assert_int_ne(w.result, MI_RESULT_OK);
    e2e_release(&s);
    waiter_free(&w);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* The final callback may close its own operation. */
START_TEST(close_in_callback)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    waiter_init(&w);
    w.close_in_callback = 1;
    w.close_result = (MI_Result)-1;
    cb = callbacks(&w);
    e2e_foo(&x, "cb-close");
    Win32_Foo_Create(&c.session, E2E_NS, &x, &cb, &op);
    ck_assert(waiter_wait(&w, 1, 10000));
    e2e_sleep_ms(50);
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_int_eq(w.close_result, MI_RESULT_OK);
    waiter_free(&w);
    Win32_Foo_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Closing the session cancels what is in flight; the operation's final callback comes. */
START_TEST(close_session_in_flight)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    long t0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    waiter_init(&w);
    cb = callbacks(&w);
    slow_reset(&c, &x, &cb, &op);
    e2e_wait_slow_entered(&s.calls, 1);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Session_Close(&c.session, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 3000 * e2e_scale());
    ck_assert(waiter_wait(&w, 1, 1000));
    ck_assert_int_eq(w.finals, 1);
    ck_assert_int_eq(w.result, MI_RESULT_FAILED);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_Close(&c.app), MI_RESULT_OK);
    e2e_release(&s);
    waiter_free(&w);
    Win32_Foo_Destruct(&x);
    e2e_server_stop(&s);
}
END_TEST

/* A synchronous operation run on its caller's thread (inside MI_Operation_GetInstance) is
 * cancelled by MI_Session_Close from another thread, which waits for that thread to let go of
 * the connection before tearing the session down. */
typedef struct sync_runner {
    e2e_client *c;
    Win32_Foo *x;
    MI_Result result;
    int done;
} sync_runner;

static void *run_slow_sync(void *arg)
{
    sync_runner *r = (sync_runner *)arg;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst;
    MI_Boolean more = MI_TRUE;
    slow_reset(r->c, r->x, NULL, &op);
    while (more)
        if (MI_Operation_GetInstance(&op, &inst, &more, &r->result, NULL, NULL) != MI_RESULT_OK)
            break;
    MI_Operation_Close(&op);
    __atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

/* A server, a client and an instance "slow" whose Reset at E2E_SLOW_LEVEL waits for
 * e2e_release; r set up to run on them. */
static void runner_setup(e2e_server *s, e2e_client *c, Win32_Foo *x, sync_runner *r)
{
    e2e_server_start(s, NULL);
    ck_assert_int_eq(e2e_client_open(c, s->url, NULL), MI_RESULT_OK);
    e2e_foo(x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c->session, E2E_NS, x, NULL, NULL), MI_RESULT_OK);
    memset(r, 0, sizeof *r);
    r->c = c;
    r->x = x;
    r->result = MI_RESULT_NOT_FOUND; /* neither outcome the tests expect */
}

/* The end of a test runner_setup began: the instance deleted, client and server closed. */
static void runner_teardown(e2e_server *s, e2e_client *c, Win32_Foo *x)
{
    ck_assert_int_eq(Win32_Foo_DeleteSync(&c->session, E2E_NS, x, NULL), MI_RESULT_OK);
    Win32_Foo_Destruct(x);
    e2e_client_close(c);
    e2e_server_stop(s);
}

START_TEST(close_session_sync_on_caller)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    sync_runner r;
    pthread_t th;
    long t0;
    runner_setup(&s, &c, &x, &r);
    ck_assert_int_eq(pthread_create(&th, NULL, run_slow_sync, &r), 0);
    e2e_wait_slow_entered(&s.calls, 1);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Session_Close(&c.session, NULL, NULL), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 3000 * e2e_scale());
    pthread_join(th, NULL);
    ck_assert_int_eq(r.done, 1);
    ck_assert_int_eq(r.result, MI_RESULT_FAILED);
    ck_assert_int_eq(MI_Application_Close(&c.app), MI_RESULT_OK);
    e2e_release(&s);
    Win32_Foo_Destruct(&x);
    e2e_server_stop(&s);
}
END_TEST

/* A synchronous operation started behind an asynchronous one still in flight waits for it:
 * the session's operations run one at a time, in order, whichever thread runs them. */
static void *get_sync(void *arg)
{
    sync_runner *r = (sync_runner *)arg;
    Win32_Foo got;
    Win32_Foo_Init(&got);
    r->result = Win32_Foo_GetSync(&r->c->session, E2E_NS, r->x, &got, NULL);
    Win32_Foo_Destruct(&got);
    __atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
    return NULL;
}

START_TEST(sync_behind_async_in_order)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    sync_runner r;
    pthread_t th;
    runner_setup(&s, &c, &x, &r);
    waiter_init(&w);
    cb = callbacks(&w);
    slow_reset(&c, &x, &cb, &op);
    e2e_wait_slow_entered(&s.calls, 1);
    ck_assert_int_eq(pthread_create(&th, NULL, get_sync, &r), 0);
    e2e_sleep_ms(300);
    ck_assert_int_eq(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 0); /* still waiting its turn */
    e2e_release(&s);
    pthread_join(th, NULL);
    ck_assert_int_eq(r.result, MI_RESULT_OK);
    ck_assert(waiter_wait(&w, 1, 3000));
    ck_assert_int_eq(w.result, MI_RESULT_OK);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    waiter_free(&w);
    runner_teardown(&s, &c, &x);
}
END_TEST

/* A synchronous operation nobody asks the result of still starts, at once, also right after a
 * long one that its caller ran on its own thread (the session's worker, which looked at its
 * queue seldom meanwhile, is woken when that one ends). */
START_TEST(unclaimed_sync_starts_after_long_one)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    sync_runner r;
    pthread_t th;
    MI_Operation op = MI_OPERATION_NULL;
    long t0;
    runner_setup(&s, &c, &x, &r);
    ck_assert_int_eq(pthread_create(&th, NULL, run_slow_sync, &r), 0);
    e2e_wait_slow_entered(&s.calls, 1);
    e2e_sleep_ms(1500);
    e2e_release(&s);
    pthread_join(th, NULL);
    ck_assert_int_eq(r.result, MI_RESULT_OK);
    t0 = e2e_now_ms();
    slow_reset(&c, &x, NULL, &op); /* (released: returns at once) */
    e2e_wait_slow_entered(&s.calls, 2);
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    runner_teardown(&s, &c, &x);
}
END_TEST

/* A synchronous operation nobody asks the result of still starts at once after a run of them
 * that their caller ran itself (the loop's claim window, lengthened while every one is claimed
 * in time, stays short: inbox.c), and one queued behind a running one is run by its caller,
 * waiting for it, as soon as the session is free. */
START_TEST(unclaimed_sync_starts_after_claimed_ones)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x, got;
    sync_runner r;
    pthread_t th;
    MI_Operation op = MI_OPERATION_NULL;
    long t0;
    int i;
    runner_setup(&s, &c, &x, &r);
    for (i = 0; i < 200; i++) {
        Win32_Foo_Init(&got);
        ck_assert_int_eq(Win32_Foo_GetSync(&c.session, E2E_NS, &x, &got, NULL), MI_RESULT_OK);
        Win32_Foo_Destruct(&got);
    }
    t0 = e2e_now_ms();
    slow_reset(&c, &x, NULL, &op);
    e2e_wait_slow_entered(&s.calls, 1);
    ck_assert_int_lt(e2e_now_ms() - t0, 500 * e2e_scale());
    /* Another caller's operation behind it: run when the first ends. */
    ck_assert_int_eq(pthread_create(&th, NULL, run_slow_sync, &r), 0);
    e2e_sleep_ms(50);
    ck_assert_int_eq(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE), 0);
    e2e_release(&s);
    pthread_join(th, NULL);
    ck_assert_int_eq(r.result, MI_RESULT_OK);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    runner_teardown(&s, &c, &x);
}
END_TEST

/* Closing the application cancels and waits for everything of its sessions. */
START_TEST(close_application_in_flight)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    waiter w;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    long t0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    e2e_foo(&x, "slow");
    ck_assert_int_eq(Win32_Foo_CreateSync(&c.session, E2E_NS, &x, NULL, NULL), MI_RESULT_OK);
    waiter_init(&w);
    w.close_in_callback = 1;
    cb = callbacks(&w);
    slow_reset(&c, &x, &cb, &op);
    e2e_wait_slow_entered(&s.calls, 1);
    t0 = e2e_now_ms();
    ck_assert_int_eq(MI_Application_Close(&c.app), MI_RESULT_OK);
    ck_assert_int_lt(e2e_now_ms() - t0, 3000 * e2e_scale());
    ck_assert_int_eq(w.finals, 1);
    ck_assert_int_eq(w.result, MI_RESULT_FAILED);
    ck_assert_int_eq(w.close_result, MI_RESULT_OK);
    e2e_release(&s);
    waiter_free(&w);
    Win32_Foo_Destruct(&x);
    e2e_server_stop(&s);
}
END_TEST

typedef struct session_closer {
    MI_Session *session;
    pthread_mutex_t mu;
    int closed_cb;
    MI_Result close_result;
} session_closer;

static void MI_CALL session_closed(void *ctx)
{
    session_closer *k = (session_closer *)ctx;
    pthread_mutex_lock(&k->mu);
    k->closed_cb++;
    pthread_mutex_unlock(&k->mu);
}

static void MI_CALL close_session_cb(MI_Operation *op, void *ctx, const MI_Instance *instance,
                                     MI_Boolean moreResults, MI_Result result,
                                     const MI_Char *errorString, const MI_Instance *errorDetails,
                                     MI_Result(MI_CALL *ack)(MI_Operation *))
{
    session_closer *k = (session_closer *)ctx;
    (void)instance;
    (void)result;
    (void)errorString;
    (void)errorDetails;
    (void)ack;
    if (moreResults)
        return;
    MI_Operation_Close(op);
    k->close_result = MI_Session_Close(k->session, k, session_closed);
}

/* From a callback, the session may be closed asynchronously (with a completion callback). */
START_TEST(close_session_from_callback)
{
    e2e_server s;
    e2e_client c;
    Win32_Foo x;
    MI_OperationCallbacks cb;
    MI_Operation op = MI_OPERATION_NULL;
    session_closer k;
    long end;
    int done = 0;
    e2e_server_start(&s, NULL);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);
    memset(&k, 0, sizeof k);
    pthread_mutex_init(&k.mu, NULL);
    k.session = &c.session;
    k.close_result = (MI_Result)-1;
    memset(&cb, 0, sizeof cb);
    cb.callbackContext = &k;
    cb.instanceResult = close_session_cb;
    e2e_foo(&x, "closer");
    Win32_Foo_Create(&c.session, E2E_NS, &x, &cb, &op);
    end = e2e_now_ms() + 10000 * e2e_scale();
    while (!done && e2e_now_ms() < end) {
        e2e_sleep_ms(5);
        pthread_mutex_lock(&k.mu);
        done = k.closed_cb;
        pthread_mutex_unlock(&k.mu);
    }
    ck_assert_int_eq(done, 1);
    ck_assert_int_eq(k.close_result, MI_RESULT_OK);
    ck_assert_uint_eq(msrv_instance_count(s.srv, E2E_NS, "Win32_Foo"), 2);
    ck_assert_int_eq(MI_Application_Close(&c.app), MI_RESULT_OK);
    pthread_mutex_destroy(&k.mu);
    Win32_Foo_Destruct(&x);
    e2e_server_stop(&s);
}
END_TEST

#ifndef E2E_NO_MAIN /* (test_e2e_provider.c has its own) */
static Suite *suite(void)
{
    Suite *su = suite_create("e2e");
    TCase *t = tcase_create("types");
    tcase_set_timeout(t, 60 * (double)e2e_scale());
    tcase_add_test(t, types_typical);
    tcase_add_test(t, types_edges);
    tcase_add_test(t, types_nulls);
    tcase_add_test(t, types_one_by_one);
    tcase_add_test(t, types_references);
    tcase_add_test(t, types_modify);
    tcase_add_test(t, enumerate_many);
    tcase_add_test(t, concurrent_sessions);
    tcase_add_test(t, method_reset);
    tcase_add_test(t, method_references);
    tcase_add_test(t, method_typed_parameters);
    suite_add_tcase(su, t);
    t = tcase_create("namespaces");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_test(t, ns_given_and_defaulted);
    tcase_add_test(t, ns_invalid_rejected_before_sending);
    tcase_add_test(t, ns_unknown);
    suite_add_tcase(su, t);
    t = tcase_create("async");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_test(t, async_auto_ack);
    tcase_add_test(t, async_manual_ack);
    tcase_add_test(t, sync_get_instance);
    tcase_add_test(t, cancel_async);
    tcase_add_test(t, cancel_sync);
    suite_add_tcase(su, t);
    t = tcase_create("close");
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_test(t, close_sync_in_flight);
    tcase_add_test(t, close_async_in_flight);
    tcase_add_test(t, close_in_callback);
    tcase_add_test(t, close_session_in_flight);
    tcase_add_test(t, close_application_in_flight);
    tcase_add_test(t, close_session_sync_on_caller);
    tcase_add_test(t, sync_behind_async_in_order);
    tcase_add_test(t, unclaimed_sync_starts_after_long_one);
    tcase_add_test(t, unclaimed_sync_starts_after_claimed_ones);
    tcase_add_test(t, close_session_from_callback);
    suite_add_tcase(su, t);
    return su;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
#endif
