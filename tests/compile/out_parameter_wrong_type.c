/* SPDX-License-Identifier: MIT */
/* tests/compile/out_parameter_wrong_type.c: an OUT parameter's reader is typed: a string
 * parameter does not read into an integer, and GetAs takes the struct of the parameter's class. */
#include "Gen_Leaf.h"
#include "Gen_Setting.h"

int main(void)
{
    Gen_Leaf_Link_Out out;
    Gen_Setting s;
    MI_Uint32 n;
    memset(&out, 0, sizeof out);
    Gen_Leaf_Link_Out_Get_Count(&out, &n);
#ifdef MOFBIND_BAD
    Gen_Leaf_Link_Out_GetAs_Result(&out, &n); /* BAD */
#else
    Gen_Leaf_Link_Out_GetAs_Result(&out, &s);
#endif
    return 0;
}
