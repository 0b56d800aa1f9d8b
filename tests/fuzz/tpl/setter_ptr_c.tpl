MOFBIND_GEN_PTR_SETTERS($owner$, $prop$, $field$, $ctype$, $mitype$)
