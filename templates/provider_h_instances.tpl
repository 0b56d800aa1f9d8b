void MI_CALL $class$_EnumerateInstances($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_PropertySet *propertySet,
    MI_Boolean keysOnly, const MI_Filter *filter);
void MI_CALL $class$_GetInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *instanceName,
    const MI_PropertySet *propertySet);
void MI_CALL $class$_CreateInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *newInstance);
void MI_CALL $class$_ModifyInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *modifiedInstance,
    const MI_PropertySet *propertySet);
void MI_CALL $class$_DeleteInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *instanceName);
