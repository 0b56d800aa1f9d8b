
/* Setters: the superclass's list, then a line per property $cim_class$ adds. */
#define $class$_SETTERS_(MOFBIND_C_) \
