/* SPDX-License-Identifier: MIT */
/* tests/compile/override_enumeration.c: a property overridden with an enumeration deriving from
 * the overridden one's (Shop_Vip.Level: VipLevelKind : LevelKind) is set with the derived
 * enumeration, and a value of the base enumeration's type is refused as another enumeration's
 * (C++; in C the -Wenum-conversion error mofbind_gen.h asks for). */
#include "Shop_Vip.h"

int main(void)
{
    Shop_Vip x;
    Shop_Vip_VipLevelKind vip = Shop_Vip_VipLevelKind_Diamond;
    Shop_Customer_LevelKind level = Shop_Customer_LevelKind_Gold;
    Shop_Vip_Init(&x);
#ifdef MOFBIND_BAD
    Shop_Vip_Set_Level(&x, level); /* BAD */
#else
    Shop_Vip_Set_Level(&x, vip);
#endif
    (void)vip;
    (void)level;
    Shop_Vip_Destruct(&x);
    return 0;
}
