
void $class$_Init($class$ *x)
{
    memset(x, 0, sizeof *x);
}

void $class$_Destruct($class$ *x)
{
    mofbind_gen_destruct(&$class$_rtti, x);
}

MI_Result $class$_ToInstance(const $class$ *x, MI_Application *application,
    MI_Instance **instance)
{
    MI_Char msg[MOFBIND_GEN_MSG];
    return mofbind_gen_marshal(&$class$_rtti, x, application, MOFBIND_GEN_ALL, instance, msg,
        sizeof msg);
}

MI_Result $class$_FromInstance(const MI_Instance *instance, $class$ *x)
{
    return mofbind_gen_unmarshal(&$class$_rtti, instance, x);
}
