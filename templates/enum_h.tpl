#ifndef MOFBIND_GEN_ENUM_$enum$
#define MOFBIND_GEN_ENUM_$enum$
/* The MOF 3 enumeration $cim_enum$ (mofbind_gen.h says how setters take it). */
typedef enum $enum$ {
$items$} $enum$;
#endif

