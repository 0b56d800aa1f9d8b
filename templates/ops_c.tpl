
void $class$_GetEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op)
{
    mofbind_gen_instance_op(&$class$_rtti, MOFBIND_GEN_OP_GET, session, flags, options, ns, x,
        callbacks, op);
}

void $class$_Get(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    $class$_GetEx(session, 0, NULL, ns, x, callbacks, op);
}

MI_Result $class$_GetSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    $class$ *out, MI_Instance **errorDetails)
{
    MI_Operation op = MI_OPERATION_NULL;
    $class$_GetEx(session, 0, NULL, ns, x, NULL, &op);
    return mofbind_gen_wait(&op, &$class$_rtti, NULL, out, errorDetails);
}

void $class$_ModifyEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op)
{
    mofbind_gen_instance_op(&$class$_rtti, MOFBIND_GEN_OP_MODIFY, session, flags, options, ns, x,
        callbacks, op);
}

void $class$_Modify(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    $class$_ModifyEx(session, 0, NULL, ns, x, callbacks, op);
}

MI_Result $class$_ModifySync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_Instance **errorDetails)
{
    MI_Operation op = MI_OPERATION_NULL;
    $class$_ModifyEx(session, 0, NULL, ns, x, NULL, &op);
    return mofbind_gen_wait(&op, NULL, NULL, NULL, errorDetails);
}

void $class$_DeleteEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op)
{
    mofbind_gen_instance_op(&$class$_rtti, MOFBIND_GEN_OP_DELETE, session, flags, options, ns, x,
        callbacks, op);
}

void $class$_Delete(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    $class$_DeleteEx(session, 0, NULL, ns, x, callbacks, op);
}

MI_Result $class$_DeleteSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_Instance **errorDetails)
{
    MI_Operation op = MI_OPERATION_NULL;
    $class$_DeleteEx(session, 0, NULL, ns, x, NULL, &op);
    return mofbind_gen_wait(&op, NULL, NULL, NULL, errorDetails);
}

void $class$_EnumerateEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, MI_Boolean keysOnly,
    MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    MI_Session_EnumerateInstances(session, flags, options, ns, MI_T("$cim_class$"), keysOnly,
        callbacks, op);
}

void $class$_Enumerate(MI_Session *session, const MI_Char *ns, MI_Boolean keysOnly,
    MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    $class$_EnumerateEx(session, 0, NULL, ns, keysOnly, callbacks, op);
}

MI_Result $class$_EnumerateNext(MI_Operation *op, $class$ *x, MI_Boolean *found,
    MI_Boolean *moreResults, MI_Result *result,
    const MI_Char **errorMessage, const MI_Instance **errorDetails)
{
    return mofbind_gen_next(op, &$class$_rtti, x, found, moreResults, result, errorMessage,
        errorDetails);
}
