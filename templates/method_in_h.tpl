/* Its functions (mofbind_gen.h): _Init, _Destruct, and per parameter setters as a class has. */
MI_INLINE void $decl$_In_Init($decl$_In *in);
MI_INLINE void $decl$_In_Destruct($decl$_In *in);
MOFBIND_GEN_METHOD_IN($decl$)
