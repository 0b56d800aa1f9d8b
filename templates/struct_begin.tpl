$doc$typedef struct $class$ {
    MI_Instance *mofbind_actual_; /* $class$_ClassName */
