    if (r == MI_RESULT_OK)
        r = mofbind_gen_marshal(&$class$_rtti, instanceKeys, &app, MOFBIND_GEN_KEYS, &target,
            msg, sizeof msg);
