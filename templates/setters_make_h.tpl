/* Their definitions: */
$class$_SETTERS_($class$)
