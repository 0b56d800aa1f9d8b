/* The method $name$: IN parameters' offsets are in its _In struct, the others' in _Out. */
const MI_MethodDecl $id$ = {
    $flags$, $code$, MI_T("$name$"),
    $quals$, $nquals$,
    $params$, $nparams$, $size$, $mitype$,
    MI_T("$origin$"), MI_T("$propagator$"), NULL, NULL};

