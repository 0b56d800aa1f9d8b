/* generator/emit.c: code generation entry point (see emit.h). */
#include "emit.h"

int mof_generate(const mof_schema *s, const mof_gen_options *o, mof_diag *d)
{
    (void)s;
    (void)o;
    mof_error(d, NULL, "code generation is not implemented yet");
    return -1;
}
