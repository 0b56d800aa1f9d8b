static const MI_Qualifier $id$ = {
    MI_T("$name$"), MI_BOOLEAN, $flavor$, &$class$_true_};
