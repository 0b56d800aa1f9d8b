
/* The tables of $cim_method$ are in $class$.c; its result: */
MOFBIND_GEN_METHOD_OUT($decl$)

