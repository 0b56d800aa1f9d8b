MOFBIND_GEN_OPERATIONS($class$, "$cim_class$")
