MI_INLINE MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$data, MI_Uint32 size),
    $owner$_SetPtr_$prop$($owner$ *x, $ctype$data, MI_Uint32 size);
