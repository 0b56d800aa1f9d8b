/* SPDX-License-Identifier: MIT */
/* tests/test_generator_rt.c: the generated bindings at run time. The bindings of
 * tests/golden/gen_test.mof (generated into the build tree by tests/generator.mk) are linked
 * with libcore's instances; a fake MI session, written here against the public MI API only,
 * records what the bindings send and answers as a server would. Covers the round trip
 * X -> MI_Instance -> X for every type, reading untyped (MI_STRING) results, ownership, the
 * subclass-as-superclass layout, the Create failure path (a Required property unset) through
 * callbacks and through MI_Operation_GetInstance, and a method call. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "Gen_Base.h"
#include "Gen_Leaf.h"
#include "Gen_LeafSetting.h"
#include "Gen_Middle.h"
#include "Gen_Setting.h"
#include "core.h"

/* ---- a fake session --------------------------------------------------------------------- */

typedef struct fake {
    MI_Application app;
    int calls;   /* operations that reached the session */
    char op[32]; /* the last one: "create", "get", "invoke" ... */
    char method[64];
    MI_Instance *inbound; /* clone of the inbound instance */
    MI_Instance *params;  /* clone of the inbound parameters (Invoke) */
    MI_Instance *reply;   /* what the "server" answers (owned), or NULL */
    MI_Result result;     /* and with which result */
} fake;

typedef struct fake_op {
    MI_Instance *reply;
    MI_Result result;
    int consumed;
} fake_op;

static MI_Result MI_CALL fop_close(MI_Operation *op)
{
    fake_op *f = (fake_op *)(void *)op->reserved2;
    if (f) {
        if (f->reply)
            MI_Instance_Delete(f->reply);
        free(f);
    }
    op->ft = NULL;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL fop_cancel(MI_Operation *op, MI_CancellationReason r)
{
    (void)op, (void)r;
    return MI_RESULT_OK;
}

static MI_Result MI_CALL fop_get_instance(MI_Operation *op, const MI_Instance **inst,
                                          MI_Boolean *more, MI_Result *result, const MI_Char **msg,
                                          const MI_Instance **details)
{
    fake_op *f = (fake_op *)(void *)op->reserved2;
    *inst = f->consumed ? NULL : f->reply;
    f->consumed = 1;
    *more = MI_FALSE;
    *result = f->result;
    if (msg)
        *msg = NULL;
    if (details)
        *details = NULL;
    return MI_RESULT_OK;
}

static const MI_OperationFT fake_op_ft = {fop_close,        fop_cancel, NULL,
                                          fop_get_instance, NULL,       NULL};

static fake *fake_of(MI_Session *s)
{
    return (fake *)(void *)s->reserved2;
}

static MI_Result MI_CALL fs_get_application(MI_Session *s, MI_Application *app)
{
    *app = fake_of(s)->app;
    return MI_RESULT_OK;
}

/* Answers an operation: the reply (a clone) to the callback or through the operation. */
static void fs_answer(fake *f, MI_OperationCallbacks *cb, MI_Operation *op)
{
    fake_op *fo = calloc(1, sizeof *fo);
    ck_assert_ptr_nonnull(fo);
    if (f->reply)
        ck_assert_int_eq(MI_Instance_Clone(f->reply, &fo->reply), MI_RESULT_OK);
    fo->result = f->result;
    op->reserved1 = 0;
    op->reserved2 = (ptrdiff_t)fo;
    op->ft = &fake_op_ft;
    if (cb && cb->instanceResult) {
        fo->consumed = 1;
        cb->instanceResult(op, cb->callbackContext, fo->reply, MI_FALSE, fo->result, NULL, NULL,
                           NULL);
    }
}

static void fs_record(MI_Session *s, const char *what, const MI_Instance *in)
{
    fake *f = fake_of(s);
    f->calls++;
    snprintf(f->op, sizeof f->op, "%s", what);
    if (f->inbound)
        MI_Instance_Delete(f->inbound);
    f->inbound = NULL;
    if (in)
        ck_assert_int_eq(MI_Instance_Clone(in, &f->inbound), MI_RESULT_OK);
}

static void MI_CALL fs_create(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *o,
                              const MI_Char *ns, const MI_Instance *in, MI_OperationCallbacks *cb,
                              MI_Operation *op)
{
    (void)flags, (void)o, (void)ns;
    fs_record(s, "create", in);
    fs_answer(fake_of(s), cb, op);
}

static void MI_CALL fs_get(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *o,
                           const MI_Char *ns, const MI_Instance *in, MI_OperationCallbacks *cb,
                           MI_Operation *op)
{
    (void)flags, (void)o, (void)ns;
    fs_record(s, "get", in);
    fs_answer(fake_of(s), cb, op);
}

static void MI_CALL fs_delete(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *o,
                              const MI_Char *ns, const MI_Instance *in, MI_OperationCallbacks *cb,
                              MI_Operation *op)
{
    (void)flags, (void)o, (void)ns;
    fs_record(s, "delete", in);
    fs_answer(fake_of(s), cb, op);
}

static void MI_CALL fs_invoke(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *o,
                              const MI_Char *ns, const MI_Char *cls, const MI_Char *method,
                              const MI_Instance *in, const MI_Instance *params,
                              MI_OperationCallbacks *cb, MI_Operation *op)
{
    fake *f = fake_of(s);
    (void)flags, (void)o, (void)ns, (void)cls;
    fs_record(s, "invoke", in);
    snprintf(f->method, sizeof f->method, "%s", method);
    if (f->params)
        MI_Instance_Delete(f->params);
    f->params = NULL;
    if (params)
        ck_assert_int_eq(MI_Instance_Clone(params, &f->params), MI_RESULT_OK);
    fs_answer(f, cb, op);
}

static void MI_CALL fs_modify(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *o,
                              const MI_Char *ns, const MI_Instance *in, MI_OperationCallbacks *cb,
                              MI_Operation *op)
{
    (void)flags, (void)o, (void)ns;
    fs_record(s, "modify", in);
    fs_answer(fake_of(s), cb, op);
}

static void MI_CALL fs_enumerate(MI_Session *s, MI_Uint32 flags, MI_OperationOptions *o,
                                 const MI_Char *ns, const MI_Char *cls, MI_Boolean keysOnly,
                                 MI_OperationCallbacks *cb, MI_Operation *op)
{
    fake *f = fake_of(s);
    (void)flags, (void)o, (void)ns, (void)keysOnly;
    fs_record(s, "enumerate", NULL);
    snprintf(f->method, sizeof f->method, "%s", cls);
    fs_answer(f, cb, op);
}

static const MI_SessionFT fake_session_ft = {
    .GetApplication = fs_get_application,
    .GetInstance = fs_get,
    .ModifyInstance = fs_modify,
    .CreateInstance = fs_create,
    .DeleteInstance = fs_delete,
    .Invoke = fs_invoke,
    .EnumerateInstances = fs_enumerate,
};

static void fake_init(fake *f, MI_Session *s)
{
    memset(f, 0, sizeof *f);
    mic_application_core(&f->app);
    s->reserved1 = 0;
    s->reserved2 = (ptrdiff_t)f;
    s->ft = &fake_session_ft;
}

static void fake_free(fake *f)
{
    if (f->inbound)
        MI_Instance_Delete(f->inbound);
    if (f->params)
        MI_Instance_Delete(f->params);
    if (f->reply)
        MI_Instance_Delete(f->reply);
}

/* ---- helpers -------------------------------------------------------------------------------- */

static MI_Value get(const MI_Instance *in, const char *name, MI_Type type, MI_Uint32 *flags)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    ck_assert_int_eq(MI_Instance_GetElement(in, name, &v, &t, &fl, NULL), MI_RESULT_OK);
    ck_assert_int_eq(t, type);
    if (flags)
        *flags = fl;
    return v;
}

static int is_null(const MI_Instance *in, const char *name)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 fl = 0;
    MI_Result r = MI_Instance_GetElement(in, name, &v, &t, &fl, NULL);
    return r != MI_RESULT_OK || (fl & MI_FLAG_NULL);
}

