$doc$MOFBIND_GEN_METHOD_$kind$($class$, $method$, $decl$)
