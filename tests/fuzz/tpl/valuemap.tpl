#define $class$_$prop$_$name$ $value$
