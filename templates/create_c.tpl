
void $class$_CreateEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op)
{
    mofbind_gen_instance_op(&$class$_rtti, MOFBIND_GEN_OP_CREATE, session, flags, options, ns, x,
        callbacks, op);
}

void $class$_Create(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    $class$_CreateEx(session, 0, NULL, ns, x, callbacks, op);
}

MI_Result $class$_CreateSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    $class$ *created, MI_Instance **errorDetails)
{
    MI_Operation op = MI_OPERATION_NULL;
    $class$_CreateEx(session, 0, NULL, ns, x, NULL, &op);
    return mofbind_gen_wait(&op, &$class$_rtti, NULL, created, errorDetails);
}
