/* SPDX-License-Identifier: MIT */
/* tests/test_e2e_mof3.c: the bindings of a MOF 3 schema (tests/data/mof3: structures, integer
 * and string enumerations, global and local ones) end to end against an embedded mofbind-server
 * loading the same files: enumeration-typed setters put the values on the wire (a string
 * enumeration as its string), structures made from their typed structs travel as embedded
 * instances, the server applies a structure's MOF defaults, and the results read back into the
 * typed structs and enumerations; arrays of enumerations are set from typed C arrays, and an
 * override typed by a derived enumeration has a setter taking that enumeration; methods take
 * and give structures as C structs in their typed parameter structs. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "Shop_Address.h"
#include "Shop_Customer.h"
#include "Shop_Customer_Note.h"
#include "Shop_Date.h"
#include "Shop_Store.h"
#include "Shop_Store_Note.h"
#include "Shop_Vip.h"
#include "Shop_Vip_Sponsor.h"
#include "Rec_Bundle.h"
#include "Rec_Kit.h"
#include "Rec_Part.h"
#include "e2e_util.h"

#define NS "root/cimv2"

static char *data_path(const char *name)
{
    static char path[4096];
    const char *top = getenv("MOFBIND_SRCDIR");
    snprintf(path, sizeof path, "%s/tests/data/mof3/%s", top ? top : E2E_SRCDIR, name);
    return path;
}

static char *schema_path(void)
{
    return data_path("schema.mof");
}

/* An embedded mofbind-server loading the schema, and a client of it. */
static void start(e2e_server *s, e2e_client *c)
{
    e2e_server_opts o;
    memset(&o, 0, sizeof o);
    o.schema_file = schema_path();
    e2e_server_start(s, &o);
    ck_assert_int_eq(e2e_client_open(c, s->url, NULL), MI_RESULT_OK);
}

