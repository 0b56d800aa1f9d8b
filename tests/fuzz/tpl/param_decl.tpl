static const MI_ParameterDecl $id$ = {
    $flags$, $code$, MI_T("$name$"),
    $quals$, $nquals$,
    $mitype$, $classname$, $subscript$, $offset$};

