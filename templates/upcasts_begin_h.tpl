
/* $class$_As_S and _AsConst_S: x as its superclass S (mofbind_gen.h). */
