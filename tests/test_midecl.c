/* SPDX-License-Identifier: MIT */
/* tests/test_midecl.c: libmidecl, the one translation of a resolved class into MI declarations:
 * the MI_ClassDecl mofbind-server builds at run time carries each property's MOF default in
 * MI_PropertyDecl.value as the generated tables do (test_generator_rt reads those), datetimes
 * included; references are typed by the server from the schema. */
#define _POSIX_C_SOURCE 200809L
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "midecl.h"
#include "parse.h"
#include "resolve.h"

static const char schema_text[] = "class T_Volume {\n"
                                  "  [Key] string Id;\n"
                                  "  boolean Primordial = false;\n"
                                  "  uint64 BlockSize = 512;\n"
                                  "  sint32 Offset = -7;\n"
                                  "  real32 Ratio = 2;\n"
                                  "  string Tag = \"x\\\"y\";\n"
                                  "  uint16 Ports[] = {80, 443};\n"
                                  "  string Names[] = {};\n"
                                  "  datetime Made = \"20260102030405.000000+000\";\n"
                                  "  datetime Spans[] = {\"00000002000000.000007:000\"};\n"
                                  "  datetime Vague = \"2026**02030405.000000+000\";\n"
                                  "  T_Volume REF Peer = \"T_Volume.Id=\\\"a\\\"\";\n"
                                  "  string Notes;\n"
                                  "};\n"
                                  "class T_Thin : T_Volume {\n"
                                  "  [Override(\"BlockSize\")] uint64 BlockSize = 4096;\n"
                                  "};\n";

static mof_unit unit;
static mof_schema schema;

static void setup(void)
{
    mof_unit_init(&unit, NULL);
    ck_assert_int_eq(mof_parse_buffer(&unit, "t.mof", schema_text, strlen(schema_text), NULL), 0);
    ck_assert_int_eq(mof_resolve(&unit, &schema, NULL), 0);
}

static void teardown(void)
{
    mof_unit_free(&unit);
}

static const MI_PropertyDecl *prop(const MI_ClassDecl *d, const char *name)
{
    MI_Uint32 i;
    for (i = 0; i < d->numProperties; i++)
        if (strcmp(d->properties[i]->name, name) == 0)
            return d->properties[i];
    ck_abort_msg("no property %s", name);
    return NULL;
}

START_TEST(defaults_in_the_run_time_declaration)
{
    MI_ClassDecl *v = midecl_class_new(mof_schema_class(&schema, NULL, "T_Volume"));
    MI_ClassDecl *t = midecl_class_new(mof_schema_class(&schema, NULL, "T_Thin"));
    const MI_ConstUint16A *ports;
    const MI_ConstStringA *names;
    const MI_Datetime *made;
    const MI_ConstDatetimeA *spans;
    ck_assert_ptr_nonnull(v);
    ck_assert_ptr_nonnull(t);
    ck_assert_uint_eq(*(const MI_Boolean *)prop(v, "Primordial")->value, MI_FALSE);
    ck_assert(*(const MI_Uint64 *)prop(v, "BlockSize")->value == 512);
    ck_assert(*(const MI_Uint64 *)prop(t, "BlockSize")->value == 4096);
    ck_assert_str_eq(prop(t, "BlockSize")->propagator, "T_Thin");
    ck_assert_uint_eq(*(const MI_Boolean *)prop(t, "Primordial")->value, MI_FALSE);
    ck_assert_int_eq(*(const MI_Sint32 *)prop(v, "Offset")->value, -7);
    ck_assert(*(const MI_Real32 *)prop(v, "Ratio")->value == 2.0f);
    ck_assert_str_eq(*(const MI_Char *const *)prop(v, "Tag")->value, "x\"y");
    ports = prop(v, "Ports")->value;
    ck_assert_uint_eq(ports->size, 2);
    ck_assert_uint_eq(ports->data[0], 80);
    ck_assert_uint_eq(ports->data[1], 443);
    names = prop(v, "Names")->value;
    ck_assert_ptr_nonnull(names);
    ck_assert_uint_eq(names->size, 0);
    made = prop(v, "Made")->value;
    ck_assert_ptr_nonnull(made);
    ck_assert(made->isTimestamp && made->u.timestamp.year == 2026);
    ck_assert(made->u.timestamp.second == 5 && made->u.timestamp.utc == 0);
    spans = prop(v, "Spans")->value;
    ck_assert_ptr_nonnull(spans);
    ck_assert_uint_eq(spans->size, 1);
    ck_assert(!spans->data[0].isTimestamp && spans->data[0].u.interval.days == 2);
    ck_assert_uint_eq(spans->data[0].u.interval.microseconds, 7);
    /* A datetime with asterisks names no single time, and a reference default needs a running
     * MI implementation to make its MI_Instance: the server types both from the schema. No
     * default is NULL. */
    ck_assert_ptr_null(prop(v, "Vague")->value);
    ck_assert_ptr_null(prop(v, "Peer")->value);
    ck_assert_ptr_null(prop(v, "Notes")->value);
    ck_assert_ptr_null(prop(v, "Id")->value);
    midecl_class_free(v);
    midecl_class_free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("midecl");
    TCase *tc = tcase_create("defaults");
    SRunner *sr;
    int failed;
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, defaults_in_the_run_time_declaration);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
