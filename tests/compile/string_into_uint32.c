/* SPDX-License-Identifier: MIT */
/* tests/compile/string_into_uint32.c: a string is not a uint32; the setter is typed. */
#include "Gen_Leaf.h"

int main(void)
{
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
#ifdef MOFBIND_BAD
    Gen_Leaf_Set_PU32(&x, "12"); /* BAD */
#else
    Gen_Leaf_Set_PU32(&x, 12);
#endif
    return 0;
}
