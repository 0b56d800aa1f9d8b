/* SPDX-License-Identifier: MIT */
/* tests/compile/wrong_enumeration.c: a MOF 3 enumeration-typed setter takes its enumeration; a
 * value of another enumeration type does not convert (C++; in C the -Wenum-conversion error
 * mofbind_gen.h asks for). A bare int or another enumeration's constant (an int in C) is refused
 * in C++ only. */
#include "Shop_Customer.h"
#include "Shop_Date.h"

int main(void)
{
    Shop_Customer x;
    Shop_Months month = Shop_Months_May;
    Shop_Customer_LevelKind level = Shop_Customer_LevelKind_Gold;
    Shop_Customer_Init(&x);
#ifdef MOFBIND_BAD
    Shop_Customer_Set_Level(&x, month); /* BAD */
#else
    Shop_Customer_Set_Level(&x, level);
#endif
    (void)month;
    (void)level;
    return 0;
}
