    MOFBIND_GEN_AT_($field$) &&
