        MI_Context_PostResult(context, MI_RESULT_METHOD_NOT_FOUND);
    if (t)
        $class$_Destruct(t);
}

static const MI_ProviderFT $class$_provider_ft = {
    $class$_Load_glue, $class$_Unload_glue, $class$_GetInstance_glue,
    $class$_EnumerateInstances_glue, $class$_CreateInstance_glue, $class$_ModifyInstance_glue,
    $class$_DeleteInstance_glue, $associators$, $references$, NULL, NULL, NULL, NULL,
    $class$_Invoke_glue};
