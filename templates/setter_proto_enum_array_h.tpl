MI_INLINE MI_Result $owner$_Set_$prop$($owner$ *x, const $ctype$*data, MI_Uint32 size);
