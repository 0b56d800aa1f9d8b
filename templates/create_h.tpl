MOFBIND_GEN_CREATE_FUNCTIONS($class$) /* _Create, _CreateEx, _CreateSync */
