$doc$    $field_type$ $field$;
