/* SPDX-License-Identifier: MIT */
/* tests/compile/string_into_inherited_uint16.c: State is inherited from Gen_Base (its setter
 * comes through Gen_Base's setter list): still typed, a string is not a uint16. */
#include "Gen_Leaf.h"

int main(void)
{
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
#ifdef MOFBIND_BAD
    Gen_Leaf_Set_State(&x, "2"); /* BAD */
#else
    Gen_Leaf_Set_State(&x, Gen_Base_State_Enabled);
#endif
    return 0;
}
