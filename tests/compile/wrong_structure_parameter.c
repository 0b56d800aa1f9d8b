/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure_parameter.c: an IN parameter typed by a MOF 3 structure is a C
 * struct of that structure in the method's _In struct, set from that structure's typed struct
 * (Shop_Vip.Plan's From, a Shop_Date), not another's (a pointer to another type: an error in
 * C++, and in C the incompatible-pointer-types error mofbind_gen.h asks for). */
#include "Shop_Date.h"
#include "Shop_Phone.h"
#include "Shop_Vip.h"

int main(void)
{
    Shop_Vip_Plan_In in;
    Shop_Date from;
    Shop_Phone line;
    Shop_Vip_Plan_In_Init(&in);
    Shop_Date_Init(&from);
    Shop_Phone_Init(&line);
#ifdef MOFBIND_BAD
    Shop_Vip_Plan_In_Set_From(&in, &line); /* BAD */
#else
    Shop_Vip_Plan_In_Set_From(&in, &from);
#endif
    (void)line;
    Shop_Vip_Plan_In_Destruct(&in);
    return 0;
}
