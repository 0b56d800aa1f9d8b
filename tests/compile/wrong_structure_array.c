/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure_array.c: an array of a MOF 3 structure is set from a C array of
 * that structure (Shop_Vip's Sponsors, of its local structure Sponsor), not of another. */
#include "Shop_Vip.h"

int main(void)
{
    Shop_Vip x;
    Sponsor sponsors[1];
    Note notes[1];
    Shop_Vip_Init(&x);
    Sponsor_Init(&sponsors[0]);
    Note_Init(&notes[0]);
#ifdef MOFBIND_BAD
    Shop_Vip_Set_Sponsors(&x, notes, 1); /* BAD */
#else
    Shop_Vip_Set_Sponsors(&x, sponsors, 1);
#endif
    (void)notes;
    Shop_Vip_Destruct(&x);
    return 0;
}
