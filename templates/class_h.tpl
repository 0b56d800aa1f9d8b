
/* The table, and the functions (mofbind_gen.h says what each does). */
extern const MI_ClassDecl $class$_rtti;
MI_INLINE void $class$_Init($class$ *x);
MI_INLINE void $class$_Destruct($class$ *x);
MI_INLINE MI_Result $class$_ToInstance(const $class$ *x, MI_Application *application,
    MI_Instance **instance);
MI_INLINE MI_Result $class$_FromInstance(const MI_Instance *instance, $class$ *x);
MI_INLINE const MI_Char *$class$_ClassName(const $class$ *x);
MOFBIND_GEN_CLASS_FUNCTIONS($class$)
