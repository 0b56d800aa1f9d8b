/* SPDX-License-Identifier: MIT */
/* tests/compile/string_into_uint32_field.c: the field of a uint32 property holds a MI_Uint32. */
#include "Gen_Leaf.h"

int main(void)
{
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
#ifdef MOFBIND_BAD
    x.PU32.value = "12"; /* BAD */
#else
    x.PU32.value = 12;
#endif
    x.PU32.exists = MI_TRUE;
    return (int)x.PU32.value;
}
