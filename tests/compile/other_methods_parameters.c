/* SPDX-License-Identifier: MIT */
/* tests/compile/other_methods_parameters.c: Link takes Gen_Leaf_Link_In, not another method's
 * parameters. */
#include "Gen_Leaf.h"

int main(void)
{
    MI_Session session = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    Gen_Leaf x;
    Gen_Leaf_Link_In link;
    Gen_Leaf_Reset_In reset;
    Gen_Leaf_Init(&x);
    memset(&link, 0, sizeof link);
    memset(&reset, 0, sizeof reset);
#ifdef MOFBIND_BAD
    Gen_Leaf_Invoke_Link(&session, NULL, &x, &reset, NULL, &op); /* BAD */
#else
    Gen_Leaf_Invoke_Link(&session, NULL, &x, &link, NULL, &op);
#endif
    return 0;
}
