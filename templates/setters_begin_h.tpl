
/* The setter list: the superclass's, then one MOFBIND_GEN_P_<type>(class, property, field) per
 * property $cim_class$ adds. */
#define $class$_SETTERS_(MOFBIND_C_) \
