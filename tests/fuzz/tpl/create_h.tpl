
/* Create (conventions in mofbind_gen.h): a Required property left unset fails through the
 * operation; keys may be left unset for the server to assign. */
void $class$_Create(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
void $class$_CreateEx(MI_Session *session, MI_Uint32 flags, MI_OperationOptions *options,
    const MI_Char *ns, const $class$ *x, MI_OperationCallbacks *callbacks,
    MI_Operation *op);
MI_Result $class$_CreateSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    $class$ *created, MI_Instance **errorDetails);
