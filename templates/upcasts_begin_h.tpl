
/* $class$_As_S, _AsConst_S: x as its superclass S; MI_Result $class$_From_S(const S *s,
 * $class$ *x): x from s, read from a result whose class is $class$ (mofbind_gen.h). */
