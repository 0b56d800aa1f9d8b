        MI_Context_PostResult(context, MI_RESULT_METHOD_NOT_FOUND);
    if (t)
        $class$_Destruct(t);
}

static const MI_ProviderFT $class$_provider_ft = {
    $class$_Load_glue, $class$_Unload_glue, $instance_entries$, $associators$, $references$,
    $indication_entries$, $class$_Invoke_glue};
