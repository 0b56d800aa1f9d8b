/* SPDX-License-Identifier: MIT */
/* tests/test_provider_abi.c: the provider half of <mofbind/mi.h> has OMI's binary layout, so a
 * provider built against it loads in OMI. The numbers are the offsets and sizes an x86_64 (LP64)
 * compiler gives OMI's published MI.h (Unix/common/MI.h), taken by compiling that header with
 * gcc; here they are one table, each row checked (every mismatch named), and the inline
 * MI_Context wrappers are checked to call the right table entries. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <mofbind/mi.h>

/* Each row: what is measured, what this mi.h gives, what OMI's MI.h gives. */
typedef struct mb_layout_row {
    const char *what;
    size_t got, omi;
} mb_layout_row;
#define MB_ROW(expr, omi)                                                                          \
    {                                                                                              \
#expr, (size_t)(expr), omi                                                                 \
    }

#if defined(__x86_64__) && defined(__LP64__)
static const mb_layout_row mb_layout[] = {
    MB_ROW(sizeof(MI_Module), 48),
    MB_ROW(offsetof(MI_Module, version), 0),
    MB_ROW(offsetof(MI_Module, generatorVersion), 4),
    MB_ROW(offsetof(MI_Module, flags), 8),
    MB_ROW(offsetof(MI_Module, charSize), 12),
    MB_ROW(offsetof(MI_Module, schemaDecl), 16),
    MB_ROW(offsetof(MI_Module, Load), 24),
    MB_ROW(offsetof(MI_Module, Unload), 32),
    MB_ROW(offsetof(MI_Module, dynamicProviderFT), 40),
    MB_ROW(sizeof(MI_SchemaDecl), 32),
    MB_ROW(offsetof(MI_SchemaDecl, qualifierDecls), 0),
    MB_ROW(offsetof(MI_SchemaDecl, numQualifierDecls), 8),
    MB_ROW(offsetof(MI_SchemaDecl, classDecls), 16),
    MB_ROW(offsetof(MI_SchemaDecl, numClassDecls), 24),
    MB_ROW(sizeof(MI_ClassDecl), 104),
    MB_ROW(offsetof(MI_ClassDecl, flags), 0),
    MB_ROW(offsetof(MI_ClassDecl, code), 4),
    MB_ROW(offsetof(MI_ClassDecl, name), 8),
    MB_ROW(offsetof(MI_ClassDecl, qualifiers), 16),
    MB_ROW(offsetof(MI_ClassDecl, numQualifiers), 24),
    MB_ROW(offsetof(MI_ClassDecl, properties), 32),
    MB_ROW(offsetof(MI_ClassDecl, numProperties), 40),
    MB_ROW(offsetof(MI_ClassDecl, size), 44),
    MB_ROW(offsetof(MI_ClassDecl, superClass), 48),
    MB_ROW(offsetof(MI_ClassDecl, superClassDecl), 56),
    MB_ROW(offsetof(MI_ClassDecl, methods), 64),
    MB_ROW(offsetof(MI_ClassDecl, numMethods), 72),
    MB_ROW(offsetof(MI_ClassDecl, schema), 80),
    MB_ROW(offsetof(MI_ClassDecl, providerFT), 88),
    MB_ROW(offsetof(MI_ClassDecl, owningClass), 96),
    MB_ROW(sizeof(MI_MethodDecl), 88),
    MB_ROW(offsetof(MI_MethodDecl, parameters), 32),
    MB_ROW(offsetof(MI_MethodDecl, numParameters), 40),
    MB_ROW(offsetof(MI_MethodDecl, size), 44),
    MB_ROW(offsetof(MI_MethodDecl, returnType), 48),
    MB_ROW(offsetof(MI_MethodDecl, origin), 56),
    MB_ROW(offsetof(MI_MethodDecl, propagator), 64),
    MB_ROW(offsetof(MI_MethodDecl, schema), 72),
    MB_ROW(offsetof(MI_MethodDecl, function), 80),
    MB_ROW(sizeof(MI_PropertyDecl), 72),
    MB_ROW(offsetof(MI_PropertyDecl, type), 28),
    MB_ROW(offsetof(MI_PropertyDecl, className), 32),
    MB_ROW(offsetof(MI_PropertyDecl, subscript), 40),
    MB_ROW(offsetof(MI_PropertyDecl, offset), 44),
    MB_ROW(offsetof(MI_PropertyDecl, origin), 48),
    MB_ROW(offsetof(MI_PropertyDecl, propagator), 56),
    MB_ROW(offsetof(MI_PropertyDecl, value), 64),
    MB_ROW(sizeof(MI_ParameterDecl), 48),
    MB_ROW(offsetof(MI_ParameterDecl, offset), 44),
    MB_ROW(sizeof(MI_ProviderFT), 112),
    MB_ROW(offsetof(MI_ProviderFT, Load), 0),
    MB_ROW(offsetof(MI_ProviderFT, GetInstance), 16),
    MB_ROW(offsetof(MI_ProviderFT, EnumerateInstances), 24),
    MB_ROW(offsetof(MI_ProviderFT, CreateInstance), 32),
    MB_ROW(offsetof(MI_ProviderFT, ModifyInstance), 40),
    MB_ROW(offsetof(MI_ProviderFT, DeleteInstance), 48),
    MB_ROW(offsetof(MI_ProviderFT, AssociatorInstances), 56),
    MB_ROW(offsetof(MI_ProviderFT, ReferenceInstances), 64),
    MB_ROW(offsetof(MI_ProviderFT, EnableIndications), 72),
    MB_ROW(offsetof(MI_ProviderFT, DisableIndications), 80),
    MB_ROW(offsetof(MI_ProviderFT, Subscribe), 88),
    MB_ROW(offsetof(MI_ProviderFT, Unsubscribe), 96),
    MB_ROW(offsetof(MI_ProviderFT, Invoke), 104),
    MB_ROW(sizeof(MI_Context), 32),
    MB_ROW(sizeof(MI_ContextFT), 248),
    MB_ROW(offsetof(MI_ContextFT, PostResult), 0),
    MB_ROW(offsetof(MI_ContextFT, PostInstance), 8),
    MB_ROW(offsetof(MI_ContextFT, PostIndication), 16),
    MB_ROW(offsetof(MI_ContextFT, NewInstance), 40),
    MB_ROW(offsetof(MI_ContextFT, NewDynamicInstance), 48),
    MB_ROW(offsetof(MI_ContextFT, NewParameters), 56),
    MB_ROW(offsetof(MI_ContextFT, Canceled), 64),
    MB_ROW(offsetof(MI_ContextFT, RequestUnload), 88),
    MB_ROW(offsetof(MI_ContextFT, RefuseUnload), 96),
    MB_ROW(offsetof(MI_ContextFT, GetLocalSession), 104),
    MB_ROW(offsetof(MI_ContextFT, GetCustomOptionAt), 152),
    MB_ROW(offsetof(MI_ContextFT, WriteMessage), 160),
    MB_ROW(offsetof(MI_ContextFT, WriteCimError), 184),
    MB_ROW(offsetof(MI_ContextFT, ShouldContinue), 208),
    MB_ROW(offsetof(MI_ContextFT, PostError), 216),
    MB_ROW(offsetof(MI_ContextFT, PostCimError), 224),
    MB_ROW(offsetof(MI_ContextFT, WriteError), 232),
    MB_ROW(offsetof(MI_ContextFT, GetLifecycleIndicationContext), 240),
    MB_ROW(sizeof(MI_Server), 40),
    MB_ROW(offsetof(MI_Server, instanceFT), 16),
    MB_ROW(offsetof(MI_Server, filterFT), 32),
    MB_ROW(sizeof(MI_ServerFT), 16),
    MB_ROW(sizeof(MI_PropertySet), 32),
    MB_ROW(sizeof(MI_PropertySetFT), 64),
    MB_ROW(sizeof(MI_Filter), 32),
    MB_ROW(sizeof(MI_FilterFT), 16),
    MB_ROW(sizeof(MI_Instance), 64),
    MB_ROW(sizeof(MI_InstanceFT), 144),
    MB_ROW(offsetof(MI_InstanceFT, GetClass), 136),
    MB_ROW(sizeof(MI_Session), 24),
    MB_ROW(sizeof(MI_Value), 40),
    MB_ROW(sizeof(MI_Datetime), 36),
    MB_ROW(sizeof(MI_Qualifier), 24),
    MB_ROW(sizeof(MI_QualifierDecl), 32),
    MB_ROW(sizeof(MI_StringField), 16),
    MB_ROW(sizeof(MI_ConstUint8AField), 24),
    MB_ROW(sizeof(MI_ConstDatetimeField), 40),
    MB_ROW(MI_VERSION, 65792),
};
#define MB_CHECKED_LAYOUT 1
#endif

