
/* The type information of $cim_class$ for the runtime. The functions below follow the
 * conventions described in mofbind_gen.h: _Init, _Destruct, _ToInstance, _FromInstance, and per
 * property P _Set_P (copies), _SetPtr_P (borrows), _Clear_P. */
extern const MI_ClassDecl $class$_rtti;
void $class$_Init($class$ *x);
void $class$_Destruct($class$ *x);
MI_Result $class$_ToInstance(const $class$ *x, MI_Application *application,
    MI_Instance **instance);
MI_Result $class$_FromInstance(const MI_Instance *instance, $class$ *x);
