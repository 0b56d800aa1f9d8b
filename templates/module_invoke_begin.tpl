
/* Invoke: the method by name, its IN parameters into the typed _In struct. */
static void MI_CALL $class$_Invoke_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Char *methodName,
    const MI_Instance *instanceName, const MI_Instance *inputParameters)
{
    $class$ target, *t = NULL;
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(methodName);
    MI_UNREFERENCED_PARAMETER(inputParameters);
    if (instanceName) {
        if (mofbind_prov_in(context, &$class$_rtti, instanceName, &target) != MI_RESULT_OK)
            return;
        t = &target;
    }
