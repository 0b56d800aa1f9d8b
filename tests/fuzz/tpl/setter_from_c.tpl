
MI_Result $owner$_SetFrom_$prop$($owner$ *x, const struct $other$ *y,
    MI_Application *application)
{
    return mofbind_gen_set_from(&x->$field$, $mitype$, &$other$_rtti, y, application,
        $mode$);
}

