MI_INLINE MI_Boolean $owner$_Get_$prop$(const $owner$ *x, $ctype$*value);
MOFBIND_GEN_GET($owner$, $prop$, $field$, $vtype$)
