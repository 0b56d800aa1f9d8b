struct $other$;
MI_INLINE MI_Result $owner$_GetAs_$prop$(const $owner$ *x, struct $other$ *y);
MOFBIND_GEN_GET_AS($owner$, $prop$, $field$, $other$)