START_TEST(enumerations_and_structures_round_trip)
{
    e2e_server s;
    e2e_client c;
    Shop_Customer x, got;
    Shop_Date since, back;
    Shop_Address home, addr;
    Shop_Regions region = Shop_Regions_North;
    MI_Instance *err = NULL;
    MI_Result r;
    start(&s, &c);

    Shop_Date_Init(&since);
    ck_assert_int_eq(Shop_Date_Set_Year(&since, 2024), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Date_Set_Month(&since, Shop_Months_December), MI_RESULT_OK);
    Shop_Address_Init(&home);
    ck_assert_int_eq(Shop_Address_Set_Region(&home, Shop_Regions_Islands), MI_RESULT_OK);
    ck_assert_str_eq(home.Region.value, "Islands");
    ck_assert_int_eq(Shop_Address_Set_City(&home, "Tromsø"), MI_RESULT_OK);
    /* A value that is none of the enumeration's is refused, and the field keeps its value. */
    ck_assert_int_eq(Shop_Address_Set_Region(&home, (Shop_Regions)7),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert_str_eq(home.Region.value, "Islands");

    Shop_Customer_Init(&x);
    ck_assert_int_eq(Shop_Customer_Set_InstanceID(&x, "c-typed"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Customer_Set_Level(&x, Shop_Customer_LevelKind_Gold), MI_RESULT_OK);
    ck_assert_uint_eq(x.Level.value, 2);
    /* An integer enumeration's value that is none of its own: refused, the field unchanged. */
    ck_assert_int_eq(Shop_Customer_Set_Level(&x, (Shop_Customer_LevelKind)5),
                     MI_RESULT_INVALID_PARAMETER);
    ck_assert(x.Level.exists);
    ck_assert_uint_eq(x.Level.value, 2);
    ck_assert(Shop_Customer_LevelKind_IsValid(Shop_Customer_LevelKind_Silver));
    ck_assert(!Shop_Customer_LevelKind_IsValid((Shop_Customer_LevelKind)3));
    /* A structure is a C struct in the class's: its setter takes the typed struct (copied). */
    ck_assert_int_eq(Shop_Customer_Set_Since(&x, &since), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Customer_Set_Home(&x, &home), MI_RESULT_OK);
    Shop_Date_Destruct(&since);
    Shop_Address_Destruct(&home);
    ck_assert(x.Since.exists && x.Since.value.Year.value == 2024);
    ck_assert_str_eq(x.Home.value.City.value, "Tromsø");
    r = Shop_Customer_CreateSync(&c.session, NS, &x, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");

    memset(&got, 0, sizeof got);
    r = Shop_Customer_GetSync(&c.session, NS, &x, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Get: %d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert(got.Level.exists);
    ck_assert_uint_eq(got.Level.value, Shop_Customer_LevelKind_Gold);
    /* The structures, as their typed structs; Day and AddressKind were left unset and come back
     * as the structures' MOF defaults (1, Home). */
    ck_assert(got.Since.exists && got.Home.exists);
    back = got.Since.value; /* a view: got owns it */
    ck_assert(back.Year.exists && back.Year.value == 2024);
    ck_assert(back.Month.exists && back.Month.value == Shop_Months_December);
    ck_assert(back.Day.exists && back.Day.value == 1);
    ck_assert(!got.Phone.exists && !got.Notes.exists);
    addr = got.Home.value;
    ck_assert(addr.Region.exists);
    ck_assert(Shop_Regions_FromString(addr.Region.value, &region));
    ck_assert_int_eq(region, Shop_Regions_Islands);
    ck_assert(!Shop_Regions_FromString("Atlantis", &region));
    ck_assert_str_eq(Shop_Regions_ToString(Shop_Regions_South), "S");
    ck_assert_ptr_null(Shop_Regions_ToString((Shop_Regions)3));
    ck_assert(addr.AddressKind.exists && addr.AddressKind.value == Shop_Address_Kind_Home);
    ck_assert_str_eq(addr.City.value, "Tromsø");

    Shop_Customer_Destruct(&got);
    Shop_Customer_Destruct(&x);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* An array of an integer enumeration and one of a string enumeration are set from typed C
 * arrays (stored in the wire form: the base type's values, the strings); an override typed by an
 * enumeration deriving from the overridden one's (Shop_Vip.Level, VipLevelKind : LevelKind) has
 * a setter taking the derived enumeration; all reach the server and come back. */
START_TEST(enumeration_arrays_and_override)
{
    e2e_server s;
    e2e_client c;
    Shop_Vip v, vgot;
    Shop_Store st, sgot;
    const Shop_Months months[] = {Shop_Months_January, Shop_Months_July, Shop_Months_December};
    const Shop_Regions regions[] = {Shop_Regions_North, Shop_Regions_Islands};
    const Shop_Regions bad[] = {Shop_Regions_South, (Shop_Regions)9};
    MI_Instance *err = NULL;
    MI_Result r;
    start(&s, &c);

    Shop_Vip_Init(&v);
    ck_assert_int_eq(Shop_Vip_Set_InstanceID(&v, "v-typed"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Level(&v, Shop_Vip_VipLevelKind_Diamond), MI_RESULT_OK);
    ck_assert_uint_eq(v.Level.value, 7);
    ck_assert_int_eq(Shop_Vip_Set_PaymentMonths(&v, months, 3), MI_RESULT_OK);
    ck_assert(v.PaymentMonths.exists && v.PaymentMonths.value.size == 3);
    ck_assert_uint_eq(v.PaymentMonths.value.data[1], 7);
    {
        const Shop_Months wrong[] = {Shop_Months_May, (Shop_Months)13};
        ck_assert_int_eq(Shop_Vip_Set_PaymentMonths(&v, wrong, 2), MI_RESULT_INVALID_PARAMETER);
        ck_assert(v.PaymentMonths.exists && v.PaymentMonths.value.size == 3);
        ck_assert_uint_eq(v.PaymentMonths.value.data[1], 7);
    }
    /* A derived enumeration takes its base's values and its own. */
    ck_assert_int_eq(Shop_Vip_Set_Level(&v, Shop_Vip_VipLevelKind_Silver), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Level(&v, (Shop_Vip_VipLevelKind)4), MI_RESULT_INVALID_PARAMETER);
    ck_assert_uint_eq(v.Level.value, 1);
    ck_assert_int_eq(Shop_Vip_Set_Level(&v, Shop_Vip_VipLevelKind_Diamond), MI_RESULT_OK);
    r = Shop_Vip_CreateSync(&c.session, NS, &v, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    memset(&vgot, 0, sizeof vgot);
    ck_assert_int_eq(Shop_Vip_GetSync(&c.session, NS, &v, &vgot, NULL), MI_RESULT_OK);
    ck_assert(vgot.Level.exists && vgot.Level.value == Shop_Vip_VipLevelKind_Diamond);
    ck_assert(vgot.PaymentMonths.exists && vgot.PaymentMonths.value.size == 3);
    ck_assert_uint_eq(vgot.PaymentMonths.value.data[0], Shop_Months_January);
    ck_assert_uint_eq(vgot.PaymentMonths.value.data[2], Shop_Months_December);

    Shop_Store_Init(&st);
    ck_assert_int_eq(Shop_Store_Set_InstanceID(&st, "s-typed"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Store_Set_Serves(&st, regions, 2), MI_RESULT_OK);
    ck_assert_str_eq(st.Serves.value.data[0], "N");
    ck_assert_str_eq(st.Serves.value.data[1], "Islands");
    /* An item that is no value of the enumeration: refused, the field as it was. */
    ck_assert_int_eq(Shop_Store_Set_Serves(&st, bad, 2), MI_RESULT_INVALID_PARAMETER);
    ck_assert_uint_eq(st.Serves.value.size, 2);
    ck_assert_str_eq(st.Serves.value.data[0], "N");
    /* Shop_Store has a local structure Note too: its own, Shop_Store_Note (DSP0221 3.0: a
     * local structure is its class's), on the wire under that name. */
    {
        Shop_Store_Note memo;
        Shop_Store_Note_Init(&memo);
        ck_assert_int_eq(Shop_Store_Note_Set_Memo(&memo, "open late"), MI_RESULT_OK);
        ck_assert_int_eq(Shop_Store_Set_Memos(&st, &memo, 1), MI_RESULT_OK);
        Shop_Store_Note_Destruct(&memo);
    }
    /* ... and a local enumeration LevelKind, a string one, as Shop_Customer has an integer one:
     * its own too, Shop_Store_LevelKind. */
    ck_assert_int_eq(Shop_Store_Set_Level(&st, Shop_Store_LevelKind_Flagship), MI_RESULT_OK);
    ck_assert_str_eq(st.Level.value, "flagship");
    ck_assert_int_eq(Shop_Store_Set_Level(&st, (Shop_Store_LevelKind)2),
                     MI_RESULT_INVALID_PARAMETER);
    r = Shop_Store_CreateSync(&c.session, NS, &st, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    memset(&sgot, 0, sizeof sgot);
    ck_assert_int_eq(Shop_Store_GetSync(&c.session, NS, &st, &sgot, NULL), MI_RESULT_OK);
    ck_assert(sgot.Serves.exists && sgot.Serves.value.size == 2);
    ck_assert_str_eq(sgot.Serves.value.data[1], "Islands");
    ck_assert(sgot.Memos.exists && sgot.Memos.value.size == 1);
    ck_assert_str_eq(sgot.Memos.value.data[0].Memo.value, "open late");
    ck_assert(sgot.Level.exists);
    ck_assert_str_eq(sgot.Level.value, "flagship");
    {
        Shop_Store_LevelKind level = Shop_Store_LevelKind_Kiosk;
        ck_assert(Shop_Store_LevelKind_FromString(sgot.Level.value, &level));
        ck_assert_int_eq(level, Shop_Store_LevelKind_Flagship);
    }

    Shop_Store_Destruct(&sgot);
    Shop_Store_Destruct(&st);
    Shop_Vip_Destruct(&vgot);
    Shop_Vip_Destruct(&v);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* A structure, an array of structures each holding a structure, and a structure of arrays,
 * as C structs in the class's struct: set by typed setters (copies, or an array borrowed by
 * SetPtr), sent as embedded instances, read back into the same C structs; a structure set NULL
 * on purpose goes as NULL and comes back unset; Modify replaces a structure. */
START_TEST(structures_as_structs_round_trip)
{
    e2e_server s;
    e2e_client c;
    Shop_Vip v, got;
    Shop_Date d;
    Shop_Phone ph;
    Shop_Customer_Note notes[2];
    Shop_Vip_Sponsor sp[3];
    const MI_Uint8 area[] = {0, 4, 7}, number[] = {1, 2, 3, 4};
    MI_Instance *err = NULL, *inst = NULL;
    MI_Result r;
    int i;
    start(&s, &c);

    Shop_Vip_Init(&v);
    ck_assert_int_eq(Shop_Vip_Set_InstanceID(&v, "v-structs"), MI_RESULT_OK);
    Shop_Date_Init(&d);
    ck_assert_int_eq(Shop_Date_Set_Year(&d, 2031), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Date_Set_Day(&d, 9), MI_RESULT_OK);
    for (i = 0; i < 2; i++) {
        Shop_Customer_Note_Init(&notes[i]);
        ck_assert_int_eq(Shop_Customer_Note_Set_Text(&notes[i], i ? "two" : "one"), MI_RESULT_OK);
    }
    ck_assert_int_eq(Shop_Customer_Note_Set_Written(&notes[1], &d), MI_RESULT_OK); /* nested */
    ck_assert_int_eq(Shop_Vip_Set_Notes(&v, notes, 2), MI_RESULT_OK);
    /* v holds copies: the caller's structs may go. */
    for (i = 0; i < 2; i++)
        Shop_Customer_Note_Destruct(&notes[i]);
    Shop_Date_Destruct(&d);
    ck_assert_str_eq(v.Notes.value.data[1].Text.value, "two");
    ck_assert_uint_eq(v.Notes.value.data[1].Written.value.Day.value, 9);
    Shop_Phone_Init(&ph);
    ck_assert_int_eq(Shop_Phone_Set_AreaCode(&ph, area, 3), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Phone_Set_Number(&ph, number, 4), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Phone(&v, &ph), MI_RESULT_OK);
    Shop_Phone_Destruct(&ph);
    /* A borrowed array: sp outlives every use of v. */
    for (i = 0; i < 3; i++) {
        Shop_Vip_Sponsor_Init(&sp[i]);
        ck_assert_int_eq(Shop_Vip_Sponsor_SetPtr_Name(&sp[i], i == 0   ? "A"
                                                     : i == 1 ? "B"
                                                              : "C"),
                         MI_RESULT_OK);
        ck_assert_int_eq(Shop_Vip_Sponsor_Set_Amount(&sp[i], (MI_Real32)i + 0.5f), MI_RESULT_OK);
    }
    ck_assert_int_eq(Shop_Vip_SetPtr_Sponsors(&v, sp, 3), MI_RESULT_OK);
    Shop_Vip_SetNull_Home(&v);
    ck_assert(!v.Home.exists);

    /* X_ToInstance: the structures as embedded instances of their classes. */
    ck_assert_int_eq(Shop_Vip_ToInstance(&v, &c.app, &inst), MI_RESULT_OK);
    {
        MI_Value val;
        MI_Type t;
        MI_Uint32 fl = 0;
        const MI_Char *cn = NULL;
        ck_assert_int_eq(MI_Instance_GetElement(inst, "Notes", &val, &t, &fl, NULL), MI_RESULT_OK);
        ck_assert_int_eq(t, MI_INSTANCEA);
        ck_assert_uint_eq(val.instancea.size, 2);
        ck_assert_int_eq(MI_Instance_GetClassName(val.instancea.data[1], &cn), MI_RESULT_OK);
        ck_assert_str_eq(cn, "Shop_Customer_Note");
        ck_assert_int_eq(MI_Instance_GetElement(inst, "Home", &val, &t, &fl, NULL), MI_RESULT_OK);
        ck_assert(fl & MI_FLAG_NULL);
    }
    MI_Instance_Delete(inst);

    r = Shop_Vip_CreateSync(&c.session, NS, &v, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    memset(&got, 0, sizeof got);
    ck_assert_int_eq(Shop_Vip_GetSync(&c.session, NS, &v, &got, NULL), MI_RESULT_OK);
    ck_assert(got.Notes.exists && got.Notes.value.size == 2);
    ck_assert_str_eq(got.Notes.value.data[0].Text.value, "one");
    ck_assert(!got.Notes.value.data[0].Written.exists);
    ck_assert(got.Notes.value.data[1].Written.exists);
    ck_assert_uint_eq(got.Notes.value.data[1].Written.value.Year.value, 2031);
    ck_assert_uint_eq(got.Notes.value.data[1].Written.value.Day.value, 9);
    /* Month was left unset in the nested structure: the structure's MOF default. */
    ck_assert(got.Notes.value.data[1].Written.value.Month.exists);
    ck_assert_uint_eq(got.Notes.value.data[1].Written.value.Month.value, Shop_Months_January);
    ck_assert(got.Phone.exists && got.Phone.value.AreaCode.value.size == 3);
    ck_assert_uint_eq(got.Phone.value.Number.value.data[3], 4);
    ck_assert(got.Sponsors.exists && got.Sponsors.value.size == 3);
    ck_assert_str_eq(got.Sponsors.value.data[2].Name.value, "C");
    ck_assert(got.Sponsors.value.data[2].Amount.value == 2.5f);
    ck_assert(!got.Home.exists);
    Shop_Vip_Destruct(&got);

    /* Modify one structure: the others stay as stored. */
    {
        Shop_Vip m;
        Shop_Address a;
        Shop_Vip_Init(&m);
        ck_assert_int_eq(Shop_Vip_Set_InstanceID(&m, "v-structs"), MI_RESULT_OK);
        Shop_Address_Init(&a);
        ck_assert_int_eq(Shop_Address_Set_City(&a, "Oslo"), MI_RESULT_OK);
        ck_assert_int_eq(Shop_Vip_Set_Home(&m, &a), MI_RESULT_OK);
        /* Setting a structure again replaces the copy (the old one freed). */
        ck_assert_int_eq(Shop_Address_Set_City(&a, "Bergen"), MI_RESULT_OK);
        ck_assert_int_eq(Shop_Vip_Set_Home(&m, &a), MI_RESULT_OK);
        Shop_Address_Destruct(&a);
        ck_assert_int_eq(Shop_Vip_ModifySync(&c.session, NS, &m, NULL), MI_RESULT_OK);
        memset(&got, 0, sizeof got);
        ck_assert_int_eq(Shop_Vip_GetSync(&c.session, NS, &m, &got, NULL), MI_RESULT_OK);
        ck_assert(got.Home.exists);
        ck_assert_str_eq(got.Home.value.City.value, "Bergen");
        ck_assert(got.Notes.exists && got.Notes.value.size == 2);
        Shop_Vip_Destruct(&got);
        Shop_Vip_Clear_Home(&m);
        ck_assert(!m.Home.exists);
        Shop_Vip_Destruct(&m);
    }

    Shop_Vip_Destruct(&v);
    for (i = 0; i < 3; i++)
        Shop_Vip_Sponsor_Destruct(&sp[i]);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* The provider side: a provider built from the generated glue (tests/provider/shop) gets the
 * structures as C structs in its typed Create (it writes what it read into Caption), keeps a
 * deep copy (Shop_Vip_Copy) and posts it back from Get (Shop_Vip_Post). */
START_TEST(provider_gets_structures)
{
    e2e_server s;
    e2e_client c;
    e2e_server_opts o;
    Shop_Vip v, got;
    Shop_Address home;
    Shop_Date d;
    Shop_Customer_Note notes[2];
    Shop_Vip_Sponsor sp;
    MI_Instance *err = NULL;
    MI_Result r;
    int i;
    memset(&o, 0, sizeof o);
    o.schema_file = schema_path();
    o.provider = "tests/provider/.libs/libshopprov.so";
    e2e_server_start(&s, &o);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);

    Shop_Vip_Init(&v);
    ck_assert_int_eq(Shop_Vip_Set_InstanceID(&v, "v-prov"), MI_RESULT_OK);
    Shop_Address_Init(&home);
    ck_assert_int_eq(Shop_Address_Set_City(&home, "Narvik"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Home(&v, &home), MI_RESULT_OK);
    Shop_Address_Destruct(&home);
    Shop_Date_Init(&d);
    ck_assert_int_eq(Shop_Date_Set_Year(&d, 1987), MI_RESULT_OK);
    for (i = 0; i < 2; i++)
        Shop_Customer_Note_Init(&notes[i]);
    ck_assert_int_eq(Shop_Customer_Note_Set_Text(&notes[0], "alpha"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Customer_Note_Set_Text(&notes[1], "beta"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Customer_Note_Set_Written(&notes[1], &d), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Notes(&v, notes, 2), MI_RESULT_OK);
    for (i = 0; i < 2; i++)
        Shop_Customer_Note_Destruct(&notes[i]);
    Shop_Date_Destruct(&d);
    Shop_Vip_Sponsor_Init(&sp);
    ck_assert_int_eq(Shop_Vip_Sponsor_Set_Name(&sp, "Acme"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Sponsors(&v, &sp, 1), MI_RESULT_OK);
    Shop_Vip_Sponsor_Destruct(&sp);

    r = Shop_Vip_CreateSync(&c.session, NS, &v, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    memset(&got, 0, sizeof got);
    r = Shop_Vip_GetSync(&c.session, NS, &v, &got, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Get: %d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert(got.Caption.exists);
    ck_assert_str_eq(got.Caption.value,
                     "home=Narvik notes=2 second=beta/1987 sponsors=1 first=Acme");
    ck_assert(got.Home.exists);
    ck_assert_str_eq(got.Home.value.City.value, "Narvik");
    ck_assert(got.Notes.exists && got.Notes.value.size == 2);
    ck_assert_str_eq(got.Notes.value.data[0].Text.value, "alpha");
    ck_assert(got.Notes.value.data[1].Written.exists);
    ck_assert_uint_eq(got.Notes.value.data[1].Written.value.Year.value, 1987);
    ck_assert(got.Sponsors.exists && got.Sponsors.value.size == 1);
    ck_assert_str_eq(got.Sponsors.value.data[0].Name.value, "Acme");
    Shop_Vip_Destruct(&got);
    ck_assert_int_eq(Shop_Vip_DeleteSync(&c.session, NS, &v, NULL), MI_RESULT_OK);
    Shop_Vip_Destruct(&v);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Methods whose parameters are typed by structures, answered by the provider built from the
 * generated glue: the client's typed _In (a structure, an array of a local structure, one IN
 * and OUT) travels as embedded instances, the provider reads them as C structs and answers
 * with C structs in its typed _Out (a structure, an array of a superclass's local structure,
 * the IN/OUT one, and a method returning a structure), which the client reads back typed. */
START_TEST(methods_take_structures)
{
    e2e_server s;
    e2e_client c;
    e2e_server_opts o;
    Shop_Vip v, got;
    Shop_Date d;
    Shop_Address home;
    Shop_Phone line;
    Shop_Vip_Sponsor offers[2];
    Shop_Vip_Move_In move;
    Shop_Vip_Move_Out moved;
    Shop_Vip_LastVisit_Out last;
    Shop_Vip_Plan_In plan;
    Shop_Vip_Plan_Out out;
    const Shop_Date *date = NULL;
    const Shop_Address *branch = NULL;
    const Shop_Customer_Note *kept = NULL;
    const Shop_Phone *back = NULL;
    static const MI_Uint8 area[] = {4, 7}, number[] = {5, 5, 1};
    MI_Sint64 rc = -1;
    MI_Uint32 n = 0;
    MI_Instance *err = NULL;
    MI_Result r;
    int i;
    memset(&o, 0, sizeof o);
    o.schema_file = schema_path();
    o.provider = "tests/provider/.libs/libshopprov.so";
    e2e_server_start(&s, &o);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);

    Shop_Vip_Init(&v);
    ck_assert_int_eq(Shop_Vip_Set_InstanceID(&v, "v-meth"), MI_RESULT_OK);
    Shop_Date_Init(&d);
    ck_assert_int_eq(Shop_Date_Set_Year(&d, 2001), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Date_Set_Month(&d, Shop_Months_March), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Set_Since(&v, &d), MI_RESULT_OK);
    Shop_Date_Destruct(&d);
    r = Shop_Vip_CreateSync(&c.session, NS, &v, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d", (int)r);

    /* An IN structure (an inherited method's, Shop_Customer.Move): the provider stores it. */
    Shop_Customer_Move_In_Init(&move);
    Shop_Address_Init(&home);
    ck_assert_int_eq(Shop_Address_Set_City(&home, "Bodø"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Address_Set_Region(&home, Shop_Regions_North), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Customer_Move_In_Set_NewHome(&move, &home), MI_RESULT_OK);
    Shop_Address_Destruct(&home); /* the _In struct holds its own copy */
    ck_assert_int_eq(Shop_Customer_Move_In_Set_NewLevel(&move, Shop_Customer_LevelKind_Gold),
                     MI_RESULT_OK);
    ck_assert_str_eq(move.NewHome.value.City.value, "Bodø");
    r = Shop_Vip_Invoke_MoveSync(&c.session, NS, &v, &move, &moved, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Move: %d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert(Shop_Customer_Move_Out_Get_MIReturn(&moved, &rc) && rc == Shop_ResultCode_Ok);
    Shop_Vip_Move_Out_Destruct(&moved);
    Shop_Customer_Move_In_Destruct(&move);
    ck_assert(!move.NewHome.exists);
    memset(&got, 0, sizeof got);
    ck_assert_int_eq(Shop_Vip_GetSync(&c.session, NS, &v, &got, NULL), MI_RESULT_OK);
    ck_assert(got.Home.exists);
    ck_assert_str_eq(got.Home.value.City.value, "Bodø");
    ck_assert_str_eq(got.Home.value.Region.value, "N");
    ck_assert(got.Level.exists && got.Level.value == Shop_Customer_LevelKind_Gold);
    Shop_Vip_Destruct(&got);

    /* A structure as a method's return (MIReturn, a Shop_Date). */
    r = Shop_Vip_Invoke_LastVisitSync(&c.session, NS, &v, &last, &err);
    ck_assert_msg(r == MI_RESULT_OK, "LastVisit: %d", (int)r);
    ck_assert(Shop_Customer_LastVisit_Out_Get_MIReturn(&last, &date));
    ck_assert_ptr_eq(date, &last.MIReturn.value);
    ck_assert(date->Year.exists && date->Year.value == 2001);
    ck_assert(date->Month.exists && date->Month.value == Shop_Months_March);
    Shop_Vip_LastVisit_Out_Destruct(&last);

    /* An array of a local structure and a structure IN, a structure and an array of structures
     * OUT, a structure IN and OUT. */
    Shop_Vip_Plan_In_Init(&plan);
    for (i = 0; i < 2; i++)
        Shop_Vip_Sponsor_Init(&offers[i]);
    ck_assert_int_eq(Shop_Vip_Sponsor_Set_Name(&offers[0], "Acme"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Sponsor_Set_Amount(&offers[0], 2.5f), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Sponsor_Set_Name(&offers[1], "Bolt"), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Plan_In_Set_Offers(&plan, offers, 2), MI_RESULT_OK);
    for (i = 0; i < 2; i++)
        Shop_Vip_Sponsor_Destruct(&offers[i]);
    Shop_Date_Init(&d);
    ck_assert_int_eq(Shop_Date_Set_Year(&d, 2030), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Plan_In_Set_From(&plan, &d), MI_RESULT_OK);
    Shop_Date_Destruct(&d);
    Shop_Phone_Init(&line);
    ck_assert_int_eq(Shop_Phone_Set_AreaCode(&line, area, 2), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Phone_Set_Number(&line, number, 3), MI_RESULT_OK);
    ck_assert_int_eq(Shop_Vip_Plan_In_Set_Line(&plan, &line), MI_RESULT_OK);
    Shop_Phone_Destruct(&line);
    r = Shop_Vip_Invoke_PlanSync(&c.session, NS, &v, &plan, &out, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Plan: %d %s", (int)r, err ? e2e_err_str(err, "Message") : "");
    ck_assert(Shop_Vip_Plan_Out_Get_MIReturn(&out, &rc) && rc == Shop_ResultCode_Ok);
    ck_assert(Shop_Vip_Plan_Out_Get_Branch(&out, &branch));
    ck_assert(branch->City.exists);
    ck_assert_str_eq(branch->City.value, "offers=2 first=Acme year=2030");
    ck_assert(Shop_Vip_Plan_Out_Get_Kept(&out, &kept, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(kept[0].Text.value, "Acme");
    ck_assert_str_eq(kept[1].Text.value, "Bolt");
    ck_assert(kept[1].Written.exists && kept[1].Written.value.Year.value == 2030);
    ck_assert(Shop_Vip_Plan_Out_Get_Line(&out, &back));
    ck_assert(back->AreaCode.exists && back->AreaCode.value.size == 2);
    ck_assert_uint_eq(back->AreaCode.value.data[1], 7);
    ck_assert(back->Number.exists && back->Number.value.size == 4);
    ck_assert_uint_eq(back->Number.value.data[2], 1);
    ck_assert_uint_eq(back->Number.value.data[3], 0);
    Shop_Vip_Plan_Out_Destruct(&out);
    ck_assert(!out.Kept.exists && !out.Branch.exists);

    /* Unset structures stay absent both ways: no offers, no Line. */
    Shop_Vip_Plan_In_Clear_Offers(&plan);
    Shop_Vip_Plan_In_Clear_Line(&plan);
    r = Shop_Vip_Invoke_PlanSync(&c.session, NS, &v, &plan, &out, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Plan again: %d", (int)r);
    ck_assert(Shop_Vip_Plan_Out_Get_MIReturn(&out, &rc) && rc == Shop_ResultCode_Failed);
    ck_assert(Shop_Vip_Plan_Out_Get_Branch(&out, &branch));
    ck_assert_str_eq(branch->City.value, "offers=0 first=- year=2030");
    ck_assert(!Shop_Vip_Plan_Out_Get_Line(&out, &back));
    ck_assert_ptr_null(back);
    Shop_Vip_Plan_Out_Destruct(&out);
    Shop_Vip_Plan_In_Destruct(&plan);

    ck_assert_int_eq(Shop_Vip_DeleteSync(&c.session, NS, &v, NULL), MI_RESULT_OK);
    Shop_Vip_Destruct(&v);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* Structures that would hold themselves (tests/data/mof3/recursive): Rec_Part's Parent and
 * Children (of its own type) and Bundle (a Rec_Bundle, which holds a Rec_Part), and Rec_Bundle's
 * Main, are embedded-instance fields, set from typed structs with _SetFrom_P (or instances) and
 * read back with _FromInstance; Rec_Kit, which no structure holds, has both structures as C
 * structs. Created on, and read back from, mofbind-server loading that file. */
START_TEST(recursive_structures_stay_instances)
{
    e2e_server s;
    e2e_client c;
    e2e_server_opts o;
    Rec_Kit kit, got;
    Rec_Part root, up, kid, back;
    Rec_Bundle box, bback;
    MI_Instance *kids[1] = {NULL}, *err = NULL;
    const Rec_Part *r2;
    MI_Result r;
    memset(&o, 0, sizeof o);
    o.schema_file = data_path("recursive/parts.mof");
    e2e_server_start(&s, &o);
    ck_assert_int_eq(e2e_client_open(&c, s.url, NULL), MI_RESULT_OK);

    Rec_Part_Init(&up);
    ck_assert_int_eq(Rec_Part_Set_Name(&up, "up"), MI_RESULT_OK);
    Rec_Part_Init(&kid);
    ck_assert_int_eq(Rec_Part_Set_Name(&kid, "kid"), MI_RESULT_OK);
    Rec_Bundle_Init(&box);
    ck_assert_int_eq(Rec_Bundle_Set_Label(&box, "box"), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Bundle_SetFrom_Main(&box, &up, &c.app), MI_RESULT_OK);
    Rec_Part_Init(&root);
    ck_assert_int_eq(Rec_Part_Set_Name(&root, "root"), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Part_SetFrom_Parent(&root, &up, &c.app), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Part_SetFrom_Bundle(&root, &box, &c.app), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Part_ToInstance(&kid, &c.app, &kids[0]), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Part_Set_Children(&root, (const MI_Instance *const *)kids, 1),
                     MI_RESULT_OK);
    MI_Instance_Delete(kids[0]);
    Rec_Kit_Init(&kit);
    ck_assert_int_eq(Rec_Kit_Set_Id(&kit, "kit-1"), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Kit_Set_Root(&kit, &root), MI_RESULT_OK);
    ck_assert_int_eq(Rec_Kit_Set_Extra(&kit, &box), MI_RESULT_OK);
    ck_assert_str_eq(kit.Root.value.Name.value, "root"); /* a C struct in the class's struct */
    Rec_Part_Destruct(&root);
    Rec_Part_Destruct(&kid);
    Rec_Part_Destruct(&up);
    Rec_Bundle_Destruct(&box);

    r = Rec_Kit_CreateSync(&c.session, NULL, &kit, NULL, &err);
    ck_assert_msg(r == MI_RESULT_OK, "Create: %d %s", (int)r,
                  err ? e2e_err_str(err, "Message") : "");
    memset(&got, 0, sizeof got);
    ck_assert_int_eq(Rec_Kit_GetSync(&c.session, NULL, &kit, &got, NULL), MI_RESULT_OK);
    ck_assert(got.Root.exists && got.Extra.exists);
    r2 = &got.Root.value;
    ck_assert_str_eq(r2->Name.value, "root");
    ck_assert(r2->Parent.exists && r2->Parent.value);
    ck_assert_int_eq(Rec_Part_FromInstance(r2->Parent.value, &back), MI_RESULT_OK);
    ck_assert_str_eq(back.Name.value, "up");
    Rec_Part_Destruct(&back);
    ck_assert(r2->Children.exists && r2->Children.value.size == 1);
    ck_assert_int_eq(Rec_Part_FromInstance(r2->Children.value.data[0], &back), MI_RESULT_OK);
    ck_assert_str_eq(back.Name.value, "kid");
    Rec_Part_Destruct(&back);
    ck_assert(r2->Bundle.exists);
    ck_assert_int_eq(Rec_Bundle_FromInstance(r2->Bundle.value, &bback), MI_RESULT_OK);
    ck_assert_str_eq(bback.Label.value, "box");
    ck_assert(bback.Main.exists);
    Rec_Bundle_Destruct(&bback);
    ck_assert_str_eq(got.Extra.value.Label.value, "box");
    ck_assert(got.Extra.value.Main.exists);
    ck_assert_int_eq(Rec_Part_FromInstance(got.Extra.value.Main.value, &back), MI_RESULT_OK);
    ck_assert_str_eq(back.Name.value, "up");
    Rec_Part_Destruct(&back);
    Rec_Kit_Destruct(&got);
    ck_assert_int_eq(Rec_Kit_DeleteSync(&c.session, NULL, &kit, NULL), MI_RESULT_OK);
    Rec_Kit_Destruct(&kit);
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

/* A MOF 3 schema's instances read into the typed structs: Customers.mof's Shop_Vip (Level =
 * Diamond, a value of an enumeration deriving from Shop_Customer's local one; Since = a `value
 * of` alias) and its Shop_Store (Level = LevelKind.Flagship, its own local LevelKind). */
START_TEST(schema_instance_reads_typed)
{
    e2e_server s;
    e2e_client c;
    Shop_Vip key, got;
    Shop_Date since;
    MI_Result r;
    start(&s, &c);
    Shop_Vip_Init(&key);
    ck_assert_int_eq(Shop_Vip_Set_InstanceID(&key, "312546"), MI_RESULT_OK);
    memset(&got, 0, sizeof got);
    r = Shop_Vip_GetSync(&c.session, NS, &key, &got, NULL);
    ck_assert_int_eq(r, MI_RESULT_OK);
    ck_assert(got.Level.exists && got.Level.value == Shop_Vip_VipLevelKind_Diamond);
    ck_assert_uint_eq(Shop_Vip_VipLevelKind_Gold, Shop_Customer_LevelKind_Gold);
    since = got.Since.value;
    ck_assert(since.Month.exists && since.Month.value == Shop_Months_July);
    /* Customers.mof's arrays of structures, one holding a structure of its own. */
    ck_assert(got.Notes.exists && got.Notes.value.size == 2);
    ck_assert_str_eq(got.Notes.value.data[0].Text.value, "first");
    ck_assert(!got.Notes.value.data[0].Written.exists);
    ck_assert(got.Notes.value.data[1].Written.exists);
    ck_assert_uint_eq(got.Notes.value.data[1].Written.value.Year.value, 2011);
    ck_assert(got.Sponsors.exists && got.Sponsors.value.size == 1);
    ck_assert_str_eq(got.Sponsors.value.data[0].Name.value, "Acme");
    ck_assert(got.Phone.exists && got.Phone.value.Number.value.size == 7);
    Shop_Vip_Destruct(&got);
    Shop_Vip_Destruct(&key);
    {
        Shop_Store skey, sgot;
        Shop_Store_LevelKind level = Shop_Store_LevelKind_Kiosk;
        Shop_Store_Init(&skey);
        ck_assert_int_eq(Shop_Store_Set_InstanceID(&skey, "store-1"), MI_RESULT_OK);
        memset(&sgot, 0, sizeof sgot);
        ck_assert_int_eq(Shop_Store_GetSync(&c.session, NS, &skey, &sgot, NULL), MI_RESULT_OK);
        ck_assert(sgot.Level.exists);
        ck_assert(Shop_Store_LevelKind_FromString(sgot.Level.value, &level));
        ck_assert_int_eq(level, Shop_Store_LevelKind_Flagship);
        Shop_Store_Destruct(&sgot);
        Shop_Store_Destruct(&skey);
    }
    e2e_client_close(&c);
    e2e_server_stop(&s);
}
END_TEST

int main(void)
{
    Suite *su = suite_create("e2e_mof3");
    TCase *t = tcase_create("mof3");
    SRunner *sr;
    int failed;
    tcase_set_timeout(t, 30 * (double)e2e_scale());
    tcase_add_test(t, enumerations_and_structures_round_trip);
    tcase_add_test(t, schema_instance_reads_typed);
    tcase_add_test(t, enumeration_arrays_and_override);
    tcase_add_test(t, structures_as_structs_round_trip);
    tcase_add_test(t, provider_gets_structures);
    tcase_add_test(t, methods_take_structures);
    tcase_add_test(t, recursive_structures_stay_instances);
    suite_add_tcase(su, t);
    sr = srunner_create(su);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
