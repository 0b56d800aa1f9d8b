/* SPDX-License-Identifier: MIT */
/* tests/fuzz/fuzz_client.c: libFuzzer harness for libmofbind's reading of WS-Man responses, the
 * whole client path above HTTP: the input is the body of the HTTP response the client gets to each
 * operation (Get, Enumerate, Create, Modify, Delete, Invoke, Identify, GetClass, EnumerateClasses;
 * with HTTP 200 and 500), read through the public MI API on one session, as an application sees it. The session's transport is
 * the tests' stub (tests/stub_transport.c), so nothing goes to the network: the first exchange of
 * an operation answers the input (with every `$MSGID$` in it replaced by the request's MessageID,
 * so that seeds relate to their request), any later one (a Pull, a Release) fails as a refused
 * connection would. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_class.h"
#include "fuzz_decl.h"
#include "stub_transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the stub answers; set by the fuzzing thread before each operation starts, read by the
 * session's worker (the operation's queueing orders the two). */
static struct {
    const uint8_t *data;
    size_t size;
    int status;
    int served;
} fz;

/* The first exchange of an operation answers the input, with every `$MSGID$` replaced by the
 * request's MessageID; any later one fails as a refused connection would. */
static void fz_answer(void *ctx, const char *req, size_t len, const char *id, stub_answer *out)
{
    static const char ph[] = "$MSGID$";
    static char *buf;
    size_t i, n = 0, idlen = strlen(id);
    (void)ctx, (void)req, (void)len;
    if (fz.served) {
        out->result = MI_RESULT_FAILED;
        out->category = MI_ERRORCATEGORY_CONNECTION_ERROR;
        out->message = "connection refused (fuzz stub)";
        return;
    }
    fz.served = 1;
    free(buf);
    if (!(buf = malloc(fz.size * (idlen + 1) + 1))) {
        out->result = MI_RESULT_SERVER_LIMITS_EXCEEDED;
        return;
    }
    for (i = 0; i < fz.size;) {
        if (fz.size - i >= sizeof ph - 1 && memcmp(fz.data + i, ph, sizeof ph - 1) == 0) {
            memcpy(buf + n, id, idlen);
            n += idlen;
            i += sizeof ph - 1;
        } else {
            buf[n++] = (char)fz.data[i++];
        }
    }
    out->status = fz.status;
    out->body = buf;
    out->len = n;
}

static MI_Application app = MI_APPLICATION_NULL;
static MI_Session session = MI_SESSION_NULL;
static MI_Instance *inst;

/* Reads every result of op and closes it. */
static void fz_drain(MI_Operation *op)
{
    MI_Boolean more = MI_TRUE;
    int guard = 0;
    while (more && guard++ < 100000) {
        const MI_Instance *i = NULL, *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        if (MI_Operation_GetInstance(op, &i, &more, &r, &msg, &details) != MI_RESULT_OK)
            break;
        if (i) {
            MI_Uint32 n = 0;
            MI_Instance_GetElementCount(i, &n);
        }
    }
    MI_Operation_Close(op);
}

/* Reads every class of op (each walked through the MI_ClassFT) and closes it. */
static void fz_drain_classes(MI_Operation *op)
{
    MI_Boolean more = MI_TRUE;
    int guard = 0;
    while (more && guard++ < 100000) {
        const MI_Class *c = NULL;
        const MI_Instance *details = NULL;
        const MI_Char *msg = NULL;
        MI_Result r = MI_RESULT_OK;
        if (MI_Operation_GetClass(op, &c, &more, &r, &msg, &details) != MI_RESULT_OK)
            break;
        if (c)
            fz_walk_class(c);
    }
    MI_Operation_Close(op);
}

static void fz_setup(void)
{
    MI_Value v;
    if (MI_Application_Initialize(0, NULL, NULL, &app) != MI_RESULT_OK ||
        stub_transport_install(&app, fz_answer, NULL) != MI_RESULT_OK ||
        MI_Application_NewSession(&app, NULL, "http://127.0.0.1:9/wsman", NULL, NULL, NULL,
                                  &session) != MI_RESULT_OK ||
        MI_Application_NewInstance(&app, NULL, &fz_decl, &inst) != MI_RESULT_OK) {
        fprintf(stderr, "fuzz_client: cannot set up a session\n");
        abort();
    }
    v.string = (MI_Char *)"k1";
    MI_Instance_SetElement(inst, "Id", &v, MI_STRING, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    int round, k;
    pthread_once(&once, fz_setup);
    fz.data = data;
    fz.size = size;
    for (round = 0; round < 2; round++) {
        fz.status = round ? 500 : 200;
        for (k = 0; k < 9; k++) {
            MI_Operation op = MI_OPERATION_NULL;
            fz.served = 0;
            switch (k) {
            case 0:
                MI_Session_GetInstance(&session, 0, NULL, "root/cimv2", inst, NULL, &op);
                break;
            case 1:
                MI_Session_EnumerateInstances(&session, 0, NULL, "root/cimv2", "X", MI_FALSE, NULL,
                                              &op);
                break;
            case 2:
                MI_Session_CreateInstance(&session, 0, NULL, "root/cimv2", inst, NULL, &op);
                break;
            case 3:
                MI_Session_ModifyInstance(&session, 0, NULL, "root/cimv2", inst, NULL, &op);
                break;
            case 4:
                MI_Session_DeleteInstance(&session, 0, NULL, "root/cimv2", inst, NULL, &op);
                break;
            case 5:
                MI_Session_Invoke(&session, 0, NULL, "root/cimv2", "X", "M", NULL, NULL, NULL,
                                  &op);
                break;
            case 6:
                MI_Session_TestConnection(&session, 0, NULL, &op);
                break;
            case 7:
                MI_Session_GetClass(&session, 0, NULL, "root/cimv2", "X", NULL, &op);
                fz_drain_classes(&op);
                continue;
            default:
                MI_Session_EnumerateClasses(&session, 0, NULL, "root/cimv2", NULL, MI_FALSE, NULL,
                                            &op);
                fz_drain_classes(&op);
                continue;
            }
            fz_drain(&op);
        }
    }
    return 0;
}
