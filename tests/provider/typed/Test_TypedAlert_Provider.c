/* SPDX-License-Identifier: MIT */
/* tests/provider/typed/Test_TypedAlert_Provider.c: the provider of the indication class
 * Test_TypedAlert: its entries keep and forget the indication context and accept every
 * subscription, noting each call (typed_alerts.c); Test_TypedControl.Raise posts the alerts. The
 * skeleton `mofbind --provider` wrote for tests/server/alerts.mof, filled in (the generated glue is
 * made at build time into tests/provgen/, tests/provider.mk). */
#include "Test_TypedAlert_Provider.h"
#include "typed_alerts.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as Test_TypedAlert_Provider.h declares them, and change the name here to the one there.
 */
typedef Test_TypedAlert_Skeleton_Indication Test_TypedAlert_Skeleton_Check;

struct Test_TypedAlert_Self {
    int unused; /* your provider's state */
};

void MI_CALL Test_TypedAlert_Load(Test_TypedAlert_Self **self, MI_Module_Self *selfModule,
                                  MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    typed_reset();
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedAlert_Unload(Test_TypedAlert_Self *self, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL Test_TypedAlert_EnableIndications(Test_TypedAlert_Self *self,
                                               MI_Context *indicationsContext,
                                               const MI_Char *nameSpace, const MI_Char *className)
{
    MI_UNREFERENCED_PARAMETER(self);
    typed_enable(TYPED_ALERT, indicationsContext, nameSpace, className);
}

void MI_CALL Test_TypedAlert_DisableIndications(Test_TypedAlert_Self *self,
                                                MI_Context *indicationsContext,
                                                const MI_Char *nameSpace, const MI_Char *className)
{
    MI_UNREFERENCED_PARAMETER(self);
    typed_enable(TYPED_ALERT, NULL, nameSpace, className);
    MI_Context_PostResult(indicationsContext, MI_RESULT_OK);
}

void MI_CALL Test_TypedAlert_SubscribeIndications(Test_TypedAlert_Self *self, MI_Context *context,
                                                  const MI_Char *nameSpace,
                                                  const MI_Char *className, const MI_Filter *filter,
                                                  const MI_Char *bookmark, MI_Uint64 subscriptionID,
                                                  void **subscriptionSelf)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    typed_subscribe(context, className, filter, bookmark, subscriptionID, subscriptionSelf);
}

void MI_CALL Test_TypedAlert_UnsubscribeIndications(Test_TypedAlert_Self *self, MI_Context *context,
                                                    const MI_Char *nameSpace,
                                                    const MI_Char *className,
                                                    MI_Uint64 subscriptionID,
                                                    void *subscriptionSelf)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(subscriptionSelf);
    typed_note("unsubscribe %s %llu\n", className, (unsigned long long)subscriptionID);
    MI_Context_PostResult(context, MI_RESULT_OK);
}
