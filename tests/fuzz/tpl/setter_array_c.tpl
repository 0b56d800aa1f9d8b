MOFBIND_GEN_ARRAY_SETTERS($owner$, $prop$, $field$, $ctype$, $mitype$)
