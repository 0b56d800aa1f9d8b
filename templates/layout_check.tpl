MOFBIND_GEN_LAYOUT_CHECK($class$, $super$, $field$);
