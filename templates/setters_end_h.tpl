    /* end */
$class$_SETTERS_($class$)
