const MI_PropertyDecl $id$ = {
    $flags$, $code$, MI_T("$name$"),
    $quals$, $nquals$,
    $mitype$, $classname$, $subscript$, $offset$,
    MI_T("$origin$"), MI_T("$propagator$"), $value$};

