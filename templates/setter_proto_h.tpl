MI_INLINE MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$value);
