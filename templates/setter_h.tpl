    MOFBIND_GEN_P_$type$(MOFBIND_C_, $prop$, $args$) \
