
/* $cim_class$ is an association: the instances of it (References) or at its other ends
 * (Associators) of the instance instanceName, of any class. */
void MI_CALL $class$_AssociatorInstances($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_Char *resultClass, const MI_Char *role, const MI_Char *resultRole,
    const MI_PropertySet *propertySet, MI_Boolean keysOnly, const MI_Filter *filter);
void MI_CALL $class$_ReferenceInstances($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_Instance *instanceName,
    const MI_Char *role, const MI_PropertySet *propertySet, MI_Boolean keysOnly,
    const MI_Filter *filter);
