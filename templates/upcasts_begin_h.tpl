
/* $class$_As_S, _AsConst_S: x as its superclass S. */
