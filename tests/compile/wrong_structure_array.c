/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure_array.c: an array of a MOF 3 structure is set from a C array of
 * that structure (Shop_Vip's Sponsors, of its local structure Sponsor, in C Shop_Vip_Sponsor),
 * not of another (Shop_Customer's local Note, Shop_Customer_Note). */
#include "Shop_Vip.h"

int main(void)
{
    Shop_Vip x;
    Shop_Vip_Sponsor sponsors[1];
    Shop_Customer_Note notes[1];
    Shop_Vip_Init(&x);
    Shop_Vip_Sponsor_Init(&sponsors[0]);
    Shop_Customer_Note_Init(&notes[0]);
#ifdef MOFBIND_BAD
    Shop_Vip_Set_Sponsors(&x, notes, 1); /* BAD */
#else
    Shop_Vip_Set_Sponsors(&x, sponsors, 1);
#endif
    (void)notes;
    Shop_Vip_Destruct(&x);
    return 0;
}
