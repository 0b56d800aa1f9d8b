
$doc$void $class$_Invoke_$method$(MI_Session *session, const MI_Char *ns,
    $target_param$$in_param$MI_OperationCallbacks *callbacks, MI_Operation *op);
MI_Result $class$_Invoke_$method$Sync(MI_Session *session, const MI_Char *ns,
    $target_param$$in_param$$out_type$ *out, MI_Instance **errorDetails);
/* The method's result (MIReturn, OUT parameters) as copies out owns; free with _Destruct. */
MI_Result $out_type$_FromInstance(const MI_Instance *instance, $out_type$ *out);
void $out_type$_Destruct($out_type$ *out);
