
/* Operations (mofbind_gen.h): $class$_Get, _Modify, _Delete (by the keys of x), _Enumerate
 * (with _EnumerateNext), each with an Ex and (but _Enumerate) a Sync form. */
MOFBIND_GEN_OPERATIONS($class$)
