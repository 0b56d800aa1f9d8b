#ifndef MOFBIND_GEN_ENUM_$enum$
#define MOFBIND_GEN_ENUM_$enum$
/* The MOF 3 string enumeration $cim_enum$: its values by position, and their strings. */
typedef enum $enum$ {
$items$} $enum$;
MI_INLINE const MI_Char *$enum$_ToString($enum$ value);
MI_INLINE MI_Boolean $enum$_FromString(const MI_Char *str, $enum$ *value);
MOFBIND_GEN_STRING_ENUM($enum$, $strings$)
#endif

