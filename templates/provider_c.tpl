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
$operations$$assoc$$methods$