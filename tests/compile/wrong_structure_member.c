/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure_member.c: a MOF 3 structure's members have typed setters: a
 * string is not a uint16. */
#include "Shop_Date.h"

int main(void)
{
    Shop_Date d;
    Shop_Date_Init(&d);
#ifdef MOFBIND_BAD
    Shop_Date_Set_Year(&d, "2024"); /* BAD */
#else
    Shop_Date_Set_Year(&d, 2024);
#endif
    Shop_Date_Destruct(&d);
    return 0;
}
