
/* The class's table, and its functions (mofbind_gen.h): $class$_Init, _Destruct,
 * _ToInstance, _FromInstance; per property P _Set_P (copies), _SetPtr_P (borrows), _Clear_P. */
extern const MI_ClassDecl $class$_rtti;
MOFBIND_GEN_CLASS_FUNCTIONS($class$)
