MI_Result $owner$_Set_$prop$($owner$ *x, $ctype$data, MI_Uint32 size);
MI_Result $owner$_SetPtr_$prop$($owner$ *x, $ctype$data, MI_Uint32 size);
void $owner$_Clear_$prop$($owner$ *x);
