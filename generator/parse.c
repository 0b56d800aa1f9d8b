/* generator/parse.c: placeholder until the front end lands. */
#include "parse.h"
#include "diag.h"
int mof_parse_file(mof_unit *u, const char *path, const mof_parse_options *opts)
{
    (void)opts;
    mof_error(u->diag, NULL, "%s: parser not implemented yet", path);
    return -1;
}
int mof_parse_buffer(mof_unit *u, const char *name, const char *data, size_t len,
                     const mof_parse_options *opts)
{
    (void)data; (void)len; (void)opts;
    mof_error(u->diag, NULL, "%s: parser not implemented yet", name);
    return -1;
}
