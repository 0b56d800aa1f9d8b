
$doc$MI_INLINE void $class$_Invoke_$method$(MI_Session *session, const MI_Char *ns,$args$
    MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_INLINE MI_Result $class$_Invoke_$method$Sync(MI_Session *session, const MI_Char *ns,$args$
    $class$_$method$_Out *out, MI_Instance **errorDetails);
MOFBIND_GEN_METHOD_$kind$($class$, $method$, $decl$)
