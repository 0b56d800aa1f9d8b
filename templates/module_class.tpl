
/* ---- $cim_class$ ---- */

/* $class$_rtti with the provider's functions (filled in by MI_Main). */
static MI_ClassDecl $class$_provider_rtti;

static void MI_CALL $class$_Load_glue(void **self, MI_Module_Self *selfModule, MI_Context *context)
{
    $class$_Self *s = NULL;
    $class$_Load(&s, selfModule, context);
    *self = s;
}

static void MI_CALL $class$_Unload_glue(void *self, MI_Context *context)
{
    $class$_Unload(($class$_Self *)self, context);
}
