MOFBIND_GEN_UPCAST($class$, $super$)
