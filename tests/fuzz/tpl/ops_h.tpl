
/* Operations (conventions in mofbind_gen.h): Get, Modify and Delete name the instance by the
 * keys of x; Enumerate lists $cim_class$ and its subclasses, read one by one with _EnumerateNext. */
void $class$_Get(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
void $class$_GetEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op);
MI_Result $class$_GetSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    $class$ *out, MI_Instance **errorDetails);

void $class$_Modify(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
void $class$_ModifyEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op);
MI_Result $class$_ModifySync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_Instance **errorDetails);

void $class$_Delete(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
void $class$_DeleteEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op);
MI_Result $class$_DeleteSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_Instance **errorDetails);

void $class$_Enumerate(MI_Session *session, const MI_Char *ns, MI_Boolean keysOnly,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
void $class$_EnumerateEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, MI_Boolean keysOnly,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_Result $class$_EnumerateNext(MI_Operation *op, $class$ *x, MI_Boolean *found,
    MI_Boolean *moreResults, MI_Result *result,
    const MI_Char **errorMessage, const MI_Instance **errorDetails);
