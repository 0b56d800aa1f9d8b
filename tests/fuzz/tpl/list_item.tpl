    &$item$,
