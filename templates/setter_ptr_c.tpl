
MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$value)
{
    return mofbind_gen_set_ptr(&x->$field$, $mitype$, value, 1);
}

MI_Result $owner$_SetPtr_$prop$($owner$ *x, $ctype$value)
{
    return mofbind_gen_set_ptr(&x->$field$, $mitype$, value, 0);
}

void $owner$_Clear_$prop$($owner$ *x)
{
    mofbind_gen_field_clear(&x->$field$, $mitype$);
}
