/* SPDX-License-Identifier: MIT */
/* tests/provider/typed/Test_TypedControl_Provider.c: the provider of Test_TypedControl, whose
 * static methods drive the typed alerts: Raise posts them (typed_alerts.c), Calls tells the calls
 * so far; its instance functions stay as written, NOT_SUPPORTED. The skeleton `mofbind --provider`
 * wrote for tests/server/alerts.mof, filled in (the generated glue is made at build time into
 * tests/provgen/, tests/provider.mk). */
#include "Test_TypedControl_Provider.h"
#include "typed_alerts.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Test_TypedControl_Provider.h declares them, and change the name here to the one
 * there. */
typedef Test_TypedControl_Skeleton_Instances_Raise_Calls Test_TypedControl_Skeleton_Check;

struct Test_TypedControl_Self {
    int unused; /* your provider's state */
};

void MI_CALL Test_TypedControl_Load(Test_TypedControl_Self **self, MI_Module_Self *selfModule,
                                    MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedControl_Unload(Test_TypedControl_Self *self, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedControl_EnumerateInstances(Test_TypedControl_Self *self, MI_Context *context,
                                                  const MI_Char *nameSpace,
                                                  const MI_Char *className,
                                                  const MI_PropertySet *propertySet,
                                                  MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Test_TypedControl_GetInstance(Test_TypedControl_Self *self, MI_Context *context,
                                           const MI_Char *nameSpace, const MI_Char *className,
                                           const Test_TypedControl *instanceName,
                                           const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Test_TypedControl_CreateInstance(Test_TypedControl_Self *self, MI_Context *context,
                                              const MI_Char *nameSpace, const MI_Char *className,
                                              const Test_TypedControl *newInstance)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(newInstance);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Test_TypedControl_ModifyInstance(Test_TypedControl_Self *self, MI_Context *context,
                                              const MI_Char *nameSpace, const MI_Char *className,
                                              const Test_TypedControl *modifiedInstance,
                                              const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(modifiedInstance);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Test_TypedControl_DeleteInstance(Test_TypedControl_Self *self, MI_Context *context,
                                              const MI_Char *nameSpace, const MI_Char *className,
                                              const Test_TypedControl *instanceName)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL Test_TypedControl_Method_Raise(Test_TypedControl_Self *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const MI_Char *methodName,
                                            const Test_TypedControl *instanceName,
                                            const Test_TypedControl_Raise_In *in)
{
    Test_TypedControl_Raise_Out out;
    MI_Result r;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);
    r = typed_raise(in->Sub.exists && in->Sub.value ? TYPED_ALERT_SUB : TYPED_ALERT,
                    in->Count.exists ? in->Count.value : 0, in->Text.exists ? in->Text.value : "");
    if (r != MI_RESULT_OK) {
        MI_Context_PostResult(context, r);
        return;
    }
    memset(&out, 0, sizeof out);
    out.MIReturn.value = 0;
    out.MIReturn.exists = MI_TRUE;
    Test_TypedControl_Raise_Post(context, &out);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedControl_Method_Calls(Test_TypedControl_Self *self, MI_Context *context,
                                            const MI_Char *nameSpace, const MI_Char *className,
                                            const MI_Char *methodName,
                                            const Test_TypedControl *instanceName)
{
    Test_TypedControl_Calls_Out out;
    char log[8192];
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);
    typed_calls(log, sizeof log);
    memset(&out, 0, sizeof out);
    out.MIReturn.value = 0;
    out.MIReturn.exists = MI_TRUE;
    out.Log.value = log;
    out.Log.exists = MI_TRUE;
    Test_TypedControl_Calls_Post(context, &out);
    MI_Context_PostResult(context, MI_RESULT_OK);
}
