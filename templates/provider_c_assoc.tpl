
void MI_CALL $class$_AssociatorInstances($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
    const MI_PropertySet *propertySet, MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_UNREFERENCED_PARAMETER(resultClass);
    MI_UNREFERENCED_PARAMETER(role);
    MI_UNREFERENCED_PARAMETER(resultRole);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL $class$_ReferenceInstances($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_Char *role, const MI_PropertySet *propertySet, MI_Boolean keysOnly,
    const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_UNREFERENCED_PARAMETER(role);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}