static MI_Instance *make_setting(MI_Application *app, const char *name, const char *value)
{
    Gen_Setting s;
    MI_Instance *in = NULL;
    Gen_Setting_Init(&s);
    ck_assert_int_eq(Gen_Setting_Set_Name(&s, name), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Setting_Set_Value(&s, value), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Setting_ToInstance(&s, app, &in), MI_RESULT_OK);
    Gen_Setting_Destruct(&s);
    return in;
}

static MI_Datetime stamp(void)
{
    MI_Datetime d;
    memset(&d, 0, sizeof d);
    d.isTimestamp = 1;
    d.u.timestamp.year = 2024;
    d.u.timestamp.month = 2;
    d.u.timestamp.day = 29;
    d.u.timestamp.hour = 23;
    d.u.timestamp.minute = 59;
    d.u.timestamp.second = 58;
    d.u.timestamp.microseconds = 123456;
    d.u.timestamp.utc = -300;
    return d;
}

static MI_Datetime interval(void)
{
    MI_Datetime d;
    memset(&d, 0, sizeof d);
    d.u.interval.days = 12345678;
    d.u.interval.hours = 1;
    d.u.interval.minutes = 2;
    d.u.interval.seconds = 3;
    d.u.interval.microseconds = 4;
    return d;
}

static void check_setting(const MI_Instance *in, const char *name, const char *value)
{
    Gen_Setting s;
    ck_assert_ptr_nonnull(in);
    ck_assert_int_eq(Gen_Setting_FromInstance(in, &s), MI_RESULT_OK);
    ck_assert_str_eq(s.Name.value, name);
    ck_assert_str_eq(s.Value.value, value);
    Gen_Setting_Destruct(&s);
}

