/* Every inherited field sits where $super$ has it, so a $class$ * can stand for a $super$ *
 * (see $class$_As_$super$); the array size is negative, and the build fails, otherwise. */
#define MOFBIND_GEN_AT_(f) (offsetof($class$, f) == offsetof($super$, f))
typedef char $class$_layout_check_[(
$checks$    sizeof($class$) >= sizeof($super$)) ? 1 : -1];
#undef MOFBIND_GEN_AT_

