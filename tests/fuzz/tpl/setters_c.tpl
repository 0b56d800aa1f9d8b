
/* The setters, spelled out by the macros of mofbind_gen.h. */
