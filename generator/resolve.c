/* generator/resolve.c: placeholder until the resolver lands. */
#include "resolve.h"
#include <string.h>
int mof_resolve(mof_unit *u, mof_schema *schema, const mof_resolve_options *opts)
{
    (void)opts;
    memset(schema, 0, sizeof *schema);
    schema->unit = u;
    return 0;
}
