
/* $cim_method$, inherited from $decl_class$ (as in $decl_class$.h, with $class$ for $decl_class$):
 * $class$_Invoke_$method$, $class$_Invoke_$method$Sync. */
MOFBIND_GEN_INHERITED_OUT($class$, $method$, $decl$)
MOFBIND_GEN_METHOD_$kind$($class$, $method$, $decl$)
