    mofbind_gen_field_clear(&out->$field$, $mitype$);
