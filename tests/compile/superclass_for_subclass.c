/* SPDX-License-Identifier: MIT */
/* tests/compile/superclass_for_subclass.c: a Gen_Middle is not a Gen_Leaf (the other way round
 * is what Gen_Leaf_As_Gen_Middle is for). */
#include "Gen_Leaf.h"

int main(void)
{
    MI_Session session = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    Gen_Middle middle;
    Gen_Leaf leaf;
    Gen_Middle_Init(&middle);
    Gen_Leaf_Init(&leaf);
#ifdef MOFBIND_BAD
    Gen_Leaf_Create(&session, NULL, &middle, NULL, &op); /* BAD */
#else
    Gen_Leaf_Create(&session, NULL, &leaf, NULL, &op);
    Gen_Middle_Create(&session, NULL, Gen_Leaf_AsConst_Gen_Middle(&leaf), NULL, &op);
#endif
    return 0;
}
