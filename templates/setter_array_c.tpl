
MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$data, MI_Uint32 size)
{
    return mofbind_gen_set_array(&x->$field$, $mitype$, data, size, 1);
}

MI_Result $owner$_SetPtr_$prop$($owner$ *x, $ctype$data, MI_Uint32 size)
{
    return mofbind_gen_set_array(&x->$field$, $mitype$, data, size, 0);
}

void $owner$_Clear_$prop$($owner$ *x)
{
    mofbind_gen_field_clear(&x->$field$, $mitype$);
}
