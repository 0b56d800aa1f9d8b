MOFBIND_GEN_SCALAR_SETTERS($owner$, $prop$, $field$, $ctype$, $mitype$)
