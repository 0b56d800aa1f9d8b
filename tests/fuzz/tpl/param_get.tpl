    if (r == MI_RESULT_OK)
        r = mofbind_gen_get(instance, MI_T("$name$"), $mitype$, &out->$field$);
