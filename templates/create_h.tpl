MI_INLINE void $class$_Create(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_CreateSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    $class$ *out, MI_Instance **errorDetails);
MOFBIND_GEN_CREATE_FUNCTIONS($class$) /* and _CreateEx */
