/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure.c: a property typed by a MOF 3 structure is a C struct of that
 * structure in the class's struct, set from that structure's typed struct, not another's (a
 * pointer to another type: an error in C++, and in C the incompatible-pointer-types error
 * mofbind_gen.h asks for). */
#include "Shop_Customer.h"
#include "Shop_Date.h"
#include "Shop_Phone.h"

int main(void)
{
    Shop_Customer x;
    Shop_Date since;
    Shop_Phone phone;
    Shop_Customer_Init(&x);
    Shop_Date_Init(&since);
    Shop_Phone_Init(&phone);
#ifdef MOFBIND_BAD
    Shop_Customer_Set_Since(&x, &phone); /* BAD */
#else
    Shop_Customer_Set_Since(&x, &since);
#endif
    Shop_Customer_Destruct(&x);
    return 0;
}
