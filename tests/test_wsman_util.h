/* SPDX-License-Identifier: MIT */
/* tests/test_wsman_util.h: helpers the WS-Man codec suites share (instance access with Check
 * assertions, the codec hook over libcore, Contoso_Widget's declaration: tests/widget_decl.h). */
#ifndef MOFBIND_TEST_WIRE_UTIL_H
#define MOFBIND_TEST_WIRE_UTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mofbind/mi.h>
#include "core.h"
#include "widget_decl.h"
#include "wsman.h"

static const wsman_codec test_codec = {mic_new_instance_hook, NULL, 0};

/* The element `name` of inst: asserts it exists with `type`; returns its value. */
static MI_Value elem(const MI_Instance *inst, const char *name, MI_Type type, int *is_null)
{
    MI_Value v;
    MI_Type t = (MI_Type)0;
    MI_Uint32 flags = 0;
    MI_Result r = MI_Instance_GetElement(inst, name, &v, &t, &flags, NULL);
    ck_assert_msg(r == MI_RESULT_OK, "no element %s (%d)", name, (int)r);
    ck_assert_msg(t == type, "element %s has type %d, not %d", name, (int)t, (int)type);
    if (is_null)
        *is_null = (flags & MI_FLAG_NULL) != 0;
    else
        ck_assert_msg(!(flags & MI_FLAG_NULL), "element %s is NULL", name);
    return v;
}

static const char *str_elem(const MI_Instance *inst, const char *name)
{
    return elem(inst, name, MI_STRING, NULL).string;
}

static int has_elem(const MI_Instance *inst, const char *name)
{
    MI_Value v;
    return MI_Instance_GetElement(inst, name, &v, NULL, NULL, NULL) == MI_RESULT_OK;
}

static const char *class_of(const MI_Instance *inst)
{
    const MI_Char *c = NULL;
    ck_assert_int_eq(MI_Instance_GetClassName(inst, &c), MI_RESULT_OK);
    return c;
}

/* The whole file at path, NUL-terminated (malloc'd), its length in *len; asserts it is read. */
static inline char *wire_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_int_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

#endif /* MOFBIND_TEST_WIRE_UTIL_H */
