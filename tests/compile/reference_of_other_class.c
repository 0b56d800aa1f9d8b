/* SPDX-License-Identifier: MIT */
/* tests/compile/reference_of_other_class.c: PRef refers to a Gen_Setting; its typed setter
 * takes no other class's struct. */
#include "Gen_Leaf.h"
#include "Gen_Setting.h"

int main(void)
{
    MI_Application app = MI_APPLICATION_NULL;
    Gen_Leaf x, other;
    Gen_Setting setting;
    Gen_Leaf_Init(&x);
    Gen_Leaf_Init(&other);
    Gen_Setting_Init(&setting);
#ifdef MOFBIND_BAD
    Gen_Leaf_SetFrom_PRef(&x, &other, &app); /* BAD */
#else
    Gen_Leaf_SetFrom_PRef(&x, &setting, &app);
#endif
    return 0;
}
