
#ifdef __cplusplus
extern "C" {
#endif

/* ns NULL in $cim_class$'s functions means its namespace (#pragma namespace; else root/cimv2). */
#define $class$_NAMESPACE "$namespace_c$"
