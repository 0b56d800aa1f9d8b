/* $class$'s struct begins with $super$'s fields, of the same types in the same order (so
 * each sits where $super$ has it; X_As_S relies on it): the last one is checked. */
typedef char $class$_layout_check_[offsetof($class$, $field$) == offsetof($super$, $field$) &&
    sizeof($class$) >= sizeof($super$) ? 1 : -1];
