
static void MI_CALL $class$_EnableIndications_glue(void *self, MI_Context *indicationsContext,
    const MI_Char *nameSpace, const MI_Char *className)
{
    $class$_EnableIndications(($class$_Self *)self, indicationsContext, nameSpace, className);
}

static void MI_CALL $class$_DisableIndications_glue(void *self, MI_Context *indicationsContext,
    const MI_Char *nameSpace, const MI_Char *className)
{
    $class$_DisableIndications(($class$_Self *)self, indicationsContext, nameSpace, className);
}

static void MI_CALL $class$_Subscribe_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Filter *filter,
    const MI_Char *bookmark, MI_Uint64 subscriptionID, void **subscriptionSelf)
{
    $class$_SubscribeIndications(($class$_Self *)self, context, nameSpace, className, filter,
        bookmark, subscriptionID, subscriptionSelf);
}

static void MI_CALL $class$_Unsubscribe_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, MI_Uint64 subscriptionID,
    void *subscriptionSelf)
{
    $class$_UnsubscribeIndications(($class$_Self *)self, context, nameSpace, className,
        subscriptionID, subscriptionSelf);
}
