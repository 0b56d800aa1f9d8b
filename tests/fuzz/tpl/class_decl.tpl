const MI_ClassDecl $class$_rtti = {
    $flags$, $code$, MI_T("$cim_class$"),
    $quals$, $nquals$,
    $props$, $nprops$, sizeof($class$),
    $superclass$, $superdecl$,
    $methods$, $nmethods$, NULL, NULL, NULL};

