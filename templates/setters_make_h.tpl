$class$_SETTERS_($class$)
