MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$value);
void $owner$_Clear_$prop$($owner$ *x);
