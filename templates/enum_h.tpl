#ifndef MOFBIND_GEN_ENUM_$enum$
#define MOFBIND_GEN_ENUM_$enum$
/* The MOF 3 enumeration $cim_enum$ (mofbind_gen.h says how setters take it;
 * _IsValid: whether a value is one of its own). */
typedef enum $enum$ {
$items$} $enum$;
MI_INLINE MI_Boolean $enum$_IsValid($enum$ value);
MOFBIND_GEN_INT_ENUM($enum$, $values$)
#endif

