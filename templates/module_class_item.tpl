    &$class$_provider_rtti,
