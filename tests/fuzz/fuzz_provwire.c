/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_provwire.c: libFuzzer harness for the reading of provider host frames
 * (server/provwire.c), what the server reads from a host that runs provider code: the input is
 * one frame's body, read as the server reads an answer (an instance, a result with an error
 * instance, a local session's request, an indication, the end of a class's indications) and
 * as the host reads a request (typed by a small class, its property list) and a local
 * session's answer and a cancellation; every instance read is written back out and read again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "provwire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const MI_PropertyDecl p_id = {
    MI_FLAG_PROPERTY | MI_FLAG_KEY, 0, "Id", NULL, 0, MI_STRING, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl p_n = {
    MI_FLAG_PROPERTY, 0, "N", NULL, 0, MI_UINT32A, NULL, 0, 0, NULL, NULL, NULL};
static const MI_PropertyDecl *const props[] = {&p_id, &p_n};
static const MI_ClassDecl decl = {MI_FLAG_CLASS, 0,    "X",  NULL, 0,    props, 2,   0,
                                  NULL,          NULL, NULL, 0,    NULL, NULL,  NULL};

static const MI_ClassDecl *decl_of(void *ctx, const char *name)
{
    (void)ctx;
    return strcmp(name, "X") == 0 ? &decl : NULL;
}

static void round_trip(const MI_Instance *inst)
{
    wsman_buf b;
    MI_Instance *again = NULL;
    util_buf_init(&b);
    pw_begin(&b, PW_INSTANCE, 1);
    if (pw_instance(&b, inst) == MI_RESULT_OK && pw_end(&b) == 0) {
        pw_reader r;
        uint8_t kind;
        uint64_t id;
        r.p = (const unsigned char *)b.data + 4;
        r.end = (const unsigned char *)b.data + b.len;
        if (pw_get_u8(&r, &kind) != 0 || pw_get_u64(&r, &id) != 0 ||
            pw_get_instance(&r, NULL, NULL, &again) != 0)
            __builtin_trap(); /* what we wrote must read back */
        MI_Instance_Delete(again);
    }
    util_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int pass;
    for (pass = 0; pass < 2; pass++) {
        pw_reader r;
        MI_Instance *inst = NULL;
        uint32_t res;
        const char *s;
        size_t n;
        uint8_t has;
        const char **names;
        uint32_t k;
        MI_Result end;
        MI_CancellationReason reason;
        r.p = data;
        r.end = data + size;
        if (pw_get_instance(&r, pass ? decl_of : NULL, NULL, &inst) == 0) {
            round_trip(inst);
            MI_Instance_Delete(inst);
        }
        r.p = data;
        if (pw_get_u32(&r, &res) == 0 && pw_get_str(&r, &s) == 0 && pw_get_u8(&r, &has) == 0 &&
            has && pw_get_instance(&r, NULL, NULL, &inst) == 0)
            MI_Instance_Delete(inst);
        /* a local session's request (what the server reads) and answer (what the host reads) */
        r.p = data;
        if (pass ? pw_get_session_reply(&r, &res, &s, &n) == 0 : pw_get_session(&r, &s, &n) == 0)
            if (strlen(s) != n)
                __builtin_trap();
        /* a request's property list (what the host reads) */
        r.p = data;
        if (pw_get_names(&r, &names, &res) == 0) {
            for (k = 0; k < res; k++)
                if (!names[k])
                    __builtin_trap();
            free(names);
        }
        r.p = data;
        if (pw_get_indication(&r, &s, &s, &inst) == 0) {
            round_trip(inst);
            MI_Instance_Delete(inst);
        }
        r.p = data;
        (void)pw_get_ind_end(&r, &s, &end, &s);
        r.p = data;
        if (pw_get_cancel(&r, &reason) == 0 && (unsigned)reason > MI_REASON_SERVICESTOP)
            __builtin_trap();
    }
    return 0;
}
