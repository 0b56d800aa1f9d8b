
MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$value)
{
    return MOFBIND_GEN_SET_SCALAR(x->$field$, value);
}

void $owner$_Clear_$prop$($owner$ *x)
{
    mofbind_gen_field_clear(&x->$field$, $mitype$);
}
