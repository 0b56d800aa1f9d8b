MI_INLINE MI_Boolean $owner$_Get_$prop$(const $owner$ *x, const $struct$ **value);
MOFBIND_GEN_GET_STRUCT($owner$, $prop$, $field$, $struct$)