/* Every property of a Gen_Leaf set through the typed setters. */
static void fill_leaf(Gen_Leaf *x, MI_Application *app)
{
    static const MI_Boolean ab[] = {MI_TRUE, MI_FALSE, MI_TRUE};
    static const MI_Uint8 au8[] = {0, 255};
    static const MI_Sint8 as8[] = {-128, 127};
    static const MI_Uint16 au16[] = {0, 65535};
    static const MI_Sint16 as16[] = {-32768, 32767};
    static const MI_Uint32 au32[] = {0, 4294967295u};
    static const MI_Sint32 as32[] = {-2147483647 - 1, 2147483647};
    static const MI_Uint64 au64[] = {0, 18446744073709551615ull};
    static const MI_Sint64 as64[] = {-9223372036854775807ll - 1, 9223372036854775807ll};
    static const MI_Real32 ar32[] = {-1.5f, 3.25f};
    static const MI_Real64 ar64[] = {-1e300, 2.5e-300};
    static const MI_Char16 ac16[] = {0x41, 0x20AC};
    const char *astr[] = {"one", "", "three"};
    MI_Datetime adt[2];
    MI_Instance *s1 = make_setting(app, "s1", "v1"), *s2 = make_setting(app, "s2", "v2");
    MI_Instance *s3 = make_setting(app, "s3", "v3");
    const MI_Instance *ainst[2];
    adt[0] = stamp();
    adt[1] = interval();
    ainst[0] = s2;
    ainst[1] = s3;

    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(x, "leaf-1"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_State(x, Gen_Base_State_Disabled_by_admin), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_Name(x, "the leaf"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_Sign(x, Gen_Middle_Sign_Minus), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_int(x, 7), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_switch(x, "on"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_class(x, MI_TRUE), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_errno(x, -5), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_new(x, "fresh"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PBool(x, MI_TRUE), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU8(x, 255), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PS8(x, -128), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU16(x, 65535), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PS16(x, -32768), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU32(x, 4294967295u), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PS32(x, -2147483647 - 1), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU64(x, 18446744073709551615ull), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PS64(x, -9223372036854775807ll - 1), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PR32(x, 1.5f), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PR64(x, -2.25e100), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PC16(x, 0x00E9), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PStamp(x, stamp()), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PInterval(x, interval()), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PStr(x, "caf\xc3\xa9 \"quoted\" <xml/> & more"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_ABool(x, ab, 3), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AU8(x, au8, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AS8(x, as8, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AU16(x, au16, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AS16(x, as16, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AU32(x, au32, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AS32(x, as32, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AU64(x, au64, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AS64(x, as64, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AR32(x, ar32, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AR64(x, ar64, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AC16(x, ac16, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_ADt(x, adt, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AStr(x, astr, 3), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PInst(x, s1), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_AInst(x, ainst, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PRef(x, s3), MI_RESULT_OK);
    /* The setters copied: the originals can go now. */
    astr[0] = "changed";
    MI_Instance_Delete(s1);
    MI_Instance_Delete(s2);
    MI_Instance_Delete(s3);
}

static void check_leaf(const Gen_Leaf *y)
{
    MI_Datetime st = stamp(), iv = interval();
    ck_assert_str_eq(y->InstanceID.value, "leaf-1");
    ck_assert_uint_eq(y->State.value, 3);
    ck_assert_str_eq(y->Name.value, "the leaf");
    ck_assert_int_eq(y->Sign.value, -1);
    ck_assert_uint_eq(y->int_.value, 7);
    ck_assert_str_eq(y->switch_.value, "on");
    ck_assert_uint_eq(y->class_.value, MI_TRUE);
    ck_assert_int_eq(y->errno_.value, -5);
    ck_assert_str_eq(y->new_.value, "fresh");
    ck_assert(y->PBool.exists && y->PBool.value == MI_TRUE);
    ck_assert_uint_eq(y->PU8.value, 255);
    ck_assert_int_eq(y->PS8.value, -128);
    ck_assert_uint_eq(y->PU16.value, 65535);
    ck_assert_int_eq(y->PS16.value, -32768);
    ck_assert_uint_eq(y->PU32.value, 4294967295u);
    ck_assert_int_eq(y->PS32.value, -2147483647 - 1);
    ck_assert(y->PU64.value == 18446744073709551615ull);
    ck_assert(y->PS64.value == -9223372036854775807ll - 1);
    ck_assert(y->PR32.value == 1.5f);
    ck_assert(y->PR64.value == -2.25e100);
    ck_assert_uint_eq(y->PC16.value, 0x00E9);
    ck_assert(memcmp(&y->PStamp.value, &st, sizeof st) == 0);
    ck_assert(memcmp(&y->PInterval.value, &iv, sizeof iv) == 0);
    ck_assert_str_eq(y->PStr.value, "caf\xc3\xa9 \"quoted\" <xml/> & more");
    ck_assert_uint_eq(y->ABool.value.size, 3);
    ck_assert(y->ABool.value.data[0] && !y->ABool.value.data[1] && y->ABool.value.data[2]);
    ck_assert(y->AU8.value.size == 2 && y->AU8.value.data[1] == 255);
    ck_assert(y->AS8.value.size == 2 && y->AS8.value.data[0] == -128);
    ck_assert(y->AU16.value.size == 2 && y->AU16.value.data[1] == 65535);
    ck_assert(y->AS16.value.size == 2 && y->AS16.value.data[0] == -32768);
    ck_assert(y->AU32.value.size == 2 && y->AU32.value.data[1] == 4294967295u);
    ck_assert(y->AS32.value.size == 2 && y->AS32.value.data[0] == -2147483647 - 1);
    ck_assert(y->AU64.value.size == 2 && y->AU64.value.data[1] == 18446744073709551615ull);
    ck_assert(y->AS64.value.size == 2 && y->AS64.value.data[0] == -9223372036854775807ll - 1);
    ck_assert(y->AR32.value.size == 2 && y->AR32.value.data[1] == 3.25f);
    ck_assert(y->AR64.value.size == 2 && y->AR64.value.data[0] == -1e300);
    ck_assert(y->AC16.value.size == 2 && y->AC16.value.data[1] == 0x20AC);
    ck_assert_uint_eq(y->ADt.value.size, 2);
    ck_assert(memcmp(&y->ADt.value.data[0], &st, sizeof st) == 0);
    ck_assert(memcmp(&y->ADt.value.data[1], &iv, sizeof iv) == 0);
    ck_assert_uint_eq(y->AStr.value.size, 3);
    ck_assert_str_eq(y->AStr.value.data[0], "one");
    ck_assert_str_eq(y->AStr.value.data[1], "");
    ck_assert_str_eq(y->AStr.value.data[2], "three");
    check_setting(y->PInst.value, "s1", "v1");
    ck_assert_uint_eq(y->AInst.value.size, 2);
    check_setting(y->AInst.value.data[0], "s2", "v2");
    check_setting(y->AInst.value.data[1], "s3", "v3");
    check_setting(y->PRef.value, "s3", "v3");
}

/* ---- tests ---------------------------------------------------------------------------------- */

START_TEST(round_trip_every_type)
{
    MI_Application app;
    Gen_Leaf x, y;
    MI_Instance *in = NULL;
    MI_Value v;
    mic_application_core(&app);
    Gen_Leaf_Init(&x);
    fill_leaf(&x, &app);
    check_leaf(&x);
    ck_assert_int_eq(Gen_Leaf_ToInstance(&x, &app, &in), MI_RESULT_OK);
    /* The instance is typed by the generated declaration. */
    ck_assert_ptr_eq(in->classDecl, &Gen_Leaf_rtti);
    v = get(in, "PU32", MI_UINT32, NULL);
    ck_assert_uint_eq(v.uint32, 4294967295u);
    v = get(in, "int", MI_UINT32, NULL);
    ck_assert_uint_eq(v.uint32, 7);
    /* x can go before the instance: the instance holds copies. */
    Gen_Leaf_Destruct(&x);
    ck_assert(!x.Name.exists && !x.AStr.exists && !x.PInst.exists);
    ck_assert_int_eq(Gen_Leaf_FromInstance(in, &y), MI_RESULT_OK);
    MI_Instance_Delete(in);
    check_leaf(&y);
    Gen_Leaf_Destruct(&y);
}
END_TEST

START_TEST(embedded_object_holds_any_class)
{
    MI_Application app;
    Gen_Setting s, t;
    Gen_Leaf leaf;
    MI_Instance *inner = NULL, *in = NULL;
    const MI_Char *cn = NULL;
    mic_application_core(&app);
    Gen_Leaf_Init(&leaf);
    ck_assert_int_eq(Gen_Leaf_Set_PU8(&leaf, 8), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_ToInstance(&leaf, &app, &inner), MI_RESULT_OK);
    Gen_Setting_Init(&s);
    ck_assert_int_eq(Gen_Setting_Set_Name(&s, "k"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Setting_SetPtr_Any(&s, inner), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Setting_ToInstance(&s, &app, &in), MI_RESULT_OK);
    Gen_Setting_Destruct(&s); /* borrowed: inner stays */
    MI_Instance_Delete(inner);
    ck_assert_int_eq(Gen_Setting_FromInstance(in, &t), MI_RESULT_OK);
    MI_Instance_Delete(in);
    ck_assert(t.Any.exists);
    ck_assert_int_eq(MI_Instance_GetClassName(t.Any.value, &cn), MI_RESULT_OK);
    ck_assert_str_eq(cn, "Gen_Leaf");
    ck_assert_uint_eq(get(t.Any.value, "PU8", MI_UINT8, NULL).uint8, 8);
    Gen_Setting_Destruct(&t);
    Gen_Leaf_Destruct(&leaf);
}
END_TEST

START_TEST(typed_reference_and_embedded_setters)
{
    MI_Application app;
    Gen_Setting s;
    Gen_Leaf x;
    mic_application_core(&app);
    Gen_Setting_Init(&s);
    ck_assert_int_eq(Gen_Setting_Set_Name(&s, "key"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Setting_Set_Value(&s, Gen_Setting_Value_On), MI_RESULT_OK);
    Gen_Leaf_Init(&x);
    /* A reference carries the keys; an embedded instance everything. */
    ck_assert_int_eq(Gen_Leaf_SetFrom_PRef(&x, &s, &app), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_SetFrom_PInst(&x, &s, &app), MI_RESULT_OK);
    Gen_Setting_Destruct(&s);
    ck_assert(x.PRef.exists && (x.PRef.flags & MOFBIND_GEN_OWNED));
    ck_assert_str_eq(get(x.PRef.value, "Name", MI_STRING, NULL).string, "key");
    ck_assert(is_null(x.PRef.value, "Value"));
    ck_assert_ptr_eq(x.PRef.value->classDecl, &Gen_Setting_rtti);
    check_setting(x.PInst.value, "key", "on");
    ck_assert_int_eq(Gen_Leaf_SetFrom_PRef(&x, NULL, &app), MI_RESULT_OK);
    ck_assert(!x.PRef.exists);
    Gen_Leaf_Destruct(&x);
}
END_TEST

START_TEST(unset_is_null)
{
    MI_Application app;
    Gen_Leaf x, y;
    MI_Instance *in = NULL;
    mic_application_core(&app);
    Gen_Leaf_Init(&x);
    ck_assert_int_eq(Gen_Leaf_Set_PU8(&x, 1), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PStr(&x, "s"), MI_RESULT_OK);
    Gen_Leaf_Clear_PStr(&x);
    ck_assert(!x.PStr.exists);
    ck_assert_int_eq(Gen_Leaf_ToInstance(&x, &app, &in), MI_RESULT_OK);
    ck_assert(is_null(in, "PStr") && is_null(in, "Name") && is_null(in, "AU8"));
    ck_assert(!is_null(in, "PU8"));
    ck_assert_int_eq(Gen_Leaf_FromInstance(in, &y), MI_RESULT_OK);
    ck_assert(y.PU8.exists && y.PU8.value == 1);
    ck_assert(!y.PStr.exists && !y.Name.exists && !y.AU8.exists && !y.PInst.exists);
    MI_Instance_Delete(in);
    Gen_Leaf_Destruct(&y);
    Gen_Leaf_Destruct(&x);
}
END_TEST

START_TEST(set_ptr_borrows)
{
    char name[] = "borrowed";
    static const MI_Uint32 data[] = {1, 2, 3};
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
    ck_assert_int_eq(Gen_Leaf_SetPtr_Name(&x, name), MI_RESULT_OK);
    ck_assert_ptr_eq(x.Name.value, name);
    ck_assert_uint_eq(x.Name.flags & MOFBIND_GEN_OWNED, 0);
    ck_assert_int_eq(Gen_Leaf_SetPtr_AU32(&x, data, 3), MI_RESULT_OK);
    ck_assert_ptr_eq(x.AU32.value.data, data);
    ck_assert_int_eq(Gen_Leaf_Set_PStr(&x, name), MI_RESULT_OK);
    ck_assert_ptr_ne(x.PStr.value, name);
    ck_assert_uint_eq(x.PStr.flags & MOFBIND_GEN_OWNED, MOFBIND_GEN_OWNED);
    /* Replacing an owned value frees it (ASan would see a leak otherwise). */
    ck_assert_int_eq(Gen_Leaf_Set_PStr(&x, "again"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PStr(&x, NULL), MI_RESULT_OK);
    ck_assert(!x.PStr.exists);
    /* Destruct frees what x owns and leaves borrowed values alone (no invalid free). */
    Gen_Leaf_Destruct(&x);
    ck_assert(!x.Name.exists && !x.AU32.exists);
    ck_assert_str_eq(name, "borrowed");
}
END_TEST

static MI_Instance *dyn(MI_Application *app)
{
    MI_Instance *in = NULL;
    ck_assert_int_eq(MI_Application_NewInstance(app, "Gen_Leaf", NULL, &in), MI_RESULT_OK);
    return in;
}

static void add_str(MI_Instance *in, const char *name, const char *s)
{
    MI_Value v;
    v.string = (MI_Char *)s;
    ck_assert_int_eq(MI_Instance_AddElement(in, name, &v, MI_STRING, 0), MI_RESULT_OK);
}

static void add_stra(MI_Instance *in, const char *name, const char **s, MI_Uint32 n)
{
    MI_Value v;
    v.stringa.data = (MI_Char **)s;
    v.stringa.size = n;
    ck_assert_int_eq(MI_Instance_AddElement(in, name, &v, MI_STRINGA, 0), MI_RESULT_OK);
}

START_TEST(from_lexical_strings)
{
    MI_Application app;
    MI_Instance *in;
    Gen_Leaf y;
    MI_Datetime st = stamp(), iv = interval();
    const char *bools[] = {"true", "FALSE", "1"};
    const char *u64s[] = {"18446744073709551615", " 0 "};
    const char *s8s[] = {"-128", "127"};
    const char *dts[] = {"20240229235958.123456-300", "12345678010203.000004:000"};
    const char *c16s[] = {"A", "\xe2\x82\xac"};
    const char *r64s[] = {"-1e300", "INF"};
    mic_application_core(&app);
    in = dyn(&app);
    add_str(in, "InstanceID", "k");
    add_str(in, "PBool", "true");
    add_str(in, "PU8", "255");
    add_str(in, "PS8", "-128");
    add_str(in, "PU16", "65535");
    add_str(in, "PS16", "-32768");
    add_str(in, "PU32", "4294967295");
    add_str(in, "PS32", "-2147483648");
    add_str(in, "PU64", "18446744073709551615");
    add_str(in, "PS64", "-9223372036854775808");
    add_str(in, "PR32", "1.5");
    add_str(in, "PR64", "-2.25e100");
    add_str(in, "PC16", "\xc3\xa9");
    add_str(in, "PStamp", "20240229235958.123456-300");
    add_str(in, "PInterval", "12345678010203.000004:000");
    add_stra(in, "ABool", bools, 3);
    add_stra(in, "AU64", u64s, 2);
    add_stra(in, "AS8", s8s, 2);
    add_stra(in, "ADt", dts, 2);
    add_stra(in, "AC16", c16s, 2);
    add_stra(in, "AR64", r64s, 2);
    ck_assert_int_eq(Gen_Leaf_FromInstance(in, &y), MI_RESULT_OK);
    MI_Instance_Delete(in);
    ck_assert_str_eq(y.InstanceID.value, "k");
    ck_assert(y.PBool.exists && y.PBool.value == MI_TRUE);
    ck_assert_uint_eq(y.PU8.value, 255);
    ck_assert_int_eq(y.PS8.value, -128);
    ck_assert_uint_eq(y.PU16.value, 65535);
    ck_assert_int_eq(y.PS16.value, -32768);
    ck_assert_uint_eq(y.PU32.value, 4294967295u);
    ck_assert_int_eq(y.PS32.value, -2147483647 - 1);
    ck_assert(y.PU64.value == 18446744073709551615ull);
    ck_assert(y.PS64.value == -9223372036854775807ll - 1);
    ck_assert(y.PR32.value == 1.5f);
    ck_assert(y.PR64.value == -2.25e100);
    ck_assert_uint_eq(y.PC16.value, 0xE9);
    ck_assert(memcmp(&y.PStamp.value, &st, sizeof st) == 0);
    ck_assert(memcmp(&y.PInterval.value, &iv, sizeof iv) == 0);
    ck_assert(y.ABool.value.size == 3 && y.ABool.value.data[0] && !y.ABool.value.data[1] &&
              y.ABool.value.data[2]);
    ck_assert(y.AU64.value.size == 2 && y.AU64.value.data[0] == 18446744073709551615ull &&
              y.AU64.value.data[1] == 0);
    ck_assert(y.AS8.value.size == 2 && y.AS8.value.data[0] == -128 && y.AS8.value.data[1] == 127);
    ck_assert(memcmp(&y.ADt.value.data[0], &st, sizeof st) == 0);
    ck_assert(memcmp(&y.ADt.value.data[1], &iv, sizeof iv) == 0);
    ck_assert(y.AC16.value.data[0] == 'A' && y.AC16.value.data[1] == 0x20AC);
    ck_assert(y.AR64.value.data[0] == -1e300 && y.AR64.value.data[1] > 1e308);
    Gen_Leaf_Destruct(&y);

    /* A reference that came as an instance (and the other way round) is taken. */
    in = dyn(&app);
    {
        MI_Instance *s1 = make_setting(&app, "r", "i");
        MI_Value v;
        v.instance = s1;
        ck_assert_int_eq(MI_Instance_AddElement(in, "PRef", &v, MI_INSTANCE, 0), MI_RESULT_OK);
        ck_assert_int_eq(MI_Instance_AddElement(in, "PInst", &v, MI_REFERENCE, 0), MI_RESULT_OK);
        MI_Instance_Delete(s1);
    }
    ck_assert_int_eq(Gen_Leaf_FromInstance(in, &y), MI_RESULT_OK);
    check_setting(y.PRef.value, "r", "i");
    check_setting(y.PInst.value, "r", "i");
    MI_Instance_Delete(in);
    Gen_Leaf_Destruct(&y);

    /* The XML Schema forms WS-Management uses for datetimes. */
    in = dyn(&app);
    add_str(in, "PStamp", "2024-02-29T23:59:58.123456-05:00");
    add_str(in, "PInterval", "P12345678DT1H2M3.000004S");
    ck_assert_int_eq(Gen_Leaf_FromInstance(in, &y), MI_RESULT_OK);
    ck_assert(memcmp(&y.PStamp.value, &st, sizeof st) == 0);
    ck_assert(memcmp(&y.PInterval.value, &iv, sizeof iv) == 0);
    MI_Instance_Delete(in);
    Gen_Leaf_Destruct(&y);
}
END_TEST

/* A value that does not fit its field is MI_RESULT_TYPE_MISMATCH, and x is left empty. */
static void mismatch(const char *prop, const char *text)
{
    MI_Application app;
    MI_Instance *in;
    Gen_Leaf y;
    mic_application_core(&app);
    in = dyn(&app);
    add_str(in, "InstanceID", "k");
    add_str(in, prop, text);
    ck_assert_msg(Gen_Leaf_FromInstance(in, &y) == MI_RESULT_TYPE_MISMATCH, "%s = '%s'", prop,
                  text);
    ck_assert(!y.InstanceID.exists);
    MI_Instance_Delete(in);
}

START_TEST(from_lexical_mismatch)
{
    MI_Application app;
    MI_Instance *in;
    Gen_Leaf y;
    MI_Value v;
    mismatch("PU8", "256");
    mismatch("PU8", "-1");
    mismatch("PS8", "-129");
    mismatch("PU32", "4294967296");
    mismatch("PU64", "18446744073709551616");
    mismatch("PS64", "9223372036854775808");
    mismatch("PU32", "12abc");
    mismatch("PU32", "");
    mismatch("PBool", "yes");
    mismatch("PR64", "1.0.0");
    mismatch("PC16", "ab");
    mismatch("PStamp", "2024-13");
    mismatch("PStamp", "20240229235958.123456x300");
    /* A typed element of another type is a mismatch too. */
    mic_application_core(&app);
    in = dyn(&app);
    v.uint64 = 1;
    ck_assert_int_eq(MI_Instance_AddElement(in, "PU32", &v, MI_UINT64, 0), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_FromInstance(in, &y), MI_RESULT_TYPE_MISMATCH);
    MI_Instance_Delete(in);
}
END_TEST

START_TEST(subclass_stands_for_superclass)
{
    MI_Application app;
    Gen_Leaf leaf;
    Gen_Middle *mid;
    const Gen_Base *base;
    MI_Instance *in = NULL;
    MI_Value v;
    mic_application_core(&app);
    Gen_Leaf_Init(&leaf);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&leaf, "id-7"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU8(&leaf, 9), MI_RESULT_OK);
    /* A Gen_Leaf * is a Gen_Middle * and a Gen_Base *: the fields line up. */
    mid = Gen_Leaf_As_Gen_Middle(&leaf);
    ck_assert_int_eq(Gen_Middle_Set_Name(mid, "via the middle"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Middle_Set_State(mid, Gen_Base_State_Enabled), MI_RESULT_OK);
    ck_assert_str_eq(leaf.Name.value, "via the middle");
    ck_assert_uint_eq(leaf.State.value, 2);
    base = Gen_Leaf_AsConst_Gen_Base(&leaf);
    ck_assert_str_eq(base->InstanceID.value, "id-7");
    ck_assert_ptr_eq((const void *)base, (const void *)&leaf);
    ck_assert_uint_eq(sizeof(Gen_Leaf) > sizeof(Gen_Middle), 1);
    /* The superclass's functions see the superclass's part. */
    ck_assert_int_eq(Gen_Middle_ToInstance(mid, &app, &in), MI_RESULT_OK);
    ck_assert_ptr_eq(in->classDecl, &Gen_Middle_rtti);
    v = get(in, "Name", MI_STRING, NULL);
    ck_assert_str_eq(v.string, "via the middle");
    v = get(in, "InstanceID", MI_STRING, NULL);
    ck_assert_str_eq(v.string, "id-7");
    MI_Instance_Delete(in);
    /* The superclass link and the shared declarations. */
    ck_assert_ptr_eq(Gen_Leaf_rtti.superClassDecl, &Gen_Middle_rtti);
    ck_assert_ptr_eq(Gen_Middle_rtti.superClassDecl, &Gen_Base_rtti);
    ck_assert_ptr_eq(Gen_Leaf_rtti.properties[0], Gen_Base_rtti.properties[0]);
    ck_assert_uint_eq(Gen_Leaf_rtti.properties[0]->flags & MI_FLAG_KEY, MI_FLAG_KEY);
    /* The Key qualifier is mofbind_gen.h's shared one (each translation unit has its copy), and
     * it is what the MOF declares. */
    ck_assert_uint_eq(Gen_Base_rtti.properties[0]->numQualifiers, 1);
    ck_assert_str_eq(Gen_Base_rtti.properties[0]->qualifiers[0]->name, "Key");
    ck_assert_uint_eq(Gen_Base_rtti.properties[0]->qualifiers[0]->flavor, mofbind_gen_q_Key.flavor);
    ck_assert_str_eq(mofbind_gen_q_Key.name, "Key");
    ck_assert_uint_eq(mofbind_gen_q_Key.type, MI_BOOLEAN);
    ck_assert_uint_eq(mofbind_gen_q_Key.flavor, MI_FLAG_DISABLEOVERRIDE | MI_FLAG_TOSUBCLASS);
    ck_assert(*(const MI_Boolean *)mofbind_gen_q_Key.value);
    ck_assert_ptr_eq(mofbind_gen_q_used_(0), &mofbind_gen_q_Key);
    ck_assert_uint_eq(Gen_Leaf_rtti.numProperties, 41);
    ck_assert_uint_eq(Gen_Base_rtti.flags & MI_FLAG_ABSTRACT, MI_FLAG_ABSTRACT);
    ck_assert_uint_eq(Gen_LeafSetting_rtti.flags & MI_FLAG_ASSOCIATION, MI_FLAG_ASSOCIATION);
    Gen_Leaf_Destruct(&leaf);
}
END_TEST

/* An instance of a subclass read into a superclass's struct says its class and converts to the
 * subclass's struct; x owns the kept copy (X_Destruct frees it; valgrind checks). */
START_TEST(actual_class_of_a_result)
{
    MI_Application app;
    Gen_Leaf leaf, back;
    Gen_Middle mid;
    Gen_Base base;
    MI_Instance *in = NULL;
    mic_application_core(&app);
    Gen_Leaf_Init(&leaf);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&leaf, "id-8"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU8(&leaf, 9), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_ToInstance(&leaf, &app, &in), MI_RESULT_OK);
    Gen_Leaf_Destruct(&leaf);

    ck_assert_int_eq(Gen_Base_FromInstance(in, &base), MI_RESULT_OK);
    MI_Instance_Delete(in); /* base holds copies, the instance's included */
    ck_assert_str_eq(Gen_Base_ClassName(&base), "Gen_Leaf");
    ck_assert_str_eq(base.InstanceID.value, "id-8");
    ck_assert_int_eq(Gen_Middle_From_Gen_Base(&base, &mid), MI_RESULT_TYPE_MISMATCH);
    ck_assert(!mid.InstanceID.exists);
    ck_assert_int_eq(Gen_Leaf_From_Gen_Base(&base, &back), MI_RESULT_OK);
    ck_assert_str_eq(Gen_Leaf_ClassName(&back), "Gen_Leaf");
    ck_assert_ptr_null(back.mofbind_actual_); /* read as its own class: nothing kept */
    ck_assert_str_eq(back.InstanceID.value, "id-8");
    ck_assert(back.PU8.exists);
    ck_assert_uint_eq(back.PU8.value, 9);
    Gen_Leaf_Destruct(&back);
    Gen_Base_Destruct(&base);
    ck_assert_ptr_null(base.mofbind_actual_);
    ck_assert_str_eq(Gen_Base_ClassName(&base), "Gen_Base");
}
END_TEST

START_TEST(valuemap_constants)
{
    ck_assert_uint_eq(Gen_Base_State_Unknown, 0);
    ck_assert_uint_eq(Gen_Base_State_Enabled, 2);
    ck_assert_uint_eq(Gen_Base_State_Disabled_by_admin, 3);
#ifdef Gen_Middle_State_Enabled
    ck_abort_msg("an inherited property's constants are its declaring class's, not repeated");
#endif
    ck_assert_int_eq(Gen_Middle_Sign_Minus, -1);
    ck_assert_int_eq(Gen_Middle_Sign_Zero, 0);
    ck_assert_int_eq(Gen_Middle_Sign_Plus, 1);
    ck_assert_str_eq(Gen_Setting_Value_On, "on");
    ck_assert_str_eq(Gen_Setting_Value_Quoted, "a \"quoted\" \\ value");
}
END_TEST

/* The MI_PropertyDecl of name in decl (NULL when there is none). */
static const MI_PropertyDecl *prop_decl(const MI_ClassDecl *decl, const char *name)
{
    MI_Uint32 i;
    for (i = 0; i < decl->numProperties; i++)
        if (strcmp(decl->properties[i]->name, name) == 0)
            return decl->properties[i];
    return NULL;
}

/* The MOF defaults are in the tables, as OMI's generated declarations carry them: value points
 * at the property's type (an MI_Array's shape for arrays); a subclass's override has its own. */
START_TEST(defaults_in_the_table)
{
    const MI_PropertyDecl *p;
    const MI_ConstUint32A *au;
    const MI_ConstStringA *as;
    const MI_Datetime *dt;
    const MI_ConstDatetimeA *adt;
    ck_assert_ptr_nonnull(p = prop_decl(&Gen_Base_rtti, "State"));
    ck_assert_uint_eq(*(const MI_Uint16 *)p->value, 2);
    ck_assert_ptr_nonnull(p = prop_decl(&Gen_Middle_rtti, "State"));
    ck_assert_uint_eq(*(const MI_Uint16 *)p->value, 2);
    ck_assert_ptr_nonnull(p = prop_decl(&Gen_Leaf_rtti, "State"));
    ck_assert_uint_eq(*(const MI_Uint16 *)p->value, 3);
    ck_assert_str_eq(p->propagator, "Gen_Leaf");
    ck_assert_str_eq(p->origin, "Gen_Base");
    ck_assert_uint_eq(*(const MI_Boolean *)prop_decl(&Gen_Leaf_rtti, "PBool")->value, MI_TRUE);
    ck_assert_uint_eq(*(const MI_Uint8 *)prop_decl(&Gen_Leaf_rtti, "PU8")->value, 255);
    ck_assert_int_eq(*(const MI_Sint8 *)prop_decl(&Gen_Leaf_rtti, "PS8")->value, -128);
    ck_assert_int_eq(*(const MI_Sint32 *)prop_decl(&Gen_Leaf_rtti, "PS32")->value, -2147483647 - 1);
    ck_assert(*(const MI_Uint64 *)prop_decl(&Gen_Leaf_rtti, "PU64")->value ==
              18446744073709551615ULL);
    ck_assert(*(const MI_Sint64 *)prop_decl(&Gen_Leaf_rtti, "PS64")->value ==
              -9223372036854775807LL - 1);
    ck_assert(*(const MI_Real32 *)prop_decl(&Gen_Leaf_rtti, "PR32")->value == 1.5f);
    ck_assert(*(const MI_Real64 *)prop_decl(&Gen_Leaf_rtti, "PR64")->value == -0.1);
    ck_assert_uint_eq(*(const MI_Char16 *)prop_decl(&Gen_Leaf_rtti, "PC16")->value, 'x');
    ck_assert_str_eq(*(const MI_Char *const *)prop_decl(&Gen_Leaf_rtti, "PStr")->value,
                     "say \"hi\" \\ ?" "?= here");
    au = prop_decl(&Gen_Leaf_rtti, "AU32")->value;
    ck_assert_uint_eq(au->size, 3);
    ck_assert_uint_eq(au->data[0], 1);
    ck_assert_uint_eq(au->data[2], 3);
    as = prop_decl(&Gen_Leaf_rtti, "AStr")->value;
    ck_assert_uint_eq(as->size, 2);
    ck_assert_str_eq(as->data[1], "b");
    /* Datetimes, a timestamp and an interval, alone and in an array. */
    dt = prop_decl(&Gen_Leaf_rtti, "PStamp")->value;
    ck_assert_ptr_nonnull(dt);
    ck_assert(dt->isTimestamp);
    ck_assert_uint_eq(dt->u.timestamp.year, 2026);
    ck_assert_uint_eq(dt->u.timestamp.month, 1);
    ck_assert_uint_eq(dt->u.timestamp.day, 2);
    ck_assert_uint_eq(dt->u.timestamp.hour, 3);
    ck_assert_uint_eq(dt->u.timestamp.minute, 4);
    ck_assert_uint_eq(dt->u.timestamp.second, 5);
    ck_assert_int_eq(dt->u.timestamp.utc, 0);
    dt = prop_decl(&Gen_Leaf_rtti, "PInterval")->value;
    ck_assert_ptr_nonnull(dt);
    ck_assert(!dt->isTimestamp);
    ck_assert_uint_eq(dt->u.interval.days, 1);
    ck_assert_uint_eq(dt->u.interval.hours, 2);
    ck_assert_uint_eq(dt->u.interval.minutes, 3);
    ck_assert_uint_eq(dt->u.interval.seconds, 4);
    ck_assert_uint_eq(dt->u.interval.microseconds, 5);
    adt = prop_decl(&Gen_Leaf_rtti, "ADt")->value;
    ck_assert_ptr_nonnull(adt);
    ck_assert_uint_eq(adt->size, 2);
    ck_assert(adt->data[0].isTimestamp);
    ck_assert_uint_eq(adt->data[0].u.timestamp.microseconds, 6);
    ck_assert_int_eq(adt->data[0].u.timestamp.utc, -60);
    ck_assert(!adt->data[1].isTimestamp);
    ck_assert_uint_eq(adt->data[1].u.interval.seconds, 1);
    /* No default, and those the tables cannot carry (a reference, an embedded instance: only a
     * running MI implementation makes an MI_Instance; the server types them from the schema). */
    ck_assert_ptr_null(prop_decl(&Gen_Leaf_rtti, "PU16")->value);
    ck_assert_ptr_null(prop_decl(&Gen_Leaf_rtti, "PRef")->value);
    ck_assert_ptr_null(prop_decl(&Gen_Leaf_rtti, "PInst")->value);
    ck_assert_ptr_null(prop_decl(&Gen_Leaf_rtti, "InstanceID")->value);
}
END_TEST

typedef struct seen {
    int calls;
    MI_Result result;
    MI_Boolean more;
    char message[256];
    MI_Uint32 status;
    char details_message[256];
    int had_instance;
} seen;

static void MI_CALL on_result(MI_Operation *op, void *ctx, const MI_Instance *inst, MI_Boolean more,
                              MI_Result result, const MI_Char *msg, const MI_Instance *details,
                              MI_Result(MI_CALL *ack)(MI_Operation *))
{
    seen *s = ctx;
    (void)op;
    ck_assert(ack == NULL);
    s->calls++;
    s->result = result;
    s->more = more;
    s->had_instance = inst != NULL;
    snprintf(s->message, sizeof s->message, "%s", msg ? msg : "");
    if (details) {
        MI_Value v = get(details, "CIMStatusCode", MI_UINT32, NULL);
        s->status = v.uint32;
        v = get(details, "Message", MI_STRING, NULL);
        snprintf(s->details_message, sizeof s->details_message, "%s", v.string);
    }
}

START_TEST(create_required_unset_through_callbacks)
{
    fake f;
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    seen s;
    Gen_Leaf x;
    memset(&s, 0, sizeof s);
    fake_init(&f, &session);
    Gen_Leaf_Init(&x);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&x, "k"), MI_RESULT_OK);
    /* Name is Required (inherited from Gen_Middle) and left unset. */
    cb.callbackContext = &s;
    cb.instanceResult = on_result;
    Gen_Leaf_Create(&session, "root/gentest", &x, &cb, &op);
    ck_assert_int_eq(f.calls, 0); /* nothing was sent */
    ck_assert_int_eq(s.calls, 1);
    ck_assert_int_eq(s.result, MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(s.more, MI_FALSE);
    ck_assert_int_eq(s.had_instance, 0);
    ck_assert_str_eq(s.message, "Gen_Leaf: the Required property Name is not set");
    ck_assert_uint_eq(s.status, MI_RESULT_INVALID_PARAMETER);
    ck_assert_str_eq(s.details_message, s.message);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

static void MI_CALL on_result_ack(MI_Operation *op, void *ctx, const MI_Instance *inst,
                                  MI_Boolean more, MI_Result result, const MI_Char *msg,
                                  const MI_Instance *details,
                                  MI_Result(MI_CALL *ack)(MI_Operation *))
{
    seen *s = ctx;
    (void)inst, (void)msg, (void)details;
    s->calls++;
    s->result = result;
    s->more = more;
    /* With MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS the result must be acknowledged. */
    ck_assert(ack != NULL);
    ck_assert_int_eq(ack(op), MI_RESULT_OK);
}

START_TEST(create_failure_with_manual_ack)
{
    fake f;
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    seen s;
    Gen_Leaf x;
    memset(&s, 0, sizeof s);
    fake_init(&f, &session);
    Gen_Leaf_Init(&x);
    cb.callbackContext = &s;
    cb.instanceResult = on_result_ack;
    Gen_Leaf_CreateEx(&session, MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS, NULL, NULL, &x, &cb, &op);
    ck_assert_int_eq(s.calls, 1);
    ck_assert_int_eq(s.result, MI_RESULT_INVALID_PARAMETER);
    /* With callbacks, MI_Operation_GetInstance is not the way to read results. */
    {
        const MI_Instance *inst;
        MI_Boolean more;
        MI_Result result;
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                         MI_RESULT_INVALID_PARAMETER);
    }
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_int_eq(f.calls, 0);
    fake_free(&f);
}
END_TEST

START_TEST(create_required_unset_through_get_instance)
{
    fake f;
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    const MI_Instance *inst = (const MI_Instance *)&op, *details = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result result = MI_RESULT_OK;
    const MI_Char *msg = NULL;
    MI_Session back;
    MI_Value v;
    Gen_Leaf x;
    fake_init(&f, &session);
    Gen_Leaf_Init(&x);
    Gen_Leaf_Create(&session, NULL, &x, NULL, &op);
    ck_assert_int_eq(f.calls, 0);
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &result, &msg, &details),
                     MI_RESULT_OK);
    ck_assert_ptr_null(inst);
    ck_assert_int_eq(more, MI_FALSE);
    ck_assert_int_eq(result, MI_RESULT_INVALID_PARAMETER);
    ck_assert_str_eq(msg, "Gen_Leaf: the Required property Name is not set");
    ck_assert_ptr_nonnull(details);
    v = get(details, "CIMStatusCode", MI_UINT32, NULL);
    ck_assert_uint_eq(v.uint32, MI_RESULT_INVALID_PARAMETER);
    v = get(details, "Message", MI_STRING, NULL);
    ck_assert_str_eq(v.string, msg);
    ck_assert_int_eq(MI_Operation_GetSession(&op, &back), MI_RESULT_OK);
    ck_assert_ptr_eq(back.ft, session.ft);
    /* Asked again: the same final result. */
    ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(result, MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Operation_Close(&op), MI_RESULT_OK);
    ck_assert_ptr_null(op.ft);
    /* The synchronous form reports it the same way, with a copy of the details. */
    {
        MI_Instance *err = NULL;
        ck_assert_int_eq(Gen_Leaf_CreateSync(&session, NULL, &x, NULL, &err),
                         MI_RESULT_INVALID_PARAMETER);
        ck_assert_ptr_nonnull(err);
        v = get(err, "CIMStatusCode", MI_UINT32, NULL);
        ck_assert_uint_eq(v.uint32, MI_RESULT_INVALID_PARAMETER);
        MI_Instance_Delete(err);
    }
    ck_assert_int_eq(f.calls, 0);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

START_TEST(create_sends_and_reads_keys)
{
    fake f;
    MI_Session session;
    Gen_Leaf x, created;
    MI_Instance *err = (MI_Instance *)&f;
    MI_Value v;
    fake_init(&f, &session);
    Gen_Leaf_Init(&x);
    /* Keys may be left unset: the server assigns them. */
    ck_assert_int_eq(Gen_Leaf_Set_Name(&x, "n"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU16(&x, 80), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewInstance(&f.app, "Gen_Leaf", NULL, &f.reply), MI_RESULT_OK);
    add_str(f.reply, "InstanceID", "assigned-1");
    f.result = MI_RESULT_OK;
    ck_assert_int_eq(Gen_Leaf_CreateSync(&session, "root/gentest", &x, &created, &err),
                     MI_RESULT_OK);
    ck_assert_ptr_null(err);
    ck_assert_int_eq(f.calls, 1);
    ck_assert_str_eq(f.op, "create");
    ck_assert_ptr_nonnull(f.inbound);
    v = get(f.inbound, "Name", MI_STRING, NULL);
    ck_assert_str_eq(v.string, "n");
    v = get(f.inbound, "PU16", MI_UINT16, NULL);
    ck_assert_uint_eq(v.uint16, 80);
    ck_assert(is_null(f.inbound, "InstanceID"));
    ck_assert_str_eq(created.InstanceID.value, "assigned-1");
    ck_assert(!created.Name.exists);
    Gen_Leaf_Destruct(&created);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

START_TEST(get_and_delete_send_keys_only)
{
    fake f;
    MI_Session session;
    Gen_Leaf x, out;
    MI_Operation op = MI_OPERATION_NULL;
    fake_init(&f, &session);
    Gen_Leaf_Init(&x);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&x, "k1"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PStr(&x, "not a key"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewInstance(&f.app, "Gen_Leaf", NULL, &f.reply), MI_RESULT_OK);
    add_str(f.reply, "InstanceID", "k1");
    add_str(f.reply, "PU32", "12");
    ck_assert_int_eq(Gen_Leaf_GetSync(&session, NULL, &x, &out, NULL), MI_RESULT_OK);
    ck_assert_str_eq(f.op, "get");
    ck_assert(is_null(f.inbound, "PStr"));
    ck_assert_str_eq(get(f.inbound, "InstanceID", MI_STRING, NULL).string, "k1");
    ck_assert_uint_eq(out.PU32.value, 12);
    Gen_Leaf_Destruct(&out);
    /* Through the superclass's binding: a Gen_Leaf stands for a Gen_Base. */
    f.result = MI_RESULT_NOT_FOUND;
    Gen_Base_Delete(&session, NULL, Gen_Leaf_AsConst_Gen_Base(&x), NULL, &op);
    ck_assert_str_eq(f.op, "delete");
    ck_assert_ptr_eq(f.inbound->classDecl, &Gen_Base_rtti);
    {
        const MI_Instance *inst;
        MI_Boolean more;
        MI_Result result;
        ck_assert_int_eq(MI_Operation_GetInstance(&op, &inst, &more, &result, NULL, NULL),
                         MI_RESULT_OK);
        ck_assert_int_eq(result, MI_RESULT_NOT_FOUND);
    }
    MI_Operation_Close(&op);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

START_TEST(modify_and_enumerate)
{
    fake f;
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    Gen_Leaf x, got;
    MI_Boolean found = MI_FALSE, more = MI_TRUE;
    MI_Result result = MI_RESULT_FAILED;
    fake_init(&f, &session);
    Gen_Leaf_Init(&x);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&x, "k2"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PS16(&x, -3), MI_RESULT_OK);
    /* Modify sends every property that is set (a Required one may stay unset). */
    ck_assert_int_eq(Gen_Leaf_ModifySync(&session, NULL, &x, NULL), MI_RESULT_OK);
    ck_assert_str_eq(f.op, "modify");
    ck_assert_int_eq(get(f.inbound, "PS16", MI_SINT16, NULL).sint16, -3);
    ck_assert(is_null(f.inbound, "Name"));
    /* Enumerate names the class; EnumerateNext reads a result into the struct. */
    ck_assert_int_eq(MI_Application_NewInstance(&f.app, "Gen_Leaf", NULL, &f.reply), MI_RESULT_OK);
    add_str(f.reply, "InstanceID", "e1");
    add_str(f.reply, "PS16", "-4");
    Gen_Leaf_Enumerate(&session, "root/gentest", MI_FALSE, NULL, &op);
    ck_assert_str_eq(f.op, "enumerate");
    ck_assert_str_eq(f.method, "Gen_Leaf");
    ck_assert_int_eq(Gen_Leaf_EnumerateNext(&op, &got, &found, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert(found && !more);
    ck_assert_int_eq(result, MI_RESULT_OK);
    ck_assert_str_eq(got.InstanceID.value, "e1");
    ck_assert_int_eq(got.PS16.value, -4);
    Gen_Leaf_Destruct(&got);
    ck_assert_int_eq(Gen_Leaf_EnumerateNext(&op, &got, &found, &more, &result, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert(!found && !more);
    MI_Operation_Close(&op);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

START_TEST(invoke_method)
{
    fake f;
    MI_Session session;
    MI_Application app;
    Gen_Leaf x;
    Gen_Leaf_Link_In in;
    Gen_Leaf_Link_Out out;
    Gen_Middle_Reset_In rin;
    Gen_Middle_Reset_Out rout;
    const char *labels[] = {"a", "b"};
    MI_Instance *other, *made;
    MI_Value v;
    fake_init(&f, &session);
    mic_application_core(&app);
    Gen_Leaf_Init(&x);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&x, "me"), MI_RESULT_OK);
    other = make_setting(&app, "other", "o");
    memset(&in, 0, sizeof in);
    in.Other.value = other;
    in.Other.exists = MI_TRUE;
    in.Labels.value.data = labels;
    in.Labels.value.size = 2;
    in.Labels.exists = MI_TRUE;
    in.Count.value = 5;
    in.Count.exists = MI_TRUE;
    /* The "server" answers with MIReturn and the OUT parameters, as strings or typed. */
    ck_assert_int_eq(MI_Application_NewInstance(&f.app, "__parameters", NULL, &f.reply),
                     MI_RESULT_OK);
    add_str(f.reply, "MIReturn", "0");
    add_str(f.reply, "Count", "6");
    made = make_setting(&app, "made", "m");
    v.instance = made;
    ck_assert_int_eq(MI_Instance_AddElement(f.reply, "Made", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_AddElement(f.reply, "Result", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    MI_Instance_Delete(made);
    ck_assert_int_eq(Gen_Leaf_Invoke_LinkSync(&session, "root/gentest", &x, &in, &out, NULL),
                     MI_RESULT_OK);
    ck_assert_str_eq(f.op, "invoke");
    ck_assert_str_eq(f.method, "Link");
    ck_assert_str_eq(get(f.inbound, "InstanceID", MI_STRING, NULL).string, "me");
    ck_assert_uint_eq(get(f.params, "Count", MI_UINT32, NULL).uint32, 5);
    ck_assert_uint_eq(get(f.params, "Labels", MI_STRINGA, NULL).stringa.size, 2);
    check_setting(get(f.params, "Other", MI_REFERENCE, NULL).reference, "other", "o");
    ck_assert(is_null(f.params, "Made"));
    ck_assert(out.MIReturn.exists && out.MIReturn.value == 0);
    ck_assert(out.Count.exists && out.Count.value == 6);
    check_setting(out.Made.value, "made", "m");
    check_setting(out.Result.value, "made", "m");
    Gen_Leaf_Link_Out_Destruct(&out);
    MI_Instance_Delete(other);

    /* A static method: no instance, IN and OUT structs of its own. */
    memset(&rin, 0, sizeof rin);
    rin.Level.value = 3;
    rin.Level.exists = MI_TRUE;
    MI_Instance_Delete(f.reply);
    ck_assert_int_eq(MI_Application_NewInstance(&f.app, "__parameters", NULL, &f.reply),
                     MI_RESULT_OK);
    add_str(f.reply, "MIReturn", "4");
    add_str(f.reply, "Message", "done");
    ck_assert_int_eq(Gen_Middle_Invoke_ResetSync(&session, NULL, &rin, &rout, NULL), MI_RESULT_OK);
    ck_assert_str_eq(f.method, "Reset");
    ck_assert_ptr_null(f.inbound);
    ck_assert_uint_eq(get(f.params, "Level", MI_UINT8, NULL).uint8, 3);
    ck_assert_uint_eq(rout.MIReturn.value, 4);
    ck_assert_str_eq(rout.Message.value, "done");
    Gen_Middle_Reset_Out_Destruct(&rout);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

/* The same call through the typed functions: IN setters (SetFrom makes the reference from a
 * struct; In_Destruct frees what they copied), OUT readers, GetAs into a generated struct. */
START_TEST(invoke_method_typed)
{
    fake f;
    MI_Session session;
    MI_Application app;
    Gen_Leaf x, other;
    Gen_Leaf_Link_In in;
    Gen_Leaf_Link_Out out;
    Gen_Setting got;
    const MI_Char *const labels[] = {"a", "b"};
    const MI_Instance *result = NULL;
    MI_Instance *made;
    MI_Uint32 n = 0;
    MI_Value v;
    fake_init(&f, &session);
    mic_application_core(&app);
    Gen_Leaf_Init(&x);
    Gen_Leaf_Init(&other);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&x, "me"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_InstanceID(&other, "other"), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Set_PU8(&other, 7), MI_RESULT_OK);
    Gen_Leaf_Link_In_Init(&in);
    ck_assert_int_eq(Gen_Leaf_Link_In_SetFrom_Other(&in, &other, &app), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Link_In_Set_Labels(&in, labels, 2), MI_RESULT_OK);
    ck_assert_int_eq(Gen_Leaf_Link_In_Set_Count(&in, 5), MI_RESULT_OK);
    Gen_Leaf_Destruct(&other);
    ck_assert_int_eq(MI_Application_NewInstance(&f.app, "__parameters", NULL, &f.reply),
                     MI_RESULT_OK);
    add_str(f.reply, "MIReturn", "0");
    made = make_setting(&app, "made", "m");
    v.instance = made;
    ck_assert_int_eq(MI_Instance_AddElement(f.reply, "Result", &v, MI_INSTANCE, 0), MI_RESULT_OK);
    MI_Instance_Delete(made);
    ck_assert_int_eq(Gen_Leaf_Invoke_LinkSync(&session, NULL, &x, &in, &out, NULL),
                     MI_RESULT_OK);
    /* What went: the keys of other only (a reference), the labels, the count. */
    ck_assert_str_eq(get(get(f.params, "Other", MI_REFERENCE, NULL).reference, "InstanceID",
                         MI_STRING, NULL).string, "other");
    ck_assert(is_null(get(f.params, "Other", MI_REFERENCE, NULL).reference, "PU8"));
    ck_assert_uint_eq(get(f.params, "Labels", MI_STRINGA, NULL).stringa.size, 2);
    ck_assert_uint_eq(get(f.params, "Count", MI_UINT32, NULL).uint32, 5);
    Gen_Leaf_Link_In_Destruct(&in);
    ck_assert(!in.Other.exists && !in.Labels.exists && !in.Count.exists);
    /* What came back: MIReturn 0, no Count (MI_FALSE, 0), Result as a Gen_Setting. */
    ck_assert(Gen_Leaf_Link_Out_Get_MIReturn(&out, &n));
    ck_assert_uint_eq(n, 0);
    n = 9;
    ck_assert(!Gen_Leaf_Link_Out_Get_Count(&out, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(Gen_Leaf_Link_Out_GetAs_Made(&out, &got), MI_RESULT_NOT_FOUND);
    ck_assert(Gen_Leaf_Link_Out_Get_Result(&out, &result));
    ck_assert_ptr_nonnull(result);
    ck_assert_int_eq(Gen_Leaf_Link_Out_GetAs_Result(&out, &got), MI_RESULT_OK);
    Gen_Leaf_Link_Out_Destruct(&out);
    ck_assert(got.Name.exists && got.Value.exists);
    ck_assert_str_eq(got.Name.value, "made");
    ck_assert_str_eq(got.Value.value, "m");
    Gen_Setting_Destruct(&got);
    Gen_Leaf_Destruct(&x);
    fake_free(&f);
}
END_TEST

START_TEST(null_arguments_fail_through_the_operation)
{
    fake f;
    MI_Session session;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    seen s;
    memset(&s, 0, sizeof s);
    fake_init(&f, &session);
    cb.callbackContext = &s;
    cb.instanceResult = on_result;
    Gen_Leaf_Modify(&session, NULL, NULL, &cb, &op);
    ck_assert_int_eq(s.calls, 1);
    ck_assert_int_eq(s.result, MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(f.calls, 0);
    MI_Operation_Close(&op);
    /* No session at all: still one result, and no crash. */
    s.calls = 0;
    Gen_Leaf_Get(NULL, NULL, NULL, &cb, &op);
    ck_assert_int_eq(s.calls, 1);
    ck_assert_int_ne(s.result, MI_RESULT_OK);
    MI_Operation_Close(&op);
    fake_free(&f);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("generator_rt");
    TCase *t = tcase_create("bindings");
    tcase_add_test(t, round_trip_every_type);
    tcase_add_test(t, embedded_object_holds_any_class);
    tcase_add_test(t, typed_reference_and_embedded_setters);
    tcase_add_test(t, unset_is_null);
    tcase_add_test(t, set_ptr_borrows);
    tcase_add_test(t, from_lexical_strings);
    tcase_add_test(t, from_lexical_mismatch);
    tcase_add_test(t, subclass_stands_for_superclass);
    tcase_add_test(t, valuemap_constants);
    tcase_add_test(t, actual_class_of_a_result);
    tcase_add_test(t, defaults_in_the_table);
    tcase_add_test(t, create_required_unset_through_callbacks);
    tcase_add_test(t, create_required_unset_through_get_instance);
    tcase_add_test(t, create_failure_with_manual_ack);
    tcase_add_test(t, create_sends_and_reads_keys);
    tcase_add_test(t, get_and_delete_send_keys_only);
    tcase_add_test(t, modify_and_enumerate);
    tcase_add_test(t, invoke_method);
    tcase_add_test(t, invoke_method_typed);
    tcase_add_test(t, null_arguments_fail_through_the_operation);
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    SRunner *r = srunner_create(suite());
    int failed;
    srunner_run_all(r, CK_NORMAL);
    failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
