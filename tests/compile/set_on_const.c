/* SPDX-License-Identifier: MIT */
/* tests/compile/set_on_const.c: a const struct cannot be changed through a setter. */
#include "Gen_Leaf.h"

static void use(const Gen_Leaf *x, Gen_Leaf *y)
{
#ifdef MOFBIND_BAD
    Gen_Leaf_Set_Name(x, "n"); /* BAD */
#else
    Gen_Leaf_Set_Name(y, "n");
#endif
    (void)x;
}

int main(void)
{
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
    use(&x, &x);
    Gen_Leaf_Destruct(&x);
    return 0;
}
