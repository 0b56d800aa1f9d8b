/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_server.c: libFuzzer harness for mofbind-server's reading of WS-Man requests,
 * the whole path after HTTP (msrv_process: content type, envelope, headers, selectors, typing
 * against the schema, the repository, enumeration contexts, WQL, faults): the input is one
 * request body, answered as application/soap+xml and as the UTF-16 content type. Each input
 * gets a fresh server (the schema of the OMI captures, tests/server/widget.mof's classes, with
 * instances), so that a crash reproduces from its input alone. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "server.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char schema[] =
    "#pragma namespace(\"root/cimv2\")\n"
    "[Abstract] class Contoso_Thing { [Key] string Id; };\n"
    "class Contoso_Widget : Contoso_Thing {\n"
    "  string Name; uint32 Count; boolean Enabled; sint64 Offset; real64 Ratio;\n"
    "  string Tags[]; uint8 Level = 3; datetime Made; char16 C; uint8 Bytes[];\n"
    "  [EmbeddedInstance(\"Contoso_Pair\")] string Emb;\n"
    "  uint32 Ping([In] string Text, [In] uint32 Times, [Out] string Echo);\n"
    "  [Static] uint32 Census([Out] uint32 Total);\n"
    "};\n"
    "class Contoso_Pair { [Key] string Left; [Key] uint32 Right; string Note; };\n"
    "[Association] class Contoso_Link { [Key] Contoso_Widget REF A; [Key] Contoso_Pair REF B; };\n"
    "instance of Contoso_Pair { Left = \"seed\"; Right = 1; Note = \"n\"; };\n"
    "instance of Contoso_Widget { Id = \"w1\"; Name = \"one\"; Count = 1; Tags = {\"a\", \"b\"}; };\n"
    "instance of Contoso_Widget { Id = \"w2\"; Count = 2; Enabled = true; };\n"
    "#pragma namespace(\"root/mitest\")\n"
    "class Contoso_Widget { [Key] string Id; string Name; uint32 Count; };\n";

static MI_Result fz_ping(void *ctx, msrv_call *call)
{
    MI_Value v;
    (void)ctx;
    v.uint32 = 0;
    MI_Instance_SetElement(call->out, "ReturnValue", &v, MI_UINT32, 0);
    return MI_RESULT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    static const char *const texts[] = {schema};
    static const char *const cts[] = {NULL, "application/soap+xml;charset=UTF-16"};
    msrv_config cfg = {0};
    msrv_server *srv = NULL;
    char err[256];
    size_t i;

    if (!devnull && !(devnull = fopen("/dev/null", "w")))
        abort();
    cfg.no_auth = true;
    cfg.quiet = true;
    cfg.log = devnull;
    cfg.diag = devnull;
    cfg.schema_texts = texts;
    cfg.n_schema_texts = 1;
    if (msrv_new(&cfg, &srv, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_server: %s\n", err);
        abort();
    }
    msrv_register_method(srv, NULL, "Contoso_Widget", NULL, fz_ping, NULL);
    for (i = 0; i < sizeof cts / sizeof cts[0]; i++) {
        unsigned status = 0;
        char *body = NULL;
        size_t len = 0;
        msrv_process(srv, cts[i], (const char *)data, size, &status, &body, &len);
        if (status < 100 || status > 599 || (!body && len))
            abort(); /* an HTTP status; no length without a body */
        free(body);
    }
    /* Enumerations left open and created instances are freed with the server. */
    msrv_free(srv);
    return 0;
}
