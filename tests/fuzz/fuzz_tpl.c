/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_tpl.c: libFuzzer harness for the code generator's template filler (gen_fill in
 * generator/emit/emit_tpl.c), which reads the user's --template-dir files: the input is a
 * template's text (up to its first NUL). The result is checked against a plain reference filler: on
 * success the output is exactly the reference's, appended after what the buffer held; on error the
 * buffer is left as it was and the message names the template. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const gen_var vars[] = {
    {"version", "0.1"},  {"runtime_version", "100"}, {"source", "a$b$.mof"}, {"class", "X"},
    {"n", ""},           {"name", "$name$"},         {"names", "N1, N2"},    {"type", "MI_Uint32"},
};
#define NVARS (sizeof vars / sizeof vars[0])

/* The reference: returns 0 and appends to ref, or -1. */
static int ref_fill(gen_buf *ref, const char *t)
{
    while (*t) {
        const char *end;
        size_t len, i;
        if (*t != '$') {
            util_buf_putn(ref, t++, 1);
            continue;
        }
        end = strchr(t + 1, '$');
        if (!end)
            return -1;
        len = (size_t)(end - t - 1);
        if (len == 0) {
            util_buf_putn(ref, "$", 1);
        } else {
            for (i = 0; i < NVARS; i++)
                if (strlen(vars[i].name) == len && memcmp(vars[i].name, t + 1, len) == 0)
                    break;
            if (i == NVARS)
                return -1;
            util_buf_puts(ref, vars[i].value);
        }
        t = end + 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    gen_buf out = {0}, ref = {0};
    char err[200];
    int r, rr;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    util_buf_puts(&out, "before;");
    err[0] = '\0';
    r = gen_fill(&out, "fuzz", text, vars, NVARS, err, sizeof err);
    rr = ref_fill(&ref, text);
    if (out.failed || ref.failed || r != rr)
        abort();
    if (r == 0) {
        if (out.len != 7 + ref.len || memcmp(out.data, "before;", 7) != 0 ||
            (ref.len && memcmp(out.data + 7, ref.data, ref.len) != 0))
            abort();
    } else if (out.len != 7 || strcmp(out.data, "before;") != 0 ||
               strncmp(err, "template fuzz: offset ", 22) != 0) {
        abort();
    }
    util_buf_free(&out);
    util_buf_free(&ref);
    free(text);
    return 0;
}
