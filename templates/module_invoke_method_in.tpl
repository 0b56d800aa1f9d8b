    if (mofbind_prov_is(methodName, MI_T("$cim_method$"))) {
        $decl$_In in;
        if (mofbind_prov_params(context, &$decl$_method, inputParameters, &in, sizeof in) ==
            MI_RESULT_OK) {
            $class$_Method_$method$(($class$_Self *)self, context, nameSpace, className,
                methodName, t, &in);
            mofbind_prov_params_destruct(&$decl$_method, &in);
        }
    } else
