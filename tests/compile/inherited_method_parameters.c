/* SPDX-License-Identifier: MIT */
/* tests/compile/inherited_method_parameters.c: Reset is inherited from Gen_Middle; Gen_Leaf's
 * Reset takes Gen_Leaf_Reset_In (Gen_Middle's parameter struct), not another method's. */
#include "Gen_Leaf.h"

int main(void)
{
    MI_Session session = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    Gen_Leaf_Link_In link;
    Gen_Leaf_Reset_In reset;
    memset(&link, 0, sizeof link);
    memset(&reset, 0, sizeof reset);
#ifdef MOFBIND_BAD
    Gen_Leaf_Invoke_Reset(&session, NULL, &link, NULL, &op); /* BAD */
#else
    Gen_Leaf_Invoke_Reset(&session, NULL, &reset, NULL, &op);
#endif
    return 0;
}
