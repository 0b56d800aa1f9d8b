MOFBIND_GEN_P_$type$($owner$, $prop$, $args$)
