/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_enumeration_array.c: an array of a MOF 3 enumeration is set from a C
 * array of that enumeration, not of another (a pointer to another type: an error in C++, and
 * in C the incompatible-pointer-types error mofbind_gen.h asks for). */
#include "Shop_Customer.h"

int main(void)
{
    Shop_Customer x;
    const Shop_Months months[] = {Shop_Months_May};
    const Shop_Regions regions[] = {Shop_Regions_North};
    Shop_Customer_Init(&x);
#ifdef MOFBIND_BAD
    Shop_Customer_Set_PaymentMonths(&x, regions, 1); /* BAD */
#else
    Shop_Customer_Set_PaymentMonths(&x, months, 1);
#endif
    (void)months;
    (void)regions;
    Shop_Customer_Destruct(&x);
    return 0;
}
