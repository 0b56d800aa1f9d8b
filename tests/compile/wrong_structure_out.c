/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure_out.c: an OUT parameter typed by a MOF 3 structure reads back as
 * that structure (Shop_Vip.Plan's Branch, a Shop_Address: Get_Branch gives a pointer to it),
 * not as another. */
#include "Shop_Address.h"
#include "Shop_Phone.h"
#include "Shop_Vip.h"

int main(void)
{
    Shop_Vip_Plan_Out out;
    const Shop_Address *branch = NULL;
    const Shop_Phone *line = NULL;
    memset(&out, 0, sizeof out);
#ifdef MOFBIND_BAD
    Shop_Vip_Plan_Out_Get_Branch(&out, &line); /* BAD */
#else
    Shop_Vip_Plan_Out_Get_Branch(&out, &branch);
#endif
    (void)branch;
    (void)line;
    return 0;
}
