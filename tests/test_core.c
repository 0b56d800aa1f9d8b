/* SPDX-License-Identifier: MIT */
/* tests/test_core.c: MI_Instance as libcore makes it: dynamic and class-backed instances,
 * the whole MI_InstanceFT, copy / MI_FLAG_BORROW / MI_FLAG_ADOPT, every MI type (arrays,
 * datetimes, references, embedded instances) and type checking against the declaration; and
 * libutil's buffer, which its writers share. */
#include "config.h"

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "util.h"

/* ---- a generated-style class table: Test_Base <- Test_Thing ------------------------------- */

typedef struct {
    MI_Instance __instance;
    MI_ConstStringField Id;
    MI_ConstUint32Field Count;
    MI_ConstStringAField Tags;
    MI_ConstReferenceField Peer;
    MI_ConstInstanceField Blob;
    MI_ConstDatetimeField When;
    MI_ConstReal64AField Samples;
} Test_Thing;

static const MI_PropertyDecl p_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0,           "Id",        NULL, 0, MI_STRING, NULL, 0,
    offsetof(Test_Thing, Id),       "Test_Base", "Test_Base", NULL};
static const MI_PropertyDecl p_count = {MI_FLAG_PROPERTY | MI_FLAG_READONLY,
                                        0,
                                        "Count",
                                        NULL,
                                        0,
                                        MI_UINT32,
                                        NULL,
                                        0,
                                        offsetof(Test_Thing, Count),
                                        "Test_Thing",
                                        "Test_Thing",
                                        NULL};
static const MI_PropertyDecl p_tags = {MI_FLAG_PROPERTY,
                                       0,
                                       "Tags",
                                       NULL,
                                       0,
                                       MI_STRINGA,
                                       NULL,
                                       0,
                                       offsetof(Test_Thing, Tags),
                                       "Test_Thing",
                                       "Test_Thing",
                                       NULL};
static const MI_PropertyDecl p_peer = {MI_FLAG_PROPERTY,
                                       0,
                                       "Peer",
                                       NULL,
                                       0,
                                       MI_REFERENCE,
                                       "Test_Base",
                                       0,
                                       offsetof(Test_Thing, Peer),
                                       "Test_Thing",
                                       "Test_Thing",
                                       NULL};
static const MI_PropertyDecl p_blob = {MI_FLAG_PROPERTY,
                                       0,
                                       "Blob",
                                       NULL,
                                       0,
                                       MI_INSTANCE,
                                       NULL,
                                       0,
                                       offsetof(Test_Thing, Blob),
                                       "Test_Thing",
                                       "Test_Thing",
                                       NULL};
static const MI_PropertyDecl p_when = {MI_FLAG_PROPERTY,
                                       0,
                                       "When",
                                       NULL,
                                       0,
                                       MI_DATETIME,
                                       NULL,
                                       0,
                                       offsetof(Test_Thing, When),
                                       "Test_Thing",
                                       "Test_Thing",
                                       NULL};
static const MI_PropertyDecl p_samples = {MI_FLAG_PROPERTY,
                                          0,
                                          "Samples",
                                          NULL,
                                          0,
                                          MI_REAL64A,
                                          NULL,
                                          0,
                                          offsetof(Test_Thing, Samples),
                                          "Test_Thing",
                                          "Test_Thing",
                                          NULL};
static const MI_PropertyDecl *const base_props[] = {&p_id};
static const MI_PropertyDecl *const thing_props[] = {&p_id,   &p_count, &p_tags,   &p_peer,
                                                     &p_blob, &p_when,  &p_samples};
static const MI_ClassDecl base_decl = {MI_FLAG_CLASS | MI_FLAG_ABSTRACT,
                                       0,
                                       "Test_Base",
                                       NULL,
                                       0,
                                       base_props,
                                       1,
                                       sizeof(MI_Instance) + 16,
                                       NULL,
                                       NULL,
                                       NULL,
                                       0,
                                       NULL,
                                       NULL,
                                       NULL};
static const MI_ClassDecl thing_decl = {
    MI_FLAG_CLASS, 0,          "Test_Thing", NULL, 0,    thing_props, 7,   sizeof(Test_Thing),
    "Test_Base",   &base_decl, NULL,         0,    NULL, NULL,        NULL};
static const MI_ClassDecl other_decl = {
    MI_FLAG_CLASS, 0,    "Test_Other", NULL, 0,    NULL, 0,   sizeof(MI_Instance),
    NULL,          NULL, NULL,         0,    NULL, NULL, NULL};

static MI_Application app;

static void setup(void)
{
    mic_application_core(&app);
}

static void teardown(void)
{
    ck_assert_int_eq(MI_Application_Close(&app), MI_RESULT_OK);
}

static MI_Instance *new_dyn(const char *cls)
{
    MI_Instance *i = NULL;
    ck_assert_int_eq(MI_Application_NewInstance(&app, cls, NULL, &i), MI_RESULT_OK);
    ck_assert_ptr_nonnull(i);
    return i;
}

/* ---- dynamic instances -------------------------------------------------------------------- */

