/* SPDX-License-Identifier: MIT */
/* tests/compile/keyword_names_escaped.c: a property named `switch` is the field switch_; the
 * keyword itself is not a field. */
#include "Gen_Middle.h"

int main(void)
{
    Gen_Middle x;
    Gen_Middle_Init(&x);
#ifdef MOFBIND_BAD
    x.switch.value = "on"; /* BAD */
#else
    x.switch_.value = "on";
    x.int_.value = 1;
    x.class_.value = MI_TRUE;
    x.errno_.value = 2;
    x.new_.value = "n";
#endif
    return 0;
}
