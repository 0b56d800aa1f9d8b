    MI_Uint8 mofbind_empty_; /* the class has no properties */
