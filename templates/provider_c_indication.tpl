
void MI_CALL $class$_EnableIndications($class$_Self *self, MI_Context *indicationsContext,
    const MI_Char *nameSpace, const MI_Char *className)
{
    /* Keep indicationsContext to post on until DisableIndications; post no result on it now
     * (a result ends every subscription of the class). */
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(indicationsContext);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
}

void MI_CALL $class$_DisableIndications($class$_Self *self, MI_Context *indicationsContext,
    const MI_Char *nameSpace, const MI_Char *className)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_Context_PostResult(indicationsContext, MI_RESULT_OK);
}

void MI_CALL $class$_SubscribeIndications($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Filter *filter,
    const MI_Char *bookmark, MI_Uint64 subscriptionID, void **subscriptionSelf)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(filter);
    MI_UNREFERENCED_PARAMETER(bookmark);
    MI_UNREFERENCED_PARAMETER(subscriptionID);
    *subscriptionSelf = NULL;
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL $class$_UnsubscribeIndications($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, MI_Uint64 subscriptionID,
    void *subscriptionSelf)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(subscriptionID);
    MI_UNREFERENCED_PARAMETER(subscriptionSelf);
    MI_Context_PostResult(context, MI_RESULT_OK);
}
