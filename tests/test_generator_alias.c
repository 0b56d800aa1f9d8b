/* SPDX-License-Identifier: MIT */
/* tests/test_generator_alias.c: a subclass's struct used through its superclass's functions,
 * compiled with -O2 -fstrict-aliasing (tests/generator.mk; the clang build adds ASan and
 * UBSan). Gen_Leaf begins with Gen_Middle's fields, which begin with Gen_Base's (a common
 * initial sequence, checked at compile time by the generated Gen_Leaf.c); X_As_S converts the
 * pointer. The generated functions reach fields only through the tables' offsets with memcpy
 * and character stores, or take a field's address, never reading or writing through an lvalue
 * of another class's struct type: so a write by the superclass's function must be seen by a
 * read of the subclass's field right after it, even where the compiler inlines the function
 * and could otherwise assume that accesses through unrelated struct types do not alias. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "Gen_Leaf.h"
#include "core.h"

/* Each helper writes a field first through the subclass, then through the superclass's
 * setter on the converted pointer, and reads it back through the subclass: the compiler sees
 * the whole sequence (the setters are MI_INLINE). noinline keeps each sequence in one
 * function of its own, as a user's code would have it. */
#if defined(__GNUC__)
#define ALIAS_NOINLINE __attribute__((noinline))
#else
#define ALIAS_NOINLINE
#endif

ALIAS_NOINLINE static MI_Uint16 scalar_via_middle(Gen_Leaf *leaf, MI_Uint16 v)
{
    leaf->State.value = 1;
    leaf->State.exists = MI_FALSE;
    Gen_Middle_Set_State(Gen_Leaf_As_Gen_Middle(leaf), v);
    return leaf->State.exists ? leaf->State.value : 0;
}

ALIAS_NOINLINE static MI_Sint32 scalar_via_base_then_middle(Gen_Leaf *leaf)
{
    Gen_Leaf_Set_Sign(leaf, 5);
    Gen_Middle_Set_Sign(Gen_Leaf_As_Gen_Middle(leaf), -3);
    Gen_Base_Set_State(Gen_Leaf_As_Gen_Base(leaf), 4);
    return leaf->Sign.value * (MI_Sint32)leaf->State.value;
}

ALIAS_NOINLINE static const MI_Char *string_via_base(Gen_Leaf *leaf, const MI_Char *s)
{
    leaf->InstanceID.value = "before";
    leaf->InstanceID.exists = MI_TRUE;
    leaf->InstanceID.flags = 0; /* borrowed: the setter must not free it */
    Gen_Base_SetPtr_InstanceID(Gen_Leaf_As_Gen_Base(leaf), s);
    return leaf->InstanceID.value;
}

ALIAS_NOINLINE static MI_Boolean cleared_via_middle(Gen_Leaf *leaf)
{
    Gen_Leaf_Set_Name(leaf, "owned copy");
    Gen_Middle_Clear_Name(Gen_Leaf_As_Gen_Middle(leaf));
    return leaf->Name.exists;
}

/* The other way round: written through the subclass, read by the superclass's functions. */
ALIAS_NOINLINE static MI_Result leaf_then_middle_instance(Gen_Leaf *leaf, MI_Application *app,
                                                          MI_Instance **out)
{
    Gen_Leaf_Set_Name(leaf, "from the leaf");
    leaf->int_.value = 77;
    leaf->int_.exists = MI_TRUE;
    return Gen_Middle_ToInstance(Gen_Leaf_AsConst_Gen_Middle(leaf), app, out);
}

START_TEST(superclass_setters_on_a_subclass)
{
    Gen_Leaf leaf;
    Gen_Leaf_Init(&leaf);
    ck_assert_uint_eq(scalar_via_middle(&leaf, 9), 9);
    ck_assert_int_eq(scalar_via_base_then_middle(&leaf), -12);
    ck_assert_str_eq(string_via_base(&leaf, "borrowed"), "borrowed");
    ck_assert_uint_eq(cleared_via_middle(&leaf), MI_FALSE);
    ck_assert_ptr_null(leaf.Name.value);
    Gen_Leaf_Destruct(&leaf);
}
END_TEST

START_TEST(subclass_fields_read_by_superclass_functions)
{
    MI_Application app;
    MI_Instance *in = NULL;
    MI_Value v;
    MI_Type t;
    MI_Uint32 flags;
    Gen_Leaf leaf, back;
    mic_application_core(&app);
    Gen_Leaf_Init(&leaf);
    ck_assert_int_eq(leaf_then_middle_instance(&leaf, &app, &in), MI_RESULT_OK);
    ck_assert_ptr_eq(in->classDecl, &Gen_Middle_rtti);
    ck_assert_int_eq(MI_Instance_GetElement(in, "Name", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_str_eq(v.string, "from the leaf");
    ck_assert_int_eq(MI_Instance_GetElement(in, "int", &v, &t, &flags, NULL), MI_RESULT_OK);
    ck_assert_uint_eq(v.uint32, 77);
    /* Read back into the middle part of another leaf, by the middle's function. */
    Gen_Leaf_Init(&back);
    Gen_Leaf_Set_PU8(&back, 3);
    ck_assert_int_eq(Gen_Middle_FromInstance(in, Gen_Leaf_As_Gen_Middle(&back)), MI_RESULT_OK);
    ck_assert_str_eq(back.Name.value, "from the leaf");
    ck_assert_uint_eq(back.int_.value, 77);
    /* FromInstance sets the middle's fields only; the leaf's own field is forgotten, not
     * freed (a uint8 owns nothing) and keeps its value. */
    ck_assert_uint_eq(back.PU8.value, 3);
    MI_Instance_Delete(in);
    Gen_Leaf_Destruct(&back);
    Gen_Leaf_Destruct(&leaf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("generator_alias");
    TCase *t = tcase_create("alias");
    SRunner *sr;
    int failed;
    tcase_add_test(t, superclass_setters_on_a_subclass);
    tcase_add_test(t, subclass_fields_read_by_superclass_functions);
    suite_add_tcase(s, t);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
