
/* Operations on the instance x's keys name; each has an Ex form taking (flags, options). */
MI_INLINE void $class$_Get(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_GetSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    $class$ *out, MI_Instance **errorDetails);
MI_INLINE void $class$_Modify(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_ModifySync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_Instance **errorDetails);
MI_INLINE void $class$_Delete(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_DeleteSync(MI_Session *session, const MI_Char *ns, const $class$ *x,
    MI_Instance **errorDetails);
MI_INLINE void $class$_Enumerate(MI_Session *session, const MI_Char *ns, MI_Boolean keysOnly,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_EnumerateNext(MI_Operation *op, $class$ *x, MI_Boolean *found,
    MI_Boolean *moreResults, MI_Result *result, const MI_Char **errorMessage,
    const MI_Instance **errorDetails);
/* Query: WQL condition or NULL; Subscribe: kind MOFBIND_GEN_CREATION, _DELETION, ... */
MI_INLINE void $class$_Query(MI_Session *session, const MI_Char *ns, const MI_Char *where,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE void $class$_Subscribe(MI_Session *session, const MI_Char *ns, int kind,
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_IndicationNext(MI_Operation *op, $class$ *source, $class$ *previous,
    MI_Boolean *found, MI_Boolean *moreResults, MI_Result *result,
    const MI_Char **errorMessage, const MI_Instance **errorDetails);
MI_INLINE MI_Result $class$_FromIndication(const MI_Instance *indication, $class$ *source,
    $class$ *previous);
MOFBIND_GEN_OPERATIONS($class$)