START_TEST(dynamic_basics)
{
    MI_Instance *i = new_dyn("Demo_Disk");
    const MI_Char *s = NULL;
    MI_Uint32 n = 99, flags = 0, idx = 99;
    MI_Value v;
    MI_Type t;
    char name[] = "disk0";

    ck_assert_int_eq(MI_Instance_GetClassName(i, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Demo_Disk");
    ck_assert_str_eq(i->classDecl->name, "Demo_Disk");
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 0);

    v.string = name;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Name", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    v.uint64 = 0x123456789abcULL;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Size", &v, MI_UINT64, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_AddElement(i, "Label", NULL, MI_STRING, MI_FLAG_NULL),
                     MI_RESULT_OK);
    /* Names are case-insensitive: a second "name" is the same property. */
    ck_assert_int_eq(MI_Instance_AddElement(i, "NAME", &v, MI_UINT64, 0), MI_RESULT_ALREADY_EXISTS);
    ck_assert_int_eq(MI_Instance_AddElement(i, "1bad", &v, MI_UINT64, 0),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_AddElement(i, "", &v, MI_UINT64, 0), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_AddElement(i, "X", &v, (MI_Type)32, 0),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_AddElement(i, "Y", &v, MI_UINT8, MI_FLAG_BORROW | MI_FLAG_ADOPT),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 3);

    /* The value was copied: changing the caller's buffer changes nothing. */
    name[0] = 'X';
    ck_assert_int_eq(MI_Instance_GetElement(i, "name", &v, &t, &flags, &idx), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "disk0");
    ck_assert_int_eq(t, MI_STRING);
    ck_assert_uint_eq(idx, 0);
    ck_assert(flags & MI_FLAG_KEY);
    ck_assert(!(flags & MI_FLAG_NULL));

    ck_assert_int_eq(MI_Instance_GetElementAt(i, 1, &s, &v, &t, &flags), MI_RESULT_OK);
    ck_assert_str_eq(s, "Size");
    ck_assert_int_eq(t, MI_UINT64);
    ck_assert(v.uint64 == 0x123456789abcULL);

    ck_assert_int_eq(MI_Instance_GetElement(i, "Label", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert(flags & MI_FLAG_NULL);
    ck_assert_int_eq(t, MI_STRING);

    /* The synthesized declaration follows the elements. */
    ck_assert_uint_eq(i->classDecl->numProperties, 3);
    ck_assert_str_eq(i->classDecl->properties[1]->name, "Size");
    ck_assert_uint_eq(i->classDecl->properties[1]->type, MI_UINT64);
    ck_assert(i->classDecl->properties[0]->flags & MI_FLAG_KEY);

    /* Set checks type and name. */
    v.uint32 = 5;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Size", &v, MI_UINT32, 0), MI_RESULT_TYPE_MISMATCH);
    ck_assert_int_eq(MI_Instance_SetElement(i, "Nope", &v, MI_UINT32, 0), MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(MI_Instance_SetElementAt(i, 3, &v, MI_UINT32, 0), MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(MI_Instance_GetElement(i, "Nope", &v, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    ck_assert_int_eq(MI_Instance_GetElementAt(i, 3, NULL, &v, NULL, NULL), MI_RESULT_NOT_FOUND);
    v.uint64 = 1;
    ck_assert_int_eq(MI_Instance_SetElementAt(i, 1, &v, MI_UINT64, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(i, "size", &v, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert(v.uint64 == 1);

    /* Clear keeps the element and makes it NULL. */
    ck_assert_int_eq(MI_Instance_ClearElement(i, "Name"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(i, "Name", &v, NULL, &flags, NULL), MI_RESULT_OK);
    ck_assert(flags & MI_FLAG_NULL);
    ck_assert_ptr_null(v.string);
    ck_assert_int_eq(MI_Instance_ClearElementAt(i, 1), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElementAt(i, 1, NULL, &v, NULL, &flags), MI_RESULT_OK);
    ck_assert(flags & MI_FLAG_NULL);
    ck_assert_int_eq(MI_Instance_ClearElement(i, "Nope"), MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(MI_Instance_ClearElementAt(i, 9), MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 3);

    /* Setting a NULL string pointer is NULL, as the MI API has it. */
    v.string = NULL;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Label", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(i, "Label", &v, NULL, &flags, NULL), MI_RESULT_OK);
    ck_assert(flags & MI_FLAG_NULL);

    ck_assert_int_eq(MI_Instance_Delete(i), MI_RESULT_OK);
}
END_TEST

START_TEST(names_and_bad_args)
{
    MI_Instance *i = NULL;
    const MI_Char *s = "x";
    MI_Boolean f = MI_TRUE;

    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, NULL, &i), MI_RESULT_INVALID_PARAMETER);
    ck_assert_ptr_null(i);
    ck_assert_int_eq(MI_Application_NewInstance(&app, "a b", NULL, &i),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Application_NewInstance(&app, "<x>", NULL, &i),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Application_NewInstance(&app, "Ok", NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Application_NewInstance(NULL, "Ok", NULL, &i), MI_RESULT_INVALID_PARAMETER);

    i = new_dyn("Cl\xc3\xa4ss_1");
    ck_assert_int_eq(MI_Instance_GetNameSpace(i, &s), MI_RESULT_OK);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(MI_Instance_SetNameSpace(i, "root/cimv2"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetNameSpace(i, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "root/cimv2");
    ck_assert_str_eq(i->nameSpace, "root/cimv2");
    ck_assert_int_eq(MI_Instance_SetNameSpace(i, "interop"), MI_RESULT_OK);
    ck_assert_str_eq(i->nameSpace, "interop");
    ck_assert_int_eq(MI_Instance_SetServerName(i, "host1"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetServerName(i, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "host1");
    ck_assert_int_eq(MI_Instance_SetServerName(i, NULL), MI_RESULT_OK);
    ck_assert_ptr_null(i->serverName);

    ck_assert_int_eq(MI_Instance_IsA(i, &thing_decl, &f), MI_RESULT_OK);
    ck_assert(!f);
    ck_assert_int_eq(MI_Instance_GetClass(i, NULL), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_GetElementCount(i, NULL), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_GetClassName(i, NULL), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_Clone(i, NULL), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(MI_Instance_Destruct(i), MI_RESULT_OK); /* frees it, as Delete */
}
END_TEST

/* ---- every type, copied and cloned -------------------------------------------------------- */

static void add_all_types(MI_Instance *i, MI_Instance *emb)
{
    MI_Value v;
    MI_Boolean ba[] = {1, 0, 1};
    MI_Uint8 u8a[] = {0, 255};
    MI_Sint8 s8a[] = {-128, 127};
    MI_Uint16 u16a[] = {65535};
    MI_Sint16 s16a[] = {-32768, 1};
    MI_Uint32 u32a[] = {4294967295u, 0, 7};
    MI_Sint32 s32a[] = {-2147483647 - 1};
    MI_Uint64 u64a[] = {18446744073709551615ULL};
    MI_Sint64 s64a[] = {-9223372036854775807LL - 1, 3};
    MI_Real32 r32a[] = {1.5f, -0.25f};
    MI_Real64 r64a[] = {3.25, 1e300};
    MI_Char16 c16a[] = {0x41, 0x20ac};
    MI_Datetime dta[2];
    MI_Char *sa[] = {(MI_Char *)"a", NULL, (MI_Char *)"\xe2\x82\xac"};
    MI_Instance *ia[2];

    memset(dta, 0, sizeof dta);
    dta[0].isTimestamp = 1;
    dta[0].u.timestamp.year = 2024;
    dta[0].u.timestamp.utc = -300;
    dta[1].u.interval.days = 3;
    dta[1].u.interval.microseconds = 5;
    ia[0] = emb;
    ia[1] = emb;

#define ADD(name, member, val, type)                                                               \
    do {                                                                                           \
        memset(&v, 0, sizeof v);                                                                   \
        v.member = val;                                                                            \
        ck_assert_int_eq(MI_Instance_AddElement(i, name, &v, type, 0), MI_RESULT_OK);              \
    } while (0)
#define ADDA(name, member, arr, type)                                                              \
    do {                                                                                           \
        memset(&v, 0, sizeof v);                                                                   \
        v.member.data = arr;                                                                       \
        v.member.size = (MI_Uint32)(sizeof arr / sizeof arr[0]);                                   \
        ck_assert_int_eq(MI_Instance_AddElement(i, name, &v, type, 0), MI_RESULT_OK);              \
    } while (0)
    ADD("B", boolean, MI_TRUE, MI_BOOLEAN);
    ADD("U8", uint8, 200, MI_UINT8);
    ADD("S8", sint8, -100, MI_SINT8);
    ADD("U16", uint16, 60000, MI_UINT16);
    ADD("S16", sint16, -30000, MI_SINT16);
    ADD("U32", uint32, 4000000000u, MI_UINT32);
    ADD("S32", sint32, -2000000000, MI_SINT32);
    ADD("U64", uint64, 18000000000000000000ULL, MI_UINT64);
    ADD("S64", sint64, -9000000000000000000LL, MI_SINT64);
    ADD("R32", real32, 2.5f, MI_REAL32);
    ADD("R64", real64, -1e-300, MI_REAL64);
    ADD("C16", char16, 0x263a, MI_CHAR16);
    ADD("DT", datetime, dta[0], MI_DATETIME);
    ADD("S", string, (MI_Char *)"hello & <world>", MI_STRING);
    ADD("Ref", reference, emb, MI_REFERENCE);
    ADD("Emb", instance, emb, MI_INSTANCE);
    ADDA("BA", booleana, ba, MI_BOOLEANA);
    ADDA("U8A", uint8a, u8a, MI_UINT8A);
    ADDA("S8A", sint8a, s8a, MI_SINT8A);
    ADDA("U16A", uint16a, u16a, MI_UINT16A);
    ADDA("S16A", sint16a, s16a, MI_SINT16A);
    ADDA("U32A", uint32a, u32a, MI_UINT32A);
    ADDA("S32A", sint32a, s32a, MI_SINT32A);
    ADDA("U64A", uint64a, u64a, MI_UINT64A);
    ADDA("S64A", sint64a, s64a, MI_SINT64A);
    ADDA("R32A", real32a, r32a, MI_REAL32A);
    ADDA("R64A", real64a, r64a, MI_REAL64A);
    ADDA("C16A", char16a, c16a, MI_CHAR16A);
    ADDA("DTA", datetimea, dta, MI_DATETIMEA);
    ADDA("SA", stringa, sa, MI_STRINGA);
    ADDA("RefA", referencea, ia, MI_REFERENCEA);
    ADDA("EmbA", instancea, ia, MI_INSTANCEA);
    /* An empty array is a value (not NULL). */
    memset(&v, 0, sizeof v);
    ck_assert_int_eq(MI_Instance_AddElement(i, "Empty", &v, MI_UINT32A, 0), MI_RESULT_OK);
#undef ADD
#undef ADDA
}

static void check_all_types(const MI_Instance *i, const MI_Instance *emb)
{
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags, n;
    const MI_Char *s;

    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 33);
#define GET(name, type)                                                                            \
    do {                                                                                           \
        ck_assert_int_eq(MI_Instance_GetElement(i, name, &v, &t, &flags, NULL), MI_RESULT_OK);     \
        ck_assert_int_eq(t, type);                                                                 \
        ck_assert(!(flags & MI_FLAG_NULL));                                                        \
    } while (0)
    GET("B", MI_BOOLEAN);
    ck_assert_int_eq(v.boolean, 1);
    GET("U8", MI_UINT8);
    ck_assert_uint_eq(v.uint8, 200);
    GET("S8", MI_SINT8);
    ck_assert_int_eq(v.sint8, -100);
    GET("U16", MI_UINT16);
    ck_assert_uint_eq(v.uint16, 60000);
    GET("S16", MI_SINT16);
    ck_assert_int_eq(v.sint16, -30000);
    GET("U32", MI_UINT32);
    ck_assert_uint_eq(v.uint32, 4000000000u);
    GET("S32", MI_SINT32);
    ck_assert_int_eq(v.sint32, -2000000000);
    GET("U64", MI_UINT64);
    ck_assert(v.uint64 == 18000000000000000000ULL);
    GET("S64", MI_SINT64);
    ck_assert(v.sint64 == -9000000000000000000LL);
    GET("R32", MI_REAL32);
    ck_assert(v.real32 == 2.5f);
    GET("R64", MI_REAL64);
    ck_assert(v.real64 == -1e-300);
    GET("C16", MI_CHAR16);
    ck_assert_uint_eq(v.char16, 0x263a);
    GET("DT", MI_DATETIME);
    ck_assert_uint_eq(v.datetime.isTimestamp, 1);
    ck_assert_uint_eq(v.datetime.u.timestamp.year, 2024);
    ck_assert_int_eq(v.datetime.u.timestamp.utc, -300);
    GET("S", MI_STRING);
    ck_assert_str_eq(v.string, "hello & <world>");
    GET("Ref", MI_REFERENCE);
    ck_assert_ptr_ne(v.reference, emb); /* a copy */
    ck_assert_int_eq(MI_Instance_GetClassName(v.reference, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Emb_Class");
    GET("Emb", MI_INSTANCE);
    ck_assert_ptr_ne(v.instance, emb);
    ck_assert_int_eq(MI_Instance_GetElement(v.instance, "K", &v, &t, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "k1");
    GET("BA", MI_BOOLEANA);
    ck_assert_uint_eq(v.booleana.size, 3);
    ck_assert_int_eq(v.booleana.data[2], 1);
    GET("U8A", MI_UINT8A);
    ck_assert_uint_eq(v.uint8a.data[1], 255);
    GET("S8A", MI_SINT8A);
    ck_assert_int_eq(v.sint8a.data[0], -128);
    GET("U16A", MI_UINT16A);
    ck_assert_uint_eq(v.uint16a.data[0], 65535);
    GET("S16A", MI_SINT16A);
    ck_assert_int_eq(v.sint16a.data[0], -32768);
    GET("U32A", MI_UINT32A);
    ck_assert_uint_eq(v.uint32a.size, 3);
    ck_assert_uint_eq(v.uint32a.data[2], 7);
    GET("S32A", MI_SINT32A);
    ck_assert_int_eq(v.sint32a.data[0], -2147483647 - 1);
    GET("U64A", MI_UINT64A);
    ck_assert(v.uint64a.data[0] == 18446744073709551615ULL);
    GET("S64A", MI_SINT64A);
    ck_assert(v.sint64a.data[1] == 3);
    GET("R32A", MI_REAL32A);
    ck_assert(v.real32a.data[1] == -0.25f);
    GET("R64A", MI_REAL64A);
    ck_assert(v.real64a.data[1] == 1e300);
    GET("C16A", MI_CHAR16A);
    ck_assert_uint_eq(v.char16a.data[1], 0x20ac);
    GET("DTA", MI_DATETIMEA);
    ck_assert_uint_eq(v.datetimea.size, 2);
    ck_assert_uint_eq(v.datetimea.data[1].isTimestamp, 0);
    ck_assert_uint_eq(v.datetimea.data[1].u.interval.days, 3);
    GET("SA", MI_STRINGA);
    ck_assert_uint_eq(v.stringa.size, 3);
    ck_assert_str_eq(v.stringa.data[0], "a");
    ck_assert_ptr_null(v.stringa.data[1]);
    ck_assert_str_eq(v.stringa.data[2], "\xe2\x82\xac");
    GET("RefA", MI_REFERENCEA);
    ck_assert_uint_eq(v.referencea.size, 2);
    ck_assert_ptr_ne(v.referencea.data[0], emb);
    ck_assert_ptr_ne(v.referencea.data[0], v.referencea.data[1]);
    GET("EmbA", MI_INSTANCEA);
    ck_assert_uint_eq(v.instancea.size, 2);
    GET("Empty", MI_UINT32A);
    ck_assert_uint_eq(v.uint32a.size, 0);
#undef GET
}

static MI_Instance *new_emb(void)
{
    MI_Instance *e = new_dyn("Emb_Class");
    MI_Value v;
    v.string = (MI_Char *)"k1";
    ck_assert_int_eq(MI_Instance_AddElement(e, "K", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    return e;
}

START_TEST(every_type_copied)
{
    MI_Instance *emb = new_emb();
    MI_Instance *i = new_dyn("All_Types");
    MI_Instance *c = NULL;
    MI_Value v;

    add_all_types(i, emb);
    /* The embedded instance was copied: the original can go at once. */
    ck_assert_int_eq(MI_Instance_Delete(emb), MI_RESULT_OK);
    emb = NULL;
    check_all_types(i, emb);

    ck_assert_int_eq(MI_Instance_SetNameSpace(i, "root/x"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_Clone(i, &c), MI_RESULT_OK);
    ck_assert_ptr_nonnull(c);
    ck_assert_str_eq(c->nameSpace, "root/x");
    ck_assert_str_eq(c->classDecl->name, "All_Types");
    ck_assert_uint_eq(c->classDecl->numProperties, 33);
    /* The clone is deep: changing the original leaves it alone. */
    v.string = (MI_Char *)"changed";
    ck_assert_int_eq(MI_Instance_SetElement(i, "S", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_ClearElement(i, "EmbA"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_Delete(i), MI_RESULT_OK);
    check_all_types(c, NULL);
    ck_assert_int_eq(MI_Instance_Delete(c), MI_RESULT_OK);
}
END_TEST

START_TEST(borrow_and_adopt)
{
    MI_Instance *i = new_dyn("Own");
    MI_Instance *c = NULL;
    MI_Value v, g;
    char buf[] = "borrowed";
    MI_Uint32 *arr = (MI_Uint32 *)malloc(2 * sizeof *arr);
    MI_Char *adopted = (MI_Char *)malloc(8);
    MI_Instance *emb = new_emb();

    ck_assert_ptr_nonnull(arr);
    ck_assert_ptr_nonnull(adopted);
    strcpy(adopted, "adopted");
    arr[0] = 1;
    arr[1] = 2;

    v.string = buf;
    ck_assert_int_eq(MI_Instance_AddElement(i, "B", &v, MI_STRING, MI_FLAG_BORROW), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(i, "B", &g, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_ptr_eq(g.string, buf); /* the caller's memory */
    buf[0] = 'B';
    ck_assert_int_eq(MI_Instance_GetElement(i, "B", &g, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_str_eq(g.string, "Borrowed");

    v.string = adopted;
    ck_assert_int_eq(MI_Instance_AddElement(i, "A", &v, MI_STRING, MI_FLAG_ADOPT), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(i, "A", &g, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_ptr_eq(g.string, adopted);

    v.uint32a.data = arr;
    v.uint32a.size = 2;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Arr", &v, MI_UINT32A, MI_FLAG_ADOPT), MI_RESULT_OK);
    v.instance = emb;
    ck_assert_int_eq(MI_Instance_AddElement(i, "E", &v, MI_INSTANCE, MI_FLAG_ADOPT), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(i, "E", &g, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_ptr_eq(g.instance, emb);

    /* A clone owns copies, even of borrowed values. */
    ck_assert_int_eq(MI_Instance_Clone(i, &c), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(c, "B", &g, NULL, NULL, NULL), MI_RESULT_OK);
    ck_assert_ptr_ne(g.string, buf);
    ck_assert_str_eq(g.string, "Borrowed");

    /* Replacing an adopted value frees it (ASan's leak check proves it); replacing a
     * borrowed one leaves the caller's memory alone. */
    v.string = (MI_Char *)"copy";
    ck_assert_int_eq(MI_Instance_SetElement(i, "A", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_SetElement(i, "B", &v, MI_STRING, 0), MI_RESULT_OK);
    ck_assert_str_eq(buf, "Borrowed");
    ck_assert_int_eq(MI_Instance_Delete(i), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_Delete(c), MI_RESULT_OK);
}
END_TEST

/* ---- class-backed instances --------------------------------------------------------------- */

START_TEST(typed_from_decl)
{
    MI_Instance *i = NULL, *c = NULL, *peer = NULL;
    const MI_Char *s = NULL, *name = NULL;
    MI_Uint32 n = 0, flags = 0;
    MI_Value v;
    MI_Type t;
    MI_Boolean f = MI_FALSE;
    MI_Real64 samples[] = {1.0, 2.0};

    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &thing_decl, &i), MI_RESULT_OK);
    ck_assert_ptr_eq(i->classDecl, &thing_decl);
    ck_assert_int_eq(MI_Instance_GetClassName(i, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Test_Thing");
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 7);

    /* Every declared property is there, NULL, typed and flagged as declared, in order. */
    ck_assert_int_eq(MI_Instance_GetElementAt(i, 0, &name, &v, &t, &flags), MI_RESULT_OK);
    ck_assert_str_eq(name, "Id");
    ck_assert_int_eq(t, MI_STRING);
    ck_assert(flags & MI_FLAG_KEY);
    ck_assert(flags & MI_FLAG_NULL);
    ck_assert_int_eq(MI_Instance_GetElementAt(i, 1, &name, &v, &t, &flags), MI_RESULT_OK);
    ck_assert_str_eq(name, "Count");
    ck_assert(flags & MI_FLAG_READONLY);
    ck_assert_int_eq(MI_Instance_GetElement(i, "samples", &v, &t, &flags, &n), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_REAL64A);
    ck_assert_uint_eq(n, 6);

    /* Set is checked against the declaration. */
    v.string = (MI_Char *)"x";
    ck_assert_int_eq(MI_Instance_SetElement(i, "Count", &v, MI_STRING, 0), MI_RESULT_TYPE_MISMATCH);
    v.uint32 = 3;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Id", &v, MI_UINT32, 0), MI_RESULT_TYPE_MISMATCH);
    ck_assert_int_eq(MI_Instance_SetElement(i, "Samples", &v, MI_REAL64, 0),
                     MI_RESULT_TYPE_MISMATCH);
    ck_assert_int_eq(MI_Instance_SetElement(i, "Missing", &v, MI_UINT32, 0), MI_RESULT_NOT_FOUND);
    ck_assert_int_eq(MI_Instance_SetElement(i, "Count", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.string = (MI_Char *)"id-1";
    ck_assert_int_eq(MI_Instance_SetElement(i, "ID", &v, MI_STRING, 0), MI_RESULT_OK);
    v.real64a.data = samples;
    v.real64a.size = 2;
    ck_assert_int_eq(MI_Instance_SetElementAt(i, 6, &v, MI_REAL64A, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_SetElementAt(i, 6, &v, MI_REAL32A, 0), MI_RESULT_TYPE_MISMATCH);
    ck_assert_int_eq(MI_Instance_AddElement(i, "count", &v, MI_UINT32, 0),
                     MI_RESULT_ALREADY_EXISTS);

    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &base_decl, &peer), MI_RESULT_OK);
    v.string = (MI_Char *)"peer-1";
    ck_assert_int_eq(MI_Instance_SetElement(peer, "Id", &v, MI_STRING, 0), MI_RESULT_OK);
    v.reference = peer;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Peer", &v, MI_REFERENCE, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_SetElement(i, "Blob", &v, MI_REFERENCE, 0),
                     MI_RESULT_TYPE_MISMATCH);
    ck_assert_int_eq(MI_Instance_Delete(peer), MI_RESULT_OK);

    /* IsA walks the superclass chain. */
    ck_assert_int_eq(MI_Instance_IsA(i, &base_decl, &f), MI_RESULT_OK);
    ck_assert(f);
    ck_assert_int_eq(MI_Instance_IsA(i, &thing_decl, &f), MI_RESULT_OK);
    ck_assert(f);
    ck_assert_int_eq(MI_Instance_IsA(i, &other_decl, &f), MI_RESULT_OK);
    ck_assert(!f);
    ck_assert_int_eq(MI_Instance_IsA(i, NULL, &f), MI_RESULT_INVALID_PARAMETER);

    /* A name the class lacks may still be added (results from newer servers). */
    v.boolean = 1;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Extra", &v, MI_BOOLEAN, 0), MI_RESULT_OK);

    ck_assert_int_eq(MI_Instance_Clone(i, &c), MI_RESULT_OK);
    ck_assert_ptr_eq(c->classDecl, &thing_decl);
    ck_assert_int_eq(MI_Instance_GetElementCount(c, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 8);
    ck_assert_int_eq(MI_Instance_GetElement(c, "Peer", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElement(v.reference, "Id", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "peer-1");
    ck_assert_int_eq(MI_Instance_GetElement(c, "Samples", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(v.real64a.size, 2);
    ck_assert(v.real64a.data[1] == 2.0);
    ck_assert_int_eq(MI_Instance_GetElement(c, "Count", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(v.uint32, 3);
    ck_assert_int_eq(MI_Instance_Delete(i), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_Delete(c), MI_RESULT_OK);

    /* A parameter set: the class name is given, the decl types it. */
    ck_assert_int_eq(MI_Application_NewParameterSet(&app, &base_decl, &i), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetClassName(i, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "__parameters");
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(MI_Instance_Delete(i), MI_RESULT_OK);
}
END_TEST

START_TEST(value_copy_helpers)
{
    MI_Value a, b;
    MI_Char *strs[] = {(MI_Char *)"x", (MI_Char *)"y"};
    memset(&a, 0, sizeof a);
    a.stringa.data = strs;
    a.stringa.size = 2;
    ck_assert_int_eq(mic_value_copy(MI_STRINGA, &a, &b), MI_RESULT_OK);
    ck_assert_ptr_ne(b.stringa.data, strs);
    ck_assert_str_eq(b.stringa.data[1], "y");
    mic_value_free(MI_STRINGA, &b);
    ck_assert_ptr_null(b.stringa.data);
    a.array.data = NULL;
    a.array.size = 3;
    ck_assert_int_eq(mic_value_copy(MI_UINT8A, &a, &b), MI_RESULT_INVALID_PARAMETER);
    ck_assert_int_eq(mic_value_copy((MI_Type)40, &a, &b), MI_RESULT_INVALID_PARAMETER);
}
END_TEST

/* Many elements: the synthesized declaration stays right across its reallocations. */
START_TEST(dynamic_many_elements)
{
    MI_Instance *i = new_dyn("Wide");
    MI_Value v;
    char name[32];
    MI_Uint32 k;
    for (k = 0; k < 300; k++) {
        snprintf(name, sizeof name, "P%u", k);
        v.uint32 = k;
        ck_assert_int_eq(MI_Instance_AddElement(i, name, &v, MI_UINT32, k % 7 ? 0 : MI_FLAG_KEY),
                         MI_RESULT_OK);
        ck_assert_uint_eq(i->classDecl->numProperties, k + 1);
    }
    for (k = 0; k < 300; k++) {
        const MI_PropertyDecl *p = i->classDecl->properties[k];
        snprintf(name, sizeof name, "P%u", k);
        ck_assert_str_eq(p->name, name);
        ck_assert_uint_eq(p->type, MI_UINT32);
        ck_assert_uint_eq(!!(p->flags & MI_FLAG_KEY), k % 7 == 0);
        ck_assert_int_eq(MI_Instance_GetElement(i, name, &v, NULL, NULL, NULL), MI_RESULT_OK);
        ck_assert_uint_eq(v.uint32, k);
    }
    ck_assert_int_eq(MI_Instance_Delete(i), MI_RESULT_OK);
}
END_TEST

/* libutil's buffer, which the instance core's writers share: a failure marked by a writer
 * sticks until reset, and util_buf_take hands over the text or, after a failure, nothing. */
/* ---- class objects of declarations: MI_Application_NewClass, MI_Instance_GetClass --------- */

/* Asserts c is Test_Thing's class as thing_decl declares it, Test_Base its parent. */
static void check_thing_class(const MI_Class *c, const char *ns)
{
    const MI_Char *s = NULL;
    MI_Uint32 n = 0, flags = 0, index = 99;
    MI_Type t;
    MI_Class *parent = NULL, *copy = NULL;
    ck_assert_int_eq(MI_Class_GetClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Test_Thing");
    ck_assert_int_eq(MI_Class_GetNameSpace(c, &s), MI_RESULT_OK);
    if (ns)
        ck_assert_str_eq(s, ns);
    else
        ck_assert_ptr_null(s);
    ck_assert_int_eq(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 7);
    ck_assert_int_eq(MI_Class_GetElement(c, "count", NULL, NULL, &t, NULL, NULL, &flags, &index),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert(flags & MI_FLAG_READONLY);
    ck_assert_uint_eq(index, 1);
    ck_assert_int_eq(MI_Class_GetElement(c, "Nope", NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_NO_SUCH_PROPERTY);
    ck_assert_int_eq(MI_Class_GetParentClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Test_Base");
    ck_assert_int_eq(MI_Class_GetParentClass(c, &parent), MI_RESULT_OK);
    ck_assert_int_eq(MI_Class_GetClassName(parent, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Test_Base");
    ck_assert_int_eq(MI_Class_GetElementCount(parent, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(MI_Class_GetParentClass(parent, &copy), MI_RESULT_INVALID_SUPERCLASS);
    ck_assert_int_eq(MI_Class_Clone(c, &copy), MI_RESULT_OK);
    ck_assert_int_eq(MI_Class_Delete(parent), MI_RESULT_OK); /* the parent outlives this */
    ck_assert_int_eq(MI_Class_GetClassName(copy, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Test_Thing");
    ck_assert_int_eq(MI_Class_Delete(copy), MI_RESULT_OK);
}

START_TEST(classes_of_declarations)
{
    MI_Class *c = NULL, *d = NULL;
    MI_Instance *i = NULL;
    const MI_Char *s = NULL;
    MI_Uint32 n = 0, flags = 0;
    MI_Type t;
    MI_Value v;
    /* NewClass: the declaration's class, names copied. */
    ck_assert_int_eq(MI_Application_NewClass(&app, &thing_decl, "root/x", "srv", &c), MI_RESULT_OK);
    check_thing_class(c, "root/x");
    ck_assert_int_eq(MI_Class_GetServerName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "srv");
    ck_assert_ptr_ne(c->classDecl, &thing_decl); /* a copy (classes_own_their_declarations) */
    ck_assert_int_eq(MI_Class_Delete(c), MI_RESULT_OK);
    c = (MI_Class *)1;
    ck_assert_int_eq(MI_Application_NewClass(&app, NULL, NULL, NULL, &c),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(MI_Application_NewClass(&app, &thing_decl, NULL, NULL, NULL),
                     MI_RESULT_INVALID_PARAMETER);
    /* GetClass of a typed instance: its declaration, in its namespace. */
    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &thing_decl, &i), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_SetNameSpace(i, "root/y"), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetClass(i, &c), MI_RESULT_OK);
    MI_Instance_Delete(i);
    check_thing_class(c, "root/y");
    ck_assert_int_eq(MI_Class_Delete(c), MI_RESULT_OK);
    /* GetClass of a dynamic instance: its elements as they stood, kept after the instance. */
    i = new_dyn("Dyn_Thing");
    v.string = (MI_Char *)"k";
    ck_assert_int_eq(MI_Instance_AddElement(i, "Key", &v, MI_STRING, MI_FLAG_KEY), MI_RESULT_OK);
    v.uint64 = 5;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Size", &v, MI_UINT64, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetClass(i, &c), MI_RESULT_OK);
    v.boolean = MI_TRUE;
    ck_assert_int_eq(MI_Instance_AddElement(i, "Later", &v, MI_BOOLEAN, 0), MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetClass(i, &d), MI_RESULT_OK);
    MI_Instance_Delete(i);
    ck_assert_int_eq(MI_Class_GetClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Dyn_Thing");
    ck_assert_int_eq(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(MI_Class_GetElementCount(d, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(MI_Class_GetElementAt(c, 0, &s, NULL, NULL, &t, NULL, NULL, &flags),
                     MI_RESULT_OK);
    ck_assert_str_eq(s, "Key");
    ck_assert_int_eq(t, MI_STRING);
    ck_assert(flags & MI_FLAG_KEY);
    ck_assert_int_eq(MI_Class_GetElement(c, "size", NULL, NULL, &t, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT64);
    ck_assert_int_eq(MI_Class_GetParentClassName(c, &s), MI_RESULT_INVALID_SUPERCLASS);
    ck_assert_int_eq(MI_Class_Delete(c), MI_RESULT_OK);
    ck_assert_int_eq(MI_Class_Delete(d), MI_RESULT_OK);
}
END_TEST

/* A declaration built at run time, on the heap: Heap_Base { [Key] string Id; } <- Heap_Thing
 * [Description] { [ValueMap] uint32 Size = 7; uint32 Go([In] uint16 Speed); }. */
typedef struct heap_decl {
    MI_ClassDecl base, cls;
    MI_PropertyDecl id, size;
    const MI_PropertyDecl *base_props[1], *props[2];
    MI_Qualifier desc, valuemap, in;
    const MI_Qualifier *cls_quals[1], *size_quals[1], *speed_quals[1];
    MI_Uint32 size_default;
    MI_Char *vm[2];
    MI_ConstStringA vm_value;
    MI_Boolean yes;
    MI_ParameterDecl ret, speed;
    const MI_ParameterDecl *params[2];
    MI_MethodDecl go;
    const MI_MethodDecl *methods[1];
} heap_decl;

static heap_decl *heap_decl_new(void)
{
    heap_decl *h = calloc(1, sizeof *h);
    ck_assert_ptr_nonnull(h);
    h->id = (MI_PropertyDecl){MI_FLAG_PROPERTY | MI_FLAG_KEY,
                              0,
                              strdup("Id"),
                              NULL,
                              0,
                              MI_STRING,
                              NULL,
                              0,
                              0,
                              strdup("Heap_Base"),
                              strdup("Heap_Base"),
                              NULL};
    h->vm[0] = strdup("7");
    h->vm[1] = strdup("9");
    h->vm_value.data = (const MI_Char *const *)h->vm;
    h->vm_value.size = 2;
    h->valuemap = (MI_Qualifier){strdup("ValueMap"), MI_STRINGA, 0, &h->vm_value};
    h->size_quals[0] = &h->valuemap;
    h->size_default = 7;
    h->size = (MI_PropertyDecl){MI_FLAG_PROPERTY,
                                0,
                                strdup("Size"),
                                h->size_quals,
                                1,
                                MI_UINT32,
                                NULL,
                                0,
                                0,
                                strdup("Heap_Thing"),
                                strdup("Heap_Thing"),
                                &h->size_default};
    h->base_props[0] = &h->id;
    h->props[0] = &h->id;
    h->props[1] = &h->size;
    h->base = (MI_ClassDecl){MI_FLAG_CLASS,
                             0,
                             strdup("Heap_Base"),
                             NULL,
                             0,
                             h->base_props,
                             1,
                             0,
                             NULL,
                             NULL,
                             NULL,
                             0,
                             NULL,
                             NULL,
                             NULL};
    h->desc = (MI_Qualifier){strdup("Description"), MI_STRING, MI_FLAG_TRANSLATABLE, &h->vm[1]};
    h->cls_quals[0] = &h->desc;
    h->yes = MI_TRUE;
    h->in = (MI_Qualifier){strdup("In"), MI_BOOLEAN, 0, &h->yes};
    h->speed_quals[0] = &h->in;
    h->ret = (MI_ParameterDecl){
        MI_FLAG_PARAMETER | MI_FLAG_OUT, 0, strdup("MIReturn"), NULL, 0, MI_UINT32, NULL, 0, 0};
    h->speed = (MI_ParameterDecl){MI_FLAG_PARAMETER | MI_FLAG_IN,
                                  0,
                                  strdup("Speed"),
                                  h->speed_quals,
                                  1,
                                  MI_UINT16,
                                  NULL,
                                  0,
                                  0};
    h->params[0] = &h->ret;
    h->params[1] = &h->speed;
    h->go = (MI_MethodDecl){MI_FLAG_METHOD,
                            0,
                            strdup("Go"),
                            NULL,
                            0,
                            h->params,
                            2,
                            0,
                            MI_UINT32,
                            strdup("Heap_Thing"),
                            strdup("Heap_Thing"),
                            NULL,
                            NULL};
    h->methods[0] = &h->go;
    h->cls = (MI_ClassDecl){MI_FLAG_CLASS,
                            0,
                            strdup("Heap_Thing"),
                            h->cls_quals,
                            1,
                            h->props,
                            2,
                            0,
                            strdup("Heap_Base"),
                            &h->base,
                            h->methods,
                            1,
                            NULL,
                            NULL,
                            NULL};
    return h;
}

/* Overwrites every byte of h and of its strings, then frees them. */
static void heap_decl_free(heap_decl *h)
{
    char *strs[] = {(char *)h->id.name,
                    (char *)h->id.origin,
                    (char *)h->id.propagator,
                    h->vm[0],
                    h->vm[1],
                    (char *)h->valuemap.name,
                    (char *)h->size.name,
                    (char *)h->size.origin,
                    (char *)h->size.propagator,
                    (char *)h->base.name,
                    (char *)h->desc.name,
                    (char *)h->in.name,
                    (char *)h->ret.name,
                    (char *)h->speed.name,
                    (char *)h->go.name,
                    (char *)h->go.origin,
                    (char *)h->go.propagator,
                    (char *)h->cls.name,
                    (char *)h->cls.superClass};
    size_t i;
    for (i = 0; i < sizeof strs / sizeof *strs; i++) {
        memset(strs[i], 'X', strlen(strs[i]));
        free(strs[i]);
    }
    memset(h, 0xA5, sizeof *h);
    free(h);
}

/* The class of heap_decl's Heap_Thing, read whole through the MI_ClassFT. */
static void check_heap_class(const MI_Class *c)
{
    const MI_Char *s = NULL;
    MI_Uint32 n = 0, flags = 0, index = 0;
    MI_Type t;
    MI_Value v;
    MI_Boolean exists = MI_FALSE;
    MI_QualifierSet qs;
    MI_ParameterSet ps;
    MI_Class *parent = NULL;
    ck_assert_int_eq(MI_Class_GetClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Heap_Thing");
    ck_assert_int_eq(MI_Class_GetNameSpace(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "root/heap");
    ck_assert_int_eq(MI_Class_GetClassQualifierSet(c, &qs), MI_RESULT_OK);
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "Description", &t, &flags, &v, &index),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRING);
    ck_assert_str_eq(v.string, "9");
    ck_assert(flags & MI_FLAG_TRANSLATABLE);
    ck_assert_int_eq(MI_Class_GetElementCount(c, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(MI_Class_GetElementAt(c, 0, &s, NULL, &exists, &t, NULL, NULL, &flags),
                     MI_RESULT_OK);
    ck_assert_str_eq(s, "Id");
    ck_assert(flags & MI_FLAG_KEY);
    ck_assert(!exists);
    ck_assert_int_eq(MI_Class_GetElement(c, "size", &v, &exists, &t, NULL, &qs, NULL, &index),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert(exists);
    ck_assert_uint_eq(v.uint32, 7);
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "ValueMap", &t, &flags, &v, &index),
                     MI_RESULT_OK);
    ck_assert_int_eq(t, MI_STRINGA);
    ck_assert_uint_eq(v.stringa.size, 2);
    ck_assert_str_eq(v.stringa.data[0], "7");
    ck_assert_str_eq(v.stringa.data[1], "9");
    ck_assert_int_eq(MI_Class_GetMethod(c, "go", &qs, &ps, &index), MI_RESULT_OK);
    ck_assert_int_eq(MI_ParameterSet_GetMethodReturnType(&ps, &t, &qs), MI_RESULT_OK);
    ck_assert_int_eq(t, MI_UINT32);
    ck_assert_int_eq(MI_ParameterSet_GetParameterAt(&ps, 0, &s, &t, NULL, &qs), MI_RESULT_OK);
    ck_assert_str_eq(s, "Speed");
    ck_assert_int_eq(t, MI_UINT16);
    ck_assert_int_eq(MI_QualifierSet_GetQualifier(&qs, "In", &t, &flags, &v, &index), MI_RESULT_OK);
    ck_assert(v.boolean);
    ck_assert_int_eq(MI_Class_GetParentClassName(c, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Heap_Base");
    ck_assert_int_eq(MI_Class_GetParentClass(c, &parent), MI_RESULT_OK);
    ck_assert_int_eq(MI_Class_GetElementAt(parent, 0, &s, NULL, NULL, NULL, NULL, NULL, NULL),
                     MI_RESULT_OK);
    ck_assert_str_eq(s, "Id");
    ck_assert_int_eq(MI_Class_Delete(parent), MI_RESULT_OK);
}

/* MI_Application_NewClass owns a deep copy of the declaration and its superclasses': the class
 * is whole after the caller overwrote and freed its own. NewInstanceFromClass makes an instance
 * as NewInstance from the class's declaration does (every declared property, typed and
 * flagged, none set: defaults are the server's to apply), which keeps the class alive. */
START_TEST(classes_own_their_declarations)
{
    heap_decl *h = heap_decl_new();
    MI_Class *c = NULL, *ic = NULL;
    MI_Instance *i = NULL, *j = NULL, *d = NULL;
    const MI_Char *s = NULL, *name = NULL, *dname = NULL;
    MI_Uint32 n = 0, k, flags = 0, dflags = 0;
    MI_Value v, dv;
    MI_Type t, dt;
    ck_assert_int_eq(MI_Application_NewClass(&app, &h->cls, "root/heap", NULL, &c), MI_RESULT_OK);
    /* (for comparing: NewInstance from the declaration itself, before it goes) */
    ck_assert_int_eq(MI_Application_NewInstance(&app, NULL, &h->cls, &d), MI_RESULT_OK);
    ck_assert_int_eq(MI_Application_NewInstanceFromClass(&app, NULL, c, &i), MI_RESULT_OK);
    for (k = 0; k < 2; k++) {
        ck_assert_int_eq(MI_Instance_GetElementAt(i, k, &name, &v, &t, &flags), MI_RESULT_OK);
        ck_assert_int_eq(MI_Instance_GetElementAt(d, k, &dname, &dv, &dt, &dflags), MI_RESULT_OK);
        ck_assert_str_eq(name, dname);
        ck_assert_int_eq(t, dt);
        ck_assert_uint_eq(flags, dflags);
        ck_assert(flags & MI_FLAG_NULL);
    }
    MI_Instance_Delete(d);
    heap_decl_free(h);
    check_heap_class(c);
    ck_assert_int_eq(MI_Class_Delete(c), MI_RESULT_OK);
    /* The instance outlives the class it was made from, and so does its clone. */
    ck_assert_int_eq(MI_Instance_GetClassName(i, &s), MI_RESULT_OK);
    ck_assert_str_eq(s, "Heap_Thing");
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(MI_Instance_GetElementAt(i, 0, &name, &v, &t, &flags), MI_RESULT_OK);
    ck_assert_str_eq(name, "Id");
    ck_assert(flags & MI_FLAG_KEY);
    v.uint32 = 9;
    ck_assert_int_eq(MI_Instance_SetElement(i, "Size", &v, MI_UINT32, 0), MI_RESULT_OK);
    v.string = (MI_Char *)"x";
    ck_assert_int_eq(MI_Instance_SetElement(i, "Size", &v, MI_STRING, 0), MI_RESULT_TYPE_MISMATCH);
    ck_assert_int_eq(MI_Instance_Clone(i, &j), MI_RESULT_OK);
    MI_Instance_Delete(i);
    ck_assert_int_eq(MI_Instance_GetElement(j, "Size", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(v.uint32, 9);
    ck_assert_int_eq(MI_Instance_GetClass(j, &ic), MI_RESULT_OK);
    MI_Instance_Delete(j);
    check_heap_class(ic); /* the class it was made from */
    ck_assert_int_eq(MI_Class_Delete(ic), MI_RESULT_OK);
    /* No class: as NewInstance with no declaration, a dynamic instance of the class named. */
    ck_assert_int_eq(MI_Application_NewInstanceFromClass(&app, "Dyn_Thing", NULL, &i),
                     MI_RESULT_OK);
    ck_assert_int_eq(MI_Instance_GetElementCount(i, &n), MI_RESULT_OK);
    ck_assert_uint_eq(n, 0);
    MI_Instance_Delete(i);
    i = (MI_Instance *)1;
    ck_assert_int_eq(MI_Application_NewInstanceFromClass(&app, NULL, NULL, &i),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_ptr_null(i);
}
END_TEST

START_TEST(util_buffer_fail_and_take)
{
    util_buf b;
    char *text;
    size_t len = 99;
    util_buf_init(&b);
    ck_assert_ptr_null(util_buf_take(&b, &len));
    ck_assert_uint_eq(len, 0);
    util_buf_puts(&b, "abcdef");
    util_buf_truncate(&b, 3);
    ck_assert_str_eq(b.data, "abc");
    text = util_buf_take(&b, &len);
    ck_assert_str_eq(text, "abc");
    ck_assert_uint_eq(len, 3);
    ck_assert_ptr_null(b.data);
    ck_assert_uint_eq(b.len, 0);
    free(text);
    util_buf_puts(&b, "abc");
    util_buf_fail(&b);
    ck_assert(b.failed);
    util_buf_puts(&b, "def"); /* ignored once failed */
    ck_assert_uint_eq(b.len, 3);
    ck_assert_ptr_null(util_buf_take(&b, &len));
    ck_assert_uint_eq(len, 0);
    ck_assert(!b.failed);
    ck_assert_ptr_null(b.data);
    util_buf_puts(&b, "x");
    util_buf_fail(&b);
    util_buf_reset(&b);
    ck_assert(!b.failed);
    util_buf_puts(&b, "y");
    ck_assert_str_eq(b.data, "y");
    util_buf_free(&b);
}
END_TEST

static Suite *instance_suite(void)
{
    Suite *s = suite_create("instance");
    TCase *tc = tcase_create("instance");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, dynamic_basics);
    tcase_add_test(tc, names_and_bad_args);
    tcase_add_test(tc, every_type_copied);
    tcase_add_test(tc, borrow_and_adopt);
    tcase_add_test(tc, typed_from_decl);
    tcase_add_test(tc, value_copy_helpers);
    tcase_add_test(tc, dynamic_many_elements);
    tcase_add_test(tc, classes_of_declarations);
    tcase_add_test(tc, classes_own_their_declarations);
    tcase_add_test(tc, util_buffer_fail_and_take);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(instance_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
