static const MI_Char *const $id$_value = MI_T("$value$");
static const MI_Qualifier $id$ = {
    MI_T("$name$"), MI_STRING, $flavor$, &$id$_value};
