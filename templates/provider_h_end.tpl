
/* $class$_Provider.c names this type: a skeleton written for another set of functions (a
 * method added or removed in the MOF) fails to compile there. */
typedef int $class$_Skeleton_$signature$;

#ifdef __cplusplus
}
#endif

#endif
