
/* The tables of $cim_method$ are in $class$.c; its result, and a reader per OUT parameter: */
MOFBIND_GEN_METHOD_OUT($decl$)
