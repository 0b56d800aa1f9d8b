
void $class$_Invoke_$method$(MI_Session *session, const MI_Char *ns,
    $target_param$$in_param$MI_OperationCallbacks *callbacks, MI_Operation *op)
{
    MI_Application app = MI_APPLICATION_NULL;
    MI_Instance *target = NULL, *params = NULL;
    MI_Char msg[MOFBIND_GEN_MSG];
    MI_Result r;
    msg[0] = '\0';
    r = MI_Session_GetApplication(session, &app);
$target_marshal$    if (r == MI_RESULT_OK)
        r = MI_Application_NewParameterSet(&app, NULL, &params);
$put_params$    if (r != MI_RESULT_OK) {
        if (!msg[0])
            snprintf(msg, sizeof msg, "%s: cannot marshal the parameters (MI_Result %d)",
                "$cim_class$.$cim_method$", (int)r);
        if (target)
            MI_Instance_Delete(target);
        if (params)
            MI_Instance_Delete(params);
        mofbind_gen_fail(session, 0, callbacks, op, r, msg);
        return;
    }
    MI_Session_Invoke(session, 0, NULL, ns, MI_T("$cim_class$"), MI_T("$cim_method$"), target,
        params, callbacks, op);
    if (target)
        MI_Instance_Delete(target);
    MI_Instance_Delete(params);
}

MI_Result $out_type$_FromInstance(const MI_Instance *instance, $out_type$ *out)
{
    MI_Result r = MI_RESULT_OK;
    memset(out, 0, sizeof *out);
    if (!instance)
        return MI_RESULT_INVALID_PARAMETER;
$get_params$    if (r != MI_RESULT_OK)
        $out_type$_Destruct(out);
    return r;
}

void $out_type$_Destruct($out_type$ *out)
{
$clear_params$}

static MI_Result $out_type$_From_(const MI_Instance *instance, void *out)
{
    return $out_type$_FromInstance(instance, ($out_type$ *)out);
}

MI_Result $class$_Invoke_$method$Sync(MI_Session *session, const MI_Char *ns,
    $target_param$$in_param$$out_type$ *out, MI_Instance **errorDetails)
{
    MI_Operation op = MI_OPERATION_NULL;
    $class$_Invoke_$method$(session, ns, $target_arg$$in_arg$NULL, &op);
    return mofbind_gen_wait(&op, NULL, $out_type$_From_, out, errorDetails);
}
