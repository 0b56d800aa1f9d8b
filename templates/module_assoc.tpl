
static void MI_CALL $class$_AssociatorInstances_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
    const MI_PropertySet *propertySet, MI_Boolean keysOnly, const MI_Filter *filter)
{
    $class$_AssociatorInstances(($class$_Self *)self, context, nameSpace, className,
        instanceName, resultClass, role, resultRole, propertySet, keysOnly, filter);
}

static void MI_CALL $class$_ReferenceInstances_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_Char *role, const MI_PropertySet *propertySet, MI_Boolean keysOnly,
    const MI_Filter *filter)
{
    $class$_ReferenceInstances(($class$_Self *)self, context, nameSpace, className,
        instanceName, role, propertySet, keysOnly, filter);
}
