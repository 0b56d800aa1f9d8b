/* SPDX-License-Identifier: MIT */
/* tests/provider/typed/Test_TypedAlertSub_Provider.c: the provider of Test_TypedAlertSub, an
 * indication class by inheritance, as Test_TypedAlert_Provider.c. The skeleton `mofbind --provider`
 * wrote for tests/server/alerts.mof, filled in (the generated glue is made at build time into
 * tests/provgen/, tests/provider.mk). */
#include "Test_TypedAlertSub_Provider.h"
#include "typed_alerts.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Test_TypedAlertSub_Provider.h declares them, and change the name here to the one
 * there. */
typedef Test_TypedAlertSub_Skeleton_Indication Test_TypedAlertSub_Skeleton_Check;

struct Test_TypedAlertSub_Self {
    int unused; /* your provider's state */
};

void MI_CALL Test_TypedAlertSub_Load(Test_TypedAlertSub_Self **self, MI_Module_Self *selfModule,
                                     MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedAlertSub_Unload(Test_TypedAlertSub_Self *self, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedAlertSub_EnableIndications(Test_TypedAlertSub_Self *self,
                                                  MI_Context *indicationsContext,
                                                  const MI_Char *nameSpace,
                                                  const MI_Char *className)
{
    MI_UNREFERENCED_PARAMETER(self);
    typed_enable(TYPED_ALERT_SUB, indicationsContext, nameSpace, className);
}

void MI_CALL Test_TypedAlertSub_DisableIndications(Test_TypedAlertSub_Self *self,
                                                   MI_Context *indicationsContext,
                                                   const MI_Char *nameSpace,
                                                   const MI_Char *className)
{
    MI_UNREFERENCED_PARAMETER(self);
    typed_enable(TYPED_ALERT_SUB, NULL, nameSpace, className);
    MI_Context_PostResult(indicationsContext, MI_RESULT_OK);
}

void MI_CALL Test_TypedAlertSub_SubscribeIndications(
    Test_TypedAlertSub_Self *self, MI_Context *context, const MI_Char *nameSpace,
    const MI_Char *className, const MI_Filter *filter, const MI_Char *bookmark,
    MI_Uint64 subscriptionID, void **subscriptionSelf)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    typed_subscribe(context, className, filter, bookmark, subscriptionID, subscriptionSelf);
}

void MI_CALL Test_TypedAlertSub_UnsubscribeIndications(
    Test_TypedAlertSub_Self *self, MI_Context *context, const MI_Char *nameSpace,
    const MI_Char *className, MI_Uint64 subscriptionID, void *subscriptionSelf)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(subscriptionSelf);
    typed_note("unsubscribe %s %llu\n", className, (unsigned long long)subscriptionID);
    MI_Context_PostResult(context, MI_RESULT_OK);
}
