/* $class$_Provider.c: the provider of $cim_class$. Written by mofbind $version$ from $source$
 * as a skeleton for you to fill in; mofbind never overwrites it. Each function answers
 * MI_RESULT_NOT_SUPPORTED until you write it. */
#include "$class$_Provider.h"

/* This line fails to compile when the MOF no longer matches this file: then add or remove
 * functions as $class$_Provider.h declares them, and change the name here to the one there. */
typedef $class$_Skeleton_$signature$ $class$_Skeleton_Check;

struct $class$_Self {
    int unused; /* your provider's state */
};

void MI_CALL $class$_Load($class$_Self **self, MI_Module_Self *selfModule, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(selfModule);
    *self = NULL;
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL $class$_Unload($class$_Self *self, MI_Context *context)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_Context_PostResult(context, MI_RESULT_OK);
}

void MI_CALL $class$_EnumerateInstances($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const MI_PropertySet *propertySet,
    MI_Boolean keysOnly, const MI_Filter *filter)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_UNREFERENCED_PARAMETER(keysOnly);
    MI_UNREFERENCED_PARAMETER(filter);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL $class$_GetInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *instanceName,
    const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL $class$_CreateInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *newInstance)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(newInstance);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL $class$_ModifyInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *modifiedInstance,
    const MI_PropertySet *propertySet)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(modifiedInstance);
    MI_UNREFERENCED_PARAMETER(propertySet);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}

void MI_CALL $class$_DeleteInstance($class$_Self *self, MI_Context *context,
    const MI_Char *nameSpace, const MI_Char *className, const $class$ *instanceName)
{
    MI_UNREFERENCED_PARAMETER(self);
    MI_UNREFERENCED_PARAMETER(nameSpace);
    MI_UNREFERENCED_PARAMETER(className);
    MI_UNREFERENCED_PARAMETER(instanceName);
    MI_Context_PostResult(context, MI_RESULT_NOT_SUPPORTED);
}
$assoc$$methods$