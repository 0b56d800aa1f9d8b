
/* The setters: the superclass's list, then MOFBIND_GEN_P_<type>(class, property, field) for
 * each property $cim_class$ adds; a subclass's list starts with this one. */
#define $class$_SETTERS_(MOFBIND_C_) \