/* A context whose table records which entry was called. */
static int called;
static MI_Result MI_CALL post_result(MI_Context *c, MI_Result r)
{
    (void)c;
    called = 1;
    return r;
}
static MI_Result MI_CALL post_instance(MI_Context *c, const MI_Instance *i)
{
    (void)c;
    (void)i;
    called = 2;
    return MI_RESULT_OK;
}
static MI_Result MI_CALL write_message(MI_Context *c, MI_Uint32 channel, const MI_Char *m)
{
    (void)c;
    (void)m;
    called = 10 + (int)channel;
    return MI_RESULT_OK;
}
static MI_Result MI_CALL should_continue(MI_Context *c, const MI_Char *m, MI_Boolean *result)
{
    (void)c;
    (void)m;
    *result = MI_TRUE;
    called = 3;
    return MI_RESULT_OK;
}
static MI_Result MI_CALL post_error(MI_Context *c, MI_Uint32 code, const MI_Char *type,
                                    const MI_Char *msg)
{
    (void)c;
    called = (int)code + (strcmp(type, MI_RESULT_TYPE_MI) == 0 && msg ? 100 : 0);
    return MI_RESULT_OK;
}

static int failures;
#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c);                  \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

int main(void)
{
    MI_ContextFT ft;
    MI_Context ctx;
    MI_Boolean yes = MI_FALSE;
#ifdef MB_CHECKED_LAYOUT
    size_t i;
    for (i = 0; i < sizeof mb_layout / sizeof mb_layout[0]; i++) {
        if (mb_layout[i].got != mb_layout[i].omi) {
            fprintf(stderr, "%s is %lu here, %lu in OMI's MI.h\n", mb_layout[i].what,
                    (unsigned long)mb_layout[i].got, (unsigned long)mb_layout[i].omi);
            failures++;
        }
    }
#else
    puts("SKIP-ABI: the layout numbers are x86_64's; only the wrappers are checked");
#endif
    memset(&ft, 0, sizeof ft);
    ft.PostResult = post_result;
    ft.PostInstance = post_instance;
    ft.WriteMessage = write_message;
    ft.ShouldContinue = should_continue;
    ft.PostError = post_error;
    ctx.ft = &ft;
    CHECK(MI_Context_PostResult(&ctx, MI_RESULT_NOT_FOUND) == MI_RESULT_NOT_FOUND && called == 1);
    CHECK(MI_Context_PostInstance(&ctx, NULL) == MI_RESULT_OK && called == 2);
    CHECK(MI_Context_WriteVerbose(&ctx, "v") == MI_RESULT_OK && called == 11);
    CHECK(MI_Context_WriteDebug(&ctx, "d") == MI_RESULT_OK && called == 12);
    CHECK(MI_Context_ShouldContinue(&ctx, "m", &yes) == MI_RESULT_OK && yes && called == 3);
    CHECK(MI_Context_PostError(&ctx, 7, MI_RESULT_TYPE_MI, "x") == MI_RESULT_OK && called == 107);
    CHECK(MI_Context_PostResult(NULL, MI_RESULT_OK) == MI_RESULT_INVALID_PARAMETER);
    ctx.ft = NULL;
    CHECK(MI_Context_PostInstance(&ctx, NULL) == MI_RESULT_INVALID_PARAMETER);
    CHECK(MI_Filter_Evaluate(NULL, NULL, &yes) == MI_RESULT_INVALID_PARAMETER);
    if (failures)
        return 1;
    puts("provider ABI: OK");
    return 0;
}
