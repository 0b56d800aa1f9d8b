struct $other$;
MI_INLINE MI_Result $owner$_SetFrom_$prop$($owner$ *x, const struct $other$ *y,
    MI_Application *application);
MOFBIND_GEN_SET_FROM($owner$, $prop$, $field$, $other$, $mitype$, $mode$)
