/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_array_type.c: a uint32 array property takes MI_Uint32 elements. */
#include "Gen_Leaf.h"

int main(void)
{
    static const MI_Sint64 wide[] = {1, 2};
    static const MI_Uint32 right[] = {1, 2};
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
#ifdef MOFBIND_BAD
    Gen_Leaf_Set_AU32(&x, wide, 2); /* BAD */
#else
    Gen_Leaf_Set_AU32(&x, right, 2);
    (void)wide;
#endif
    Gen_Leaf_Destruct(&x);
    return 0;
}
