
/* $cim_method$: inherited from $decl_class$ (see $decl_class$.h). */
MOFBIND_GEN_INHERITED_OUT($class$, $method$, $decl$)
