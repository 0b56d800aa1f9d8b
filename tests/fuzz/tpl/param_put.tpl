    if (r == MI_RESULT_OK)
        r = mofbind_gen_put(params, MI_T("$name$"), $mitype$, &in->$field$, MI_FLAG_IN);
