    offsetof($class$, $field$) == offsetof($super$, $field$) &&
