/* SPDX-License-Identifier: MIT */
/* tests/compile/unrelated_class.c: a Gen_Setting * where a Gen_Leaf * is wanted. */
#include "Gen_Leaf.h"
#include "Gen_Setting.h"

int main(void)
{
    MI_Session session = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    Gen_Setting setting;
    Gen_Leaf leaf;
    Gen_Setting_Init(&setting);
    Gen_Leaf_Init(&leaf);
#ifdef MOFBIND_BAD
    Gen_Leaf_Get(&session, NULL, &setting, NULL, &op); /* BAD */
#else
    Gen_Leaf_Get(&session, NULL, &leaf, NULL, &op);
#endif
    return 0;
}
