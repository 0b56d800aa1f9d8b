
static void MI_CALL $class$_EnumerateInstances_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_PropertySet *propertySet,
    MI_Boolean keysOnly, const MI_Filter *filter)
{
    $class$_EnumerateInstances(($class$_Self *)self, context, nameSpace, className, propertySet,
        keysOnly, filter);
}

static void MI_CALL $class$_GetInstance_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_PropertySet *propertySet)
{
    $class$ x;
    if (mofbind_prov_in(context, &$class$_rtti, instanceName, &x) != MI_RESULT_OK)
        return;
    $class$_GetInstance(($class$_Self *)self, context, nameSpace, className, &x, propertySet);
    $class$_Destruct(&x);
}

static void MI_CALL $class$_CreateInstance_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *newInstance)
{
    $class$ x;
    if (mofbind_prov_in(context, &$class$_rtti, newInstance, &x) != MI_RESULT_OK)
        return;
    $class$_CreateInstance(($class$_Self *)self, context, nameSpace, className, &x);
    $class$_Destruct(&x);
}

static void MI_CALL $class$_ModifyInstance_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *modifiedInstance,
    const MI_PropertySet *propertySet)
{
    $class$ x;
    if (mofbind_prov_in(context, &$class$_rtti, modifiedInstance, &x) != MI_RESULT_OK)
        return;
    $class$_ModifyInstance(($class$_Self *)self, context, nameSpace, className, &x, propertySet);
    $class$_Destruct(&x);
}

static void MI_CALL $class$_DeleteInstance_glue(void *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName)
{
    $class$ x;
    if (mofbind_prov_in(context, &$class$_rtti, instanceName, &x) != MI_RESULT_OK)
        return;
    $class$_DeleteInstance(($class$_Self *)self, context, nameSpace, className, &x);
    $class$_Destruct(&x);
}
