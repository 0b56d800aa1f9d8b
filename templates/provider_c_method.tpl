
void MI_CALL $class$_Method_$method$($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Char *methodName,
    const $class$ *instanceName$in_param$)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(instanceName);$in_unused$
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}
