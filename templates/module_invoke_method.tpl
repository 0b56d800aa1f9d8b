    if (mofbind_prov_is(methodName, MI_T("$cim_method$"))) {
        $class$_Method_$method$(($class$_Self *)self, context, nameSpace, className, methodName,
            t);
    } else
