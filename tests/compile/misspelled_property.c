/* SPDX-License-Identifier: MIT */
/* tests/compile/misspelled_property.c: there is no property PU23, so no setter for it. */
#include "Gen_Leaf.h"

int main(void)
{
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
#ifdef MOFBIND_BAD
    Gen_Leaf_Set_PU23(&x, 1); /* BAD */
#else
    Gen_Leaf_Set_PU32(&x, 1);
#endif
    return 0;
}
