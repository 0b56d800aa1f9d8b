    $super$_SETTERS_(MOFBIND_C_) \
