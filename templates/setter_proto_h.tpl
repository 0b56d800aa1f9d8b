MI_INLINE MI_Result $class$_Set_$prop$($class$ *x, $ctype$value);
