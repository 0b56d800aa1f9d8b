$doc$typedef struct $class$ {
    MI_Instance *mofbind_actual_; /* a result of a subclass: $class$_ClassName, _From_S */
