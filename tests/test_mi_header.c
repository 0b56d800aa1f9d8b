/* SPDX-License-Identifier: MIT */
/* tests/test_mi_header.c: mi.h compiles as strict C99 (here) and as C++ (the same file
 * built by tests/test_runtime_cxx.cc), and its values are the MI API's. Built with
 * -std=c99 -Wall -Wextra -Wpedantic -Werror (and the C++ twin with -Wall -Wextra -Wpedantic
 * -Werror); a compile error fails the build, a wrong value fails the run. */
#include <stddef.h>
#include <stdio.h>

#include <mofbind/mi.h>

#if !defined(MOFBIND_RUNTIME_VERSION) || MOFBIND_RUNTIME_VERSION < 100
#error "MOFBIND_RUNTIME_VERSION missing or too old"
#endif

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);                                \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* A generated-looking struct: the instance header first, then typed fields. */
typedef struct {
    MI_Instance __instance;
    MI_ConstStringField Name;
    MI_ConstUint32Field Count;
    MI_ConstStringAField Tags;
    MI_ConstReferenceField Other;
    MI_ConstDatetimeField When;
} Demo_Thing;

static const MI_PropertyDecl demo_name_prop = {MI_FLAG_PROPERTY | MI_FLAG_KEY,
                                               0x006E6504,
                                               MI_T("Name"),
                                               NULL,
                                               0,
                                               MI_STRING,
                                               NULL,
                                               0,
                                               offsetof(Demo_Thing, Name),
                                               MI_T("Demo_Thing"),
                                               MI_T("Demo_Thing"),
                                               NULL};
static const MI_PropertyDecl *const demo_props[] = {&demo_name_prop};
static const MI_ClassDecl demo_decl = {MI_FLAG_CLASS,
                                       0x00646A0A,
                                       MI_T("Demo_Thing"),
                                       NULL,
                                       0,
                                       demo_props,
                                       1,
                                       sizeof(Demo_Thing),
                                       NULL,
                                       NULL,
                                       NULL,
                                       0,
                                       NULL,
                                       NULL,
                                       NULL};

static void MI_CALL on_result(MI_Operation *op, void *ctx, const MI_Instance *inst, MI_Boolean more,
                              MI_Result r, const MI_Char *msg, const MI_Instance *details,
                              MI_Result(MI_CALL *ack)(MI_Operation *))
{
    int *seen = (int *)ctx;
    (void)op, (void)inst, (void)more, (void)msg, (void)details, (void)ack;
    *seen = (int)r;
}

int main(void)
{
    int failures = 0;
    int seen = -1;
    MI_Application app = MI_APPLICATION_NULL;
    MI_Session session = MI_SESSION_NULL;
    MI_Operation op = MI_OPERATION_NULL;
    MI_OperationCallbacks cb = MI_OPERATIONCALLBACKS_NULL;
    MI_Value v;
    const MI_Instance *result = NULL;
    MI_Boolean more = MI_TRUE;
    MI_Result r = MI_RESULT_OK;

    CHECK(MI_RESULT_SERVER_IS_SHUTTING_DOWN == 28 && MI_RESULT_NAMESPACE_NOT_EMPTY == 20);
    CHECK(MI_ERRORCATEGORY_NOT_ENABLED == 31 && MI_ERRORCATEGORY_ACCESS_DENIED == 18);
    CHECK(MI_INSTANCE == 15 && MI_INSTANCEA == 31 && MI_STRINGA == (MI_STRING | MI_ARRAY));
    CHECK(MI_FLAG_KEY == 0x1000 && MI_FLAG_ADOPT == 0x80000000u && MI_FLAG_NULL == 0x20000000);
    CHECK(MI_OPERATIONFLAGS_NO_RTTI == 0x400 && MI_OPERATIONFLAGS_MANUAL_ACK_RESULTS == 1);
    CHECK(sizeof(MI_Interval) == sizeof(MI_Timestamp));
    CHECK(sizeof(MI_Uint64) == 8 && sizeof(MI_Sint32) == 4 && sizeof(MI_Char16) == 2);
    CHECK(offsetof(MI_Instance, ft) == 0 && offsetof(Demo_Thing, __instance) == 0);
    CHECK(demo_decl.properties[0]->offset == offsetof(Demo_Thing, Name));
    CHECK(offsetof(MI_OperationCallbacks, instanceResult) == 5 * sizeof(void *));

    v.uint32 = 7;
    CHECK(v.uint32 == 7);

    /* The wrappers on NULL function tables behave as the MI API documents. */
    CHECK(MI_Application_Close(&app) == MI_RESULT_INVALID_PARAMETER);
    cb.callbackContext = &seen;
    cb.instanceResult = on_result;
    op.reserved1 = 42;
    MI_Session_CreateInstance(&session, 0, NULL, NULL, NULL, &cb, &op);
    CHECK(seen == MI_RESULT_INVALID_PARAMETER && op.reserved1 == 0 && op.ft == NULL);
    CHECK(MI_Operation_GetInstance(&op, &result, &more, &r, NULL, NULL) ==
          MI_RESULT_INVALID_PARAMETER);
    CHECK(more == MI_FALSE && r == MI_RESULT_INVALID_PARAMETER);
    CHECK(MI_Session_Close(&session, NULL, NULL) == MI_RESULT_OK);
    CHECK(MI_Instance_Delete(NULL) == MI_RESULT_INVALID_PARAMETER);

    if (failures)
        fprintf(stderr, "%d failure(s)\n", failures);
    return failures ? 1 : 0;
}
