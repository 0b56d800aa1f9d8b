/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_structure.c: a property typed by a MOF 3 structure is set from that
 * structure's typed struct, not another's. */
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
    Shop_Customer_SetFrom_Since(&x, &phone, NULL); /* BAD */
#else
    Shop_Customer_SetFrom_Since(&x, &since, NULL);
#endif
    return 0;
}
