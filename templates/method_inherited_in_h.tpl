MOFBIND_GEN_INHERITED_IN($class$, $method$, $decl$)
