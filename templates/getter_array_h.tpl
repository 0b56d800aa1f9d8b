MI_INLINE MI_Boolean $owner$_Get_$prop$(const $owner$ *x, $ctype$*data, MI_Uint32 *size);
MOFBIND_GEN_GET_ARRAY($owner$, $prop$, $field$, $vtype$)
