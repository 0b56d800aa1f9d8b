/* SPDX-License-Identifier: MIT */
/* tests/compile/string_into_in_parameter.c: a method's IN parameter setter is typed like a
 * property's: a string is not a uint32. */
#include "Gen_Leaf.h"

int main(void)
{
    Gen_Leaf_Link_In in;
    Gen_Leaf_Link_In_Init(&in);
#ifdef MOFBIND_BAD
    Gen_Leaf_Link_In_Set_Count(&in, "5"); /* BAD */
#else
    Gen_Leaf_Link_In_Set_Count(&in, 5);
#endif
    Gen_Leaf_Link_In_Destruct(&in);
    return 0;
}
