MI_INLINE MI_Result $class$_Set_$prop$($class$ *x, $ctype$data, MI_Uint32 size),
    $class$_SetPtr_$prop$($class$ *x, $ctype$data, MI_Uint32 size);
