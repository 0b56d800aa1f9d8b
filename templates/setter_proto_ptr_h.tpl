MI_INLINE MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$value),
    $owner$_SetPtr_$prop$($owner$ *x, $ctype$value);
