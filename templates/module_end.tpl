
/* ---- the module ---- */

static const MI_ClassDecl *const mofbind_module_classes[] = {
$classes$};

static MI_SchemaDecl mofbind_module_schema = {NULL, 0, mofbind_module_classes, $nclasses$};

static MI_Module mofbind_module = {
    MI_VERSION, MI_VERSION, 0, sizeof(MI_Char), &mofbind_module_schema, NULL, NULL, NULL};

/* The provider's entry point: the host calls it once, before anything else. */
MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server);
MI_EXPORT MI_Module *MI_MAIN_CALL MI_Main(MI_Server *server)
{
    MI_UNREFERENCED_PARAMETER(server);
$wire$    return &mofbind_module;
}

#ifdef __cplusplus
}
#endif
