/* SPDX-License-Identifier: MIT */
/* tests/compile/misspelled_field.c: there is no field PU23. */
#include "Gen_Leaf.h"

int main(void)
{
    Gen_Leaf x;
    Gen_Leaf_Init(&x);
#ifdef MOFBIND_BAD
    x.PU23.value = 1; /* BAD */
#else
    x.PU32.value = 1;
#endif
    return 0;
}
