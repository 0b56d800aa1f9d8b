/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_mof.c: libFuzzer harness for the MOF front end: the input is one MOF
 * document; it is parsed and, when it parses, resolved. Includes resolve against a directory
 * that does not exist, so the fuzzer never reads files. Diagnostics are counted, not printed. */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "parse.h"
#include "resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mof_diag diag;
    mof_unit unit;
    mof_schema schema;
    mof_parse_options popts = {NULL, 0};
    mof_resolve_options ropts = {NULL, false};

    mof_diag_init(&diag, NULL);
    mof_unit_init(&unit, &diag);
    if (mof_parse_buffer(&unit, "/nonexistent/fuzz.mof", (const char *)data, size, &popts) == 0)
        mof_resolve(&unit, &schema, &ropts);
    mof_unit_free(&unit);
    return 0;
}
