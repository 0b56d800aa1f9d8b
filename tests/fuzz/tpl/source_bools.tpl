static const MI_Boolean $class$_true_ = MI_TRUE;

