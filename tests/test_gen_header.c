/* SPDX-License-Identifier: MIT */
/* tests/test_gen_header.c: the helper headers mofbind copies into every output,
 * templates/mofbind_gen.h and templates/mofbind_prov.h, compile as they are in the source tree,
 * as strict C99 (here) and as C++ (tests/test_gen_header_cxx.cc), with every warning an error,
 * and their class-independent helpers do what the bindings rely on: each field type's layout is
 * mi.h's, a setter sets, NULL on purpose is told from unset, the CIM/XML lexical forms parse. A
 * compile error fails the build, a wrong value fails the run. */
#include <stddef.h>
#include <stdio.h>

#include "mofbind_gen.h"
#include "mofbind_prov.h"

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                                \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

int main(void)
{
    int failures = 0;
    mofbind_gen_layout_ l;
    MI_ConstUint32Field u;
    MI_ConstStringField s;
    MI_ConstDatetimeAField da;
    MI_Uint32 n = 42;
    MI_Value v;

    /* The layout the helpers compute is the field struct's, for a scalar and an array type. */
    CHECK(mofbind_gen_layout(MI_UINT32, &l));
    CHECK(l.size == sizeof u && l.exists == offsetof(MI_ConstUint32Field, exists));
    CHECK(l.flags == offsetof(MI_ConstUint32Field, flags) && l.value == sizeof u.value);
    CHECK(mofbind_gen_layout(MI_DATETIMEA, &l));
    CHECK(l.size == sizeof da && l.exists == offsetof(MI_ConstDatetimeAField, exists));
#ifndef __cplusplus /* in C++ a value outside the enumeration's range is undefined (UBSan) */
    CHECK(!mofbind_gen_layout((MI_Type)99, &l));
#endif
    CHECK(mofbind_gen_elem_size(MI_DATETIMEA) == sizeof(MI_Datetime));
    CHECK(mofbind_gen_elem_size(MI_STRING) == sizeof(MI_Char *));

    /* Set, unset, NULL on purpose. */
    memset(&u, 0, sizeof u);
    CHECK(!mofbind_gen_exists(&u, MI_UINT32) && !mofbind_gen_is_null(&u, MI_UINT32));
    CHECK(mofbind_gen_set_scalar(&u, MI_UINT32, &n) == MI_RESULT_OK);
    CHECK(u.exists && u.value == 42 && mofbind_gen_exists(&u, MI_UINT32));
    mofbind_gen_field_null(&u, MI_UINT32);
    CHECK(!u.exists && mofbind_gen_is_null(&u, MI_UINT32));
    mofbind_gen_field_clear(&u, MI_UINT32);
    CHECK(!u.exists && !mofbind_gen_is_null(&u, MI_UINT32));

    /* A copied string is owned by the field and freed by clearing it (valgrind checks). */
    memset(&s, 0, sizeof s);
    CHECK(mofbind_gen_set_ptr(&s, MI_STRING, MI_T("abc"), 1) == MI_RESULT_OK);
    CHECK(s.exists && s.value && strcmp(s.value, "abc") == 0);
    mofbind_gen_field_clear(&s, MI_STRING);
    CHECK(!s.exists);

    /* Untyped results' lexical forms. */
    CHECK(mofbind_gen_parse(MI_T(" 4294967295 "), MI_UINT32, &v) == MI_RESULT_OK);
    CHECK(v.uint32 == 4294967295u);
    CHECK(mofbind_gen_parse(MI_T("4294967296"), MI_UINT32, &v) == MI_RESULT_TYPE_MISMATCH);
    CHECK(mofbind_gen_parse(MI_T("TRUE"), MI_BOOLEAN, &v) == MI_RESULT_OK && v.boolean);
    CHECK(mofbind_gen_parse(MI_T("20261207012500.000000+060"), MI_DATETIME, &v) == MI_RESULT_OK);
    CHECK(v.datetime.isTimestamp && v.datetime.u.timestamp.year == 2026);
    CHECK(v.datetime.u.timestamp.utc == 60);
    CHECK(mofbind_gen_parse(MI_T("00000001020304.000005:000"), MI_DATETIME, &v) == MI_RESULT_OK);
    CHECK(!v.datetime.isTimestamp && v.datetime.u.interval.days == 1);
    CHECK(v.datetime.u.interval.microseconds == 5);
    CHECK(mofbind_gen_parse(MI_T("x"), MI_SINT8, &v) == MI_RESULT_TYPE_MISMATCH);

    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
