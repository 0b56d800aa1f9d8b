    $enum$_$name$ = $value$,
