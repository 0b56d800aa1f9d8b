    $class$_provider_rtti = $class$_rtti;
    $class$_provider_rtti.providerFT = &$class$_provider_ft;
    $class$_provider_rtti.schema = &mofbind_module_schema;
