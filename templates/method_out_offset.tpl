    offsetof($out_type$, $field$),
