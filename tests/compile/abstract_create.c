/* SPDX-License-Identifier: MIT */
/* tests/compile/abstract_create.c: Gen_Base is abstract: it has no Create. */
#include "Gen_Base.h"

int main(void)
{
    MI_Session session = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    Gen_Base x;
    Gen_Base_Init(&x);
#ifdef MOFBIND_BAD
    Gen_Base_Create(&session, NULL, &x, NULL, &op); /* BAD */
#else
    Gen_Base_Get(&session, NULL, &x, NULL, &op);
#endif
    return 0;
}
