
/* $class$_As_S, _AsConst_S: x as its superclass S; $class$_From_S: back (mofbind_gen.h). */
